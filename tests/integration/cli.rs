//! The command line as an installed tool: completions, the man page, help examples, --version.

use crate::util::kano;

fn stdout(args: &[&str]) -> String {
    let output = kano().args(args).output().unwrap();
    assert!(
        output.status.success(),
        "kano {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn completion_scripts_are_generated_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout(&["completions", shell]);
        assert!(script.len() > 200, "{shell}: {script}");
        assert!(script.contains("explain"), "{shell} completes subcommands");
    }
}

#[test]
fn bash_accepts_the_bash_completion_script() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kano.bash");
    std::fs::write(&path, stdout(&["completions", "bash"])).unwrap();
    let Ok(output) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
    else {
        eprintln!("skipped bash -n: bash is not installed");
        return;
    };
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn man_page_renders_with_man_where_installed() {
    let page = stdout(&["man"]);
    assert!(page.contains(".TH kano 1"), "{page}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kano.1");
    std::fs::write(&path, &page).unwrap();
    let rendered = std::process::Command::new("man")
        .arg("-l")
        .arg(&path)
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("MANWIDTH", "80")
        .output();
    match rendered {
        Err(e) => eprintln!("skipped man -l: man is not available ({e})"),
        Ok(output) if !output.status.success() && output.stdout.is_empty() => eprintln!(
            "skipped man -l: man could not run here ({})",
            String::from_utf8_lossy(&output.stderr).trim()
        ),
        Ok(output) => {
            let text = String::from_utf8_lossy(&output.stdout);
            assert!(output.status.success(), "{text}");
            assert!(text.contains("Kano survey analyzer"), "{text}");
            assert!(text.contains("explain"), "{text}");
        }
    }
}

#[test]
fn every_subcommand_help_ends_with_real_examples() {
    use clap::CommandFactory;
    let commands: Vec<String> = kano::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        .collect();
    assert!(commands.len() >= 12, "{commands:?}");
    for command in &commands {
        let help = stdout(&[command, "--help"]);
        let examples = help
            .split("Examples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{command} --help has no examples:\n{help}"));
        let lines: Vec<&str> = examples.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!((2..=4).contains(&lines.len()), "{command}: {examples}");
        assert!(
            lines[0]
                .trim_start()
                .starts_with(&format!("kano {command}")),
            "{command}: {examples}"
        );
        for line in lines {
            assert!(line.trim_start().starts_with("kano "), "{command}: {line}");
        }
    }
    for command in ["analyze", "explain", "completions", "man"] {
        let help = stdout(&[command, "--help"]);
        let examples = help
            .split("Examples:\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{command} --help has no examples:\n{help}"));
        let lines: Vec<&str> = examples.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!((2..=4).contains(&lines.len()), "{command}: {examples}");
        for line in lines {
            assert!(
                line.trim_start().starts_with(&format!("kano {command}")),
                "{command}: {line}"
            );
        }
    }
}

#[test]
fn version_names_the_json_schema() {
    for flag in ["--version", "-V"] {
        assert_eq!(
            stdout(&[flag]),
            format!("kano {} (JSON schema 1)\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn the_text_format_is_called_text_everywhere_and_table_still_works() {
    for command in [
        "analyze", "explain", "compare", "inspect", "plan", "check", "plot",
    ] {
        let help = stdout(&[command, "--help"]);
        assert!(
            !help.contains("table:"),
            "{command} lists no `table` format: {help}"
        );
    }
    let survey = "examples/online-shop.csv";
    for (args, first) in [
        (vec!["analyze", survey], "Kano analysis"),
        (vec!["explain", survey, "1"], "Feature"),
    ] {
        let text = stdout(&[&args[..], &["-q", "-f", "text"]].concat());
        let table = stdout(&[&args[..], &["-q", "-f", "table"]].concat());
        assert!(text.starts_with(first), "{text}");
        assert_eq!(text, table, "the old name `table` is an alias");
    }
}

#[test]
fn quiet_is_taken_by_inspect_init_plan_and_questionnaire() {
    let dir = tempfile::tempdir().unwrap();
    let survey = "examples/online-shop.csv";
    for args in [
        vec!["inspect", survey],
        vec!["plan", "--gap", "0.15"],
        vec!["questionnaire", "tests/data/questionnaire-features.txt"],
    ] {
        let out = dir.path().join("out.dat");
        let noisy = kano().args(&args).arg("-o").arg(&out).output().unwrap();
        assert!(noisy.status.success());
        assert!(
            String::from_utf8_lossy(&noisy.stderr).contains("names no format"),
            "{args:?}: a note without -q"
        );
        let quiet = kano()
            .args(&args)
            .arg("-q")
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(quiet.status.success(), "{args:?}");
        assert!(quiet.stderr.is_empty(), "{args:?}: {:?}", quiet.stderr);
    }
    kano()
        .args(["init", survey, "-q", "-o"])
        .arg(dir.path().join("kano.toml"))
        .assert()
        .success()
        .stderr("");
}

#[test]
fn questionnaire_csv_takes_raw() {
    let dir = tempfile::tempdir().unwrap();
    let features = dir.path().join("features.txt");
    std::fs::write(&features, "=Formula feature\nDark mode\n").unwrap();
    let csv = |raw: &[&str]| {
        let output = kano()
            .arg("questionnaire")
            .arg(&features)
            .args(["-f", "csv"])
            .args(raw)
            .output()
            .unwrap();
        assert!(output.status.success());
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(csv(&[]).contains(",'=Formula feature,"), "{}", csv(&[]));
    assert!(
        csv(&["--raw"]).contains(",=Formula feature,"),
        "{}",
        csv(&["--raw"])
    );
}

/// The long flags a subcommand's `--help` lists.
fn flags(command: &str) -> Vec<String> {
    stdout(&[command, "--help"])
        .split_whitespace()
        .filter(|w| w.starts_with("--"))
        .map(|w| w.trim_end_matches([',', '.', ')']).to_string())
        .collect()
}

#[test]
fn each_help_lists_no_flag_its_subcommand_ignores() {
    let ignored: [(&str, &[&str]); 3] = [
        (
            "inspect",
            &[
                "--rule",
                "--tie-order",
                "--mixed-threshold",
                "--worse-positive",
                "--convention",
            ],
        ),
        (
            "plan",
            &["--layout", "--delimiter", "--rule", "--table", "--by"],
        ),
        ("questionnaire", &["--layout", "--rule", "--table", "--by"]),
    ];
    for (command, absent) in ignored {
        let listed = flags(command);
        for flag in absent {
            assert!(
                !listed.iter().any(|f| f == flag),
                "{command} --help lists {flag}"
            );
        }
    }
    assert!(flags("inspect").iter().any(|f| f == "--table"));
    kano()
        .args(["inspect", "examples/online-shop.csv", "--rule", "berger"])
        .assert()
        .code(2);
}

#[test]
fn shared_flags_are_grouped_under_headings_and_output_flags_agree() {
    for command in [
        "analyze",
        "inspect",
        "init",
        "explain",
        "check",
        "compare",
        "plot",
        "report",
        "plan",
        "questionnaire",
    ] {
        let help = stdout(&[command, "--help"]);
        if help.contains("--layout") {
            assert!(help.contains("\nInput:\n"), "{command}: {help}");
        }
        if help.contains("--rule") {
            assert!(help.contains("\nAnalysis:\n"), "{command}: {help}");
        }
        if help.contains("--output") {
            assert!(help.contains("--quiet"), "{command} has -o but no -q");
        }
    }
}

#[test]
fn every_subcommand_has_a_man_page_with_examples_exit_status_and_environment() {
    let top = stdout(&["man"]);
    assert!(top.contains(".TH kano 1"), "{top:.300}");
    let analyze = stdout(&["man", "analyze"]);
    assert!(analyze.contains(".TH kano-analyze 1"), "{analyze:.300}");
    for section in [
        ".SH EXAMPLES",
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        "CLICOLOR_FORCE",
    ] {
        assert!(
            top.contains(section) && analyze.contains(section),
            "{section}"
        );
    }
    assert!(analyze.contains("kano analyze examples/online-shop.csv"));
    let dir = tempfile::tempdir().unwrap();
    kano()
        .args(["man", "--dir"])
        .arg(dir.path())
        .assert()
        .success();
    for command in [
        "",
        "-analyze",
        "-explain",
        "-plan",
        "-questionnaire",
        "-report",
    ] {
        let page = std::fs::read_to_string(dir.path().join(format!("kano{command}.1"))).unwrap();
        assert!(page.contains(".SH \"EXIT STATUS\""), "kano{command}.1");
    }
    kano().args(["man", "nope"]).assert().code(2);
    assert!(stdout(&["--help"]).contains("Examples:\n  kano analyze survey.csv"));
}
