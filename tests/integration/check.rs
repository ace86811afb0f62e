//! `kano check`: every rule passing and failing, exit codes 0/1/2, the JSON envelope, JUnit XML
//! that parses, and GitHub workflow commands in their documented syntax.

#![allow(dead_code)]

use predicates::prelude::*;
use serde::Deserialize;

use crate::util::{data, kano};

const SHOP: &str = "examples/online-shop.csv";

/// Runs `kano check ARGS` and returns (exit code, stdout, stderr).
fn check(args: &[&str]) -> (i32, String, String) {
    let output = kano().arg("check").args(args).output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Asserts the exit code and that stdout has `line` as a whole line.
fn assert_line(args: &[&str], code: i32, line: &str) {
    let (status, stdout, stderr) = check(args);
    assert_eq!(status, code, "kano check {args:?}\n{stdout}{stderr}");
    assert!(
        stdout.lines().any(|l| l == line),
        "kano check {args:?}: no line\n{line}\nin\n{stdout}"
    );
}

/// Asserts exit code 2 and a message on stderr.
fn assert_error(args: &[&str], message: &str) {
    let (status, stdout, stderr) = check(args);
    assert_eq!(status, 2, "kano check {args:?}\n{stdout}{stderr}");
    assert!(stderr.contains(message), "kano check {args:?}: {stderr}");
}

// The JSON envelope, defined independently of the library's types.

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    schema_version: u32,
    input: Input,
    passed: bool,
    results: Vec<Outcome>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    path: String,
    layout: String,
    respondents: Option<u64>,
    features: usize,
    baseline: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
struct Outcome {
    rule: String,
    feature: Option<String>,
    value: serde_json::Value,
    limit: serde_json::Value,
    passed: bool,
    message: String,
}

/// Runs `kano check ARGS --format json`: (exit code, envelope).
fn check_json(args: &[&str]) -> (i32, Envelope) {
    let output = kano()
        .arg("check")
        .args(args)
        .args(["--format", "json"])
        .output()
        .unwrap();
    let envelope = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout matches the documented JSON envelope: {e}\n{}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (output.status.code().unwrap(), envelope)
}

/// (rule, feature, passed) of each result.
fn outcomes(envelope: &Envelope) -> Vec<(&str, Option<&str>, bool)> {
    envelope
        .results
        .iter()
        .map(|r| (r.rule.as_str(), r.feature.as_deref(), r.passed))
        .collect()
}

#[test]
fn no_rules_pass_readable_data_and_print_a_summary() {
    let (status, stdout, _) = check(&[SHOP]);
    assert_eq!(status, 0);
    assert_eq!(
        stdout,
        "kano check of examples/online-shop.csv (60 respondents, wide layout, 6 features)\n\
         no rules given: examples/online-shop.csv read, 6 feature(s); nothing to check\n"
    );
}

#[test]
fn unreadable_data_exits_2_whatever_the_rules() {
    assert_error(&["tests/data/nope.csv"], "tests/data/nope.csv");
    assert_error(&[&data("empty.csv")], "is empty");
    assert_error(
        &[&data("unknown-label.csv"), "--min-respondents", "1"],
        "unknown answer \"Maybe\"",
    );
}

#[test]
fn min_respondents_passes_at_the_limit_and_fails_above_it() {
    assert_line(
        &[SHOP, "--min-respondents", "60"],
        0,
        "PASS  min-respondents  60 respondents >= 60 required",
    );
    assert_line(
        &[SHOP, "--min-respondents", "61"],
        1,
        "FAIL  min-respondents  60 respondents < 61 required",
    );
    assert_line(&[SHOP, "--min-respondents", "61"], 1, "1 of 1 check failed");
}

#[test]
fn min_respondents_on_counts_uses_the_largest_feature() {
    assert_line(
        &["examples/published-counts.csv", "--min-respondents", "300"],
        1,
        "FAIL  min-respondents  296 respondents (the largest feature's rows; counts have no respondent count) < 300 required",
    );
}

#[test]
fn max_missing_is_a_share_of_each_features_rows() {
    assert_line(
        &[SHOP, "--max-missing", "0.04"],
        0,
        "PASS  max-missing  Order tracking: missing share 0.033 (2 of 60 rows) <= 0.04 allowed",
    );
    assert_line(
        &[SHOP, "--max-missing", "0.03"],
        1,
        "FAIL  max-missing  Order tracking: missing share 0.033 (2 of 60 rows) > 0.03 allowed",
    );
    assert_line(&[SHOP, "--max-missing", "0.03"], 1, "2 of 6 checks failed");
}

#[test]
fn max_invalid_counts_skipped_labels() {
    let file = data("unknown-label.csv");
    assert_line(
        &[&file, "--skip-invalid", "--max-invalid", "1"],
        0,
        "PASS  max-invalid  Sync: 1 invalid pair(s) <= 1 allowed",
    );
    assert_line(
        &[&file, "--skip-invalid", "--max-invalid", "0"],
        1,
        "FAIL  max-invalid  Sync: 1 invalid pair(s) > 0 allowed",
    );
}

#[test]
fn max_questionable_is_a_share_of_valid_pairs() {
    assert_line(&[SHOP, "--max-questionable", "0.02"], 0, "PASS  max-questionable  Live chat: questionable share 0.017 (1 of 60 valid pairs) <= 0.02 allowed");
    assert_line(&[SHOP, "--max-questionable", "0.01"], 1, "FAIL  max-questionable  Leak-proof packaging: questionable share 0.017 (1 of 58 valid pairs) > 0.01 allowed");
}

#[test]
fn required_features_match_case_insensitively() {
    let (status, stdout, _) = check(&[SHOP, "--require-features", "live chat,ORDER TRACKING"]);
    assert_eq!(status, 0, "{stdout}");
    assert!(
        stdout.contains("PASS  require-features  live chat: present as \"Live chat\"\n"),
        "{stdout}"
    );
}

#[test]
fn a_vanished_feature_fails_naming_the_closest_one() {
    assert_line(
        &[SHOP, "--require-features", "Live chat", "--require-features", "Leakproof packaging"],
        1,
        "FAIL  require-features  Leakproof packaging: no feature \"Leakproof packaging\"; the closest is \"Leak-proof packaging\"",
    );
}

#[test]
fn expect_passes_on_a_name_a_letter_or_a_set() {
    let (status, stdout, _) = check(&[
        SHOP,
        "--expect",
        "Order tracking=must-be",
        "--expect",
        "Live chat=A",
        "--expect",
        "Fast page load=must-be|one-dimensional",
    ]);
    assert_eq!(status, 0, "{stdout}");
    assert!(stdout.ends_with("all 3 checks passed\n"), "{stdout}");
    assert!(stdout.contains("PASS  expect  Live chat: category attractive, as expected\n"));
}

#[test]
fn expect_fails_on_another_category_and_on_an_unknown_feature() {
    assert_line(
        &[SHOP, "--expect", "Live chat=must-be|O"],
        1,
        "FAIL  expect  Live chat: category attractive; expected must-be or one-dimensional",
    );
    assert_line(
        &[SHOP, "--expect", "24/7 availability=A"],
        0,
        "PASS  expect  24/7 availability: category A/O mixed, as expected",
    );
    assert_line(
        &[SHOP, "--expect", "Chat=A"],
        1,
        "FAIL  expect  Chat: no feature \"Chat\"; the closest is \"Live chat\"",
    );
}

#[test]
fn malformed_rules_exit_2_naming_the_problem() {
    assert_error(
        &[SHOP, "--expect", "Live chat=great"],
        "unknown category \"great\"",
    );
    assert_error(&[SHOP, "--expect", "Live chat"], "\"Live chat\" has no '='");
    assert_error(
        &[SHOP, "--max-worse", "Live chat=1.5"],
        "\"1.5\" is not a number from 0 to 1",
    );
    assert_error(&[SHOP, "--min-better", "Live chat"], "has no '='");
    assert_error(
        &[SHOP, "--max-missing", "10"],
        "--max-missing 10 is outside 0-1; give a fraction of 1",
    );
    assert_error(
        &[SHOP, "--min-strength", "101", "--expect", "Live chat=A"],
        "--min-strength 101 is outside 0-100",
    );
    assert_error(&[SHOP, "--require-significant"], "--expect");
    assert_error(&[SHOP, "--max-drift", "0.1"], "--baseline");
    assert_error(
        &[SHOP, "--require-features", "Live chat,,Order tracking"],
        "empty feature",
    );
}

#[test]
fn min_better_is_inclusive() {
    // Fast page load's Better is 42/60 = 0.7 exactly.
    assert_line(
        &[SHOP, "--min-better", "Fast page load=0.7"],
        0,
        "PASS  min-better  Fast page load: Better 0.700 >= 0.7 required",
    );
    assert_line(
        &[SHOP, "--min-better", "Live chat=0.7"],
        1,
        "FAIL  min-better  Live chat: Better 0.679 < 0.7 required",
    );
    assert_line(
        &[SHOP, "--min-better", "Chat=0.5"],
        1,
        "FAIL  min-better  Chat: no feature \"Chat\"; the closest is \"Live chat\"",
    );
}

#[test]
fn max_worse_limits_the_magnitude_of_worse() {
    assert_line(
        &[SHOP, "--max-worse", "Live chat=0.5"],
        0,
        "PASS  max-worse  Live chat: |Worse| 0.250 <= 0.5 allowed",
    );
    assert_line(
        &[SHOP, "--max-worse", "Fast page load=0.5"],
        1,
        "FAIL  max-worse  Fast page load: |Worse| 0.767 > 0.5 allowed",
    );
    // The rule reads |Worse| whatever its sign, so check takes no --worse-positive.
    kano()
        .args([
            "check",
            SHOP,
            "--worse-positive",
            "--max-worse",
            "Fast page load=0.5",
        ])
        .assert()
        .code(2);
}

#[test]
fn require_significant_applies_fongs_test_to_expected_features() {
    assert_line(
        &[
            SHOP,
            "--expect",
            "Order tracking=M",
            "--require-significant",
        ],
        0,
        "PASS  require-significant  Order tracking: Fong's test: M vs O differ significantly",
    );
    assert_line(
        &[SHOP, "--expect", "24/7 availability=A|O", "--require-significant"],
        1,
        "FAIL  require-significant  24/7 availability: Fong's test: A vs O do not differ significantly; the category is not settled",
    );
}

#[test]
fn min_strength_applies_to_expected_features() {
    assert_line(
        &[SHOP, "--expect", "Order tracking=M", "--min-strength", "30"],
        0,
        "PASS  min-strength  Order tracking: category strength 31.0 points >= 30 required",
    );
    assert_line(
        &[SHOP, "--expect", "Order tracking=M", "--min-strength", "35"],
        1,
        "FAIL  min-strength  Order tracking: category strength 31.0 points < 35 required",
    );
}

fn wave(n: u32) -> String {
    data(&format!("check-wave{n}.csv"))
}

#[test]
fn a_baseline_with_the_same_results_passes() {
    let (status, stdout, _) = check(&["-q", &wave(1), "--baseline", &wave(1), "--max-drift", "0"]);
    assert_eq!(status, 0, "{stdout}");
    assert!(stdout.ends_with("all 9 checks passed\n"), "{stdout}");
}

#[test]
fn a_changed_category_fails_against_the_baseline() {
    assert_line(
        &["-q", &wave(2), "--baseline", &wave(1)],
        1,
        "FAIL  drift-category     Live chat: category changed: attractive in the baseline, one-dimensional now",
    );
    assert_line(
        &["-q", &wave(2), "--baseline", &wave(1)],
        1,
        "PASS  drift-category     Order tracking: category must-be as in the baseline",
    );
}

#[test]
fn features_on_one_side_only_are_reported() {
    let args = ["-q", &wave(2), "--baseline", &wave(1)];
    assert_line(
        &args,
        1,
        "FAIL  baseline-features  Dark mode: in the baseline but not in this export (vanished or renamed?): no feature \"Dark mode\"; the closest is \"Dark theme\"",
    );
    assert_line(
        &args,
        1,
        "PASS  baseline-features  Dark theme: new: not in the baseline, nothing to compare",
    );
}

#[test]
fn max_drift_bounds_how_far_better_and_worse_move() {
    // Order tracking: Better 1/6 -> 2/6; Live chat: |Worse| 1/6 -> 4/6.
    let (status, envelope) =
        check_json(&["-q", &wave(2), "--baseline", &wave(1), "--max-drift", "0.2"]);
    assert_eq!(status, 1);
    let drift: Vec<_> = outcomes(&envelope)
        .into_iter()
        .filter(|(rule, _, _)| rule.starts_with("drift-") && *rule != "drift-category")
        .collect();
    assert_eq!(
        drift,
        [
            ("drift-better", Some("Live chat"), true),
            ("drift-better", Some("Order tracking"), true),
            ("drift-worse", Some("Live chat"), false),
            ("drift-worse", Some("Order tracking"), true),
        ]
    );
    assert_line(
        &["-q", &wave(2), "--baseline", &wave(1), "--max-drift", "0.1"],
        1,
        "FAIL  drift-better       Order tracking: Better moved 0.167 (0.167 -> 0.333) > 0.1 allowed",
    );
}

#[test]
fn an_analyze_json_baseline_compares_like_the_export_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("wave1.json");
    kano()
        .args(["analyze", "-q", &wave(1), "--format", "json", "--output"])
        .arg(&json)
        .assert()
        .success();
    let json = json.to_str().unwrap();
    let (status_json, from_json) =
        check_json(&["-q", &wave(2), "--baseline", json, "--max-drift", "0.2"]);
    let (status_csv, from_csv) =
        check_json(&["-q", &wave(2), "--baseline", &wave(1), "--max-drift", "0.2"]);
    assert_eq!(status_json, 1);
    assert_eq!(status_csv, 1);
    assert_eq!(from_json.results, from_csv.results);
    assert_eq!(from_json.input.baseline.as_deref(), Some(wave(1).as_str()));
}

#[test]
fn a_json_baseline_with_other_settings_fails() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("modified.json");
    kano()
        .args([
            "analyze",
            "-q",
            &wave(1),
            "--table",
            "modified",
            "--format",
            "json",
            "--output",
        ])
        .arg(&json)
        .assert()
        .success();
    assert_line(
        &["-q", &wave(1), "--baseline", json.to_str().unwrap()],
        1,
        "FAIL  baseline-settings  the baseline was analysed with table modified, rule mode, ties MOAIRQ, this run with table standard, rule mode, ties MOAIRQ; categories are not comparable: run with the baseline's --table, --rule and --tie-order",
    );
}

#[test]
fn an_unreadable_baseline_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.json");
    std::fs::write(&other, "{\"name\": \"not a report\"}").unwrap();
    assert_error(
        &[SHOP, "--baseline", other.to_str().unwrap()],
        "without a schema_version",
    );
    assert_error(
        &[SHOP, "--baseline", "tests/data/nope.csv"],
        "tests/data/nope.csv",
    );
    assert_error(
        &[SHOP, "--baseline", &data("header-only.csv")],
        "no answers",
    );
}

#[test]
fn json_envelope_matches_the_documented_schema() {
    let (status, envelope) = check_json(&[
        "-q",
        SHOP,
        "--min-respondents",
        "30",
        "--expect",
        "Live chat=attractive|one-dimensional",
        "--max-worse",
        "Fast page load=0.5",
    ]);
    assert_eq!(status, 1);
    assert_eq!(envelope.schema_version, 1);
    assert!(!envelope.passed);
    assert_eq!(envelope.input.path, SHOP);
    assert_eq!(envelope.input.layout, "wide");
    assert_eq!(envelope.input.respondents, Some(60));
    assert_eq!(envelope.input.features, 6);
    assert_eq!(envelope.input.baseline, None);
    let min = &envelope.results[0];
    assert_eq!(
        (min.value.as_u64(), min.limit.as_u64()),
        (Some(60), Some(30))
    );
    assert_eq!(min.feature, None);
    let expect = &envelope.results[1];
    assert_eq!(expect.value, "attractive");
    assert_eq!(expect.limit, "attractive|one-dimensional");
    let worse = &envelope.results[2];
    assert_eq!(worse.rule, "max-worse");
    assert!((worse.value.as_f64().unwrap() - 46.0 / 60.0).abs() < 1e-12);
    assert_eq!(worse.limit.as_f64(), Some(0.5));
    assert!(!worse.passed);
    assert_eq!(worse.message, "|Worse| 0.767 > 0.5 allowed");
}

#[test]
fn json_envelope_passes_when_every_result_passes() {
    let (status, envelope) = check_json(&[SHOP]);
    assert_eq!(status, 0);
    assert!(envelope.passed);
    assert!(envelope.results.is_empty());
}

#[test]
fn github_format_writes_workflow_commands_with_escaped_text() {
    let (status, stdout, _) = check(&[
        &data("check-escapes.csv"),
        "--max-questionable",
        "0",
        "--format",
        "github",
    ]);
    assert_eq!(status, 1);
    // ::command key=value,key=value::message - no raw ':' or ',' in values, no raw CR/LF at all.
    let syntax = predicate::str::is_match(
        r"^::(error|notice)( [a-z]+=[^:,\r\n]*(,[a-z]+=[^:,\r\n]*)*)?::[^\r\n]*$",
    )
    .unwrap();
    for line in stdout.lines() {
        assert!(syntax.eval(line), "not a workflow command: {line}");
    }
    assert_eq!(
        stdout,
        "::error file=tests/data/check-escapes.csv,title=kano check max-questionable%3A 50%25 <off> & \"more\"%3A yes%2C now\\u{1b}[31m::questionable share 0.059 (1 of 17 valid pairs) > 0 allowed\n\
         ::notice title=kano check::1 of 2 checks failed\n"
    );
}

#[test]
fn github_format_prints_only_the_notice_when_all_pass() {
    let (status, stdout, _) = check(&["-q", SHOP, "--min-respondents", "10", "--format", "github"]);
    assert_eq!(status, 0);
    assert_eq!(stdout, "::notice title=kano check::all 1 check passed\n");
}

#[test]
fn junit_format_is_well_formed_xml_with_one_testcase_per_result() {
    let (status, stdout, _) = check(&[
        &data("check-escapes.csv"),
        "--max-questionable",
        "0",
        "--expect",
        "Plain=A",
        "--format",
        "junit",
    ]);
    assert_eq!(status, 1);
    let doc = roxmltree::Document::parse(&stdout).unwrap_or_else(|e| panic!("{e}\n{stdout}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    assert_eq!(root.attribute("tests"), Some("3"));
    assert_eq!(root.attribute("failures"), Some("1"));
    let cases: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 3);
    let failed: Vec<_> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .collect();
    assert_eq!(failed.len(), 1);
    assert_eq!(
        failed[0].attribute("name"),
        Some("max-questionable: 50% <off> & \"more\": yes, now\\u{1b}[31m")
    );
    let failure = failed[0]
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(
        failure.attribute("message"),
        Some("questionable share 0.059 (1 of 17 valid pairs) > 0 allowed")
    );
    assert_eq!(failure.text(), failure.attribute("message"));
}

#[test]
fn junit_with_no_rules_is_an_empty_suite() {
    let (status, stdout, _) = check(&["-q", SHOP, "--format", "junit"]);
    assert_eq!(status, 0);
    let doc = roxmltree::Document::parse(&stdout).unwrap();
    assert_eq!(doc.root_element().attribute("tests"), Some("0"));
}

#[test]
fn text_names_are_escaped_and_colour_is_opt_in() {
    let file = data("check-escapes.csv");
    let (_, plain, _) = check(&[&file, "--max-questionable", "0"]);
    assert!(!plain.contains('\u{1b}'), "{plain}");
    assert!(
        plain.contains("now\\u{1b}[31m: questionable share"),
        "{plain}"
    );
    let (_, coloured, _) = check(&[&file, "--max-questionable", "0", "--color", "always"]);
    assert!(
        coloured.contains("\u{1b}[1m\u{1b}[31mFAIL\u{1b}[0m  max-questionable"),
        "{coloured}"
    );
    assert!(
        coloured.contains("\u{1b}[32mPASS\u{1b}[0m  max-questionable  Plain"),
        "{coloured}"
    );
}

#[test]
fn output_file_is_written_and_the_exit_code_still_says_failed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kano-check.xml");
    kano()
        .args([
            "check",
            "-q",
            SHOP,
            "--min-respondents",
            "100",
            "--format",
            "junit",
            "--output",
        ])
        .arg(&path)
        .assert()
        .code(1)
        .stdout("");
    let xml = std::fs::read_to_string(&path).unwrap();
    assert!(roxmltree::Document::parse(&xml).is_ok(), "{xml}");
    assert!(xml.contains("60 respondents &lt; 100 required"), "{xml}");
}

#[test]
fn warnings_go_to_stderr_unless_quiet() {
    let orphan = crate::util::data("wide-header-forms.csv");
    kano()
        .args(["check", &orphan])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "kano: warning: 1 question column(s) have no functional/dysfunctional twin",
        ));
    kano()
        .args(["check", "-q", &orphan])
        .assert()
        .success()
        .stderr("");
}

#[test]
fn help_lists_every_rule_and_examples() {
    let (status, stdout, _) = check(&["--help"]);
    assert_eq!(status, 0);
    for flag in [
        "--min-respondents",
        "--max-missing",
        "--max-invalid",
        "--max-questionable",
        "--require-features",
        "--expect",
        "--min-better",
        "--max-worse",
        "--require-significant",
        "--min-strength",
        "--baseline",
        "--max-drift",
        "Examples:",
    ] {
        assert!(stdout.contains(flag), "{flag} missing from --help");
    }
}

/// Splits a shell command line at spaces outside double quotes (enough for the README).
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// Every README code block that opens with a `kano check` command shows that command's real
/// output: `$ kano check` blocks exit 0, blocks without the prompt show failures (exit 1).
#[test]
fn readme_check_samples_are_real() {
    let readme = readme();
    let lines: Vec<&str> = readme.lines().collect();
    let mut samples = 0;
    for (i, window) in lines.windows(2).enumerate() {
        if !window[0].starts_with("```") {
            continue;
        }
        let (command, code) = if let Some(c) = window[1].strip_prefix("$ kano check ") {
            (c, 0)
        } else if let Some(c) = window[1].strip_prefix("kano check ") {
            (c, 1)
        } else {
            continue;
        };
        let expected: String = lines[i + 2..]
            .iter()
            .take_while(|l| !l.starts_with("```"))
            .map(|l| format!("{l}\n"))
            .collect();
        let (status, stdout, stderr) = check(
            &shell_words(command)
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
        );
        assert_eq!(status, code, "README `kano check {command}`: {stderr}");
        assert_eq!(stdout, expected, "README `kano check {command}`");
        samples += 1;
    }
    assert!(samples >= 3, "the README shows passing and failing samples");
}

/// The README's `[check]` example uses every rule key, and each deserializes into the
/// library's `CheckRules` (its TOML values are JSON values too).
#[test]
fn readme_check_table_deserializes_into_check_rules() {
    let readme = readme();
    let start = readme
        .find("```toml\n[check]\n")
        .expect("a [check] example");
    let body = &readme[start + "```toml\n[check]\n".len()..];
    let body = &body[..body.find("```").unwrap()];
    let fields: Vec<String> = body
        .lines()
        .map(|line| {
            let (key, value) = line.split_once(" = ").unwrap();
            format!("\"{key}\": {value}")
        })
        .collect();
    let json = format!("{{{}}}", fields.join(", "));
    let rules: kano::check::CheckRules = serde_json::from_str(&json).unwrap();
    rules.validate().unwrap();
    assert_eq!(fields.len(), 11, "every rule key is shown");
    assert_eq!(rules.min_respondents, Some(30));
    assert_eq!(rules.expect.len(), 2);
    assert!(rules.require_significant);
    assert_eq!(rules.max_drift, Some(0.15));
}

/// The example CI rules pass on the bundled example (with itself as baseline) and fail on a
/// survey that is too small.
#[test]
fn example_ci_script_runs_the_rules() {
    let script = "examples/ci/kano-check.sh";
    let run = |args: &[&str]| {
        let mut cmd = assert_cmd::Command::new("bash");
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("KANO", assert_cmd::cargo::cargo_bin("kano"))
            .arg(script)
            .args(args);
        cmd
    };
    run(&[SHOP, "-q", "--baseline", SHOP, "--max-drift", "0"])
        .assert()
        .code(0)
        .stdout(predicate::str::ends_with("all 45 checks passed\n"));
    run(&[&wave(1), "-q", "--format", "github"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "::error file=tests/data/check-wave1.csv,title=kano check min-respondents::6 respondents < 30 required",
        ));
    let workflow = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/ci/kano-check.yml"
    ))
    .unwrap();
    assert!(workflow.contains("cargo install --locked"));
    assert!(workflow.contains("kano-check.sh"));
    assert!(workflow.contains("--format github"));
}
