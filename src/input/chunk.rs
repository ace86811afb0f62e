//! The chunker and the field scanner: the body is cut into chunks that end on record boundaries
//! (quote-aware), and each chunk is split into fields by a small CSV scanner (the general path;
//! the fused path of [`super::fused`] scans plain records itself). Chunks go to worker threads,
//! each with its own accumulator; tallies are additive, so merging them gives exactly what one
//! thread would count. The long layout reads its chunks on one thread through the same scanner.
//! A chunk dense with quotes is cut where [`boundary`]'s 64-byte masks find its last record's
//! end; one with few quotes, where `last_boundary`'s searches do.
//!
//! The scanner follows the csv crate's reading of RFC 4180 (the slow path): a field is quoted
//! only when its first byte is a quote; `""` inside quotes is one quote; bytes after a closing
//! quote belong to the field; `\n`, `\r\n` and `\r` end a record; empty lines are skipped.

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::Arc;

use super::Context;
use crate::error::Error;
use boundary::Split;

mod boundary;
pub(crate) mod masks;

/// Bytes per chunk when one thread reads: small enough that a chunk stays in the processor's
/// cache between the reads of it (the copy from the file, the chunker's searches, the scan),
/// large enough to hold a thousand survey rows, or a few rows of 2,000 features.
pub const CHUNK_BYTES: usize = 1 << 18;

/// Bytes per chunk when several threads read ([`parallel`]): chunks handed to a helper thread
/// go through a channel, so chunks are larger than on one thread, to keep the handing over
/// rare (a chunk holds thousands of survey rows, or about ten rows of 2,000 features).
pub const THREADED_CHUNK_BYTES: usize = 1 << 19;

/// The longest record accepted: longer ones are an error rather than unbounded memory.
pub const MAX_RECORD_BYTES: usize = 16 << 20;

/// A run of whole records.
pub(crate) struct Chunk {
    /// Position in the sequence of chunks.
    pub index: usize,
    /// The buffer; its first `len` bytes are the records (the rest is room kept for reuse).
    buffer: Vec<u8>,
    len: usize,
    /// The file line on which the chunk's first record starts.
    pub first_line: u64,
    /// Whether the records hold no quote and no `\r` (known from cutting them): a scanner
    /// then has only the delimiter and `\n` to look for.
    pub plain: bool,
}

impl Chunk {
    /// The records' bytes.
    pub fn data(&self) -> &[u8] {
        &self.buffer[..self.len]
    }

    /// The buffer, for [`Chunker::recycle`].
    pub fn into_buffer(self) -> Vec<u8> {
        self.buffer
    }
}

/// Line ends in `data`: each `\n`, and each `\r` not followed by `\n` (old Mac files). A `\r`
/// at the very end counts as one unless `next` (the byte after `data`) is `\n`.
pub(crate) fn count_lines(data: &[u8], next: Option<u8>) -> u64 {
    if memchr::memchr(b'\r', data).is_none() {
        return count_newlines(data);
    }
    let mut lines = 0;
    for at in memchr::memchr2_iter(b'\n', b'\r', data) {
        let lone_cr = data[at] == b'\r' && data.get(at + 1).copied().or(next) != Some(b'\n');
        if data[at] == b'\n' || lone_cr {
            lines += 1;
        }
    }
    lines
}

/// The number of `\n` bytes in `data`.
fn count_newlines(data: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', data).count() as u64
}

/// Chunk buffers kept for reuse: fresh memory costs page faults and zeroing.
const SPARE_BUFFERS: usize = 16;

/// Cuts a stream into chunks of whole records.
pub(crate) struct Chunker<R: Read> {
    reader: R,
    carry: Vec<u8>,
    line: u64,
    delimiter: u8,
    done: bool,
    index: usize,
    path: String,
    /// The header, to name the column of an unclosed quote.
    header: Vec<String>,
    spare: Vec<Vec<u8>>,
    /// Bytes per chunk ([`CHUNK_BYTES`], or [`THREADED_CHUNK_BYTES`] for [`parallel`]).
    chunk_bytes: usize,
    /// Bytes read so far (for progress).
    pub bytes: u64,
}

impl<R: Read> Chunker<R> {
    /// Cuts the data after `context`'s header rows.
    pub fn new(reader: R, context: &Context) -> Chunker<R> {
        Chunker {
            reader,
            carry: Vec::new(),
            line: context.line_offset + 1,
            delimiter: context.delimiter,
            done: false,
            index: 0,
            path: context.path.clone(),
            header: context.header.clone(),
            spare: Vec::new(),
            chunk_bytes: CHUNK_BYTES,
            bytes: 0,
        }
    }

    fn io(&self, source: std::io::Error) -> Error {
        Error::Io {
            path: self.path.clone(),
            source,
        }
    }

    /// Takes back a chunk's buffer for a later chunk.
    pub fn recycle(&mut self, buffer: Vec<u8>) {
        if self.spare.len() < SPARE_BUFFERS {
            self.spare.push(buffer);
        }
    }

    /// The next chunk, or `None` at the end.
    pub fn next_chunk(&mut self) -> Result<Option<Chunk>, Error> {
        if self.done {
            return Ok(None);
        }
        let mut buffer = self.spare.pop().unwrap_or_default();
        let mut filled = self.carry.len();
        if buffer.len() < filled {
            buffer.resize(filled, 0);
        }
        buffer[..filled].copy_from_slice(&self.carry);
        let mut want = self.chunk_bytes.max(filled + self.chunk_bytes / 4);
        loop {
            while filled < want {
                if buffer.len() < want {
                    buffer.resize(want, 0);
                }
                let read = loop {
                    match self.reader.read(&mut buffer[filled..want]) {
                        Ok(n) => break n,
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(self.io(e)),
                    }
                };
                filled += read;
                self.bytes += read as u64;
                if read == 0 {
                    self.done = true;
                    break;
                }
            }
            if self.done {
                if filled == 0 {
                    return Ok(None);
                }
                self.carry.clear();
                let lines = count_lines(&buffer[..filled], None);
                return Ok(Some(self.emit(buffer, filled, lines, false)));
            }
            match split(&buffer[..filled], self.delimiter) {
                Some(Cut { end, lines, plain }) => {
                    self.carry.clear();
                    self.carry.extend_from_slice(&buffer[end..filled]);
                    return Ok(Some(self.emit(buffer, end, lines, plain)));
                }
                None if filled >= MAX_RECORD_BYTES => {
                    return Err(self.too_long(&buffer[..filled]));
                }
                None => want = (filled * 2).min(MAX_RECORD_BYTES),
            }
        }
    }

    /// The error for a record of more than [`MAX_RECORD_BYTES`] starting `data`: a quote left
    /// open (where it opens), or else a record too long (how many fields it has so far).
    fn too_long(&self, data: &[u8]) -> Error {
        let context = Context::new(&self.path, self.header.clone(), self.delimiter, 0);
        let mut fields = 0;
        let scanned = scan(
            data,
            self.delimiter,
            self.line,
            |row, _| {
                fields = row.len();
                Ok(())
            },
            |open| context.unterminated(open),
        );
        match scanned {
            Err(e) => e,
            Ok(()) => Error::Csv {
                path: self.path.clone(),
                line: self.line,
                message: format!(
                    "a record longer than {} MiB ({fields} fields so far, the header has {}): \
                     too long for a survey row",
                    MAX_RECORD_BYTES >> 20,
                    self.header.len()
                ),
            },
        }
    }

    /// The chunk of the first `len` bytes of `buffer`, which hold `lines` line ends (and no
    /// quote or `\r` when `plain`).
    fn emit(&mut self, buffer: Vec<u8>, len: usize, lines: u64, plain: bool) -> Chunk {
        let first_line = self.line;
        self.line += lines;
        let chunk = Chunk {
            index: self.index,
            buffer,
            len,
            first_line,
            plain,
        };
        self.index += 1;
        chunk
    }
}

/// Where [`split`] cuts.
#[derive(Debug, PartialEq, Eq)]
struct Cut {
    /// The end of the last whole record.
    end: usize,
    /// Line ends before it.
    lines: u64,
    /// Whether the data holds no quote and no `\r`.
    plain: bool,
}

/// The end of the last whole record in `data` (which starts on a record boundary), or `None`
/// when no record ends in it.
fn split(data: &[u8], delimiter: u8) -> Option<Cut> {
    // Without quotes and carriage returns, a record ends at each newline.
    if memchr::memchr2(b'"', b'\r', data).is_none() {
        let end = memchr::memrchr(b'\n', data)? + 1;
        return Some(Cut {
            end,
            lines: count_newlines(&data[..end]),
            plain: true,
        });
    }
    // Where quotes are few, last_boundary's searches skip long runs; where they are many (a
    // quoted file has two a field), the masks of 64-byte blocks cost less than a search each.
    let sample = &data[..data.len().min(QUOTE_SAMPLE)];
    if memchr::memchr_iter(b'"', sample).count() * DENSE_QUOTES > sample.len() {
        match boundary::split(data, delimiter) {
            Split::At { end, lines } => {
                return Some(Cut {
                    end,
                    lines,
                    plain: false,
                })
            }
            Split::Open => return None,
            Split::Literal => {}
        }
    }
    let end = last_boundary(data, delimiter)?;
    Some(Cut {
        end,
        lines: count_lines(&data[..end], data.get(end).copied()),
        plain: false,
    })
}

/// Bytes at the start of a chunk with quotes or carriage returns in which quotes are counted.
const QUOTE_SAMPLE: usize = 16 << 10;

/// A chunk with more than one quote in this many bytes of its sample is cut by
/// [`boundary::split`].
const DENSE_QUOTES: usize = 32;

/// The end of the last whole record in `data` (just past a `\n` outside quotes), starting from
/// a record boundary. A quote opens a quoted field only at a field's start, as in the csv crate.
fn last_boundary(data: &[u8], delimiter: u8) -> Option<usize> {
    let mut quoted = false;
    let mut last = None;
    let mut i = 0;
    while let Some(offset) = memchr::memchr3(b'"', b'\n', b'\r', &data[i..]) {
        let at = i + offset;
        if data[at] == b'\n' {
            if !quoted {
                last = Some(at + 1);
            }
            i = at + 1;
            continue;
        }
        if data[at] == b'\r' {
            // A lone \r ends a record too (old Mac files); before \n the \n decides, and at the
            // end of the data the next byte is unknown, so no boundary is set there.
            if !quoted && at + 1 < data.len() && data[at + 1] != b'\n' {
                last = Some(at + 1);
            }
            i = at + 1;
            continue;
        }
        if quoted {
            if data.get(at + 1) == Some(&b'"') {
                i = at + 2;
                continue;
            }
            quoted = false;
        } else if at == 0 || matches!(data[at - 1], b'\n' | b'\r') || data[at - 1] == delimiter {
            quoted = true;
        }
        i = at + 1;
    }
    last
}

/// The fields of one record: ranges into the chunk, or into a scratch buffer for quoted fields
/// that needed unescaping.
#[derive(Default)]
pub(crate) struct Fields {
    ranges: Vec<(u32, u32, bool)>,
    scratch: Vec<u8>,
}

impl Fields {
    /// How many fields.
    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    /// Field `i`'s bytes.
    pub fn get<'a>(&'a self, data: &'a [u8], i: usize) -> &'a [u8] {
        match self.ranges.get(i) {
            Some(&(start, end, false)) => &data[start as usize..end as usize],
            Some(&(start, end, true)) => &self.scratch[start as usize..end as usize],
            None => &[],
        }
    }
}

/// A quoted field that no quote closes before the end of the data: the rest of the file would
/// be one cell, so it is an error on every path (the csv crate would take it silently).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unterminated {
    /// The line on which the quote opens.
    pub line: u64,
    /// The field's index in its record.
    pub field: usize,
    /// The value after the quote up to its first line end (at most [`UNTERMINATED_SHOWN`]
    /// bytes).
    pub start: Vec<u8>,
    /// Lines from the quote's to the last, which the field would swallow.
    pub lines: u64,
}

/// The most bytes of an unterminated value kept for the message.
const UNTERMINATED_SHOWN: usize = 60;

/// Splits a chunk of whole records into fields, calling `row(fields, line)` for each record.
/// A quoted field left open at the end of the data is handed to `unterminated` instead, and
/// scanning stops there.
pub(crate) fn scan<E>(
    data: &[u8],
    delimiter: u8,
    first_line: u64,
    mut row: impl FnMut(&Fields, u64) -> Result<(), E>,
    unterminated: impl FnOnce(Unterminated) -> E,
) -> Result<(), E> {
    let mut fields = Fields::default();
    let mut pos = 0usize;
    let mut line = first_line;
    let len = data.len();
    while pos < len {
        // Empty lines are no records.
        match data[pos] {
            b'\n' => {
                pos += 1;
                line += 1;
                continue;
            }
            b'\r' => {
                pos += 1;
                if data.get(pos) == Some(&b'\n') {
                    pos += 1;
                }
                line += 1;
                continue;
            }
            _ => {}
        }
        let record_line = line;
        fields.ranges.clear();
        fields.scratch.clear();
        loop {
            let end_of_field;
            if data.get(pos) == Some(&b'"') {
                // Quoted: copy into scratch only when an escaped quote or trailing bytes appear.
                let start = pos + 1;
                let quote_line = line;
                let mut cursor = start;
                let mut copied: Option<usize> = None;
                loop {
                    match memchr::memchr(b'"', &data[cursor..]) {
                        None => {
                            // Chunks end on record boundaries, so no quote closes this one.
                            let rest = &data[start..];
                            let first_line = memchr::memchr2(b'\n', b'\r', rest)
                                .unwrap_or(rest.len())
                                .min(UNTERMINATED_SHOWN);
                            let ends = matches!(rest.last(), Some(b'\n' | b'\r'));
                            return Err(unterminated(Unterminated {
                                line: quote_line,
                                field: fields.ranges.len(),
                                start: rest[..first_line].to_vec(),
                                lines: count_lines(rest, None) + u64::from(!ends),
                            }));
                        }
                        Some(offset) => {
                            let quote = cursor + offset;
                            line += count_lines(&data[cursor..quote], Some(b'"'));
                            if data.get(quote + 1) == Some(&b'"') {
                                let s = *copied.get_or_insert(fields.scratch.len());
                                let _ = s;
                                fields.scratch.extend_from_slice(&data[cursor..=quote]);
                                cursor = quote + 2;
                                continue;
                            }
                            // Closing quote; bytes up to the delimiter or line end are kept.
                            let after = quote + 1;
                            let stop = field_end(data, after, delimiter);
                            match copied {
                                Some(s) => {
                                    fields.scratch.extend_from_slice(&data[cursor..quote]);
                                    fields.scratch.extend_from_slice(&data[after..stop]);
                                    fields.ranges.push((
                                        s as u32,
                                        fields.scratch.len() as u32,
                                        true,
                                    ));
                                }
                                None if stop > after => {
                                    let s = fields.scratch.len();
                                    fields.scratch.extend_from_slice(&data[start..quote]);
                                    fields.scratch.extend_from_slice(&data[after..stop]);
                                    fields.ranges.push((
                                        s as u32,
                                        fields.scratch.len() as u32,
                                        true,
                                    ));
                                }
                                None => fields.ranges.push((start as u32, quote as u32, false)),
                            }
                            cursor = stop;
                            break;
                        }
                    }
                }
                end_of_field = cursor;
            } else {
                let stop = field_end(data, pos, delimiter);
                fields.ranges.push((pos as u32, stop as u32, false));
                end_of_field = stop;
            }
            match data.get(end_of_field) {
                Some(&b) if b == delimiter => {
                    pos = end_of_field + 1;
                    if pos == len {
                        fields.ranges.push((len as u32, len as u32, false));
                        break;
                    }
                }
                Some(b'\n') => {
                    pos = end_of_field + 1;
                    line += 1;
                    break;
                }
                Some(b'\r') => {
                    pos = end_of_field + 1;
                    if data.get(pos) == Some(&b'\n') {
                        pos += 1;
                    }
                    line += 1;
                    break;
                }
                _ => {
                    pos = len;
                    break;
                }
            }
        }
        row(&fields, record_line)?;
    }
    Ok(())
}

/// Bytes looked at one by one before [`field_end`] hands over to `memchr3`: survey cells are
/// short, and a plain loop finds their end before `memchr3` has set up.
const SHORT_FIELD: usize = 24;

/// Where the field starting at `from` ends: the first delimiter, `\n` or `\r`, or the end.
fn field_end(data: &[u8], from: usize, delimiter: u8) -> usize {
    let near = data.len().min(from + SHORT_FIELD);
    match data[from..near]
        .iter()
        .position(|&b| b == delimiter || b == b'\n' || b == b'\r')
    {
        Some(offset) => from + offset,
        None => {
            memchr::memchr3(delimiter, b'\n', b'\r', &data[near..]).map_or(data.len(), |o| near + o)
        }
    }
}

/// Runs `work` over every chunk of `chunker` on `threads` threads. Each thread folds chunks
/// into its own state made by `init`; the states are returned, the calling thread's first. On
/// an error, the one from the earliest chunk wins, as a single pass would.
///
/// The calling thread reads: each chunk it reads goes to a queue of one chunk per helper
/// thread, or, when the queue is full (every helper busy and one waiting), is worked on by the
/// calling thread itself, while its bytes are still in its core's cache. So `threads` threads
/// run, not a reader beside `threads` workers (on two cores a third thread only takes turns
/// with the others), and at most `2 * threads - 1` chunks are in memory.
pub(crate) fn parallel<R, S, W>(
    mut chunker: Chunker<R>,
    threads: usize,
    init: impl Fn() -> S + Sync,
    work: W,
    mut progress: impl FnMut(u64),
) -> Result<Vec<S>, Error>
where
    R: Read,
    S: Send,
    W: Fn(&mut S, &Chunk) -> Result<(), Error> + Sync,
{
    if threads <= 1 {
        let mut state = init();
        while let Some(chunk) = chunker.next_chunk()? {
            work(&mut state, &chunk)?;
            progress(chunker.bytes);
            chunker.recycle(chunk.buffer);
        }
        return Ok(vec![state]);
    }
    chunker.chunk_bytes = THREADED_CHUNK_BYTES;
    let stop = AtomicBool::new(false);
    // Folds `chunk` into `state`, unless an earlier chunk of this thread failed; notes the
    // earliest chunk's error and stops the reading at the first.
    let fold = |state: &mut S, first_error: &mut Option<(usize, Error)>, chunk: &Chunk| {
        if first_error.as_ref().is_some_and(|(i, _)| chunk.index > *i) {
            return;
        }
        if let Err(e) = work(state, chunk) {
            stop.store(true, Ordering::Relaxed);
            if first_error.as_ref().is_none_or(|(i, _)| chunk.index < *i) {
                *first_error = Some((chunk.index, e));
            }
        }
    };
    std::thread::scope(|scope| {
        let helpers = threads - 1;
        let (sender, receiver) = mpsc::sync_channel::<Chunk>(helpers);
        let receiver = Arc::new(std::sync::Mutex::new(receiver));
        // Buffers of finished chunks go back to the reader.
        let (giver, taker) = mpsc::channel::<Vec<u8>>();
        let mut handles = Vec::new();
        for _ in 0..helpers {
            let receiver = Arc::clone(&receiver);
            let giver = giver.clone();
            let (init, fold) = (&init, &fold);
            handles.push(scope.spawn(move || {
                let mut state = init();
                let mut first_error: Option<(usize, Error)> = None;
                loop {
                    let chunk = match receiver.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => break,
                    };
                    let Ok(chunk) = chunk else { break };
                    fold(&mut state, &mut first_error, &chunk);
                    let _ = giver.send(chunk.buffer);
                }
                (state, first_error)
            }));
        }
        drop(giver);
        // Only the helpers hold the receiver: when every one has stopped (a panic), the next
        // hand-over fails and the reading stops.
        drop(receiver);
        let mut state = init();
        let mut error: Option<(usize, Error)> = None;
        let mut panicked = false;
        while !stop.load(Ordering::Relaxed) {
            while let Ok(buffer) = taker.try_recv() {
                chunker.recycle(buffer);
            }
            let chunk = match chunker.next_chunk() {
                Ok(Some(chunk)) => chunk,
                Ok(None) => break,
                Err(e) => {
                    // After every chunk read: any chunk's own error comes before it.
                    if error.is_none() {
                        error = Some((usize::MAX, e));
                    }
                    break;
                }
            };
            progress(chunker.bytes);
            match sender.try_send(chunk) {
                Ok(()) => {}
                Err(mpsc::TrySendError::Full(chunk)) => {
                    // A panic here is reported as a helper's is, once every helper is joined.
                    let folded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        fold(&mut state, &mut error, &chunk);
                    }));
                    if folded.is_err() {
                        panicked = true;
                        break;
                    }
                    chunker.recycle(chunk.buffer);
                }
                Err(mpsc::TrySendError::Disconnected(_)) => break,
            }
        }
        drop(sender);
        let mut states = vec![state];
        // Every thread is joined, so that a panic in one is this error, not the scope's panic.
        for handle in handles {
            match handle.join() {
                Ok((state, e)) => {
                    states.push(state);
                    if let Some((i, e)) = e {
                        if error.as_ref().is_none_or(|(j, _)| i < *j) {
                            error = Some((i, e));
                        }
                    }
                }
                Err(_) => panicked = true,
            }
        }
        if panicked {
            return Err(Error::usage(
                "a reading thread stopped unexpectedly",
                "run again with --threads 1 and report the file that caused it",
            ));
        }
        match error {
            Some((_, e)) => Err(e),
            None => Ok(states),
        }
    })
}

/// Reads every record of `reader` one by one on this thread, as csv records whose position
/// line is the file line minus `line_offset` (so `Context::line` gives the file line).
pub(crate) fn for_each_record<R: Read>(
    reader: R,
    context: &Context,
    mut f: impl FnMut(&csv::ByteRecord) -> Result<(), Error>,
) -> Result<(), Error> {
    let (delimiter, line_offset) = (context.delimiter, context.line_offset);
    let mut chunker = Chunker::new(reader, context);
    let mut record = csv::ByteRecord::new();
    while let Some(chunk) = chunker.next_chunk()? {
        let data = chunk.data();
        scan(
            data,
            delimiter,
            chunk.first_line,
            |fields, line| {
                record.clear();
                for i in 0..fields.len() {
                    record.push_field(fields.get(data, i));
                }
                let mut position = csv::Position::new();
                position.set_line(line - line_offset);
                record.set_position(Some(position));
                f(&record)
            },
            |open| context.unterminated(open),
        )?;
        chunker.recycle(chunk.buffer);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(data: &[u8]) -> Vec<(u64, Vec<String>)> {
        let mut out = Vec::new();
        scan::<Unterminated>(
            data,
            b',',
            1,
            |fields, line| {
                let cells = (0..fields.len())
                    .map(|i| String::from_utf8_lossy(fields.get(data, i)).into_owned())
                    .collect();
                out.push((line, cells));
                Ok(())
            },
            |open| open,
        )
        .unwrap();
        out
    }

    fn via_csv(data: &[u8]) -> Vec<(u64, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(data);
        reader
            .byte_records()
            .map(|r| {
                let r = r.unwrap();
                let line = r.position().unwrap().line();
                (
                    line,
                    r.iter()
                        .map(|f| String::from_utf8_lossy(f).into_owned())
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn the_reading_thread_reads_a_chunk_itself_while_every_helper_is_busy() {
        let data = "a\n".repeat(4 * THREADED_CHUNK_BYTES);
        let context = Context::new("t.csv", vec!["a".into()], b',', 0);
        let reader = std::thread::current().id();
        let reader_worked = AtomicBool::new(false);
        // The helper holds its first chunk until the reading thread has worked on one (or ten
        // seconds have passed): the queue fills, and the reading thread must take a chunk.
        let work = |chunks: &mut usize, _: &Chunk| -> Result<(), Error> {
            if std::thread::current().id() == reader {
                reader_worked.store(true, Ordering::Relaxed);
            } else {
                let start = std::time::Instant::now();
                while !reader_worked.load(Ordering::Relaxed)
                    && start.elapsed() < std::time::Duration::from_secs(10)
                {
                    std::thread::yield_now();
                }
            }
            *chunks += 1;
            Ok(())
        };
        let chunker = Chunker::new(data.as_bytes(), &context);
        let states = parallel(chunker, 2, || 0usize, work, |_| {}).unwrap();
        assert!(reader_worked.load(Ordering::Relaxed));
        // Two threads' states, the reading thread's first, and every chunk read once.
        assert_eq!(states.len(), 2);
        assert!(states[0] > 0 && states[1] > 0, "{states:?}");
        let mut chunker = Chunker::new(data.as_bytes(), &context);
        chunker.chunk_bytes = THREADED_CHUNK_BYTES;
        let mut chunks = 0;
        while chunker.next_chunk().unwrap().is_some() {
            chunks += 1;
        }
        assert_eq!(states.iter().sum::<usize>(), chunks);
    }

    #[test]
    fn workers_that_all_panic_give_an_error_not_a_hang() {
        let data = "a\n".repeat(3 * THREADED_CHUNK_BYTES / 2);
        let context = Context::new("t.csv", vec!["a".into()], b',', 0);
        for threads in [2, 3] {
            let chunker = Chunker::new(data.as_bytes(), &context);
            let work = |_: &mut (), _: &Chunk| -> Result<(), Error> { panic!("a test panic") };
            let read = parallel(chunker, threads, || (), work, |_| {});
            let message = read.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(
                message.contains("a reading thread stopped unexpectedly"),
                "{message}"
            );
        }
    }

    #[test]
    fn a_cut_is_plain_only_without_quotes_and_carriage_returns() {
        let cut = |end, lines, plain| Some(Cut { end, lines, plain });
        assert_eq!(split(b"a,b\nc,d\ne,", b','), cut(8, 2, true));
        assert_eq!(split(b"a,\"b\"\nc,d\ne,", b','), cut(10, 2, false));
        assert_eq!(split(b"a,b\r\nc,d\ne,", b','), cut(9, 2, false));
        // The last chunk is not cut: it says nothing of its bytes.
        let context = Context::new("t.csv", vec!["a".into()], b',', 0);
        let mut chunker = Chunker::new(&b"a\nb\n"[..], &context);
        let chunk = chunker.next_chunk().unwrap().unwrap();
        assert_eq!((chunk.data(), chunk.plain), (&b"a\nb\n"[..], false));
    }

    #[test]
    fn the_scanner_reads_exactly_what_the_csv_crate_reads() {
        let cases: &[&[u8]] = &[
            b"a,b,c\n1,2,3\n",
            b"a,b\r\n1,2\r\n3,4",
            b"a,\"b,c\",d\n",
            b"\"x\"\"y\",z\n",
            b"\"multi\nline\",2\n3,4\n",
            b"a,b,\n,,\n",
            b"\n\na,b\n\n",
            b"\"ab\"cd,e\n",
            b"a\"b,c\n",
            b"\"\",\"\"\"\"\n",
            b"a,b\rc,d\r",
            b"a,b,",
            // Fields longer than SHORT_FIELD, plain and after a closing quote.
            b"abcdefghijklmnopqrstuvwxyz0123456789,x\n\"q\"abcdefghijklmnopqrstuvwxyz0123,y\r\n",
            b"abcdefghijklmnopqrstuvwxyz0123456789",
        ];
        for case in cases {
            let (ours, theirs) = (records(case), via_csv(case));
            if case.contains(&b'\r') || case.starts_with(b"\n") {
                // The csv crate numbers a record after a CRLF one line too low (it consumes
                // the \n with the next record) and skips leading blank lines without counting
                // them; ours count every \n before the record, as an editor does.
                let fields =
                    |r: &[(u64, Vec<String>)]| r.iter().map(|x| x.1.clone()).collect::<Vec<_>>();
                assert_eq!(
                    fields(&ours),
                    fields(&theirs),
                    "{:?}",
                    String::from_utf8_lossy(case)
                );
            } else {
                assert_eq!(ours, theirs, "{:?}", String::from_utf8_lossy(case));
            }
        }
    }

    #[test]
    fn an_unterminated_quote_stops_the_scan_where_it_opens() {
        let mut rows = 0;
        let open = scan(
            b"a,b\nc,\"d\ne,f\ng,h",
            b',',
            7,
            |_, _| {
                rows += 1;
                Ok(())
            },
            |open| open,
        );
        assert_eq!(rows, 1);
        assert_eq!(
            open,
            Err(Unterminated {
                line: 8,
                field: 1,
                start: b"d".to_vec(),
                lines: 3
            })
        );
    }

    #[test]
    fn a_record_too_long_names_its_open_quote_or_its_length() {
        let header = vec!["a".to_string(), "b".to_string()];
        let context = Context::new("t.csv", header, b',', 4);
        let mut open = b"1,2\n3,\"".to_vec();
        open.resize(MAX_RECORD_BYTES + 10, b'x');
        let mut chunker = Chunker::new(open.as_slice(), &context);
        assert!(chunker.next_chunk().is_ok());
        let message = chunker.next_chunk().err().unwrap().to_string();
        assert!(
            message.contains("t.csv line 6, column \"b\": the quote"),
            "{message}"
        );
        let long = vec![b','; MAX_RECORD_BYTES + 10];
        let mut chunker = Chunker::new(long.as_slice(), &context);
        let message = chunker.next_chunk().err().unwrap().to_string();
        assert!(
            message.contains("fields so far, the header has 2"),
            "{message}"
        );
        assert!(!message.contains("quote"), "{message}");
    }

    #[test]
    fn boundaries_fall_after_newlines_outside_quotes() {
        assert_eq!(last_boundary(b"a,b\nc,d", b','), Some(4));
        assert_eq!(last_boundary(b"a,\"b\nc\",d\ne", b','), Some(10));
        assert_eq!(last_boundary(b"a,\"b\nc", b','), Some(0).filter(|_| false));
        assert_eq!(last_boundary(b"a\"b\nc", b','), Some(4));
        assert_eq!(last_boundary(b"\"x\"\"\ny\"\nz", b','), Some(8));
        assert_eq!(last_boundary(b"a,b\rc,d\re", b','), Some(8));
        assert_eq!(last_boundary(b"a,b\r\nc", b','), Some(5));
        assert_eq!(last_boundary(b"a,b\r", b','), None);
    }

    #[test]
    fn lone_carriage_returns_end_lines_like_newlines() {
        assert_eq!(count_lines(b"a\rb\r\nc\nd", None), 3);
        assert_eq!(count_lines(b"a\r", Some(b'\n')), 0);
        assert_eq!(count_lines(b"a\r", None), 1);
        let lines: Vec<u64> = records(b"h\rx\r\ry\r\nz").iter().map(|r| r.0).collect();
        assert_eq!(lines, vec![1, 2, 4, 5]);
    }

    /// Every record with its line, and the unterminated quote that ends the scan if any.
    type Scanned = (Vec<(u64, Vec<Vec<u8>>)>, Option<Unterminated>);

    fn scanned(data: &[u8], first_line: u64, out: &mut Scanned) {
        let result = scan(
            data,
            b',',
            first_line,
            |fields, line| {
                let cells = (0..fields.len())
                    .map(|i| fields.get(data, i).to_vec())
                    .collect();
                out.0.push((line, cells));
                Ok(())
            },
            |open| open,
        );
        if let Err(open) = result {
            out.1 = Some(open);
        }
    }

    /// The records of `data` read through chunks of about `chunk_bytes`.
    fn chunked(data: &[u8], chunk_bytes: usize) -> Scanned {
        let context = Context::new("t.csv", Vec::new(), b',', 0);
        let mut chunker = Chunker::new(data, &context);
        chunker.chunk_bytes = chunk_bytes;
        let mut out = (Vec::new(), None);
        while let Some(chunk) = chunker.next_chunk().unwrap() {
            scanned(chunk.data(), chunk.first_line, &mut out);
            chunker.recycle(chunk.into_buffer());
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]
        #[test]
        fn chunk_seams_change_no_record_and_no_line(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    &b"a"[..], b"bcd", b",", b"\"", b"\"\"", b",\"x\"", b",\"y\nz\"", b"\n",
                    b"\r\n", b"\r", b"\n\"q\"\"r\",s",
                ]),
                0..400,
            ),
            chunk_bytes in 8usize..300,
        ) {
            let data = pieces.concat();
            let mut whole = (Vec::new(), None);
            scanned(&data, 1, &mut whole);
            proptest::prop_assert_eq!(chunked(&data, chunk_bytes), whole);
        }
    }

    #[test]
    fn chunks_cover_the_stream_and_count_lines() {
        let text: String = (0..50_000).map(|i| format!("{i},\"a\nb\",c\n")).collect();
        let context = Context::new("t.csv", Vec::new(), b',', 1);
        let mut chunker = Chunker::new(text.as_bytes(), &context);
        let mut joined = Vec::new();
        let mut expected_line = 2;
        while let Some(chunk) = chunker.next_chunk().unwrap() {
            assert_eq!(chunk.first_line, expected_line);
            expected_line += chunk.data().iter().filter(|b| **b == b'\n').count() as u64;
            assert!(chunk.data().ends_with(b"\n"));
            joined.extend_from_slice(chunk.data());
        }
        assert_eq!(joined, text.as_bytes());
    }
}
