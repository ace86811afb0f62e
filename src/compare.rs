//! Comparing two survey waves: features matched by name, the change in Better and Worse with a
//! two-proportion z-test, and the drift of each category (KANO-METHOD.md section 4: delighters
//! become one-dimensional, one-dimensional features become must-be).
//!
//! Pure: it takes two [`Report`]s built under the same settings and returns a [`Comparison`],
//! whose serde shape is the JSON contract of `kano compare` (`schema_version` 1).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::report::{FeatureReport, InputInfo, Report, SettingsInfo, SCHEMA_VERSION};

/// How a feature's category moved between the waves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Drift {
    /// The category is unchanged.
    Stable,
    /// The expected path of habituation: attractive -> one-dimensional -> must-be, or
    /// attractive -> must-be.
    Habituation,
    /// The habituation path backwards: must-be -> one-dimensional -> attractive, or must-be ->
    /// attractive.
    ReverseDrift,
    /// Any other move (e.g. to or from indifferent).
    Other,
    /// A category is undefined in one wave (no valid answer pair).
    Unknown,
}

impl Drift {
    /// The name used in JSON, CSV and tables.
    pub fn name(self) -> &'static str {
        match self {
            Drift::Stable => "stable",
            Drift::Habituation => "habituation",
            Drift::ReverseDrift => "reverse-drift",
            Drift::Other => "other",
            Drift::Unknown => "unknown",
        }
    }
}

/// Names the move from category `old` to `new`.
pub fn classify_drift(old: Option<Category>, new: Option<Category>) -> Drift {
    use Category::{Attractive as A, MustBe as M, OneDimensional as O};
    match (old, new) {
        (Some(old), Some(new)) if old == new => Drift::Stable,
        (Some(A), Some(O)) | (Some(O), Some(M)) | (Some(A), Some(M)) => Drift::Habituation,
        (Some(O), Some(A)) | (Some(M), Some(O)) | (Some(M), Some(A)) => Drift::ReverseDrift,
        (Some(_), Some(_)) => Drift::Other,
        _ => Drift::Unknown,
    }
}

/// The two-proportion z statistic for `x1` of `n1` against `x2` of `n2`, with the pooled
/// proportion (Agresti, *Categorical Data Analysis*, 3rd ed., 2013, section 3.1; Fleiss, Levin &
/// Paik 2003, section 3.2):
///
/// p1 = x1/n1, p2 = x2/n2, p = (x1 + x2)/(n1 + n2),
/// z = (p2 - p1) / sqrt(p (1 - p) (1/n1 + 1/n2)).
///
/// `None` when a wave has no observations or the pooled proportion is 0 or 1 (no variance: both
/// waves agree completely, so the difference is exactly 0).
pub fn two_proportion_z(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<f64> {
    if n1 == 0 || n2 == 0 {
        return None;
    }
    let (x1, n1, x2, n2) = (x1 as f64, n1 as f64, x2 as f64, n2 as f64);
    let pooled = (x1 + x2) / (n1 + n2);
    let variance = pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2);
    if variance <= 0.0 {
        return None;
    }
    let z = (x2 / n2 - x1 / n1) / variance.sqrt();
    Some(if z == 0.0 { 0.0 } else { z })
}

/// One wave's view of a feature, as carried into the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaveFeature {
    /// The name as spelled in this wave.
    pub name: String,
    /// The category; null when n = 0.
    pub category: Option<String>,
    /// The runner-up category.
    pub second_category: Option<String>,
    /// Category strength below the mixed threshold.
    pub mixed: bool,
    /// Valid pairs.
    pub n: u64,
    /// A + O + M + I, the base of Better and Worse.
    pub base: u64,
    /// Better (CS+).
    pub better: Option<f64>,
    /// Wilson 95% interval of Better.
    pub better_ci: Option<[f64; 2]>,
    /// Worse (CS-).
    pub worse: Option<f64>,
    /// Wilson 95% interval of Worse.
    pub worse_ci: Option<[f64; 2]>,
    /// Mean importance, when given.
    pub importance: Option<f64>,
}

impl WaveFeature {
    /// One wave's view of a feature report.
    pub fn from_report(f: &FeatureReport) -> WaveFeature {
        WaveFeature {
            name: f.name.clone(),
            category: f.category.clone(),
            second_category: f.second_category.clone(),
            mixed: f.mixed,
            n: f.n,
            base: f.counts.A + f.counts.O + f.counts.M + f.counts.I,
            better: f.better,
            better_ci: f.better_ci,
            worse: f.worse,
            worse_ci: f.worse_ci,
            importance: f.importance.map(|i| i.mean),
        }
    }

    /// The category as a type.
    pub fn category(&self) -> Option<Category> {
        self.category.as_deref().and_then(|c| c.parse().ok())
    }
}

/// One feature in both waves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureChange {
    /// The name as spelled in the new wave.
    pub name: String,
    /// The old wave.
    pub old: WaveFeature,
    /// The new wave.
    pub new: WaveFeature,
    /// New Better minus old Better.
    pub better_change: Option<f64>,
    /// Two-proportion z of the change in Better ((A+O) of A+O+M+I).
    pub better_z: Option<f64>,
    /// |better_z| >= 1.96.
    pub better_significant: Option<bool>,
    /// New Worse minus old Worse, in the sign convention of the settings.
    pub worse_change: Option<f64>,
    /// Two-proportion z of the change in Worse ((O+M) of A+O+M+I), signed like `worse_change`.
    pub worse_z: Option<f64>,
    /// |worse_z| >= 1.96.
    pub worse_significant: Option<bool>,
    /// How the category moved.
    pub drift: Drift,
}

/// Two waves compared: the JSON envelope of `kano compare`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The kano version that wrote it.
    pub kano_version: String,
    /// The old wave's input.
    pub old: InputInfo,
    /// The new wave's input.
    pub new: InputInfo,
    /// The conventions used for both waves.
    pub settings: SettingsInfo,
    /// Features present in both waves, in the new wave's priority order.
    pub features: Vec<FeatureChange>,
    /// Features only in the old wave.
    pub only_old: Vec<String>,
    /// Features only in the new wave.
    pub only_new: Vec<String>,
    /// Warnings of both waves (prefixed with the wave) and of the matching.
    pub warnings: Vec<String>,
}

fn difference(old: Option<f64>, new: Option<f64>) -> Option<f64> {
    let d = new? - old?;
    Some(if d == 0.0 { 0.0 } else { d })
}

/// The change of one feature between two waves.
pub fn feature_change(
    old: &FeatureReport,
    new: &FeatureReport,
    worse_positive: bool,
) -> FeatureChange {
    let (o, n) = (&old.counts, &new.counts);
    let (base1, base2) = (o.A + o.O + o.M + o.I, n.A + n.O + n.M + n.I);
    let better_z = two_proportion_z(o.A + o.O, base1, n.A + n.O, base2);
    // Worse is -(O+M)/base unless reported positive: the z of the reported value flips with it.
    let sign = if worse_positive { 1.0 } else { -1.0 };
    let worse_z = two_proportion_z(o.O + o.M, base1, n.O + n.M, base2).map(|z| {
        if z == 0.0 {
            0.0
        } else {
            sign * z
        }
    });
    let old_wave = WaveFeature::from_report(old);
    let new_wave = WaveFeature::from_report(new);
    let drift = classify_drift(old_wave.category(), new_wave.category());
    FeatureChange {
        name: new.name.clone(),
        better_change: difference(old.better, new.better),
        better_z,
        better_significant: better_z.map(|z| z.abs() >= Z95_ROUNDED),
        worse_change: difference(old.worse, new.worse),
        worse_z,
        worse_significant: worse_z.map(|z| z.abs() >= Z95_ROUNDED),
        drift,
        old: old_wave,
        new: new_wave,
    }
}

/// The critical |z| of a two-sided test at 5%, as conventionally rounded (1.96; the exact
/// quantile is [`crate::stats::Z95`]).
pub const Z95_ROUNDED: f64 = 1.96;

/// Compares two reports built under the same settings. Features match by name,
/// case-insensitively (and ignoring surrounding spaces); the result follows `new`'s order.
pub fn compare(old: &Report, new: &Report) -> Comparison {
    let key = |name: &str| name.trim().to_lowercase();
    let old_by_name: HashMap<String, &FeatureReport> =
        old.features.iter().map(|f| (key(&f.name), f)).collect();
    let new_keys: std::collections::HashSet<String> =
        new.features.iter().map(|f| key(&f.name)).collect();
    let mut features = Vec::new();
    let mut only_new = Vec::new();
    for f in &new.features {
        match old_by_name.get(&key(&f.name)) {
            Some(o) => features.push(feature_change(o, f, new.settings.worse_positive)),
            None => only_new.push(f.name.clone()),
        }
    }
    let only_old: Vec<String> = old
        .features
        .iter()
        .filter(|f| !new_keys.contains(&key(&f.name)))
        .map(|f| f.name.clone())
        .collect();
    let mut warnings: Vec<String> = old
        .warnings
        .iter()
        .map(|w| format!("old wave: {w}"))
        .chain(new.warnings.iter().map(|w| format!("new wave: {w}")))
        .collect();
    for name in &only_old {
        warnings.push(format!(
            "feature \"{}\" is only in the old wave; rename it in one file if it is the same feature",
            crate::error::printable(name)
        ));
    }
    for name in &only_new {
        warnings.push(format!(
            "feature \"{}\" is only in the new wave; rename it in one file if it is the same feature",
            crate::error::printable(name)
        ));
    }
    Comparison {
        schema_version: SCHEMA_VERSION,
        kano_version: env!("CARGO_PKG_VERSION").to_string(),
        old: old.input.clone(),
        new: new.input.clone(),
        settings: new.settings.clone(),
        features,
        only_old,
        only_new,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Category::*;

    #[test]
    fn z_test_matches_the_hand_computed_value() {
        // Wave 1: 12 of 40 say A or O (p1 = 0.3); wave 2: 28 of 40 (p2 = 0.7).
        // Pooled p = (12 + 28) / 80 = 0.5; p(1 - p) = 0.25; 1/40 + 1/40 = 0.05;
        // variance = 0.25 * 0.05 = 0.0125; sqrt = 0.111803...; z = 0.4 / 0.111803 = 3.577709.
        let z = two_proportion_z(12, 40, 28, 40).unwrap();
        assert!((z - 3.577_709).abs() < 1e-6, "z = {z}");
        // Unequal bases: 30/100 vs 45/120. p1 = 0.3, p2 = 0.375, pooled = 75/220 = 0.340909;
        // p(1-p) = 0.224690; 1/100 + 1/120 = 0.0183333; variance = 0.00411932; sqrt = 0.0641819;
        // z = 0.075 / 0.0641819 = 1.168553.
        let z = two_proportion_z(30, 100, 45, 120).unwrap();
        assert!((z - 1.168_553).abs() < 1e-5, "z = {z}");
    }

    #[test]
    fn z_test_is_undefined_without_data_or_variance() {
        assert_eq!(two_proportion_z(0, 0, 3, 10), None);
        assert_eq!(two_proportion_z(10, 10, 20, 20), None);
        assert_eq!(two_proportion_z(0, 10, 0, 20), None);
        assert_eq!(two_proportion_z(5, 10, 10, 20), Some(0.0));
    }

    #[test]
    fn drift_names_follow_the_habituation_path() {
        let cases = [
            (Attractive, OneDimensional, Drift::Habituation),
            (OneDimensional, MustBe, Drift::Habituation),
            (Attractive, MustBe, Drift::Habituation),
            (MustBe, OneDimensional, Drift::ReverseDrift),
            (OneDimensional, Attractive, Drift::ReverseDrift),
            (MustBe, Attractive, Drift::ReverseDrift),
            (Attractive, Indifferent, Drift::Other),
            (Indifferent, Attractive, Drift::Other),
            (Reverse, MustBe, Drift::Other),
            (MustBe, MustBe, Drift::Stable),
        ];
        for (old, new, drift) in cases {
            assert_eq!(
                classify_drift(Some(old), Some(new)),
                drift,
                "{old} -> {new}"
            );
        }
        assert_eq!(classify_drift(None, Some(MustBe)), Drift::Unknown);
    }
}
