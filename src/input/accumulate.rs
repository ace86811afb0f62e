//! Per-respondent accumulation: one respondent's decoded answers are gathered, checked
//! (questionable pairs, straight-lining), then added to the overall and segment tallies, or left
//! out with `--drop-inconsistent` or `--max-indifferent`.

use std::collections::{BTreeMap, HashMap};

use super::Feature;
use crate::answer::Answer;
use crate::category::{Category, Table};
use crate::error::Error;

/// What one cell pair of one respondent gave.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Outcome {
    Pair(Answer, Answer),
    /// A pair with an empty cell; the answer of its other side, if any.
    Missing {
        functional: Option<Answer>,
        dysfunctional: Option<Answer>,
    },
    Invalid(Vec<String>),
}

/// One respondent's cells, gathered before they are counted.
#[derive(Debug, Default)]
pub(crate) struct Respondent {
    pub pairs: Vec<(usize, Outcome)>,
    pub importance: Vec<(usize, Option<f64>)>,
    pub segment: Option<String>,
}

impl Respondent {
    pub fn clear(&mut self) {
        self.pairs.clear();
        self.importance.clear();
        self.segment = None;
    }
}

/// How respondents are checked, and what the check found.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Quality {
    /// Respondents checked.
    pub respondents: u64,
    /// Respondents with at least one questionable pair.
    pub with_questionable: u64,
    /// Respondents who gave the same answer pair for every feature (at least two features).
    pub straight_liners: u64,
    /// Respondents left out by `--drop-inconsistent`.
    pub dropped: u64,
    /// The `--drop-inconsistent` share, when given.
    pub drop_threshold: Option<f64>,
    /// Respondents left out by `--max-indifferent` (and not already by `--drop-inconsistent`).
    pub dropped_indifferent: u64,
    /// The `--max-indifferent` count, when given.
    pub max_indifferent: Option<u64>,
}

/// Which respondents are left out: `--drop-inconsistent` and `--max-indifferent`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Drops {
    /// Leave out respondents with more than this share of their valid pairs questionable.
    pub inconsistent: Option<f64>,
    /// Leave out respondents with more than this many indifferent pairs.
    pub indifferent: Option<u64>,
}

impl super::ReadOptions {
    /// Which respondents are left out.
    pub(crate) fn drops(&self) -> Drops {
        Drops {
            inconsistent: self.drop_inconsistent,
            indifferent: self.max_indifferent,
        }
    }
}

/// What one respondent's valid answer pairs were, for [`Accumulator::judge`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct Verdict {
    /// Valid pairs (both answers given and known).
    pub valid: usize,
    /// Of them, questionable ones.
    pub questionable: usize,
    /// Of them, indifferent ones.
    pub indifferent: usize,
    /// Whether every valid pair was the same.
    pub all_same: bool,
    /// Pairs, valid or not.
    pub pairs: usize,
}

impl Verdict {
    /// Notes one more of the respondent's pairs, `first` being the number ([`pair_number`]) of
    /// their first valid pair.
    #[inline(always)]
    fn note(&mut self, table: Table, first: usize, pair: &impl Pair) {
        if let Some((f, d)) = pair.answers() {
            // Counted without branching on the category or on each answer: which comes next is
            // random.
            let category = table.classify(f, d);
            self.valid += 1;
            self.questionable += usize::from(category == Category::Questionable);
            self.indifferent += usize::from(category == Category::Indifferent);
            self.all_same &= pair_number(f, d) == first;
        }
    }
}

/// How segment values are formed from a column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SegmentSpec {
    /// The column.
    pub column: String,
    /// Band edges for numeric columns (`--bins 25,35,50`), ascending.
    pub bins: Option<Vec<f64>>,
}

/// The most segments one column may produce.
pub const MAX_SEGMENTS: usize = 200;

/// One segment's results.
#[derive(Debug, Clone)]
pub struct Segment {
    /// The column's value (or band).
    pub value: String,
    /// Respondents in it (after drops).
    pub respondents: u64,
    /// Its features, in the same order as the survey's.
    pub features: Vec<Feature>,
}

/// Bands a numeric value by ascending edges: "< 25", "25 to < 35", ">= 50". A blank cell is
/// "(blank)"; anything not a finite number ("NaN", "inf" and words alike) is "(not a number)".
pub fn band(value: &str, edges: &[f64]) -> String {
    let parsed = value.trim().replace(',', ".").parse::<f64>();
    let Some(x) = parsed.ok().filter(|x| x.is_finite()) else {
        return if value.trim().is_empty() {
            "(blank)".to_string()
        } else {
            "(not a number)".to_string()
        };
    };
    let fmt = |e: f64| format!("{e}");
    match edges.iter().position(|e| x < *e) {
        Some(0) => format!("< {}", fmt(edges[0])),
        Some(i) => format!("{} to < {}", fmt(edges[i - 1]), fmt(edges[i])),
        None => format!(">= {}", fmt(edges[edges.len() - 1])),
    }
}

/// A sort key putting bands in numeric order and other values alphabetically.
/// Segments sort by band (with `--bins`), then case-insensitively, then by the exact value, so
/// "free" and "Free" come in the same order on every path and thread count.
fn segment_order(value: &str, edges: Option<&[f64]>) -> (usize, String, String) {
    if let Some(edges) = edges {
        let rank = if value.starts_with("< ") {
            0
        } else if let Some(rest) = value.strip_prefix(">= ") {
            edges
                .iter()
                .position(|e| format!("{e}") == rest)
                .map_or(edges.len() + 1, |_| edges.len())
        } else if let Some((low, _)) = value.split_once(" to < ") {
            edges
                .iter()
                .position(|e| format!("{e}") == low)
                .map_or(edges.len() + 1, |i| i + 1)
        } else {
            edges.len() + 1
        };
        return (rank, value.to_string(), String::new());
    }
    (
        usize::from(value == "(blank)"),
        value.to_lowercase(),
        value.to_string(),
    )
}

/// Why a respondent was left out.
enum Dropped {
    /// `--drop-inconsistent`.
    Inconsistent,
    /// `--max-indifferent`.
    Indifferent,
}

/// Gathers respondents into tallies.
pub(crate) struct Accumulator {
    pub features: Vec<Feature>,
    table: Table,
    drops: Drops,
    pub quality: Quality,
    segment_spec: Option<SegmentSpec>,
    segment_index: HashMap<String, usize>,
    segments: Vec<Segment>,
    path: String,
    /// Records whose fields are all empty: no respondents, so skipped and counted here.
    pub blank_rows: u64,
}

impl Accumulator {
    pub fn new(
        path: &str,
        features: Vec<Feature>,
        table: Table,
        drops: Drops,
        segment_spec: Option<SegmentSpec>,
    ) -> Accumulator {
        Accumulator {
            features,
            table,
            drops,
            quality: Quality {
                drop_threshold: drops.inconsistent,
                max_indifferent: drops.indifferent,
                ..Quality::default()
            },
            segment_spec,
            segment_index: HashMap::new(),
            segments: Vec::new(),
            path: path.to_string(),
            blank_rows: 0,
        }
    }

    /// The segment value of a raw cell (banded when bins were given).
    pub fn segment_value(&self, cell: &str) -> String {
        match self.segment_spec.as_ref().and_then(|s| s.bins.as_deref()) {
            Some(edges) => band(cell, edges),
            None if cell.trim().is_empty() => "(blank)".to_string(),
            None => cell.trim().to_string(),
        }
    }

    /// Adds one respondent. Returns whether they were kept.
    pub fn commit(&mut self, respondent: &Respondent) -> Result<bool, Error> {
        self.commit_pairs(
            &respondent.pairs,
            &respondent.importance,
            respondent.segment.as_deref(),
        )
    }

    /// Adds one respondent given as its `pairs`, `importance` values and `segment` value (as in
    /// a [`Respondent`]). Returns whether they were kept. Generic over the kind of pair, so a
    /// reader that keeps its pairs as plain values ([`PlainPair`]) counts them without making an
    /// [`Outcome`] of each.
    pub fn commit_pairs<P: Pair>(
        &mut self,
        pairs: &[P],
        importance: &[(usize, Option<f64>)],
        segment: Option<&str>,
    ) -> Result<bool, Error> {
        let mut verdict = Verdict {
            all_same: true,
            pairs: pairs.len(),
            ..Verdict::default()
        };
        // The first valid pair, as a number: every valid pair is compared with it.
        let first = pairs
            .iter()
            .find_map(Pair::answers)
            .map_or(usize::MAX, |(f, d)| pair_number(f, d));
        let table = self.table;
        let segment = if self.drops == Drops::default() {
            // Nobody is left out: each pair is counted as it is judged, in one pass over them.
            let segment = self.segment_of(segment)?;
            for pair in pairs {
                verdict.note(table, first, pair);
                self.add_pair(pair, segment);
            }
            self.judge(verdict);
            segment
        } else {
            for pair in pairs {
                verdict.note(table, first, pair);
            }
            if !self.judge(verdict) {
                return Ok(false);
            }
            let segment = self.segment_of(segment)?;
            for pair in pairs {
                self.add_pair(pair, segment);
            }
            segment
        };
        for (slot, value) in importance {
            add_importance(&mut self.features[*slot], *value);
            if let Some(s) = segment {
                add_importance(
                    segment_feature(&mut self.segments[s], &self.features, *slot),
                    *value,
                );
            }
        }
        if let Some(s) = segment {
            self.segments[s].respondents += 1;
        }
        Ok(true)
    }

    /// The slot of a kept respondent's segment `value` (none when not segmenting).
    fn segment_of(&mut self, value: Option<&str>) -> Result<Option<usize>, Error> {
        match (&self.segment_spec, value) {
            (Some(_), Some(value)) => self.segment_slot(value).map(Some),
            _ => Ok(None),
        }
    }

    /// Counts a kept respondent's `pair` into its feature, and into its segment's.
    #[inline(always)]
    fn add_pair(&mut self, pair: &impl Pair, segment: Option<usize>) {
        let slot = pair.slot();
        pair.add_to(&mut self.features[slot]);
        if let Some(s) = segment {
            pair.add_to(segment_feature(&mut self.segments[s], &self.features, slot));
        }
    }

    /// Counts a respondent whose pairs were as `verdict` says; false when `--drop-inconsistent`
    /// or `--max-indifferent` drops them (a respondent both would drop counts as dropped by
    /// `--drop-inconsistent`).
    pub fn judge(&mut self, verdict: Verdict) -> bool {
        let Verdict {
            valid,
            questionable,
            all_same,
            pairs,
            ..
        } = verdict;
        self.quality.respondents += 1;
        if questionable > 0 {
            self.quality.with_questionable += 1;
        }
        if valid >= 2 && valid == pairs && all_same {
            self.quality.straight_liners += 1;
        }
        match self.dropped_by(verdict) {
            None => true,
            Some(Dropped::Inconsistent) => {
                self.quality.dropped += 1;
                false
            }
            Some(Dropped::Indifferent) => {
                self.quality.dropped_indifferent += 1;
                false
            }
        }
    }

    /// Whether [`Accumulator::judge`] would keep a respondent whose pairs were as `verdict`
    /// says (without counting them).
    pub fn keeps(&self, verdict: Verdict) -> bool {
        self.dropped_by(verdict).is_none()
    }

    /// Which option leaves out a respondent whose pairs were as `verdict` says, if one does.
    fn dropped_by(&self, verdict: Verdict) -> Option<Dropped> {
        let Verdict {
            valid,
            questionable,
            indifferent,
            ..
        } = verdict;
        if let Some(share) = self.drops.inconsistent {
            if valid > 0 && questionable as f64 / valid as f64 > share {
                return Some(Dropped::Inconsistent);
            }
        }
        if let Some(most) = self.drops.indifferent {
            if indifferent as u64 > most {
                return Some(Dropped::Indifferent);
            }
        }
        None
    }

    /// Adds one kept respondent's importance `value` for feature `slot`, and to the segment in
    /// `segment` (a slot from [`Accumulator::segment_slot`]).
    pub fn add_importance_value(&mut self, segment: Option<usize>, slot: usize, value: f64) {
        if let Some(feature) = self.features.get_mut(slot) {
            add_importance(feature, Some(value));
        }
        if let Some(segment) = segment.and_then(|s| self.segments.get_mut(s)) {
            if slot < self.features.len() {
                add_importance(segment_feature(segment, &self.features, slot), Some(value));
            }
        }
    }

    /// The slot of the segment `value`, made when new; fails past [`MAX_SEGMENTS`].
    pub fn segment_slot(&mut self, value: &str) -> Result<usize, Error> {
        if let Some(slot) = self.segment_index.get(value) {
            return Ok(*slot);
        }
        if self.segments.len() >= MAX_SEGMENTS {
            let column = self
                .segment_spec
                .as_ref()
                .map(|s| s.column.clone())
                .unwrap_or_default();
            return Err(Error::Layout {
                path: self.path.clone(),
                message: format!(
                    "the segment column \"{}\" has more than {MAX_SEGMENTS} distinct values",
                    crate::error::printable(&column)
                ),
                hint: "band a numeric column with --bins, e.g. --bins 25,35,50, or choose a \
                       column with fewer values"
                    .to_string(),
            });
        }
        self.segments.push(Segment {
            value: value.to_string(),
            respondents: 0,
            features: Vec::new(),
        });
        self.segment_index
            .insert(value.to_string(), self.segments.len() - 1);
        Ok(self.segments.len() - 1)
    }

    /// Adds `respondents` kept respondents to the segment `value` (made when new, as
    /// [`Accumulator::commit`] makes it), calling `each` with every feature of it.
    pub fn add_to_segment(
        &mut self,
        value: &str,
        respondents: u64,
        mut each: impl FnMut(usize, &mut Feature),
    ) -> Result<(), Error> {
        let s = self.segment_slot(value)?;
        self.segments[s].respondents += respondents;
        for slot in 0..self.features.len() {
            each(
                slot,
                segment_feature(&mut self.segments[s], &self.features, slot),
            );
        }
        Ok(())
    }

    /// Adds another accumulator of the same survey (a worker's) into this one.
    pub fn merge(&mut self, other: Accumulator) -> Result<(), Error> {
        for (mine, theirs) in self.features.iter_mut().zip(&other.features) {
            merge_feature(mine, theirs);
        }
        let q = &mut self.quality;
        q.respondents += other.quality.respondents;
        q.with_questionable += other.quality.with_questionable;
        q.straight_liners += other.quality.straight_liners;
        q.dropped += other.quality.dropped;
        q.dropped_indifferent += other.quality.dropped_indifferent;
        self.blank_rows += other.blank_rows;
        for segment in other.segments {
            let slot = self.segment_slot(&segment.value)?;
            self.segments[slot].respondents += segment.respondents;
            for (i, feature) in segment.features.iter().enumerate() {
                merge_feature(
                    segment_feature(&mut self.segments[slot], &self.features, i),
                    feature,
                );
            }
        }
        Ok(())
    }

    /// The segments, sorted, each with every feature of the survey.
    pub fn finish_segments(&mut self) -> Vec<Segment> {
        let mut segments = std::mem::take(&mut self.segments);
        for segment in &mut segments {
            for slot in 0..self.features.len() {
                segment_feature(segment, &self.features, slot);
            }
        }
        let edges = self.segment_spec.as_ref().and_then(|s| s.bins.clone());
        // Values equal but for case sort by their bytes (`segment_order`): the order must not
        // depend on which path or thread met a value first.
        segments.sort_by_cached_key(|s| segment_order(&s.value, edges.as_deref()));
        segments
    }
}

fn segment_feature<'a>(
    segment: &'a mut Segment,
    features: &[Feature],
    slot: usize,
) -> &'a mut Feature {
    while segment.features.len() <= slot {
        let template = &features[segment.features.len()];
        segment.features.push(Feature::new(
            template.name.clone(),
            template.columns.clone(),
        ));
    }
    &mut segment.features[slot]
}

fn merge_feature(mine: &mut Feature, theirs: &Feature) {
    mine.tally.merge(&theirs.tally);
    for (label, count) in &theirs.invalid_labels {
        if mine.invalid_labels.len() < MAX_INVALID_LABELS || mine.invalid_labels.contains_key(label)
        {
            *mine.invalid_labels.entry(label.clone()).or_insert(0) += count;
        }
    }
}

/// A valid pair as one number, 0..25: two pairs are equal exactly when their numbers are.
#[inline(always)]
fn pair_number(functional: Answer, dysfunctional: Answer) -> usize {
    functional.index() * 5 + dysfunctional.index()
}

/// Distinct unknown labels kept per feature while reading (the report shows the most frequent).
pub const MAX_INVALID_LABELS: usize = 1000;

/// One answer pair of a respondent, as [`Accumulator::commit_pairs`] reads it.
pub(crate) trait Pair {
    /// The feature slot it answers.
    fn slot(&self) -> usize;
    /// Both answers, when both cells were given and known (a valid pair).
    fn answers(&self) -> Option<(Answer, Answer)>;
    /// Counts it into `feature`'s tally.
    fn add_to(&self, feature: &mut Feature);
}

impl Pair for (usize, Outcome) {
    fn slot(&self) -> usize {
        self.0
    }

    fn answers(&self) -> Option<(Answer, Answer)> {
        match self.1 {
            Outcome::Pair(f, d) => Some((f, d)),
            _ => None,
        }
    }

    fn add_to(&self, feature: &mut Feature) {
        match &self.1 {
            Outcome::Pair(f, d) => feature.tally.add(*f, *d),
            Outcome::Missing {
                functional,
                dysfunctional,
            } => feature.tally.add_missing(*functional, *dysfunctional),
            Outcome::Invalid(labels) => {
                feature.tally.invalid += 1;
                for label in labels {
                    if feature.invalid_labels.len() < MAX_INVALID_LABELS
                        || feature.invalid_labels.contains_key(label)
                    {
                        *feature.invalid_labels.entry(label.clone()).or_insert(0) += 1;
                    }
                }
            }
        }
    }
}

/// A pair whose cells were each known or blank (`None`), never invalid. Counted as the
/// [`Outcome`] it stands for (`Pair` when both are given, else `Missing`) would be. Eight bytes,
/// so that a reader storing one per row builds it in a register (a larger value was built on
/// the stack and read back from it, which stalled).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct PlainPair {
    /// The feature slot.
    pub slot: u32,
    pub functional: Option<Answer>,
    pub dysfunctional: Option<Answer>,
}

impl Pair for PlainPair {
    #[inline(always)]
    fn slot(&self) -> usize {
        self.slot as usize
    }

    #[inline(always)]
    fn answers(&self) -> Option<(Answer, Answer)> {
        self.functional.zip(self.dysfunctional)
    }

    #[inline(always)]
    fn add_to(&self, feature: &mut Feature) {
        match self.answers() {
            Some((f, d)) => feature.tally.add(f, d),
            None => feature
                .tally
                .add_missing(self.functional, self.dysfunctional),
        }
    }
}

fn add_importance(feature: &mut Feature, value: Option<f64>) {
    match value {
        Some(v) => feature.tally.add_importance(v),
        None => feature.tally.importance_invalid += 1,
    }
}

/// Every distinct label seen in answer columns with its count and decoding.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LabelCensus {
    /// Label -> (count, decoded answer or None when unknown).
    pub labels: BTreeMap<String, (u64, Option<Answer>)>,
    /// Cells whose labels were not tracked (beyond the per-column limit).
    pub untracked: u64,
}

impl LabelCensus {
    /// Counts `count` cells of the raw label `bytes` (keyed by its trimmed text), decoded as
    /// `answer`.
    pub(crate) fn add(&mut self, bytes: &[u8], answer: Option<Answer>, count: u64) {
        let label = String::from_utf8_lossy(bytes).trim().to_string();
        self.labels.entry(label).or_insert((0, answer)).0 += count;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_values_differing_only_in_case_have_one_order() {
        let mut a = vec!["ok", "free", "Free", "a, b"];
        let mut b = vec!["Free", "a, b", "ok", "free"];
        a.sort_by_key(|v| segment_order(v, None));
        b.sort_by_key(|v| segment_order(v, None));
        assert_eq!(a, b);
        assert_eq!(a, ["a, b", "Free", "free", "ok"]);
    }

    #[test]
    fn numeric_values_band_by_edges() {
        let edges = [25.0, 35.0, 50.0];
        assert_eq!(band("18", &edges), "< 25");
        assert_eq!(band("25", &edges), "25 to < 35");
        assert_eq!(band("49.5", &edges), "35 to < 50");
        assert_eq!(band("50", &edges), ">= 50");
        assert_eq!(band("n/a", &edges), "(not a number)");
        assert_eq!(band("", &edges), "(blank)");
        // Not finite numbers are no band edge's side.
        for value in ["NaN", "nan", "inf", "-inf", "infinity", " -Infinity "] {
            assert_eq!(band(value, &edges), "(not a number)", "{value}");
        }
    }

    #[test]
    fn bands_sort_in_numeric_order() {
        let edges = [25.0, 35.0];
        let mut values = vec![">= 35", "25 to < 35", "(not a number)", "< 25"];
        values.sort_by_key(|v| segment_order(v, Some(&edges)));
        assert_eq!(
            values,
            vec!["< 25", "25 to < 35", ">= 35", "(not a number)"]
        );
    }
    /// An accumulator of `features` features, segmented by a `plan` column, under `drops`.
    fn segmented(features: usize, drops: Drops) -> Accumulator {
        let features = (0..features)
            .map(|i| Feature::new(format!("F{i}"), vec![format!("f{i}"), format!("d{i}")]))
            .collect();
        let spec = SegmentSpec {
            column: "plan".to_string(),
            bins: None,
        };
        Accumulator::new("s.csv", features, Table::Standard, drops, Some(spec))
    }

    /// The next value of a linear congruential sequence (Knuth's MMIX constants), also returned.
    fn next(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed
    }

    #[test]
    fn respondents_are_counted_alike_in_one_pass_and_in_two() {
        // Without drops each pair is counted as it is judged; drops that leave nobody out take
        // the other path, which judges every pair first.
        let keep_all = Drops {
            inconsistent: Some(1.0),
            indifferent: Some(u64::MAX),
        };
        let (mut one, mut two) = (segmented(3, Drops::default()), segmented(3, keep_all));
        let answers = [
            None,
            Some(Answer::Like),
            Some(Answer::Dislike),
            Some(Answer::Neutral),
        ];
        let mut seed = 11u64;
        for r in 0..300usize {
            let mut pick = || answers[(next(&mut seed) >> 40) as usize % answers.len()];
            // Every fifth respondent straight-lines.
            let pairs: Vec<PlainPair> = (0..r % 4)
                .map(|slot| match r % 5 {
                    0 => PlainPair {
                        slot: slot as u32,
                        functional: Some(Answer::Like),
                        dysfunctional: Some(Answer::Dislike),
                    },
                    _ => PlainPair {
                        slot: slot as u32,
                        functional: pick(),
                        dysfunctional: pick(),
                    },
                })
                .collect();
            let importance = [(r % 3, Some(r as f64)), ((r + 1) % 3, None)];
            let segment = Some(["a", "b", "c"][r % 3]);
            assert!(one.commit_pairs(&pairs, &importance, segment).unwrap());
            assert!(two.commit_pairs(&pairs, &importance, segment).unwrap());
        }
        assert_eq!(one.features, two.features);
        let quality = |q: Quality| (q.respondents, q.with_questionable, q.straight_liners);
        assert_eq!(quality(one.quality), quality(two.quality));
        assert!(one.quality.straight_liners > 0 && one.quality.with_questionable > 0);
        assert_eq!(
            format!("{:?}", one.finish_segments()),
            format!("{:?}", two.finish_segments())
        );
    }

    #[test]
    fn plain_pairs_are_counted_as_the_outcomes_they_stand_for() {
        const ANSWERS: [Option<Answer>; 6] = [
            Some(Answer::Like),
            Some(Answer::MustBe),
            Some(Answer::Neutral),
            Some(Answer::LiveWith),
            Some(Answer::Dislike),
            None,
        ];
        let drops = [
            Drops::default(),
            Drops {
                inconsistent: Some(0.2),
                indifferent: Some(1),
            },
        ];
        for drops in drops {
            let (mut outcomes, mut plain) = (segmented(4, drops), segmented(4, drops));
            // Respondents of every mix: valid, one-sided, blank and straight-lined pairs.
            let mut seed = 7u64;
            for r in 0..500 {
                let mut respondent = Respondent {
                    segment: Some(["a", "b"][r % 2].to_string()),
                    ..Respondent::default()
                };
                let mut pairs = Vec::new();
                for slot in 0..(r % 5) {
                    next(&mut seed);
                    let pick = |shift: u32| ANSWERS[(seed >> shift) as usize % ANSWERS.len()];
                    let (functional, dysfunctional) = if r % 7 == 0 {
                        (Some(Answer::Like), Some(Answer::Dislike))
                    } else {
                        (pick(33), pick(45))
                    };
                    let outcome = match (functional, dysfunctional) {
                        (Some(f), Some(d)) => Outcome::Pair(f, d),
                        _ => Outcome::Missing {
                            functional,
                            dysfunctional,
                        },
                    };
                    respondent.pairs.push((slot, outcome));
                    pairs.push(PlainPair {
                        slot: slot as u32,
                        functional,
                        dysfunctional,
                    });
                    respondent.importance.push((slot, Some(r as f64)));
                }
                let kept = outcomes.commit(&respondent).unwrap();
                let segment = respondent.segment.as_deref();
                assert_eq!(
                    plain
                        .commit_pairs(&pairs, &respondent.importance, segment)
                        .unwrap(),
                    kept
                );
            }
            assert_eq!(plain.features, outcomes.features);
            assert_eq!(plain.quality, outcomes.quality);
            assert!(outcomes.quality.dropped + outcomes.quality.straight_liners > 0);
            assert_eq!(
                format!("{:?}", plain.finish_segments()),
                format!("{:?}", outcomes.finish_segments())
            );
        }
    }
}
