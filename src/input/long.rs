//! The long layout: one row per respondent and feature, with feature, functional and
//! dysfunctional columns (respondent and importance optional).

use std::collections::{HashMap, HashSet};
use std::io::Read;

use super::{count_importance, count_pair, find_column, Context, DecodeCache, Feature, Layout};
use super::{ReadOptions, Survey, Warning};
use crate::error::Error;

fn required(
    context: &Context,
    name: Option<&str>,
    default: &str,
    flag: &str,
) -> Result<usize, Error> {
    let wanted = name.unwrap_or(default);
    find_column(&context.header, wanted).ok_or_else(|| Error::Layout {
        path: context.path.clone(),
        message: format!(
            "long layout needs a \"{wanted}\" column, and the header has none (it has: {})",
            context
                .header
                .iter()
                .map(|h| format!("\"{}\"", crate::error::printable(h)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        hint: format!("name the column with {flag} COLUMN"),
    })
}

fn optional(
    context: &Context,
    name: Option<&str>,
    default: &str,
    flag: &str,
) -> Result<Option<usize>, Error> {
    match name {
        Some(_) => required(context, name, default, flag).map(Some),
        None => Ok(find_column(&context.header, default)),
    }
}

/// Reads the rows of a long file.
pub(crate) fn read<R: Read>(
    context: &mut Context,
    csv: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    options: &ReadOptions,
) -> Result<Survey, Error> {
    let names = &options.columns;
    let feature_col = required(
        context,
        names.feature.as_deref(),
        "feature",
        "--feature-col",
    )?;
    let functional_col = required(
        context,
        names.functional.as_deref(),
        "functional",
        "--functional-col",
    )?;
    let dysfunctional_col = required(
        context,
        names.dysfunctional.as_deref(),
        "dysfunctional",
        "--dysfunctional-col",
    )?;
    let importance_col = optional(
        context,
        names.importance.as_deref(),
        "importance",
        "--importance-col",
    )?;
    let respondent_col = optional(
        context,
        names.respondent.as_deref(),
        "respondent",
        "--respondent-col",
    )?;
    let used = [
        Some(feature_col),
        Some(functional_col),
        Some(dysfunctional_col),
        importance_col,
        respondent_col,
    ];
    let ignored: Vec<String> = (0..context.header.len())
        .filter(|i| !used.contains(&Some(*i)))
        .map(|i| context.header[i].clone())
        .collect();

    let mut index: HashMap<String, usize> = HashMap::new();
    let mut features: Vec<Feature> = Vec::new();
    let mut rows_per_feature: Vec<u64> = Vec::new();
    let mut respondents: HashSet<String> = HashSet::new();
    let (mut fcache, mut dcache) = (DecodeCache::default(), DecodeCache::default());
    let mut rows = 0u64;
    while context.next(csv, record)? {
        context.check_width(record)?;
        rows += 1;
        let name = context.text(record, feature_col)?;
        if name.is_empty() {
            return Err(Error::Layout {
                path: context.path.clone(),
                message: format!(
                    "line {}: the feature column \"{}\" is empty",
                    Context::line(record),
                    context.header[feature_col]
                ),
                hint: "every row of a long file names its feature; fill it in or delete the row"
                    .to_string(),
            });
        }
        let key = super::columns::feature_key(name);
        let slot = match index.get(&key) {
            Some(slot) => *slot,
            None => {
                let columns = [
                    Some(functional_col),
                    Some(dysfunctional_col),
                    importance_col,
                ]
                .into_iter()
                .flatten()
                .map(|i| context.header[i].clone())
                .collect();
                features.push(Feature::new(name.to_string(), columns));
                rows_per_feature.push(0);
                index.insert(key, features.len() - 1);
                features.len() - 1
            }
        };
        rows_per_feature[slot] += 1;
        if let Some(col) = respondent_col {
            let id = context.text(record, col)?;
            if !respondents.contains(id) {
                respondents.insert(id.to_string());
            }
        }
        let feature = &mut features[slot];
        count_pair(
            context,
            record,
            options,
            feature,
            (functional_col, &mut fcache),
            (dysfunctional_col, &mut dcache),
        )?;
        if let Some(col) = importance_col {
            count_importance(context, record, options, feature, col)?;
        }
    }
    if rows == 0 {
        return Err(Error::HeaderOnly {
            path: context.path.clone(),
        });
    }
    let respondents = match respondent_col {
        Some(_) => respondents.len() as u64,
        None => rows_per_feature.iter().copied().max().unwrap_or(0),
    };
    let mut warnings = Vec::new();
    if !ignored.is_empty() {
        warnings.push(Warning::IgnoredColumns(ignored));
    }
    Ok(Survey {
        path: context.path.clone(),
        layout: Layout::Long,
        delimiter: b',',
        respondents: Some(respondents),
        features,
        warnings,
    })
}
