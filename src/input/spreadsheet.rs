//! Spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods) as a stream of CSV text, in memory that does
//! not grow with the number of rows where the format allows it.
//!
//! - xlsx and xlsb are streamed: a thread walks the sheet's cells in file order (xlsx by
//!   scanning the sheet's XML itself, see `xlsx`; xlsb by calamine's cell reader) and hands CSV
//!   text over a bounded channel, one chunk at a time; an absurd declared dimension is refused
//!   before any work.
//! - ods: calamine loads the whole document and expands repeated rows and columns, so
//!   `content.xml` is scanned first and a document whose repetitions of non-empty cells would
//!   expand past [`MAX_LOADED_CELLS`] is refused. Trailing repeated empty rows and columns (which
//!   LibreOffice writes to the sheet's end) cost nothing and are fine.
//! - xls (at most 65,536 x 256 cells by format) is loaded whole; a DIMENSIONS record beyond the
//!   format's limits, which would make calamine reserve terabytes, is refused first.
//!
//! Every format gives the same CSV: leading empty rows and columns are dropped, the first row with
//! content is the header, the table is as wide as the header (or the sheet's declared range, up
//! to twice that), a cell with content right of it is an error, every record is padded to the
//! table's width, an empty row between
//! rows of content is an all-empty record (the reader skips and counts those), and empty rows
//! after the last content are dropped.

use std::io::{self, Cursor, Read};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::Arc;

use calamine::{Data, DataRef, Reader as _};

use super::source::{Source, SourceInfo};

mod xlsx;
use crate::error::{printable, Error};

/// The most cells a sheet may declare, or a streamed sheet may produce (counting the padding of
/// short rows and empty rows): 2^28, some 268 million, beyond any survey and hours of reading.
pub const MAX_SHEET_CELLS: u64 = 1 << 28;

/// The most cells an .ods or .xls may expand to in memory (calamine holds each in about 100
/// bytes): 5 million, e.g. 25,000 respondents x 200 columns.
pub const MAX_LOADED_CELLS: u64 = 5_000_000;

/// The most text an .ods may expand to (a `text:s text:c` run of spaces, or repeated cells of
/// text): 256 MiB.
const MAX_LOADED_TEXT: u64 = 256 << 20;

/// The most bytes of shared strings an xlsx may declare (they are held in memory): 256 MiB.
const MAX_SHARED_STRINGS: u64 = 256 << 20;

/// The CSV text handed over at a time by the streaming thread.
const CHUNK_BYTES: usize = 1 << 18;

/// The hint of every spreadsheet error.
const HINT: &str = "export the sheet as CSV (UTF-8) and read that instead";

/// Which reader a workbook needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
}

/// Reads one sheet of a spreadsheet as CSV text. `kind` names the format the file claims (by
/// extension or magic bytes); the bytes decide which reader is used.
pub fn open(
    mut stream: Box<dyn Read>,
    display: &str,
    kind: &str,
    sheet: Option<&str>,
    gzip: bool,
) -> Result<Source, Error> {
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).map_err(|source| Error::Io {
        path: display.to_string(),
        source,
    })?;
    let bad = |message: String| layout_error(display, message);
    let format = detect(&bytes, kind, display)?;
    let (name, reader): (String, Box<dyn Read>) = match format {
        Format::Xlsx => {
            let bytes = Bytes(Arc::new(bytes));
            let thread = SheetThread::spawn(bytes.clone(), display)?;
            // calamine checks the workbook and lists its sheets and the chosen sheet's declared
            // dimension; the cells are read by `xlsx` (see `stream_xlsx`).
            let (name, dimensions) = {
                let mut workbook = caught(display, "", || {
                    calamine::Xlsx::new(Cursor::new(bytes.as_ref()))
                })?
                .map_err(|e| bad(format!("cannot read it as a {kind} spreadsheet: {e}")))?;
                let name = choose_sheet(display, &workbook.sheet_names(), sheet)?;
                let dimensions = match workbook.worksheet_cells_reader(&name) {
                    Ok(cells) => Some(cells.dimensions()),
                    // A chart sheet: nothing to read.
                    Err(calamine::XlsxError::NotAWorksheet(_)) => None,
                    Err(e) => return Err(sheet_error(display, &name, e)),
                };
                (name, dimensions)
            };
            let reader = match dimensions {
                Some(dimensions) => stream_xlsx(thread, bytes, display, name.clone(), dimensions)?,
                None => Box::new(io::empty()),
            };
            (name, reader)
        }
        Format::Xlsb => {
            let workbook = caught(display, "", || calamine::Xlsb::new(Cursor::new(bytes)))?
                .map_err(|e| bad(format!("cannot read it as a {kind} spreadsheet: {e}")))?;
            let name = choose_sheet(display, &workbook.sheet_names(), sheet)?;
            (name.clone(), stream_xlsb(workbook, display, name)?)
        }
        Format::Ods => {
            check_ods(&bytes, display)?;
            let mut workbook = caught(display, "", || calamine::Ods::new(Cursor::new(bytes)))?
                .map_err(|e| bad(format!("cannot read it as a {kind} spreadsheet: {e}")))?;
            let name = choose_sheet(display, &workbook.sheet_names(), sheet)?;
            let range = caught(display, &name, || workbook.worksheet_range(&name))?
                .map_err(|e| sheet_error(display, &name, e))?;
            let text = convert_range(&range, display, &name)?;
            (name, Box::new(Cursor::new(text)))
        }
        Format::Xls => {
            check_xls(&bytes, display)?;
            let mut workbook = caught(display, "", || calamine::Xls::new(Cursor::new(bytes)))?
                .map_err(|e| bad(format!("cannot read it as a {kind} spreadsheet: {e}")))?;
            let name = choose_sheet(display, &workbook.sheet_names(), sheet)?;
            let range = caught(display, &name, || workbook.worksheet_range(&name))?
                .map_err(|e| sheet_error(display, &name, e))?;
            let text = convert_range(&range, display, &name)?;
            (name, Box::new(Cursor::new(text)))
        }
    };
    Ok(Source {
        reader,
        info: SourceInfo {
            encoding: kind.to_string(),
            gzip,
            sheet: Some(name),
        },
        implied_delimiter: Some(b','),
    })
}

/// Runs a calamine call, turning a panic in it into an error naming the file and sheet.
fn caught<T>(display: &str, sheet: &str, call: impl FnOnce() -> T) -> Result<T, Error> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(call))
        .map_err(|_| reader_failed(display, sheet))
}

/// A sheet calamine cannot read.
fn sheet_error(display: &str, name: &str, e: impl std::fmt::Display) -> Error {
    layout_error(
        display,
        format!("cannot read sheet \"{}\": {e}", printable(name)),
    )
}

fn layout_error(display: &str, message: String) -> Error {
    Error::Layout {
        path: display.to_string(),
        message,
        hint: HINT.to_string(),
    }
}

/// Tells the formats apart by their bytes: OLE is xls; a zip holding `content.xml` is ods, one
/// holding `xl/workbook.bin` xlsb, any other xlsx.
fn detect(bytes: &[u8], kind: &str, display: &str) -> Result<Format, Error> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Ok(Format::Xls);
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Err(layout_error(
            display,
            format!("cannot read it as a {kind} spreadsheet: it is neither a zip (xlsx, ods) nor an OLE (xls) file"),
        ));
    };
    let has = |zip: &zip::ZipArchive<_>, name: &str| {
        zip.file_names().any(|n| n.eq_ignore_ascii_case(name))
    };
    if has(&zip, "content.xml") && !has(&zip, "xl/workbook.xml") {
        return Ok(Format::Ods);
    }
    if let Ok(strings) = zip.by_name("xl/sharedStrings.xml") {
        if strings.size() > MAX_SHARED_STRINGS {
            return Err(layout_error(
                display,
                format!(
                    "its shared strings (xl/sharedStrings.xml) unpack to {} bytes; kano holds at \
                     most {MAX_SHARED_STRINGS} bytes of them in memory",
                    strings.size()
                ),
            ));
        }
    }
    Ok(if has(&zip, "xl/workbook.bin") {
        Format::Xlsb
    } else {
        Format::Xlsx
    })
}

/// The sheet `--sheet` names (by name, any case, or 1-based position), else the first.
fn choose_sheet(display: &str, names: &[String], sheet: Option<&str>) -> Result<String, Error> {
    match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(wanted))
            .or_else(|| {
                wanted
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| i.checked_sub(1))
                    .and_then(|i| names.get(i))
            })
            .cloned()
            .ok_or_else(|| {
                Error::usage(
                    format!("{}: no sheet \"{}\"", printable(display), printable(wanted)),
                    format!(
                        "the sheets are: {}; give --sheet a name or a 1-based position",
                        printable(&names.join(", "))
                    ),
                )
            }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| layout_error(display, "the workbook has no sheets".to_string())),
    }
}

/// A cell reference such as `B7` from 0-based row and column.
pub fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        let digit = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + digit));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

/// The text of a cell, as the CSV shows it.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Refuses a declared dimension of more than [`MAX_SHEET_CELLS`] cells.
fn check_dimension(
    display: &str,
    sheet: &str,
    dimensions: calamine::Dimensions,
) -> Result<(), Error> {
    let (start, end) = (dimensions.start, dimensions.end);
    let rows = u64::from(end.0.saturating_sub(start.0)) + 1;
    let cols = u64::from(end.1.saturating_sub(start.1)) + 1;
    if rows.saturating_mul(cols) > MAX_SHEET_CELLS {
        return Err(layout_error(
            display,
            format!(
                "sheet \"{}\" declares the range {}:{}, {rows} rows x {cols} columns ({} cells); \
                 kano reads at most {MAX_SHEET_CELLS} cells from a sheet (the file is damaged or \
                 was made to be hostile)",
                printable(sheet),
                cell_name(start.0, start.1),
                cell_name(end.0, end.1),
                rows.saturating_mul(cols)
            ),
        ));
    }
    Ok(())
}

/// Turns cells, given in file order, into CSV records: see the module's documentation.
pub struct Converter {
    display: String,
    sheet: String,
    /// The column after the declared dimension's last (0 when none).
    declared_end: u64,
    /// The header's width, once the header is read.
    width: Option<usize>,
    /// The first column with content in the header row.
    first_col: u32,
    /// The row being gathered, and the last column put in it.
    row: Option<(u32, Option<u32>)>,
    /// The last row written.
    written: Option<u32>,
    /// The header row's fields, gathered until the header ends and sets the table's width.
    fields: Vec<String>,
    /// The fields of the current row (after the header) already written to `csv`.
    filled: usize,
    /// Cells written so far, padding included.
    cells: u64,
    /// The CSV text written so far: rows after the header are written cell by cell, straight
    /// from the cell's text, with no record gathered.
    csv: Vec<u8>,
}

impl Converter {
    /// A converter for `sheet` of `display`, whose declared dimension ends before column
    /// `declared_end` (0 when unknown): the header is padded to it.
    pub fn new(display: &str, sheet: &str, declared_end: u64) -> Converter {
        Converter {
            display: display.to_string(),
            sheet: sheet.to_string(),
            declared_end,
            width: None,
            first_col: 0,
            row: None,
            written: None,
            fields: Vec::new(),
            filled: 0,
            cells: 0,
            csv: new_text(),
        }
    }

    fn error(&self, message: String) -> Error {
        layout_error(
            &self.display,
            format!("sheet \"{}\", {message}", printable(&self.sheet)),
        )
    }

    #[inline]
    fn count(&mut self, cells: u64, at: (u32, u32)) -> Result<(), Error> {
        self.cells = self.cells.saturating_add(cells);
        if self.cells > MAX_SHEET_CELLS {
            return Err(self.too_many_cells(at));
        }
        Ok(())
    }

    #[cold]
    fn too_many_cells(&self, at: (u32, u32)) -> Error {
        self.error(format!(
            "cell {}: the sheet reaches {} cells with its padding and empty rows; kano reads at \
             most {MAX_SHEET_CELLS} cells from a sheet (a stray cell far below or right of the \
             table?)",
            cell_name(at.0, at.1),
            self.cells
        ))
    }

    /// Adds a cell; empty text is no content and is ignored.
    pub fn cell(&mut self, row: u32, col: u32, text: &str) -> Result<(), Error> {
        self.add(row, col, text, None)
    }

    /// Adds a cell whose CSV field, `text` as [`write_field`] writes it, is at hand (a shared
    /// string's, written once): the field is copied, not written again.
    pub fn field(&mut self, row: u32, col: u32, text: &str, field: &[u8]) -> Result<(), Error> {
        self.add(row, col, text, Some(field))
    }

    /// Adds a cell. The usual cell, right of the last one in the same row after the header and
    /// inside the table, is written here with no more checks; every other goes to
    /// [`Converter::place`].
    #[inline(always)]
    fn add(&mut self, row: u32, col: u32, text: &str, field: Option<&[u8]>) -> Result<(), Error> {
        if let (Some(width), Some((current, Some(last)))) = (self.width, self.row) {
            // After the header every cell kept is at `first_col` or right of it.
            let index = col.wrapping_sub(self.first_col) as usize;
            if current == row && col > last && index < width && !text.is_empty() {
                self.count((index + 1).saturating_sub(self.filled) as u64, (row, col))?;
                self.separate(index);
                match field {
                    Some(field) => self.csv.extend_from_slice(field),
                    None => write_field(&mut self.csv, text.as_bytes()),
                }
                self.filled = index + 1;
                self.row = Some((row, Some(col)));
                return Ok(());
            }
        }
        self.place(row, col, text, field)
    }

    /// Adds any cell: starts rows, gathers the header, and names what is wrong.
    #[inline(never)]
    fn place(&mut self, row: u32, col: u32, text: &str, field: Option<&[u8]>) -> Result<(), Error> {
        if text.is_empty() {
            return Ok(());
        }
        match self.row {
            Some((current, last_col)) if current == row => {
                if last_col.is_some_and(|last| col <= last) {
                    return Err(self.out_of_order(row, col));
                }
            }
            Some((current, _)) if row < current => return Err(self.out_of_order(row, col)),
            Some(_) => {
                self.finish_row()?;
                self.start_row(row)?;
            }
            None => self.start_row(row)?,
        }
        if self.width.is_none() && self.fields.is_empty() {
            self.first_col = col;
        }
        if col < self.first_col {
            return Err(self.error(format!(
                "cell {} holds \"{}\", left of the header's first column {}",
                cell_name(row, col),
                crate::error::shown(text),
                cell_name(row, self.first_col).trim_end_matches(|c: char| c.is_ascii_digit())
            )));
        }
        let index = (col - self.first_col) as usize;
        let Some(width) = self.width else {
            // The header row.
            if index >= self.fields.len() {
                let grow = (index + 1 - self.fields.len()) as u64;
                self.count(grow, (row, col))?;
                self.fields.resize_with(index + 1, String::new);
            }
            if let Some(field) = self.fields.get_mut(index) {
                field.push_str(text);
            }
            self.row = Some((row, Some(col)));
            return Ok(());
        };
        if index >= width {
            return Err(self.error(format!(
                "cell {} holds \"{}\", right of the table's {width} column(s) (the header row \
                 and the sheet's declared range end before it); give the column a header in the \
                 first row, or delete the cell",
                cell_name(row, col),
                crate::error::shown(text)
            )));
        }
        // Cells of a row come in column order (checked above): `index >= self.filled`.
        self.count((index + 1).saturating_sub(self.filled) as u64, (row, col))?;
        self.separate(index);
        match field {
            Some(field) => self.csv.extend_from_slice(field),
            None => write_field(&mut self.csv, text.as_bytes()),
        }
        self.filled = index + 1;
        self.row = Some((row, Some(col)));
        Ok(())
    }

    /// Writes the commas before field `index` of the current row (empty fields between the
    /// last one written and it).
    #[inline]
    fn separate(&mut self, index: usize) {
        let written = self.filled.saturating_sub(1);
        match index.saturating_sub(written) {
            1 => self.csv.push(b','),
            commas => self.csv.resize(self.csv.len() + commas, b','),
        }
    }

    fn out_of_order(&self, row: u32, col: u32) -> Error {
        let after = self
            .row
            .map(|(r, c)| cell_name(r, c.unwrap_or(0)))
            .unwrap_or_default();
        self.error(format!(
            "cell {} comes after cell {after} in the file: cells out of order (the file is damaged)",
            cell_name(row, col)
        ))
    }

    /// Writes the empty rows between the last row written and `row`, then starts `row`.
    fn start_row(&mut self, row: u32) -> Result<(), Error> {
        if let (Some(written), Some(width)) = (self.written, self.width) {
            let gap = row.saturating_sub(written).saturating_sub(1);
            self.count(u64::from(gap).saturating_mul(width as u64), (row, 0))?;
            for _ in 0..gap {
                self.write_empty(width)?;
            }
        }
        self.row = Some((row, None));
        Ok(())
    }

    /// Writes an all-empty record (`""` when the table is one column wide, as the csv crate
    /// writes it, so that the line is not blank).
    fn write_empty(&mut self, width: usize) -> Result<(), Error> {
        if width <= 1 {
            self.csv.extend_from_slice(b"\"\"\n");
        } else {
            self.csv.resize(self.csv.len() + width - 1, b',');
            self.csv.push(b'\n');
        }
        Ok(())
    }

    /// Ends the current row: pads it to the table's width (the header row sets the width and is
    /// written here).
    fn finish_row(&mut self) -> Result<(), Error> {
        let Some((row, _)) = self.row.take() else {
            return Ok(());
        };
        let width = match self.width {
            Some(width) => width,
            None => {
                // Columns the dimension declares past the header (a column of notes without a
                // heading) are kept, unless it declares far more than the header has (a
                // dimension reaching column AMJ or XFD because of formatting).
                let declared = self.declared_end.saturating_sub(u64::from(self.first_col));
                let declared = usize::try_from(declared).unwrap_or(0);
                let header = self.fields.len();
                let width = if declared <= header.saturating_mul(2) {
                    header.max(declared)
                } else {
                    header
                };
                self.width = Some(width);
                for (index, field) in std::mem::take(&mut self.fields).iter().enumerate() {
                    if !field.is_empty() {
                        self.separate(index);
                        write_field(&mut self.csv, field.as_bytes());
                        self.filled = index + 1;
                    }
                }
                width
            }
        };
        if self.filled < width {
            self.count((width - self.filled) as u64, (row, 0))?;
        }
        if self.filled == 0 && width <= 1 {
            self.csv.extend_from_slice(b"\"\"");
        } else {
            self.separate(width.saturating_sub(1));
        }
        self.csv.push(b'\n');
        self.filled = 0;
        self.written = Some(row);
        Ok(())
    }

    /// The CSV text written so far, taken out.
    pub fn take(&mut self) -> Result<Vec<u8>, Error> {
        Ok(std::mem::replace(&mut self.csv, new_text()))
    }

    /// How many bytes of CSV text wait to be taken.
    pub fn pending(&self) -> usize {
        self.csv.len()
    }

    /// Writes the last row and returns the rest of the text.
    pub fn finish(mut self) -> Result<Vec<u8>, Error> {
        self.finish_row()?;
        self.take()
    }
}

fn new_text() -> Vec<u8> {
    Vec::with_capacity(CHUNK_BYTES + 4096)
}

/// Writes a CSV field as the csv crate writes it: in quotes, with quotes doubled, when it holds
/// a comma, a quote or a line break; as it is otherwise.
fn write_field(out: &mut Vec<u8>, text: &[u8]) {
    // A fold without an early exit: fields are short, and this loop vectorizes.
    let special = text.iter().fold(false, |special, &b| {
        special | matches!(b, b',' | b'"' | b'\n' | b'\r')
    });
    if special {
        out.push(b'"');
        for piece in text.split_inclusive(|&b| b == b'"') {
            out.extend_from_slice(piece);
            if piece.ends_with(b"\"") {
                out.push(b'"');
            }
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(text);
    }
}

/// Converts a loaded range (ods, xls).
fn convert_range(
    range: &calamine::Range<Data>,
    display: &str,
    sheet: &str,
) -> Result<Vec<u8>, Error> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let end = u64::from(col0) + range.width() as u64;
    let mut converter = Converter::new(display, sheet, end);
    let mut text = Vec::new();
    for (row, col, cell) in range.used_cells() {
        let (Ok(row), Ok(col)) = (u32::try_from(row), u32::try_from(col)) else {
            continue;
        };
        converter.cell(
            row0.saturating_add(row),
            col0.saturating_add(col),
            &cell_text(cell),
        )?;
        if converter.pending() >= CHUNK_BYTES {
            text.extend(converter.take()?);
        }
    }
    text.extend(converter.finish()?);
    Ok(text)
}

/// A chunk of CSV text from the streaming thread, and whether it is the last.
type Chunk = io::Result<(Vec<u8>, bool)>;

/// The error for a panic inside calamine.
fn reader_failed(display: &str, sheet: &str) -> Error {
    layout_error(
        display,
        format!(
            "sheet \"{}\": the spreadsheet reader failed on it (the file is damaged, e.g. a \
             cell refers to a shared string that does not exist)",
            printable(sheet)
        ),
    )
}

/// CSV text arriving from the streaming thread, one chunk at a time.
struct ChannelReader {
    chunks: Receiver<Chunk>,
    chunk: Cursor<Vec<u8>>,
    /// Whether the last chunk arrived: the channel closing before it means the thread died.
    last: bool,
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.chunk.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            if self.last {
                return Ok(0);
            }
            match self.chunks.recv() {
                Ok(chunk) => {
                    let (text, last) = chunk?;
                    self.chunk = Cursor::new(text);
                    self.last = last;
                }
                // The thread ended without its last chunk: never a silently short sheet.
                Err(_) => {
                    return Err(io::Error::other(
                        "reading the sheet stopped unexpectedly; export the sheet as CSV \
                         (UTF-8) and read that instead",
                    ))
                }
            }
        }
    }
}

/// Sends an error to the reader as an I/O error, printed after the path.
fn send_error(chunks: &SyncSender<Chunk>, error: Error) {
    let text = match error {
        Error::Layout { message, hint, .. } => format!("{message}; {hint}"),
        other => other.to_string(),
    };
    let _ = chunks.send(Err(io::Error::other(text)));
}

/// Where a streaming thread puts the cells it reads: a [`Converter`], whose CSV text goes to
/// the reader in chunks of about [`CHUNK_BYTES`].
pub struct Sink {
    converter: Converter,
    sender: SyncSender<Chunk>,
}

impl Sink {
    /// Adds a cell (see [`Converter::cell`]); false when the reader is gone and reading should
    /// stop.
    pub fn cell(&mut self, row: u32, col: u32, text: &str) -> Result<bool, Error> {
        self.converter.cell(row, col, text)?;
        Ok(self.send_full())
    }

    /// Adds a cell whose CSV field is at hand (see [`Converter::field`]); false when the reader
    /// is gone.
    #[inline]
    pub fn field(&mut self, row: u32, col: u32, text: &str, field: &[u8]) -> Result<bool, Error> {
        self.converter.field(row, col, text, field)?;
        Ok(self.send_full())
    }

    /// Sends the text written once it makes a chunk; false when the reader is gone.
    #[inline]
    fn send_full(&mut self) -> bool {
        if self.converter.pending() < CHUNK_BYTES {
            return true;
        }
        let chunk = std::mem::replace(&mut self.converter.csv, new_text());
        self.sender.send(Ok((chunk, false))).is_ok()
    }

    /// Writes the last row and sends the rest of the text as the last chunk, or the error.
    fn finish(self, result: Result<(), Error>) {
        let Sink { converter, sender } = self;
        match result.and_then(|()| converter.finish()) {
            Ok(rest) => {
                let _ = sender.send(Ok((rest, true)));
            }
            Err(e) => send_error(&sender, e),
        }
    }
}

/// Drives a cell reader on a thread of its own, which puts every cell in a [`Sink`].
fn spawn_stream<W, F>(
    display: &str,
    name: String,
    mut workbook: W,
    declared_end: u64,
    read: F,
) -> Result<Box<dyn Read>, Error>
where
    W: Send + 'static,
    F: FnOnce(&mut W, &mut Sink) -> Result<(), Error> + Send + 'static,
{
    let (sender, chunks) = mpsc::sync_channel(4);
    let thread_display = display.to_string();
    std::thread::Builder::new()
        .name("kano-sheet".to_string())
        .spawn(move || {
            let mut sink = Sink {
                converter: Converter::new(&thread_display, &name, declared_end),
                sender,
            };
            // calamine indexes some lists with numbers from the file (a shared string past the
            // end panics): a panic is caught and reported as a damaged file.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                read(&mut workbook, &mut sink)
            }))
            .unwrap_or_else(|_| Err(reader_failed(&thread_display, &name)));
            sink.finish(result);
        })
        .map_err(|source| Error::Io {
            path: display.to_string(),
            source,
        })?;
    Ok(Box::new(ChannelReader {
        chunks,
        chunk: Cursor::new(Vec::new()),
        last: false,
    }))
}

fn data_ref_text(value: DataRef<'_>) -> String {
    match value {
        DataRef::SharedString(s) => s.to_string(),
        DataRef::String(s) => s,
        other => cell_text(&Data::from(other)),
    }
}

/// A workbook's bytes, shared by the thread that streams a sheet and the checks made on the
/// calling thread meanwhile.
#[derive(Clone)]
struct Bytes(Arc<Vec<u8>>);

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Which sheet a [`SheetThread`] streams: its name, its zip entry and the column after its
/// declared dimension's last.
type Start = (String, String, u64);

/// The thread that streams an .xlsx sheet, started before the sheet is chosen: it reads the
/// shared strings while calamine checks the workbook on the calling thread (calamine reads
/// them too, so the two reads overlap instead of following each other), then waits to be told
/// which sheet to stream. Dropped without [`SheetThread::stream`], it stops.
struct SheetThread {
    start: SyncSender<Start>,
    chunks: Receiver<Chunk>,
}

impl SheetThread {
    fn spawn(bytes: Bytes, display: &str) -> Result<SheetThread, Error> {
        let (start, started) = mpsc::sync_channel::<Start>(1);
        let (sender, chunks) = mpsc::sync_channel(4);
        let thread_display = display.to_string();
        std::thread::Builder::new()
            .name("kano-sheet".to_string())
            .spawn(move || {
                let mut zip = zip::ZipArchive::new(Cursor::new(bytes));
                let strings = zip.as_mut().ok().map(|zip| {
                    let entry = xlsx::zip_name(zip, "xl/sharedStrings.xml");
                    match zip.by_name(&entry) {
                        Ok(file) => xlsx::shared_strings(file),
                        Err(_) => Ok(xlsx::SharedStrings::default()),
                    }
                });
                // The workbook was refused, or the sheet is streamed another way.
                let Ok((name, entry, end)) = started.recv() else {
                    return;
                };
                let mut sink = Sink {
                    converter: Converter::new(&thread_display, &name, end),
                    sender,
                };
                let error = |message: String| {
                    if message == xlsx::MISSING_SHARED_STRING {
                        reader_failed(&thread_display, &name)
                    } else {
                        sheet_error(&thread_display, &name, message)
                    }
                };
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let (Ok(zip), Some(strings)) = (zip.as_mut(), strings) else {
                        return Err(error("cannot open it as a zip".to_string()));
                    };
                    let strings = strings.map_err(|e| error(format!("its shared strings: {e}")))?;
                    let sheet = zip
                        .by_name(&entry)
                        .map_err(|e| error(format!("cannot open {entry}: {e}")))?;
                    xlsx::read_sheet(sheet, &strings, &mut sink, &error)
                }))
                .unwrap_or_else(|_| Err(reader_failed(&thread_display, &name)));
                sink.finish(result);
            })
            .map_err(|source| Error::Io {
                path: display.to_string(),
                source,
            })?;
        Ok(SheetThread { start, chunks })
    }

    /// Streams the sheet `name`, held in zip entry `entry`.
    fn stream(self, name: String, entry: String, end: u64) -> Box<dyn Read> {
        // A thread that died is met by the reader as a stream without its last chunk.
        let _ = self.start.send((name, entry, end));
        Box::new(ChannelReader {
            chunks: self.chunks,
            chunk: Cursor::new(Vec::new()),
            last: false,
        })
    }
}

/// Streams the cells of an .xlsx sheet (whose declared dimension calamine read), scanning the
/// sheet's XML directly on `thread` (`xlsx::read_sheet`); calamine's cell reader only when the
/// sheet's zip entry cannot be found from the workbook's relationships the simple way.
fn stream_xlsx(
    thread: SheetThread,
    bytes: Bytes,
    display: &str,
    name: String,
    dimensions: calamine::Dimensions,
) -> Result<Box<dyn Read>, Error> {
    check_dimension(display, &name, dimensions)?;
    let end = u64::from(dimensions.end.1) + 1;
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone()))
        .map_err(|e| sheet_error(display, &name, e))?;
    let Some(entry) = xlsx::sheet_entry(&mut zip, &name) else {
        drop(thread);
        let workbook = caught(display, &name, || calamine::Xlsx::new(Cursor::new(bytes)))?
            .map_err(|e| sheet_error(display, &name, e))?;
        return stream_xlsx_by_calamine(workbook, display, name, end);
    };
    Ok(thread.stream(name, entry, end))
}

/// Streams the cells of an .xlsx sheet through calamine's cell reader.
fn stream_xlsx_by_calamine(
    workbook: calamine::Xlsx<Cursor<Bytes>>,
    display: &str,
    name: String,
    end: u64,
) -> Result<Box<dyn Read>, Error> {
    let thread_name = name.clone();
    let thread_display = display.to_string();
    spawn_stream(display, name, workbook, end, move |workbook, sink| {
        let error = |e: calamine::XlsxError| sheet_error(&thread_display, &thread_name, e);
        let mut cells = workbook
            .worksheet_cells_reader(&thread_name)
            .map_err(error)?;
        while let Some(cell) = cells.next_cell().map_err(error)? {
            let (row, col) = cell.get_position();
            if !sink.cell(row, col, &data_ref_text(cell.get_value().clone()))? {
                break;
            }
        }
        Ok(())
    })
}

fn stream_xlsb(
    mut workbook: calamine::Xlsb<Cursor<Vec<u8>>>,
    display: &str,
    name: String,
) -> Result<Box<dyn Read>, Error> {
    let dimensions = workbook
        .worksheet_cells_reader(&name)
        .map(|cells| cells.dimensions())
        .map_err(|e| sheet_error(display, &name, e))?;
    check_dimension(display, &name, dimensions)?;
    let end = u64::from(dimensions.end.1) + 1;
    let thread_name = name.clone();
    let thread_display = display.to_string();
    spawn_stream(display, name, workbook, end, move |workbook, sink| {
        let error = |e: calamine::XlsbError| sheet_error(&thread_display, &thread_name, e);
        let mut cells = workbook
            .worksheet_cells_reader(&thread_name)
            .map_err(error)?;
        while let Some(cell) = cells.next_cell().map_err(error)? {
            let (row, col) = cell.get_position();
            if !sink.cell(row, col, &data_ref_text(cell.get_value().clone()))? {
                break;
            }
        }
        Ok(())
    })
}

/// What the scan of an .ods found for one table.
#[derive(Default)]
struct TableScan {
    name: String,
    /// Rows so far, repetitions expanded.
    rows: u64,
    /// The expanded rows from the first with content to the end of the last with content.
    first_content: Option<u64>,
    content_end: u64,
    /// The widest row with content, repetitions expanded, up to its last cell with content.
    width: u64,
    /// Cells calamine stores while reading (rows not yet expanded).
    stored: u64,
    /// The largest repetitions of rows and of cells with content, for the message.
    largest_rows: u64,
    largest_cols: u64,
}

/// Refuses an .ods whose repetitions would expand past [`MAX_LOADED_CELLS`] cells or
/// [`MAX_LOADED_TEXT`] bytes of text in calamine, which loads every sheet whole.
fn check_ods(bytes: &[u8], display: &str) -> Result<(), Error> {
    use quick_xml::events::Event;

    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine says what is wrong
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = quick_xml::Reader::from_reader(io::BufReader::new(content));
    xml.config_mut().expand_empty_elements = true;
    xml.config_mut().check_end_names = false;
    let mut buf = Vec::new();
    let mut table: Option<TableScan> = None;
    let mut total_cells = 0u64;
    let mut total_text = 0u64;
    // Within a row: repetitions, stored cells, and pending empty columns.
    let mut row_repeat = 1u64;
    let mut row_stored = 0u64;
    let mut row_text = 0u64;
    let mut pending_empty = 0u64;
    // Within a cell: its repetition, whether it has content, its text length.
    let mut cell: Option<(u64, bool, u64)> = None;
    let too_much = |scan: &TableScan, what: String| {
        layout_error(
            display,
            format!(
                "sheet \"{}\" {what}, from table:number-rows-repeated=\"{}\" and \
                 table:number-columns-repeated=\"{}\" at most; kano reads at most \
                 {MAX_LOADED_CELLS} cells from an .ods (it holds the document in memory)",
                printable(&scan.name),
                scan.largest_rows,
                scan.largest_cols
            ),
        )
    };
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(_) => return Ok(()), // calamine says what is wrong
        };
        match event {
            Event::Start(ref e) => {
                let repeat = |key: &[u8]| -> u64 {
                    e.try_get_attribute(key)
                        .ok()
                        .flatten()
                        .and_then(|a| std::str::from_utf8(&a.value).ok()?.trim().parse().ok())
                        .unwrap_or(1)
                };
                match e.name().as_ref() {
                    b"table:table" => {
                        let name = e
                            .try_get_attribute(b"table:name")
                            .ok()
                            .flatten()
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                            .unwrap_or_default();
                        table = Some(TableScan {
                            name,
                            ..TableScan::default()
                        });
                    }
                    b"table:table-row" => {
                        row_repeat = repeat(b"table:number-rows-repeated");
                        row_stored = 0;
                        row_text = 0;
                        pending_empty = 0;
                    }
                    b"table:table-cell" | b"table:covered-table-cell" => {
                        let columns = repeat(b"table:number-columns-repeated");
                        let content = e.attributes().flatten().any(|a| {
                            matches!(
                                a.key.as_ref(),
                                b"office:value"
                                    | b"office:string-value"
                                    | b"office:date-value"
                                    | b"office:time-value"
                                    | b"office:boolean-value"
                                    | b"office:value-type"
                                    | b"table:formula"
                            )
                        });
                        cell = Some((columns, content, 0));
                    }
                    b"text:s" => {
                        if let Some((_, _, text)) = cell.as_mut() {
                            *text = text.saturating_add(repeat(b"text:c"));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(ref t) => {
                if let Some((_, _, text)) = cell.as_mut() {
                    *text = text.saturating_add(t.len() as u64);
                }
            }
            Event::End(ref e) => match e.name().as_ref() {
                b"table:table-cell" | b"table:covered-table-cell" => {
                    if let Some((columns, content, text)) = cell.take() {
                        if let Some(scan) = table.as_mut() {
                            if content {
                                scan.largest_cols = scan.largest_cols.max(columns);
                            }
                        }
                        if content {
                            row_stored = row_stored
                                .saturating_add(pending_empty)
                                .saturating_add(columns);
                            row_text = row_text.saturating_add(text.saturating_mul(columns));
                            pending_empty = 0;
                        } else {
                            pending_empty = pending_empty.saturating_add(columns);
                        }
                    }
                }
                b"table:table-row" => {
                    if let Some(scan) = table.as_mut() {
                        scan.stored = scan.stored.saturating_add(row_stored);
                        if row_stored > 0 {
                            scan.largest_rows = scan.largest_rows.max(row_repeat);
                            scan.first_content.get_or_insert(scan.rows);
                            scan.content_end = scan.rows.saturating_add(row_repeat);
                            scan.width = scan.width.max(row_stored);
                            total_text =
                                total_text.saturating_add(row_text.saturating_mul(row_repeat));
                        }
                        scan.rows = scan.rows.saturating_add(row_repeat);
                        if scan.stored > MAX_LOADED_CELLS {
                            return Err(too_much(
                                scan,
                                format!("has rows of more than {MAX_LOADED_CELLS} cells"),
                            ));
                        }
                        if total_text > MAX_LOADED_TEXT {
                            return Err(too_much(
                                scan,
                                format!("expands to more than {MAX_LOADED_TEXT} bytes of text"),
                            ));
                        }
                        let rows = scan
                            .content_end
                            .saturating_sub(scan.first_content.unwrap_or(scan.content_end));
                        let cells = rows.saturating_mul(scan.width);
                        if total_cells.saturating_add(cells) > MAX_LOADED_CELLS {
                            return Err(too_much(
                                scan,
                                format!(
                                    "expands to {rows} rows x {} columns ({cells} cells)",
                                    scan.width
                                ),
                            ));
                        }
                    }
                }
                b"table:table" => {
                    if let Some(scan) = table.take() {
                        let rows = scan
                            .content_end
                            .saturating_sub(scan.first_content.unwrap_or(scan.content_end));
                        total_cells = total_cells
                            .saturating_add(rows.saturating_mul(scan.width))
                            .saturating_add(scan.stored);
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Refuses an .xls with a DIMENSIONS record beyond the format's 65,536 rows x 256 columns:
/// calamine reserves room for the declared cells before reading any. The record (type 0x0200,
/// 14 bytes: first row, last row + 1 as u32, first column, last column + 1 as u16, a zero u16)
/// is looked for in the raw bytes of the file.
fn check_xls(bytes: &[u8], display: &str) -> Result<(), Error> {
    const FORMAT_CELLS: u64 = 65_536 * 256;
    let u32_at = |at: usize| -> u32 {
        bytes
            .get(at..at + 4)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u32::from_le_bytes)
    };
    let u16_at = |at: usize| -> u16 {
        bytes
            .get(at..at + 2)
            .and_then(|b| b.try_into().ok())
            .map_or(0, u16::from_le_bytes)
    };
    for at in memchr::memmem::find_iter(bytes, &[0x00, 0x02, 0x0E, 0x00]) {
        let data = at + 4;
        if data + 14 > bytes.len() || u16_at(data + 12) != 0 {
            continue;
        }
        let (first_row, end_row) = (u32_at(data), u32_at(data + 4));
        let (first_col, end_col) = (u16_at(data + 8), u16_at(data + 10));
        if end_row == 0 || end_col == 0 {
            continue;
        }
        let first_col = if first_col > 0xFF || end_col < first_col {
            0
        } else {
            first_col
        };
        let rows = u64::from(end_row).saturating_sub(u64::from(first_row));
        let cols = u64::from(end_col - first_col);
        if end_row - 1 < first_row || rows.saturating_mul(cols) > FORMAT_CELLS {
            return Err(layout_error(
                display,
                format!(
                    "a sheet declares rows {first_row} to {end_row} and columns {first_col} to \
                     {end_col}, beyond the .xls format's 65,536 rows x 256 columns (the file is \
                     damaged)"
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(cells: &[(u32, u32, &str)], declared_end: u64) -> Result<String, Error> {
        let mut converter = Converter::new("s.xlsx", "Sheet1", declared_end);
        for (row, col, text) in cells {
            converter.cell(*row, *col, text)?;
        }
        Ok(String::from_utf8_lossy(&converter.finish()?).into_owned())
    }

    #[test]
    fn fields_are_quoted_as_the_csv_crate_quotes_them() {
        let fields = [
            "plain",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "\"",
            "é, ü",
            "",
        ];
        let mut ours = Vec::new();
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                ours.push(b',');
            }
            write_field(&mut ours, field.as_bytes());
        }
        ours.push(b'\n');
        let mut theirs = csv::Writer::from_writer(Vec::new());
        assert!(theirs.write_record(fields).is_ok() && theirs.flush().is_ok());
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(theirs.get_ref())
        );
    }

    #[test]
    fn cell_names_are_excel_references() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
    }

    #[test]
    fn rows_are_padded_and_gaps_become_empty_records() {
        let text = convert(
            &[
                (2, 1, "a"),
                (2, 2, "b"),
                (2, 3, "c"),
                (3, 1, "1"),
                (6, 3, "2"),
            ],
            0,
        )
        .ok();
        // Leading empty rows and columns are dropped; rows 5 and 6 are empty records.
        assert_eq!(text.as_deref(), Some("a,b,c\n1,,\n,,\n,,\n,,2\n"));
    }

    #[test]
    fn a_one_column_sheet_writes_empty_rows_as_quoted_empty_fields() {
        let text = convert(&[(0, 0, "h"), (2, 0, "x")], 0).ok();
        assert_eq!(text.as_deref(), Some("h\n\"\"\nx\n"));
    }

    #[test]
    fn cells_out_of_order_or_left_of_the_header_are_errors() {
        let back = convert(&[(0, 0, "a"), (3, 0, "b"), (2, 0, "c")], 0);
        assert!(back.is_err_and(|e| e.to_string().contains("cell A3 comes after cell A4")));
        let left = convert(&[(0, 1, "a"), (1, 0, "x")], 0);
        assert!(left.is_err_and(|e| e.to_string().contains("cell A2 holds \"x\"")));
    }

    #[test]
    fn the_declared_range_widens_the_table_up_to_twice_the_header() {
        // A notes column without a heading, inside the declared range, is kept.
        let notes = convert(&[(0, 0, "a"), (0, 1, "b"), (1, 2, "note")], 3).ok();
        assert_eq!(notes.as_deref(), Some("a,b,\n,,note\n"));
        // A range declared to column AMJ does not pad the header with a thousand columns...
        let wide = convert(&[(0, 0, "a"), (0, 1, "b"), (1, 0, "1")], 1024).ok();
        assert_eq!(wide.as_deref(), Some("a,b\n1,\n"));
        // ... and content right of the table is an error naming the cell.
        let right = convert(&[(0, 0, "a"), (0, 1, "b"), (1, 5, "x")], 0);
        assert!(right.is_err_and(|e| e.to_string().contains("cell F2 holds \"x\", right of")));
    }

    #[test]
    fn an_xls_dimensions_record_beyond_the_format_is_refused() {
        let record = |first_row: u32, end_row: u32, end_col: u16| {
            let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0x00, 0x02, 0x0E, 0x00];
            bytes.extend(first_row.to_le_bytes());
            bytes.extend(end_row.to_le_bytes());
            bytes.extend(0u16.to_le_bytes());
            bytes.extend(end_col.to_le_bytes());
            bytes.extend([0, 0, 1, 2, 3]);
            bytes
        };
        assert!(check_xls(&record(0, 65_536, 256), "s.xls").is_ok());
        let huge = check_xls(&record(0, u32::MAX, 65_535), "s.xls");
        assert!(huge.is_err_and(|e| e.to_string().contains("rows 0 to 4294967295")));
        // A first row past the last makes calamine's subtraction wrap: refused too.
        assert!(check_xls(&record(10, 5, 3), "s.xls").is_err());
    }

    #[test]
    fn a_stream_that_ends_without_its_last_chunk_is_an_error() {
        let (sender, chunks) = mpsc::sync_channel::<Chunk>(2);
        let _ = sender.send(Ok((b"a,b\n".to_vec(), false)));
        drop(sender);
        let mut reader = ChannelReader {
            chunks,
            chunk: Cursor::new(Vec::new()),
            last: false,
        };
        let mut text = String::new();
        let error = reader
            .read_to_string(&mut text)
            .err()
            .map(|e| e.to_string());
        assert!(error.is_some_and(|e| e.contains("stopped unexpectedly")));
    }

    #[test]
    fn a_stray_cell_far_below_is_refused_when_the_padding_grows_too_large() {
        let stray = convert(&[(0, 0, "a"), (0, 16_383, "b"), (1_048_575, 0, "x")], 0);
        assert!(stray.is_err_and(|e| e.to_string().contains("cell A1048576")));
        // One far below a narrow table is only empty records.
        let narrow = convert(&[(0, 0, "a"), (100_000, 0, "x")], 0);
        assert!(narrow.is_ok_and(|text| text.lines().count() == 100_001));
    }

    #[test]
    fn the_usual_cell_is_written_as_the_general_path_writes_it() {
        // Cells mostly in order, with gaps, empty text, text needing quotes, a cell right of
        // the table, one out of order and one left of the header now and then.
        let texts = ["a", "", "b,c", "say \"hi\"", "two\nlines", "12"];
        for seed in 0..200u64 {
            let mut state = seed;
            let mut next = |n: u64| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (state >> 33) % n
            };
            let mut usual = Converter::new("s.xlsx", "Sheet1", next(8));
            let mut general = Converter::new("s.xlsx", "Sheet1", 0);
            general.declared_end = usual.declared_end;
            let (mut row, mut col) = (next(2) as u32, next(3) as u32);
            for _ in 0..300 {
                let text = texts[next(texts.len() as u64) as usize];
                let mut field = Vec::new();
                write_field(&mut field, text.as_bytes());
                let ours = if next(2) == 0 {
                    usual.field(row, col, text, &field)
                } else {
                    usual.cell(row, col, text)
                };
                let theirs = general.place(row, col, text, None);
                assert_eq!(
                    ours.as_ref().map_err(ToString::to_string),
                    theirs.as_ref().map_err(ToString::to_string),
                    "seed {seed}"
                );
                if ours.is_err() {
                    break;
                }
                (row, col) = match next(20) {
                    0 => (row + 1 + next(3) as u32, next(3) as u32),
                    1 => (row, col.saturating_sub(1)),
                    2 => (row, col + 4 + next(4) as u32),
                    _ if col > 6 => (row + 1, next(2) as u32),
                    _ => (row, col + 1 + next(2) as u32),
                };
            }
            let (ours, theirs) = (usual.finish(), general.finish());
            assert_eq!(
                ours.map_err(|e| e.to_string()),
                theirs.map_err(|e| e.to_string()),
                "seed {seed}"
            );
        }
    }
}
