//! The command line: clap definitions shared by the subcommands, turning arguments into
//! validated options, and `main`'s error and exit-code handling.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::answer::{Answer, AnswerDecoder};
use crate::category::Table;
use crate::cmd;
use crate::error::Error;
use crate::input::{self, ColumnNames, Layout, LayoutChoice, ReadOptions};
use crate::report::SortKey;
use crate::stats::{Rule, Settings};

/// Exit code: the command ran and a check failed.
pub const EXIT_FAILED: u8 = 1;
/// Exit code: an error (bad input, bad usage).
pub const EXIT_ERROR: u8 = 2;

/// Kano survey analyzer: classify features from survey exports, with Better/Worse coefficients.
#[derive(Debug, Parser)]
#[command(name = "kano", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Classify every feature of a survey and compute its statistics.
    #[command(after_help = cmd::analyze::EXAMPLES)]
    Analyze(cmd::analyze::Args),
    /// Compare two waves of a survey: category drift and the change in Better and Worse.
    #[command(after_help = cmd::compare::EXAMPLES)]
    Compare(cmd::compare::Args),
    /// Draw the Better-Worse diagram (or the continuous plot, or two waves' drift) as SVG or text.
    #[command(after_help = cmd::plot::EXAMPLES)]
    Plot(cmd::plot::Args),
    /// Write one self-contained HTML page to share: summary, actions, chart, table, settings.
    #[command(after_help = cmd::report::EXAMPLES)]
    Report(cmd::report::Args),
}

/// The file layout, as given to `--layout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Decide from the header.
    Auto,
    /// One row per respondent; a functional and a dysfunctional column per feature.
    Wide,
    /// One row per respondent and feature: feature, functional, dysfunctional columns.
    Long,
    /// One row per feature with A, O, M, I, R, Q counts.
    Counts,
}

/// Where answers come from and how they are read.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// The survey file (CSV, TSV, ...); `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: String,

    /// The file layout.
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    pub layout: LayoutArg,

    /// Field delimiter, one character (`tab` or `\t` for tab); sniffed from the header when absent.
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,

    /// Long/counts layout: the column holding the feature name [default: feature].
    #[arg(long, value_name = "COLUMN")]
    pub feature_col: Option<String>,

    /// Long layout: the column holding the functional answer [default: functional].
    #[arg(long, value_name = "COLUMN")]
    pub functional_col: Option<String>,

    /// Long layout: the column holding the dysfunctional answer [default: dysfunctional].
    #[arg(long, value_name = "COLUMN")]
    pub dysfunctional_col: Option<String>,

    /// Long layout: the column holding self-stated importance [default: importance, if present].
    #[arg(long, value_name = "COLUMN")]
    pub importance_col: Option<String>,

    /// Long layout: the column holding respondent ids [default: respondent, if present].
    #[arg(long, value_name = "COLUMN")]
    pub respondent_col: Option<String>,

    /// Map a custom answer wording: "LABEL=ANSWER", ANSWER one of like, must-be, neutral,
    /// live-with, dislike or 1-5. Repeatable.
    #[arg(long = "answer", value_name = "LABEL=ANSWER")]
    pub answers: Vec<String>,

    /// Read custom answer wordings from a file: CSV rows `label,answer`, or a JSON object
    /// {"label": 1, ...}.
    #[arg(long = "answers", value_name = "FILE")]
    pub answers_file: Option<PathBuf>,

    /// Numeric answers run the other way: 5 = like, 1 = dislike.
    #[arg(long)]
    pub reverse_numeric: bool,

    /// Skip unknown answer labels instead of stopping; they are counted per feature and reported.
    #[arg(long)]
    pub skip_invalid: bool,
}

fn parse_delimiter(text: &str) -> Result<u8, Error> {
    let byte = match text {
        "tab" | "\\t" | "\t" => b'\t',
        "comma" => b',',
        "semicolon" => b';',
        "pipe" => b'|',
        t if t.len() == 1 && t.is_ascii() => t.as_bytes()[0],
        _ => {
            return Err(Error::usage(
                format!(
                    "--delimiter \"{}\" is not one ASCII character",
                    crate::error::printable(text)
                ),
                "give one character such as ';', or tab",
            ))
        }
    };
    Ok(byte)
}

impl InputArgs {
    /// Validates the arguments into reading options.
    pub fn to_options(&self) -> Result<ReadOptions, Error> {
        let mut decoder = AnswerDecoder::new(self.reverse_numeric);
        if let Some(path) = &self.answers_file {
            input::load_answers_file(&path.to_string_lossy(), &mut decoder)?;
        }
        for mapping in &self.answers {
            let (label, answer) = mapping.rsplit_once('=').ok_or_else(|| {
                Error::usage(
                    format!(
                        "--answer \"{}\" has no '='",
                        crate::error::printable(mapping)
                    ),
                    "write it as \"LABEL=ANSWER\", e.g. --answer \"Must have=must-be\"",
                )
            })?;
            let answer = Answer::parse_canonical(answer).ok_or_else(|| {
                Error::usage(
                    format!(
                        "--answer \"{}\": \"{}\" is not an answer",
                        crate::error::printable(mapping),
                        crate::error::printable(answer)
                    ),
                    "use like, must-be, neutral, live-with, dislike or a code 1-5",
                )
            })?;
            if label.trim().is_empty() {
                return Err(Error::usage(
                    format!(
                        "--answer \"{}\" has an empty label",
                        crate::error::printable(mapping)
                    ),
                    "write it as \"LABEL=ANSWER\"",
                ));
            }
            decoder.add(label, answer);
        }
        Ok(ReadOptions {
            layout: match self.layout {
                LayoutArg::Auto => LayoutChoice::Auto,
                LayoutArg::Wide => LayoutChoice::Fixed(Layout::Wide),
                LayoutArg::Long => LayoutChoice::Fixed(Layout::Long),
                LayoutArg::Counts => LayoutChoice::Fixed(Layout::Counts),
            },
            delimiter: self.delimiter.as_deref().map(parse_delimiter).transpose()?,
            columns: ColumnNames {
                feature: self.feature_col.clone(),
                functional: self.functional_col.clone(),
                dysfunctional: self.dysfunctional_col.clone(),
                importance: self.importance_col.clone(),
                respondent: self.respondent_col.clone(),
            },
            decoder,
            skip_invalid: self.skip_invalid,
        })
    }
}

/// The evaluation table, as given to `--table`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TableArg {
    /// Kano (1984) / Berger et al. (1993).
    Standard,
    /// Pouliot's (Berger et al. 1993, p. 33): must-be/must-be and live-with/live-with are Q.
    Modified,
}

/// The category rule, as given to `--rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RuleArg {
    /// The most frequent category.
    Mode,
    /// Berger et al.: if A+O+M > I+R+Q the most frequent of A, O, M, else of I, R, Q.
    Berger,
}

/// The conventions of the analysis.
#[derive(Debug, Clone, Args)]
pub struct AnalysisArgs {
    /// The evaluation table.
    #[arg(long, value_enum, default_value_t = TableArg::Standard)]
    pub table: TableArg,

    /// How a feature's category is chosen from its counts.
    #[arg(long, value_enum, default_value_t = RuleArg::Mode)]
    pub rule: RuleArg,

    /// Tie-breaking order between equally frequent categories (six letters).
    #[arg(long, value_name = "ORDER", default_value = "MOAIRQ")]
    pub tie_order: String,

    /// Category strength (percentage points) below which a result is flagged mixed.
    #[arg(long, value_name = "POINTS", default_value_t = 6.0)]
    pub mixed_threshold: f64,

    /// Report Worse as a positive number (0..1) as some tools do.
    #[arg(long)]
    pub worse_positive: bool,
}

impl AnalysisArgs {
    /// Validates the arguments into settings.
    pub fn to_settings(&self) -> Result<Settings, Error> {
        let tie_order = self.tie_order.parse().map_err(|e: String| {
            Error::usage(format!("--tie-order: {e}"), "the default is MOAIRQ")
        })?;
        if !(0.0..=100.0).contains(&self.mixed_threshold) {
            return Err(Error::usage(
                format!(
                    "--mixed-threshold {} is outside 0-100",
                    self.mixed_threshold
                ),
                "give percentage points, e.g. 6 or 5",
            ));
        }
        Ok(Settings {
            table: match self.table {
                TableArg::Standard => Table::Standard,
                TableArg::Modified => Table::Modified,
            },
            rule: match self.rule {
                RuleArg::Mode => Rule::Mode,
                RuleArg::Berger => Rule::Berger,
            },
            tie_order,
            mixed_threshold: self.mixed_threshold,
            worse_positive: self.worse_positive,
        })
    }
}

/// The order of features, as given to `--sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    /// Must-be, one-dimensional, attractive, indifferent, reverse, questionable; then impact.
    Priority,
    /// Better, highest first.
    Better,
    /// |Worse|, highest first.
    Worse,
    /// Distance from the origin in the Better/|Worse| plane, highest first.
    Impact,
    /// Mean self-stated importance, highest first.
    Importance,
    /// Feature name, A to Z.
    Name,
    /// The order of the input file.
    Input,
}

impl From<SortArg> for SortKey {
    fn from(arg: SortArg) -> SortKey {
        match arg {
            SortArg::Priority => SortKey::Priority,
            SortArg::Better => SortKey::Better,
            SortArg::Worse => SortKey::Worse,
            SortArg::Impact => SortKey::Impact,
            SortArg::Importance => SortKey::Importance,
            SortArg::Name => SortKey::Name,
            SortArg::Input => SortKey::Input,
        }
    }
}

/// When to colour the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorArg {
    /// Whether to colour output going to stdout (`to_stdout`) or a file.
    pub fn enabled(self, to_stdout: bool) -> bool {
        match self {
            ColorArg::Always => true,
            ColorArg::Never => false,
            ColorArg::Auto => {
                to_stdout
                    && io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        }
    }
}

/// Runs the parsed command line; the returned code is the process's.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Analyze(args) => cmd::analyze::run(&args),
        Command::Compare(args) => cmd::compare::run(&args),
        Command::Plot(args) => cmd::plot::run(&args),
        Command::Report(args) => cmd::report::run(&args),
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
            eprintln!("kano: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
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
    fn delimiters_parse_by_name_and_character() {
        assert_eq!(parse_delimiter("tab").ok(), Some(b'\t'));
        assert_eq!(parse_delimiter(";").ok(), Some(b';'));
        assert!(parse_delimiter(";;").is_err());
    }
}
