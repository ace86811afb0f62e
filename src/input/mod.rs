//! Everything that turns bytes into per-feature tallies: opening the source (encodings, gzip,
//! spreadsheets), header rows, the delimiter, the layout, pairing question columns, and reading
//! wide, long and counts files respondent by respondent.

mod accumulate;
mod answers_file;
mod chunk;
mod columns;
mod counts;
mod cues;
mod decode;
mod fused;
mod header;
pub mod importance;
pub mod infer;
mod layout;
mod long;
mod pairing;
mod respondents;
mod source;
mod spreadsheet;
mod versions;
mod wide;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};

pub use accumulate::{band, LabelCensus, Quality, Segment, SegmentSpec};
pub use answers_file::load_answers_file;
pub use columns::{parse_role, Role};
pub(crate) use decode::{decode_cells, DecodeCache};
pub use header::sniff_delimiter;
use header::{combine_header, read_head, too_long_head, Recorder, HEAD_LIMIT};
pub(crate) use importance::importance_cell;
use importance::importance_scale;
pub use importance::{parse_importance, parse_importance_labels};
use infer::infer_answers;
use layout::{detect_layout, long_columns, undecided_layout};
pub use pairing::{derive_names, pair_questions, question, quoted_name, FoundPair, PairMode};
pub use source::{parse_encoding, SourceInfo};
pub use versions::MergedVersions;

use crate::answer::AnswerDecoder;
use crate::category::Table;
use crate::error::{Error, Position, Warning};
use crate::tally::Tally;

/// How the file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LayoutChoice {
    /// Decide from the header.
    #[default]
    Auto,
    /// Force a layout.
    Fixed(Layout),
}

/// A file layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One row per respondent, two columns per feature.
    Wide,
    /// One row per respondent and feature.
    Long,
    /// One row per feature with category counts.
    Counts,
}

impl Layout {
    /// The name used in flags and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Layout::Wide => "wide",
            Layout::Long => "long",
            Layout::Counts => "counts",
        }
    }
}

/// Column names for the long and counts layouts; `None` means the default name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ColumnNames {
    /// The feature column (`feature`).
    pub feature: Option<String>,
    /// The functional answer column (`functional`).
    pub functional: Option<String>,
    /// The dysfunctional answer column (`dysfunctional`).
    pub dysfunctional: Option<String>,
    /// The importance column (`importance`).
    pub importance: Option<String>,
    /// The respondent id column (`respondent`).
    pub respondent: Option<String>,
}

/// A feature's columns named explicitly (`--pair`, or a spec's `[[feature]]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExplicitPair {
    /// The feature's display name.
    pub name: String,
    /// The functional column's header.
    pub functional: String,
    /// The dysfunctional column's header.
    pub dysfunctional: String,
    /// The importance column's header, if any.
    pub importance: Option<String>,
    /// The functional and dysfunctional headers of the feature's other form version (question
    /// text, where these are grid columns), read for respondents who left these empty.
    pub other_version: Option<(String, String)>,
}

/// Feature names given by `--features FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeatureNames {
    /// One name per feature, in question order.
    InOrder(Vec<String>),
    /// Renames by id (`F1_` -> "Anonymous storage").
    ById(Vec<(String, String)>),
}

/// How to read a survey.
#[derive(Clone, Default)]
pub struct ReadOptions {
    /// The layout, or auto-detection.
    pub layout: LayoutChoice,
    /// Force a delimiter instead of sniffing one.
    pub delimiter: Option<u8>,
    /// Force a text encoding instead of sniffing one.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The spreadsheet sheet (name or 1-based position); the first when absent.
    pub sheet: Option<String>,
    /// Force the number of header rows (1 to 3) instead of detecting them.
    pub header_rows: Option<usize>,
    /// Column names for the long and counts layouts.
    pub columns: ColumnNames,
    /// How to pair question columns without recognizable header forms.
    pub pairs: PairMode,
    /// Pairs named explicitly; when given, only these features are read.
    pub explicit_pairs: Vec<ExplicitPair>,
    /// Feature names from `--features`.
    pub feature_names: Option<FeatureNames>,
    /// Label decoding.
    pub decoder: AnswerDecoder,
    /// Count unknown labels and go on instead of stopping.
    pub skip_invalid: bool,
    /// Results per value of this column.
    pub segment: Option<SegmentSpec>,
    /// Leave out respondents with more than this share of questionable pairs.
    pub drop_inconsistent: Option<f64>,
    /// Leave out respondents with more than this many indifferent pairs (`--max-indifferent`).
    pub max_indifferent: Option<u64>,
    /// The evaluation table used to find questionable pairs.
    pub table: Table,
    /// Threads for the wide layout's hot path; 0 uses every core.
    pub threads: usize,
    /// Called with the bytes read so far as the wide hot path goes (a progress bar).
    pub progress: Option<std::sync::Arc<dyn Fn(u64) + Send + Sync>>,
    /// Read every wide record on the general path, never the fused one (the two give the same
    /// results; tests compare them).
    pub general_only: bool,
    /// Never infer what unknown answer labels mean (`--no-infer`): stop and list them instead.
    pub no_infer: bool,
    /// The verbal importance scale (an index into [`importance::SCALES`]) that importance labels
    /// are read on, when the sampled labels are words ("Very important").
    pub importance_scale: Option<usize>,
    /// Importance labels and their values given by `--importance-scale` or the spec's
    /// `[importance]` table; they win over the verbal scales, which are then not inferred.
    pub importance_labels: Vec<(String, f64)>,
    /// Labels (normalized) that mark a column as an answer column although they do not decode:
    /// set when inference was refused, so the columns still pair and the labels are reported.
    pub answer_like: std::collections::HashSet<String>,
}

impl std::fmt::Debug for ReadOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadOptions")
            .field("layout", &self.layout)
            .field("delimiter", &self.delimiter)
            .field("columns", &self.columns)
            .field("pairs", &self.pairs)
            .field("threads", &self.threads)
            .finish_non_exhaustive()
    }
}

/// One feature as read.
#[derive(Debug, Clone, PartialEq)]
pub struct Feature {
    /// Its display name.
    pub name: String,
    /// The columns it was read from (wide: functional, dysfunctional, importance).
    pub columns: Vec<String>,
    /// Its counts.
    pub tally: Tally,
    /// Unknown labels skipped with `--skip-invalid`, with counts.
    pub invalid_labels: std::collections::BTreeMap<String, u64>,
}

impl Feature {
    fn new(name: String, columns: Vec<String>) -> Feature {
        Feature {
            name,
            columns,
            tally: Tally::default(),
            invalid_labels: std::collections::BTreeMap::new(),
        }
    }
}

/// How the file was read: everything `kano inspect` shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    /// Encoding, compression and sheet.
    pub source: SourceInfo,
    /// The delimiter used.
    pub delimiter: u8,
    /// Header rows (1, or 2 for SurveyMonkey, 3 for Qualtrics).
    pub header_rows: usize,
    /// How the features' columns were found.
    pub pairing: String,
    /// Columns that are no part of any feature.
    pub ignored_columns: Vec<String>,
    /// Every distinct answer label seen.
    pub labels: LabelCensus,
    /// Answer labels whose meaning kano inferred (answer-scale inference), in sample order.
    pub inferred: Vec<infer::Inferred>,
    /// Bare codes in the answer columns read as the export lists them (a value row, numbered
    /// labels), where it does.
    pub answer_codes: Option<infer::Codes>,
    /// The long layout's feature, functional and dysfunctional columns when found under other
    /// names (`mesure`, `presence`, `absence`).
    pub long_columns: Option<[String; 3]>,
    /// Rows whose fields are all empty, skipped: they are no respondents.
    pub blank_rows: u64,
    /// Features asked in two form versions (question text, then a grid) and read as one.
    pub merged_versions: Vec<MergedVersions>,
}

/// A survey as read: its features' tallies and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Survey {
    /// The path as given (`<stdin>` for `-`).
    pub path: String,
    /// The layout used.
    pub layout: Layout,
    /// Respondents read (rows in wide; distinct ids, or the most rows of one feature, in long);
    /// `None` for counts.
    pub respondents: Option<u64>,
    /// Features in file order.
    pub features: Vec<Feature>,
    /// Warnings, in the order noticed.
    pub warnings: Vec<Warning>,
    /// How the file was read.
    pub reading: Reading,
    /// Respondent checks; `None` where respondents cannot be told apart.
    pub quality: Option<Quality>,
    /// The `--by` column and its segments.
    pub segments: Option<(String, Vec<Segment>)>,
}

/// How a path is shown in messages.
pub fn display_path(path: &str) -> String {
    if path == "-" {
        "<stdin>".to_string()
    } else {
        path.to_string()
    }
}

/// Reads a survey from a path (or `-`).
pub fn read_survey(path: &str, options: &ReadOptions) -> Result<Survey, Error> {
    let display = display_path(path);
    let source = source::open(path, &display, options.encoding, options.sheet.as_deref())?;
    let mut reader = BufReader::with_capacity(1 << 16, source.reader);
    // Empty: nothing but a byte-order mark and white space, all of it in this first buffer.
    let capacity = reader.capacity();
    let head = reader.fill_buf().map_err(|source| Error::Io {
        path: display.clone(),
        source,
    })?;
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if body.iter().all(u8::is_ascii_whitespace) && head.len() < capacity {
        return Err(Error::Empty { path: display });
    }
    let delimiter = options
        .delimiter
        .or(source.implied_delimiter)
        .unwrap_or_else(|| sniff_delimiter(head));
    let mut recorder = Recorder {
        inner: reader,
        recorded: Vec::new(),
    };
    let (head, header_rows) = {
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(&mut recorder);
        read_head(&mut csv, &display, options.header_rows)
    }
    .map_err(|e| match recorder.recorded.len() > HEAD_LIMIT {
        true => too_long_head(&display, &recorder.recorded, delimiter),
        false => e,
    })?;
    let header = combine_header(
        &head.rows,
        header_rows - usize::from(head.value_row.is_some()),
    );
    if let Some(forced) = options.header_rows.filter(|n| *n > head.rows.len()) {
        return Err(Error::usage(
            format!(
                "{}: --header-rows {forced}, but the file has only {} row(s)",
                crate::error::printable(&display),
                head.rows.len()
            ),
            "give as many header rows as the export has (1, SurveyMonkey 2, Qualtrics 3; one more for a value row)",
        ));
    }
    if head.samples.is_empty() {
        return Err(Error::HeaderOnly { path: display });
    }
    // The data: what the csv reader buffered past the header rows, then the rest of the stream.
    let (start, _) = head.ends[header_rows - 1];
    let Recorder {
        inner,
        mut recorded,
    } = recorder;
    let start = usize::try_from(start)
        .unwrap_or(recorded.len())
        .min(recorded.len());
    // The line the data starts on, counted as the scanner counts (a lone \r ends a line too).
    let line_before = 1 + chunk::count_lines(&recorded[..start], recorded.get(start).copied());
    // In place, not copied: with wide rows the buffered data is megabytes.
    recorded.drain(..start);
    let rest: Box<dyn Read> = Box::new(header::Replay::new(recorded, inner));
    let mut context = Context::new(&display, header, delimiter, line_before.saturating_sub(1));
    context.samples = head.samples;
    context.value_row = head.value_row;
    let (long_options, long_names) = long_columns(&context.header, options);
    let options = long_options.as_ref().unwrap_or(options);
    let infer::Outcome {
        options: inferred_options,
        inferred,
        summary,
        refused,
    } = infer_answers(&context, options);
    let options = inferred_options.as_ref().unwrap_or(options);
    let layout = match options.layout {
        LayoutChoice::Fixed(layout) => layout,
        LayoutChoice::Auto => detect_layout(&context.header, &context.samples, options)
            .ok_or_else(|| undecided_layout(&display))?,
    };
    let (scale_options, scale) = importance_scale(&context, options, layout);
    let options = scale_options.as_ref().unwrap_or(options);
    let reading = Reading {
        source: source.info,
        delimiter,
        header_rows,
        pairing: String::new(),
        ignored_columns: Vec::new(),
        labels: LabelCensus::default(),
        inferred: inferred.clone(),
        answer_codes: summary
            .as_ref()
            .and_then(|s| s.codes.clone())
            .filter(|c| c.source.is_some()),
        long_columns: long_names.clone().filter(|_| layout == Layout::Long),
        blank_rows: 0,
        merged_versions: Vec::new(),
    };
    let mut survey = match layout {
        // Unknown labels stop the reading at the first one, positioned; the message then lists
        // every unknown label of the sample with counts and columns.
        Layout::Wide => {
            wide::read(&mut context, rest, options, reading).map_err(|e| match (e, &refused) {
                (Error::UnknownAnswer { at, value }, Some((unknown, refusal))) => {
                    infer::unknown_labels_error(&at, &value, unknown, refusal.as_ref())
                }
                (e, _) => e,
            })?
        }
        Layout::Long => long::read(&mut context, rest, options, reading)?,
        Layout::Counts => counts::read(&mut context, rest, options, reading)?,
    };
    survey.path = display;
    if let Some(decoded) = scale {
        survey.warnings.insert(0, Warning::ImportanceScale(decoded));
    }
    if let (Some(names), Layout::Long) = (long_names, layout) {
        survey.warnings.insert(0, Warning::LongColumns(names));
    }
    if let Some(summary) = summary {
        survey.warnings.insert(0, Warning::InferredAnswers(summary));
    }
    finish_warnings(&mut survey);
    Ok(survey)
}

fn finish_warnings(survey: &mut Survey) {
    if survey.reading.source.encoding.contains(source::GUESSED) {
        let encoding = survey.reading.source.encoding.clone();
        survey.warnings.push(Warning::GuessedEncoding { encoding });
    }
    if survey.reading.blank_rows > 0 {
        survey.warnings.insert(
            0,
            Warning::BlankRows {
                count: survey.reading.blank_rows,
            },
        );
    }
    for feature in &survey.features {
        let t = &feature.tally;
        if !feature.invalid_labels.is_empty() {
            // The most frequent labels, then alphabetical: the same on every reading path.
            let mut labels: Vec<(String, u64)> = feature
                .invalid_labels
                .iter()
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            labels.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            labels.truncate(20);
            survey.warnings.push(Warning::SkippedInvalid {
                feature: feature.name.clone(),
                count: t.invalid,
                labels,
            });
        }
        if t.importance_invalid > 0 {
            survey.warnings.push(Warning::SkippedImportance {
                feature: feature.name.clone(),
                count: t.importance_invalid,
            });
        }
        if t.counts(Table::Standard).iter().sum::<u64>() == 0 {
            survey.warnings.push(Warning::NoValidPairs {
                feature: feature.name.clone(),
                missing: t.missing,
                invalid: t.invalid,
            });
        }
    }
    if let Some(q) = &survey.quality {
        if q.dropped > 0 {
            survey.warnings.push(Warning::DroppedRespondents {
                dropped: q.dropped,
                of: q.respondents,
                threshold: q.drop_threshold.unwrap_or(0.0),
            });
        }
        if q.dropped_indifferent > 0 {
            survey.warnings.push(Warning::DroppedIndifferent {
                dropped: q.dropped_indifferent,
                of: q.respondents,
                most: q.max_indifferent.unwrap_or(0),
            });
        }
        if q.straight_liners > 0 {
            survey.warnings.push(Warning::StraightLiners {
                count: q.straight_liners,
                of: q.respondents,
            });
        }
    }
}

/// The index of a header, matched case-insensitively after trimming.
pub fn find_column(header: &[String], name: &str) -> Option<usize> {
    let wanted = name.trim().to_lowercase();
    header.iter().position(|h| h.to_lowercase() == wanted)
}

/// The state every layout reader shares: where we are, for error messages.
pub(crate) struct Context {
    pub path: String,
    pub header: Vec<String>,
    pub delimiter: u8,
    /// Lines before the first data record (the header rows, and blank lines).
    pub line_offset: u64,
    /// Data rows read ahead to recognize answer columns by their content.
    pub samples: VecDeque<csv::ByteRecord>,
    /// The value row under the header, if the export has one: each column's options and codes.
    pub value_row: Option<Vec<String>>,
}

impl Context {
    fn new(path: &str, header: Vec<String>, delimiter: u8, line_offset: u64) -> Context {
        Context {
            path: path.to_string(),
            header,
            delimiter,
            line_offset,
            samples: VecDeque::new(),
            value_row: None,
        }
    }

    fn csv_error(&self, e: csv::Error) -> Error {
        let line = e.position().map_or(0, |p| p.line()) + self.line_offset;
        match e.into_kind() {
            csv::ErrorKind::Io(source) => Error::Io {
                path: self.path.clone(),
                source,
            },
            other => Error::Csv {
                path: self.path.clone(),
                line,
                message: format!("{other:?}"),
            },
        }
    }

    /// Reads the next record; `false` at the end.
    pub fn read<R: Read>(
        &self,
        csv: &mut csv::Reader<R>,
        record: &mut csv::ByteRecord,
    ) -> Result<bool, Error> {
        csv.read_byte_record(record).map_err(|e| self.csv_error(e))
    }

    /// The file line of the current record.
    pub fn line(&self, record: &csv::ByteRecord) -> u64 {
        record.position().map_or(0, |p| p.line()) + self.line_offset
    }

    /// Checks the record has as many fields as the header.
    pub fn check_width(&self, record: &csv::ByteRecord) -> Result<(), Error> {
        self.check_count(record.len(), self.line(record))
    }

    /// Checks a record of `fields` fields on `line` has as many as the header.
    pub fn check_count(&self, fields: usize, line: u64) -> Result<(), Error> {
        if fields != self.header.len() {
            return Err(Error::Ragged {
                path: self.path.clone(),
                line,
                expected: self.header.len() as u64,
                found: fields as u64,
            });
        }
        Ok(())
    }

    /// The error for a quoted value left open at the end of the file.
    pub fn unterminated(&self, open: chunk::Unterminated) -> Error {
        Error::UnterminatedQuote {
            at: self.at_line(open.line, open.field),
            value: String::from_utf8_lossy(&open.start).into_owned(),
            lines: open.lines,
        }
    }

    /// The position of column `index` on `line`.
    pub fn at_line(&self, line: u64, index: usize) -> Position {
        Position {
            path: self.path.clone(),
            line,
            column: self
                .header
                .get(index)
                .cloned()
                .unwrap_or_else(|| format!("#{}", index + 1)),
        }
    }

    /// The position of column `index` in the current record.
    pub fn at(&self, record: &csv::ByteRecord, index: usize) -> Position {
        self.at_line(self.line(record), index)
    }

    /// Field `index` as trimmed UTF-8.
    pub fn text<'r>(&self, record: &'r csv::ByteRecord, index: usize) -> Result<&'r str, Error> {
        let bytes = record.get(index).unwrap_or_default();
        std::str::from_utf8(bytes)
            .map(str::trim)
            .map_err(|_| Error::InvalidUtf8 {
                at: self.at(record, index),
            })
    }
}

/// Whether a record's bytes are only delimiters and ASCII white space: a row whose fields are
/// all empty (spreadsheets export empty rows so) holds no respondent.
pub(crate) fn is_blank(bytes: &[u8], delimiter: u8) -> bool {
    bytes
        .iter()
        .all(|b| *b == delimiter || b.is_ascii_whitespace())
}

/// Whether every field of a csv record is empty or white space.
pub(crate) fn is_blank_record(record: &csv::ByteRecord) -> bool {
    record.iter().all(|field| field.trim_ascii().is_empty())
}
