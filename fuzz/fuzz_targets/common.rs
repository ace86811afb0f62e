//! What every fuzz target does with a candidate file: read it as a survey with auto-detection
//! and with every forced layout, and render each survey that reads in every format. Errors are
//! fine; panics, aborts, hangs and runaway memory are what the fuzzer looks for, and a wide
//! file read differently by the fused path and the general path (a panic here).

use std::io::Write;
use std::path::PathBuf;

use kano::cmd::analyze::{render, Format};
use kano::input::{Layout, LayoutChoice};
use kano::report::table::TableOptions;
use kano::report::xlsx::Reading;
use kano::{read_survey, ReadOptions, Settings, SortKey};

/// A per-process scratch file named `.csv`, in memory when /dev/shm exists.
fn scratch() -> PathBuf {
    scratch_named("csv")
}

/// A per-process scratch file with the extension `ext`.
fn scratch_named(ext: &str) -> PathBuf {
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    dir.join(format!("kano-fuzz-{}.{ext}", std::process::id()))
}

/// Writes `bytes` to the scratch file and runs every reading and rendering on it, stopping at
/// unknown labels and skipping them.
pub fn exercise(bytes: &[u8]) {
    exercise_file(bytes, scratch());
}

/// [`exercise`] with a file named `.EXT` (`xlsx`, `ods`: read as a spreadsheet).
#[allow(dead_code)] // not every target uses it
pub fn exercise_as(bytes: &[u8], ext: &str) {
    exercise_file(bytes, scratch_named(ext));
}

fn exercise_file(bytes: &[u8], path: PathBuf) {
    let Ok(mut file) = std::fs::File::create(&path) else {
        return;
    };
    if file.write_all(bytes).is_err() {
        return;
    }
    drop(file);
    let Some(path) = path.to_str() else { return };
    let layouts = [
        LayoutChoice::Auto,
        LayoutChoice::Fixed(Layout::Wide),
        LayoutChoice::Fixed(Layout::Long),
        LayoutChoice::Fixed(Layout::Counts),
    ];
    for skip_invalid in [false, true] {
        let wide = |general_only| {
            let options = ReadOptions {
                layout: LayoutChoice::Fixed(Layout::Wide),
                skip_invalid,
                threads: 1,
                general_only,
                ..ReadOptions::default()
            };
            match read_survey(path, &options) {
                Ok(s) => format!("{:?}", (s.features, s.quality, s.reading.labels)),
                Err(e) => format!("error: {e}"),
            }
        };
        assert_eq!(wide(false), wide(true), "the fused and general paths differ");
    }
    for (layout, skip_invalid) in layouts.into_iter().flat_map(|l| [(l, false), (l, true)]) {
        let options = ReadOptions {
            layout,
            skip_invalid,
            ..ReadOptions::default()
        };
        let Ok(survey) = read_survey(path, &options) else {
            continue;
        };
        let report = kano::build(&survey, &Settings::default(), SortKey::default());
        let reading = Reading::from(&survey);
        for format in [
            Format::Table,
            Format::Json,
            Format::Csv,
            Format::Markdown,
            Format::Xlsx,
        ] {
            let mut out = Vec::new();
            let _ = render(&report, &reading, format, &mut out, TableOptions::default(), false);
        }
    }
}
