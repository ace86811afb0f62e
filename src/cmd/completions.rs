//! `kano completions SHELL`: a shell completion script, generated from the clap definition so
//! it can never fall behind the flags.

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

use crate::cli::Cli;

/// Examples shown at the end of `kano completions --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano completions bash > ~/.local/share/bash-completion/completions/kano
  kano completions zsh > ~/.zfunc/_kano
  kano completions fish > ~/.config/fish/completions/kano.fish";

/// Arguments of `kano completions`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to write a completion script for.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: Shell,
}

/// Writes the completion script for `args.shell` to `out`.
pub fn run(args: &Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command();
    clap_complete::generate(args.shell, &mut command, "kano", out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
