//! The survey spec (`kano.toml`): everything the reading and analysis flags can say, in one file
//! for repeatable runs. `kano init` writes it from what auto-detection found; `--spec` reads it.
//! Flags given on the command line win over the spec.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::answer::Answer;
use crate::category::{Table, TieOrder};
use crate::check::CheckRules;
use crate::convention::Convention;
use crate::error::Error;
use crate::input::{ColumnNames, ExplicitPair, Layout, PairMode, ReadOptions, SegmentSpec, Survey};
use crate::report::delimiter_name;
use crate::stats::{Rule, Settings};

/// A parsed spec file.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// `auto`, `wide`, `long` or `counts`.
    pub layout: Option<String>,
    /// One character, or `tab`, `comma`, `semicolon`, `pipe`.
    pub delimiter: Option<String>,
    /// A text encoding name.
    pub encoding: Option<String>,
    /// A spreadsheet sheet, by name or 1-based position.
    pub sheet: Option<String>,
    /// Header rows, 1 to 3.
    pub header_rows: Option<u8>,
    /// `auto`, `interleaved` or `blocks`.
    pub pairs: Option<String>,
    /// Numeric answers run 5 = like.
    pub reverse_numeric: Option<bool>,
    /// Count unknown labels instead of stopping.
    pub skip_invalid: Option<bool>,
    /// Column names for the long and counts layouts.
    pub columns: Option<SpecColumns>,
    /// The features and their columns (wide).
    #[serde(default, rename = "feature")]
    pub features: Vec<SpecFeature>,
    /// Custom answer wordings: label = answer.
    #[serde(default)]
    pub answers: BTreeMap<String, toml::Value>,
    /// Importance labels and their values (`"Very important" = 3`), instead of the verbal
    /// scales kano recognises.
    #[serde(default)]
    pub importance: BTreeMap<String, toml::Value>,
    /// Segments and respondent checks.
    pub segments: Option<SpecSegments>,
    /// Conventions of the analysis.
    pub analysis: Option<SpecAnalysis>,
    /// Rules for `kano check`.
    pub check: Option<CheckRules>,
}

/// `[columns]`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecColumns {
    /// Feature name column.
    pub feature: Option<String>,
    /// Functional answer column.
    pub functional: Option<String>,
    /// Dysfunctional answer column.
    pub dysfunctional: Option<String>,
    /// Importance column.
    pub importance: Option<String>,
    /// Respondent id column.
    pub respondent: Option<String>,
}

/// One `[[feature]]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecFeature {
    /// Display name.
    pub name: String,
    /// Functional column header.
    pub functional: String,
    /// Dysfunctional column header.
    pub dysfunctional: String,
    /// Importance column header.
    pub importance: Option<String>,
    /// The functional column of the feature's other form version (Google Forms' earlier
    /// question text), read for respondents who left `functional` and `dysfunctional` empty.
    pub other_functional: Option<String>,
    /// The dysfunctional column of the other form version.
    pub other_dysfunctional: Option<String>,
}

/// `[segments]`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecSegments {
    /// The `--by` column.
    pub by: Option<String>,
    /// `--bins` edges.
    pub bins: Option<Vec<f64>>,
    /// `--drop-inconsistent` share.
    pub drop_inconsistent: Option<f64>,
    /// `--max-indifferent` count (stp25kano's `rm_I`).
    pub max_indifferent: Option<u64>,
}

/// `[analysis]`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpecAnalysis {
    /// A named convention (`--convention`), applied before the keys below, which win.
    pub convention: Option<String>,
    /// `standard` or `modified`.
    pub table: Option<String>,
    /// `mode`, `berger` or `close-call`.
    pub rule: Option<String>,
    /// Six letters.
    pub tie_order: Option<String>,
    /// Percentage points.
    pub mixed_threshold: Option<f64>,
    /// Worse as a positive number.
    pub worse_positive: Option<bool>,
}

fn bad(path: &str, what: &str, value: &str, expected: &str) -> Error {
    Error::usage(
        format!(
            "--spec {}: {what} \"{}\" is not valid",
            crate::error::printable(path),
            crate::error::printable(value)
        ),
        format!("expected {expected}"),
    )
}

impl Spec {
    /// Reads and parses a spec file; errors name the file, line and column.
    pub fn load(path: &Path) -> Result<Spec, Error> {
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::usage(
                    format!(
                        "--spec {}: the spec file does not exist",
                        crate::error::printable(&shown)
                    ),
                    "check the path; `kano init SURVEY > kano.toml` writes a spec for a survey",
                ))
            }
            Err(e) => {
                return Err(Error::usage(
                    format!(
                        "--spec {}: cannot read the spec file: {e}",
                        crate::error::printable(&shown)
                    ),
                    "give a readable TOML file, such as the one `kano init SURVEY` writes",
                ))
            }
        };
        let spec: Spec = toml::from_str(&text).map_err(|e| {
            let at = e
                .span()
                .map(|span| {
                    let before = &text[..span.start.min(text.len())];
                    let line = before.matches('\n').count() + 1;
                    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
                    format!(" line {line}, column {column}")
                })
                .unwrap_or_default();
            Error::usage(
                format!("--spec {}{at}: {}", path.display(), e.message()),
                "see `kano init FILE` for a spec that reads FILE, and the README's spec section",
            )
        })?;
        spec.validate(&shown, &text)?;
        Ok(spec)
    }

    /// Checks every value the flags would check, so a bad one is reported against the spec
    /// file's line and key rather than a flag the user never gave.
    fn validate(&self, path: &str, text: &str) -> Result<(), Error> {
        let at = |section: Option<&str>, key: &str, value: &str, expected: &str| {
            let line = line_of(text, section, key)
                .map(|line| format!(" line {line}"))
                .unwrap_or_default();
            let key = match section {
                Some(section) => format!("{section}.{key}"),
                None => key.to_string(),
            };
            Error::usage(
                format!(
                    "--spec {}{line}, key \"{}\": \"{}\" is not valid",
                    crate::error::printable(path),
                    crate::error::printable(&key),
                    crate::error::printable(value)
                ),
                format!("expected {expected}"),
            )
        };
        self.layout(path).map_err(|_| {
            at(
                None,
                "layout",
                self.layout.as_deref().unwrap_or_default(),
                "auto, wide, long or counts",
            )
        })?;
        self.pairs(path).map_err(|_| {
            at(
                None,
                "pairs",
                self.pairs.as_deref().unwrap_or_default(),
                "auto, interleaved or blocks",
            )
        })?;
        if let Some(delimiter) = &self.delimiter {
            let ok = matches!(
                delimiter.as_str(),
                "tab" | "\\t" | "\t" | "comma" | "semicolon" | "pipe"
            ) || (delimiter.len() == 1 && delimiter.is_ascii());
            if !ok {
                return Err(at(
                    None,
                    "delimiter",
                    delimiter,
                    "one ASCII character such as \";\", or tab, comma, semicolon, pipe",
                ));
            }
        }
        if let Some(encoding) = &self.encoding {
            crate::input::parse_encoding(encoding).map_err(|_| {
                at(
                    None,
                    "encoding",
                    encoding,
                    "utf-8, utf-16le, utf-16be or windows-1252 (latin1)",
                )
            })?;
        }
        if let Some(rows) = self.header_rows.filter(|r| !(1..=4).contains(r)) {
            return Err(at(None, "header_rows", &rows.to_string(), "1, 2, 3 or 4"));
        }
        for (label, value) in &self.answers {
            let text = match value {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if Answer::parse_canonical(&text).is_none() {
                return Err(at(
                    Some("answers"),
                    label,
                    &text,
                    "like, must-be, neutral, live-with, dislike or 1-5",
                ));
            }
        }
        for (label, value) in &self.importance {
            if importance_value(value).is_none() {
                return Err(at(
                    Some("importance"),
                    label,
                    &value.to_string(),
                    "a number, e.g. \"Very important\" = 3",
                ));
            }
        }
        if let Some(segments) = &self.segments {
            if let Some(bins) = &segments.bins {
                if bins.is_empty()
                    || bins.windows(2).any(|w| w[0] >= w[1])
                    || bins.iter().any(|b| !b.is_finite())
                {
                    let shown = format!("{bins:?}");
                    return Err(at(
                        Some("segments"),
                        "bins",
                        &shown,
                        "ascending numbers, e.g. [25, 35, 50]",
                    ));
                }
            }
            if let Some(share) = segments
                .drop_inconsistent
                .filter(|s| !(0.0..=1.0).contains(s))
            {
                return Err(at(
                    Some("segments"),
                    "drop_inconsistent",
                    &share.to_string(),
                    "a share between 0 and 1",
                ));
            }
        }
        if let Some(analysis) = &self.analysis {
            let mut settings = Settings::default();
            if let Err(Error::Usage { message, hint }) = self.apply_analysis(path, &mut settings) {
                let key = ["convention", "table", "rule", "tie_order"]
                    .into_iter()
                    .find(|k| message.contains(&format!(": {k} ")))
                    .unwrap_or("table");
                let value = match key {
                    "convention" => analysis.convention.clone(),
                    "rule" => analysis.rule.clone(),
                    "tie_order" => analysis.tie_order.clone(),
                    _ => analysis.table.clone(),
                };
                return Err(at(
                    Some("analysis"),
                    key,
                    &value.unwrap_or_default(),
                    hint.trim_start_matches("expected "),
                ));
            }
            if let Some(threshold) = analysis
                .mixed_threshold
                .filter(|t| !(0.0..=100.0).contains(t))
            {
                return Err(at(
                    Some("analysis"),
                    "mixed_threshold",
                    &threshold.to_string(),
                    "percentage points from 0 to 100, e.g. 6",
                ));
            }
        }
        Ok(())
    }

    /// The layout named in the spec.
    pub fn layout(&self, path: &str) -> Result<Option<Option<Layout>>, Error> {
        self.layout
            .as_deref()
            .map(|l| match l.trim().to_lowercase().as_str() {
                "auto" => Ok(None),
                "wide" => Ok(Some(Layout::Wide)),
                "long" => Ok(Some(Layout::Long)),
                "counts" => Ok(Some(Layout::Counts)),
                other => Err(bad(path, "layout", other, "auto, wide, long or counts")),
            })
            .transpose()
    }

    /// The pairing mode named in the spec.
    pub fn pairs(&self, path: &str) -> Result<Option<PairMode>, Error> {
        self.pairs
            .as_deref()
            .map(|p| match p.trim().to_lowercase().as_str() {
                "auto" => Ok(PairMode::Auto),
                "interleaved" => Ok(PairMode::Interleaved),
                "blocks" => Ok(PairMode::Blocks),
                other => Err(bad(path, "pairs", other, "auto, interleaved or blocks")),
            })
            .transpose()
    }

    /// Applies `[analysis]` to `settings` (flags are applied after, and win).
    pub fn apply_analysis(&self, path: &str, settings: &mut Settings) -> Result<(), Error> {
        let Some(analysis) = &self.analysis else {
            return Ok(());
        };
        if let Some(name) = &analysis.convention {
            let names: Vec<&str> = Convention::ALL.iter().map(|c| c.name()).collect();
            *settings = Convention::from_name(name)
                .map(Convention::settings)
                .ok_or_else(|| bad(path, "convention", name, &names.join(", ")))?;
        }
        if let Some(table) = &analysis.table {
            settings.table = match table.trim().to_lowercase().as_str() {
                "standard" => Table::Standard,
                "modified" => Table::Modified,
                other => return Err(bad(path, "table", other, "standard or modified")),
            };
        }
        if let Some(rule) = &analysis.rule {
            settings.rule = Rule::from_name(rule)
                .ok_or_else(|| bad(path, "rule", rule, "mode, berger or close-call"))?;
        }
        if let Some(order) = &analysis.tie_order {
            settings.tie_order = order
                .parse::<TieOrder>()
                .map_err(|_| bad(path, "tie_order", order, "six letters such as MOAIRQ"))?;
        }
        if let Some(threshold) = analysis.mixed_threshold {
            settings.mixed_threshold = threshold;
        }
        if let Some(positive) = analysis.worse_positive {
            settings.worse_positive = positive;
        }
        Ok(())
    }

    /// Applies the reading parts of the spec to `options` (flags are applied after, and win).
    pub fn apply_reading(&self, path: &str, options: &mut ReadOptions) -> Result<(), Error> {
        if let Some(columns) = &self.columns {
            options.columns = ColumnNames {
                feature: columns.feature.clone(),
                functional: columns.functional.clone(),
                dysfunctional: columns.dysfunctional.clone(),
                importance: columns.importance.clone(),
                respondent: columns.respondent.clone(),
            };
        }
        options.explicit_pairs = self
            .features
            .iter()
            .map(|f| ExplicitPair {
                name: f.name.clone(),
                functional: f.functional.clone(),
                dysfunctional: f.dysfunctional.clone(),
                importance: f.importance.clone(),
                other_version: f
                    .other_functional
                    .clone()
                    .zip(f.other_dysfunctional.clone()),
            })
            .collect();
        for (label, value) in &self.answers {
            let text = match value {
                toml::Value::String(s) => s.clone(),
                toml::Value::Integer(i) => i.to_string(),
                other => other.to_string(),
            };
            let answer = Answer::parse_canonical(&text).ok_or_else(|| {
                bad(
                    path,
                    &format!("answer for \"{label}\""),
                    &text,
                    "like, must-be, neutral, live-with, dislike or 1-5",
                )
            })?;
            options.decoder.add(label, answer);
        }
        for (label, value) in &self.importance {
            let value = importance_value(value).ok_or_else(|| {
                bad(
                    path,
                    &format!("importance of \"{label}\""),
                    &value.to_string(),
                    "a number",
                )
            })?;
            options.importance_labels.push((label.clone(), value));
        }
        if let Some(segments) = &self.segments {
            if let Some(by) = &segments.by {
                options.segment = Some(SegmentSpec {
                    column: by.clone(),
                    bins: segments.bins.clone(),
                });
            }
            options.drop_inconsistent = segments.drop_inconsistent;
            if segments.max_indifferent.is_some() {
                options.max_indifferent = segments.max_indifferent;
            }
        }
        Ok(())
    }
}

/// A value of the `[importance]` table: a finite number.
fn importance_value(value: &toml::Value) -> Option<f64> {
    match value {
        toml::Value::Integer(i) => Some(*i as f64),
        toml::Value::Float(f) if f.is_finite() => Some(*f),
        _ => None,
    }
}

/// The 1-based line where `key` is set in `section` (`None`: the top level) of a TOML text.
fn line_of(text: &str, section: Option<&str>, key: &str) -> Option<usize> {
    let mut current: Option<String> = None;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if let Some(header) = line.strip_prefix('[') {
            let name = header.trim_start_matches('[');
            let name = name.split(']').next().unwrap_or_default().trim();
            current = Some(name.to_string());
            continue;
        }
        if current.as_deref() != section {
            continue;
        }
        let Some((name, _)) = line.split_once('=') else {
            continue;
        };
        let name = name.trim();
        let unquoted = name
            .strip_prefix('"')
            .and_then(|n| n.strip_suffix('"'))
            .or_else(|| name.strip_prefix('\'').and_then(|n| n.strip_suffix('\'')))
            .unwrap_or(name);
        if unquoted == key {
            return Some(i + 1);
        }
    }
    None
}

/// A TOML string literal for `text`, escaped.
fn quote(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Writes the spec that reads an export of questionnaire `q` back: layout wide, every feature
/// with the headers its questions will have (`matrix`: Qualtrics matrix headers
/// `<question> - <feature>`), the answer wordings, and importance; `qualtrics` adds Qualtrics'
/// three header rows.
pub fn write_questionnaire_spec(
    q: &crate::questionnaire::Questionnaire,
    matrix: bool,
    qualtrics: bool,
) -> String {
    let mut out = String::from(
        "# kano survey spec for the questionnaire written by `kano questionnaire`.\n\
         # Use it on the survey's export: kano analyze EXPORT --spec kano.toml\n\
         # (the export also reads without it; the spec pins the columns and adds importance).\n\n\
         layout = \"wide\"\n",
    );
    if qualtrics {
        out.push_str("# Qualtrics exports three header rows: id, question text, import id.\n");
        out.push_str("header_rows = 3\n");
    }
    for (name, functional, dysfunctional, importance) in
        crate::questionnaire::export_headers(q, matrix)
    {
        out.push_str(&format!(
            "\n[[feature]]\nname = {}\nfunctional = {}\ndysfunctional = {}\n",
            quote(&name),
            quote(&functional),
            quote(&dysfunctional)
        ));
        if let Some(importance) = importance {
            out.push_str(&format!("importance = {}\n", quote(&importance)));
        }
    }
    out.push_str(
        "\n# The answer wording of the questionnaire, in the standard order.\n[answers]\n",
    );
    for (label, answer) in q.answers.iter().zip(Answer::ALL) {
        out.push_str(&format!("{} = {}\n", quote(label), quote(answer.name())));
    }
    out
}

/// Writes the spec that reads `survey` the way it was just read, commented for a person to check.
pub fn write_spec(survey: &Survey, options: &ReadOptions, settings: &Settings) -> String {
    let mut out = String::new();
    let reading = &survey.reading;
    out.push_str(&format!(
        "# kano survey spec for {}, written by `kano init`.\n\
         # Check it, edit it, then: kano analyze EXPORT --spec kano.toml\n\
         # Flags given on the command line win over what is written here.\n\n",
        survey.path.replace('\n', " ")
    ));
    out.push_str(
        "# Layout: wide (a row per respondent), long (a row per answer pair) or counts.\n",
    );
    out.push_str(&format!("layout = {}\n", quote(survey.layout.name())));
    out.push_str(&format!(
        "# Detected: {}.\ndelimiter = {}\n",
        delimiter_name(reading.delimiter),
        quote(&delimiter_name(reading.delimiter))
    ));
    if let Some(sheet) = &reading.source.sheet {
        out.push_str(&format!("sheet = {}\n", quote(sheet)));
    } else {
        let encoding = reading
            .source
            .encoding
            .split_whitespace()
            .next()
            .unwrap_or("utf-8");
        out.push_str(&format!(
            "# Detected: {}.\nencoding = {}\n",
            reading.source.encoding,
            quote(encoding)
        ));
    }
    out.push_str(&format!(
        "# Header rows: 1, 2 (SurveyMonkey) or 3 (Qualtrics), one more for a value row.\nheader_rows = {}\n",
        reading.header_rows
    ));
    out.push_str(&format!(
        "reverse_numeric = {}\nskip_invalid = {}\n",
        options.decoder.reverse_numeric(),
        options.skip_invalid
    ));
    match survey.layout {
        Layout::Wide => {
            out.push_str(&format!(
                "\n# {} feature(s), paired by {}. Rename a feature by editing its name;\n\
                 # delete a block to leave the feature out.\n",
                survey.features.len(),
                reading.pairing
            ));
            for feature in &survey.features {
                out.push_str(&format!("\n[[feature]]\nname = {}\n", quote(&feature.name)));
                let roles = ["functional", "dysfunctional", "importance"];
                // A feature asked in two form versions lists the other version's columns last.
                let other = reading
                    .merged_versions
                    .iter()
                    .find(|m| feature.columns.first() == Some(&m.kept[0]))
                    .map(|m| &m.other);
                let own = feature.columns.len() - if other.is_some() { 2 } else { 0 };
                for (role, column) in roles.iter().zip(&feature.columns[..own]) {
                    out.push_str(&format!("{role} = {}\n", quote(column)));
                }
                if let Some([functional, dysfunctional]) = other {
                    out.push_str(&format!(
                        "# Asked again in an earlier form version: read where the above is empty.\n\
                         other_functional = {}\nother_dysfunctional = {}\n",
                        quote(functional),
                        quote(dysfunctional)
                    ));
                }
            }
        }
        Layout::Long | Layout::Counts => {
            let mut c = options.columns.clone();
            if let Some([feature, functional, dysfunctional]) = &reading.long_columns {
                c.feature = Some(feature.clone());
                c.functional = Some(functional.clone());
                c.dysfunctional = Some(dysfunctional.clone());
            }
            out.push_str("\n# The columns holding each part of an answer.\n[columns]\n");
            let defaults = [
                ("feature", &c.feature, "feature"),
                ("functional", &c.functional, "functional"),
                ("dysfunctional", &c.dysfunctional, "dysfunctional"),
                ("importance", &c.importance, ""),
                ("respondent", &c.respondent, ""),
            ];
            for (key, value, default) in defaults {
                match (value, default) {
                    (Some(v), _) => out.push_str(&format!("{key} = {}\n", quote(v))),
                    (None, "") => {}
                    (None, d) if survey.layout == Layout::Long => {
                        out.push_str(&format!("{key} = {}\n", quote(d)))
                    }
                    (None, _) => {}
                }
            }
        }
    }
    let custom = options.decoder.custom_mappings();
    out.push_str(
        "\n# Answer wordings beyond the standard ones: label = like, must-be, neutral,\n\
         # live-with, dislike (or 1-5). Labels match ignoring case, spaces and a final period.\n\
         [answers]\n",
    );
    for (label, answer) in custom {
        out.push_str(&format!("{} = {}\n", quote(&label), quote(answer.name())));
    }
    for inferred in &reading.inferred {
        let why = match inferred.order {
            Some(order) if inferred.order_only => format!("from the option order of {order}"),
            _ => format!(
                "inferred from its words ({})",
                inferred.cues.join(", ").replace('\n', " ")
            ),
        };
        out.push_str(&format!(
            "{} = {}  # {why}: confirm\n",
            quote(&inferred.label),
            quote(inferred.answer.name()),
        ));
    }
    if let Some(codes) = &reading.answer_codes {
        let source = codes.source.map_or(String::new(), |s| s.to_string());
        for (code, answer) in &codes.answers {
            let why = if codes.completed {
                format!("the code read the way {source} runs (reversed)")
            } else {
                format!("the code as {source} lists it")
            };
            out.push_str(&format!(
                "{} = {}  # {why}: confirm\n",
                quote(&code.to_string()),
                quote(answer.name())
            ));
        }
    }
    // Labels nobody could read: the best guess from their words, for a person to confirm.
    for (label, (_, answer)) in &reading.labels.labels {
        if answer.is_some() {
            continue;
        }
        match crate::input::infer::score(label).top() {
            Some(guess) => out.push_str(&format!(
                "{} = {}  # a guess from its words: CHECK\n",
                quote(label),
                quote(guess.name())
            )),
            None => out.push_str(&format!(
                "# {} = \"\"  # no guess: write like, must-be, neutral, live-with or dislike\n",
                quote(label)
            )),
        }
    }
    if options.segment.is_some()
        || options.drop_inconsistent.is_some()
        || options.max_indifferent.is_some()
    {
        out.push_str("\n[segments]\n");
        if let Some(segment) = &options.segment {
            out.push_str(&format!("by = {}\n", quote(&segment.column)));
            if let Some(bins) = &segment.bins {
                let list: Vec<String> = bins.iter().map(|b| format!("{b:?}")).collect();
                out.push_str(&format!("bins = [{}]\n", list.join(", ")));
            }
        }
        if let Some(share) = options.drop_inconsistent {
            out.push_str(&format!("drop_inconsistent = {share:?}\n"));
        }
        if let Some(most) = options.max_indifferent {
            out.push_str(&format!("max_indifferent = {most}\n"));
        }
    }
    out.push_str(&format!(
        "\n# Conventions (see the README's conventions table).\n[analysis]\n\
         convention = {}\ntable = {}\nrule = {}\ntie_order = {}\nmixed_threshold = {:?}\n\
         worse_positive = {}\n",
        quote(settings.convention.name()),
        quote(settings.table.name()),
        quote(settings.rule.name()),
        quote(&settings.tie_order.letters()),
        settings.mixed_threshold,
        settings.worse_positive
    ));
    out.push_str(
        "\n# Rules for `kano check` (all off by default), e.g.:\n\
         # [check]\n# min-respondents = 30\n# expect = [\"Checkout=must-be\"]\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spec_with_every_table_parses() {
        let spec: Spec = toml::from_str(
            r#"
layout = "wide"
delimiter = ";"
encoding = "utf-8"
header_rows = 1
pairs = "auto"
reverse_numeric = false
skip_invalid = true

[[feature]]
name = "Live chat"
functional = "chat_f"
dysfunctional = "chat_d"

[answers]
"For me, it's a must-have." = "must-be"
"Nice" = 1

[segments]
by = "plan"

[analysis]
table = "modified"
rule = "berger"

[check]
min-respondents = 30
"#,
        )
        .unwrap();
        assert_eq!(spec.features.len(), 1);
        let mut settings = Settings::default();
        spec.apply_analysis("k.toml", &mut settings).unwrap();
        assert_eq!(settings.table, Table::Modified);
        assert_eq!(settings.rule, Rule::Berger);
        let stp: Spec =
            toml::from_str("[analysis]\nconvention = \"stp25kano\"\nrule = \"mode\"").unwrap();
        let mut settings = Settings::default();
        stp.apply_analysis("k.toml", &mut settings).unwrap();
        assert_eq!(settings.convention, Convention::Stp25kano);
        assert_eq!(settings.fong, crate::stats::FongVariant::Stp25kano);
        assert_eq!(settings.rule, Rule::Mode);
        let mut options = ReadOptions::default();
        spec.apply_reading("k.toml", &mut options).unwrap();
        assert_eq!(
            options.decoder.decode("for me, it's a must-have"),
            Some(Answer::MustBe)
        );
        assert_eq!(options.decoder.decode("nice"), Some(Answer::Like));
        assert_eq!(options.explicit_pairs[0].functional, "chat_f");
        assert_eq!(spec.check.map(|c| c.min_respondents), Some(Some(30)));
    }

    #[test]
    fn unknown_keys_and_bad_values_are_errors() {
        assert!(toml::from_str::<Spec>("layot = \"wide\"").is_err());
        let spec: Spec = toml::from_str("[analysis]\ntable = \"fancy\"").unwrap();
        let error = spec
            .apply_analysis("k.toml", &mut Settings::default())
            .unwrap_err();
        assert!(error.to_string().contains("table \"fancy\" is not valid"));
    }
}
