//! Micro-benchmarks of the per-cell hot path: decoding answer labels and counting pairs into
//! tallies, then the statistics computed once per feature. Whole-file reading is measured by
//! `scripts/bench.sh` instead. Run with `cargo bench --bench hot_path`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use kano::generate::SplitMix64;
use kano::{compute, Answer, AnswerDecoder, Settings, Tally};

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

criterion_group!(benches, decode, tally);
criterion_main!(benches);
