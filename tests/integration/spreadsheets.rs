//! Spreadsheets read in bounded memory: hostile dimensions and repetitions are refused with the
//! file, the sheet and the value; ordinary workbooks (LibreOffice's trailing repeats included)
//! read as their CSV would.

use std::io::Write;
use std::path::Path;

use crate::util::{analyze_json, counts, feature, kano};

/// A small survey: a header and three respondents.
const ROWS: [[&str; 3]; 4] = [
    ["id", "Dark mode (functional)", "Dark mode (dysfunctional)"],
    ["1", "I like it", "I dislike it"],
    ["2", "I expect it", "I dislike it"],
    ["3", "I like it", "I am neutral"],
];

const MANIFEST: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\"><manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/><manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";

fn write_xlsx(path: &Path, stray: Option<(u32, u16)>) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in ROWS.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    if let Some((row, col)) = stray {
        sheet.write_string(row, col, "stray").unwrap();
    }
    workbook.save(path).unwrap();
}

/// An .ods whose only sheet holds `rows` (table-row elements) after the survey's rows.
fn write_ods(path: &Path, extra_rows: &str) {
    let mut rows = String::new();
    for row in ROWS {
        rows.push_str("<table:table-row>");
        for cell in row {
            rows.push_str(&format!(
                "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
            ));
        }
        rows.push_str(
            "<table:table-cell table:number-columns-repeated=\"16381\"/></table:table-row>",
        );
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\
         <office:body><office:spreadsheet><table:table table:name=\"Answers\">{rows}{extra_rows}\
         </table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("mimetype", options).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", options).unwrap();
    zip.write_all(MANIFEST.as_bytes()).unwrap();
    zip.start_file("content.xml", options).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap();
}

fn fails_with(path: &Path, expected: &[&str]) {
    let output = kano()
        .args(["analyze", path.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    for part in expected {
        assert!(stderr.contains(part), "{part:?} not in {stderr}");
    }
}

fn assert_survey_counts(report: &serde_json::Value) {
    assert_eq!(counts(feature(report, "Dark mode")), [1, 1, 1, 0, 0, 0]);
}

#[test]
fn an_xlsx_with_a_stray_cell_at_the_last_cell_is_refused_before_any_allocation() {
    // This 6 KB file made calamine allocate 512 GiB and abort.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.xlsx");
    write_xlsx(&path, Some((1_048_575, 16_383)));
    fails_with(
        &path,
        &[
            "huge.xlsx: sheet \"Sheet1\" declares the range A1:XFD1048576",
            "export the sheet as CSV",
        ],
    );
}

#[test]
fn an_xlsx_with_a_stray_cell_far_below_reads_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.xlsx");
    write_xlsx(&path, Some((99_999, 0)));
    let report = analyze_json(&[path.to_str().unwrap()]);
    assert_survey_counts(&report);
    assert_eq!(report["reading"]["sheet"], "Sheet1");
}

#[test]
fn an_ods_repeating_cells_with_content_past_the_bound_is_refused() {
    // 833 bytes that calamine expanded to 7.6 GB.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bomb.ods");
    write_ods(
        &path,
        "<table:table-row table:number-rows-repeated=\"100000\">\
         <table:table-cell office:value-type=\"float\" office:value=\"1\" \
         table:number-columns-repeated=\"16384\"/></table:table-row>",
    );
    fails_with(
        &path,
        &[
            "bomb.ods: sheet \"Answers\"",
            "table:number-columns-repeated=\"16384\"",
            "export the sheet as CSV",
        ],
    );
}

#[test]
fn an_ods_with_libreoffice_trailing_empty_repeats_reads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("libre.ods");
    write_ods(
        &path,
        "<table:table-row table:number-rows-repeated=\"1048572\">\
         <table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>",
    );
    let report = analyze_json(&[path.to_str().unwrap()]);
    assert_survey_counts(&report);
    assert_eq!(report["reading"]["encoding"], "ods");
}

#[test]
fn an_ods_with_a_run_of_a_billion_spaces_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spaces.ods");
    write_ods(
        &path,
        "<table:table-row><table:table-cell office:value-type=\"string\" \
         table:number-columns-repeated=\"3\"><text:p><text:s text:c=\"1000000000\"/></text:p>\
         </table:table-cell></table:table-row>",
    );
    fails_with(&path, &["spaces.ods: sheet \"Answers\"", "bytes of text"]);
}

/// A zip of `(name, text)` entries.
fn write_zip(path: &Path, entries: &[(&str, &str)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn an_xlsx_cell_naming_a_missing_shared_string_is_a_damaged_file_not_a_crash() {
    // Found by fuzz/fuzz_targets/read_spreadsheet.rs: calamine indexed past its shared strings.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.xlsx");
    write_zip(
        &path,
        &[
            (
                "xl/workbook.xml",
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
                 xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
                 <sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            ),
            (
                "xl/_rels/workbook.xml.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
                 Target=\"worksheets/sheet1.xml\"/></Relationships>",
            ),
            (
                "xl/worksheets/sheet1.xml",
                "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
                 <sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row></sheetData></worksheet>",
            ),
            (
                "xl/sharedStrings.xml",
                "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
                 <si><t>a</t></si></sst>",
            ),
        ],
    );
    fails_with(
        &path,
        &["damaged.xlsx: sheet \"Sheet1\": the spreadsheet reader failed on it"],
    );
}
