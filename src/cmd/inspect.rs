//! `kano inspect`: show how a file is read (encoding, delimiter, header rows, layout, each
//! feature's columns, ignored columns, every answer label and what it decodes to), so a user
//! can trust, or fix, the reading before trusting the result.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::args::{resolve, AnalysisArgs, InputArgs, NoSegmentArgs, ReadingArgs, TableArg};
use crate::output::Output;
use crate::report::inspect::{render_json, render_text, Inspection};

/// Examples shown at the end of `kano inspect --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano inspect examples/online-shop.csv
  kano inspect export.xlsx --sheet Responses
  kano inspect survey.csv --format json | jq '.labels[] | select(.answer == null)'";

/// Output formats of `inspect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Readable text.
    Text,
    /// JSON (schema_version 1).
    Json,
}

/// Arguments of `kano inspect`.
#[derive(Debug, clap::Args)]
// Inspect lists unknown labels rather than stopping at them, so --skip-invalid would change
// nothing: hidden here, and refused with a hint when given.
#[command(mut_arg("skip_invalid", |a| a.hide(true)))]
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

    /// The evaluation table, which decides which pairs count as questionable [default:
    /// standard]. (Inspect takes no other analysis flag: none changes what it shows.)
    #[arg(long, value_enum, help_heading = "Analysis")]
    pub table: Option<TableArg>,

    /// Output format. [default: text, or the one --output's extension names: .json, .csv, .md, .xlsx, ...]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Do not print notes and warnings on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Runs `kano inspect`. Unknown labels never stop it: they are listed as unknown.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let format = crate::output::pick_format(
        args.format,
        args.output.as_deref(),
        Format::Text,
        args.quiet,
    )?;
    args.no_segments.refuse(
        "inspect",
        "inspect lists every column already; see the segments with `kano analyze FILE --by \
         COLUMN`",
    )?;
    let analysis = AnalysisArgs {
        convention: None,
        table: args.table,
        rule: None,
        tie_order: None,
        mixed_threshold: None,
    };
    if args.input.skip_invalid {
        return Err(crate::error::Error::usage(
            "kano inspect never stops at an unknown label (it lists each), so --skip-invalid \
             changes nothing here",
            "drop --skip-invalid",
        )
        .into());
    }
    let (mut options, _, _) = resolve(&args.input, &analysis)?;
    args.reading.apply(&mut options, args.quiet);
    options.skip_invalid = true;
    let mut output = Output::open(args.output.as_deref())?;
    let survey = args.reading.read(&args.input.file, &options, args.quiet)?;
    let inspection = Inspection::from(&survey);
    match format {
        Format::Text => render_text(&inspection, output.writer())?,
        Format::Json => render_json(&inspection, output.writer())?,
    }
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}
