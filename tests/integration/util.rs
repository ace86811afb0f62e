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

/// Runs `kano ARGS` (a shell command line after `kano`) with a pseudo-terminal as its output,
/// through util-linux `script`, from the crate root; returns what the terminal showed. `None`,
/// with the reason printed, where no terminal can be simulated.
pub fn in_terminal(args: &str) -> Option<String> {
    in_terminal_with("", args)
}

/// [`in_terminal`], running the shell command `setup` on the terminal first.
fn in_terminal_with(setup: &str, args: &str) -> Option<String> {
    let Ok(probe) = std::process::Command::new("script")
        .arg("--version")
        .output()
    else {
        eprintln!("skipped: `script` is not installed, so no terminal can be simulated");
        return None;
    };
    if !probe.status.success() {
        eprintln!("skipped: this `script` does not take util-linux options");
        return None;
    }
    let bin = assert_cmd::cargo::cargo_bin("kano");
    let command = format!("{setup} {} {args}", bin.display());
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// [`in_terminal`] on a terminal `columns` wide; the lines shown, without carriage returns.
pub fn in_terminal_of(columns: u16, args: &str) -> Option<Vec<String>> {
    let text = in_terminal_with(&format!("stty cols {columns} rows 50;"), args)?;
    Some(
        text.lines()
            .map(|l| l.trim_end_matches('\r').to_string())
            .collect(),
    )
}
