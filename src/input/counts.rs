//! The counts layout: one row per feature with its A, O, M, I, R, Q counts, for re-analysing a
//! published table.

use std::collections::HashSet;
use std::io::Read;

use super::columns::feature_key;
use super::{find_column, Context, Feature, Layout, ReadOptions, Reading, Survey, Warning};
use crate::category::Category;
use crate::error::Error;

/// Digits only, with an optional leading `+`: what `u64::from_str` takes, at any size.
fn is_whole_number(text: &str) -> bool {
    let digits = text.strip_prefix('+').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// The most respondents one feature's counts may add up to (2^53: exact as a float).
const MAX_TOTAL: u64 = 1 << 53;

/// Columns of the header that name a category (letter or full name), with the category.
pub fn category_columns(header: &[String]) -> Vec<(usize, Category)> {
    let mut seen = HashSet::new();
    header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let category = h.parse::<Category>().ok()?;
            seen.insert(category).then_some((i, category))
        })
        .collect()
}

/// Reads the rows of a counts file.
pub(crate) fn read(
    context: &mut Context,
    rest: Box<dyn Read>,
    options: &ReadOptions,
    mut reading: Reading,
) -> Result<Survey, Error> {
    if options.segment.is_some() {
        return Err(Error::usage(
            "--by needs respondents, and a counts table has none",
            "segment the raw export instead",
        ));
    }
    let categories = category_columns(&context.header);
    if categories.is_empty() {
        return Err(Error::Layout {
            path: context.path.clone(),
            message: "counts layout needs columns named A, O, M, I, R, Q (or attractive, \
                      one-dimensional, must-be, indifferent, reverse, questionable), and the \
                      header has none"
                .to_string(),
            hint: "rename the count columns, or use --layout wide or --layout long".to_string(),
        });
    }
    let is_count = |i: usize| categories.iter().any(|(c, _)| *c == i);
    let feature_col = match options.columns.feature.as_deref() {
        Some(name) => find_column(&context.header, name).ok_or_else(|| Error::Layout {
            path: context.path.clone(),
            message: format!("no column named \"{name}\" for the feature names"),
            hint: "check --feature-col".to_string(),
        })?,
        None => ["feature", "name", "label", "attribute", "item"]
            .iter()
            .find_map(|name| find_column(&context.header, name))
            .or_else(|| (0..context.header.len()).find(|i| !is_count(*i)))
            .ok_or_else(|| Error::Layout {
                path: context.path.clone(),
                message: "no column holds the feature names".to_string(),
                hint: "add a \"feature\" column, or name it with --feature-col".to_string(),
            })?,
    };
    let ignored: Vec<String> = (0..context.header.len())
        .filter(|i| *i != feature_col && !is_count(*i))
        .map(|i| context.header[i].clone())
        .collect();

    let mut features: Vec<Feature> = Vec::new();
    // Feature key -> the line it was first defined on: a hash lookup per row, not a scan.
    let mut keys: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    let context: &Context = context;
    super::chunk::for_each_record(rest, context, |record| {
        if super::is_blank_record(record) {
            reading.blank_rows += 1;
            return Ok(());
        }
        context.check_width(record)?;
        let name = context.text(record, feature_col)?;
        let line = context.line(record);
        let key = feature_key(name);
        if let Some(first) = keys.get(&key) {
            return Err(Error::DuplicateFeature {
                path: context.path.clone(),
                name: name.to_string(),
                detail: format!("lines {first} and {line}"),
            });
        }
        let mut feature = Feature::new(
            name.to_string(),
            categories
                .iter()
                .map(|(i, _)| context.header[*i].clone())
                .collect(),
        );
        let mut total = 0u64;
        for (col, category) in &categories {
            let text = context.text(record, *col)?;
            let bad = || Error::BadCount {
                at: context.at(record, *col),
                value: text.to_string(),
            };
            let too_large = || Error::CountTooLarge {
                at: context.at(record, *col),
                value: text.to_string(),
            };
            let count = if text.is_empty() {
                0
            } else if is_whole_number(text) {
                text.parse::<u64>()
                    .ok()
                    .filter(|c| *c <= MAX_TOTAL)
                    .ok_or_else(too_large)?
            } else {
                return Err(bad());
            };
            // Counts stay below 2^53 together, so every percentage and coefficient is exact.
            total = total
                .checked_add(count)
                .filter(|t| *t <= MAX_TOTAL)
                .ok_or_else(too_large)?;
            feature.tally.extra_counts[category.index()] = count;
        }
        keys.insert(key, line);
        features.push(feature);
        Ok(())
    })?;
    if features.is_empty() {
        return Err(Error::HeaderOnly {
            path: context.path.clone(),
        });
    }
    let mut warnings = Vec::new();
    if !ignored.is_empty() {
        warnings.push(Warning::IgnoredCountColumns(ignored.clone()));
    }
    reading.pairing = "category counts".to_string();
    reading.ignored_columns = ignored;
    Ok(Survey {
        path: context.path.clone(),
        layout: Layout::Counts,
        respondents: None,
        features,
        warnings,
        reading,
        quality: None,
        segments: None,
    })
}
