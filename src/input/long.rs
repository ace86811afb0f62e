//! The long layout: one row per respondent and feature, with feature, functional and
//! dysfunctional columns (respondent and importance optional).

use std::collections::HashMap;
use std::io::Read;

use super::accumulate::{Accumulator, Respondent};
use super::chunk::{scan, Chunker, Fields};
use super::respondents::{Counted, IdCounter};
use super::{decode_cells, find_column, importance_cell, Context, DecodeCache, Feature, Layout};
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
    let drops = options.drops();
    let flag = match (drops.inconsistent, drops.indifferent) {
        (Some(_), _) => Some("--drop-inconsistent"),
        (None, Some(_)) => Some("--max-indifferent"),
        (None, None) => None,
    };
    if let (Some(flag), None) = (flag, respondent_col) {
        return Err(Error::usage(
            format!(
                "{flag} needs to tell respondents apart, and this long file has no respondent \
                 column"
            ),
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
        options.drops(),
        options.segment.clone(),
    );
    let mut index: HashMap<String, usize> = HashMap::new();
    // The feature cells seen so far, as raw bytes: most rows repeat one of a few spellings, which
    // are found without decoding or normalizing them again.
    let mut spellings: HashMap<Box<[u8]>, usize> = HashMap::new();
    let mut rows_per_feature: Vec<u64> = Vec::new();
    // Respondents in bounded memory: runs of rows with one id, and distinct ids up to a limit.
    let mut ids = IdCounter::default();
    // The features of the current run answered so far, to find repeated answers.
    let mut answered: Vec<bool> = Vec::new();
    let mut repeated = Repeated::default();
    let (mut fcache, mut dcache) = (DecodeCache::default(), DecodeCache::default());
    let mut respondent = Respondent::default();
    // The current run's id (trimmed) and the raw bytes of its last id cell: a row whose id cell
    // has the same bytes belongs to the run without decoding it again.
    let mut current_id: Option<String> = None;
    let mut current_raw: Vec<u8> = Vec::new();
    let mut rows = 0u64;
    let context: &Context = context;
    let text = |fields: &Fields, data: &[u8], index: usize, line: u64| -> Result<String, Error> {
        std::str::from_utf8(fields.get(data, index))
            .map(|s| s.trim().to_string())
            .map_err(|_| Error::InvalidUtf8 {
                at: context.at_line(line, index),
            })
    };
    let mut row = |fields: &Fields, data: &[u8], line: u64| -> Result<(), Error> {
        if (0..fields.len()).all(|i| fields.get(data, i).trim_ascii().is_empty()) {
            reading.blank_rows += 1;
            return Ok(());
        }
        context.check_count(fields.len(), line)?;
        rows += 1;
        let raw_name = fields.get(data, feature_col);
        let slot = match spellings.get(raw_name) {
            Some(slot) => *slot,
            None => {
                let name = text(fields, data, feature_col, line)?;
                if name.is_empty() {
                    return Err(Error::Layout {
                        path: context.path.clone(),
                        message: format!(
                            "line {line}: the feature column \"{}\" is empty",
                            context.header[feature_col]
                        ),
                        hint: "every row of a long file names its feature; fill it in or delete \
                               the row"
                            .to_string(),
                    });
                }
                let key = super::columns::feature_key(&name);
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
                        acc.features.push(Feature::new(name, columns));
                        rows_per_feature.push(0);
                        answered.push(false);
                        index.insert(key, acc.features.len() - 1);
                        acc.features.len() - 1
                    }
                };
                spellings.insert(raw_name.into(), slot);
                slot
            }
        };
        // A new respondent starts when the id changes (or on every row without ids).
        let new_run = match respondent_col {
            Some(col) => {
                let raw = fields.get(data, col);
                if current_id.is_some() && raw == current_raw.as_slice() {
                    false
                } else {
                    let id = text(fields, data, col, line)?;
                    current_raw.clear();
                    current_raw.extend_from_slice(raw);
                    if current_id.as_deref() == Some(id.as_str()) {
                        false
                    } else {
                        ids.start_run(&id);
                        current_id = Some(id);
                        true
                    }
                }
            }
            None => true,
        };
        if new_run {
            if !respondent.is_empty() {
                acc.commit(&respondent)?;
            }
            for (slot, _) in &respondent.pairs {
                answered[*slot] = false;
            }
            respondent.clear();
            if let Some(col) = segment_col {
                respondent.segment = Some(acc.segment_value(&text(fields, data, col, line)?));
            }
        }
        if respondent_col.is_some() && answered[slot] {
            // The respondent answered this feature already in this run: the first answer
            // stands, the repeat is counted and left out.
            let name = text(fields, data, feature_col, line)?;
            repeated.add(line, current_id.as_deref(), &name);
            return Ok(());
        }
        answered[slot] = true;
        rows_per_feature[slot] += 1;
        let outcome = decode_cells(
            context,
            line,
            options,
            (
                functional_col,
                fields.get(data, functional_col),
                &mut fcache,
            ),
            (
                dysfunctional_col,
                fields.get(data, dysfunctional_col),
                &mut dcache,
            ),
        )?;
        respondent.pairs.push((slot, outcome));
        if let Some(col) = importance_col {
            if let Some(value) =
                importance_cell(context, line, options, col, fields.get(data, col))?
            {
                respondent.importance.push((slot, value));
            }
        }
        Ok(())
    };
    let mut chunker = Chunker::new(rest, context);
    while let Some(chunk) = chunker.next_chunk()? {
        let data = chunk.data();
        scan(
            data,
            context.delimiter,
            chunk.first_line,
            |fields, line| row(fields, data, line),
            |open| context.unterminated(open),
        )?;
        chunker.recycle(chunk.into_buffer());
    }
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

#[cfg(test)]
mod tests {
    use crate::input::{read_survey, Layout, LayoutChoice, ReadOptions, SegmentSpec};

    const LABELS: [&str; 5] = [
        "I like it",
        "I expect it",
        "I am neutral",
        "I can live with it",
        "I dislike it",
    ];

    /// The same survey as a long file (feature names and ids in varying spellings, quoted
    /// cells, several chunks) and as a wide one.
    fn survey(respondents: usize) -> (String, String) {
        let features = ["Dark mode", "Sync", "Offline maps"];
        let spellings = [
            ["Dark mode", " dark  MODE", "\"Dark mode\""],
            ["Sync", "sync ", "\"SYNC\""],
            ["Offline maps", "offline maps", "\" Offline  maps\""],
        ];
        let mut long = String::from("respondent,feature,functional,dysfunctional,plan\n");
        let mut wide = String::from("respondent,plan");
        for f in features {
            wide.push_str(&format!(",{f} (functional),{f} (dysfunctional)"));
        }
        wide.push('\n');
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for r in 0..respondents {
            let plan = ["free", "pro", ""][r % 3];
            wide.push_str(&format!("r{r},{plan}"));
            for (f, names) in spellings.iter().enumerate() {
                let (a, b) = ((next() % 5) as usize, (next() % 5) as usize);
                let id = &[format!("r{r}"), format!(" r{r}"), format!("\"r{r} \"")][f];
                let name = names[if r == 0 { 0 } else { (r + f) % 3 }];
                long.push_str(&format!(
                    "{id},{name},{},\"{}\",{plan}\n",
                    LABELS[a], LABELS[b]
                ));
                wide.push_str(&format!(",{},{}", LABELS[a], LABELS[b]));
            }
            wide.push('\n');
        }
        (long, wide)
    }

    fn read(path: &std::path::Path, layout: LayoutChoice) -> String {
        let options = ReadOptions {
            layout,
            drop_inconsistent: Some(0.5),
            max_indifferent: Some(1),
            segment: Some(SegmentSpec {
                column: "plan".to_string(),
                bins: None,
            }),
            ..ReadOptions::default()
        };
        let survey = read_survey(&path.to_string_lossy(), &options).unwrap();
        let features: Vec<_> = survey
            .features
            .iter()
            .map(|f| (f.name.clone(), f.tally))
            .collect();
        let segments: Vec<_> = survey
            .segments
            .unwrap()
            .1
            .iter()
            .map(|s| {
                let tallies: Vec<_> = s.features.iter().map(|f| f.tally).collect();
                (s.value.clone(), s.respondents, tallies)
            })
            .collect();
        format!(
            "{:?}",
            (features, survey.quality, survey.respondents, segments)
        )
    }

    #[test]
    fn a_long_file_over_several_chunks_reads_as_its_wide_twin() {
        let (long, wide) = survey(40_000);
        assert!(long.len() > 3 << 20, "{}", long.len());
        let dir = tempfile::tempdir().unwrap();
        let (long_path, wide_path) = (dir.path().join("long.csv"), dir.path().join("wide.csv"));
        std::fs::write(&long_path, long).unwrap();
        std::fs::write(&wide_path, wide).unwrap();
        let from_long = read(&long_path, LayoutChoice::Fixed(Layout::Long));
        assert!(from_long.contains("respondents: 40000"), "{from_long}");
        assert_eq!(
            from_long,
            read(&wide_path, LayoutChoice::Fixed(Layout::Wide))
        );
    }
}
