//! `kano analyze`: read a survey, classify every feature, print the ranked results.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::args::{
    AnalysisArgs, ColorArgs, InputArgs, RawArgs, ReadingArgs, SegmentArgs, WorseArgs,
};
use crate::output::Output;
use crate::report::{self, table::TableOptions, xlsx::Reading, Report, SortKey};

/// Examples shown at the end of `kano analyze --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano analyze examples/online-shop.csv
  kano analyze survey.csv --format json | jq '.features[] | {name, category}'
  kano analyze export.csv --table modified --rule berger --answer \"Must have=must-be\"
  kano analyze survey.csv -o results.json -o results.xlsx -o table.md   (one read, three files)";

/// Output formats of `analyze`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A ranked table fitting the terminal (80 columns when not a terminal; see --width).
    #[value(alias = "table")]
    Text,
    /// The full report as JSON (schema_version 1; see the README).
    Json,
    /// One row per feature with every statistic.
    Csv,
    /// A Markdown table.
    Markdown,
    /// An Excel workbook (Results, Counts, Reading, Settings sheets); needs --output or a pipe.
    Xlsx,
}

/// Arguments of `kano analyze`.
#[derive(Debug, clap::Args)]
// FILE may be left out for `--convention list` only; `cli::resolve` refuses an empty one.
#[command(mut_arg("file", |file| file
    .required(false)
    .required_unless_present("convention")
    .default_value("")
    .hide_default_value(true)))]
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

    /// Add Yang's (2005) refined categories: each of A, O, M, I split by whether the feature's
    /// mean self-stated importance is above the survey's (needs an importance column).
    #[arg(long)]
    pub refined: bool,

    /// Output format. [default: text, or the one --output's extension names: .json, .csv, .md,
    /// .xlsx, .txt]; with several --output files each takes its own from its extension.
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output (atomically: all or nothing). Repeatable; each
    /// FILE gets the format its extension names, all from one read, and none is written unless
    /// all are (`-` is standard output, at most once).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Vec<PathBuf>,

    /// Feature order.
    #[arg(long, value_enum, default_value_t = SortKey::Priority)]
    pub sort: SortKey,

    /// Table width in columns [default: the terminal's, or 80 when not a terminal]; long
    /// names wrap within it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,

    /// Colour.
    #[command(flatten)]
    pub color: ColorArgs,

    /// CSV output.
    #[command(flatten)]
    pub raw: RawArgs,

    /// Do not print warnings on standard error (they stay in JSON and Markdown output).
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Warn (on standard error) about features whose valid answers leave the 95% interval of
    /// Better or Worse wider than +/- this half-width, naming the n that would do.
    #[arg(long, value_name = "HALF_WIDTH", default_value_t = 0.15)]
    pub min_precision: f64,
}

/// Features named one by one in the `--min-precision` warnings; the rest are counted in one line,
/// so a survey of thousands of small features does not flood standard error.
const PRECISION_WARNINGS_SHOWN: usize = 10;

/// Renders a report in `format`; `reading` feeds the xlsx Reading sheet.
pub fn render(
    report: &Report,
    reading: &Reading,
    format: Format,
    out: &mut dyn Write,
    table: TableOptions,
    raw: bool,
) -> std::io::Result<()> {
    match format {
        Format::Xlsx => report::xlsx::render(report, reading, out),
        Format::Text => report::table::render(report, out, table),
        Format::Json => report::json::render(report, out),
        Format::Csv => report::csv::render(report, out, raw),
        Format::Markdown => report::markdown::render(report, out),
    }
}

/// Runs `kano analyze`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let formats = crate::output::pick_formats(args.format, &args.output, Format::Text, args.quiet)?;
    if args.analysis.lists_conventions() {
        let [(path, _)] = formats.as_slice() else {
            return Err(crate::error::Error::usage(
                "--convention list writes one list",
                "give at most one --output",
            )
            .into());
        };
        let mut output = Output::open(path.as_deref())?;
        output
            .writer()
            .write_all(crate::convention::list().as_bytes())?;
        output.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    args.raw
        .check(formats.iter().any(|(_, format)| *format == Format::Csv))?;
    let (mut options, mut settings, _) = crate::args::resolve(&args.input, &args.analysis)?;
    args.segments.apply(&mut options)?;
    args.reading.apply(&mut options, args.quiet);
    args.worse.apply(&mut settings);
    settings.refined = args.refined;
    if !(args.min_precision > 0.0 && args.min_precision <= 1.0) {
        return Err(crate::error::Error::usage(
            format!("--min-precision {} is out of range", args.min_precision),
            "give a half-width above 0 and at most 1, e.g. --min-precision 0.1",
        )
        .into());
    }
    let mut outputs = Vec::with_capacity(formats.len());
    for (path, format) in &formats {
        let output = Output::open(path.as_deref())?;
        if *format == Format::Xlsx {
            output.refuse_binary_on_terminal("xlsx")?;
        }
        outputs.push(output);
    }
    let survey = args.reading.read(&args.input.file, &options, args.quiet)?;
    let report = report::build(&survey, &settings, args.sort);
    crate::args::require_importance(&report, &args.input.file)?;
    if !args.quiet {
        if std::io::stderr().is_terminal() {
            let inspection = crate::report::inspect::Inspection::from(&survey);
            eprintln!(
                "kano: {}",
                crate::report::inspect::summary_line(&inspection)
            );
        }
        for warning in &survey.warnings {
            eprintln!("kano: warning: {warning}");
        }
        let imprecise = crate::plan::precision_warnings(&report, args.min_precision);
        for warning in imprecise.iter().take(PRECISION_WARNINGS_SHOWN) {
            eprintln!("kano: warning: {warning}");
        }
        if imprecise.len() > PRECISION_WARNINGS_SHOWN {
            eprintln!(
                "kano: warning: {} more feature(s) leave Better or Worse wider than +/- {:.2} \
                 (`--format json` gives every feature's better_ci and worse_ci)",
                imprecise.len() - PRECISION_WARNINGS_SHOWN,
                args.min_precision
            );
        }
    }
    let reading = Reading::from(&survey);
    for (output, (_, format)) in outputs.iter_mut().zip(&formats) {
        let table = TableOptions {
            color: args.color.enabled(output.is_stdout()),
            width: crate::args::table_width(args.width, output.is_stdout()),
        };
        render(
            &report,
            &reading,
            *format,
            output.writer(),
            table,
            args.raw.raw,
        )?;
    }
    Output::finish_all(outputs)?;
    Ok(ExitCode::SUCCESS)
}
