//! `kano check`'s rules and their evaluation: pure functions from a [`Report`] (and optionally a
//! baseline `Report`) to a list of PASS/FAIL results, so a CI job can fail when an export is
//! broken or when the customers' view moved. Rendering lives in the format modules beside this
//! one; nothing here does I/O.
//!
//! [`CheckRules`] is a plain struct that deserializes from a TOML or JSON table with
//! kebab-case keys (`min-respondents`, `max-missing`, ...: the flag names without `--`), so a
//! `[check]` table in a spec file and the command line describe the same rules.

pub mod github;
pub mod json;
pub mod junit;
pub mod text;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::error::{printable, Error};
use crate::report::{fixed, FeatureReport, Report};

/// The version of `kano check --format json`'s shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// Tolerance for comparing a measured number with a limit, so 0.1 + 0.2 is not "above" 0.3.
const EPSILON: f64 = 1e-9;

/// The rules of one `kano check` run. Every rule is off by default.
///
/// Keys are kebab-case when deserialized (the flag names without `--`), unknown keys are
/// rejected, and `expect`, `min-better` and `max-worse` are lists of strings in the flags'
/// `FEATURE=VALUE` syntax:
///
/// ```toml
/// [check]
/// min-respondents = 30
/// max-missing = 0.1
/// require-features = ["Live chat", "Order tracking"]
/// expect = ["Order tracking=must-be", "Live chat=attractive|one-dimensional"]
/// max-worse = ["Live chat=0.5"]
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckRules {
    /// At least this many respondents (for the counts layout, the largest feature's rows).
    pub min_respondents: Option<u64>,
    /// Per feature, at most this share (0..1) of its rows (n + missing + invalid) missing.
    pub max_missing: Option<f64>,
    /// Per feature, at most this many pairs with unknown labels (counted with --skip-invalid).
    pub max_invalid: Option<u64>,
    /// Per feature, at most this share (0..1) of its valid pairs questionable (Q / n).
    pub max_questionable: Option<f64>,
    /// These features must exist (names compared case-insensitively).
    pub require_features: Vec<String>,
    /// Each named feature must fall in one of the given categories.
    pub expect: Vec<Expectation>,
    /// Each named feature's Better must be at least the value.
    pub min_better: Vec<Bound>,
    /// Each named feature's |Worse| must be at most the value.
    pub max_worse: Vec<Bound>,
    /// Features named in `expect` must pass Fong's test (top two categories differ).
    pub require_significant: bool,
    /// Features named in `expect` must have at least this category strength (points).
    pub min_strength: Option<f64>,
    /// With a baseline: Better and |Worse| may move by at most this much (absolute).
    pub max_drift: Option<f64>,
}

impl CheckRules {
    /// These rules (from flags) on top of `base` (a spec's `[check]`): each rule given here wins,
    /// the others come from `base`.
    pub fn over(self, base: CheckRules) -> CheckRules {
        fn list<T>(flags: Vec<T>, base: Vec<T>) -> Vec<T> {
            if flags.is_empty() {
                base
            } else {
                flags
            }
        }
        CheckRules {
            min_respondents: self.min_respondents.or(base.min_respondents),
            max_missing: self.max_missing.or(base.max_missing),
            max_invalid: self.max_invalid.or(base.max_invalid),
            max_questionable: self.max_questionable.or(base.max_questionable),
            require_features: list(self.require_features, base.require_features),
            expect: list(self.expect, base.expect),
            min_better: list(self.min_better, base.min_better),
            max_worse: list(self.max_worse, base.max_worse),
            require_significant: self.require_significant || base.require_significant,
            min_strength: self.min_strength.or(base.min_strength),
            max_drift: self.max_drift.or(base.max_drift),
        }
    }

    /// Checks the ranges and combinations that the types cannot: shares in 0..1, points in
    /// 0..100, and rules that only apply to the features named in `expect`.
    pub fn validate(&self) -> Result<(), Error> {
        let fraction = |name: &str, value: Option<f64>, example: &str| match value {
            Some(x) if !(0.0..=1.0).contains(&x) => Err(Error::usage(
                format!("--{name} {x} is outside 0-1"),
                format!("give a fraction of 1, e.g. --{name} {example}"),
            )),
            _ => Ok(()),
        };
        fraction("max-missing", self.max_missing, "0.1 for 10%")?;
        fraction("max-questionable", self.max_questionable, "0.05 for 5%")?;
        fraction("max-drift", self.max_drift, "0.1")?;
        if let Some(points) = self.min_strength {
            if !(0.0..=100.0).contains(&points) {
                return Err(Error::usage(
                    format!("--min-strength {points} is outside 0-100"),
                    "give percentage points, e.g. --min-strength 6",
                ));
            }
        }
        if self.expect.is_empty() && (self.require_significant || self.min_strength.is_some()) {
            return Err(Error::usage(
                "--require-significant and --min-strength apply to the features named in --expect, \
                 and there are none",
                "add --expect \"FEATURE=CATEGORY\" for each feature to hold to them",
            ));
        }
        for name in &self.require_features {
            if name.trim().is_empty() {
                return Err(Error::usage(
                    "--require-features names an empty feature",
                    "separate names with single commas, e.g. --require-features \"Live chat,Order tracking\"",
                ));
            }
        }
        Ok(())
    }

    /// Whether any rule is set (a baseline adds rules of its own).
    pub fn is_empty(&self) -> bool {
        *self == CheckRules::default()
    }
}

/// `FEATURE=CATEGORY`: a feature's expected category, or a set of them (`must-be|one-dimensional`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub struct Expectation {
    /// The feature name, as written.
    pub feature: String,
    /// Any of these categories passes.
    pub categories: Vec<Category>,
}

/// Splits `FEATURE=VALUE` at the last `=` (feature names may contain one; values never do).
fn split_assignment<'a>(
    text: &'a str,
    what: &str,
    example: &str,
) -> Result<(&'a str, &'a str), String> {
    let (feature, value) = text.rsplit_once('=').ok_or_else(|| {
        format!(
            "\"{}\" has no '='; write it as \"{what}\", e.g. \"{example}\"",
            printable(text)
        )
    })?;
    let feature = feature.trim();
    if feature.is_empty() {
        return Err(format!(
            "\"{}\" names no feature; write it as \"{what}\", e.g. \"{example}\"",
            printable(text)
        ));
    }
    Ok((feature, value.trim()))
}

impl FromStr for Expectation {
    type Err = String;

    fn from_str(text: &str) -> Result<Expectation, String> {
        let (feature, value) =
            split_assignment(text, "FEATURE=CATEGORY", "Order tracking=must-be")?;
        let categories = value
            .split('|')
            .map(|c| c.parse::<Category>())
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| format!("\"{}\": {}", printable(text), printable(&e)))?;
        Ok(Expectation {
            feature: feature.to_string(),
            categories,
        })
    }
}

impl TryFrom<String> for Expectation {
    type Error = String;

    fn try_from(text: String) -> Result<Expectation, String> {
        text.parse()
    }
}

/// `FEATURE=X`: a limit on one feature's Better or |Worse|, X in 0..1.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "String")]
pub struct Bound {
    /// The feature name, as written.
    pub feature: String,
    /// The limit, 0..1.
    pub value: f64,
}

impl FromStr for Bound {
    type Err = String;

    fn from_str(text: &str) -> Result<Bound, String> {
        let (feature, value) = split_assignment(text, "FEATURE=X", "Live chat=0.5")?;
        let value: f64 = value
            .parse()
            .ok()
            .filter(|x| (0.0..=1.0).contains(x))
            .ok_or_else(|| {
                format!(
                    "\"{}\": \"{}\" is not a number from 0 to 1; Better and |Worse| lie in 0..1",
                    printable(text),
                    printable(value)
                )
            })?;
        Ok(Bound {
            feature: feature.to_string(),
            value,
        })
    }
}

impl TryFrom<String> for Bound {
    type Error = String;

    fn try_from(text: String) -> Result<Bound, String> {
        text.parse()
    }
}

/// Which rule a result comes from; the kebab-case name is the flag's (or, for the drift rules,
/// the comparison's) name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleKind {
    /// `--min-respondents`.
    MinRespondents,
    /// `--require-features`.
    RequireFeatures,
    /// `--max-missing`.
    MaxMissing,
    /// `--max-invalid`.
    MaxInvalid,
    /// `--max-questionable`.
    MaxQuestionable,
    /// `--expect`.
    Expect,
    /// `--min-better`.
    MinBetter,
    /// `--max-worse`.
    MaxWorse,
    /// `--require-significant`.
    RequireSignificant,
    /// `--min-strength`.
    MinStrength,
    /// `--baseline`: the baseline was analysed with the same table, rule and tie order.
    BaselineSettings,
    /// `--baseline`: a feature is on both sides.
    BaselineFeatures,
    /// `--baseline`: a feature's category did not change.
    DriftCategory,
    /// `--baseline --max-drift`: Better moved at most the limit.
    DriftBetter,
    /// `--baseline --max-drift`: |Worse| moved at most the limit.
    DriftWorse,
}

impl RuleKind {
    /// The kebab-case name used in every output format.
    pub fn name(self) -> &'static str {
        match self {
            RuleKind::MinRespondents => "min-respondents",
            RuleKind::RequireFeatures => "require-features",
            RuleKind::MaxMissing => "max-missing",
            RuleKind::MaxInvalid => "max-invalid",
            RuleKind::MaxQuestionable => "max-questionable",
            RuleKind::Expect => "expect",
            RuleKind::MinBetter => "min-better",
            RuleKind::MaxWorse => "max-worse",
            RuleKind::RequireSignificant => "require-significant",
            RuleKind::MinStrength => "min-strength",
            RuleKind::BaselineSettings => "baseline-settings",
            RuleKind::BaselineFeatures => "baseline-features",
            RuleKind::DriftCategory => "drift-category",
            RuleKind::DriftBetter => "drift-better",
            RuleKind::DriftWorse => "drift-worse",
        }
    }
}

impl fmt::Display for RuleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A measured value or a limit: a count, a number or a text (a category, a setting).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Measure {
    /// A whole number (respondents, pairs).
    Count(u64),
    /// A share, coefficient or points.
    Number(f64),
    /// A category name (or `a|b` set), a feature name or a setting.
    Text(String),
}

/// The outcome of one rule for one feature (or for the whole survey).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckResult {
    /// The rule.
    pub rule: RuleKind,
    /// The feature, or null for survey-wide rules.
    pub feature: Option<String>,
    /// What was measured; null when it could not be (a feature that is not there).
    pub value: Option<Measure>,
    /// The limit or expectation it was held to.
    pub limit: Option<Measure>,
    /// Whether the rule holds.
    pub passed: bool,
    /// A sentence with the measured value and the limit (untrusted names unescaped).
    pub message: String,
}

/// Where the checked data came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckInput {
    /// The path as given (`<stdin>` for `-`).
    pub path: String,
    /// `wide`, `long` or `counts`.
    pub layout: String,
    /// Respondents; null for the counts layout.
    pub respondents: Option<u64>,
    /// How many features were read.
    pub features: usize,
    /// The baseline's path, or null.
    pub baseline: Option<String>,
}

/// `kano check --format json`: the envelope around the results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckReport {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// Where the data came from.
    pub input: CheckInput,
    /// Whether every result passed.
    pub passed: bool,
    /// One entry per rule and feature, in rule order.
    pub results: Vec<CheckResult>,
}

impl CheckReport {
    /// Wraps `results` with where they came from.
    pub fn new(
        report: &Report,
        baseline: Option<&Report>,
        results: Vec<CheckResult>,
    ) -> CheckReport {
        CheckReport {
            schema_version: SCHEMA_VERSION,
            input: CheckInput {
                path: report.input.path.clone(),
                layout: report.input.layout.clone(),
                respondents: report.input.respondents,
                features: report.features.len(),
                baseline: baseline.map(|b| b.input.path.clone()),
            },
            passed: results.iter().all(|r| r.passed),
            results,
        }
    }

    /// How many results failed.
    pub fn failures(&self) -> usize {
        self.results.iter().filter(|r| !r.passed).count()
    }

    /// The one-line summary: `2 of 14 checks failed`, `all 14 checks passed`.
    pub fn summary(&self) -> String {
        let total = self.results.len();
        let checks = if total == 1 { "check" } else { "checks" };
        match self.failures() {
            0 if total == 0 => format!(
                "no rules given: {} read, {} feature(s); nothing to check",
                self.input.path, self.input.features
            ),
            0 => format!("all {total} {checks} passed"),
            failed => format!("{failed} of {total} {checks} failed"),
        }
    }
}

/// The name compared case-insensitively: trimmed and lowercased.
fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The feature named `name`: an exact match, else the only case-insensitive one.
fn find<'a>(report: &'a Report, name: &str) -> Option<&'a FeatureReport> {
    report
        .features
        .iter()
        .find(|f| f.name == name)
        .or_else(|| report.features.iter().find(|f| key(&f.name) == key(name)))
}

/// The existing feature whose name is closest to `name` (edit distance, case-insensitive).
fn closest<'a>(report: &'a Report, name: &str) -> Option<&'a str> {
    let wanted = key(name);
    report
        .features
        .iter()
        .min_by_key(|f| strsim::levenshtein(&key(&f.name), &wanted))
        .map(|f| f.name.as_str())
}

/// "not found; the closest feature is "X"" (or that there are none).
fn not_found(report: &Report, name: &str) -> String {
    match closest(report, name) {
        Some(close) => format!("no feature \"{name}\"; the closest is \"{close}\""),
        None => format!("no feature \"{name}\"; the survey has no features"),
    }
}

/// A result for a feature that is not in the report.
fn missing_feature(
    report: &Report,
    rule: RuleKind,
    name: &str,
    limit: Option<Measure>,
) -> CheckResult {
    CheckResult {
        rule,
        feature: Some(name.to_string()),
        value: None,
        limit,
        passed: false,
        message: not_found(report, name),
    }
}

/// `value <= limit`, within [`EPSILON`].
fn at_most(value: f64, limit: f64) -> bool {
    value <= limit + EPSILON
}

/// `value >= limit`, within [`EPSILON`].
fn at_least(value: f64, limit: f64) -> bool {
    value + EPSILON >= limit
}

/// "<=" or ">" for a maximum.
fn max_sign(passed: bool) -> &'static str {
    if passed {
        "<="
    } else {
        ">"
    }
}

/// ">=" or "<" for a minimum.
fn min_sign(passed: bool) -> &'static str {
    if passed {
        ">="
    } else {
        "<"
    }
}

/// Shows a limit as given: `0.1`, `30`, `6.5`.
fn shown(limit: f64) -> String {
    format!("{limit}")
}

/// Shows a measured value with `digits` decimals, or more (up to 6) when fewer would make a
/// value that differs from its limit look equal to it (`0.0203 > 0.02`, not `0.020 > 0.02`).
fn near(value: f64, limit: f64, digits: usize) -> String {
    (digits..=6)
        .map(|d| fixed(Some(value), d))
        .find(|text| (value - limit).abs() <= EPSILON || text.parse::<f64>().ok() != Some(limit))
        .unwrap_or_else(|| fixed(Some(value), 6))
}

/// The categories of an expectation as `must-be|one-dimensional`.
fn category_set(categories: &[Category]) -> String {
    categories
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join("|")
}

/// A feature's rows: valid, missing and invalid pairs.
fn rows(f: &FeatureReport) -> u64 {
    f.n + f.missing + f.invalid
}

fn min_respondents(report: &Report, limit: u64) -> CheckResult {
    let (value, source) = match report.input.respondents {
        Some(n) => (n, "respondents"),
        None => (
            report.features.iter().map(rows).max().unwrap_or(0),
            "respondents (the largest feature's rows; counts have no respondent count)",
        ),
    };
    let passed = value >= limit;
    CheckResult {
        rule: RuleKind::MinRespondents,
        feature: None,
        value: Some(Measure::Count(value)),
        limit: Some(Measure::Count(limit)),
        passed,
        message: format!("{value} {source} {} {limit} required", min_sign(passed)),
    }
}

fn require_feature(report: &Report, name: &str) -> CheckResult {
    let name = name.trim();
    match find(report, name) {
        Some(f) => CheckResult {
            rule: RuleKind::RequireFeatures,
            feature: Some(name.to_string()),
            value: Some(Measure::Text(f.name.clone())),
            limit: Some(Measure::Text(name.to_string())),
            passed: true,
            message: if f.name == name {
                "present".to_string()
            } else {
                format!("present as \"{}\"", f.name)
            },
        },
        None => missing_feature(
            report,
            RuleKind::RequireFeatures,
            name,
            Some(Measure::Text(name.to_string())),
        ),
    }
}

fn max_missing(f: &FeatureReport, limit: f64) -> CheckResult {
    let total = rows(f);
    let share = if total == 0 {
        0.0
    } else {
        f.missing as f64 / total as f64
    };
    let passed = at_most(share, limit);
    CheckResult {
        rule: RuleKind::MaxMissing,
        feature: Some(f.name.clone()),
        value: Some(Measure::Number(share)),
        limit: Some(Measure::Number(limit)),
        passed,
        message: format!(
            "missing share {} ({} of {total} rows) {} {} allowed",
            near(share, limit, 3),
            f.missing,
            max_sign(passed),
            shown(limit)
        ),
    }
}

fn max_invalid(f: &FeatureReport, limit: u64) -> CheckResult {
    let passed = f.invalid <= limit;
    CheckResult {
        rule: RuleKind::MaxInvalid,
        feature: Some(f.name.clone()),
        value: Some(Measure::Count(f.invalid)),
        limit: Some(Measure::Count(limit)),
        passed,
        message: format!(
            "{} invalid pair(s) {} {limit} allowed",
            f.invalid,
            max_sign(passed)
        ),
    }
}

fn max_questionable(f: &FeatureReport, limit: f64) -> CheckResult {
    let questionable = f.counts.Q;
    let (share, passed, message) = if f.n == 0 {
        (
            None,
            true,
            "no valid pairs, so none questionable".to_string(),
        )
    } else {
        let share = questionable as f64 / f.n as f64;
        let passed = at_most(share, limit);
        let message = format!(
            "questionable share {} ({questionable} of {} valid pairs) {} {} allowed",
            near(share, limit, 3),
            f.n,
            max_sign(passed),
            shown(limit)
        );
        (Some(share), passed, message)
    };
    CheckResult {
        rule: RuleKind::MaxQuestionable,
        feature: Some(f.name.clone()),
        value: share.map(Measure::Number),
        limit: Some(Measure::Number(limit)),
        passed,
        message,
    }
}

fn expect(report: &Report, expectation: &Expectation) -> CheckResult {
    let wanted = category_set(&expectation.categories);
    let Some(f) = find(report, &expectation.feature) else {
        return missing_feature(
            report,
            RuleKind::Expect,
            &expectation.feature,
            Some(Measure::Text(wanted)),
        );
    };
    let category = f
        .category
        .as_deref()
        .and_then(|c| c.parse::<Category>().ok());
    let passed = category.is_some_and(|c| expectation.categories.contains(&c));
    let label = f.category_label();
    let expected = expectation
        .categories
        .iter()
        .map(|c| c.name())
        .collect::<Vec<_>>()
        .join(" or ");
    let message = match (category, passed) {
        (None, _) => format!("no category (no valid pairs); expected {expected}"),
        (Some(_), true) => format!("category {label}, as expected"),
        (Some(_), false) => format!("category {label}; expected {expected}"),
    };
    CheckResult {
        rule: RuleKind::Expect,
        feature: Some(f.name.clone()),
        value: f.category.clone().map(Measure::Text),
        limit: Some(Measure::Text(wanted)),
        passed,
        message,
    }
}

fn min_better(report: &Report, bound: &Bound) -> CheckResult {
    let limit = Some(Measure::Number(bound.value));
    let Some(f) = find(report, &bound.feature) else {
        return missing_feature(report, RuleKind::MinBetter, &bound.feature, limit);
    };
    let (passed, message) = match f.better {
        None => (
            false,
            format!(
                "Better is undefined (A+O+M+I = 0); {} required",
                shown(bound.value)
            ),
        ),
        Some(better) => {
            let passed = at_least(better, bound.value);
            (
                passed,
                format!(
                    "Better {} {} {} required",
                    near(better, bound.value, 3),
                    min_sign(passed),
                    shown(bound.value)
                ),
            )
        }
    };
    CheckResult {
        rule: RuleKind::MinBetter,
        feature: Some(f.name.clone()),
        value: f.better.map(Measure::Number),
        limit,
        passed,
        message,
    }
}

fn max_worse(report: &Report, bound: &Bound) -> CheckResult {
    let limit = Some(Measure::Number(bound.value));
    let Some(f) = find(report, &bound.feature) else {
        return missing_feature(report, RuleKind::MaxWorse, &bound.feature, limit);
    };
    let magnitude = f.worse.map(f64::abs);
    let (passed, message) = match magnitude {
        None => (
            false,
            format!(
                "Worse is undefined (A+O+M+I = 0); |Worse| {} allowed",
                shown(bound.value)
            ),
        ),
        Some(worse) => {
            let passed = at_most(worse, bound.value);
            (
                passed,
                format!(
                    "|Worse| {} {} {} allowed",
                    near(worse, bound.value, 3),
                    max_sign(passed),
                    shown(bound.value)
                ),
            )
        }
    };
    CheckResult {
        rule: RuleKind::MaxWorse,
        feature: Some(f.name.clone()),
        value: magnitude.map(Measure::Number),
        limit,
        passed,
        message,
    }
}

fn letter(name: &Option<String>) -> String {
    name.as_deref()
        .and_then(|c| c.parse::<Category>().ok())
        .map_or_else(|| "-".to_string(), |c| c.letter().to_string())
}

fn require_significant(f: &FeatureReport) -> CheckResult {
    let pair = format!("{} vs {}", letter(&f.category), letter(&f.second_category));
    let (passed, message) = match f.fong_significant {
        Some(true) => (true, format!("Fong's test: {pair} differ significantly")),
        Some(false) => (
            false,
            format!("Fong's test: {pair} do not differ significantly; the category is not settled"),
        ),
        None => (
            false,
            "Fong's test is undefined (no valid pairs)".to_string(),
        ),
    };
    CheckResult {
        rule: RuleKind::RequireSignificant,
        feature: Some(f.name.clone()),
        value: f
            .fong_significant
            .map(|s| Measure::Text(if s { "significant" } else { "not significant" }.to_string())),
        limit: Some(Measure::Text("significant".to_string())),
        passed,
        message,
    }
}

fn min_strength(f: &FeatureReport, limit: f64) -> CheckResult {
    let (passed, message) = match f.category_strength {
        None => (
            false,
            format!(
                "category strength is undefined (no valid pairs); {} required",
                shown(limit)
            ),
        ),
        Some(points) => {
            let passed = at_least(points, limit);
            (
                passed,
                format!(
                    "category strength {} points {} {} required",
                    near(points, limit, 1),
                    min_sign(passed),
                    shown(limit)
                ),
            )
        }
    };
    CheckResult {
        rule: RuleKind::MinStrength,
        feature: Some(f.name.clone()),
        value: f.category_strength.map(Measure::Number),
        limit: Some(Measure::Number(limit)),
        passed,
        message,
    }
}

fn baseline_settings(report: &Report, baseline: &Report) -> Option<CheckResult> {
    let describe = |r: &Report| {
        format!(
            "table {}, rule {}, ties {}",
            r.settings.table, r.settings.rule, r.settings.tie_order
        )
    };
    let (now, then) = (describe(report), describe(baseline));
    (now != then).then(|| CheckResult {
        rule: RuleKind::BaselineSettings,
        feature: None,
        value: Some(Measure::Text(now.clone())),
        limit: Some(Measure::Text(then.clone())),
        passed: false,
        message: format!(
            "the baseline was analysed with {then}, this run with {now}; categories are not \
             comparable: run with the baseline's --table, --rule and --tie-order"
        ),
    })
}

/// One coefficient's drift: both sides undefined passes, one side undefined fails.
fn drift(
    rule: RuleKind,
    what: &str,
    name: &str,
    now: Option<f64>,
    then: Option<f64>,
    limit: f64,
) -> CheckResult {
    let (value, passed, message) = match (now, then) {
        (Some(now), Some(then)) => {
            let moved = (now - then).abs();
            let passed = at_most(moved, limit);
            (
                Some(moved),
                passed,
                format!(
                    "{what} moved {} ({} -> {}) {} {} allowed",
                    near(moved, limit, 3),
                    fixed(Some(then), 3),
                    fixed(Some(now), 3),
                    max_sign(passed),
                    shown(limit)
                ),
            )
        }
        (None, None) => (None, true, format!("{what} is undefined on both sides")),
        (Some(_), None) => (
            None,
            false,
            format!("{what} is undefined in the baseline only"),
        ),
        (None, Some(_)) => (
            None,
            false,
            format!("{what} is undefined in this export only"),
        ),
    };
    CheckResult {
        rule,
        feature: Some(name.to_string()),
        value: value.map(Measure::Number),
        limit: Some(Measure::Number(limit)),
        passed,
        message,
    }
}

fn drift_category(f: &FeatureReport, old: &FeatureReport) -> CheckResult {
    let passed = f.category == old.category;
    let name = |c: &Option<String>| c.clone().unwrap_or_else(|| "none".to_string());
    CheckResult {
        rule: RuleKind::DriftCategory,
        feature: Some(f.name.clone()),
        value: f.category.clone().map(Measure::Text),
        limit: old.category.clone().map(Measure::Text),
        passed,
        message: if passed {
            format!("category {} as in the baseline", name(&f.category))
        } else {
            format!(
                "category changed: {} in the baseline, {} now",
                name(&old.category),
                name(&f.category)
            )
        },
    }
}

fn compare_baseline(report: &Report, baseline: &Report, rules: &CheckRules) -> Vec<CheckResult> {
    let mut results: Vec<CheckResult> = baseline_settings(report, baseline).into_iter().collect();
    for old in &baseline.features {
        if find(report, &old.name).is_none() {
            results.push(CheckResult {
                rule: RuleKind::BaselineFeatures,
                feature: Some(old.name.clone()),
                value: None,
                limit: Some(Measure::Text(old.name.clone())),
                passed: false,
                message: format!(
                    "in the baseline but not in this export (vanished or renamed?): {}",
                    not_found(report, &old.name)
                ),
            });
        }
    }
    for f in &report.features {
        if find(baseline, &f.name).is_none() {
            results.push(CheckResult {
                rule: RuleKind::BaselineFeatures,
                feature: Some(f.name.clone()),
                value: Some(Measure::Text(f.name.clone())),
                limit: None,
                passed: true,
                message: "new: not in the baseline, nothing to compare".to_string(),
            });
        }
    }
    let pairs: Vec<(&FeatureReport, &FeatureReport)> = report
        .features
        .iter()
        .filter_map(|f| find(baseline, &f.name).map(|old| (f, old)))
        .collect();
    results.extend(pairs.iter().map(|(f, old)| drift_category(f, old)));
    if let Some(limit) = rules.max_drift {
        for (f, old) in &pairs {
            results.push(drift(
                RuleKind::DriftBetter,
                "Better",
                &f.name,
                f.better,
                old.better,
                limit,
            ));
        }
        for (f, old) in &pairs {
            // |Worse|, so a baseline written with --worse-positive still compares.
            let abs = |x: Option<f64>| x.map(f64::abs);
            results.push(drift(
                RuleKind::DriftWorse,
                "|Worse|",
                &f.name,
                abs(f.worse),
                abs(old.worse),
                limit,
            ));
        }
    }
    results
}

/// Evaluates every rule that is set against `report` (and `baseline`, when given), in this
/// order: min-respondents, require-features, max-missing, max-invalid, max-questionable (each
/// per feature in report order), expect, min-better, max-worse, require-significant,
/// min-strength, then the baseline comparison: settings, features on one side only, category
/// changes, and with `max_drift` Better and |Worse| drift.
///
/// A feature named in a rule that is not in the report is a failed result naming the closest
/// existing feature; `require_significant` and `min_strength` skip such features (their
/// `expect` result already failed).
pub fn evaluate(
    report: &Report,
    baseline: Option<&Report>,
    rules: &CheckRules,
) -> Vec<CheckResult> {
    let mut results = Vec::new();
    if let Some(limit) = rules.min_respondents {
        results.push(min_respondents(report, limit));
    }
    results.extend(
        rules
            .require_features
            .iter()
            .map(|n| require_feature(report, n)),
    );
    if let Some(limit) = rules.max_missing {
        results.extend(report.features.iter().map(|f| max_missing(f, limit)));
    }
    if let Some(limit) = rules.max_invalid {
        results.extend(report.features.iter().map(|f| max_invalid(f, limit)));
    }
    if let Some(limit) = rules.max_questionable {
        results.extend(report.features.iter().map(|f| max_questionable(f, limit)));
    }
    results.extend(rules.expect.iter().map(|e| expect(report, e)));
    results.extend(rules.min_better.iter().map(|b| min_better(report, b)));
    results.extend(rules.max_worse.iter().map(|b| max_worse(report, b)));
    let expected: Vec<&FeatureReport> = rules
        .expect
        .iter()
        .filter_map(|e| find(report, &e.feature))
        .collect();
    if rules.require_significant {
        results.extend(expected.iter().map(|f| require_significant(f)));
    }
    if let Some(limit) = rules.min_strength {
        results.extend(expected.iter().map(|f| min_strength(f, limit)));
    }
    if let Some(baseline) = baseline {
        results.extend(compare_baseline(report, baseline, rules));
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{Feature, Layout, Survey};
    use crate::report::{build, SortKey};
    use crate::stats::Settings;
    use crate::tally::Tally;

    /// A counts-layout report with features (name, [A, O, M, I, R, Q], missing).
    fn report(features: &[(&str, [u64; 6], u64)]) -> Report {
        let survey = Survey {
            path: "test.csv".to_string(),
            layout: Layout::Counts,
            respondents: None,
            features: features
                .iter()
                .map(|(name, counts, missing)| Feature {
                    name: name.to_string(),
                    columns: Vec::new(),
                    tally: Tally {
                        extra_counts: *counts,
                        missing: *missing,
                        ..Tally::default()
                    },
                    invalid_labels: Default::default(),
                })
                .collect(),
            warnings: Vec::new(),
            reading: Default::default(),
            quality: None,
            segments: None,
        };
        build(&survey, &Settings::default(), SortKey::Input)
    }

    fn shop() -> Report {
        report(&[
            ("Live chat", [30, 8, 6, 12, 3, 1], 0),
            ("Order tracking", [4, 13, 31, 10, 0, 0], 2),
            ("Hotline", [121, 24, 15, 124, 6, 6], 0),
        ])
    }

    fn rules(text: &str) -> CheckRules {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn edit_distance_counts_insertions_deletions_and_substitutions() {
        for (a, b, d) in [
            ("", "", 0),
            ("chat", "chat", 0),
            ("chat", "chats", 1),
            ("live chat", "live-chat", 1),
            ("kitten", "sitting", 3),
            ("", "abc", 3),
        ] {
            assert_eq!(strsim::levenshtein(a, b), d, "{a} / {b}");
        }
    }

    #[test]
    fn no_rules_give_no_results() {
        assert!(evaluate(&shop(), None, &CheckRules::default()).is_empty());
        assert!(CheckRules::default().is_empty());
    }

    #[test]
    fn rules_deserialize_from_kebab_case_keys_and_reject_unknown_ones() {
        let r = rules(
            r#"{"min-respondents": 30, "expect": ["Live chat=A|one-dimensional"], "max-worse": ["Live chat=0.5"], "require-significant": true}"#,
        );
        assert_eq!(r.min_respondents, Some(30));
        assert_eq!(
            r.expect[0].categories,
            [Category::Attractive, Category::OneDimensional]
        );
        assert_eq!(r.max_worse[0].value, 0.5);
        assert!(serde_json::from_str::<CheckRules>(r#"{"min_respondents": 3}"#).is_err());
        assert!(serde_json::from_str::<CheckRules>(r#"{"expect": ["Live chat=great"]}"#).is_err());
    }

    #[test]
    fn malformed_values_name_the_problem() {
        for (text, problem) in [
            ("Live chat", "has no '='"),
            ("=must-be", "names no feature"),
            ("Live chat=great", "unknown category \"great\""),
            ("Live chat=must-be|", "unknown category \"\""),
        ] {
            let e = text.parse::<Expectation>().unwrap_err();
            assert!(e.contains(problem), "{text}: {e}");
        }
        for (text, problem) in [
            ("Live chat=1.5", "not a number from 0 to 1"),
            ("Live chat=x", "\"x\" is not"),
            ("0.5", "has no '='"),
        ] {
            let e = text.parse::<Bound>().unwrap_err();
            assert!(e.contains(problem), "{text}: {e}");
        }
        assert_eq!("a=b=M".parse::<Expectation>().unwrap().feature, "a=b");
    }

    #[test]
    fn validation_rejects_out_of_range_shares_and_orphan_expectation_rules() {
        for text in [
            r#"{"max-missing": 10}"#,
            r#"{"max-questionable": -0.1}"#,
            r#"{"max-drift": 2}"#,
            r#"{"min-strength": 101, "expect": ["a=M"]}"#,
            r#"{"require-significant": true}"#,
            r#"{"min-strength": 5}"#,
            r#"{"require-features": ["a", " "]}"#,
        ] {
            assert!(rules(text).validate().is_err(), "{text}");
        }
        assert!(
            rules(r#"{"max-missing": 0.1, "min-strength": 5, "expect": ["a=M"]}"#)
                .validate()
                .is_ok()
        );
    }

    #[test]
    fn data_rules_measure_each_feature() {
        let results = evaluate(
            &shop(),
            None,
            &rules(r#"{"min-respondents": 300, "max-missing": 0.04, "max-questionable": 0.02}"#),
        );
        let summary: Vec<(&str, Option<&str>, bool)> = results
            .iter()
            .map(|r| (r.rule.name(), r.feature.as_deref(), r.passed))
            .collect();
        assert_eq!(
            summary,
            [
                ("min-respondents", None, false),
                ("max-missing", Some("Live chat"), true),
                ("max-missing", Some("Order tracking"), true),
                ("max-missing", Some("Hotline"), true),
                ("max-questionable", Some("Live chat"), true),
                ("max-questionable", Some("Order tracking"), true),
                ("max-questionable", Some("Hotline"), false),
            ]
        );
        assert_eq!(results[0].value, Some(Measure::Count(296)));
        assert_eq!(
            results[2].message,
            "missing share 0.033 (2 of 60 rows) <= 0.04 allowed"
        );
        assert_eq!(
            results[6].message,
            "questionable share 0.0203 (6 of 296 valid pairs) > 0.02 allowed"
        );
    }

    #[test]
    fn values_near_their_limit_show_enough_digits_to_differ() {
        assert_eq!(near(6.0 / 296.0, 0.02, 3), "0.0203");
        assert_eq!(near(0.7, 0.7, 3), "0.700");
        assert_eq!(near(0.25, 0.2, 3), "0.250");
        assert_eq!(near(5.96, 6.0, 1), "5.96");
    }

    #[test]
    fn a_share_equal_to_its_limit_passes() {
        let r = report(&[("a", [1, 1, 1, 0, 0, 0], 1)]);
        let results = evaluate(&r, None, &rules(r#"{"max-missing": 0.25}"#));
        assert!(results[0].passed, "{:?}", results[0]);
    }

    #[test]
    fn required_features_match_case_insensitively_and_missing_ones_name_the_closest() {
        let results = evaluate(
            &shop(),
            None,
            &rules(r#"{"require-features": ["live CHAT", "Order trakcing"]}"#),
        );
        assert!(results[0].passed);
        assert_eq!(results[0].message, "present as \"Live chat\"");
        assert!(!results[1].passed);
        assert_eq!(
            results[1].message,
            "no feature \"Order trakcing\"; the closest is \"Order tracking\""
        );
    }

    #[test]
    fn expectations_accept_sets_and_report_the_measured_category() {
        let results = evaluate(
            &shop(),
            None,
            &rules(r#"{"expect": ["Live chat=must-be|A", "Order tracking=O", "Chat=A"]}"#),
        );
        assert!(results[0].passed);
        assert_eq!(
            results[1].message,
            "category must-be; expected one-dimensional"
        );
        assert_eq!(results[1].value, Some(Measure::Text("must-be".to_string())));
        assert_eq!(
            results[1].limit,
            Some(Measure::Text("one-dimensional".to_string()))
        );
        assert!(!results[2].passed);
        assert!(results[2].message.contains("the closest is \"Live chat\""));
    }

    #[test]
    fn better_is_a_minimum_and_worse_a_maximum_of_its_magnitude() {
        // Live chat: Better 38/56 = 0.679, Worse -14/56 = -0.25.
        let results = evaluate(
            &shop(),
            None,
            &rules(
                r#"{"min-better": ["Live chat=0.6", "Live chat=0.7"], "max-worse": ["Live chat=0.25", "Live chat=0.2"]}"#,
            ),
        );
        let passed: Vec<bool> = results.iter().map(|r| r.passed).collect();
        assert_eq!(passed, [true, false, true, false]);
        assert_eq!(results[3].message, "|Worse| 0.250 > 0.2 allowed");
        assert_eq!(results[3].value, Some(Measure::Number(0.25)));
    }

    #[test]
    fn significance_and_strength_apply_to_expected_features_only() {
        // Hotline: I 124 vs A 121, 1 point apart, not significant.
        let results = evaluate(
            &shop(),
            None,
            &rules(
                r#"{"expect": ["Hotline=I", "Live chat=A", "Nope=A"], "require-significant": true, "min-strength": 6}"#,
            ),
        );
        let summary: Vec<(&str, Option<&str>, bool)> = results
            .iter()
            .map(|r| (r.rule.name(), r.feature.as_deref(), r.passed))
            .collect();
        assert_eq!(
            summary,
            [
                ("expect", Some("Hotline"), true),
                ("expect", Some("Live chat"), true),
                ("expect", Some("Nope"), false),
                ("require-significant", Some("Hotline"), false),
                ("require-significant", Some("Live chat"), true),
                ("min-strength", Some("Hotline"), false),
                ("min-strength", Some("Live chat"), true),
            ]
        );
    }

    #[test]
    fn drift_reports_category_changes_moves_and_one_sided_features() {
        let old = shop();
        let new = report(&[
            ("Live chat", [20, 18, 6, 12, 3, 1], 0),
            ("Order tracking", [4, 13, 31, 10, 0, 0], 2),
            ("Hotline 2", [121, 24, 15, 124, 6, 6], 0),
        ]);
        let results = evaluate(&new, Some(&old), &rules(r#"{"max-drift": 0.1}"#));
        let summary: Vec<(&str, Option<&str>, bool)> = results
            .iter()
            .map(|r| (r.rule.name(), r.feature.as_deref(), r.passed))
            .collect();
        assert_eq!(
            summary,
            [
                ("baseline-features", Some("Hotline"), false),
                ("baseline-features", Some("Hotline 2"), true),
                ("drift-category", Some("Live chat"), true),
                ("drift-category", Some("Order tracking"), true),
                ("drift-better", Some("Live chat"), true),
                ("drift-better", Some("Order tracking"), true),
                ("drift-worse", Some("Live chat"), false),
                ("drift-worse", Some("Order tracking"), true),
            ]
        );
        assert!(results[0].message.contains("the closest is \"Hotline 2\""));
        // |Worse| 14/56 = 0.25 -> 24/56 = 0.429.
        assert_eq!(
            results[6].message,
            "|Worse| moved 0.179 (0.250 -> 0.429) > 0.1 allowed"
        );
    }

    #[test]
    fn a_changed_category_fails_even_without_max_drift() {
        let old = shop();
        let new = report(&[("Live chat", [8, 30, 6, 12, 3, 1], 0)]);
        let results = evaluate(&new, Some(&old), &CheckRules::default());
        let changed = results
            .iter()
            .find(|r| r.rule == RuleKind::DriftCategory)
            .unwrap();
        assert!(!changed.passed);
        assert_eq!(
            changed.message,
            "category changed: attractive in the baseline, one-dimensional now"
        );
    }

    #[test]
    fn a_baseline_with_other_settings_fails_the_comparison() {
        let old = shop();
        let mut new = shop();
        new.settings.table = "modified".to_string();
        let results = evaluate(&new, Some(&old), &CheckRules::default());
        assert_eq!(results[0].rule, RuleKind::BaselineSettings);
        assert!(!results[0].passed);
    }

    #[test]
    fn summary_counts_failures() {
        let r = shop();
        let results = evaluate(&r, None, &rules(r#"{"max-missing": 0.01}"#));
        let check = CheckReport::new(&r, None, results);
        assert!(!check.passed);
        assert_eq!(check.summary(), "1 of 3 checks failed");
        let empty = CheckReport::new(&r, None, Vec::new());
        assert!(empty.passed);
        assert_eq!(
            empty.summary(),
            "no rules given: test.csv read, 3 feature(s); nothing to check"
        );
    }
}
