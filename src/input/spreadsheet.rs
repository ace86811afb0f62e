//! Spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods) as a stream of CSV text, in memory that does
//! not grow with the number of rows where the format allows it.
//!
//! - xlsx and xlsb are streamed: a thread walks the sheet's cells in file order (xlsx by
//!   scanning the sheet's XML itself, see `xlsx`, while a second thread inflates it, see
//!   `inflate`; xlsb by calamine's cell reader) and hands CSV text over a bounded channel, one
//!   chunk at a time; an absurd declared dimension is refused before any work. The xlsx thread
//!   starts on a guess of the sheet while calamine still checks the workbook, and its text
//!   reaches the reader only once calamine has chosen that sheet (see `sheet_thread`).
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
//!
//! `convert` writes that CSV from the cells, in every format, and carries it from a streaming
//! thread to the reader.

use std::io::{self, Cursor, Read};
use std::sync::mpsc;
use std::sync::Arc;

use calamine::{Data, DataRef, Reader as _};

use super::source::{Source, SourceInfo};

mod cells;
mod convert;
mod inflate;
mod sheet_thread;
mod xlsx;
use crate::error::{printable, Error};
use convert::{ChannelReader, Converter, Sink, CHUNK_BYTES};
use sheet_thread::SheetThread;

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
            let thread = SheetThread::spawn(bytes.clone(), display, sheet)?;
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
            let mut sink = Sink::new(Converter::new(&thread_display, &name, declared_end), sender);
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
    Ok(Box::new(ChannelReader::new(chunks)))
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

    /// A seeded stream of pseudo-random numbers below `n` (a 64-bit linear congruential
    /// generator): the cells and sheets the tests of this module and its children generate.
    pub(super) fn dice(seed: u64) -> impl FnMut(u64) -> u64 {
        let mut state = seed;
        move |n| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        }
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
}
