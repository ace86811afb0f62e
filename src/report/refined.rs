//! Yang's (2005) refined categories (`--refined`) as text cells, shared by the table, Markdown,
//! HTML and xlsx renderers. Formatting only; [`super::build`] sets them.

use super::{fixed, Report};

/// The column headers of the refined-categories table.
pub const HEADERS: [&str; 4] = ["Feature", "Category", "Importance", "Refined (Yang 2005)"];

/// The rows, in the report's feature order: name (untrusted: the caller escapes it), category,
/// mean importance and refined category (`-` when undefined).
pub fn rows(report: &Report) -> Vec<[String; 4]> {
    report
        .features
        .iter()
        .map(|f| {
            [
                f.name.clone(),
                f.category_label(),
                fixed(f.importance.map(|i| i.mean), 2),
                f.refined_category
                    .clone()
                    .flatten()
                    .unwrap_or_else(|| "-".to_string()),
            ]
        })
        .collect()
}

/// The heading, with the importance the categories split at.
pub fn heading(report: &Report) -> String {
    format!(
        "Refined categories (Yang 2005), split at the survey's mean importance {}",
        fixed(report.refined_importance, 2)
    )
}

/// What the refined categories mean.
pub fn legend() -> &'static str {
    "Above the survey's mean importance (the mean of the features' means): highly attractive, \
     high value-added, critical, potential; at or below it: less attractive, low value-added, \
     necessary, indifferent (attractive, one-dimensional, must-be, indifferent). Reverse, \
     questionable and features without importance: -."
}
