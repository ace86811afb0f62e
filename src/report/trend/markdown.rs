//! The trend as a Markdown table: per feature the path, Better and Worse per wave with their
//! Wilson 95% intervals, and the verdict.

use std::io::{self, Write};

use super::series_with_intervals;
use crate::report::compare::star;
use crate::report::markdown::escape;
use crate::trend::Trend;

/// Writes the trend as Markdown.
pub fn render(trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# Kano waves\n")?;
    for (i, w) in trend.waves.iter().enumerate() {
        writeln!(out, "{}. {}", i + 1, escape(&w.path))?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "| Feature | Path | Better | Worse | Significant steps | Verdict |"
    )?;
    writeln!(out, "|---|---|---|---|---|---|")?;
    for f in &trend.features {
        let steps: Vec<String> = f
            .steps
            .iter()
            .filter(|s| s.significant())
            .map(|s| {
                format!(
                    "{}→{} (Better{} Worse{})",
                    s.from,
                    s.to,
                    star(s.better_significant),
                    star(s.worse_significant)
                )
            })
            .collect();
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            escape(&f.name),
            f.path(),
            series_with_intervals(f, true),
            series_with_intervals(f, false),
            if steps.is_empty() {
                "none".to_string()
            } else {
                steps.join(", ")
            },
            f.verdict.name()
        )?;
    }
    if !trend.warnings.is_empty() {
        writeln!(out, "\n## Warnings\n")?;
        for w in &trend.warnings {
            writeln!(out, "- {}", escape(w))?;
        }
    }
    Ok(())
}
