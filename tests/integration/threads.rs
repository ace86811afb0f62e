//! The threaded and single-threaded reading paths give the same results, on files big enough to
//! be cut into several chunks, with the traps that make cutting hard: quoted newlines, doubled
//! quotes, a BOM and CRLF line ends.

use crate::util::kano;

const LABELS: [&str; 5] = [
    "I like it",
    "I expect it",
    "I am neutral",
    "I can live with it",
    "I dislike it",
];

/// A wide survey of `rows` respondents, 6 features and a free-text comment column whose cells
/// hold delimiters, doubled quotes and newlines. Returns the file's bytes and the expected
/// (functional, dysfunctional) code counts per feature.
fn survey(rows: usize, crlf: bool) -> (Vec<u8>, Vec<[[u64; 5]; 5]>) {
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut text = String::from("\u{FEFF}id,comment");
    for f in 0..6 {
        text.push_str(&format!(",F{f} (functional),F{f} (dysfunctional)"));
    }
    text.push_str(eol);
    let mut expected = vec![[[0u64; 5]; 5]; 6];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for r in 0..rows {
        let comment = match r % 4 {
            0 => "\"fine, really\"".to_string(),
            1 => format!("\"line one{eol}line \"\"two\"\", with, commas\""),
            2 => String::new(),
            _ => "no quotes".to_string(),
        };
        text.push_str(&format!("{r},{comment}"));
        for counts in expected.iter_mut() {
            let (f, d) = ((next() % 5) as usize, (next() % 5) as usize);
            counts[f][d] += 1;
            text.push_str(&format!(",{},\"{}\"", LABELS[f], LABELS[d]));
        }
        text.push_str(eol);
    }
    (text.into_bytes(), expected)
}

fn analyze(path: &std::path::Path, threads: &str) -> serde_json::Value {
    let output = kano()
        .args(["analyze", "--format", "json", "-q", "--threads", threads])
        .arg(path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn threaded_and_single_threaded_reading_agree_and_count_exactly() {
    let dir = tempfile::tempdir().unwrap();
    for crlf in [false, true] {
        let (bytes, expected) = survey(25_000, crlf);
        assert!(bytes.len() > 3 << 20, "big enough for several chunks");
        let path = dir.path().join(format!("big-{crlf}.csv"));
        std::fs::write(&path, &bytes).unwrap();
        let single = analyze(&path, "1");
        let threaded = analyze(&path, "3");
        assert_eq!(single["features"], threaded["features"]);
        assert_eq!(single["respondent_checks"], threaded["respondent_checks"]);
        assert_eq!(single["input"]["respondents"], 25_000);
        // Counts equal the generated pairs under the standard table.
        let table = |f: usize, d: usize| -> &str {
            const T: [[&str; 5]; 5] = [
                ["Q", "A", "A", "A", "O"],
                ["R", "I", "I", "I", "M"],
                ["R", "I", "I", "I", "M"],
                ["R", "I", "I", "I", "M"],
                ["R", "R", "R", "R", "Q"],
            ];
            T[f][d]
        };
        for (i, grid) in expected.iter().enumerate() {
            let feature = single["features"]
                .as_array()
                .unwrap()
                .iter()
                .find(|x| x["name"] == format!("F{i}"))
                .unwrap();
            for letter in ["A", "O", "M", "I", "R", "Q"] {
                let want: u64 = (0..5)
                    .flat_map(|f| (0..5).map(move |d| (f, d)))
                    .filter(|(f, d)| table(*f, *d) == letter)
                    .map(|(f, d)| grid[f][d])
                    .sum();
                assert_eq!(feature["counts"][letter], want, "F{i} {letter} crlf={crlf}");
            }
        }
    }
}

#[test]
fn segments_and_respondent_drops_agree_on_every_thread_count() {
    // --by on the comment column (four values, two of them quoted) with both drops: segments
    // are read on the fused path and, after a quoted cell, on the general one.
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _) = survey(25_000, false);
    let path = dir.path().join("by.csv");
    std::fs::write(&path, &bytes).unwrap();
    let run = |threads: &str| {
        let output = kano()
            .args(["analyze", "--format", "json", "-q", "--threads", threads])
            .args(["--by", "comment", "--drop-inconsistent", "0.3"])
            .args(["--max-indifferent", "2"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let single = run("1");
    let segments = single["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 4, "{segments:?}");
    let in_segments: u64 = segments
        .iter()
        .map(|s| s["respondents"].as_u64().unwrap())
        .sum();
    let checks = &single["respondent_checks"];
    let dropped_inconsistent = checks["dropped"].as_u64().unwrap();
    assert!(dropped_inconsistent > 0);
    // respondent_checks counts those --max-indifferent leaves out, too: they are the rest of
    // the respondents not in a segment.
    let dropped_indifferent = checks["dropped_indifferent"].as_u64().unwrap();
    assert!(dropped_indifferent > 0, "{checks}");
    assert_eq!(checks["max_indifferent"], 2);
    assert_eq!(
        in_segments + dropped_inconsistent + dropped_indifferent,
        25_000,
        "{checks}"
    );
    for threads in ["2", "3"] {
        let threaded = run(threads);
        assert_eq!(single["features"], threaded["features"], "{threads}");
        assert_eq!(single["segments"], threaded["segments"], "{threads}");
        assert_eq!(checks, &threaded["respondent_checks"], "{threads}");
    }
}

#[test]
fn an_error_deep_in_a_big_file_names_the_same_line_on_every_path() {
    let dir = tempfile::tempdir().unwrap();
    let (mut bytes, _) = survey(20_000, false);
    // Break one cell far into the file: row 15000 sits on line 1 + 15000 + the quoted
    // newlines of the rows before it (every fourth row has one).
    let text = String::from_utf8(bytes.clone()).unwrap();
    let marker = "\n15000,";
    let at = text.find(marker).unwrap();
    let line = text[..at].matches('\n').count() as u64 + 2;
    let tail = &text[at + marker.len()..];
    let cell = tail.find("I ").unwrap() + at + marker.len();
    bytes.splice(cell..cell + 1, b"Maybe ".iter().copied());
    let path = dir.path().join("broken.csv");
    std::fs::write(&path, &bytes).unwrap();
    for threads in ["1", "2", "4"] {
        let output = kano()
            .args(["analyze", "--threads", threads])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!(
                "broken.csv line {line}, column \"F0 (functional)\""
            )),
            "threads {threads}: {stderr}"
        );
    }
}

#[test]
fn a_big_file_with_old_mac_line_ends_is_cut_into_chunks_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _) = survey(20_000, false);
    let lf = dir.path().join("lf.csv");
    std::fs::write(&lf, &bytes).unwrap();
    let cr: Vec<u8> = bytes
        .iter()
        .map(|b| if *b == b'\n' { b'\r' } else { *b })
        .collect();
    let mac = dir.path().join("cr.csv");
    std::fs::write(&mac, &cr).unwrap();
    assert!(cr.len() > 3 << 20);
    for threads in ["1", "2"] {
        assert_eq!(
            analyze(&lf, threads)["features"],
            analyze(&mac, threads)["features"]
        );
    }
}

#[test]
fn an_unterminated_quote_is_an_error_at_the_line_it_opens_on_every_path() {
    // Ten good rows, one whose last cell opens a quote never closed, then rows it would
    // swallow: small (one chunk) and big (many chunks, the fused path before the quote).
    let dir = tempfile::tempdir().unwrap();
    for (before, after) in [(10, 1_000), (30_000, 30_000)] {
        let mut text = String::from("id,A (functional),A (dysfunctional)\n");
        for r in 0..before {
            text.push_str(&format!("{r},I like it,I dislike it\n"));
        }
        text.push_str("x,I like it,\"I expect it\n");
        for r in 0..after {
            text.push_str(&format!("{r},I like it,I dislike it\n"));
        }
        let path = dir.path().join("open.csv");
        std::fs::write(&path, &text).unwrap();
        let line = before + 2;
        for threads in ["1", "2"] {
            for skip in [false, true] {
                let mut cmd = kano();
                cmd.args(["analyze", "--threads", threads]).arg(&path);
                if skip {
                    cmd.arg("--skip-invalid");
                }
                let output = cmd.output().unwrap();
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert_eq!(output.status.code(), Some(2), "{stderr}");
                assert!(
                    stderr.contains(&format!(
                        "open.csv line {line}, column \"A (dysfunctional)\": the quote opening \
                         the value \"I expect it\" is never closed"
                    )),
                    "{before} rows, threads {threads}, skip {skip}: {stderr}"
                );
                assert!(
                    stderr.contains(&format!("so {} line(s) from there", after + 1)),
                    "{stderr}"
                );
            }
        }
    }
}

#[test]
fn rows_of_empty_cells_are_no_respondents_on_every_path() {
    // One real row and 500 empty ones (as short `,` rows, as full-width spreadsheet rows and
    // as white space), small and big enough for many chunks; with importance and without.
    let dir = tempfile::tempdir().unwrap();
    for (real, importance) in [(1, false), (1, true), (40_000, false), (40_000, true)] {
        let mut text = String::from("id,A (functional),A (dysfunctional)");
        if importance {
            text.push_str(",A (importance)");
        }
        text.push('\n');
        let mut blank = 0;
        for r in 0..real {
            text.push_str(&format!("{r},I like it,I dislike it"));
            text.push_str(if importance { ",3\n" } else { "\n" });
            if r % 80 == 0 {
                for row in [",\n", ",,\n", " , ,\t\n", ",,,\r\n"] {
                    for _ in 0..125 {
                        text.push_str(row);
                    }
                    blank += 125;
                }
            }
        }
        let path = dir.path().join("blank.csv");
        std::fs::write(&path, &text).unwrap();
        for threads in ["1", "2"] {
            let output = kano()
                .args(["check", "--min-respondents", "100", "--threads", threads])
                .arg(&path)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                stdout.contains(&format!("({real} respondents,")),
                "{real} rows, threads {threads}: {stdout}{stderr}"
            );
            assert!(
                stderr.contains(&format!("skipped {blank} row(s) whose cells are all empty")),
                "{stderr}"
            );
            assert_eq!(output.status.code(), Some(if real < 100 { 1 } else { 0 }));
        }
    }
}

#[test]
fn importance_and_segment_columns_agree_on_every_thread_count_and_count_exactly() {
    // Importance as numbers and a verbal label (given with --importance-scale), a few unknown
    // ones (skipped and counted with --skip-invalid), and --by on a column of 199 values with empty cells: read on the fused
    // path, the unknown values' records on the general one.
    let mut text = String::from("id,segment");
    for f in 0..3 {
        text.push_str(&format!(
            ",F{f} (functional),F{f} (dysfunctional),F{f} (importance)"
        ));
    }
    text.push('\n');
    let (mut n, mut sum, mut unknown) = ([0u64; 3], [0u64; 3], [0u64; 3]);
    let mut blank_segment = 0u64;
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for r in 0..30_000u64 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let segment = match r % 97 {
            0 => String::new(),
            _ => format!("s{}", 1 + (state >> 40) % 199),
        };
        blank_segment += u64::from(segment.is_empty());
        text.push_str(&format!("{r},{segment}"));
        for f in 0..3 {
            let pick = (state >> (8 * f)) % 11;
            let cell = match pick {
                0 => String::new(),
                9 => "Very important".to_string(),
                10 if r % 5 == 0 => "n/a".to_string(),
                10 => String::new(),
                v => v.to_string(),
            };
            match pick {
                0 => {}
                9 => (n[f], sum[f]) = (n[f] + 1, sum[f] + 4),
                10 => unknown[f] += u64::from(r % 5 == 0),
                v => (n[f], sum[f]) = (n[f] + 1, sum[f] + v),
            }
            let answers = (
                LABELS[(r as usize + f) % 5],
                LABELS[(state >> 30) as usize % 5],
            );
            text.push_str(&format!(",{},{},{cell}", answers.0, answers.1));
        }
        text.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("importance.csv");
    std::fs::write(&path, &text).unwrap();
    let run = |threads: &str| {
        let output = kano()
            .args(["analyze", "--format", "json", "-q", "--threads", threads])
            .args(["--by", "segment", "--skip-invalid"])
            .args(["--importance-scale", "Very important=4"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&output.stdout).unwrap()
    };
    let single = run("1");
    for (f, feature) in single["features"].as_array().unwrap().iter().enumerate() {
        let importance = &feature["importance"];
        assert_eq!(importance["n"], n[f], "F{f}");
        let mean = importance["mean"].as_f64().unwrap();
        assert!((mean - sum[f] as f64 / n[f] as f64).abs() < 1e-9, "F{f}");
        let skipped = format!(
            "feature \"F{f}\": skipped {} importance cell(s) that are not numbers",
            unknown[f]
        );
        let warnings = single["warnings"].as_array().unwrap();
        assert!(
            warnings.iter().any(|w| w == &skipped),
            "{skipped} {warnings:?}"
        );
    }
    let segments = single["segments"].as_array().unwrap();
    assert_eq!(segments.len(), 200, "199 values and (blank)");
    let blank = segments.iter().find(|s| s["value"] == "(blank)").unwrap();
    assert_eq!(blank["respondents"], blank_segment);
    for threads in ["2", "3"] {
        let threaded = run(threads);
        assert_eq!(single["features"], threaded["features"], "{threads}");
        assert_eq!(single["segments"], threaded["segments"], "{threads}");
        assert_eq!(single["warnings"], threaded["warnings"], "{threads}");
    }
}

/// A long survey of `respondents` respondents and 6 features, cut into several chunks, with the
/// traps of the seams: ids and feature names in varying spellings and quoting, a quoted comment
/// with delimiters, doubled quotes and newlines, repeated rows (whose unknown labels are never
/// decoded), ids that come back after other ids, and one respondent whose rows (mostly repeats)
/// fill whole chunks. Returns the file and the number of distinct respondents.
fn long_survey(respondents: usize) -> (String, usize) {
    let features = [
        ["Dark mode", " dark  MODE", "\"Dark mode\""],
        ["Sync", "sync ", "\"SYNC\""],
        ["Offline maps", "offline maps", "\" Offline  maps\""],
        ["Export", "export", "\"Export\""],
        ["Widgets", "widgets ", "\"WIDGETS\""],
        ["Themes", " themes", "\"Themes\""],
    ];
    let mut text = String::from("respondent,feature,functional,dysfunctional,plan,comment\n");
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let row = |text: &mut String, r: usize, f: usize, next: &mut dyn FnMut() -> u64| {
        let id = [format!("r{r}"), format!(" r{r}"), format!("\"r{r} \"")][(r + f) % 3].clone();
        let name = features[f][(r * 7 + f) % 3];
        let (a, b) = ((next() % 5) as usize, (next() % 5) as usize);
        let plan = ["free", "\"pro\"", ""][r % 3];
        let comment = match (r + f) % 5 {
            0 => "\"fine, really\"",
            1 => "\"line one\nline \"\"two\"\"\"",
            _ => "",
        };
        text.push_str(&format!(
            "{id},{name},{},\"{}\",{plan},{comment}\n",
            LABELS[a], LABELS[b]
        ));
    };
    let mut r = 0;
    while r < respondents {
        if r == respondents / 3 {
            // One respondent over whole chunks: the features once, then repeats.
            for i in 0..80_000 {
                let f = i % 6;
                if i < 6 {
                    row(&mut text, r, f, &mut next);
                } else {
                    text.push_str(&format!("r{r},{},Maybe,,free,\n", features[f][0]));
                }
            }
            r += 1;
            continue;
        }
        if r % 11 == 5 && r + 1 < respondents {
            // Ids that come back: half of r, all of r + 1, the rest of r.
            (0..3).for_each(|f| row(&mut text, r, f, &mut next));
            (0..6).for_each(|f| row(&mut text, r + 1, f, &mut next));
            (3..6).for_each(|f| row(&mut text, r, f, &mut next));
            r += 2;
            continue;
        }
        for f in 0..6 {
            row(&mut text, r, f, &mut next);
            if r % 7 == 3 && f == 2 {
                // A repeated answer, with a label that would stop the reading if decoded.
                text.push_str(&format!("\"r{r}\",sync,Maybe,Perhaps,free,\n"));
            }
        }
        r += 1;
    }
    (text, respondents)
}

fn run_long(
    path: &std::path::Path,
    threads: &str,
    extra: &[&str],
) -> (Option<i32>, String, String) {
    let output = kano()
        .args([
            "analyze",
            "--format",
            "json",
            "--layout",
            "long",
            "--threads",
            threads,
        ])
        .args(extra)
        .arg(path)
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn long_files_read_the_same_on_every_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let (text, respondents) = long_survey(30_000);
    assert!(text.len() > 5 << 20, "several chunks: {}", text.len());
    let path = dir.path().join("long.csv");
    std::fs::write(&path, &text).unwrap();
    let options: [&[&str]; 2] = [
        &[],
        &[
            "--by",
            "plan",
            "--drop-inconsistent",
            "0.5",
            "--max-indifferent",
            "3",
        ],
    ];
    for extra in options {
        let (code, single, warnings) = run_long(&path, "1", extra);
        assert_eq!(code, Some(0), "{warnings}");
        let report: serde_json::Value = serde_json::from_str(&single).unwrap();
        assert_eq!(
            report["input"]["respondents"], respondents as u64,
            "{warnings}"
        );
        // Six features, however spelled or quoted.
        assert_eq!(report["features"].as_array().unwrap().len(), 6);
        // The repeats: one per seventh respondent, and the big respondent's.
        assert!(warnings.contains("repeat"), "{warnings}");
        assert!(warnings.contains("ids are not grouped"), "{warnings}");
        for threads in ["2", "3"] {
            let (code, threaded, threaded_warnings) = run_long(&path, threads, extra);
            assert_eq!(code, Some(0), "{threaded_warnings}");
            assert_eq!(single, threaded, "threads {threads} {extra:?}");
            // (A machine with fewer cores says so first.)
            let said: Vec<_> = threaded_warnings
                .lines()
                .filter(|l| !l.contains("--threads"))
                .collect();
            assert_eq!(
                warnings.lines().collect::<Vec<_>>(),
                said,
                "threads {threads} {extra:?}"
            );
        }
    }
}

#[test]
fn a_long_file_stops_at_its_first_error_on_every_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let (text, _) = long_survey(30_000);
    let big = text.find("\nr10000,").unwrap() + 1;
    // The first error: a new feature with an unknown label inside the big respondent's rows,
    // chunks after their first row (read at a seam); a later one far after it.
    let first = big + 1_500_000 + text[big + 1_500_000..].find('\n').unwrap() + 1;
    let mut broken = text[..first].to_string();
    broken.push_str("r10000,Brand new,Maybe,I like it,free,\n");
    let later = first + 2_000_000 + text[first + 2_000_000..].find('\n').unwrap() + 1;
    broken.push_str(&text[first..later]);
    broken.push_str("r99999,Sync,I like it,Nope,free,\n");
    broken.push_str(&text[later..]);
    let line = broken[..first].matches('\n').count() + 1;
    let path = dir.path().join("broken.csv");
    std::fs::write(&path, &broken).unwrap();
    for threads in ["1", "2", "3"] {
        let (code, _, stderr) = run_long(&path, threads, &[]);
        assert_eq!(code, Some(2), "{stderr}");
        assert!(
            stderr.contains(&format!("broken.csv line {line}, column \"functional\"")),
            "threads {threads}: {stderr}"
        );
    }
}

/// A wide survey of `rows` respondents answering in numeric codes 1-5 (some blank), with a
/// quoted comment holding a line end every 50th row: most records take the fused path's lean
/// scan, the quoted ones its full scan.
fn numeric_survey(rows: usize) -> String {
    let mut text = String::from("id,comment");
    for f in 0..4 {
        text.push_str(&format!(",F{f} (functional),F{f} (dysfunctional)"));
    }
    text.push('\n');
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    for r in 0..rows {
        let comment = if r % 50 == 7 {
            "\"slow,\nbut fine\""
        } else {
            ""
        };
        text.push_str(&format!("{r},{comment}"));
        for _ in 0..8 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            match state % 21 {
                0 => text.push(','),
                n => text.push_str(&format!(",{}", n % 5 + 1)),
            }
        }
        text.push('\n');
    }
    text
}

#[test]
fn numeric_codes_with_quoted_comments_read_alike_and_name_the_same_error_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = numeric_survey(120_000);
    assert!(text.len() > 2 << 20, "big enough for several chunks");
    let path = dir.path().join("numeric.csv");
    std::fs::write(&path, &text).unwrap();
    let single = analyze(&path, "1");
    assert_eq!(single["input"]["respondents"], 120_000);
    for threads in ["2", "3"] {
        let threaded = analyze(&path, threads);
        assert_eq!(single["features"], threaded["features"], "{threads}");
        assert_eq!(
            single["respondent_checks"], threaded["respondent_checks"],
            "{threads}"
        );
    }
    // A code out of range far into the file, after many quoted line ends: the line counted by
    // the lean scan, the full scan and the threads is the same.
    let marker = "\n100000,";
    let at = text.find(marker).unwrap();
    let line = text[..at].matches('\n').count() + 2;
    let cell = at + marker.len() + 1;
    let mut broken = text.into_bytes();
    broken.splice(cell..cell, b"9".iter().copied());
    let path = dir.path().join("broken.csv");
    std::fs::write(&path, &broken).unwrap();
    for threads in ["1", "2"] {
        let output = kano()
            .args(["analyze", "--threads", threads])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("broken.csv line {line}, column")),
            "threads {threads}: {stderr}"
        );
    }
}

/// A long file of `respondents` ids and 8 features over several chunks, its rows in `order`:
/// grouped by respondent, by feature (every id comes back), or grouped with some ids coming back
/// as a second run of rows for other features. Returns the file, its distinct ids and its runs
/// of rows with one id.
fn long_ids(respondents: usize, order: &str) -> (String, usize, usize) {
    let mut rows: Vec<(usize, usize)> = Vec::new();
    match order {
        "grouped" => (0..respondents).for_each(|r| (0..8).for_each(|f| rows.push((r, f)))),
        "by feature" => (0..8).for_each(|f| (0..respondents).for_each(|r| rows.push((r, f)))),
        _ => {
            // Grouped, but every 13th respondent's last two features come again at the end.
            for r in 0..respondents {
                let last = if r % 13 == 0 { 6 } else { 8 };
                (0..last).for_each(|f| rows.push((r, f)));
            }
            for r in (0..respondents).step_by(13) {
                (6..8).for_each(|f| rows.push((r, f)));
            }
        }
    }
    let mut text = String::from("respondent,feature,functional,dysfunctional\n");
    let mut runs = 0;
    for (i, &(r, f)) in rows.iter().enumerate() {
        if i == 0 || rows[i - 1].0 != r {
            runs += 1;
        }
        // Ids spelled with and without spaces and quotes are one id.
        let id = [format!("id{r}"), format!(" id{r}"), format!("\"id{r} \"")][(r + f) % 3].clone();
        let (a, b) = ((r * 7 + f) % 5, (r + f * 3) % 5);
        text.push_str(&format!("{id},Feature {f},{},{}\n", LABELS[a], LABELS[b]));
    }
    (text, respondents, runs)
}

#[test]
fn long_respondents_are_runs_of_ids_and_ids_that_come_back_are_counted_once_on_every_thread_count()
{
    let dir = tempfile::tempdir().unwrap();
    for order in ["grouped", "by feature", "some return"] {
        let (text, distinct, runs) = long_ids(30_000, order);
        assert!(text.len() > 5 << 20, "several chunks: {}", text.len());
        let path = dir.path().join("ids.csv");
        std::fs::write(&path, &text).unwrap();
        let (code, single, warnings) = run_long(&path, "1", &[]);
        assert_eq!(code, Some(0), "{warnings}");
        let report: serde_json::Value = serde_json::from_str(&single).unwrap();
        assert_eq!(report["input"]["respondents"], distinct as u64, "{order}");
        let not_grouped = format!("{distinct} distinct ids come in {runs} runs of rows");
        assert_eq!(
            warnings.contains(&not_grouped),
            order != "grouped",
            "{order}: {warnings}"
        );
        if order == "grouped" {
            assert_eq!(runs, distinct);
            assert!(!warnings.contains("not grouped"), "{warnings}");
        }
        for threads in ["2", "3"] {
            let (code, threaded, threaded_warnings) = run_long(&path, threads, &[]);
            assert_eq!(code, Some(0), "{threaded_warnings}");
            assert_eq!(single, threaded, "{order}, threads {threads}");
            let said: Vec<_> = threaded_warnings
                .lines()
                .filter(|l| !l.contains("--threads"))
                .collect();
            assert_eq!(warnings.lines().collect::<Vec<_>>(), said, "{order}");
        }
    }
}
