//! Which layout a file has (wide, long or counts), decided from its header and sampled rows, and
//! the long layout's columns under other languages' names.

use std::collections::VecDeque;

use super::{counts, find_column, wide, Layout, LayoutChoice, ReadOptions};
use crate::error::Error;

/// What the long layout's columns are called in French, German and Spanish (and English
/// synonyms): feature, functional, dysfunctional. A French export reads `mesure,absence,presence`.
pub(super) const LONG_SYNONYMS: [&[&str]; 3] = [
    &[
        "measure",
        "attribute",
        "item",
        "mesure",
        "fonctionnalite",
        "fonctionnalité",
        "caracteristique",
        "caractéristique",
        "attribut",
        "merkmal",
        "funktion",
        "eigenschaft",
        "caracteristica",
        "característica",
        "funcionalidad",
        "atributo",
        "medida",
    ],
    &[
        "presence",
        "présence",
        "present",
        "fonctionnel",
        "fonctionnelle",
        "funktional",
        "funktionale",
        "vorhanden",
        "funcional",
        "presencia",
        "presente",
    ],
    &[
        "absence",
        "absent",
        "dysfonctionnel",
        "dysfonctionnelle",
        "dysfunktional",
        "dysfunktionale",
        "nicht vorhanden",
        "disfuncional",
        "ausencia",
        "ausente",
    ],
];

/// When the header has no `feature`, `functional` and `dysfunctional` columns of its own, but
/// has them under another language's names, options that name them, and the names (feature,
/// functional, dysfunctional) for the report.
pub(super) fn long_columns(
    header: &[String],
    options: &ReadOptions,
) -> (Option<ReadOptions>, Option<[String; 3]>) {
    if !matches!(
        options.layout,
        LayoutChoice::Auto | LayoutChoice::Fixed(Layout::Long)
    ) || !options.explicit_pairs.is_empty()
    {
        return (None, None);
    }
    let names = &options.columns;
    let given = [&names.feature, &names.functional, &names.dysfunctional];
    let defaults = ["feature", "functional", "dysfunctional"];
    if given
        .iter()
        .zip(defaults)
        .all(|(g, d)| find_column(header, g.as_deref().unwrap_or(d)).is_some())
    {
        return (None, None);
    }
    // One pass over the header (it may have a million columns), then lookups.
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    for (i, h) in header.iter().enumerate() {
        let h = h.trim();
        // Every synonym is short: longer headers need no lowering.
        if h.len() <= 24 {
            let key = h.to_lowercase();
            if LONG_SYNONYMS
                .iter()
                .any(|names| names.contains(&key.as_str()))
            {
                index.entry(key).or_insert(i);
            }
        }
    }
    let mut found: [Option<String>; 3] = Default::default();
    for (i, slot) in found.iter_mut().enumerate() {
        *slot = match given[i] {
            Some(name) => Some(name.clone()),
            None => std::iter::once(defaults[i])
                .chain(LONG_SYNONYMS[i].iter().copied())
                .find_map(|n| index.get(n))
                .map(|&c| header[c].clone()),
        };
    }
    let [Some(feature), Some(functional), Some(dysfunctional)] = found else {
        return (None, None);
    };
    let mut owned = options.clone();
    owned.columns.feature = Some(feature.clone());
    owned.columns.functional = Some(functional.clone());
    owned.columns.dysfunctional = Some(dysfunctional.clone());
    (Some(owned), Some([feature, functional, dysfunctional]))
}

pub(super) fn undecided_layout(path: &str) -> Error {
    Error::Layout {
        path: path.to_string(),
        message: "cannot tell the layout: the header has no functional/dysfunctional column \
                  pairs (wide), no feature, functional and dysfunctional columns (long), and no \
                  A, O, M, I columns (counts)"
            .to_string(),
        hint: "add --layout long with --feature-col, --functional-col and --dysfunctional-col, \
               name pairs with --pair \"NAME=FUNCTIONAL,DYSFUNCTIONAL\", pair question columns \
               by position with --pairs interleaved or --pairs blocks, or rename the wide \
               columns to \"<feature> (functional)\" and \"<feature> (dysfunctional)\""
            .to_string(),
    }
}

/// Picks the layout from the header: counts when A, O, M and I columns exist; long when
/// feature, functional and dysfunctional columns exist; wide when any pair can be found.
pub(super) fn detect_layout(
    header: &[String],
    samples: &VecDeque<csv::ByteRecord>,
    options: &ReadOptions,
) -> Option<Layout> {
    if !options.explicit_pairs.is_empty() {
        return Some(Layout::Wide);
    }
    if counts::category_columns(header).len() >= 4 {
        return Some(Layout::Counts);
    }
    let names = &options.columns;
    let has = |name: &Option<String>, default: &str| {
        find_column(header, name.as_deref().unwrap_or(default)).is_some()
    };
    if has(&names.feature, "feature")
        && has(&names.functional, "functional")
        && has(&names.dysfunctional, "dysfunctional")
    {
        return Some(Layout::Long);
    }
    // A duplicate pair is still a wide file: reading it reports the duplicate.
    match wide::plan("", header, samples, options) {
        Ok(plan) if plan.features.is_empty() => None,
        _ => Some(Layout::Wide),
    }
}
