//! `kano init`: write the spec (kano.toml) that reads an export the way auto-detection (and the
//! flags given) read it, commented, for the user to check, edit and reuse with `--spec`.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::args::{resolve, AnalysisArgs, InputArgs, ReadingArgs, SegmentArgs, WorseArgs};
use crate::output::Output;
use crate::spec::write_spec;

/// Examples shown at the end of `kano init --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano init examples/online-shop.csv > kano.toml
  kano init export.csv --answers wordings.json --table modified -o kano.toml
  kano analyze export.csv --spec kano.toml";

/// Arguments of `kano init`.
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

    /// Conventions to record in the spec.
    #[command(flatten)]
    pub analysis: AnalysisArgs,

    /// The sign of Worse.
    #[command(flatten)]
    pub worse: WorseArgs,

    /// Write to FILE instead of standard output (atomically).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Do not print the reading's warnings on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Runs `kano init`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    crate::output::check_extension("--output", args.output.as_deref(), "toml")?;
    let (mut options, mut settings, _) = resolve(&args.input, &args.analysis)?;
    args.segments.apply(&mut options)?;
    args.reading.apply(&mut options, args.quiet);
    args.worse.apply(&mut settings);
    let mut output = Output::open(args.output.as_deref())?;
    // Unknown labels do not stop `init`: they go into the [answers] table with a guess.
    let mut reading = options.clone();
    reading.skip_invalid = true;
    let survey = args.reading.read(&args.input.file, &reading, args.quiet)?;
    if !args.quiet {
        for warning in &survey.warnings {
            eprintln!("kano: warning: {warning}");
        }
    }
    write!(
        output.writer(),
        "{}",
        write_spec(&survey, &options, &settings)
    )?;
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}
