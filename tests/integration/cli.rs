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

/// Reading flags every subcommand that reads a survey takes.
const READING: [&str; 5] = [
    "--layout",
    "--answer",
    "--encoding",
    "--threads",
    "--no-progress",
];
/// The conventions of an analysis.
const CONVENTIONS: [&str; 5] = [
    "--convention",
    "--table",
    "--rule",
    "--tie-order",
    "--mixed-threshold",
];

#[test]
fn each_help_lists_no_flag_its_subcommand_ignores() {
    use clap::CommandFactory;
    // (subcommand, flags its --help must list, flags it must not even mention)
    let table: [(&str, &[&str], &[&str]); 12] = [
        (
            "analyze",
            &[
                "--by",
                "--bins",
                "--worse-positive",
                "--color",
                "--raw",
                "--width",
                "--sort",
            ],
            &[],
        ),
        (
            "inspect",
            &["--table", "--threads", "--format", "--quiet"],
            &[
                "--rule",
                "--tie-order",
                "--mixed-threshold",
                "--worse-positive",
                "--convention",
                "--by",
                "--bins",
                "--skip-invalid",
                "--color",
                "--raw",
            ],
        ),
        (
            "init",
            &["--by", "--worse-positive", "--output", "--quiet"],
            &["--format", "--color", "--raw", "--sort", "--width"],
        ),
        (
            "explain",
            &["--by", "--worse-positive", "--format", "--quiet"],
            &["--color", "--raw", "--width", "--refined"],
        ),
        (
            "check",
            &["--color", "--baseline", "--format", "--quiet"],
            &[
                "--by",
                "--bins",
                "--worse-positive",
                "--raw",
                "--sort",
                "--width",
            ],
        ),
        (
            "compare",
            &["--worse-positive", "--color", "--raw", "--width", "--wave"],
            &["--by", "--bins", "--sort", "--refined"],
        ),
        (
            "plot",
            &["--by", "--kind", "--split", "--intervals", "--quiet"],
            &["--worse-positive", "--color", "--raw", "--sort", "--width"],
        ),
        (
            "report",
            &[
                "--by",
                "--worse-positive",
                "--refined",
                "--output",
                "--quiet",
            ],
            &["--format", "--color", "--raw", "--sort", "--width"],
        ),
        (
            "plan",
            &["--precision", "--format", "--output", "--quiet"],
            &[
                "--layout",
                "--delimiter",
                "--rule",
                "--table",
                "--by",
                "--threads",
                "--color",
            ],
        ),
        (
            "questionnaire",
            &[
                "--raw",
                "--seed",
                "--format",
                "--output",
                "--quiet",
                "--spec-out",
            ],
            &[
                "--layout",
                "--rule",
                "--table",
                "--by",
                "--threads",
                "--no-progress",
                "--color",
            ],
        ),
        (
            "completions",
            &[],
            &["--layout", "--output", "--format", "--quiet", "--threads"],
        ),
        (
            "man",
            &["--dir"],
            &["--layout", "--output", "--format", "--quiet", "--threads"],
        ),
    ];
    let every: Vec<String> = kano::cli::Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| name != "help")
        .collect();
    for command in &every {
        assert!(
            table.iter().any(|(name, _, _)| name == command),
            "kano {command} is missing from this table"
        );
    }
    for (command, listed, absent) in table {
        let flags = flags(command);
        let reads_a_survey = !["plan", "questionnaire", "completions", "man"].contains(&command);
        let mut expected: Vec<&str> = listed.to_vec();
        if reads_a_survey {
            expected.extend(READING);
            if command != "inspect" {
                expected.extend(CONVENTIONS);
            }
        }
        for flag in expected {
            assert!(
                flags.iter().any(|f| f == flag),
                "kano {command} --help does not list {flag}"
            );
        }
        for flag in absent {
            assert!(
                !flags.iter().any(|f| f == flag),
                "kano {command} --help lists {flag}, which changes nothing it writes"
            );
        }
    }
    kano()
        .args(["inspect", "examples/online-shop.csv", "--rule", "berger"])
        .assert()
        .code(2);
}

/// The output of `kano ARGS`, whatever its exit code.
fn output_of(args: &[&str]) -> Vec<u8> {
    kano().args(args).output().unwrap().stdout
}

#[test]
fn each_kept_flag_changes_what_its_subcommand_writes() {
    let shop = "examples/online-shop.csv";
    let (w1, w2) = ("tests/data/wave1.csv", "tests/data/wave2.csv");
    let features = "tests/data/questionnaire-features.txt";
    let cases: [(&[&str], &[&str]); 12] = [
        (&["analyze", shop, "-f", "json"], &["--worse-positive"]),
        (&["explain", shop, "1", "-f", "json"], &["--worse-positive"]),
        (&["explain", shop, "1"], &["--by", "plan"]),
        (&["report", shop], &["--worse-positive"]),
        (&["report", shop], &["--by", "plan"]),
        (&["compare", w1, w2, "-f", "json"], &["--worse-positive"]),
        (&["init", shop], &["--worse-positive"]),
        (&["init", shop], &["--by", "plan"]),
        (&["plot", shop], &["--by", "plan"]),
        (&["inspect", shop], &["--table", "modified"]),
        (
            &["analyze", shop, "-f", "csv", "--color", "never"],
            &["--raw"],
        ),
        (
            &["questionnaire", features, "--order", "shuffled"],
            &["--seed", "7"],
        ),
    ];
    for (base, flag) in cases {
        let without = output_of(base);
        assert!(!without.is_empty(), "kano {base:?} wrote nothing");
        let with = output_of(&[base, flag].concat());
        if flag == ["--raw"] {
            // online-shop has no formula-like cell: --raw is accepted and the CSV is whole.
            assert_eq!(with, without, "kano {base:?} --raw");
            continue;
        }
        assert_ne!(with, without, "kano {base:?} {flag:?} changed nothing");
    }
}

#[test]
fn a_flag_that_would_change_nothing_is_refused_with_a_hint() {
    let shop = "examples/online-shop.csv";
    let (w1, w2) = ("tests/data/wave1.csv", "tests/data/wave2.csv");
    let features = "tests/data/questionnaire-features.txt";
    let cases: [(&[&str], &str); 8] = [
        (&["check", shop, "--by", "plan"], "no per-segment results"),
        (
            &["compare", w1, w2, "--by", "plan"],
            "no per-segment results",
        ),
        (&["inspect", shop, "--by", "plan"], "no per-segment results"),
        (
            &["inspect", shop, "--skip-invalid"],
            "--skip-invalid changes nothing",
        ),
        (
            &["analyze", shop, "-f", "json", "--raw"],
            "--raw changes CSV output only",
        ),
        (
            &["compare", w1, w2, "--raw"],
            "--raw changes CSV output only",
        ),
        (
            &["questionnaire", features, "--raw"],
            "--raw changes CSV output only",
        ),
        (
            &["questionnaire", features, "--seed", "3"],
            "--order shuffled",
        ),
    ];
    for (args, message) in cases {
        let output = kano().args(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "kano {args:?}: {stderr}");
        assert!(stderr.contains(message), "kano {args:?}: {stderr}");
        assert!(output.stdout.is_empty(), "kano {args:?} wrote output");
    }
}

#[test]
fn raw_means_the_same_in_every_csv_kano_writes() {
    let dir = tempfile::tempdir().unwrap();
    let features = dir.path().join("features.txt");
    std::fs::write(&features, "=Formula feature\nPlain\n").unwrap();
    let features = features.to_str().unwrap();
    for raw in [false, true] {
        let mut args = vec!["questionnaire", features, "-f", "csv"];
        if raw {
            args.push("--raw");
        }
        let csv = stdout(&args);
        let protected = csv.contains("'=Formula feature");
        assert_eq!(protected, !raw, "questionnaire raw={raw}: {csv}");
        assert!(csv.contains("=Formula feature"), "{csv}");
    }
    let help = |command: &str| {
        let text = stdout(&[command, "--help"]);
        let start = text.find("--raw").unwrap();
        text[start..].split("\n\n").next().unwrap().to_string()
    };
    assert_eq!(help("analyze"), help("questionnaire"));
    assert_eq!(help("analyze"), help("compare"));
}

#[test]
fn an_output_name_that_belies_what_is_written_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let shop = "examples/online-shop.csv";
    let features = "tests/data/questionnaire-features.txt";
    let cases: [(Vec<String>, &str, &str); 3] = [
        (
            vec!["report".into(), shop.into(), "-o".into(), path("r.json")],
            "r.json",
            "name the file .html",
        ),
        (
            vec!["init".into(), shop.into(), "-o".into(), path("k.json")],
            "k.json",
            "name the file .toml",
        ),
        (
            vec![
                "questionnaire".into(),
                features.into(),
                "--spec-out".into(),
                path("k.csv"),
            ],
            "k.csv",
            "name the file .toml",
        ),
    ];
    for (args, file, hint) in cases {
        let output = kano().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(hint), "{args:?}: {stderr}");
        assert!(!dir.path().join(file).exists(), "{args:?} wrote {file}");
    }
    for (args, file) in [
        (vec!["report", shop, "-o"], "r.html"),
        (vec!["init", shop, "-o"], "kano.toml"),
    ] {
        let target = path(file);
        kano()
            .args(args)
            .arg(&target)
            .args(["-q"])
            .assert()
            .success();
        assert!(dir.path().join(file).exists(), "{file}");
    }
}

#[test]
fn color_is_one_flag_with_the_same_values_wherever_output_is_coloured() {
    for command in ["analyze", "check", "compare"] {
        let help = stdout(&[command, "--help"]);
        let start = help
            .find("--color <WHEN>")
            .unwrap_or_else(|| panic!("{command}: {help}"));
        let block = &help[start..];
        for value in ["auto", "always", "never", "NO_COLOR"] {
            assert!(block.contains(value), "{command}: {block}");
        }
    }
    let shop = "examples/online-shop.csv";
    let (w1, w2) = ("tests/data/wave1.csv", "tests/data/wave2.csv");
    for args in [
        vec!["analyze", shop],
        vec!["check", shop, "--min-respondents", "1"],
        vec!["compare", w1, w2],
    ] {
        let coloured = output_of(&[&args[..], &["--color", "always"]].concat());
        let plain = output_of(&[&args[..], &["--color", "never"]].concat());
        assert!(coloured.contains(&0x1b), "{args:?} --color always");
        assert!(!plain.contains(&0x1b), "{args:?} --color never");
        let forced = kano()
            .args(&args)
            .env("CLICOLOR_FORCE", "1")
            .output()
            .unwrap()
            .stdout;
        assert!(forced.contains(&0x1b), "{args:?} with CLICOLOR_FORCE=1");
    }
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
