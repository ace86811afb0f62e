//! `kano report`: one self-contained HTML page to share, with the summary, the action list, the
//! chart, the full table, how the file was read and the settings; optionally the comparison with
//! an older wave.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::chart::{self, Chart, Geometry};
use crate::cli::{AnalysisArgs, InputArgs};
use crate::cmd::plot::SplitArg;
use crate::error::{printable, Error};
use crate::input::read_survey;
use crate::output::Output;
use crate::report::html::{self, Page, Reading};
use crate::report::{self, SortKey};

/// Examples shown at the end of `kano report --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano report examples/online-shop.csv -o report.html
  kano report wave-2025.csv --compare wave-2024.csv -o report.html
  kano report w3.csv --compare w1.csv --compare w2.csv --table modified -o report.html";

/// Arguments of `kano report`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input.
    #[command(flatten)]
    pub input: InputArgs,

    /// Conventions.
    #[command(flatten)]
    pub analysis: AnalysisArgs,

    /// Add the comparison with an older wave OLD (read with the same options). Repeat it for
    /// several older waves, oldest first: the page then also shows every feature's trend
    /// through all waves, and compares FILE with the newest OLD.
    #[arg(long, value_name = "OLD")]
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

/// Runs `kano report`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if args.input.file == "-" && args.compare.iter().any(|c| c == "-") {
        return Err(Error::usage(
            "FILE and --compare are both `-`, but standard input can be read only once",
            "give at least one of the waves as a file",
        )
        .into());
    }
    let (options, mut settings, _) = crate::cli::resolve(&args.input, &args.analysis)?;
    settings.refined = args.refined;
    let mut output = Output::open(args.output.as_deref())?;
    let survey = read_survey(&args.input.file, &options)?;
    let report = report::build(&survey, &settings, SortKey::Priority);
    crate::cli::require_importance(&report, &args.input.file)?;
    let reading = Reading::of(&survey);
    let mut older = Vec::new();
    for path in &args.compare {
        let survey = read_survey(path, &options)?;
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
                printable(&crate::input::display_path(&args.input.file))
            ),
            "check that the file has answers (kano analyze shows what was read)",
        )
        .into());
    }
    let layout = chart::layout(&chart, Geometry::default());
    let svg = report::svg::to_string(&chart, &layout)?;
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
        chart_svg: &svg,
        comparison: comparison.as_ref(),
        trend: trend.as_ref(),
    };
    html::render(page, output.writer())?;
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}
