//! A zip entry inflated on a thread of its own, so that inflating a sheet's XML and scanning it
//! run side by side on two cores instead of one after the other.
//!
//! The inflating thread fills blocks of [`BLOCK`] bytes, each after [`ROOM`] bytes left free,
//! and sends them over a bounded channel. The scanner takes a block over as its buffer, with
//! the few bytes it had not read yet copied into the room before it, and hands its old buffer
//! back to be filled again: the XML is not copied once more, and a few blocks are all the
//! memory this takes, however large the entry. What the entry's reader gives is passed on as
//! it is: its bytes, its errors (a damaged stream, a checksum that does not match) after the
//! bytes before them, and a panic, which is raised again in the scanning thread (where
//! `spreadsheet` catches panics and reports a damaged file) instead of ending the stream early.

use std::any::Any;
use std::io::{self, Read};
use std::sync::mpsc::{self, Receiver, Sender};

use super::xlsx::Refill;

/// The bytes inflated at a time: the XML scanner's block.
const BLOCK: usize = 1 << 18;

/// The room before each block for the bytes the scanner has not read yet: more than the most a
/// cell read without tokens asks for, so a longer run of unread bytes (a long tag or text) is
/// rare, and is copied instead.
const ROOM: usize = 4096;

/// The blocks that may wait to be read: enough to keep both threads busy, and few.
const WAITING: usize = 2;

/// What the inflating thread sends: a block (its bytes after [`ROOM`]; none at the end of the
/// entry), an error of the entry's reader, or the payload of a panic in it.
enum Message {
    Block(Vec<u8>),
    Error(io::Error),
    Panic(Box<dyn Any + Send>),
}

/// The inflated bytes of a zip entry, from the thread that inflates them.
pub struct Inflated {
    blocks: Receiver<Message>,
    /// Buffers taken over, handed back to be filled again.
    spent: Sender<Vec<u8>>,
    /// Whether the entry ended (then no more blocks come).
    ended: bool,
    /// The error that ended it, given again on every later refill (a reader that met it
    /// while wanting more bytes reads on and must meet it again, not a clean end).
    failed: Option<(io::ErrorKind, String)>,
}

/// Starts a thread that runs `inflate`, which opens the entry there and hands its reader to
/// the pump it is given; the pump reads everything from it. Gives the reader of what is read.
/// The thread stops at the end of the entry, at its first error, or when the [`Inflated`] is
/// dropped; if `inflate` never calls the pump, the reader meets a stream without its end.
pub fn spawn<F>(inflate: F) -> io::Result<Inflated>
where
    F: FnOnce(&mut dyn FnMut(&mut dyn Read)) + Send + 'static,
{
    let (sender, blocks) = mpsc::sync_channel(WAITING);
    let (spent, recycled) = mpsc::channel::<Vec<u8>>();
    std::thread::Builder::new()
        .name("kano-inflate".to_string())
        .spawn(move || {
            let mut pump = |source: &mut dyn Read| loop {
                let mut block = recycled.try_recv().unwrap_or_default();
                let error = fill(source, &mut block);
                // The bytes before an error go first, as the entry's reader gave them; an empty
                // block is the end.
                let last = block.len() == ROOM;
                if (error.is_none() || !last) && sender.send(Message::Block(block)).is_err() {
                    return;
                }
                if let Some(e) = error {
                    let _ = sender.send(Message::Error(e));
                    return;
                }
                if last {
                    return;
                }
            };
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                inflate(&mut pump);
            }));
            if let Err(payload) = result {
                let _ = sender.send(Message::Panic(payload));
            }
        })?;
    Ok(Inflated {
        blocks,
        spent,
        ended: false,
        failed: None,
    })
}

/// Fills `block` with up to [`BLOCK`] bytes from `source` after [`ROOM`] bytes, fewer only at
/// its end or at an error, which is given back. Reads are of the whole room left, as the
/// scanner makes them.
fn fill(source: &mut dyn Read, block: &mut Vec<u8>) -> Option<io::Error> {
    // A recycled block that was full writes no zeros here (only the first and a short last
    // one do).
    block.resize(ROOM + BLOCK, 0);
    let mut filled = ROOM;
    let mut error = None;
    while filled < ROOM + BLOCK {
        match source.read(&mut block[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                error = Some(e);
                break;
            }
        }
    }
    block.truncate(filled);
    error
}

impl Refill for Inflated {
    /// Puts the next block after the unread bytes `buf[*pos..*end]`, taking the block over as
    /// `buf` when those fit in the room before it, and gives how many bytes came: 0 at the end
    /// of the entry.
    fn refill(&mut self, buf: &mut Vec<u8>, pos: &mut usize, end: &mut usize) -> io::Result<usize> {
        if let Some((kind, message)) = &self.failed {
            return Err(io::Error::new(*kind, message.clone()));
        }
        if self.ended {
            return Ok(0);
        }
        let message = self
            .blocks
            .recv()
            .map_err(|_| io::Error::other("the thread inflating the sheet stopped unexpectedly"))?;
        let mut block = match message {
            Message::Block(block) => block,
            Message::Error(e) => {
                self.ended = true;
                self.failed = Some((e.kind(), e.to_string()));
                return Err(e);
            }
            Message::Panic(payload) => std::panic::resume_unwind(payload),
        };
        let read = block.len().saturating_sub(ROOM);
        let unread = buf.get(*pos..*end).unwrap_or_default();
        if read == 0 {
            self.ended = true;
        } else if unread.len() <= ROOM {
            let start = ROOM - unread.len();
            block[start..ROOM].copy_from_slice(unread);
            std::mem::swap(buf, &mut block);
            (*pos, *end) = (start, buf.len());
        } else {
            let unread = *pos..*end;
            buf.copy_within(unread.clone(), 0);
            buf.truncate(unread.len());
            buf.extend_from_slice(&block[ROOM..]);
            (*pos, *end) = (0, buf.len());
        }
        // The thread may have ended: the buffer is then dropped.
        let _ = self.spent.send(block);
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Gives `data` in pieces of `step` bytes, then `error` if any.
    struct Pieces {
        data: Vec<u8>,
        at: usize,
        step: usize,
        error: Option<io::ErrorKind>,
    }

    impl Read for Pieces {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len() - self.at);
            if n == 0 {
                if let Some(kind) = self.error.take() {
                    return Err(io::Error::new(kind, "damaged"));
                }
            }
            buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn data(length: usize) -> Vec<u8> {
        let mut next = super::super::tests::dice(length as u64);
        (0..length).map(|_| next(256) as u8).collect()
    }

    /// Every byte of `inflated`, refilled as a scanner refills, leaving unread now a few bytes,
    /// now more than the room holds; and the error that ended it, if any.
    fn drain(mut inflated: Inflated, seed: u64) -> (Vec<u8>, Option<io::Error>) {
        let mut next = super::super::tests::dice(seed);
        let (mut buf, mut pos, mut end) = (Vec::new(), 0, 0);
        let mut got = Vec::new();
        loop {
            let unread = match next(4) {
                0 => 0,
                1 => ROOM,
                2 => next(300) as usize,
                _ => ROOM + 1 + next(2 * ROOM as u64) as usize,
            };
            let keep = unread.min(end - pos);
            got.extend_from_slice(&buf[pos..end - keep]);
            pos = end - keep;
            match inflated.refill(&mut buf, &mut pos, &mut end) {
                Ok(0) => {
                    got.extend_from_slice(&buf[pos..end]);
                    return (got, None);
                }
                Ok(_) => {}
                Err(e) => {
                    got.extend_from_slice(&buf[pos..end]);
                    return (got, Some(e));
                }
            }
        }
    }

    #[test]
    fn every_byte_arrives_in_order_whatever_the_seams() {
        for (length, step) in [
            (0, 1),
            (1, 1),
            (BLOCK - 1, 7_000),
            (BLOCK, BLOCK),
            (BLOCK + 1, 1 << 16),
            (5 * BLOCK + 123, 10_007),
        ] {
            let expected = data(length);
            let source = Pieces {
                data: expected.clone(),
                at: 0,
                step,
                error: None,
            };
            let Ok(inflated) = spawn(move |pump| pump(&mut { source })) else {
                panic!("no thread");
            };
            let (got, error) = drain(inflated, length as u64);
            assert!(error.is_none(), "{length}");
            assert!(got == expected, "{length} bytes in steps of {step}");
        }
    }

    #[test]
    fn an_error_arrives_after_the_bytes_before_it() {
        let expected = data(3 * BLOCK + 5);
        let source = Pieces {
            data: expected.clone(),
            at: 0,
            step: 4096,
            error: Some(io::ErrorKind::InvalidData),
        };
        let Ok(inflated) = spawn(move |pump| pump(&mut { source })) else {
            panic!("no thread");
        };
        let (got, error) = drain(inflated, 1);
        assert!(error
            .is_some_and(|e| e.kind() == io::ErrorKind::InvalidData && e.to_string() == "damaged"));
        // Every byte before the error arrived, those of the short block it ended too.
        assert!(got == expected);
    }

    #[test]
    fn an_error_is_given_again_on_every_later_refill_not_an_end() {
        let source = Pieces {
            data: data(BLOCK + 5),
            at: 0,
            step: 4096,
            error: Some(io::ErrorKind::InvalidData),
        };
        let Ok(mut inflated) = spawn(move |pump| pump(&mut { source })) else {
            panic!("no thread");
        };
        let (mut buf, mut end) = (Vec::new(), 0);
        let mut errors = Vec::new();
        for _ in 0..5 {
            let mut pos = end;
            if let Err(e) = inflated.refill(&mut buf, &mut pos, &mut end) {
                errors.push((e.kind(), e.to_string()));
            }
        }
        // Blocks, then the error, then the same error on each later call.
        assert!(errors.len() >= 2, "{errors:?}");
        assert!(errors
            .iter()
            .all(|e| *e == (io::ErrorKind::InvalidData, "damaged".to_string())));
    }

    #[test]
    fn a_panic_while_inflating_is_raised_again_in_the_reader() {
        let Ok(inflated) = spawn(|_| panic!("inflating failed")) else {
            panic!("no thread");
        };
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drain(inflated, 2)));
        let message = caught
            .err()
            .and_then(|payload| payload.downcast_ref::<&str>().map(|s| s.to_string()));
        assert_eq!(message.as_deref(), Some("inflating failed"));
    }

    #[test]
    fn a_thread_that_never_pumps_is_met_as_a_stream_cut_short() {
        let Ok(inflated) = spawn(|_| {}) else {
            panic!("no thread");
        };
        let (_, error) = drain(inflated, 3);
        assert!(error.is_some_and(|e| e.to_string().contains("stopped unexpectedly")));
    }

    #[test]
    fn dropping_the_reader_stops_the_thread() {
        let (done, finished) = mpsc::channel();
        let source = Pieces {
            data: data(20 * BLOCK),
            at: 0,
            step: BLOCK,
            error: None,
        };
        let inflated = spawn(move |pump| {
            // The guard's drop tells when the thread let go of the source.
            struct Guard(Sender<()>, Pieces);
            impl Drop for Guard {
                fn drop(&mut self) {
                    let _ = self.0.send(());
                }
            }
            impl Read for Guard {
                fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                    self.1.read(buf)
                }
            }
            pump(&mut Guard(done, source));
        });
        assert!(inflated.is_ok());
        drop(inflated);
        let stopped = finished.recv_timeout(std::time::Duration::from_secs(60));
        assert!(stopped.is_ok());
    }
}
