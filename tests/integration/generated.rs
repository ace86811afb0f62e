//! Generated surveys (`kano::generate`, the benchmark data generator) analyze to exactly the
//! counts the generator says it wrote, in both layouts and with both label kinds.

use std::io::BufWriter;

use kano::generate::{write_survey, GenLayout, Labels, Spec};

use crate::util::{analyze_json, counts, feature};

#[test]
fn generated_surveys_analyze_to_the_generators_expected_counts() {
    let dir = tempfile::tempdir().unwrap();
    for layout in [GenLayout::Wide, GenLayout::Long] {
        for labels in [Labels::Text, Labels::Numeric] {
            let spec = Spec {
                respondents: 500,
                features: 6,
                layout,
                labels,
                seed: 9,
                extras: Default::default(),
            };
            let path = dir.path().join(format!("{layout:?}-{labels:?}.csv"));
            let mut out = BufWriter::new(std::fs::File::create(&path).unwrap());
            let expected = write_survey(&spec, &mut out).unwrap();
            drop(out);
            let report = analyze_json(&[path.to_str().unwrap(), "--quiet"]);
            let context = format!("{layout:?} {labels:?}");
            assert_eq!(report["input"]["respondents"], 500, "{context}");
            assert_eq!(report["features"].as_array().unwrap().len(), 6, "{context}");
            for want in &expected.features {
                let got = feature(&report, &want.name);
                assert_eq!(
                    counts(got),
                    want.counts.to_array(),
                    "{context} {}",
                    want.name
                );
                assert_eq!(
                    got["missing"], want.counts.missing,
                    "{context} {}",
                    want.name
                );
            }
        }
    }
}

#[test]
fn the_generator_example_writes_the_survey_and_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("s.csv");
    let json = dir.path().join("s.json");
    let args = [
        "--respondents",
        "50",
        "--features",
        "3",
        "--seed",
        "5",
        "--output",
    ];
    let mut args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    args.extend([csv.as_os_str(), "--counts".as_ref(), json.as_os_str()]);
    assert_eq!(run_example("generate", &args), "");
    let expected: kano::generate::Expected =
        serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let report = analyze_json(&[csv.to_str().unwrap(), "--quiet"]);
    for want in &expected.features {
        assert_eq!(counts(feature(&report, &want.name)), want.counts.to_array());
    }
}

/// `cargo run --quiet --example NAME -- ARGS`, from the crate root; its standard output.
fn run_example(name: &str, args: &[&std::ffi::OsStr]) -> String {
    let output = std::process::Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["run", "--quiet", "--example", name, "--"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_two_reference_readers_agree_on_records_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let generated = dir.path().join("g.csv");
    let spec = Spec {
        respondents: 300,
        features: 4,
        layout: GenLayout::Wide,
        labels: Labels::Text,
        seed: 2,
        extras: Default::default(),
    };
    write_survey(&spec, &mut std::fs::File::create(&generated).unwrap()).unwrap();
    for file in [
        generated.as_os_str(),
        "tests/data/bom-semicolon-crlf.csv".as_ref(),
        "examples/online-shop.csv".as_ref(),
    ] {
        let csv = run_example("read_csv", &[file]);
        let simd = run_example("read_simd_csv", &[file]);
        assert_eq!(csv, simd, "{file:?}");
        assert!(csv.ends_with("field bytes\n"), "{csv}");
    }
    assert!(run_example("read_csv", &[generated.as_os_str()]).starts_with("301 records,"));
}
