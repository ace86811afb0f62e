//! `--format xlsx`: the workbook read back with calamine holds exactly the numbers of the JSON
//! output, survey text stays text (never a formula), and a terminal is never sent binary.

use std::io::Read;
use std::path::Path;

use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;

use crate::util::{analyze_json, data, kano};

fn write_xlsx(command: &str, args: &[&str], path: &Path) {
    let output = kano()
        .arg(command)
        .args(args)
        .args(["--format", "xlsx", "-q", "--output"])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.stdout.is_empty());
}

fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range(name).unwrap();
    range.rows().map(|r| r.to_vec()).collect()
}

/// The JSON value a Results column holds for a feature.
fn expected(feature: &Value, column: &str) -> Value {
    let pick = |key: &str, i: usize| feature[key].get(i).cloned().unwrap_or(Value::Null);
    match column {
        "feature" => feature["name"].clone(),
        "A" | "O" | "M" | "I" | "R" | "Q" => feature["counts"][column].clone(),
        c if c.starts_with("pct_") => feature["percentages"]
            .get(&c[4..])
            .cloned()
            .unwrap_or(Value::Null),
        "better_low" => pick("better_ci", 0),
        "better_high" => pick("better_ci", 1),
        "worse_low" => pick("worse_ci", 0),
        "worse_high" => pick("worse_ci", 1),
        c if c.starts_with("functional_") || c.starts_with("dysfunctional_") => {
            feature["continuous"][c].clone()
        }
        "importance_mean" => feature["importance"]
            .get("mean")
            .cloned()
            .unwrap_or(Value::Null),
        "importance_n" => feature["importance"]
            .get("n")
            .cloned()
            .unwrap_or(Value::Null),
        c => feature[c].clone(),
    }
}

fn assert_cell_equals(cell: &Data, value: &Value, context: &str) {
    match (cell, value) {
        (Data::Float(x), Value::Number(n)) => assert_eq!(Some(*x), n.as_f64(), "{context}"),
        (Data::Int(x), Value::Number(n)) => assert_eq!(Some(*x), n.as_i64(), "{context}"),
        (Data::Bool(b), Value::Bool(v)) => assert_eq!(b, v, "{context}"),
        (Data::String(s), Value::String(v)) => assert_eq!(s, v, "{context}"),
        (Data::Empty, Value::Null) => {}
        (Data::Empty, Value::String(v)) if v.is_empty() => {}
        (Data::String(s), Value::Null) if s.is_empty() => {}
        _ => panic!("{context}: cell {cell:?} but JSON {value}"),
    }
}

#[test]
fn every_number_in_the_workbook_equals_the_json_output() {
    let dir = tempfile::tempdir().unwrap();
    let columns = kano::report::csv::COLUMNS;
    for file in [
        "examples/online-shop.csv",
        "examples/banking-app-long.csv",
        "examples/published-counts.csv",
    ] {
        let path = dir.path().join("results.xlsx");
        write_xlsx("analyze", &[file, "--table", "modified"], &path);
        let json = analyze_json(&[file, "--table", "modified", "-q"]);
        let features = json["features"].as_array().unwrap();

        let results = sheet(&path, "Results");
        let header: Vec<String> = results[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(
            header,
            kano::report::xlsx::RESULTS_HEADERS,
            "the Results sheet has the CSV columns, in words"
        );
        assert_eq!(results.len(), features.len() + 1);
        for (row, feature) in results[1..].iter().zip(features) {
            for (cell, column) in row
                .iter()
                .chain(std::iter::repeat(&Data::Empty))
                .zip(columns)
            {
                let context = format!("{file} {} {column}", feature["name"]);
                assert_cell_equals(cell, &expected(feature, column), &context);
            }
        }

        let counts = sheet(&path, "Counts");
        let header: Vec<String> = counts[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(header, kano::report::xlsx::COUNTS_HEADERS);
        let codes = [
            "feature", "A", "O", "M", "I", "R", "Q", "n", "missing", "invalid",
        ];
        for (row, feature) in counts[1..].iter().zip(features) {
            for (cell, column) in row.iter().zip(codes) {
                assert_cell_equals(cell, &expected(feature, column), column);
            }
        }

        let settings = sheet(&path, "Settings");
        let value = |key: &str| {
            settings
                .iter()
                .find(|r| r[0] == Data::String(key.to_string()))
                .map(|r| r[1].clone())
                .unwrap()
        };
        assert_eq!(value("table"), Data::String("modified".to_string()));
        assert_eq!(value("tie order"), Data::String("MOAIRQ".to_string()));
        assert_eq!(value("mixed threshold"), Data::Float(6.0));

        let reading = sheet(&path, "Reading");
        assert_eq!(reading[0][1], Data::String(file.to_string()));
        assert_eq!(reading[1][1], json["input"]["layout"].as_str().unwrap());
    }
}

#[test]
fn the_explain_workbook_holds_the_grid_of_the_json_output() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("explain.xlsx");
    write_xlsx("explain", &["examples/online-shop.csv", "Live chat"], &path);
    let output = kano()
        .args([
            "explain",
            "examples/online-shop.csv",
            "Live chat",
            "-f",
            "json",
        ])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let grid = sheet(&path, "Grid");
    assert_eq!(grid[0][0], Data::String("Live chat".to_string()));
    // Row 3 holds the dysfunctional answers; rows 4-8 the functional ones with their counts.
    assert_eq!(grid[2][1], Data::String("like".to_string()));
    for f in 0..5 {
        for d in 0..5 {
            assert_cell_equals(&grid[3 + f][1 + d], &json["grid"][f][d], "grid");
        }
        assert_cell_equals(&grid[3 + f][6], &json["row_totals"][f], "row total");
    }
    let explanation = sheet(&path, "Explanation");
    let text: Vec<String> = explanation.iter().map(|r| r[0].to_string()).collect();
    assert!(
        text.iter().any(|t| t.starts_with("Action: delight")),
        "{text:?}"
    );
}

/// Every worksheet's XML in an xlsx file.
fn sheet_xml(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .filter(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"))
        .map(String::from)
        .collect();
    assert!(!names.is_empty());
    names
        .iter()
        .map(|name| {
            let mut xml = String::new();
            archive
                .by_name(name)
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            xml
        })
        .collect()
}

#[test]
fn a_feature_named_like_a_formula_comes_back_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let name = "=HYPERLINK(\"x\")";
    for (command, args, sheet_name) in [
        (
            "analyze",
            vec![
                data("formula-name-counts.csv"),
                "--sort".into(),
                "input".into(),
            ],
            "Results",
        ),
        (
            "explain",
            vec![data("formula-name-counts.csv"), name.into()],
            "Grid",
        ),
    ] {
        let path = dir.path().join(format!("{command}.xlsx"));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        write_xlsx(command, &args, &path);
        let rows = sheet(&path, sheet_name);
        let cell = if command == "analyze" {
            &rows[1][1]
        } else {
            &rows[0][0]
        };
        assert_eq!(cell, &Data::String(name.to_string()), "{command}");
        let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
        for sheet_name in workbook.sheet_names() {
            let formulas = workbook.worksheet_formula(&sheet_name).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "{command}: sheet {sheet_name} has a formula"
            );
        }
        for xml in sheet_xml(&path) {
            assert!(
                !xml.contains("<f>") && !xml.contains("<f "),
                "{command}: {xml}"
            );
        }
    }
}

#[test]
fn xlsx_to_a_pipe_writes_the_workbook_bytes() {
    let output = kano()
        .args([
            "analyze",
            "examples/online-shop.csv",
            "--format",
            "xlsx",
            "-q",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(output.stdout.starts_with(b"PK\x03\x04"), "a zip archive");
}

#[test]
fn xlsx_to_a_terminal_is_refused_with_a_hint() {
    // A pseudo-terminal as standard output.
    let Some(text) =
        crate::util::in_terminal("analyze examples/online-shop.csv --format xlsx -q; echo exit=$?")
    else {
        return;
    };
    assert!(text.contains("standard output is a terminal"), "{text}");
    assert!(text.contains("--output results.xlsx"), "{text}");
    assert!(text.contains("exit=2"), "{text}");
    assert!(!text.contains("PK"), "{text}");
}

#[test]
fn the_compare_workbook_holds_the_numbers_of_the_json_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("waves.xlsx");
    let (old, new) = (data("wave1.csv"), data("wave2.csv"));
    write_xlsx("compare", &[&old, &new], &path);
    let output = kano()
        .args(["compare", &old, &new, "--format", "json", "-q"])
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let rows = sheet(&path, "Comparison");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header[0], "feature");
    let features = json["features"].as_array().unwrap();
    assert_eq!(rows.len(), features.len() + 1);
    for (row, f) in rows[1..].iter().zip(features) {
        let context = f["name"].to_string();
        let expect = [
            f["name"].clone(),
            f["old"]["category"].clone(),
            f["new"]["category"].clone(),
            f["old"]["better"].clone(),
            f["new"]["better"].clone(),
            f["better_change"].clone(),
            f["better_z"].clone(),
            f["better_significant"].clone(),
            f["old"]["worse"].clone(),
            f["new"]["worse"].clone(),
            f["worse_change"].clone(),
            f["worse_z"].clone(),
            f["worse_significant"].clone(),
            f["drift"].clone(),
        ];
        for (i, value) in expect.iter().enumerate() {
            assert_cell_equals(
                row.get(i).unwrap_or(&Data::Empty),
                value,
                &format!("{context} col {i}"),
            );
        }
    }
    // Each wave's Results sheet is there too.
    for name in ["Wave 1", "Wave 2", "Settings"] {
        assert!(!sheet(&path, name).is_empty(), "{name}");
    }

    let many = dir.path().join("trend.xlsx");
    let waves: Vec<String> = (1..=3)
        .map(|i| data(&format!("waves/wave{i}.csv")))
        .collect();
    let args: Vec<&str> = waves.iter().map(String::as_str).collect();
    write_xlsx("compare", &args, &many);
    let trend = sheet(&many, "Trend");
    assert_eq!(trend[0][1].to_string(), "verdict");
    assert!(trend.len() > 1);
    assert!(!sheet(&many, "Wave 3").is_empty());
}

/// One file of an xlsx archive as text, if present.
fn part(path: &Path, name: &str) -> Option<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    archive
        .by_name(name)
        .ok()?
        .read_to_string(&mut xml)
        .unwrap();
    Some(xml)
}

/// The `<col>` widths of a worksheet's XML, by 0-based column.
fn widths(xml: &str) -> Vec<(usize, f64)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("col"))
        .flat_map(|n| {
            let min: usize = n.attribute("min").unwrap().parse().unwrap();
            let max: usize = n.attribute("max").unwrap().parse().unwrap();
            let width: f64 = n.attribute("width").unwrap().parse().unwrap();
            (min..=max).map(move |c| (c - 1, width))
        })
        .collect()
}

/// The Results and Counts sheets are Excel Tables under headers in words, with every column
/// fitted to its longest cell (a long feature name widest, but capped).
#[test]
fn results_and_counts_are_tables_with_human_headers_and_fitted_widths() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.xlsx");
    let csv = dir.path().join("long.csv");
    let shop = std::fs::read_to_string("examples/online-shop.csv").unwrap();
    // The same survey with one feature renamed to 120 characters.
    let renamed = shop.replace("Live chat", &"Live chat with a person ".repeat(5));
    std::fs::write(&csv, renamed).unwrap();
    write_xlsx("analyze", &[csv.to_str().unwrap()], &path);

    let table1 = part(&path, "xl/tables/table1.xml").expect("a Table on the Results sheet");
    let table2 = part(&path, "xl/tables/table2.xml").expect("a Table on the Counts sheet");
    for header in ["% attractive", "Better (95% low)", "Category (as shown)"] {
        assert!(
            table1.contains(&format!("name=\"{header}\"")),
            "{header}: {table1}"
        );
    }
    assert!(!table1.contains("pct_A") && !table1.contains("better_low"));
    assert!(table2.contains("name=\"must-be (M)\""), "{table2}");
    // The table spans the header and one row per feature.
    let doc = roxmltree::Document::parse(&table1).unwrap();
    let reference = doc.root_element().attribute("ref").unwrap();
    let columns = kano::report::csv::COLUMNS.len();
    assert_eq!(reference, "A1:AK7", "{columns} columns, 6 features");

    let results = &sheet_xml(&path)[0];
    let fitted = widths(results);
    assert_eq!(
        fitted.len(),
        columns,
        "every column has a width: {fitted:?}"
    );
    let width = |c: usize| fitted.iter().find(|(i, _)| *i == c).unwrap().1;
    // The feature column is the widest but capped (300 px is about 42 characters).
    let feature = width(1);
    assert!(fitted.iter().all(|(_, w)| *w <= feature), "{fitted:?}");
    assert!((30.0..=45.0).contains(&feature), "{feature}");
    // Short columns are narrower than long headers: "n" is narrow, "% one-dimensional" wide.
    assert!(width(6) < width(16), "{fitted:?}");
    assert!(width(16) >= "% one-dimensional".len() as f64, "{fitted:?}");
}
