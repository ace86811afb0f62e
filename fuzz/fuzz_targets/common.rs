//! What every fuzz target does with a candidate file: read it as a survey with auto-detection
//! and with every forced layout, and render each survey that reads in every format. Errors are
//! fine; panics, aborts, hangs and runaway memory are what the fuzzer looks for.

use std::io::Write;
use std::path::PathBuf;

use kano::cmd::analyze::{render, Format};
use kano::input::{Layout, LayoutChoice};
use kano::report::table::TableOptions;
use kano::{read_survey, ReadOptions, Settings, SortKey};

/// A per-process scratch file, in memory when /dev/shm exists.
fn scratch() -> PathBuf {
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    dir.join(format!("kano-fuzz-{}.csv", std::process::id()))
}

/// Writes `bytes` to the scratch file and runs every reading and rendering on it, stopping at
/// unknown labels and skipping them.
pub fn exercise(bytes: &[u8]) {
    let path = scratch();
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
        for format in [Format::Table, Format::Json, Format::Csv, Format::Markdown] {
            let mut out = Vec::new();
            let _ = render(&report, format, &mut out, TableOptions::default(), false);
        }
    }
}
