//! Following a survey over many waves: each feature's category, Better and Worse in every wave,
//! each step's change with its significance (the two-wave test of [`mod@crate::compare`]), and a
//! verdict on the whole path (KANO-METHOD.md section 4: delighters become one-dimensional,
//! one-dimensional features become must-be).
//!
//! Pure: it takes [`Report`]s built under the same settings, oldest first, and returns a
//! [`Trend`], whose serde shape is the JSON contract of `kano compare` with three or more waves
//! (`schema_version` 1).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::compare::{feature_change, Drift, WaveFeature};
use crate::report::{FeatureReport, InputInfo, Report, SettingsInfo, SCHEMA_VERSION};

/// The verdict on a feature's path through the waves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// It moves along attractive -> one-dimensional -> must-be (never back), ends further along
    /// than it started, and at least one step forward is significant.
    Habituation,
    /// A significant step against that path (must-be -> one-dimensional -> attractive), or a
    /// significant step into reverse or indifferent.
    ReverseDrift,
    /// Neither: the category holds, or moves only within the noise.
    Stable,
}

impl Verdict {
    /// The name used in JSON, CSV and tables.
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Habituation => "habituation",
            Verdict::ReverseDrift => "reverse-drift",
            Verdict::Stable => "stable",
        }
    }
}

/// One step between consecutive waves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// Wave number the step starts from (1-based).
    pub from: usize,
    /// Wave number it goes to.
    pub to: usize,
    /// How the category moved (as in the two-wave comparison).
    pub drift: Drift,
    /// Better's change.
    pub better_change: Option<f64>,
    /// Two-proportion z of Better's change.
    pub better_z: Option<f64>,
    /// |better_z| >= 1.96.
    pub better_significant: Option<bool>,
    /// Worse's change.
    pub worse_change: Option<f64>,
    /// Two-proportion z of Worse's change.
    pub worse_z: Option<f64>,
    /// |worse_z| >= 1.96.
    pub worse_significant: Option<bool>,
}

impl Step {
    /// Whether Better or Worse changed significantly.
    pub fn significant(&self) -> bool {
        self.better_significant == Some(true) || self.worse_significant == Some(true)
    }
}

/// One feature through all waves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureTrend {
    /// The name as spelled in the newest wave.
    pub name: String,
    /// The feature in each wave, oldest first (category, Better and Worse with intervals, n).
    pub waves: Vec<WaveFeature>,
    /// The steps between consecutive waves.
    pub steps: Vec<Step>,
    /// The verdict on the whole path.
    pub verdict: Verdict,
}

impl FeatureTrend {
    /// The categories' letters joined by arrows, e.g. `A → O → M`.
    pub fn path(&self) -> String {
        self.waves
            .iter()
            .map(|w| {
                w.category()
                    .map_or("-".to_string(), |c| c.letter().to_string())
            })
            .collect::<Vec<_>>()
            .join(" \u{2192} ")
    }
}

/// Many waves followed: the JSON envelope of `kano compare` with three or more waves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trend {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The kano version that wrote it.
    pub kano_version: String,
    /// The waves' inputs, oldest first.
    pub waves: Vec<InputInfo>,
    /// The conventions used for every wave.
    pub settings: SettingsInfo,
    /// Features present in every wave, in the newest wave's priority order.
    pub features: Vec<FeatureTrend>,
    /// Features missing from at least one wave (not followed).
    pub incomplete: Vec<String>,
    /// Warnings of every wave (prefixed with the wave) and of the matching.
    pub warnings: Vec<String>,
}

/// The position on the habituation path: attractive 0, one-dimensional 1, must-be 2.
fn path_rank(category: Option<Category>) -> Option<u8> {
    match category? {
        Category::Attractive => Some(0),
        Category::OneDimensional => Some(1),
        Category::MustBe => Some(2),
        _ => None,
    }
}

/// The verdict on a path of categories and its steps (`steps[i]` goes from `categories[i]` to
/// `categories[i + 1]`).
pub fn verdict(categories: &[Option<Category>], steps: &[Step]) -> Verdict {
    let ranks: Vec<Option<u8>> = categories.iter().map(|c| path_rank(*c)).collect();
    let backward_or_out = steps.iter().enumerate().any(|(i, step)| {
        let (from, to) = (ranks[i], ranks[i + 1]);
        let against = matches!((from, to), (Some(a), Some(b)) if b < a);
        let into_out = matches!(
            categories[i + 1],
            Some(Category::Reverse | Category::Indifferent)
        ) && categories[i] != categories[i + 1];
        step.significant() && (against || into_out)
    });
    if backward_or_out {
        return Verdict::ReverseDrift;
    }
    let all_on_path = ranks.iter().all(Option::is_some);
    let monotone = ranks.windows(2).all(|w| w[0] <= w[1]);
    let further = ranks.first() < ranks.last();
    let significant_forward = steps
        .iter()
        .enumerate()
        .any(|(i, step)| step.significant() && ranks[i] < ranks[i + 1]);
    if all_on_path && monotone && further && significant_forward {
        Verdict::Habituation
    } else {
        Verdict::Stable
    }
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// Follows features through `reports` (oldest first, at least two, built under the same
/// settings). Features match by name, case-insensitively; those missing from any wave are
/// listed in `incomplete`.
pub fn trend(reports: &[Report]) -> Trend {
    let Some(newest) = reports.last() else {
        return Trend {
            schema_version: SCHEMA_VERSION,
            kano_version: env!("CARGO_PKG_VERSION").to_string(),
            waves: Vec::new(),
            settings: SettingsInfo::from(&crate::stats::Settings::default()),
            features: Vec::new(),
            incomplete: Vec::new(),
            warnings: Vec::new(),
        };
    };
    let worse_positive = newest.settings.worse_positive;
    let by_name: Vec<HashMap<String, &FeatureReport>> = reports
        .iter()
        .map(|r| r.features.iter().map(|f| (key(&f.name), f)).collect())
        .collect();
    let mut features = Vec::new();
    let mut incomplete: Vec<String> = Vec::new();
    let mut warnings: Vec<String> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        warnings.extend(r.warnings.iter().map(|w| format!("wave {}: {w}", i + 1)));
    }
    for f in &newest.features {
        let found: Option<Vec<&FeatureReport>> = by_name
            .iter()
            .map(|m| m.get(&key(&f.name)).copied())
            .collect();
        let Some(found) = found else {
            incomplete.push(f.name.clone());
            continue;
        };
        let steps: Vec<Step> = found
            .windows(2)
            .enumerate()
            .map(|(i, pair)| {
                let change = feature_change(pair[0], pair[1], worse_positive);
                Step {
                    from: i + 1,
                    to: i + 2,
                    drift: change.drift,
                    better_change: change.better_change,
                    better_z: change.better_z,
                    better_significant: change.better_significant,
                    worse_change: change.worse_change,
                    worse_z: change.worse_z,
                    worse_significant: change.worse_significant,
                }
            })
            .collect();
        let waves: Vec<WaveFeature> = found.iter().map(|r| WaveFeature::from_report(r)).collect();
        let categories: Vec<Option<Category>> = waves.iter().map(WaveFeature::category).collect();
        features.push(FeatureTrend {
            name: f.name.clone(),
            verdict: verdict(&categories, &steps),
            waves,
            steps,
        });
    }
    for m in &by_name[..by_name.len() - 1] {
        for f in m.values() {
            let present = newest.features.iter().any(|n| key(&n.name) == key(&f.name));
            if !present && !incomplete.iter().any(|n| key(n) == key(&f.name)) {
                incomplete.push(f.name.clone());
            }
        }
    }
    incomplete.sort();
    for name in &incomplete {
        warnings.push(format!(
            "feature \"{}\" is not in every wave and is not followed; rename it where it is \
             spelled differently",
            crate::error::printable(name)
        ));
    }
    Trend {
        schema_version: SCHEMA_VERSION,
        kano_version: env!("CARGO_PKG_VERSION").to_string(),
        waves: reports.iter().map(|r| r.input.clone()).collect(),
        settings: newest.settings.clone(),
        features,
        incomplete,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Category::*;

    fn step(significant: bool) -> Step {
        Step {
            from: 1,
            to: 2,
            drift: Drift::Stable,
            better_change: Some(0.0),
            better_z: Some(0.0),
            better_significant: Some(false),
            worse_change: Some(0.0),
            worse_z: Some(0.0),
            worse_significant: Some(significant),
        }
    }

    #[test]
    fn verdicts_follow_the_path_and_its_significance() {
        let (s, n) = (step(true), step(false));
        let cases: &[(&[Category], &[&Step], Verdict)] = &[
            (
                &[Attractive, OneDimensional, MustBe],
                &[&s, &s],
                Verdict::Habituation,
            ),
            (
                &[Attractive, Attractive, OneDimensional],
                &[&n, &s],
                Verdict::Habituation,
            ),
            (&[Attractive, OneDimensional], &[&n], Verdict::Stable),
            (&[MustBe, MustBe, MustBe], &[&n, &n], Verdict::Stable),
            (
                &[OneDimensional, Attractive, OneDimensional],
                &[&n, &n],
                Verdict::Stable,
            ),
            (&[MustBe, OneDimensional], &[&s], Verdict::ReverseDrift),
            (&[MustBe, Indifferent], &[&s], Verdict::ReverseDrift),
            (&[MustBe, Indifferent], &[&n], Verdict::Stable),
            (
                &[Attractive, MustBe, OneDimensional],
                &[&s, &s],
                Verdict::ReverseDrift,
            ),
            (
                &[Indifferent, Attractive, OneDimensional],
                &[&s, &s],
                Verdict::Stable,
            ),
        ];
        for (categories, steps, expected) in cases {
            let categories: Vec<Option<Category>> = categories.iter().map(|c| Some(*c)).collect();
            let steps: Vec<Step> = steps.iter().map(|s| (*s).clone()).collect();
            assert_eq!(
                verdict(&categories, &steps),
                *expected,
                "{categories:?} {:?}",
                steps.iter().map(Step::significant).collect::<Vec<_>>()
            );
        }
    }
}
