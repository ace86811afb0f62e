//! Micro-benchmarks of the per-cell hot path: decoding answer labels and counting pairs into
//! tallies, then the statistics computed once per feature, and reading a generated 10,000 x 20
//! survey on one thread through the fused path and through the general path. Whole-process
//! timings of large files are measured by `scripts/bench.sh` instead. Run with
//! `cargo bench --bench hot_path`.

// A benchmark whose setup fails (no temporary directory) has nothing to measure: it stops.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kano::generate::{write_survey, GenLayout, Labels, Spec, SplitMix64};
use kano::{compute, read_survey, Answer, AnswerDecoder, ReadOptions, Settings, Tally};

/// Labels as exports write them: standard wordings in several spellings, codes, and one unknown.
const LABELS: &[&str] = &[
    "I like it",
    "I expect it",
    "I am neutral",
    "I can live with it",
    "I dislike it",
    "It must be that way",
    "I dislike it, but I can live with it that way",
    "  i LIKE it.  ",
    "I\u{2019}m neutral",
    "Das könnte ich in Kauf nehmen",
    "1",
    "5.0",
    "Maybe",
];

fn decode(c: &mut Criterion) {
    let decoder = AnswerDecoder::new(false);
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Elements(LABELS.len() as u64));
    group.bench_function("mixed labels", |b| {
        b.iter(|| {
            for label in LABELS {
                black_box(decoder.decode(black_box(label)));
            }
        })
    });
    group.bench_function("standard wording", |b| {
        b.iter(|| decoder.decode(black_box("I can live with it")))
    });
    group.bench_function("numeric code", |b| {
        b.iter(|| decoder.decode(black_box("4")))
    });
    group.finish();
}

/// 10,000 answer pairs drawn at random.
fn pairs() -> Vec<(Answer, Answer)> {
    let mut rng = SplitMix64::new(3);
    (0..10_000)
        .map(|_| {
            (
                Answer::ALL[rng.below(5) as usize],
                Answer::ALL[rng.below(5) as usize],
            )
        })
        .collect()
}

fn filled(pairs: &[(Answer, Answer)]) -> Tally {
    let mut tally = Tally::default();
    for (f, d) in pairs {
        tally.add(*f, *d);
    }
    tally
}

fn tally(c: &mut Criterion) {
    let pairs = pairs();
    let mut group = c.benchmark_group("tally");
    group.throughput(Throughput::Elements(pairs.len() as u64));
    group.bench_function("add 10k pairs", |b| b.iter(|| filled(black_box(&pairs))));
    group.finish();
    let whole = filled(&pairs);
    c.bench_function("tally/merge", |b| {
        b.iter_batched(
            || whole,
            |mut t| {
                t.merge(black_box(&whole));
                t
            },
            BatchSize::SmallInput,
        )
    });
    let settings = Settings::default();
    c.bench_function("stats/compute", |b| {
        b.iter(|| compute(black_box(&whole), &settings))
    });
}

criterion_group!(benches, decode, tally, read);
criterion_main!(benches);

/// Reads a generated 10,000 x 20 wide survey (text labels, 5.2 MB) on one thread, through the
/// fused path and through the general path (scanner, per-cell decoding, per-respondent commit).
fn read(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("survey.csv");
    let spec = Spec {
        respondents: 10_000,
        features: 20,
        layout: GenLayout::Wide,
        labels: Labels::Text,
        seed: 7,
        extras: Default::default(),
    };
    let mut bytes = Vec::new();
    write_survey(&spec, &mut bytes).unwrap();
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_string_lossy().into_owned();
    let mut group = c.benchmark_group("read");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(20);
    for (name, general_only) in [("fused path", false), ("general path", true)] {
        let options = ReadOptions {
            threads: 1,
            general_only,
            ..ReadOptions::default()
        };
        group.bench_function(name, |b| {
            b.iter(|| read_survey(black_box(&path), &options).unwrap())
        });
    }
    group.finish();
}
