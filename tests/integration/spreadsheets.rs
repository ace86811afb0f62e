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

/// The CSV twin of [`twin_xlsx`]: the same table, as a spreadsheet program would export it.
const TWIN_CSV: &str = "\
id,Dark mode (functional),Dark mode (dysfunctional),Export (functional),Export (dysfunctional),comment
1,I like it,I dislike it,I expect it,,\"fine, & quick\"
2,I expect it,I dislike it,I am neutral,I can live with it,
3,I like it,I am neutral,I like it,I dislike it,x
,,,,,
4,I expect it,I dislike it,I like it,I expect it,<ok>
5,I like it,I dislike it,I like it,I am neutral,2.5
";

/// A workbook written by hand with every form of cell the .xlsx reader meets: shared strings,
/// inline and rich-text strings, entities, numbers written as `4.0`, empty and missing cells,
/// cells without a reference, a formula with its value, an empty row and a namespace prefix.
fn twin_xlsx(path: &Path) {
    let shared = [
        "id",
        "Dark mode (functional)",
        "Dark mode (dysfunctional)",
        "Export (functional)",
        "Export (dysfunctional)",
        "comment",
        "I like it",
        "I dislike it",
        "I expect it",
    ];
    let mut sst = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">",
    );
    for text in shared {
        sst.push_str(&format!("<si><t>{text}</t></si>"));
    }
    // A rich-text string with a phonetic run, which is not part of the text.
    sst.push_str("<si><r><t>I am </t></r><r><rPr><b/></rPr><t>neutral</t></r><rPh sb=\"0\" eb=\"1\"><t>x</t></rPh></si></sst>");
    let s = |cell: &str, index: usize| format!("<c r=\"{cell}\" t=\"s\"><v>{index}</v></c>");
    let inline = |cell: &str, text: &str| {
        format!("<c r=\"{cell}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{text}</t></is></c>")
    };
    let header: String = (0..6)
        .map(|i| s(&format!("{}1", (b'A' + i as u8) as char), i))
        .collect();
    let rows = [
        format!("<row r=\"1\" spans=\"1:6\">{header}</row>"),
        format!(
            "<row r=\"2\"><c r=\"A2\" s=\"1\"><v>1</v></c>{}{}<c r=\"D2\" t=\"inlineStr\"><is><r><t>I </t></r><r><t>expect it</t></r></is></c>{}</row>",
            s("B2", 6), inline("C2", "I dislike it"), inline("F2", "fine, &amp; quick")
        ),
        format!(
            "<row r=\"3\"><c r=\"A3\" t=\"n\"><v>2</v></c>{}{}<c r=\"D3\" t=\"s\"><v>9</v></c>{}<c r=\"F3\"/></row>",
            s("B3", 8), s("C3", 7), inline("E3", "I can live with it")
        ),
        "<row r=\"4\"><c><v>3</v></c><c t=\"s\"><v>6</v></c><c t=\"s\"><v>9</v></c><c t=\"s\"><v>6</v></c><c t=\"s\"><v>7</v></c><c t=\"str\"><f>LOWER(\"X\")</f><v>x</v></c></row>"
            .to_string(),
        format!(
            "<x:row r=\"6\"><x:c r=\"A6\"><x:v>4.0</x:v></x:c>{}{}{}{}<c r=\"F6\" t=\"inlineStr\"><is><t>&lt;ok&gt;</t></is></c></x:row>",
            inline("B6", "I expect it"), s("C6", 7), s("D6", 6), s("E6", 8)
        ),
        format!(
            "<row r=\"7\"><c r=\"A7\"><v>5</v></c>{}{}{}{}<c r=\"F7\"><v>2.50</v></c></row>",
            s("B7", 6), s("C7", 7), s("D7", 6), inline("E7", "I am neutral")
        ),
    ];
    let sheet = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
         xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <dimension ref=\"A1:F7\"/><sheetData>{}</sheetData></worksheet>",
        rows.concat()
    );
    write_zip(
        path,
        &[
            (
                "xl/workbook.xml",
                "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
                 xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
                 <sheets><sheet name=\"Answers &amp; more\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
            ),
            (
                "xl/_rels/workbook.xml.rels",
                "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" \
                 Target=\"/xl/worksheets/sheet1.xml\"/></Relationships>",
            ),
            ("xl/worksheets/sheet1.xml", &sheet),
            ("xl/sharedStrings.xml", &sst),
        ],
    );
}

#[test]
fn an_xlsx_reads_exactly_as_its_csv_twin() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("twin.xlsx");
    let csv = dir.path().join("twin.csv");
    twin_xlsx(&book);
    std::fs::write(&csv, TWIN_CSV).unwrap();
    assert_eq!(
        analyze_json(&[book.to_str().unwrap()])["reading"]["sheet"],
        "Answers & more"
    );
    let from_csv = assert_reads_as_twin(&book, &csv);
    // The comparison is not vacuous: every respondent and both features are read.
    assert_eq!(
        counts(feature(&from_csv, "Dark mode")).iter().sum::<u64>(),
        5
    );
    assert_eq!(counts(feature(&from_csv, "Export")).iter().sum::<u64>(), 4);
}

/// Writes an .xlsx of one sheet, "Sheet1", whose `<sheetData>` holds `rows`, with the shared
/// strings `shared` (escaped here) and the declared dimension `dimension`.
fn write_workbook(path: &Path, dimension: &str, rows: &str, shared: &[&str]) {
    let escape = |text: &str| {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    };
    let strings: String = shared
        .iter()
        .map(|text| format!("<si><t>{}</t></si>", escape(text)))
        .collect();
    write_zip(
        path,
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
                &format!(
                    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
                     <dimension ref=\"{dimension}\"/><sheetData>{rows}</sheetData></worksheet>"
                ),
            ),
            (
                "xl/sharedStrings.xml",
                &format!(
                    "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
                     {strings}</sst>"
                ),
            ),
        ],
    );
}

/// The JSON reports of `book` and its CSV twin `csv`, with the reading's path, encoding and
/// sheet left out (they differ by nature); asserts every other key is the same.
fn assert_reads_as_twin(book: &Path, csv: &Path) -> serde_json::Value {
    let mut from_book = analyze_json(&[book.to_str().unwrap()]);
    let mut from_csv = analyze_json(&[csv.to_str().unwrap()]);
    for report in [&mut from_book, &mut from_csv] {
        for key in ["path", "encoding", "sheet"] {
            report["reading"][key] = serde_json::Value::Null;
        }
        report["input"]["path"] = serde_json::Value::Null;
    }
    for (key, value) in from_csv.as_object().unwrap() {
        assert_eq!(&from_book[key], value, "{key} differs");
    }
    assert_eq!(from_book, from_csv);
    from_csv
}

#[test]
fn an_xlsx_of_plain_cells_with_shared_text_gaps_and_quotes_reads_as_its_csv_twin() {
    // Cells in the form every writer uses (read without tokens): one shared string both a
    // header and a comment, text needing CSV quotes, a missing row, a missing cell, an empty
    // `<c/>`, cells without `r`, single-quoted attributes and `s` before `t`.
    let shared = [
        "id",
        "Sync, \"quiet\" (functional)",
        "Sync, \"quiet\" (dysfunctional)",
        "Export (functional)",
        "Export (dysfunctional)",
        "comment",
        "I like it",
        "I dislike it",
        "I expect it",
        "I am neutral",
    ];
    let s = |cell: &str, index: usize| format!("<c r=\"{cell}\" t=\"s\"><v>{index}</v></c>");
    let header: String = (0..6)
        .map(|i| s(&format!("{}1", (b'A' + i as u8) as char), i))
        .collect();
    let rows = [
        format!("<row r=\"1\">{header}</row>"),
        format!(
            "<row r=\"2\"><c r=\"A2\" t=\"n\"><v>1</v></c>{}{}{}{}</row>",
            s("B2", 6),
            s("C2", 7),
            s("D2", 8),
            s("F2", 1)
        ),
        "<row r=\"4\"><c r=\"A4\"><v>2.0</v></c><c t=\"s\"><v>8</v></c><c t=\"s\"><v>7</v></c>\
         <c r=\"D4\" s=\"1\"/><c r='E4' t='s'><v>9</v></c></row>"
            .to_string(),
        format!(
            "<row r=\"5\"><c r=\"A5\" s=\"3\"><v>3</v></c><c r=\"B5\" s=\"2\" t=\"s\"><v>6</v></c>{}{}{}{}</row>",
            s("C5", 9),
            s("D5", 6),
            s("E5", 7),
            s("F5", 6)
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("plain.xlsx");
    let csv = dir.path().join("plain.csv");
    write_workbook(&book, "A1:F5", &rows.concat(), &shared);
    std::fs::write(
        &csv,
        "id,\"Sync, \"\"quiet\"\" (functional)\",\"Sync, \"\"quiet\"\" (dysfunctional)\",\
         Export (functional),Export (dysfunctional),comment\n\
         1,I like it,I dislike it,I expect it,,\"Sync, \"\"quiet\"\" (functional)\"\n\
         ,,,,,\n\
         2,I expect it,I dislike it,,I am neutral,\n\
         3,I like it,I am neutral,I like it,I dislike it,I like it\n",
    )
    .unwrap();
    let report = assert_reads_as_twin(&book, &csv);
    // Not vacuous: the quoted feature and all three respondents are read.
    assert_eq!(
        counts(feature(&report, "Sync, \"quiet\""))
            .iter()
            .sum::<u64>(),
        3
    );
}

#[test]
fn an_xlsx_cell_before_the_previous_one_in_its_row_is_a_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("order.xlsx");
    let rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c>\
                <c r=\"C1\" t=\"s\"><v>2</v></c></row>\
                <row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"C2\" t=\"s\"><v>4</v></c>\
                <c r=\"B2\" t=\"s\"><v>3</v></c></row>";
    write_workbook(
        &book,
        "A1:C2",
        rows,
        &[
            "id",
            "Dark mode (functional)",
            "Dark mode (dysfunctional)",
            "I like it",
            "I dislike it",
        ],
    );
    fails_with(
        &book,
        &[
            "order.xlsx: sheet \"Sheet1\", cell B2 comes after cell C2",
            "export the sheet as CSV",
        ],
    );
}
