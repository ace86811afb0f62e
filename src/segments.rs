//! Segments compared inside one survey (`analyze --by COLUMN`): per feature, whether the
//! category distribution differs between segments, and whether Better and Worse do, with the
//! p-values adjusted across features (KANO-METHOD.md section 3, "Segments inside one survey").
//!
//! - Independence of segment and category: Pearson's chi-square on the segment x category table
//!   (Pearson 1900; Agresti, *Categorical Data Analysis*, 3rd ed., 2013, section 3.2), its
//!   p-value from the chi-square distribution with (rows - 1)(columns - 1) degrees of freedom.
//!   When expected counts are small (Cochran 1954: any below 1, or more than a fifth below 5),
//!   the p-value is a Monte Carlo one instead (Hope 1968; as R's `chisq.test(simulate.p.value =
//!   TRUE)`): tables are drawn with the observed margins by shuffling the answers among the
//!   segments, p = (1 + #{X² >= observed}) / (B + 1), with a fixed seed so runs repeat.
//! - Better (A+O of A+O+M+I) and Worse (O+M of A+O+M+I) between segments: the same test on the
//!   segment x {counted, not counted} table, which for two segments is the pooled two-proportion
//!   z-test squared (Agresti 2013, section 3.1).
//! - Many features tested at once: Holm's (1979) step-down adjustment within each of the three
//!   families (categories, Better, Worse).
//!
//! Pure functions of tallies; undefined tests (fewer than two segments or categories with data)
//! are `None`, never NaN.

use serde::{Deserialize, Serialize};

use crate::category::Table;
use crate::input::{Feature, Segment};

/// Monte Carlo replicates (R's `chisq.test` default, B = 2000).
pub const REPLICATES: u64 = 2000;

/// The fixed seed of the Monte Carlo p-values, stated in every output that shows one.
pub const SEED: u64 = 20_260_601;

/// Tables with more answers than this are not simulated (the shuffle costs answers x
/// replicates); their p-value stays the chi-square approximation and the method says so.
pub const MAX_SIMULATED: u64 = 10_000;

/// How a p-value was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// The chi-square distribution (expected counts large enough by Cochran's rule).
    ChiSquare,
    /// Monte Carlo with [`REPLICATES`] tables and seed [`SEED`] (small expected counts).
    MonteCarlo,
    /// Small expected counts, but more than [`MAX_SIMULATED`] answers: the chi-square
    /// approximation, flagged.
    ChiSquareSmallExpected,
}

impl Method {
    /// The name used in JSON, CSV and tables.
    pub fn name(self) -> &'static str {
        match self {
            Method::ChiSquare => "chi-square",
            Method::MonteCarlo => "monte-carlo",
            Method::ChiSquareSmallExpected => "chi-square-small-expected",
        }
    }
}

/// One test of independence between segment and an outcome.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Test {
    /// Pearson's X² = Σ (observed - expected)² / expected.
    pub statistic: f64,
    /// Degrees of freedom, (rows - 1)(columns - 1), of the table with empty rows and columns
    /// left out.
    pub df: u64,
    /// The p-value.
    pub p: f64,
    /// Holm-adjusted across the features of the same family.
    pub p_holm: f64,
    /// How `p` was obtained.
    pub method: Method,
    /// Monte Carlo replicates, when simulated.
    pub replicates: Option<u64>,
    /// The Monte Carlo seed, when simulated.
    pub seed: Option<u64>,
}

/// The between-segment tests of one feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SegmentTest {
    /// The feature.
    pub name: String,
    /// Segments with at least one valid pair of this feature.
    pub segments: u64,
    /// Category distribution by segment; null when undefined.
    pub categories: Option<Test>,
    /// Better by segment; null when undefined.
    pub better: Option<Test>,
    /// Worse by segment; null when undefined.
    pub worse: Option<Test>,
}

/// The between-segment tests of every feature, in the survey's feature order.
pub fn segment_tests(features: &[Feature], segments: &[Segment], table: Table) -> Vec<SegmentTest> {
    let mut tests: Vec<SegmentTest> = features
        .iter()
        .enumerate()
        .map(|(slot, feature)| {
            let counts: Vec<[u64; 6]> = segments
                .iter()
                .filter_map(|s| s.features.get(slot))
                .map(|f| f.tally.counts(table))
                .collect();
            let rows = |cells: fn(&[u64; 6]) -> Vec<u64>| -> Vec<Vec<u64>> {
                counts.iter().map(cells).collect()
            };
            SegmentTest {
                name: feature.name.clone(),
                segments: counts.iter().filter(|c| c.iter().sum::<u64>() > 0).count() as u64,
                categories: independence(&rows(|c| c.to_vec())),
                better: independence(&rows(|[a, o, m, i, _, _]| vec![a + o, m + i])),
                worse: independence(&rows(|[a, o, m, i, _, _]| vec![o + m, a + i])),
            }
        })
        .collect();
    for which in 0..3 {
        let p: Vec<Option<f64>> = tests
            .iter()
            .map(|t| family(t, which).map(|x| x.p))
            .collect();
        for (t, adjusted) in tests.iter_mut().zip(holm(&p)) {
            if let (Some(test), Some(a)) = (family_mut(t, which), adjusted) {
                test.p_holm = a;
            }
        }
    }
    tests
}

fn family(t: &SegmentTest, which: usize) -> Option<&Test> {
    match which {
        0 => t.categories.as_ref(),
        1 => t.better.as_ref(),
        _ => t.worse.as_ref(),
    }
}

fn family_mut(t: &mut SegmentTest, which: usize) -> Option<&mut Test> {
    match which {
        0 => t.categories.as_mut(),
        1 => t.better.as_mut(),
        _ => t.worse.as_mut(),
    }
}

/// Holm's (1979) step-down adjustment of the defined p-values among `p`: with the m defined
/// values sorted ascending, p_(i) becomes max over j <= i of min(1, (m - j + 1) p_(j)).
/// Undefined entries stay `None` and do not count in m.
pub fn holm(p: &[Option<f64>]) -> Vec<Option<f64>> {
    let mut order: Vec<usize> = (0..p.len()).filter(|i| p[*i].is_some()).collect();
    order.sort_by(|a, b| p[*a].unwrap_or(1.0).total_cmp(&p[*b].unwrap_or(1.0)));
    let m = order.len();
    let mut adjusted = vec![None; p.len()];
    let mut running = 0.0f64;
    for (rank, index) in order.into_iter().enumerate() {
        let value = ((m - rank) as f64 * p[index].unwrap_or(1.0)).min(1.0);
        running = running.max(value);
        adjusted[index] = Some(running);
    }
    adjusted
}

/// Pearson's chi-square test of independence on a rows x columns table of counts; rows and
/// columns that are all zero are left out first. `None` when fewer than two rows or two
/// columns remain.
pub fn independence(table: &[Vec<u64>]) -> Option<Test> {
    let columns = table.first().map_or(0, Vec::len);
    let keep_columns: Vec<usize> = (0..columns)
        .filter(|j| {
            table
                .iter()
                .any(|row| row.get(*j).copied().unwrap_or(0) > 0)
        })
        .collect();
    let rows: Vec<Vec<u64>> = table
        .iter()
        .map(|row| keep_columns.iter().map(|j| row[*j]).collect::<Vec<u64>>())
        .filter(|row| row.iter().sum::<u64>() > 0)
        .collect();
    if rows.len() < 2 || keep_columns.len() < 2 {
        return None;
    }
    let row_totals: Vec<u64> = rows.iter().map(|r| r.iter().sum()).collect();
    let column_totals: Vec<u64> = (0..keep_columns.len())
        .map(|j| rows.iter().map(|r| r[j]).sum())
        .collect();
    let n: u64 = row_totals.iter().sum();
    let statistic = pearson(&rows, &row_totals, &column_totals, n);
    let df = ((rows.len() - 1) * (keep_columns.len() - 1)) as u64;
    let expected = row_totals.iter().flat_map(|r| {
        column_totals
            .iter()
            .map(move |c| *r as f64 * *c as f64 / n as f64)
    });
    let cells = rows.len() * keep_columns.len();
    let (below_one, below_five) = expected.fold((0usize, 0usize), |(one, five), e| {
        (one + usize::from(e < 1.0), five + usize::from(e < 5.0))
    });
    let small = below_one > 0 || below_five * 5 > cells;
    let (p, method) = if !small {
        (chi_square_sf(statistic, df as f64), Method::ChiSquare)
    } else if n <= MAX_SIMULATED {
        (
            monte_carlo(&row_totals, &column_totals, statistic, REPLICATES, SEED),
            Method::MonteCarlo,
        )
    } else {
        (
            chi_square_sf(statistic, df as f64),
            Method::ChiSquareSmallExpected,
        )
    };
    let simulated = method == Method::MonteCarlo;
    Some(Test {
        statistic,
        df,
        p,
        p_holm: p,
        method,
        replicates: simulated.then_some(REPLICATES),
        seed: simulated.then_some(SEED),
    })
}

/// X² = Σ (O - E)² / E with E = row total x column total / n.
fn pearson(rows: &[Vec<u64>], row_totals: &[u64], column_totals: &[u64], n: u64) -> f64 {
    let mut sum = 0.0;
    for (row, r) in rows.iter().zip(row_totals) {
        for (observed, c) in row.iter().zip(column_totals) {
            let expected = *r as f64 * *c as f64 / n as f64;
            if expected > 0.0 {
                let d = *observed as f64 - expected;
                sum += d * d / expected;
            }
        }
    }
    sum
}

/// The Monte Carlo p-value of `observed` (Hope 1968): `replicates` tables with the given
/// margins, drawn by shuffling the n answers' columns (Fisher-Yates) and cutting them into the
/// rows; p = (1 + #{X² >= observed}) / (replicates + 1), comparing with R's tolerance of
/// 64 machine epsilons.
pub fn monte_carlo(
    row_totals: &[u64],
    column_totals: &[u64],
    observed: f64,
    replicates: u64,
    seed: u64,
) -> f64 {
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut answers: Vec<usize> = column_totals
        .iter()
        .enumerate()
        .flat_map(|(j, c)| std::iter::repeat_n(j, *c as usize))
        .collect();
    let n: u64 = row_totals.iter().sum();
    let threshold = observed * (1.0 - 64.0 * f64::EPSILON);
    let mut at_least = 0u64;
    let mut table = vec![vec![0u64; column_totals.len()]; row_totals.len()];
    for _ in 0..replicates {
        rng.shuffle(&mut answers);
        let mut start = 0usize;
        for (row, total) in table.iter_mut().zip(row_totals) {
            row.iter_mut().for_each(|cell| *cell = 0);
            for column in &answers[start..start + *total as usize] {
                row[*column] += 1;
            }
            start += *total as usize;
        }
        if pearson(&table, row_totals, column_totals, n) >= threshold {
            at_least += 1;
        }
    }
    (1 + at_least) as f64 / (replicates + 1) as f64
}

/// The upper tail P(X > x) of the chi-square distribution with `df` degrees of freedom:
/// Q(df/2, x/2), the regularized upper incomplete gamma function.
pub fn chi_square_sf(x: f64, df: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    gamma_q(df / 2.0, x / 2.0)
}

/// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), by its series
/// for x < a + 1 and its continued fraction (modified Lentz) otherwise (Press, Teukolsky,
/// Vetterling & Flannery, *Numerical Recipes*, 3rd ed., 2007, section 6.2; Abramowitz & Stegun
/// 1964, 6.5.29 and 6.5.31), to a relative accuracy of about 1e-15.
pub fn gamma_q(a: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let log_prefix = a * x.ln() - x - ln_gamma(a);
    if x < a + 1.0 {
        // P(a, x) = e^{-x} x^a / Γ(a) Σ x^n / (a (a+1) ... (a+n)).
        let mut term = 1.0 / a;
        let mut sum = term;
        let mut denominator = a;
        for _ in 0..1000 {
            denominator += 1.0;
            term *= x / denominator;
            sum += term;
            if term.abs() < sum.abs() * 1e-16 {
                break;
            }
        }
        (1.0 - sum * log_prefix.exp()).clamp(0.0, 1.0)
    } else {
        // Q(a, x) = e^{-x} x^a / Γ(a) * 1 / (x + 1 - a - 1 (1 - a) / (x + 3 - a - ...)).
        let tiny = 1e-300;
        let mut b = x + 1.0 - a;
        let mut c = 1.0 / tiny;
        let mut d = 1.0 / b;
        let mut h = d;
        for i in 1..1000 {
            let an = -(i as f64) * (i as f64 - a);
            b += 2.0;
            d = an * d + b;
            if d.abs() < tiny {
                d = tiny;
            }
            c = b + an / c;
            if c.abs() < tiny {
                c = tiny;
            }
            d = 1.0 / d;
            let step = d * c;
            h *= step;
            if (step - 1.0).abs() < 1e-16 {
                break;
            }
        }
        (log_prefix.exp() * h).clamp(0.0, 1.0)
    }
}

/// ln Γ(x) for x > 0 by Lanczos' approximation with g = 7 and nine coefficients (Lanczos 1964;
/// the coefficients of Godfrey, as in Press et al. 2007, section 6.1), accurate to about 1e-15.
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 - x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = COEFFICIENTS[0];
    for (i, c) in COEFFICIENTS.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + G + 0.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    #[test]
    fn ln_gamma_matches_factorials_and_the_half() {
        assert!(close(ln_gamma(1.0), 0.0, 1e-14));
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-13));
        assert!(close(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            1e-13
        ));
        assert!(close(ln_gamma(101.0), 363.739_375_555_563_5, 1e-9));
    }

    #[test]
    fn chi_square_tail_matches_known_values() {
        // df 1: P(X > 3.841459) = 0.05; df 2: exp(-x/2); df 10 at 18.307038: 0.05.
        assert!(close(
            chi_square_sf(3.841_458_820_694_124, 1.0),
            0.05,
            1e-12
        ));
        assert!(close(chi_square_sf(4.0, 2.0), (-2.0f64).exp(), 1e-14));
        assert!(close(
            chi_square_sf(18.307_038_053_275_146, 10.0),
            0.05,
            1e-12
        ));
        assert!(close(chi_square_sf(0.5, 3.0), 0.918_891_411_654_676, 1e-12));
        assert_eq!(chi_square_sf(0.0, 4.0), 1.0);
        // The normal two-sided p of z = 1.96 is the df-1 tail of 1.96².
        assert!(close(
            chi_square_sf(1.96 * 1.96, 1.0),
            0.049_995_790_296_440,
            1e-12
        ));
    }

    #[test]
    fn two_by_two_chi_square_is_the_two_proportion_z_squared() {
        // 12 of 40 against 28 of 40: z = 3.577709 (src/compare.rs computes it by hand).
        let test = independence(&[vec![12, 28], vec![28, 12]]).unwrap();
        let z = crate::compare::two_proportion_z(12, 40, 28, 40).unwrap();
        assert!(close(test.statistic, z * z, 1e-12));
        assert_eq!((test.df, test.method), (1, Method::ChiSquare));
        // By hand: E = 20 in every cell, X² = 4 * 64 / 20 = 12.8; p = P(χ²₁ > 12.8) = 0.000347.
        assert!(close(test.statistic, 12.8, 1e-12));
        assert!(close(test.p, 0.000_346_619_4, 1e-9));
    }

    #[test]
    fn a_three_by_three_table_matches_a_hand_computation() {
        // Rows 10,20,30 / 20,20,20 / 30,20,10 (n = 180): every E = 20, X² = (100 + 0 + 100 +
        // 0 + 0 + 0 + 100 + 0 + 100) / 20 = 20, df 4; P(χ²₄ > 20) = e^{-10}(1 + 10) = 0.000499.
        let test = independence(&[vec![10, 20, 30], vec![20, 20, 20], vec![30, 20, 10]]).unwrap();
        assert!(close(test.statistic, 20.0, 1e-12));
        assert_eq!(test.df, 4);
        assert!(close(test.p, 11.0 * (-10.0f64).exp(), 1e-14));
    }

    #[test]
    fn empty_rows_and_columns_are_left_out_and_one_row_is_no_test() {
        let test = independence(&[vec![12, 0, 28], vec![0, 0, 0], vec![28, 0, 12]]).unwrap();
        assert_eq!(test.df, 1);
        assert!(close(test.statistic, 12.8, 1e-12));
        assert_eq!(independence(&[vec![5, 5], vec![0, 0]]), None);
        assert_eq!(independence(&[vec![5, 0], vec![7, 0]]), None);
        assert_eq!(independence(&[]), None);
    }

    #[test]
    fn small_expected_counts_get_a_seeded_monte_carlo_p_value() {
        // Expected counts of 1.5 and 2.5: Cochran's rule fails, so Monte Carlo.
        let table = [vec![3, 0], vec![0, 5]];
        let test = independence(&table).unwrap();
        assert_eq!(test.method, Method::MonteCarlo);
        // With margins 3,5 / 3,5 the count of row 1, column 1 is hypergeometric; only the
        // observed table (3 of 3) reaches X² = 8 (X = 0, 1, 2 give 2.88, 0.36, 1.74), so the
        // exact conditional p is 1/C(8,3) = 1/56 = 0.018; the simulated one lies near it.
        assert!(test.p > 0.005 && test.p < 0.04, "p = {}", test.p);
        // Same seed, same p.
        assert_eq!(independence(&table).unwrap().p, test.p);
        // The smallest possible p is 1/(B + 1).
        assert!(test.p >= 1.0 / (REPLICATES + 1) as f64);
    }

    #[test]
    fn tables_too_large_to_simulate_keep_the_chi_square_p_and_say_so() {
        // Column 2 has one answer among 20,001: expected counts of 0.5, but n > MAX_SIMULATED.
        let test = independence(&[vec![10_000, 1], vec![10_000, 0]]).unwrap();
        assert_eq!(test.method, Method::ChiSquareSmallExpected);
        assert_eq!((test.replicates, test.seed), (None, None));
        assert!(close(test.p, chi_square_sf(test.statistic, 1.0), 0.0));
    }

    #[test]
    fn holm_adjusts_step_down_and_keeps_undefined_values_out() {
        // m = 3: sorted 0.01, 0.02, 0.04 -> 0.03, 0.04, 0.04 (monotone).
        let adjusted = holm(&[Some(0.04), None, Some(0.01), Some(0.02)]);
        let expect = [Some(0.04), None, Some(0.03), Some(0.04)];
        for (a, e) in adjusted.iter().zip(expect) {
            match (a, e) {
                (Some(a), Some(e)) => assert!(close(*a, e, 1e-15)),
                (a, e) => assert_eq!(*a, e),
            }
        }
        assert_eq!(holm(&[Some(0.6), Some(0.7)]), vec![Some(1.0), Some(1.0)]);
    }
}
