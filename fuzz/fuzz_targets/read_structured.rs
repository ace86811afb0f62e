//! CSV-like surveys built from feature-ish column names and answer-ish cells, joined with a
//! chosen delimiter, so the fuzzer spends its time past the header checks.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

#[derive(Debug, Arbitrary)]
enum Column {
    Functional(u8),
    Dysfunctional(u8),
    Importance(u8),
    Bracketed(u8, bool),
    Underscore(u8, bool),
    Feature,
    FunctionalPlain,
    DysfunctionalPlain,
    Respondent,
    Category(u8),
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum Cell {
    Label(u8),
    Code(u8),
    Number(f32),
    Empty,
    FeatureName(u8),
    Raw(String),
    Quoted(String),
}

#[derive(Debug, Arbitrary)]
struct Survey {
    delimiter: u8,
    crlf: bool,
    bom: bool,
    header: Vec<Column>,
    rows: Vec<Vec<Cell>>,
}

const LABELS: &[&str] = &[
    "I like it",
    "I expect it",
    "I am neutral",
    "I can live with it",
    "I dislike it",
    "It must be that way",
    "I dislike it, but I can live with it that way",
    "Like",
    "must-be",
    "Das ist mir egal",
    "I\u{2019}m neutral",
];

fn column(c: &Column) -> String {
    match c {
        Column::Functional(i) => format!("F{i} (functional)"),
        Column::Dysfunctional(i) => format!("F{i} (dysfunctional)"),
        Column::Importance(i) => format!("F{i} (importance)"),
        Column::Bracketed(i, f) => format!("Q{i} [{}]", if *f { "func" } else { "dysf" }),
        Column::Underscore(i, f) => format!("q{i}_{}", if *f { "functional" } else { "dys" }),
        Column::Feature => "feature".to_string(),
        Column::FunctionalPlain => "functional".to_string(),
        Column::DysfunctionalPlain => "dysfunctional".to_string(),
        Column::Respondent => "respondent".to_string(),
        Column::Category(i) => ["A", "O", "M", "I", "R", "Q", "total"][usize::from(*i) % 7].into(),
        Column::Raw(s) => s.clone(),
    }
}

fn cell(c: &Cell) -> String {
    match c {
        Cell::Label(i) => LABELS[usize::from(*i) % LABELS.len()].to_string(),
        Cell::Code(i) => (i % 8).to_string(),
        Cell::Number(x) => x.to_string(),
        Cell::Empty => String::new(),
        Cell::FeatureName(i) => format!("F{i}"),
        Cell::Raw(s) => s.clone(),
        Cell::Quoted(s) => format!("\"{}\"", s.replace('"', "\"\"")),
    }
}

fuzz_target!(|survey: Survey| {
    let delimiter = [b',', b';', b'\t', b'|'][usize::from(survey.delimiter) % 4] as char;
    let newline = if survey.crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    if survey.bom {
        text.push('\u{FEFF}');
    }
    let header: Vec<String> = survey.header.iter().map(column).collect();
    text.push_str(&header.join(&delimiter.to_string()));
    for row in &survey.rows {
        text.push_str(newline);
        let cells: Vec<String> = row.iter().map(cell).collect();
        text.push_str(&cells.join(&delimiter.to_string()));
    }
    text.push_str(newline);
    common::exercise(text.as_bytes());
});
