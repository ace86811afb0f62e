//! The `Report`: one value built once from a survey and rendered many ways. Its serde shape is
//! the JSON contract (`schema_version` 1); renderers never compute.

pub mod compare;
pub mod csv;
pub mod explain;
pub mod html;
pub mod inspect;
pub mod json;
pub mod markdown;
pub mod plan;
pub mod questionnaire;
pub mod refined;
pub mod segment_tests;
pub mod svg;
pub mod table;
pub mod text;
pub mod text_chart;
pub mod trend;
pub mod xlsx;

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::input::{Feature, Survey};
use crate::stats::{self, FeatureStats, Interval, Settings};

/// The version of the JSON output's shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// How features are ordered in the output (`--sort`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum SortKey {
    /// Must-be, one-dimensional, attractive, indifferent, reverse, questionable; then impact.
    #[default]
    Priority,
    /// Better, highest first.
    Better,
    /// |Worse|, highest first.
    Worse,
    /// Distance from the origin in the Better/|Worse| plane, highest first.
    Impact,
    /// Mean self-stated importance, highest first.
    Importance,
    /// Feature name, A to Z.
    Name,
    /// The order of the input file.
    Input,
}

/// Category counts, keyed by letter.
#[allow(non_snake_case, missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counts<T> {
    pub A: T,
    pub O: T,
    pub M: T,
    pub I: T,
    pub R: T,
    pub Q: T,
}

impl<T: Copy> Counts<T> {
    /// Counts from values in A, O, M, I, R, Q order.
    pub fn from_array(values: [T; 6]) -> Counts<T> {
        let [a, o, m, i, r, q] = values;
        Counts {
            A: a,
            O: o,
            M: m,
            I: i,
            R: r,
            Q: q,
        }
    }

    /// The values in A, O, M, I, R, Q order.
    pub fn to_array(&self) -> [T; 6] {
        [self.A, self.O, self.M, self.I, self.R, self.Q]
    }
}

/// Where the data came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InputInfo {
    /// The path as given (`<stdin>` for `-`).
    pub path: String,
    /// `wide`, `long` or `counts`.
    pub layout: String,
    /// Respondents; null for the counts layout.
    pub respondents: Option<u64>,
}

impl From<&Survey> for InputInfo {
    fn from(survey: &Survey) -> InputInfo {
        InputInfo {
            path: survey.path.clone(),
            layout: survey.layout.name().to_string(),
            respondents: survey.respondents,
        }
    }
}

/// The conventions used.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsInfo {
    /// `standard` or `modified`.
    pub table: String,
    /// `mode` or `berger`.
    pub rule: String,
    /// E.g. `MOAIRQ`.
    pub tie_order: String,
    /// Percentage points.
    pub mixed_threshold: f64,
    /// Whether Worse is reported as a positive number.
    pub worse_positive: bool,
    /// The named convention the settings started from (`--convention`; flags win over it):
    /// `berger-1993` (the default), `stp25kano`, `reppl` or `fuzoh-thesis`. Keys added within
    /// schema_version 1 default to what kano did before them, so older reports still read (as
    /// `check --baseline`).
    #[serde(default = "default_settings::convention")]
    pub convention: String,
    /// Which two categories category strength compares: `runner-up` or `top-two-without-q`.
    #[serde(default = "default_settings::strength")]
    pub strength: String,
    /// How Fong's test is computed: `runner-up` or `stp25kano`.
    #[serde(default = "default_settings::fong")]
    pub fong: String,
    /// The scale of the continuous scores: `dumouchel` or `quarter`.
    #[serde(default = "default_settings::continuous_scale")]
    pub continuous_scale: String,
    /// Which answers the continuous means average: `pairs` (complete pairs) or `questions`
    /// (each question over its own answers, as stp25kano).
    #[serde(default = "default_settings::continuous_basis")]
    pub continuous_basis: String,
    /// Whether Yang's refined categories were asked for (`--refined`).
    #[serde(default)]
    pub refined: bool,
}

/// The values of settings keys added within schema_version 1, for reports written before them.
mod default_settings {
    use crate::stats::Settings;

    pub fn convention() -> String {
        Settings::default().convention.name().to_string()
    }

    pub fn strength() -> String {
        Settings::default().strength.name().to_string()
    }

    pub fn fong() -> String {
        Settings::default().fong.name().to_string()
    }

    pub fn continuous_scale() -> String {
        Settings::default().continuous_scale.name().to_string()
    }

    pub fn continuous_basis() -> String {
        Settings::default().continuous_basis.name().to_string()
    }
}

impl From<&Settings> for SettingsInfo {
    fn from(settings: &Settings) -> SettingsInfo {
        SettingsInfo {
            convention: settings.convention.name().to_string(),
            strength: settings.strength.name().to_string(),
            fong: settings.fong.name().to_string(),
            continuous_scale: settings.continuous_scale.name().to_string(),
            continuous_basis: settings.continuous_basis.name().to_string(),
            refined: settings.refined,
            table: settings.table.name().to_string(),
            rule: settings.rule.name().to_string(),
            tie_order: settings.tie_order.letters(),
            mixed_threshold: settings.mixed_threshold,
            worse_positive: settings.worse_positive,
        }
    }
}

/// DuMouchel's continuous scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ContinuousInfo {
    /// Mean functional score.
    pub functional_mean: Option<f64>,
    /// Sample SD of the functional score.
    pub functional_sd: Option<f64>,
    /// Mean dysfunctional score.
    pub dysfunctional_mean: Option<f64>,
    /// Sample SD of the dysfunctional score.
    pub dysfunctional_sd: Option<f64>,
}

/// Mean self-stated importance.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportanceInfo {
    /// The mean.
    pub mean: f64,
    /// How many values.
    pub n: u64,
}

/// One feature's results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeatureReport {
    /// Display name.
    pub name: String,
    /// 1-based position in priority order.
    pub rank: usize,
    /// Valid pairs.
    pub n: u64,
    /// Pairs with an empty side.
    pub missing: u64,
    /// Pairs with an unknown label (skipped with `--skip-invalid`).
    pub invalid: u64,
    /// Category counts.
    pub counts: Counts<u64>,
    /// Percentages of n; null when n = 0.
    pub percentages: Option<Counts<f64>>,
    /// The category; null when n = 0.
    pub category: Option<String>,
    /// The category as every output spells it: the name, or `A/O mixed` (the two letters of
    /// the category and the runner-up) when the classification is mixed; null when n = 0. Added
    /// to schema 1 (older reports without it still read).
    #[serde(default)]
    pub category_label: Option<String>,
    /// The runner-up category.
    pub second_category: Option<String>,
    /// Percentage points between category and second category.
    pub category_strength: Option<f64>,
    /// %A + %O + %M.
    pub total_strength: Option<f64>,
    /// Strength below the mixed threshold.
    pub mixed: bool,
    /// Fong's test between the two most frequent categories.
    pub fong_significant: Option<bool>,
    /// Better (CS+).
    pub better: Option<f64>,
    /// Wilson 95% interval of Better, `[low, high]`.
    pub better_ci: Option<[f64; 2]>,
    /// Worse (CS-).
    pub worse: Option<f64>,
    /// Wilson 95% interval of Worse, `[low, high]`.
    pub worse_ci: Option<[f64; 2]>,
    /// DuMouchel's continuous scores.
    pub continuous: ContinuousInfo,
    /// Mean importance, or null.
    pub importance: Option<ImportanceInfo>,
    /// `fulfil`, `invest`, `delight`, `save`, `remove` or `review`; null when n = 0.
    pub action: Option<String>,
    /// With `--refined` only: Yang's (2005) refined category (`highly attractive`, `less
    /// attractive`, `high value-added`, `low value-added`, `critical`, `necessary`, `potential`,
    /// `indifferent`); null for reverse, questionable, or without importance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refined_category: Option<Option<String>>,
}

impl FeatureReport {
    /// The category as shown in tables: a name, `A/O mixed` letters when mixed, `-` when
    /// there is none.
    pub fn category_label(&self) -> String {
        label_of(&self.category, &self.second_category, self.mixed)
            .unwrap_or_else(|| "-".to_string())
    }

    /// Distance from the origin in the Better/|Worse| plane.
    pub fn impact(&self) -> Option<f64> {
        Some(self.better?.hypot(self.worse?))
    }
}

/// How the file was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadingInfo {
    /// `utf-8`, `utf-8 (BOM)`, `utf-16le (BOM)`, `windows-1252 (not valid UTF-8)`, `xlsx`, ...
    pub encoding: String,
    /// Whether the file was gzip-compressed.
    pub gzip: bool,
    /// The sheet read, for spreadsheets.
    pub sheet: Option<String>,
    /// `comma`, `semicolon`, `tab`, `pipe` or the character.
    pub delimiter: String,
    /// Header rows: 1, 2 (SurveyMonkey) or 3 (Qualtrics).
    pub header_rows: usize,
    /// How the features' columns were found.
    pub pairing: String,
    /// Columns that are no part of any feature.
    pub ignored_columns: Vec<String>,
    /// Answer labels whose meaning kano inferred from their words; absent when none was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inferred_answers: Vec<InferredAnswer>,
    /// Features asked in two form versions (question text, then a grid: Google Forms keeps
    /// both when a form is edited) and read as one; absent when none was.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merged_versions: Vec<MergedVersion>,
}

/// One feature asked in two form versions and read as one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MergedVersion {
    /// The feature's name (from the grid).
    pub feature: String,
    /// The grid's functional and dysfunctional columns, read whenever answered.
    pub columns: [String; 2],
    /// The other version's functional and dysfunctional columns, read for respondents who left
    /// the grid empty.
    pub other_columns: [String; 2],
    /// Respondents who answered both versions: their grid answers were counted, once.
    pub both_answered: u64,
}

impl MergedVersion {
    /// The merged features of a reading.
    pub fn all(reading: &crate::input::Reading) -> Vec<MergedVersion> {
        reading
            .merged_versions
            .iter()
            .map(|m| MergedVersion {
                feature: m.feature.clone(),
                columns: m.kept.clone(),
                other_columns: m.other.clone(),
                both_answered: m.both_answered,
            })
            .collect()
    }
}

/// One answer label whose meaning kano inferred.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InferredAnswer {
    /// The label as found.
    pub label: String,
    /// The answer it was read as: like, must-be, neutral, live-with or dislike.
    pub answer: String,
    /// The words in it that decided.
    pub cues: Vec<String>,
    /// Whether an option order the export shows (numbers in the labels, a value row, a list in
    /// the question text) runs in the order of the answers inferred from the words, confirming
    /// them; absent when none says.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub confirmed_by_option_order: bool,
    /// Where that option order comes from: "option numbers", "value row" or "question text";
    /// absent when none was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_evidence: Option<String>,
    /// The order's first option and its answer ("1 = like", "1 = dislike" in a reversed
    /// scale); absent when no order was used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_option: Option<String>,
    /// Whether the answer comes from the option order alone, the words not deciding.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub from_order_only: bool,
}

impl InferredAnswer {
    /// The inferred labels of a reading.
    pub fn all(reading: &crate::input::Reading) -> Vec<InferredAnswer> {
        reading
            .inferred
            .iter()
            .map(|i| InferredAnswer {
                label: i.label.clone(),
                answer: i.answer.name().to_string(),
                cues: i.cues.clone(),
                confirmed_by_option_order: i.order.is_some() && !i.order_only,
                order_evidence: i.order.map(|o| o.source.name().to_string()),
                first_option: i.order.map(|o| o.first_option()),
                from_order_only: i.order_only,
            })
            .collect()
    }
}

/// What the respondent checks found.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RespondentChecks {
    /// Respondents checked.
    pub respondents: u64,
    /// With at least one questionable pair.
    pub with_questionable: u64,
    /// Same answer pair for every feature.
    pub straight_liners: u64,
    /// Left out by `--drop-inconsistent`.
    pub dropped: u64,
    /// The `--drop-inconsistent` share, or null.
    pub drop_threshold: Option<f64>,
    /// Left out by `--max-indifferent` (and not already by `--drop-inconsistent`).
    #[serde(default)]
    pub dropped_indifferent: u64,
    /// The `--max-indifferent` count, or null.
    #[serde(default)]
    pub max_indifferent: Option<u64>,
}

impl RespondentChecks {
    /// Whether a respondent filter was given (`--drop-inconsistent`, `--max-indifferent`).
    pub fn filtered(&self) -> bool {
        self.drop_threshold.is_some() || self.max_indifferent.is_some()
    }

    /// Respondents left out by either filter.
    pub fn left_out(&self) -> u64 {
        self.dropped + self.dropped_indifferent
    }

    /// What the filters left out, in words: "none left out", or each filter's count and rule,
    /// e.g. "2 left out (more than 20% questionable), 1 left out (more than 3 indifferent)".
    pub fn left_out_text(&self) -> String {
        let mut parts = Vec::new();
        if let Some(t) = self.drop_threshold {
            parts.push(format!(
                "{} left out (more than {}% questionable)",
                self.dropped,
                t * 100.0
            ));
        }
        if let Some(most) = self.max_indifferent {
            parts.push(format!(
                "{} left out (more than {most} indifferent)",
                self.dropped_indifferent
            ));
        }
        if parts.is_empty() {
            "none left out".to_string()
        } else {
            parts.join(", ")
        }
    }
}

impl From<crate::input::Quality> for RespondentChecks {
    fn from(q: crate::input::Quality) -> RespondentChecks {
        RespondentChecks {
            respondents: q.respondents,
            with_questionable: q.with_questionable,
            straight_liners: q.straight_liners,
            dropped: q.dropped,
            drop_threshold: q.drop_threshold,
            dropped_indifferent: q.dropped_indifferent,
            max_indifferent: q.max_indifferent,
        }
    }
}

/// One segment of a `--by` analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SegmentReport {
    /// The column's value (or band).
    pub value: String,
    /// Respondents in it.
    pub respondents: u64,
    /// Its features, in the same order as the overall ones.
    pub features: Vec<FeatureReport>,
}

/// A delimiter's readable name.
pub fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b',' => "comma".to_string(),
        b';' => "semicolon".to_string(),
        b'\t' => "tab".to_string(),
        b'|' => "pipe".to_string(),
        other => char::from(other).to_string(),
    }
}

/// A whole analysis: the JSON envelope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The kano version that wrote it.
    pub kano_version: String,
    /// Where the data came from.
    pub input: InputInfo,
    /// The conventions used.
    pub settings: SettingsInfo,
    /// How the file was read.
    pub reading: ReadingInfo,
    /// Respondent checks; null where respondents cannot be told apart (counts, long without ids).
    pub respondent_checks: Option<RespondentChecks>,
    /// One entry per feature, in the requested order.
    pub features: Vec<FeatureReport>,
    /// The `--by` column, or null.
    pub segment_by: Option<String>,
    /// Results per segment (empty without `--by`).
    pub segments: Vec<SegmentReport>,
    /// With `--by`: per feature, whether its category distribution, Better and Worse differ
    /// between segments (`crate::segments`); absent without `--by`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segment_tests: Vec<crate::segments::SegmentTest>,
    /// With `--refined`: the survey's mean importance (the mean of the features' means) that
    /// Yang's refined categories split at; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refined_importance: Option<f64>,
    /// Warnings, as sentences.
    pub warnings: Vec<String>,
}

/// The reading facts that are no warning, as sentences for the reading section's notes: the
/// columns that are part of no feature (a respondent id, a segment such as `plan`, a timestamp),
/// which a survey export normally has. Names are quoted and control characters escaped.
pub fn reading_notes(ignored_columns: &[String]) -> Vec<String> {
    if ignored_columns.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "{} column(s) are part of no feature (identifiers, segments for --by, bookkeeping) and \
         were not analysed: {}",
        ignored_columns.len(),
        crate::error::column_list(ignored_columns)
    )]
}

/// The one spelling of a result: the category's name, or `A/O mixed` (category and runner-up
/// letters) when mixed; `None` without a category.
fn label_of(category: &Option<String>, second: &Option<String>, mixed: bool) -> Option<String> {
    let letter = |name: &Option<String>| {
        name.as_deref()
            .and_then(|n| n.parse::<Category>().ok())
            .map(Category::letter)
    };
    match (category, mixed, letter(category), letter(second)) {
        (Some(_), true, Some(c), Some(s)) => Some(format!("{c}/{s} mixed")),
        (Some(name), _, _, _) => Some(name.clone()),
        (None, _, _, _) => None,
    }
}

fn interval(ci: Option<Interval>) -> Option<[f64; 2]> {
    ci.map(|ci| [ci.low, ci.high])
}

fn feature_report(name: &str, tally: &crate::tally::Tally, s: &FeatureStats) -> FeatureReport {
    FeatureReport {
        name: name.to_string(),
        rank: 0,
        n: s.n,
        missing: tally.missing,
        invalid: tally.invalid,
        counts: Counts::from_array(s.counts),
        percentages: s.percentages.map(Counts::from_array),
        category: s.category.map(|c| c.name().to_string()),
        category_label: label_of(
            &s.category.map(|c| c.name().to_string()),
            &s.second_category.map(|c| c.name().to_string()),
            s.mixed,
        ),
        second_category: s.second_category.map(|c| c.name().to_string()),
        category_strength: s.category_strength,
        total_strength: s.total_strength,
        mixed: s.mixed,
        fong_significant: s.fong.map(|f| f.significant),
        better: s.better,
        better_ci: interval(s.better_ci),
        worse: s.worse,
        worse_ci: interval(s.worse_ci),
        continuous: ContinuousInfo {
            functional_mean: s.continuous.functional_mean,
            functional_sd: s.continuous.functional_sd,
            dysfunctional_mean: s.continuous.dysfunctional_mean,
            dysfunctional_sd: s.continuous.dysfunctional_sd,
        },
        importance: s.importance.map(|i| ImportanceInfo {
            mean: i.mean,
            n: i.n,
        }),
        action: s.action.map(|a| a.name().to_string()),
        refined_category: None,
    }
}

/// Where a category stands in priority order (must-be first); no category last.
fn priority(category: &Option<String>) -> usize {
    const ORDER: [Category; 6] = [
        Category::MustBe,
        Category::OneDimensional,
        Category::Attractive,
        Category::Indifferent,
        Category::Reverse,
        Category::Questionable,
    ];
    // Sorting asks this twice per comparison: the written name first, without parsing.
    category
        .as_deref()
        .and_then(|c| {
            ORDER.iter().position(|o| o.name() == c).or_else(|| {
                let parsed = c.parse::<Category>().ok()?;
                ORDER.iter().position(|o| *o == parsed)
            })
        })
        .unwrap_or(ORDER.len())
}

/// Descending order of optional numbers, undefined last.
fn descending(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => b.total_cmp(&a),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// Priority order: category (must-be first), then impact, then name.
fn by_priority(a: &FeatureReport, b: &FeatureReport) -> Ordering {
    priority(&a.category)
        .cmp(&priority(&b.category))
        .then_with(|| descending(a.impact(), b.impact()))
        .then_with(|| a.name.cmp(&b.name))
}

/// Sorts features in place by `key`; ties fall back to priority order.
pub fn sort_features(features: &mut [FeatureReport], key: SortKey) {
    let abs = |x: Option<f64>| x.map(f64::abs);
    match key {
        SortKey::Input => {}
        SortKey::Priority => features.sort_by(by_priority),
        SortKey::Better => {
            features.sort_by(|a, b| descending(a.better, b.better).then_with(|| by_priority(a, b)))
        }
        SortKey::Worse => features
            .sort_by(|a, b| descending(abs(a.worse), abs(b.worse)).then_with(|| by_priority(a, b))),
        SortKey::Impact => features
            .sort_by(|a, b| descending(a.impact(), b.impact()).then_with(|| by_priority(a, b))),
        SortKey::Importance => features.sort_by(|a, b| {
            descending(a.importance.map(|i| i.mean), b.importance.map(|i| i.mean))
                .then_with(|| by_priority(a, b))
        }),
        SortKey::Name => features.sort_by(|a, b| {
            a.name
                .to_lowercase()
                .cmp(&b.name.to_lowercase())
                .then_with(|| a.name.cmp(&b.name))
        }),
    }
}

/// Builds the report of a survey under `settings`, ordered by `sort`.
pub fn build(survey: &Survey, settings: &Settings, sort: SortKey) -> Report {
    let features = feature_reports(&survey.features, settings, sort);
    let reading = &survey.reading;
    let (segment_by, segments) = match &survey.segments {
        Some((column, segments)) => (
            Some(column.clone()),
            segments
                .iter()
                .map(|s| SegmentReport {
                    value: s.value.clone(),
                    respondents: s.respondents,
                    features: feature_reports(&s.features, settings, sort),
                })
                .collect(),
        ),
        None => (None, Vec::new()),
    };
    let refined_importance = settings
        .refined
        .then(|| refined_threshold(&features))
        .flatten();
    let segment_tests = survey
        .segments
        .as_ref()
        .map(|(_, segments)| {
            crate::segments::segment_tests(&survey.features, segments, settings.table)
        })
        .unwrap_or_default();
    Report {
        schema_version: SCHEMA_VERSION,
        kano_version: env!("CARGO_PKG_VERSION").to_string(),
        input: InputInfo::from(survey),
        settings: SettingsInfo::from(settings),
        reading: ReadingInfo {
            encoding: reading.source.encoding.clone(),
            gzip: reading.source.gzip,
            sheet: reading.source.sheet.clone(),
            delimiter: delimiter_name(reading.delimiter),
            header_rows: reading.header_rows,
            pairing: reading.pairing.clone(),
            ignored_columns: reading.ignored_columns.clone(),
            inferred_answers: InferredAnswer::all(reading),
            merged_versions: MergedVersion::all(reading),
        },
        respondent_checks: survey.quality.map(RespondentChecks::from),
        features,
        segment_by,
        segments,
        segment_tests,
        refined_importance,
        warnings: survey.warnings.iter().map(ToString::to_string).collect(),
    }
}

/// The reports of a list of features: ranked by priority, ordered by `sort`.
pub fn feature_reports(
    features: &[Feature],
    settings: &Settings,
    sort: SortKey,
) -> Vec<FeatureReport> {
    let mut reports: Vec<FeatureReport> = features
        .iter()
        .map(|f| feature_report(&f.name, &f.tally, &stats::compute(&f.tally, settings)))
        .collect();
    if settings.refined {
        refine(&mut reports);
    }
    let mut ranked: Vec<usize> = (0..reports.len()).collect();
    ranked.sort_by(|a, b| by_priority(&reports[*a], &reports[*b]));
    for (rank, index) in ranked.into_iter().enumerate() {
        reports[index].rank = rank + 1;
    }
    sort_features(&mut reports, sort);
    reports
}

/// The line the table and Markdown formats add under their settings when a named convention
/// other than the default was used: its name and the variants it sets.
pub fn convention_line(settings: &SettingsInfo) -> Option<String> {
    (settings.convention != crate::convention::Convention::default().name()).then(|| {
        format!(
            "Convention {}: strength {}, Fong {}, continuous scale {} over {}.",
            settings.convention,
            settings.strength,
            settings.fong,
            settings.continuous_scale,
            settings.continuous_basis
        )
    })
}

/// The mean importance Yang's refined categories split at: the mean of the features' mean
/// importances (each feature weighs the same); `None` when no feature has importance.
pub fn refined_threshold(features: &[FeatureReport]) -> Option<f64> {
    let means: Vec<f64> = features
        .iter()
        .filter_map(|f| f.importance.map(|i| i.mean))
        .collect();
    (!means.is_empty()).then(|| means.iter().sum::<f64>() / means.len() as f64)
}

/// Sets every feature's refined category (Yang 2005): its category split by whether its mean
/// importance is above [`refined_threshold`] of the same list (the survey's, or the segment's).
fn refine(reports: &mut [FeatureReport]) {
    let threshold = refined_threshold(reports);
    for f in reports.iter_mut() {
        let category = f
            .category
            .as_deref()
            .and_then(|c| c.parse::<Category>().ok());
        let refined = match (category, f.importance, threshold) {
            (Some(c), Some(i), Some(t)) => {
                crate::category::Refined::of(c, i.mean > t).map(|r| r.name().to_string())
            }
            _ => None,
        };
        f.refined_category = Some(refined);
    }
}

/// Formats an optional number with `digits` decimals, "-" when undefined, never "-0.00".
pub fn fixed(value: Option<f64>, digits: usize) -> String {
    match value {
        None => "-".to_string(),
        Some(x) => {
            let text = format!("{x:.digits$}");
            if text.starts_with('-') && text[1..].bytes().all(|b| b == b'0' || b == b'.') {
                text[1..].to_string()
            } else {
                text
            }
        }
    }
}

/// The JSON Schema of `analyze --format json` (draft 2020-12), derived from [`Report`]: the
/// text of schema/kano-analyze.schema.json, which a test keeps equal to it.
pub fn json_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_category_ranks_the_same_by_its_name_or_another_spelling() {
        let cases = [
            ("must-be", 0),
            ("M", 0),
            ("Must be", 0),
            ("one-dimensional", 1),
            ("attractive", 2),
            ("A", 2),
            ("indifferent", 3),
            ("reverse", 4),
            ("questionable", 5),
            ("no such category", 6),
        ];
        for (name, rank) in cases {
            assert_eq!(priority(&Some(name.to_string())), rank, "{name}");
        }
        assert_eq!(priority(&None), 6);
    }

    #[test]
    fn settings_written_before_the_convention_keys_still_read() {
        let old = r#"{"table": "standard", "rule": "mode", "tie_order": "MOAIRQ",
            "mixed_threshold": 6.0, "worse_positive": false}"#;
        let settings: SettingsInfo = serde_json::from_str(old).unwrap();
        assert_eq!(settings, SettingsInfo::from(&Settings::default()));
    }

    #[test]
    fn fixed_never_prints_negative_zero() {
        assert_eq!(fixed(Some(-0.0001), 2), "0.00");
        assert_eq!(fixed(Some(-0.5), 2), "-0.50");
        assert_eq!(fixed(None, 2), "-");
        assert_eq!(fixed(Some(0.125), 1), "0.1");
    }
}
