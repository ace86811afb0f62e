//! `kano compare`: read two or more waves of the same survey, match features by name, and show
//! how each feature's category, Better and Worse moved, with a significance test per change;
//! with three or more waves (or `--wave COLUMN`), each feature's path and a verdict on it.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::args::{
    AnalysisArgs, ColorArgs, InputArgs, NoSegmentArgs, RawArgs, ReadingArgs, WorseArgs,
};
use crate::compare::{self, Comparison};
use crate::input::{ReadOptions, SegmentSpec};
use crate::output::Output;
use crate::report::{self, table::TableOptions, Report, SortKey};
use crate::stats::Settings;
use crate::trend::Trend;

/// Examples shown at the end of `kano compare --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano compare wave-2024.csv wave-2025.csv
  kano compare q1.csv q2.csv q3.csv q4.csv --format json | jq '.features[] | {name, verdict}'
  kano compare all-waves.csv --wave quarter --format xlsx -o waves.xlsx";

/// Output formats of `compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for the terminal (80 columns).
    #[value(alias = "table")]
    Text,
    /// The full comparison as JSON (schema_version 1; see the README).
    Json,
    /// One row per feature present in both waves.
    Csv,
    /// A Markdown table.
    Markdown,
    /// An Excel workbook: the comparison (or trend), each wave's results, the settings; needs
    /// --output (or a pipe).
    Xlsx,
}

/// Arguments of `kano compare`.
#[derive(Debug, clap::Args)]
#[command(mut_arg("file", |a| a.value_name("OLD").index(1).help("The oldest wave's survey file; `-` reads standard input")))]
pub struct Args {
    /// Input: OLD is the old wave; every input option applies to both files.
    #[command(flatten)]
    pub input: InputArgs,

    /// The newer waves' survey files, oldest first, read with the same options as OLD. One
    /// file compares two waves; more follow every feature's path through all of them.
    #[arg(value_name = "NEW", index = 2, num_args = 0..)]
    pub newer: Vec<String>,

    /// Read every wave from the one file OLD: this column names each row's wave (waves in the
    /// order of its values, numerically when all are numbers).
    #[arg(long, value_name = "COLUMN", conflicts_with = "newer")]
    pub wave: Option<String>,

    /// Refused: --by (no per-segment results).
    #[command(flatten)]
    pub no_segments: NoSegmentArgs,

    /// Reading.
    #[command(flatten)]
    pub reading: ReadingArgs,

    /// Conventions (the same for both waves).
    #[command(flatten)]
    pub analysis: AnalysisArgs,

    /// The sign of Worse.
    #[command(flatten)]
    pub worse: WorseArgs,

    /// Output format. [default: text, or the one --output's extension names: .json, .csv, .md, .xlsx, ...]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output (atomically: all or nothing).
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Table width in columns [default: the terminal's, or 80 when not a terminal]; long
    /// names wrap within it.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(40..=1000))]
    pub width: Option<u16>,

    /// Colour (of the two waves' table).
    #[command(flatten)]
    pub color: ColorArgs,

    /// CSV output.
    #[command(flatten)]
    pub raw: RawArgs,

    /// Do not print warnings on standard error (they stay in JSON and Markdown output).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Reads both waves and compares them, keeping the two reports.
fn read_two(
    old: &str,
    new: &str,
    (options, reading, quiet): (&ReadOptions, &ReadingArgs, bool),
    settings: &Settings,
) -> anyhow::Result<(Comparison, [crate::report::Report; 2])> {
    let old = reading.read(old, options, quiet)?;
    let new = reading.read(new, options, quiet)?;
    let old = report::build(&old, settings, SortKey::Priority);
    let new = report::build(&new, settings, SortKey::Priority);
    Ok((compare::compare(&old, &new), [old, new]))
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
        Format::Text => report::compare::table::render(comparison, out, table),
        Format::Json => report::compare::json::render(comparison, out),
        Format::Csv => report::compare::csv::render(comparison, out, raw),
        Format::Markdown => report::compare::markdown::render(comparison, out),
        Format::Xlsx => Err(std::io::Error::other(
            "the xlsx of a comparison needs both waves' reports: use `kano compare --format xlsx`",
        )),
    }
}

/// Reads the waves the arguments name, oldest first, as reports under the same settings (with a
/// progress bar for a large file unless `quiet`).
pub fn read_waves(
    first: &str,
    newer: &[String],
    wave: Option<&str>,
    (options, reading, quiet): (&ReadOptions, &ReadingArgs, bool),
    settings: &Settings,
) -> anyhow::Result<Vec<Report>> {
    let stdin_twice = std::iter::once(first)
        .chain(newer.iter().map(String::as_str))
        .filter(|f| *f == "-")
        .count()
        > 1;
    if stdin_twice {
        return Err(crate::error::Error::usage(
            "more than one wave is `-`, but standard input can be read only once",
            "give at most one of the waves as `-`",
        )
        .into());
    }
    let Some(column) = wave else {
        return std::iter::once(first)
            .chain(newer.iter().map(String::as_str))
            .map(|path| {
                let survey = reading.read(path, options, quiet)?;
                Ok(report::build(&survey, settings, SortKey::Priority))
            })
            .collect();
    };
    let mut options = options.clone();
    options.segment = Some(SegmentSpec {
        column: column.to_string(),
        bins: None,
    });
    let survey = reading.read(first, &options, quiet)?;
    let whole = report::build(&survey, settings, SortKey::Priority);
    let mut segments = whole.segments.clone();
    if segments
        .iter()
        .all(|s| s.value.trim().parse::<f64>().is_ok())
    {
        segments.sort_by(|a, b| {
            let x = |s: &str| s.trim().parse::<f64>().unwrap_or(0.0);
            x(&a.value).total_cmp(&x(&b.value))
        });
    } else {
        segments.sort_by(|a, b| a.value.cmp(&b.value));
    }
    if segments.len() < 2 {
        return Err(crate::error::Error::usage(
            format!(
                "--wave {}: the column holds {} wave(s); at least two are needed",
                crate::error::printable(column),
                segments.len()
            ),
            "check the column name (kano inspect FILE lists the columns)",
        )
        .into());
    }
    Ok(segments
        .into_iter()
        .map(|s| {
            let mut r = whole.clone();
            r.input.path = format!("{} ({column} = {})", whole.input.path, s.value);
            r.input.respondents = Some(s.respondents);
            r.features = s.features;
            r.segment_by = None;
            r.segments = Vec::new();
            r.segment_tests = Vec::new();
            r
        })
        .collect())
}

/// Renders a trend in `format`.
pub fn render_trend(
    trend: &Trend,
    format: Format,
    out: &mut dyn Write,
    raw: bool,
) -> std::io::Result<()> {
    match format {
        Format::Text => report::trend::table::render(trend, out),
        Format::Json => report::trend::json::render(trend, out),
        Format::Csv => report::trend::csv::render(trend, out, raw),
        Format::Markdown => report::trend::markdown::render(trend, out),
        Format::Xlsx => Err(std::io::Error::other(
            "the xlsx of a trend needs every wave's report: use `kano compare --format xlsx`",
        )),
    }
}

/// Runs `kano compare`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let format = crate::output::pick_format(
        args.format,
        args.output.as_deref(),
        Format::Text,
        args.quiet,
    )?;
    args.raw.check(format == Format::Csv)?;
    args.no_segments.refuse(
        "compare",
        "compare segments inside one survey with `kano analyze FILE --by COLUMN` (it tests \
         whether categories, Better and Worse differ between them); compare waves held in one \
         column with --wave COLUMN",
    )?;
    if args.wave.is_none() && args.newer.is_empty() {
        return Err(crate::error::Error::usage(
            "kano compare needs at least two waves",
            "give the waves' files oldest first (kano compare OLD NEW ...), or one file and \
             --wave COLUMN",
        )
        .into());
    }
    if args.wave.is_none() && args.newer.len() == 1 {
        return run_two(args, &args.newer[0]);
    }
    // The trend of three or more waves has one fixed layout and no colour: flags that would
    // change nothing are refused rather than ignored.
    if args.width.is_some() {
        return Err(crate::error::Error::usage(
            "--width applies to the table of two waves; the trend of three or more has a fixed \
             layout",
            "leave --width out, or use --format csv or json for a wide trend",
        )
        .into());
    }
    if args.color.color == crate::args::ColorArg::Always {
        return Err(crate::error::Error::usage(
            "--color always applies to the table of two waves; the trend of three or more is \
             not coloured",
            "leave --color out",
        )
        .into());
    }
    let (mut options, mut settings, _) = crate::args::resolve(&args.input, &args.analysis)?;
    args.reading.apply(&mut options, args.quiet);
    args.worse.apply(&mut settings);
    let mut output = Output::open(args.output.as_deref())?;
    if format == Format::Xlsx {
        output.refuse_binary_on_terminal("xlsx")?;
    }
    let reports = read_waves(
        &args.input.file,
        &args.newer,
        args.wave.as_deref(),
        (&options, &args.reading, args.quiet),
        &settings,
    )?;
    let trend = crate::trend::trend(&reports);
    if !args.quiet {
        for warning in &trend.warnings {
            eprintln!("kano: warning: {warning}");
        }
    }
    match format {
        Format::Xlsx => report::xlsx::render_trend(&trend, &reports, output.writer())?,
        format => render_trend(&trend, format, output.writer(), args.raw.raw)?,
    }
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}

/// Two waves: the comparison, exactly as before many waves were followed.
fn run_two(args: &Args, new: &str) -> anyhow::Result<ExitCode> {
    let format = crate::output::pick_format(
        args.format,
        args.output.as_deref(),
        Format::Text,
        args.quiet,
    )?;
    if args.input.file == "-" && new == "-" {
        return Err(crate::error::Error::usage(
            "OLD and NEW are both `-`, but standard input can be read only once",
            "give at least one of the waves as a file",
        )
        .into());
    }
    let (mut options, mut settings, _) = crate::args::resolve(&args.input, &args.analysis)?;
    args.reading.apply(&mut options, args.quiet);
    args.worse.apply(&mut settings);
    let mut output = Output::open(args.output.as_deref())?;
    if format == Format::Xlsx {
        output.refuse_binary_on_terminal("xlsx")?;
    }
    let (comparison, waves) = read_two(
        &args.input.file,
        new,
        (&options, &args.reading, args.quiet),
        &settings,
    )?;
    if !args.quiet {
        for warning in &comparison.warnings {
            eprintln!("kano: warning: {warning}");
        }
    }
    let table = TableOptions {
        color: args.color.enabled(output.is_stdout()),
        width: crate::args::table_width(args.width, output.is_stdout()),
    };
    match format {
        Format::Xlsx => report::xlsx::render_comparison(&comparison, &waves, output.writer())?,
        format => render(&comparison, format, output.writer(), table, args.raw.raw)?,
    }
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}
