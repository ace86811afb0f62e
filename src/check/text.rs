//! `kano check --format text`: one line per rule and feature, PASS or FAIL with the measured
//! value and the limit, then a summary line. Colour only when asked to; untrusted names and
//! messages are shown with control characters escaped.

use std::io::{self, Write};

use super::CheckReport;
use crate::error::printable;

use anstyle::{AnsiColor, Style};

const GREEN: Style = AnsiColor::Green.on_default();
const RED: Style = AnsiColor::Red.on_default().bold();

/// Writes the results as text, coloured with ANSI escapes when `color`.
pub fn render(check: &CheckReport, out: &mut dyn Write, color: bool) -> io::Result<()> {
    let input = &check.input;
    let respondents = input.respondents.map_or_else(
        || "published counts".to_string(),
        |n| format!("{n} respondents"),
    );
    write!(
        out,
        "kano check of {} ({respondents}, {} layout, {} feature{}",
        printable(&input.path),
        input.layout,
        input.features,
        if input.features == 1 { "" } else { "s" }
    )?;
    if let Some(baseline) = &input.baseline {
        write!(out, ", baseline {}", printable(baseline))?;
    }
    writeln!(out, ")")?;
    let width = check
        .results
        .iter()
        .map(|r| r.rule.name().len())
        .max()
        .unwrap_or(0);
    for result in &check.results {
        let (status, start) = if result.passed {
            ("PASS", GREEN)
        } else {
            ("FAIL", RED)
        };
        if color {
            write!(out, "{start}{status}{start:#}")?;
        } else {
            write!(out, "{status}")?;
        }
        let rule = result.rule.name();
        match &result.feature {
            Some(feature) => writeln!(
                out,
                "  {rule:<width$}  {}: {}",
                printable(feature),
                printable(&result.message)
            )?,
            None => writeln!(out, "  {rule:<width$}  {}", printable(&result.message))?,
        }
    }
    let summary = printable(&check.summary());
    match (color, check.passed) {
        (true, true) => writeln!(out, "{GREEN}{summary}{GREEN:#}"),
        (true, false) => writeln!(out, "{RED}{summary}{RED:#}"),
        (false, _) => writeln!(out, "{summary}"),
    }
}
