//! Text widths from real font metrics: the advance widths of Helvetica, the font the SVG charts
//! name first (as "Liberation Sans, Arial, Helvetica"; Liberation Sans and Arial are
//! metric-compatible with Helvetica: every character has the same advance width), so a label's
//! box is as wide as the browser draws its text.
//!
//! An SVG's text is laid out by whatever draws it; kano cannot ask, but it can name a font whose
//! widths it knows and measure with those.

use unicode_width::UnicodeWidthChar;

/// The `font-family` every chart text names: metric-compatible fonts first, so that the widths
/// of [`advance`] hold wherever one of them is installed (Liberation Sans on Linux, Arial on
/// Windows and macOS, Helvetica on macOS).
pub const FONT_FAMILY: &str = "Liberation Sans, Arial, Helvetica, sans-serif";

/// Advance widths in 1/1000 em of Helvetica (regular; the oblique has the same widths), for the
/// printable ASCII characters U+0020-U+007E, in code order.
///
/// Source: Adobe's Core14 AFM file `Helvetica.afm` (Adobe Font Metrics, Helvetica 002.000,
/// `C ... ; WX ...` lines), read in the ISO Latin-1 / Windows-1252 sense: U+0027 is
/// `quotesingle` (191) and U+0060 is `grave` (333). Arial and Liberation Sans share them.
const ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '-'/'
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // '0'-'?'
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722,
    778, // '@'-'O'
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // 'P'-'_'
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // '`'-'o'
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // 'p'-'~'
];

/// Advance widths of Helvetica for Latin-1 U+00A0-U+00FF, in code order; same source as
/// [`ASCII`] (`space` for the no-break space, `hyphen` for the soft hyphen).
const LATIN1: [u16; 96] = [
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333, // A0-AF
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, // B0-BF
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, // C0-CF
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, // D0-DF
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, // E0-EF
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500, // F0-FF
];

/// Punctuation outside Latin-1 that kano itself writes or names commonly carry, from the same
/// AFM file.
const OTHERS: [(char, u16); 11] = [
    ('…', 1000),
    ('–', 556),
    ('—', 1000),
    ('‘', 222),
    ('’', 222),
    ('“', 333),
    ('”', 333),
    ('•', 350),
    ('€', 556),
    ('™', 1000),
    ('−', 584),
];

/// Width of any other character that takes one terminal column: wider than the average
/// Helvetica letter (about 530), so that unknown scripts (Greek, Cyrillic, ...) err towards a
/// box a little too wide rather than text spilling out of it.
pub const FALLBACK: u16 = 600;

/// Width of a wide character (CJK ideographs, kana, Hangul, most emoji): a full em, as CJK
/// fonts draw them.
pub const WIDE: u16 = 1000;

/// The advance width of `c` in 1/1000 em: the ASCII and Latin-1 tables and a few punctuation
/// marks from the metrics; zero for combining marks and other zero-width characters; [`WIDE`]
/// for characters two terminal columns wide; [`FALLBACK`] otherwise.
pub fn advance(c: char) -> u16 {
    let code = u32::from(c);
    if (0x20..=0x7e).contains(&code) {
        return ASCII[(code - 0x20) as usize];
    }
    if (0xa0..=0xff).contains(&code) {
        return LATIN1[(code - 0xa0) as usize];
    }
    if let Some(&(_, w)) = OTHERS.iter().find(|(o, _)| *o == c) {
        return w;
    }
    match c.width() {
        Some(0) => 0,
        Some(2) => WIDE,
        _ => FALLBACK,
    }
}

/// The width of one line of `text` at `font_px`, in pixels.
pub fn text_width(text: &str, font_px: f64) -> f64 {
    let units: u64 = text.chars().map(|c| u64::from(advance(c))).sum();
    units as f64 * font_px / 1000.0
}

/// `text` cut on a character boundary so that it, with an ellipsis, is at most `max_px` wide at
/// `font_px`; unchanged when it fits as it is.
pub fn truncate_to_width(text: &str, font_px: f64, max_px: f64) -> String {
    if text_width(text, font_px) <= max_px {
        return text.to_string();
    }
    let budget = max_px - text_width("…", font_px);
    let mut used = 0.0;
    let mut out = String::new();
    for c in text.chars() {
        let w = f64::from(advance(c)) * font_px / 1000.0;
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    // No dangling space before the ellipsis.
    let kept = out.trim_end().len();
    out.truncate(kept);
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_helvetica_metrics() {
        let cases = [
            (' ', 278),
            ('A', 667),
            ('W', 944),
            ('i', 222),
            ('m', 833),
            ('0', 556),
            ('@', 1015),
            ('~', 584),
            ('é', 556),
            ('Æ', 1000),
            ('ÿ', 500),
            ('…', 1000),
            ('日', WIDE),
            ('😀', WIDE),
            ('\u{301}', 0),
            ('ж', FALLBACK),
        ];
        for (c, w) in cases {
            assert_eq!(advance(c), w, "{c:?}");
        }
    }

    #[test]
    fn narrow_and_wide_letters_measure_differently() {
        assert!((text_width("iiii", 10.0) - 8.88).abs() < 1e-9);
        assert!((text_width("WWWW", 10.0) - 37.76).abs() < 1e-9);
        assert_eq!(text_width("", 12.0), 0.0);
    }

    #[test]
    fn long_text_is_cut_with_an_ellipsis_within_the_width() {
        let name = "Export every monthly statement as a searchable PDF with the letterhead";
        let cut = truncate_to_width(name, 12.0, 150.0);
        assert!(cut.ends_with('…'), "{cut}");
        assert!(text_width(&cut, 12.0) <= 150.0, "{cut}");
        assert!(name.starts_with(cut.trim_end_matches('…')));
        assert!(text_width(&cut, 12.0) > 130.0, "cut too short: {cut}");
        assert_eq!(truncate_to_width("Dark mode", 12.0, 150.0), "Dark mode");
        // Wide characters are cut on character boundaries.
        let cjk = truncate_to_width(&"日本語".repeat(20), 10.0, 55.0);
        assert_eq!(cjk, "日本語日…");
    }
}
