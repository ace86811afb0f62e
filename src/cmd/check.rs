//! `kano check`: a CI gate for survey exports. Reads and analyses a survey exactly as `analyze`
//! does, evaluates the rules given as flags (see [`crate::check`]), prints PASS/FAIL per rule and
//! feature, and exits 0 when all pass, 1 when any fails, 2 when the data cannot be read.

use std::fs::File;
use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::args::{AnalysisArgs, ColorArgs, InputArgs, NoSegmentArgs, ReadingArgs};
use crate::check::{self, Bound, CheckReport, CheckRules, Expectation};
use crate::cli::EXIT_FAILED;
use crate::error::{printable, Error};
use crate::input::{read_survey, ReadOptions};
use crate::output::Output;
use crate::report::{self, Report, SortKey};
use crate::stats::Settings;

/// Examples shown at the end of `kano check --help`.
pub const EXAMPLES: &str = "\
Exit codes: 0 every rule passed, 1 a rule failed, 2 the data or a rule could not be read.

Examples:
  kano check examples/online-shop.csv --min-respondents 30 --max-missing 0.05
  kano check export.csv --expect \"Order tracking=must-be\" --format github
  kano check export.csv --baseline last-month.json --max-drift 0.1 --format junit -o kano-check.xml";

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One PASS/FAIL line per rule and feature, then a summary.
    Text,
    /// The results as JSON (schema_version 1; see the README).
    Json,
    /// GitHub Actions workflow commands: an ::error annotation per failure, a ::notice summary.
    Github,
    /// JUnit XML, one testcase per rule and feature.
    Junit,
}

/// The rules, as flags. Every rule is off unless given.
#[derive(Debug, Clone, clap::Args)]
#[command(next_help_heading = "Rules")]
pub struct RuleArgs {
    /// Fail with fewer than N respondents (counts layout: the largest feature's rows).
    #[arg(long, value_name = "N")]
    pub min_respondents: Option<u64>,

    /// Fail when a feature has more than SHARE (0-1) of its rows missing; rows are valid,
    /// missing and invalid pairs.
    #[arg(long, value_name = "SHARE")]
    pub max_missing: Option<f64>,

    /// Fail when a feature has more than N pairs with unknown labels (counted with
    /// --skip-invalid; without it an unknown label stops the run with exit 2).
    #[arg(long, value_name = "N")]
    pub max_invalid: Option<u64>,

    /// Fail when more than SHARE (0-1) of a feature's valid pairs are questionable (Q / n).
    #[arg(long, value_name = "SHARE")]
    pub max_questionable: Option<f64>,

    /// Fail when one of these features is absent (comma-separated, case-insensitive; the
    /// failure names the closest existing feature). Repeatable.
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    pub require_features: Vec<String>,

    /// Fail unless FEATURE's category is CATEGORY: a name or letter (must-be, M, ...), or a set
    /// such as "must-be|one-dimensional". Repeatable.
    #[arg(long, value_name = "FEATURE=CATEGORY")]
    pub expect: Vec<Expectation>,

    /// Fail when FEATURE's Better is below X (0-1). Repeatable.
    #[arg(long, value_name = "FEATURE=X")]
    pub min_better: Vec<Bound>,

    /// Fail when FEATURE's |Worse| is above X (0-1): "Live chat=0.5" fails at Worse -0.6.
    /// Repeatable.
    #[arg(long, value_name = "FEATURE=X")]
    pub max_worse: Vec<Bound>,

    /// Fail when a feature named in --expect is not significant by Fong's test (its top two
    /// categories cannot be told apart).
    #[arg(long, requires = "expect")]
    pub require_significant: bool,

    /// Fail when a feature named in --expect has a category strength below POINTS.
    #[arg(long, value_name = "POINTS", requires = "expect")]
    pub min_strength: Option<f64>,

    /// With --baseline: fail when a feature's Better or |Worse| moved by more than X (absolute
    /// difference).
    #[arg(long, value_name = "X", requires = "baseline")]
    pub max_drift: Option<f64>,
}

impl RuleArgs {
    /// The rules, validated.
    pub fn to_rules(&self) -> Result<CheckRules, Error> {
        let rules = CheckRules {
            min_respondents: self.min_respondents,
            max_missing: self.max_missing,
            max_invalid: self.max_invalid,
            max_questionable: self.max_questionable,
            require_features: self.require_features.clone(),
            expect: self.expect.clone(),
            min_better: self.min_better.clone(),
            max_worse: self.max_worse.clone(),
            require_significant: self.require_significant,
            min_strength: self.min_strength,
            max_drift: self.max_drift,
        };
        rules.validate()?;
        Ok(rules)
    }
}

/// Arguments of `kano check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input.
    #[command(flatten)]
    pub input: InputArgs,

    /// Refused: --by (no per-segment results).
    #[command(flatten)]
    pub no_segments: NoSegmentArgs,

    /// Reading.
    #[command(flatten)]
    pub reading: ReadingArgs,

    /// Conventions.
    #[command(flatten)]
    pub analysis: AnalysisArgs,

    /// Rules.
    #[command(flatten)]
    pub rules: RuleArgs,

    /// Compare with an earlier wave: an earlier export (read with the same input options) or
    /// the JSON of `kano analyze --format json` (recognised by its schema_version). Fails when
    /// a feature's category changed or a feature vanished.
    #[arg(long, value_name = "OLD", help_heading = "Rules")]
    pub baseline: Option<PathBuf>,

    /// Output format. [default: text, or the one --output's extension names: .json, .csv, .md, .xlsx, ...]
    #[arg(long, short = 'f', value_enum, help_heading = "Output")]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output (atomically: all or nothing).
    #[arg(long, short = 'o', value_name = "FILE", help_heading = "Output")]
    pub output: Option<PathBuf>,

    /// Colour (of PASS and FAIL in the text format).
    #[command(flatten, next_help_heading = "Output")]
    pub color: ColorArgs,

    /// Do not print reading warnings on standard error.
    #[arg(long, short = 'q', help_heading = "Output")]
    pub quiet: bool,
}

/// Whether the bytes, after a byte-order mark and whitespace, open a JSON object.
fn looks_like_json(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
}

/// Parses a baseline that is `kano analyze --format json` output.
fn parse_json_baseline(path: &str, bytes: &[u8]) -> Result<Report, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let hint = "give an earlier export, or the output of `kano analyze --format json`";
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        Error::usage(
            format!("--baseline {}: not valid JSON: {e}", printable(path)),
            hint,
        )
    })?;
    match value
        .get("schema_version")
        .and_then(serde_json::Value::as_u64)
    {
        Some(v) if v == u64::from(report::SCHEMA_VERSION) => {}
        Some(v) => {
            return Err(Error::usage(
                format!(
                    "--baseline {}: schema_version {v}, but this kano reads {}",
                    printable(path),
                    report::SCHEMA_VERSION
                ),
                "re-run `kano analyze --format json` on the old export with this kano",
            ))
        }
        None => {
            return Err(Error::usage(
                format!(
                    "--baseline {}: a JSON document without a schema_version, so not a kano report",
                    printable(path)
                ),
                hint,
            ))
        }
    }
    serde_json::from_value(value).map_err(|e| {
        Error::usage(
            format!(
                "--baseline {}: not a kano analyze report: {e}",
                printable(path)
            ),
            hint,
        )
    })
}

/// Reads the baseline: JSON report or survey export, decided by the first bytes. Reading
/// warnings about the baseline are not printed (they concern the old file, not this run).
fn read_baseline(
    path: &std::path::Path,
    options: &ReadOptions,
    settings: &Settings,
) -> Result<Report, Error> {
    let text = path.to_string_lossy().into_owned();
    if text == "-" {
        return Err(Error::usage(
            "--baseline cannot read standard input",
            "give the baseline as a file",
        ));
    }
    let io_error = |source| Error::Io {
        path: text.clone(),
        source,
    };
    let mut file = File::open(path).map_err(io_error)?;
    let mut head = Vec::with_capacity(512);
    file.by_ref()
        .take(512)
        .read_to_end(&mut head)
        .map_err(io_error)?;
    if looks_like_json(&head) {
        file.read_to_end(&mut head).map_err(io_error)?;
        return parse_json_baseline(&text, &head);
    }
    let survey = read_survey(&text, options)?;
    Ok(report::build(&survey, settings, SortKey::Input))
}

/// Renders the results in `format`.
pub fn render(
    check: &CheckReport,
    format: Format,
    out: &mut dyn io::Write,
    color: bool,
) -> io::Result<()> {
    match format {
        Format::Text => check::text::render(check, out, color),
        Format::Json => check::json::render(check, out),
        Format::Github => check::github::render(check, out),
        Format::Junit => check::junit::render(check, out),
    }
}

/// Runs `kano check`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let format = crate::output::pick_format(
        args.format,
        args.output.as_deref(),
        Format::Text,
        args.quiet,
    )?;
    args.no_segments.refuse(
        "check",
        "check the survey as a whole, or see the segments with `kano analyze FILE --by COLUMN`",
    )?;
    // No --worse-positive: every rule and line of check reads |Worse|.
    let (mut options, settings, spec) = crate::args::resolve(&args.input, &args.analysis)?;
    args.reading.apply(&mut options, args.quiet);
    let mut rules = args.rules.to_rules()?;
    if let Some(from_spec) = spec.and_then(|s| s.check) {
        rules = rules.over(from_spec);
        rules.validate()?;
    }
    let mut output = Output::open(args.output.as_deref())?;
    let survey = args.reading.read(&args.input.file, &options, args.quiet)?;
    let report = report::build(&survey, &settings, SortKey::Input);
    let baseline = args
        .baseline
        .as_deref()
        .map(|path| read_baseline(path, &options, &settings))
        .transpose()?;
    if !args.quiet {
        for warning in &survey.warnings {
            eprintln!("kano: warning: {warning}");
        }
    }
    let results = check::evaluate(&report, baseline.as_ref(), &rules);
    let check = CheckReport::new(&report, baseline.as_ref(), results);
    let color = format == Format::Text && args.color.enabled(output.is_stdout());
    render(&check, format, output.writer(), color)?;
    output.finish()?;
    Ok(if check.passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FAILED)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_recognised_after_a_bom_and_whitespace() {
        assert!(looks_like_json(b"{\"schema_version\": 1}"));
        assert!(looks_like_json(b"\xEF\xBB\xBF \n {"));
        assert!(!looks_like_json(b"feature,A,O,M,I,R,Q"));
        assert!(!looks_like_json(b""));
    }

    #[test]
    fn json_baselines_without_the_right_schema_version_are_refused() {
        for (text, problem) in [
            ("{\"features\": []}", "without a schema_version"),
            ("{\"schema_version\": 2}", "schema_version 2"),
            ("{\"schema_version\": 1}", "not a kano analyze report"),
            ("{", "not valid JSON"),
        ] {
            let e = parse_json_baseline("old.json", text.as_bytes())
                .unwrap_err()
                .to_string();
            assert!(e.contains(problem), "{text}: {e}");
            assert!(e.contains("old.json"), "{e}");
        }
    }
}
