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
    let status = std::process::Command::new(env!("CARGO"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["run", "--quiet", "--example", "generate", "--"])
        .args(["--respondents", "50", "--features", "3", "--seed", "5"])
        .arg("--output")
        .arg(&csv)
        .arg("--counts")
        .arg(&json)
        .status()
        .unwrap();
    assert!(status.success());
    let expected: kano::generate::Expected =
        serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let report = analyze_json(&[csv.to_str().unwrap(), "--quiet"]);
    for want in &expected.features {
        assert_eq!(counts(feature(&report, &want.name)), want.counts.to_array());
    }
}
