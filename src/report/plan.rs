//! `kano plan` output: the sample sizes as sentences for the terminal, or as JSON.

use std::io::{self, Write};

use crate::plan::Plan;

fn percent(share: f64) -> String {
    let p = share * 100.0;
    if (p - p.round()).abs() < 1e-9 {
        format!("{p:.0}%")
    } else {
        format!("{p}%")
    }
}

/// Writes the plan as text: one requirement per paragraph, the number to invite last.
pub fn render_text(plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
    let assumption = if (plan.expected - 0.5).abs() < 1e-12 {
        "worst case p = 0.5".to_string()
    } else {
        format!("expected p = {}", plan.expected)
    };
    writeln!(
        out,
        "Better and Worse within +/- {} (95% Wilson interval, {assumption}):",
        plan.precision
    )?;
    writeln!(
        out,
        "  {} valid answers (A+O+M+I) per feature",
        plan.n_coefficients
    )?;
    writeln!(
        out,
        "Fong's test separating two categories {} apart (worst case):",
        plan.gap
    )?;
    writeln!(out, "  {} valid answers per feature", plan.n_fong)?;
    writeln!(
        out,
        "Invite {} respondents: {} valid answers after {} are missing, reverse or questionable.",
        plan.n_invite,
        plan.n_coefficients.max(plan.n_fong),
        percent(plan.loss)
    )
}

/// The JSON Schema (draft 2020-12) of `kano plan --format json`, derived from [`Plan`]; shipped
/// as schema/kano-plan.schema.json.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Plan)).unwrap_or_default()
}

/// Writes the plan as one JSON object with exactly the keys of [`Plan`].
pub fn render_json(plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
    crate::report::json::to_writer_pretty(&mut *out, plan)?;
    writeln!(out)
}
