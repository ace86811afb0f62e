//! The terminal view of a trend: the waves, then per feature its path of categories and
//! verdict, and its Better and Worse series (`*` after a significant step).

use std::io::{self, Write};

use super::super::compare::star;
use crate::error::printable;
use crate::report::fixed;
use crate::report::text::{clip, columns, is_clipped, pad, NAME_COLUMNS};
use crate::trend::FeatureTrend;
use crate::trend::Trend;

/// One value per wave in columns of seven, `*` after a value whose step was significant.
fn series(f: &FeatureTrend, better: bool) -> String {
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
            format!("{:>6}{mark:<1}", fixed(value, 2))
        })
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Writes the trend for the terminal.
pub fn render(trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "Waves:")?;
    for (i, w) in trend.waves.iter().enumerate() {
        let n = w.respondents.map_or_else(
            || "published counts".to_string(),
            |n| format!("{n} respondents"),
        );
        writeln!(out, "  {}  {} ({n})", i + 1, printable(&w.path))?;
    }
    let width = trend
        .features
        .iter()
        .map(|f| columns(&clip(&f.name, NAME_COLUMNS)))
        .max()
        .unwrap_or(0)
        .max(7);
    let numbers: String = (1..=trend.waves.len())
        .map(|i| format!("{i:>6} "))
        .collect();
    writeln!(out, "  {}{}", pad("Wave", width), numbers.trim_end())?;
    for f in &trend.features {
        writeln!(
            out,
            "{}  {}  {}",
            pad(&clip(&f.name, NAME_COLUMNS), width),
            f.path(),
            f.verdict.name()
        )?;
        writeln!(out, "  {}{}", pad("Better", width), series(f, true))?;
        writeln!(out, "  {}{}", pad("Worse", width), series(f, false))?;
    }
    if trend
        .features
        .iter()
        .any(|f| is_clipped(&f.name, NAME_COLUMNS))
    {
        writeln!(
            out,
            "Names longer than {NAME_COLUMNS} columns are cut with …; --format json gives them in full."
        )?;
    }
    if !trend.incomplete.is_empty() {
        let names: Vec<String> = trend.incomplete.iter().map(|n| printable(n)).collect();
        writeln!(out, "Not in every wave: {}.", names.join(", "))?;
    }
    writeln!(
        out,
        "A attractive, O one-dimensional, M must-be, I indifferent, R reverse, Q questionable.\n\
         * = significant change from the wave before (two-proportion z-test, |z| >= 1.96).\n\
         habituation: along A -> O -> M with a significant step; reverse-drift: a significant\n\
         step back along it or into I or R; stable: neither."
    )
}
