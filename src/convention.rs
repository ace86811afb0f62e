//! Named conventions: one `--convention NAME` sets every choice on which published Kano tools
//! differ (table, rule, tie order, mixed threshold, strength and Fong variants, the scale of the
//! continuous scores, the sign of Worse), so a reader can reproduce a tool's numbers in one go.
//!
//! Each preset is tested against the numbers its tool published (the tests below and
//! `tests/integration/conventions.rs`); KANO-METHOD.md sections 3 and 5 give the sources.

use std::fmt;

use crate::category::{Table, TieOrder};
use crate::stats::{
    ContinuousBasis, ContinuousScale, FongVariant, Rule, Settings, StrengthVariant,
};

/// A published tool whose numbers kano reproduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Convention {
    /// Berger et al. (1993), Sauerwein et al. (1996): the standard table, the most frequent
    /// category, ties M > O > A > I > R > Q. kano's default.
    #[default]
    Berger1993,
    /// The R package stp25kano (W. Peter, github.com/stp4/stp25kano, R/kano.R): its
    /// "M>O>A>I" column (the close call at 6 points), Q left out of category strength and of
    /// Fong's pair, Fong's critical value rounded to one decimal and no test below
    /// A+O+M+I = 12, continuous scores on DuMouchel's scale divided by 4.
    Stp25kano,
    /// The crypto-storage authors' R analysis (REPPL, "Doing research online: the Kano
    /// model"): Pouliot's modified table and Berger's rule.
    Reppl,
    /// The governance-measures thesis notebook (fuzoh/bachelor-thesis, data.ipynb): the
    /// modified table and the most frequent category, ties to the first of its published
    /// column order (performance, attractive, indifferent, questionable, reverse, must-be).
    FuzohThesis,
}

impl Convention {
    /// Every convention, in the order `--convention list` shows them.
    pub const ALL: [Convention; 4] = [
        Convention::Berger1993,
        Convention::Stp25kano,
        Convention::Reppl,
        Convention::FuzohThesis,
    ];

    /// The name given to `--convention` and written to JSON.
    pub fn name(self) -> &'static str {
        match self {
            Convention::Berger1993 => "berger-1993",
            Convention::Stp25kano => "stp25kano",
            Convention::Reppl => "reppl",
            Convention::FuzohThesis => "fuzoh-thesis",
        }
    }

    /// The convention of a name (case forgiven, `_` for `-`).
    pub fn from_name(name: &str) -> Option<Convention> {
        let key = name.trim().to_lowercase().replace('_', "-");
        Convention::ALL.into_iter().find(|c| c.name() == key)
    }

    /// Which tool it reproduces, in a line.
    pub fn source(self) -> &'static str {
        match self {
            Convention::Berger1993 => "Berger et al. 1993 / Sauerwein et al. 1996 (kano's default)",
            Convention::Stp25kano => "the R package stp25kano (Kano(), tbll_extract_kano())",
            Convention::Reppl => {
                "the crypto-storage authors' R analysis (REPPL, Doing research online)"
            }
            Convention::FuzohThesis => {
                "the governance-measures thesis notebook (fuzoh, data.ipynb)"
            }
        }
    }

    /// What was checked against the tool's published numbers, in a line.
    pub fn checked(self) -> &'static str {
        match self {
            Convention::Berger1993 => {
                "stp25kano README counts: mode category, strengths, Better/Worse, Fong"
            }
            Convention::Stp25kano => {
                "its README's five features: M>O>A>I pick, strengths, CS+/CS-, Fong verdicts; \
                 continuous means per question by hand"
            }
            Convention::Reppl => {
                "expected-cohort1/3.csv and KANO-METHOD section 5: category, Better, Worse"
            }
            Convention::FuzohThesis => "expected-percentages.csv: percentages, dominant category",
        }
    }

    /// What kano's results cannot reproduce of the tool, in a line (empty when nothing).
    pub fn caveat(self) -> &'static str {
        match self {
            Convention::FuzohThesis => {
                "the notebook's column order comes from a polars pivot, not a stated rule"
            }
            _ => "",
        }
    }

    /// The settings the convention stands for.
    pub fn settings(self) -> Settings {
        let base = Settings {
            convention: self,
            ..Settings::default()
        };
        match self {
            Convention::Berger1993 => base,
            Convention::Stp25kano => Settings {
                rule: Rule::CloseCall,
                strength: StrengthVariant::WithoutQuestionable,
                fong: FongVariant::Stp25kano,
                continuous_scale: ContinuousScale::Quarter,
                continuous_basis: ContinuousBasis::Questions,
                ..base
            },
            Convention::Reppl => Settings {
                table: Table::Modified,
                rule: Rule::Berger,
                ..base
            },
            Convention::FuzohThesis => Settings {
                table: Table::Modified,
                tie_order: fuzoh_tie_order(),
                ..base
            },
        }
    }

    /// `name: value` pairs of what the convention sets, for `--convention list`.
    pub fn sets(self) -> Vec<(&'static str, String)> {
        let s = self.settings();
        vec![
            ("table", s.table.name().to_string()),
            ("rule", s.rule.name().to_string()),
            ("tie order", s.tie_order.letters()),
            ("mixed threshold", format!("{}", s.mixed_threshold)),
            ("strength", s.strength.name().to_string()),
            ("fong", s.fong.name().to_string()),
            ("continuous scale", s.continuous_scale.name().to_string()),
            (
                "continuous averaging",
                s.continuous_basis.name().to_string(),
            ),
            ("Q counted", "every questionable pair".to_string()),
            (
                "worse",
                if s.worse_positive {
                    "positive"
                } else {
                    "negative"
                }
                .to_string(),
            ),
        ]
    }
}

/// The first-listed-wins order of the governance notebook's published columns: performance,
/// attractive, indifferent, questionable, reverse, must-be.
fn fuzoh_tie_order() -> TieOrder {
    "OAIQRM".parse().unwrap_or_default()
}

impl fmt::Display for Convention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The text `kano analyze --convention list` prints: each convention, what it sets, what was
/// checked against the tool's published numbers, and what it cannot reproduce.
pub fn list() -> String {
    let mut text = String::new();
    for convention in Convention::ALL {
        text.push_str(&format!(
            "{}\n  reproduces: {}\n",
            convention.name(),
            convention.source()
        ));
        let sets: Vec<String> = convention
            .sets()
            .into_iter()
            .map(|(name, value)| format!("{name} {value}"))
            .collect();
        text.push_str(&format!("  sets: {}\n", sets.join(", ")));
        text.push_str(&format!("  checked: {}\n", convention.checked()));
        if !convention.caveat().is_empty() {
            text.push_str(&format!("  differs: {}\n", convention.caveat()));
        }
    }
    text.push_str("Flags given beside --convention win over what it sets.\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category::{self, *};
    use crate::stats::compute;
    use crate::tally::Tally;

    /// A tally from published counts in A, O, M, I, R, Q order.
    fn counts(a: u64, o: u64, m: u64, i: u64, r: u64, q: u64) -> Tally {
        Tally {
            extra_counts: [a, o, m, i, r, q],
            ..Tally::default()
        }
    }

    fn round(x: f64, digits: i32) -> f64 {
        let scale = 10f64.powi(digits);
        (x * scale).round() / scale
    }

    /// One row of stp25kano's README table (counts given there as M, O, A, I, R, Q).
    struct Published {
        name: &'static str,
        mooirq: [u64; 6],
        pick: Category,
        total: f64,
        strength: f64,
        better: f64,
        worse: f64,
        fong: (f64, f64, bool),
    }

    #[test]
    fn stp25kano_preset_reproduces_the_five_readme_features() {
        let table = [
            Published {
                name: "Service app",
                mooirq: [95, 123, 45, 33, 0, 0],
                pick: OneDimensional,
                total: 89.0,
                strength: 9.0,
                better: 0.568,
                worse: -0.736,
                fong: (28.0, 19.4, true),
            },
            Published {
                name: "Excellent service",
                mooirq: [101, 54, 54, 81, 3, 3],
                pick: MustBe,
                total: 71.0,
                strength: 7.0,
                better: 0.372,
                worse: -0.534,
                fong: (20.0, 18.5, true),
            },
            Published {
                name: "Hotline",
                mooirq: [15, 24, 121, 124, 6, 6],
                pick: Attractive,
                total: 54.0,
                strength: 1.0,
                better: 0.511,
                worse: -0.137,
                fong: (3.0, 19.8, false),
            },
            Published {
                name: "Loan machine",
                mooirq: [65, 87, 93, 51, 0, 0],
                pick: OneDimensional,
                total: 83.0,
                strength: 2.0,
                better: 0.608,
                worse: -0.514,
                fong: (6.0, 18.5, false),
            },
            Published {
                name: "Ready-to-use return",
                mooirq: [9, 18, 83, 177, 6, 3],
                pick: Indifferent,
                total: 37.0,
                strength: 32.0,
                better: 0.352,
                worse: -0.094,
                fong: (94.0, 19.9, true),
            },
        ];
        let settings = Convention::Stp25kano.settings();
        for row in table {
            let [m, o, a, i, r, q] = row.mooirq;
            let s = compute(&counts(a, o, m, i, r, q), &settings);
            assert_eq!(s.n, 296, "{}", row.name);
            assert_eq!(s.category, Some(row.pick), "{}", row.name);
            assert_eq!(
                s.total_strength.map(f64::round),
                Some(row.total),
                "{}",
                row.name
            );
            assert_eq!(
                s.category_strength.map(f64::round),
                Some(row.strength),
                "{}",
                row.name
            );
            assert_eq!(
                s.better.map(|x| round(x, 3)),
                Some(row.better),
                "{}",
                row.name
            );
            assert_eq!(
                s.worse.map(|x| round(x, 3)),
                Some(row.worse),
                "{}",
                row.name
            );
            let fong = s.fong.unwrap();
            assert_eq!(
                (fong.difference, fong.critical, fong.significant),
                row.fong,
                "{}",
                row.name
            );
        }
    }

    #[test]
    fn stp25kano_leaves_questionable_out_of_strength_and_fong() {
        // A,O,M,I,R,Q = 2,1,1,8,0,10 (n = 22): I 8 leads A 2 by 27.27 points, Fong 6 >= 4.6.
        let tally = counts(2, 1, 1, 8, 0, 10);
        let s = compute(&tally, &Convention::Stp25kano.settings());
        assert_eq!(s.category_strength.map(|x| round(x, 2)), Some(27.27));
        let fong = s.fong.unwrap();
        assert_eq!((fong.difference, fong.critical), (6.0, 4.6));
        assert!(fong.significant);
        // The default counts Q: Q 10 leads I 8 by 9.09 points, and 2 is not significant.
        let d = compute(&tally, &Settings::default());
        assert_eq!(d.category_strength.map(|x| round(x, 2)), Some(9.09));
        assert!(!d.fong.unwrap().significant);
    }

    #[test]
    fn stp25kano_skips_fong_below_twelve_answers_in_a_o_m_i() {
        let settings = Convention::Stp25kano.settings();
        assert_eq!(compute(&counts(5, 3, 2, 1, 4, 4), &settings).fong, None);
        assert!(compute(&counts(5, 3, 2, 2, 4, 4), &settings).fong.is_some());
        assert!(compute(&counts(5, 3, 2, 1, 4, 4), &Settings::default())
            .fong
            .is_some());
    }

    #[test]
    fn stp25kano_scores_are_dumouchel_divided_by_four() {
        let mut tally = Tally::default();
        tally.add(crate::answer::Answer::Like, crate::answer::Answer::Dislike);
        tally.add(
            crate::answer::Answer::LiveWith,
            crate::answer::Answer::MustBe,
        );
        let quarter = compute(&tally, &Convention::Stp25kano.settings()).continuous;
        // Functional: (1 + -0.25) / 2; dysfunctional: (1 + -0.25) / 2, on stp25kano's scale.
        assert_eq!(quarter.functional_mean, Some(0.375));
        assert_eq!(quarter.dysfunctional_mean, Some(0.375));
        let full = compute(&tally, &Settings::default()).continuous;
        assert_eq!(full.functional_mean, Some(1.5));
        assert_eq!(
            quarter.functional_sd.map(|x| round(x * 4.0, 12)),
            full.functional_sd.map(|x| round(x, 12))
        );
    }

    #[test]
    fn reppl_preset_matches_the_published_crypto_transfers() {
        let settings = Convention::Reppl.settings();
        let convenient = compute(&counts(70, 121, 59, 77, 9, 22), &settings);
        assert_eq!(convenient.category, Some(OneDimensional));
        assert_eq!(convenient.better.map(|x| round(x, 7)), Some(0.5840979));
        assert_eq!(convenient.worse.map(|x| round(x, 7)), Some(-0.5504587));
        let responsive = compute(&counts(145, 76, 25, 78, 12, 22), &settings);
        assert_eq!(responsive.category, Some(Attractive));
        assert_eq!(responsive.better.map(|x| round(x, 7)), Some(0.6820988));
        assert_eq!(responsive.worse.map(|x| round(x, 7)), Some(-0.3117284));
        // expected-cohort1.csv and expected-cohort3.csv (the authors' R run, 15 digits):
        // counts A,O,M,I,R,Q -> classification, Satisfaction (Better), Dissatisfaction (Worse).
        let published = [
            ([13, 6, 5, 40, 15, 12], Indifferent, 0.296875, -0.171875),
            (
                [8, 36, 19, 21, 4, 3],
                OneDimensional,
                0.523809523809524,
                -0.654761904761905,
            ),
            (
                [7, 54, 14, 12, 2, 2],
                OneDimensional,
                0.701149425287356,
                -0.781609195402299,
            ),
            (
                [6, 44, 27, 9, 3, 2],
                OneDimensional,
                0.581395348837209,
                -0.825581395348837,
            ),
            (
                [16, 30, 7, 25, 7, 6],
                OneDimensional,
                0.58974358974359,
                -0.474358974358974,
            ),
            (
                [14, 1, 2, 54, 12, 6],
                Indifferent,
                0.211267605633803,
                -0.0422535211267606,
            ),
            (
                [25, 18, 7, 26, 6, 7],
                Attractive,
                0.565789473684211,
                -0.328947368421053,
            ),
            (
                [8, 35, 15, 19, 5, 7],
                OneDimensional,
                0.558441558441558,
                -0.649350649350649,
            ),
            (
                [3, 44, 17, 11, 7, 7],
                OneDimensional,
                0.626666666666667,
                -0.813333333333333,
            ),
            (
                [16, 15, 5, 36, 6, 11],
                Indifferent,
                0.430555555555556,
                -0.277777777777778,
            ),
        ];
        for ([a, o, m, i, r, q], category, better, worse) in published {
            let s = compute(&counts(a, o, m, i, r, q), &settings);
            assert_eq!(s.category, Some(category), "{a},{o},{m},{i},{r},{q}");
            assert!((s.better.unwrap() - better).abs() < 1e-12);
            assert!((s.worse.unwrap() - worse).abs() < 1e-12);
        }
    }

    #[test]
    fn fuzoh_preset_picks_the_notebooks_dominant_category_for_every_measure() {
        // expected-percentages.csv of the governance thesis: counts A,O,M,I,R,Q (as the
        // percentages times each measure's votes) -> its dominant category. Measure M1 ties O
        // and M at 3 of 9: the notebook says "performance", the default tie order must-be.
        let published = [
            ("M13", [2, 3, 1, 2, 1, 0], OneDimensional),
            ("M4", [4, 3, 0, 2, 0, 0], Attractive),
            ("M1", [1, 3, 3, 0, 2, 0], OneDimensional),
            ("M17", [1, 2, 0, 4, 0, 0], Indifferent),
            ("M6", [2, 2, 0, 4, 1, 0], Indifferent),
            ("M11", [1, 2, 1, 4, 0, 1], Indifferent),
            ("M3", [4, 1, 0, 2, 0, 0], Attractive),
            ("M10", [2, 1, 0, 4, 1, 1], Indifferent),
            ("M8", [1, 1, 0, 7, 0, 0], Indifferent),
            ("M9", [2, 1, 0, 5, 1, 0], Indifferent),
            ("M2", [0, 0, 2, 1, 3, 0], Reverse),
            ("M5", [0, 0, 0, 7, 2, 0], Indifferent),
        ];
        let settings = Convention::FuzohThesis.settings();
        for (name, [a, o, m, i, r, q], dominant) in published {
            let s = compute(&counts(a, o, m, i, r, q), &settings);
            assert_eq!(s.category, Some(dominant), "{name}");
        }
        let m1 = counts(1, 3, 3, 0, 2, 0);
        let s = compute(&m1, &settings);
        assert_eq!(
            s.percentages.map(|p| round(p[1], 9)),
            Some(round(100.0 / 3.0, 9))
        );
        assert_eq!(compute(&m1, &Settings::default()).category, Some(MustBe));
    }

    #[test]
    fn default_convention_is_the_default_settings() {
        assert_eq!(Convention::Berger1993.settings(), Settings::default());
        assert_eq!(Convention::default(), Convention::Berger1993);
    }

    #[test]
    fn names_round_trip_and_the_list_names_every_convention() {
        for convention in Convention::ALL {
            assert_eq!(Convention::from_name(convention.name()), Some(convention));
            assert!(list().contains(convention.name()));
        }
        assert_eq!(
            Convention::from_name("STP25KANO"),
            Some(Convention::Stp25kano)
        );
        assert_eq!(Convention::from_name("krano"), None);
    }
}
