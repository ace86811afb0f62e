//! `kano report`: one self-contained HTML page to share, with the summary, the action list, the
//! chart, the full table, how the file was read and the settings; optionally the comparison with
//! an older wave.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::args::{AnalysisArgs, InputArgs, ReadingArgs, SegmentArgs, WorseArgs};
use crate::chart::Chart;
use crate::cmd::plot::SplitArg;
use crate::error::{printable, Error};
use crate::output::Output;
use crate::report::html::{self, Page, Reading};
use crate::report::{self, SortKey};

/// Examples shown at the end of `kano report --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano report examples/online-shop.csv -o report.html
  kano report wave-2024.csv wave-2025.csv -o report.html
  kano report w1.csv w2.csv w3.csv --table modified -o report.html";

/// Arguments of `kano report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input.
    #[command(flatten)]
    pub input: InputArgs,

    /// Segments.
    #[command(flatten)]
    pub segments: SegmentArgs,

    /// Reading.
    #[command(flatten)]
    pub reading: ReadingArgs,

    /// Conventions.
    #[command(flatten)]
    pub analysis: AnalysisArgs,

    /// The sign of Worse.
    #[command(flatten)]
    pub worse: WorseArgs,

    /// Newer waves of the same survey, oldest first (as in `kano compare` and `kano plot`): the
    /// page reports the newest and compares it with the one before; with three or more waves it
    /// also shows every feature's trend through all of them.
    #[arg(value_name = "NEW", num_args = 0..)]
    pub newer: Vec<String>,

    /// Deprecated: an older wave OLD, to compare FILE with (repeatable, oldest first). Give the
    /// waves oldest first instead: `kano report OLD FILE`.
    #[arg(long, value_name = "OLD", conflicts_with = "newer")]
    pub compare: Vec<String>,

    /// Where the chart's quadrant lines go.
    #[arg(long, value_enum, default_value_t = SplitArg::Middle)]
    pub split: SplitArg,

    /// Draw the Wilson 95% intervals on the chart as whiskers.
    #[arg(long)]
    pub intervals: bool,

    /// Add Yang's (2005) refined categories: each of A, O, M, I split by whether the feature's
    /// mean self-stated importance is above the survey's (needs an importance column).
    #[arg(long)]
    pub refined: bool,

    /// Write to FILE instead of standard output (atomically: all or nothing).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Do not print warnings on standard error (they stay in the page).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// The waves to report, oldest first: FILE and NEW..., or (deprecated) every --compare then
/// FILE.
fn waves(args: &Args) -> Vec<&str> {
    let mut waves: Vec<&str> = args.compare.iter().map(String::as_str).collect();
    waves.push(&args.input.file);
    waves.extend(args.newer.iter().map(String::as_str));
    waves
}

/// Runs `kano report`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if !args.compare.is_empty() && !args.quiet {
        eprintln!(
            "kano: note: --compare is deprecated; give the waves oldest first, as in kano compare \
             and kano plot: `kano report OLD... FILE`"
        );
    }
    let waves = waves(args);
    if waves.iter().filter(|w| **w == "-").count() > 1 {
        return Err(Error::usage(
            "more than one wave is `-`, but standard input can be read only once",
            "give at most one of the waves as `-`",
        )
        .into());
    }
    let Some((newest, older_paths)) = waves.split_last() else {
        return Ok(ExitCode::SUCCESS);
    };
    crate::output::check_extension("--output", args.output.as_deref(), "html")?;
    let (mut options, mut settings, _) = crate::args::resolve(&args.input, &args.analysis)?;
    args.segments.apply(&mut options)?;
    args.reading.apply(&mut options, args.quiet);
    args.worse.apply(&mut settings);
    settings.refined = args.refined;
    let mut output = Output::open(args.output.as_deref())?;
    let survey = args.reading.read(newest, &options, args.quiet)?;
    let report = report::build(&survey, &settings, SortKey::Priority);
    crate::args::require_importance(&report, newest)?;
    let reading = Reading::of(&survey);
    let mut older = Vec::new();
    for path in older_paths {
        let survey = args.reading.read(path, &options, args.quiet)?;
        older.push(report::build(&survey, &settings, SortKey::Priority));
    }
    let comparison = older
        .last()
        .map(|old| crate::compare::compare(old, &report));
    let trend = (older.len() >= 2).then(|| {
        let mut all = older.clone();
        all.push(report.clone());
        crate::trend::trend(&all)
    });
    let chart = Chart::better_worse(&report, args.split.into(), args.intervals);
    if chart.points.is_empty() {
        return Err(Error::usage(
            format!(
                "{}: no feature has Better and Worse values to report",
                printable(&crate::input::display_path(newest))
            ),
            "check that the file has answers (kano analyze shows what was read)",
        )
        .into());
    }
    if !args.quiet {
        let warnings = match (&trend, &comparison) {
            (Some(t), _) => &t.warnings,
            (None, Some(c)) => &c.warnings,
            (None, None) => &reading.warnings,
        };
        for warning in warnings {
            eprintln!("kano: warning: {warning}");
        }
    }
    let page = Page {
        report: &report,
        reading: &reading,
        chart: &chart,
        comparison: comparison.as_ref(),
        trend: trend.as_ref(),
    };
    html::render(page, output.writer())?;
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}
