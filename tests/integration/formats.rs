//! Exact output of every format, pinned by snapshots (tests/integration/snapshots/).

use crate::util::kano;

fn stdout(args: &[&str]) -> String {
    let output = kano().arg("analyze").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn table_format() {
    insta::assert_snapshot!(stdout(&["-q", "examples/online-shop.csv"]));
}

#[test]
fn table_format_for_published_counts() {
    insta::assert_snapshot!(stdout(&["examples/published-counts.csv"]));
}

#[test]
fn json_format() {
    insta::assert_snapshot!(stdout(&["examples/online-shop.csv", "--format", "json"]));
}

#[test]
fn csv_format() {
    insta::assert_snapshot!(stdout(&[
        "examples/banking-app-long.csv",
        "--format",
        "csv"
    ]));
}

#[test]
fn markdown_format() {
    insta::assert_snapshot!(stdout(&[
        "examples/online-shop.csv",
        "--format",
        "markdown"
    ]));
}

#[test]
fn csv_protects_formula_prefixes_unless_raw() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.csv");
    std::fs::write(
        &file,
        "feature,A,O,M,I,R,Q\n\"=HYPERLINK(\"\"x\"\")\",1,2,3,4,0,0\n-negative,4,3,2,1,0,0\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let safe = stdout(&[path, "--format", "csv", "--sort", "input", "-q"]);
    assert!(safe.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{safe}");
    assert!(safe.contains(",'-negative,"), "{safe}");
    // Numbers such as a negative Worse are never prefixed.
    assert!(safe.contains(",-0."), "{safe}");
    assert!(!safe.contains("'-0."), "{safe}");
    let raw = stdout(&[path, "--format", "csv", "--sort", "input", "--raw", "-q"]);
    assert!(raw.contains(",-negative,"), "{raw}");
}

#[test]
fn markdown_escapes_markup_in_names() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.csv");
    std::fs::write(&file, "feature,A,O,M,I,R,Q\n<b>x</b> | y,1,2,3,4,0,0\n").unwrap();
    let md = stdout(&[file.to_str().unwrap(), "--format", "markdown", "-q"]);
    assert!(md.contains("&lt;b&gt;x&lt;/b&gt; \\| y"), "{md}");
}
