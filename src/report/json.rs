//! JSON output: the [`Report`] as pretty-printed JSON, one document followed by a newline; and
//! [`to_writer_pretty`], the one JSON writer of every command.
//!
//! serde_json escapes only `"`, `\` and U+0000-U+001F. Feature names are untrusted and reach a
//! terminal under `jq -r`, so DEL, the C1 controls (U+0080-U+009F, among them U+009B, the
//! one-byte CSI) and the bidirectional controls (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069,
//! which can make a name read backwards) are escaped too, as `\u009b` etc.: the parsed value is
//! the same string, but the bytes carry no control.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::Report;

/// Writes the report as JSON.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

/// Whether `c` is written as a `\u` escape beyond what serde_json escapes.
fn escaped(c: char) -> bool {
    matches!(
        c,
        '\u{7f}'..='\u{9f}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
    )
}

/// serde_json's pretty formatter, escaping also the characters of [`escaped`].
struct Escaping(PrettyFormatter<'static>);

impl Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if escaped(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as pretty-printed JSON (no newline after it), like
/// `serde_json::to_writer_pretty` but with every control and bidirectional character escaped.
/// A write error keeps its `io::ErrorKind` (a closed pipe stays `BrokenPipe`).
pub fn to_writer_pretty<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(out, Escaping(PrettyFormatter::new()));
    value
        .serialize(&mut serializer)
        .map_err(|e| match e.io_error_kind() {
            Some(kind) => io::Error::new(kind, e),
            None => io::Error::other(e),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_bidi_and_del_are_escaped_and_the_value_survives() {
        let name = "a\u{9b}31m\u{202e}b\u{7f}\u{2066}c\u{1b}é日";
        let mut out = Vec::new();
        assert!(to_writer_pretty(&mut out, &[name]).is_ok());
        let text = String::from_utf8(out).unwrap_or_default();
        assert!(text.contains("\\u009b") && text.contains("\\u202e") && text.contains("\\u007f"));
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' || escaped(c)),
            "{text}"
        );
        let back: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
        assert_eq!(back, [name]);
    }
}
