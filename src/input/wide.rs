//! The wide layout: one row per respondent, a functional and a dysfunctional column per feature,
//! paired by header name wherever they stand.

use std::collections::VecDeque;
use std::io::Read;

use super::accumulate::{Accumulator, Respondent};
use super::chunk::{parallel, scan, Chunk, Chunker, Fields};
use super::columns::{feature_key, parse_role, Role};
use super::fused::{Decoding, Plain, Stop};
use super::pairing::{empty_in_sample, pair_with_unsampled, PairMode};
use super::versions::{grid_feature, merge_versions, MergedVersions};
use super::{decode_cells, find_column, importance_cell, Context, DecodeCache, Feature};
use super::{FeatureNames, Layout, ReadOptions, Reading, Survey, Warning};
use crate::error::{printable, Error};

/// One feature's columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureColumns {
    /// Display name.
    pub name: String,
    /// Functional column index.
    pub functional: usize,
    /// Dysfunctional column index.
    pub dysfunctional: usize,
    /// Importance column index.
    pub importance: Option<usize>,
    /// The functional and dysfunctional columns of an earlier form version asking the same
    /// feature (question text, where these are grid columns): read for respondents who left
    /// these empty.
    pub other_version: Option<(usize, usize)>,
}

/// How a wide header maps to features.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Paired features, in order of their first column.
    pub features: Vec<FeatureColumns>,
    /// Role columns without a twin.
    pub unpaired: Vec<String>,
    /// Columns that are no question at all.
    pub ignored: Vec<String>,
    /// How the pairs were found.
    pub pairing: String,
    /// Features whose questions paired by position (antonyms), for a warning.
    pub by_position: Vec<String>,
    /// Features asked in two form versions, merged.
    pub merged: Vec<MergedVersions>,
    /// Columns with no answer in the sampled rows, read because their questions pair.
    pub unsampled: Vec<String>,
}

/// A group of columns sharing one feature key.
#[derive(Default)]
struct Group {
    name: String,
    functional: Option<usize>,
    dysfunctional: Option<usize>,
    importance: Option<usize>,
}

fn layout_error(path: &str, message: String, hint: &str) -> Error {
    Error::Layout {
        path: path.to_string(),
        message,
        hint: hint.to_string(),
    }
}

/// Finds a column by header (case-insensitive) for `--pair`.
fn resolve(path: &str, header: &[String], name: &str, pair: &str) -> Result<usize, Error> {
    find_column(header, name).ok_or_else(|| {
        layout_error(
            path,
            format!("--pair \"{pair}\": no column named \"{}\"", printable(name)),
            "copy the header exactly (case does not matter); `kano inspect FILE` lists the columns",
        )
    })
}

/// Headers survey tools give their bookkeeping columns, never questions.
pub(super) fn is_metadata(header: &str) -> bool {
    const NAMES: &[&str] = &[
        "id",
        "respondent",
        "respondent id",
        "respondentid",
        "response id",
        "responseid",
        "collector id",
        "timestamp",
        "horodateur",
        "zeitstempel",
        "date",
        "start date",
        "end date",
        "startdate",
        "enddate",
        "submitted at",
        "submit date",
        "email",
        "email address",
        "ip address",
        "ipaddress",
        "name",
        "user",
        "token",
        "seed",
        "duration",
        "duration (in seconds)",
        "progress",
        "finished",
        "recordeddate",
        "recorded date",
        "lastpage",
        "startlanguage",
        "lang",
        "language",
    ];
    let key = header.trim().to_lowercase();
    NAMES.contains(&key.as_str()) || key.ends_with(" id") || key.ends_with("_id")
}

/// Whether a header names a respondent identifier ("ID", "Respondent ID", "ResponseId",
/// "user_id", "respondent", "participant"): such a column is never a question, even when its
/// values (1, 2, 3, ...) read as answer codes.
pub(super) fn is_identifier(header: &str) -> bool {
    let header = header.trim();
    if ["respondent", "participant", "#"]
        .iter()
        .any(|name| header.eq_ignore_ascii_case(name))
    {
        return true;
    }
    // The last word, splitting at non-alphanumerics and at a lowercase-to-uppercase step.
    let mut last = String::new();
    let mut previous_lower = false;
    for c in header.chars() {
        if !c.is_alphanumeric() || (previous_lower && c.is_uppercase()) {
            if c.is_alphanumeric() {
                last.clear();
                last.push(c);
            } else if !last.is_empty() {
                last.clear();
            }
        } else {
            last.push(c);
        }
        previous_lower = c.is_lowercase();
    }
    last.eq_ignore_ascii_case("id")
}

/// Whether a column's sampled cells look like Kano answers: at least one non-empty cell, and
/// most distinct values decode.
fn is_answer_column(
    samples: &VecDeque<csv::ByteRecord>,
    column: usize,
    options: &ReadOptions,
) -> bool {
    let mut distinct: Vec<&[u8]> = Vec::new();
    for record in samples {
        let cell = record.get(column).unwrap_or_default();
        if !cell.iter().all(u8::is_ascii_whitespace) && !distinct.contains(&cell) {
            distinct.push(cell);
        }
    }
    let decoded = distinct
        .iter()
        .filter(|cell| {
            std::str::from_utf8(cell).is_ok_and(|text| {
                options.decoder.decode(text).is_some()
                    || (!options.answer_like.is_empty()
                        && options
                            .answer_like
                            .contains(&crate::answer::normalize_label(text)))
            })
        })
        .count();
    !distinct.is_empty() && decoded * 2 >= distinct.len()
}

/// Pairs a header's columns into features: explicit `--pair`s, else header name forms, then
/// question columns (recognized by their answers) by question text, matrix blocks or position.
pub(crate) fn plan(
    path: &str,
    header: &[String],
    samples: &VecDeque<csv::ByteRecord>,
    options: &ReadOptions,
) -> Result<Plan, Error> {
    let segment = match &options.segment {
        Some(spec) => Some(find_column(header, &spec.column).ok_or_else(|| {
            layout_error(
                path,
                format!("--by: no column named \"{}\"", printable(&spec.column)),
                "name a column of the header (case does not matter)",
            )
        })?),
        None => None,
    };
    let mut plan = Plan::default();
    let mut used = vec![false; header.len()];
    if let Some(s) = segment {
        used[s] = true;
    }
    if !options.explicit_pairs.is_empty() {
        for pair in &options.explicit_pairs {
            let functional = resolve(path, header, &pair.functional, &pair.name)?;
            let dysfunctional = resolve(path, header, &pair.dysfunctional, &pair.name)?;
            let importance = match &pair.importance {
                Some(col) => Some(resolve(path, header, col, &pair.name)?),
                None => None,
            };
            let other_version = match &pair.other_version {
                Some((f, d)) => Some((
                    resolve(path, header, f, &pair.name)?,
                    resolve(path, header, d, &pair.name)?,
                )),
                None => None,
            };
            let (other_f, other_d) = other_version.unzip();
            for c in [
                Some(functional),
                Some(dysfunctional),
                importance,
                other_f,
                other_d,
            ]
            .into_iter()
            .flatten()
            {
                used[c] = true;
            }
            if let Some((f, d)) = other_version {
                plan.merged.push(MergedVersions {
                    feature: pair.name.clone(),
                    kept: [header[functional].clone(), header[dysfunctional].clone()],
                    other: [header[f].clone(), header[d].clone()],
                    both_answered: 0,
                });
            }
            plan.features.push(FeatureColumns {
                name: pair.name.clone(),
                functional,
                dysfunctional,
                importance,
                other_version,
            });
        }
        plan.pairing = "explicit pairs".to_string();
    } else {
        let mut groups: Vec<(String, Group)> = Vec::new();
        let mut group_of: std::collections::HashMap<String, usize> = Default::default();
        for (index, column) in header.iter().enumerate() {
            if used[index] {
                continue;
            }
            let Some((name, role)) = parse_role(column) else {
                continue;
            };
            used[index] = true;
            let key = feature_key(&name);
            let position = match group_of.get(&key) {
                Some(p) => *p,
                None => {
                    group_of.insert(key.clone(), groups.len());
                    groups.push((
                        key,
                        Group {
                            name: name.clone(),
                            ..Group::default()
                        },
                    ));
                    groups.len() - 1
                }
            };
            let group = &mut groups[position].1;
            let slot = match role {
                Role::Functional => {
                    group.name = name.clone();
                    &mut group.functional
                }
                Role::Dysfunctional => &mut group.dysfunctional,
                Role::Importance => &mut group.importance,
            };
            if let Some(previous) = slot {
                return Err(Error::DuplicateFeature {
                    path: path.to_string(),
                    name,
                    detail: format!(
                        "{} columns \"{}\" and \"{}\"",
                        role.name(),
                        header[*previous],
                        column
                    ),
                });
            }
            *slot = Some(index);
        }
        let mut how = Vec::new();
        for (_, group) in groups {
            match (group.functional, group.dysfunctional) {
                (Some(functional), Some(dysfunctional)) => plan.features.push(FeatureColumns {
                    name: group.name,
                    functional,
                    dysfunctional,
                    importance: group.importance,
                    other_version: None,
                }),
                _ => plan.unpaired.extend(
                    [group.functional, group.dysfunctional, group.importance]
                        .into_iter()
                        .flatten()
                        .map(|i| header[i].clone()),
                ),
            }
        }
        if !plan.features.is_empty() {
            how.push("header names");
        }
        // Question columns are looked for only when the header forms found nothing (or a
        // pairing was asked for): beside "(functional)" columns, an answer-like column is an id.
        let look = plan.features.is_empty() || options.pairs != PairMode::Auto;
        let answers: Vec<usize> = (0..header.len())
            .filter(|c| {
                look && !used[*c]
                    && !is_metadata(&header[*c])
                    && !is_identifier(&header[*c])
                    && is_answer_column(samples, *c, options)
            })
            .collect();
        // Question columns empty in every sampled row still pair by their text.
        let empty: Vec<usize> = (0..header.len())
            .filter(|c| look && !used[*c] && !answers.contains(c) && !is_metadata(&header[*c]))
            .filter(|c| !is_identifier(&header[*c]) && empty_in_sample(samples, *c))
            .collect();
        if !answers.is_empty() {
            let (pairs, rest, method, unsampled) =
                pair_with_unsampled(header, &answers, &empty, options.pairs);
            plan.unsampled = unsampled;
            if !pairs.is_empty() {
                how.push(method);
            }
            for pair in pairs {
                used[pair.functional] = true;
                used[pair.dysfunctional] = true;
                if pair.by_position {
                    plan.by_position.push(pair.name.clone());
                }
                // Grid columns (`Grid title [row]`) are named by the part the twins share.
                let name = grid_feature(&header[pair.functional], &header[pair.dysfunctional])
                    .unwrap_or(pair.name);
                plan.features.push(FeatureColumns {
                    name,
                    functional: pair.functional,
                    dysfunctional: pair.dysfunctional,
                    importance: None,
                    other_version: None,
                });
            }
            for c in rest {
                used[c] = true;
                plan.unpaired.push(header[c].clone());
            }
            // A question column right after a pair whose answers are verbal importance labels
            // ("Very important") is that feature's importance question.
            for feature in plan.features.iter_mut().filter(|f| f.importance.is_none()) {
                let next = feature.functional.max(feature.dysfunctional) + 1;
                if next < header.len() && !used[next] && !is_metadata(&header[next]) {
                    let labels = super::importance::sample_labels(samples, &[next]);
                    let given = |l: &String| {
                        super::importance::given_value(&options.importance_labels, l).is_some()
                    };
                    let known = super::importance::decode(&labels).is_ok()
                        || (!options.importance_labels.is_empty() && labels.iter().all(given));
                    if !labels.is_empty() && known {
                        used[next] = true;
                        feature.importance = Some(next);
                    }
                }
            }
            plan.merged = merge_versions(header, &mut plan.features);
        }
        plan.pairing = if how.is_empty() {
            "none".to_string()
        } else {
            how.join(" + ")
        };
        plan.features
            .sort_by_key(|f| f.functional.min(f.dysfunctional));
    }
    plan.ignored = (0..header.len())
        .filter(|c| !used[*c])
        .map(|c| header[c].clone())
        .collect();
    if let Some(names) = &options.feature_names {
        rename(path, &mut plan.features, names)?;
    }
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    for f in &plan.features {
        let key = feature_key(&f.name);
        if let Some(other) = seen.get(&key) {
            return Err(Error::DuplicateFeature {
                path: path.to_string(),
                name: f.name.clone(),
                detail: format!(
                    "columns \"{}\" and \"{}\"",
                    header[*other], header[f.functional]
                ),
            });
        }
        seen.insert(key, f.functional);
    }
    Ok(plan)
}

/// Applies `--features` names: in question order, or by id (`F1_` renames feature `F1`).
fn rename(path: &str, features: &mut [FeatureColumns], names: &FeatureNames) -> Result<(), Error> {
    match names {
        FeatureNames::InOrder(list) => {
            if list.len() != features.len() {
                return Err(layout_error(
                    path,
                    format!(
                        "--features gives {} name(s) but the survey has {} feature(s)",
                        list.len(),
                        features.len()
                    ),
                    "give one name per feature, in question order (`kano inspect FILE` lists them)",
                ));
            }
            for (feature, name) in features.iter_mut().zip(list) {
                feature.name = name.clone();
            }
        }
        FeatureNames::ById(map) => {
            for feature in features.iter_mut() {
                let key = feature_key(feature.name.trim_matches(|c: char| "_-.: ".contains(c)));
                if let Some((_, name)) = map.iter().find(|(id, _)| {
                    feature_key(id.trim_matches(|c: char| "_-.: ".contains(c))) == key
                }) {
                    feature.name = name.clone();
                }
            }
        }
    }
    Ok(())
}

/// Reads the rows of a wide file.
pub(crate) fn read(
    context: &mut Context,
    rest: Box<dyn Read>,
    options: &ReadOptions,
    mut reading: Reading,
) -> Result<Survey, Error> {
    let plan = plan(&context.path, &context.header, &context.samples, options)?;
    // The sample rows are done with: with wide rows they are megabytes.
    context.samples = Default::default();
    if plan.features.is_empty() {
        return Err(layout_error(
            &context.path,
            "no functional/dysfunctional column pairs in the header".to_string(),
            "name columns \"<feature> (functional)\" and \"<feature> (dysfunctional)\", \
             pair them with --pair \"NAME=FUNCTIONAL,DYSFUNCTIONAL\" or --pairs interleaved, \
             or use --layout long or --layout counts",
        ));
    }
    let features: Vec<Feature> = plan
        .features
        .iter()
        .map(|f| {
            let (other_f, other_d) = f.other_version.unzip();
            let columns = [
                Some(f.functional),
                Some(f.dysfunctional),
                f.importance,
                other_f,
                other_d,
            ]
            .into_iter()
            .flatten()
            .map(|i| context.header[i].clone())
            .collect();
            Feature::new(f.name.clone(), columns)
        })
        .collect();
    let segment_col = options
        .segment
        .as_ref()
        .and_then(|s| find_column(&context.header, &s.column));
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let chunker = Chunker::new(rest, context);
    let context: &Context = context;
    // The fused path takes surveys without merged form versions.
    let fused = !options.general_only && plan.features.iter().all(|f| f.other_version.is_none());
    let columns: Vec<(usize, usize, Option<usize>)> = plan
        .features
        .iter()
        .map(|f| (f.functional, f.dysfunctional, f.importance))
        .collect();
    // The fused path decodes an importance cell it has not seen as the general path does; one
    // the general path would report or skip is left to it.
    let importance = |bytes: &[u8]| match importance_cell(context, 0, options, 0, bytes) {
        Ok(None) => Some(None),
        Ok(Some(Some(value))) => Some(Some(value)),
        Ok(Some(None)) | Err(_) => None,
    };
    let decoding = Decoding {
        answers: &options.decoder,
        importance: &importance,
    };
    // Workers count into features without names or columns (with 2,000 features the copies
    // weigh more than the counts); the merged features get them back from `features`.
    let unnamed: Vec<Feature> = features
        .iter()
        .map(|_| Feature::new(String::new(), Vec::new()))
        .collect();
    // Without importance columns the fused path counts into its own tallies, and a worker's
    // features are made only when its general path first reads a record, or at the end.
    let lazy = fused && columns.iter().all(|c| c.2.is_none());
    let counted = |acc: &mut Accumulator| {
        if acc.features.is_empty() {
            acc.features.clone_from(&unnamed);
        }
    };
    let init = || Worker {
        acc: Accumulator::new(
            &context.path,
            if lazy { Vec::new() } else { unnamed.clone() },
            options.table,
            options.drops(),
            options.segment.clone(),
        ),
        rows: Rows {
            caches: Vec::new(),
            other_caches: Vec::new(),
            both_answered: vec![0; plan.features.len()],
            respondent: Respondent::default(),
        },
        plain: if fused {
            Plain::new(
                context.header.len(),
                &columns,
                segment_col,
                options.table,
                context.delimiter,
            )
        } else {
            None
        },
    };
    let work = |worker: &mut Worker, chunk: &Chunk| {
        let Worker { acc, rows, plain } = worker;
        let general = |acc: &mut Accumulator, rows: &mut Rows, data: &[u8], line: u64| {
            rows.ready(&plan);
            counted(acc);
            scan(
                data,
                context.delimiter,
                line,
                |fields, line| {
                    rows.row(
                        acc,
                        context,
                        options,
                        &plan,
                        segment_col,
                        data,
                        fields,
                        line,
                    )
                },
                |open| context.unterminated(open),
            )
        };
        let Some(plain) = plain else {
            return general(acc, rows, chunk.data(), chunk.first_line);
        };
        let (mut pos, mut line) = (0, chunk.first_line);
        loop {
            match plain.run(acc, chunk.data(), (pos, line), &decoding, chunk.plain) {
                Stop::Done => return Ok(()),
                Stop::Record {
                    start,
                    end,
                    line: at,
                    next_line,
                } => {
                    general(acc, rows, &chunk.data()[start..end], at)?;
                    (pos, line) = (end, next_line);
                }
                Stop::Rest { start, line } => {
                    return general(acc, rows, &chunk.data()[start..], line);
                }
            }
        }
    };
    let progress = |bytes: u64| {
        if let Some(report) = &options.progress {
            report(bytes);
        }
    };
    let mut workers = parallel(chunker, threads, init, work, progress)?.into_iter();
    let Some(mut first) = workers.next() else {
        return Err(Error::HeaderOnly {
            path: context.path.clone(),
        });
    };
    // Every worker's fused counts go straight into the first worker's accumulator (integer
    // counts: the order of adding does not matter), so no other worker builds a copy of every
    // segment's features only to merge it.
    counted(&mut first.acc);
    if let Some(plain) = &first.plain {
        plain.finish(&mut first.acc, &mut reading.labels)?;
    }
    for worker in workers {
        first.acc.merge(worker.acc)?;
        if let Some(plain) = &worker.plain {
            plain.finish(&mut first.acc, &mut reading.labels)?;
        }
        merge_caches(&mut first.rows.caches, worker.rows.caches);
        merge_caches(&mut first.rows.other_caches, worker.rows.other_caches);
        for (mine, theirs) in first
            .rows
            .both_answered
            .iter_mut()
            .zip(worker.rows.both_answered)
        {
            *mine += theirs;
        }
    }
    let Worker {
        mut acc,
        rows:
            Rows {
                caches,
                other_caches,
                both_answered,
                ..
            },
        ..
    } = first;
    let respondents = acc.quality.respondents;
    reading.blank_rows = acc.blank_rows;
    if respondents == 0 {
        return Err(Error::HeaderOnly {
            path: context.path.clone(),
        });
    }
    for (fcache, dcache) in caches.iter().chain(&other_caches) {
        fcache.census_into(&mut reading.labels);
        dcache.census_into(&mut reading.labels);
    }
    let mut warnings = Vec::new();
    let mut merged = plan.merged;
    for m in &mut merged {
        let slot = plan
            .features
            .iter()
            .position(|f| context.header[f.functional] == m.kept[0]);
        m.both_answered = slot.map_or(0, |s| both_answered[s]);
    }
    if !merged.is_empty() {
        warnings.push(Warning::MergedVersions(merged.clone()));
    }
    reading.merged_versions = merged;
    if !plan.unpaired.is_empty() {
        warnings.push(Warning::UnpairedColumns(plan.unpaired));
    }
    if !plan.by_position.is_empty() {
        warnings.push(Warning::PairedByPosition(plan.by_position.clone()));
    }
    if !plan.unsampled.is_empty() {
        warnings.push(Warning::UnsampledColumns(plan.unsampled.clone()));
    }
    reading.pairing = plan.pairing;
    reading.ignored_columns = plan.ignored;
    let mut segments = acc.finish_segments();
    let named = |counted: &mut [Feature]| {
        for (feature, template) in counted.iter_mut().zip(&features) {
            feature.name.clone_from(&template.name);
            feature.columns.clone_from(&template.columns);
        }
    };
    named(&mut acc.features);
    for segment in &mut segments {
        named(&mut segment.features);
    }
    Ok(Survey {
        path: context.path.clone(),
        layout: Layout::Wide,
        respondents: Some(respondents),
        features: acc.features,
        warnings,
        reading,
        quality: Some(acc.quality),
        segments: options
            .segment
            .as_ref()
            .map(|s| (s.column.clone(), segments)),
    })
}

/// One reading thread's state.
struct Worker {
    acc: Accumulator,
    rows: Rows,
    /// The fused path, when the survey allows it.
    plain: Option<Plain>,
}

/// Adds a worker's label caches into the first worker's (either may have none).
fn merge_caches(
    mine: &mut Vec<(DecodeCache, DecodeCache)>,
    theirs: Vec<(DecodeCache, DecodeCache)>,
) {
    if mine.is_empty() {
        *mine = theirs;
        return;
    }
    for ((f, d), (wf, wd)) in mine.iter_mut().zip(theirs) {
        f.merge(wf);
        d.merge(wd);
    }
}

/// The general path's per-thread state.
struct Rows {
    /// Per feature: its columns' label caches (made when the general path first reads a record:
    /// the fused path has its own).
    caches: Vec<(DecodeCache, DecodeCache)>,
    /// Per feature: the caches of its other form version's columns (none without versions).
    other_caches: Vec<(DecodeCache, DecodeCache)>,
    /// Per feature: respondents who answered both form versions.
    both_answered: Vec<u64>,
    respondent: Respondent,
}

impl Rows {
    /// Makes the label caches the general path needs, the first time it reads.
    fn ready(&mut self, plan: &Plan) {
        let features = plan.features.len();
        if self.caches.len() < features {
            self.caches.resize_with(features, Default::default);
        }
        let versions = plan.features.iter().any(|f| f.other_version.is_some());
        if versions && self.other_caches.len() < features {
            self.other_caches.resize_with(features, Default::default);
        }
    }

    /// Decodes and counts one row (one respondent).
    #[allow(clippy::too_many_arguments)]
    fn row(
        &mut self,
        acc: &mut Accumulator,
        context: &Context,
        options: &ReadOptions,
        plan: &Plan,
        segment_col: Option<usize>,
        data: &[u8],
        fields: &Fields,
        line: u64,
    ) -> Result<(), Error> {
        if (0..fields.len()).all(|i| fields.get(data, i).trim_ascii().is_empty()) {
            acc.blank_rows += 1;
            return Ok(());
        }
        context.check_count(fields.len(), line)?;
        let respondent = &mut self.respondent;
        respondent.clear();
        let mut others = self.other_caches.iter_mut();
        for (slot, (columns, (fcache, dcache))) in
            plan.features.iter().zip(&mut self.caches).enumerate()
        {
            let other_caches = others.next();
            let (mut functional, mut dysfunctional) = (columns.functional, columns.dysfunctional);
            let (mut fcache, mut dcache) = (fcache, dcache);
            // A feature asked in two form versions: the grid's answers when the respondent gave
            // any, else the other version's; a respondent who answered both is counted once.
            if let (Some((of, od)), Some((ofcache, odcache))) =
                (columns.other_version, other_caches)
            {
                let answered = |a: usize, b: usize| {
                    [a, b]
                        .iter()
                        .any(|c| !fields.get(data, *c).trim_ascii().is_empty())
                };
                match (answered(functional, dysfunctional), answered(of, od)) {
                    (true, true) => self.both_answered[slot] += 1,
                    (false, true) => {
                        (functional, dysfunctional) = (of, od);
                        (fcache, dcache) = (ofcache, odcache);
                    }
                    _ => {}
                }
            }
            let outcome = decode_cells(
                context,
                line,
                options,
                (functional, fields.get(data, functional), fcache),
                (dysfunctional, fields.get(data, dysfunctional), dcache),
            )?;
            respondent.pairs.push((slot, outcome));
            if let Some(col) = columns.importance {
                if let Some(value) =
                    importance_cell(context, line, options, col, fields.get(data, col))?
                {
                    respondent.importance.push((slot, value));
                }
            }
        }
        if let Some(col) = segment_col {
            let cell =
                std::str::from_utf8(fields.get(data, col)).map_err(|_| Error::InvalidUtf8 {
                    at: context.at_line(line, col),
                })?;
            respondent.segment = Some(acc.segment_value(cell));
        }
        acc.commit(respondent)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(columns: &[&str]) -> Vec<String> {
        columns.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn pairs_by_name_wherever_the_columns_stand() {
        let h = header(&[
            "ID",
            "F4_dysfunctional",
            "F1_functional",
            "F10_functional",
            "F1_dysfunctional",
            "F4_functional",
            "F10_dysfunctional",
            "F1_importance",
        ]);
        let plan = plan("t.csv", &h, &VecDeque::new(), &ReadOptions::default()).unwrap();
        let got: Vec<_> = plan
            .features
            .iter()
            .map(|f| (f.name.as_str(), f.functional, f.dysfunctional, f.importance))
            .collect();
        assert_eq!(
            got,
            vec![
                ("F4", 5, 1, None),
                ("F1", 2, 4, Some(7)),
                ("F10", 3, 6, None)
            ]
        );
        assert_eq!(plan.ignored, vec!["ID"]);
        assert!(plan.unpaired.is_empty());
    }

    #[test]
    fn identifier_headers_are_recognized() {
        let cases = [
            ("id", true),
            ("ID", true),
            ("Respondent ID", true),
            ("ResponseId", true),
            ("user_id", true),
            ("userID", true),
            ("Respondent", true),
            ("participant", true),
            ("#", true),
            ("Paid", false),
            ("Idle screen", false),
            ("Q1", false),
            ("Dark mode", false),
        ];
        for (header, expected) in cases {
            assert_eq!(is_identifier(header), expected, "{header}");
        }
    }

    #[test]
    fn a_numeric_id_column_is_no_question_column() {
        let h = header(&["id", "Q1", "Q2"]);
        let samples: VecDeque<csv::ByteRecord> = [["1", "1", "5"], ["2", "2", "5"]]
            .iter()
            .map(|row| csv::ByteRecord::from(row.to_vec()))
            .collect();
        let options = ReadOptions {
            pairs: super::super::PairMode::Interleaved,
            ..ReadOptions::default()
        };
        let plan = plan("t.csv", &h, &samples, &options).unwrap();
        assert_eq!(plan.features.len(), 1);
        assert_eq!(
            (plan.features[0].functional, plan.features[0].dysfunctional),
            (1, 2)
        );
        assert_eq!(plan.ignored, vec!["id"]);
    }

    #[test]
    fn a_column_without_its_twin_is_reported_unpaired() {
        let h = header(&["a (functional)", "a (dysfunctional)", "b (functional)"]);
        let plan = plan("t.csv", &h, &VecDeque::new(), &ReadOptions::default()).unwrap();
        assert_eq!(plan.features.len(), 1);
        assert_eq!(plan.unpaired, vec!["b (functional)"]);
    }

    #[test]
    fn pairing_is_case_insensitive_and_mixes_forms() {
        let h = header(&["Live Chat (functional)", "live chat_dysfunctional"]);
        let plan = plan("t.csv", &h, &VecDeque::new(), &ReadOptions::default()).unwrap();
        assert_eq!(plan.features.len(), 1);
        assert_eq!(plan.features[0].name, "Live Chat");
    }

    #[test]
    fn two_functional_columns_for_one_feature_are_an_error() {
        let h = header(&["a (functional)", "A_functional", "a (dysfunctional)"]);
        let error = plan("t.csv", &h, &VecDeque::new(), &ReadOptions::default()).unwrap_err();
        assert!(error.to_string().contains(
            "\"A\" is defined twice (functional columns \"a (functional)\" and \"A_functional\")"
        ));
    }
}
