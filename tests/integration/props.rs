//! Invariants over random surveys: order does not matter, tallies merge, coefficients stay in
//! range.

use kano::answer::Answer;
use kano::stats::{compute, Settings};
use kano::tally::Tally;
use proptest::prelude::*;

fn answer() -> impl Strategy<Value = Answer> {
    (0usize..5).prop_map(|i| Answer::ALL[i])
}

fn pairs() -> impl Strategy<Value = Vec<(Answer, Answer)>> {
    proptest::collection::vec((answer(), answer()), 0..200)
}

fn tally(pairs: &[(Answer, Answer)]) -> Tally {
    let mut t = Tally::default();
    for (f, d) in pairs {
        t.add(*f, *d);
    }
    t
}

/// Writes a wide CSV of the given rows (one feature) and returns the JSON report.
fn analyze_rows(rows: &[(Answer, Answer)]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.csv");
    let mut text = String::from("id,X (functional),X (dysfunctional)\n");
    for (i, (f, d)) in rows.iter().enumerate() {
        text.push_str(&format!("{i},{},{}\n", f.code(), d.code()));
    }
    std::fs::write(&path, text).unwrap();
    crate::util::analyze_json(&[path.to_str().unwrap()])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn shuffling_rows_changes_nothing(rows in proptest::collection::vec((answer(), answer()), 1..40), seed in any::<u64>()) {
        let mut shuffled = rows.clone();
        // A deterministic Fisher-Yates shuffle driven by the seed.
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let a = analyze_rows(&rows);
        let b = analyze_rows(&shuffled);
        prop_assert_eq!(&a["features"], &b["features"]);
    }

    #[test]
    fn tallies_of_two_halves_merge_into_the_whole(all in pairs(), cut in any::<prop::sample::Index>()) {
        let cut = if all.is_empty() { 0 } else { cut.index(all.len() + 1) };
        let mut merged = tally(&all[..cut]);
        merged.merge(&tally(&all[cut..]));
        prop_assert_eq!(merged, tally(&all));
        let settings = Settings::default();
        prop_assert_eq!(compute(&merged, &settings), compute(&tally(&all), &settings));
    }

    #[test]
    fn better_and_worse_stay_in_range(all in pairs()) {
        let stats = compute(&tally(&all), &Settings::default());
        if let Some(b) = stats.better {
            prop_assert!((0.0..=1.0).contains(&b));
            let ci = stats.better_ci.unwrap();
            prop_assert!(0.0 <= ci.low && ci.low <= b && b <= ci.high && ci.high <= 1.0);
        }
        if let Some(w) = stats.worse {
            prop_assert!((-1.0..=0.0).contains(&w));
            let ci = stats.worse_ci.unwrap();
            prop_assert!(-1.0 <= ci.low && ci.low <= w && w <= ci.high && ci.high <= 0.0);
        }
        if let Some(s) = stats.category_strength {
            prop_assert!((0.0..=100.0).contains(&s));
        }
    }
}
