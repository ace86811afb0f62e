//! The usual forms of a sheet's XML, read straight from the scanner's buffer without tokens:
//! the cell every writer gives (`plain_cell`), the very form survey answers take
//! (`usual_cell`, which first compares a cell's first bytes with those it expects, the last
//! usual cell's a column on), the usual row tag (`usual_row`) and the usual shared string
//! (`usual_string`). Each gives what the tokens of `xlsx` read of the same bytes, or `None`
//! for any other form, which the tokens read (and name what is wrong with).

use super::xlsx::{reference, Kind};

/// The shared string at the start of `rest` when it has the usual form, `<si><t>text</t></si>`
/// with neither markup nor entity in its text, and the length of its XML: what the tokens read
/// of it, read without them. `None` for any other form, and when the buffer holds only part of
/// it.
pub(super) fn usual_string(rest: &[u8]) -> Option<(&str, usize)> {
    const START: &[u8] = b"<si><t>";
    const END: &[u8] = b"</t></si>";
    let tail = rest.strip_prefix(START)?;
    let (text, end) = tail.split_at(memchr::memchr(b'<', tail)?);
    if !end.starts_with(END) || text.contains(&b'&') {
        return None;
    }
    let text = std::str::from_utf8(text).ok()?;
    Some((text, START.len() + text.len() + END.len()))
}

/// The most bytes a cell read by [`plain_cell`] may take; longer cells take the general path.
pub(super) const PLAIN_CELL: usize = 256;

/// A cell read by [`plain_cell`].
pub(super) struct PlainCell<'a> {
    /// `(row, col)`, 0-based.
    pub(super) position: (u32, u32),
    pub(super) kind: Kind,
    /// The `<v>` text, ASCII; `None` for an empty cell (`<c r="B2"/>`).
    pub(super) value: Option<&'a [u8]>,
    /// Its length in bytes.
    pub(super) length: usize,
}

/// Reads the cell at the start of `rest` when it has the form nearly every writer gives a cell,
/// `<c r="B2" s="1" t="s"><v>3</v></c>` or `<c r="B2" s="1"/>`: attributes in any order, each
/// of `r` and `t` at most once and as the general path reads them, no namespace prefix, no
/// entity or CDATA in the value, which is ASCII, nothing between the tags. This costs a few
/// comparisons per byte of the cell where the tokens cost five tokens and an attribute list.
/// A shared string's index goes to the table with no text parsed. Any other form,
/// and any cell with something wrong in it, gives `None` and takes the general path, which
/// reads it (or names what is wrong) as it always has. `at` is the position of a cell without
/// `r`.
pub(super) fn plain_cell(rest: &[u8], at: (u32, u32)) -> Option<PlainCell<'_>> {
    let rest = rest.get(..PLAIN_CELL.min(rest.len()))?;
    if !rest.starts_with(b"<c") {
        return None;
    }
    let mut i = 2;
    if !matches!(rest.get(i)?, b' ' | b'\t' | b'\n' | b'\r' | b'>' | b'/') {
        return None; // another tag, such as `<col>`
    }
    let (mut reference_text, mut kind_text) = (None, None);
    let empty = loop {
        match *rest.get(i)? {
            b' ' | b'\t' | b'\n' | b'\r' => i += 1,
            b'>' => {
                i += 1;
                break false;
            }
            b'/' if rest.get(i + 1) == Some(&b'>') => {
                i += 2;
                break true;
            }
            _ => {
                // Keys are mostly one letter (r, s, t): no search for their `=`. (Values are
                // short: a loop over their bytes costs less than setting up memchr, measured.)
                let key_length = match rest.get(i + 1) {
                    Some(b'=') => 1,
                    _ => rest.get(i..)?.iter().position(|&b| b == b'=')?,
                };
                let key = rest.get(i..i + key_length)?;
                let quote = *rest.get(i + key_length + 1)?;
                if !matches!(quote, b'"' | b'\'') || key.iter().any(u8::is_ascii_whitespace) {
                    return None;
                }
                let start = i + key_length + 2;
                let length = rest.get(start..)?.iter().position(|&b| b == quote)?;
                let value = rest.get(start..start + length)?;
                let slot = match key {
                    b"r" => &mut reference_text,
                    b"t" => &mut kind_text,
                    _ => &mut None,
                };
                if slot.replace(value).is_some() {
                    return None;
                }
                i = start + length + 1;
            }
        }
    };
    let position = match reference_text {
        Some(text) => match reference(text)? {
            (row, Some(col)) => (row, col),
            (_, None) => return None,
        },
        None => at,
    };
    let kind = match kind_text {
        None => Kind::Default,
        Some(b"n") => Kind::Number,
        Some(b"s") => Kind::Shared,
        Some(b"b") => Kind::Bool,
        Some(b"e") => Kind::Error,
        Some(b"d" | b"str") => Kind::Text,
        Some(_) => return None,
    };
    if empty {
        return Some(PlainCell {
            position,
            kind,
            value: None,
            length: i,
        });
    }
    if !rest.get(i..)?.starts_with(b"<v>") {
        return None;
    }
    let start = i + b"<v>".len();
    let length = rest.get(start..)?.iter().position(|&b| b == b'<')?;
    let value = rest.get(start..start + length)?;
    let end = start + length;
    if !rest.get(end..)?.starts_with(b"</v></c>") || value.contains(&b'&') || !value.is_ascii() {
        return None;
    }
    Some(PlainCell {
        position,
        kind,
        value: Some(value),
        length: end + b"</v></c>".len(),
    })
}

/// A cell read by [`usual_cell`].
#[derive(Debug, PartialEq, Eq)]
pub(super) struct UsualCell<'a> {
    pub(super) row: u32,
    pub(super) col: u32,
    /// The shared string's index, or `None` for a whole number, whose text is `digits`.
    pub(super) shared: Option<usize>,
    pub(super) digits: &'a [u8],
    /// The digits and the bytes after them (a [`Field`](super::convert::Field) of a whole
    /// number).
    pub(super) value: &'a [u8],
    /// Its length in bytes.
    pub(super) length: usize,
}

/// The first bytes of the cell [`usual_cell`] expects next, up to its value: the last usual
/// cell's, a column on (`<c r="B7" s="1" t="s"><v>` after `<c r="A7" s="1" t="s"><v>`). Survey
/// sheets give the cells of a row in order and in one form: comparing the bytes with those
/// expected costs less than reading them.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Expected {
    /// The bytes, little-endian in two halves, and the bits of the halves that count.
    pub(super) bytes: [u128; 2],
    pub(super) mask: [u128; 2],
    /// How many bytes, through `<v>`: 0 when no cell is expected.
    pub(super) length: usize,
    /// The reference's last letter: 1 at its lowest bit (a column on is an addition), its bits,
    /// and the bits of a Z there.
    pub(super) letter: u128,
    pub(super) letter_bits: u128,
    pub(super) z: u128,
    /// The cell they name, 0-based, and whether its value is a shared string's index.
    pub(super) row: u32,
    pub(super) col: u32,
    pub(super) shared: bool,
}

/// The most bytes an [`Expected`] cell's first bytes may take.
const EXPECTED: usize = 32;

impl Expected {
    /// The cell after the usual cell at `(row, col)` whose first `length` bytes, through
    /// `<v>`, begin `cell`, and whose reference's last letter is byte `letter`: the same bytes
    /// with that letter a column on. None is expected after a Z (the next reference has
    /// another letter more or changes another one), or when the bytes are more than
    /// [`EXPECTED`] or not all at hand.
    fn after(
        cell: &[u8],
        length: usize,
        letter: usize,
        (row, col): (u32, u32),
        shared: bool,
    ) -> Self {
        let Some(window) = cell.first_chunk::<EXPECTED>() else {
            return Expected::default();
        };
        if length > EXPECTED || window.get(letter).is_none_or(|&byte| byte == b'Z') {
            return Expected::default();
        }
        let mask = |bytes: usize| match bytes {
            0 => 0,
            1..16 => (1u128 << (8 * bytes)) - 1,
            _ => u128::MAX,
        };
        let mask = [mask(length), mask(length.saturating_sub(16))];
        let [low, high] = halves(window);
        let letter = 1u128 << (8 * letter);
        Expected {
            bytes: [(low & mask[0]) + letter, high & mask[1]],
            mask,
            length,
            letter,
            letter_bits: letter * 0xFF,
            z: letter * u128::from(b'Z'),
            row,
            col: col + 1,
            shared,
        }
    }

    /// Whether `rest` starts with the bytes expected.
    #[inline]
    fn matches(&self, rest: &[u8]) -> bool {
        let Some(window) = rest.first_chunk::<EXPECTED>() else {
            return false;
        };
        let [low, high] = halves(window);
        self.length > 0
            && ((low ^ self.bytes[0]) & self.mask[0]) | ((high ^ self.bytes[1]) & self.mask[1]) == 0
    }

    /// The cell after the one expected, which came.
    #[inline]
    fn advance(&mut self) {
        if self.bytes[0] & self.letter_bits == self.z {
            self.length = 0;
        } else {
            self.bytes[0] += self.letter;
            self.col += 1;
        }
    }
}

/// The two halves of 32 bytes, as little-endian numbers.
#[inline]
fn halves(bytes: &[u8; EXPECTED]) -> [u128; 2] {
    let (low, high) = bytes.split_at(16);
    [low, high].map(|half| half.try_into().map_or(0, u128::from_le_bytes))
}

/// Reads the cell at the start of `rest` when it has the very form spreadsheet programs write
/// for survey answers: `<c r="B2" s="1" t="s"><v>3</v></c>` (a shared string of at most 9
/// digits) or `<c r="B2" s="1"><v>42</v></c>` (`t="n"` or none: a whole number of at most 15
/// digits without a leading zero, whose text is its digits), `s` optional, attributes in this
/// order, references of at most 3 capital letters and 7 digits. Its answer is
/// [`plain_cell`]'s on the same bytes, found without an attribute loop and with no [`Kind`];
/// any other form gives `None` and is left to [`plain_cell`]. A cell that starts as `expected`
/// says is not read again up to its value; `expected` moves on to the cell after it.
#[inline(always)]
pub(super) fn usual_cell<'a>(rest: &'a [u8], expected: &mut Expected) -> Option<UsualCell<'a>> {
    let rest = rest.get(..PLAIN_CELL.min(rest.len()))?;
    if !expected.matches(rest) {
        return usual_cell_read(rest, expected);
    }
    let (row, col, shared) = (expected.row, expected.col, expected.shared);
    let value = rest.get(expected.length..)?;
    expected.advance();
    usual_value(rest, (row, col), shared, value)
}

/// [`usual_cell`] of a cell not as expected: its first bytes are read, and are expected again,
/// a column on, of the next cell.
#[inline(never)]
fn usual_cell_read<'a>(rest: &'a [u8], expected: &mut Expected) -> Option<UsualCell<'a>> {
    let tail = rest.strip_prefix(b"<c r=\"")?;
    let mut i = 0;
    let mut col = 0u32;
    while let Some(&byte) = tail.get(i).filter(|b| b.is_ascii_uppercase()) {
        col = col * 26 + u32::from(byte - b'A') + 1;
        i += 1;
    }
    let letters = i;
    let mut row = 0u32;
    while let Some(&byte) = tail.get(i).filter(|b| b.is_ascii_digit()) {
        row = row * 10 + u32::from(byte - b'0');
        i += 1;
    }
    if !(1..=3).contains(&letters) || !(1..=7).contains(&(i - letters)) || row == 0 {
        return None;
    }
    let mut tail = tail.get(i..)?.strip_prefix(b"\"")?;
    if let Some(after) = tail.strip_prefix(b" s=\"") {
        let length = after.iter().position(|&b| b == b'"')?;
        tail = after.get(length + 1..)?;
    }
    let (shared, value) = if let Some(after) = tail.strip_prefix(b" t=\"s\"><v>") {
        (true, after)
    } else if let Some(after) = tail.strip_prefix(b" t=\"n\"><v>") {
        (false, after)
    } else {
        (false, tail.strip_prefix(b"><v>")?)
    };
    let cell = (row - 1, col - 1);
    let length = rest.len() - value.len();
    *expected = Expected::after(rest, length, b"<c r=\"".len() + letters - 1, cell, shared);
    usual_value(rest, cell, shared, value)
}

/// The usual cell at `(row, col)` whose value, a shared string's index if `shared`, starts
/// `value`, the rest of the cell `rest`: see [`usual_cell`].
#[inline(always)]
fn usual_value<'a>(
    rest: &'a [u8],
    (row, col): (u32, u32),
    shared: bool,
    value: &'a [u8],
) -> Option<UsualCell<'a>> {
    let digits = value.get(..value.iter().position(|b| !b.is_ascii_digit())?)?;
    let end = value.get(digits.len()..)?;
    if !end.starts_with(b"</v></c>") {
        return None;
    }
    let shared = if shared {
        if !(1..=9).contains(&digits.len()) {
            return None;
        }
        Some(
            digits
                .iter()
                .fold(0usize, |n, &digit| n * 10 + usize::from(digit - b'0')),
        )
    } else {
        // `is_plain_whole_number`: its text is its digits.
        if digits.is_empty()
            || digits.len() > 15
            || (digits.len() > 1 && digits.first() == Some(&b'0'))
        {
            return None;
        }
        None
    };
    Some(UsualCell {
        row,
        col,
        shared,
        digits,
        value,
        length: rest.len() - end.len() + b"</v></c>".len(),
    })
}

/// The row a row tag of the usual form names, `<row r="7" spans="1:41">` (`r` first, then
/// attributes written plainly, ` key="value"`, none of them another `r`), and the tag's length;
/// `None` for any other form, which the tokens read (and name what is wrong with). The row is
/// the one they read.
pub(super) fn usual_row(rest: &[u8]) -> Option<(u32, usize)> {
    const START: &[u8] = b"<row r=\"";
    let tail = rest.strip_prefix(START)?;
    let length = tail.iter().position(|&b| b == b'"')?;
    let (row, _) = reference(tail.get(..length)?)?;
    let mut i = START.len() + length + 1;
    loop {
        match *rest.get(i)? {
            b'>' => return Some((row, i + 1)),
            b' ' => {
                let key = rest.get(i + 1..)?;
                let key = key.get(
                    ..key
                        .iter()
                        .position(|&b| !(b.is_ascii_alphanumeric() || b == b':'))?,
                )?;
                let after = i + 1 + key.len();
                if key.is_empty() || key == b"r" || rest.get(after..after + 2)? != b"=\"" {
                    return None;
                }
                let value = rest.get(after + 2..)?;
                let value = value.get(..value.iter().position(|&b| b == b'"')?)?;
                if value
                    .iter()
                    .any(|b| matches!(b, b'<' | b'>' | b'&' | b'\''))
                {
                    return None;
                }
                i = after + 2 + value.len() + 1;
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usual_cells_are_read_straight_and_every_other_form_is_left_to_the_tokens() {
        let read = |xml: &str| {
            plain_cell(xml.as_bytes(), (6, 2)).map(|c| {
                let value = c.value.map(|v| String::from_utf8_lossy(v).into_owned());
                (c.position, c.kind, value, c.length)
            })
        };
        let cell = "<c r=\"B2\" s=\"1\" t=\"s\"><v>3</v></c>";
        assert_eq!(
            read(&format!("{cell}<c r=\"C2\">")),
            Some(((1, 1), Kind::Shared, Some("3".into()), cell.len()))
        );
        assert_eq!(
            read("<c t='n' r='AB10'><v>4.5</v></c>"),
            Some(((9, 27), Kind::Number, Some("4.5".into()), 32))
        );
        // Without `r` the cell is where the row's count says; `<c/>` is empty.
        assert_eq!(
            read("<c><v></v></c>"),
            Some(((6, 2), Kind::Default, Some(String::new()), 14))
        );
        assert_eq!(
            read("<c r=\"D4\" s=\"2\"/><c"),
            Some(((3, 3), Kind::Default, None, 17))
        );
        for other in [
            "<x:c r=\"A1\"><v>1</v></c>",
            "<col min=\"1\"/>",
            "<c r=\"A1\"><v>1 &amp; 2</v></c>",
            "<c r=\"A1\"><v><![CDATA[1]]></v></c>",
            "<c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c>",
            "<c r=\"A1\"><f>1+1</f><v>2</v></c>",
            "<c r=\"A1\"><v>1</v> </c>",
            "<c r=\"A1\" r=\"B1\"><v>1</v></c>",
            "<c r=\"A1\" t=\"x\"><v>1</v></c>",
            "<c r=\"7\"><v>1</v></c>",
            "<c r=\"A0\"><v>1</v></c>",
            "<c r=A1><v>1</v></c>",
            "<c r =\"A1\"><v>1</v></c>",
            "<c r=\"A1\"><v>1</v></",
            "<c r=\"A1\" t=\"str\"><v>é</v></c>",
        ] {
            assert_eq!(read(other), None, "{other}");
        }
        let long = format!(
            "<c r=\"A1\" t=\"str\"><v>{}</v></c>",
            "x".repeat(PLAIN_CELL)
        );
        assert_eq!(read(&long), None);
    }

    #[test]
    fn the_usual_cell_reads_as_the_plain_cell_reads_it_or_is_left_to_it() {
        let cells = [
            ("<c r=\"B2\" s=\"1\" t=\"s\"><v>3</v></c><c", Some(Some(3))),
            (
                "<c r=\"AO100001\" t=\"s\"><v>123456789</v></c>",
                Some(Some(123_456_789)),
            ),
            ("<c r=\"XFD1\"><v>42</v></c>", Some(None)),
            ("<c r=\"C9\" s=\"12\" t=\"n\"><v>0</v></c>", Some(None)),
            ("<c r=\"A1\" t=\"s\"><v>1234567890</v></c>", None),
            ("<c r=\"A1\"><v>042</v></c>", None),
            ("<c r=\"A1\"><v>4.5</v></c>", None),
            ("<c r=\"A1\"><v></v></c>", None),
            ("<c r=\"A1\" t=\"s\"><v></v></c>", None),
            ("<c r=\"A1\" t=\"str\"><v>4</v></c>", None),
            ("<c r=\"A1\" t=\"b\"><v>1</v></c>", None),
            ("<c r=\"a1\"><v>1</v></c>", None),
            ("<c r=\"A0\"><v>1</v></c>", None),
            ("<c r=\"AAAA1\"><v>1</v></c>", None),
            ("<c r=\"A12345678\"><v>1</v></c>", None),
            ("<c r=\"7\"><v>1</v></c>", None),
            ("<c r=\"A1\" t=\"s\" s=\"1\"><v>1</v></c>", None),
            ("<c r=\"A1\"><v>1</v> </c>", None),
            ("<c r=\"A1\"/>", None),
            ("<c r=\"A1\"><v>1</v></", None),
        ];
        for (xml, expected) in cells {
            let usual = usual_cell(xml.as_bytes(), &mut Expected::default());
            assert_eq!(usual.as_ref().map(|c| c.shared), expected, "{xml}");
            let Some(usual) = usual else { continue };
            let plain = plain_cell(xml.as_bytes(), (0, 0));
            let plain = plain.as_ref().map(|c| (c.position, c.value, c.length));
            assert_eq!(
                plain,
                Some(((usual.row, usual.col), Some(usual.digits), usual.length)),
                "{xml}"
            );
        }
    }

    #[test]
    fn a_row_read_by_the_cells_expected_reads_as_one_read_afresh() {
        // Rows of 800 columns (the reference's letters go from Z to AA, from AZ to BA, from ZZ
        // to AAA), in runs of one form and another, with a cell missing or out of place now
        // and then.
        let forms = [
            ("", " t=\"s\"", "3"),
            (" s=\"1\"", " t=\"s\"", "123456"),
            (" s=\"12\"", "", "42"),
            ("", " t=\"n\"", "7"),
            ("", " t=\"str\"", "x"),
            ("", "", "4.5"),
        ];
        for seed in 0..20 {
            let mut next = super::super::tests::dice(seed);
            let mut expected = Expected::default();
            let (mut form, mut matched) = (0, 0);
            let row = 1 + next(2_000_000) as u32;
            for col in 0..800 {
                if next(8) == 0 {
                    form = next(forms.len() as u64) as usize;
                }
                let (style, kind, value) = forms[form];
                let col = match next(40) {
                    0 => continue,
                    1 => col / 2,
                    _ => col,
                };
                let reference = super::super::cell_name(row - 1, col);
                let xml = format!(
                    "<c r=\"{reference}\"{style}{kind}><v>{value}</v></c><c r=\"A1\"><v>1</v></c>"
                );
                let before = expected;
                matched += usize::from(expected.matches(xml.as_bytes()));
                let running = usual_cell(xml.as_bytes(), &mut expected);
                let afresh = usual_cell(xml.as_bytes(), &mut Expected::default());
                assert_eq!(running, afresh, "{xml} after {before:?}");
            }
            assert!(matched > 400, "seed {seed}: {matched}");
        }
    }

    #[test]
    fn a_cell_at_its_expected_reference_reads_as_one_read_afresh() {
        let cells = [
            "<c r=\"X7\" t=\"s\"><v>3</v></c>",
            "<c r=\"Y7\" t=\"s\"><v>3</v></c>",
            "<c r=\"Z7\" t=\"s\"><v>12</v></c>",
            "<c r=\"AA7\" s=\"4\" t=\"s\"><v>1</v></c>",
            "<c r=\"AB7\" s=\"4\" t=\"s\"><v>0</v></c>",
            "<c r=\"AC70\" s=\"4\" t=\"s\"><v>1</v></c>",
            "<c r=\"AD7\" s=\"4\" t=\"s\"><v>1</v></c>",
            "<c r=\"AE7\" s=\"5\" t=\"s\"><v>1</v></c>",
            "<c r=\"AF7\" s=\"5\" t=\"s\"><v>1</v></c>",
            "<c r=\"ag7\" s=\"5\" t=\"s\"><v>1</v></c>",
            "<c r=\"AH7\" s=\"5\" t=\"s\"><v>x</v></c>",
            "<c r=\"AI7\" s=\"5\" t=\"s\"><v>1</v></c>",
            "<c r=\"AJ7\" s=\"5\" t=\"s\"><v>1234567890</v></c>",
            "<c r=\"AK7\" s=\"5\" t=\"s\"><v>1</v></c>",
            "<c r=\"AL7\" s=\"5\" t=\"n\"><v>1</v></c>",
            "<c r=\"AM7\" s=\"5\" t=\"n\"><v>042</v></c>",
            "<c r=\"AN7\" s=\"5\" t=\"n\"><v>4.5</v></c>",
            "<c r=\"AO7\" s=\"5\" t=\"n\"/>",
            "<c r=\"AP7\" s=\"5\" t=\"n\"><v>9</v></c>",
            "<c r=\"A8\"><v>1</v></c>",
            "<c r=\"B8\"><v>1</v></c>",
        ];
        let mut expected = Expected::default();
        let mut matched = 0;
        for cell in cells {
            // Cut short too: a cell with fewer than 32 bytes at hand is read afresh.
            for xml in [format!("{cell}<c r=\"A1\"><v>1</v></c>"), cell.to_string()] {
                let before = expected;
                matched += usize::from(expected.matches(xml.as_bytes()));
                let running = usual_cell(xml.as_bytes(), &mut expected);
                let afresh = usual_cell(xml.as_bytes(), &mut Expected::default());
                assert_eq!(running, afresh, "{xml} after {before:?}");
            }
        }
        assert!(matched >= 5, "{matched}");
    }
}
