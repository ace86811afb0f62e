//! `kano explain`'s computation: how one feature's answers become its category. Pure: it takes a
//! feature's tally and the settings and returns an [`Explanation`], whose serde shape is the JSON
//! contract of `kano explain --format json` (`schema_version` 1). Renderers never compute.
//!
//! The explanation is built from one [`Tally`], so a later segmentation (`--by`) can explain each
//! segment's tally with the same [`explain_tally`].

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::category::Category;
use crate::error::{printable, Error};
use crate::input::{Layout, Survey};
use crate::report::{Counts, InputInfo, SettingsInfo, SCHEMA_VERSION};
use crate::stats::{self, Rule, Settings};
use crate::tally::Tally;

/// Fong's test as shown in an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FongInfo {
    /// |a - b|: the difference between the two most frequent counts.
    pub difference: f64,
    /// 1.65 * sqrt((a + b)(2n - a - b) / 2n).
    pub critical: f64,
    /// Whether the difference reaches the critical value.
    pub significant: bool,
}

/// The sums the Berger rule compares (A+O+M against I+R+Q).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Groups {
    /// A + O + M.
    pub aom: u64,
    /// I + R + Q.
    pub irq: u64,
}

/// Why one feature has its category: the JSON envelope of `kano explain`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Explanation {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The kano version that wrote it.
    pub kano_version: String,
    /// Where the data came from.
    pub input: InputInfo,
    /// The conventions used.
    pub settings: SettingsInfo,
    /// The feature's name.
    pub feature: String,
    /// Its 1-based position in the file.
    pub position: usize,
    /// The `#` `kano analyze` shows for it (its rank under the default priority sort), which the
    /// title names; absent where not known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<usize>,
    /// The functional answers, in row order.
    pub rows: Vec<String>,
    /// The dysfunctional answers, in column order.
    pub columns: Vec<String>,
    /// `grid[f][d]`: pairs with functional answer `rows[f]` and dysfunctional `columns[d]`;
    /// null for the counts layout, which has category counts only.
    pub grid: Option<Vec<Vec<u64>>>,
    /// `letters[f][d]`: the category letter the evaluation table in use gives that cell.
    pub letters: Vec<Vec<String>>,
    /// Row sums of the grid (null for the counts layout).
    pub row_totals: Option<Vec<u64>>,
    /// Column sums of the grid (null for the counts layout).
    pub column_totals: Option<Vec<u64>>,
    /// Valid pairs: A+O+M+I+R+Q.
    pub n: u64,
    /// Category counts.
    pub counts: Counts<u64>,
    /// Percentages of n; null when n = 0.
    pub percentages: Option<Counts<f64>>,
    /// Categories by count, most frequent first, ties in tie order (letters).
    pub ranking: Vec<String>,
    /// A+O+M and I+R+Q, which the Berger rule compares.
    pub groups: Groups,
    /// The category; null when n = 0.
    pub category: Option<String>,
    /// Categories as frequent as the chosen one among those the rule considered, which the tie
    /// order put behind it.
    pub tied_with: Vec<String>,
    /// The runner-up category.
    pub second: Option<String>,
    /// Category strength: % category - % second (percentage points).
    pub strength: Option<f64>,
    /// Fong's test between the two most frequent categories; null when n = 0.
    pub fong: Option<FongInfo>,
    /// Strength below the mixed threshold.
    pub mixed: bool,
    /// `fulfil`, `invest`, `delight`, `save`, `remove` or `review`; null when n = 0.
    pub action: Option<String>,
    /// The action in words.
    pub advice: Option<String>,
    /// Pairs with an empty side.
    pub missing: u64,
    /// Pairs with an unknown label (skipped with `--skip-invalid`).
    pub invalid: u64,
    /// The unknown labels and how often each was seen.
    pub invalid_labels: BTreeMap<String, u64>,
    /// With `--by`: the same explanation within each segment (empty otherwise).
    pub segments: Vec<SegmentExplanation>,
}

/// One `--by` segment's explanation of the feature.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SegmentExplanation {
    /// The segment column (`--by`).
    pub column: String,
    /// The segment column's value (or band).
    pub value: String,
    /// Respondents in the segment.
    pub respondents: u64,
    /// The explanation within the segment (its own `segments` is empty).
    pub explanation: Explanation,
}

/// Explains one feature's tally. `has_grid` says whether the tally has an answer grid (every
/// layout but counts).
#[allow(clippy::too_many_arguments)]
pub fn explain_tally(
    name: &str,
    position: usize,
    tally: &Tally,
    has_grid: bool,
    invalid_labels: &BTreeMap<String, u64>,
    input: InputInfo,
    settings: &Settings,
) -> Explanation {
    let s = stats::compute(tally, settings);
    let names = || Answer::ALL.iter().map(|a| a.name().to_string()).collect();
    let letters = Answer::ALL
        .iter()
        .map(|f| {
            Answer::ALL
                .iter()
                .map(|d| settings.table.classify(*f, *d).letter().to_string())
                .collect()
        })
        .collect();
    let grid = has_grid.then(|| tally.grid.iter().map(|row| row.to_vec()).collect());
    let row_totals = has_grid.then(|| tally.grid.iter().map(|row| row.iter().sum()).collect());
    let column_totals = has_grid.then(|| {
        (0..5)
            .map(|d| tally.grid.iter().map(|row| row[d]).sum())
            .collect()
    });
    let mut ranking = Category::ALL.to_vec();
    ranking.sort_by_key(|c| {
        (
            std::cmp::Reverse(s.counts[c.index()]),
            settings.tie_order.rank(*c),
        )
    });
    let [a, o, m, i, r, q] = s.counts;
    let groups = Groups {
        aom: a + o + m,
        irq: i + r + q,
    };
    let considered: &[Category] = match settings.rule {
        Rule::Mode | Rule::CloseCall => &Category::ALL,
        Rule::Berger if groups.aom > groups.irq => &Category::ALL[..3],
        Rule::Berger => &Category::ALL[3..],
    };
    let tied_with = s
        .category
        .map(|chosen| {
            considered
                .iter()
                .filter(|c| **c != chosen && s.counts[c.index()] == s.counts[chosen.index()])
                .map(|c| c.name().to_string())
                .collect()
        })
        .unwrap_or_default();
    Explanation {
        schema_version: SCHEMA_VERSION,
        kano_version: env!("CARGO_PKG_VERSION").to_string(),
        input,
        settings: SettingsInfo::from(settings),
        feature: name.to_string(),
        position,
        number: None,
        rows: names(),
        columns: names(),
        grid,
        letters,
        row_totals,
        column_totals,
        n: s.n,
        counts: Counts::from_array(s.counts),
        percentages: s.percentages.map(Counts::from_array),
        ranking: ranking.iter().map(|c| c.letter().to_string()).collect(),
        groups,
        category: s.category.map(|c| c.name().to_string()),
        tied_with,
        second: s.second_category.map(|c| c.name().to_string()),
        strength: s.category_strength,
        fong: s.fong.map(|f| FongInfo {
            difference: f.difference,
            critical: f.critical,
            significant: f.significant,
        }),
        mixed: s.mixed,
        action: s.action.map(|a| a.name().to_string()),
        advice: s.action.map(|a| a.advice().to_string()),
        missing: tally.missing,
        invalid: tally.invalid,
        invalid_labels: invalid_labels.clone(),
        segments: Vec::new(),
    }
}

/// Explains the feature at `index` (0-based) of a survey.
///
/// With `--by` segments, each segment's explanation of the same feature is in `segments`.
pub fn explain(survey: &Survey, index: usize, settings: &Settings) -> Option<Explanation> {
    let feature = survey.features.get(index)?;
    let has_grid = survey.layout != Layout::Counts;
    let mut explanation = explain_tally(
        &feature.name,
        index + 1,
        &feature.tally,
        has_grid,
        &feature.invalid_labels,
        InputInfo::from(survey),
        settings,
    );
    if let Some((column, segments)) = &survey.segments {
        for segment in segments {
            if let Some(f) = segment.features.get(index) {
                let mut input = InputInfo::from(survey);
                input.respondents = Some(segment.respondents);
                explanation.segments.push(SegmentExplanation {
                    column: column.clone(),
                    value: segment.value.clone(),
                    respondents: segment.respondents,
                    explanation: explain_tally(
                        &f.name,
                        index + 1,
                        &f.tally,
                        has_grid,
                        &f.invalid_labels,
                        input,
                        settings,
                    ),
                });
            }
        }
    }
    Some(explanation)
}

/// Finds a feature by name (case-insensitive, surrounding spaces ignored) or by its 1-based
/// position in the file; a name wins over a position. Returns the 0-based index, or an error
/// that lists the closest names.
pub fn find_feature(survey: &Survey, query: &str) -> Result<usize, Error> {
    let names: Vec<&str> = survey.features.iter().map(|f| f.name.as_str()).collect();
    let wanted = query.trim().to_lowercase();
    if let Some(index) = names.iter().position(|n| n.trim().to_lowercase() == wanted) {
        return Ok(index);
    }
    if let Ok(position) = wanted.parse::<usize>() {
        if (1..=names.len()).contains(&position) {
            return Ok(position - 1);
        }
    }
    let message = format!(
        "{}: no feature \"{}\" among its {} feature(s)",
        printable(&survey.path),
        printable(query),
        names.len()
    );
    let quoted = |list: &[&str]| {
        list.iter()
            .map(|n| format!("\"{}\"", printable(n)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let closest = closest_names(query, &names, 3);
    let known = if names.is_empty() {
        "the file has no features.".to_string()
    } else if !closest.is_empty() {
        format!("did you mean {}?", quoted(&closest))
    } else if names.len() <= 5 {
        format!("the features are {}.", quoted(&names))
    } else {
        format!("the first features are {}, ...", quoted(&names[..5]))
    };
    let hint = format!(
        "{known} Give a name (any case) or a number 1-{}, the # that `kano analyze {}` \
         shows",
        names.len(),
        printable(&survey.path)
    );
    Err(Error::usage(message, hint))
}

/// Up to `limit` names close to `query`, case-insensitively: names containing it, or within an
/// edit distance of a third of its length (at least 2); containing ones first, then by
/// distance, then in file order.
pub fn closest_names<'a>(query: &str, names: &[&'a str], limit: usize) -> Vec<&'a str> {
    let query = query.trim().to_lowercase();
    let near = (query.chars().count() / 3).max(2);
    let mut scored: Vec<(bool, usize, usize, &str)> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let lower = name.to_lowercase();
            let contains = !query.is_empty() && lower.contains(&query);
            (!contains, strsim::levenshtein(&query, &lower), i, *name)
        })
        .filter(|(far, distance, _, _)| !far || *distance <= near)
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(limit)
        .map(|(_, _, _, name)| name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Table;
    use crate::input::Feature;

    fn survey(names: &[&str]) -> Survey {
        Survey {
            path: "survey.csv".to_string(),
            layout: Layout::Wide,
            respondents: Some(0),
            features: names
                .iter()
                .map(|n| Feature {
                    name: n.to_string(),
                    columns: Vec::new(),
                    tally: Tally::default(),
                    invalid_labels: BTreeMap::new(),
                })
                .collect(),
            warnings: Vec::new(),
            reading: Default::default(),
            quality: None,
            segments: None,
        }
    }

    #[test]
    fn strsim_levenshtein_counts_edits_in_characters() {
        let cases = [
            ("", "", 0),
            ("abc", "", 3),
            ("", "abc", 3),
            ("kitten", "sitting", 3),
            ("live chat", "live chat", 0),
            ("chat", "char", 1),
            ("größe", "grösse", 2),
        ];
        for (a, b, expected) in cases {
            assert_eq!(strsim::levenshtein(a, b), expected, "{a} -> {b}");
        }
    }

    #[test]
    fn features_are_found_by_name_in_any_case_or_by_position() {
        let s = survey(&["Live chat", "Dark mode", "2"]);
        assert_eq!(find_feature(&s, "live CHAT").ok(), Some(0));
        assert_eq!(find_feature(&s, " Dark mode ").ok(), Some(1));
        assert_eq!(find_feature(&s, "1").ok(), Some(0));
        // A feature named "2" wins over position 2.
        assert_eq!(find_feature(&s, "2").ok(), Some(2));
        assert!(find_feature(&s, "4").is_err());
        assert!(find_feature(&s, "0").is_err());
    }

    #[test]
    fn unknown_features_list_the_closest_names() {
        let s = survey(&["Live chat", "Dark mode", "Order tracking"]);
        let message = find_feature(&s, "dark mod").map_err(|e| e.to_string());
        let message = message.err().unwrap_or_default();
        assert!(message.contains("no feature \"dark mod\""), "{message}");
        assert!(message.contains("did you mean \"Dark mode\""), "{message}");
        assert_eq!(
            closest_names("chat", &["Order tracking", "Live chat", "Hat", "Chart"], 3),
            vec!["Live chat", "Hat", "Chart"]
        );
        assert!(closest_names("zzz", &["Live chat"], 3).is_empty());
        let message = find_feature(&s, "zzz").map_err(|e| e.to_string());
        let message = message.err().unwrap_or_default();
        assert!(
            message.contains("the features are \"Live chat\", \"Dark mode\""),
            "{message}"
        );
    }

    #[test]
    fn grid_letters_and_totals_follow_the_table() {
        let mut tally = Tally::default();
        tally.add(Answer::Like, Answer::Dislike);
        tally.add(Answer::Like, Answer::Dislike);
        tally.add(Answer::MustBe, Answer::MustBe);
        tally.missing = 1;
        let settings = Settings {
            table: Table::Modified,
            ..Settings::default()
        };
        let info = InputInfo {
            path: "x".to_string(),
            layout: "wide".to_string(),
            respondents: Some(4),
        };
        let e = explain_tally("F", 1, &tally, true, &BTreeMap::new(), info, &settings);
        assert_eq!(e.letters[1][1], "Q");
        assert_eq!(e.letters[0][4], "O");
        assert_eq!(e.row_totals, Some(vec![2, 1, 0, 0, 0]));
        assert_eq!(e.column_totals, Some(vec![0, 1, 0, 0, 2]));
        assert_eq!(e.counts.to_array(), [0, 2, 0, 0, 0, 1]);
        assert_eq!(e.category.as_deref(), Some("one-dimensional"));
        assert_eq!(e.second.as_deref(), Some("questionable"));
        assert_eq!(e.ranking, ["O", "Q", "M", "A", "I", "R"]);
        assert_eq!(e.missing, 1);
        assert!(e.tied_with.is_empty());
    }

    #[test]
    fn ties_broken_by_the_tie_order_are_named() {
        let tally = Tally {
            extra_counts: [5, 5, 0, 5, 0, 0],
            ..Tally::default()
        };
        let info = InputInfo {
            path: "x".to_string(),
            layout: "counts".to_string(),
            respondents: None,
        };
        let e = explain_tally(
            "F",
            1,
            &tally,
            false,
            &BTreeMap::new(),
            info,
            &Settings::default(),
        );
        assert_eq!(e.grid, None);
        assert_eq!(e.category.as_deref(), Some("one-dimensional"));
        assert_eq!(e.tied_with, ["attractive", "indifferent"]);
    }
}
