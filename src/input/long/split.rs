//! Splitting a chunk of a long file into records: long rows are short and plain, so their
//! fields are found here from bit masks of 64-byte blocks (the delimiters, the line ends, and
//! the bytes only the general scanner reads), and each record is given as where its fields start
//! ([`Plain`]). From the first record with a quote or a `\r`, the rest of the chunk goes to the
//! general scanner of [`super::super::chunk`]; a record of more fields than [`STARTS`] holds
//! goes to it alone.

use wide::u8x16;

use super::super::chunk::{scan, Fields, Unterminated};

/// A record's fields: scanned in place in a chunk, or copied (the first rows of a chunk, which
/// may go on with the previous chunk's respondent).
pub(super) trait Record {
    fn width(&self) -> usize;
    fn field(&self, i: usize) -> &[u8];
    /// Field `i` and what follows it in memory: `(tail, len)`, the field being `tail[..len]`
    /// (the lean path reads a fixed window from `tail`).
    #[inline(always)]
    fn field_on(&self, i: usize) -> (&[u8], usize) {
        let field = self.field(i);
        (field, field.len())
    }
}

/// A record in its chunk split by [`records`]: where each of its `width` fields starts in the
/// chunk, and one past the record's end (field `i` is `starts[i]..starts[i + 1] - 1`, the byte
/// before the next start being a delimiter or the line end). `width` is below [`STARTS`].
pub(super) struct Plain<'a> {
    starts: &'a [u32; STARTS],
    width: usize,
    data: &'a [u8],
}

impl Plain<'_> {
    /// Where field `i` starts and ends in the chunk. The starts are indexed wrapped into their
    /// array (a no-op, `i` being below `width`), which spares bounds checks.
    #[inline(always)]
    fn span(&self, i: usize) -> Option<(usize, usize)> {
        if i >= self.width {
            return None;
        }
        let start = self.starts[i % STARTS] as usize;
        let next = self.starts[(i + 1) % STARTS] as usize;
        Some((start, next - 1))
    }
}

impl Record for Plain<'_> {
    #[inline(always)]
    fn width(&self) -> usize {
        self.width
    }
    #[inline(always)]
    fn field(&self, i: usize) -> &[u8] {
        match self.span(i) {
            Some((start, end)) => &self.data[start..end],
            None => &[],
        }
    }
    #[inline(always)]
    fn field_on(&self, i: usize) -> (&[u8], usize) {
        match self.span(i) {
            Some((start, end)) => (&self.data[start..], end - start),
            None => (&[], 0),
        }
    }
}

/// A record in its chunk split by the general scanner.
pub(super) struct Scanned<'a> {
    fields: &'a Fields,
    data: &'a [u8],
}

impl Record for Scanned<'_> {
    fn width(&self) -> usize {
        self.fields.len()
    }
    fn field(&self, i: usize) -> &[u8] {
        self.fields.get(self.data, i)
    }
}

/// What reads the records [`records`] splits. A trait rather than a closure, so that each kind
/// of record gets its own copy of the reading code, inlined into the splitter's loop.
pub(super) trait Sink {
    type Error;
    /// Reads `record`, on `line`.
    fn row(&mut self, record: &impl Record, line: u64) -> Result<(), Self::Error>;
}

impl Record for csv::ByteRecord {
    fn width(&self) -> usize {
        self.len()
    }
    fn field(&self, i: usize) -> &[u8] {
        self.get(i).unwrap_or_default()
    }
}

/// The bit masks of a 64-byte block's delimiters, of its `\n` bytes, and of the bytes the
/// general scanner must read (a quote, `\r`): telling them apart by mask spares reading each
/// byte again.
#[inline(always)]
fn masks(block: &[u8; 64], delimiter: u8x16) -> (u64, u64, u64) {
    let (newline, carriage, quote) = (u8x16::splat(b'\n'), u8x16::splat(b'\r'), u8x16::splat(b'"'));
    let (mut delimiters, mut lines, mut others) = (0u64, 0u64, 0u64);
    for (k, chunk) in block.chunks_exact(16).enumerate() {
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(chunk);
        let v = u8x16::new(bytes);
        let shift = 16 * k;
        delimiters |= u64::from(v.simd_eq(delimiter).to_bitmask()) << shift;
        lines |= u64::from(v.simd_eq(newline).to_bitmask()) << shift;
        others |= u64::from((v.simd_eq(quote) | v.simd_eq(carriage)).to_bitmask()) << shift;
    }
    (delimiters, lines, others)
}

/// A vector kept from use to use, of which the first `len` items are in use: an item is
/// stored in place by inlined code (a push onto a `Vec` is a call, and reads its item back from
/// the stack), and the vector grows only past its longest use so far.
#[derive(Debug, Default)]
pub(super) struct Reused<T> {
    items: Vec<T>,
    len: usize,
}

impl<T: Copy> Reused<T> {
    #[inline(always)]
    pub(super) fn push(&mut self, item: T) {
        match self.items.get_mut(self.len) {
            Some(slot) => *slot = item,
            None => grow(&mut self.items, item),
        }
        self.len += 1;
    }

    /// The items in use, which are then cleared for the next use.
    #[inline(always)]
    pub(super) fn take(&mut self) -> &[T] {
        let len = std::mem::take(&mut self.len);
        &self.items[..len]
    }
}

/// Pushes `item` onto `items`: out of line, so that the length in use stays in a register.
#[cold]
#[inline(never)]
fn grow<T>(items: &mut Vec<T>, item: T) {
    items.push(item);
}

/// The most field starts [`records`] keeps for one record (its fields and its end): a power of
/// two, far above the few columns of a long file. A wider record is split by the general scanner.
const STARTS: usize = 64;

/// Splits a chunk of whole records (the first on `first_line`) and gives each to `sink`, as the
/// general scanner would (empty lines are no records); see the module docs.
pub(super) fn records<S: Sink>(
    data: &[u8],
    delimiter: u8,
    first_line: u64,
    sink: &mut S,
    unterminated: impl Fn(Unterminated) -> S::Error,
) -> Result<(), S::Error> {
    // Offsets are u32: a chunk is at most a few MiB (records are bounded), so this holds; else
    // the general scanner reads it.
    if data.len() >= u32::MAX as usize || matches!(delimiter, b'\n' | b'\r' | b'"') {
        return general(data, delimiter, first_line, sink, &unterminated);
    }
    let splat = u8x16::splat(delimiter);
    // The starts of the record being split (see [`Plain`]), `count` of them so far. A delimiter
    // stores one at an index wrapped into the array, with no bounds check: a record that filled
    // the array is found at its end and split again by the general scanner.
    let mut starts = [0u32; STARTS];
    let mut count = 1usize;
    let (mut line, mut record_start) = (first_line, 0usize);
    let mut base = 0usize;
    while base < data.len() {
        let (delimiters, lines, others) = match data[base..].first_chunk::<64>() {
            Some(block) => masks(block, splat),
            None => {
                let len = data.len() - base;
                let mut block = [0u8; 64];
                block[..len].copy_from_slice(&data[base..]);
                let valid = (1u64 << len) - 1;
                let (delimiters, lines, others) = masks(&block, splat);
                (delimiters & valid, lines & valid, others & valid)
            }
        };
        let ends = lines | others;
        let mut mask = delimiters | ends;
        while mask != 0 {
            let bit = mask & mask.wrapping_neg();
            let at = base + mask.trailing_zeros() as usize;
            mask ^= bit;
            if bit & ends == 0 {
                // A delimiter.
                starts[count % STARTS] = at as u32 + 1;
                count += 1;
            } else if bit & lines != 0 {
                if at != record_start {
                    let record = Split {
                        data,
                        starts: &mut starts,
                        count,
                        start: record_start,
                        end: at,
                    };
                    record.give(delimiter, line, sink, &unterminated)?;
                }
                // A record or an empty line.
                line += 1;
                record_start = at + 1;
                starts[0] = record_start as u32;
                count = 1;
            } else {
                let rest = &data[record_start..];
                return general(rest, delimiter, line, sink, &unterminated);
            }
        }
        base += 64;
    }
    if record_start < data.len() {
        // The last record, without a line end.
        let record = Split {
            data,
            starts: &mut starts,
            count,
            start: record_start,
            end: data.len(),
        };
        record.give(delimiter, line, sink, &unterminated)?;
    }
    Ok(())
}

/// A record [`records`] found: `data[start..end]`, with `count` field starts in `starts`.
struct Split<'a> {
    data: &'a [u8],
    starts: &'a mut [u32; STARTS],
    count: usize,
    start: usize,
    end: usize,
}

impl Split<'_> {
    /// Gives the record on `line` to `sink`: as a [`Plain`] record when its starts fit, else
    /// split again by the general scanner.
    #[inline(always)]
    fn give<S: Sink>(
        self,
        delimiter: u8,
        line: u64,
        sink: &mut S,
        unterminated: &impl Fn(Unterminated) -> S::Error,
    ) -> Result<(), S::Error> {
        let Split {
            data,
            starts,
            count,
            start,
            end,
        } = self;
        match starts.get_mut(count) {
            Some(next) => {
                // One past the end closes the last field.
                *next = end as u32 + 1;
                let plain = Plain {
                    starts,
                    width: count,
                    data,
                };
                sink.row(&plain, line)
            }
            None => general(&data[start..end], delimiter, line, sink, unterminated),
        }
    }
}

/// Gives the records of `data` (the first on `first_line`) to `sink` as the general scanner
/// splits them.
#[cold]
#[inline(never)]
fn general<S: Sink>(
    data: &[u8],
    delimiter: u8,
    first_line: u64,
    sink: &mut S,
    unterminated: &impl Fn(Unterminated) -> S::Error,
) -> Result<(), S::Error> {
    scan(
        data,
        delimiter,
        first_line,
        |fields, line| sink.row(&Scanned { fields, data }, line),
        unterminated,
    )
}

#[cfg(test)]
mod tests {
    use super::{records, scan, Record, Sink};

    /// Each record's line and fields.
    type Read = Vec<(u64, Vec<Vec<u8>>)>;

    /// Collects the records read.
    struct Collect(Read);

    impl Sink for Collect {
        type Error = u64;
        fn row(&mut self, record: &impl Record, line: u64) -> Result<(), u64> {
            let fields = (0..record.width()).map(|i| record.field(i).to_vec());
            self.0.push((line, fields.collect()));
            Ok(())
        }
    }

    fn split(data: &[u8], plain: bool) -> Result<Read, u64> {
        let mut out = Vec::new();
        let fields = |record: &dyn Fn(usize) -> Vec<u8>, width: usize| -> Vec<Vec<u8>> {
            (0..width).map(record).collect()
        };
        if plain {
            let mut collect = Collect(Vec::new());
            records(data, b',', 7, &mut collect, |open| open.line)?;
            out = collect.0;
        } else {
            scan(
                data,
                b',',
                7,
                |row, line| {
                    out.push((line, fields(&|i| row.get(data, i).to_vec(), row.len())));
                    Ok(())
                },
                |open| open.line,
            )?;
        }
        Ok(out)
    }

    #[test]
    fn plain_records_are_split_as_the_general_scanner_splits_them() {
        let long_field = "x".repeat(130);
        let cases = [
            "a,b,c,d\ne,f,g,h\n".to_string(),
            "a,b,c,d\n\n\ne,f,,\n".to_string(),
            "a,b,c,d\ne,f,g,".to_string(),
            "a,b\ne".to_string(),
            ",,,\n   ,\n".to_string(),
            format!("{long_field},b,{long_field}\n{long_field}\nz,y"),
            "a,b\n\"q,1\",c\nd,e\n".to_string(),
            "a,b\r\nc,d\re,f\n".to_string(),
            "a,b\nc,d\"e,f\n".to_string(),
            "a,b\n\"open,c\nd\n".to_string(),
            String::new(),
            "\n\n".to_string(),
            // Records about as wide as the starts kept fit, and wider, with records after them.
            format!("a\n{}\nb,c\n", ["f"; 40].join(",")),
            format!("a\n{}\n{}\nb,c\n", ["f"; 62].join(","), ["g"; 63].join(",")),
            format!("{}\n{}\nb,c\n", ["f"; 64].join(","), ["g"; 65].join(",")),
            format!("a\n{}\nb,c\n{}", ["f"; 130].join(","), ["g"; 200].join(",")),
        ];
        for case in cases {
            // Every cut of the case (the first 64-byte block ends anywhere in a record).
            for pad in [1, 2, 31, 62, 63, 64] {
                let data = format!("{}\n{case}", "p".repeat(pad));
                let data = data.as_bytes();
                assert_eq!(split(data, true), split(data, false), "{case:?} {pad}");
            }
        }
    }
}
