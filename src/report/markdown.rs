//! Markdown output: a GitHub-flavoured table for issues, wikis and reports.

use std::io::{self, Write};

use super::{fixed, FeatureReport, Report};

/// Escapes text for a Markdown table cell: markup characters are backslash-escaped, angle
/// brackets become entities, line breaks become spaces, other control characters escapes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let flat = text.replace(['\r', '\n', '\t'], " ");
    for c in crate::error::printable(&flat).chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// Writes the report as Markdown.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let respondents = report.input.respondents.map_or_else(
        || "published counts".to_string(),
        |n| format!("{n} respondents"),
    );
    writeln!(
        out,
        "# Kano analysis of {}\n\n{respondents}; {} table, rule {}, tie order {}.\n",
        escape(&report.input.path),
        report.settings.table,
        report.settings.rule,
        report.settings.tie_order
    )?;
    if let Some(line) = super::convention_line(&report.settings) {
        writeln!(out, "{}\n", escape(&line))?;
    }
    features_table(out, &report.features)?;
    if let Some(column) = &report.segment_by {
        for segment in &report.segments {
            writeln!(
                out,
                "\n## {} = {} ({} respondents)\n",
                escape(column),
                escape(&segment.value),
                segment.respondents
            )?;
            features_table(out, &segment.features)?;
        }
    }
    if !report.segment_tests.is_empty() {
        segment_tests_table(out, report)?;
    }
    if report.settings.refined {
        refined_table(out, report)?;
    }
    if let Some(c) = &report.respondent_checks {
        writeln!(
            out,
            "\nRespondents checked: {}; with questionable pairs: {}; straight-lining: {}; {}.",
            c.respondents,
            c.with_questionable,
            c.straight_liners,
            c.left_out_text()
        )?;
    }
    let notes = super::reading_notes(&report.reading.ignored_columns);
    if !notes.is_empty() {
        writeln!(out, "\n## Notes\n")?;
        for note in &notes {
            writeln!(out, "- {}", escape(note))?;
        }
    }
    if !report.warnings.is_empty() {
        writeln!(out, "\n## Warnings\n")?;
        for w in &report.warnings {
            writeln!(out, "- {}", escape(w))?;
        }
    }
    Ok(())
}

/// The between-segments tests of `--by`, with what they mean below.
fn segment_tests_table(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    use super::segment_tests::{heading, legend, rows, HEADERS};
    writeln!(out, "\n## {}\n", escape(&heading(report)))?;
    writeln!(out, "| {} |", HEADERS.join(" | "))?;
    writeln!(out, "|---|---:|---:|---:|")?;
    for [name, categories, better, worse] in rows(&report.segment_tests) {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&name),
            escape(&categories),
            escape(&better),
            escape(&worse)
        )?;
    }
    writeln!(out, "\n{}", escape(&legend()))
}

/// Yang's refined categories (`--refined`), with what they mean below.
fn refined_table(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    use super::refined::{heading, legend, rows, HEADERS};
    writeln!(out, "\n## {}\n", escape(&heading(report)))?;
    writeln!(out, "| {} |", HEADERS.join(" | "))?;
    writeln!(out, "|---|---|---:|---|")?;
    for [name, category, importance, refined] in rows(report) {
        writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&name),
            escape(&category),
            importance,
            escape(&refined)
        )?;
    }
    writeln!(out, "\n{}", escape(legend()))
}

fn features_table(out: &mut dyn Write, features: &[FeatureReport]) -> io::Result<()> {
    writeln!(
        out,
        "| # | Feature | Category | A | O | M | I | R | Q | n | Strength | Better | Worse | Importance | Action |"
    )?;
    writeln!(
        out,
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    )?;
    for f in features {
        let c = f.counts;
        writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            f.rank,
            escape(&f.name),
            escape(&f.category_label()),
            c.A,
            c.O,
            c.M,
            c.I,
            c.R,
            c.Q,
            f.n,
            fixed(f.category_strength, 1),
            fixed(f.better, 2),
            fixed(f.worse, 2),
            fixed(f.importance.map(|i| i.mean), 2),
            f.action.as_deref().unwrap_or("-"),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_names_is_escaped() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(escape("<script>"), "&lt;script&gt;");
        assert_eq!(escape("**bold**"), "\\*\\*bold\\*\\*");
        assert_eq!(escape("line\nbreak"), "line break");
    }
}
