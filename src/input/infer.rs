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
    /// Whether the option numbers of the labels ("1 - ...", "2. ...") run in the order of the
    /// answers inferred (like .. dislike, or the reverse), which confirms them.
    pub by_order: bool,
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
    /// The labels are numbered options ("1 - ...") whose order the inferred answers do not
    /// follow: each label, in option order, with the answer inferred.
    OptionOrder(Vec<(String, Answer)>),
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
            Refusal::OptionOrder(order) => {
                let shown: Vec<String> = order
                    .iter()
                    .map(|(label, answer)| {
                        format!("\"{}\" read as {answer}", crate::error::printable(label))
                    })
                    .collect();
                write!(
                    f,
                    "the options' numbers contradict what their words say: {} (Kano's answers \
                     run like, must-be, neutral, live-with, dislike, or the reverse)",
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
                by_order: false,
            }
        })
        .collect();
    check_option_order(&mut inferred)?;
    Ok(inferred)
}

/// The option number a label starts with ("1 - I like it", "5. I dislike it", "(2) Neutral"),
/// if it has one followed by words.
fn option_number(label: &str) -> Option<u32> {
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

/// Checks inferred answers against the order their labels are numbered in, where every label
/// has its own option number and there are three or more: the answers in option order must run
/// like .. dislike or dislike .. like (Kano's standard order, gaps allowed), which confirms
/// them (`by_order`); any other order refuses the inference.
fn check_option_order(inferred: &mut [Inferred]) -> Result<(), Refusal> {
    let Some(numbers) = inferred
        .iter()
        .map(|i| option_number(&i.label))
        .collect::<Option<Vec<u32>>>()
    else {
        return Ok(());
    };
    let mut order: Vec<(u32, usize)> = numbers.into_iter().zip(0..).collect();
    order.sort_unstable();
    if order.len() < 3 || order.windows(2).any(|w| w[0].0 == w[1].0) {
        return Ok(());
    }
    let ranks: Vec<usize> = order
        .iter()
        .map(|(_, i)| inferred[*i].answer.index())
        .collect();
    let rising = ranks.windows(2).all(|w| w[0] < w[1]);
    let falling = ranks.windows(2).all(|w| w[0] > w[1]);
    if rising || falling {
        for i in inferred.iter_mut() {
            i.by_order = true;
        }
        return Ok(());
    }
    Err(Refusal::OptionOrder(
        order
            .iter()
            .map(|(_, i)| (inferred[*i].label.clone(), inferred[*i].answer))
            .collect(),
    ))
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
    (0..width)
        .filter(|&c| !skip(c))
        .filter(|&c| {
            let distinct = distinct_labels(samples, c);
            if distinct.is_empty() || distinct.len() > MAX_DISTINCT {
                return false;
            }
            let readable = distinct
                .iter()
                .filter(|(l, _)| decoder.decode(l).is_some() || score(l).top().is_some())
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

/// The labels of `columns` that `decoder` does not know, with counts and columns; and the
/// answers the known labels leave free.
pub(crate) fn unknown_labels(
    samples: &std::collections::VecDeque<csv::ByteRecord>,
    header: &[String],
    columns: &[usize],
    decoder: &crate::answer::AnswerDecoder,
) -> (Vec<SeenLabel>, Vec<Answer>) {
    let mut unknown: Vec<SeenLabel> = Vec::new();
    let mut taken = [false; 5];
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
            if let Some(answer) = decoder.decode(label) {
                taken[answer.index()] = true;
                continue;
            }
            let name = header.get(c).cloned().unwrap_or_default();
            match unknown.iter_mut().find(|u| u.label == label) {
                Some(seen) => {
                    seen.count += 1;
                    if !seen.columns.contains(&name) {
                        seen.columns.push(name);
                    }
                }
                None => unknown.push(SeenLabel {
                    label: label.to_string(),
                    count: 1,
                    columns: vec![name],
                }),
            }
        }
    }
    let free = Answer::ALL
        .iter()
        .copied()
        .filter(|a| !taken[a.index()])
        .collect();
    (unknown, free)
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

/// Answer-scale inference on the sampled rows of a wide file: finds the answer columns (those
/// that pair when their labels count as answers), and when they hold labels kano does not know,
/// works out what each means. Returns options whose decoder knows the inferred labels (or, when
/// inference is refused or off, whose columns still pair so the labels can be reported).
pub(super) fn infer_answers(
    context: &Context,
    options: &ReadOptions,
) -> (Option<ReadOptions>, Vec<Inferred>, Refused) {
    if !matches!(
        options.layout,
        LayoutChoice::Auto | LayoutChoice::Fixed(Layout::Wide)
    ) {
        return (None, Vec::new(), None);
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
    let any_unknown = context.samples.iter().any(|record| {
        record.iter().any(|cell| {
            cell.len() <= MAX_LABEL_BYTES
                && !cell.iter().all(u8::is_ascii_whitespace)
                && std::str::from_utf8(cell).is_ok_and(|t| options.decoder.decode(t).is_none())
        })
    });
    if !any_unknown {
        return (None, Vec::new(), None);
    }
    let loose = answer_like_columns(&context.samples, header.len(), &options.decoder, &skip);
    let (loose_unknown, _) = unknown_labels(&context.samples, header, &loose, &options.decoder);
    if loose_unknown.is_empty() {
        return (None, Vec::new(), None);
    }
    // Which columns pair when the unknown labels count as answers: only their labels matter.
    let mut trial = options.clone();
    trial.answer_like = loose_unknown
        .iter()
        .map(|u| crate::answer::normalize_label(&u.label))
        .collect();
    let Ok(plan) = wide::plan("", header, &context.samples, &trial) else {
        return (None, Vec::new(), None);
    };
    let columns: Vec<usize> = plan
        .features
        .iter()
        .flat_map(|f| [f.functional, f.dysfunctional])
        .collect();
    let (unknown, free) = unknown_labels(&context.samples, header, &columns, &options.decoder);
    if unknown.is_empty() {
        return (None, Vec::new(), None);
    }
    let labels: Vec<String> = unknown.iter().map(|u| u.label.clone()).collect();
    let refusal = if options.no_infer {
        None
    } else {
        match infer(&labels, &free) {
            Ok(found) => {
                let mut inferred = options.clone();
                for f in &found {
                    inferred.decoder.add(&f.label, f.answer);
                }
                return (Some(inferred), found, None);
            }
            Err(refusal) => Some(refusal),
        }
    };
    trial.answer_like = unknown
        .iter()
        .map(|u| crate::answer::normalize_label(&u.label))
        .collect();
    (Some(trial), Vec::new(), Some((unknown, refusal)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Answer::{Dislike, Like, LiveWith, MustBe, Neutral};

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
            assert!(inferred.iter().all(|i| i.by_order), "{texts:?}");
            assert_eq!(inferred[0].answer, Like);
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
        assert!(matches!(refusal, Refusal::OptionOrder(_)), "{refusal:?}");
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
        assert!(inferred.iter().all(|i| !i.by_order));
        // Two numbered labels are too few to show an order.
        let two = labels(&[
            "1 - That would make me happy",
            "2 - That would really bother me",
        ]);
        let inferred = infer(&two, &[Like, Dislike]).unwrap();
        assert!(inferred.iter().all(|i| !i.by_order));
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
}
