//! Per-feature accumulators: small, additive, mergeable (`add` and `merge`), so reading can
//! stream, split into chunks or segments, and combine results without keeping any respondent.

use crate::answer::Answer;
use crate::category::{Category, Table};

/// Everything counted for one feature.
///
/// Answer pairs are kept as the 5 x 5 grid of functional by dysfunctional answers, so the
/// category counts under either evaluation table and the continuous scores are both derived
/// from it without a second pass. Category counts read from a published table (the counts
/// layout) have no grid and go into `extra_counts`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Tally {
    /// `grid[f][d]`: valid pairs with functional answer `f` and dysfunctional answer `d`.
    pub grid: [[u64; 5]; 5],
    /// Category counts given directly (counts layout), in [`Category::ALL`] order.
    pub extra_counts: [u64; 6],
    /// Pairs with an empty cell on either side.
    pub missing: u64,
    /// Functional answers of pairs counted in `missing` (the dysfunctional cell was empty), by
    /// answer: DuMouchel means averaged per question (stp25kano) use them.
    pub functional_only: [u64; 5],
    /// Dysfunctional answers of pairs counted in `missing` (the functional cell was empty).
    pub dysfunctional_only: [u64; 5],
    /// Pairs with an unknown answer label, skipped with `--skip-invalid`.
    pub invalid: u64,
    /// Self-stated importance values seen.
    pub importance_n: u64,
    /// Their sum.
    pub importance_sum: f64,
    /// Importance cells that could not be read as a number, skipped with `--skip-invalid`.
    pub importance_invalid: u64,
}

impl Tally {
    /// Counts one valid answer pair.
    pub fn add(&mut self, functional: Answer, dysfunctional: Answer) {
        self.grid[functional.index()][dysfunctional.index()] += 1;
    }

    /// Counts one pair with an empty cell, keeping the answer of its other side if any.
    pub fn add_missing(&mut self, functional: Option<Answer>, dysfunctional: Option<Answer>) {
        self.missing += 1;
        if let Some(f) = functional {
            self.functional_only[f.index()] += 1;
        }
        if let Some(d) = dysfunctional {
            self.dysfunctional_only[d.index()] += 1;
        }
    }

    /// Counts one self-stated importance value.
    pub fn add_importance(&mut self, value: f64) {
        self.importance_n += 1;
        self.importance_sum += value;
    }

    /// Adds another tally of the same feature into this one.
    pub fn merge(&mut self, other: &Tally) {
        for (row, other_row) in self.grid.iter_mut().zip(&other.grid) {
            add_into(row, other_row);
        }
        add_into(&mut self.extra_counts, &other.extra_counts);
        self.missing += other.missing;
        add_into(&mut self.functional_only, &other.functional_only);
        add_into(&mut self.dysfunctional_only, &other.dysfunctional_only);
        self.invalid += other.invalid;
        self.importance_n += other.importance_n;
        self.importance_sum += other.importance_sum;
        self.importance_invalid += other.importance_invalid;
    }

    /// Category counts A, O, M, I, R, Q under `table`.
    pub fn counts(&self, table: Table) -> [u64; 6] {
        let mut counts = self.extra_counts;
        for f in Answer::ALL {
            for d in Answer::ALL {
                counts[table.classify(f, d).index()] += self.grid[f.index()][d.index()];
            }
        }
        counts
    }

    /// Number of pairs in the answer grid (zero for the counts layout).
    pub fn grid_pairs(&self) -> u64 {
        self.grid.iter().flatten().sum()
    }

    /// The count of one category under `table`.
    pub fn count(&self, table: Table, category: Category) -> u64 {
        self.counts(table)[category.index()]
    }

    /// How often each answer was given to the functional question (`functional = true`) or the
    /// dysfunctional one: over the grid's complete pairs, plus, with `one_sided`, the answers
    /// whose twin was empty (DuMouchel means per question, as stp25kano averages them).
    pub fn answer_counts(&self, functional: bool, one_sided: bool) -> [u64; 5] {
        let mut counts = [0u64; 5];
        for f in Answer::ALL {
            for d in Answer::ALL {
                let answer = if functional { f } else { d };
                counts[answer.index()] += self.grid[f.index()][d.index()];
            }
        }
        if one_sided {
            let only = if functional {
                &self.functional_only
            } else {
                &self.dysfunctional_only
            };
            add_into(&mut counts, only);
        }
        counts
    }
}

/// Count, sum and sum of squares of DuMouchel's functional (`functional = true`) or
/// dysfunctional score over `counts`, one count per answer.
pub fn score_moments(counts: &[u64; 5], functional: bool) -> (u64, i64, i64) {
    let (mut n, mut sum, mut squares) = (0u64, 0i64, 0i64);
    for answer in Answer::ALL {
        let count = counts[answer.index()];
        let score = if functional {
            answer.functional_score()
        } else {
            answer.dysfunctional_score()
        };
        let count_i = i64::try_from(count).unwrap_or(i64::MAX);
        n = n.saturating_add(count);
        sum = sum.saturating_add(count_i.saturating_mul(score));
        squares = squares.saturating_add(count_i.saturating_mul(score * score));
    }
    (n, sum, squares)
}

/// Adds `other` into `counts`, element by element.
fn add_into(counts: &mut [u64], other: &[u64]) {
    for (count, other_count) in counts.iter_mut().zip(other) {
        *count += other_count;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_table_in_use() {
        let mut tally = Tally::default();
        tally.add(Answer::MustBe, Answer::MustBe);
        tally.add(Answer::Like, Answer::Dislike);
        assert_eq!(tally.counts(Table::Standard), [0, 1, 0, 1, 0, 0]);
        assert_eq!(tally.counts(Table::Modified), [0, 1, 0, 0, 0, 1]);
    }

    #[test]
    fn merge_adds_every_field() {
        let mut a = Tally::default();
        a.add(Answer::Like, Answer::Neutral);
        a.missing = 2;
        a.add_importance(7.0);
        let mut b = Tally::default();
        b.add(Answer::Like, Answer::Neutral);
        b.invalid = 1;
        b.extra_counts[3] = 4;
        b.add_importance(5.0);
        a.merge(&b);
        assert_eq!(a.grid[0][2], 2);
        assert_eq!(a.counts(Table::Standard), [2, 0, 0, 4, 0, 0]);
        assert_eq!((a.missing, a.invalid, a.importance_n), (2, 1, 2));
        assert_eq!(a.importance_sum, 12.0);
    }
}
