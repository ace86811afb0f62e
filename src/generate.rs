//! Synthetic surveys for benchmarks and tests: a deterministic generator that streams a wide or
//! long survey of any size to a writer, and knows the exact category counts it wrote, so a
//! benchmark run also checks that the numbers came out right.
//!
//! Nothing here keeps respondents in memory: every answer pair is drawn, classified with
//! [`Table::Standard`] into the expected counts, and written out at once. The same seed gives the
//! same answers in the same order whatever the layout and label kind, so a wide and a long file
//! generated with one seed have the same expected counts.
//!
//! ```
//! use kano::generate::{write_survey, GenLayout, Labels, Spec};
//!
//! let spec = Spec {
//!     respondents: 3,
//!     features: 2,
//!     layout: GenLayout::Wide,
//!     labels: Labels::Text,
//!     seed: 7,
//!     extras: Default::default(),
//! };
//! let mut csv = Vec::new();
//! let expected = write_survey(&spec, &mut csv).unwrap();
//! assert_eq!(expected.features.len(), 2);
//! assert!(csv.starts_with(b"respondent,F1 (functional),F1 (dysfunctional),"));
//! ```

use std::io::{self, Write};

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::category::{Category, Table};

/// Which layout to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GenLayout {
    /// `respondent,F1 (functional),F1 (dysfunctional),...`: one row per respondent.
    Wide,
    /// `respondent,feature,functional,dysfunctional`: one row per respondent and feature.
    Long,
}

/// How answers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Labels {
    /// The standard wordings: "I like it", "I expect it", "I am neutral", "I can live with it",
    /// "I dislike it".
    Text,
    /// The codes 1..5.
    Numeric,
}

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// Number of respondents (rows in wide).
    pub respondents: u64,
    /// Number of features, named `F1`, `F2`, ...
    pub features: usize,
    /// The layout.
    pub layout: GenLayout,
    /// The label kind.
    pub labels: Labels,
    /// The PRNG seed.
    pub seed: u64,
    /// Columns and quoting beyond the answers, as real exports have them.
    pub extras: Extras,
}

/// What a realistic export adds to the answers: quoting, a comment column, a segment column and
/// importance columns. None of it changes the answers drawn (it has a random stream of its own),
/// so the expected counts stay those of the plain file with the same seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Extras {
    /// Every field quoted, header included.
    pub quote_all: bool,
    /// A `comment` column, quoted and holding a comma on every Nth row, empty otherwise (0: no
    /// such column).
    pub comment_every: u64,
    /// A `segment` column with this many distinct values `s1`.. (0: no such column).
    pub segments: u32,
    /// An importance column per feature with the numbers 1..9.
    pub importance: bool,
}

/// Writes one field, quoted when asked (the text never holds a quote).
fn field(out: &mut dyn Write, first: bool, text: &str, quote: bool) -> io::Result<()> {
    if !first {
        out.write_all(b",")?;
    }
    if quote {
        write!(out, "\"{text}\"")
    } else {
        out.write_all(text.as_bytes())
    }
}

/// The exact counts of one generated feature under the standard table.
#[allow(non_snake_case)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureCounts {
    /// Attractive.
    pub A: u64,
    /// One-dimensional.
    pub O: u64,
    /// Must-be.
    pub M: u64,
    /// Indifferent.
    pub I: u64,
    /// Reverse.
    pub R: u64,
    /// Questionable.
    pub Q: u64,
    /// Pairs with an empty cell on either side.
    pub missing: u64,
}

impl FeatureCounts {
    /// The category counts in A, O, M, I, R, Q order.
    pub fn to_array(&self) -> [u64; 6] {
        [self.A, self.O, self.M, self.I, self.R, self.Q]
    }

    fn add(&mut self, category: Category) {
        match category {
            Category::Attractive => self.A += 1,
            Category::OneDimensional => self.O += 1,
            Category::MustBe => self.M += 1,
            Category::Indifferent => self.I += 1,
            Category::Reverse => self.R += 1,
            Category::Questionable => self.Q += 1,
        }
    }
}

/// One feature's name and expected counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedFeature {
    /// The feature name as written in the file (`F1`, ...).
    pub name: String,
    /// Its counts under the standard table.
    #[serde(flatten)]
    pub counts: FeatureCounts,
}

/// Everything a generated survey contains, for checking an analysis of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// Always `standard`: the table the counts are classified with.
    pub table: String,
    /// Respondents written.
    pub respondents: u64,
    /// Features in file order.
    pub features: Vec<ExpectedFeature>,
}

/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast, well-mixed PRNG, enough for test data
/// and fully reproducible across platforms.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound > 0`), by Lemire's multiply-shift (bias below 2^-32 for
    /// the small bounds used here).
    pub fn below(&mut self, bound: u32) -> u32 {
        (((self.next_u64() >> 32) * u64::from(bound)) >> 32) as u32
    }
}

/// The answer pair each feature leans to, cycling so features land in different categories:
/// attractive, one-dimensional, must-be, indifferent, reverse, and a noisy one.
const LEANINGS: [(Answer, Answer); 6] = [
    (Answer::Like, Answer::Neutral),    // A
    (Answer::Like, Answer::Dislike),    // O
    (Answer::Neutral, Answer::Dislike), // M
    (Answer::Neutral, Answer::Neutral), // I
    (Answer::Dislike, Answer::Like),    // R
    (Answer::MustBe, Answer::LiveWith), // I, with more spread
];

/// Percent of pairs drawn from the feature's leaning, by leaning; the rest are uniform.
const LEAN_PERCENT: [u32; 6] = [55, 60, 50, 45, 40, 25];

/// Per mille of cells left empty.
const EMPTY_PER_MILLE: u32 = 15;

/// One cell: an answer or empty.
type Cell = Option<Answer>;

/// Draws the cells of one respondent's answer to `feature`.
fn draw(rng: &mut SplitMix64, feature: usize) -> (Cell, Cell) {
    let lean = feature % LEANINGS.len();
    let (f, d) = if rng.below(100) < LEAN_PERCENT[lean] {
        LEANINGS[lean]
    } else {
        (
            Answer::ALL[rng.below(5) as usize],
            Answer::ALL[rng.below(5) as usize],
        )
    };
    let f = (rng.below(1000) >= EMPTY_PER_MILLE).then_some(f);
    let d = (rng.below(1000) >= EMPTY_PER_MILLE).then_some(d);
    (f, d)
}

/// The text written for a cell.
pub fn label(answer: Cell, labels: Labels) -> &'static str {
    let Some(answer) = answer else { return "" };
    match labels {
        Labels::Text => match answer {
            Answer::Like => "I like it",
            Answer::MustBe => "I expect it",
            Answer::Neutral => "I am neutral",
            Answer::LiveWith => "I can live with it",
            Answer::Dislike => "I dislike it",
        },
        Labels::Numeric => ["1", "2", "3", "4", "5"][answer.index()],
    }
}

/// Writes a survey of `spec` to `out` and returns its exact expected counts. The writer should
/// be buffered; nothing grows with the number of respondents.
pub fn write_survey(spec: &Spec, out: &mut dyn Write) -> io::Result<Expected> {
    let mut counts = vec![FeatureCounts::default(); spec.features];
    let mut rng = SplitMix64::new(spec.seed);
    let mut tally = |feature: usize, (f, d): (Cell, Cell)| match (f, d) {
        (Some(f), Some(d)) => counts[feature].add(Table::Standard.classify(f, d)),
        _ => counts[feature].missing += 1,
    };
    let x = spec.extras;
    let q = x.quote_all;
    let mut extra = SplitMix64::new(spec.seed ^ 0x05EE_D0FE_77A5);
    // The leading bookkeeping columns of a row: respondent, segment, comment.
    let mut lead = |out: &mut dyn Write, respondent: u64| -> io::Result<()> {
        field(out, true, &format!("r{respondent}"), q)?;
        if x.segments > 0 {
            let value = format!("s{}", 1 + extra.below(x.segments));
            field(out, false, &value, q)?;
        }
        if x.comment_every > 0 {
            if respondent.is_multiple_of(x.comment_every) {
                out.write_all(b",\"Great app, but slow\"")?;
            } else {
                field(out, false, "", q)?;
            }
        }
        Ok(())
    };
    let mut importance = SplitMix64::new(spec.seed ^ 0x01A4_0A7A_4CE0);
    let mut head: Vec<String> = vec!["respondent".to_string()];
    if x.segments > 0 {
        head.push("segment".to_string());
    }
    if x.comment_every > 0 {
        head.push("comment".to_string());
    }
    match spec.layout {
        GenLayout::Wide => {
            for i in 1..=spec.features {
                head.push(format!("F{i} (functional)"));
                head.push(format!("F{i} (dysfunctional)"));
                if x.importance {
                    head.push(format!("F{i} (importance)"));
                }
            }
            for (i, h) in head.iter().enumerate() {
                field(out, i == 0, h, q)?;
            }
            out.write_all(b"\n")?;
            for respondent in 1..=spec.respondents {
                lead(out, respondent)?;
                for feature in 0..spec.features {
                    let pair = draw(&mut rng, feature);
                    field(out, false, label(pair.0, spec.labels), q)?;
                    field(out, false, label(pair.1, spec.labels), q)?;
                    if x.importance {
                        let value = (1 + importance.below(9)).to_string();
                        field(out, false, &value, q)?;
                    }
                    tally(feature, pair);
                }
                out.write_all(b"\n")?;
            }
        }
        GenLayout::Long => {
            head.extend(["feature", "functional", "dysfunctional"].map(String::from));
            if x.importance {
                head.push("importance".to_string());
            }
            for (i, h) in head.iter().enumerate() {
                field(out, i == 0, h, q)?;
            }
            out.write_all(b"\n")?;
            for respondent in 1..=spec.respondents {
                for feature in 0..spec.features {
                    let pair = draw(&mut rng, feature);
                    lead(out, respondent)?;
                    field(out, false, &format!("F{}", feature + 1), q)?;
                    field(out, false, label(pair.0, spec.labels), q)?;
                    field(out, false, label(pair.1, spec.labels), q)?;
                    if x.importance {
                        let value = (1 + importance.below(9)).to_string();
                        field(out, false, &value, q)?;
                    }
                    out.write_all(b"\n")?;
                    tally(feature, pair);
                }
            }
        }
    }
    out.flush()?;
    Ok(Expected {
        table: Table::Standard.name().to_string(),
        respondents: spec.respondents,
        features: counts
            .into_iter()
            .enumerate()
            .map(|(i, counts)| ExpectedFeature {
                name: format!("F{}", i + 1),
                counts,
            })
            .collect(),
    })
}

/// Writes the expected counts as pretty JSON (with a final newline).
pub fn write_expected(expected: &Expected, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, expected)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(layout: GenLayout, labels: Labels) -> Spec {
        Spec {
            respondents: 200,
            features: 6,
            layout,
            labels,
            seed: 42,
            extras: Extras::default(),
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_bytes() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let s = spec(GenLayout::Wide, Labels::Text);
        write_survey(&s, &mut a).unwrap();
        write_survey(&s, &mut b).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn every_layout_label_kind_and_extra_has_the_same_expected_counts() {
        let extras = [
            Extras::default(),
            Extras {
                quote_all: true,
                comment_every: 7,
                segments: 3,
                importance: true,
            },
        ];
        let mut all = Vec::new();
        for layout in [GenLayout::Wide, GenLayout::Long] {
            for labels in [Labels::Text, Labels::Numeric] {
                for extras in extras {
                    let s = Spec {
                        extras,
                        ..spec(layout, labels)
                    };
                    all.push(write_survey(&s, &mut io::sink()).unwrap());
                }
            }
        }
        assert!(all.windows(2).all(|w| w[0] == w[1]));
    }

    #[test]
    fn extras_write_their_columns_and_quotes() {
        let s = Spec {
            respondents: 4,
            features: 1,
            extras: Extras {
                quote_all: true,
                comment_every: 2,
                segments: 2,
                importance: true,
            },
            ..spec(GenLayout::Wide, Labels::Numeric)
        };
        let mut out = Vec::new();
        write_survey(&s, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "\"respondent\",\"segment\",\"comment\",\"F1 (functional)\",\"F1 (dysfunctional)\",\"F1 (importance)\""
        );
        assert!(lines[2].contains(",\"Great app, but slow\","));
        assert!(lines[1].contains(",\"\","));
        assert!(lines[1].starts_with("\"r1\",\"s"));
    }

    #[test]
    fn counts_add_up_to_the_respondents_and_include_missing_cells() {
        let expected = write_survey(&spec(GenLayout::Wide, Labels::Text), &mut io::sink()).unwrap();
        for feature in &expected.features {
            let c = feature.counts;
            assert_eq!(c.to_array().iter().sum::<u64>() + c.missing, 200);
        }
        assert!(expected.features.iter().any(|f| f.counts.missing > 0));
    }

    #[test]
    fn features_lean_to_different_categories() {
        let s = Spec {
            respondents: 2000,
            ..spec(GenLayout::Wide, Labels::Text)
        };
        let expected = write_survey(&s, &mut io::sink()).unwrap();
        let top = |c: [u64; 6]| (0..6).max_by_key(|i| c[*i]).unwrap();
        let tops: Vec<usize> = expected
            .features
            .iter()
            .map(|f| top(f.counts.to_array()))
            .collect();
        // A, O, M, I, R: five distinct modes among the first five features.
        assert_eq!(&tops[..5], &[0, 1, 2, 3, 4]);
    }

    #[test]
    fn random_numbers_stay_below_the_bound() {
        let mut rng = SplitMix64::new(1);
        assert!((0..10_000).all(|_| rng.below(5) < 5));
    }
}
