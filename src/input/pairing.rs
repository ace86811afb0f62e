//! Pairing question columns whose headers are question text (Google Forms, Microsoft Forms),
//! matrix blocks (`<question> - <feature>`, Qualtrics), or plain positions; and naming the
//! features they ask about.
//!
//! A functional question's dysfunctional twin is the same question with a negation ("not",
//! "n't", "without", "no"; French "ne ... pas", "sans"; German "nicht", "kein", "ohne").

use std::collections::{HashMap, HashSet};

/// How answer columns without recognizable header forms are paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PairMode {
    /// By header forms, then question text, then matrix blocks.
    #[default]
    Auto,
    /// By position, two by two: functional, dysfunctional, functional, ...
    Interleaved,
    /// By position: all functional columns, then all dysfunctional ones.
    Blocks,
}

impl PairMode {
    /// The name used in flags and specs.
    pub fn name(self) -> &'static str {
        match self {
            PairMode::Auto => "auto",
            PairMode::Interleaved => "interleaved",
            PairMode::Blocks => "blocks",
        }
    }
}

/// A pair found among question columns: indices into the header, and a feature name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundPair {
    /// The feature's name.
    pub name: String,
    /// Functional column.
    pub functional: usize,
    /// Dysfunctional column.
    pub dysfunctional: usize,
    /// Paired by position among question-text pairs (antonym questions with no negation),
    /// which the reader is told about.
    pub by_position: bool,
}

const NEGATIONS: &[&str] = &[
    "not", "no", "without", "never", "none", "ne", "pas", "sans", "aucun", "aucune", "jamais",
    "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "ohne", "nie", "niemals",
    "sin", "nunca", "ningún", "ninguna", "ninguno", "tampoco", "niet", "geen", "zonder",
];

/// Words that negate and stand for a verb of their own: "cannot communicate" is the twin of
/// "can communicate", "lacks X" of "has X" ("not available" is "not" above).
const NEGATED_WORDS: &[(&str, &str)] = &[
    ("cannot", "can"),
    ("lack", "have"),
    ("lacks", "have"),
    ("lacking", "have"),
    ("unavailable", "available"),
    ("fehlt", "have"),
    ("manque", "have"),
    ("carece", "have"),
    ("falta", "have"),
];

/// Lowercase word tokens of a question, with apostrophes kept inside words.
fn tokens(text: &str) -> Vec<String> {
    text.to_lowercase()
        .replace(['\u{2019}', '\u{2018}'], "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|t| t.trim_matches('\'').to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Splits a token into its negation-free core and whether it carried a negation:
/// "doesn't" -> ("does", true), "n'aviez" -> ("aviez", true), "not" -> ("", true).
fn strip_negation(token: &str) -> (String, bool) {
    if NEGATIONS.contains(&token) {
        return (String::new(), true);
    }
    if let Some((_, stem)) = NEGATED_WORDS.iter().find(|(word, _)| *word == token) {
        return (stem.to_string(), true);
    }
    if let Some(core) = token.strip_suffix("n't") {
        return (core.to_string(), true);
    }
    for prefix in ["n'", "d'"] {
        if let Some(core) = token.strip_prefix(prefix) {
            // French "n'" negates; "d'" (partitive after "pas") is just elided "de".
            return (core.to_string(), prefix == "n'");
        }
    }
    (token.to_string(), false)
}

/// A question reduced for matching: its tokens without negations, and whether it is negated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// Tokens with negations removed (and "can't"/"won't" stems).
    pub core: Vec<String>,
    /// Whether the question holds a negation.
    pub negated: bool,
}

/// The text with quoted segments removed: a feature called "Do not disturb" negates nothing.
fn unquoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside: Option<char> = None;
    for c in text.chars() {
        match (inside, c) {
            (None, '"') => inside = Some('"'),
            (None, '\u{201C}') => inside = Some('\u{201D}'),
            (None, '\u{00AB}') => inside = Some('\u{00BB}'),
            (Some(close), c) if c == close => inside = None,
            (Some(_), _) => {}
            (None, c) => out.push(c),
        }
    }
    out
}

/// Reduces a question text.
pub fn question(text: &str) -> Question {
    let text = super::infer::without_listed_options(text);
    let negated = tokens(&unquoted(text)).iter().any(|t| strip_negation(t).1);
    let mut core = Vec::new();
    for token in tokens(text) {
        let (stem, _) = strip_negation(&token);
        if !stem.is_empty() {
            core.push(match stem.as_str() {
                "ca" => "can".to_string(),
                "wo" => "will".to_string(),
                _ => stem,
            });
        }
    }
    // "does not have" vs "has": drop auxiliaries so the twin's core equals the original.
    core.retain(|t| !matches!(t.as_str(), "do" | "does" | "did"));
    for t in &mut core {
        if t == "has" {
            *t = "have".to_string();
        }
    }
    Question { core, negated }
}

/// The Jaccard similarity of two sorted, deduplicated token sets.
fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 {
        return 0.0;
    }
    shared as f64 / union as f64
}

/// How alike two questions must be (Jaccard of their cores) to be twins.
const TWIN_SIMILARITY: f64 = 0.6;

/// Question cores as token sets for fast similarity: tokens are numbered rarest first, so the
/// first few tokens of a set (its prefix) are its rarest. Two sets at least
/// [`TWIN_SIMILARITY`] alike share a token within their prefixes (prefix filtering), so only
/// questions sharing a rare token are ever compared.
struct TokenSets {
    sets: Vec<Vec<u32>>,
}

impl TokenSets {
    fn new<'a>(cores: impl Iterator<Item = &'a [String]> + Clone) -> TokenSets {
        let mut frequency: HashMap<&str, u64> = HashMap::new();
        for core in cores.clone() {
            let distinct: HashSet<&str> = core.iter().map(String::as_str).collect();
            for token in distinct {
                *frequency.entry(token).or_default() += 1;
            }
        }
        let mut order: Vec<(&str, u64)> = frequency.into_iter().collect();
        order.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(b.0)));
        let ids: HashMap<&str, u32> = order
            .iter()
            .enumerate()
            .map(|(i, (token, _))| (*token, i as u32))
            .collect();
        let sets = cores
            .map(|core| {
                let mut set: Vec<u32> = core
                    .iter()
                    .filter_map(|t| ids.get(t.as_str()).copied())
                    .collect();
                set.sort_unstable();
                set.dedup();
                set
            })
            .collect();
        TokenSets { sets }
    }

    /// The rarest tokens of set `i` that any set [`TWIN_SIMILARITY`] alike shares one of.
    fn prefix(&self, i: usize) -> &[u32] {
        let set = &self.sets[i];
        // Rounding down the overlap needed can only make the prefix longer (safe).
        let needed = (TWIN_SIMILARITY * set.len() as f64 - 1e-9).ceil() as usize;
        let keep = set.len() - needed.min(set.len()) + 1;
        &set[..keep.min(set.len())]
    }

    /// An index from each token to the sets among `members` with it in their prefix.
    fn index(&self, members: &[usize]) -> HashMap<u32, Vec<usize>> {
        let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
        for &m in members {
            for token in self.prefix(m) {
                index.entry(*token).or_default().push(m);
            }
        }
        index
    }

    /// The members of `index` that may be [`TWIN_SIMILARITY`] alike with set `i`, ascending.
    fn candidates(&self, index: &HashMap<u32, Vec<usize>>, i: usize) -> Vec<usize> {
        let mut found: Vec<usize> = self
            .prefix(i)
            .iter()
            .filter_map(|t| index.get(t))
            .flatten()
            .copied()
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }
}

/// Splits `<question> - <item>` at its last " - " (or en/em dash).
pub fn split_matrix(header: &str) -> Option<(&str, &str)> {
    [" - ", " \u{2013} ", " \u{2014} "]
        .iter()
        .filter_map(|sep| header.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|(i, _)| *i)
        .map(|(i, len)| (header[..i].trim(), header[i + len..].trim()))
        .filter(|(q, item)| !q.is_empty() && !item.is_empty())
}

/// Pairs matrix blocks: columns `<question> - <item>` under exactly two questions, one the
/// negated twin of the other (or, failing that, the first block functional), with the same
/// items. Returns `None` when the columns are not such blocks.
fn pair_matrix(header: &[String], columns: &[usize]) -> Option<Vec<FoundPair>> {
    let mut blocks: Vec<(&str, Vec<(usize, &str)>)> = Vec::new();
    for &c in columns {
        let (q, item) = split_matrix(&header[c])?;
        match blocks.iter().position(|(bq, _)| *bq == q) {
            Some(b) => blocks[b].1.push((c, item)),
            // A third question: no pair of blocks.
            None if blocks.len() == 2 => return None,
            None => blocks.push((q, vec![(c, item)])),
        }
    }
    if blocks.len() != 2 || blocks[0].1.len() != blocks[1].1.len() {
        return None;
    }
    let (first, second) = (question(blocks[0].0), question(blocks[1].0));
    let (functional, dysfunctional) = if first.negated && !second.negated {
        (&blocks[1].1, &blocks[0].1)
    } else {
        (&blocks[0].1, &blocks[1].1)
    };
    // The first dysfunctional column of each item (ASCII case ignored).
    let mut by_item: HashMap<String, usize> = HashMap::new();
    for (dc, item) in dysfunctional.iter().rev() {
        by_item.insert(item.to_ascii_lowercase(), *dc);
    }
    let mut pairs = Vec::new();
    for (fc, item) in functional {
        let dc = by_item.get(&item.to_ascii_lowercase())?;
        pairs.push(FoundPair {
            name: (*item).to_string(),
            functional: *fc,
            dysfunctional: *dc,
            by_position: false,
        });
    }
    Some(pairs)
}

/// A quoted name inside a question ("Live chat", “Live chat”, «Live chat»), if any.
pub fn quoted_name(text: &str) -> Option<String> {
    for (open, close) in [
        ('"', '"'),
        ('\u{201C}', '\u{201D}'),
        ('\u{00AB}', '\u{00BB}'),
    ] {
        if let Some(start) = text.find(open) {
            let rest = &text[start + open.len_utf8()..];
            if let Some(end) = rest.find(close) {
                let name = rest[..end].trim();
                if !name.is_empty() {
                    return Some(name.to_string());
                }
            }
        }
    }
    None
}

/// The words of a name without the sentence's punctuation around them ("A fast page," ->
/// "A fast page"), keeping what belongs to the name: signs ("-2+3"), pipes, and brackets that
/// are balanced ("local language(s)"); an unbalanced bracket at an edge goes, and so do
/// brackets around the whole name (LimeSurvey's "[Dark mode]").
fn trim_sentence(text: &str) -> &str {
    let sentence = |c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '?' | '!' | '.' | ',' | ':' | ';' | '\u{BF}' | '\u{A1}' | '\u{2026}'
            )
    };
    let mut name = text.trim_matches(sentence);
    loop {
        let opens = name.matches(['(', '[']).count();
        let closes = name.matches([')', ']']).count();
        let wrapped = |open: char, close: char| {
            let inner = name.strip_prefix(open)?.strip_suffix(close)?;
            // "(a) or (b)" is no wrapped name: its first bracket closes early.
            let mut depth = 0i32;
            for c in inner.chars() {
                match c {
                    '(' | '[' => depth += 1,
                    ')' | ']' => depth -= 1,
                    _ => {}
                }
                if depth < 0 {
                    return None;
                }
            }
            Some(inner)
        };
        let trimmed = if closes > opens {
            name.strip_suffix([')', ']'])
        } else if opens > closes {
            name.strip_prefix(['(', '['])
        } else {
            wrapped('(', ')').or_else(|| wrapped('[', ']'))
        };
        match trimmed {
            Some(rest) => name = rest.trim_matches(sentence),
            None => return name,
        }
    }
}

/// Names features from their functional questions: a quoted name when the question has one,
/// else the words that differ between the questions (their common leading and trailing words
/// removed), else the whole question. Options a question lists ("...? (I like it / ...)") are
/// no part of its name.
pub fn derive_names(questions: &[&str]) -> Vec<String> {
    let questions: Vec<&str> = questions
        .iter()
        .map(|q| super::infer::without_listed_options(q))
        .collect();
    let words: Vec<Vec<&str>> = questions
        .iter()
        .map(|q| q.split_whitespace().collect())
        .collect();
    let common = |from_end: bool| -> usize {
        if words.len() < 2 {
            return 0;
        }
        let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
        (0..shortest)
            .take_while(|&i| {
                let pick = |w: &Vec<&str>| {
                    if from_end {
                        w[w.len() - 1 - i].to_lowercase()
                    } else {
                        w[i].to_lowercase()
                    }
                };
                let first = pick(&words[0]);
                words.iter().all(|w| pick(w) == first)
            })
            .count()
    };
    let (prefix, suffix) = (common(false), common(true));
    questions
        .iter()
        .zip(&words)
        .map(|(q, w)| {
            if let Some(name) = quoted_name(q) {
                return name;
            }
            let end = w.len().saturating_sub(suffix);
            let middle = if prefix < end {
                &w[prefix..end]
            } else {
                &w[..]
            };
            let joined = middle.join(" ");
            let name = trim_sentence(&joined).to_string();
            if name.is_empty() {
                q.trim().to_string()
            } else {
                name
            }
        })
        .collect()
}

/// Pairs each plain question with the negated question closest to it in words: the mutual
/// best match, at least [`TWIN_SIMILARITY`] alike, plain questions taken in column order.
/// Returns the pairs and the negated columns. Only questions sharing a rare word are compared
/// ([`TokenSets`]), so a header of thousands of questions pairs in about linear time.
fn pair_by_text(header: &[String], columns: &[usize]) -> (Vec<(usize, usize)>, HashSet<usize>) {
    let reduced: Vec<Question> = columns.iter().map(|&c| question(&header[c])).collect();
    let sets = TokenSets::new(reduced.iter().map(|q| q.core.as_slice()));
    let plain: Vec<usize> = (0..columns.len())
        .filter(|i| !reduced[*i].negated)
        .collect();
    let negated: Vec<usize> = (0..columns.len()).filter(|i| reduced[*i].negated).collect();
    let (plain_index, negated_index) = (sets.index(&plain), sets.index(&negated));
    // Negated questions by their token set: a twin with the very same words is the best match
    // there can be (similarity 1), found without comparing.
    let mut same_words: HashMap<&[u32], Vec<usize>> = HashMap::new();
    for &d in &negated {
        if !sets.sets[d].is_empty() {
            same_words.entry(&sets.sets[d]).or_default().push(d);
        }
    }
    let mut used = vec![false; columns.len()];
    let mut pairs = Vec::new();
    for &f in &plain {
        // The last unused twin with the same words, in column order.
        let twin = same_words
            .get_mut(sets.sets[f].as_slice())
            .and_then(|twins| {
                while twins.last().is_some_and(|d| used[*d]) {
                    twins.pop();
                }
                twins.last().copied()
            });
        // Else the best unused negated question (the last of equals, in column order).
        let best = match twin {
            Some(d) => Some((d, 1.0)),
            None => sets
                .candidates(&negated_index, f)
                .into_iter()
                .filter(|d| !used[*d])
                .map(|d| (d, jaccard(&sets.sets[f], &sets.sets[d])))
                .max_by(|a, b| a.1.total_cmp(&b.1)),
        };
        let Some((d, score)) = best else { continue };
        // Mutual best match (nothing beats the same words), and close enough to be the same
        // question.
        let mutual = score >= 1.0
            || sets
                .candidates(&plain_index, d)
                .into_iter()
                .filter(|other| !used[*other])
                .all(|other| jaccard(&sets.sets[other], &sets.sets[d]) <= score);
        if score >= TWIN_SIMILARITY && mutual {
            pairs.push((columns[f], columns[d]));
            used[f] = true;
            used[d] = true;
        }
    }
    let negated = negated.into_iter().map(|i| columns[i]).collect();
    (pairs, negated)
}

/// Whether a column has no answer in the sampled rows: every sampled row has the cell, empty.
pub(crate) fn empty_in_sample(
    samples: &std::collections::VecDeque<csv::ByteRecord>,
    column: usize,
) -> bool {
    // A ragged row (fewer fields than the header) says nothing: it is refused when read.
    !samples.is_empty()
        && samples.iter().all(|r| {
            r.get(column)
                .is_some_and(|cell| cell.trim_ascii().is_empty())
        })
}

/// Pairs question columns where some are empty in the sampled rows (a form edited after them:
/// Google Forms then adds grid columns that fill only later). An empty column is read only where
/// its question pairs by its text with another; positional pairs never take one (an empty
/// column between them would shift them), and an empty column that pairs with nothing stays
/// ignored rather than unpaired. Returns the pairs, the unpaired columns, the method, and the
/// empty columns read, for a warning.
pub(crate) fn pair_with_unsampled(
    header: &[String],
    answers: &[usize],
    empty: &[usize],
    mode: PairMode,
) -> (Vec<FoundPair>, Vec<usize>, &'static str, Vec<String>) {
    if empty.is_empty() || mode != PairMode::Auto {
        let (pairs, rest, method) = pair_questions(header, answers, mode);
        return (pairs, rest, method, Vec::new());
    }
    let mut columns: Vec<usize> = answers.iter().chain(empty).copied().collect();
    columns.sort_unstable();
    let (found, mut rest, method) = pair_questions(header, &columns, mode);
    let mut pairs = Vec::new();
    for pair in found {
        let takes_empty = empty.contains(&pair.functional) || empty.contains(&pair.dysfunctional);
        if takes_empty && pair.by_position {
            rest.extend([pair.functional, pair.dysfunctional]);
        } else {
            pairs.push(pair);
        }
    }
    rest.retain(|c| !empty.contains(c));
    rest.sort_unstable();
    let read: Vec<String> = pairs
        .iter()
        .flat_map(|p| [p.functional, p.dysfunctional])
        .filter(|c| empty.contains(c))
        .map(|c| header[c].clone())
        .collect();
    (pairs, rest, method, read)
}

/// Pairs answer columns (header indices, in file order) by `mode`. Returns the pairs and the
/// columns left unpaired, plus how the pairing was found.
pub fn pair_questions(
    header: &[String],
    columns: &[usize],
    mode: PairMode,
) -> (Vec<FoundPair>, Vec<usize>, &'static str) {
    let by_position = |interleaved: bool| -> Vec<(usize, usize)> {
        let half = columns.len() / 2;
        (0..half)
            .map(|i| {
                if interleaved {
                    (columns[2 * i], columns[2 * i + 1])
                } else {
                    (columns[i], columns[half + i])
                }
            })
            .collect()
    };
    let name_pairs = |pairs: Vec<(usize, usize)>| -> Vec<FoundPair> {
        let questions: Vec<&str> = pairs.iter().map(|(f, _)| header[*f].as_str()).collect();
        let matrix_items: Option<Vec<&str>> = pairs
            .iter()
            .map(|(f, _)| split_matrix(&header[*f]).map(|(_, item)| item))
            .collect();
        let names = match matrix_items {
            Some(items) if pairs.len() > 1 => items.iter().map(|s| s.to_string()).collect(),
            _ => derive_names(&questions),
        };
        pairs
            .into_iter()
            .zip(names)
            .map(|((functional, dysfunctional), name)| FoundPair {
                name,
                functional,
                dysfunctional,
                by_position: false,
            })
            .collect()
    };
    let leftover = |pairs: &[FoundPair]| -> Vec<usize> {
        let paired: HashSet<usize> = pairs
            .iter()
            .flat_map(|p| [p.functional, p.dysfunctional])
            .collect();
        columns
            .iter()
            .copied()
            .filter(|c| !paired.contains(c))
            .collect()
    };
    match mode {
        PairMode::Interleaved | PairMode::Blocks => {
            let pairs = name_pairs(by_position(mode == PairMode::Interleaved));
            let rest = leftover(&pairs);
            return (pairs, rest, mode.name());
        }
        PairMode::Auto => {}
    }
    if columns.len() < 2 {
        return (Vec::new(), columns.to_vec(), "none");
    }
    if let Some(pairs) = pair_matrix(header, columns) {
        let rest = leftover(&pairs);
        return (pairs, rest, "matrix blocks");
    }
    // Question text: each plain question with the negated question closest to it in words.
    let (pairs, negated) = pair_by_text(header, columns);
    let used: HashSet<usize> = pairs.iter().flat_map(|(f, d)| [*f, *d]).collect();
    let mut pairs = pairs;
    // What text could not pair: alternating plain/negated (interleaved) or two equal runs.
    let rest: Vec<usize> = columns
        .iter()
        .copied()
        .filter(|c| !used.contains(c))
        .collect();
    let is_negated = |c: usize| negated.contains(&c);
    if rest.len() >= 2 && rest.len().is_multiple_of(2) {
        let half = rest.len() / 2;
        let interleaved = rest
            .chunks(2)
            .all(|pair| !is_negated(pair[0]) && is_negated(pair[1]));
        let blocks = rest[..half].iter().all(|c| !is_negated(*c))
            && rest[half..].iter().all(|c| is_negated(*c));
        if interleaved {
            pairs.extend(rest.chunks(2).map(|p| (p[0], p[1])));
        } else if blocks {
            pairs.extend((0..half).map(|i| (rest[i], rest[half + i])));
        }
    }
    // Antonym questions ("... clean energy such as electric?" / "... polluting fuels such as
    // diesel?") carry no negation. When every pair found by text sits interleaved (the
    // dysfunctional question right after its functional one), what is left pairs the same way
    // by position, if each two share the question's opening words.
    let used: HashSet<usize> = pairs.iter().flat_map(|(f, d)| [*f, *d]).collect();
    let rest: Vec<usize> = columns
        .iter()
        .copied()
        .filter(|c| !used.contains(c))
        .collect();
    let position = |c: usize| columns.iter().position(|x| *x == c);
    let all_interleaved = !pairs.is_empty()
        && pairs
            .iter()
            .all(|(f, d)| matches!((position(*f), position(*d)), (Some(a), Some(b)) if b == a + 1));
    let mut by_position = Vec::new();
    if all_interleaved && rest.len() >= 2 && rest.len().is_multiple_of(2) {
        let adjacent = rest
            .chunks(2)
            .all(|p| matches!((position(p[0]), position(p[1])), (Some(a), Some(b)) if b == a + 1));
        let shared = rest
            .chunks(2)
            .all(|p| shared_opening(&header[p[0]], &header[p[1]]) >= 2);
        if adjacent && shared {
            by_position.extend(rest.chunks(2).map(|p| (p[0], p[1])));
            pairs.extend(by_position.iter().copied());
        }
    }
    pairs.sort_by_key(|(f, d)| (*f).min(*d));
    let mut pairs = name_pairs(pairs);
    for pair in &mut pairs {
        pair.by_position = by_position.contains(&(pair.functional, pair.dysfunctional));
    }
    let rest = leftover(&pairs);
    (pairs, rest, "question text")
}

/// How many opening words two questions share.
fn shared_opening(a: &str, b: &str) -> usize {
    tokens(a)
        .iter()
        .zip(tokens(b).iter())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(cols: &[&str]) -> Vec<String> {
        cols.iter().map(|s| s.to_string()).collect()
    }

    /// The pairing by question text as it was before the token index: every plain question
    /// against every negated one.
    fn pair_by_text_quadratic(header: &[String], columns: &[usize]) -> Vec<(usize, usize)> {
        let set = |c: usize| -> HashSet<String> { question(&header[c]).core.into_iter().collect() };
        let similarity = |a: usize, b: usize| {
            let (a, b) = (set(a), set(b));
            let union = a.union(&b).count();
            if union == 0 {
                0.0
            } else {
                a.intersection(&b).count() as f64 / union as f64
            }
        };
        let plain: Vec<usize> = columns
            .iter()
            .copied()
            .filter(|c| !question(&header[*c]).negated)
            .collect();
        let negated: Vec<usize> = columns
            .iter()
            .copied()
            .filter(|c| question(&header[*c]).negated)
            .collect();
        let mut used: HashSet<usize> = HashSet::new();
        let mut pairs = Vec::new();
        for &f in &plain {
            let best = negated
                .iter()
                .filter(|d| !used.contains(*d))
                .map(|&d| (d, similarity(f, d)))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((d, score)) = best {
                let mutual = plain
                    .iter()
                    .filter(|o| !used.contains(*o))
                    .all(|&o| similarity(o, d) <= score);
                if score >= TWIN_SIMILARITY && mutual {
                    pairs.push((f, d));
                    used.insert(f);
                    used.insert(d);
                }
            }
        }
        pairs
    }

    proptest::proptest! {
        #[test]
        fn the_token_index_pairs_as_comparing_every_question_does(
            questions in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec![
                        "how", "would", "you", "feel", "if", "the", "app", "has", "does", "not",
                        "have", "dark", "mode", "sync", "offline", "chat", "live", "without",
                        "a", "fast", "page", "never", "export",
                    ]),
                    1..9,
                ),
                0..40,
            )
        ) {
            let header: Vec<String> = questions.iter().map(|words| words.join(" ")).collect();
            let columns: Vec<usize> = (0..header.len()).collect();
            let (fast, _) = pair_by_text(&header, &columns);
            proptest::prop_assert_eq!(fast, pair_by_text_quadratic(&header, &columns));
        }

        #[test]
        fn twins_with_the_same_words_pair_as_comparing_every_question_does(
            questions in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "if it has dark mode", "if it has dark mode and sync", "if it has sync",
                        "dark", "if it has live chat", "if it has a live chat now",
                    ]),
                    proptest::bool::ANY,
                ),
                0..40,
            )
        ) {
            let header: Vec<String> = questions
                .iter()
                .map(|(q, negated)| if *negated { format!("not {q}") } else { q.to_string() })
                .collect();
            let columns: Vec<usize> = (0..header.len()).collect();
            let (fast, _) = pair_by_text(&header, &columns);
            proptest::prop_assert_eq!(fast, pair_by_text_quadratic(&header, &columns));
        }
    }

    #[test]
    fn negations_are_found_in_english_french_and_german() {
        assert!(question("How would you feel if it did NOT have dark mode?").negated);
        assert!(question("If the app doesn't sync, how do you feel?").negated);
        assert!(question("An app without dark mode").negated);
        assert!(question("Si votre lit NE disposait PAS d'un réveil").negated);
        assert!(question("Si vous n'aviez pas de chauffage").negated);
        assert!(question("Wenn die App keinen Dunkelmodus hätte").negated);
        assert!(question("Wenn die App nicht synchronisiert").negated);
        assert!(!question("How would you feel if it had dark mode?").negated);
        assert!(!question("Knowledge base").negated);
    }

    #[test]
    fn question_twins_pair_interleaved_or_not_and_get_short_names() {
        let h = header(&[
            "Timestamp",
            "How would you feel if the app has dark mode?",
            "How would you feel if the app has offline sync?",
            "How would you feel if the app does not have dark mode?",
            "How would you feel if the app does not have offline sync?",
        ]);
        let (pairs, rest, how) = pair_questions(&h, &[1, 2, 3, 4], PairMode::Auto);
        assert_eq!(how, "question text");
        assert!(rest.is_empty());
        let got: Vec<_> = pairs
            .iter()
            .map(|p| (p.name.as_str(), p.functional, p.dysfunctional))
            .collect();
        assert_eq!(got, vec![("dark mode", 1, 3), ("offline sync", 2, 4)]);
    }

    #[test]
    fn differently_worded_twins_pair_by_alternation() {
        let h = header(&[
            "Si votre lit comprenait une fonction de chauffage, qu'en penseriez-vous ?",
            "Si vous n'aviez PAS de fonction de chauffage dans votre lit, qu'en penseriez-vous ?",
            "Si votre lit avait un plateau repas, qu'en penseriez-vous ?",
            "Si vous aviez un lit SANS plateau repas, qu'en penseriez-vous ?",
        ]);
        let (pairs, rest, _) = pair_questions(&h, &[0, 1, 2, 3], PairMode::Auto);
        assert!(rest.is_empty());
        assert_eq!(
            pairs
                .iter()
                .map(|p| (p.functional, p.dysfunctional))
                .collect::<Vec<_>>(),
            vec![(0, 1), (2, 3)]
        );
    }

    #[test]
    fn negations_inside_quotes_do_not_count() {
        assert!(!question("Si votre lit integrait une fonction \"ne pas déranger\" ?").negated);
        assert!(question("Si vous aviez un lit SANS fonction \"ne pas déranger\" ?").negated);
    }

    #[test]
    fn quoted_names_win() {
        let h = header(&[
            "How do you feel if the product has \u{201C}Live chat\u{201D}?",
            "How do you feel if the product does not have \u{201C}Live chat\u{201D}?",
        ]);
        let (pairs, _, _) = pair_questions(&h, &[0, 1], PairMode::Auto);
        assert_eq!(pairs[0].name, "Live chat");
    }

    #[test]
    fn matrix_blocks_pair_by_item() {
        let h = header(&[
            "If the shop offers the following, how do you feel? - Live chat",
            "If the shop offers the following, how do you feel? - Free returns",
            "If the shop does not offer the following, how do you feel? - Free returns",
            "If the shop does not offer the following, how do you feel? - Live chat",
        ]);
        let (pairs, rest, how) = pair_questions(&h, &[0, 1, 2, 3], PairMode::Auto);
        assert_eq!(how, "matrix blocks");
        assert!(rest.is_empty());
        let got: Vec<_> = pairs
            .iter()
            .map(|p| (p.name.as_str(), p.functional, p.dysfunctional))
            .collect();
        assert_eq!(got, vec![("Live chat", 0, 3), ("Free returns", 1, 2)]);
    }

    #[test]
    fn forced_positions_pair_two_by_two_or_in_blocks() {
        let h = header(&["Q1", "Q2", "Q3", "Q4"]);
        let (inter, _, _) = pair_questions(&h, &[0, 1, 2, 3], PairMode::Interleaved);
        assert_eq!(
            inter
                .iter()
                .map(|p| (p.functional, p.dysfunctional))
                .collect::<Vec<_>>(),
            vec![(0, 1), (2, 3)]
        );
        let (blocks, _, _) = pair_questions(&h, &[0, 1, 2, 3], PairMode::Blocks);
        assert_eq!(
            blocks
                .iter()
                .map(|p| (p.functional, p.dysfunctional))
                .collect::<Vec<_>>(),
            vec![(0, 2), (1, 3)]
        );
    }

    #[test]
    fn names_come_from_the_differing_words() {
        assert_eq!(
            derive_names(&[
                "If it had A fast page, how?",
                "If it had the live chat, how?"
            ]),
            vec!["A fast page", "the live chat"]
        );
        assert_eq!(
            derive_names(&["Only one question?"]),
            vec!["Only one question"]
        );
        // Options the questions list are no part of the names.
        assert_eq!(
            derive_names(&[
                "Si la app tiene modo oscuro? (Me encanta / Me da igual / Me molesta)",
                "Si la app tiene chat en vivo? (Me encanta / Me da igual / Me molesta)",
            ]),
            vec!["modo oscuro", "chat en vivo"]
        );
        // The words as written: signs, pipes and balanced brackets stay.
        assert_eq!(
            derive_names(&[
                "If it offered local language(s), how?",
                "If it offered -2+3, how?",
                "If it offered |pipe|md|, how?",
                "If it offered (beta) search), how?",
                "If it offered [Dark mode], how?",
                "If it offered (a) or (b), how?",
            ]),
            vec![
                "local language(s)",
                "-2+3",
                "|pipe|md|",
                "(beta) search",
                "Dark mode",
                "(a) or (b)"
            ]
        );
    }

    #[test]
    fn columns_empty_in_the_sample_are_read_only_where_their_questions_pair() {
        let header: Vec<String> = [
            "If it had dark mode, how would you feel?",
            "If it did not have dark mode, how would you feel?",
            "If it had offline sync, how would you feel?",
            "If it did not have offline sync, how would you feel?",
            "Any other comments?",
        ]
        .map(String::from)
        .to_vec();
        // Offline sync and the comment are empty in the sample.
        let (pairs, rest, _, read) =
            pair_with_unsampled(&header, &[0, 1], &[2, 3, 4], PairMode::Auto);
        assert_eq!(pairs.len(), 2);
        assert!(rest.is_empty(), "the empty comment stays ignored: {rest:?}");
        assert_eq!(read, vec![header[2].clone(), header[3].clone()]);
        // Positional pairing never takes an empty column.
        let (pairs, _, _, read) =
            pair_with_unsampled(&header, &[0, 1], &[2, 3, 4], PairMode::Interleaved);
        assert_eq!(pairs.len(), 1);
        assert!(read.is_empty());
    }
}
