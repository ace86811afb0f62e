//! How many respondents to ask: sample sizes for the precision of Better and Worse (Wilson 1927)
//! and for Fong's (1996) test to separate two categories, and the number to invite when some
//! answers will be lost. Pure arithmetic, no I/O.

use serde::{Deserialize, Serialize};

use crate::error::Warning;
use crate::report::Report;
use crate::stats::{FONG_Z, Z95};

/// The largest sample size searched for; any question needing more is reported as this.
pub const MAX_N: u64 = 1 << 40;

/// The most respondents `kano plan` plans for (100 million, more than any survey reaches); a
/// precision, gap or loss that needs more is refused rather than answered with an absurd number.
pub const MAX_PLANNED: u64 = 100_000_000;

/// Half the width of the 95% Wilson score interval (Wilson 1927) for a proportion `p` observed
/// among `n` answers:
///
/// half-width = z / (1 + z²/n) * sqrt(p(1-p)/n + z²/4n²), z = 1.95996...
///
/// At p = 0.5 this is z / (2 sqrt(n + z²)), the largest value over p for a given n.
/// `None` when n = 0.
pub fn wilson_half_width(n: u64, p: f64) -> Option<f64> {
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let z2 = Z95 * Z95;
    Some(Z95 / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt())
}

/// The smallest number of valid answers (A+O+M+I) for which the 95% Wilson interval of a
/// proportion `p` is at most +/- `precision`: the smallest integer n with
/// [`wilson_half_width`]`(n, p) <= precision` (Wilson 1927), found by bisection (the
/// half-width falls as n grows).
///
/// At the worst case p = 0.5 this is n = ceil(z² / (4 precision²) - z²): 93 for +/- 0.1,
/// 381 for +/- 0.05.
pub fn n_for_precision(precision: f64, p: f64) -> u64 {
    let fits = |n: u64| wilson_half_width(n, p).is_some_and(|h| h <= precision);
    if fits(1) {
        return 1;
    }
    if !fits(MAX_N) {
        return MAX_N;
    }
    let (mut low, mut high) = (1, MAX_N);
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if fits(middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    high
}

/// The smallest n at which Fong's (1996) test calls two categories `gap` apart (as shares of
/// n) significant in its worst case.
///
/// Fong: the counts a and b differ significantly when |a - b| >= 1.65 sqrt((a + b)(2n - a - b)
/// / 2n). With |a - b| = gap n, the right side is largest when a + b = n, where it is
/// 1.65 sqrt(n / 2); so gap n >= 1.65 sqrt(n / 2) holds for every split when
/// n >= 1.65² / (2 gap²): 137 for a gap of 0.1.
pub fn n_for_fong(gap: f64) -> u64 {
    ceil_count(FONG_Z * FONG_Z / (2.0 * gap * gap))
}

/// How many to invite so that `needed` valid answers remain when a share `loss` of answers will
/// be missing, reverse or questionable: ceil(needed / (1 - loss)).
pub fn n_to_invite(needed: u64, loss: f64) -> u64 {
    ceil_count(needed as f64 / (1.0 - loss))
}

/// Rounds up to a whole count, forgiving the last bits of floating-point error (so 136.125
/// becomes 137 but 162.0000000001 stays 162), capped at [`MAX_N`].
fn ceil_count(x: f64) -> u64 {
    if !x.is_finite() || x >= MAX_N as f64 {
        return MAX_N;
    }
    let rounded = x.round();
    let n = if (x - rounded).abs() < 1e-9 {
        rounded
    } else {
        x.ceil()
    };
    (n.max(1.0)) as u64
}

/// What `kano plan` prints: its inputs and the three sample sizes. The JSON shape is exactly
/// these seven keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The wanted half-width of the 95% intervals of Better and Worse.
    pub precision: f64,
    /// The proportion assumed for Better and Worse (0.5 is the worst case).
    pub expected: f64,
    /// The gap between two categories' shares that Fong's test should call significant.
    pub gap: f64,
    /// The share of answers expected to be missing, reverse or questionable.
    pub loss: f64,
    /// Valid answers (A+O+M+I) for the precision of Better and Worse.
    pub n_coefficients: u64,
    /// Valid answers for Fong's test at the gap.
    pub n_fong: u64,
    /// Respondents to invite so that both hold after the loss.
    pub n_invite: u64,
}

/// Computes a plan; the inputs must already be in range (precision and gap in (0, 1],
/// expected in [0, 1], loss in [0, 1)).
pub fn plan(precision: f64, expected: f64, gap: f64, loss: f64) -> Plan {
    let n_coefficients = n_for_precision(precision, expected);
    let n_fong = n_for_fong(gap);
    Plan {
        precision,
        expected,
        gap,
        loss,
        n_coefficients,
        n_fong,
        n_invite: n_to_invite(n_coefficients.max(n_fong), loss),
    }
}

/// The features of `report` whose valid answers (A+O+M+I) leave Better or Worse with a 95%
/// Wilson half-width above `precision`, each with the n that would reach it at the observed
/// proportions (the larger of Better's and Worse's needs). Features without valid answers are
/// left out (they have their own warning).
pub fn precision_warnings(report: &Report, precision: f64) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for f in &report.features {
        let c = &f.counts;
        let base = c.A + c.O + c.M + c.I;
        if base == 0 {
            continue;
        }
        let shares = [
            (c.A + c.O) as f64 / base as f64,
            (c.O + c.M) as f64 / base as f64,
        ];
        let half_width = shares
            .iter()
            .filter_map(|p| wilson_half_width(base, *p))
            .fold(0.0, f64::max);
        if half_width > precision {
            let needed = shares
                .iter()
                .map(|p| n_for_precision(precision, *p))
                .max()
                .unwrap_or(base);
            warnings.push(Warning::Imprecise {
                feature: f.name.clone(),
                base,
                half_width,
                precision,
                needed,
            });
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_case_precision_matches_the_closed_form() {
        // z² = 3.841459; z² / (4 * 0.01) - z² = 96.0365 - 3.8415 = 92.195 -> 93.
        let cases = [(0.1, 93), (0.05, 381), (0.15, 39), (0.2, 21)];
        for (precision, n) in cases {
            assert_eq!(n_for_precision(precision, 0.5), n, "precision {precision}");
            let z2 = Z95 * Z95;
            let closed = (z2 / (4.0 * precision * precision) - z2).ceil() as u64;
            assert_eq!(closed, n, "closed form at {precision}");
        }
    }

    #[test]
    fn the_needed_n_is_the_first_that_fits() {
        let n = n_for_precision(0.1, 0.5);
        assert!(wilson_half_width(n, 0.5).unwrap() <= 0.1);
        assert!(wilson_half_width(n - 1, 0.5).unwrap() > 0.1);
        // A proportion away from one half needs fewer answers.
        assert!(n_for_precision(0.1, 0.2) < n);
    }

    #[test]
    fn half_width_at_one_half_is_z_over_two_root_n_plus_z_squared() {
        let h = wilson_half_width(60, 0.5).unwrap();
        let expected = Z95 / (2.0 * (60.0 + Z95 * Z95).sqrt());
        assert!((h - expected).abs() < 1e-12);
        assert_eq!(wilson_half_width(0, 0.5), None);
    }

    #[test]
    fn fong_gap_of_a_tenth_needs_137_and_invites_162_at_15_percent_loss() {
        // 1.65² / (2 * 0.1²) = 2.7225 / 0.02 = 136.125 -> 137; 137 / 0.85 = 161.18 -> 162.
        assert_eq!(n_for_fong(0.1), 137);
        assert_eq!(n_to_invite(137, 0.15), 162);
        let p = plan(0.1, 0.5, 0.1, 0.15);
        assert_eq!((p.n_coefficients, p.n_fong, p.n_invite), (93, 137, 162));
    }

    #[test]
    fn rounding_up_forgives_floating_point_noise() {
        assert_eq!(ceil_count(162.000_000_000_01), 162);
        assert_eq!(ceil_count(161.2), 162);
        assert_eq!(ceil_count(f64::INFINITY), MAX_N);
        assert_eq!(n_to_invite(100, 0.0), 100);
    }
}
