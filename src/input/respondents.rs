//! Counting a long file's respondents without an id set: exports group a respondent's rows, so
//! a respondent is counted each time the id changes between consecutive rows (a run of rows).
//! A bounded check tells whether the ids are grouped: the ids starting runs (as 64-bit hashes)
//! are remembered up to [`EXACT_IDS`] distinct ones, so an id that comes back after other ids is
//! noticed and counted once; past that, an estimate (HyperLogLog) checks the runs, and a file
//! whose ids are not grouped gets the estimate, saying so.

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// Distinct ids remembered to notice ids that come back (2 MiB of hashes at most).
pub const EXACT_IDS: usize = 200_000;

/// HyperLogLog precision: 2^14 one-byte registers (16 KiB), a standard error of 0.8%.
const PRECISION: u32 = 14;

/// How a respondent count was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Distinct ids: the runs of rows, less the runs of ids that came back.
    Exact,
    /// Runs of rows with one id, the ids too many to check one by one that none comes back;
    /// an estimate of the distinct ids agreed.
    Runs {
        /// The estimate of distinct ids.
        estimate: u64,
    },
    /// An estimate of distinct ids: too many ids, and they come back after other ids.
    Estimate {
        /// Runs of rows with one id.
        runs: u64,
    },
}

/// Hashes an id's [`hash`] no further: it is one already (SipHash), so the set's buckets are
/// spread without hashing every id twice.
#[derive(Debug, Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used (the set holds u64); fold anything else in all the same.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Counts respondents as runs of rows sharing an id, checking that no id comes back.
#[derive(Debug)]
pub(crate) struct IdCounter {
    /// Runs of consecutive rows with one id: the respondents, when the ids are grouped.
    pub runs: u64,
    /// Runs whose id started an earlier run (counted while `seen` holds every id).
    pub returns: u64,
    /// Hashes of the ids that started runs, while there are at most [`EXACT_IDS`]: only to
    /// notice ids that come back.
    seen: Option<HashSet<u64, BuildHasherDefault<Prehashed>>>,
    registers: Vec<u8>,
}

impl Default for IdCounter {
    fn default() -> IdCounter {
        IdCounter {
            runs: 0,
            returns: 0,
            seen: Some(HashSet::default()),
            registers: vec![0; 1 << PRECISION],
        }
    }
}

/// The hash an id is counted by.
pub(crate) fn hash(id: &str) -> u64 {
    // SipHash with fixed keys: the same count on every run.
    let mut hasher = std::hash::DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

impl IdCounter {
    /// Notes the id of a new run of rows.
    #[cfg(test)]
    pub fn start_run(&mut self, id: &str) {
        self.start_hash(hash(id));
    }

    /// Notes the id of a new run of rows by its [`hash`] (threads hash ids as they read; the
    /// hashes are counted in file order).
    pub fn start_hash(&mut self, h: u64) {
        self.runs += 1;
        let register = (h >> (64 - PRECISION)) as usize;
        let rank = ((h << PRECISION) | (1 << (PRECISION - 1))).leading_zeros() as u8 + 1;
        if let Some(r) = self.registers.get_mut(register) {
            *r = (*r).max(rank);
        }
        if let Some(seen) = &mut self.seen {
            if !seen.insert(h) {
                self.returns += 1;
            }
            if seen.len() > EXACT_IDS {
                self.seen = None;
            }
        }
    }

    /// Whether an id came back after rows of other ids (known while counting exactly).
    pub fn returned(&self) -> bool {
        self.returns > 0
    }

    /// The HyperLogLog estimate of distinct ids (linear counting while registers are empty).
    pub fn estimate(&self) -> u64 {
        let m = self.registers.len() as f64;
        let sum: f64 = self.registers.iter().map(|r| (-f64::from(*r)).exp2()).sum();
        let raw = 0.7213 / (1.0 + 1.079 / m) * m * m / sum;
        let zeros = self.registers.iter().filter(|r| **r == 0).count();
        let estimate = if raw <= 2.5 * m && zeros > 0 {
            m * (m / zeros as f64).ln()
        } else {
            raw
        };
        estimate.round() as u64
    }

    /// The respondents and how they were counted.
    pub fn count(&self) -> (u64, Counted) {
        if self.seen.is_some() {
            return (self.runs - self.returns, Counted::Exact);
        }
        let estimate = self.estimate();
        // Within four standard errors of the runs: the runs are taken as the respondents.
        let agrees = (estimate as f64 - self.runs as f64).abs() <= 0.033 * self.runs as f64;
        if !self.returned() && agrees {
            (self.runs, Counted::Runs { estimate })
        } else {
            (estimate, Counted::Estimate { runs: self.runs })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_exact_up_to_the_limit_and_notice_returning_ids() {
        let mut ids = IdCounter::default();
        for id in ["a", "b", "a", "c"] {
            ids.start_run(id);
        }
        assert_eq!(ids.count(), (3, Counted::Exact));
        assert!(ids.returned());
        assert_eq!(ids.runs, 4);
    }

    #[test]
    fn many_grouped_ids_are_counted_by_runs_and_others_estimated() {
        let n = EXACT_IDS as u64 * 3;
        let mut grouped = IdCounter::default();
        for i in 0..n {
            grouped.start_run(&format!("id{i}"));
        }
        let (count, how) = grouped.count();
        assert_eq!(count, n);
        assert!(matches!(how, Counted::Runs { .. }), "{how:?}");
        // Every id twice, in two passes: runs double, the estimate stays near the ids.
        let mut twice = IdCounter::default();
        for _ in 0..2 {
            for i in 0..n {
                twice.start_run(&format!("id{i}"));
            }
        }
        let (count, how) = twice.count();
        assert_eq!(how, Counted::Estimate { runs: 2 * n });
        assert!((count as f64 - n as f64).abs() < 0.03 * n as f64, "{count}");
    }
}
