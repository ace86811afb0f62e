//! The README's commands and the bundled examples run, so the docs cannot drift.

use crate::util::kano;

/// Every `kano ...` line inside the README's shell blocks that is marked as runnable
/// (`$ kano ...`) runs with exit 0.
#[test]
fn readme_commands_run() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let commands: Vec<&str> = readme
        .lines()
        .filter_map(|l| l.strip_prefix("$ kano "))
        .collect();
    assert!(
        commands.len() >= 5,
        "the README shows at least five runnable commands"
    );
    for command in commands {
        let (command, _pipe) = command.split_once(" | ").unwrap_or((command, ""));
        let args: Vec<&str> = command.split_whitespace().collect();
        let output = kano().args(&args).output().unwrap();
        assert!(
            output.status.success(),
            "README command `kano {command}` failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

/// The first README command runs the first example, and the sample output shown in the README
/// is what it really prints.
#[test]
fn readme_sample_output_is_real() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("$ kano analyze examples/online-shop.csv\n")
        .expect("first command");
    let sample: String = readme[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(|l| format!("{l}\n"))
        .collect();
    let output = kano()
        .args(["analyze", "examples/online-shop.csv"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(sample, format!("{stderr}{stdout}"));
}

/// The `kano explain` sample in the README is what it really prints.
#[test]
fn readme_explain_sample_is_real() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let command = "$ kano explain examples/online-shop.csv 5 -q\n";
    let start = readme.find(command).expect("the explain sample");
    let sample: String = readme[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(|l| format!("{l}\n"))
        .collect();
    let output = kano()
        .args(["explain", "examples/online-shop.csv", "5", "-q"])
        .output()
        .unwrap();
    assert_eq!(sample, String::from_utf8(output.stdout).unwrap());
}

#[test]
fn every_example_survey_analyzes() {
    for entry in std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            kano().arg("analyze").arg(&path).assert().success();
        }
    }
}

/// The sample output printed under `$ kano compare ...` in the README's "Comparing waves" is
/// what that command really prints (warnings first, as a terminal shows them).
#[test]
fn readme_compare_sample_is_real() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let command = "kano compare tests/data/wave1.csv tests/data/wave2.csv";
    let start = readme
        .find(&format!("$ {command}\n"))
        .expect("the compare sample");
    let sample: String = readme[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with("```"))
        .map(|l| format!("{l}\n"))
        .collect();
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    let output = kano().args(&args).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(sample, format!("{stderr}{stdout}"));
}
