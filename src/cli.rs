//! The command line: clap definitions shared by the subcommands, turning arguments into
//! validated options, and `main`'s error and exit-code handling.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::answer::{Answer, AnswerDecoder};
use crate::category::Table;
use crate::cmd;
use crate::convention::Convention;
use crate::error::Error;
use crate::input::{
    self, ExplicitPair, FeatureNames, Layout, LayoutChoice, PairMode, ReadOptions, SegmentSpec,
};
use crate::report::SortKey;
use crate::spec::Spec;
use crate::stats::{Rule, Settings};

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
    #[arg(help_heading = "Input", value_name = "FILE")]
    pub file: String,

    /// A survey spec (kano.toml, as `kano init` writes it): layout, columns, answers,
    /// segments, conventions and check rules in one file. Flags win over it.
    #[arg(help_heading = "Input", long, value_name = "FILE")]
    pub spec: Option<PathBuf>,

    /// The file layout [default: auto].
    #[arg(help_heading = "Input", long, value_enum)]
    pub layout: Option<LayoutArg>,

    /// Field delimiter, one character (`tab` or `\t` for tab); sniffed from the header when absent.
    #[arg(help_heading = "Input", long, value_name = "CHAR")]
    pub delimiter: Option<String>,

    /// Long/counts layout: the column holding the feature name [default: feature].
    #[arg(help_heading = "Input", long, value_name = "COLUMN")]
    pub feature_col: Option<String>,

    /// Long layout: the column holding the functional answer [default: functional].
    #[arg(help_heading = "Input", long, value_name = "COLUMN")]
    pub functional_col: Option<String>,

    /// Long layout: the column holding the dysfunctional answer [default: dysfunctional].
    #[arg(help_heading = "Input", long, value_name = "COLUMN")]
    pub dysfunctional_col: Option<String>,

    /// Long layout: the column holding self-stated importance [default: importance, if present].
    #[arg(help_heading = "Input", long, value_name = "COLUMN")]
    pub importance_col: Option<String>,

    /// Long layout: the column holding respondent ids [default: respondent, if present].
    #[arg(help_heading = "Input", long, value_name = "COLUMN")]
    pub respondent_col: Option<String>,

    /// Map a custom answer wording: "LABEL=ANSWER", ANSWER one of like, must-be, neutral,
    /// live-with, dislike or 1-5. Repeatable.
    #[arg(help_heading = "Input", long = "answer", value_name = "LABEL=ANSWER")]
    pub answers: Vec<String>,

    /// Read custom answer wordings from a file: CSV rows `label,answer`, or a JSON object
    /// {"label": 1, ...}.
    #[arg(help_heading = "Input", long = "answers", value_name = "FILE")]
    pub answers_file: Option<PathBuf>,

    /// Numeric answers run the other way: 5 = like, 1 = dislike.
    #[arg(help_heading = "Input", long)]
    pub reverse_numeric: bool,

    /// Skip unknown answer labels instead of stopping; they are counted per feature and reported.
    #[arg(help_heading = "Input", long)]
    pub skip_invalid: bool,

    /// Never infer what unknown answer labels mean from their words; stop and list them (for CI).
    #[arg(help_heading = "Input", long)]
    pub no_infer: bool,

    /// Text encoding (utf-8, utf-16le, utf-16be, windows-1252, ...); sniffed when absent: a BOM
    /// decides, else UTF-8 when valid, else Windows-1252.
    #[arg(help_heading = "Input", long, value_name = "NAME")]
    pub encoding: Option<String>,

    /// Spreadsheets: the sheet to read, by name or 1-based position [default: the first].
    #[arg(help_heading = "Input", long, value_name = "SHEET")]
    pub sheet: Option<String>,

    /// Header rows: 1, 2 (SurveyMonkey: question, then answer option) or 3 (Qualtrics: id,
    /// question text, import id); detected when absent.
    #[arg(help_heading = "Input", long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=3))]
    pub header_rows: Option<u8>,

    /// How to pair question columns that have no "(functional)"-style header: auto (by
    /// question text or matrix blocks), interleaved (two by two), blocks (all functional, then
    /// all dysfunctional).
    #[arg(help_heading = "Input", long, value_enum)]
    pub pairs: Option<PairsArg>,

    /// Name a feature's columns explicitly: "NAME=FUNCTIONAL_COLUMN,DYSFUNCTIONAL_COLUMN"
    /// (optionally ",IMPORTANCE_COLUMN"). Repeatable; only these features are read.
    #[arg(help_heading = "Input", long = "pair", value_name = "NAME=F,D")]
    pub pair: Vec<String>,

    /// Feature names: a text file with one name per line in question order, or a CSV with
    /// columns id,name (more columns are ignored) renaming ids such as F1_.
    #[arg(help_heading = "Input", long, value_name = "FILE")]
    pub features: Option<PathBuf>,

    /// Results per value of this column (plan, country, cohort), beside the overall result.
    #[arg(help_heading = "Input", long, value_name = "COLUMN")]
    pub by: Option<String>,

    /// Band a numeric --by column at these ascending edges, e.g. 25,35,50.
    #[arg(
        help_heading = "Input",
        long,
        value_name = "EDGES",
        requires = "by",
        value_delimiter = ','
    )]
    pub bins: Option<Vec<f64>>,

    /// Leave out respondents with more than SHARE (0-1) of their answer pairs questionable.
    #[arg(help_heading = "Input", long, value_name = "SHARE")]
    pub drop_inconsistent: Option<f64>,

    /// Threads reading a wide file [default: all cores]; results are the same for any number.
    #[arg(help_heading = "Input", long, value_name = "N")]
    pub threads: Option<usize>,

    /// No progress bar (it shows only on a terminal, for large files).
    #[arg(help_heading = "Input", long)]
    pub no_progress: bool,

    /// Leave out respondents with more than K indifferent answer pairs (stp25kano's rm_I).
    #[arg(long, value_name = "K")]
    pub max_indifferent: Option<u64>,

    /// Importance labels and their values, instead of the verbal scales kano recognises:
    /// "Not important=1,Important=2,Very important=3". Repeatable; wins over the spec.
    #[arg(help_heading = "Input", long, value_name = "LABEL=N,...")]
    pub importance_scale: Vec<String>,
}

/// How question columns are paired, as given to `--pairs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PairsArg {
    /// By question text (negated twins) or matrix blocks (`<question> - <feature>`).
    Auto,
    /// By position, two by two: functional, dysfunctional, functional, ...
    Interleaved,
    /// By position: all functional columns, then all dysfunctional ones.
    Blocks,
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

/// Parses `--pair "NAME=FUNCTIONAL,DYSFUNCTIONAL[,IMPORTANCE]"`.
fn parse_pair(text: &str) -> Result<ExplicitPair, Error> {
    let bad = || {
        Error::usage(
            format!(
                "--pair \"{}\" is not NAME=FUNCTIONAL,DYSFUNCTIONAL",
                crate::error::printable(text)
            ),
            "e.g. --pair \"Dark mode=Q5_1,Q6_1\"; quote column names that contain commas as in CSV",
        )
    };
    let (name, columns) = text.split_once('=').ok_or_else(bad)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(columns.as_bytes());
    let record = reader
        .records()
        .next()
        .ok_or_else(bad)?
        .map_err(|_| bad())?;
    let fields: Vec<String> = record.iter().map(|f| f.trim().to_string()).collect();
    if name.trim().is_empty()
        || !(2..=3).contains(&fields.len())
        || fields.iter().any(String::is_empty)
    {
        return Err(bad());
    }
    Ok(ExplicitPair {
        other_version: None,
        name: name.trim().to_string(),
        functional: fields[0].clone(),
        dysfunctional: fields[1].clone(),
        importance: fields.get(2).cloned(),
    })
}

/// Reads `--features FILE`: a CSV whose header starts with `id` renames by id; otherwise one
/// name per non-empty line, in question order.
pub fn load_feature_names(path: &std::path::Path) -> Result<FeatureNames, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    let text = text.trim_start_matches('\u{FEFF}');
    let first = text.lines().next().unwrap_or_default();
    let first_field = first.split([',', ';', '\t']).next().unwrap_or_default();
    if first_field
        .trim()
        .trim_matches('"')
        .eq_ignore_ascii_case("id")
    {
        let delimiter = crate::input::sniff_delimiter(first.as_bytes());
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut map = Vec::new();
        for row in reader.records() {
            let row = row.map_err(|e| {
                Error::usage(
                    format!("--features {}: malformed CSV: {e}", path.display()),
                    "write rows id,name",
                )
            })?;
            if let (Some(id), Some(name)) = (row.get(0), row.get(1)) {
                if !id.trim().is_empty() && !name.trim().is_empty() {
                    map.push((id.trim().to_string(), name.trim().to_string()));
                }
            }
        }
        return Ok(FeatureNames::ById(map));
    }
    Ok(FeatureNames::InOrder(
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
    ))
}

impl InputArgs {
    /// Validates the arguments into reading options, on top of a spec when one is given (flags
    /// win); `table` finds questionable pairs for `--drop-inconsistent`.
    pub fn to_options(&self, table: Table, spec: Option<&Spec>) -> Result<ReadOptions, Error> {
        let spec_path = self
            .spec
            .as_deref()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let reverse = self.reverse_numeric || spec.and_then(|s| s.reverse_numeric).unwrap_or(false);
        let mut options = ReadOptions {
            decoder: AnswerDecoder::new(reverse),
            table,
            ..ReadOptions::default()
        };
        if let Some(spec) = spec {
            spec.apply_reading(&spec_path, &mut options)?;
            if let Some(layout) = spec.layout(&spec_path)? {
                options.layout = layout.map_or(LayoutChoice::Auto, LayoutChoice::Fixed);
            }
            options.delimiter = spec.delimiter.as_deref().map(parse_delimiter).transpose()?;
            options.encoding = spec
                .encoding
                .as_deref()
                .map(input::parse_encoding)
                .transpose()?;
            options.sheet = spec.sheet.clone();
            options.header_rows = spec.header_rows.map(usize::from);
            options.pairs = spec.pairs(&spec_path)?.unwrap_or_default();
            options.skip_invalid = spec.skip_invalid.unwrap_or(false);
        }
        if let Some(path) = &self.answers_file {
            input::load_answers_file(&path.to_string_lossy(), &mut options.decoder)?;
        }
        for mapping in &self.answers {
            let (label, answer) = parse_answer_mapping(mapping)?;
            options.decoder.try_add(label, answer).map_err(|earlier| {
                Error::usage(
                    format!(
                        "--answer \"{}\": the label \"{}\" is already mapped to {earlier} (by an \
                         earlier --answer, --answers or the spec), and a label can mean one answer \
                         only",
                        crate::error::printable(mapping),
                        crate::error::printable(label.trim())
                    ),
                    "keep one mapping per label (labels match ignoring case, spacing, \
                     apostrophe forms and trailing periods)",
                )
            })?;
        }
        if let Some(layout) = self.layout {
            options.layout = match layout {
                LayoutArg::Auto => LayoutChoice::Auto,
                LayoutArg::Wide => LayoutChoice::Fixed(Layout::Wide),
                LayoutArg::Long => LayoutChoice::Fixed(Layout::Long),
                LayoutArg::Counts => LayoutChoice::Fixed(Layout::Counts),
            };
        }
        if let Some(delimiter) = &self.delimiter {
            options.delimiter = Some(parse_delimiter(delimiter)?);
        }
        let columns = &mut options.columns;
        for (flag, slot) in [
            (&self.feature_col, &mut columns.feature),
            (&self.functional_col, &mut columns.functional),
            (&self.dysfunctional_col, &mut columns.dysfunctional),
            (&self.importance_col, &mut columns.importance),
            (&self.respondent_col, &mut columns.respondent),
        ] {
            if flag.is_some() {
                slot.clone_from(flag);
            }
        }
        options.skip_invalid |= self.skip_invalid;
        options.no_infer |= self.no_infer;
        for mapping in &self.importance_scale {
            let given = input::parse_importance_labels(mapping)?;
            options.importance_labels.extend(given);
        }
        if let Some(encoding) = &self.encoding {
            options.encoding = Some(input::parse_encoding(encoding)?);
        }
        if self.sheet.is_some() {
            options.sheet.clone_from(&self.sheet);
        }
        if let Some(rows) = self.header_rows {
            options.header_rows = Some(usize::from(rows));
        }
        if let Some(pairs) = self.pairs {
            options.pairs = match pairs {
                PairsArg::Auto => PairMode::Auto,
                PairsArg::Interleaved => PairMode::Interleaved,
                PairsArg::Blocks => PairMode::Blocks,
            };
        }
        if !self.pair.is_empty() {
            options.explicit_pairs = self
                .pair
                .iter()
                .map(|p| parse_pair(p))
                .collect::<Result<_, _>>()?;
        }
        options.feature_names = self
            .features
            .as_deref()
            .map(load_feature_names)
            .transpose()?;
        if let Some(column) = &self.by {
            options.segment = Some(SegmentSpec {
                column: column.clone(),
                bins: self.bins.clone(),
            });
        }
        if let Some(bins) = options.segment.as_ref().and_then(|s| s.bins.as_ref()) {
            if bins.is_empty()
                || bins.windows(2).any(|w| w[0] >= w[1])
                || bins.iter().any(|b| !b.is_finite())
            {
                return Err(Error::usage(
                    "--bins must be ascending numbers",
                    "e.g. --bins 25,35,50",
                ));
            }
        }
        if self.drop_inconsistent.is_some() {
            options.drop_inconsistent = self.drop_inconsistent;
        }
        options.threads = self.threads.map_or(0, |asked| {
            let usable = std::thread::available_parallelism().map_or(1, |n| n.get());
            let threads = capped_threads(asked, usable);
            if threads < asked {
                eprintln!(
                    "kano: warning: --threads {asked} is more than the {usable} this machine can \
                     run at once; using {usable}"
                );
            }
            threads
        });
        if self.max_indifferent.is_some() {
            options.max_indifferent = self.max_indifferent;
        }
        if let Some(share) = options.drop_inconsistent {
            if !(0.0..=1.0).contains(&share) {
                return Err(Error::usage(
                    format!("--drop-inconsistent {share} is not a share between 0 and 1"),
                    "e.g. --drop-inconsistent 0.5 leaves out respondents with more than half of \
                     their pairs questionable",
                ));
            }
        }
        Ok(options)
    }
}

/// Parses `--answer "LABEL=ANSWER"`.
fn parse_answer_mapping(mapping: &str) -> Result<(&str, Answer), Error> {
    let (label, answer) = mapping.rsplit_once('=').ok_or_else(|| {
        Error::usage(
            format!(
                "--answer \"{}\" has no '='",
                crate::error::printable(mapping)
            ),
            "write it as \"LABEL=ANSWER\", e.g. --answer \"Must have=must-be\"",
        )
    })?;
    let parsed = Answer::parse_canonical(answer).ok_or_else(|| {
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
    Ok((label, parsed))
}

/// Files at least this large get a progress bar (on a terminal).
const PROGRESS_BYTES: u64 = 64 << 20;

/// A progress bar on stderr for a large file, when stderr is a terminal and not silenced.
pub fn progress_bar(
    input: &InputArgs,
    quiet: bool,
    options: &mut ReadOptions,
) -> Option<indicatif::ProgressBar> {
    if quiet || input.no_progress || input.file == "-" || !io::stderr().is_terminal() {
        return None;
    }
    let size = std::fs::metadata(&input.file).ok()?.len();
    if size < PROGRESS_BYTES {
        return None;
    }
    let compressed = input.file.to_ascii_lowercase().ends_with(".gz");
    let bar = if compressed {
        indicatif::ProgressBar::new_spinner()
    } else {
        indicatif::ProgressBar::new(size)
    };
    let template = if compressed {
        "{spinner} read {bytes} ({bytes_per_sec})"
    } else {
        "{bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta})"
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    let handle = bar.clone();
    options.progress = Some(std::sync::Arc::new(move |bytes| handle.set_position(bytes)));
    Some(bar)
}

/// With `--refined`, refuses a survey without any self-stated importance: Yang's categories
/// split by it, and a result without them would look like the flag had been ignored.
pub fn require_importance(report: &crate::report::Report, file: &str) -> Result<(), Error> {
    if report.settings.refined && report.refined_importance.is_none() {
        return Err(Error::usage(
            format!(
                "--refined needs self-stated importance, but {} has none",
                crate::input::display_path(file)
            ),
            "add an importance column (F1_importance, or --importance-col / --pair \
             \"NAME=F,D,IMPORTANCE\"), or drop --refined",
        ));
    }
    Ok(())
}

/// Refuses `--by` (and `--bins`) in a subcommand that has no per-segment results, so the flag is
/// never accepted and ignored; `instead` says what to run.
pub fn refuse_segments(input: &InputArgs, command: &str, instead: &str) -> Result<(), Error> {
    if input.by.is_some() {
        return Err(Error::usage(
            format!("kano {command} has no per-segment results, so --by cannot be used with it"),
            instead.to_string(),
        ));
    }
    Ok(())
}

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
    /// Matzler & Hinterhuber / Sauerwein et al. / stp25kano: the most frequent category when it
    /// leads by more than --mixed-threshold points, else the first of the top two in M > O > A >
    /// I (the tie order).
    CloseCall,
}

/// The conventions of the analysis.
#[derive(Debug, Clone, Args)]
pub struct AnalysisArgs {
    /// A published tool's conventions in one go: berger-1993 (default), stp25kano, reppl,
    /// fuzoh-thesis; `kano analyze --convention list` shows what each sets. Flags given beside it
    /// win.
    #[arg(help_heading = "Analysis", long, value_name = "NAME")]
    pub convention: Option<String>,

    /// The evaluation table [default: standard].
    #[arg(help_heading = "Analysis", long, value_enum)]
    pub table: Option<TableArg>,

    /// How a feature's category is chosen from its counts [default: mode].
    #[arg(help_heading = "Analysis", long, value_enum)]
    pub rule: Option<RuleArg>,

    /// Tie-breaking order between equally frequent categories, six letters [default: MOAIRQ].
    #[arg(help_heading = "Analysis", long, value_name = "ORDER")]
    pub tie_order: Option<String>,

    /// Category strength (percentage points) below which a result is flagged mixed [default: 6].
    #[arg(help_heading = "Analysis", long, value_name = "POINTS")]
    pub mixed_threshold: Option<f64>,

    /// Report Worse as a positive number (0..1) as some tools do.
    #[arg(help_heading = "Analysis", long)]
    pub worse_positive: bool,
}

impl AnalysisArgs {
    /// Validates the arguments into settings, on top of a spec's `[analysis]` (flags win).
    pub fn to_settings(&self, spec: Option<&Spec>) -> Result<Settings, Error> {
        let mut settings = Settings::default();
        if let Some(spec) = spec {
            spec.apply_analysis("the spec", &mut settings)?;
        }
        if let Some(name) = &self.convention {
            settings = self.convention_settings(name)?;
        }
        if let Some(order) = &self.tie_order {
            settings.tie_order = order.parse().map_err(|e: String| {
                Error::usage(format!("--tie-order: {e}"), "the default is MOAIRQ")
            })?;
        }
        if let Some(threshold) = self.mixed_threshold {
            settings.mixed_threshold = threshold;
        }
        if !(0.0..=100.0).contains(&settings.mixed_threshold) {
            return Err(Error::usage(
                format!(
                    "--mixed-threshold {} is outside 0-100",
                    settings.mixed_threshold
                ),
                "give percentage points, e.g. 6 or 5",
            ));
        }
        if let Some(table) = self.table {
            settings.table = match table {
                TableArg::Standard => Table::Standard,
                TableArg::Modified => Table::Modified,
            };
        }
        if let Some(rule) = self.rule {
            settings.rule = match rule {
                RuleArg::Mode => Rule::Mode,
                RuleArg::Berger => Rule::Berger,
                RuleArg::CloseCall => Rule::CloseCall,
            };
        }
        settings.worse_positive |= self.worse_positive;
        Ok(settings)
    }

    /// The settings of `--convention NAME`; the flags of this struct are applied after, and win.
    fn convention_settings(&self, name: &str) -> Result<Settings, Error> {
        let names: Vec<&str> = Convention::ALL.iter().map(|c| c.name()).collect();
        if name.trim().eq_ignore_ascii_case("list") {
            return Err(Error::usage(
                "--convention list only lists the conventions",
                "run `kano analyze --convention list`, then give one of them by name",
            ));
        }
        Convention::from_name(name)
            .map(Convention::settings)
            .ok_or_else(|| {
                Error::usage(
                    format!(
                        "--convention \"{}\" is not a known convention",
                        crate::error::printable(name)
                    ),
                    format!(
                        "use one of {} (`kano analyze --convention list` shows what each sets)",
                        names.join(", ")
                    ),
                )
            })
    }

    /// Whether `--convention list` was asked for.
    pub fn lists_conventions(&self) -> bool {
        self.convention
            .as_deref()
            .is_some_and(|c| c.trim().eq_ignore_ascii_case("list"))
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
    /// When stdout is a terminal, unless NO_COLOR is set or CLICOLOR=0; CLICOLOR_FORCE=1
    /// colours a pipe too.
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

/// The threads to read with when `asked` for and `usable` can run at once: never more than
/// `usable` (thousands of threads fail to spawn; `usize::MAX` overflowed the channel size). Zero
/// stays zero: all cores.
fn capped_threads(asked: usize, usable: usize) -> usize {
    asked.min(usable.max(1))
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

    #[test]
    fn threads_beyond_the_machine_are_capped() {
        assert_eq!(capped_threads(usize::MAX, 8), 8);
        assert_eq!(capped_threads(100_000, 2), 2);
        assert_eq!(capped_threads(2, 8), 2);
        assert_eq!(capped_threads(0, 8), 0);
    }

    #[test]
    fn delimiters_parse_by_name_and_character() {
        assert_eq!(parse_delimiter("tab").ok(), Some(b'\t'));
        assert_eq!(parse_delimiter(";").ok(), Some(b';'));
        assert!(parse_delimiter(";;").is_err());
    }
}
