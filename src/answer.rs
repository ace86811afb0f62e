//! The five Kano answers and how survey labels decode into them.
//!
//! Labels are matched as whole normalized strings (KANO-METHOD.md section 1), never by prefix:
//! "I dislike it" is a prefix of "I dislike it, but I can live with it that way", which means
//! live-with, not dislike.

use std::collections::HashMap;
use std::fmt;

/// One answer on the five-point Kano scale, in its standard order (code 1..5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Answer {
    /// 1: "I like it".
    Like,
    /// 2: "I expect it" / "It must be that way".
    MustBe,
    /// 3: "I am neutral".
    Neutral,
    /// 4: "I can live with it".
    LiveWith,
    /// 5: "I dislike it".
    Dislike,
}

impl Answer {
    /// All answers in standard order.
    pub const ALL: [Answer; 5] = [
        Answer::Like,
        Answer::MustBe,
        Answer::Neutral,
        Answer::LiveWith,
        Answer::Dislike,
    ];

    /// Position in the standard order, 0..5 (the code minus one).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The standard numeric code, 1..=5.
    pub fn code(self) -> u8 {
        self as u8 + 1
    }

    /// The answer with standard code 1..=5.
    pub fn from_code(code: u8) -> Option<Answer> {
        match code {
            1..=5 => Some(Answer::ALL[usize::from(code - 1)]),
            _ => None,
        }
    }

    /// The canonical name used in flags and output.
    pub fn name(self) -> &'static str {
        match self {
            Answer::Like => "like",
            Answer::MustBe => "must-be",
            Answer::Neutral => "neutral",
            Answer::LiveWith => "live-with",
            Answer::Dislike => "dislike",
        }
    }

    /// DuMouchel's functional score (Berger et al. 1993): like 4, must-be 2, neutral 0,
    /// live-with -1, dislike -2.
    pub fn functional_score(self) -> i64 {
        [4, 2, 0, -1, -2][self.index()]
    }

    /// DuMouchel's dysfunctional score (Berger et al. 1993): like -2, must-be -1, neutral 0,
    /// live-with 2, dislike 4.
    pub fn dysfunctional_score(self) -> i64 {
        [-2, -1, 0, 2, 4][self.index()]
    }

    /// Parses a canonical name or code as written in `--answer LABEL=CANONICAL` and in answer
    /// files: `like`, `must-be`/`expect`, `neutral`, `live-with`/`tolerate`, `dislike`, or 1..5.
    pub fn parse_canonical(text: &str) -> Option<Answer> {
        let key = normalize_label(text).replace([' ', '_'], "-");
        match key.as_str() {
            "1" | "like" => Some(Answer::Like),
            "2" | "must-be" | "mustbe" | "expect" => Some(Answer::MustBe),
            "3" | "neutral" => Some(Answer::Neutral),
            "4" | "live-with" | "livewith" | "tolerate" => Some(Answer::LiveWith),
            "5" | "dislike" => Some(Answer::Dislike),
            _ => None,
        }
    }
}

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every wording of KANO-METHOD.md section 1, already normalized, with its answer; and the French
/// wordings `kano questionnaire --lang fr` writes ("Cela me plairait" ... "Cela me déplairait").
const BUILT_IN: &[(&str, Answer)] = &[
    ("i like it", Answer::Like),
    ("i like it that way", Answer::Like),
    ("i enjoy it that way", Answer::Like),
    ("this would be very helpful to me", Answer::Like),
    ("like", Answer::Like),
    ("das würde mich sehr freuen", Answer::Like),
    ("cela me plairait", Answer::Like),
    ("i expect it", Answer::MustBe),
    ("it must be that way", Answer::MustBe),
    ("i must be that way", Answer::MustBe),
    ("i expect it that way", Answer::MustBe),
    (
        "it is a basic necessity or i expect it that way",
        Answer::MustBe,
    ),
    ("this is a basic requirement for me", Answer::MustBe),
    ("must-be", Answer::MustBe),
    ("must be", Answer::MustBe),
    ("expect", Answer::MustBe),
    ("das setze ich voraus", Answer::MustBe),
    ("cela me semble normal", Answer::MustBe),
    ("je m'y attends", Answer::MustBe),
    ("i am neutral", Answer::Neutral),
    ("i'm neutral", Answer::Neutral),
    ("this would not affect me", Answer::Neutral),
    ("i don't care", Answer::Neutral),
    ("neutral", Answer::Neutral),
    ("das ist mir egal", Answer::Neutral),
    ("cela m'est égal", Answer::Neutral),
    ("i can live with it", Answer::LiveWith),
    ("i can live with it that way", Answer::LiveWith),
    ("i can tolerate it", Answer::LiveWith),
    ("i tolerate it", Answer::LiveWith),
    ("i can accept it", Answer::LiveWith),
    (
        "i dislike it, but i can live with it that way",
        Answer::LiveWith,
    ),
    ("this would be a minor inconvenience", Answer::LiveWith),
    ("live with", Answer::LiveWith),
    ("live-with", Answer::LiveWith),
    ("tolerate", Answer::LiveWith),
    ("das könnte ich in kauf nehmen", Answer::LiveWith),
    ("das nehme ich gerade noch hin", Answer::LiveWith),
    ("je peux m'en accommoder", Answer::LiveWith),
    ("i dislike it", Answer::Dislike),
    ("i dislike it that way", Answer::Dislike),
    ("i dislike it, and i can't accept it", Answer::Dislike),
    ("this would be a major problem for me", Answer::Dislike),
    ("dislike", Answer::Dislike),
    ("das würde mich sehr stören", Answer::Dislike),
    ("cela me déplairait", Answer::Dislike),
];

/// Normalizes a label for matching: surrounding whitespace, case, curly apostrophes and quotes,
/// trailing periods, and runs of inner whitespace. Everything else (accents, emoji) is kept.
pub fn normalize_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut pending_space = false;
    for c in label.trim().chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            '\u{00A0}' => ' ',
            c => c,
        };
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.extend(c.to_lowercase());
    }
    while out.ends_with('.') || out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Decodes raw answer labels into answers: user mappings first, then the built-in wordings, then
/// numeric codes 1..5 (reversed with `reverse_numeric`).
#[derive(Debug, Clone)]
pub struct AnswerDecoder {
    custom: HashMap<String, Answer>,
    built_in: HashMap<String, Answer>,
    reverse_numeric: bool,
}

impl Default for AnswerDecoder {
    /// The built-in wordings, numeric codes in the standard order.
    fn default() -> AnswerDecoder {
        AnswerDecoder::new(false)
    }
}

impl AnswerDecoder {
    /// A decoder with the built-in wordings; numeric codes reversed (5 = like) when asked.
    pub fn new(reverse_numeric: bool) -> AnswerDecoder {
        let built_in = BUILT_IN
            .iter()
            .map(|(label, answer)| ((*label).to_string(), *answer))
            .collect();
        AnswerDecoder {
            custom: HashMap::new(),
            built_in,
            reverse_numeric,
        }
    }

    /// Adds a user mapping; it wins over the built-in wordings.
    pub fn add(&mut self, label: &str, answer: Answer) {
        self.custom.insert(normalize_label(label), answer);
    }

    /// Adds a user mapping unless the label (as normalized) already maps to another answer:
    /// then nothing changes and that answer is returned. Repeating a mapping is fine.
    pub fn try_add(&mut self, label: &str, answer: Answer) -> Result<(), Answer> {
        match self.custom.entry(normalize_label(label)) {
            std::collections::hash_map::Entry::Occupied(earlier) if *earlier.get() != answer => {
                Err(*earlier.get())
            }
            std::collections::hash_map::Entry::Occupied(_) => Ok(()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(answer);
                Ok(())
            }
        }
    }

    /// Whether numeric codes are read in reverse (5 = like).
    pub fn reverse_numeric(&self) -> bool {
        self.reverse_numeric
    }

    /// The user mappings, normalized label first, sorted (for specs and reports).
    pub fn custom_mappings(&self) -> Vec<(String, Answer)> {
        let mut all: Vec<_> = self.custom.iter().map(|(k, v)| (k.clone(), *v)).collect();
        all.sort();
        all
    }

    /// Decodes one label. `None` means unknown; callers treat empty cells before calling this.
    pub fn decode(&self, label: &str) -> Option<Answer> {
        let key = normalize_label(label);
        if let Some(answer) = self.custom.get(&key).or_else(|| self.built_in.get(&key)) {
            return Some(*answer);
        }
        let code = parse_code(&key)?;
        let code = if self.reverse_numeric { 6 - code } else { code };
        Answer::from_code(code)
    }
}

/// Reads "3", "3.0" or "3.00" as the code 3; anything else is not a code.
fn parse_code(key: &str) -> Option<u8> {
    let (int, frac) = key.split_once('.').unwrap_or((key, ""));
    if !frac.bytes().all(|b| b == b'0') || int.len() != 1 {
        return None;
    }
    match int.as_bytes()[0] {
        b @ b'1'..=b'5' => Some(b - b'0'),
        _ => None,
    }
}

/// What an unknown-answer message lists as accepted.
pub const ACCEPTED_HINT: &str =
    "expected one of like, must-be, neutral, live-with, dislike, a standard Kano wording \
     (e.g. \"I like it\", \"I expect it\"), or a code 1-5";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_wordings_decode_without_flags() {
        let decoder = AnswerDecoder::default();
        let cases = [
            ("Cela me plairait", Answer::Like),
            ("Cela me semble normal", Answer::MustBe),
            ("Je m\u{2019}y attends", Answer::MustBe),
            ("Cela m'est égal", Answer::Neutral),
            ("CELA M\u{2019}EST ÉGAL.", Answer::Neutral),
            ("Je peux m'en accommoder", Answer::LiveWith),
            ("Cela me déplairait", Answer::Dislike),
        ];
        for (label, answer) in cases {
            assert_eq!(decoder.decode(label), Some(answer), "{label}");
        }
    }

    #[test]
    fn every_documented_wording_decodes_without_flags() {
        let cases: &[(&str, Answer)] = &[
            ("I like it", Answer::Like),
            ("I like it that way", Answer::Like),
            ("I enjoy it that way", Answer::Like),
            ("This would be very helpful to me", Answer::Like),
            ("Like", Answer::Like),
            ("I expect it", Answer::MustBe),
            ("It must be that way", Answer::MustBe),
            ("I must be that way", Answer::MustBe),
            ("I expect it that way", Answer::MustBe),
            (
                "It is a basic necessity or I expect it that way",
                Answer::MustBe,
            ),
            ("This is a basic requirement for me", Answer::MustBe),
            ("Must-be", Answer::MustBe),
            ("Expect", Answer::MustBe),
            ("I am neutral", Answer::Neutral),
            ("I'm neutral", Answer::Neutral),
            ("I\u{2019}m neutral", Answer::Neutral),
            ("This would not affect me", Answer::Neutral),
            ("I don't care", Answer::Neutral),
            ("I don\u{2019}t care", Answer::Neutral),
            ("Neutral", Answer::Neutral),
            ("I can live with it", Answer::LiveWith),
            ("I can live with it that way", Answer::LiveWith),
            ("I can tolerate it", Answer::LiveWith),
            ("I tolerate it", Answer::LiveWith),
            ("I can accept it", Answer::LiveWith),
            (
                "I dislike it, but I can live with it that way",
                Answer::LiveWith,
            ),
            ("This would be a minor inconvenience", Answer::LiveWith),
            ("Live with", Answer::LiveWith),
            ("Tolerate", Answer::LiveWith),
            ("I dislike it", Answer::Dislike),
            ("I dislike it that way", Answer::Dislike),
            ("I dislike it, and I can't accept it", Answer::Dislike),
            (
                "I dislike it, and I can\u{2019}t accept it",
                Answer::Dislike,
            ),
            ("This would be a major problem for me", Answer::Dislike),
            ("Dislike", Answer::Dislike),
            ("Das würde mich sehr freuen", Answer::Like),
            ("Das setze ich voraus", Answer::MustBe),
            ("Das ist mir egal", Answer::Neutral),
            ("Das könnte ich in Kauf nehmen", Answer::LiveWith),
            ("Das nehme ich gerade noch hin", Answer::LiveWith),
            ("Das würde mich sehr stören", Answer::Dislike),
        ];
        let decoder = AnswerDecoder::new(false);
        for (label, expected) in cases {
            assert_eq!(decoder.decode(label), Some(*expected), "label {label:?}");
        }
    }

    #[test]
    fn normalization_ignores_case_spaces_trailing_periods() {
        let decoder = AnswerDecoder::new(false);
        assert_eq!(decoder.decode("  i DISLIKE it.  "), Some(Answer::Dislike));
        assert_eq!(decoder.decode("I  like\tit"), Some(Answer::Like));
        assert_eq!(decoder.decode("I like it..."), Some(Answer::Like));
    }

    #[test]
    fn prefixes_never_match() {
        let decoder = AnswerDecoder::new(false);
        assert_eq!(decoder.decode("I dislike"), None);
        assert_eq!(decoder.decode("I like it a lot"), None);
        assert_eq!(decoder.decode("Maybe"), None);
    }

    #[test]
    fn numeric_codes_decode_and_reverse_on_request() {
        let forward = AnswerDecoder::new(false);
        let reverse = AnswerDecoder::new(true);
        assert_eq!(forward.decode("1"), Some(Answer::Like));
        assert_eq!(forward.decode("5.0"), Some(Answer::Dislike));
        assert_eq!(reverse.decode("5"), Some(Answer::Like));
        assert_eq!(reverse.decode("2"), Some(Answer::LiveWith));
        assert_eq!(forward.decode("0"), None);
        assert_eq!(forward.decode("6"), None);
        assert_eq!(forward.decode("12"), None);
        assert_eq!(forward.decode("2.5"), None);
    }

    #[test]
    fn custom_mappings_win_over_built_in_ones() {
        let mut decoder = AnswerDecoder::new(false);
        decoder.add("For me, it\u{2019}s a must-have.", Answer::MustBe);
        decoder.add("Like", Answer::Dislike);
        assert_eq!(
            decoder.decode("for me, it's a must-have"),
            Some(Answer::MustBe)
        );
        assert_eq!(decoder.decode("like"), Some(Answer::Dislike));
    }

    #[test]
    fn emoji_labels_are_kept_byte_exact_apart_from_case_and_spaces() {
        let mut decoder = AnswerDecoder::new(false);
        decoder.add("Cela m'est égal 🤷\u{200d}♂️", Answer::Neutral);
        assert_eq!(
            decoder.decode("Cela m'est égal 🤷\u{200d}♂️ "),
            Some(Answer::Neutral)
        );
        assert_eq!(decoder.decode("Cela m'est égal 🤷"), None);
    }

    #[test]
    fn canonical_names_parse() {
        assert_eq!(Answer::parse_canonical("must-be"), Some(Answer::MustBe));
        assert_eq!(Answer::parse_canonical("Live with"), Some(Answer::LiveWith));
        assert_eq!(Answer::parse_canonical("tolerate"), Some(Answer::LiveWith));
        assert_eq!(Answer::parse_canonical("4"), Some(Answer::LiveWith));
        assert_eq!(Answer::parse_canonical("love"), None);
    }
}
