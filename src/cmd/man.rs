//! `kano man`: the man page in roff, generated from the clap definition.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::Cli;

/// Examples shown at the end of `kano man --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano man | man -l -
  kano man > ~/.local/share/man/man1/kano.1";

/// Arguments of `kano man` (none).
#[derive(Debug, clap::Args)]
pub struct Args {}

/// Writes the man page to `out`.
pub fn run(_args: &Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    clap_mangen::Man::new(Cli::command()).render(out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
