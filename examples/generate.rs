//! Writes a synthetic Kano survey of any size for benchmarks, and its exact expected counts as
//! JSON, so a benchmark also checks correctness. A thin command line over [`kano::generate`].
//!
//! ```text
//! cargo run --release --example generate -- --respondents 100000 --features 20 \
//!     --output target/bench-data/100k.csv --counts target/bench-data/100k.counts.json
//! ```

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, ValueEnum};
use kano::generate::{write_expected, write_survey, Extras, GenLayout, Labels, Spec};

/// Layout of the generated file.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum LayoutArg {
    /// One row per respondent, `F<i> (functional)` and `F<i> (dysfunctional)` columns.
    Wide,
    /// `respondent,feature,functional,dysfunctional`, one row per respondent and feature.
    Long,
}

/// How answers are written.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum LabelsArg {
    /// Standard wordings such as "I like it".
    Text,
    /// Codes 1-5.
    Numeric,
}

/// Generate a deterministic synthetic Kano survey.
#[derive(Debug, Parser)]
struct Args {
    /// Number of respondents.
    #[arg(long, default_value_t = 1000)]
    respondents: u64,
    /// Number of features.
    #[arg(long, default_value_t = 20)]
    features: usize,
    /// File layout.
    #[arg(long, value_enum, default_value_t = LayoutArg::Wide)]
    layout: LayoutArg,
    /// Label kind.
    #[arg(long, value_enum, default_value_t = LabelsArg::Text)]
    labels: LabelsArg,
    /// PRNG seed: the same seed gives the same file.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Write the survey to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Write the expected counts (standard table) as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    counts: Option<PathBuf>,
    /// Quote every field, header included.
    #[arg(long)]
    quote_all: bool,
    /// Add a `comment` column, quoted and holding a comma on every Nth row.
    #[arg(long, value_name = "N", default_value_t = 0)]
    comment_every: u64,
    /// Add a `segment` column with K distinct values.
    #[arg(long, value_name = "K", default_value_t = 0)]
    segments: u32,
    /// Add an importance column (1..9) per feature.
    #[arg(long)]
    importance: bool,
}

fn create(path: &PathBuf) -> anyhow::Result<BufWriter<File>> {
    let file = File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
    Ok(BufWriter::with_capacity(1 << 16, file))
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let spec = Spec {
        respondents: args.respondents,
        features: args.features,
        layout: match args.layout {
            LayoutArg::Wide => GenLayout::Wide,
            LayoutArg::Long => GenLayout::Long,
        },
        labels: match args.labels {
            LabelsArg::Text => Labels::Text,
            LabelsArg::Numeric => Labels::Numeric,
        },
        seed: args.seed,
        extras: Extras {
            quote_all: args.quote_all,
            comment_every: args.comment_every,
            segments: args.segments,
            importance: args.importance,
        },
    };
    let expected = match &args.output {
        Some(path) => write_survey(&spec, &mut create(path)?)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
            match write_survey(&spec, &mut out) {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(()),
                other => other.context("cannot write to standard output")?,
            }
        }
    };
    if let Some(path) = &args.counts {
        let mut out = create(path)?;
        write_expected(&expected, &mut out)
            .with_context(|| format!("cannot write {}", path.display()))?;
        out.flush()?;
    }
    Ok(())
}
