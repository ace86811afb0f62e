//! The between-segment tests of `analyze --by` as text cells, shared by the table, Markdown,
//! HTML and xlsx renderers so every format says the same thing in the same words. Formatting
//! only; the tests are computed in [`crate::segments`].

use crate::segments::{Method, SegmentTest, Test, REPLICATES, SEED};

use super::Report;

/// The column headers of the between-segments table.
pub const HEADERS: [&str; 4] = [
    "Feature",
    "Category p (Holm)",
    "Better p (Holm)",
    "Worse p (Holm)",
];

/// A p-value with three decimals, `<0.001` below that.
pub fn p_value(p: f64) -> String {
    if p < 0.001 {
        "<0.001".to_string()
    } else {
        format!("{p:.3}")
    }
}

/// One test as a cell: `0.012 (0.037)`, with `MC` for a Monte Carlo p-value and `~` for a
/// chi-square p-value kept despite small expected counts; `-` when undefined.
pub fn cell(test: Option<&Test>) -> String {
    match test {
        None => "-".to_string(),
        Some(t) => {
            let mark = match t.method {
                Method::ChiSquare => "",
                Method::MonteCarlo => " MC",
                Method::ChiSquareSmallExpected => " ~",
            };
            format!("{} ({}){mark}", p_value(t.p), p_value(t.p_holm))
        }
    }
}

/// The rows of the between-segments table: the feature name (untrusted: the caller escapes it)
/// and the three test cells.
pub fn rows(tests: &[SegmentTest]) -> Vec<[String; 4]> {
    tests
        .iter()
        .map(|t| {
            [
                t.name.clone(),
                cell(t.categories.as_ref()),
                cell(t.better.as_ref()),
                cell(t.worse.as_ref()),
            ]
        })
        .collect()
}

/// The heading line of the section (the column name is untrusted: the caller escapes it).
pub fn heading(report: &Report) -> String {
    format!(
        "Between segments of {}",
        report.segment_by.as_deref().unwrap_or("")
    )
}

/// What the cells mean, with the method's sources and the Monte Carlo seed.
pub fn legend() -> String {
    format!(
        "p: whether the feature's category distribution, Better or Worse differs between \
         segments, by Pearson's chi-square test of independence (for Better and Worse between two \
         segments, the two-proportion z-test squared); in brackets adjusted across features by \
         Holm's method (1979). MC: Monte Carlo p-value ({REPLICATES} tables with the observed \
         margins, seed {SEED}) where expected counts are small (Cochran 1954); ~: chi-square \
         approximation kept despite small expected counts (too many answers to simulate); -: \
         fewer than two segments or outcomes with answers."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_show_p_holm_and_the_method() {
        let test = Test {
            statistic: 5.0,
            df: 1,
            p: 0.012_34,
            p_holm: 0.037,
            method: Method::MonteCarlo,
            replicates: Some(REPLICATES),
            seed: Some(SEED),
        };
        assert_eq!(cell(Some(&test)), "0.012 (0.037) MC");
        assert_eq!(cell(None), "-");
        assert_eq!(p_value(0.000_01), "<0.001");
    }
}
