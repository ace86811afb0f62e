//! Reading what survey tools really export (issue 3): one small fixture per quirk under
//! `tests/data/exports/`, each analysed through the real binary with its counts and the JSON
//! `reading` block checked exactly.
//!
//! The binary fixtures are generated from readable ones:
//! - `unicode-text-utf16le.txt` / `unicode-text-utf16be.txt` (Excel "Unicode text"):
//!   `{ printf '\xff\xfe'; iconv -f UTF-8 -t UTF-16LE unicode-text.tsv; } > unicode-text-utf16le.txt`
//!   and `{ printf '\xfe\xff'; iconv -f UTF-8 -t UTF-16BE unicode-text.tsv; } > unicode-text-utf16be.txt`
//!   (a test below checks they still match `unicode-text.tsv`).
//! - `windows-1252.csv`: `printf` with `\xe9` for "é", `\xe8` for "è" and `\xc7` for "Ç".
//!
//! Spreadsheets and gzip files are written by the tests themselves into a temporary directory.

use std::io::Write;

use predicates::prelude::*;
use serde_json::{json, Value};

use crate::util::{analyze_json, counts, data, feature, kano};

/// A fixture under `tests/data/exports/`.
fn export(name: &str) -> String {
    data(&format!("exports/{name}"))
}

/// Feature names in input order.
fn names(report: &Value) -> Vec<String> {
    report["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect()
}

/// `(name, [A, O, M, I, R, Q])` per feature, in input order.
fn all_counts(report: &Value) -> Vec<(String, [u64; 6])> {
    report["features"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_string(), counts(f)))
        .collect()
}

/// Analyses in input order and returns the report.
fn analyze(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--sort", "input"]);
    analyze_json(&all)
}

/// The `reading` block without the ignored columns (checked separately where they matter).
fn reading(report: &Value) -> Value {
    let mut reading = report["reading"].clone();
    reading.as_object_mut().unwrap().remove("ignored_columns");
    reading
}

fn reading_of(encoding: &str, delimiter: &str, header_rows: u64, pairing: &str) -> Value {
    json!({
        "encoding": encoding,
        "gzip": false,
        "sheet": null,
        "delimiter": delimiter,
        "header_rows": header_rows,
        "pairing": pairing,
    })
}

/// Runs `kano analyze ARGS` expecting exit 2 with `message` on stderr.
fn fails_with(args: &[&str], message: &str) {
    kano()
        .arg("analyze")
        .args(args)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message));
}

fn counts_of(pairs: &[(&str, [u64; 6])]) -> Vec<(String, [u64; 6])> {
    pairs.iter().map(|(n, c)| (n.to_string(), *c)).collect()
}

// 1. Excel's "CSV" in European locales: a BOM, semicolons, CRLF.

#[test]
fn bom_semicolons_and_crlf_from_european_excel_read_cleanly() {
    let report = analyze(&[&export("excel-semicolon-bom.csv")]);
    assert_eq!(
        reading(&report),
        reading_of("utf-8 (BOM)", "semicolon", 1, "header names")
    );
    // The BOM does not stick to the first header, and the comma inside an unquoted label is
    // no delimiter here.
    assert_eq!(
        all_counts(&report),
        counts_of(&[
            ("Dark mode", [1, 1, 0, 1, 0, 0]),
            ("Offline sync", [0, 1, 1, 1, 0, 0]),
        ])
    );
    assert_eq!(report["input"]["respondents"], 3);
    // The respondent numbers 1, 2, 3 read as answer codes, but the column is no question.
    assert_eq!(report["reading"]["ignored_columns"], json!(["Respondent"]));
}

// 2. Excel's "Unicode text": UTF-16 with a BOM, tab-separated.

#[test]
fn utf16_fixtures_match_their_utf8_source() {
    let source = std::fs::read_to_string(export("unicode-text.tsv")).unwrap();
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(source.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(source.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    assert_eq!(
        std::fs::read(export("unicode-text-utf16le.txt")).unwrap(),
        le
    );
    assert_eq!(
        std::fs::read(export("unicode-text-utf16be.txt")).unwrap(),
        be
    );
}

#[test]
fn utf16_little_and_big_endian_unicode_text_read_like_utf8() {
    let expected = counts_of(&[
        ("Café wifi", [0, 1, 1, 0, 0, 0]),
        ("Late checkout", [1, 0, 0, 1, 0, 0]),
    ]);
    for (file, encoding) in [
        ("unicode-text.tsv", "utf-8"),
        ("unicode-text-utf16le.txt", "utf-16le (BOM)"),
        ("unicode-text-utf16be.txt", "utf-16be (BOM)"),
    ] {
        let report = analyze(&[&export(file)]);
        assert_eq!(
            reading(&report),
            reading_of(encoding, "tab", 1, "header names"),
            "{file}"
        );
        assert_eq!(all_counts(&report), expected, "{file}");
    }
}

#[test]
fn utf16_can_be_forced_by_name() {
    let report = analyze(&[
        &export("unicode-text-utf16le.txt"),
        "--encoding",
        "utf-16le",
    ]);
    assert_eq!(report["reading"]["encoding"], "utf-16le");
    assert_eq!(names(&report), ["Café wifi", "Late checkout"]);
}

// 3. Windows-1252 ("ANSI" CSV from Excel on Windows).

#[test]
fn windows_1252_is_detected_and_its_accents_decode_in_headers_labels_and_segments() {
    let args = [
        export("windows-1252.csv"),
        "--answer".to_string(),
        "Ça m'est égal=neutral".to_string(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let expected = counts_of(&[
        ("Café wifi", [1, 1, 0, 0, 0, 0]),
        ("Room service", [1, 0, 1, 0, 0, 0]),
    ]);

    let report = analyze(&args);
    assert_eq!(
        reading(&report),
        reading_of("windows-1252 (not valid UTF-8)", "comma", 1, "header names")
    );
    assert_eq!(all_counts(&report), expected);
    assert_eq!(report["reading"]["ignored_columns"], json!(["Participant"]));

    let mut forced = args.clone();
    forced.extend(["--encoding", "windows-1252"]);
    let report = analyze(&forced);
    assert_eq!(report["reading"]["encoding"], "windows-1252");
    assert_eq!(all_counts(&report), expected);

    // Data cells decode too: the segment values are the participants' names.
    let mut by = args.clone();
    by.extend(["--by", "Participant"]);
    let report = analyze(&by);
    let values: Vec<&str> = report["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["value"].as_str().unwrap())
        .collect();
    assert_eq!(values, ["Hélène", "Zoé"]);
}

#[test]
fn windows_1252_read_as_utf8_fails_naming_line_and_column() {
    fails_with(
        &[&export("windows-1252.csv"), "--encoding", "utf-8"],
        "tests/data/exports/windows-1252.csv line 1, column \"#2\": bytes that are not valid \
         UTF-8; give the encoding with --encoding windows-1252",
    );
}

// 4. CRLF without a final newline.

#[test]
fn crlf_without_a_final_newline_keeps_the_last_row() {
    let report = analyze(&[&export("crlf-no-final-newline.csv")]);
    assert_eq!(
        reading(&report),
        reading_of("utf-8", "comma", 1, "header names")
    );
    assert_eq!(report["input"]["respondents"], 3);
    assert_eq!(
        all_counts(&report),
        counts_of(&[("Dark mode", [1, 1, 1, 0, 0, 0])])
    );
}

// 5. A free-text comment with commas, doubled quotes and a line break.

#[test]
fn a_multi_line_comment_does_not_shift_line_numbers() {
    // Row 2's comment spans lines 3 and 4, so the unknown label of row 3 is on line 5.
    fails_with(
        &[&export("comment-field.csv")],
        "tests/data/exports/comment-field.csv line 5, column \"Dark mode (dysfunctional)\": \
         unknown answer \"Maybe\"",
    );
}

#[test]
fn a_comment_column_beside_the_answers_is_ignored_whole() {
    let report = analyze(&[&export("comment-field.csv"), "--skip-invalid"]);
    assert_eq!(report["input"]["respondents"], 4);
    let dark = feature(&report, "Dark mode");
    assert_eq!(counts(dark), [1, 1, 1, 0, 0, 0]);
    assert_eq!(dark["invalid"], 1);
    assert!(report["reading"]["ignored_columns"]
        .as_array()
        .unwrap()
        .contains(&json!("Comment")));
}

// 6. Qualtrics: three header rows and a matrix block layout.

#[test]
fn qualtrics_three_header_rows_and_matrix_blocks_name_features_by_item() {
    let expected = counts_of(&[
        ("Dark mode", [1, 1, 1, 0, 0, 0]),
        ("Offline sync", [0, 0, 2, 1, 0, 0]),
        ("Widgets", [1, 0, 0, 1, 1, 0]),
    ]);
    for forced in [&[][..], &["--header-rows", "3"][..]] {
        let mut args = vec![export("qualtrics.csv")];
        args.extend(forced.iter().map(|s| s.to_string()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let report = analyze(&args);
        assert_eq!(
            reading(&report),
            reading_of("utf-8", "comma", 3, "matrix blocks")
        );
        assert_eq!(
            report["reading"]["ignored_columns"],
            json!(["Start Date", "End Date", "Finished", "Response ID"])
        );
        assert_eq!(report["input"]["respondents"], 3);
        assert_eq!(all_counts(&report), expected);
    }
}

#[test]
fn qualtrics_with_too_few_header_rows_fails_clearly() {
    // One header row: the ids Q1_1.. carry no negation to pair by.
    fails_with(
        &[&export("qualtrics.csv"), "--header-rows", "1"],
        "qualtrics.csv: cannot tell the layout",
    );
    // Two: the import-id row is read as answers, and its first cell is named.
    fails_with(
        &[&export("qualtrics.csv"), "--header-rows", "2"],
        "qualtrics.csv line 3, column \"Q1_1 - If the app has the following, how would you \
         feel? - Dark mode\": unknown answer \"{\"ImportId\":\"QID1_1\"}\"",
    );
}

// 7. SurveyMonkey: two header rows.

#[test]
fn surveymonkey_two_header_rows_pair_by_question_text() {
    let report = analyze(&[&export("surveymonkey.csv")]);
    assert_eq!(
        reading(&report),
        reading_of("utf-8", "comma", 2, "question text")
    );
    // Multiple-choice options are carried under their question; none is an answer column.
    assert_eq!(
        report["reading"]["ignored_columns"],
        json!([
            "Respondent ID",
            "Collector ID",
            "Start Date",
            "End Date",
            "Which devices do you use? - Phone",
            "Which devices do you use? - Tablet",
            "Any other comments?"
        ])
    );
    assert_eq!(
        all_counts(&report),
        counts_of(&[
            ("dark mode", [0, 2, 1, 0, 0, 0]),
            ("offline sync", [1, 1, 0, 1, 0, 0]),
        ])
    );
}

#[test]
fn surveymonkey_matrix_questions_without_a_response_column_are_two_header_rows() {
    // A survey of two matrix questions: no column says "Response"; the items sit in row 2
    // under a question carried over blank cells.
    let report = analyze(&[&export("surveymonkey-matrix.csv")]);
    assert_eq!(
        reading(&report),
        reading_of("utf-8", "comma", 2, "matrix blocks")
    );
    assert_eq!(
        report["reading"]["ignored_columns"],
        json!(["Respondent ID"])
    );
    assert_eq!(
        all_counts(&report),
        counts_of(&[
            ("Dark mode", [0, 2, 1, 0, 0, 0]),
            ("Offline sync", [1, 1, 0, 1, 0, 0]),
        ])
    );
}

#[test]
fn limesurvey_array_questions_pair_by_text_and_take_the_bracketed_items_as_names() {
    let report = analyze(&[&export("limesurvey.csv")]);
    assert_eq!(
        reading(&report),
        reading_of("utf-8", "comma", 1, "question text")
    );
    assert_eq!(
        all_counts(&report),
        counts_of(&[
            ("Dark mode", [1, 1, 1, 0, 0, 0]),
            ("Offline sync", [1, 1, 0, 1, 0, 0]),
        ])
    );
    // "Last page" is 2 for everyone: it reads as an answer code, so it is reported as a
    // question without a twin rather than ignored.
    assert_eq!(
        report["reading"]["ignored_columns"],
        json!(["Response ID", "Date submitted", "Start language"])
    );
    assert!(report["warnings"].to_string().contains("Last page"));
}

// 8. Google Forms: a timestamp, then one column per question, in English, German and French.

#[test]
fn google_forms_questions_pair_interleaved_or_in_blocks_with_the_same_counts() {
    let expected = counts_of(&[
        ("dark mode", [1, 2, 1, 0, 0, 0]),
        ("offline sync", [1, 0, 2, 1, 0, 0]),
        ("home screen widgets", [2, 0, 0, 1, 1, 0]),
    ]);
    for file in ["google-forms-interleaved.csv", "google-forms-blocks.csv"] {
        let report = analyze(&[&export(file)]);
        assert_eq!(
            reading(&report),
            reading_of("utf-8", "comma", 1, "question text"),
            "{file}"
        );
        assert_eq!(report["reading"]["ignored_columns"], json!(["Timestamp"]));
        assert_eq!(all_counts(&report), expected, "{file}");
    }
}

#[test]
fn german_questions_pair_on_nicht_and_kein() {
    let report = analyze(&[&export("google-forms-german.csv")]);
    assert_eq!(
        reading(&report),
        reading_of("utf-8", "comma", 1, "question text")
    );
    assert_eq!(
        all_counts(&report),
        counts_of(&[
            ("einen Dunkelmodus hätte", [1, 1, 1, 0, 0, 0]),
            ("sich mit der Uhr synchronisiert", [1, 0, 1, 1, 0, 0]),
        ])
    );
}

#[test]
fn french_questions_pair_on_ne_pas_and_sans_with_mapped_labels() {
    let report = analyze(&[
        &export("google-forms-french.tsv"),
        "--answers",
        &export("french-answers.csv"),
    ]);
    assert_eq!(
        reading(&report),
        reading_of("utf-8", "tab", 1, "question text")
    );
    assert_eq!(report["input"]["respondents"], 3);
    assert_eq!(
        all_counts(&report),
        counts_of(&[
            ("avait un mode sombre", [1, 1, 1, 0, 0, 0]),
            ("proposait des widgets", [1, 0, 1, 1, 0, 0]),
        ])
    );
}

// 9. Pairing by position when headers carry no negation.

#[test]
fn positional_pairs_interleaved_or_in_blocks_leave_a_numeric_id_column_out() {
    let report = analyze(&[&export("positional.csv"), "--pairs", "interleaved"]);
    assert_eq!(
        reading(&report),
        reading_of("utf-8", "comma", 1, "interleaved")
    );
    assert_eq!(report["reading"]["ignored_columns"], json!(["id"]));
    assert_eq!(
        all_counts(&report),
        counts_of(&[("Q1", [1, 1, 1, 0, 0, 0]), ("Q3", [0, 1, 1, 1, 0, 0])])
    );

    let report = analyze(&[&export("positional.csv"), "--pairs", "blocks"]);
    assert_eq!(reading(&report), reading_of("utf-8", "comma", 1, "blocks"));
    assert_eq!(
        all_counts(&report),
        counts_of(&[("Q1", [1, 0, 0, 1, 0, 1]), ("Q2", [0, 0, 1, 0, 1, 1])])
    );
}

#[test]
fn question_columns_without_negations_fail_pointing_at_pairs() {
    fails_with(
        &[&export("positional.csv")],
        "pair question columns by position with --pairs interleaved or --pairs blocks",
    );
}

#[test]
fn positional_pairs_take_names_from_a_features_file() {
    let report = analyze(&[
        &export("positional.csv"),
        "--pairs",
        "interleaved",
        "--features",
        &export("features-in-order.txt"),
    ]);
    assert_eq!(names(&report), ["Private storage", "Easy storage"]);
}

// 10. Explicit pairs.

#[test]
fn explicit_pairs_name_features_and_their_columns() {
    let report = analyze(&[
        &export("positional.csv"),
        "--pair",
        "Dark mode=Q1,Q2",
        "--pair",
        "Sync=Q3,Q4",
    ]);
    assert_eq!(
        reading(&report),
        reading_of("utf-8", "comma", 1, "explicit pairs")
    );
    assert_eq!(report["reading"]["ignored_columns"], json!(["id"]));
    assert_eq!(
        all_counts(&report),
        counts_of(&[
            ("Dark mode", [1, 1, 1, 0, 0, 0]),
            ("Sync", [0, 1, 1, 1, 0, 0]),
        ])
    );
}

#[test]
fn an_explicit_pair_naming_a_missing_column_fails() {
    fails_with(
        &[&export("positional.csv"), "--pair", "X=Q1,Q9"],
        "positional.csv: --pair \"X\": no column named \"Q9\"; copy the header exactly",
    );
}

// 11. Feature names from a file.

#[test]
fn feature_names_come_from_a_list_or_an_id_table() {
    let expected = counts_of(&[
        ("Private storage", [0, 1, 0, 1, 0, 0]),
        ("Easy storage", [0, 1, 1, 0, 0, 0]),
    ]);
    let plain = analyze(&[&export("feature-ids.csv")]);
    assert_eq!(names(&plain), ["F1", "F2"]);
    // One name per line in question order; and a CSV `ID,Label,...` with more columns and an
    // id the survey does not have.
    for names_file in ["features-in-order.txt", "features-by-id.csv"] {
        let report = analyze(&[
            &export("feature-ids.csv"),
            "--features",
            &export(names_file),
        ]);
        assert_eq!(all_counts(&report), expected, "{names_file}");
        assert_eq!(
            feature(&report, "Private storage")["importance"]["mean"],
            6.0
        );
    }
}

#[test]
fn a_wrong_number_of_feature_names_fails() {
    fails_with(
        &[
            &export("feature-ids.csv"),
            "--features",
            &export("features-too-many.txt"),
        ],
        "feature-ids.csv: --features gives 3 name(s) but the survey has 2 feature(s); give one \
         name per feature, in question order",
    );
}

// 12. Spreadsheets and gzip.

fn write_workbook(path: &std::path::Path) {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("Notes").unwrap();
    notes.write_string(0, 0, "Exported 2024-03-15").unwrap();
    let survey = workbook.add_worksheet();
    survey.set_name("Responses").unwrap();
    let rows: [[&str; 5]; 4] = [
        [
            "id",
            "Dark mode (functional)",
            "Dark mode (dysfunctional)",
            "Sync (functional)",
            "Sync (dysfunctional)",
        ],
        ["", "I like it", "I dislike it", "1", "3"],
        ["", "I expect it", "I dislike it", "1", "5"],
        ["", "I like it", "I am neutral", "2", "5"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            if r > 0 && c == 0 {
                survey.write_number(r, c, f64::from(r) + 100.0).unwrap();
            } else if let Ok(code) = cell.parse::<f64>() {
                // Numeric answer codes are numbers in the sheet, not text.
                survey.write_number(r, c, code).unwrap();
            } else {
                survey.write_string(r, c, *cell).unwrap();
            }
        }
    }
    workbook.save(path).unwrap();
}

#[test]
fn xlsx_sheets_are_chosen_by_position_or_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("survey.xlsx");
    write_workbook(&path);
    let path = path.to_str().unwrap();
    for sheet in ["2", "Responses", "responses"] {
        let report = analyze(&[path, "--sheet", sheet]);
        assert_eq!(
            report["reading"],
            json!({
                "encoding": "xlsx",
                "gzip": false,
                "sheet": "Responses",
                "delimiter": "comma",
                "header_rows": 1,
                "pairing": "header names",
                "ignored_columns": ["id"],
            }),
            "--sheet {sheet}"
        );
        assert_eq!(
            all_counts(&report),
            counts_of(&[
                ("Dark mode", [1, 1, 1, 0, 0, 0]),
                ("Sync", [1, 1, 1, 0, 0, 0]),
            ])
        );
    }
}

#[test]
fn a_missing_sheet_fails_listing_the_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("survey.xlsx");
    write_workbook(&path);
    fails_with(
        &[path.to_str().unwrap(), "--sheet", "Answers"],
        "survey.xlsx: no sheet \"Answers\"; the sheets are: Notes, Responses; give --sheet a \
         name or a 1-based position",
    );
    fails_with(
        &[path.to_str().unwrap(), "--sheet", "3"],
        "the sheets are: Notes, Responses",
    );
    // Without --sheet the first sheet is read, and it holds no survey.
    fails_with(
        &[path.to_str().unwrap()],
        "survey.xlsx has a header row but no answers",
    );
}

fn gzip(path: &std::path::Path, bytes: &[u8]) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = flate2::write::GzEncoder::new(file, flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap();
}

#[test]
fn gzip_files_are_read_transparently_and_tsv_gz_implies_tab() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("survey.csv.gz");
    gzip(
        &csv,
        &std::fs::read(export("excel-semicolon-bom.csv")).unwrap(),
    );
    let report = analyze(&[csv.to_str().unwrap()]);
    assert_eq!(report["reading"]["gzip"], true);
    assert_eq!(report["reading"]["encoding"], "utf-8 (BOM)");
    assert_eq!(report["reading"]["delimiter"], "semicolon");
    assert_eq!(counts(feature(&report, "Dark mode")), [1, 1, 0, 1, 0, 0]);

    // This header has more commas than tabs, so sniffing would pick comma; the name says tab.
    let tsv = dir.path().join("survey.tsv.gz");
    gzip(
        &tsv,
        b"Sync, offline (functional)\tSync, offline (dysfunctional)\nI like it\tI dislike it\n",
    );
    let report = analyze(&[tsv.to_str().unwrap()]);
    assert_eq!(report["reading"]["gzip"], true);
    assert_eq!(report["reading"]["delimiter"], "tab");
    assert_eq!(
        counts(feature(&report, "Sync, offline")),
        [0, 1, 0, 0, 0, 0]
    );

    // The UTF-16 fixture, gzipped, still decodes.
    let utf16 = dir.path().join("unicode.txt.gz");
    gzip(
        &utf16,
        &std::fs::read(export("unicode-text-utf16le.txt")).unwrap(),
    );
    let report = analyze(&[utf16.to_str().unwrap()]);
    assert_eq!(report["reading"]["encoding"], "utf-16le (BOM)");
    assert_eq!(names(&report), ["Café wifi", "Late checkout"]);
}

// 13. Segments.

#[test]
fn segments_by_plan_sum_to_the_overall_counts() {
    let report = analyze(&[&export("segments.csv"), "--by", "plan"]);
    assert_eq!(report["segment_by"], "plan");
    let segments = report["segments"].as_array().unwrap();
    let got: Vec<(&str, u64, Vec<[u64; 6]>)> = segments
        .iter()
        .map(|s| {
            (
                s["value"].as_str().unwrap(),
                s["respondents"].as_u64().unwrap(),
                s["features"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(counts)
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Free", 3, vec![[1, 1, 0, 1, 0, 0], [2, 0, 0, 1, 0, 0]]),
            ("Pro", 2, vec![[0, 1, 1, 0, 0, 0], [0, 1, 1, 0, 0, 0]]),
        ]
    );
    for (i, (name, overall)) in all_counts(&report).iter().enumerate() {
        let mut sum = [0u64; 6];
        for segment in segments {
            assert_eq!(segment["features"][i]["name"], name.as_str());
            for (total, n) in sum.iter_mut().zip(counts(&segment["features"][i])) {
                *total += n;
            }
        }
        assert_eq!(sum, *overall, "{name}");
    }
    assert_eq!(
        report["reading"]["ignored_columns"],
        json!(["respondent", "age"])
    );
}

#[test]
fn a_numeric_segment_column_is_banded_by_bins() {
    let report = analyze(&[&export("segments.csv"), "--by", "age", "--bins", "30,50"]);
    let got: Vec<(&str, u64, Vec<[u64; 6]>)> = report["segments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["value"].as_str().unwrap(),
                s["respondents"].as_u64().unwrap(),
                s["features"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(counts)
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("< 30", 2, vec![[0, 2, 0, 0, 0, 0], [1, 0, 1, 0, 0, 0]]),
            (
                "30 to < 50",
                2,
                vec![[0, 0, 1, 1, 0, 0], [1, 1, 0, 0, 0, 0]]
            ),
            (">= 50", 1, vec![[1, 0, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0]]),
        ]
    );
}

#[test]
fn bins_without_by_is_a_usage_error() {
    kano()
        .args(["analyze", &export("segments.csv"), "--bins", "30,50"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--by <COLUMN>"));
}

#[test]
fn a_missing_segment_column_fails() {
    fails_with(
        &[&export("segments.csv"), "--by", "country"],
        "segments.csv: --by: no column named \"country\"",
    );
}

// 14. Respondent checks.

#[test]
fn respondent_checks_find_the_straight_liner_and_the_inconsistent_respondent() {
    for file in ["respondent-checks.csv", "respondent-checks-long.csv"] {
        let report = analyze(&[&export(file)]);
        assert_eq!(
            report["respondent_checks"],
            json!({
                "respondents": 5,
                "with_questionable": 2,
                "straight_liners": 1,
                "dropped": 0,
                "drop_threshold": null,
                "dropped_indifferent": 0,
                "max_indifferent": null,
            }),
            "{file}"
        );
        assert_eq!(
            all_counts(&report),
            counts_of(&[
                ("Dark mode", [0, 2, 1, 1, 0, 1]),
                ("Sync", [0, 1, 2, 0, 0, 2]),
                ("Widgets", [2, 1, 1, 1, 0, 0]),
            ]),
            "{file}"
        );
    }
}

#[test]
fn drop_inconsistent_leaves_out_the_respondent_with_mostly_questionable_pairs() {
    for file in ["respondent-checks.csv", "respondent-checks-long.csv"] {
        let report = analyze(&[&export(file), "--drop-inconsistent", "0.5"]);
        assert_eq!(
            report["respondent_checks"],
            json!({
                "respondents": 5,
                "with_questionable": 2,
                "straight_liners": 1,
                "dropped": 1,
                "drop_threshold": 0.5,
                "dropped_indifferent": 0,
                "max_indifferent": null,
            }),
            "{file}"
        );
        // R3 (like/like, dislike/dislike, must-be/dislike) is gone; R4 (one Q in three) stays.
        assert_eq!(
            all_counts(&report),
            counts_of(&[
                ("Dark mode", [0, 2, 1, 1, 0, 0]),
                ("Sync", [0, 1, 2, 0, 0, 1]),
                ("Widgets", [2, 1, 0, 1, 0, 0]),
            ]),
            "{file}"
        );
        kano()
            .args(["analyze", &export(file), "--drop-inconsistent", "0.5"])
            .assert()
            .success()
            .stderr(predicate::str::contains(
                "kano: warning: left out 1 of 5 respondent(s) with more than 50% questionable \
                 answer pairs (--drop-inconsistent 0.5)",
            ));
    }
}

#[test]
fn max_indifferent_leaves_out_respondents_with_more_indifferent_pairs() {
    for file in ["respondent-checks.csv", "respondent-checks-long.csv"] {
        // R4 and R5 have one indifferent pair each (neutral/neutral); nobody has two.
        let kept = analyze(&[&export(file), "--max-indifferent", "1"]);
        assert_eq!(
            all_counts(&kept),
            all_counts(&analyze(&[&export(file)])),
            "{file}"
        );
        let report = analyze(&[&export(file), "--max-indifferent", "0"]);
        assert_eq!(
            all_counts(&report),
            counts_of(&[
                ("Dark mode", [0, 2, 0, 0, 0, 1]),
                ("Sync", [0, 1, 1, 0, 0, 1]),
                ("Widgets", [1, 1, 1, 0, 0, 0]),
            ]),
            "{file}"
        );
        kano()
            .args(["analyze", &export(file), "--max-indifferent", "0"])
            .assert()
            .success()
            .stderr(predicate::str::contains(
                "kano: warning: left out 2 of 5 respondent(s) with more than 0 indifferent \
                 answer pair(s) (--max-indifferent 0)",
            ));
        // With --drop-inconsistent too, R3 goes for its questionable pairs: three left out.
        let both = analyze(&[
            &export(file),
            "--max-indifferent",
            "0",
            "--drop-inconsistent",
            "0.5",
        ]);
        assert_eq!(both["respondent_checks"]["dropped"], 1, "{file}");
        assert_eq!(
            all_counts(&both),
            counts_of(&[
                ("Dark mode", [0, 2, 0, 0, 0, 0]),
                ("Sync", [0, 1, 1, 0, 0, 0]),
                ("Widgets", [1, 1, 0, 0, 0, 0]),
            ]),
            "{file}"
        );
    }
}

// 15. Custom answer wordings.

#[test]
fn custom_wordings_are_inferred_or_with_no_infer_fail_naming_line_column_and_value() {
    fails_with(
        &[&export("custom-wording.csv"), "--no-infer"],
        "custom-wording.csv line 2, column \"Dark mode (functional)\": unknown answer \"Love \
         it, it's a delight.\"",
    );
    // Inferred from their words, the wordings count as the user's own mapping does.
    let inferred = analyze(&[&export("custom-wording.csv")]);
    let mapped = analyze(&[
        &export("custom-wording.csv"),
        "--answers",
        &export("custom-wording-answers.csv"),
    ]);
    assert_eq!(all_counts(&inferred), all_counts(&mapped));
    assert_eq!(
        inferred["reading"]["inferred_answers"]
            .as_array()
            .unwrap()
            .len(),
        5
    );
}

#[test]
fn custom_wordings_mapped_from_a_file_count() {
    let report = analyze(&[
        &export("custom-wording.csv"),
        "--answers",
        &export("custom-wording-answers.csv"),
    ]);
    assert_eq!(
        all_counts(&report),
        counts_of(&[
            ("Dark mode", [1, 1, 1, 0, 0, 0]),
            ("Sync", [1, 0, 1, 1, 0, 0]),
        ])
    );
}
