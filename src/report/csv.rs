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
    "category_label",
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

/// The error of a CSV write as the `io::Error` underneath when there is one, so that a closed
/// pipe stays `BrokenPipe` (the csv crate's `From` wraps it as `Other`, and `kano ... -f csv |
/// head` then failed with "Broken pipe" instead of exiting quietly).
pub fn io_error(error: ::csv::Error) -> io::Error {
    match error.into_kind() {
        ::csv::ErrorKind::Io(error) => error,
        kind => io::Error::other(format!("writing CSV: {kind:?}")),
    }
}

/// Protects a text cell: control characters become visible escapes (a CSV piped to a terminal
/// must not drive it), and a cell a spreadsheet would run as a formula gets a leading `'`.
pub fn protect(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{}", crate::error::printable(text))
    } else {
        crate::error::printable(text)
    }
}

/// A text cell as `--raw` asks, the same in every CSV kano writes: protected ([`protect`]), or
/// with `raw` only its control characters escaped (a leading `=` kept as it is).
pub fn cell(text: &str, raw: bool) -> String {
    if raw {
        crate::error::printable(text)
    } else {
        protect(text)
    }
}

/// One cell of a results row, typed so that each format writes it its own way (CSV as text,
/// xlsx as a number, boolean or string cell).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text from the survey or a name (feature, category, action).
    Text(String),
    /// A whole number (rank, counts); empty when undefined.
    Count(Option<u64>),
    /// A real number; empty when undefined.
    Number(Option<f64>),
    /// A yes/no; empty when undefined.
    Flag(Option<bool>),
}

/// A feature's row, one value per entry of [`COLUMNS`], in that order.
pub fn values(f: &FeatureReport) -> Vec<Value> {
    use Value::{Count, Flag, Number, Text};
    let pct = f.percentages.map(|p| p.to_array());
    let mut row = vec![
        Count(Some(f.rank as u64)),
        Text(f.name.clone()),
        Text(f.category.clone().unwrap_or_default()),
        Text(f.category_label.clone().unwrap_or_default()),
        Text(f.second_category.clone().unwrap_or_default()),
        Flag(Some(f.mixed)),
        Count(Some(f.n)),
        Count(Some(f.missing)),
        Count(Some(f.invalid)),
    ];
    row.extend(f.counts.to_array().map(|c| Count(Some(c))));
    row.extend((0..6).map(|i| Number(pct.map(|p| p[i]))));
    row.extend([
        Number(f.category_strength),
        Number(f.total_strength),
        Flag(f.fong_significant),
        Number(f.better),
        Number(f.better_ci.map(|c| c[0])),
        Number(f.better_ci.map(|c| c[1])),
        Number(f.worse),
        Number(f.worse_ci.map(|c| c[0])),
        Number(f.worse_ci.map(|c| c[1])),
        Number(f.continuous.functional_mean),
        Number(f.continuous.functional_sd),
        Number(f.continuous.dysfunctional_mean),
        Number(f.continuous.dysfunctional_sd),
        Number(f.importance.map(|i| i.mean)),
        Count(f.importance.map(|i| i.n)),
        Text(f.action.clone().unwrap_or_default()),
    ]);
    row
}

/// A number cell: empty when undefined, `0` for zero (never `-0`), else Rust's shortest form.
pub fn number(value: Option<f64>) -> String {
    match value {
        None => String::new(),
        Some(0.0) => "0".to_string(),
        Some(x) => x.to_string(),
    }
}

/// The columns `--by` adds: per test (categories, Better, Worse) Pearson's chi-square, its
/// degrees of freedom, the p-value, the Holm-adjusted p-value and the method (`chi-square`,
/// `monte-carlo`, `chi-square-small-expected`); filled on the `(all)` rows only.
pub const SEGMENT_TEST_COLUMNS: [&str; 15] = [
    "categories_chi_square",
    "categories_df",
    "categories_p",
    "categories_p_holm",
    "categories_method",
    "better_chi_square",
    "better_df",
    "better_p",
    "better_p_holm",
    "better_method",
    "worse_chi_square",
    "worse_df",
    "worse_p",
    "worse_p_holm",
    "worse_method",
];

/// The cells of [`SEGMENT_TEST_COLUMNS`] for one feature's tests (empty when undefined).
fn segment_test_cells(test: Option<&crate::segments::SegmentTest>) -> Vec<String> {
    let mut cells = Vec::with_capacity(SEGMENT_TEST_COLUMNS.len());
    for family in [
        test.and_then(|t| t.categories),
        test.and_then(|t| t.better),
        test.and_then(|t| t.worse),
    ] {
        match family {
            Some(t) => cells.extend([
                number(Some(t.statistic)),
                t.df.to_string(),
                number(Some(t.p)),
                number(Some(t.p_holm)),
                t.method.name().to_string(),
            ]),
            None => cells.extend(std::iter::repeat_n(String::new(), 5)),
        }
    }
    cells
}

/// Writes the report as CSV; `raw` disables formula protection.
///
/// With `--by`, a first `segment` column holds `(all)` for the overall rows and the segment's
/// value for the others; with `--drop-inconsistent`, a last `dropped_respondents` column says
/// how many respondents were left out of the analysis; with `--by`, the between-segments tests'
/// columns ([`SEGMENT_TEST_COLUMNS`]) follow, filled on the `(all)` rows; with `--refined`, a
/// last `refined_category` column.
pub fn render(report: &Report, out: &mut dyn Write, raw: bool) -> io::Result<()> {
    write(report, out, raw).map_err(io_error)
}

fn write(report: &Report, out: &mut dyn Write, raw: bool) -> ::csv::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    let segmented = report.segment_by.is_some();
    let dropped = report
        .respondent_checks
        .filter(|c| c.filtered())
        .map(|c| c.left_out());
    let mut header: Vec<&str> = Vec::new();
    if segmented {
        header.push("segment");
    }
    header.extend(COLUMNS);
    if dropped.is_some() {
        header.push("dropped_respondents");
    }
    let tested = !report.segment_tests.is_empty();
    if tested {
        header.extend(SEGMENT_TEST_COLUMNS);
    }
    let refined = report.settings.refined;
    if refined {
        header.push("refined_category");
    }
    writer.write_record(&header)?;
    let text = |s: &str| cell(s, raw);
    let mut groups: Vec<(String, &[FeatureReport])> = vec![("(all)".to_string(), &report.features)];
    groups.extend(
        report
            .segments
            .iter()
            .map(|s| (text(&s.value), s.features.as_slice())),
    );
    for (segment, features) in groups {
        for f in features {
            let mut row: Vec<String> = values(f)
                .into_iter()
                .map(|value| match value {
                    Value::Text(s) => text(&s),
                    Value::Count(c) => c.map(|c| c.to_string()).unwrap_or_default(),
                    Value::Number(x) => number(x),
                    Value::Flag(b) => b.map(|b| b.to_string()).unwrap_or_default(),
                })
                .collect();
            if segmented {
                row.insert(0, segment.clone());
            }
            if let Some(d) = dropped {
                row.push(d.to_string());
            }
            if tested {
                let test = (segment == "(all)")
                    .then(|| report.segment_tests.iter().find(|t| t.name == f.name))
                    .flatten();
                row.extend(segment_test_cells(test));
            }
            if refined {
                row.push(text(
                    f.refined_category
                        .clone()
                        .flatten()
                        .as_deref()
                        .unwrap_or_default(),
                ));
            }
            writer.write_record(&row)?;
        }
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_value() {
        let report = FeatureReport {
            name: "x".to_string(),
            rank: 1,
            n: 0,
            missing: 0,
            invalid: 0,
            counts: crate::report::Counts::from_array([0; 6]),
            percentages: None,
            category: None,
            category_label: None,
            second_category: None,
            category_strength: None,
            total_strength: None,
            mixed: false,
            fong_significant: None,
            better: None,
            better_ci: None,
            worse: None,
            worse_ci: None,
            continuous: crate::report::ContinuousInfo {
                functional_mean: None,
                functional_sd: None,
                dysfunctional_mean: None,
                dysfunctional_sd: None,
            },
            importance: None,
            action: None,
            refined_category: None,
        };
        assert_eq!(values(&report).len(), COLUMNS.len());
    }

    #[test]
    fn formula_prefixes_are_neutralised_and_plain_text_is_kept() {
        assert_eq!(protect("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(protect("+1"), "'+1");
        assert_eq!(protect("-x"), "'-x");
        assert_eq!(protect("@cmd"), "'@cmd");
        assert_eq!(protect("Live chat"), "Live chat");
        assert_eq!(protect("Tab\u{1b}[31m"), "Tab\\u{1b}[31m");
        assert_eq!(protect("\tx"), "'\\tx");
    }
}
