//! Hostile feature names through every output format: control characters, bidirectional
//! overrides, markup, formula prefixes, Markdown pipes, very long names. No renderer may panic,
//! and each keeps its escaping invariant: the JSON parses and carries no raw control character,
//! the SVG parses as XML, CSV cells start with no formula character, the HTML and Markdown hold
//! no raw markup of a name, and the terminal views no control character.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

use kano::chart::{layout, Chart, Split};
use kano::cmd::analyze::{render, Format};
use kano::input::{Layout, LayoutChoice};
use kano::report::table::TableOptions;
use kano::report::text_chart::GridSize;
use kano::{read_survey, ReadOptions, Settings, SortKey};

#[derive(Debug, Arbitrary)]
enum Piece {
    Text(String),
    Char(char),
    Escape,
    Csi,
    Bidi(u8),
    Script,
    Formula(u8),
    Pipe,
    Tag,
    Long(u16, char),
}

fn piece(p: &Piece, out: &mut String) {
    match p {
        Piece::Text(s) => out.push_str(s),
        Piece::Char(c) => out.push(*c),
        Piece::Escape => out.push_str("\u{1b}[31m\u{7}"),
        Piece::Csi => out.push('\u{9b}'),
        Piece::Bidi(i) => out.push(
            ['\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}']
                [usize::from(*i) % 11],
        ),
        Piece::Script => out.push_str("<script>alert(1)</script>&amp;\"'"),
        Piece::Formula(i) => out.push_str(["=cmd|'/c calc'!A1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"][usize::from(*i) % 6]),
        Piece::Pipe => out.push_str("|md|\\|"),
        Piece::Tag => out.push_str("[[Block:x]]"),
        Piece::Long(n, c) => out.extend(std::iter::repeat_n(*c, usize::from(*n) * 4)),
    }
}

fn hostile(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\r' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fuzz_target!(|names: Vec<Vec<Piece>>| {
    let mut csv = String::from("feature,A,O,M,I,R,Q\n");
    for (i, pieces) in names.iter().take(40).enumerate() {
        let mut name = String::new();
        for p in pieces.iter().take(8) {
            piece(p, &mut name);
        }
        csv.push_str(&format!("\"{}\",{},{},{},3,0,1\n", name.replace('"', "\"\""), 5 + i % 7, 1 + i % 5, i % 3));
    }
    let path = std::env::temp_dir().join(format!("kano-fuzz-render-{}.csv", std::process::id()));
    if std::fs::write(&path, &csv).is_err() {
        return;
    }
    let Some(path) = path.to_str() else { return };
    let options = ReadOptions {
        layout: LayoutChoice::Fixed(Layout::Counts),
        ..ReadOptions::default()
    };
    let Ok(survey) = read_survey(path, &options) else {
        return;
    };
    let report = kano::build(&survey, &Settings::default(), SortKey::default());
    let reading = kano::report::xlsx::Reading::from(&survey);
    let rendered = |format| {
        let mut out = Vec::new();
        render(&report, &reading, format, &mut out, TableOptions::default(), false)
            .map(|()| out)
    };

    let json = rendered(Format::Json).expect("JSON renders");
    let text = String::from_utf8(json).expect("JSON is UTF-8");
    assert!(!text.chars().any(hostile), "a raw control in JSON");
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON parses");
    for (f, expected) in value["features"].as_array().expect("features").iter().zip(&report.features) {
        assert_eq!(f["name"].as_str(), Some(expected.name.as_str()), "JSON changed a name");
    }

    let csv_out = rendered(Format::Csv).expect("CSV renders");
    let mut reader = csv::Reader::from_reader(csv_out.as_slice());
    for record in reader.records() {
        let record = record.expect("CSV parses");
        let name = record.get(1).unwrap_or_default();
        assert!(!name.starts_with(['=', '+', '-', '@', '\t', '\r']), "formula cell {name:?}");
        assert!(!name.chars().any(hostile), "a raw control in CSV");
    }

    for format in [Format::Table, Format::Markdown] {
        let out = String::from_utf8(rendered(format).expect("renders")).expect("UTF-8");
        assert!(!out.chars().any(hostile), "a raw control in {format:?}");
        // Markup matters where a renderer reads it (Markdown); a terminal shows it as text.
        if format == Format::Markdown {
            assert!(!out.contains("<script>"), "raw markup in {format:?}");
        }
    }
    let _ = rendered(Format::Xlsx).expect("xlsx renders");

    let chart = Chart::better_worse(&report, Split::Middle, true);
    let laid = layout(&chart, kano::chart::Geometry::default());
    let svg = kano::report::svg::to_string(&chart, &laid).expect("SVG renders");
    roxmltree::Document::parse(&svg).expect("SVG parses as XML");
    assert!(!svg.chars().any(hostile), "a raw control in SVG");

    let mut text_chart = Vec::new();
    kano::report::text_chart::render(&chart, &mut text_chart, GridSize::default()).expect("text chart");
    let text_chart = String::from_utf8(text_chart).expect("UTF-8");
    assert!(!text_chart.chars().any(hostile), "a raw control in the text chart");

    let html_reading = kano::report::html::Reading::of(&survey);
    let page = kano::report::html::Page {
        report: &report,
        reading: &html_reading,
        chart_svg: &svg,
        comparison: None,
        trend: None,
    };
    let mut html = Vec::new();
    kano::report::html::render(page, &mut html).expect("HTML renders");
    let html = String::from_utf8(html).expect("UTF-8");
    assert!(!html.contains("<script>alert"), "raw markup in HTML");
});
