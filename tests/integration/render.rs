//! Hostile feature names through the renderers: no panic, escaping in every format, a closed
//! pipe exits 0 quietly, and a full disk is an error.

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use tempfile::{NamedTempFile, TempDir};

use crate::util::{data, kano};

/// A counts file with one feature named `name` (and a plain one), `o` one-dimensional answers.
fn counts_with(name: &str, o: u32) -> NamedTempFile {
    let mut file = NamedTempFile::with_suffix(".csv").unwrap();
    let quoted = name.replace('"', "\"\"");
    write!(
        file,
        "feature,A,O,M,I,R,Q\n\"{quoted}\",10,{o},1,3,0,1\nPlain,10,2,1,3,0,0\n"
    )
    .unwrap();
    file
}

/// A counts file of `n` features.
fn many_features(n: usize) -> NamedTempFile {
    let mut file = NamedTempFile::with_suffix(".csv").unwrap();
    writeln!(file, "feature,A,O,M,I,R,Q").unwrap();
    for i in 0..n {
        writeln!(
            file,
            "Feature {i},{},{},{},3,0,1",
            5 + i % 17,
            3 + i % 11,
            1 + i % 7
        )
        .unwrap();
    }
    file
}

fn path(file: &NamedTempFile) -> &str {
    file.path().to_str().unwrap()
}

#[test]
fn a_name_of_65536_characters_draws_in_the_text_chart_cut_with_a_note() {
    let file = counts_with(&"x".repeat(65_536), 2);
    let output = kano()
        .args(["plot", "--format", "text", path(&file)])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.lines().all(|l| l.chars().count() < 300),
        "a line is not cut"
    );
    assert!(text.contains('…') && text.contains("cut with"));
}

#[test]
fn a_name_of_65536_characters_compares_over_three_waves() {
    let name = "x".repeat(65_536);
    let waves: Vec<NamedTempFile> = (1..=3).map(|o| counts_with(&name, o)).collect();
    let output = kano()
        .arg("compare")
        .args(waves.iter().map(path))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains('…') && text.contains("Plain"));
    // JSON keeps the full name.
    let output = kano()
        .arg("compare")
        .args(waves.iter().map(path))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(String::from_utf8(output.stdout).unwrap().contains(&name));
}

#[test]
fn the_table_of_a_name_of_2_million_characters_is_cut_and_json_keeps_it() {
    let name = "y".repeat(2_000_000);
    let file = counts_with(&name, 2);
    let output = kano().args(["analyze", path(&file)]).output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.len() < 10_000,
        "the table holds the whole name: {} bytes",
        text.len()
    );
    assert!(text.contains("Names longer than 100 columns are cut"));
    let output = kano()
        .args(["analyze", path(&file), "--format", "csv"])
        .output()
        .unwrap();
    assert!(String::from_utf8(output.stdout).unwrap().contains(&name));
}

#[test]
fn threads_beyond_the_machine_are_capped_and_said() {
    for threads in ["100000", "18446744073709551615"] {
        let output = kano()
            .args(["analyze", &data("check-wave1.csv"), "--threads", threads])
            .output()
            .unwrap();
        assert!(output.status.success(), "--threads {threads}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("--threads {threads} is more than")),
            "{stderr}"
        );
    }
}

#[test]
fn completions_to_a_full_disk_fail_with_the_reason() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("skipped: no /dev/full here");
        return;
    };
    let output = Command::new(assert_cmd::cargo::cargo_bin("kano"))
        .args(["completions", "bash"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("No space left on device") && !stderr.contains("panicked"),
        "{stderr}"
    );
}

/// Runs `kano ARGS`, reads one byte of its output and closes the pipe; returns the exit code and
/// stderr.
fn closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kano"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_exits_0_quietly_in_every_format() {
    let big = many_features(20_000);
    let features = NamedTempFile::new().unwrap();
    std::fs::write(
        features.path(),
        (0..20_000)
            .map(|i| format!("Feature {i}\n"))
            .collect::<String>(),
    )
    .unwrap();
    let cases: Vec<Vec<&str>> = vec![
        vec!["completions", "fish"],
        vec!["analyze", path(&big), "--format", "csv"],
        vec!["analyze", path(&big), "--format", "json"],
        vec!["compare", path(&big), path(&big), "--format", "csv"],
        vec!["questionnaire", path(&features), "--format", "csv"],
    ];
    for args in cases {
        let (code, stderr) = closed_pipe(&args);
        assert_eq!(code, Some(0), "{args:?}: {stderr}");
        assert!(
            !stderr.contains("Broken pipe") && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn questionnaire_csv_and_qualtrics_neutralise_formulas_tags_and_controls() {
    let dir = TempDir::new().unwrap();
    let features = dir.path().join("features.txt");
    std::fs::write(
        &features,
        "=HYPERLINK(http://x)\n+cmd\n@SUM(A1)\nEsc\u{1b}[31mred\u{7}\n[[Block:Evil]] x ]]\n",
    )
    .unwrap();
    let run = |format: &str| {
        let output = kano()
            .args([
                "questionnaire",
                features.to_str().unwrap(),
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let csv = run("csv");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell}");
            assert!(!cell.chars().any(char::is_control), "{cell:?}");
        }
    }
    let txt = run("qualtrics");
    let tags: Vec<&str> = txt.lines().filter(|l| l.contains("[[")).collect();
    assert!(
        tags.iter()
            .all(|t| t.starts_with("[[") && !t.contains("Evil]]")),
        "{tags:?}"
    );
    assert_eq!(txt.matches("[[Block:").count(), 5);
    assert!(!txt.contains('\u{1b}') && !txt.contains('\u{7}'));
}

#[test]
fn json_escapes_c1_and_bidi_controls_in_every_command() {
    let name = "x\u{9b}31my\u{202e}z\u{2066}w\u{7f}";
    let file = counts_with(name, 2);
    let features = NamedTempFile::new().unwrap();
    std::fs::write(features.path(), format!("{name}\nPlain\n")).unwrap();
    let cases: Vec<Vec<&str>> = vec![
        vec!["analyze", path(&file)],
        vec!["compare", path(&file), path(&file)],
        vec!["explain", path(&file), name],
        vec!["questionnaire", path(&features)],
    ];
    for args in cases {
        let output = kano()
            .args(&args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(
            !text.chars().any(|c| (c.is_control() && c != '\n')
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "{args:?}: a raw control in {text}"
        );
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(
            value.to_string().contains("\\u009b") || text.contains("\\u009b"),
            "{args:?}"
        );
    }
}

#[cfg(unix)]
#[test]
fn output_onto_a_link_replaces_its_target_and_keeps_the_link() {
    let dir = TempDir::new().unwrap();
    let target = dir.path().join("real.json");
    let link = dir.path().join("link.json");
    std::fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    kano()
        .args([
            "analyze",
            &data("check-wave1.csv"),
            "-q",
            "-f",
            "json",
            "-o",
        ])
        .arg(&link)
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&target).unwrap()).unwrap();
    assert_eq!(json["schema_version"], 1);
}

#[cfg(unix)]
#[test]
fn output_onto_a_fifo_writes_through_it() {
    let dir = TempDir::new().unwrap();
    let fifo = dir.path().join("pipe");
    if !Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    kano()
        .args(["analyze", &data("check-wave1.csv"), "-q", "-f", "csv", "-o"])
        .arg(&fifo)
        .assert()
        .success();
    assert!(reader.join().unwrap().starts_with("rank,feature"));
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
}

#[cfg(unix)]
#[test]
fn sigterm_during_an_output_write_leaves_no_temporary_file() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("out.json");
    // A slow standard input keeps the run going while the temporary output file is open.
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kano"))
        .args(["analyze", "-", "-q", "-f", "json", "-o"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"id,Sync (functional),Sync (dysfunctional)\n")
        .unwrap();
    let entries = || std::fs::read_dir(dir.path()).unwrap().count();
    let started = std::time::Instant::now();
    while entries() == 0 && started.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(entries(), 1, "the temporary output file did not appear");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    assert!(!status.success());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// Found by the `render` fuzz target: left-to-right and right-to-left marks in a feature name
/// reached the CSV raw (the other bidi controls were escaped).
#[test]
fn bidi_marks_in_a_name_are_escaped_in_csv_and_the_table() {
    let file = counts_with("Spoof\u{200E}ed\u{200F} name", 3);
    for format in ["csv", "table", "markdown"] {
        let output = kano()
            .args(["analyze", path(&file), "--format", format])
            .output()
            .unwrap();
        assert!(output.status.success());
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains("Spoof"), "{format}: {text}");
        assert!(
            !text.contains('\u{200E}') && !text.contains('\u{200F}'),
            "{format}: a raw bidi mark: {text:?}"
        );
    }
}
