//! Label decoding per cell: a bounded per-column cache of the labels seen, their answers and
//! counts, and the decoding of one answer pair or a respondent's cells.

use super::ReadOptions;
use crate::answer::{Answer, AnswerDecoder};

use super::{accumulate, Context, LabelCensus};
use crate::error::Error;

/// What decoding one cell gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cell {
    Empty,
    Answer(Answer),
    Unknown,
}

/// Caches label decoding per column, with a count per label: surveys have a handful of distinct
/// labels, so each is normalized once, and a short list compared by length first finds them
/// faster than hashing. Bounded, so a free-text column cannot grow it.
#[derive(Debug, Default)]
pub(crate) struct DecodeCache {
    seen: Vec<(Box<[u8]>, Option<Answer>, u64)>,
    /// Per entry of `seen`: its fingerprint.
    prints: Vec<Fingerprint>,
    untracked: u64,
}

const CACHE_LIMIT: usize = 64;

/// Length, first 8 and last 8 bytes: equal fingerprints mean equal bytes up to 16 bytes long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint(usize, u64, u64);

fn fingerprint(bytes: &[u8]) -> Fingerprint {
    let n = bytes.len();
    let word = |part: &[u8]| -> u64 {
        match <[u8; 8]>::try_from(part) {
            Ok(exact) => u64::from_le_bytes(exact),
            Err(_) => {
                let mut padded = [0u8; 8];
                padded[..part.len()].copy_from_slice(part);
                u64::from_le_bytes(padded)
            }
        }
    };
    if n >= 8 {
        Fingerprint(n, word(&bytes[..8]), word(&bytes[n - 8..]))
    } else {
        let first = word(bytes);
        Fingerprint(n, first, first)
    }
}

impl DecodeCache {
    pub fn decode(&mut self, decoder: &AnswerDecoder, bytes: &[u8]) -> Result<Cell, ()> {
        let print = fingerprint(bytes);
        for (i, p) in self.prints.iter().enumerate() {
            if *p == print && (bytes.len() <= 16 || *self.seen[i].0 == *bytes) {
                let entry = &mut self.seen[i];
                entry.2 += 1;
                return Ok(entry.1.map_or(Cell::Unknown, Cell::Answer));
            }
        }
        let text = std::str::from_utf8(bytes).map_err(|_| ())?.trim();
        if text.is_empty() {
            return Ok(Cell::Empty);
        }
        let decoded = decoder.decode(text);
        if self.seen.len() < CACHE_LIMIT {
            self.seen.push((bytes.into(), decoded, 1));
            self.prints.push(print);
        } else {
            self.untracked += 1;
        }
        Ok(decoded.map_or(Cell::Unknown, Cell::Answer))
    }

    /// Counts `n` more cells of `bytes`, a label this cache tracks (cells a caller found in a
    /// table of its own); false, counting nothing, when the cache does not track the label.
    pub fn count(&mut self, bytes: &[u8], n: u64) -> bool {
        match self.seen.iter_mut().find(|(label, _, _)| **label == *bytes) {
            Some(entry) => {
                entry.2 += n;
                true
            }
            None => false,
        }
    }

    /// Adds another cache of the same column (a worker's) into this one.
    pub fn merge(&mut self, other: DecodeCache) {
        self.untracked += other.untracked;
        for (bytes, answer, count) in other.seen {
            let room = self.seen.len() < CACHE_LIMIT;
            match self.seen.iter_mut().find(|(label, _, _)| *label == bytes) {
                Some((_, _, mine)) => *mine += count,
                None if room => {
                    self.prints.push(fingerprint(&bytes));
                    self.seen.push((bytes, answer, count));
                }
                None => self.untracked += count,
            }
        }
    }

    /// Adds this column's labels to a census.
    pub fn census_into(&self, census: &mut LabelCensus) {
        for (bytes, answer, count) in &self.seen {
            census.add(bytes, *answer, *count);
        }
        census.untracked += self.untracked;
    }
}

/// Decodes one answer pair from its two cells on `line`.
pub(crate) fn decode_cells(
    context: &Context,
    line: u64,
    options: &ReadOptions,
    (fcol, fbytes, fcache): (usize, &[u8], &mut DecodeCache),
    (dcol, dbytes, dcache): (usize, &[u8], &mut DecodeCache),
) -> Result<accumulate::Outcome, Error> {
    let decode = |col: usize, bytes: &[u8], cache: &mut DecodeCache| -> Result<Cell, Error> {
        let cell = cache
            .decode(&options.decoder, bytes)
            .map_err(|_| Error::InvalidUtf8 {
                at: context.at_line(line, col),
            })?;
        if cell == Cell::Unknown && !options.skip_invalid {
            return Err(Error::UnknownAnswer {
                at: context.at_line(line, col),
                value: String::from_utf8_lossy(bytes).trim().to_string(),
            });
        }
        Ok(cell)
    };
    let f = decode(fcol, fbytes, fcache)?;
    let d = decode(dcol, dbytes, dcache)?;
    Ok(match (f, d) {
        (Cell::Answer(f), Cell::Answer(d)) => accumulate::Outcome::Pair(f, d),
        (Cell::Unknown, _) | (_, Cell::Unknown) => {
            let labels = [(f, fbytes), (d, dbytes)]
                .into_iter()
                .filter(|(cell, _)| *cell == Cell::Unknown)
                .map(|(_, bytes)| String::from_utf8_lossy(bytes).trim().to_string())
                .collect();
            accumulate::Outcome::Invalid(labels)
        }
        _ => accumulate::Outcome::Missing {
            functional: answer_of(f),
            dysfunctional: answer_of(d),
        },
    })
}

fn answer_of(cell: Cell) -> Option<crate::answer::Answer> {
    match cell {
        Cell::Answer(answer) => Some(answer),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_decode_cache_tells_apart_labels_that_share_length_and_ends() {
        let decoder = {
            let mut d = AnswerDecoder::new(false);
            d.add("I like it a lot, really, yes", Answer::Like);
            d.add("I like it a bit, really, yes", Answer::Neutral);
            d
        };
        let mut cache = DecodeCache::default();
        for _ in 0..3 {
            assert_eq!(
                cache.decode(&decoder, b"I like it a lot, really, yes"),
                Ok(Cell::Answer(Answer::Like))
            );
            assert_eq!(
                cache.decode(&decoder, b"I like it a bit, really, yes"),
                Ok(Cell::Answer(Answer::Neutral))
            );
            assert_eq!(
                cache.decode(&decoder, b"I dislike it"),
                Ok(Cell::Answer(Answer::Dislike))
            );
            assert_eq!(
                cache.decode(&decoder, b"I dislike iT"),
                Ok(Cell::Answer(Answer::Dislike))
            );
            assert_eq!(cache.decode(&decoder, b"  "), Ok(Cell::Empty));
            assert_eq!(cache.decode(&decoder, b"Maybe"), Ok(Cell::Unknown));
        }
        let mut census = LabelCensus::default();
        cache.census_into(&mut census);
        assert_eq!(
            census.labels.get("I dislike it"),
            Some(&(3, Some(Answer::Dislike)))
        );
        assert_eq!(census.labels.get("Maybe"), Some(&(3, None)));
    }
}
