//! Shared helpers: running the binary and locating fixtures.

use assert_cmd::Command;

/// The `kano` binary, run from the crate root.
pub fn kano() -> Command {
    let mut cmd = Command::cargo_bin("kano").unwrap();
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("NO_COLOR");
    cmd
}

/// A fixture path relative to the crate root.
pub fn data(name: &str) -> String {
    format!("tests/data/{name}")
}

/// Runs `kano analyze ARGS --format json` and parses stdout.
pub fn analyze_json(args: &[&str]) -> serde_json::Value {
    let output = kano()
        .arg("analyze")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "kano failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The feature named `name` in a JSON report.
pub fn feature<'a>(report: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    report["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no feature {name} in {report}"))
}

/// A feature's counts as [A, O, M, I, R, Q].
pub fn counts(feature: &serde_json::Value) -> [u64; 6] {
    let c = &feature["counts"];
    ["A", "O", "M", "I", "R", "Q"].map(|k| c[k].as_u64().unwrap())
}
