//! Renderers of a [`Trend`](crate::trend::Trend) (`kano compare` with three or more waves), one
//! file per format; they format, never compute.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod table;

use super::compare::star;
use super::fixed;
use crate::trend::FeatureTrend;

/// A series of values, one per wave, with `*` after a value whose step from the wave before was
/// significant: `0.80 → 0.62* → 0.40*`.
pub fn series(f: &FeatureTrend, better: bool) -> String {
    f.waves
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let value = if better { w.better } else { w.worse };
            let mark = match i.checked_sub(1).and_then(|s| f.steps.get(s)) {
                Some(step) if better => star(step.better_significant),
                Some(step) => star(step.worse_significant),
                None => "",
            };
            format!("{}{mark}", fixed(value, 2))
        })
        .collect::<Vec<_>>()
        .join(" \u{2192} ")
}

/// A series with the Wilson 95% interval of each value: `0.80 [0.65, 0.90] → ...`.
pub fn series_with_intervals(f: &FeatureTrend, better: bool) -> String {
    f.waves
        .iter()
        .map(|w| {
            let (value, ci) = if better {
                (w.better, w.better_ci)
            } else {
                (w.worse, w.worse_ci)
            };
            match ci {
                Some([lo, hi]) => format!(
                    "{} [{}, {}]",
                    fixed(value, 2),
                    fixed(Some(lo), 2),
                    fixed(Some(hi), 2)
                ),
                None => fixed(value, 2),
            }
        })
        .collect::<Vec<_>>()
        .join(" \u{2192} ")
}
