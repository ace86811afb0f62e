//! Writing a Kano questionnaire: for every feature the functional question, its dysfunctional
//! twin and optionally the self-stated importance question, with the five answers in their
//! standard order and a standard wording (KANO-METHOD.md section 1).
//!
//! The texts are built so that an export of the survey reads back with no flags: each question
//! carries its feature's name in quotes (the reader's quoted-name rule gives it back exactly),
//! the dysfunctional question differs from the functional one by a negation the reader knows
//! ("did not", "nicht", "ne ... pas"), and the answer wordings are built-in ones. [`build`]
//! checks every pair with the reader's own functions before anything is written.
//!
//! Pure: no I/O. Renderers live in `report::questionnaire`.

use serde::Serialize;

use crate::answer::{Answer, AnswerDecoder};
use crate::error::Error;
use crate::input as pairing;

/// The language of the questions and answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
    /// French.
    Fr,
}

/// The published English answer wordings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// I like it / I expect it / I am neutral / I can live with it / I dislike it.
    Standard,
    /// I like it that way / It must be that way / I am neutral / I can live with it that way /
    /// I dislike it that way.
    ThatWay,
    /// This would be very helpful to me / This is a basic requirement for me / This would not
    /// affect me / This would be a minor inconvenience / This would be a major problem for me.
    Helpful,
}

/// The order of the questions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Each feature's questions together: functional, dysfunctional, importance.
    Interleaved,
    /// All functional questions, then all dysfunctional ones, then all importance ones.
    Blocks,
    /// All questions in a random order, the same for the same seed.
    Shuffled,
}

impl Order {
    /// The name used in flags and output.
    pub fn name(self) -> &'static str {
        match self {
            Order::Interleaved => "interleaved",
            Order::Blocks => "blocks",
            Order::Shuffled => "shuffled",
        }
    }
}

/// The self-stated importance scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// 1 (not at all important) to 9 (extremely important), after Berger et al. (1993).
    Nine,
    /// 1 to 5.
    Five,
}

/// What a question asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// How the respondent feels when the product has the feature.
    Functional,
    /// How the respondent feels when it does not.
    Dysfunctional,
    /// How important the feature is.
    Importance,
}

impl Kind {
    /// The name used in ids, CSV and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Functional => "functional",
            Kind::Dysfunctional => "dysfunctional",
            Kind::Importance => "importance",
        }
    }
}

/// A feature to ask about: the name results show, and what the question shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureDef {
    /// The name, exactly as results will show it.
    pub name: String,
    /// An optional description shown in the question beside the name.
    pub description: Option<String>,
}

/// One question, as every format writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Question {
    /// A stable id: `F<n>_functional`, `F<n>_dysfunctional`, `F<n>_importance` (a form the
    /// reader also pairs, should a tool export ids as headers).
    pub id: String,
    /// The feature's name.
    pub feature: String,
    /// What the question asks.
    pub kind: Kind,
    /// The question text.
    pub text: String,
    /// The answer choices, in the order shown.
    pub choices: Vec<String>,
}

/// The texts of a matrix layout (Qualtrics with `--order blocks`): one question per kind whose
/// rows are the feature names.
#[derive(Debug, Clone, PartialEq)]
pub struct Stems {
    /// "How would you feel if the product had the following?"
    pub functional: String,
    /// "How would you feel if the product did not have the following?"
    pub dysfunctional: String,
    /// "How important is each of the following to you?"
    pub importance: String,
}

/// A whole questionnaire.
#[derive(Debug, Clone, PartialEq)]
pub struct Questionnaire {
    /// The language.
    pub lang: Lang,
    /// The question order.
    pub order: Order,
    /// The features, in the order given.
    pub features: Vec<FeatureDef>,
    /// The questions, in the order shown.
    pub questions: Vec<Question>,
    /// The five answer choices of every Kano question, in the standard order.
    pub answers: Vec<String>,
    /// The importance choices, when asked.
    pub importance: Option<Vec<String>>,
    /// The matrix stems.
    pub stems: Stems,
    /// A title for the printable formats.
    pub title: String,
    /// An instruction for the printable formats.
    pub instruction: String,
}

/// How to build a questionnaire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The language.
    pub lang: Lang,
    /// The English wording (other languages have one each).
    pub wording: Wording,
    /// The question order.
    pub order: Order,
    /// The PRNG seed for [`Order::Shuffled`].
    pub seed: u64,
    /// The importance scale, if importance is asked.
    pub importance: Option<Scale>,
}

/// The five answers in the standard order for a language and wording.
pub fn answers(lang: Lang, wording: Wording) -> [&'static str; 5] {
    match (lang, wording) {
        (Lang::En, Wording::Standard) => [
            "I like it",
            "I expect it",
            "I am neutral",
            "I can live with it",
            "I dislike it",
        ],
        (Lang::En, Wording::ThatWay) => [
            "I like it that way",
            "It must be that way",
            "I am neutral",
            "I can live with it that way",
            "I dislike it that way",
        ],
        (Lang::En, Wording::Helpful) => [
            "This would be very helpful to me",
            "This is a basic requirement for me",
            "This would not affect me",
            "This would be a minor inconvenience",
            "This would be a major problem for me",
        ],
        (Lang::De, _) => [
            "Das würde mich sehr freuen",
            "Das setze ich voraus",
            "Das ist mir egal",
            "Das könnte ich in Kauf nehmen",
            "Das würde mich sehr stören",
        ],
        (Lang::Fr, _) => [
            "Cela me plairait",
            "Cela me semble normal",
            "Cela m'est égal",
            "Je peux m'en accommoder",
            "Cela me déplairait",
        ],
    }
}

/// The importance choices: every point labelled "N - words", so a cell reads as importance
/// (`7 - Very important`) and never as a Kano answer code.
pub fn importance_choices(lang: Lang, scale: Scale) -> Vec<String> {
    let words: &[&str] = match (lang, scale) {
        (Lang::En, Scale::Five) => &[
            "Not at all important",
            "Slightly important",
            "Moderately important",
            "Very important",
            "Extremely important",
        ],
        (Lang::En, Scale::Nine) => &[
            "Not at all important",
            "Hardly important",
            "Slightly important",
            "Somewhat important",
            "Moderately important",
            "Fairly important",
            "Very important",
            "Highly important",
            "Extremely important",
        ],
        (Lang::De, Scale::Five) => &[
            "Überhaupt nicht wichtig",
            "Wenig wichtig",
            "Mittelmäßig wichtig",
            "Sehr wichtig",
            "Äußerst wichtig",
        ],
        (Lang::De, Scale::Nine) => &[
            "Überhaupt nicht wichtig",
            "Kaum wichtig",
            "Wenig wichtig",
            "Etwas wichtig",
            "Mittelmäßig wichtig",
            "Ziemlich wichtig",
            "Sehr wichtig",
            "Besonders wichtig",
            "Äußerst wichtig",
        ],
        (Lang::Fr, Scale::Five) => &[
            "Pas du tout important",
            "Peu important",
            "Moyennement important",
            "Très important",
            "Extrêmement important",
        ],
        (Lang::Fr, Scale::Nine) => &[
            "Pas du tout important",
            "Très peu important",
            "Peu important",
            "Assez peu important",
            "Moyennement important",
            "Assez important",
            "Très important",
            "Vraiment important",
            "Extrêmement important",
        ],
    };
    words
        .iter()
        .enumerate()
        .map(|(i, w)| format!("{} - {w}", i + 1))
        .collect()
}

/// The feature as quoted in a question: “Name” (English, German), « Name » (French, with
/// no-break spaces).
fn quoted(lang: Lang, text: &str) -> String {
    match lang {
        Lang::En | Lang::De => format!("\u{201C}{text}\u{201D}"),
        Lang::Fr => format!("\u{00AB}\u{00A0}{text}\u{00A0}\u{00BB}"),
    }
}

/// The feature as a question shows it: the quoted name, then the description in parentheses.
/// A description holding a negation word is quoted too, so the reader does not take the
/// functional question for the negated one.
fn shown(lang: Lang, feature: &FeatureDef) -> String {
    let name = quoted(lang, &feature.name);
    match &feature.description {
        None => name,
        Some(d) if pairing::question(d).negated => format!("{name} ({})", quoted(lang, d)),
        Some(d) => format!("{name} ({d})"),
    }
}

fn text(lang: Lang, kind: Kind, feature: &FeatureDef) -> String {
    let f = shown(lang, feature);
    let name = quoted(lang, &feature.name);
    match (lang, kind) {
        (Lang::En, Kind::Functional) => format!("How would you feel if the product had {f}?"),
        (Lang::En, Kind::Dysfunctional) => {
            format!("How would you feel if the product did not have {f}?")
        }
        (Lang::En, Kind::Importance) => format!("How important is {name} to you?"),
        (Lang::De, Kind::Functional) => {
            format!("Wie würden Sie sich fühlen, wenn das Produkt {f} hätte?")
        }
        (Lang::De, Kind::Dysfunctional) => {
            format!("Wie würden Sie sich fühlen, wenn das Produkt {f} nicht hätte?")
        }
        (Lang::De, Kind::Importance) => format!("Wie wichtig ist Ihnen {name}?"),
        (Lang::Fr, Kind::Functional) => {
            format!("Que ressentiriez-vous si le produit avait {f}\u{00A0}?")
        }
        (Lang::Fr, Kind::Dysfunctional) => {
            format!("Que ressentiriez-vous si le produit n'avait pas {f}\u{00A0}?")
        }
        (Lang::Fr, Kind::Importance) => {
            format!("Quelle importance accordez-vous à {name}\u{00A0}?")
        }
    }
}

fn stems(lang: Lang) -> Stems {
    let (f, d, i) = match lang {
        Lang::En => (
            "How would you feel if the product had the following?",
            "How would you feel if the product did not have the following?",
            "How important is each of the following to you?",
        ),
        Lang::De => (
            "Wie würden Sie sich fühlen, wenn das Produkt Folgendes hätte?",
            "Wie würden Sie sich fühlen, wenn das Produkt Folgendes nicht hätte?",
            "Wie wichtig ist Ihnen Folgendes?",
        ),
        Lang::Fr => (
            "Que ressentiriez-vous si le produit avait les éléments suivants\u{00A0}?",
            "Que ressentiriez-vous si le produit n'avait pas les éléments suivants\u{00A0}?",
            "Quelle importance accordez-vous aux éléments suivants\u{00A0}?",
        ),
    };
    Stems {
        functional: f.to_string(),
        dysfunctional: d.to_string(),
        importance: i.to_string(),
    }
}

fn title_and_instruction(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => (
            "Product features survey",
            "For each question, choose the one answer that fits best.",
        ),
        Lang::De => (
            "Umfrage zu Produktmerkmalen",
            "Bitte wählen Sie bei jeder Frage die Antwort, die am besten passt.",
        ),
        Lang::Fr => (
            "Enquête sur les fonctionnalités du produit",
            "Pour chaque question, choisissez la réponse qui vous correspond le mieux.",
        ),
    }
}

/// A small deterministic PRNG (SplitMix64, Steele, Lea & Flood 2014): the same seed gives the
/// same order on every platform and version.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from a seed.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in 0..bound (bound > 0), by rejection so every value is equally likely.
    pub fn below(&mut self, bound: u64) -> u64 {
        let zone = u64::MAX - u64::MAX % bound;
        loop {
            let x = self.next_u64();
            if x < zone {
                return x % bound;
            }
        }
    }

    /// Shuffles in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// Characters a feature name cannot hold: the reader's quotes and line breaks.
const FORBIDDEN: &[char] = &[
    '"', '\u{201C}', '\u{201D}', '\u{00AB}', '\u{00BB}', '\n', '\r',
];

/// Reads a FEATURES file: one feature per line, optionally `name: description`; blank lines
/// and lines starting with `#` are skipped. `path` names the file in errors.
pub fn parse_features(text: &str, path: &str) -> Result<Vec<FeatureDef>, Error> {
    let mut features: Vec<FeatureDef> = Vec::new();
    for (number, line) in text.trim_start_matches('\u{FEFF}').lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, description) = match line.split_once(": ") {
            Some((name, description)) => (name.trim(), Some(description.trim())),
            None => (line.trim_end_matches(':').trim(), None),
        };
        let at = format!("{} line {}", crate::error::printable(path), number + 1);
        let feature = FeatureDef {
            name: name.to_string(),
            description: description
                .filter(|d| !d.is_empty())
                .map(ToString::to_string),
        };
        check_feature(&feature, &at)?;
        if features
            .iter()
            .any(|f| f.name.to_lowercase() == feature.name.to_lowercase())
        {
            return Err(Error::usage(
                format!(
                    "{at}: feature \"{}\" is listed twice",
                    crate::error::printable(name)
                ),
                "give every feature its own name; results match features by name",
            ));
        }
        features.push(feature);
    }
    if features.is_empty() {
        return Err(Error::usage(
            format!("{}: no features", crate::error::printable(path)),
            "write one feature per line, optionally `name: description`",
        ));
    }
    Ok(features)
}

/// Checks that a feature can be written so that it reads back.
pub fn check_feature(feature: &FeatureDef, at: &str) -> Result<(), Error> {
    let bad = |what: &str, text: &str| {
        Error::usage(
            format!(
                "{at}: the {what} \"{}\" holds a quote mark or line break",
                crate::error::printable(text)
            ),
            "questions quote the feature's name, so it cannot hold \" \u{201C} \u{201D} \u{00AB} \
             \u{00BB}; write it without them",
        )
    };
    if feature.name.is_empty() {
        return Err(Error::usage(
            format!("{at}: a feature has no name"),
            "write `name` or `name: description`",
        ));
    }
    if feature.name.contains(FORBIDDEN) {
        return Err(bad("name", &feature.name));
    }
    if let Some(d) = &feature.description {
        if d.contains(FORBIDDEN) {
            return Err(bad("description", d));
        }
    }
    Ok(())
}

/// Builds the questionnaire and checks that every feature's questions read back: the reader
/// finds the functional question plain, the dysfunctional one negated, and the feature's name
/// in both; the answer choices decode to the five answers in order.
pub fn build(features: Vec<FeatureDef>, options: &Options) -> Result<Questionnaire, Error> {
    let lang = options.lang;
    let answer_texts: Vec<String> = answers(lang, options.wording)
        .iter()
        .map(ToString::to_string)
        .collect();
    let importance = options.importance.map(|s| importance_choices(lang, s));
    let mut per_kind: [Vec<Question>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for (i, feature) in features.iter().enumerate() {
        check_feature(feature, "feature list")?;
        let mut kinds = vec![Kind::Functional, Kind::Dysfunctional];
        if importance.is_some() {
            kinds.push(Kind::Importance);
        }
        for (slot, kind) in kinds.into_iter().enumerate() {
            let choices = match kind {
                Kind::Importance => importance.clone().unwrap_or_default(),
                _ => answer_texts.clone(),
            };
            per_kind[slot].push(Question {
                id: format!("F{}_{}", i + 1, kind.name()),
                feature: feature.name.clone(),
                kind,
                text: text(lang, kind, feature),
                choices,
            });
        }
        verify_pair(&per_kind[0][i], &per_kind[1][i])?;
    }
    let [functional, dysfunctional, importance_questions] = per_kind;
    let mut questions = Vec::new();
    match options.order {
        Order::Blocks => {
            questions.extend(functional);
            questions.extend(dysfunctional);
            questions.extend(importance_questions);
        }
        Order::Interleaved | Order::Shuffled => {
            let mut imp = importance_questions.into_iter();
            for (f, d) in functional.into_iter().zip(dysfunctional) {
                questions.push(f);
                questions.push(d);
                questions.extend(imp.next());
            }
        }
    }
    if options.order == Order::Shuffled {
        SplitMix64::new(options.seed).shuffle(&mut questions);
    }
    let decoder = AnswerDecoder::default();
    for (answer, label) in Answer::ALL.iter().zip(&answer_texts) {
        if decoder.decode(label) != Some(*answer) {
            return Err(Error::usage(
                format!("the answer wording \"{label}\" does not decode as {answer}"),
                "this is a bug in kano; please report it",
            ));
        }
    }
    let (title, instruction) = title_and_instruction(lang);
    Ok(Questionnaire {
        lang,
        order: options.order,
        features,
        questions,
        answers: answer_texts,
        importance,
        stems: stems(lang),
        title: title.to_string(),
        instruction: instruction.to_string(),
    })
}

fn verify_pair(functional: &Question, dysfunctional: &Question) -> Result<(), Error> {
    let f = pairing::question(&functional.text);
    let d = pairing::question(&dysfunctional.text);
    let names_ok = pairing::quoted_name(&functional.text).as_deref()
        == Some(functional.feature.as_str())
        && pairing::quoted_name(&dysfunctional.text).as_deref()
            == Some(functional.feature.as_str());
    if f.negated || !d.negated || !names_ok {
        return Err(Error::usage(
            format!(
                "feature \"{}\": its questions would not read back as a functional and \
                 dysfunctional pair named after it",
                crate::error::printable(&functional.feature)
            ),
            "reword its name or description (avoid quote marks and negation words)",
        ));
    }
    Ok(())
}

/// The column headers an export of this questionnaire will have, per feature: (name,
/// functional, dysfunctional, importance). `matrix` gives Qualtrics matrix headers
/// `<stem> - <name>`; otherwise a header is the question's text (Google Forms, Microsoft Forms,
/// Qualtrics single questions).
pub fn export_headers(
    q: &Questionnaire,
    matrix: bool,
) -> Vec<(String, String, String, Option<String>)> {
    let find = |name: &str, kind: Kind| {
        q.questions
            .iter()
            .find(|x| x.feature == name && x.kind == kind)
            .map(|x| x.text.clone())
    };
    q.features
        .iter()
        .map(|f| {
            let name = f.name.clone();
            if matrix {
                (
                    name.clone(),
                    format!("{} - {name}", q.stems.functional),
                    format!("{} - {name}", q.stems.dysfunctional),
                    q.importance
                        .as_ref()
                        .map(|_| format!("{} - {name}", q.stems.importance)),
                )
            } else {
                (
                    name.clone(),
                    find(&name, Kind::Functional).unwrap_or_default(),
                    find(&name, Kind::Dysfunctional).unwrap_or_default(),
                    find(&name, Kind::Importance),
                )
            }
        })
        .collect()
}

/// Checks that names can be matrix rows: Qualtrics exports `<question> - <row>`, and the reader
/// splits at the last dash.
pub fn check_matrix_names(q: &Questionnaire) -> Result<(), Error> {
    for f in &q.features {
        if [" - ", " \u{2013} ", " \u{2014} "]
            .iter()
            .any(|sep| f.name.contains(sep))
        {
            return Err(Error::usage(
                format!(
                    "feature \"{}\" holds \" - \", which a Qualtrics matrix export would split",
                    crate::error::printable(&f.name)
                ),
                "rename it without a spaced dash, or use --order interleaved (one block per \
                 feature)",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(names: &[&str]) -> Vec<FeatureDef> {
        names
            .iter()
            .map(|n| FeatureDef {
                name: n.to_string(),
                description: None,
            })
            .collect()
    }

    fn options(lang: Lang, order: Order) -> Options {
        Options {
            lang,
            wording: Wording::Standard,
            order,
            seed: 1,
            importance: Some(Scale::Nine),
        }
    }

    #[test]
    fn every_language_writes_a_pair_the_reader_pairs_and_names() {
        for lang in [Lang::En, Lang::De, Lang::Fr] {
            let q = build(
                features(&["Dark mode", "Do not disturb"]),
                &options(lang, Order::Interleaved),
            )
            .unwrap();
            assert_eq!(q.questions.len(), 6);
            let header: Vec<String> = q.questions.iter().map(|x| x.text.clone()).collect();
            let (pairs, _, how) =
                pairing::pair_questions(&header, &[0, 1, 3, 4], pairing::PairMode::Auto);
            assert_eq!(how, "question text", "{lang:?}");
            let got: Vec<_> = pairs
                .iter()
                .map(|p| (p.name.as_str(), p.functional, p.dysfunctional))
                .collect();
            assert_eq!(
                got,
                vec![("Dark mode", 0, 1), ("Do not disturb", 3, 4)],
                "{lang:?}"
            );
        }
    }

    #[test]
    fn blocks_put_all_functional_questions_first() {
        let q = build(features(&["A", "B"]), &options(Lang::En, Order::Blocks)).unwrap();
        let kinds: Vec<Kind> = q.questions.iter().map(|x| x.kind).collect();
        use Kind::*;
        assert_eq!(
            kinds,
            vec![
                Functional,
                Functional,
                Dysfunctional,
                Dysfunctional,
                Importance,
                Importance
            ]
        );
    }

    #[test]
    fn the_same_seed_gives_the_same_shuffle_and_another_seed_another() {
        let names: Vec<String> = (1..=8).map(|i| format!("Feature {i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let ids = |seed| {
            let mut o = options(Lang::En, Order::Shuffled);
            o.seed = seed;
            build(features(&names), &o)
                .unwrap()
                .questions
                .into_iter()
                .map(|x| x.id)
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(7), ids(7));
        assert_ne!(ids(7), ids(8));
        let mut sorted = ids(7);
        sorted.sort();
        assert_eq!(sorted.len(), 24);
        sorted.dedup();
        assert_eq!(sorted.len(), 24, "a permutation");
    }

    #[test]
    fn splitmix64_matches_its_reference_output() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn a_description_with_a_negation_is_quoted_so_the_pair_still_reads() {
        let f = vec![FeatureDef {
            name: "Offline mode".into(),
            description: Some("works without a connection".into()),
        }];
        let q = build(f, &options(Lang::En, Order::Interleaved)).unwrap();
        assert_eq!(
            q.questions[0].text,
            "How would you feel if the product had \u{201C}Offline mode\u{201D} \
             (\u{201C}works without a connection\u{201D})?"
        );
    }

    #[test]
    fn feature_files_read_names_descriptions_and_refuse_duplicates_and_quotes() {
        let f =
            parse_features("# comment\nDark mode: a dark theme\n\nLive chat\n", "f.txt").unwrap();
        assert_eq!(f[0].name, "Dark mode");
        assert_eq!(f[0].description.as_deref(), Some("a dark theme"));
        assert_eq!(f[1].description, None);
        let e = parse_features("A\na\n", "f.txt").unwrap_err().to_string();
        assert!(e.contains("f.txt line 2"), "{e}");
        assert!(parse_features("The \"best\" one\n", "f.txt").is_err());
        assert!(parse_features("\n# only a comment\n", "f.txt").is_err());
    }

    #[test]
    fn importance_choices_are_numbered_labels_that_are_not_answer_codes() {
        let decoder = AnswerDecoder::default();
        for lang in [Lang::En, Lang::De, Lang::Fr] {
            for scale in [Scale::Five, Scale::Nine] {
                let choices = importance_choices(lang, scale);
                for (i, c) in choices.iter().enumerate() {
                    assert_eq!(
                        crate::input::parse_importance(c),
                        Some((i + 1) as f64),
                        "{c}"
                    );
                    assert_eq!(decoder.decode(c), None, "{c}");
                }
            }
        }
    }
}
