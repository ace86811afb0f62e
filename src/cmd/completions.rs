//! `kano completions SHELL`: a shell completion script, generated from the clap definition so
//! it can never fall behind the flags.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;
use clap_complete::{Generator, Shell};

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

/// Writes the completion script for `args.shell` to `out`. A write error (a full disk, a closed
/// pipe) is returned, not a panic: `clap_complete::generate` panics on one, and even its
/// `try_generate` panics inside the fish generator, so the script is generated into memory (a few
/// kilobytes) and then written.
pub fn run(args: &Args, out: &mut dyn Write) -> anyhow::Result<ExitCode> {
    let mut command = Cli::command().bin_name("kano");
    command.build();
    let mut script = Vec::new();
    args.shell
        .try_generate(&command, &mut script)
        .context("generating the completion script")?;
    out.write_all(&script)
        .and_then(|()| out.flush())
        .context("writing the completion script to standard output")?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A writer that fails like a full disk.
    struct Full;

    impl Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_write_error_is_an_error_not_a_panic() {
        for shell in [Shell::Bash, Shell::Fish, Shell::Zsh] {
            let result = run(&Args { shell }, &mut Full);
            assert!(result.is_err_and(|e| e.chain().any(|c| c
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::StorageFull))));
        }
    }

    #[test]
    fn the_script_names_the_binary() {
        let mut out = Vec::new();
        assert!(run(&Args { shell: Shell::Bash }, &mut out).is_ok());
        assert!(String::from_utf8_lossy(&out).contains("kano"));
    }
}
