//! The lean path of the long layout: the common row, read with no decoding and no lookups.
//!
//! Most rows of a long file name the feature that followed the previous row's feature last time
//! (files list every respondent's features in one order) and answer with labels met before. Such
//! a row is read here: its feature cell is compared as bytes with the guessed spelling, and each
//! answer cell is looked up in a small table of the labels met so far in its column
//! ([`Labels`]), keyed by length and first word and compared as three zero-padded words. Its id
//! cell is compared as bytes with the run's: the same bytes go on with the run; other bytes (most
//! often a new respondent) are read as the general code reads them ([`Rows::new_id`],
//! [`Rows::next_run`]). The pairs taken are kept as plain values ([`PlainPair`]): counted as
//! they are when the run ends, or moved into the respondent, in order, when the general code
//! adds one.
//!
//! Any other row (another spelling, a label not in the table, a repeated answer, a blank or
//! ragged row, no respondent column) goes to the general code of [`Rows::general`], which
//! decodes, learns and reports errors. The lean path changes nothing the general code would not
//! change for the same row (a respondent's first row updates the run's id as the general code
//! does before it finds a repeated answer), and takes a row exactly as the general code would (checking in the same order
//! what can fail), so both give the same tallies, counts and errors. Labels are learned by the general code: a
//! label joins the table once its column's [`DecodeCache`] tracks it, and the cells found in the
//! table are counted into that cache ([`Labels::flush`]) before its census is read or merged.

use super::{Outcome, Reader, Record, Rows};
use crate::answer::Answer;
use crate::error::Error;
use crate::input::accumulate::PlainPair;
use crate::input::fused::{same, MASKS, SHORT};
use crate::input::{importance_cell, DecodeCache};

/// Buckets of a label table: a power of two, well above [`MAX_LABELS`].
const BUCKETS: usize = 64;

/// Labels learned per column; cells of others take the general path.
const MAX_LABELS: usize = 16;

/// A cell's length and first [`SHORT`] bytes as three zero-padded words: two cells up to
/// [`SHORT`] bytes long are equal exactly when their keys are, compared without branching on
/// their length (cells are short, and which of a few labels comes next is random).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Key {
    len: usize,
    words: [u64; 3],
}

impl Key {
    /// The key of the cell `tail[..len]`. `tail` usually goes on past the cell (the rest of
    /// the record and chunk), so the words are read from a window of fixed size and masked.
    #[inline(always)]
    pub(super) fn of(tail: &[u8], len: usize) -> Key {
        match tail.first_chunk::<SHORT>() {
            Some(window) => Key::in_window(window, len),
            None => Key::near_end(tail, len),
        }
    }

    /// The key of a cell near the end of its chunk, read from a zero-padded copy.
    #[cold]
    fn near_end(tail: &[u8], len: usize) -> Key {
        let mut padded = [0u8; SHORT];
        let n = len.min(SHORT);
        padded[..n].copy_from_slice(&tail[..n]);
        Key::in_window(&padded, len)
    }

    /// The key of the cell `window[..len]` (its first [`SHORT`] bytes when longer).
    #[inline(always)]
    fn in_window(window: &[u8; SHORT], len: usize) -> Key {
        let mask = MASKS[len.min(SHORT)];
        let mut words = [0u64; 3];
        for (k, word) in words.iter_mut().enumerate() {
            let mut bytes = [0u8; 8];
            bytes.copy_from_slice(&window[8 * k..8 * k + 8]);
            *word = u64::from_le_bytes(bytes) & mask[k];
        }
        Key { len, words }
    }

    /// Whether two keys are equal (the cells too, when at most [`SHORT`] bytes long).
    #[inline(always)]
    fn matches(&self, other: &Key) -> bool {
        let [a, b, c] = self.words;
        let [x, y, z] = other.words;
        (self.len == other.len) & ((a ^ x) | (b ^ y) | (c ^ z) == 0)
    }

    /// Whether the cell `tail[..len]` of key `self` is `cell`, whose key is `key`.
    #[inline(always)]
    pub(super) fn is(&self, tail: &[u8], key: &Key, cell: &[u8]) -> bool {
        self.matches(key) && (self.len <= SHORT || same(&tail[..self.len], cell))
    }
}

/// A learned label.
#[derive(Debug)]
struct Label {
    /// Its answer; `None` for a blank cell (empty or spaces).
    answer: Option<Answer>,
    raw: Box<[u8]>,
    /// Cells found here and not yet counted into the column's [`DecodeCache`].
    hits: u64,
}

/// The labels met in one answer column, in a small open-addressing hash table.
#[derive(Debug)]
pub(super) struct Labels {
    /// Per bucket: its label's key (so a lookup compares it without going to the label) and
    /// 0 when vacant, else the index of its label plus one.
    buckets: [(Key, u8); BUCKETS],
    labels: Vec<Label>,
}

impl Default for Labels {
    fn default() -> Labels {
        Labels {
            buckets: [(Key::default(), 0); BUCKETS],
            labels: Vec::new(),
        }
    }
}

/// The bucket a label's key starts probing at.
#[inline(always)]
fn bucket(key: &Key) -> usize {
    ((key.words[0] ^ key.len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58) as usize % BUCKETS
}

impl Labels {
    /// The index of the label `tail[..len]`, if learned.
    #[inline(always)]
    fn find(&self, tail: &[u8], len: usize) -> Option<usize> {
        let key = Key::of(tail, len);
        let mut b = bucket(&key);
        loop {
            let (learned, i) = self.buckets.get(b)?;
            let i = usize::from(*i).checked_sub(1)?;
            if key.matches(learned)
                && (len <= SHORT || same(&tail[..len], &self.labels.get(i)?.raw))
            {
                return Some(i);
            }
            b = (b + 1) % BUCKETS;
        }
    }

    /// Learns `cell`, which the general code decoded as `answer` (`None`: blank), if there is
    /// room and the column's cache tracks it (so the cells found here can be counted there).
    fn learn(&mut self, cell: &[u8], answer: Option<Answer>, cache: &mut DecodeCache) {
        if self.labels.len() >= MAX_LABELS || self.find(cell, cell.len()).is_some() {
            return;
        }
        // A blank cell is decoded anew each time and never counted; a label is counted.
        if answer.is_some() && !cache.count(cell, 0) {
            return;
        }
        let key = Key::of(cell, cell.len());
        let mut b = bucket(&key);
        while self.buckets[b].1 != 0 {
            b = (b + 1) % BUCKETS;
        }
        self.labels.push(Label {
            answer,
            raw: cell.into(),
            hits: 0,
        });
        self.buckets[b] = (key, self.labels.len() as u8);
    }

    /// Counts the cells found here into the column's cache (whose census and merges then count
    /// them as if it had decoded them).
    pub(super) fn flush(&mut self, cache: &mut DecodeCache) {
        for label in &mut self.labels {
            if label.answer.is_some() && label.hits > 0 {
                cache.count(&label.raw, label.hits);
            }
            label.hits = 0;
        }
    }
}

impl Rows {
    /// Reads `record` on `line` if it is a common row (see the module docs) and says whether it
    /// did; the general code reads it otherwise.
    #[inline(always)]
    pub(super) fn lean(
        &mut self,
        reader: &Reader,
        record: &impl Record,
        line: u64,
    ) -> Result<bool, Error> {
        let columns = &reader.columns;
        let Some(id) = columns.respondent else {
            return Ok(false);
        };
        if record.width() != reader.context.header.len() || self.run.id.is_none() {
            return Ok(false);
        }
        let (tail, len) = record.field_on(id);
        let same_id = Key::of(tail, len).is(tail, &self.run.key, &self.run.raw);
        let Some(previous) = self.previous else {
            return Ok(false);
        };
        let guess = self.spelled[previous].next;
        let spelling = &self.spelled[guess];
        let slot = spelling.slot;
        let (tail, len) = record.field_on(columns.feature);
        if !Key::of(tail, len).is(tail, &spelling.key, &spelling.raw)
            || slot >= self.rows_per_feature.len()
        {
            return Ok(false);
        }
        let Ok(slot32) = u32::try_from(slot) else {
            return Ok(false);
        };
        match self.run.answered.get(slot) {
            Some(false) => {}
            // A new run answers afresh.
            Some(true) if !same_id => {}
            _ => return Ok(false),
        }
        let (ftail, flen) = record.field_on(columns.functional);
        let (dtail, dlen) = record.field_on(columns.dysfunctional);
        let (Some(f), Some(d)) = (
            self.flabels.find(ftail, flen),
            self.dlabels.find(dtail, dlen),
        ) else {
            return Ok(false);
        };
        if !same_id {
            // The id cell changed: the run goes on or a new one starts, as in the general code.
            if self.new_id(reader, record, line)? {
                self.next_run(reader, record, line)?;
            } else if self.run.answered[slot] {
                // A repeated answer: the general code counts it.
                return Ok(false);
            }
        }
        // The row is taken: as the general code takes it.
        self.rows += 1;
        self.previous = Some(guess);
        self.run.answered[slot] = true;
        self.rows_per_feature[slot] += 1;
        let (f, d) = (&mut self.flabels.labels[f], &mut self.dlabels.labels[d]);
        f.hits += 1;
        d.hits += 1;
        self.run.lean_pairs.push(PlainPair {
            slot: slot32,
            functional: f.answer,
            dysfunctional: d.answer,
        });
        if let Some(col) = columns.importance {
            if let Some(value) =
                importance_cell(reader.context, line, reader.options, col, record.field(col))?
            {
                self.run.respondent.importance.push((slot, value));
            }
        }
        Ok(true)
    }

    /// Learns the answer cells of a row the general code decoded as `outcome`.
    pub(super) fn learn(&mut self, fcell: &[u8], dcell: &[u8], outcome: &Outcome) {
        let (f, d) = match outcome {
            Outcome::Pair(f, d) => (Some(*f), Some(*d)),
            Outcome::Missing {
                functional,
                dysfunctional,
            } => (*functional, *dysfunctional),
            Outcome::Invalid(_) => return,
        };
        self.flabels.learn(fcell, f, &mut self.fcache);
        self.dlabels.learn(dcell, d, &mut self.dcache);
    }

    /// Counts the cells found in the label tables into the decode caches.
    pub(super) fn flush_labels(&mut self) {
        self.flabels.flush(&mut self.fcache);
        self.dlabels.flush(&mut self.dcache);
    }
}

#[cfg(test)]
mod tests {
    use super::{Key, Labels};
    use crate::answer::{Answer, AnswerDecoder};
    use crate::input::DecodeCache;

    #[test]
    fn a_label_table_finds_the_labels_it_learned_and_only_them_whatever_follows_them() {
        let learned: [(&[u8], Option<Answer>); 5] = [
            (b"I like it", Some(Answer::Like)),
            (b"", None),
            (
                b"yes, a label longer than twenty-four bytes",
                Some(Answer::MustBe),
            ),
            (
                b"yes, a label longer than twenty-four bytez",
                Some(Answer::Dislike),
            ),
            (b"exactly twenty-four byte", Some(Answer::Neutral)),
        ];
        let mut decoder = AnswerDecoder::new(false);
        let mut cache = DecodeCache::default();
        let mut labels = Labels::default();
        for (cell, answer) in learned {
            if let Some(answer) = answer {
                decoder.add(std::str::from_utf8(cell).unwrap(), answer);
                cache.decode(&decoder, cell).unwrap();
            }
            labels.learn(cell, answer, &mut cache);
        }
        let unknown: [&[u8]; 4] = [
            b"I like iT",
            b"yes, a label longer than twenty-four byte",
            b"yes, a label longer than twenty-four bytes!",
            b" ",
        ];
        for after in [&b""[..], b",I like it\n", b",some more bytes, and more\n"] {
            for (i, (cell, answer)) in learned.iter().enumerate() {
                let tail = [cell, after].concat();
                let found = labels.find(&tail, cell.len());
                assert_eq!(found, Some(i), "{cell:?} {after:?}");
                assert_eq!(labels.labels[i].answer, *answer);
            }
            for cell in unknown {
                let tail = [cell, after].concat();
                assert_eq!(labels.find(&tail, cell.len()), None, "{cell:?} {after:?}");
            }
        }
    }

    #[test]
    fn keys_of_cells_are_equal_exactly_when_their_bytes_are_whatever_follows_them() {
        let cells: [&[u8]; 10] = [
            b"",
            b"r1",
            b"r12",
            b"F1",
            b"I like it",
            b"I like iT",
            b"I can live with it",
            b"exactly twenty-four byte",
            b"a label longer than twenty-four bytes",
            b"a label longer than twenty-four bytez",
        ];
        let key = |cell: &[u8], after: &[u8]| {
            let tail = [cell, after].concat();
            (Key::of(&tail, cell.len()), tail)
        };
        for a in cells {
            for b in cells {
                for after in [
                    &b""[..],
                    b",x",
                    b",I like it,I dislike it,some more bytes\n",
                ] {
                    let (ka, ta) = key(a, after);
                    let (kb, _) = key(b, b"");
                    assert_eq!(ka.is(&ta, &kb, b), a == b, "{a:?} {b:?} {after:?}");
                }
            }
        }
    }
}
