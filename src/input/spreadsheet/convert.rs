//! Cells to CSV text: the [`Converter`] that turns a sheet's cells, given in file order, into
//! the CSV records the `spreadsheet` module's documentation describes, and the channel that carries its text from a
//! streaming thread ([`Sink`]) to the CSV reader ([`ChannelReader`]) a chunk at a time.

use std::io::{self, Cursor, Read};
use std::sync::mpsc::{Receiver, SyncSender};

use super::{cell_name, layout_error, MAX_SHEET_CELLS};
use crate::error::{printable, Error};

/// The CSV text handed over at a time by the streaming thread.
pub const CHUNK_BYTES: usize = 1 << 18;

/// The bytes a short [`Field`] is copied as, at once.
pub const WINDOW: usize = 16;

/// A cell's CSV field written out already (a shared string's, written once, or a number's
/// digits), with the bytes that follow it in memory: a field of at most [`WINDOW`] bytes (a
/// survey answer, a respondent's id) is copied as [`WINDOW`] bytes at once and the bytes past
/// it cut off again, which costs less than a copy of any length.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    /// The field, then any bytes after it.
    bytes: &'a [u8],
    length: usize,
}

impl<'a> Field<'a> {
    /// The field `bytes[..length]`, the bytes after it read but never written.
    #[inline]
    pub fn new(bytes: &'a [u8], length: usize) -> Field<'a> {
        Field { bytes, length }
    }

    /// The field's bytes.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes.get(..self.length).unwrap_or_default()
    }

    /// Appends the field to `out`.
    #[inline(always)]
    fn write_to(&self, out: &mut Vec<u8>) {
        match self.bytes.first_chunk::<WINDOW>() {
            Some(window) if self.length <= WINDOW => {
                let end = out.len() + self.length;
                out.extend_from_slice(window);
                out.truncate(end);
            }
            _ => out.extend_from_slice(self.bytes()),
        }
    }
}

/// Turns cells, given in file order, into CSV records: see the `spreadsheet` module's
/// documentation.
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
    pub fn field(&mut self, row: u32, col: u32, text: &str, field: Field) -> Result<(), Error> {
        self.add(row, col, text, Some(field))
    }

    /// [`Converter::field`], with the text given by `text` only when it is needed: the usual
    /// cell (see [`Converter::add`]) is written from its field alone.
    #[inline(always)]
    pub fn field_with<'t>(
        &mut self,
        row: u32,
        col: u32,
        field: Field,
        text: impl FnOnce() -> Result<&'t str, Error>,
    ) -> Result<(), Error> {
        // A field is empty exactly when its text is (`write_field`); `write` reads the text
        // only of a cell without a field.
        match self.usual_index(row, col, field.length > 0) {
            Some(index) => self.write(row, col, index, "", Some(field)),
            None => self.place(row, col, text()?, Some(field)),
        }
    }

    /// Adds a cell. The usual cell, right of the last one in the same row after the header and
    /// inside the table, is written here with no more checks; every other goes to
    /// [`Converter::place`].
    #[inline(always)]
    fn add(&mut self, row: u32, col: u32, text: &str, field: Option<Field>) -> Result<(), Error> {
        match self.usual_index(row, col, !text.is_empty()) {
            Some(index) => self.write(row, col, index, text, field),
            None => self.place(row, col, text, field),
        }
    }

    /// The field index of the usual cell: one with content, right of the last one in the same
    /// row after the header and inside the table. `None` for any other cell.
    #[inline(always)]
    fn usual_index(&self, row: u32, col: u32, content: bool) -> Option<usize> {
        let (Some(width), Some((current, Some(last)))) = (self.width, self.row) else {
            return None;
        };
        // After the header every cell kept is at `first_col` or right of it.
        let index = col.wrapping_sub(self.first_col) as usize;
        (current == row && col > last && index < width && content).then_some(index)
    }

    /// Adds any cell: starts rows, gathers the header, and names what is wrong.
    #[inline(never)]
    fn place(&mut self, row: u32, col: u32, text: &str, field: Option<Field>) -> Result<(), Error> {
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
        self.write(row, col, index, text, field)
    }

    /// Writes a cell of a row after the header as field `index` (at or right of the last
    /// field written): counts it with the empty fields before it, writes their commas, then
    /// its field.
    #[inline(always)]
    fn write(
        &mut self,
        row: u32,
        col: u32,
        index: usize,
        text: &str,
        field: Option<Field>,
    ) -> Result<(), Error> {
        self.count((index + 1).saturating_sub(self.filled) as u64, (row, col))?;
        self.separate(index);
        match field {
            Some(field) => field.write_to(&mut self.csv),
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
pub fn write_field(out: &mut Vec<u8>, text: &[u8]) {
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

/// A chunk of CSV text from the streaming thread, and whether it is the last.
pub type Chunk = io::Result<(Vec<u8>, bool)>;

/// CSV text arriving from the streaming thread, one chunk at a time.
pub struct ChannelReader {
    chunks: Receiver<Chunk>,
    chunk: Cursor<Vec<u8>>,
    /// Whether the last chunk arrived: the channel closing before it means the thread died.
    last: bool,
}

impl ChannelReader {
    /// A reader of the chunks sent to `chunks`.
    pub fn new(chunks: Receiver<Chunk>) -> ChannelReader {
        ChannelReader {
            chunks,
            chunk: Cursor::new(Vec::new()),
            last: false,
        }
    }
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
    /// A sink writing cells with `converter` and sending its text to `sender`.
    pub fn new(converter: Converter, sender: SyncSender<Chunk>) -> Sink {
        Sink { converter, sender }
    }

    /// Adds a cell (see [`Converter::cell`]); false when the reader is gone and reading should
    /// stop.
    pub fn cell(&mut self, row: u32, col: u32, text: &str) -> Result<bool, Error> {
        self.converter.cell(row, col, text)?;
        Ok(self.send_full())
    }

    /// Adds a cell whose CSV field is at hand (see [`Converter::field`]); false when the reader
    /// is gone.
    #[inline]
    pub fn field(&mut self, row: u32, col: u32, text: &str, field: Field) -> Result<bool, Error> {
        self.converter.field(row, col, text, field)?;
        Ok(self.send_full())
    }

    /// Adds a cell whose CSV field is at hand and whose text `text` gives only when it is
    /// needed: the usual cell (see [`Converter::add`]) is written from its field alone. False
    /// when the reader is gone.
    #[inline]
    pub fn field_with<'t>(
        &mut self,
        row: u32,
        col: u32,
        field: Field,
        text: impl FnOnce() -> Result<&'t str, Error>,
    ) -> Result<bool, Error> {
        self.converter.field_with(row, col, field, text)?;
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
    pub fn finish(self, result: Result<(), Error>) {
        let Sink { converter, sender } = self;
        match result.and_then(|()| converter.finish()) {
            Ok(rest) => {
                let _ = sender.send(Ok((rest, true)));
            }
            Err(e) => send_error(&sender, e),
        }
    }
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
    fn a_stream_that_ends_without_its_last_chunk_is_an_error() {
        let (sender, chunks) = std::sync::mpsc::sync_channel::<Chunk>(2);
        let _ = sender.send(Ok((b"a,b\n".to_vec(), false)));
        drop(sender);
        let mut reader = ChannelReader::new(chunks);
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
        // Fields are given exact, or followed by other bytes (copied whole when short, then cut
        // off), some longer than the window.
        let texts = [
            "a",
            "",
            "b,c",
            "say \"hi\"",
            "two\nlines",
            "12",
            "exactly 16 bytes",
            "an answer longer than the window",
        ];
        for seed in 0..200u64 {
            let mut next = super::super::tests::dice(seed);
            let mut usual = Converter::new("s.xlsx", "Sheet1", next(8));
            let mut general = Converter::new("s.xlsx", "Sheet1", 0);
            general.declared_end = usual.declared_end;
            let (mut row, mut col) = (next(2) as u32, next(3) as u32);
            for _ in 0..300 {
                let text = texts[next(texts.len() as u64) as usize];
                let mut field = Vec::new();
                write_field(&mut field, text.as_bytes());
                let length = field.len();
                field.extend(
                    b"</v></c><c r=\"B2\" t=\"s\"><v>"
                        .iter()
                        .take(next(30) as usize),
                );
                let ours = match next(4) {
                    0 => usual.field(row, col, text, Field::new(&field, length)),
                    1 => usual.field(row, col, text, Field::new(&field[..length], length)),
                    2 => usual.field_with(row, col, Field::new(&field, length), || Ok(text)),
                    _ => usual.cell(row, col, text),
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
