//! CSV output: one row per feature with every statistic, for spreadsheets and scripts.
//!
//! Text cells (feature names) that a spreadsheet would run as a formula, those starting with
//! `=`, `+`, `-`, `@`, tab or carriage return, get a leading `'` (OWASP "CSV injection");
//! `--raw` turns that off. Numbers are never altered.

use std::io::{self, Write};

use super::Report;

/// The header row, in column order.
pub const COLUMNS: &[&str] = &[
    "rank",
    "feature",
    "category",
    "second_category",
    "mixed",
    "n",
    "missing",
    "invalid",
    "A",
    "O",
    "M",
    "I",
    "R",
    "Q",
    "pct_A",
    "pct_O",
    "pct_M",
    "pct_I",
    "pct_R",
    "pct_Q",
    "category_strength",
    "total_strength",
    "fong_significant",
    "better",
    "better_low",
    "better_high",
    "worse",
    "worse_low",
    "worse_high",
    "functional_mean",
    "functional_sd",
    "dysfunctional_mean",
    "dysfunctional_sd",
    "importance_mean",
    "importance_n",
    "action",
];

/// Protects a text cell from spreadsheet formula injection.
pub fn protect(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A number cell: empty when undefined, `0` for zero (never `-0`), else Rust's shortest form.
pub fn number(value: Option<f64>) -> String {
    match value {
        None => String::new(),
        Some(0.0) => "0".to_string(),
        Some(x) => x.to_string(),
    }
}

fn flag(value: Option<bool>) -> String {
    value.map(|b| b.to_string()).unwrap_or_default()
}

/// Writes the report as CSV; `raw` disables formula protection.
pub fn render(report: &Report, out: &mut dyn Write, raw: bool) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for f in &report.features {
        let text = |s: &str| if raw { s.to_string() } else { protect(s) };
        let pct = f.percentages.map(|p| p.to_array());
        let mut row = vec![
            f.rank.to_string(),
            text(&f.name),
            f.category.clone().unwrap_or_default(),
            f.second_category.clone().unwrap_or_default(),
            f.mixed.to_string(),
            f.n.to_string(),
            f.missing.to_string(),
            f.invalid.to_string(),
        ];
        row.extend(f.counts.to_array().iter().map(u64::to_string));
        row.extend((0..6).map(|i| number(pct.map(|p| p[i]))));
        row.extend([
            number(f.category_strength),
            number(f.total_strength),
            flag(f.fong_significant),
            number(f.better),
            number(f.better_ci.map(|c| c[0])),
            number(f.better_ci.map(|c| c[1])),
            number(f.worse),
            number(f.worse_ci.map(|c| c[0])),
            number(f.worse_ci.map(|c| c[1])),
            number(f.continuous.functional_mean),
            number(f.continuous.functional_sd),
            number(f.continuous.dysfunctional_mean),
            number(f.continuous.dysfunctional_sd),
            number(f.importance.map(|i| i.mean)),
            f.importance.map(|i| i.n.to_string()).unwrap_or_default(),
            f.action.clone().unwrap_or_default(),
        ]);
        writer.write_record(&row)?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_prefixes_are_neutralised_and_plain_text_is_kept() {
        assert_eq!(protect("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(protect("+1"), "'+1");
        assert_eq!(protect("-x"), "'-x");
        assert_eq!(protect("@cmd"), "'@cmd");
        assert_eq!(protect("Live chat"), "Live chat");
    }
}
