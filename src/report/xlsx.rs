//! Excel output (`--format xlsx`): a workbook to hand over, built with rust_xlsxwriter.
//!
//! `analyze` writes four sheets: Results (the CSV columns under headers in words, numbers as
//! numbers, an Excel Table with fitted column widths), Counts (a Table too), Reading
//! (where the data came from) and Settings. `explain` writes Grid, Explanation and Settings.
//! Survey text is always written with `write_string`, so a feature named `=HYPERLINK(..)` stays
//! text and never becomes a formula. Other commands (e.g. a comparison of waves) can build their
//! own workbook from the `add_*_sheet` functions and [`save`].

use std::io::{self, Write};

use comfy_table::Color as TermColor;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, Table, TableColumn, Workbook, Worksheet, XlsxError,
};

use super::csv::{values, Value, COLUMNS};
use super::table::category_color;
use super::{Report, SettingsInfo, SCHEMA_VERSION};
use crate::category::Category;
use crate::compare::Comparison;
use crate::explain::Explanation;
use crate::input::Survey;
use crate::trend::Trend;

/// What the Reading sheet needs beyond the [`Report`]: how the file was read, feature by feature.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    /// The field delimiter, shown as text (`,`, `;`, `tab`, ...).
    pub delimiter: String,
    /// Each feature in file order with the columns it was read from.
    pub features: Vec<(String, Vec<String>)>,
}

impl From<&Survey> for Reading {
    fn from(survey: &Survey) -> Reading {
        Reading {
            delimiter: super::delimiter_name(survey.reading.delimiter),
            features: survey
                .features
                .iter()
                .map(|f| (f.name.clone(), f.columns.clone()))
                .collect(),
        }
    }
}

/// The fill colour of a category's cells: a light tint of its terminal colour
/// ([`category_color`]), so the workbook and the table agree.
pub fn category_fill(category: Category) -> Color {
    Color::RGB(match category_color(category) {
        TermColor::Red => 0xF4_CC_CC,
        TermColor::Blue => 0xCF_E2_F3,
        TermColor::Green => 0xD9_EA_D3,
        TermColor::Magenta => 0xEA_D1_DC,
        TermColor::Yellow => 0xFF_F2_CC,
        _ => 0xE7_E6_E6,
    })
}

/// The number format of a Results column: one decimal for percentages and strengths, two for
/// coefficients and scores, none for counts.
pub fn number_format(column: &str) -> &'static str {
    if column.starts_with("pct_") || column.ends_with("_strength") || column == "importance_mean" {
        "0.0"
    } else {
        "0.00"
    }
}

fn to_io(error: XlsxError) -> io::Error {
    io::Error::other(format!("writing xlsx: {error}"))
}

/// A new workbook with fixed document properties, so the same input gives the same bytes.
pub fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    let properties = DocProperties::new()
        .set_creation_datetime(&created)
        .set_author("kano")
        .set_comment(concat!("kano ", env!("CARGO_PKG_VERSION")));
    workbook.set_properties(&properties);
    Ok(workbook)
}

/// The Results sheet's headers, one per entry of [`COLUMNS`] (the CSV's code names), in words.
pub const RESULTS_HEADERS: &[&str] = &[
    "Rank",
    "Feature",
    "Category",
    "Category (as shown)",
    "Runner-up",
    "Mixed",
    "n",
    "Missing",
    "Invalid",
    "attractive (A)",
    "one-dimensional (O)",
    "must-be (M)",
    "indifferent (I)",
    "reverse (R)",
    "questionable (Q)",
    "% attractive",
    "% one-dimensional",
    "% must-be",
    "% indifferent",
    "% reverse",
    "% questionable",
    "Category strength (points)",
    "Total strength (%)",
    "Fong significant",
    "Better",
    "Better (95% low)",
    "Better (95% high)",
    "Worse",
    "Worse (95% low)",
    "Worse (95% high)",
    "Functional mean",
    "Functional SD",
    "Dysfunctional mean",
    "Dysfunctional SD",
    "Importance mean",
    "Importance n",
    "Action",
];

/// The Counts sheet's headers.
pub const COUNTS_HEADERS: &[&str] = &[
    "Feature",
    "attractive (A)",
    "one-dimensional (O)",
    "must-be (M)",
    "indifferent (I)",
    "reverse (R)",
    "questionable (Q)",
    "n",
    "Missing",
    "Invalid",
];

/// The widest a fitted column gets, in pixels (about 40 characters): a long feature name is cut
/// from view rather than pushing every number off-screen.
pub const MAX_COLUMN_PIXELS: u16 = 300;

/// Makes the header row and `rows` data rows below it an Excel Table (a filter button per
/// column, banded rows, a name formulas can refer to), freezes the header, and fits each
/// column's width to its longest cell, capped at [`MAX_COLUMN_PIXELS`]. Without data rows (Excel
/// tables need one) the header is written bold instead.
fn table(sheet: &mut Worksheet, headers: &[&str], rows: usize) -> Result<(), XlsxError> {
    match (u32::try_from(rows), headers.len().checked_sub(1)) {
        (Ok(last_row), Some(last_col)) if last_row > 0 => {
            let columns: Vec<TableColumn> = headers
                .iter()
                .map(|h| TableColumn::new().set_header(*h))
                .collect();
            let last_col = u16::try_from(last_col).unwrap_or(u16::MAX);
            sheet.add_table(
                0,
                0,
                last_row,
                last_col,
                &Table::new().set_columns(&columns),
            )?;
        }
        _ => header_at(sheet, 0, headers)?,
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit_to_max_width(MAX_COLUMN_PIXELS);
    Ok(())
}

/// Adds a sheet named `name` with one row per feature and the columns of the CSV format.
pub fn add_results_sheet(
    workbook: &mut Workbook,
    name: &str,
    report: &Report,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    let formats: Vec<Format> = COLUMNS
        .iter()
        .map(|c| Format::new().set_num_format(number_format(c)))
        .collect();
    let fills: Vec<(Category, Format)> = Category::ALL
        .iter()
        .map(|c| (*c, Format::new().set_background_color(category_fill(*c))))
        .collect();
    for (row, feature) in (1u32..).zip(&report.features) {
        for ((col, value), format) in (0u16..).zip(values(feature)).zip(&formats) {
            match value {
                Value::Text(text) => {
                    let fill = text
                        .parse::<Category>()
                        .ok()
                        .filter(|_| COLUMNS.get(usize::from(col)) == Some(&"category"))
                        .and_then(|c| fills.iter().find(|(f, _)| *f == c));
                    match fill {
                        Some((_, fill)) => sheet.write_string_with_format(row, col, text, fill)?,
                        None => sheet.write_string(row, col, text)?,
                    };
                }
                Value::Count(Some(count)) => {
                    sheet.write_number(row, col, count as f64)?;
                }
                Value::Number(Some(x)) => {
                    sheet.write_number_with_format(row, col, x, format)?;
                }
                Value::Flag(Some(flag)) => {
                    sheet.write_boolean(row, col, flag)?;
                }
                Value::Count(None) | Value::Number(None) | Value::Flag(None) => {}
            }
        }
    }
    table(sheet, RESULTS_HEADERS, report.features.len())
}

/// Adds a sheet named `name`: feature, A, O, M, I, R, Q, n, missing, invalid.
pub fn add_counts_sheet(
    workbook: &mut Workbook,
    name: &str,
    report: &Report,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    for (row, f) in (1u32..).zip(&report.features) {
        sheet.write_string(row, 0, &f.name)?;
        let numbers = f
            .counts
            .to_array()
            .into_iter()
            .chain([f.n, f.missing, f.invalid]);
        for (col, value) in (1u16..).zip(numbers) {
            sheet.write_number(row, col, value as f64)?;
        }
    }
    table(sheet, COUNTS_HEADERS, report.features.len())
}

/// Adds the Reading sheet: path, layout, respondents, delimiter, each feature with its columns,
/// the warnings and the notes (columns part of no feature).
pub fn add_reading_sheet(
    workbook: &mut Workbook,
    report: &Report,
    reading: &Reading,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("Reading")?;
    let bold = Format::new().set_bold();
    sheet.write_string_with_format(0, 0, "path", &bold)?;
    sheet.write_string(0, 1, &report.input.path)?;
    sheet.write_string_with_format(1, 0, "layout", &bold)?;
    sheet.write_string(1, 1, &report.input.layout)?;
    sheet.write_string_with_format(2, 0, "respondents", &bold)?;
    match report.input.respondents {
        Some(n) => sheet.write_number(2, 1, n as f64)?,
        None => sheet.write_string(2, 1, "published counts")?,
    };
    sheet.write_string_with_format(3, 0, "delimiter", &bold)?;
    sheet.write_string(3, 1, &reading.delimiter)?;
    let mut row = 5u32;
    sheet.write_string_with_format(row, 0, "feature", &bold)?;
    sheet.write_string_with_format(row, 1, "columns", &bold)?;
    for (name, columns) in &reading.features {
        row += 1;
        sheet.write_string(row, 0, name)?;
        for (col, column) in (1u16..).zip(columns) {
            sheet.write_string(row, col, column)?;
        }
    }
    row += 2;
    sheet.write_string_with_format(row, 0, "warnings", &bold)?;
    if report.warnings.is_empty() {
        sheet.write_string(row, 1, "none")?;
    }
    for warning in &report.warnings {
        sheet.write_string(row, 1, warning)?;
        row += 1;
    }
    let notes = super::reading_notes(&report.reading.ignored_columns);
    if !notes.is_empty() {
        row += 1;
        sheet.write_string_with_format(row, 0, "notes", &bold)?;
    }
    for note in &notes {
        sheet.write_string(row, 1, note)?;
        row += 1;
    }
    sheet.set_column_width(0, 28)?;
    sheet.set_column_width(1, 40)?;
    Ok(())
}

/// Adds the Settings sheet: table, rule, tie order, mixed threshold, worse_positive, versions.
pub fn add_settings_sheet(
    workbook: &mut Workbook,
    settings: &SettingsInfo,
    kano_version: &str,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("Settings")?;
    let bold = Format::new().set_bold();
    let rows = [
        ("table", settings.table.as_str()),
        ("rule", settings.rule.as_str()),
        ("tie order", settings.tie_order.as_str()),
    ];
    for (row, (key, value)) in (0u32..).zip(rows) {
        sheet.write_string_with_format(row, 0, key, &bold)?;
        sheet.write_string(row, 1, value)?;
    }
    sheet.write_string_with_format(3, 0, "mixed threshold", &bold)?;
    sheet.write_number(3, 1, settings.mixed_threshold)?;
    sheet.write_string_with_format(4, 0, "worse_positive", &bold)?;
    sheet.write_boolean(4, 1, settings.worse_positive)?;
    sheet.write_string_with_format(5, 0, "kano version", &bold)?;
    sheet.write_string(5, 1, kano_version)?;
    sheet.write_string_with_format(6, 0, "schema version", &bold)?;
    sheet.write_number(6, 1, SCHEMA_VERSION)?;
    let conventions = [
        ("convention", settings.convention.as_str()),
        ("strength", settings.strength.as_str()),
        ("fong", settings.fong.as_str()),
        ("continuous scale", settings.continuous_scale.as_str()),
        ("continuous means over", settings.continuous_basis.as_str()),
    ];
    for (row, (key, value)) in (7u32..).zip(conventions) {
        sheet.write_string_with_format(row, 0, key, &bold)?;
        sheet.write_string(row, 1, value)?;
    }
    sheet.set_column_width(0, 18)?;
    sheet.set_column_width(1, 12)?;
    Ok(())
}

/// Writes a workbook's bytes to `out`.
pub fn save(workbook: &mut Workbook, out: &mut dyn Write) -> io::Result<()> {
    let bytes = workbook.save_to_buffer().map_err(to_io)?;
    out.write_all(&bytes)
}

/// Builds the workbook of an analysis: Results, Counts, Reading and Settings.
pub fn workbook(report: &Report, reading: &Reading) -> Result<Workbook, XlsxError> {
    let mut workbook = new_workbook()?;
    add_results_sheet(&mut workbook, "Results", report)?;
    add_counts_sheet(&mut workbook, "Counts", report)?;
    add_reading_sheet(&mut workbook, report, reading)?;
    add_settings_sheet(&mut workbook, &report.settings, &report.kano_version)?;
    if !report.segment_tests.is_empty() {
        add_segment_tests_sheet(&mut workbook, report)?;
    }
    if report.settings.refined {
        add_refined_sheet(&mut workbook, report)?;
    }
    Ok(workbook)
}

/// Adds the "Refined" sheet of `--refined`: feature, category, mean importance (a number) and
/// Yang's refined category, with the importance they split at below.
fn add_refined_sheet(workbook: &mut Workbook, report: &Report) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("Refined")?;
    let bold = Format::new().set_bold();
    for (col, header) in (0u16..).zip(super::refined::HEADERS) {
        sheet.write_string_with_format(0, col, header, &bold)?;
    }
    for (row, f) in (1u32..).zip(&report.features) {
        sheet.write_string(row, 0, &f.name)?;
        sheet.write_string(row, 1, f.category_label())?;
        if let Some(importance) = f.importance {
            sheet.write_number(row, 2, importance.mean)?;
        }
        if let Some(Some(refined)) = &f.refined_category {
            sheet.write_string(row, 3, refined)?;
        }
    }
    let below = u32::try_from(report.features.len()).unwrap_or(0) + 2;
    sheet.write_string(below, 0, super::refined::heading(report))?;
    sheet.write_string(below + 1, 0, super::refined::legend())?;
    sheet.set_column_width(0, 26)?;
    Ok(())
}

/// Adds the "Between segments" sheet of `--by`: per feature and test, the statistic, degrees of
/// freedom, p-value, Holm-adjusted p-value and method, numbers as numbers.
fn add_segment_tests_sheet(workbook: &mut Workbook, report: &Report) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("Between segments")?;
    let mut headers = vec!["feature".to_string(), "segments".to_string()];
    for family in ["categories", "better", "worse"] {
        for field in ["chi_square", "df", "p", "p_holm", "method"] {
            headers.push(format!("{family}_{field}"));
        }
    }
    for (row, t) in (1u32..).zip(&report.segment_tests) {
        sheet.write_string(row, 0, &t.name)?;
        sheet.write_number(row, 1, t.segments as f64)?;
        for (family, test) in [&t.categories, &t.better, &t.worse].into_iter().enumerate() {
            let col = 2 + 5 * u16::try_from(family).unwrap_or(0);
            if let Some(test) = test {
                sheet.write_number(row, col, test.statistic)?;
                sheet.write_number(row, col + 1, test.df as f64)?;
                sheet.write_number(row, col + 2, test.p)?;
                sheet.write_number(row, col + 3, test.p_holm)?;
                sheet.write_string(row, col + 4, test.method.name())?;
            }
        }
    }
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    table(sheet, &names, report.segment_tests.len())?;
    let below = u32::try_from(report.segment_tests.len()).unwrap_or(0) + 2;
    sheet.write_string(below, 0, super::segment_tests::legend())?;
    Ok(())
}

/// Writes an analysis as an xlsx workbook to `out`.
pub fn render(report: &Report, reading: &Reading, out: &mut dyn Write) -> io::Result<()> {
    let mut workbook = workbook(report, reading).map_err(to_io)?;
    save(&mut workbook, out)
}

/// Adds the Grid sheet of an explanation: counts with their category colour, totals, and the
/// letters of the evaluation table below.
fn add_grid_sheet(workbook: &mut Workbook, e: &Explanation) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("Grid")?;
    let bold = Format::new().set_bold();
    let fill = |letter: &str| {
        letter
            .chars()
            .next()
            .and_then(Category::from_letter)
            .map(|c| Format::new().set_background_color(category_fill(c)))
            .unwrap_or_default()
    };
    sheet.write_string_with_format(0, 0, &e.feature, &bold)?;
    let mut row = 2u32;
    if let Some(grid) = &e.grid {
        sheet.write_string_with_format(row, 0, "functional \\ dysfunctional", &bold)?;
        for (col, name) in (1u16..).zip(&e.columns) {
            sheet.write_string_with_format(row, col, name, &bold)?;
        }
        sheet.write_string_with_format(row, 6, "total", &bold)?;
        for (f, name) in e.rows.iter().enumerate() {
            let r = row + 1 + u32::try_from(f).unwrap_or(0);
            sheet.write_string_with_format(r, 0, name, &bold)?;
            for (col, d) in (1u16..).zip(0..e.columns.len()) {
                let count = grid.get(f).and_then(|x| x.get(d)).copied().unwrap_or(0);
                let letter = e.letters.get(f).and_then(|x| x.get(d));
                let format = letter.map(|l| fill(l)).unwrap_or_default();
                sheet.write_number_with_format(r, col, count as f64, &format)?;
            }
            if let Some(total) = e.row_totals.as_ref().and_then(|t| t.get(f)) {
                sheet.write_number(r, 6, *total as f64)?;
            }
        }
        row += 6;
        sheet.write_string_with_format(row, 0, "total", &bold)?;
        for (col, total) in (1u16..).zip(e.column_totals.iter().flatten()) {
            sheet.write_number(row, col, *total as f64)?;
        }
        let sum: u64 = e.column_totals.iter().flatten().sum();
        sheet.write_number(row, 6, sum as f64)?;
        row += 2;
    } else {
        sheet.write_string(
            row,
            0,
            "Only category counts are available (counts layout): no answer grid.",
        )?;
        row += 2;
    }
    sheet.write_string_with_format(row, 0, "category letters", &bold)?;
    for (col, name) in (1u16..).zip(&e.columns) {
        sheet.write_string_with_format(row, col, name, &bold)?;
    }
    for (f, name) in e.rows.iter().enumerate() {
        let r = row + 1 + u32::try_from(f).unwrap_or(0);
        sheet.write_string_with_format(r, 0, name, &bold)?;
        for (col, letter) in (1u16..).zip(e.letters.get(f).into_iter().flatten()) {
            sheet.write_string_with_format(r, col, letter, &fill(letter))?;
        }
    }
    sheet.set_column_width(0, 26)?;
    Ok(())
}

/// Writes an explanation as an xlsx workbook to `out`: Grid, Explanation (the sentences and the
/// counts) and Settings.
pub fn render_explanation(e: &Explanation, out: &mut dyn Write) -> io::Result<()> {
    let build = || -> Result<Workbook, XlsxError> {
        let mut workbook = new_workbook()?;
        add_grid_sheet(&mut workbook, e)?;
        let sheet = workbook.add_worksheet();
        sheet.set_name("Explanation")?;
        let bold = Format::new().set_bold();
        sheet.write_string_with_format(0, 0, super::explain::title(e), &bold)?;
        let mut row = 2u32;
        for sentence in super::explain::sentences(e) {
            sheet.write_string(row, 0, sentence)?;
            row += 1;
        }
        row += 1;
        header_at(sheet, row, &["category", "count", "percent"])?;
        let percent = Format::new().set_num_format("0.0");
        let pct = e.percentages.map(|p| p.to_array());
        for (i, (category, count)) in Category::ALL.iter().zip(e.counts.to_array()).enumerate() {
            let r = row + 1 + u32::try_from(i).unwrap_or(0);
            let fill = Format::new().set_background_color(category_fill(*category));
            sheet.write_string_with_format(r, 0, category.name(), &fill)?;
            sheet.write_number(r, 1, count as f64)?;
            if let Some(p) = pct {
                sheet.write_number_with_format(r, 2, p[i], &percent)?;
            }
        }
        add_settings_sheet(&mut workbook, &e.settings, &e.kano_version)?;
        Ok(workbook)
    };
    let mut workbook = build().map_err(to_io)?;
    save(&mut workbook, out)
}

/// A bold header in `row`.
fn header_at(sheet: &mut Worksheet, row: u32, names: &[&str]) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    for (col, name) in (0u16..).zip(names) {
        sheet.write_string_with_format(row, col, *name, &bold)?;
    }
    Ok(())
}

/// The columns of the Comparison sheet.
const COMPARISON_COLUMNS: &[&str] = &[
    "feature",
    "category_then",
    "category_now",
    "better_then",
    "better_now",
    "better_change",
    "better_z",
    "better_significant",
    "worse_then",
    "worse_now",
    "worse_change",
    "worse_z",
    "worse_significant",
    "drift",
];

/// Writes an optional number, leaving the cell empty when undefined.
fn optional_number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
) -> Result<(), XlsxError> {
    if let Some(x) = value {
        sheet.write_number_with_format(row, col, x, format)?;
    }
    Ok(())
}

/// Writes a category name as text, filled with its colour.
fn category_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    category: Option<&str>,
) -> Result<(), XlsxError> {
    let text = category.unwrap_or("");
    match category.and_then(|c| c.parse::<Category>().ok()) {
        Some(c) => sheet.write_string_with_format(
            row,
            col,
            text,
            &Format::new().set_background_color(category_fill(c)),
        )?,
        None => sheet.write_string(row, col, text)?,
    };
    Ok(())
}

/// Adds the Comparison sheet of two waves: one row per feature in both.
fn add_comparison_sheet(workbook: &mut Workbook, c: &Comparison) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("Comparison")?;
    let two = Format::new().set_num_format("0.00");
    for (row, f) in (1u32..).zip(&c.features) {
        sheet.write_string(row, 0, &f.name)?;
        category_cell(sheet, row, 1, f.old.category.as_deref())?;
        category_cell(sheet, row, 2, f.new.category.as_deref())?;
        optional_number(sheet, row, 3, f.old.better, &two)?;
        optional_number(sheet, row, 4, f.new.better, &two)?;
        optional_number(sheet, row, 5, f.better_change, &two)?;
        optional_number(sheet, row, 6, f.better_z, &two)?;
        if let Some(b) = f.better_significant {
            sheet.write_boolean(row, 7, b)?;
        }
        optional_number(sheet, row, 8, f.old.worse, &two)?;
        optional_number(sheet, row, 9, f.new.worse, &two)?;
        optional_number(sheet, row, 10, f.worse_change, &two)?;
        optional_number(sheet, row, 11, f.worse_z, &two)?;
        if let Some(b) = f.worse_significant {
            sheet.write_boolean(row, 12, b)?;
        }
        sheet.write_string(row, 13, f.drift.name())?;
    }
    table(sheet, COMPARISON_COLUMNS, c.features.len())
}

/// Writes two waves as an xlsx workbook: Comparison, then each wave's Results, then Settings.
pub fn render_comparison(
    comparison: &Comparison,
    waves: &[Report],
    out: &mut dyn Write,
) -> io::Result<()> {
    let build = || -> Result<Workbook, XlsxError> {
        let mut workbook = new_workbook()?;
        add_comparison_sheet(&mut workbook, comparison)?;
        add_wave_sheets(&mut workbook, waves)?;
        add_settings_sheet(
            &mut workbook,
            &comparison.settings,
            &comparison.kano_version,
        )?;
        Ok(workbook)
    };
    let mut workbook = build().map_err(to_io)?;
    save(&mut workbook, out)
}

/// One Results sheet per wave, "Wave 1" (oldest) to "Wave N".
fn add_wave_sheets(workbook: &mut Workbook, waves: &[Report]) -> Result<(), XlsxError> {
    for (i, wave) in waves.iter().enumerate() {
        add_results_sheet(workbook, &format!("Wave {}", i + 1), wave)?;
    }
    Ok(())
}

/// Writes many waves as an xlsx workbook: Trend (each feature's path and verdict), each wave's
/// Results, then Settings.
pub fn render_trend(trend: &Trend, waves: &[Report], out: &mut dyn Write) -> io::Result<()> {
    let build = || -> Result<Workbook, XlsxError> {
        let mut workbook = new_workbook()?;
        let sheet = workbook.add_worksheet();
        sheet.set_name("Trend")?;
        let mut columns: Vec<String> = vec!["feature".to_string(), "verdict".to_string()];
        for i in 1..=trend.waves.len() {
            columns.push(format!("category_{i}"));
            columns.push(format!("better_{i}"));
            columns.push(format!("worse_{i}"));
        }
        let names: Vec<&str> = columns.iter().map(String::as_str).collect();
        let two = Format::new().set_num_format("0.00");
        for (row, f) in (1u32..).zip(&trend.features) {
            sheet.write_string(row, 0, &f.name)?;
            sheet.write_string(row, 1, f.verdict.name())?;
            for (i, w) in f.waves.iter().enumerate() {
                let col = 2 + 3 * u16::try_from(i).unwrap_or(u16::MAX / 4);
                category_cell(sheet, row, col, w.category.as_deref())?;
                optional_number(sheet, row, col + 1, w.better, &two)?;
                optional_number(sheet, row, col + 2, w.worse, &two)?;
            }
        }
        table(sheet, &names, trend.features.len())?;
        add_wave_sheets(&mut workbook, waves)?;
        add_settings_sheet(&mut workbook, &trend.settings, &trend.kano_version)?;
        Ok(workbook)
    };
    let mut workbook = build().map_err(to_io)?;
    save(&mut workbook, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats_follow_the_column() {
        assert_eq!(number_format("pct_A"), "0.0");
        assert_eq!(number_format("category_strength"), "0.0");
        assert_eq!(number_format("better"), "0.00");
        assert_eq!(number_format("worse_low"), "0.00");
    }

    #[test]
    fn every_results_column_has_one_distinct_header() {
        assert_eq!(RESULTS_HEADERS.len(), COLUMNS.len());
        let mut lower: Vec<String> = RESULTS_HEADERS.iter().map(|h| h.to_lowercase()).collect();
        lower.sort();
        lower.dedup();
        assert_eq!(
            lower.len(),
            COLUMNS.len(),
            "Excel table headers must differ"
        );
    }

    #[test]
    fn every_category_has_its_own_fill() {
        let fills: Vec<Color> = Category::ALL.iter().map(|c| category_fill(*c)).collect();
        for (i, a) in fills.iter().enumerate() {
            assert!(!fills[i + 1..].contains(a), "{a:?} used twice");
        }
    }
}
