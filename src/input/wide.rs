//! The wide layout: one row per respondent, a functional and a dysfunctional column per feature,
//! paired by header name wherever they stand.

use std::io::Read;

use super::columns::{feature_key, parse_role, Role};
use super::{count_importance, count_pair, Context, DecodeCache, Feature, Layout, ReadOptions};
use super::{Survey, Warning};
use crate::error::Error;

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
}

/// A group of columns sharing one feature key.
#[derive(Default)]
struct Group {
    name: String,
    first: usize,
    functional: Option<usize>,
    dysfunctional: Option<usize>,
    importance: Option<usize>,
}

/// Pairs a header's columns into features.
pub fn plan(header: &[String]) -> Result<Plan, (String, String)> {
    let mut groups: Vec<(String, Group)> = Vec::new();
    let mut ignored = Vec::new();
    for (index, column) in header.iter().enumerate() {
        let Some((name, role)) = parse_role(column) else {
            ignored.push(column.clone());
            continue;
        };
        let key = feature_key(&name);
        let position = match groups.iter().position(|(k, _)| *k == key) {
            Some(p) => p,
            None => {
                groups.push((
                    key,
                    Group {
                        name: name.clone(),
                        first: index,
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
            return Err((
                name,
                format!(
                    "{} columns \"{}\" and \"{}\"",
                    role.name(),
                    header[*previous],
                    column
                ),
            ));
        }
        *slot = Some(index);
    }
    let mut plan = Plan {
        ignored,
        ..Plan::default()
    };
    groups.sort_by_key(|(_, g)| g.first);
    for (_, group) in groups {
        match (group.functional, group.dysfunctional) {
            (Some(functional), Some(dysfunctional)) => plan.features.push(FeatureColumns {
                name: group.name,
                functional,
                dysfunctional,
                importance: group.importance,
            }),
            _ => plan.unpaired.extend(
                [group.functional, group.dysfunctional, group.importance]
                    .into_iter()
                    .flatten()
                    .map(|i| header[i].clone()),
            ),
        }
    }
    Ok(plan)
}

/// Reads the rows of a wide file.
pub(crate) fn read<R: Read>(
    context: &mut Context,
    csv: &mut csv::Reader<R>,
    record: &mut csv::ByteRecord,
    options: &ReadOptions,
) -> Result<Survey, Error> {
    let plan = plan(&context.header).map_err(|(name, detail)| Error::DuplicateFeature {
        path: context.path.clone(),
        name,
        detail,
    })?;
    if plan.features.is_empty() {
        return Err(Error::Layout {
            path: context.path.clone(),
            message: "no functional/dysfunctional column pairs in the header".to_string(),
            hint: "name columns \"<feature> (functional)\" and \"<feature> (dysfunctional)\", \
                   or use --layout long or --layout counts"
                .to_string(),
        });
    }
    let mut features: Vec<Feature> = plan
        .features
        .iter()
        .map(|f| {
            let columns = [Some(f.functional), Some(f.dysfunctional), f.importance]
                .into_iter()
                .flatten()
                .map(|i| context.header[i].clone())
                .collect();
            Feature::new(f.name.clone(), columns)
        })
        .collect();
    let mut caches: Vec<(DecodeCache, DecodeCache)> =
        plan.features.iter().map(|_| Default::default()).collect();
    let mut respondents = 0u64;
    while context.next(csv, record)? {
        context.check_width(record)?;
        respondents += 1;
        for ((columns, feature), (fcache, dcache)) in
            plan.features.iter().zip(&mut features).zip(&mut caches)
        {
            count_pair(
                context,
                record,
                options,
                feature,
                (columns.functional, fcache),
                (columns.dysfunctional, dcache),
            )?;
            if let Some(col) = columns.importance {
                count_importance(context, record, options, feature, col)?;
            }
        }
    }
    if respondents == 0 {
        return Err(Error::HeaderOnly {
            path: context.path.clone(),
        });
    }
    let mut warnings = Vec::new();
    if !plan.unpaired.is_empty() {
        warnings.push(Warning::UnpairedColumns(plan.unpaired));
    }
    if !plan.ignored.is_empty() {
        warnings.push(Warning::IgnoredColumns(plan.ignored));
    }
    Ok(Survey {
        path: context.path.clone(),
        layout: Layout::Wide,
        delimiter: b',',
        respondents: Some(respondents),
        features,
        warnings,
    })
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
        let plan = plan(&h).unwrap();
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
    fn a_column_without_its_twin_is_reported_unpaired() {
        let h = header(&["a (functional)", "a (dysfunctional)", "b (functional)"]);
        let plan = plan(&h).unwrap();
        assert_eq!(plan.features.len(), 1);
        assert_eq!(plan.unpaired, vec!["b (functional)"]);
    }

    #[test]
    fn pairing_is_case_insensitive_and_mixes_forms() {
        let h = header(&["Live Chat (functional)", "live chat_dysfunctional"]);
        let plan = plan(&h).unwrap();
        assert_eq!(plan.features.len(), 1);
        assert_eq!(plan.features[0].name, "Live Chat");
    }

    #[test]
    fn two_functional_columns_for_one_feature_are_an_error() {
        let h = header(&["a (functional)", "A_functional", "a (dysfunctional)"]);
        let (name, detail) = plan(&h).unwrap_err();
        assert_eq!(name, "A");
        assert!(detail.contains("\"a (functional)\" and \"A_functional\""));
    }
}
