//! Markdown output of `kano compare`: a table of the changes, the features found in one wave
//! only, and the warnings.

use std::io::{self, Write};

use super::{signed, star};
use crate::compare::Comparison;
use crate::report::fixed;
use crate::report::markdown::escape;

fn respondents(n: Option<u64>) -> String {
    n.map_or_else(
        || "published counts".to_string(),
        |n| format!("{n} respondents"),
    )
}

/// Writes the comparison as Markdown.
pub fn render(c: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "# Kano wave comparison\n\nOld: {} ({}). New: {} ({}). {} table, rule {}, tie order {}.\n",
        escape(&c.old.path),
        respondents(c.old.respondents),
        escape(&c.new.path),
        respondents(c.new.respondents),
        c.settings.table,
        c.settings.rule,
        c.settings.tie_order
    )?;
    writeln!(
        out,
        "| Feature | Category then | Category now | Better then | Better now | Change | Worse then | Worse now | Change | Drift |"
    )?;
    writeln!(out, "|---|---|---|---:|---:|---:|---:|---:|---:|---|")?;
    for f in &c.features {
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {}{} | {} | {} | {}{} | {} |",
            escape(&f.name),
            f.old.category.as_deref().unwrap_or("-"),
            f.new.category.as_deref().unwrap_or("-"),
            fixed(f.old.better, 2),
            fixed(f.new.better, 2),
            signed(f.better_change, 2),
            star(f.better_significant),
            fixed(f.old.worse, 2),
            fixed(f.new.worse, 2),
            signed(f.worse_change, 2),
            star(f.worse_significant),
            f.drift.name()
        )?;
    }
    writeln!(
        out,
        "\n\\* significant change (two-proportion z-test on A+O+M+I, |z| >= 1.96). Drift: \
         habituation is the expected path attractive -> one-dimensional -> must-be."
    )?;
    let list = |names: &[String]| {
        names
            .iter()
            .map(|n| escape(n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !c.only_old.is_empty() {
        writeln!(out, "\nOnly in the old wave: {}.", list(&c.only_old))?;
    }
    if !c.only_new.is_empty() {
        writeln!(out, "\nOnly in the new wave: {}.", list(&c.only_new))?;
    }
    if !c.warnings.is_empty() {
        writeln!(out, "\n## Warnings\n")?;
        for w in &c.warnings {
            writeln!(out, "- {}", escape(w))?;
        }
    }
    Ok(())
}
