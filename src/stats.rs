//! Per-feature statistics (KANO-METHOD.md section 3): category by rule, strengths, Fong's test,
//! Better/Worse with Wilson intervals, DuMouchel's continuous scores and importance.
//!
//! Pure functions of a [`Tally`] and [`Settings`]; undefined numbers are `None`, never NaN.

use crate::category::{Action, Category, Table, TieOrder};
use crate::tally::Tally;

/// How a feature's category is chosen from its counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rule {
    /// The most frequent category, ties broken by the tie order.
    #[default]
    Mode,
    /// Berger et al. (1993): if A+O+M > I+R+Q, the most frequent of A, O, M; otherwise the most
    /// frequent of I, R, Q.
    Berger,
    /// The close call (Matzler & Hinterhuber 1998; Sauerwein et al. 1996; the R package
    /// stp25kano): the most frequent category when its category strength is more than the mixed
    /// threshold; otherwise whichever of the two most frequent comes first in the tie order
    /// (M > O > A > I by default).
    CloseCall,
}

impl Rule {
    /// Every rule, in the order flags list them.
    pub const ALL: [Rule; 3] = [Rule::Mode, Rule::Berger, Rule::CloseCall];

    /// The name used in flags and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Mode => "mode",
            Rule::Berger => "berger",
            Rule::CloseCall => "close-call",
        }
    }

    /// The rule of a name (`mode`, `berger`, `close-call`; case and `_` for `-` forgiven).
    pub fn from_name(name: &str) -> Option<Rule> {
        let key = name.trim().to_lowercase().replace('_', "-");
        Rule::ALL.into_iter().find(|r| r.name() == key)
    }
}

/// Which two categories category strength compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StrengthVariant {
    /// The reported category and its runner-up (Lee & Newcomb 1997), all six categories.
    #[default]
    RunnerUp,
    /// stp25kano: the two most frequent of A, O, M, I and R (Q left out), still in percent of n.
    WithoutQuestionable,
}

impl StrengthVariant {
    /// The name used in JSON and `--convention list`.
    pub fn name(self) -> &'static str {
        match self {
            StrengthVariant::RunnerUp => "runner-up",
            StrengthVariant::WithoutQuestionable => "top-two-without-q",
        }
    }
}

/// How Fong's test is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FongVariant {
    /// Fong (1996): the category and its runner-up, the critical value unrounded.
    #[default]
    RunnerUp,
    /// stp25kano: the two most frequent of A, O, M, I and R (Q left out of the pair, not of n),
    /// the critical value rounded to one decimal before comparing, and no test ("n.a.") when
    /// A+O+M+I < 12.
    Stp25kano,
}

impl FongVariant {
    /// The name used in JSON and `--convention list`.
    pub fn name(self) -> &'static str {
        match self {
            FongVariant::RunnerUp => "runner-up",
            FongVariant::Stp25kano => "stp25kano",
        }
    }
}

/// The scale of DuMouchel's continuous scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContinuousScale {
    /// DuMouchel's scores as published (Berger et al. 1993): functional 4, 2, 0, -1, -2.
    #[default]
    Dumouchel,
    /// The same divided by 4 (stp25kano): functional 1, 0.5, 0, -0.25, -0.5.
    Quarter,
}

impl ContinuousScale {
    /// The name used in JSON and `--convention list`.
    pub fn name(self) -> &'static str {
        match self {
            ContinuousScale::Dumouchel => "dumouchel",
            ContinuousScale::Quarter => "quarter",
        }
    }

    /// The factor the published scores are multiplied by.
    pub fn factor(self) -> f64 {
        match self {
            ContinuousScale::Dumouchel => 1.0,
            ContinuousScale::Quarter => 0.25,
        }
    }
}

/// Which answers DuMouchel's continuous means and SDs average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContinuousBasis {
    /// Complete answer pairs only, so both means describe the same respondents (kano's default).
    #[default]
    Pairs,
    /// Each question over its own answers, also where its twin was left empty (stp25kano,
    /// `R/kano.R`: its `scors` score each question's column on its own, NA where unanswered).
    Questions,
}

impl ContinuousBasis {
    /// The name used in JSON and `--convention list`.
    pub fn name(self) -> &'static str {
        match self {
            ContinuousBasis::Pairs => "pairs",
            ContinuousBasis::Questions => "questions",
        }
    }
}

/// The conventions an analysis runs under.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// The evaluation table.
    pub table: Table,
    /// The category rule.
    pub rule: Rule,
    /// Tie-breaking order between equally frequent categories.
    pub tie_order: TieOrder,
    /// Category strength (percentage points) below which a classification is mixed.
    pub mixed_threshold: f64,
    /// Report Worse as a positive number (some tools do).
    pub worse_positive: bool,
    /// Which two categories category strength compares.
    pub strength: StrengthVariant,
    /// How Fong's test is computed.
    pub fong: FongVariant,
    /// The scale of the continuous scores.
    pub continuous_scale: ContinuousScale,
    /// Which answers the continuous means average.
    pub continuous_basis: ContinuousBasis,
    /// The named convention these settings started from (`--convention`).
    pub convention: crate::convention::Convention,
    /// Add Yang's (2005) refined categories (`--refined`).
    pub refined: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            table: Table::Standard,
            rule: Rule::Mode,
            tie_order: TieOrder::default(),
            mixed_threshold: 6.0,
            worse_positive: false,
            strength: StrengthVariant::RunnerUp,
            fong: FongVariant::RunnerUp,
            continuous_scale: ContinuousScale::Dumouchel,
            continuous_basis: ContinuousBasis::Pairs,
            convention: crate::convention::Convention::Berger1993,
            refined: false,
        }
    }
}

/// The z value of a two-sided 95% normal interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// Fong's (1996) critical value: 1.65, a one-sided 5% normal quantile rounded as published.
pub const FONG_Z: f64 = 1.65;

/// stp25kano computes Fong's test only when A+O+M+I is at least this ("n.a." below).
pub const STP25KANO_FONG_MIN: u64 = 12;

/// A closed interval `[low, high]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
}

/// The outcome of Fong's test between the two most frequent categories.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fong {
    /// |a - b|, the difference of the two top counts.
    pub difference: f64,
    /// 1.65 * sqrt((a + b)(2n - a - b) / 2n).
    pub critical: f64,
    /// Whether the difference reaches the critical value.
    pub significant: bool,
}

/// DuMouchel's continuous scores of one feature.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Continuous {
    /// Mean functional score.
    pub functional_mean: Option<f64>,
    /// Sample standard deviation of the functional score.
    pub functional_sd: Option<f64>,
    /// Mean dysfunctional score.
    pub dysfunctional_mean: Option<f64>,
    /// Sample standard deviation of the dysfunctional score.
    pub dysfunctional_sd: Option<f64>,
}

/// Mean self-stated importance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Importance {
    /// Mean of the values.
    pub mean: f64,
    /// How many values.
    pub n: u64,
}

/// Every statistic of one feature.
#[derive(Debug, Clone, PartialEq)]
pub struct FeatureStats {
    /// Valid pairs: A+O+M+I+R+Q.
    pub n: u64,
    /// Counts in A, O, M, I, R, Q order.
    pub counts: [u64; 6],
    /// Percentages of n in the same order; `None` when n = 0.
    pub percentages: Option<[f64; 6]>,
    /// The category by the rule in use; `None` when n = 0.
    pub category: Option<Category>,
    /// The most frequent category other than `category`.
    pub second_category: Option<Category>,
    /// |%category - %second_category| (Lee & Newcomb 1997): under the mode rule the lead of the
    /// most frequent category over the next.
    pub category_strength: Option<f64>,
    /// %A + %O + %M.
    pub total_strength: Option<f64>,
    /// Category strength below the mixed threshold.
    pub mixed: bool,
    /// Fong's test between the category and its runner-up (the two most frequent under the mode
    /// rule).
    pub fong: Option<Fong>,
    /// Better (CS+).
    pub better: Option<f64>,
    /// Wilson 95% interval of Better.
    pub better_ci: Option<Interval>,
    /// Worse (CS-), negative unless `worse_positive`.
    pub worse: Option<f64>,
    /// Wilson 95% interval of Worse, with the same sign convention.
    pub worse_ci: Option<Interval>,
    /// DuMouchel's continuous scores.
    pub continuous: Continuous,
    /// Mean self-stated importance, when any was given.
    pub importance: Option<Importance>,
    /// What to do (KANO-METHOD.md section 4).
    pub action: Option<Action>,
}

impl FeatureStats {
    /// Distance from the origin in the Better/|Worse| plane; `None` when undefined.
    pub fn impact(&self) -> Option<f64> {
        Some(self.better?.hypot(self.worse?))
    }

    /// The category as shown: `O/A` when mixed, else the letter-free name.
    pub fn category_label(&self) -> String {
        match (self.category, self.second_category, self.mixed) {
            (Some(c), Some(s), true) => format!("{}/{}", c.letter(), s.letter()),
            (Some(c), _, _) => c.name().to_string(),
            (None, _, _) => "-".to_string(),
        }
    }
}

/// Categories ordered by count (descending), ties by the tie order.
fn ranked(counts: &[u64; 6], tie_order: &TieOrder, among: &[Category]) -> Vec<Category> {
    let mut order = among.to_vec();
    order.sort_by_key(|c| (std::cmp::Reverse(counts[c.index()]), tie_order.rank(*c)));
    order
}

/// The categories stp25kano ranks for category strength and Fong's test: all but Q.
const WITHOUT_Q: [Category; 5] = [
    Category::Attractive,
    Category::OneDimensional,
    Category::MustBe,
    Category::Indifferent,
    Category::Reverse,
];

/// Percentage points between the two most frequent of `among` (the lead of the first), of n =
/// the sum of all six counts; 100 when only one of them occurs; `None` when n = 0.
fn lead(counts: &[u64; 6], tie_order: &TieOrder, among: &[Category]) -> Option<f64> {
    let n: u64 = counts.iter().sum();
    if n == 0 {
        return None;
    }
    let top = ranked(counts, tie_order, among);
    let count = |rank: usize| top.get(rank).map_or(0, |c| counts[c.index()]);
    Some((count(0) - count(1)) as f64 * 100.0 / n as f64)
}

/// The category strength the close call looks at: the lead of the most frequent category over
/// the next, among all six or, under stp25kano's variant, among A, O, M, I, R.
fn leading_strength(counts: &[u64; 6], settings: &Settings) -> Option<f64> {
    match settings.strength {
        StrengthVariant::RunnerUp => lead(counts, &settings.tie_order, &Category::ALL),
        StrengthVariant::WithoutQuestionable => lead(counts, &settings.tie_order, &WITHOUT_Q),
    }
}

/// Chooses the category by the rule in `settings` (KANO-METHOD.md section 3); `None` when all
/// counts are zero.
///
/// - mode: the most frequent category, ties by the tie order.
/// - berger (Berger et al. 1993): if A+O+M > I+R+Q the most frequent of A, O, M, else of I, R, Q.
/// - close call (Matzler & Hinterhuber 1998; Sauerwein et al. 1996; stp25kano's "M>O>A>I"
///   column): the most frequent category when its strength is more than the mixed threshold;
///   otherwise whichever of the two most frequent comes first in the tie order (M > O > A > I
///   by default). stp25kano gives no category ("NA") when neither of the two is M, O, A or I;
///   kano then takes the first of them in the tie order as well.
pub fn choose_category(counts: &[u64; 6], settings: &Settings) -> Option<Category> {
    if counts.iter().all(|c| *c == 0) {
        return None;
    }
    use Category::*;
    let tie_order = &settings.tie_order;
    let group: &[Category] = match settings.rule {
        Rule::Mode => &Category::ALL,
        Rule::Berger => {
            let aom = counts[0] + counts[1] + counts[2];
            let irq = counts[3] + counts[4] + counts[5];
            if aom > irq {
                &[Attractive, OneDimensional, MustBe]
            } else {
                &[Indifferent, Reverse, Questionable]
            }
        }
        Rule::CloseCall => {
            let top = ranked(counts, tie_order, &Category::ALL);
            let clear = leading_strength(counts, settings)
                .is_some_and(|strength| strength > settings.mixed_threshold);
            if clear || counts[top[1].index()] == 0 {
                return top.first().copied();
            }
            return top[..2].iter().min_by_key(|c| tie_order.rank(**c)).copied();
        }
    };
    ranked(counts, tie_order, group).first().copied()
}

/// Wilson score interval for `successes` out of `trials` at normal quantile `z`
/// (Wilson 1927; Brown, Cai & DasGupta 2001):
/// centre = (p + z²/2n) / (1 + z²/n), half-width = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²).
pub fn wilson(successes: u64, trials: u64, z: f64) -> Option<Interval> {
    if trials == 0 {
        return None;
    }
    let n = trials as f64;
    let p = successes as f64 / n;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denominator;
    let half = z / denominator * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    // At p = 0 and p = 1 the bounds are exactly 0 and 1; keep rounding from moving them.
    let low = if successes == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let high = if successes == trials {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    Some(Interval { low, high })
}

/// Fong's (1996) test: the difference between the two top counts `a` and `b` of `n` is
/// significant when |a - b| >= 1.65 * sqrt((a + b)(2n - a - b) / 2n).
pub fn fong(a: u64, b: u64, n: u64) -> Option<Fong> {
    fong_with(a, b, n, |critical| critical)
}

/// Fong's test as stp25kano computes it (`Fong()` in its R/kano.R): the critical value is
/// rounded to one decimal before |a - b| is compared with it.
pub fn fong_rounded(a: u64, b: u64, n: u64) -> Option<Fong> {
    fong_with(a, b, n, |critical| (critical * 10.0).round() / 10.0)
}

fn fong_with(a: u64, b: u64, n: u64, finish: impl Fn(f64) -> f64) -> Option<Fong> {
    if n == 0 {
        return None;
    }
    let (a, b, n) = (a as f64, b as f64, n as f64);
    let critical = finish(FONG_Z * ((a + b) * (2.0 * n - a - b) / (2.0 * n)).sqrt());
    let difference = (a - b).abs();
    Some(Fong {
        difference,
        critical,
        significant: difference >= critical,
    })
}

/// Mean and sample standard deviation from a count, a sum and a sum of squares.
fn mean_sd(n: u64, sum: i64, squares: i64) -> (Option<f64>, Option<f64>) {
    if n == 0 {
        return (None, None);
    }
    let nf = n as f64;
    let mean = sum as f64 / nf;
    if n < 2 {
        return (Some(mean), None);
    }
    // Exact integer arithmetic for the centred sum of squares: n*Σx² - (Σx)², over n(n-1).
    let centred = (n as i128) * (squares as i128) - (sum as i128) * (sum as i128);
    let variance = centred as f64 / (nf * (nf - 1.0));
    (Some(mean), Some(variance.max(0.0).sqrt()))
}

/// Turns `-0.0` into `0.0` so nothing prints as "-0.00".
fn unsigned_zero(x: f64) -> f64 {
    if x == 0.0 {
        0.0
    } else {
        x
    }
}

/// Computes every statistic of a feature.
///
/// - Better = (A + O) / (A + O + M + I); Worse = -(O + M) / (A + O + M + I), R and Q left out
///   (Berger et al. 1993; Sauerwein et al. 1996).
/// - Total strength = %A + %O + %M; category strength = %first - %second (Lee & Newcomb 1997).
/// - Continuous: DuMouchel's scores (Berger et al. 1993), mean and sample SD over complete
///   pairs (or, under [`ContinuousBasis::Questions`], each question over its own answers as
///   stp25kano averages them), multiplied by the scale's factor (1, or 1/4 as stp25kano reports
///   them).
/// - Under stp25kano's variants (`R/kano.R`, `tbll_extract_kano`): category strength is the
///   lead of the most frequent of A, O, M, I, R over the next, in percent of n (Q counted in n
///   only); Fong's pair is the same two, its critical value rounded to one decimal, and there is
///   no test when A+O+M+I < 12.
pub fn compute(tally: &Tally, settings: &Settings) -> FeatureStats {
    let counts = tally.counts(settings.table);
    let n: u64 = counts.iter().sum();
    let pct = |count: u64| count as f64 * 100.0 / n as f64;
    let percentages = (n > 0).then(|| counts.map(pct));
    let category = choose_category(&counts, settings);
    let second_category = category.and_then(|chosen| {
        let others: Vec<Category> = Category::ALL.into_iter().filter(|c| *c != chosen).collect();
        ranked(&counts, &settings.tie_order, &others)
            .first()
            .copied()
            .filter(|c| counts[c.index()] > 0)
    });
    // The reported category and its runner-up: under the mode rule the two most frequent
    // categories (Lee & Newcomb's strength, Fong's pair); under the Berger rule the chosen one
    // may be the less frequent of the two, and the strength is still their distance, >= 0.
    let chosen_count = category.map_or(0, |c| counts[c.index()]);
    let second_count = second_category.map_or(0, |s| counts[s.index()]);
    let category_strength = category.and_then(|_| match settings.strength {
        StrengthVariant::RunnerUp => {
            Some(unsigned_zero((pct(chosen_count) - pct(second_count)).abs()))
        }
        StrengthVariant::WithoutQuestionable => {
            lead(&counts, &settings.tie_order, &WITHOUT_Q).map(unsigned_zero)
        }
    });
    let mixed = category_strength.is_some_and(|s| s < settings.mixed_threshold)
        && second_category.is_some();
    let total_strength = (n > 0).then(|| pct(counts[0] + counts[1] + counts[2]));
    let fong = category.and_then(|_| match settings.fong {
        FongVariant::RunnerUp => fong(chosen_count, second_count, n),
        FongVariant::Stp25kano => {
            let top = ranked(&counts, &settings.tie_order, &WITHOUT_Q);
            let count = |rank: usize| counts[top[rank].index()];
            let [a, o, m, i, _, _] = counts;
            (a + o + m + i >= STP25KANO_FONG_MIN).then(|| fong_rounded(count(0), count(1), n))?
        }
    });

    let [a, o, m, i, _, _] = counts;
    let base = a + o + m + i;
    let sign = if settings.worse_positive { 1.0 } else { -1.0 };
    let better = (base > 0).then(|| (a + o) as f64 / base as f64);
    let better_ci = wilson(a + o, base, Z95);
    let worse = (base > 0).then(|| unsigned_zero(sign * (o + m) as f64 / base as f64));
    let worse_ci = wilson(o + m, base, Z95).map(|ci| {
        let (x, y) = (unsigned_zero(sign * ci.low), unsigned_zero(sign * ci.high));
        Interval {
            low: x.min(y),
            high: x.max(y),
        }
    });

    let one_sided = settings.continuous_basis == ContinuousBasis::Questions;
    let moments = |functional: bool| {
        crate::tally::score_moments(&tally.answer_counts(functional, one_sided), functional)
    };
    let scale = |(n, sum, squares): (u64, i64, i64)| {
        let factor = settings.continuous_scale.factor();
        let (mean, sd) = mean_sd(n, sum, squares);
        (mean.map(|x| x * factor), sd.map(|x| x * factor))
    };
    let (functional_mean, functional_sd) = scale(moments(true));
    let (dysfunctional_mean, dysfunctional_sd) = scale(moments(false));
    let importance = (tally.importance_n > 0).then(|| Importance {
        mean: tally.importance_sum / tally.importance_n as f64,
        n: tally.importance_n,
    });
    FeatureStats {
        n,
        counts,
        percentages,
        category,
        second_category,
        category_strength,
        total_strength,
        mixed,
        fong,
        better,
        better_ci,
        worse,
        worse_ci,
        continuous: Continuous {
            functional_mean,
            functional_sd,
            dysfunctional_mean,
            dysfunctional_sd,
        },
        importance,
        action: category.map(Category::action),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Answer;
    use Category::*;

    /// A tally from published counts in A, O, M, I, R, Q order.
    fn counts(a: u64, o: u64, m: u64, i: u64, r: u64, q: u64) -> Tally {
        Tally {
            extra_counts: [a, o, m, i, r, q],
            ..Tally::default()
        }
    }

    fn berger() -> Settings {
        Settings {
            rule: Rule::Berger,
            ..Settings::default()
        }
    }

    fn round(x: f64, digits: i32) -> f64 {
        let scale = 10f64.powi(digits);
        (x * scale).round() / scale
    }

    // KANO-METHOD.md section 5, stp25kano README (n = 296; counts given as M,O,A,I,R,Q).
    #[test]
    fn stp25kano_service_app_reproduces_every_published_number() {
        let tally = counts(45, 123, 95, 33, 0, 0);
        let mode = compute(&tally, &Settings::default());
        assert_eq!(mode.n, 296);
        assert_eq!(mode.category, Some(OneDimensional));
        assert_eq!(compute(&tally, &berger()).category, Some(OneDimensional));
        assert_eq!(mode.total_strength.map(|x| x.round()), Some(89.0));
        assert_eq!(mode.category_strength.map(|x| x.round()), Some(9.0));
        assert_eq!(mode.better.map(|x| round(x, 3)), Some(0.568));
        assert_eq!(mode.worse.map(|x| round(x, 3)), Some(-0.736));
        let fong = mode.fong.unwrap();
        assert_eq!(fong.difference, 28.0);
        assert_eq!(round(fong.critical, 1), 19.4);
        assert!(fong.significant);
        assert!(!mode.mixed);
    }

    #[test]
    fn stp25kano_hotline_is_indifferent_by_mode_and_attractive_by_berger_and_mixed() {
        let tally = counts(121, 24, 15, 124, 6, 6);
        let mode = compute(&tally, &Settings::default());
        assert_eq!(mode.category, Some(Indifferent));
        assert_eq!(mode.second_category, Some(Attractive));
        assert!(mode.mixed);
        assert_eq!(mode.category_label(), "I/A");
        let by_berger = compute(&tally, &berger());
        assert_eq!(by_berger.category, Some(Attractive));
        assert!(by_berger.mixed);
        assert_eq!(mode.total_strength.map(|x| x.round()), Some(54.0));
        assert_eq!(mode.category_strength.map(|x| x.round()), Some(1.0));
        assert_eq!(mode.better.map(|x| round(x, 3)), Some(0.511));
        assert_eq!(mode.worse.map(|x| round(x, 3)), Some(-0.137));
        let fong = mode.fong.unwrap();
        assert_eq!(fong.difference, 3.0);
        assert_eq!(round(fong.critical, 1), 19.8);
        assert!(!fong.significant);
    }

    #[test]
    fn stp25kano_ready_to_use_return_is_indifferent_by_both_rules() {
        let tally = counts(83, 18, 9, 177, 6, 3);
        let mode = compute(&tally, &Settings::default());
        assert_eq!(mode.category, Some(Indifferent));
        assert_eq!(compute(&tally, &berger()).category, Some(Indifferent));
        assert_eq!(mode.total_strength.map(|x| x.round()), Some(37.0));
        assert_eq!(mode.category_strength.map(|x| x.round()), Some(32.0));
        assert_eq!(mode.better.map(|x| round(x, 3)), Some(0.352));
        assert_eq!(mode.worse.map(|x| round(x, 3)), Some(-0.094));
        let fong = mode.fong.unwrap();
        assert_eq!(fong.difference, 94.0);
        assert_eq!(round(fong.critical, 1), 19.9);
        assert!(fong.significant);
    }

    #[test]
    fn crypto_transfers_match_the_published_coefficients_to_seven_digits() {
        let modified_berger = Settings {
            table: Table::Modified,
            ..berger()
        };
        let convenient = compute(&counts(70, 121, 59, 77, 9, 22), &modified_berger);
        assert_eq!(convenient.n, 358);
        assert_eq!(convenient.category, Some(OneDimensional));
        assert_eq!(convenient.better.map(|x| round(x, 7)), Some(0.5840979));
        assert_eq!(convenient.worse.map(|x| round(x, 7)), Some(-0.5504587));
        let responsive = compute(&counts(145, 76, 25, 78, 12, 22), &modified_berger);
        assert_eq!(responsive.category, Some(Attractive));
        assert_eq!(responsive.better.map(|x| round(x, 7)), Some(0.6820988));
        assert_eq!(responsive.worse.map(|x| round(x, 7)), Some(-0.3117284));
    }

    #[test]
    fn berger_strength_is_the_distance_to_the_runner_up_and_never_negative() {
        let stats = compute(&counts(187, 71, 46, 258, 19, 26), &berger());
        assert_eq!(stats.category, Some(Attractive));
        assert_eq!(stats.second_category, Some(Indifferent));
        // |30.8% - 42.5%| = 11.7 points; Fong compares the same two: 258 - 187 = 71.
        assert_eq!(stats.category_strength.map(|x| round(x, 1)), Some(11.7));
        assert!(!stats.mixed);
        assert_eq!(stats.fong.map(|f| f.difference), Some(71.0));
    }

    #[test]
    fn retail_wifi_is_where_the_two_rules_disagree() {
        let tally = counts(187, 71, 46, 258, 19, 26);
        assert_eq!(
            compute(&tally, &Settings::default()).category,
            Some(Indifferent)
        );
        let by_berger = compute(&tally, &berger());
        assert_eq!(by_berger.category, Some(Attractive));
        assert_eq!(by_berger.better.map(|x| round(x, 3)), Some(0.459));
        assert_eq!(by_berger.worse.map(|x| round(x, 3)), Some(-0.208));
    }

    fn close_call() -> Settings {
        Settings {
            rule: Rule::CloseCall,
            ..Settings::default()
        }
    }

    // The counterexamples: stp25kano's "M>O>A>I" pick, which `--rule berger` missed.
    #[test]
    fn close_call_picks_one_dimensional_for_the_loan_machine() {
        // A,O,M,I = 93,87,65,51 of 296: A leads O by 2.03 points < 6, so O (O before A).
        let tally = counts(93, 87, 65, 51, 0, 0);
        let stats = compute(&tally, &close_call());
        assert_eq!(stats.category, Some(OneDimensional));
        assert_eq!(stats.second_category, Some(Attractive));
        assert!(stats.mixed);
        assert_eq!(compute(&tally, &berger()).category, Some(Attractive));
        let mode = compute(&tally, &Settings::default());
        assert_eq!(mode.category_label(), "A/O");
    }

    #[test]
    fn close_call_picks_must_be_where_berger_says_indifferent() {
        // 5,5,30,32,14,14 of 100: I leads M by 2 points, so M; berger: A+O+M = 40 <= 60, so I.
        let tally = counts(5, 5, 30, 32, 14, 14);
        assert_eq!(compute(&tally, &close_call()).category, Some(MustBe));
        assert_eq!(compute(&tally, &berger()).category, Some(Indifferent));
    }

    #[test]
    fn close_call_keeps_a_clear_leader_and_follows_the_threshold() {
        // Ready-to-use return: I leads A by 31.8 points, so I whatever the order says.
        let clear = counts(83, 18, 9, 177, 6, 3);
        assert_eq!(compute(&clear, &close_call()).category, Some(Indifferent));
        // 53 vs 47 of 100 (O leads A by exactly 6): not more than 6, so the close call decides
        // by M > O > A > I and keeps O; with A first in the order, A.
        let edge = counts(47, 53, 0, 0, 0, 0);
        let a_first = Settings {
            tie_order: "AOMIRQ".parse().unwrap(),
            ..close_call()
        };
        assert_eq!(compute(&edge, &a_first).category, Some(Attractive));
        let five = Settings {
            mixed_threshold: 5.0,
            ..a_first
        };
        assert_eq!(compute(&edge, &five).category, Some(OneDimensional));
        // Only one category present: it is the category.
        assert_eq!(
            compute(&counts(0, 0, 0, 4, 0, 0), &close_call()).category,
            Some(Indifferent)
        );
    }

    #[test]
    fn rule_names_parse() {
        for rule in Rule::ALL {
            assert_eq!(Rule::from_name(rule.name()), Some(rule));
        }
        assert_eq!(Rule::from_name("Close_Call"), Some(Rule::CloseCall));
        assert_eq!(Rule::from_name("closest"), None);
    }

    #[test]
    fn ties_follow_the_tie_order() {
        let tally = counts(5, 5, 5, 5, 0, 0);
        assert_eq!(compute(&tally, &Settings::default()).category, Some(MustBe));
        let aomirq = Settings {
            tie_order: "AOMIRQ".parse().unwrap(),
            ..Settings::default()
        };
        assert_eq!(compute(&tally, &aomirq).category, Some(Attractive));
    }

    #[test]
    fn mixed_threshold_is_a_strict_bound() {
        // 53 vs 47 of 100: strength exactly 6 points is not mixed at threshold 6.
        let tally = counts(47, 53, 0, 0, 0, 0);
        let stats = compute(&tally, &Settings::default());
        assert_eq!(stats.category_strength, Some(6.0));
        assert!(!stats.mixed);
        let seven = Settings {
            mixed_threshold: 7.0,
            ..Settings::default()
        };
        assert!(compute(&tally, &seven).mixed);
    }

    #[test]
    fn empty_tally_gives_no_numbers_and_no_nan() {
        let stats = compute(&Tally::default(), &Settings::default());
        assert_eq!(stats.n, 0);
        assert_eq!(stats.category, None);
        assert_eq!(stats.better, None);
        assert_eq!(stats.worse, None);
        assert_eq!(stats.percentages, None);
        assert_eq!(stats.fong, None);
        assert_eq!(stats.continuous, Continuous::default());
        assert_eq!(stats.action, None);
    }

    #[test]
    fn only_reverse_and_questionable_leaves_better_and_worse_undefined() {
        let stats = compute(&counts(0, 0, 0, 0, 3, 1), &Settings::default());
        assert_eq!(stats.category, Some(Reverse));
        assert_eq!(stats.better, None);
        assert_eq!(stats.worse_ci, None);
    }

    #[test]
    fn worse_is_zero_not_negative_zero() {
        let stats = compute(&counts(4, 0, 0, 1, 0, 0), &Settings::default());
        assert_eq!(stats.worse.map(f64::to_bits), Some(0.0f64.to_bits()));
    }

    #[test]
    fn worse_positive_flips_the_sign_and_the_interval() {
        let tally = counts(10, 20, 30, 40, 0, 0);
        let negative = compute(&tally, &Settings::default());
        let positive = compute(
            &tally,
            &Settings {
                worse_positive: true,
                ..Settings::default()
            },
        );
        assert_eq!(negative.worse, Some(-0.5));
        assert_eq!(positive.worse, Some(0.5));
        let (n, p) = (negative.worse_ci.unwrap(), positive.worse_ci.unwrap());
        assert_eq!((n.low, n.high), (-p.high, -p.low));
        assert!(p.low < 0.5 && 0.5 < p.high);
    }

    #[test]
    fn wilson_matches_a_hand_computed_interval() {
        // 45 of 100 at z = 1.96, computed by hand from the formula: [0.3561, 0.5476].
        let ci = wilson(45, 100, Z95).unwrap();
        assert_eq!((round(ci.low, 4), round(ci.high, 4)), (0.3561, 0.5476));
        let all = wilson(10, 10, Z95).unwrap();
        assert_eq!(all.high, 1.0);
        assert!(all.low > 0.69 && all.low < 0.73);
        assert_eq!(wilson(0, 0, Z95), None);
    }

    #[test]
    fn continuous_scores_use_dumouchel_weights() {
        let mut tally = Tally::default();
        tally.add(Answer::Like, Answer::Dislike); // f 4, d 4
        tally.add(Answer::Neutral, Answer::Neutral); // f 0, d 0
        tally.add(Answer::MustBe, Answer::Like); // f 2, d -2
        let c = compute(&tally, &Settings::default()).continuous;
        assert_eq!(c.functional_mean, Some(2.0));
        assert_eq!(c.functional_sd, Some(2.0));
        assert_eq!(c.dysfunctional_mean.map(|x| round(x, 6)), Some(0.666667));
        // Sample SD of 4, 0, -2: variance (10.667 + 0.444 + 7.111) / 2 = 9.333.
        assert_eq!(
            c.dysfunctional_sd.map(|x| round(x, 4)),
            Some(round((28.0f64 / 3.0).sqrt(), 4))
        );
    }

    #[test]
    fn per_question_means_count_answers_whose_twin_is_empty() {
        let mut tally = Tally::default();
        tally.add(Answer::Like, Answer::Dislike); // f 4, d 4
        tally.add(Answer::Neutral, Answer::Neutral); // f 0, d 0
        tally.add_missing(Some(Answer::MustBe), None); // f 2 only
        tally.add_missing(None, Some(Answer::Like)); // d -2 only
        tally.add_missing(None, Some(Answer::Like)); // d -2 only
        tally.add_missing(None, None);
        let pairs = compute(&tally, &Settings::default()).continuous;
        assert_eq!(pairs.functional_mean, Some(2.0));
        assert_eq!(pairs.dysfunctional_mean, Some(2.0));
        let questions = Settings {
            continuous_basis: ContinuousBasis::Questions,
            ..Settings::default()
        };
        let c = compute(&tally, &questions).continuous;
        // Functional 4, 0, 2: mean 2, sample SD 2. Dysfunctional 4, 0, -2, -2: mean 0,
        // variance (16 + 0 + 4 + 4) / 3 = 8.
        assert_eq!(c.functional_mean, Some(2.0));
        assert_eq!(c.functional_sd, Some(2.0));
        assert_eq!(c.dysfunctional_mean, Some(0.0));
        assert_eq!(
            c.dysfunctional_sd.map(|x| round(x, 9)),
            Some(round(8f64.sqrt(), 9))
        );
        assert_eq!(tally.missing, 4);
    }

    #[test]
    fn single_pair_has_a_mean_but_no_standard_deviation() {
        let mut tally = Tally::default();
        tally.add(Answer::Like, Answer::Neutral);
        let c = compute(&tally, &Settings::default()).continuous;
        assert_eq!(c.functional_mean, Some(4.0));
        assert_eq!(c.functional_sd, None);
    }
}
