//! Form versions: Google Forms keeps both column sets when a form is edited mid-survey, so one
//! feature may be asked twice, first as two question-text columns ("If the app could export
//! to PDF, how would you feel?"), later as two grid columns ("Export to PDF [If the product has
//! this, how do you feel?]"). Each respondent answered one set; the two pairs are read as one
//! feature named from the grid, and every respondent is counted once.
//!
//! The match is conservative: a question pair merges with a grid pair only when the grid's
//! feature words stand, in order, in both of its questions, and no other pair of either kind
//! matches as well.

use super::pairing::question;
use super::wide::FeatureColumns;

/// A grid header's two parts: `Grid title [row]` -> ("Grid title", "row").
pub(super) fn grid_parts(header: &str) -> Option<(&str, &str)> {
    let text = header.trim().strip_suffix(']')?;
    let open = text.rfind(" [")?;
    let (title, row) = (text[..open].trim(), text[open + 2..].trim());
    (!title.is_empty() && !row.is_empty() && !row.contains(['[', ']'])).then_some((title, row))
}

/// The feature a pair of grid columns asks about: the part the two headers share, when the
/// other part differs ("Export to PDF [If it has this ...]" / "Export to PDF [If it does not
/// have this ...]" -> "Export to PDF"; LimeSurvey's "Question [Dark mode]" the other way).
pub(super) fn grid_feature(functional: &str, dysfunctional: &str) -> Option<String> {
    let (ft, fr) = grid_parts(functional)?;
    let (dt, dr) = grid_parts(dysfunctional)?;
    let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
    match (same(ft, dt), same(fr, dr)) {
        (true, false) => Some(ft.to_string()),
        (false, true) => Some(fr.to_string()),
        _ => None,
    }
}

/// Lowercase word tokens.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `needle` stands as a run of consecutive words in `haystack`.
fn contains_run(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// One feature asked in two form versions, merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedVersions {
    /// The merged feature's name (from the grid).
    pub feature: String,
    /// The grid's functional and dysfunctional columns: read whenever a respondent answered them.
    pub kept: [String; 2],
    /// The question-text columns of the other version: read for respondents who did not answer
    /// the grid.
    pub other: [String; 2],
    /// Respondents who answered both versions; their grid answers were counted, the others not.
    pub both_answered: u64,
}

/// Merges each question-text pair into the grid pair asking about the same feature, where the
/// match is unambiguous: the merged feature keeps the grid's columns and name and reads the
/// question pair's columns as its `other_version`. Returns the merges, in feature order
/// (`both_answered` still zero: the reading counts it).
pub(super) fn merge_versions(
    header: &[String],
    features: &mut Vec<FeatureColumns>,
) -> Vec<MergedVersions> {
    let grid: Vec<Option<Vec<String>>> = features
        .iter()
        .map(|f| {
            grid_feature(&header[f.functional], &header[f.dysfunctional]).map(|name| words(&name))
        })
        .collect();
    let is_text = |f: &FeatureColumns| {
        f.other_version.is_none()
            && f.importance.is_none()
            && grid_parts(&header[f.functional]).is_none()
            && grid_parts(&header[f.dysfunctional]).is_none()
    };
    // Each question pair's candidate grid pairs.
    let matches: Vec<Vec<usize>> = features
        .iter()
        .map(|f| {
            if !is_text(f) {
                return Vec::new();
            }
            let functional = question(&header[f.functional]);
            let dysfunctional = question(&header[f.dysfunctional]);
            if functional.negated || !dysfunctional.negated {
                return Vec::new();
            }
            let (fw, dw) = (
                words(&functional.core.join(" ")),
                words(&dysfunctional.core.join(" ")),
            );
            grid.iter()
                .enumerate()
                .filter(|(_, g)| {
                    g.as_ref()
                        .is_some_and(|g| contains_run(&fw, g) && contains_run(&dw, g))
                })
                .map(|(i, _)| i)
                .collect()
        })
        .collect();
    let mut merges: Vec<(usize, usize)> = Vec::new();
    for (q, candidates) in matches.iter().enumerate() {
        let [g] = candidates[..] else { continue };
        let claimed = matches.iter().filter(|m| m.contains(&g)).count();
        if claimed == 1 && features[g].other_version.is_none() {
            merges.push((g, q));
        }
    }
    let mut merged = Vec::new();
    for &(g, q) in &merges {
        let (qf, qd) = (features[q].functional, features[q].dysfunctional);
        let name = grid_feature(
            &header[features[g].functional],
            &header[features[g].dysfunctional],
        )
        .unwrap_or_else(|| features[g].name.clone());
        let feature = &mut features[g];
        feature.name = name.clone();
        feature.other_version = Some((qf, qd));
        merged.push(MergedVersions {
            feature: name,
            kept: [
                header[feature.functional].clone(),
                header[feature.dysfunctional].clone(),
            ],
            other: [header[qf].clone(), header[qd].clone()],
            both_answered: 0,
        });
    }
    let gone: Vec<usize> = merges.iter().map(|(_, q)| *q).collect();
    let mut index = 0;
    features.retain(|_| {
        index += 1;
        !gone.contains(&(index - 1))
    });
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cols: &[&str]) -> Vec<String> {
        cols.iter().map(|s| s.to_string()).collect()
    }

    fn pair(name: &str, functional: usize, dysfunctional: usize) -> FeatureColumns {
        FeatureColumns {
            name: name.to_string(),
            functional,
            dysfunctional,
            importance: None,
            other_version: None,
        }
    }

    #[test]
    fn grid_headers_split_into_title_and_row() {
        let cases = [
            (
                "Export [If it has this?]",
                Some(("Export", "If it has this?")),
            ),
            ("Q? [Dark mode]", Some(("Q?", "Dark mode"))),
            ("[Dark mode]", None),
            ("Dark mode", None),
            ("Dark mode []", None),
            ("local language(s)", None),
        ];
        for (text, expected) in cases {
            assert_eq!(grid_parts(text), expected, "{text}");
        }
    }

    #[test]
    fn the_shared_part_of_two_grid_headers_is_the_feature() {
        assert_eq!(
            grid_feature(
                "Export [If it has this?]",
                "export [If it does not have this?]"
            ),
            Some("Export".to_string())
        );
        assert_eq!(
            grid_feature(
                "If it has this? [Dark mode]",
                "If it lacks this? [Dark mode]"
            ),
            Some("Dark mode".to_string())
        );
        assert_eq!(grid_feature("A [B]", "C [D]"), None);
        assert_eq!(grid_feature("A [B]", "A [B]"), None);
    }

    #[test]
    fn a_question_pair_merges_into_the_grid_pair_naming_its_feature() {
        let h = header(&[
            "If the app could export to PDF, how would you feel?",
            "If the app could not export to PDF, how would you feel?",
            "Export to PDF [If the product has this?]",
            "Export to PDF [If the product does not have this?]",
            "Dark theme [If the product has this?]",
            "Dark theme [If the product does not have this?]",
        ]);
        let mut features = vec![pair("q", 0, 1), pair("g", 2, 3), pair("d", 4, 5)];
        let merged = merge_versions(&h, &mut features);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].feature, "Export to PDF");
        assert_eq!(features.len(), 2);
        assert_eq!(features[0].name, "Export to PDF");
        assert_eq!(features[0].other_version, Some((0, 1)));
        assert_eq!(features[1].other_version, None);
    }

    #[test]
    fn an_ambiguous_match_merges_nothing() {
        // "Export" and "Export to PDF" both stand in the question.
        let h = header(&[
            "If the app could export to PDF, how would you feel?",
            "If the app could not export to PDF, how would you feel?",
            "Export to PDF [If the product has this?]",
            "Export to PDF [If the product does not have this?]",
            "Export [If the product has this?]",
            "Export [If the product does not have this?]",
        ]);
        let mut features = vec![pair("q", 0, 1), pair("g", 2, 3), pair("e", 4, 5)];
        assert!(merge_versions(&h, &mut features).is_empty());
        assert_eq!(features.len(), 3);
        // Two question pairs naming the one grid feature: neither merges.
        let h = header(&[
            "If it could export to PDF?",
            "If it could not export to PDF?",
            "If it could export to PDF quickly?",
            "If it could not export to PDF quickly?",
            "Export to PDF [If the product has this?]",
            "Export to PDF [If the product does not have this?]",
        ]);
        let mut features = vec![pair("a", 0, 1), pair("b", 2, 3), pair("g", 4, 5)];
        assert!(merge_versions(&h, &mut features).is_empty());
    }
}
