//! The header phase: the delimiter, the header rows (1; 2 for SurveyMonkey; 3 for Qualtrics) and
//! a sample of data rows, read with the csv crate before any layout is chosen. The bytes read
//! here are recorded so the body reader can start where the header ends.

use std::collections::VecDeque;
use std::io::Read;

use super::{chunk, Context};
use crate::error::{Error, Position};

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
pub(super) const SAMPLE_ROWS: usize = 64;

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
pub(super) fn detect_header_rows(rows: &[Vec<String>]) -> usize {
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
pub(super) fn combine_header(rows: &[Vec<String>], count: usize) -> Vec<String> {
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

/// Bytes read ahead (to sniff, or buffered past the header), then the rest of the stream. The
/// bytes read ahead are freed once handed out: a `Cursor` chained before the stream would hold
/// them (a megabyte or more) until the whole file is read.
pub(crate) struct Replay<R> {
    ahead: Vec<u8>,
    at: usize,
    rest: R,
}

impl<R> Replay<R> {
    /// Hands out `ahead`, then `rest`.
    pub(crate) fn new(ahead: Vec<u8>, rest: R) -> Replay<R> {
        Replay { ahead, at: 0, rest }
    }
}

impl<R: Read> Read for Replay<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at < self.ahead.len() {
            let n = buf.len().min(self.ahead.len() - self.at);
            buf[..n].copy_from_slice(&self.ahead[self.at..self.at + n]);
            self.at += n;
            if self.at == self.ahead.len() {
                self.ahead = Vec::new();
                self.at = 0;
            }
            return Ok(n);
        }
        self.rest.read(buf)
    }
}

/// Records the bytes a reader hands out, so that bytes a CSV reader buffered past the header
/// can be read again by whichever reader takes over.
///
/// The first rows are bounded: a header and sample rows of more than [`HEAD_LIMIT`] bytes are
/// refused rather than buffered (a 100 MB "cell" is no survey answer).
pub(super) struct Recorder<R> {
    pub(super) inner: R,
    pub(super) recorded: Vec<u8>,
}

/// The most bytes the header rows and the sampled rows may take.
pub(super) const HEAD_LIMIT: usize = 8 << 20;

/// Sampling stops once the rows read ahead take this many bytes.
pub(super) const SAMPLE_BYTES: u64 = 1 << 20;

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
pub(super) fn too_long_head(path: &str, recorded: &[u8], delimiter: u8) -> Error {
    let limit = HEAD_LIMIT >> 20;
    let (mut rows, mut first) = (0u64, 0usize);
    let scanned = chunk::scan(
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
pub(super) struct Head {
    pub(super) rows: Vec<Vec<String>>,
    /// (byte, line) just after each of the first rows.
    pub(super) ends: Vec<(u64, u64)>,
    pub(super) samples: VecDeque<csv::ByteRecord>,
    /// A value row under the header: each answer column's options with their codes (counted in
    /// the header rows, left out of the combined header).
    pub(super) value_row: Option<Vec<String>>,
}

/// Whether a row is a value row (a data dictionary under the header): two or more cells list
/// options with codes (`1=I like it;2=I expect it;...`, `{"1":"I like it",...}`), and they are at
/// least half of its non-empty cells. Answers are never written so.
pub(super) fn is_value_row(row: &[String]) -> bool {
    let filled = row.iter().filter(|c| !c.trim().is_empty()).count();
    let lists = row
        .iter()
        .filter(|c| super::infer::value_row_options(c).is_some())
        .count();
    lists >= 2 && lists * 2 >= filled
}

/// Reads up to four header candidates and a sample of rows after them with the csv crate.
pub(super) fn read_head<R: Read>(
    csv: &mut csv::Reader<R>,
    display: &str,
    header_rows: Option<usize>,
) -> Result<(Head, usize), Error> {
    let mut head = Head {
        rows: Vec::new(),
        ends: Vec::new(),
        samples: VecDeque::new(),
        value_row: None,
    };
    let context = Context::new(display, Vec::new(), b',', 0);
    let mut record = csv::ByteRecord::new();
    while head.rows.len() < 4 && context.read(csv, &mut record)? {
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
    let mut count = match header_rows {
        Some(n) => n.clamp(1, 4),
        // A value row right under a one-row header is no SurveyMonkey option row.
        None if head.rows.len() >= 2 && is_value_row(&head.rows[1]) => 1,
        None => detect_header_rows(&head.rows[..head.rows.len().min(3)]),
    }
    .min(head.rows.len());
    if header_rows.is_none() && head.rows.len() > count && is_value_row(&head.rows[count]) {
        head.value_row = Some(head.rows[count].clone());
        count += 1;
    } else if header_rows.is_some() && count >= 2 && is_value_row(&head.rows[count - 1]) {
        // Forced (a spec written by `kano init` counts the value row): the last is it.
        head.value_row = Some(head.rows[count - 1].clone());
    }
    head.samples.drain(..count.min(head.samples.len()));
    while head.samples.len() < SAMPLE_ROWS && csv.position().byte() < SAMPLE_BYTES {
        if !context.read(csv, &mut record)? {
            break;
        }
        head.samples.push_back(record.clone());
    }
    Ok((head, count))
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
    fn a_value_row_under_the_header_is_a_header_row_not_data() {
        let list = "1=Great;2=Expected;3=Meh;4=Bearable;5=Awful";
        let json = r#"{"1":"Great","2":"Expected","3":"Meh","4":"Bearable","5":"Awful"}"#;
        assert!(is_value_row(&rows(&[&["", list, list]])[0]));
        assert!(is_value_row(&rows(&[&["id", json, json, ""]])[0]));
        // One list among answers is a respondent's comment, not a value row.
        assert!(!is_value_row(&rows(&[&["1", "I like it", list]])[0]));
        assert!(!is_value_row(
            &rows(&[&["1", "I like it", "I dislike it"]])[0]
        ));
    }
}
