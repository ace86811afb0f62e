//! Messages for bad input say what is wrong once, where, and how to fix it: I/O causes printed
//! once, gzip damage named, the spec file's line and key, encodings guessed aloud, counts too
//! large, absurd plan sizes refused.

use std::io::Write;

use crate::util::{analyze_json, counts, data, feature, kano};

/// Runs `kano ARGS`, expects exit 2, and returns standard error.
fn stderr_of(args: &[&str]) -> String {
    let output = kano().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    stderr
}

fn gzipped(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

const SURVEY: &str = "id,Caf\u{e9} chat (functional),Caf\u{e9} chat (dysfunctional)\r\n\
                      1,I like it,I dislike it\r\n2,I expect it,I dislike it\r\n";

#[test]
fn a_missing_file_names_the_os_error_once() {
    let stderr = stderr_of(&["analyze", "no-such-survey.csv"]);
    assert_eq!(stderr.matches("os error 2").count(), 1, "{stderr}");
    assert!(stderr.contains("no-such-survey.csv"), "{stderr}");
}

#[test]
fn a_corrupt_gzip_stream_is_named_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv.gz");
    std::fs::write(
        &path,
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbagegarbage",
    )
    .unwrap();
    let stderr = stderr_of(&["analyze", path.to_str().unwrap()]);
    assert_eq!(
        stderr.matches("corrupt deflate stream").count(),
        1,
        "{stderr}"
    );
}

#[test]
fn gzip_trailing_data_is_named_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("survey.csv.gz");
    let mut bytes = gzipped(SURVEY.as_bytes());
    let end = bytes.len();
    bytes.extend_from_slice(b"appended junk");
    std::fs::write(&path, &bytes).unwrap();
    let stderr = stderr_of(&["analyze", path.to_str().unwrap()]);
    assert!(
        stderr.contains(&format!(
            "trailing data after the gzip stream, at byte {end}"
        )),
        "{stderr}"
    );
    let cut = dir.path().join("cut.csv.gz");
    std::fs::write(&cut, &bytes[..end / 2]).unwrap();
    let stderr = stderr_of(&["analyze", cut.to_str().unwrap()]);
    assert!(stderr.contains("the gzip stream ends early"), "{stderr}");
}

#[test]
fn a_missing_spec_file_is_named_as_the_spec() {
    let stderr = stderr_of(&["analyze", &data("wave1.csv"), "--spec", "no-such-kano.toml"]);
    assert!(
        stderr.contains("--spec no-such-kano.toml: the spec file does not exist"),
        "{stderr}"
    );
    assert!(!stderr.contains("standard input"), "{stderr}");
}

#[test]
fn bad_spec_values_name_the_spec_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "layout = \"wide\"\ndelimiter = \";;\"\n",
            "line 2, key \"delimiter\": \";;\"",
        ),
        (
            "encoding = \"klingon\"\n",
            "line 1, key \"encoding\": \"klingon\"",
        ),
        ("header_rows = 7\n", "line 1, key \"header_rows\": \"7\""),
        (
            "layout = \"wide\"\n\n[analysis]\nmixed_threshold = 400\n",
            "line 4, key \"analysis.mixed_threshold\": \"400\"",
        ),
        (
            "[analysis]\nrule = \"median\"\n",
            "line 2, key \"analysis.rule\": \"median\"",
        ),
        (
            "[answers]\n\"Love it\" = \"adore\"\n",
            "line 2, key \"answers.Love it\": \"adore\"",
        ),
        (
            "[segments]\nby = \"age\"\ndrop_inconsistent = 2.0\n",
            "line 3, key \"segments.drop_inconsistent\": \"2\"",
        ),
    ];
    for (i, (spec, expected)) in cases.into_iter().enumerate() {
        let path = dir.path().join(format!("kano{i}.toml"));
        std::fs::write(&path, spec).unwrap();
        let stderr = stderr_of(&[
            "analyze",
            &data("wave1.csv"),
            "--spec",
            path.to_str().unwrap(),
        ]);
        assert!(
            stderr.contains(&format!("kano{i}.toml {expected}")),
            "{spec}: {stderr}"
        );
    }
}

#[test]
fn utf16_without_a_bom_is_decoded_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        (
            "le.csv",
            SURVEY
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        ),
        (
            "be.csv",
            SURVEY.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = kano()
            .args(["analyze", path.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        assert!(stderr.contains("guessed from its zero bytes"), "{stderr}");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert!(report["reading"]["encoding"]
            .as_str()
            .unwrap()
            .contains("no BOM"));
        assert_eq!(
            counts(feature(&report, "Caf\u{e9} chat")),
            [0, 1, 1, 0, 0, 0]
        );
    }
}

#[test]
fn windows_1252_with_an_accent_in_the_header_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cp1252.csv");
    let bytes: Vec<u8> = SURVEY
        .chars()
        .map(|c| if c == '\u{e9}' { 0xE9 } else { c as u8 })
        .collect();
    std::fs::write(&path, bytes).unwrap();
    let report = analyze_json(&[path.to_str().unwrap()]);
    assert_eq!(
        counts(feature(&report, "Caf\u{e9} chat")),
        [0, 1, 1, 0, 0, 0]
    );
    assert_eq!(
        report["reading"]["encoding"],
        "windows-1252 (not valid UTF-8)"
    );
}

#[test]
fn a_count_beyond_2_53_is_called_too_large() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("counts.csv");
    std::fs::write(&path, "feature,A,O,M,I,R,Q\nX,9007199254740993,1,1,1,1,1\n").unwrap();
    let stderr = stderr_of(&["analyze", path.to_str().unwrap()]);
    assert!(
        stderr.contains("count \"9007199254740993\" is too large"),
        "{stderr}"
    );
    assert!(!stderr.contains("not a whole number"), "{stderr}");
}

#[test]
fn plan_refuses_precisions_that_need_absurd_sizes() {
    let stderr = stderr_of(&["plan", "--precision", "1e-308"]);
    assert!(
        stderr.contains("--precision 1e-308 would need more than"),
        "{stderr}"
    );
    assert!(stderr.len() < 300, "{stderr}");
    let stderr = stderr_of(&["plan", "--gap", "1e-300"]);
    assert!(
        stderr.contains("--gap 1e-300 would need more than"),
        "{stderr}"
    );
}
