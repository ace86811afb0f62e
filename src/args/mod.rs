//! The argument groups the subcommands share, one room apart from the `Command` enum (as
//! ripgrep's `flags/defs.rs`): each subcommand flattens the groups it uses, so a flag means the
//! same thing, under the same name and values, everywhere it appears.

mod analysis;
mod input;

pub use analysis::{require_importance, AnalysisArgs, RuleArg, TableArg, WorseArgs};
pub use input::{
    load_feature_names, InputArgs, LayoutArg, NoSegmentArgs, PairsArg, ReadingArgs, SegmentArgs,
};

use std::io;

use clap::{Args, ValueEnum};

use crate::error::Error;
use crate::input::ReadOptions;
use crate::spec::Spec;
use crate::stats::Settings;

/// Loads the spec (when `--spec` is given), then validates the analysis and input arguments on
/// top of it: what every subcommand that reads a survey does first.
pub fn resolve(
    input: &InputArgs,
    analysis: &AnalysisArgs,
) -> Result<(ReadOptions, Settings, Option<Spec>), Error> {
    if analysis.lists_conventions() {
        // `--convention list` outside `kano analyze`: refused (with a hint) before anything else.
        analysis.to_settings(None)?;
    }
    if input.file.is_empty() {
        return Err(Error::usage(
            "no survey FILE given",
            "give the survey file first, e.g. `kano analyze survey.csv --convention stp25kano`",
        ));
    }
    let spec = input.spec.as_deref().map(Spec::load).transpose()?;
    let settings = analysis.to_settings(spec.as_ref())?;
    let options = input.to_options(settings.table, spec.as_ref())?;
    Ok((options, settings, spec))
}

/// When to colour the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When stdout is a terminal, unless NO_COLOR is set or CLICOLOR=0; CLICOLOR_FORCE=1
    /// colours a pipe too.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// `--color`: the same flag, values and environment variables in every subcommand that colours
/// what it writes to a terminal.
#[derive(Debug, Clone, Args)]
pub struct ColorArgs {
    /// When to colour the output: auto colours a terminal (not a file), unless NO_COLOR is set
    /// or CLICOLOR=0; CLICOLOR_FORCE=1 colours a pipe too.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,
}

impl ColorArgs {
    /// Whether to colour output going to stdout (`to_stdout`) or a file.
    pub fn enabled(&self, to_stdout: bool) -> bool {
        self.color.enabled(to_stdout)
    }
}

/// `--raw`: the same in every subcommand that writes CSV.
#[derive(Debug, Clone, Args)]
pub struct RawArgs {
    /// CSV output: write a text cell starting with = + - @ as it is, without the leading `'`
    /// that keeps a spreadsheet from running it as a formula (control characters are still
    /// written as visible escapes).
    #[arg(long)]
    pub raw: bool,
}

impl RawArgs {
    /// Refuses `--raw` when no CSV is written (`writes_csv` false), so it is never accepted and
    /// ignored.
    pub fn check(&self, writes_csv: bool) -> Result<(), Error> {
        if self.raw && !writes_csv {
            return Err(Error::usage(
                "--raw changes CSV output only, and this run writes no CSV",
                "drop --raw, or write CSV (--format csv, or an output file ending in .csv)",
            ));
        }
        Ok(())
    }
}

impl ColorArg {
    /// Whether to colour output going to stdout (`to_stdout`) or a file.
    pub fn enabled(self, to_stdout: bool) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                to_stdout
                    && anstream::AutoStream::choice(&io::stdout()) != anstream::ColorChoice::Never
            }
        }
    }
}

/// Columns of the table when not drawn on a terminal and no `--width` is given.
pub const DEFAULT_WIDTH: u16 = 80;

/// The width to draw a table in: `--width` when given, else the terminal's when the table goes
/// to a terminal on standard output (`to_stdout`), else [`DEFAULT_WIDTH`].
pub fn table_width(width: Option<u16>, to_stdout: bool) -> u16 {
    width.unwrap_or_else(|| {
        if to_stdout {
            comfy_table::Table::new().width().unwrap_or(DEFAULT_WIDTH)
        } else {
            DEFAULT_WIDTH
        }
    })
}
