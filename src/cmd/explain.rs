//! `kano explain`: why one feature has its category, from the answer grid to the action.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::args::{AnalysisArgs, InputArgs, ReadingArgs, SegmentArgs, WorseArgs};
use crate::error::Error;
use crate::explain::{self, Explanation};
use crate::output::Output;
use crate::report;

/// Examples shown at the end of `kano explain --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano explain examples/online-shop.csv \"Live chat\"
  kano explain examples/banking-app-long.csv 2 --table modified --format markdown   (#2 of analyze)
  kano explain survey.csv \"Dark mode\" --format xlsx --output dark-mode.xlsx";

/// Output formats of `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The grid and the reasoning as text for the terminal.
    #[value(alias = "table")]
    Text,
    /// The explanation as JSON (schema_version 1; see the README).
    Json,
    /// The grid as a Markdown table and the reasoning as a list.
    Markdown,
    /// An Excel workbook (Grid, Explanation, Settings sheets); needs --output or a pipe.
    Xlsx,
}

/// Arguments of `kano explain`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input.
    #[command(flatten)]
    pub input: InputArgs,

    /// The feature: its name (any case), or its number: the `#` that `kano analyze` shows (its
    /// rank under the default priority sort, whatever --sort was), not its position in the file.
    #[arg(value_name = "FEATURE")]
    pub feature: String,

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

    /// Output format. [default: text, or the one --output's extension names: .json, .csv, .md, .xlsx, ...]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output (atomically: all or nothing).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Do not print warnings on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Renders an explanation in `format`.
///
/// With `--by`, the table and Markdown formats follow the overall explanation with one per
/// segment, each under a heading; JSON nests them in `segments`; xlsx holds the overall one.
pub fn render(e: &Explanation, format: Format, out: &mut dyn Write) -> std::io::Result<()> {
    match format {
        Format::Text => report::explain::render_table(e, out)?,
        Format::Json => return report::explain::render_json(e, out),
        Format::Markdown => report::explain::render_markdown(e, out)?,
        Format::Xlsx => return report::xlsx::render_explanation(e, out),
    }
    for segment in &e.segments {
        let heading = format!(
            "{} = {} ({} respondents)",
            crate::error::printable(&segment.column),
            crate::error::printable(&segment.value),
            segment.respondents
        );
        match format {
            Format::Markdown => writeln!(out, "\n## {}\n", report::markdown::escape(&heading))?,
            _ => writeln!(
                out,
                "\n{heading}\n{}",
                "=".repeat(heading.chars().count().min(78))
            )?,
        }
        match format {
            Format::Markdown => report::explain::render_markdown(&segment.explanation, out)?,
            _ => report::explain::render_table(&segment.explanation, out)?,
        }
    }
    Ok(())
}

/// The survey index of the feature `query` names: a feature's name (any case) wins; else a
/// number is the `#` of `kano analyze` (the rank under the default priority sort), so a number
/// means the same feature in every command.
fn feature_index(
    survey: &crate::input::Survey,
    reports: &[report::FeatureReport],
    query: &str,
) -> Result<usize, Error> {
    let wanted = query.trim().to_lowercase();
    let named = survey
        .features
        .iter()
        .any(|f| f.name.trim().to_lowercase() == wanted);
    if !named {
        if let Ok(rank) = wanted.parse::<usize>() {
            if let Some(index) = reports.iter().position(|r| r.rank == rank) {
                return Ok(index);
            }
        }
    }
    explain::find_feature(survey, query)
}

/// Runs `kano explain`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let format = crate::output::pick_format(
        args.format,
        args.output.as_deref(),
        Format::Text,
        args.quiet,
    )?;
    let (mut options, mut settings, _) = crate::args::resolve(&args.input, &args.analysis)?;
    args.segments.apply(&mut options)?;
    args.reading.apply(&mut options, args.quiet);
    args.worse.apply(&mut settings);
    let mut output = Output::open(args.output.as_deref())?;
    if format == Format::Xlsx {
        output.refuse_binary_on_terminal("xlsx")?;
    }
    let survey = args.reading.read(&args.input.file, &options, args.quiet)?;
    // In file order, each with its `#` (the rank under the default priority sort).
    let reports = report::feature_reports(&survey.features, &settings, report::SortKey::Input);
    let index = feature_index(&survey, &reports, &args.feature)?;
    let mut explanation = explain::explain(&survey, index, &settings).ok_or_else(|| {
        Error::usage(
            format!("feature {} is out of range", index + 1),
            "give a name or the # that `kano analyze` shows",
        )
    })?;
    // The title names the feature by the `#` analyze shows, as the number given does.
    let number = reports.get(index).map(|r| r.rank);
    explanation.number = number;
    for segment in &mut explanation.segments {
        segment.explanation.number = number;
    }
    if !args.quiet {
        for warning in &survey.warnings {
            eprintln!("kano: warning: {warning}");
        }
    }
    render(&explanation, format, output.writer())?;
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}
