//! `kano compare` with many waves: tests/data/waves/ holds five fabricated waves of 80
//! respondents (tests/data/waves/generate.py writes them). By construction "Same-day delivery"
//! drifts attractive -> one-dimensional -> must-be, "Gift wrapping" wobbles within the noise,
//! and "Order tracking" moves from must-be to indifferent.

use kano::trend::{Trend, Verdict};

use crate::util::kano;

const WAVES: [&str; 5] = [
    "tests/data/waves/wave1.csv",
    "tests/data/waves/wave2.csv",
    "tests/data/waves/wave3.csv",
    "tests/data/waves/wave4.csv",
    "tests/data/waves/wave5.csv",
];

fn run(args: &[&str]) -> String {
    let output = kano()
        .arg("compare")
        .args(WAVES)
        .arg("-q")
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn verdict(trend: &Trend, name: &str) -> Verdict {
    trend
        .features
        .iter()
        .find(|f| f.name == name)
        .unwrap()
        .verdict
}

#[test]
fn five_waves_give_habituation_stable_and_reverse_drift() {
    let trend: Trend = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    assert_eq!(trend.waves.len(), 5);
    assert_eq!(verdict(&trend, "Same-day delivery"), Verdict::Habituation);
    assert_eq!(verdict(&trend, "Gift wrapping"), Verdict::Stable);
    assert_eq!(verdict(&trend, "Order tracking"), Verdict::ReverseDrift);
    let same_day = &trend.features[0];
    assert_eq!(
        same_day.path(),
        "A \u{2192} A \u{2192} O \u{2192} O \u{2192} M"
    );
    assert_eq!(same_day.steps.len(), 4);
    // Wave 2 -> 3: Worse from 30/80 to 50/80; pooled 0.5, z = -0.25 / sqrt(0.25 * 2/80) = -3.16.
    let step = &same_day.steps[1];
    assert!((step.worse_z.unwrap() + 3.162_278).abs() < 1e-5);
    assert_eq!(step.worse_significant, Some(true));
    // Every wave has its Better and Worse with a Wilson interval.
    assert!(same_day
        .waves
        .iter()
        .all(|w| w.better_ci.is_some() && w.worse_ci.is_some()));
}

#[test]
fn json_verdicts_are_the_three_documented_words() {
    let json: serde_json::Value = serde_json::from_str(&run(&["--format", "json"])).unwrap();
    let verdicts: Vec<&str> = json["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["verdict"].as_str().unwrap())
        .collect();
    assert_eq!(verdicts, ["habituation", "stable", "reverse-drift"]);
}

#[test]
fn one_file_with_a_wave_column_gives_the_same_verdicts() {
    let file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    let mut writer = csv::Writer::from_path(file.path()).unwrap();
    for (i, path) in WAVES.iter().enumerate() {
        let mut reader = csv::Reader::from_path(path).unwrap();
        if i == 0 {
            let header = reader.headers().unwrap().clone();
            writer
                .write_record(std::iter::once("wave").chain(header.iter()))
                .unwrap();
        }
        for row in reader.records() {
            let wave = (i + 1).to_string();
            writer
                .write_record(std::iter::once(wave.as_str()).chain(row.unwrap().iter()))
                .unwrap();
        }
    }
    writer.flush().unwrap();
    let output = kano()
        .arg("compare")
        .arg(file.path())
        .args(["--wave", "wave", "--format", "json", "-q"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let trend: Trend = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(trend.waves.len(), 5);
    assert!(trend.waves[0].path.ends_with("(wave = 1)"));
    assert_eq!(verdict(&trend, "Same-day delivery"), Verdict::Habituation);
    assert_eq!(verdict(&trend, "Gift wrapping"), Verdict::Stable);
    assert_eq!(verdict(&trend, "Order tracking"), Verdict::ReverseDrift);
}

#[test]
fn every_format_of_many_waves() {
    insta::assert_snapshot!("waves_table", run(&[]));
    insta::assert_snapshot!("waves_markdown", run(&["--format", "markdown"]));
    insta::assert_snapshot!("waves_csv", run(&["--format", "csv"]));
}

#[test]
fn one_wave_is_an_error_with_a_hint() {
    kano()
        .args(["compare", WAVES[0]])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("at least two waves"));
    kano()
        .args(["compare", WAVES[0], "--wave", "respondent_group"])
        .assert()
        .code(2);
}

#[test]
fn plot_draws_each_features_path_through_the_waves() {
    let output = kano().arg("plot").args(WAVES).arg("-q").output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let svg = String::from_utf8(output.stdout).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // An arrowhead on every visible step: the two features that move have four steps each
    // (Gift wrapping's wobble is mostly too short to draw one).
    let polygons = doc
        .descendants()
        .filter(|n| n.has_tag_name("polygon"))
        .count();
    assert!(polygons >= 8, "{polygons} arrowheads");
    assert!(svg.contains("Paths over 5 waves"));
}

#[test]
fn report_with_several_waves_shows_the_trend() {
    let mut cmd = kano();
    cmd.args(["report", "-q"]).args(WAVES);
    let output = cmd.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(html.contains("<h2>Trend over 5 waves</h2>"));
    assert!(html.contains("<td>Same-day delivery</td><td>A → A → O → O → M</td>"));
    assert!(html.contains("<td>habituation</td>"));
    assert!(html.contains("<td>reverse-drift</td>"));
}

/// The trend table of three or more waves has one fixed layout and no colour: `--width` and
/// `--color always` would change nothing there, so they are refused, not ignored; with two
/// waves they still apply.
#[test]
fn width_and_forced_colour_are_refused_for_a_trend_and_kept_for_two_waves() {
    for flags in [&["--width", "50"][..], &["--color", "always"][..]] {
        let output = kano()
            .arg("compare")
            .args(WAVES)
            .args(flags)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{flags:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("three or more"), "{stderr}");
        kano()
            .arg("compare")
            .args(&WAVES[..2])
            .arg("-q")
            .args(flags)
            .assert()
            .success();
    }
}
