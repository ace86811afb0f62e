//! The command line: the top-level `Command` enum, dispatch to `src/cmd/<verb>.rs`, and `main`'s
//! error and exit-code handling. The argument groups the subcommands share live in
//! [`crate::args`].

use std::io;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::cmd;
use crate::error::Error;

/// Exit code: the command ran and a check failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: an error (bad input, bad usage).
pub const EXIT_ERROR: u8 = 2;

/// What `kano --version` prints after the name: the crate version and the JSON schema version
/// (kept equal to [`crate::report::SCHEMA_VERSION`] by a test).
pub const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (JSON schema 1)");

/// Examples shown at the end of `kano --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano analyze survey.csv
  kano analyze survey.csv -o results.xlsx
  kano explain survey.csv 1
  kano check survey.csv --expect \"Order tracking=must-be\"
  kano compare wave1.csv wave2.csv
  kano report wave1.csv wave2.csv -o report.html
  kano man analyze | man -l -";

/// Kano survey analyzer: classify features from survey exports, with Better/Worse coefficients.
#[derive(Debug, Parser)]
#[command(name = "kano", version = VERSION, about, long_about = None, propagate_version = true,
    after_help = EXAMPLES)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
// Parsed once per process; boxing the larger Args would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Classify every feature of a survey and compute its statistics.
    #[command(after_help = cmd::analyze::EXAMPLES)]
    Analyze(cmd::analyze::Args),
    /// Show how a file is read: encoding, delimiter, header rows, layout, columns, labels.
    #[command(after_help = cmd::inspect::EXAMPLES)]
    Inspect(cmd::inspect::Args),
    /// Write the spec (kano.toml) that reads a file as detected, for `--spec`.
    #[command(after_help = cmd::init::EXAMPLES)]
    Init(cmd::init::Args),
    /// Show why one feature has its category: the answer grid, the counts, the rule and the
    /// action.
    #[command(after_help = cmd::explain::EXAMPLES)]
    Explain(cmd::explain::Args),
    /// Check a survey against rules for CI: exit 0 when all pass, 1 when any fails.
    #[command(after_help = cmd::check::EXAMPLES)]
    Check(cmd::check::Args),
    /// Compare waves of a survey: category drift, changes in Better and Worse, habituation.
    #[command(after_help = cmd::compare::EXAMPLES)]
    Compare(cmd::compare::Args),
    /// Draw the Better-Worse diagram (or the continuous plot, or the waves' drift) as SVG or text.
    #[command(after_help = cmd::plot::EXAMPLES)]
    Plot(cmd::plot::Args),
    /// Write one self-contained HTML page to share: summary, actions, chart, table, settings.
    #[command(after_help = cmd::report::EXAMPLES)]
    Report(cmd::report::Args),
    /// How many respondents to ask: sample sizes for the precision of Better and Worse and for
    /// Fong's test, and how many to invite.
    #[command(after_help = cmd::plan::EXAMPLES)]
    Plan(cmd::plan::Args),
    /// Write the questionnaire: every feature's functional, dysfunctional and importance
    /// questions, worded so that the survey's export reads back with no flags.
    #[command(after_help = cmd::questionnaire::EXAMPLES)]
    Questionnaire(cmd::questionnaire::Args),
    /// Print a shell completion script.
    #[command(after_help = cmd::completions::EXAMPLES)]
    Completions(cmd::completions::Args),
    /// Print the man page (roff).
    #[command(after_help = cmd::man::EXAMPLES)]
    Man(cmd::man::Args),
}

/// Runs the parsed command line; the returned code is the process's.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Analyze(args) => cmd::analyze::run(&args),
        Command::Check(args) => cmd::check::run(&args),
        Command::Inspect(args) => cmd::inspect::run(&args),
        Command::Init(args) => cmd::init::run(&args),
        Command::Explain(args) => cmd::explain::run(&args),
        Command::Completions(args) => cmd::completions::run(&args, &mut io::stdout().lock()),
        Command::Man(args) => cmd::man::run(&args, &mut io::stdout().lock()),
        Command::Compare(args) => cmd::compare::run(&args),
        Command::Plot(args) => cmd::plot::run(&args),
        Command::Report(args) => cmd::report::run(&args),
        Command::Plan(args) => cmd::plan::run(&args),
        Command::Questionnaire(args) => cmd::questionnaire::run(&args),
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<Error>()
                .is_some_and(|e| matches!(e, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe))
    })
}

/// The process entry point: parse, run, report errors, map to exit codes.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kano: {}", error_message(&e));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// The error and its causes joined with `: `, leaving out a cause whose text the message already
/// shows (kano's errors print their I/O cause themselves, and an I/O error may wrap another that
/// says the same), so nothing is printed twice.
fn error_message(error: &anyhow::Error) -> String {
    let mut message = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if message.contains(&text) {
            continue;
        }
        if !message.is_empty() {
            message.push_str(": ");
        }
        message.push_str(&text);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn version_names_the_json_schema_version() {
        assert!(VERSION.starts_with(env!("CARGO_PKG_VERSION")));
        assert!(VERSION.ends_with(&format!("(JSON schema {})", crate::report::SCHEMA_VERSION)));
    }

    #[test]
    fn an_error_prints_each_cause_once() {
        let io = io::Error::new(
            io::ErrorKind::NotFound,
            "No such file or directory (os error 2)",
        );
        let error = anyhow::Error::new(Error::Io {
            path: "survey.csv".to_string(),
            source: io,
        })
        .context("reading the survey");
        let message = error_message(&error);
        assert_eq!(message.matches("os error 2").count(), 1, "{message}");
        assert!(message.starts_with("reading the survey: survey.csv: No such file"));
    }
}
