//! Text laid out for a terminal: untrusted names shown escaped, cut to a display width and
//! padded, each in one pass over the text (a 2 MB feature name costs a copy, never a quadratic
//! wrap). `format!("{:<width$}")` is not used for names: Rust refuses widths above 65,535.

use unicode_width::UnicodeWidthChar;

use crate::error::printable;

/// The most terminal columns a feature name takes in the table, the text chart, the trend and
/// the chart labels; a longer name ends in `…` there, and every file format (JSON, CSV, xlsx,
/// Markdown, HTML tables) carries it in full.
pub const NAME_COLUMNS: usize = 100;

/// Columns `c` takes in a terminal (0 for a zero-width mark).
fn char_columns(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Columns `text` takes in a terminal.
pub fn columns(text: &str) -> usize {
    text.chars().map(char_columns).sum()
}

/// [`printable`] `text`, cut to at most `max` columns (the last one `…`) when it is wider.
pub fn clip(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let mut buffer = [0u8; 4];
    // Where the text stood when one more column would have left no room for the ellipsis.
    let mut cut: Option<(usize, usize)> = None;
    for c in text.chars() {
        let shown = printable(c.encode_utf8(&mut buffer));
        let width = columns(&shown);
        if cut.is_none() && used + width > max.saturating_sub(1) {
            cut = Some((out.len(), used));
        }
        if used + width > max {
            let (end, _) = cut.unwrap_or((out.len(), used));
            out.truncate(end);
            if max > 0 {
                out.push('…');
            }
            return out;
        }
        out.push_str(&shown);
        used += width;
    }
    out
}

/// Whether [`clip`] would cut `text` at `max` columns.
pub fn is_clipped(text: &str, max: usize) -> bool {
    let mut used = 0;
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        used += columns(&printable(c.encode_utf8(&mut buffer)));
        if used > max {
            return true;
        }
    }
    false
}

/// `text` followed by spaces up to `width` columns (none when it is already as wide).
pub fn pad(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + width);
    out.push_str(text);
    out.extend(std::iter::repeat_n(
        ' ',
        width.saturating_sub(columns(text)),
    ));
    out
}

/// Spaces up to `width` columns, then `text`.
pub fn pad_left(text: &str, width: usize) -> String {
    let mut out: String = std::iter::repeat_n(' ', width.saturating_sub(columns(text))).collect();
    out.push_str(text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_are_kept_and_long_ones_end_in_an_ellipsis_at_the_width() {
        assert_eq!(clip("Sync", 10), "Sync");
        assert_eq!(clip("abcdefghij", 10), "abcdefghij");
        assert_eq!(clip("abcdefghijk", 10), "abcdefghi…");
        assert_eq!(
            columns(&clip(&"x".repeat(2_000_000), NAME_COLUMNS)),
            NAME_COLUMNS
        );
        assert!(is_clipped("abcdefghijk", 10) && !is_clipped("abcdefghij", 10));
    }

    #[test]
    fn wide_characters_and_escapes_count_their_columns() {
        // Each CJK character takes two columns; an escaped ESC takes its six visible ones.
        assert_eq!(clip("日本語です", 6), "日本…");
        assert_eq!(columns(&clip("日本語です", 6)), 5);
        assert_eq!(clip("a\u{1b}b", 20), "a\\u{1b}b");
        assert!(!clip("\u{202e}evil", 20).contains('\u{202e}'));
    }

    #[test]
    fn padding_past_what_format_allows_works() {
        let name = "y".repeat(70_000);
        assert_eq!(pad(&name, 70_005).len(), 70_005);
        assert_eq!(pad_left("7", 3), "  7");
        assert_eq!(pad("日本", 5), "日本 ");
    }
}
