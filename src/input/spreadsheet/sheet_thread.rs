//! The thread that streams an .xlsx sheet: it starts before calamine has checked the workbook,
//! reads the shared strings, guesses the sheet calamine will choose and scans it at once; the
//! guess is checked against calamine's choice before the reader sees any of its text, up to
//! [`GUESS_CHUNKS`] chunks of which wait meanwhile.

use std::io::{Cursor, Read};
use std::sync::mpsc::{self, Receiver, SyncSender};

use super::convert::{ChannelReader, Chunk, Converter, Sink};
use super::{check_dimension, choose_sheet, inflate, reader_failed, sheet_error, xlsx, Bytes};
use crate::error::Error;

/// The chunks of the guessed sheet's text that may wait for the reader: while calamine checks
/// the workbook (some 50 ms for 100,000 shared strings), the scan runs ahead on the other core
/// instead of stopping after a few chunks; once the guess is confirmed the reader, faster than
/// the scan, keeps the queue short. At most 8 MiB.
const GUESS_CHUNKS: usize = 32;

/// Which sheet a [`SheetThread`] streams: its name, its zip entry and the column after its
/// declared dimension's last.
type Start = (String, String, u64);

/// The zip archive of a workbook, as the sheet thread opened it.
type Archive = zip::result::ZipResult<zip::ZipArchive<Cursor<Bytes>>>;

/// The thread that streams an .xlsx sheet, started before calamine has checked the workbook
/// and chosen the sheet: it reads the shared strings while calamine checks the workbook on the
/// calling thread (calamine reads them too, so the two reads overlap instead of following each
/// other), guesses the sheet as calamine will choose it (from `xl/workbook.xml`, `--sheet` and
/// the sheet's `<dimension>`) and scans it at once, while a thread of its own inflates it. The
/// guess is checked against calamine's choice before the reader sees any of its text: a wrong
/// guess (or none) is dropped unread and the sheet calamine chose is scanned instead, so what the
/// reader gets, errors included, is what calamine's choice gives. Dropped without
/// [`SheetThread::stream`], it stops.
pub(super) struct SheetThread {
    /// The guessed sheet, sent before its scan starts (`None`: no guess).
    guessed: Receiver<Option<Start>>,
    /// The sheet calamine chose, when the guess was not it, with where its text goes.
    start: SyncSender<(Start, SyncSender<Chunk>)>,
    /// The text of the guessed sheet.
    chunks: Receiver<Chunk>,
}

impl SheetThread {
    pub(super) fn spawn(
        bytes: Bytes,
        display: &str,
        sheet: Option<&str>,
    ) -> Result<SheetThread, Error> {
        let (guess_sender, guessed) = mpsc::sync_channel(1);
        let (start, started) = mpsc::sync_channel::<(Start, SyncSender<Chunk>)>(1);
        let (sender, chunks) = mpsc::sync_channel(GUESS_CHUNKS);
        let thread_display = display.to_string();
        let wanted = sheet.map(str::to_string);
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
                let guess = zip.as_mut().ok().and_then(|zip| {
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        guess_sheet(zip, &thread_display, wanted.as_deref())
                    }))
                    .ok()
                    .flatten()
                });
                if guess_sender.send(guess.clone()).is_err() {
                    // The workbook was refused, or the sheet is streamed another way.
                    return;
                }
                if let Some(guess) = guess {
                    scan_sheet(&mut zip, strings.as_ref(), &thread_display, guess, sender);
                } else {
                    drop(sender);
                }
                // The guess was wrong, or there was none. A wrong guess's text is not read, so
                // its scan stops at its first full chunk, but a sheet that yields little text
                // (empty formatted cells) is scanned to its end first: time, not memory.
                let Ok((start, sender)) = started.recv() else {
                    return;
                };
                scan_sheet(&mut zip, strings.as_ref(), &thread_display, start, sender);
            })
            .map_err(|source| Error::Io {
                path: display.to_string(),
                source,
            })?;
        Ok(SheetThread {
            guessed,
            start,
            chunks,
        })
    }

    /// Streams the sheet `name`, held in zip entry `entry`: the guessed sheet's text if the guess
    /// was this sheet, else a scan of it started now.
    pub(super) fn stream(self, name: String, entry: String, end: u64) -> Box<dyn Read> {
        let start = (name, entry, end);
        if self.guessed.recv().ok().flatten().as_ref() == Some(&start) {
            return Box::new(ChannelReader::new(self.chunks));
        }
        drop(self.chunks);
        let (sender, chunks) = mpsc::sync_channel(4);
        // A thread that died is met by the reader as a stream without its last chunk.
        let _ = self.start.send((start, sender));
        Box::new(ChannelReader::new(chunks))
    }
}

/// The sheet calamine will choose, guessed from `xl/workbook.xml` as [`choose_sheet`] chooses
/// among calamine's names, with its entry and declared end; `None` when a guess cannot be made.
fn guess_sheet(
    zip: &mut zip::ZipArchive<Cursor<Bytes>>,
    display: &str,
    sheet: Option<&str>,
) -> Option<Start> {
    let sheets = xlsx::WorkbookSheets::read(zip)?;
    let name = choose_sheet(display, &sheets.names(), sheet).ok()?;
    let entry = sheets.entry(zip, &name)?;
    // The XML before <sheetData> is short: a dimension further in is no guess. An absurd one is
    // none either: calamine's is refused before any work.
    let dimension = xlsx::declared_dimension(zip.by_name(&entry).ok()?.take(1 << 16))?;
    check_dimension(display, &name, dimension).ok()?;
    Some((name, entry, u64::from(dimension.end.1) + 1))
}

/// Scans the sheet `start` names into CSV text sent to `sender` (the text ends with an error
/// if the sheet cannot be read), while a thread of its own inflates it.
fn scan_sheet(
    zip: &mut Archive,
    strings: Option<&Result<xlsx::SharedStrings, String>>,
    display: &str,
    (name, entry, end): Start,
    sender: SyncSender<Chunk>,
) {
    let mut sink = Sink::new(Converter::new(display, &name, end), sender);
    let error = |message: String| {
        if message == xlsx::MISSING_SHARED_STRING {
            reader_failed(display, &name)
        } else {
            sheet_error(display, &name, message)
        }
    };
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let (Ok(zip), Some(strings)) = (zip.as_mut(), strings) else {
            return Err(error("cannot open it as a zip".to_string()));
        };
        let strings = strings
            .as_ref()
            .map_err(|e| error(format!("its shared strings: {e}")))?;
        let mut archive = zip.clone();
        let sheet = zip
            .by_name(&entry)
            .map_err(|e| error(format!("cannot open {entry}: {e}")))?;
        // The sheet is inflated on a thread of its own while this one scans it (here, only if
        // no thread can be started).
        let inflated = inflate::spawn(move |pump| {
            if let Ok(mut sheet) = archive.by_name(&entry) {
                pump(&mut sheet);
            }
        });
        match inflated {
            Ok(inflated) => {
                drop(sheet);
                xlsx::read_sheet(inflated, strings, &mut sink, &error)
            }
            Err(_) => xlsx::read_sheet(sheet, strings, &mut sink, &error),
        }
    }))
    .unwrap_or_else(|_| Err(reader_failed(display, &name)));
    sink.finish(result);
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Reader as _;
    use std::sync::Arc;

    /// A workbook of two sheets of different widths, "First" and "Second".
    fn two_sheets() -> Bytes {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        for (name, width) in [("First", 3u16), ("Second", 5)] {
            let sheet = workbook.add_worksheet().set_name(name).unwrap();
            for row in 0..40u32 {
                for col in 0..width {
                    sheet
                        .write_string(row, col, format!("{name} {row} {col}"))
                        .unwrap();
                }
            }
        }
        Bytes(Arc::new(workbook.save_to_buffer().unwrap()))
    }

    /// Everything a stream of CSV text gives, its error as text.
    fn text(mut reader: Box<dyn Read>) -> String {
        let mut text = String::new();
        match reader.read_to_string(&mut text) {
            Ok(_) => text,
            Err(e) => format!("{text}error: {e}"),
        }
    }

    /// The sheet calamine chooses for `--sheet`, with its entry and declared end.
    fn calamine_start(bytes: &Bytes, sheet: Option<&str>) -> Start {
        let mut workbook = calamine::Xlsx::new(Cursor::new(bytes.clone())).unwrap();
        let name = choose_sheet("t.xlsx", &workbook.sheet_names(), sheet).unwrap();
        let end = workbook
            .worksheet_cells_reader(&name)
            .unwrap()
            .dimensions()
            .end
            .1;
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
        let entry = xlsx::sheet_entry(&mut zip, &name).unwrap();
        (name, entry, u64::from(end) + 1)
    }

    #[test]
    fn the_sheet_thread_guesses_the_sheet_calamine_chooses() {
        let bytes = two_sheets();
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes.clone())).unwrap();
        for sheet in [None, Some("first"), Some("Second"), Some("2")] {
            assert_eq!(
                guess_sheet(&mut zip, "t.xlsx", sheet),
                Some(calamine_start(&bytes, sheet)),
                "{sheet:?}"
            );
        }
        assert_eq!(guess_sheet(&mut zip, "t.xlsx", Some("Third")), None);
    }

    #[test]
    fn a_sheet_declaring_an_absurd_range_is_not_guessed() {
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.write_string(0, 0, "id").unwrap();
        sheet.write_string(1_048_575, 16_383, "stray").unwrap();
        let bytes = Bytes(Arc::new(workbook.save_to_buffer().unwrap()));
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        assert_eq!(guess_sheet(&mut zip, "t.xlsx", None), None);
    }

    #[test]
    fn a_wrong_guess_is_dropped_and_the_chosen_sheet_streamed_as_calamine_streams_it() {
        let bytes = two_sheets();
        let (first, second) = (
            calamine_start(&bytes, None),
            calamine_start(&bytes, Some("2")),
        );
        let mut wider = first.clone();
        wider.2 += 2;
        // The thread guesses "First" (or "Second"); it is told each of the three, right or wrong.
        for guess in [None, Some("2")] {
            for (name, entry, end) in [&first, &second, &wider].map(Clone::clone) {
                let thread = SheetThread::spawn(bytes.clone(), "t.xlsx", guess).unwrap();
                let streamed = text(thread.stream(name.clone(), entry, end));
                let workbook = calamine::Xlsx::new(Cursor::new(bytes.clone())).unwrap();
                let by_calamine =
                    super::super::stream_xlsx_by_calamine(workbook, "t.xlsx", name.clone(), end);
                assert_eq!(
                    streamed,
                    text(by_calamine.unwrap()),
                    "{guess:?} {name} {end}"
                );
                assert!(streamed.contains(&format!("{name} 39 0")), "{streamed}");
            }
        }
    }
}
