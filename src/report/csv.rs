//! CSV output: one row per feature with every statistic, for spreadsheets and scripts.
//!
//! Text cells (feature names) that a spreadsheet would run as a formula, those starting with
//! `=`, `+`, `-`, `@`, tab or carriage return, get a leading `'` (OWASP "CSV injection");
//! `--raw` turns that off. Numbers are never altered.

use std::io::{self, Write};

use super::{FeatureReport, Report};

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

fn number(value: Option<f64>) -> String {
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
///
/// With `--by`, a first `segment` column holds `(all)` for the overall rows and the segment's
/// value for the others; with `--drop-inconsistent`, a last `dropped_respondents` column says
/// how many respondents were left out of the analysis.
pub fn render(report: &Report, out: &mut dyn Write, raw: bool) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    let segmented = report.segment_by.is_some();
    let dropped = report
        .respondent_checks
        .filter(|c| c.drop_threshold.is_some())
        .map(|c| c.dropped);
    let mut header: Vec<&str> = Vec::new();
    if segmented {
        header.push("segment");
    }
    header.extend(COLUMNS);
    if dropped.is_some() {
        header.push("dropped_respondents");
    }
    writer.write_record(&header)?;
    let text = |s: &str| if raw { s.to_string() } else { protect(s) };
    let mut groups: Vec<(String, &[FeatureReport])> = vec![("(all)".to_string(), &report.features)];
    groups.extend(
        report
            .segments
            .iter()
            .map(|s| (text(&s.value), s.features.as_slice())),
    );
    for (segment, features) in groups {
        for f in features {
            let mut row = feature_row(f, &text);
            if segmented {
                row.insert(0, segment.clone());
            }
            if let Some(d) = dropped {
                row.push(d.to_string());
            }
            writer.write_record(&row)?;
        }
    }
    writer.flush()?;
    Ok(())
}

/// One feature's cells, in [`COLUMNS`] order.
pub fn feature_row(f: &FeatureReport, text: &dyn Fn(&str) -> String) -> Vec<String> {
    {
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
        row
    }
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
