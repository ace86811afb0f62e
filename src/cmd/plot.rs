//! `kano plot`: draw the Better-Worse diagram, DuMouchel's continuous plot, or (with two files)
//! the drift between two waves, as SVG or as characters.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;

use crate::args::{AnalysisArgs, InputArgs, ReadingArgs, SegmentArgs};
use crate::chart::{self, Chart, Geometry, Split};
use crate::error::{printable, Error};
use crate::output::Output;
use crate::report::{self, text_chart::GridSize, SortKey};

/// Examples shown at the end of `kano plot --help`.
pub const EXAMPLES: &str = "\
Examples:
  kano plot examples/online-shop.csv -o chart.svg --intervals
  kano plot examples/online-shop.csv --kind continuous --format text
  kano plot wave1.csv wave2.csv wave3.csv -o paths.svg";

/// Which chart, as given to `--kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// Better over |Worse|, quadrants attractive, one-dimensional, must-be, indifferent.
    BetterWorse,
    /// DuMouchel: functional mean over dysfunctional mean, SDs as bars (needs answer pairs).
    Continuous,
}

/// Where the quadrant lines go, as given to `--split`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SplitArg {
    /// The middle of the scale: 0.5 (Better-Worse), score 2 (continuous).
    Middle,
    /// The means of the plotted features.
    Mean,
}

impl From<SplitArg> for Split {
    fn from(arg: SplitArg) -> Split {
        match arg {
            SplitArg::Middle => Split::Middle,
            SplitArg::Mean => Split::Mean,
        }
    }
}

/// Output formats of `plot`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A scalable vector graphic (opens in any browser).
    Svg,
    /// Characters, for a quick look in the terminal.
    Text,
}

/// Arguments of `kano plot`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input (FILE is the old wave when NEW is given).
    #[command(flatten)]
    pub input: InputArgs,

    /// Newer waves of the same survey, oldest first: draw arrows from FILE's points to NEW's;
    /// with several, each feature's path through all waves as a chain of arrows.
    #[arg(value_name = "NEW", num_args = 0..)]
    pub newer: Vec<String>,

    /// Segments.
    #[command(flatten)]
    pub segments: SegmentArgs,

    /// Reading.
    #[command(flatten)]
    pub reading: ReadingArgs,

    /// Conventions (the chart's axis is |Worse|, so --worse-positive has no place here).
    #[command(flatten)]
    pub analysis: AnalysisArgs,

    /// Which chart.
    #[arg(long, value_enum, default_value_t = KindArg::BetterWorse)]
    pub kind: KindArg,

    /// Where the quadrant lines go.
    #[arg(long, value_enum, default_value_t = SplitArg::Middle)]
    pub split: SplitArg,

    /// Draw the Wilson 95% intervals of Better and Worse as whiskers.
    #[arg(long)]
    pub intervals: bool,

    /// Output format. [default: svg, or the one --output's extension names: .json, .csv, .md, .xlsx, ...]
    #[arg(long, short = 'f', value_enum)]
    pub format: Option<Format>,

    /// Write to FILE instead of standard output (atomically). SVG only: PNG is not supported.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Do not print warnings on standard error.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Refuses output names kano cannot write, before any work.
/// (`--format` against the extension is `output::pick_format`'s.)
fn check_output(path: Option<&Path>) -> Result<(), Error> {
    let Some(ext) = path.and_then(Path::extension).and_then(|e| e.to_str()) else {
        return Ok(());
    };
    let ext = ext.to_ascii_lowercase();
    if matches!(
        ext.as_str(),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "pdf"
    ) {
        return Err(Error::usage(
            format!(
                "--output {}: kano draws SVG only ({ext} would need a font renderer and system \
                 libraries)",
                printable(&path.map(|p| p.display().to_string()).unwrap_or_default())
            ),
            "write an .svg file and convert it if needed, e.g. `rsvg-convert -o chart.png \
             chart.svg`, or open the SVG in a browser",
        ));
    }
    Ok(())
}

/// Builds the chart `args` ask for: reads the survey (or both waves) and analyses it.
pub fn build_chart(args: &Args) -> anyhow::Result<(Chart, Vec<String>)> {
    if args.newer.len() >= 2 {
        return build_paths(args);
    }
    let new = args.newer.first();
    if args.input.file == "-" && new.map(String::as_str) == Some("-") {
        return Err(Error::usage(
            "FILE and NEW are both `-`, but standard input can be read only once",
            "give at least one of the waves as a file",
        )
        .into());
    }
    let (mut options, settings, _) = crate::args::resolve(&args.input, &args.analysis)?;
    args.segments.apply(&mut options)?;
    args.reading.apply(&mut options, args.quiet);
    let split = Split::from(args.split);
    let old = args.reading.read(&args.input.file, &options, args.quiet)?;
    let mut warnings: Vec<String> = old.warnings.iter().map(ToString::to_string).collect();
    let old_report = report::build(&old, &settings, SortKey::Priority);
    if old_report.segment_by.is_some() && (new.is_some() || args.kind == KindArg::Continuous) {
        return Err(Error::usage(
            "--by draws each segment on the Better-Worse diagram of one wave",
            "drop --by, or draw one file without --kind continuous",
        )
        .into());
    }
    let chart =
        match (new, args.kind) {
            (Some(_), KindArg::Continuous) => return Err(Error::usage(
                "--kind continuous draws one wave; the drift chart of two waves is Better-Worse",
                "drop --kind continuous, or give one file",
            )
            .into()),
            (Some(new), KindArg::BetterWorse) => {
                if args.intervals {
                    return Err(Error::usage(
                        "--intervals is not drawn on the drift chart of two waves",
                        "drop --intervals; `kano compare OLD NEW` tests every change instead",
                    )
                    .into());
                }
                let new = args.reading.read(new, &options, args.quiet)?;
                let new_report = report::build(&new, &settings, SortKey::Priority);
                let comparison = crate::compare::compare(&old_report, &new_report);
                warnings = comparison.warnings.clone();
                Chart::drift(&comparison, split)
            }
            (None, KindArg::BetterWorse) if old_report.segment_by.is_some() => {
                Chart::better_worse_by_segment(&old_report, split, args.intervals)
            }
            (None, KindArg::BetterWorse) => Chart::better_worse(&old_report, split, args.intervals),
            (None, KindArg::Continuous) => Chart::continuous(&old_report, split),
        };
    if chart.points.is_empty() {
        let hint = if args.kind == KindArg::Continuous && old.respondents.is_none() {
            "continuous scores need each respondent's answers, and this is a counts table; \
             draw the Better-Worse diagram instead (drop --kind continuous)"
        } else {
            "check that the file has answers (kano analyze shows what was read)"
        };
        return Err(Error::usage(
            format!(
                "{}: no feature has values to plot",
                printable(&crate::input::display_path(&args.input.file))
            ),
            hint,
        )
        .into());
    }
    if !chart.skipped.is_empty() {
        let names: Vec<String> = chart.skipped.iter().map(|n| printable(n)).collect();
        warnings.push(format!(
            "not plotted, their values are undefined: {}",
            names.join(", ")
        ));
    }
    Ok((chart, warnings))
}

/// The chart of many waves: each feature's path as a chain of arrows.
fn build_paths(args: &Args) -> anyhow::Result<(Chart, Vec<String>)> {
    if args.kind == KindArg::Continuous || args.intervals {
        return Err(Error::usage(
            "the chart of several waves is the Better-Worse diagram without whiskers",
            "drop --kind continuous and --intervals; `kano compare` tests every step",
        )
        .into());
    }
    if args.segments.by.is_some() {
        return Err(Error::usage(
            "--by draws each segment on the Better-Worse diagram of one wave",
            "drop --by, or draw one file",
        )
        .into());
    }
    let (mut options, settings, _) = crate::args::resolve(&args.input, &args.analysis)?;
    args.reading.apply(&mut options, args.quiet);
    let reports = crate::cmd::compare::read_waves(
        &args.input.file,
        &args.newer,
        None,
        (&options, &args.reading, args.quiet),
        &settings,
    )?;
    let trend = crate::trend::trend(&reports);
    let chart = Chart::paths(&trend, Split::from(args.split));
    let mut warnings = trend.warnings.clone();
    if chart.points.is_empty() {
        return Err(Error::usage(
            "no feature has values to plot in every wave",
            "check that the files have answers (kano compare shows what was read)",
        )
        .into());
    }
    if !chart.skipped.is_empty() {
        let names: Vec<String> = chart.skipped.iter().map(|n| printable(n)).collect();
        warnings.push(format!(
            "not plotted, their values are undefined in a wave: {}",
            names.join(", ")
        ));
    }
    Ok((chart, warnings))
}

/// Runs `kano plot`.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    check_output(args.output.as_deref())?;
    let format =
        crate::output::pick_format(args.format, args.output.as_deref(), Format::Svg, args.quiet)?;
    let mut output = Output::open(args.output.as_deref())?;
    let (chart, warnings) = build_chart(args)?;
    if !args.quiet {
        for warning in &warnings {
            eprintln!("kano: warning: {warning}");
        }
    }
    match format {
        Format::Svg => {
            let layout = chart::layout(&chart, Geometry::default());
            if layout.unlabelled > 0 && !args.quiet {
                eprintln!(
                    "kano: warning: labelled the first {} of {} points; the other {} are drawn \
                     unlabelled (the chart says so; the table and JSON list every feature)",
                    chart::MAX_LABELS,
                    layout.points.len(),
                    layout.unlabelled
                );
            }
            report::svg::render(&chart, &layout, output.writer())?;
        }
        Format::Text => report::text_chart::render(&chart, output.writer(), GridSize::default())?,
    }
    output.finish()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_output_is_refused_with_a_hint() {
        let err = check_output(Some(Path::new("chart.PNG"))).unwrap_err();
        assert!(err.to_string().contains("rsvg-convert"));
        assert!(check_output(Some(Path::new("chart.svg"))).is_ok());
        assert!(check_output(None).is_ok());
    }
}
