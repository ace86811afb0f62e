//! Any export, no flags (issue 15): answer wordings kano has never seen are inferred from their
//! words, and said; unknown labels that cannot be inferred are listed with counts and columns;
//! verbal importance scales decode; long-layout columns under other languages' names are found.
//! Every fixture here uses wordings written for these tests.

use std::io::Read;

use predicates::prelude::*;
use serde_json::Value;

use crate::util::{analyze_json, data, feature, kano};

fn export(name: &str) -> String {
    data(&format!("exports/{name}"))
}

/// Runs `kano init FILE -o kano.toml` in a temporary directory (kept while the guard lives) and
/// returns the guard and the spec's path.
fn init_spec(file: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("kano.toml");
    kano()
        .args(["init", file, "-o"])
        .arg(&spec)
        .assert()
        .success();
    (dir, spec)
}

fn counts_of(report: &Value, name: &str) -> [u64; 6] {
    let c = &feature(report, name)["counts"];
    ["A", "O", "M", "I", "R", "Q"].map(|k| c[k].as_u64().unwrap())
}

#[test]
fn own_english_wordings_are_inferred_and_counted() {
    let report = analyze_json(&[&export("own-wordings.csv")]);
    assert_eq!(counts_of(&report, "Offline mode"), [1, 2, 2, 0, 0, 0]);
    assert_eq!(counts_of(&report, "Dark theme"), [3, 0, 0, 2, 0, 0]);
    let inferred = report["reading"]["inferred_answers"].as_array().unwrap();
    let pairs: Vec<(&str, &str)> = inferred
        .iter()
        .map(|i| (i["label"].as_str().unwrap(), i["answer"].as_str().unwrap()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("That would make me happy", "like"),
            ("That would really bother me", "dislike"),
            ("I couldn't care less", "neutral"),
            ("I'd take it for granted", "must-be"),
            ("I could put up with it", "live-with"),
        ]
    );
    // Verbal importance: 5, 2, 4, 1, 3.
    let importance = &feature(&report, "Dark theme")["importance"];
    assert_eq!(importance["mean"].as_f64().unwrap(), 3.0);
}

#[test]
fn the_inferred_mapping_is_said_on_stderr() {
    kano()
        .args(["analyze", &export("own-wordings.csv")])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "inferred what 5 answer label(s) mean",
        ))
        .stderr(predicate::str::contains(
            "\"I couldn't care less\" = neutral",
        ))
        .stderr(predicate::str::contains("\"Very important\" = 4"));
}

#[test]
fn no_infer_refuses_and_lists_the_labels() {
    kano()
        .args(["analyze", &export("own-wordings.csv"), "--no-infer"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("inference is off (--no-infer)"))
        .stderr(predicate::str::contains(
            "\"That would make me happy\" x6 in \"Offline mode (functional)\", \"Dark theme (functional)\"",
        ))
        .stderr(predicate::str::contains("kano init"));
}

#[test]
fn explicit_answers_win_over_inference() {
    let report = analyze_json(&[
        &export("own-wordings.csv"),
        "--answer",
        "I could put up with it=live-with",
    ]);
    let inferred = report["reading"]["inferred_answers"].as_array().unwrap();
    assert_eq!(inferred.len(), 4);
    assert!(inferred
        .iter()
        .all(|i| i["label"] != "I could put up with it"));
    assert_eq!(counts_of(&report, "Offline mode"), [1, 2, 2, 0, 0, 0]);
}

#[test]
fn a_mapping_that_takes_another_labels_answer_stops_inference() {
    // "I could put up with it" mapped to neutral leaves no answer for "I couldn't care less".
    kano()
        .args([
            "analyze",
            &export("own-wordings.csv"),
            "--answer",
            "I could put up with it=neutral",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("\"I couldn't care less\" x6"));
}

#[test]
fn french_question_text_with_emoji_wordings_reads_with_no_flags() {
    let report = analyze_json(&[&export("french-own-wordings.tsv")]);
    assert_eq!(
        counts_of(&report, "proposait le mode hors ligne"),
        [1, 2, 1, 0, 0, 0]
    );
    assert_eq!(
        counts_of(&report, "offrait le thème sombre"),
        [2, 0, 0, 2, 0, 0]
    );
    let importance = &feature(&report, "offrait le thème sombre")["importance"];
    assert_eq!(importance["mean"].as_f64().unwrap(), 3.0);
    assert_eq!(
        report["reading"]["inferred_answers"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
}

#[test]
fn an_ambiguous_scale_is_refused_with_every_label_counted() {
    kano()
        .args(["analyze", &export("ambiguous-wordings.csv")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "\"Great\" x4 in \"Sync (functional)\", \"Widgets (functional)\"",
        ))
        .stderr(predicate::str::contains("\"Meh\" x3"))
        .stderr(predicate::str::contains(
            "could not tell which answer each means",
        ))
        .stderr(predicate::str::contains("kano init"))
        .stderr(predicate::str::contains("cannot tell the layout").not());
}

#[test]
fn inspect_shows_unknown_labels_instead_of_failing() {
    kano()
        .args(["inspect", &export("ambiguous-wordings.csv")])
        .assert()
        .success()
        .stdout(predicate::str::contains("Great -> UNKNOWN"));
    let output = kano()
        .args(["inspect", &export("own-wordings.csv"), "-f", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let happy = json["labels"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["label"] == "That would make me happy")
        .unwrap()
        .clone();
    assert_eq!(happy["answer"], "like");
    assert_eq!(happy["inferred"], true);
}

#[test]
fn init_writes_every_unknown_label_with_its_best_guess() {
    let output = kano()
        .args(["init", &export("ambiguous-wordings.csv")])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let spec = String::from_utf8(output.stdout).unwrap();
    assert!(
        spec.contains("\"Great\" = \"like\"  # a guess from its words: CHECK"),
        "{spec}"
    );
    assert!(spec.contains("\"Bad news\" = \"dislike\""), "{spec}");
    assert!(spec.contains("# \"Meh\" = \"\"  # no guess"), "{spec}");
}

#[test]
fn the_inferred_mapping_is_in_every_reading_section() {
    let dir = tempfile::tempdir().unwrap();
    // Markdown and the text of `inspect`.
    kano()
        .args(["analyze", &export("own-wordings.csv"), "-f", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::contains("inferred what 5 answer label(s)"));
    kano()
        .args(["inspect", &export("own-wordings.csv")])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "That would make me happy -> like (inferred from its words)",
        ));
    // HTML report.
    let html = dir.path().join("r.html");
    kano()
        .args(["report", &export("own-wordings.csv"), "-o"])
        .arg(&html)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("like (inferred)"));
    assert!(page.contains("inferred what 5 answer label(s)"));
    // xlsx Reading sheet.
    let book = dir.path().join("r.xlsx");
    kano()
        .args(["analyze", &export("own-wordings.csv"), "-f", "xlsx", "-o"])
        .arg(&book)
        .assert()
        .success();
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    let mut strings = String::new();
    archive
        .by_name("xl/sharedStrings.xml")
        .unwrap()
        .read_to_string(&mut strings)
        .unwrap();
    assert!(strings.contains("inferred what 5 answer label(s)"));
}

#[test]
fn long_layout_columns_in_french_are_found_and_said() {
    let output = kano()
        .args(["analyze", &export("long-french.csv"), "-f", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["input"]["layout"], "long");
    // (absence, presence) = (5, 1) O; (4, 2) I; (5, 2) M.
    assert_eq!(counts_of(&report, "Tri des déchets"), [0, 1, 1, 1, 0, 0]);
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("feature \"mesure\", functional \"presence\" and dysfunctional \"absence\""));
}

#[test]
fn cannot_lacks_and_antonym_questions_pair_and_the_antonyms_are_said() {
    let output = kano()
        .args(["analyze", &export("antonym-questions.csv"), "-f", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["features"].as_array().unwrap().len(), 3);
    // "can" / "cannot communicate": like/neutral A, neutral/neutral I, like/live-with A.
    assert_eq!(
        counts_of(
            &report,
            "How would you feel if the app can communicate with your watch"
        ),
        [2, 0, 0, 1, 0, 0]
    );
    // "has" / "lacks a lift": must-be/dislike M twice, like/dislike O.
    assert_eq!(
        counts_of(&report, "How would you feel if the station has a lift"),
        [0, 1, 2, 0, 0, 0]
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("paired 1 feature(s) by position")
            && stderr.contains("\"Would you like the buses to use clean energy such as electric\""),
        "{stderr}"
    );
}

/// Google Forms keeps both column sets when a form is edited mid-survey: question text first,
/// then a grid. A feature asked in both is one feature, each respondent counted once.
#[test]
fn a_feature_asked_in_two_form_versions_is_read_once_per_respondent() {
    let report = analyze_json(&[&export("google-forms-versions.csv")]);
    let names: Vec<&str> = report["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    for name in ["Export to PDF", "Share a link", "Dark theme"] {
        assert!(names.contains(&name), "{names:?}");
    }
    // n: respondents who answered either version. The sixth respondent answered both sets of
    // "Export to PDF" (grid: like/live-with, question text: dislike/like): only the grid counts,
    // so there is no reverse answer.
    assert_eq!(counts_of(&report, "Export to PDF"), [2, 2, 1, 1, 0, 0]);
    assert_eq!(feature(&report, "Export to PDF")["n"].as_u64(), Some(6));
    assert_eq!(counts_of(&report, "Share a link"), [2, 1, 2, 2, 0, 0]);
    assert_eq!(feature(&report, "Share a link")["n"].as_u64(), Some(7));
    assert_eq!(feature(&report, "Dark theme")["n"].as_u64(), Some(3));
    let merged = report["reading"]["merged_versions"].as_array().unwrap();
    assert_eq!(merged.len(), 2);
    let pdf = merged
        .iter()
        .find(|m| m["feature"] == "Export to PDF")
        .unwrap();
    assert_eq!(
        pdf["columns"][0],
        "Export to PDF [If the product has this, how do you feel?]"
    );
    assert_eq!(
        pdf["other_columns"][1],
        "If the app could not export to PDF, how would you feel?"
    );
    assert_eq!(pdf["both_answered"].as_u64(), Some(1));
    let link = merged
        .iter()
        .find(|m| m["feature"] == "Share a link")
        .unwrap();
    assert_eq!(link["both_answered"].as_u64(), Some(0));
}

#[test]
fn merged_form_versions_are_said_on_stderr_and_in_inspect() {
    kano()
        .args(["analyze", &export("google-forms-versions.csv")])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "merged 2 feature(s) asked in two form versions",
        ))
        .stderr(predicate::str::contains(
            "\"Export to PDF\" from \"Export to PDF [If the product has this, how do you feel?]\", \
             \"Export to PDF [If the product does not have this, how do you feel?]\" and \
             \"If the app could export to PDF, how would you feel?\", \
             \"If the app could not export to PDF, how would you feel?\" \
             (1 respondent(s) answered both",
        ));
    kano()
        .args(["inspect", &export("google-forms-versions.csv")])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Form versions merged (2): each respondent counted once",
        ));
    let output = kano()
        .args([
            "inspect",
            "--format",
            "json",
            &export("google-forms-versions.csv"),
        ])
        .output()
        .unwrap();
    let inspection: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        inspection["merged_versions"][0]["feature"].as_str(),
        Some("Export to PDF")
    );
}

/// Without merged versions the JSON has no `merged_versions` key, and grids still pair.
#[test]
fn surveys_asked_in_one_version_merge_nothing() {
    let report = analyze_json(&[&export("limesurvey.csv")]);
    assert!(report["reading"].get("merged_versions").is_none());
    assert_eq!(feature(&report, "Dark mode")["n"].as_u64(), Some(3));
}

/// `--importance-scale` maps a survey's own importance labels to numbers.
#[test]
fn own_importance_labels_read_by_the_given_scale() {
    let file = export("importance-own-labels.csv");
    // Labels of no known scale: an error that names the flag.
    kano()
        .args(["analyze", &file])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("importance \"Essential\""))
        .stderr(predicate::str::contains("--importance-scale"));
    let scale = "Unimportant=1,Nice to have=2,Essential=4";
    let report = analyze_json(&[&file, "--importance-scale", scale]);
    // (4 + 2 + 4 + 1) / 4
    let importance = &feature(&report, "Offline mode")["importance"];
    assert_eq!(importance["mean"].as_f64().unwrap(), 2.75);
    kano()
        .args(["analyze", &file, "--importance-scale", scale])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "read importance labels by the mapping given (--importance-scale or the spec's \
             [importance]): \"Unimportant\" = 1, \"Nice to have\" = 2, \"Essential\" = 4",
        ));
}

/// A given mapping wins over the verbal scale kano would infer, and a label it leaves out is
/// then an error rather than read on another scale.
#[test]
fn a_given_importance_scale_wins_over_the_inferred_one() {
    let file = export("own-wordings.csv");
    let scale = "Not at all important=0,Slightly important=0,Moderately important=0,\
                 Very important=10,Extremely important=10";
    let report = analyze_json(&[&file, "--importance-scale", scale]);
    // Inferred, the 5-point scale gives a mean of 3; given, (10 + 0 + 10 + 0 + 0) / 5.
    let importance = &feature(&report, "Dark theme")["importance"];
    assert_eq!(importance["mean"].as_f64().unwrap(), 4.0);
    kano()
        .args([
            "analyze",
            &file,
            "--importance-scale",
            "Extremely important=10",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "importance \"Slightly important\"",
        ));
    kano()
        .args(["analyze", &file, "--importance-scale", "Very important"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is no LABEL=NUMBER"));
}

/// The spec's `[importance]` table does what the flag does; the flag wins.
#[test]
fn the_spec_importance_table_maps_labels_and_the_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("kano.toml");
    std::fs::write(
        &spec,
        "[importance]\n\"Unimportant\" = 1\n\"Nice to have\" = 2\n\"Essential\" = 3\n",
    )
    .unwrap();
    let file = export("importance-own-labels.csv");
    let spec = spec.to_str().unwrap();
    let report = analyze_json(&[&file, "--spec", spec]);
    // (3 + 2 + 3 + 1) / 4
    let mean = |r: &Value| feature(r, "Offline mode")["importance"]["mean"].as_f64();
    assert_eq!(mean(&report), Some(2.25));
    let report = analyze_json(&[&file, "--spec", spec, "--importance-scale", "Essential=5"]);
    // (5 + 2 + 5 + 1) / 4
    assert_eq!(mean(&report), Some(3.25));
    std::fs::write(
        dir.path().join("bad.toml"),
        "[importance]\n\"Essential\" = \"high\"\n",
    )
    .unwrap();
    kano()
        .args(["analyze", &file, "--spec"])
        .arg(dir.path().join("bad.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("importance.Essential"));
}

/// `kano init` writes a merged feature's other form version, and the spec reads it back the same.
#[test]
fn init_writes_both_form_versions_of_a_merged_feature() {
    let file = export("google-forms-versions.csv");
    let (_dir, spec) = init_spec(&file);
    let text = std::fs::read_to_string(&spec).unwrap();
    assert!(
        text.contains("other_functional = \"If the app could export to PDF, how would you feel?\""),
        "{text}"
    );
    let report = analyze_json(&[&file, "--spec", spec.to_str().unwrap()]);
    assert_eq!(counts_of(&report, "Export to PDF"), [2, 2, 1, 1, 0, 0]);
    assert_eq!(
        report["reading"]["merged_versions"][0]["both_answered"].as_u64(),
        Some(1)
    );
}

/// Numbered options ("1 - ...") confirm an inferred scale when their order is the answers'
/// order, and refuse it when it is not.
#[test]
fn option_numbers_confirm_or_refuse_the_inferred_scale() {
    let report = analyze_json(&[&export("numbered-options.csv")]);
    let inferred = report["reading"]["inferred_answers"].as_array().unwrap();
    assert_eq!(inferred.len(), 5);
    assert!(inferred
        .iter()
        .all(|i| i["confirmed_by_option_order"] == Value::Bool(true)));
    assert_eq!(counts_of(&report, "Offline mode"), [1, 1, 1, 0, 0, 0]);
    kano()
        .args(["analyze", &export("numbered-options.csv")])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "(confirmed by option numbers, 1 = like)",
        ));
    kano()
        .args(["analyze", &export("numbered-options-contradict.csv")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the options' numbers contradict what their words say",
        ))
        .stderr(predicate::str::contains(
            "\"2 - That would really bother me\" read as dislike",
        ));
    // Labels without numbers: no confirmation claimed.
    let report = analyze_json(&[&export("own-wordings.csv")]);
    assert!(report["reading"]["inferred_answers"][0]
        .get("confirmed_by_option_order")
        .is_none());
}

/// Each kind of option order the export shows (value row, option codes beside labels, options
/// listed in the question text) confirms words that agree with it, refuses words that do not,
/// and alone assigns a complete scale the words do not decide.
#[test]
fn every_option_order_confirms_refuses_or_alone_assigns_the_scale() {
    let cases = [
        ("value-row.csv", "value row", "1 = like"),
        ("listed-options.csv", "question text", "the first = like"),
        ("coded-labels.csv", "option numbers", "1 = dislike"),
    ];
    for (file, evidence, first) in cases {
        let report = analyze_json(&[&export(file)]);
        let inferred = report["reading"]["inferred_answers"].as_array().unwrap();
        assert_eq!(inferred.len(), 5, "{file}");
        for i in inferred {
            assert_eq!(i["confirmed_by_option_order"], true, "{file}: {i}");
            assert_eq!(i["order_evidence"], evidence, "{file}");
            assert_eq!(i["first_option"], first, "{file}");
            assert!(i.get("from_order_only").is_none(), "{file}");
        }
        let happy = inferred
            .iter()
            .find(|i| {
                i["label"]
                    .as_str()
                    .unwrap()
                    .starts_with("That would make me happy")
            })
            .unwrap();
        assert_eq!(happy["answer"], "like", "{file}");
        kano()
            .args(["analyze", &export(file)])
            .assert()
            .success()
            .stderr(predicate::str::contains("(confirmed by "));
    }
    let cases = [
        (
            "value-row-contradict.csv",
            "the option order of the value row contradicts what their words say",
        ),
        (
            "listed-options-contradict.csv",
            "the option order of the options listed in the question text contradicts",
        ),
        (
            "coded-labels-contradict.csv",
            "the options' numbers contradict what their words say",
        ),
    ];
    for (file, conflict) in cases {
        kano()
            .args(["analyze", &export(file)])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(conflict))
            .stderr(predicate::str::contains("read as dislike"))
            .stderr(predicate::str::contains("kano init"));
    }
    // Labels whose words do not decide ("Fine", "So-so", "Hmm"), in a complete order whose
    // ends say which way it runs.
    let cases = [
        ("value-row-order-only.csv", "value row", "1 = dislike"),
        (
            "listed-options-order-only.csv",
            "question text",
            "the first = like",
        ),
        ("coded-labels-order-only.csv", "option numbers", "1 = like"),
    ];
    for (file, evidence, first) in cases {
        let report = analyze_json(&[&export(file)]);
        let inferred = report["reading"]["inferred_answers"].as_array().unwrap();
        let answers: Vec<(&str, &str)> = inferred
            .iter()
            .map(|i| (i["label"].as_str().unwrap(), i["answer"].as_str().unwrap()))
            .collect();
        let fine = answers.iter().find(|(l, _)| l.starts_with("Fine")).unwrap();
        assert_eq!(fine.1, "must-be", "{file}");
        let hmm = answers.iter().find(|(l, _)| l.starts_with("Hmm")).unwrap();
        assert_eq!(hmm.1, "live-with", "{file}");
        for i in inferred {
            assert_eq!(i["from_order_only"], true, "{file}");
            assert_eq!(i["order_evidence"], evidence, "{file}");
            assert_eq!(i["first_option"], first, "{file}");
        }
        let labels = analyze_json(&[&export("value-row.csv")]);
        if !file.starts_with("coded") {
            // The same answers as the fixture in words, feature by feature.
            assert_eq!(
                report["features"][0]["counts"], labels["features"][0]["counts"],
                "{file}"
            );
        }
        kano()
            .args(["analyze", &export(file)])
            .assert()
            .success()
            .stderr(predicate::str::contains("their words not deciding"))
            .stderr(predicate::str::contains(format!("({first})")));
        kano()
            .args(["inspect", &export(file)])
            .assert()
            .success()
            .stdout(predicate::str::contains("(from the option order of "));
    }
}

/// A value row that lists only codes 1-3, running reversed (1 = dislike): codes 4 and 5 are read
/// the same way round (4 = must-be, 5 = like), not by kano's 1 = like default; said.
#[test]
fn a_partial_reversed_value_row_reads_the_codes_it_leaves_out_the_same_way_round() {
    let file = export("value-row-partial-codes.csv");
    let report = analyze_json(&[&file]);
    let labels = analyze_json(&[&export("value-row.csv")]);
    for feature in ["Offline mode", "Dark theme"] {
        assert_eq!(
            counts_of(&report, feature),
            counts_of(&labels, feature),
            "{feature}"
        );
    }
    kano()
        .args(["analyze", &file])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "as the value row listed (the codes it leaves out the same way round): 1 = dislike, \
             2 = live-with, 3 = neutral, 4 = must-be, 5 = like",
        ));
}

/// Once a spec (as `kano init` writes it) or --answer states what the codes stand for, kano no
/// longer says it read them by the value row: nothing is left for it to decide.
#[test]
fn codes_the_spec_states_are_not_said_to_be_read_by_the_value_row() {
    let file = export("value-row-codes.csv");
    let (_dir, spec) = init_spec(&file);
    let replay = kano()
        .args(["analyze", &file, "-f", "json", "--spec"])
        .arg(&spec)
        .output()
        .unwrap();
    assert!(replay.status.success());
    let stderr = String::from_utf8_lossy(&replay.stderr);
    assert!(!stderr.contains("value row listed"), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&replay.stdout).unwrap();
    assert_eq!(
        counts_of(&report, "Offline mode"),
        counts_of(&analyze_json(&[&file]), "Offline mode")
    );
    // Mapping only some codes by hand leaves the rest to the value row, and says only those.
    kano()
        .args(["analyze", &file, "--answer", "1=dislike", "--answer", "2=live-with"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "read the answer columns' codes as the value row listed: 3 = neutral, 4 = must-be, 5 = like;",
        ));
}

/// Codes in the cells are read as the value row lists them: here 1 = dislike, which kano's
/// default (1 = like) would have turned upside down.
#[test]
fn codes_are_read_as_the_value_row_lists_them() {
    let report = analyze_json(&[&export("value-row-codes.csv")]);
    let labels = analyze_json(&[&export("value-row.csv")]);
    for feature in ["Offline mode", "Dark theme"] {
        assert_eq!(
            counts_of(&report, feature),
            counts_of(&labels, feature),
            "{feature}"
        );
    }
    assert_eq!(report["reading"]["header_rows"], 2);
    kano()
        .args(["analyze", &export("value-row-codes.csv")])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "read the answer columns' codes as the value row listed: 1 = dislike, 2 = live-with",
        ));
    // Codes beside inferred labels, with nothing in the file to say which way they run: kano's
    // default, said.
    let dir = tempfile::tempdir().unwrap();
    let mixed = dir.path().join("mixed.csv");
    let own = std::fs::read_to_string(export("own-wordings.csv")).unwrap();
    std::fs::write(&mixed, format!("{own}r06,1,5,3,3,Very important\n")).unwrap();
    kano()
        .arg("analyze")
        .arg(&mixed)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "read the codes beside these labels as 1 = like, 2 = must-be, 3 = neutral, \
             4 = live-with, 5 = dislike, kano's default: nothing in the file says which way they run",
        ));
    // Codes beside labels that carry their codes ("... (5)") are read by those codes.
    kano()
        .args(["analyze", &export("coded-labels.csv")])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "codes as option numbers listed: 1 = dislike",
        ));
}

/// A form edited after the sampled rows: its grid columns are empty in the first 110 rows, yet
/// they pair by their text, are read and merge with the question-text version; said.
#[test]
fn grid_columns_that_fill_only_after_the_sampled_rows_are_read_and_merged() {
    let report = analyze_json(&[&export("google-forms-late-grid.csv")]);
    let names: Vec<&str> = report["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    // 110 respondents answered the question text, 10 the grid: each counted once.
    assert_eq!(feature(&report, "Export to PDF")["n"], 120);
    assert_eq!(feature(&report, "Share a link")["n"], 120);
    assert_eq!(feature(&report, "Dark theme")["n"], 10);
    assert_eq!(
        report["reading"]["merged_versions"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    kano()
        .args(["analyze", &export("google-forms-late-grid.csv")])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "read 6 question column(s) that hold no answer in the first rows sampled",
        ))
        .stderr(predicate::str::contains(
            "\"Dark theme [If the product has this, how do you feel?]\"",
        ));
}

#[test]
fn a_value_row_under_qualtrics_headers_makes_four_header_rows_that_init_replays() {
    // Qualtrics' three header rows, then a value row listing the options (1 = dislike).
    let dir = tempfile::tempdir().unwrap();
    let survey = dir.path().join("qualtrics-values.csv");
    let options =
        "1=Would annoy me;2=Could live with it;3=No opinion;4=Take it for granted;5=Love it";
    let mut text = String::from("ResponseId,Q1_1,Q1_2,Q2_1,Q2_2\n");
    text.push_str(
        "Response ID,If it has the following? - Sync,If it has the following? - Tags,\
         If it lacks the following? - Sync,If it lacks the following? - Tags\n",
    );
    text.push_str(
        "\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1_1\"\"}\",\
         \"{\"\"ImportId\"\":\"\"QID1_2\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_1\"\"}\",\
         \"{\"\"ImportId\"\":\"\"QID2_2\"\"}\"\n",
    );
    text.push_str(&format!(",{options},{options},{options},{options}\n"));
    text.push_str("R_1,5,1,1,3\nR_2,4,1,1,3\nR_3,5,2,1,3\n");
    std::fs::write(&survey, text).unwrap();
    let first = analyze_json(&[survey.to_str().unwrap()]);
    assert_eq!(first["reading"]["header_rows"], 4);
    // Sync: (like, dislike), (must-be, dislike), (like, dislike): O, M, O.
    assert_eq!(counts_of(&first, "Sync"), [0, 2, 1, 0, 0, 0]);
    let init = kano().arg("init").arg(&survey).output().unwrap();
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let spec_text = String::from_utf8(init.stdout).unwrap();
    assert!(spec_text.contains("header_rows = 4"), "{spec_text}");
    let spec = dir.path().join("kano.toml");
    std::fs::write(&spec, spec_text).unwrap();
    let replay = analyze_json(&[survey.to_str().unwrap(), "--spec", spec.to_str().unwrap()]);
    assert_eq!(replay["features"], first["features"]);
    // The flag takes 4 as well, and refuses 5.
    let forced = analyze_json(&[survey.to_str().unwrap(), "--header-rows", "4"]);
    assert_eq!(forced["features"], first["features"]);
    kano()
        .arg("analyze")
        .arg(&survey)
        .args(["--header-rows", "5"])
        .assert()
        .code(2);
}

#[test]
fn spanish_wordings_listed_in_the_question_are_read_and_left_out_of_the_names() {
    let report = analyze_json(&[&export("spanish-listed-options.csv")]);
    // Counted by hand from the four rows: (like, dislike) O, (must-be, dislike) M, (like,
    // neutral) A, (like, live-with) A; then I, (like, live-with) A, (like, dislike) O, I.
    assert_eq!(counts_of(&report, "modo oscuro"), [2, 1, 1, 0, 0, 0]);
    assert_eq!(counts_of(&report, "chat en vivo"), [1, 1, 0, 2, 0, 0]);
    let inferred = report["reading"]["inferred_answers"].as_array().unwrap();
    let granted = inferred
        .iter()
        .find(|l| l["label"] == "Lo doy por hecho")
        .unwrap();
    assert_eq!(granted["answer"], "must-be");
    assert_eq!(granted["cues"][0], "por hecho");
    assert_eq!(granted["order_evidence"], "question text");
}
