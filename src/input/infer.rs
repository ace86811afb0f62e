//! Answer-scale inference: which of a survey's own answer wordings means which of the five Kano
//! answers, worked out from what the words say.
//!
//! Survey authors write their own wordings ("For me, it's a must-have.", "Cela me plaît 🤩",
//! "Je m'en contente 😑"). Each label is scored against the five answers by the cue words it
//! contains, in English, German, French and Spanish, with negation ("I would not like it" is
//! dislike, "it doesn't matter to me" is neutral) and contrast ("I dislike it, but I can live with
//! it": the clause after "but" weighs more). The labels are then assigned one-to-one to the answers
//! not already taken by known wordings; the assignment is accepted only when it beats every other
//! one-to-one assignment by a clear margin and every label has evidence for its answer. Anything
//! short of that is refused, and the caller reports the unknown labels instead.
//!
//! This is a heuristic by design, so its result is always reported (stderr, `kano inspect`, the
//! reading sections), and `--answer`, `--answers` and the spec override it; `--no-infer` turns it
//! off.

use super::cues::{CONTRAST, CUES, NEGATORS};
use super::{find_column, wide, Context, Layout, LayoutChoice, ReadOptions};
use crate::answer::Answer;

/// One label's inferred answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Inferred {
    /// The label as it appears in the file.
    pub label: String,
    /// The answer it was assigned.
    pub answer: Answer,
    /// The cue words that decided it, for the report ("plait", "not like").
    pub cues: Vec<String>,
    /// The option order the export shows that confirms the answer (its options run like ..
    /// dislike, or the reverse), or that alone gave it (`order_only`).
    pub order: Option<OrderCheck>,
    /// Whether the answer comes from the option order alone, the words not deciding.
    pub order_only: bool,
}

/// Where an export shows the order of its answer options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderSource {
    /// Numbers in the labels themselves ("1 - I like it", "I like it (1)").
    OptionNumbers,
    /// A value row under the header listing each column's options with their codes
    /// (`1=I like it;2=I expect it;...`, `{"1":"I like it",...}`).
    ValueRow,
    /// The options a question's text lists, in its order ("... (I like it / I expect it / ...)").
    QuestionText,
}

impl OrderSource {
    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            OrderSource::OptionNumbers => "option numbers",
            OrderSource::ValueRow => "value row",
            OrderSource::QuestionText => "question text",
        }
    }

    /// Whether the order carries the codes the export writes for its options (not only places).
    fn has_codes(self) -> bool {
        !matches!(self, OrderSource::QuestionText)
    }
}

impl std::fmt::Display for OrderSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            OrderSource::OptionNumbers => "option numbers",
            OrderSource::ValueRow => "the value row",
            OrderSource::QuestionText => "the options listed in the question text",
        })
    }
}

/// An option order that agrees with the answers: where it comes from, and which answer its
/// first option is (1 = like, or 1 = dislike in a reversed scale).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderCheck {
    /// Where the order comes from.
    pub source: OrderSource,
    /// The first option's code (or place in a list).
    pub first_code: u32,
    /// The answer of the first option.
    pub first: Answer,
}

impl OrderCheck {
    /// Which answer the first option is: "1 = like", or "the first = like" for a list.
    pub fn first_option(&self) -> String {
        match self.source {
            OrderSource::QuestionText => format!("the first = {}", self.first),
            _ => format!("{} = {}", self.first_code, self.first),
        }
    }

    /// Where the order comes from, as "from ..." says it.
    fn origin(&self) -> &'static str {
        match self.source {
            OrderSource::OptionNumbers => "their option numbers",
            OrderSource::ValueRow => "their order in the value row",
            OrderSource::QuestionText => "the order the question text lists them in",
        }
    }
}

impl std::fmt::Display for OrderCheck {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, {}", self.source, self.first_option())
    }
}

/// The options an export lists for its answer columns, in order: each option's code (its number,
/// or its place in a list) and label.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionOrder {
    /// Where the order comes from.
    pub source: OrderSource,
    /// Code and label of each option, in the order written.
    pub options: Vec<(u32, String)>,
}

/// Why a set of labels could not be assigned.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// More unknown labels than answers left for them.
    TooMany {
        /// How many unknown labels.
        labels: usize,
        /// How many answers are not already taken by known wordings.
        free: usize,
    },
    /// A label has no cue word for any answer it could take.
    NoEvidence {
        /// The label.
        label: String,
    },
    /// Two labels read as the same answer.
    Clash {
        /// The two labels.
        labels: (String, String),
        /// The answer both read as.
        answer: Answer,
    },
    /// Two assignments score nearly alike.
    Ambiguous {
        /// The label whose answer is in doubt.
        label: String,
        /// The two answers it could be.
        between: (Answer, Answer),
    },
    /// The export's option order (numbers in the labels, a value row, a list in the question
    /// text) is not the order of the answers read: each option, in order, with its answer.
    OptionOrder(OrderSource, Vec<(String, Answer)>),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::TooMany { labels, free } => write!(
                f,
                "{labels} unknown label(s) for {free} answer(s) not taken by known wordings"
            ),
            Refusal::NoEvidence { label } => write!(
                f,
                "nothing in \"{}\" says which answer it is",
                crate::error::printable(label)
            ),
            Refusal::Clash { labels, answer } => write!(
                f,
                "\"{}\" and \"{}\" both read as {answer}",
                crate::error::printable(&labels.0),
                crate::error::printable(&labels.1)
            ),
            Refusal::Ambiguous { label, between } => write!(
                f,
                "\"{}\" could be {} or {}",
                crate::error::printable(label),
                between.0,
                between.1
            ),
            Refusal::OptionOrder(source, order) => {
                let shown: Vec<String> = order
                    .iter()
                    .map(|(label, answer)| {
                        format!("\"{}\" read as {answer}", crate::error::printable(label))
                    })
                    .collect();
                let what = match source {
                    OrderSource::OptionNumbers => "the options' numbers contradict".to_string(),
                    other => format!("the option order of {other} contradicts"),
                };
                write!(
                    f,
                    "{what} what their words say: {} (Kano's answers run like, must-be, neutral, \
                     live-with, dislike, or the reverse)",
                    shown.join(", ")
                )
            }
        }
    }
}

/// The smallest lead of the best assignment over the runner-up for it to be accepted.
const MARGIN: f64 = 0.5;

/// Assigns each unknown label one of the answers in `free`, one-to-one, by meaning.
///
/// `free` lists the answers not already taken by labels kano knows in the same columns.
pub fn infer(labels: &[String], free: &[Answer]) -> Result<Vec<Inferred>, Refusal> {
    if labels.len() > free.len() {
        return Err(Refusal::TooMany {
            labels: labels.len(),
            free: free.len(),
        });
    }
    let scored: Vec<Scores> = labels.iter().map(|l| score(l)).collect();
    for (label, s) in labels.iter().zip(&scored) {
        if free.iter().all(|a| s.value[a.index()] <= 0.0) {
            return Err(Refusal::NoEvidence {
                label: label.clone(),
            });
        }
    }
    // Every injective assignment of labels to free answers (at most 5! = 120), best two kept.
    let mut best: Option<(f64, Vec<usize>)> = None;
    let mut second: Option<(f64, Vec<usize>)> = None;
    let mut chosen = Vec::with_capacity(labels.len());
    let mut used = vec![false; free.len()];
    search(&scored, free, &mut chosen, &mut used, &mut |total, pick| {
        if best.as_ref().is_none_or(|(b, _)| total > *b) {
            second = best.take();
            best = Some((total, pick.to_vec()));
        } else if second.as_ref().is_none_or(|(s, _)| total > *s) {
            second = Some((total, pick.to_vec()));
        }
    });
    let Some((top, pick)) = best else {
        return Ok(Vec::new());
    };
    for (i, &slot) in pick.iter().enumerate() {
        if scored[i].value[free[slot].index()] <= 0.0 {
            // Its own best answer went to another label: the two clash.
            let top = scored[i].top();
            if let Some(j) = (0..pick.len()).find(|&j| Some(free[pick[j]]) == top) {
                return Err(Refusal::Clash {
                    labels: (labels[j].clone(), labels[i].clone()),
                    answer: free[pick[j]],
                });
            }
            return Err(Refusal::NoEvidence {
                label: labels[i].clone(),
            });
        }
    }
    if let Some((runner, other)) = second {
        if top - runner < MARGIN {
            // Name the first label the runner-up assigns differently.
            if let Some(i) = (0..pick.len()).find(|&i| pick[i] != other[i]) {
                return Err(Refusal::Ambiguous {
                    label: labels[i].clone(),
                    between: (free[pick[i]], free[other[i]]),
                });
            }
        }
    }
    let mut inferred: Vec<Inferred> = pick
        .iter()
        .enumerate()
        .map(|(i, &slot)| {
            let answer = free[slot];
            Inferred {
                label: labels[i].clone(),
                answer,
                cues: scored[i].cues[answer.index()].clone(),
                order: None,
                order_only: false,
            }
        })
        .collect();
    if let Some(numbered) = numbered_options(labels) {
        let answers = |label: &str| answer_in(&inferred, label);
        if let Some(check) = check_order(&numbered, &answers)? {
            confirm(&mut inferred, &numbered, check);
        }
    }
    Ok(inferred)
}

/// The answer inferred for `label`, if any.
fn answer_in(inferred: &[Inferred], label: &str) -> Option<Answer> {
    let key = crate::answer::normalize_label(label);
    inferred
        .iter()
        .find(|i| crate::answer::normalize_label(&i.label) == key)
        .map(|i| i.answer)
}

/// Marks the inferred labels that `order` lists as confirmed by it (the first order to confirm a
/// label is the one named).
fn confirm(inferred: &mut [Inferred], order: &OptionOrder, check: OrderCheck) {
    let listed: Vec<String> = order
        .options
        .iter()
        .map(|(_, l)| crate::answer::normalize_label(l))
        .collect();
    for i in inferred.iter_mut() {
        if i.order.is_none() && listed.contains(&crate::answer::normalize_label(&i.label)) {
            i.order = Some(check);
        }
    }
}

/// The order of numbered labels, where every label has its own option number ("1 - I like it",
/// "I like it (1)"), three or more of them.
pub fn numbered_options(labels: &[String]) -> Option<OptionOrder> {
    let options = labels
        .iter()
        .map(|l| Some((option_number(l)?, l.clone())))
        .collect::<Option<Vec<_>>>()?;
    (options.len() >= 3).then_some(OptionOrder {
        source: OrderSource::OptionNumbers,
        options,
    })
}

/// Checks an option order against the answers its labels have (`answer_of`: inferred or known
/// wordings): where three or more options have answers, in code order they must run like ..
/// dislike or dislike .. like (Kano's standard order, gaps allowed); that confirms them, and
/// says which answer the first option is. Any other order refuses. Too few answers: no verdict.
pub fn check_order(
    order: &OptionOrder,
    answer_of: &dyn Fn(&str) -> Option<Answer>,
) -> Result<Option<OrderCheck>, Refusal> {
    let mut coded: Vec<(u32, &str, Answer)> = order
        .options
        .iter()
        .filter_map(|(code, label)| Some((*code, label.as_str(), answer_of(label)?)))
        .collect();
    coded.sort_by_key(|(code, _, _)| *code);
    if coded.len() < 3 || coded.windows(2).any(|w| w[0].0 == w[1].0) {
        return Ok(None);
    }
    let ranks: Vec<usize> = coded.iter().map(|(_, _, a)| a.index()).collect();
    let rising = ranks.windows(2).all(|w| w[0] < w[1]);
    let falling = ranks.windows(2).all(|w| w[0] > w[1]);
    if !(rising || falling) {
        return Err(Refusal::OptionOrder(
            order.source,
            coded
                .iter()
                .map(|(_, label, answer)| ((*label).to_string(), *answer))
                .collect(),
        ));
    }
    // The first option of the whole order, answered or not, is named when it has an answer.
    let (first_code, _, first) = coded[0];
    Ok(Some(OrderCheck {
        source: order.source,
        first_code,
        first,
    }))
}

/// Assigns answers by an option order alone, where the words did not decide: the order must
/// list five distinct options, every one of `labels` among them, and which end is like must be
/// clear (from labels kano knows in it, or else from the words of the options by a clear
/// margin). Never assumes 1 = like.
pub fn assign_by_order(
    labels: &[String],
    order: &OptionOrder,
    known: &dyn Fn(&str) -> Option<Answer>,
) -> Option<Vec<Inferred>> {
    let mut options = order.options.clone();
    options.sort_by_key(|(code, _)| *code);
    let keys: Vec<String> = options
        .iter()
        .map(|(_, l)| crate::answer::normalize_label(l))
        .collect();
    let distinct = |v: &[String]| v.iter().enumerate().all(|(i, k)| !v[..i].contains(k));
    if options.len() != 5
        || !distinct(&keys)
        || options.windows(2).any(|w| w[0].0 == w[1].0)
        || !labels
            .iter()
            .all(|l| keys.contains(&crate::answer::normalize_label(l)))
    {
        return None;
    }
    let answer_at = |i: usize, forward: bool| Answer::ALL[if forward { i } else { 4 - i }];
    let fits = |forward: bool| {
        options
            .iter()
            .enumerate()
            .all(|(i, (_, l))| known(l).is_none_or(|a| a == answer_at(i, forward)))
    };
    // A known wording off the middle decides; else the words, by a clear margin.
    let decided_by_known = options
        .iter()
        .enumerate()
        .any(|(i, (_, l))| i != 2 && known(l).is_some());
    let words = |forward: bool| -> f64 {
        options
            .iter()
            .enumerate()
            .map(|(i, (_, l))| score(l).value[answer_at(i, forward).index()])
            .sum()
    };
    let forward = match (fits(true), fits(false)) {
        (true, false) if decided_by_known => true,
        (false, true) if decided_by_known => false,
        (true, true) => {
            let (ahead, back) = (words(true), words(false));
            if (ahead - back).abs() < MARGIN {
                return None;
            }
            ahead > back
        }
        _ => return None,
    };
    let check = OrderCheck {
        source: order.source,
        first_code: options[0].0,
        first: answer_at(0, forward),
    };
    Some(
        labels
            .iter()
            .map(|label| {
                let key = crate::answer::normalize_label(label);
                let i = keys.iter().position(|k| *k == key).unwrap_or(0);
                let answer = answer_at(i, forward);
                Inferred {
                    label: label.clone(),
                    answer,
                    cues: score(label).cues[answer.index()].clone(),
                    order: Some(check),
                    order_only: true,
                }
            })
            .collect(),
    )
}

/// The options a value-row cell lists with their codes: `1=I like it;2=I expect it;...`,
/// `1 - I like it | 2 - I expect it | ...` (separated by `;`, `|`, `,` or line breaks), or JSON
/// `{"1":"I like it","2":"I expect it",...}`; three or more, with distinct codes and labels.
pub fn value_row_options(cell: &str) -> Option<Vec<(u32, String)>> {
    let cell = cell.trim();
    if cell.len() > 8 * MAX_LABEL_BYTES {
        return None;
    }
    let options: Vec<(u32, String)> = if cell.starts_with('{') {
        let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(cell).ok()?;
        map.iter()
            .map(|(code, label)| {
                Some((
                    code.trim().parse().ok()?,
                    label.as_str()?.trim().to_string(),
                ))
            })
            .collect::<Option<_>>()?
    } else {
        coded_entries(cell)?
    };
    let codes_distinct = options
        .iter()
        .enumerate()
        .all(|(i, (c, l))| !l.is_empty() && options[..i].iter().all(|(d, m)| c != d && l != m));
    (options.len() >= 3 && codes_distinct).then_some(options)
}

/// `1=I like it;2=I expect it`: entries start at the beginning or after a separator, with a
/// code of one or two digits and a mark (`=`, `:`, `-`, `.`, `)`); the text must start with one.
fn coded_entries(text: &str) -> Option<Vec<(u32, String)>> {
    // (entry start, label start, code)
    let mut starts: Vec<(usize, usize, u32)> = Vec::new();
    for (i, _) in text.char_indices() {
        let boundary = i == 0
            || text[..i]
                .trim_end_matches(' ')
                .ends_with([';', '|', ',', '\n', '\r']);
        if !boundary || text[i..].starts_with(' ') {
            continue;
        }
        let rest = &text[i..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 2 {
            continue;
        }
        let after = rest[digits..].trim_start();
        let Some(mark) = after.chars().next() else {
            continue;
        };
        if !matches!(mark, '=' | ':' | '-' | '.' | ')' | '\u{2013}') {
            continue;
        }
        let label = after[mark.len_utf8()..].trim_start();
        if label.is_empty() || label.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let code = rest[..digits].parse().ok()?;
        starts.push((i, text.len() - label.len(), code));
    }
    if starts.first().is_none_or(|s| s.0 != 0) {
        return None;
    }
    let ends = starts.iter().skip(1).map(|s| s.0).chain([text.len()]);
    Some(
        starts
            .iter()
            .zip(ends)
            .map(|(&(_, from, code), to)| {
                let label = text[from..to]
                    .trim_end()
                    .trim_end_matches([';', '|', ',', '\n', '\r'])
                    .trim();
                (code, label.to_string())
            })
            .collect(),
    )
}

/// The options a question's text lists, in order: the last bracketed group, or else the text
/// after its last question mark or colon, split on `/`, `|` or `;` into three to seven parts
/// ("How would you feel? (I like it / I expect it / I am neutral / ...)").
pub fn listed_options(question: &str) -> Option<Vec<String>> {
    listed_split(question).map(|(_, parts)| parts)
}

/// A question's text without the options it lists (pairing compares the questions: a listed
/// "I couldn't care less" is no negation of the question).
pub fn without_listed_options(question: &str) -> &str {
    listed_split(question).map_or(question, |(stem, _)| stem)
}

/// The question before its listed options, and the options.
fn listed_split(question: &str) -> Option<(&str, Vec<String>)> {
    let text = question.trim();
    let (stem, tail) = match text.strip_suffix([')', ']']) {
        Some(inner) => {
            let open = inner.rfind(['(', '['])?;
            (&inner[..open], &inner[open + 1..])
        }
        None => {
            let at = text.rfind(['?', ':'])? + 1;
            (&text[..at], &text[at..])
        }
    };
    let parts: Vec<String> = tail
        .split(['/', '|', ';'])
        .map(|p| p.trim().to_string())
        .collect();
    let distinct = parts
        .iter()
        .enumerate()
        .all(|(i, p)| !p.is_empty() && p.len() <= MAX_LABEL_BYTES && !parts[..i].contains(p));
    ((3..=7).contains(&parts.len()) && distinct).then_some((stem.trim_end(), parts))
}

/// The option number a label starts with ("1 - I like it", "5. I dislike it", "(2) Neutral")
/// or ends with in brackets ("I like it (1)", "I like it [1]"), if it has one beside words.
fn option_number(label: &str) -> Option<u32> {
    leading_number(label).or_else(|| trailing_number(label))
}

/// "I like it (1)", "I like it [1]": the number in brackets at the end, after words.
fn trailing_number(label: &str) -> Option<u32> {
    let text = label.trim_end();
    let inner = text.strip_suffix([')', ']'])?;
    let open = inner.rfind(['(', '['])?;
    let digits = inner[open + 1..].trim();
    let words = inner[..open].trim();
    let valid = (1..=2).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && words.chars().any(char::is_alphabetic);
    valid.then(|| digits.parse().ok()).flatten()
}

fn leading_number(label: &str) -> Option<u32> {
    let text = label.trim_start();
    let text = text.strip_prefix('(').unwrap_or(text);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let rest = text[digits..].trim_start();
    let separator = rest.chars().next()?;
    if !matches!(
        separator,
        '-' | '.' | ')' | ':' | '=' | '\u{2013}' | '\u{2014}'
    ) {
        return None;
    }
    let words = rest[separator.len_utf8()..].trim();
    if words.is_empty() || words.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    text[..digits].parse().ok()
}

fn search(
    scored: &[Scores],
    free: &[Answer],
    chosen: &mut Vec<usize>,
    used: &mut [bool],
    visit: &mut dyn FnMut(f64, &[usize]),
) {
    let i = chosen.len();
    if i == scored.len() {
        let total = chosen
            .iter()
            .enumerate()
            .map(|(l, &slot)| scored[l].value[free[slot].index()])
            .sum();
        visit(total, chosen);
        return;
    }
    for slot in 0..free.len() {
        if used[slot] {
            continue;
        }
        used[slot] = true;
        chosen.push(slot);
        search(scored, free, chosen, used, visit);
        chosen.pop();
        used[slot] = false;
    }
}

/// A label's evidence for each answer, and the cue words behind it.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Evidence per answer, in standard order.
    pub value: [f64; 5],
    /// The cues per answer.
    pub cues: [Vec<String>; 5],
}

impl Scores {
    /// The answer with the most evidence, if any has some.
    pub fn top(&self) -> Option<Answer> {
        let (i, v) = self
            .value
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))?;
        (*v > 0.0).then(|| Answer::ALL[i])
    }
}

/// How much a cue in the last contrasting clause counts.
const LAST_CLAUSE_WEIGHT: f64 = 1.5;

/// Folds a label into words: lower case, accents removed, apostrophes and every other
/// non-alphanumeric character (emoji, punctuation) a word break, "n't" read as " not".
pub fn fold_words(label: &str) -> Vec<String> {
    let mut text = String::with_capacity(label.len());
    for c in label.chars() {
        for c in c.to_lowercase() {
            match fold_char(c) {
                Some(s) => text.push_str(s),
                None if c.is_alphanumeric() => text.push(c),
                None if is_apostrophe(c) => text.push('\''),
                None => text.push(' '),
            }
        }
    }
    let text = text
        .replace("can't", "can not")
        .replace("won't", "will not")
        .replace("n't", " not");
    text.split(|c: char| c == '\'' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}'
    )
}

/// Latin letters with diacritics used in German, French and Spanish, without them.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' => "a",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ÿ' => "y",
        'ß' => "ss",
        'œ' => "oe",
        'æ' => "ae",
        _ => return None,
    })
}

fn word_matches(pattern: &str, word: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => pattern == word,
    }
}

/// Labels longer than this are no answer wording (a comment, a runaway quote): no evidence.
pub(crate) const MAX_LABEL_BYTES: usize = 200;

/// Scores one label against the five answers.
pub fn score(label: &str) -> Scores {
    if label.len() > MAX_LABEL_BYTES {
        return Scores::default();
    }
    let words = fold_words(label);
    let last_clause = words
        .iter()
        .rposition(|w| CONTRAST.contains(&w.as_str()))
        .map_or(0, |i| i + 1);
    let mut scores = Scores::default();
    let mut i = 0;
    while i < words.len() {
        let matched = CUES
            .iter()
            .filter(|c| {
                c.words.len() <= words.len() - i
                    && c.words
                        .iter()
                        .zip(&words[i..])
                        .all(|(p, w)| word_matches(p, w))
            })
            .max_by_key(|c| c.words.len());
        let Some(cue) = matched else {
            i += 1;
            continue;
        };
        // Negated by a negator up to three words before, within the same clause; or French
        // "ne ... pas" around it.
        let clause_start = words[..i]
            .iter()
            .rposition(|w| CONTRAST.contains(&w.as_str()))
            .map_or(0, |p| p + 1);
        let window = i.saturating_sub(3).max(clause_start);
        let negated = words[window..i]
            .iter()
            .any(|w| NEGATORS.contains(&w.as_str()))
            || cue.words.first().is_some_and(|w| NEGATORS.contains(w));
        let meaning = if negated && !cue.words.contains(&"no") {
            cue.negated
        } else {
            cue.plain
        };
        if let Some(answer) = meaning {
            let weight = if last_clause > 0 && i >= last_clause {
                cue.weight * LAST_CLAUSE_WEIGHT
            } else {
                cue.weight
            };
            scores.value[answer.index()] += weight;
            let text = words[i..i + cue.words.len()].join(" ");
            let text = if negated && !cue.words.contains(&"no") {
                format!("not {text}")
            } else {
                text
            };
            scores.cues[answer.index()].push(text);
        }
        i += cue.words.len();
    }
    scores
}

/// A label seen in the sampled answer columns, with where it was seen.
#[derive(Debug, Clone, PartialEq)]
pub struct SeenLabel {
    /// The label, trimmed.
    pub label: String,
    /// Cells holding it in the sample.
    pub count: u64,
    /// The columns it occurs in.
    pub columns: Vec<String>,
}

/// The most distinct labels a column of Kano answers can show (five answers and a couple of
/// spellings).
const MAX_DISTINCT: usize = 7;

/// Columns whose sampled cells could be Kano answers: a few distinct labels, at least half of
/// them known wordings or holding answer cues. `skip` leaves out bookkeeping columns.
pub(crate) fn answer_like_columns(
    samples: &std::collections::VecDeque<csv::ByteRecord>,
    width: usize,
    decoder: &crate::answer::AnswerDecoder,
    skip: &dyn Fn(usize) -> bool,
) -> Vec<usize> {
    // Whether a label reads as an answer, each distinct label scored once for all columns.
    let mut reads: std::collections::HashMap<String, bool> = Default::default();
    (0..width)
        .filter(|&c| !skip(c))
        .filter(|&c| {
            let distinct = distinct_labels(samples, c);
            if distinct.is_empty() || distinct.len() > MAX_DISTINCT {
                return false;
            }
            let readable = distinct
                .iter()
                .filter(|(l, _)| match reads.get(l.as_str()) {
                    Some(&known) => known,
                    None => {
                        let known = decoder.decode(l).is_some() || score(l).top().is_some();
                        reads.insert(l.clone(), known);
                        known
                    }
                })
                .count();
            readable * 2 >= distinct.len()
        })
        .collect()
}

/// A column's distinct non-empty labels in the sample, trimmed, with their counts, in order of
/// first appearance.
fn distinct_labels(
    samples: &std::collections::VecDeque<csv::ByteRecord>,
    column: usize,
) -> Vec<(String, u64)> {
    let mut out: Vec<(String, u64)> = Vec::new();
    for record in samples {
        let Some(text) = record.get(column).and_then(|b| std::str::from_utf8(b).ok()) else {
            continue;
        };
        let text = text.trim();
        if text.is_empty() || text.len() > MAX_LABEL_BYTES {
            continue;
        }
        match out.iter_mut().find(|(l, _)| l == text) {
            Some((_, n)) => *n += 1,
            None => out.push((text.to_string(), 1)),
        }
    }
    out
}

/// A cell that is a bare option code ("3"), not a wording.
fn bare_code(label: &str) -> Option<u32> {
    let label = label.trim();
    let label = label.strip_suffix(".0").unwrap_or(label);
    ((1..=2).contains(&label.len()) && label.bytes().all(|b| b.is_ascii_digit()))
        .then(|| label.parse().ok())
        .flatten()
}

/// The labels of `columns` that `decoder` does not know, with counts and columns; the answers
/// the known wordings leave free (bare codes take none: what they stand for may be the export's
/// own order); and whether bare codes occur.
pub(crate) fn unknown_labels(
    samples: &std::collections::VecDeque<csv::ByteRecord>,
    header: &[String],
    columns: &[usize],
    decoder: &crate::answer::AnswerDecoder,
) -> (Vec<SeenLabel>, Vec<Answer>, bool) {
    let mut unknown: Vec<SeenLabel> = Vec::new();
    let mut taken = [false; 5];
    let mut codes = false;
    // A wide file repeats a few labels in thousands of columns: each distinct label is decoded
    // once, and an unknown label's columns are looked up by hash, not by a scan of its list.
    let mut decoded: std::collections::HashMap<&str, Option<Answer>> = Default::default();
    let mut position: std::collections::HashMap<&str, usize> = Default::default();
    let mut listed: std::collections::HashSet<(usize, &str)> = Default::default();
    // Record by record, so the first occurrence is the first in the file.
    for record in samples {
        for &c in columns {
            let Some(text) = record.get(c).and_then(|b| std::str::from_utf8(b).ok()) else {
                continue;
            };
            let label = text.trim();
            if label.is_empty() {
                continue;
            }
            let answer = *decoded
                .entry(label)
                .or_insert_with(|| decoder.decode(label));
            if bare_code(label).is_some() {
                codes = true;
                if answer.is_some() {
                    continue;
                }
            }
            if let Some(answer) = answer {
                taken[answer.index()] = true;
                continue;
            }
            let name = header.get(c).map_or("", String::as_str);
            let at = *position.entry(label).or_insert_with(|| {
                unknown.push(SeenLabel {
                    label: label.to_string(),
                    count: 0,
                    columns: Vec::new(),
                });
                unknown.len() - 1
            });
            let seen = &mut unknown[at];
            seen.count += 1;
            if listed.insert((at, name)) {
                seen.columns.push(name.to_string());
            }
        }
    }
    let free = Answer::ALL
        .iter()
        .copied()
        .filter(|a| !taken[a.index()])
        .collect();
    (unknown, free, codes)
}

/// The error for answer columns whose labels kano does not know and could not infer: every
/// label with its count and columns, the reason, and the way to a mapping.
pub(crate) fn unknown_labels_error(
    at: &crate::error::Position,
    value: &str,
    unknown: &[SeenLabel],
    refusal: Option<&Refusal>,
) -> crate::error::Error {
    use crate::error::{column_list, printable};
    let listed: Vec<String> = unknown
        .iter()
        .map(|u| {
            format!(
                "\"{}\" x{} in {}",
                crate::error::shown(&u.label),
                u.count,
                column_list(&u.columns)
            )
        })
        .collect();
    let why = match refusal {
        Some(r) => format!("; kano could not tell which answer each means: {r}"),
        None => "; inference is off (--no-infer)".to_string(),
    };
    let value = printable(value);
    crate::error::Error::Labels {
        message: format!(
            "{at}: unknown answer \"{value}\"; {}; the sampled answer columns hold {} label(s) \
             that are no known Kano wording: {}{why}",
            crate::answer::ACCEPTED_HINT,
            unknown.len(),
            listed.join("; ")
        ),
        hint: format!(
            "run `kano init {}` to write a spec with an [answers] table of every label and its \
             best guess, confirm it and read with --spec; or map each label with --answer \
             \"{value}=neutral\" (or the answer it means), or skip such cells with \
             --skip-invalid",
            printable(&at.path)
        ),
    }
}

/// Unknown labels refused for inference, with the reason (`None` under `--no-infer`).
pub(super) type Refused = Option<(Vec<SeenLabel>, Option<Refusal>)>;

/// What kano worked out about a file's answer scale, as said on stderr and in the reading
/// sections.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The labels inferred, with their answers.
    pub labels: Vec<(String, Answer)>,
    /// The option order that confirms all of them, or gave them (`order_only`).
    pub order: Option<OrderCheck>,
    /// Whether the answers come from the option order alone.
    pub order_only: bool,
    /// How bare codes in the answer columns are read, where the file says or the labels around
    /// them are inferred.
    pub codes: Option<Codes>,
}

/// How bare option codes in answer columns are read.
#[derive(Debug, Clone, PartialEq)]
pub struct Codes {
    /// The order that says what each code stands for; `None` for kano's default (1 = like ..
    /// 5 = dislike, or the reverse under `--reverse-numeric`), the file saying nothing.
    pub source: Option<OrderSource>,
    /// Each code and its answer.
    pub answers: Vec<(u32, Answer)>,
    /// Whether the order listed only some codes and ran reversed, so the codes it leaves out are
    /// read reversed too.
    pub completed: bool,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::error::printable;
        let shown: Vec<String> = self
            .labels
            .iter()
            .map(|(label, answer)| format!("\"{}\" = {answer}", printable(label)))
            .collect();
        let mut parts = Vec::new();
        match (self.order, self.order_only) {
            _ if shown.is_empty() => {}
            (Some(check), true) => parts.push(format!(
                "took what {} answer label(s) mean from {} ({}), their words not deciding: {}",
                shown.len(),
                check.origin(),
                check.first_option(),
                shown.join(", ")
            )),
            (order, _) => parts.push(format!(
                "inferred what {} answer label(s) mean from their words: {}{}",
                shown.len(),
                shown.join(", "),
                order.map_or(String::new(), |c| format!(" (confirmed by {c})"))
            )),
        }
        if let Some(codes) = &self.codes {
            let listed: Vec<String> = codes
                .answers
                .iter()
                .map(|(code, answer)| format!("{code} = {answer}"))
                .collect();
            parts.push(match codes.source {
                Some(source) => format!(
                    "read the answer columns' codes as {} listed{}: {}",
                    source,
                    if codes.completed {
                        " (the codes it leaves out the same way round)"
                    } else {
                        ""
                    },
                    listed.join(", ")
                ),
                None => format!(
                    "read the codes beside these labels as {}, kano's default: nothing in the \
                     file says which way they run (--reverse-numeric if 1 means dislike)",
                    listed.join(", ")
                ),
            });
        }
        write!(
            f,
            "{}; check them (`kano inspect`), and override with --answer \"LABEL=ANSWER\" or \
             turn inference off with --no-infer",
            parts.join("; ")
        )
    }
}

/// What answer-scale inference gives the reading.
#[derive(Default)]
pub(super) struct Outcome {
    /// Options whose decoder knows the inferred labels (or, when inference is refused or off,
    /// whose columns still pair so the labels can be reported).
    pub options: Option<ReadOptions>,
    /// The labels inferred.
    pub inferred: Vec<Inferred>,
    /// What to say about them.
    pub summary: Option<Summary>,
    /// Unknown labels refused.
    pub refused: Refused,
}

/// The option orders the export shows for its answer columns: the option numbers of the
/// labels, each column's value-row cell, and the options its question text lists; each
/// distinct order once.
fn option_orders(context: &Context, columns: &[usize], labels: &[String]) -> Vec<OptionOrder> {
    let mut orders: Vec<OptionOrder> = numbered_options(labels).into_iter().collect();
    for &c in columns {
        let row = context
            .value_row
            .as_ref()
            .and_then(|r| r.get(c))
            .and_then(|cell| value_row_options(cell))
            .map(|options| OptionOrder {
                source: OrderSource::ValueRow,
                options,
            });
        let listed = context
            .header
            .get(c)
            .and_then(|h| listed_options(h))
            .map(|parts| OptionOrder {
                source: OrderSource::QuestionText,
                options: (1..).zip(parts).collect(),
            });
        for order in row.into_iter().chain(listed) {
            if !orders.contains(&order) {
                orders.push(order);
            }
        }
    }
    orders
}

/// Answer-scale inference on the sampled rows of a wide file: finds the answer columns (those
/// that pair when their labels count as answers), and when they hold labels kano does not know,
/// works out what each means from its words, checked against the option orders the export
/// shows (or from a complete order alone, where the words do not decide); bare codes beside
/// them are read by the export's own codes where it lists them.
pub(super) fn infer_answers(context: &Context, options: &ReadOptions) -> Outcome {
    if !matches!(
        options.layout,
        LayoutChoice::Auto | LayoutChoice::Fixed(Layout::Wide)
    ) {
        return Outcome::default();
    }
    let header = &context.header;
    let segment = options
        .segment
        .as_ref()
        .and_then(|s| find_column(header, &s.column));
    let skip = |c: usize| {
        Some(c) == segment || wide::is_metadata(&header[c]) || wide::is_identifier(&header[c])
    };
    // Most files hold known labels only: one look at the sampled cells settles it.
    // A wide file repeats a few labels in thousands of columns: each distinct cell is read once.
    let mut seen: std::collections::HashSet<&[u8]> = Default::default();
    let any_unknown = context.samples.iter().any(|record| {
        record.iter().any(|cell| {
            cell.len() <= MAX_LABEL_BYTES
                && seen.insert(cell)
                && !cell.iter().all(u8::is_ascii_whitespace)
                && std::str::from_utf8(cell).is_ok_and(|t| options.decoder.decode(t).is_none())
        })
    });
    if !any_unknown && context.value_row.is_none() {
        return Outcome::default();
    }
    let loose = answer_like_columns(&context.samples, header.len(), &options.decoder, &skip);
    let (loose_unknown, _, _) = unknown_labels(&context.samples, header, &loose, &options.decoder);
    if loose_unknown.is_empty() && context.value_row.is_none() {
        return Outcome::default();
    }
    // Which columns pair when the unknown labels count as answers: only their labels matter.
    let mut trial = options.clone();
    trial.answer_like = loose_unknown
        .iter()
        .map(|u| crate::answer::normalize_label(&u.label))
        .collect();
    let Ok(plan) = wide::plan("", header, &context.samples, &trial) else {
        return Outcome::default();
    };
    let columns: Vec<usize> = plan
        .features
        .iter()
        .flat_map(|f| [f.functional, f.dysfunctional])
        .collect();
    let (unknown, mut free, codes_seen) =
        unknown_labels(&context.samples, header, &columns, &options.decoder);
    let mut labels: Vec<String> = unknown.iter().map(|u| u.label.clone()).collect();
    let orders = option_orders(context, &columns, &labels);
    let known = |label: &str| {
        bare_code(label)
            .is_none()
            .then(|| options.decoder.decode(label))
            .flatten()
    };
    // Codes in the cells stand for the options a value row lists: those labels are read too,
    // and their known wordings take answers as the cells' do.
    if codes_seen {
        for order in orders.iter().filter(|o| o.source == OrderSource::ValueRow) {
            for (_, label) in &order.options {
                match known(label) {
                    Some(answer) => free.retain(|a| *a != answer),
                    None if answer_in_labels(&labels, label) => {}
                    None => labels.push(label.clone()),
                }
            }
        }
    }
    if labels.is_empty() && !codes_seen {
        return Outcome::default();
    }
    let inferred = if labels.is_empty() || options.no_infer {
        Ok(Vec::new())
    } else {
        infer_checked(&labels, &free, &orders, &known)
    };
    // Refused: the unknown labels still count as answer-like, so their columns pair and the
    // error can name them.
    let refuse = |mut trial: ReadOptions, unknown: Vec<SeenLabel>, refusal: Option<Refusal>| {
        trial.answer_like = unknown
            .iter()
            .map(|u| crate::answer::normalize_label(&u.label))
            .collect();
        Outcome {
            options: Some(trial),
            refused: Some((unknown, refusal)),
            ..Outcome::default()
        }
    };
    let found = match inferred {
        Ok(found) => found,
        Err(refusal) => return refuse(trial, unknown, Some(refusal)),
    };
    if options.no_infer && !unknown.is_empty() {
        return refuse(trial, unknown, None);
    }
    let mut read = options.clone();
    for f in &found {
        read.decoder.add(&f.label, f.answer);
    }
    let answer_of = |label: &str| answer_in(&found, label).or_else(|| known(label));
    let codes = if codes_seen {
        match code_answers(&orders, &answer_of) {
            Ok(codes) => codes,
            Err(refusal) => {
                return Outcome {
                    options: Some(trial),
                    refused: Some((unknown, Some(refusal))),
                    ..Outcome::default()
                }
            }
        }
    } else {
        None
    };
    let codes = match codes {
        Some(mut codes) => {
            // What the user mapped (a spec's [answers], --answer), or --reverse-numeric, wins;
            // only the codes kano reads by the file's order are said.
            let user_mapped = |code: u32| {
                options.decoder.reverse_numeric()
                    || options
                        .decoder
                        .custom_mappings()
                        .iter()
                        .any(|(l, _)| *l == code.to_string())
            };
            codes.answers.retain(|(code, _)| !user_mapped(*code));
            for (code, answer) in &codes.answers {
                read.decoder.add(&code.to_string(), *answer);
            }
            Some(codes).filter(|c| !c.answers.is_empty())
        }
        // Codes beside inferred labels, with nothing to say what they stand for: kano's
        // default, said.
        None if codes_seen && !found.is_empty() => Some(Codes {
            source: None,
            answers: (1..=5)
                .filter_map(|c| Some((c, options.decoder.decode(&c.to_string())?)))
                .collect(),
            completed: false,
        }),
        None => None,
    };
    let order = found.first().and_then(|f| f.order);
    let summary = Summary {
        labels: found.iter().map(|i| (i.label.clone(), i.answer)).collect(),
        order: order.filter(|_| found.iter().all(|f| f.order.is_some())),
        order_only: found.iter().any(|f| f.order_only),
        codes,
    };
    if summary.labels.is_empty() && summary.codes.as_ref().is_none_or(|c| c.source.is_none()) {
        return Outcome::default();
    }
    Outcome {
        options: Some(read),
        inferred: found,
        summary: Some(summary),
        refused: None,
    }
}

fn answer_in_labels(labels: &[String], label: &str) -> bool {
    let key = crate::answer::normalize_label(label);
    labels
        .iter()
        .any(|l| crate::answer::normalize_label(l) == key)
}

/// Infers `labels` from their words and checks the result against every option order; where
/// the words do not decide, a complete option order alone may.
fn infer_checked(
    labels: &[String],
    free: &[Answer],
    orders: &[OptionOrder],
    known: &dyn Fn(&str) -> Option<Answer>,
) -> Result<Vec<Inferred>, Refusal> {
    match infer(labels, free) {
        Ok(mut found) => {
            for order in orders {
                let answers = |label: &str| answer_in(&found, label).or_else(|| known(label));
                if let Some(check) = check_order(order, &answers)? {
                    confirm(&mut found, order, check);
                }
            }
            Ok(found)
        }
        Err(refusal @ Refusal::OptionOrder(..)) => Err(refusal),
        Err(refusal) => orders
            .iter()
            .find_map(|order| assign_by_order(labels, order, known))
            .ok_or(refusal),
    }
}

/// What bare codes stand for where an order with the export's own codes (a value row, numbered
/// labels) gives each an answer: read by it, when it agrees with the answers. `None` when no
/// such order covers three or more codes.
fn code_answers(
    orders: &[OptionOrder],
    answer_of: &dyn Fn(&str) -> Option<Answer>,
) -> Result<Option<Codes>, Refusal> {
    for order in orders.iter().filter(|o| o.source.has_codes()) {
        if check_order(order, answer_of)?.is_none() {
            continue;
        }
        let mut answers: Vec<(u32, Answer)> = order
            .options
            .iter()
            .filter_map(|(code, label)| Some((*code, answer_of(label)?)))
            .collect();
        answers.sort_unstable();
        // A partial order that runs reversed (1 = dislike) reads the codes it leaves out the
        // same way, not by kano's 1 = like default; the summary lists them all.
        let reversed = |code: u32| Answer::from_code(6u8.checked_sub(u8::try_from(code).ok()?)?);
        let completed = answers.len() < 5
            && answers
                .iter()
                .all(|&(code, answer)| reversed(code) == Some(answer))
            && answers.iter().any(|&(code, _)| code != 3);
        if completed {
            for code in 1..=5 {
                if !answers.iter().any(|&(c, _)| c == code) {
                    answers.extend(reversed(code).map(|a| (code, a)));
                }
            }
            answers.sort_unstable();
        }
        return Ok(Some(Codes {
            source: Some(order.source),
            answers,
            completed,
        }));
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Answer::{Dislike, Like, LiveWith, MustBe, Neutral};

    #[test]
    fn unknown_labels_are_counted_per_cell_and_list_each_column_name_once() {
        let header: Vec<String> = ["A (functional)", "A (functional)", "B (functional)"]
            .map(String::from)
            .to_vec();
        let samples: std::collections::VecDeque<csv::ByteRecord> =
            [["Bof", "Bof", "I like it"], ["Meh", "Bof", "Bof"]]
                .iter()
                .map(|r| csv::ByteRecord::from(r.to_vec()))
                .collect();
        let decoder = crate::answer::AnswerDecoder::default();
        let (unknown, free, codes) = unknown_labels(&samples, &header, &[0, 1, 2], &decoder);
        let seen: Vec<(&str, u64, Vec<&str>)> = unknown
            .iter()
            .map(|u| {
                let columns = u.columns.iter().map(String::as_str).collect();
                (u.label.as_str(), u.count, columns)
            })
            .collect();
        assert_eq!(
            seen,
            [
                ("Bof", 4, vec!["A (functional)", "B (functional)"]),
                ("Meh", 1, vec!["A (functional)"]),
            ]
        );
        assert_eq!(free, [MustBe, Neutral, LiveWith, Dislike]);
        assert!(!codes);
    }

    #[test]
    fn a_partial_reversed_value_row_reads_the_codes_it_leaves_out_reversed_too() {
        let order = |options: &[(u32, &str)]| OptionOrder {
            source: OrderSource::ValueRow,
            options: options.iter().map(|&(c, l)| (c, l.to_string())).collect(),
        };
        let answer_of = |label: &str| match label {
            "hate" => Some(Dislike),
            "tolerate" => Some(LiveWith),
            "whatever" => Some(Neutral),
            "expect" => Some(MustBe),
            "love" => Some(Like),
            _ => None,
        };
        let reversed = order(&[(1, "hate"), (2, "tolerate"), (3, "whatever")]);
        let codes = code_answers(&[reversed], &answer_of).unwrap().unwrap();
        assert_eq!(
            codes.answers,
            [
                (1, Dislike),
                (2, LiveWith),
                (3, Neutral),
                (4, MustBe),
                (5, Like)
            ]
        );
        assert!(codes.completed);
        // An order that runs kano's default way is left as listed: the default reads the rest.
        let default = order(&[(3, "whatever"), (4, "tolerate"), (5, "hate")]);
        let codes = code_answers(&[default], &answer_of).unwrap().unwrap();
        assert_eq!(codes.answers, [(3, Neutral), (4, LiveWith), (5, Dislike)]);
        assert!(!codes.completed);
    }

    #[test]
    fn option_numbers_are_read_only_before_words() {
        let cases = [
            ("1 - I like it", Some(1)),
            ("5. I dislike it", Some(5)),
            ("(2) I expect it", Some(2)),
            ("3: neutral", Some(3)),
            ("I like it", None),
            ("2024-05-01", None),
            ("7", None),
            ("100 - far too many", None),
            ("I like it (1)", Some(1)),
            ("I dislike it [5]", Some(5)),
            ("Version (2024)", None),
            ("(3)", None),
        ];
        for (label, expected) in cases {
            assert_eq!(option_number(label), expected, "{label}");
        }
    }

    #[test]
    fn option_numbers_in_answer_order_confirm_the_inference() {
        for texts in [
            [
                "1 - That would make me happy",
                "2 - I'd take it for granted",
                "3 - I couldn't care less",
                "4 - I could put up with it",
                "5 - That would really bother me",
            ],
            [
                "5. That would make me happy",
                "4. I'd take it for granted",
                "3. I couldn't care less",
                "2. I could put up with it",
                "1. That would really bother me",
            ],
        ] {
            let inferred = infer(&labels(&texts), &Answer::ALL).unwrap();
            assert!(inferred.iter().all(|i| i.order.is_some()), "{texts:?}");
            assert_eq!(inferred[0].answer, Like);
            // Which end is like is said: 1 = like, or 1 = dislike in the reversed scale.
            let check = inferred[0].order.unwrap();
            assert_eq!(check.first_code, 1);
            let expected = if texts[0].starts_with('1') {
                Like
            } else {
                Dislike
            };
            assert_eq!(check.first, expected, "{texts:?}");
        }
    }

    #[test]
    fn option_numbers_against_the_inferred_answers_refuse_it() {
        let texts = labels(&[
            "1 - That would make me happy",
            "2 - That would really bother me",
            "3 - I couldn't care less",
            "4 - I could put up with it",
            "5 - I'd take it for granted",
        ]);
        let refusal = infer(&texts, &Answer::ALL).unwrap_err();
        assert!(matches!(refusal, Refusal::OptionOrder(..)), "{refusal:?}");
        assert!(refusal
            .to_string()
            .contains("\"2 - That would really bother me\" read as dislike"));
    }

    #[test]
    fn labels_without_option_numbers_are_neither_confirmed_nor_refused() {
        let texts = labels(&[
            "That would make me happy",
            "I'd take it for granted",
            "I couldn't care less",
            "I could put up with it",
            "That would really bother me",
        ]);
        let inferred = infer(&texts, &Answer::ALL).unwrap();
        assert!(inferred.iter().all(|i| i.order.is_none()));
        // Two numbered labels are too few to show an order.
        let two = labels(&[
            "1 - That would make me happy",
            "2 - That would really bother me",
        ]);
        let inferred = infer(&two, &[Like, Dislike]).unwrap();
        assert!(inferred.iter().all(|i| i.order.is_none()));
    }

    fn best(label: &str) -> Option<Answer> {
        score(label).top()
    }

    #[test]
    fn wordings_in_four_languages_score_their_meaning() {
        let cases: &[(&str, Answer)] = &[
            ("For me, it's a must-have.", MustBe),
            ("I'd be happy about it, but it's not necessary.", Like),
            ("I would not like it and would be unhappy", Dislike),
            ("It doesn't matter to me", Neutral),
            ("I can accept it", LiveWith),
            ("I can't accept it", Dislike),
            ("I dislike it, but I can live with it that way", LiveWith),
            ("Cela me plaît 🤩", Like),
            ("Cela est normal ainsi 🙂", MustBe),
            ("Cela m'est égal 🤷‍♂️", Neutral),
            ("Je m'en contente 😑", LiveWith),
            ("Cela me déplaît ☹️", Dislike),
            ("Ça ne me plairait pas", Dislike),
            ("Das würde mich freuen!", Like),
            ("Das setze ich voraus", MustBe),
            ("Das ist mir egal", Neutral),
            ("Das nehme ich gerade noch hin", LiveWith),
            ("Das würde mich sehr stören", Dislike),
            ("Me gustaría", Like),
            ("Lo espero", MustBe),
            ("Me da igual", Neutral),
            ("Lo toleraría", LiveWith),
            ("No me gusta", Dislike),
            ("I DON'T CARE!!", Neutral),
            ("This would be a minor inconvenience", LiveWith),
        ];
        for (label, expected) in cases {
            assert_eq!(best(label), Some(*expected), "{label}");
        }
    }

    #[test]
    fn labels_without_cues_have_no_evidence() {
        assert_eq!(best("Option B"), None);
        assert_eq!(best("🙂"), None);
    }

    fn labels(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn a_full_scale_of_own_wordings_is_assigned_one_to_one() {
        let scale = labels(&[
            "Je m'en contente 😑",
            "Cela me plaît 🤩",
            "Cela me déplaît ☹️",
            "Cela est normal ainsi 🙂",
            "Cela m'est égal 🤷‍♂️",
        ]);
        let got = infer(&scale, &Answer::ALL).expect("a clear scale");
        let answers: Vec<Answer> = got.iter().map(|i| i.answer).collect();
        assert_eq!(answers, vec![LiveWith, Like, Dislike, MustBe, Neutral]);
        assert!(got[0].cues.iter().any(|c| c.contains("contente")));
    }

    #[test]
    fn english_author_wordings_are_assigned() {
        let scale = labels(&[
            "I'd be happy about it, but it's not necessary.",
            "For me, it's a must-have.",
            "It doesn't matter to me.",
            "I can accept it.",
            "I would not like it and would be unhappy.",
        ]);
        let got = infer(&scale, &Answer::ALL).expect("a clear scale");
        let answers: Vec<Answer> = got.iter().map(|i| i.answer).collect();
        assert_eq!(answers, vec![Like, MustBe, Neutral, LiveWith, Dislike]);
    }

    #[test]
    fn labels_only_take_answers_left_free_by_known_wordings() {
        // "I like it" etc. are known; the one unknown label can only be live-with.
        let got = infer(&labels(&["Je m'en contente"]), &[LiveWith]).expect("one free answer");
        assert_eq!(got[0].answer, LiveWith);
        let refused = infer(&labels(&["Option B"]), &[LiveWith]);
        assert!(matches!(refused, Err(Refusal::NoEvidence { .. })));
    }

    #[test]
    fn an_ambiguous_scale_is_refused() {
        // Two labels that both say "like": no one-to-one assignment.
        let scale = labels(&["I like it", "I really like it", "I dislike it"]);
        assert!(matches!(
            infer(&scale, &Answer::ALL),
            Err(Refusal::Clash { answer: Like, .. })
        ));
        // A label that says two things equally: the margin is too small.
        let torn = labels(&["I like it or I expect it", "I dislike it"]);
        assert!(matches!(
            infer(&torn, &[Like, MustBe, Dislike]),
            Err(Refusal::Ambiguous { .. })
        ));
        // Six labels for five answers.
        let six = labels(&["a", "b", "c", "d", "e", "f"]);
        assert!(matches!(
            infer(&six, &Answer::ALL),
            Err(Refusal::TooMany { labels: 6, free: 5 })
        ));
        // A label without any cue.
        let blank = labels(&["I like it", "Option B"]);
        assert!(matches!(
            infer(&blank, &Answer::ALL),
            Err(Refusal::NoEvidence { .. })
        ));
    }

    fn order(source: OrderSource, options: &[(u32, &str)]) -> OptionOrder {
        OptionOrder {
            source,
            options: options.iter().map(|(c, l)| (*c, l.to_string())).collect(),
        }
    }

    #[test]
    fn value_row_cells_list_options_with_their_codes() {
        let expected = vec![
            (1, "That would make me happy".to_string()),
            (2, "I'd take it for granted".to_string()),
            (3, "I couldn't care less, really".to_string()),
        ];
        for cell in [
            "1=That would make me happy;2=I'd take it for granted;3=I couldn't care less, really",
            "1 - That would make me happy | 2 - I'd take it for granted | 3 - I couldn't care less, really",
            "1: That would make me happy, 2: I'd take it for granted, 3: I couldn't care less, really",
            r#"{"1":"That would make me happy","2":"I'd take it for granted","3":"I couldn't care less, really"}"#,
        ] {
            let mut got = value_row_options(cell).unwrap_or_default();
            got.sort();
            assert_eq!(got, expected, "{cell}");
        }
        for cell in [
            "I like it",
            "1=yes;2=no",
            "2024-05-01",
            r#"{"ImportId":"QID1_1"}"#,
            "1=a;1=b;2=c",
            "see 1=a;2=b;3=c",
        ] {
            assert_eq!(value_row_options(cell), None, "{cell}");
        }
    }

    #[test]
    fn a_question_text_lists_its_options_in_brackets_or_after_its_question() {
        let five = ["Great", "Expected", "Meh", "Bearable", "Awful"].map(String::from);
        assert_eq!(
            listed_options(
                "How would you feel with dark mode? (Great / Expected / Meh / Bearable / Awful)"
            ),
            Some(five.to_vec())
        );
        assert_eq!(
            listed_options(
                "How would you feel with dark mode? Great | Expected | Meh | Bearable | Awful"
            ),
            Some(five.to_vec())
        );
        assert_eq!(listed_options("Import/export files?"), None);
        assert_eq!(listed_options("Dark mode (functional)"), None);
        assert_eq!(listed_options("Export [If the product has this?]"), None);
    }

    #[test]
    fn an_option_order_confirms_or_refuses_and_says_which_end_is_like() {
        let inferred = labels(&[
            "That would make me happy",
            "I'd take it for granted",
            "I couldn't care less",
            "I could put up with it",
            "That would really bother me",
        ]);
        let found = infer(&inferred, &Answer::ALL).unwrap();
        let answers = |l: &str| answer_in(&found, l);
        // Reversed: 1 = dislike.
        let reversed = order(
            OrderSource::ValueRow,
            &[
                (1, "That would really bother me"),
                (2, "I could put up with it"),
                (3, "I couldn't care less"),
                (4, "I'd take it for granted"),
                (5, "That would make me happy"),
            ],
        );
        let check = check_order(&reversed, &answers).unwrap().unwrap();
        assert_eq!((check.first_code, check.first), (1, Dislike));
        // Two options swapped: refused, naming the order.
        let swapped = order(
            OrderSource::QuestionText,
            &[
                (1, "That would make me happy"),
                (2, "That would really bother me"),
                (3, "I couldn't care less"),
                (4, "I could put up with it"),
                (5, "I'd take it for granted"),
            ],
        );
        let refusal = check_order(&swapped, &answers).unwrap_err();
        assert!(refusal
            .to_string()
            .contains("the option order of the options listed in the question text contradicts"));
        // Fewer than three options with answers: no verdict.
        let short = order(
            OrderSource::ValueRow,
            &[(1, "Option A"), (2, "Option B"), (3, "Option C")],
        );
        assert_eq!(check_order(&short, &answers).unwrap(), None);
    }

    #[test]
    fn a_complete_order_alone_assigns_the_answers_when_its_ends_are_clear() {
        // The middle labels carry no cue; the ends say which way the order runs.
        let scale = [
            (1, "Awful"),
            (2, "Option B"),
            (3, "Option C"),
            (4, "Option D"),
            (5, "Wonderful, I love it"),
        ];
        let unknown = labels(&["Option B", "Option C", "Option D"]);
        let nothing = |_: &str| None;
        let found = assign_by_order(&unknown, &order(OrderSource::ValueRow, &scale), &nothing);
        // "Awful" and "Wonderful, I love it" speak for option 1 = dislike.
        let found = found.expect("the words of the ends decide");
        let answers: Vec<Answer> = found.iter().map(|i| i.answer).collect();
        assert_eq!(answers, vec![LiveWith, Neutral, MustBe]);
        assert!(found.iter().all(|i| i.order_only));
        assert_eq!(found[0].order.unwrap().first, Dislike);
        // A known wording off the middle decides too.
        let known = |l: &str| (l == "I like it").then_some(Like);
        let scale = [(1, "I like it"), (2, "B"), (3, "C"), (4, "D"), (5, "E")];
        let found = assign_by_order(
            &labels(&["B", "C", "D", "E"]),
            &order(OrderSource::QuestionText, &scale),
            &known,
        )
        .expect("a known end");
        assert_eq!(found[3].answer, Dislike);
        // Nothing says which end is like: refused, never 1 = like by default.
        let blank = [(1, "A"), (2, "B"), (3, "C"), (4, "D"), (5, "E")];
        let all = labels(&["A", "B", "C", "D", "E"]);
        assert!(assign_by_order(&all, &order(OrderSource::ValueRow, &blank), &nothing).is_none());
        // Four options are no complete Kano scale.
        let four = [(1, "A"), (2, "B"), (3, "C"), (4, "I dislike it")];
        assert!(
            assign_by_order(&all[..3], &order(OrderSource::ValueRow, &four), &nothing).is_none()
        );
    }
}
