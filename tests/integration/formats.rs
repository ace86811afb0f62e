//! Exact output of every format, pinned by snapshots (tests/integration/snapshots/).

use crate::util::{data, kano};

fn stdout(args: &[&str]) -> String {
    let output = kano().arg("analyze").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn table_format() {
    insta::assert_snapshot!(stdout(&["-q", "examples/online-shop.csv"]));
}

#[test]
fn table_format_for_published_counts() {
    insta::assert_snapshot!(stdout(&["examples/published-counts.csv"]));
}

#[test]
fn json_format() {
    insta::assert_snapshot!(stdout(&["examples/online-shop.csv", "--format", "json"]));
}

#[test]
fn csv_format() {
    insta::assert_snapshot!(stdout(&[
        "examples/banking-app-long.csv",
        "--format",
        "csv"
    ]));
}

#[test]
fn markdown_format() {
    insta::assert_snapshot!(stdout(&[
        "examples/online-shop.csv",
        "--format",
        "markdown"
    ]));
}

#[test]
fn csv_protects_formula_prefixes_unless_raw() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.csv");
    std::fs::write(
        &file,
        "feature,A,O,M,I,R,Q\n\"=HYPERLINK(\"\"x\"\")\",1,2,3,4,0,0\n-negative,4,3,2,1,0,0\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let safe = stdout(&[path, "--format", "csv", "--sort", "input", "-q"]);
    assert!(safe.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{safe}");
    assert!(safe.contains(",'-negative,"), "{safe}");
    // Numbers such as a negative Worse are never prefixed.
    assert!(safe.contains(",-0."), "{safe}");
    assert!(!safe.contains("'-0."), "{safe}");
    let raw = stdout(&[path, "--format", "csv", "--sort", "input", "--raw", "-q"]);
    assert!(raw.contains(",-negative,"), "{raw}");
}

#[test]
fn markdown_escapes_markup_in_names() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.csv");
    std::fs::write(&file, "feature,A,O,M,I,R,Q\n<b>x</b> | y,1,2,3,4,0,0\n").unwrap();
    let md = stdout(&[file.to_str().unwrap(), "--format", "markdown", "-q"]);
    assert!(md.contains("&lt;b&gt;x&lt;/b&gt; \\| y"), "{md}");
}

/// Hotline's classification is mixed (indifferent, attractive close behind): every format spells
/// it `I/A mixed`, the table's way, and JSON keeps `category` as it was beside the new field.
#[test]
fn a_mixed_result_is_spelled_the_same_in_every_format() {
    let input = crate::util::data("counts-stp25kano.csv");
    let json: serde_json::Value = serde_json::from_str(&stdout(&[&input, "-f", "json"])).unwrap();
    let hotline = crate::util::feature(&json, "Hotline");
    assert_eq!(hotline["category"], "indifferent");
    assert_eq!(hotline["category_label"], "I/A mixed");
    assert_eq!(
        crate::util::feature(&json, "Service app")["category_label"],
        "one-dimensional"
    );

    let csv = stdout(&[&input, "-f", "csv"]);
    let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = headers.iter().position(|h| h == "category_label").unwrap();
    let row = reader
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[1] == "Hotline")
        .unwrap();
    assert_eq!(&row[column], "I/A mixed");

    for format in ["markdown", "table"] {
        let text = stdout(&[&input, "-f", format]);
        assert!(text.contains("I/A mixed"), "{format}: {text}");
    }

    let plot = kano()
        .args(["plot", &input, "-f", "text"])
        .output()
        .unwrap();
    let plot = String::from_utf8(plot.stdout).unwrap();
    let line = plot.lines().find(|l| l.contains("Hotline")).unwrap();
    assert!(line.contains("I/A mixed"), "{plot}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.xlsx");
    kano()
        .args(["analyze", &input, "-f", "xlsx", "-q", "-o"])
        .arg(&path)
        .assert()
        .success();
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let rows = book.worksheet_range("Results").unwrap();
    let cells: Vec<String> = rows.rows().flatten().map(|c| c.to_string()).collect();
    assert!(cells.iter().any(|c| c == "I/A mixed"), "{cells:?}");
}

#[test]
fn the_output_extension_picks_the_format_in_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).display().to_string();
    let survey = data("wave1.csv");
    let runs: [(&[&str], &str); 6] = [
        (&["analyze", &survey], "r.json"),
        (&["explain", &survey, "1"], "e.json"),
        (&["inspect", &survey], "i.json"),
        (&["check", &survey], "c.json"),
        (&["compare", &survey, &data("wave2.csv")], "w.json"),
        (&["plan", "--gap", "0.15"], "p.json"),
    ];
    for (args, name) in runs {
        let path = at(name);
        kano().args(args).args(["-o", &path]).assert().success();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_ok(),
            "{args:?} -o {name} wrote: {text}"
        );
    }
    kano()
        .args(["analyze", &survey, "-o", &at("r.xlsx")])
        .assert()
        .success();
    assert!(std::fs::read(at("r.xlsx")).unwrap().starts_with(b"PK"));
    kano()
        .args(["analyze", &survey, "-o", &at("r.csv")])
        .assert()
        .success();
    let csv = std::fs::read_to_string(at("r.csv")).unwrap();
    assert!(csv.lines().next().unwrap().contains(','), "{csv}");
    kano()
        .args(["analyze", &survey, "-o", &at("r.md")])
        .assert()
        .success();
    assert!(std::fs::read_to_string(at("r.md")).unwrap().contains("| "));
}

#[test]
fn a_format_that_contradicts_the_output_extension_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.csv");
    kano()
        .args(["analyze", &data("wave1.csv"), "-f", "json", "-o"])
        .arg(&path)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--format json contradicts"));
    assert!(!path.exists(), "nothing is written");
    kano()
        .args(["inspect", &data("wave1.csv"), "-o"])
        .arg(dir.path().join("x.xlsx"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot write .xlsx"));
}

#[test]
fn several_outputs_from_one_read_equal_separate_runs_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let survey = data("wave1.csv");
    let names = [
        "results.json",
        "results.xlsx",
        "table.md",
        "rows.csv",
        "table.txt",
    ];
    let together: Vec<_> = names.iter().map(|n| dir.path().join(n)).collect();
    let mut run = kano();
    run.args(["analyze", &survey]);
    for path in &together {
        run.arg("-o").arg(path);
    }
    run.assert().success();
    for name in names {
        let alone = dir.path().join(format!("alone-{name}"));
        kano()
            .args(["analyze", &survey, "-o"])
            .arg(&alone)
            .assert()
            .success();
        assert_eq!(
            std::fs::read(dir.path().join(name)).unwrap(),
            std::fs::read(&alone).unwrap(),
            "{name} differs from a run of its own"
        );
    }
    // `-` once among them: standard output gets the table, as without -o.
    let json = dir.path().join("again.json");
    let output = kano()
        .args(["analyze", &survey, "--color", "never", "-o", "-", "-o"])
        .arg(&json)
        .output()
        .unwrap();
    assert!(output.status.success());
    let table = kano()
        .args(["analyze", &survey, "--color", "never"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(output.stdout, table);
    assert_eq!(
        std::fs::read(&json).unwrap(),
        std::fs::read(dir.path().join("results.json")).unwrap()
    );
}

#[test]
fn several_outputs_are_refused_whole_when_one_cannot_be() {
    let dir = tempfile::tempdir().unwrap();
    let survey = data("wave1.csv");
    let at = |name: &str| dir.path().join(name).display().to_string();
    let cases: [(Vec<String>, &str); 5] = [
        (vec![at("a.json"), at("a.json")], "given more than once"),
        (vec!["-".into(), "-".into()], "more than once"),
        (
            vec![at("a.json"), at("a.dat")],
            "end the name in one of .txt, .json, .csv, .md, .xlsx",
        ),
        (
            vec![at("a.json"), at("a.svg")],
            "names none this subcommand writes",
        ),
        (
            vec![at("a.json"), at("missing-dir/b.csv")],
            "cannot write here",
        ),
    ];
    for (outputs, message) in cases {
        let mut run = kano();
        run.args(["analyze", &survey]);
        for output in &outputs {
            run.args(["-o", output]);
        }
        run.assert()
            .code(2)
            .stderr(predicates::str::contains(message));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "{outputs:?} left a file behind"
        );
    }
    kano()
        .args([
            "analyze",
            &survey,
            "-f",
            "json",
            "-o",
            &at("a.json"),
            "-o",
            &at("b.csv"),
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("drop --format"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
