//! `kano inspect`'s view: how a file was read, built from a [`Survey`] and rendered as text or
//! JSON. Survey text is shown with control characters escaped.

use std::io::{self, Write};

use serde::Serialize;

use super::{delimiter_name, InputInfo, MergedVersion, RespondentChecks, SCHEMA_VERSION};
use crate::error::printable;
use crate::input::Survey;

/// One feature and the columns it was read from.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct InspectedFeature {
    /// Display name.
    pub name: String,
    /// Functional, dysfunctional and (when present) importance columns; category columns for
    /// the counts layout.
    pub columns: Vec<String>,
}

/// One distinct answer label.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct InspectedLabel {
    /// The label as found (trimmed).
    pub label: String,
    /// Cells holding it.
    pub count: u64,
    /// What it decodes to, or null when unknown.
    pub answer: Option<String>,
    /// Whether kano inferred that answer from the label's words.
    pub inferred: bool,
}

/// Everything `kano inspect` shows.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Inspection {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Path, layout, respondents.
    pub input: InputInfo,
    /// Encoding (and how it was found).
    pub encoding: String,
    /// Whether the file was gzip-compressed.
    pub gzip: bool,
    /// The sheet, for spreadsheets.
    pub sheet: Option<String>,
    /// The delimiter's name.
    pub delimiter: String,
    /// Header rows.
    pub header_rows: usize,
    /// How the features' columns were found.
    pub pairing: String,
    /// Features in file order.
    pub features: Vec<InspectedFeature>,
    /// Columns that are part of no feature.
    pub ignored_columns: Vec<String>,
    /// Features asked in two form versions and read as one; absent when none was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_versions: Vec<MergedVersion>,
    /// Every distinct answer label, most frequent first.
    pub labels: Vec<InspectedLabel>,
    /// Cells whose labels were not tracked (a column with very many distinct values).
    pub untracked_cells: u64,
    /// Whether an option order the export shows confirms (or gave) every inferred label.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub inferred_by_order: bool,
    /// How that order bears on the inferred labels: "confirmed by the value row, 1 = like", or
    /// "from the option order of the value row, 1 = like" where the words did not decide;
    /// absent when no order did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inferred_order: Option<String>,
    /// Respondent checks, where respondents can be told apart.
    pub respondent_checks: Option<RespondentChecks>,
    /// Warnings, as sentences.
    pub warnings: Vec<String>,
}

impl From<&Survey> for Inspection {
    fn from(survey: &Survey) -> Inspection {
        let reading = &survey.reading;
        let mut labels: Vec<InspectedLabel> = reading
            .labels
            .labels
            .iter()
            .map(|(label, (count, answer))| InspectedLabel {
                label: label.clone(),
                count: *count,
                answer: answer.map(|a| a.name().to_string()),
                inferred: reading.inferred.iter().any(|i| {
                    crate::answer::normalize_label(&i.label)
                        == crate::answer::normalize_label(label)
                }),
            })
            .collect();
        labels.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
        Inspection {
            schema_version: SCHEMA_VERSION,
            input: InputInfo::from(survey),
            encoding: reading.source.encoding.clone(),
            gzip: reading.source.gzip,
            sheet: reading.source.sheet.clone(),
            delimiter: delimiter_name(reading.delimiter),
            header_rows: reading.header_rows,
            pairing: reading.pairing.clone(),
            features: survey
                .features
                .iter()
                .map(|f| InspectedFeature {
                    name: f.name.clone(),
                    columns: f.columns.clone(),
                })
                .collect(),
            ignored_columns: reading.ignored_columns.clone(),
            merged_versions: MergedVersion::all(reading),
            labels,
            untracked_cells: reading.labels.untracked,
            inferred_by_order: !reading.inferred.is_empty()
                && reading.inferred.iter().all(|i| i.order.is_some()),
            inferred_order: inferred_order(&reading.inferred),
            respondent_checks: survey.quality.map(RespondentChecks::from),
            warnings: survey.warnings.iter().map(ToString::to_string).collect(),
        }
    }
}

/// How the option order bears on every inferred label, if one order does.
fn inferred_order(inferred: &[crate::input::infer::Inferred]) -> Option<String> {
    let first = inferred.first()?;
    let check = first.order?;
    if inferred
        .iter()
        .any(|i| i.order != Some(check) || i.order_only != first.order_only)
    {
        return None;
    }
    Some(if first.order_only {
        format!("from the option order of {check}")
    } else {
        format!("confirmed by {check}")
    })
}

/// One line summing up how a file was read (printed by `analyze` on a terminal's stderr).
pub fn summary_line(i: &Inspection) -> String {
    let respondents = i.input.respondents.map_or_else(
        || "published counts".to_string(),
        |n| format!("{n} respondents"),
    );
    format!(
        "read {}: {}{}, {}, {} header row(s), {} layout, {} feature(s) by {}, {respondents}",
        printable(&i.input.path),
        i.encoding,
        if i.gzip { " (gzip)" } else { "" },
        i.delimiter,
        i.header_rows,
        i.input.layout,
        i.features.len(),
        i.pairing
    )
}

/// Writes the inspection as text.
pub fn render_text(i: &Inspection, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "File         {}", printable(&i.input.path))?;
    let mut encoding = i.encoding.clone();
    if i.gzip {
        encoding.push_str(", gzip-compressed");
    }
    if let Some(sheet) = &i.sheet {
        encoding.push_str(&format!(", sheet \"{}\"", printable(sheet)));
    }
    writeln!(out, "Encoding     {encoding}")?;
    writeln!(out, "Delimiter    {}", i.delimiter)?;
    writeln!(out, "Header rows  {}", i.header_rows)?;
    writeln!(out, "Layout       {}", i.input.layout)?;
    writeln!(out, "Pairing      {}", i.pairing)?;
    match i.input.respondents {
        Some(n) => writeln!(out, "Respondents  {n}")?,
        None => writeln!(out, "Respondents  - (published counts)")?,
    }
    writeln!(out, "\nFeatures ({})", i.features.len())?;
    for f in &i.features {
        writeln!(out, "  {}", printable(&f.name))?;
        for column in &f.columns {
            writeln!(out, "      {}", printable(column))?;
        }
    }
    if !i.ignored_columns.is_empty() {
        writeln!(out, "\nIgnored columns ({})", i.ignored_columns.len())?;
        for column in &i.ignored_columns {
            writeln!(out, "  {}", printable(column))?;
        }
    }
    if !i.merged_versions.is_empty() {
        writeln!(
            out,
            "\nForm versions merged ({}): each respondent counted once",
            i.merged_versions.len()
        )?;
        for m in &i.merged_versions {
            writeln!(out, "  {}", printable(&m.feature))?;
            writeln!(out, "      grid: {}", crate::error::column_list(&m.columns))?;
            writeln!(
                out,
                "      else: {}",
                crate::error::column_list(&m.other_columns)
            )?;
            if m.both_answered > 0 {
                writeln!(
                    out,
                    "      {} respondent(s) answered both: grid answers counted",
                    m.both_answered
                )?;
            }
        }
    }
    if !i.labels.is_empty() {
        writeln!(out, "\nAnswer labels ({} distinct)", i.labels.len())?;
        let width = i
            .labels
            .iter()
            .map(|l| l.count.to_string().len())
            .max()
            .unwrap_or(1);
        for l in &i.labels {
            let answer = match (&l.answer, l.inferred, &i.inferred_order) {
                (Some(answer), true, Some(order)) if order.starts_with("from") => {
                    format!("{answer} ({order})")
                }
                (Some(answer), true, Some(order)) => {
                    format!("{answer} (inferred from its words, {order})")
                }
                (Some(answer), true, None) => format!("{answer} (inferred from its words)"),
                (Some(answer), false, _) => answer.clone(),
                (None, _, _) => "UNKNOWN (map it with --answer)".to_string(),
            };
            writeln!(
                out,
                "  {:>width$}  {} -> {answer}",
                l.count,
                printable(&l.label)
            )?;
        }
        if i.untracked_cells > 0 {
            writeln!(
                out,
                "  ({} more cells in columns with too many distinct values to list)",
                i.untracked_cells
            )?;
        }
    }
    if let Some(c) = &i.respondent_checks {
        writeln!(
            out,
            "\nRespondents checked {}: {} with questionable pairs, {} straight-lining, {} left out",
            c.respondents,
            c.with_questionable,
            c.straight_liners,
            c.left_out()
        )?;
    }
    if !i.warnings.is_empty() {
        writeln!(out, "\nWarnings")?;
        for w in &i.warnings {
            writeln!(out, "  {w}")?;
        }
    }
    Ok(())
}

/// The JSON Schema (draft 2020-12) of `kano inspect --format json`, derived from
/// [`Inspection`]; shipped as schema/kano-inspect.schema.json.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Inspection)).unwrap_or_default()
}

/// Writes the inspection as JSON.
pub fn render_json(i: &Inspection, out: &mut dyn Write) -> io::Result<()> {
    crate::report::json::to_writer_pretty(&mut *out, i)?;
    writeln!(out)
}
