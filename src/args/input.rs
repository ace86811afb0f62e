//! The input argument group: where answers come from and how they are read (file, spec,
//! layout, columns, answer wordings, encoding, pairing, respondent filters, threads), validated
//! into [`ReadOptions`] in one fallible function before any work.

use std::io::{self, IsTerminal};
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::answer::{Answer, AnswerDecoder};
use crate::category::Table;
use crate::error::Error;
use crate::input::{
    self, read_survey, ExplicitPair, FeatureNames, Layout, LayoutChoice, PairMode, ReadOptions,
    SegmentSpec, Survey,
};
use crate::spec::Spec;

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
    /// question text, import id), one more when a value row listing the options follows
    /// (the last row is then that value row); detected when absent.
    #[arg(help_heading = "Input", long, value_name = "N", value_parser = clap::value_parser!(u8).range(1..=4))]
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

    /// Leave out respondents with more than SHARE (0-1) of their answer pairs questionable.
    #[arg(help_heading = "Input", long, value_name = "SHARE")]
    pub drop_inconsistent: Option<f64>,

    /// Leave out respondents with more than K indifferent answer pairs (stp25kano's rm_I).
    #[arg(help_heading = "Input", long, value_name = "K")]
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
        if self.drop_inconsistent.is_some() {
            options.drop_inconsistent = self.drop_inconsistent;
        }
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

/// Results per segment: `--by` and `--bins`, in the subcommands that show them.
#[derive(Debug, Clone, Args)]
pub struct SegmentArgs {
    /// Results per value of this column (plan, country, cohort), beside the overall result.
    #[arg(help_heading = "Segments", long, value_name = "COLUMN")]
    pub by: Option<String>,

    /// Band a numeric --by column at these ascending edges, e.g. 25,35,50.
    #[arg(
        help_heading = "Segments",
        long,
        value_name = "EDGES",
        requires = "by",
        value_delimiter = ','
    )]
    pub bins: Option<Vec<f64>>,
}

impl SegmentArgs {
    /// Sets the segmenting column on `options` (over a spec's `[segments]`), and checks the
    /// bands.
    pub fn apply(&self, options: &mut ReadOptions) -> Result<(), Error> {
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
        Ok(())
    }
}

/// `--by` in a subcommand that has no per-segment results: hidden from its `--help`, and refused
/// with a message saying what to run instead, rather than clap's bare "unexpected argument".
#[derive(Debug, Clone, Args)]
pub struct NoSegmentArgs {
    /// Refused: this subcommand has no per-segment results.
    #[arg(long, value_name = "COLUMN", hide = true)]
    pub by: Option<String>,

    /// Refused with --by.
    #[arg(long, value_name = "EDGES", hide = true)]
    pub bins: Option<String>,
}

impl NoSegmentArgs {
    /// Refuses `--by` (and `--bins`), so the flag is never accepted and ignored; `instead` says
    /// what to run.
    pub fn refuse(&self, command: &str, instead: &str) -> Result<(), Error> {
        if self.by.is_some() || self.bins.is_some() {
            return Err(Error::usage(
                format!(
                    "kano {command} has no per-segment results, so --by cannot be used with it"
                ),
                instead.to_string(),
            ));
        }
        Ok(())
    }
}

/// How a large survey file is read: threads and the progress bar. Neither changes a result;
/// every subcommand that reads survey files takes them.
#[derive(Debug, Clone, Args)]
pub struct ReadingArgs {
    /// Threads reading a wide file [default: all cores]; results are the same for any number.
    #[arg(help_heading = "Reading", long, value_name = "N")]
    pub threads: Option<usize>,

    /// No progress bar (it shows only on a terminal, for files of 64 MiB or more).
    #[arg(help_heading = "Reading", long)]
    pub no_progress: bool,
}

/// Files at least this large get a progress bar (on a terminal).
const PROGRESS_BYTES: u64 = 64 << 20;

impl ReadingArgs {
    /// Sets the threads on `options`, capped at what the machine can run (said on stderr
    /// unless `quiet`).
    pub fn apply(&self, options: &mut ReadOptions, quiet: bool) {
        options.threads = self.threads.map_or(0, |asked| {
            let usable = std::thread::available_parallelism().map_or(1, |n| n.get());
            let threads = capped_threads(asked, usable);
            if threads < asked && !quiet {
                eprintln!(
                    "kano: warning: --threads {asked} is more than the {usable} this machine can \
                     run at once; using {usable}"
                );
            }
            threads
        });
    }

    /// Reads the survey at `path`, with a progress bar on stderr when the file is large, stderr
    /// is a terminal, and neither `--no-progress` nor `quiet` silences it.
    pub fn read(&self, path: &str, options: &ReadOptions, quiet: bool) -> Result<Survey, Error> {
        let mut options = options.clone();
        let bar = if quiet || self.no_progress {
            None
        } else {
            progress_bar(path, &mut options)
        };
        let survey = read_survey(path, &options);
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        survey
    }
}

/// A progress bar on stderr for the large file at `path`, when stderr is a terminal.
fn progress_bar(path: &str, options: &mut ReadOptions) -> Option<indicatif::ProgressBar> {
    if path == "-" || !io::stderr().is_terminal() {
        return None;
    }
    let size = std::fs::metadata(path).ok()?.len();
    if size < PROGRESS_BYTES {
        return None;
    }
    let compressed = path.to_ascii_lowercase().ends_with(".gz");
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

/// The threads to read with when `asked` for and `usable` can run at once: never more than
/// `usable` (thousands of threads fail to spawn; `usize::MAX` overflowed the channel size). Zero
/// stays zero: all cores.
fn capped_threads(asked: usize, usable: usize) -> usize {
    asked.min(usable.max(1))
}
#[cfg(test)]
mod tests {
    use super::*;

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
