//! Hostile inputs made on the fly (never committed): a 100 MB field, a million columns, 100,000
//! features, deeply repeated quotes. Each must be read in bounded memory or refused with a clear
//! error: exit 2, a message naming the file, and no flood of standard error. The binary runs
//! under `ulimit -v`, so a reader that buffers without bound fails here instead of passing.

use std::io::{BufWriter, Write};
use std::process::Output;
use std::time::Duration;

use tempfile::NamedTempFile;

/// A survey file written by `write`.
fn survey(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> NamedTempFile {
    let file = NamedTempFile::new().unwrap();
    let mut out = BufWriter::with_capacity(1 << 20, file.reopen().unwrap());
    write(&mut out).unwrap();
    out.flush().unwrap();
    file
}

/// `kano analyze FILE --format csv` with at most `mib` MiB of address space and `seconds` of time.
fn analyze_bounded(file: &NamedTempFile, mib: u64, seconds: u64) -> Output {
    analyze_bounded_with(file, &[], mib, seconds)
}

/// [`analyze_bounded`] with more arguments.
fn analyze_bounded_with(file: &NamedTempFile, args: &[&str], mib: u64, seconds: u64) -> Output {
    assert_cmd::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", mib * 1024))
        .arg(env!("CARGO_BIN_EXE_kano"))
        .args(["analyze", "--format", "csv", "--quiet"])
        .args(args)
        .arg(file.path())
        .timeout(Duration::from_secs(seconds))
        .output()
        .unwrap()
}

/// Exit 2 with one short message that names the file.
fn assert_clear_error(output: &Output, file: &NamedTempFile) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let path = file.path().to_str().unwrap();
    assert_eq!(output.status.code(), Some(2), "stderr: {:.500}", stderr);
    assert!(
        stderr.contains(path),
        "message names the file: {:.500}",
        stderr
    );
    assert!(
        stderr.len() < 4096,
        "a short message, not {} bytes",
        stderr.len()
    );
}

/// `n` repetitions of `chunk`.
fn repeat(out: &mut dyn Write, chunk: &[u8], n: usize) -> std::io::Result<()> {
    for _ in 0..n {
        out.write_all(chunk)?;
    }
    Ok(())
}

const MIB: usize = 1 << 20;

#[test]
fn a_100_mb_field_is_refused_in_bounded_memory() {
    let x = vec![b'x'; MIB];
    let cell = survey(|out| {
        out.write_all(b"respondent,F1 (functional),F1 (dysfunctional)\n1,\"")?;
        repeat(out, &x, 100)?;
        out.write_all(b"\",I like it\n")
    });
    assert_clear_error(&analyze_bounded(&cell, 64, 20), &cell);
    let header = survey(|out| {
        repeat(out, &x, 100)?;
        out.write_all(b" (functional),F1 (dysfunctional)\nI like it,I like it\n")
    });
    assert_clear_error(&analyze_bounded(&header, 64, 20), &header);
}

#[test]
fn a_header_of_a_million_columns_is_refused_clearly() {
    let file = survey(|out| {
        for i in 0..1_000_000 {
            write!(out, "{}c{i}", if i == 0 { "" } else { "," })?;
        }
        out.write_all(b"\n1,2\n")
    });
    assert_clear_error(&analyze_bounded(&file, 512, 20), &file);
}

#[test]
fn a_header_of_a_million_columns_read_as_long_is_refused_in_a_short_message() {
    let file = survey(|out| {
        for i in 0..1_000_000 {
            write!(out, "{}c{i}", if i == 0 { "" } else { "," })?;
        }
        out.write_all(b"\n1,2\n")
    });
    for layout in ["long", "counts", "wide"] {
        let output = analyze_bounded_with(&file, &["--layout", layout], 512, 20);
        assert_clear_error(&output, &file);
    }
}

#[test]
fn a_header_of_100000_features_is_read_in_bounded_memory() {
    let file = survey(|out| {
        for i in 0..100_000 {
            let sep = if i == 0 { "" } else { "," };
            write!(out, "{sep}F{i} (functional),F{i} (dysfunctional)")?;
        }
        out.write_all(b"\n")?;
        for i in 0..100_000 {
            out.write_all(if i == 0 { b"1,5" } else { b",1,5" })?;
        }
        out.write_all(b"\n")
    });
    let output = analyze_bounded(&file, 512, 20);
    assert!(
        output.status.success(),
        "{:.500}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A header line and one line per feature.
    assert_eq!(
        output.stdout.iter().filter(|b| **b == b'\n').count(),
        100_001
    );
}

#[test]
fn a_wording_kano_must_infer_in_every_column_of_a_wide_header_is_read_in_linear_time() {
    // 40,000 columns sharing one unknown wording: listing the columns a label occurs in was a
    // scan of the list per cell, quadratic in the columns (a minute here before).
    let file = survey(|out| {
        for i in 0..20_000 {
            let sep = if i == 0 { "" } else { "," };
            write!(out, "{sep}F{i} (functional),F{i} (dysfunctional)")?;
        }
        out.write_all(b"\n")?;
        for _ in 0..64 {
            for i in 0..40_000 {
                out.write_all(if i == 0 {
                    b"Great stuff"
                } else {
                    b",Great stuff"
                })?;
            }
            out.write_all(b"\n")?;
        }
        Ok(())
    });
    let output = analyze_bounded(&file, 512, 20);
    assert!(
        output.status.success(),
        "{:.500}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        output.stdout.iter().filter(|b| **b == b'\n').count(),
        20_001
    );
}

#[test]
fn deeply_repeated_quotes_are_refused_clearly_in_bounded_memory() {
    // One cell of 2,000,000 escaped quotes: a 2 MB value.
    let escaped = survey(|out| {
        out.write_all(b"respondent,F1 (functional),F1 (dysfunctional)\n1,\"")?;
        repeat(out, &[b'"'; 4096], 1000)?;
        out.write_all(b"\",I like it\n")
    });
    assert_clear_error(&analyze_bounded(&escaped, 128, 20), &escaped);
    // An odd run of quotes that never closes: the rest of the file is one field.
    let unbalanced = survey(|out| {
        out.write_all(b"respondent,F1 (functional),F1 (dysfunctional)\n1,")?;
        repeat(out, &[b'"'; 4096], 1000)?;
        out.write_all(b"\",I like it\n2,I like it,I like it\n")
    });
    assert_clear_error(&analyze_bounded(&unbalanced, 128, 20), &unbalanced);
}

#[test]
fn a_header_too_wide_for_the_first_rows_says_so_not_an_unclosed_quote() {
    // A million columns named "a" and rows of answers: over 8 MiB before the data.
    let file = survey(|out| {
        repeat(out, b"a,", 999_999)?;
        out.write_all(b"a\n")?;
        for _ in 0..3 {
            repeat(out, b"I like it,", 999_999)?;
            out.write_all(b"I like it\n")?;
        }
        Ok(())
    });
    let output = analyze_bounded(&file, 512, 60);
    assert_clear_error(&output, &file);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the first of 1000000 columns"), "{stderr}");
    assert!(!stderr.contains("quote"), "{stderr}");
    // An open quote there is named as one, with its line.
    let quote = survey(|out| {
        out.write_all(b"id,A (functional),A (dysfunctional)\n1,\"")?;
        repeat(out, &[b'x'; MIB], 9)
    });
    let stderr = String::from_utf8_lossy(&analyze_bounded(&quote, 512, 60).stderr).into_owned();
    assert!(
        stderr.contains("line 2, field 2: a quote opens the value"),
        "{stderr}"
    );
}
