//! Kano categories and the evaluation table that maps an answer pair to one.
//!
//! The standard table is Kano (1984) as given by Berger et al. (1993) and Sauerwein et al. (1996);
//! the modified table is the one Berger et al. (1993, p. 33) attribute to Pouliot
//! (KANO-METHOD.md section 2).

use std::fmt;
use std::str::FromStr;

use crate::answer::Answer;

/// A Kano category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// A: attractive (delighter).
    Attractive,
    /// O: one-dimensional (performance).
    OneDimensional,
    /// M: must-be (basic).
    MustBe,
    /// I: indifferent.
    Indifferent,
    /// R: reverse.
    Reverse,
    /// Q: questionable (contradictory answers).
    Questionable,
}

use Category::{
    Attractive as A, Indifferent as I, MustBe as M, OneDimensional as O, Questionable as Q,
    Reverse as R,
};

impl Category {
    /// All categories in the A, O, M, I, R, Q order used for counts.
    pub const ALL: [Category; 6] = [A, O, M, I, R, Q];

    /// Position in [`Category::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The one-letter code: A, O, M, I, R or Q.
    pub fn letter(self) -> char {
        ['A', 'O', 'M', 'I', 'R', 'Q'][self.index()]
    }

    /// The full name used in JSON and tables.
    pub fn name(self) -> &'static str {
        [
            "attractive",
            "one-dimensional",
            "must-be",
            "indifferent",
            "reverse",
            "questionable",
        ][self.index()]
    }

    /// The category for a letter A, O, M, I, R or Q (either case).
    pub fn from_letter(letter: char) -> Option<Category> {
        match letter.to_ascii_uppercase() {
            'A' => Some(A),
            'O' => Some(O),
            'M' => Some(M),
            'I' => Some(I),
            'R' => Some(R),
            'Q' => Some(Q),
            _ => None,
        }
    }

    /// What to do with a feature of this category (KANO-METHOD.md section 4).
    pub fn action(self) -> Action {
        match self {
            M => Action::Fulfil,
            O => Action::Invest,
            A => Action::Delight,
            I => Action::Save,
            R => Action::Remove,
            Q => Action::Review,
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Category {
    type Err = String;

    /// Accepts a letter or a name: `A`, `attractive`, `O`, `one-dimensional`, `performance`,
    /// `M`, `must-be`, `basic`, `I`, `indifferent`, `R`, `reverse`, `Q`, `questionable`.
    fn from_str(text: &str) -> Result<Category, String> {
        let key = text.trim().to_lowercase().replace([' ', '_'], "-");
        let category = match key.as_str() {
            "a" | "attractive" | "delighter" => A,
            "o" | "one-dimensional" | "onedimensional" | "performance" | "linear" => O,
            "m" | "must-be" | "mustbe" | "basic" | "must" => M,
            "i" | "indifferent" | "indiferent" => I,
            "r" | "reverse" => R,
            "q" | "questionable" => Q,
            _ => {
                return Err(format!(
                    "unknown category \"{text}\"; expected one of attractive (A), \
                     one-dimensional (O), must-be (M), indifferent (I), reverse (R), \
                     questionable (Q)"
                ))
            }
        };
        Ok(category)
    }
}

/// The recommended action for a category (KANO-METHOD.md section 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Must-be: fulfil it first; missing ones cause strong dissatisfaction.
    Fulfil,
    /// One-dimensional: invest; satisfaction grows with performance.
    Invest,
    /// Attractive: delight; the differentiator.
    Delight,
    /// Indifferent: a candidate for saving cost.
    Save,
    /// Reverse: remove it or make it optional.
    Remove,
    /// Questionable: the answers contradict each other; review the question.
    Review,
}

impl Action {
    /// The one-word name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Action::Fulfil => "fulfil",
            Action::Invest => "invest",
            Action::Delight => "delight",
            Action::Save => "save",
            Action::Remove => "remove",
            Action::Review => "review",
        }
    }

    /// A short sentence for tables and reports.
    pub fn advice(self) -> &'static str {
        match self {
            Action::Fulfil => "fulfil first: its absence causes strong dissatisfaction",
            Action::Invest => "invest: satisfaction grows with performance",
            Action::Delight => "delight: a differentiator customers do not expect",
            Action::Save => "save cost: customers do not care either way",
            Action::Remove => "remove or make optional: some customers do not want it",
            Action::Review => "review the question: answers contradict each other",
        }
    }
}

/// Yang's (2005) refined Kano categories: each of A, O, M, I split by whether the feature's mean
/// self-stated importance is above the survey's (C.-C. Yang, "The refined Kano's model and its
/// application", *Total Quality Management & Business Excellence* 16(10), 2005, 1127-1137).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refined {
    /// Attractive, importance above the survey's.
    HighlyAttractive,
    /// Attractive, importance not above.
    LessAttractive,
    /// One-dimensional, importance above.
    HighValueAdded,
    /// One-dimensional, importance not above.
    LowValueAdded,
    /// Must-be, importance above.
    Critical,
    /// Must-be, importance not above.
    Necessary,
    /// Indifferent, importance above.
    Potential,
    /// Indifferent, importance not above.
    Indifferent,
}

impl Refined {
    /// The refined category of `category` for a feature whose mean importance is `above` the
    /// survey's or not; `None` for reverse and questionable, which Yang does not split.
    pub fn of(category: Category, above: bool) -> Option<Refined> {
        Some(match (category, above) {
            (A, true) => Refined::HighlyAttractive,
            (A, false) => Refined::LessAttractive,
            (O, true) => Refined::HighValueAdded,
            (O, false) => Refined::LowValueAdded,
            (M, true) => Refined::Critical,
            (M, false) => Refined::Necessary,
            (I, true) => Refined::Potential,
            (I, false) => Refined::Indifferent,
            (R | Q, _) => return None,
        })
    }

    /// The name used in JSON and tables.
    pub fn name(self) -> &'static str {
        match self {
            Refined::HighlyAttractive => "highly attractive",
            Refined::LessAttractive => "less attractive",
            Refined::HighValueAdded => "high value-added",
            Refined::LowValueAdded => "low value-added",
            Refined::Critical => "critical",
            Refined::Necessary => "necessary",
            Refined::Potential => "potential",
            Refined::Indifferent => "indifferent",
        }
    }
}

/// Which evaluation table turns an answer pair into a category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Table {
    /// Kano (1984) / Berger et al. (1993): the standard table.
    #[default]
    Standard,
    /// Pouliot's modification (Berger et al. 1993, p. 33): must-be/must-be and
    /// live-with/live-with are questionable.
    Modified,
}

/// The standard evaluation table: rows functional, columns dysfunctional, both in answer order.
const STANDARD: [[Category; 5]; 5] = [
    [Q, A, A, A, O],
    [R, I, I, I, M],
    [R, I, I, I, M],
    [R, I, I, I, M],
    [R, R, R, R, Q],
];

/// Pouliot's modified table: as [`STANDARD`] with two more questionable cells.
const MODIFIED: [[Category; 5]; 5] = [
    [Q, A, A, A, O],
    [R, Q, I, I, M],
    [R, I, I, I, M],
    [R, I, I, Q, M],
    [R, R, R, R, Q],
];

impl Table {
    /// The name used in flags and JSON.
    pub fn name(self) -> &'static str {
        match self {
            Table::Standard => "standard",
            Table::Modified => "modified",
        }
    }

    /// Classifies one answer pair.
    pub fn classify(self, functional: Answer, dysfunctional: Answer) -> Category {
        let grid = match self {
            Table::Standard => &STANDARD,
            Table::Modified => &MODIFIED,
        };
        grid[functional.index()][dysfunctional.index()]
    }
}

/// The order that breaks ties between equally frequent categories; Berger et al.'s
/// "M > O > A > I" rule extended with R and Q: `MOAIRQ` by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TieOrder([Category; 6]);

impl Default for TieOrder {
    fn default() -> TieOrder {
        TieOrder([M, O, A, I, R, Q])
    }
}

impl TieOrder {
    /// Preference rank of a category: lower wins a tie.
    pub fn rank(&self, category: Category) -> usize {
        self.0
            .iter()
            .position(|c| *c == category)
            .unwrap_or(Category::ALL.len())
    }

    /// The six letters, e.g. `MOAIRQ`.
    pub fn letters(&self) -> String {
        self.0.iter().map(|c| c.letter()).collect()
    }
}

impl fmt::Display for TieOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.letters())
    }
}

impl FromStr for TieOrder {
    type Err = String;

    /// Parses six distinct letters, e.g. `MOAIRQ`; `M>O>A>I>R>Q` and spaces are accepted too.
    fn from_str(text: &str) -> Result<TieOrder, String> {
        let letters: Vec<char> = text
            .chars()
            .filter(|c| !matches!(c, '>' | ',' | ' '))
            .collect();
        let bad = || {
            format!(
                "invalid tie order \"{text}\": expected the six letters M, O, A, I, R, Q each \
                 once, e.g. MOAIRQ"
            )
        };
        if letters.len() != 6 {
            return Err(bad());
        }
        let mut order = [Q; 6];
        for (slot, letter) in order.iter_mut().zip(&letters) {
            *slot = Category::from_letter(*letter).ok_or_else(bad)?;
        }
        for (i, c) in order.iter().enumerate() {
            if order[..i].contains(c) {
                return Err(bad());
            }
        }
        Ok(TieOrder(order))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Answer::*;

    #[test]
    fn standard_table_matches_the_published_grid() {
        let t = Table::Standard;
        assert_eq!(t.classify(Like, Like), Q);
        assert_eq!(t.classify(Like, MustBe), A);
        assert_eq!(t.classify(Like, Neutral), A);
        assert_eq!(t.classify(Like, LiveWith), A);
        assert_eq!(t.classify(Like, Dislike), O);
        assert_eq!(t.classify(MustBe, Dislike), M);
        assert_eq!(t.classify(Neutral, Dislike), M);
        assert_eq!(t.classify(LiveWith, Dislike), M);
        assert_eq!(t.classify(MustBe, MustBe), I);
        assert_eq!(t.classify(LiveWith, LiveWith), I);
        assert_eq!(t.classify(Neutral, Neutral), I);
        assert_eq!(t.classify(MustBe, Like), R);
        assert_eq!(t.classify(Dislike, Neutral), R);
        assert_eq!(t.classify(Dislike, Dislike), Q);
    }

    #[test]
    fn modified_table_differs_in_exactly_two_cells() {
        let mut differences = Vec::new();
        for f in Answer::ALL {
            for d in Answer::ALL {
                let (s, m) = (
                    Table::Standard.classify(f, d),
                    Table::Modified.classify(f, d),
                );
                if s != m {
                    differences.push((f, d, s, m));
                }
            }
        }
        assert_eq!(
            differences,
            vec![(MustBe, MustBe, I, Q), (LiveWith, LiveWith, I, Q)]
        );
    }

    #[test]
    fn tie_order_parses_and_rejects() {
        assert_eq!("MOAIRQ".parse::<TieOrder>(), Ok(TieOrder::default()));
        assert_eq!(
            "M>O>A>I>R>Q".parse::<TieOrder>().map(|t| t.letters()),
            Ok("MOAIRQ".to_string())
        );
        assert_eq!(
            "aomirq".parse::<TieOrder>().map(|t| t.letters()),
            Ok("AOMIRQ".to_string())
        );
        assert!("MOAIR".parse::<TieOrder>().is_err());
        assert!("MOAIRR".parse::<TieOrder>().is_err());
        assert!("MOAIRX".parse::<TieOrder>().is_err());
    }

    #[test]
    fn refined_categories_split_a_o_m_i_by_importance_and_leave_r_q_alone() {
        let cases = [
            (A, true, Some("highly attractive")),
            (A, false, Some("less attractive")),
            (O, true, Some("high value-added")),
            (O, false, Some("low value-added")),
            (M, true, Some("critical")),
            (M, false, Some("necessary")),
            (I, true, Some("potential")),
            (I, false, Some("indifferent")),
            (R, true, None),
            (Q, false, None),
        ];
        for (category, above, name) in cases {
            assert_eq!(Refined::of(category, above).map(Refined::name), name);
        }
    }

    #[test]
    fn category_names_parse() {
        assert_eq!("performance".parse::<Category>(), Ok(O));
        assert_eq!("Must be".parse::<Category>(), Ok(M));
        assert_eq!("indiferent".parse::<Category>(), Ok(I));
        assert!("great".parse::<Category>().is_err());
    }
}
