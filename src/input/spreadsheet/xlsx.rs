//! The cells of an .xlsx sheet, scanned straight from its zip entry.
//!
//! calamine's cell reader parses every XML event, looks each attribute up three times and
//! allocates a few strings per cell: reading 100,000 x 40 cells took some 5 s of CPU, about 50
//! times the same data as CSV. Sheet XML is regular (rows of `<c r="B2" t="s"><v>3</v></c>`),
//! so this module scans it with memchr, a tag at a time, over the inflated entry in 256 KiB
//! blocks: a shared string costs an index into a table read once (holding each string's CSV
//! field, written once), a whole number is copied as it is written, and nothing is allocated
//! per cell. Three paths, from the narrowest: the exact form writers give survey answers
//! (`usual_cell`, which first compares a cell's first bytes with those it expects, the last
//! usual cell's a column on, and reads them only when they differ), then any order of attributes
//! without entities (`plain_cell`), both in `cells`, then the tokenizer for every other form;
//! the usual row tag, a row's end and the usual shared string are read without tokens too.
//! Cells come out as calamine gives them (the same positions, the same text for every cell
//! type), so results are those of the CSV twin of the sheet; damaged XML is an error naming the
//! sheet and cell, never a panic.

use std::borrow::Cow;
use std::io::Read;

use super::cells::{plain_cell, usual_cell, usual_row, usual_string, Expected, PLAIN_CELL};
use super::convert::{Field, WINDOW};
use super::Sink;
use crate::error::Error;

/// How much inflated XML is read at a time.
const BLOCK: usize = 1 << 18;

/// The longest tag or run of text the scanner holds at once: 16 MiB (Excel cells hold at most
/// 32,767 characters; a shared string may be long, but not this long).
const MAX_TOKEN: usize = 16 << 20;

/// One piece of XML: positions are byte ranges into the scanner's buffer, valid until the next
/// call to [`Scanner::next`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// `<name attributes>` or `<name attributes/>` (then `empty`).
    Open {
        name: (usize, usize),
        attributes: (usize, usize),
        empty: bool,
    },
    /// `</name>`.
    Close { name: (usize, usize) },
    /// Character data, still escaped.
    Text((usize, usize)),
    /// A CDATA section's content (not escaped).
    Cdata((usize, usize)),
    /// A comment, processing instruction or declaration.
    Other,
}

/// Where a [`Scanner`] gets more XML: any reader, read into the scanner's buffer, or the
/// blocks of an entry inflated on a thread of its own, taken over whole.
pub trait Refill {
    /// Puts more input after the unread bytes `buf[*pos..*end]` (moving them, or `buf` itself)
    /// and gives how many bytes came: 0 at the end of the input.
    fn refill(
        &mut self,
        buf: &mut Vec<u8>,
        pos: &mut usize,
        end: &mut usize,
    ) -> std::io::Result<usize>;
}

impl<R: Read> Refill for R {
    /// Moves the unread bytes to the front and reads up to [`BLOCK`] bytes after them.
    fn refill(
        &mut self,
        buf: &mut Vec<u8>,
        pos: &mut usize,
        end: &mut usize,
    ) -> std::io::Result<usize> {
        let unread = *end - *pos;
        buf.copy_within(*pos..*end, 0);
        (*pos, *end) = (0, unread);
        if buf.len() < unread + BLOCK {
            buf.resize(unread + BLOCK, 0);
        }
        let read = loop {
            match self.read(buf.get_mut(unread..unread + BLOCK).unwrap_or_default()) {
                Ok(n) => break n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        };
        *end = unread + read;
        Ok(read)
    }
}

/// A streaming tokenizer over XML text.
struct Scanner<R> {
    source: R,
    /// The XML read: `buf[pos..end]` is unread; the bytes after `end`, if any, are room for the
    /// next block, kept initialized so that a refill writes no zeros first.
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    /// Whether `source` is exhausted.
    ended: bool,
}

impl<R: Refill> Scanner<R> {
    fn new(source: R) -> Self {
        Scanner {
            source,
            buf: Vec::new(),
            pos: 0,
            end: 0,
            ended: false,
        }
    }

    fn bytes(&self, range: (usize, usize)) -> &[u8] {
        self.buf.get(range.0..range.1).unwrap_or_default()
    }

    /// The local name (without a namespace prefix) of a range holding a name.
    fn local(&self, range: (usize, usize)) -> &[u8] {
        local_name(self.bytes(range))
    }

    /// The unread bytes.
    fn rest(&self) -> &[u8] {
        self.buf.get(self.pos..self.end).unwrap_or_default()
    }

    /// Reads another block after the unread bytes; false at the end of the input.
    fn fill(&mut self) -> Result<bool, String> {
        if self.ended {
            return Ok(false);
        }
        let unread = self.end - self.pos;
        if unread > MAX_TOKEN {
            return Err(format!(
                "an XML tag or text longer than {} MiB (the file is damaged)",
                MAX_TOKEN >> 20
            ));
        }
        let read = self
            .source
            .refill(&mut self.buf, &mut self.pos, &mut self.end)
            .map_err(|e| format!("cannot inflate the sheet: {e}"))?;
        self.ended = read == 0;
        Ok(read > 0)
    }

    /// Makes at least `n` unread bytes available, or all that are left. A read that fails is
    /// left for [`Scanner::next`] to meet and report, where it did before.
    fn want(&mut self, n: usize) {
        while self.end - self.pos < n {
            if !matches!(self.fill(), Ok(true)) {
                break;
            }
        }
    }

    /// The next token, `None` at the end of the input.
    fn next(&mut self) -> Result<Option<Token>, String> {
        loop {
            let rest = self.rest();
            let Some(&first) = rest.first() else {
                if self.fill()? {
                    continue;
                }
                return Ok(None);
            };
            let start = self.pos;
            if first != b'<' {
                match text_end(rest) {
                    Some(n) => {
                        self.pos += n;
                        return Ok(Some(Token::Text((start, start + n))));
                    }
                    None if self.ended => {
                        self.pos = self.end;
                        return Ok(Some(Token::Text((start, self.end))));
                    }
                    None => {
                        self.fill()?;
                        continue;
                    }
                }
            }
            let special = matches!(rest.get(1), Some(b'!' | b'?'));
            let (token, length) = if !special {
                match tag_end(rest) {
                    Some(end) => (Some(tag(rest, start, end)), Some(end + 1)),
                    None => (None, None),
                }
            } else if rest.starts_with(b"<!--") {
                (Some(Token::Other), find(rest, b"-->").map(|at| at + 3))
            } else if rest.starts_with(b"<![CDATA[") {
                let end = find(rest, b"]]>");
                (
                    end.map(|at| Token::Cdata((start + 9, start + at))),
                    end.map(|at| at + 3),
                )
            } else if rest.starts_with(b"<?") {
                (Some(Token::Other), find(rest, b"?>").map(|at| at + 2))
            } else if rest.starts_with(b"<!") {
                (
                    Some(Token::Other),
                    memchr::memchr(b'>', rest).map(|at| at + 1),
                )
            } else {
                match tag_end(rest) {
                    Some(end) => (Some(tag(rest, start, end)), Some(end + 1)),
                    None => (None, None),
                }
            };
            match (token, length) {
                (Some(token), Some(length)) => {
                    self.pos += length;
                    return Ok(Some(token));
                }
                _ if self.ended || !self.fill()? => {
                    return Err("the XML ends inside a tag (the file is damaged)".to_string())
                }
                _ => {}
            }
        }
    }

    /// Skips to the `</name>` closing an element just opened (`name` is a local name).
    fn skip_to_close(&mut self, name: &[u8]) -> Result<(), String> {
        let name = name.to_vec();
        let mut depth = 0usize;
        loop {
            match self.next()? {
                Some(Token::Open { name: n, empty, .. }) if !empty && self.local(n) == name => {
                    depth += 1;
                }
                Some(Token::Close { name: n }) if self.local(n) == name => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                Some(_) => {}
                None => return Err(eof(&name)),
            }
        }
    }

    /// The unescaped text up to `</name>`, appended to `out`.
    fn text_to_close(&mut self, name: &[u8], out: &mut String) -> Result<(), String> {
        loop {
            match self.next()? {
                Some(Token::Text(range)) => push_unescaped(out, self.bytes(range))?,
                Some(Token::Cdata(range)) => out.push_str(utf8(self.bytes(range))?),
                Some(Token::Close { name: n }) if self.local(n) == name => return Ok(()),
                Some(_) => {}
                None => return Err(eof(name)),
            }
        }
    }

    /// A string element (`<si>` or `<is>`, just opened, closed by `</closing>`) as calamine
    /// reads it: the first `<t>`, or the `<t>` of every rich-text run `<r>` joined, phonetic
    /// runs (`<rPh>`) left out; `None` when it holds no `<t>` outside a run.
    fn string(&mut self, closing: &[u8]) -> Result<Option<String>, String> {
        let mut rich: Option<String> = None;
        let mut phonetic = false;
        loop {
            let token = self.next()?.ok_or_else(|| eof(closing))?;
            match token {
                Token::Open { name, empty, .. } => match self.local(name) {
                    b"r" => {
                        rich.get_or_insert_with(String::new);
                    }
                    b"rPh" if !empty => phonetic = true,
                    b"t" if !phonetic => {
                        let mut value = String::new();
                        if !empty {
                            self.text_to_close(b"t", &mut value)?;
                        }
                        match rich.as_mut() {
                            Some(text) => text.push_str(&value),
                            None => {
                                self.skip_to_close(closing)?;
                                return Ok(Some(value));
                            }
                        }
                    }
                    _ => {}
                },
                Token::Close { name } => match self.local(name) {
                    n if n == closing => return Ok(rich),
                    b"rPh" => phonetic = false,
                    _ => {}
                },
                _ => {}
            }
        }
    }
}

fn eof(name: &[u8]) -> String {
    format!(
        "the XML ends before </{}> (the file is damaged)",
        String::from_utf8_lossy(name)
    )
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// The position of the `>` ending the tag at the start of `rest`, outside quoted values. Tags
/// are short: a loop over their bytes costs less than setting up `memchr` for each.
fn tag_end(rest: &[u8]) -> Option<usize> {
    let mut quote = 0u8;
    for (i, &byte) in rest.iter().enumerate().skip(1) {
        if quote == 0 {
            match byte {
                b'>' => return Some(i),
                b'"' | b'\'' => quote = byte,
                _ => {}
            }
        } else if byte == quote {
            quote = 0;
        }
    }
    None
}

/// The first `<` in `text`: most runs of text in a sheet are a few bytes (a value, a line
/// break), so the first bytes are looked at one by one before `memchr` takes over.
fn text_end(text: &[u8]) -> Option<usize> {
    const SHORT: usize = 32;
    match text.iter().take(SHORT).position(|&b| b == b'<') {
        Some(at) => Some(at),
        None => memchr::memchr(b'<', text.get(SHORT..)?).map(|at| at + SHORT),
    }
}

/// The token of the tag `rest[..=end]` (`rest[end]` is its `>`), `start` being its offset.
fn tag(rest: &[u8], start: usize, end: usize) -> Token {
    let inner = rest.get(1..end).unwrap_or_default();
    if let Some(name) = inner.strip_prefix(b"/") {
        let length = name
            .iter()
            .position(u8::is_ascii_whitespace)
            .unwrap_or(name.len());
        return Token::Close {
            name: (start + 2, start + 2 + length),
        };
    }
    let empty = inner.ends_with(b"/");
    let inner_end = if empty { end - 1 } else { end };
    let length = inner
        .iter()
        .take(inner_end - 1)
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(inner_end - 1);
    Token::Open {
        name: (start + 1, start + 1 + length),
        attributes: (start + 1 + length, start + inner_end),
        empty,
    }
}

fn local_name(name: &[u8]) -> &[u8] {
    match name.iter().rposition(|&b| b == b':') {
        Some(at) => name.get(at + 1..).unwrap_or_default(),
        None => name,
    }
}

/// The attributes of a tag, as `(name, raw value)`; `None` when they are malformed.
fn attributes(mut text: &[u8]) -> impl Iterator<Item = Option<(&[u8], &[u8])>> {
    std::iter::from_fn(move || {
        text = text.trim_ascii_start();
        if text.is_empty() {
            return None;
        }
        let parsed = (|| {
            let equals = text.iter().position(|&b| b == b'=')?;
            let key = text.get(..equals)?.trim_ascii_end();
            let after = text.get(equals + 1..)?.trim_ascii_start();
            let quote = *after.first().filter(|q| matches!(q, b'"' | b'\''))?;
            let length = after.get(1..)?.iter().position(|&b| b == quote)?;
            let value = after.get(1..1 + length)?;
            Some((key, value, after.get(length + 2..)?))
        })();
        match parsed {
            Some((key, value, rest)) => {
                text = rest;
                Some(Some((key, value)))
            }
            None => {
                text = &[];
                Some(None)
            }
        }
    })
}

fn utf8(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|_| "the XML is not valid UTF-8".to_string())
}

fn unescaped(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    quick_xml::escape::unescape(utf8(bytes)?).map_err(|e| format!("bad XML text: {e}"))
}

fn push_unescaped(out: &mut String, bytes: &[u8]) -> Result<(), String> {
    if memchr::memchr(b'&', bytes).is_none() {
        out.push_str(utf8(bytes)?);
    } else {
        out.push_str(&unescaped(bytes)?);
    }
    Ok(())
}

/// A workbook's shared strings, each with its CSV field written out once: a cell naming one
/// costs a copy of prepared bytes, however often the string is used.
#[derive(Debug, Default)]
pub struct SharedStrings {
    /// Every string's text, back to back.
    text: String,
    /// Every string's CSV field (as `write_field` writes it), back to back, then [`WINDOW`]
    /// zero bytes: every field has [`WINDOW`] bytes from its start (see [`Field`]).
    fields: Vec<u8>,
    /// Where each string ends in `text` and its field in `fields` (each starts where the one
    /// before ends).
    ends: Vec<(usize, usize)>,
}

impl SharedStrings {
    fn push(&mut self, text: &str) {
        self.fields
            .truncate(self.fields.len().saturating_sub(WINDOW));
        self.text.push_str(text);
        super::convert::write_field(&mut self.fields, text.as_bytes());
        self.ends.push((self.text.len(), self.fields.len()));
        self.fields.extend_from_slice(&[0; WINDOW]);
    }

    /// The text and CSV field of string `index`.
    pub fn get(&self, index: usize) -> Option<(&str, Field<'_>)> {
        Some((self.text(index)?, self.field(index)?))
    }

    /// The text of string `index`.
    fn text(&self, index: usize) -> Option<&str> {
        let end = self.ends.get(index)?.0;
        let start = index
            .checked_sub(1)
            .map_or(Some(0), |before| self.ends.get(before).map(|ends| ends.0))?;
        self.text.get(start..end)
    }

    /// The CSV field of string `index`.
    #[inline]
    fn field(&self, index: usize) -> Option<Field<'_>> {
        let end = self.ends.get(index)?.1;
        let start = index
            .checked_sub(1)
            .map_or(Some(0), |before| self.ends.get(before).map(|ends| ends.1))?;
        Some(Field::new(
            self.fields.get(start..)?,
            end.checked_sub(start)?,
        ))
    }
}

/// The shared strings of `xl/sharedStrings.xml`, as calamine reads them (an `<si>` without text
/// is left out, as calamine does, so indexes match).
pub fn shared_strings(source: impl Read) -> Result<SharedStrings, String> {
    let mut xml = Scanner::new(source);
    let mut strings = SharedStrings::default();
    loop {
        xml.want(PLAIN_CELL);
        if let Some((text, length)) = usual_string(xml.rest()) {
            strings.push(text);
            xml.pos += length;
            continue;
        }
        match xml.next()? {
            Some(Token::Open { name, empty, .. }) if xml.local(name) == b"si" => {
                if empty {
                    continue;
                }
                if let Some(text) = xml.string(b"si")? {
                    strings.push(&text);
                }
            }
            Some(Token::Close { name }) if xml.local(name) == b"sst" => return Ok(strings),
            Some(_) => {}
            None => return Err(eof(b"sst")),
        }
    }
}

/// `(row, column)`, 0-based, of a reference such as `B7` (the column is `None` in a row
/// reference such as `7`), as calamine reads it.
pub(super) fn reference(text: &[u8]) -> Option<(u32, Option<u32>)> {
    // One pass in u64: 13 letters and 10 digits cannot overflow it, and a value that fits in
    // u32 at the end fitted at every step, so this reads as u32 arithmetic checked per step.
    let mut col = 0u64;
    let mut letters = 0usize;
    for &byte in text {
        if !byte.is_ascii_alphabetic() {
            break;
        }
        letters += 1;
        if letters > 13 {
            return None;
        }
        col = col * 26 + u64::from((byte | 0x20) - b'a') + 1;
    }
    let number = text.get(letters..)?;
    if number.is_empty() || number.len() > 10 {
        return None;
    }
    let mut row = 0u64;
    for &byte in number {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        row = row * 10 + u64::from(digit);
    }
    let row = u32::try_from(row).ok()?.checked_sub(1)?;
    let col = match letters {
        0 => None,
        _ => Some(u32::try_from(col).ok()?.checked_sub(1)?),
    };
    Some((row, col))
}

/// What a cell's `t` attribute says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    /// No `t`: a number if it parses as one, else text.
    Default,
    Number,
    Shared,
    Bool,
    Error,
    /// `d` (an ISO date) or `str` (a formula's text): the text as it is.
    Text,
    /// Another type (an error for a cell with a `<v>`).
    Other(String),
}

/// The text of a cell as `cell_text` shows calamine's value: see [`read_sheet`].
struct Cells<'s> {
    strings: &'s SharedStrings,
    /// The cell's `<v>` text, unescaped.
    value: String,
    /// The text handed on.
    text: String,
}

impl Cells<'_> {
    /// [`Cells::value`] of a [`plain_cell`]'s ASCII value: a shared string's index is read
    /// straight from its digits.
    fn plain(&mut self, v: &[u8], kind: &Kind, at: impl Fn() -> String) -> Result<Held, String> {
        if *kind == Kind::Shared && (1..=9).contains(&v.len()) && v.iter().all(u8::is_ascii_digit) {
            let index = v
                .iter()
                .fold(0usize, |n, &digit| n * 10 + usize::from(digit - b'0'));
            return match self.strings.get(index) {
                Some(_) => Ok(Held::Shared(index)),
                None => Err(MISSING_SHARED_STRING.to_string()),
            };
        }
        self.value(utf8(v)?, kind, at)
    }

    /// Reads the `<v>` value `v` of a cell of `kind` into `text`, or gives the shared string
    /// index.
    fn value(&mut self, v: &str, kind: &Kind, at: impl Fn() -> String) -> Result<Held, String> {
        self.text.clear();
        match kind {
            Kind::Shared => {
                let index = v.parse::<usize>().unwrap_or(0);
                return match self.strings.get(index) {
                    Some(_) => Ok(Held::Shared(index)),
                    None => Err(MISSING_SHARED_STRING.to_string()),
                };
            }
            Kind::Bool => self.text.push_str(if v != "0" { "true" } else { "false" }),
            Kind::Error => {
                let error = v
                    .parse::<calamine::CellErrorType>()
                    .map_err(|e| format!("cell {}: {e}", at()))?;
                self.text.push_str(&format!("#{error:?}"));
            }
            Kind::Text => self.text.push_str(v),
            Kind::Number if v.is_empty() => {}
            Kind::Number | Kind::Default => {
                if is_plain_whole_number(v) {
                    self.text.push_str(v);
                } else {
                    match v.parse::<f64>() {
                        Ok(number) => self.text.push_str(&number_text(number)),
                        Err(e) if *kind == Kind::Number => {
                            return Err(format!(
                                "cell {}: the number \"{}\" does not parse: {e}",
                                at(),
                                crate::error::shown(v)
                            ))
                        }
                        Err(_) => self.text.push_str(v),
                    }
                }
            }
            Kind::Other(t) => {
                return Err(format!(
                    "cell {} has the unsupported type t=\"{}\"",
                    at(),
                    crate::error::shown(t)
                ))
            }
        }
        Ok(Held::Text)
    }

    /// Puts the cell at `(row, col)` holding `held` in `sink` (a shared string as its field
    /// written once); false when reading should stop.
    #[inline]
    fn put(&self, sink: &mut Sink, (row, col): (u32, u32), held: Held) -> Result<bool, Error> {
        match held {
            Held::Empty => Ok(true),
            Held::Shared(index) => match self.strings.get(index) {
                Some((text, field)) => sink.field(row, col, text, field),
                None => Ok(true),
            },
            Held::Text => sink.cell(row, col, &self.text),
        }
    }
}

/// Where the value of the cell being read is.
#[derive(Clone, Copy)]
enum Held {
    Empty,
    /// The shared string of this index.
    Shared(usize),
    /// `Cells::text`.
    Text,
}

/// The message of a cell naming a shared string that does not exist (as when calamine panics
/// on it, see `reader_failed`).
pub const MISSING_SHARED_STRING: &str = "a cell refers to a shared string that does not exist";

/// Digits only, no leading zero, at most 15 of them: a whole number whose text is its `f64`'s.
fn is_plain_whole_number(v: &str) -> bool {
    let bytes = v.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 15
        && bytes.iter().all(u8::is_ascii_digit)
        && (bytes.len() == 1 || bytes.first() != Some(&b'0'))
}

/// A number as the CSV shows it: whole numbers below 10^15 without a fraction.
pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// Reads the cells of a worksheet's XML in file order into `sink`, until it says to stop. Positions and text are calamine's: a cell without `r` follows
/// the previous one; `<row r>` sets the row; the value is that of the cell's last `<v>`, `<is>`
/// or `<f>` (a formula alone is empty). Numbers are shown as `cell_text` shows calamine's
/// (date formats included: their text is the serial number too). Errors name the cell.
pub fn read_sheet(
    source: impl Refill,
    strings: &SharedStrings,
    sink: &mut Sink,
    error: &dyn Fn(String) -> Error,
) -> Result<(), Error> {
    let mut xml = Scanner::new(source);
    // Up to <sheetData>.
    loop {
        match xml.next().map_err(error)? {
            Some(Token::Open { name, empty, .. }) if xml.local(name) == b"sheetData" => {
                if empty {
                    return Ok(());
                }
                break;
            }
            Some(_) => {}
            None => return Err(error(eof(b"sheetData"))),
        }
    }
    let mut cells = Cells {
        strings,
        value: String::new(),
        text: String::new(),
    };
    let (mut row, mut col) = (0u32, 0u32);
    let mut expected = Expected::default();
    loop {
        // The usual forms of a cell and of a row's end are read straight from the buffer; the
        // tokens below read everything else (and name what is wrong with a damaged cell).
        xml.want(PLAIN_CELL);
        let rest = xml.rest();
        if rest.starts_with(b"</row>") {
            xml.pos += b"</row>".len();
            row = row.saturating_add(1);
            col = 0;
            continue;
        }
        if let Some(cell) = usual_cell(rest, &mut expected) {
            let missing = || error(MISSING_SHARED_STRING.to_string());
            let field = match cell.shared {
                Some(index) => strings.field(index).ok_or_else(missing)?,
                None => Field::new(cell.value, cell.digits.len()),
            };
            // The text is needed only for a cell out of the usual (the header, an error).
            let text = || match cell.shared {
                Some(index) => strings.text(index).ok_or_else(missing),
                None => utf8(cell.digits).map_err(&error),
            };
            let (position, length) = ((cell.row, cell.col), cell.length);
            if !sink.field_with(position.0, position.1, field, text)? {
                return Ok(());
            }
            xml.pos += length;
            col = position.1.saturating_add(1);
            continue;
        }
        if let Some((r, length)) = usual_row(rest) {
            xml.pos += length;
            row = r;
            continue;
        }
        if let Some(cell) = plain_cell(rest, (row, col)) {
            let (position, length) = (cell.position, cell.length);
            let held = match cell.value {
                Some(value) => cells
                    .plain(value, &cell.kind, || {
                        super::cell_name(position.0, position.1)
                    })
                    .map_err(&error)?,
                None => Held::Empty,
            };
            xml.pos += length;
            col = position.1.saturating_add(1);
            if !cells.put(sink, position, held)? {
                return Ok(());
            }
            continue;
        }
        let token = xml.next().map_err(&error)?;
        match token {
            Some(Token::Open {
                name,
                attributes: attrs,
                empty,
            }) => match xml.local(name) {
                b"row" => {
                    for attribute in attributes(xml.bytes(attrs)) {
                        let (key, value) = attribute.ok_or_else(|| {
                            error(format!("row {}: malformed attributes", u64::from(row) + 1))
                        })?;
                        if key == b"r" {
                            row = reference(value).map(|(r, _)| r).ok_or_else(|| {
                                error(format!(
                                    "a row numbered \"{}\"",
                                    crate::error::shown(&String::from_utf8_lossy(value))
                                ))
                            })?;
                        }
                    }
                    if empty {
                        row = row.saturating_add(1);
                        col = 0;
                    }
                }
                b"c" => {
                    let mut kind = Kind::Default;
                    let mut position = (row, col);
                    for attribute in attributes(xml.bytes(attrs)) {
                        let (key, value) = attribute.ok_or_else(|| {
                            error(format!(
                                "cell {}: malformed attributes",
                                super::cell_name(row, col)
                            ))
                        })?;
                        match key {
                            b"r" => match reference(value) {
                                Some((r, Some(c))) => {
                                    position = (r, c);
                                    col = c;
                                }
                                _ => {
                                    return Err(error(format!(
                                        "a cell named \"{}\" after cell {}",
                                        crate::error::shown(&String::from_utf8_lossy(value)),
                                        super::cell_name(row, col)
                                    )))
                                }
                            },
                            b"t" => {
                                kind = match value {
                                    b"n" => Kind::Number,
                                    b"s" => Kind::Shared,
                                    b"b" => Kind::Bool,
                                    b"e" => Kind::Error,
                                    b"d" | b"str" => Kind::Text,
                                    other => {
                                        Kind::Other(String::from_utf8_lossy(other).into_owned())
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                    let at = || super::cell_name(position.0, position.1);
                    let mut held = Held::Empty;
                    if !empty {
                        loop {
                            match xml.next().map_err(&error)? {
                                Some(Token::Open { name, empty, .. }) => match xml.local(name) {
                                    b"v" => {
                                        cells.value.clear();
                                        if !empty {
                                            xml.text_to_close(b"v", &mut cells.value)
                                                .map_err(&error)?;
                                        }
                                        let value = std::mem::take(&mut cells.value);
                                        let read = cells.value(&value, &kind, at);
                                        cells.value = value;
                                        held = read.map_err(&error)?;
                                    }
                                    b"is" => {
                                        let inline = if empty {
                                            None
                                        } else {
                                            xml.string(b"is").map_err(&error)?
                                        };
                                        held = match inline {
                                            Some(text) => {
                                                cells.text = text;
                                                Held::Text
                                            }
                                            None => Held::Empty,
                                        };
                                    }
                                    b"f" => {
                                        if !empty {
                                            xml.skip_to_close(b"f").map_err(&error)?;
                                        }
                                        held = Held::Empty;
                                    }
                                    other => {
                                        return Err(error(format!(
                                            "cell {} holds an unexpected <{}> (v, f or is \
                                             expected)",
                                            at(),
                                            crate::error::shown(&String::from_utf8_lossy(other))
                                        )))
                                    }
                                },
                                Some(Token::Close { name }) if xml.local(name) == b"c" => break,
                                Some(_) => {}
                                None => return Err(error(eof(b"c"))),
                            }
                        }
                    }
                    col = col.saturating_add(1);
                    if !cells.put(sink, position, held)? {
                        return Ok(());
                    }
                }
                _ => {}
            },
            Some(Token::Close { name }) => match xml.local(name) {
                b"row" => {
                    row = row.saturating_add(1);
                    col = 0;
                }
                b"sheetData" => return Ok(()),
                _ => {}
            },
            Some(_) => {}
            None => return Err(error(eof(b"sheetData"))),
        }
    }
}

/// The bytes of the zip entry at `path` (matched as [`zip_name`] matches it), whole.
fn entry_bytes<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    path: &str,
) -> Option<Vec<u8>> {
    let mut file = zip.by_name(&zip_name(zip, path)).ok()?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The sheets `xl/workbook.xml` lists, in order: each `<sheet>`'s name and relationship id.
/// Read once, it gives both calamine's list of names and the zip entry of a sheet.
pub struct WorkbookSheets(Vec<(String, Option<Vec<u8>>)>);

impl WorkbookSheets {
    /// Reads `xl/workbook.xml`; `None` when the workbook cannot be read.
    pub fn read<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Option<WorkbookSheets> {
        let workbook = entry_bytes(zip, "xl/workbook.xml")?;
        let mut sheets = Vec::new();
        each_element(&workbook, b"sheet", |attrs| {
            let (mut sheet, mut rid) = (None, None);
            for (key, value) in attributes(attrs).flatten() {
                match key {
                    b"name" => sheet = unescaped(value).ok().map(Cow::into_owned),
                    b"r:id" | b"relationships:id" => rid = Some(value.to_vec()),
                    _ => {}
                }
            }
            if let Some(sheet) = sheet {
                sheets.push((sheet, rid));
            }
            None::<()>
        })?;
        Some(WorkbookSheets(sheets))
    }

    /// The names of the sheets, in order (calamine's list, for a workbook it reads without
    /// surprises).
    pub fn names(&self) -> Vec<String> {
        self.0.iter().map(|(name, _)| name.clone()).collect()
    }

    /// The zip entry of the worksheet named `name`, found as calamine finds it (its `<sheet
    /// r:id>`, resolved by `xl/_rels/workbook.xml.rels`); `None` when it cannot be found.
    pub fn entry<R: Read + std::io::Seek>(
        &self,
        zip: &mut zip::ZipArchive<R>,
        name: &str,
    ) -> Option<String> {
        let id = self
            .0
            .iter()
            .find(|(sheet, _)| sheet == name)
            .and_then(|(_, id)| id.as_deref())?;
        let relationships = entry_bytes(zip, "xl/_rels/workbook.xml.rels")?;
        let path = each_element(&relationships, b"Relationship", |attrs| {
            let (mut this, mut target) = (false, None);
            for (key, value) in attributes(attrs).flatten() {
                match key {
                    b"Id" => this = value == id,
                    b"Target" => target = std::str::from_utf8(value).ok(),
                    _ => {}
                }
            }
            let target = target.filter(|_| this)?;
            Some(
                if let Some(path) = target.strip_prefix('/').filter(|p| p.starts_with("xl/")) {
                    path.to_string()
                } else if target.starts_with("xl/") {
                    target.to_string()
                } else {
                    format!("xl/{target}")
                },
            )
        })??;
        Some(zip_name(zip, &path))
    }
}

/// Calls `each` with the attribute text of every element named `local` (any namespace prefix)
/// in the XML `xml`, in order, until it gives a value: `Some(that value)`, `Some(None)` when
/// none did, `None` when the XML cannot be read.
fn each_element<T>(
    xml: &[u8],
    local: &[u8],
    mut each: impl FnMut(&[u8]) -> Option<T>,
) -> Option<Option<T>> {
    let mut xml = Scanner::new(xml);
    while let Some(token) = xml.next().ok()? {
        if let Token::Open {
            name, attributes, ..
        } = token
        {
            if xml.local(name) == local {
                if let Some(value) = each(xml.bytes(attributes)) {
                    return Some(Some(value));
                }
            }
        }
    }
    Some(None)
}

/// The zip entry of the worksheet named `name` (see [`WorkbookSheets::entry`]).
pub fn sheet_entry<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Option<String> {
    WorkbookSheets::read(zip)?.entry(zip, name)
}

/// A worksheet's declared dimension (`<dimension ref>`, before `<sheetData>`), as calamine
/// reads it: A1 without one. `None` when calamine would not read it so simply (no
/// `<sheetData>`, a damaged range).
pub fn declared_dimension(source: impl Read) -> Option<calamine::Dimensions> {
    let mut xml = Scanner::new(source);
    let mut dimension = calamine::Dimensions::new((0, 0), (0, 0));
    loop {
        let Token::Open {
            name,
            attributes: attrs,
            ..
        } = xml.next().ok()??
        else {
            continue;
        };
        match xml.local(name) {
            b"sheetData" => return Some(dimension),
            b"dimension" => {
                let (_, range) = attributes(xml.bytes(attrs))
                    .flatten()
                    .find(|(key, _)| *key == b"ref")?;
                let parts: Vec<&[u8]> = range.split(|&b| b == b':').collect();
                let (1 | 2, Some(last)) = (parts.len(), parts.last()) else {
                    return None;
                };
                let cell = |part: &[u8]| match reference(part)? {
                    (row, Some(col)) => Some((row, col)),
                    (_, None) => None,
                };
                dimension = calamine::Dimensions::new(cell(parts.first()?)?, cell(last)?);
            }
            _ => {}
        }
    }
}

/// The name in the archive of `path`, matched as calamine matches it (any case, `\` as `/`).
pub fn zip_name<R: Read + std::io::Seek>(zip: &zip::ZipArchive<R>, path: &str) -> String {
    zip.file_names()
        .find(|name| name.replace('\\', "/").eq_ignore_ascii_case(path))
        .map_or_else(|| path.to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(xml: &str) -> Vec<String> {
        let mut scanner = Scanner::new(Trickle(xml.as_bytes()));
        let mut out = Vec::new();
        while let Ok(Some(token)) = scanner.next() {
            let text = |r| String::from_utf8_lossy(scanner.bytes(r)).into_owned();
            out.push(match token {
                Token::Open {
                    name,
                    attributes,
                    empty,
                } => {
                    format!("open {} [{}] {empty}", text(name), text(attributes).trim())
                }
                Token::Close { name } => format!("close {}", text(name)),
                Token::Text(r) => format!("text {}", text(r)),
                Token::Cdata(r) => format!("cdata {}", text(r)),
                Token::Other => "other".to_string(),
            });
        }
        out
    }

    #[test]
    fn the_scanner_splits_tags_text_cdata_and_comments_across_refills() {
        let got = tokens(
            "<?xml version=\"1.0\"?><!-- a > b --><x:c r=\"A1\" t='a>b'><v>1 &amp; 2</v>\
             <f/><![CDATA[<raw>]]></x:c >",
        );
        assert_eq!(
            got,
            [
                "other",
                "other",
                "open x:c [r=\"A1\" t='a>b'] false",
                "open v [] false",
                "text 1 &amp; 2",
                "close v",
                "open f [] true",
                "cdata <raw>",
                "close x:c",
            ]
        );
    }

    #[test]
    fn a_tag_cut_short_is_an_error_not_a_token() {
        let mut scanner = Scanner::new("<c r=\"A1".as_bytes());
        assert!(scanner
            .next()
            .is_err_and(|e| e.contains("ends inside a tag")));
    }

    #[test]
    fn references_read_as_calamine_reads_them() {
        assert_eq!(reference(b"A1"), Some((0, Some(0))));
        assert_eq!(reference(b"ab12"), Some((11, Some(27))));
        assert_eq!(reference(b"XFD1048576"), Some((1_048_575, Some(16_383))));
        assert_eq!(reference(b"7"), Some((6, None)));
        assert_eq!(
            reference(b"MWLQKWU4294967295"),
            Some((u32::MAX - 1, Some(u32::MAX - 1)))
        );
        for bad in [
            &b"A0"[..],
            b"A",
            b"",
            b"1A",
            b"A99999999999",
            b"A-1",
            b"A4294967296",
            b"MWLQKWV1",
            b"AAAAAAAAAAAAAA1",
            b"A1B2",
            b"\xc3\x891",
        ] {
            assert_eq!(reference(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn attributes_take_either_quote_and_malformed_ones_are_flagged() {
        let parsed: Vec<_> = attributes(b" r=\"B2\"  t = 's' ").collect();
        assert_eq!(
            parsed,
            [Some((&b"r"[..], &b"B2"[..])), Some((&b"t"[..], &b"s"[..]))]
        );
        assert!(attributes(b" r=B2").any(|a| a.is_none()));
    }

    #[test]
    fn numbers_read_as_calamine_shows_them() {
        assert!(is_plain_whole_number("4") && is_plain_whole_number("0"));
        assert!(!is_plain_whole_number("04") && !is_plain_whole_number("4.0"));
        assert_eq!(number_text(4.0), "4");
        assert_eq!(number_text(2.5), "2.5");
        assert_eq!(number_text(1e15), "1000000000000000");
    }

    /// Blocks of 3 bytes: every token and cell crosses a refill.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.0.len().min(3).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    /// The CSV text `read_sheet` makes of `xml`, or its error.
    fn sheet_csv(xml: impl Refill, strings: &SharedStrings) -> Result<String, String> {
        let (sender, chunks) = std::sync::mpsc::sync_channel(1 << 12);
        let mut sink = Sink::new(
            super::super::convert::Converter::new("t.xlsx", "Sheet1", 0),
            sender,
        );
        let error = |message: String| super::super::sheet_error("t.xlsx", "Sheet1", message);
        let result = read_sheet(xml, strings, &mut sink, &error);
        sink.finish(result);
        let mut text = Vec::new();
        for chunk in chunks.try_iter() {
            text.extend(chunk.map_err(|e| e.to_string())?.0);
        }
        Ok(String::from_utf8_lossy(&text).into_owned())
    }

    /// A sheet of every form of cell, made from `seed`: shared strings that need CSV quotes,
    /// inline strings, numbers of every kind, empty and missing cells and rows, cells without
    /// `r`. `prefix` is put before every `c` and `v` (`x:` keeps every cell off the plain path).
    fn generated_sheet(seed: u64, rows: u32, prefix: &str) -> String {
        generated_wide_sheet(seed, rows, 6, prefix)
    }

    /// [`generated_sheet`] of `width` columns.
    fn generated_wide_sheet(seed: u64, rows: u32, width: u32, prefix: &str) -> String {
        let mut next = super::super::tests::dice(seed);
        let mut xml = String::from("<worksheet><dimension ref=\"A1:F9\"/><sheetData>");
        let header: String = (0..width)
            .map(|c| {
                format!(
                    "<{prefix}c r=\"{}\" t=\"s\"><{prefix}v>{}</{prefix}v></{prefix}c>",
                    super::super::cell_name(0, c),
                    c % 6
                )
            })
            .collect();
        xml.push_str(&format!("<row r=\"1\">{header}</row>"));
        for row in 2..=rows {
            if next(10) == 0 {
                continue; // a missing row
            }
            xml.push_str(&format!("<row r=\"{row}\">"));
            for col in 0..width {
                let at = if next(8) == 0 {
                    String::new()
                } else {
                    format!(" r=\"{}\"", super::super::cell_name(row - 1, col))
                };
                let (c, v) = (format!("{prefix}c"), format!("{prefix}v"));
                let value = |v: &str, text: &str| format!("<{v}>{text}</{v}>");
                xml.push_str(&match next(12) {
                    0 => continue, // a missing cell (a cell without `r` moves on anyway)
                    1 => format!("<{c}{at} s=\"1\"/>"),
                    2 => format!("<{c}{at} t=\"inlineStr\"><is><t>a &amp; \"b\", c</t></is></{c}>"),
                    3 => format!("<{c}{at}>{}</{c}>", value(&v, "4")),
                    4 => format!("<{c}{at} t=\"n\">{}</{c}>", value(&v, "2.50")),
                    5 => format!("<{c}{at} s=\"2\">{}</{c}>", value(&v, "4.0")),
                    6 => format!("<{c}{at} t=\"str\">{}</{c}>", value(&v, "x&lt;y")),
                    7 => format!("<{c}{at} t=\"b\">{}</{c}>", value(&v, "1")),
                    _ => format!(
                        "<{c}{at} t=\"s\">{}</{c}>",
                        value(&v, &(6 + next(6)).to_string())
                    ),
                });
            }
            xml.push_str("</row>");
        }
        xml.push_str("</sheetData></worksheet>");
        xml
    }

    fn generated_strings() -> SharedStrings {
        let mut strings = SharedStrings::default();
        for text in [
            "id",
            "a,b",
            "say \"hi\"",
            "F1 (functional)",
            "F1 (dysfunctional)",
            "note",
            "I like it",
            "two\nlines",
            "",
            "cr\r",
            "\"",
            "é, ü",
        ] {
            strings.push(text);
        }
        strings
    }

    #[test]
    fn shared_strings_keep_their_text_and_the_csv_field_of_it() {
        let strings = generated_strings();
        let get = |index| {
            strings
                .get(index)
                .map(|(text, field)| (text, field.bytes()))
        };
        assert_eq!(get(0), Some(("id", &b"id"[..])));
        assert_eq!(get(2), Some(("say \"hi\"", &b"\"say \"\"hi\"\"\""[..])));
        assert_eq!(get(8), Some(("", &b""[..])));
        assert_eq!(get(11), Some(("é, ü", "\"é, ü\"".as_bytes())));
        assert_eq!(get(12), None);
    }

    #[test]
    fn plain_cells_read_as_the_tokens_read_them_across_refills() {
        let strings = generated_strings();
        for seed in 0..20 {
            let plain = generated_sheet(seed, 60, "");
            let tokens = generated_sheet(seed, 60, "x:");
            let expected = sheet_csv(tokens.as_bytes(), &strings);
            assert!(expected
                .as_ref()
                .is_ok_and(|text| text.lines().count() > 40));
            assert_eq!(
                sheet_csv(plain.as_bytes(), &strings),
                expected,
                "seed {seed}"
            );
            assert_eq!(sheet_csv(Trickle(plain.as_bytes()), &strings), expected);
        }
        // A large sheet: many chunks of CSV text and many blocks of XML.
        let plain = generated_sheet(7, 40_000, "");
        let expected = sheet_csv(generated_sheet(7, 40_000, "x:").as_bytes(), &strings);
        assert!(expected
            .as_ref()
            .is_ok_and(|text| text.len() > 4 * super::super::convert::CHUNK_BYTES));
        assert_eq!(sheet_csv(plain.as_bytes(), &strings), expected);
    }

    #[test]
    fn wide_rows_read_by_expected_references_read_as_the_tokens_read_them() {
        // 800 columns: the expected reference carries from Z to AA, from AZ to BA, from ZZ to
        // AAA.
        let strings = generated_strings();
        for seed in 0..3 {
            let plain = generated_wide_sheet(seed, 30, 800, "");
            let tokens = generated_wide_sheet(seed, 30, 800, "x:");
            let expected = sheet_csv(tokens.as_bytes(), &strings);
            assert!(expected
                .as_ref()
                .is_ok_and(|text| text.lines().count() > 20));
            assert_eq!(sheet_csv(plain.as_bytes(), &strings), expected);
            assert_eq!(sheet_csv(Trickle(plain.as_bytes()), &strings), expected);
        }
    }

    #[test]
    fn usual_row_tags_read_as_the_tokens_read_them() {
        let strings = generated_strings();
        for tag in [
            "<row r=\"3\">",
            "<row r=\"3\" spans=\"1:6\">",
            "<row r=\"3\" spans=\"1:6\" x14ac:dyDescent=\"0.25\">",
            "<row r=\"3\" ht='15'>",
            "<row r=\"3\" ht=\"1'5\">",
            "<row r=\"3\" r=\"5\">",
            "<row r=\"3\"  spans=\"1:6\">",
            "<row r=\"3\" spans=1>",
            "<row r=\"3\" =\"1\">",
            "<row r=\"C3\">",
            "<row r=\"0\">",
            "<row r=\"x\">",
            "<row r=\"3\"/>",
        ] {
            let sheet = |prefix: &str| {
                let row = |tag: &str| {
                    tag.replace("<row", &format!("<{prefix}row"))
                        + "<c r=\"B3\" t=\"s\"><v>3</v></c><c r=\"C3\"><v>4</v></c>"
                        + &format!("</{prefix}row>")
                };
                let header = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>\
                              <c r=\"B1\" t=\"s\"><v>3</v></c><c r=\"C1\" t=\"s\"><v>4</v></c></row>";
                format!(
                    "<sheetData>{header}{}{}</sheetData>",
                    row(tag),
                    row("<row r=\"9\">")
                )
            };
            let tokens = sheet_csv(sheet("x:").as_bytes(), &strings);
            assert_eq!(sheet_csv(sheet("").as_bytes(), &strings), tokens, "{tag}");
            assert_eq!(
                sheet_csv(Trickle(sheet("").as_bytes()), &strings),
                tokens,
                "{tag}"
            );
        }
        assert_eq!(usual_row(b"<row r=\"3\" spans=\"1:6\"><c"), Some((2, 23)));
        assert_eq!(usual_row(b"<row r=\"3\" r=\"4\">"), None);
    }

    #[test]
    fn usual_shared_strings_read_as_the_tokens_read_them() {
        let forms = [
            "<si><t>I like it</t></si>",
            "<si><t></t></si>",
            "<si><t>a, \"b\"\nc\r</t></si>",
            "<si><t>é, ü</t></si>",
            "<si><t>1 &amp; 2</t></si>",
            "<si><t xml:space=\"preserve\"> padded </t></si>",
            "<si><r><t>rich </t></r><r><rPr/><t>text</t></r></si>",
            "<si><t>phonetic</t><rPh><t>x</t></rPh></si>",
            "<si/>",
            "<si><t>cut</t></s",
            "<si><t>\u{0}raw</t></si>",
        ];
        let mut next = super::super::tests::dice(5);
        let xml = |prefix: &str, count: usize, next: &mut dyn FnMut(u64) -> u64| {
            let mut xml = String::from("<sst count=\"9\">");
            for _ in 0..count {
                let form = forms[next(forms.len() as u64 - 2) as usize];
                xml.push_str(&form.replace("<si>", &format!("<{prefix}si>")));
                xml.push_str(&"\n".repeat(next(2) as usize));
            }
            xml + "</sst>"
        };
        let read = |text: &str| {
            shared_strings(Trickle(text.as_bytes())).map(|strings| {
                (0..strings.ends.len())
                    .map(|index| {
                        strings
                            .get(index)
                            .map(|(text, field)| (text.to_string(), field.bytes().to_vec()))
                    })
                    .collect::<Vec<_>>()
            })
        };
        for count in [1, 10, 3_000] {
            let plain = xml("", count, &mut next);
            let tokens = plain.replace("<si>", "<x:si>").replace("</si>", "</x:si>");
            let expected = read(&tokens);
            assert!(expected
                .as_ref()
                .is_ok_and(|strings| strings.len() * 2 >= count));
            assert_eq!(read(&plain), expected);
            assert_eq!(
                shared_strings(plain.as_bytes()).map(|s| s.ends.len()),
                expected.map(|s| s.len())
            );
        }
        // A string cut short is the tokens' error.
        for form in forms {
            let text = format!("<sst>{form}");
            let tokens = text.replace("<si>", "<x:si>");
            assert_eq!(
                read(&text).map(|strings| strings.len()),
                read(&tokens).map(|strings| strings.len()),
                "{form}"
            );
        }
    }

    #[test]
    fn a_sheet_inflated_on_a_thread_of_its_own_reads_as_one_read_in_place() {
        let strings = generated_strings();
        for (seed, rows) in [(3, 60), (11, 40_000)] {
            let xml = generated_sheet(seed, rows, "").into_bytes();
            let expected = sheet_csv(xml.as_slice(), &strings);
            assert!(expected.is_ok());
            let inflated = super::super::inflate::spawn(move |pump| pump(&mut xml.as_slice()));
            let got = inflated.map(|inflated| sheet_csv(inflated, &strings));
            assert_eq!(got.ok(), Some(expected), "seed {seed}");
        }
    }

    #[test]
    fn a_plain_cell_out_of_order_or_missing_its_string_fails_as_the_tokens_do() {
        let strings = generated_strings();
        for (cells, message) in [
            (
                "<c r=\"C2\" t=\"s\"><v>6</v></c><c r=\"B2\" t=\"s\"><v>6</v></c>",
                "cell B2 comes after cell C2",
            ),
            (
                "<c r=\"B2\" t=\"s\"><v>6</v></c><c r=\"B2\" t=\"s\"><v>6</v></c>",
                "cell B2 comes after cell B2",
            ),
            (
                "<c r=\"B2\" t=\"s\"><v>6</v></c><c r=\"H2\" t=\"s\"><v>1</v></c>",
                "cell H2 holds \"a,b\", right of",
            ),
            (
                "<c r=\"B2\" t=\"s\"><v>6</v></c><c r=\"C2\" t=\"s\"><v>12</v></c>",
                MISSING_SHARED_STRING,
            ),
        ] {
            let header =
                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>3</v></c>\
                          <c r=\"C1\" t=\"s\"><v>4</v></c></row>";
            let sheet = |prefix: &str| {
                format!(
                    "<sheetData>{header}<row r=\"2\">{}</row></sheetData>",
                    cells
                        .replace("<c", &format!("<{prefix}c"))
                        .replace("</c>", &format!("</{prefix}c>"))
                )
            };
            let plain = sheet_csv(sheet("").as_bytes(), &strings);
            assert!(
                plain.as_ref().is_err_and(|e| e.contains(message)),
                "{plain:?}"
            );
            assert_eq!(plain, sheet_csv(sheet("x:").as_bytes(), &strings));
        }
    }

    #[test]
    fn the_declared_dimension_is_read_as_calamine_reads_it() {
        let sheet = |before: &str| format!("<worksheet>{before}<sheetData><row/></sheetData>");
        let cases = [
            (
                sheet(r#"<dimension ref="A1:T100001"/>"#),
                Some(((0, 0), (100_000, 19))),
            ),
            (
                sheet(r#"<sheetPr/><dimension ref='B3'/>"#),
                Some(((2, 1), (2, 1))),
            ),
            (
                sheet(r#"<x:dimension ref="C2:AA9"></x:dimension>"#),
                Some(((1, 2), (8, 26))),
            ),
            (sheet(""), Some(((0, 0), (0, 0)))),
            (sheet(r#"<dimension ref="A1:B2:C3"/>"#), None),
            (sheet(r#"<dimension ref="1:9"/>"#), None),
            (sheet(r#"<dimension/>"#), None),
            ("<worksheet><dimension ref=\"A1:B2\"/>".to_string(), None),
        ];
        for (xml, range) in cases {
            let dimension = declared_dimension(Trickle(xml.as_bytes()));
            assert_eq!(dimension.map(|d| (d.start, d.end)), range, "{xml}");
        }
    }
}
