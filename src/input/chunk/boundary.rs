//! The end of the last whole record of a chunk with quotes, and its line count, found 64 bytes
//! at a time with bit masks (the reading thread's share of a quoted file: stopping at every
//! quote, as [`super::last_boundary`] does, costs a search per field).
//!
//! Quote state comes from the parity of the quotes before a byte (a prefix XOR of the quote
//! mask): every quote is taken to open or close a quoted field, and `""` inside quotes closes
//! and at once reopens it, so no byte between the two is outside. That is the csv crate's rule
//! as long as every opening quote stands at a field's start (after the delimiter, a line end, a
//! closing quote, or at the start of the data): a quote inside an unquoted field is a plain
//! byte there. Such a quote is found in the mask of the block and the caller falls back to
//! [`super::last_boundary`].

use wide::u8x16;

/// How a chunk of records ends.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Split {
    /// The last whole record ends just before `end`, after `lines` line ends (as
    /// [`super::count_lines`] counts them in `data[..end]`).
    At { end: usize, lines: u64 },
    /// No record ends in the data.
    Open,
    /// A quote inside an unquoted field: parity cannot tell, [`super::last_boundary`] must.
    Literal,
}

/// The four masks of a 64-byte block: its quotes, `\n`s, `\r`s, and the bytes after which a
/// quote opens a field (the delimiter, quotes and line ends).
#[inline(always)]
fn masks(block: &[u8; 64], delimiter: u8) -> [u64; 4] {
    let (quote, newline, carriage) = (u8x16::splat(b'"'), u8x16::splat(b'\n'), u8x16::splat(b'\r'));
    let delimiter = u8x16::splat(delimiter);
    super::masks::block_masks(block, |v| {
        let (q, n, c) = (v.simd_eq(quote), v.simd_eq(newline), v.simd_eq(carriage));
        [q, n, c, q | n | c | v.simd_eq(delimiter)]
    })
}

/// Each bit of `x` XORed with all the bits below it: bit `i` is the parity of `x`'s bits up to
/// and including `i`.
#[inline(always)]
fn prefix_xor(mut x: u64) -> u64 {
    for shift in [1, 2, 4, 8, 16, 32] {
        x ^= x << shift;
    }
    x
}

/// Where the last whole record of `data` (which starts on a record boundary) ends: just past
/// the last `\n` outside quotes, or a lone `\r` outside quotes whose next byte is in `data`
/// and is not `\n`, as [`super::last_boundary`] finds it.
pub(super) fn split(data: &[u8], delimiter: u8) -> Split {
    let mut parity = Parity {
        data,
        delimiter,
        inside: 0,
        start: 1,
        lines: 0,
        last: None,
    };
    let mut blocks = data.chunks_exact(64);
    for (i, block) in blocks.by_ref().enumerate() {
        let mut bytes = [0u8; 64];
        bytes.copy_from_slice(block);
        if !parity.block(&bytes, 64 * i, u64::MAX) {
            return Split::Literal;
        }
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        let mut bytes = [0u8; 64];
        bytes[..rest.len()].copy_from_slice(rest);
        if !parity.block(&bytes, data.len() - rest.len(), (1u64 << rest.len()) - 1) {
            return Split::Literal;
        }
    }
    match parity.last {
        Some((end, lines)) => Split::At { end, lines },
        None => Split::Open,
    }
}

/// The state carried from one 64-byte block to the next.
struct Parity<'a> {
    data: &'a [u8],
    delimiter: u8,
    /// All ones when the previous block ended inside quotes.
    inside: u64,
    /// Bit 0: a quote may open a field at the block's first byte.
    start: u64,
    /// Line ends before the block.
    lines: u64,
    /// The last record boundary so far and the line ends before it.
    last: Option<(usize, u64)>,
}

impl Parity<'_> {
    /// Reads the block at `at` (its bytes past `valid` are padding); false at a quote inside
    /// an unquoted field.
    #[inline(always)]
    fn block(&mut self, block: &[u8; 64], at: usize, valid: u64) -> bool {
        let [quotes, newlines, carriages, stops] = masks(block, self.delimiter).map(|m| m & valid);
        let parity = prefix_xor(quotes) ^ self.inside;
        // A quote after which the parity says "inside" opens a field.
        if quotes & parity & !((stops << 1) | self.start) != 0 {
            return false;
        }
        // A `\r` before a `\n` (in this block or at the next one's start) ends no line itself.
        let next_newline = u64::from(self.data.get(at + 64) == Some(&b'\n'));
        let ends = newlines | (carriages & !((newlines >> 1) | (next_newline << 63)));
        let mut cuts = ends & !parity;
        if at + 64 >= self.data.len() {
            // The byte after a `\r` at the very end is not known yet.
            cuts &= !(carriages & (1u64 << (self.data.len() - 1 - at)));
        }
        if cuts != 0 {
            let high = 63 - cuts.leading_zeros();
            let before = ends & (u64::MAX >> (63 - high));
            self.last = Some((
                at + high as usize + 1,
                self.lines + u64::from(before.count_ones()),
            ));
        }
        self.lines += u64::from(ends.count_ones());
        self.inside = 0u64.wrapping_sub(parity >> 63);
        self.start = stops >> 63;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::super::{count_lines, last_boundary};
    use super::*;
    use proptest::prelude::*;

    /// What the masks must find: [`last_boundary`] and [`count_lines`] up to it.
    fn reference(data: &[u8], delimiter: u8) -> Option<(usize, u64)> {
        let end = last_boundary(data, delimiter)?;
        Some((end, count_lines(&data[..end], data.get(end).copied())))
    }

    /// Checks every cut of `data` (every prefix, as a chunk's read could end anywhere); a
    /// [`Split::Literal`] is allowed only where `literal` says so.
    fn check_cuts(data: &[u8], delimiter: u8, literal: bool) -> Result<(), TestCaseError> {
        for cut in 0..=data.len() {
            let part = &data[..cut];
            let expected = reference(part, delimiter);
            match split(part, delimiter) {
                Split::At { end, lines } => prop_assert_eq!(Some((end, lines)), expected),
                Split::Open => prop_assert_eq!(None, expected),
                Split::Literal => prop_assert!(literal, "{:?}", String::from_utf8_lossy(part)),
            }
        }
        Ok(())
    }

    /// Records of fields that are plain, quoted (with `""`, delimiters and line ends inside,
    /// and bytes after the closing quote) or empty, ended by `\n`, `\r\n` or a lone `\r`, with
    /// empty lines: quotes stand only where the csv crate takes them as quoting.
    fn records(delimiter: u8) -> impl Strategy<Value = Vec<u8>> {
        let field = prop_oneof![
            3 => "[a-z ]{0,12}".prop_map(String::into_bytes),
            3 => proptest::collection::vec(
                prop_oneof![
                    Just(b"x".to_vec()),
                    Just(b"\"\"".to_vec()),
                    Just(b"\n".to_vec()),
                    Just(b"\r\n".to_vec()),
                    Just(b"\r".to_vec()),
                    Just(vec![delimiter]),
                    "[a-z]{1,20}".prop_map(String::into_bytes),
                ],
                0..6,
            )
            .prop_map(|parts| [&b"\""[..], &parts.concat(), b"\""].concat()),
            1 => "[a-z]{1,3}".prop_map(|s| [&b"\"q\""[..], s.as_bytes()].concat()),
        ];
        let end = prop_oneof![
            Just(b"\n".to_vec()),
            Just(b"\r\n".to_vec()),
            Just(b"\r".to_vec()),
            Just(b"\n\n".to_vec()),
        ];
        let record =
            (proptest::collection::vec(field, 1..6), end).prop_map(move |(fields, end)| {
                let mut record = fields.join(&delimiter);
                record.extend_from_slice(&end);
                record
            });
        proptest::collection::vec(record, 0..8).prop_map(|records| records.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn masks_find_what_last_boundary_finds_at_every_cut(
            data in records(b','),
        ) {
            check_cuts(&data, b',', false)?;
        }

        #[test]
        fn masks_find_what_last_boundary_finds_with_other_delimiters(
            data in records(b';'),
        ) {
            check_cuts(&data, b';', false)?;
        }

        #[test]
        fn a_quote_inside_an_unquoted_field_is_left_to_last_boundary(
            bytes in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b',', b'"', b'\n', b'\r']),
                0..200,
            ),
        ) {
            check_cuts(&bytes, b',', true)?;
        }
    }

    #[test]
    fn quotes_across_block_seams_keep_their_state() {
        // A quoted field with a line end opens before byte 64 and closes after it; the last
        // record boundary follows it in the second block.
        let mut data = vec![b'a'; 60];
        data.extend_from_slice(b",\"x\ny\"\"z\",b\n");
        data.extend_from_slice(&[b'c'; 70]);
        let end = 60 + 12;
        assert_eq!(split(&data, b','), Split::At { end, lines: 2 });
        // A `\r` at a block's last byte before a `\n` at the next one's first ends one line.
        let mut data = vec![b'a'; 63];
        data.extend_from_slice(b"\r\n\"b\"\rc");
        assert_eq!(split(&data, b','), Split::At { end: 69, lines: 2 });
        // A quote in the middle of an unquoted field at a block's start.
        let mut data = vec![b'a'; 64];
        data.extend_from_slice(b"\"b\nc");
        assert_eq!(split(&data, b','), Split::Literal);
        assert_eq!(reference(&data, b','), Some((67, 1)));
    }
}
