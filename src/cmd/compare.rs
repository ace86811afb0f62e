//! `kano compare`: read two waves of the same survey, match features by name, and show how each
//! feature's category, Better and Worse moved, with a significance test per change.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::cli::{AnalysisArgs, ColorArg, InputArgs};
use crate::compare::{self, Comparison};
use crate::input::{read_survey, ReadOptions};
use crate::output::Output;
use crate::report::{self, table::TableOptions, SortKey};
use crate::stats::Settings;

/// Examples shown at the end of `kano compare --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano compare wave-2024.csv wave-2025.csv
  kano compare old.csv new.csv --format json | jq '.features[] | select(.drift != \"stable\")'
  kano compare old.csv new.csv --table modified --format markdown -o changes.md";

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for the terminal (80 columns).
    Table,
    /// The full comparison as JSON (schema_version 1; see the README).
    Json,
    /// One row per feature present in both waves.
    Csv,
    /// A Markdown table.
    Markdown,
}

/// Arguments of `kano compare`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("file", |a| a.value_name("OLD").index(1).help("The old wave's survey file; `-` reads standard input")))]
pub struct Args {
    /// Input: OLD is the old wave; every input option applies to both files.
    #[command(flatten)]
    pub input: InputArgs,

    /// The new wave's survey file, read with the same options as OLD.
    #[arg(value_name = "NEW", index = 2)]
    pub new: String,

    /// Conventions (the same for both waves).
    #[command(flatten)]
    pub analysis: AnalysisArgs,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write to FILE instead of standard output (atomically: all or nothing).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// When to colour the table.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// CSV output: do not prefix text cells starting with = + - @ with a quote.
    #[arg(long)]
    pub raw: bool,

    /// Do not print warnings on standard error (they stay in JSON and Markdown output).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Reads both waves with the same options and compares them under the same settings.
pub fn read_and_compare(
    old: &str,
    new: &str,
    options: &ReadOptions,
    settings: &Settings,
) -> anyhow::Result<Comparison> {
    let old = read_survey(old, options)?;
    let new = read_survey(new, options)?;
    let old = report::build(&old, settings, SortKey::Priority);
    let new = report::build(&new, settings, SortKey::Priority);
    Ok(compare::compare(&old, &new))
}

/// Renders a comparison in `format`.
pub fn render(
    comparison: &Comparison,
    format: Format,
    out: &mut dyn Write,
    table: TableOptions,
    raw: bool,
) -> std::io::Result<()> {
    match format {
        Format::Table => report::compare::table::render(comparison, out, table),
        Format::Json => report::compare::json::render(comparison, out),
        Format::Csv => report::compare::csv::render(comparison, out, raw),
        Format::Markdown => report::compare::markdown::render(comparison, out),
    }
}

/// Runs `kano compare`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if args.input.file == "-" && args.new == "-" {
        return Err(crate::error::Error::usage(
            "OLD and NEW are both `-`, but standard input can be read only once",
            "give at least one of the waves as a file",
        )
        .into());
    }
    let (options, settings, _) = crate::cli::resolve(&args.input, &args.analysis)?;
    let mut output = Output::open(args.output.as_deref())?;
    let comparison = read_and_compare(&args.input.file, &args.new, &options, &settings)?;
    if !args.quiet {
        for warning in &comparison.warnings {
            eprintln!("kano: warning: {warning}");
        }
    }
    let table = TableOptions {
        color: args.color.enabled(output.is_stdout()),
        width: 80,
    };
    render(&comparison, args.format, output.writer(), table, args.raw)?;
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}
