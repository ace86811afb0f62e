//! Everything that turns bytes into per-feature tallies: opening the source, sniffing the
//! delimiter, detecting the layout, and reading wide, long and counts files.

mod answers_file;
mod columns;
mod counts;
mod long;
mod wide;

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};

pub use answers_file::load_answers_file;
pub use columns::{parse_role, Role};

use crate::answer::{Answer, AnswerDecoder};
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
#[derive(Debug, Clone, Default)]
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

/// How to read a survey.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The layout, or auto-detection.
    pub layout: LayoutChoice,
    /// Force a delimiter instead of sniffing one.
    pub delimiter: Option<u8>,
    /// Column names for the long and counts layouts.
    pub columns: ColumnNames,
    /// Label decoding.
    pub decoder: AnswerDecoder,
    /// Count unknown labels and go on instead of stopping.
    pub skip_invalid: bool,
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
    pub invalid_labels: BTreeMap<String, u64>,
}

impl Feature {
    fn new(name: String, columns: Vec<String>) -> Feature {
        Feature {
            name,
            columns,
            tally: Tally::default(),
            invalid_labels: BTreeMap::new(),
        }
    }
}

/// A survey as read: its features' tallies and what was noticed on the way.
#[derive(Debug, Clone)]
pub struct Survey {
    /// The path as given (`<stdin>` for `-`).
    pub path: String,
    /// The layout used.
    pub layout: Layout,
    /// The delimiter used.
    pub delimiter: u8,
    /// Respondents (rows in wide; distinct ids or the most rows of one feature in long);
    /// `None` for counts.
    pub respondents: Option<u64>,
    /// Features in file order.
    pub features: Vec<Feature>,
    /// Warnings, in the order noticed.
    pub warnings: Vec<Warning>,
}

/// How a path is shown in messages.
pub fn display_path(path: &str) -> String {
    if path == "-" {
        "<stdin>".to_string()
    } else {
        path.to_string()
    }
}

/// Opens a path, or standard input for `-`.
pub fn open(path: &str) -> Result<Box<dyn Read>, Error> {
    if path == "-" {
        return Ok(Box::new(io::stdin()));
    }
    let file = File::open(path).map_err(|source| Error::Io {
        path: path.to_string(),
        source,
    })?;
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Error::Io {
            path: path.to_string(),
            source: io::Error::other("is a directory, not a survey file"),
        });
    }
    Ok(Box::new(file))
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

/// Reads a survey from a path (or `-`).
pub fn read_survey(path: &str, options: &ReadOptions) -> Result<Survey, Error> {
    let display = display_path(path);
    let source = open(path)?;
    let mut reader = BufReader::with_capacity(1 << 16, source);
    let head = reader.fill_buf().map_err(|source| Error::Io {
        path: display.clone(),
        source,
    })?;
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty { path: display });
    }
    let delimiter = options.delimiter.unwrap_or_else(|| {
        if path.to_ascii_lowercase().ends_with(".tsv") {
            b'\t'
        } else {
            sniff_delimiter(head)
        }
    });
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(reader);
    let mut record = csv::ByteRecord::new();
    let mut context = Context {
        path: display.clone(),
        header: Vec::new(),
    };
    if !context.next(&mut csv, &mut record)? {
        return Err(Error::Empty { path: display });
    }
    context.header = (0..record.len())
        .map(|i| {
            std::str::from_utf8(&record[i])
                .map(|s| s.trim_start_matches('\u{FEFF}').trim().to_string())
                .map_err(|_| Error::InvalidUtf8 {
                    at: Position {
                        path: display.clone(),
                        line: 1,
                        column: format!("#{}", i + 1),
                    },
                })
        })
        .collect::<Result<_, _>>()?;
    let layout = match options.layout {
        LayoutChoice::Fixed(layout) => layout,
        LayoutChoice::Auto => detect_layout(&context.header, &options.columns)
            .ok_or_else(|| undecided_layout(&display))?,
    };
    let mut survey = match layout {
        Layout::Wide => wide::read(&mut context, &mut csv, &mut record, options)?,
        Layout::Long => long::read(&mut context, &mut csv, &mut record, options)?,
        Layout::Counts => counts::read(&mut context, &mut csv, &mut record, options)?,
    };
    survey.delimiter = delimiter;
    survey.path = display;
    for feature in &survey.features {
        let t = &feature.tally;
        if !feature.invalid_labels.is_empty() {
            survey.warnings.push(Warning::SkippedInvalid {
                feature: feature.name.clone(),
                count: t.invalid,
                labels: feature
                    .invalid_labels
                    .iter()
                    .map(|(k, v)| (k.clone(), *v))
                    .collect(),
            });
        }
        if t.importance_invalid > 0 {
            survey.warnings.push(Warning::SkippedImportance {
                feature: feature.name.clone(),
                count: t.importance_invalid,
            });
        }
        if t.counts(crate::category::Table::Standard)
            .iter()
            .sum::<u64>()
            == 0
        {
            survey.warnings.push(Warning::NoValidPairs {
                feature: feature.name.clone(),
                missing: t.missing,
                invalid: t.invalid,
            });
        }
    }
    Ok(survey)
}

fn undecided_layout(path: &str) -> Error {
    Error::Layout {
        path: path.to_string(),
        message: "cannot tell the layout: the header has no functional/dysfunctional column \
                  pairs (wide), no feature, functional and dysfunctional columns (long), and no \
                  A, O, M, I columns (counts)"
            .to_string(),
        hint: "add --layout long with --feature-col, --functional-col and --dysfunctional-col, \
               or rename the wide columns to \"<feature> (functional)\" and \
               \"<feature> (dysfunctional)\""
            .to_string(),
    }
}

/// Picks the layout from the header: counts when A, O, M and I columns exist; long when
/// feature, functional and dysfunctional columns exist; wide when any pair exists.
pub fn detect_layout(header: &[String], names: &ColumnNames) -> Option<Layout> {
    if counts::category_columns(header).len() >= 4 {
        return Some(Layout::Counts);
    }
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
    if wide::plan(header).map_or(true, |plan| !plan.features.is_empty()) {
        return Some(Layout::Wide);
    }
    None
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
}

impl Context {
    /// Reads the next record; `false` at the end. CSV errors carry the line.
    pub fn next<R: Read>(
        &self,
        csv: &mut csv::Reader<R>,
        record: &mut csv::ByteRecord,
    ) -> Result<bool, Error> {
        csv.read_byte_record(record).map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
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
        })
    }

    /// The line of the current record.
    pub fn line(record: &csv::ByteRecord) -> u64 {
        record.position().map_or(0, |p| p.line())
    }

    /// Checks the record has as many fields as the header.
    pub fn check_width(&self, record: &csv::ByteRecord) -> Result<(), Error> {
        if record.len() != self.header.len() {
            return Err(Error::Ragged {
                path: self.path.clone(),
                line: Context::line(record),
                expected: self.header.len() as u64,
                found: record.len() as u64,
            });
        }
        Ok(())
    }

    /// The position of column `index` in the current record.
    pub fn at(&self, record: &csv::ByteRecord, index: usize) -> Position {
        Position {
            path: self.path.clone(),
            line: Context::line(record),
            column: self.header.get(index).cloned().unwrap_or_default(),
        }
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

/// What decoding one cell gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cell {
    Empty,
    Answer(Answer),
    Unknown,
}

/// Caches label decoding per column: surveys have a handful of distinct labels, so each is
/// normalized once. Bounded, so a free-text column cannot grow it without limit.
#[derive(Debug, Default)]
pub(crate) struct DecodeCache {
    seen: HashMap<Box<[u8]>, Option<Answer>>,
}

const CACHE_LIMIT: usize = 256;

impl DecodeCache {
    pub fn decode(&mut self, decoder: &AnswerDecoder, bytes: &[u8]) -> Result<Cell, ()> {
        if let Some(known) = self.seen.get(bytes) {
            return Ok(known.map_or(Cell::Unknown, Cell::Answer));
        }
        let text = std::str::from_utf8(bytes).map_err(|_| ())?.trim();
        if text.is_empty() {
            return Ok(Cell::Empty);
        }
        let decoded = decoder.decode(text);
        if self.seen.len() < CACHE_LIMIT {
            self.seen.insert(bytes.into(), decoded);
        }
        Ok(decoded.map_or(Cell::Unknown, Cell::Answer))
    }
}

/// Decodes one answer pair and counts it into `feature`; unknown labels are errors unless
/// `skip_invalid`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn count_pair(
    context: &Context,
    record: &csv::ByteRecord,
    options: &ReadOptions,
    feature: &mut Feature,
    (fcol, fcache): (usize, &mut DecodeCache),
    (dcol, dcache): (usize, &mut DecodeCache),
) -> Result<(), Error> {
    let decode = |col: usize, cache: &mut DecodeCache| -> Result<Cell, Error> {
        let bytes = record.get(col).unwrap_or_default();
        let cell = cache
            .decode(&options.decoder, bytes)
            .map_err(|_| Error::InvalidUtf8 {
                at: context.at(record, col),
            })?;
        if cell == Cell::Unknown && !options.skip_invalid {
            return Err(Error::UnknownAnswer {
                at: context.at(record, col),
                value: String::from_utf8_lossy(bytes).trim().to_string(),
            });
        }
        Ok(cell)
    };
    let f = decode(fcol, fcache)?;
    let d = decode(dcol, dcache)?;
    match (f, d) {
        (Cell::Answer(f), Cell::Answer(d)) => feature.tally.add(f, d),
        (Cell::Unknown, _) | (_, Cell::Unknown) => {
            feature.tally.invalid += 1;
            for (cell, col) in [(f, fcol), (d, dcol)] {
                if cell == Cell::Unknown && feature.invalid_labels.len() < 20 {
                    let label = String::from_utf8_lossy(record.get(col).unwrap_or_default())
                        .trim()
                        .to_string();
                    *feature.invalid_labels.entry(label).or_insert(0) += 1;
                }
            }
        }
        _ => feature.tally.missing += 1,
    }
    Ok(())
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

/// Counts one importance cell into `feature`.
pub(crate) fn count_importance(
    context: &Context,
    record: &csv::ByteRecord,
    options: &ReadOptions,
    feature: &mut Feature,
    col: usize,
) -> Result<(), Error> {
    let text = context.text(record, col)?;
    if text.is_empty() {
        return Ok(());
    }
    match parse_importance(text) {
        Some(value) => feature.tally.add_importance(value),
        None if options.skip_invalid => feature.tally.importance_invalid += 1,
        None => {
            return Err(Error::BadImportance {
                at: context.at(record, col),
                value: text.to_string(),
            })
        }
    }
    Ok(())
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
