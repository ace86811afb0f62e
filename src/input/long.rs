//! The long layout: one row per respondent and feature, with feature, functional and
//! dysfunctional columns (respondent and importance optional).

use std::collections::HashMap;
use std::io::Read;

use super::accumulate::{Accumulator, Respondent};
use super::respondents::{Counted, IdCounter};
use super::{decode_pair, find_column, read_importance, Context, DecodeCache, Feature, Layout};
use super::{ReadOptions, Reading, Survey, Warning};
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
            crate::error::column_list(&context.header)
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

/// Reads the rows of a long file. With a respondent column, consecutive rows of one respondent
/// are checked together (questionable pairs, straight-lining).
pub(crate) fn read(
    context: &mut Context,
    rest: Box<dyn Read>,
    options: &ReadOptions,
    mut reading: Reading,
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
    let segment_col = match &options.segment {
        Some(spec) => Some(required(context, Some(&spec.column), &spec.column, "--by")?),
        None => None,
    };
    if options.drop_inconsistent.is_some() && respondent_col.is_none() {
        return Err(Error::usage(
            "--drop-inconsistent needs to tell respondents apart, and this long file has no \
             respondent column",
            "name it with --respondent-col COLUMN",
        ));
    }
    let used = [
        Some(feature_col),
        Some(functional_col),
        Some(dysfunctional_col),
        importance_col,
        respondent_col,
        segment_col,
    ];
    let ignored: Vec<String> = (0..context.header.len())
        .filter(|i| !used.contains(&Some(*i)))
        .map(|i| context.header[i].clone())
        .collect();

    let mut acc = Accumulator::new(
        &context.path,
        Vec::new(),
        options.table,
        options.drop_inconsistent,
        options.segment.clone(),
    );
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut rows_per_feature: Vec<u64> = Vec::new();
    // Respondents in bounded memory: runs of rows with one id, and distinct ids up to a limit.
    let mut ids = IdCounter::default();
    // The features of the current run answered so far, to find repeated answers.
    let mut answered: Vec<bool> = Vec::new();
    let mut repeated = Repeated::default();
    let (mut fcache, mut dcache) = (DecodeCache::default(), DecodeCache::default());
    let mut respondent = Respondent::default();
    let mut current_id: Option<String> = None;
    let mut rows = 0u64;
    let context: &Context = context;
    super::fast::for_each_record(rest, context, |record| {
        if super::is_blank_record(record) {
            reading.blank_rows += 1;
            return Ok(());
        }
        context.check_width(record)?;
        rows += 1;
        let name = context.text(record, feature_col)?;
        if name.is_empty() {
            return Err(Error::Layout {
                path: context.path.clone(),
                message: format!(
                    "line {}: the feature column \"{}\" is empty",
                    context.line(record),
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
                acc.features.push(Feature::new(name.to_string(), columns));
                rows_per_feature.push(0);
                answered.push(false);
                index.insert(key, acc.features.len() - 1);
                acc.features.len() - 1
            }
        };
        // A new respondent starts when the id changes (or on every row without ids).
        let id = match respondent_col {
            Some(col) => Some(context.text(record, col)?),
            None => None,
        };
        if id.is_none() || id != current_id.as_deref() {
            if !respondent.is_empty() {
                acc.commit(&respondent)?;
            }
            for (slot, _) in &respondent.pairs {
                answered[*slot] = false;
            }
            respondent.clear();
            if let Some(col) = segment_col {
                respondent.segment = Some(acc.segment_value(context.text(record, col)?));
            }
            if let Some(id) = id {
                ids.start_run(id);
            }
            current_id = id.map(str::to_string);
        }
        if respondent_col.is_some() && answered[slot] {
            // The respondent answered this feature already in this run: the first answer
            // stands, the repeat is counted and left out.
            repeated.add(context.line(record), current_id.as_deref(), name);
            return Ok(());
        }
        answered[slot] = true;
        rows_per_feature[slot] += 1;
        let outcome = decode_pair(
            context,
            record,
            options,
            (functional_col, &mut fcache),
            (dysfunctional_col, &mut dcache),
        )?;
        respondent.pairs.push((slot, outcome));
        if let Some(col) = importance_col {
            if let Some(value) = read_importance(context, record, options, col)? {
                respondent.importance.push((slot, value));
            }
        }
        Ok(())
    })?;
    if !respondent.is_empty() {
        acc.commit(&respondent)?;
    }
    if rows == 0 {
        return Err(Error::HeaderOnly {
            path: context.path.clone(),
        });
    }
    let mut warnings = Vec::new();
    let respondents = match respondent_col {
        Some(_) => {
            let (count, how) = ids.count();
            match how {
                Counted::Exact if ids.returned => warnings.push(Warning::IdsReturn {
                    respondents: count,
                    runs: ids.runs,
                }),
                Counted::Exact => {}
                Counted::Runs { estimate } => warnings.push(Warning::RespondentsByRuns {
                    runs: count,
                    estimate,
                    limit: super::respondents::EXACT_IDS as u64,
                }),
                Counted::Estimate { runs } => warnings.push(Warning::RespondentsEstimated {
                    estimate: count,
                    runs,
                    limit: super::respondents::EXACT_IDS as u64,
                }),
            }
            count
        }
        None => rows_per_feature.iter().copied().max().unwrap_or(0),
    };
    if let Some((line, id, feature)) = repeated.first {
        warnings.push(Warning::RepeatedAnswers {
            count: repeated.count,
            line,
            respondent: id,
            feature,
        });
    }
    fcache.census_into(&mut reading.labels);
    dcache.census_into(&mut reading.labels);
    reading.pairing = "long rows".to_string();
    reading.ignored_columns = ignored;
    let segments = acc.finish_segments();
    let quality = respondent_col.map(|_| acc.quality);
    Ok(Survey {
        path: context.path.clone(),
        layout: Layout::Long,
        respondents: Some(respondents),
        features: acc.features,
        warnings,
        reading,
        quality,
        segments: options
            .segment
            .as_ref()
            .map(|s| (s.column.clone(), segments)),
    })
}

/// Rows that repeat a respondent's answer to a feature within their run of rows.
#[derive(Debug, Default)]
struct Repeated {
    count: u64,
    /// The first: its line, respondent and feature.
    first: Option<(u64, String, String)>,
}

impl Repeated {
    fn add(&mut self, line: u64, id: Option<&str>, feature: &str) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((
                line,
                id.unwrap_or_default().to_string(),
                feature.to_string(),
            ));
        }
    }
}
