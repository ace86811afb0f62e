//! Everything that turns bytes into per-feature tallies: opening the source (encodings, gzip,
//! spreadsheets), header rows, the delimiter, the layout, pairing question columns, and reading
//! wide, long and counts files respondent by respondent.

mod accumulate;
mod answers_file;
mod columns;
mod counts;
mod fast;
pub mod importance;
pub mod infer;
mod long;
mod pairing;
mod plain;
mod respondents;
mod source;
mod spreadsheet;
mod wide;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};

pub use accumulate::{band, LabelCensus, Quality, Segment, SegmentSpec};
pub use answers_file::load_answers_file;
pub use columns::{parse_role, Role};
pub use pairing::{derive_names, pair_questions, question, quoted_name, FoundPair, PairMode};
pub use source::{parse_encoding, SourceInfo};

use crate::answer::{Answer, AnswerDecoder};
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
    /// The long layout's feature, functional and dysfunctional columns when found under other
    /// names (`mesure`, `presence`, `absence`).
    pub long_columns: Option<[String; 3]>,
    /// Rows whose fields are all empty, skipped: they are no respondents.
    pub blank_rows: u64,
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

/// Guesses the delimiter from the first line: the most frequent of comma, semicolon, tab and
/// pipe outside quotes (comma on a tie or when none occurs).
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let candidates = [b',', b';', b'\t', b'|'];
    let mut counts = [0usize; 4];
    let mut quoted = false;
    for &byte in head {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|c| *c == byte) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..candidates.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

/// Rows sampled after the header to recognize answer columns by their content.
const SAMPLE_ROWS: usize = 64;

fn is_response_marker(cell: &str) -> bool {
    let cell = cell.trim().to_lowercase();
    cell == "response" || cell == "open-ended response"
}

/// Whether a second row continues the first as SurveyMonkey writes it when no column says
/// "Response" (a survey of matrix questions only): the first column (Respondent ID) is blank
/// under its header, and some column blank in the first row (a question carried over) has an
/// option or item in the second.
fn is_option_row(first: &[String], second: &[String]) -> bool {
    let first_blank_below = matches!(
        (first.first(), second.first()),
        (Some(top), Some(below)) if !top.is_empty() && below.is_empty()
    );
    first_blank_below
        && first
            .iter()
            .zip(second)
            .skip(1)
            .any(|(top, below)| top.is_empty() && !below.is_empty())
}

/// Detects extra header rows: Qualtrics' third row of `{"ImportId": ...}` cells, SurveyMonkey's
/// second row of "Response" / answer-option cells.
fn detect_header_rows(rows: &[Vec<String>]) -> usize {
    if rows.len() >= 3
        && rows[2]
            .iter()
            .any(|c| c.trim_start().starts_with("{\"ImportId\""))
    {
        return 3;
    }
    if rows.len() >= 2
        && (rows[1].iter().any(|c| is_response_marker(c)) || is_option_row(&rows[0], &rows[1]))
    {
        return 2;
    }
    1
}

/// Builds one header from `count` header rows: one row as is; two rows as SurveyMonkey writes
/// them (a question carried over its blank neighbours, joined with the option: "question -
/// option", or the question alone under "Response"); three or more as Qualtrics writes them
/// (the question text row, falling back to the column id).
fn combine_header(rows: &[Vec<String>], count: usize) -> Vec<String> {
    let first = &rows[0];
    match count {
        1 => first.clone(),
        2 => {
            let mut carried = String::new();
            first
                .iter()
                .enumerate()
                .map(|(i, top)| {
                    if !top.is_empty() {
                        carried = top.clone();
                    }
                    let option = rows
                        .get(1)
                        .and_then(|r| r.get(i))
                        .map_or("", String::as_str);
                    if option.is_empty() || is_response_marker(option) {
                        if top.is_empty() {
                            carried.clone()
                        } else {
                            top.clone()
                        }
                    } else if carried.is_empty() {
                        option.to_string()
                    } else {
                        format!("{carried} - {option}")
                    }
                })
                .collect()
        }
        _ => first
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let text = rows
                    .get(1)
                    .and_then(|r| r.get(i))
                    .map_or("", String::as_str);
                if text.is_empty() {
                    id.clone()
                } else {
                    text.to_string()
                }
            })
            .collect(),
    }
}

/// Records the bytes a reader hands out, so that bytes a CSV reader buffered past the header
/// can be read again by whichever reader takes over.
///
/// The first rows are bounded: a header and sample rows of more than [`HEAD_LIMIT`] bytes are
/// refused rather than buffered (a 100 MB "cell" is no survey answer).
struct Recorder<R> {
    inner: R,
    recorded: Vec<u8>,
}

/// The most bytes the header rows and the sampled rows may take.
const HEAD_LIMIT: usize = 8 << 20;

/// Sampling stops once the rows read ahead take this many bytes.
const SAMPLE_BYTES: u64 = 4 << 20;

impl<R: Read> Read for Recorder<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.recorded.len() > HEAD_LIMIT {
            // Replaced by the reason `too_long_head` finds, where the reading stops.
            return Err(std::io::Error::other("the first rows are too long"));
        }
        let n = self.inner.read(buf)?;
        self.recorded.extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// Why the first rows take more than [`HEAD_LIMIT`] bytes: a quote left open (where), or rows
/// too long (how many columns the first has).
fn too_long_head(path: &str, recorded: &[u8], delimiter: u8) -> Error {
    let limit = HEAD_LIMIT >> 20;
    let (mut rows, mut first) = (0u64, 0usize);
    let scanned = fast::scan(
        recorded,
        delimiter,
        1,
        |fields, _| {
            if rows == 0 {
                first = fields.len();
            }
            rows += 1;
            Ok(())
        },
        |open| open,
    );
    let (message, hint) = match scanned {
        Err(open) => (
            format!(
                "line {}, field {}: a quote opens the value \"{}\" and is not closed within the \
                 first {limit} MiB",
                open.line,
                open.field + 1,
                crate::error::shown(&String::from_utf8_lossy(&open.start))
            ),
            "close the quote, or write a quote inside a quoted value as two (\"\")",
        ),
        Ok(()) => (
            format!(
                "the header and first rows take more than {limit} MiB ({rows} row(s) read, the \
                 first of {first} columns): too many or too long columns for a survey"
            ),
            "kano reads at most 8 MiB before the data; remove unused columns or split the export",
        ),
    };
    Error::Layout {
        path: path.to_string(),
        message,
        hint: hint.to_string(),
    }
}

/// The header rows, a sample of data rows, and where the data starts.
struct Head {
    rows: Vec<Vec<String>>,
    /// (byte, line) just after each of the first rows.
    ends: Vec<(u64, u64)>,
    samples: VecDeque<csv::ByteRecord>,
}

/// Reads up to three header candidates and a sample of rows after them with the csv crate.
fn read_head<R: Read>(
    csv: &mut csv::Reader<R>,
    display: &str,
    header_rows: Option<usize>,
) -> Result<(Head, usize), Error> {
    let mut head = Head {
        rows: Vec::new(),
        ends: Vec::new(),
        samples: VecDeque::new(),
    };
    let context = Context::new(display, Vec::new(), b',', 0);
    let mut record = csv::ByteRecord::new();
    while head.rows.len() < 3 && context.read(csv, &mut record)? {
        // The first row must be UTF-8; the next two are only candidates (data, most often),
        // so their bytes are checked where they are read as data.
        let strict = head.rows.is_empty();
        let row = (0..record.len())
            .map(|i| {
                let text = match std::str::from_utf8(&record[i]) {
                    Ok(text) => text.to_string(),
                    Err(_) if !strict => String::from_utf8_lossy(&record[i]).into_owned(),
                    Err(_) => {
                        return Err(Error::InvalidUtf8 {
                            at: Position {
                                path: display.to_string(),
                                line: context.line(&record),
                                column: format!("#{}", i + 1),
                            },
                        })
                    }
                };
                Ok(text.trim_start_matches('\u{FEFF}').trim().to_string())
            })
            .collect::<Result<Vec<_>, _>>()?;
        head.rows.push(row);
        head.ends
            .push((csv.position().byte(), csv.position().line()));
        head.samples.push_back(record.clone());
    }
    if head.rows.is_empty() {
        return Err(Error::Empty {
            path: display.to_string(),
        });
    }
    let count = match header_rows {
        Some(n) => n.clamp(1, 3),
        None => detect_header_rows(&head.rows),
    }
    .min(head.rows.len());
    head.samples.drain(..count.min(head.samples.len()));
    while head.samples.len() < SAMPLE_ROWS && csv.position().byte() < SAMPLE_BYTES {
        if !context.read(csv, &mut record)? {
            break;
        }
        head.samples.push_back(record.clone());
    }
    Ok((head, count))
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
    let header = combine_header(&head.rows, header_rows);
    if let Some(forced) = options.header_rows.filter(|n| *n > head.rows.len()) {
        return Err(Error::usage(
            format!(
                "{}: --header-rows {forced}, but the file has only {} row(s)",
                crate::error::printable(&display),
                head.rows.len()
            ),
            "give as many header rows as the export has (1, SurveyMonkey 2, Qualtrics 3)",
        ));
    }
    if head.samples.is_empty() {
        return Err(Error::HeaderOnly { path: display });
    }
    // The data: what the csv reader buffered past the header rows, then the rest of the stream.
    let (start, _) = head.ends[header_rows - 1];
    let Recorder { inner, recorded } = recorder;
    let start = usize::try_from(start)
        .unwrap_or(recorded.len())
        .min(recorded.len());
    // The line the data starts on, counted as the scanner counts (a lone \r ends a line too).
    let line_before = 1 + fast::count_lines(&recorded[..start], recorded.get(start).copied());
    let rest: Box<dyn Read> =
        Box::new(std::io::Cursor::new(recorded[start..].to_vec()).chain(inner));
    let mut context = Context::new(&display, header, delimiter, line_before.saturating_sub(1));
    context.samples = head.samples;
    let (long_options, long_names) = long_columns(&context.header, options);
    let options = long_options.as_ref().unwrap_or(options);
    let (inferred_options, inferred, refused) = infer_answers(&context, options);
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
        long_columns: long_names.clone().filter(|_| layout == Layout::Long),
        blank_rows: 0,
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
    if !inferred.is_empty() {
        survey.warnings.insert(
            0,
            Warning::InferredAnswers(
                inferred
                    .iter()
                    .map(|i| (i.label.clone(), i.answer))
                    .collect(),
            ),
        );
    }
    finish_warnings(&mut survey);
    Ok(survey)
}

/// What the long layout's columns are called in French, German and Spanish (and English
/// synonyms): feature, functional, dysfunctional. A French export reads `mesure,absence,presence`.
const LONG_SYNONYMS: [&[&str]; 3] = [
    &[
        "measure",
        "attribute",
        "item",
        "mesure",
        "fonctionnalite",
        "fonctionnalité",
        "caracteristique",
        "caractéristique",
        "attribut",
        "merkmal",
        "funktion",
        "eigenschaft",
        "caracteristica",
        "característica",
        "funcionalidad",
        "atributo",
        "medida",
    ],
    &[
        "presence",
        "présence",
        "present",
        "fonctionnel",
        "fonctionnelle",
        "funktional",
        "funktionale",
        "vorhanden",
        "funcional",
        "presencia",
        "presente",
    ],
    &[
        "absence",
        "absent",
        "dysfonctionnel",
        "dysfonctionnelle",
        "dysfunktional",
        "dysfunktionale",
        "nicht vorhanden",
        "disfuncional",
        "ausencia",
        "ausente",
    ],
];

/// When the header has no `feature`, `functional` and `dysfunctional` columns of its own, but
/// has them under another language's names, options that name them, and the names (feature,
/// functional, dysfunctional) for the report.
fn long_columns(
    header: &[String],
    options: &ReadOptions,
) -> (Option<ReadOptions>, Option<[String; 3]>) {
    if !matches!(
        options.layout,
        LayoutChoice::Auto | LayoutChoice::Fixed(Layout::Long)
    ) || !options.explicit_pairs.is_empty()
    {
        return (None, None);
    }
    let names = &options.columns;
    let given = [&names.feature, &names.functional, &names.dysfunctional];
    let defaults = ["feature", "functional", "dysfunctional"];
    if given
        .iter()
        .zip(defaults)
        .all(|(g, d)| find_column(header, g.as_deref().unwrap_or(d)).is_some())
    {
        return (None, None);
    }
    // One pass over the header (it may have a million columns), then lookups.
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    for (i, h) in header.iter().enumerate() {
        let h = h.trim();
        // Every synonym is short: longer headers need no lowering.
        if h.len() <= 24 {
            let key = h.to_lowercase();
            if LONG_SYNONYMS
                .iter()
                .any(|names| names.contains(&key.as_str()))
            {
                index.entry(key).or_insert(i);
            }
        }
    }
    let mut found: [Option<String>; 3] = Default::default();
    for (i, slot) in found.iter_mut().enumerate() {
        *slot = match given[i] {
            Some(name) => Some(name.clone()),
            None => std::iter::once(defaults[i])
                .chain(LONG_SYNONYMS[i].iter().copied())
                .find_map(|n| index.get(n))
                .map(|&c| header[c].clone()),
        };
    }
    let [Some(feature), Some(functional), Some(dysfunctional)] = found else {
        return (None, None);
    };
    let mut owned = options.clone();
    owned.columns.feature = Some(feature.clone());
    owned.columns.functional = Some(functional.clone());
    owned.columns.dysfunctional = Some(dysfunctional.clone());
    (Some(owned), Some([feature, functional, dysfunctional]))
}

/// When the sampled importance cells hold words ("Very important"), the scale they are read on.
fn importance_scale(
    context: &Context,
    options: &ReadOptions,
    layout: Layout,
) -> (Option<ReadOptions>, Option<importance::Decoded>) {
    // Most files have no verbal importance at all: look for one scale label before planning.
    let any_verbal = context.samples.iter().any(|record| {
        record.iter().any(|cell| {
            cell.len() <= infer::MAX_LABEL_BYTES
                && std::str::from_utf8(cell).is_ok_and(|text| {
                    let text = text.trim();
                    !text.is_empty()
                        && parse_importance(text).is_none()
                        && importance::is_scale_label(text)
                })
        })
    });
    if !any_verbal {
        return (None, None);
    }
    let columns: Vec<usize> = match layout {
        Layout::Wide => wide::plan("", &context.header, &context.samples, options)
            .map(|plan| plan.features.iter().filter_map(|f| f.importance).collect())
            .unwrap_or_default(),
        Layout::Long => find_column(
            &context.header,
            options
                .columns
                .importance
                .as_deref()
                .unwrap_or("importance"),
        )
        .into_iter()
        .collect(),
        Layout::Counts => Vec::new(),
    };
    let labels = importance::sample_labels(&context.samples, &columns);
    if labels.is_empty() || options.importance_scale.is_some() {
        return (None, None);
    }
    match importance::decode(&labels) {
        Ok(decoded) => {
            let mut owned = options.clone();
            owned.importance_scale = Some(decoded.index);
            (Some(owned), Some(decoded))
        }
        Err(_) => (None, None),
    }
}

/// Unknown labels refused for inference, with the reason (`None` under `--no-infer`).
type Refused = Option<(Vec<infer::SeenLabel>, Option<infer::Refusal>)>;

/// Answer-scale inference on the sampled rows of a wide file: finds the answer columns (those
/// that pair when their labels count as answers), and when they hold labels kano does not know,
/// works out what each means. Returns options whose decoder knows the inferred labels (or, when
/// inference is refused or off, whose columns still pair so the labels can be reported).
fn infer_answers(
    context: &Context,
    options: &ReadOptions,
) -> (Option<ReadOptions>, Vec<infer::Inferred>, Refused) {
    if !matches!(
        options.layout,
        LayoutChoice::Auto | LayoutChoice::Fixed(Layout::Wide)
    ) {
        return (None, Vec::new(), None);
    }
    let header = &context.header;
    let segment = options
        .segment
        .as_ref()
        .and_then(|s| find_column(header, &s.column));
    let skip = |c: usize| {
        Some(c) == segment || wide::is_metadata(&header[c]) || wide::is_identifier(&header[c])
    };
    // Most files hold known labels only: one look at the sampled cells settles it.
    let any_unknown = context.samples.iter().any(|record| {
        record.iter().any(|cell| {
            cell.len() <= infer::MAX_LABEL_BYTES
                && !cell.iter().all(u8::is_ascii_whitespace)
                && std::str::from_utf8(cell).is_ok_and(|t| options.decoder.decode(t).is_none())
        })
    });
    if !any_unknown {
        return (None, Vec::new(), None);
    }
    let loose = infer::answer_like_columns(&context.samples, header.len(), &options.decoder, &skip);
    let (loose_unknown, _) =
        infer::unknown_labels(&context.samples, header, &loose, &options.decoder);
    if loose_unknown.is_empty() {
        return (None, Vec::new(), None);
    }
    // Which columns pair when the unknown labels count as answers: only their labels matter.
    let mut trial = options.clone();
    trial.answer_like = loose_unknown
        .iter()
        .map(|u| crate::answer::normalize_label(&u.label))
        .collect();
    let Ok(plan) = wide::plan("", header, &context.samples, &trial) else {
        return (None, Vec::new(), None);
    };
    let columns: Vec<usize> = plan
        .features
        .iter()
        .flat_map(|f| [f.functional, f.dysfunctional])
        .collect();
    let (unknown, free) =
        infer::unknown_labels(&context.samples, header, &columns, &options.decoder);
    if unknown.is_empty() {
        return (None, Vec::new(), None);
    }
    let labels: Vec<String> = unknown.iter().map(|u| u.label.clone()).collect();
    let refusal = if options.no_infer {
        None
    } else {
        match infer::infer(&labels, &free) {
            Ok(found) => {
                let mut inferred = options.clone();
                for f in &found {
                    inferred.decoder.add(&f.label, f.answer);
                }
                return (Some(inferred), found, None);
            }
            Err(refusal) => Some(refusal),
        }
    };
    trial.answer_like = unknown
        .iter()
        .map(|u| crate::answer::normalize_label(&u.label))
        .collect();
    (Some(trial), Vec::new(), Some((unknown, refusal)))
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

fn undecided_layout(path: &str) -> Error {
    Error::Layout {
        path: path.to_string(),
        message: "cannot tell the layout: the header has no functional/dysfunctional column \
                  pairs (wide), no feature, functional and dysfunctional columns (long), and no \
                  A, O, M, I columns (counts)"
            .to_string(),
        hint: "add --layout long with --feature-col, --functional-col and --dysfunctional-col, \
               name pairs with --pair \"NAME=FUNCTIONAL,DYSFUNCTIONAL\", pair question columns \
               by position with --pairs interleaved or --pairs blocks, or rename the wide \
               columns to \"<feature> (functional)\" and \"<feature> (dysfunctional)\""
            .to_string(),
    }
}

/// Picks the layout from the header: counts when A, O, M and I columns exist; long when
/// feature, functional and dysfunctional columns exist; wide when any pair can be found.
fn detect_layout(
    header: &[String],
    samples: &VecDeque<csv::ByteRecord>,
    options: &ReadOptions,
) -> Option<Layout> {
    if !options.explicit_pairs.is_empty() {
        return Some(Layout::Wide);
    }
    if counts::category_columns(header).len() >= 4 {
        return Some(Layout::Counts);
    }
    let names = &options.columns;
    let has = |name: &Option<String>, default: &str| {
        find_column(header, name.as_deref().unwrap_or(default)).is_some()
    };
    if has(&names.feature, "feature")
        && has(&names.functional, "functional")
        && has(&names.dysfunctional, "dysfunctional")
    {
        return Some(Layout::Long);
    }
    // A duplicate pair is still a wide file: reading it reports the duplicate.
    match wide::plan("", header, samples, options) {
        Ok(plan) if plan.features.is_empty() => None,
        _ => Some(Layout::Wide),
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
}

impl Context {
    fn new(path: &str, header: Vec<String>, delimiter: u8, line_offset: u64) -> Context {
        Context {
            path: path.to_string(),
            header,
            delimiter,
            line_offset,
            samples: VecDeque::new(),
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
    pub fn unterminated(&self, open: fast::Unterminated) -> Error {
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

/// What decoding one cell gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cell {
    Empty,
    Answer(Answer),
    Unknown,
}

/// Caches label decoding per column, with a count per label: surveys have a handful of distinct
/// labels, so each is normalized once, and a short list compared by length first finds them
/// faster than hashing. Bounded, so a free-text column cannot grow it.
#[derive(Debug, Default)]
pub(crate) struct DecodeCache {
    seen: Vec<(Box<[u8]>, Option<Answer>, u64)>,
    /// Per entry of `seen`: its fingerprint.
    prints: Vec<Fingerprint>,
    untracked: u64,
}

const CACHE_LIMIT: usize = 64;

/// Length, first 8 and last 8 bytes: equal fingerprints mean equal bytes up to 16 bytes long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint(usize, u64, u64);

fn fingerprint(bytes: &[u8]) -> Fingerprint {
    let n = bytes.len();
    let word = |part: &[u8]| -> u64 {
        match <[u8; 8]>::try_from(part) {
            Ok(exact) => u64::from_le_bytes(exact),
            Err(_) => {
                let mut padded = [0u8; 8];
                padded[..part.len()].copy_from_slice(part);
                u64::from_le_bytes(padded)
            }
        }
    };
    if n >= 8 {
        Fingerprint(n, word(&bytes[..8]), word(&bytes[n - 8..]))
    } else {
        let first = word(bytes);
        Fingerprint(n, first, first)
    }
}

impl DecodeCache {
    pub fn decode(&mut self, decoder: &AnswerDecoder, bytes: &[u8]) -> Result<Cell, ()> {
        let print = fingerprint(bytes);
        for (i, p) in self.prints.iter().enumerate() {
            if *p == print && (bytes.len() <= 16 || *self.seen[i].0 == *bytes) {
                let entry = &mut self.seen[i];
                entry.2 += 1;
                return Ok(entry.1.map_or(Cell::Unknown, Cell::Answer));
            }
        }
        let text = std::str::from_utf8(bytes).map_err(|_| ())?.trim();
        if text.is_empty() {
            return Ok(Cell::Empty);
        }
        let decoded = decoder.decode(text);
        if self.seen.len() < CACHE_LIMIT {
            self.seen.push((bytes.into(), decoded, 1));
            self.prints.push(print);
        } else {
            self.untracked += 1;
        }
        Ok(decoded.map_or(Cell::Unknown, Cell::Answer))
    }

    /// Adds another cache of the same column (a worker's) into this one.
    pub fn merge(&mut self, other: DecodeCache) {
        self.untracked += other.untracked;
        for (bytes, answer, count) in other.seen {
            let room = self.seen.len() < CACHE_LIMIT;
            match self.seen.iter_mut().find(|(label, _, _)| *label == bytes) {
                Some((_, _, mine)) => *mine += count,
                None if room => {
                    self.prints.push(fingerprint(&bytes));
                    self.seen.push((bytes, answer, count));
                }
                None => self.untracked += count,
            }
        }
    }

    /// Adds this column's labels to a census.
    pub fn census_into(&self, census: &mut LabelCensus) {
        for (bytes, answer, count) in &self.seen {
            census.add(bytes, *answer, *count);
        }
        census.untracked += self.untracked;
    }
}

/// Decodes one answer pair of a csv record; unknown labels are errors unless `skip_invalid`.
pub(crate) fn decode_pair(
    context: &Context,
    record: &csv::ByteRecord,
    options: &ReadOptions,
    (fcol, fcache): (usize, &mut DecodeCache),
    (dcol, dcache): (usize, &mut DecodeCache),
) -> Result<accumulate::Outcome, Error> {
    decode_cells(
        context,
        context.line(record),
        options,
        (fcol, record.get(fcol).unwrap_or_default(), fcache),
        (dcol, record.get(dcol).unwrap_or_default(), dcache),
    )
}

/// Decodes one answer pair from its two cells on `line`.
pub(crate) fn decode_cells(
    context: &Context,
    line: u64,
    options: &ReadOptions,
    (fcol, fbytes, fcache): (usize, &[u8], &mut DecodeCache),
    (dcol, dbytes, dcache): (usize, &[u8], &mut DecodeCache),
) -> Result<accumulate::Outcome, Error> {
    let decode = |col: usize, bytes: &[u8], cache: &mut DecodeCache| -> Result<Cell, Error> {
        let cell = cache
            .decode(&options.decoder, bytes)
            .map_err(|_| Error::InvalidUtf8 {
                at: context.at_line(line, col),
            })?;
        if cell == Cell::Unknown && !options.skip_invalid {
            return Err(Error::UnknownAnswer {
                at: context.at_line(line, col),
                value: String::from_utf8_lossy(bytes).trim().to_string(),
            });
        }
        Ok(cell)
    };
    let f = decode(fcol, fbytes, fcache)?;
    let d = decode(dcol, dbytes, dcache)?;
    Ok(match (f, d) {
        (Cell::Answer(f), Cell::Answer(d)) => accumulate::Outcome::Pair(f, d),
        (Cell::Unknown, _) | (_, Cell::Unknown) => {
            let labels = [(f, fbytes), (d, dbytes)]
                .into_iter()
                .filter(|(cell, _)| *cell == Cell::Unknown)
                .map(|(_, bytes)| String::from_utf8_lossy(bytes).trim().to_string())
                .collect();
            accumulate::Outcome::Invalid(labels)
        }
        _ => accumulate::Outcome::Missing,
    })
}

/// Reads a self-stated importance: a number, or a label starting with one
/// ("7 - Very important"). `None` when it is neither.
pub fn parse_importance(text: &str) -> Option<f64> {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(text.len(), |(i, _)| i);
    let (number, rest) = text.split_at(end);
    let rest = rest.trim_start();
    if !(rest.is_empty() || rest.starts_with(['-', ':', '=', '(', '\u{2013}', '\u{2014}'])) {
        return None;
    }
    let value: f64 = number.replace(',', ".").parse().ok()?;
    value.is_finite().then_some(value)
}

/// Reads one importance cell of a csv record: `Ok(None)` when empty, `Ok(Some(None))` when
/// unreadable and skipped, `Ok(Some(Some(value)))` when read.
pub(crate) fn read_importance(
    context: &Context,
    record: &csv::ByteRecord,
    options: &ReadOptions,
    col: usize,
) -> Result<Option<Option<f64>>, Error> {
    importance_cell(
        context,
        context.line(record),
        options,
        col,
        record.get(col).unwrap_or_default(),
    )
}

/// Reads one importance cell from its bytes on `line`.
pub(crate) fn importance_cell(
    context: &Context,
    line: u64,
    options: &ReadOptions,
    col: usize,
    bytes: &[u8],
) -> Result<Option<Option<f64>>, Error> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Error::InvalidUtf8 {
            at: context.at_line(line, col),
        })?
        .trim();
    if text.is_empty() {
        return Ok(None);
    }
    let value = parse_importance(text).or_else(|| {
        options
            .importance_scale
            .and_then(|scale| importance::value(scale, text))
    });
    match value {
        Some(value) => Ok(Some(Some(value))),
        None if options.skip_invalid => Ok(Some(None)),
        None => Err(Error::BadImportance {
            at: context.at_line(line, col),
            value: text.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_sniffing_picks_the_most_frequent_outside_quotes() {
        assert_eq!(sniff_delimiter(b"a,b,c\n1;2;3;4;5"), b',');
        assert_eq!(sniff_delimiter(b"\xEF\xBB\xBFa;b;c\n"), b';');
        assert_eq!(sniff_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter(b"a|b|c"), b'|');
        assert_eq!(sniff_delimiter(b"\"x,y,z\";b;c\n"), b';');
        assert_eq!(sniff_delimiter(b"single"), b',');
    }

    fn rows(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn header_rows_are_detected_from_their_shape() {
        let cases: &[(&[&[&str]], usize)] = &[
            // Qualtrics: ids, question text, import ids.
            (
                &[
                    &["Q1_1", "Q2_1"],
                    &["Like?", "Dislike?"],
                    &["{\"ImportId\":\"QID1_1\"}", ""],
                ],
                3,
            ),
            // SurveyMonkey with a "Response" column.
            (
                &[
                    &["Respondent ID", "Q?", "Q not?"],
                    &["", "Response", "Response"],
                ],
                2,
            ),
            // SurveyMonkey with matrix questions only: items under a carried question.
            (
                &[
                    &["Respondent ID", "Had?", "", "Had not?", ""],
                    &["", "A", "B", "A", "B"],
                ],
                2,
            ),
            // A plain file whose first data row has blank cells.
            (
                &[
                    &["id", "a (functional)", "a (dysfunctional)"],
                    &["1", "", "like"],
                ],
                1,
            ),
            // The price of the rule: a blank header cell over a filled one, under a blank
            // first cell, reads as SurveyMonkey (--header-rows 1 overrides).
            (&[&["id", "a", ""], &["", "like", "x"]], 2),
            (&[&["id", "a", "b"], &["", "like", "x"]], 1),
            (&[&["id", "a"]], 1),
        ];
        for (case, expected) in cases {
            assert_eq!(detect_header_rows(&rows(case)), *expected, "{case:?}");
        }
    }

    #[test]
    fn the_decode_cache_tells_apart_labels_that_share_length_and_ends() {
        let decoder = {
            let mut d = AnswerDecoder::new(false);
            d.add("I like it a lot, really, yes", Answer::Like);
            d.add("I like it a bit, really, yes", Answer::Neutral);
            d
        };
        let mut cache = DecodeCache::default();
        for _ in 0..3 {
            assert_eq!(
                cache.decode(&decoder, b"I like it a lot, really, yes"),
                Ok(Cell::Answer(Answer::Like))
            );
            assert_eq!(
                cache.decode(&decoder, b"I like it a bit, really, yes"),
                Ok(Cell::Answer(Answer::Neutral))
            );
            assert_eq!(
                cache.decode(&decoder, b"I dislike it"),
                Ok(Cell::Answer(Answer::Dislike))
            );
            assert_eq!(
                cache.decode(&decoder, b"I dislike iT"),
                Ok(Cell::Answer(Answer::Dislike))
            );
            assert_eq!(cache.decode(&decoder, b"  "), Ok(Cell::Empty));
            assert_eq!(cache.decode(&decoder, b"Maybe"), Ok(Cell::Unknown));
        }
        let mut census = LabelCensus::default();
        cache.census_into(&mut census);
        assert_eq!(
            census.labels.get("I dislike it"),
            Some(&(3, Some(Answer::Dislike)))
        );
        assert_eq!(census.labels.get("Maybe"), Some(&(3, None)));
    }

    #[test]
    fn importance_reads_numbers_and_numbered_labels() {
        let cases: &[(&str, Option<f64>)] = &[
            ("7", Some(7.0)),
            ("7 - Very important", Some(7.0)),
            ("9 - Extremely important", Some(9.0)),
            ("3.5", Some(3.5)),
            ("3,5", Some(3.5)),
            ("10: top", Some(10.0)),
            (" 4 ", Some(4.0)),
            ("Very important", None),
            ("7th", None),
            ("", None),
            ("-", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_importance(text), *expected, "{text:?}");
        }
    }
}
