//! The long layout: one row per respondent and feature, with feature, functional and
//! dysfunctional columns (respondent and importance optional).

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::sync::Mutex;

use super::accumulate::{Accumulator, Outcome, Pair, PlainPair, Respondent};
use super::chunk::{parallel, Chunk, Chunker};
// Ids and feature names are short: compared a word at a time, as the fused path compares cells.
use super::fused::same;
use super::respondents::{Counted, IdCounter};
use super::{decode_cells, find_column, importance_cell, Context, DecodeCache, Feature, Layout};
use super::{ReadOptions, Reading, Survey, Warning};
use crate::error::Error;

mod lean;
mod split;

use split::{records, Record, Reused, Sink};

fn required(
    context: &Context,
    name: Option<&str>,
    default: &str,
    flag: &str,
) -> Result<usize, Error> {
    let wanted = name.unwrap_or(default);
    find_column(&context.header, wanted).ok_or_else(|| Error::Layout {
        path: context.path.clone(),
        message: format!(
            "long layout needs a \"{wanted}\" column, and the header has none (it has: {})",
            crate::error::column_list(&context.header)
        ),
        hint: format!("name the column with {flag} COLUMN"),
    })
}

fn optional(
    context: &Context,
    name: Option<&str>,
    default: &str,
    flag: &str,
) -> Result<Option<usize>, Error> {
    match name {
        Some(_) => required(context, name, default, flag).map(Some),
        None => Ok(find_column(&context.header, default)),
    }
}

/// The columns a long file is read by.
#[derive(Debug, Clone, Copy)]
struct Columns {
    feature: usize,
    functional: usize,
    dysfunctional: usize,
    importance: Option<usize>,
    respondent: Option<usize>,
    segment: Option<usize>,
}

/// Field `index` of `record` on `line` as trimmed UTF-8.
fn text<'r>(
    context: &Context,
    record: &'r impl Record,
    index: usize,
    line: u64,
) -> Result<&'r str, Error> {
    std::str::from_utf8(record.field(index))
        .map(str::trim)
        .map_err(|_| Error::InvalidUtf8 {
            at: context.at_line(line, index),
        })
}

/// The features met in rows, shared by every reading thread: a slot per feature key, with the
/// line and spelling of the earliest row met so far that names it (features are listed in the
/// order of their first rows, and named as spelled there, on every thread count).
#[derive(Debug, Default)]
struct FeatureTable {
    index: HashMap<String, usize>,
    first: Vec<(u64, String)>,
}

/// What every reading thread shares.
struct Reader<'a> {
    context: &'a Context,
    options: &'a ReadOptions,
    columns: Columns,
    /// The answer columns' names, each feature's `columns`.
    answer_columns: Vec<String>,
    table: Mutex<FeatureTable>,
}

/// A run of consecutive rows with one respondent id (every row is one without ids).
#[derive(Debug, Default)]
struct Run {
    /// The id (trimmed), once the run has started.
    id: Option<String>,
    /// The raw bytes of the last id cell: a row whose id cell has the same bytes belongs to the
    /// run without decoding it again.
    raw: Vec<u8>,
    /// The key of `raw`, which the lean path compares id cells with.
    key: lean::Key,
    respondent: Respondent,
    /// The lean path's pairs, not yet in `respondent`: counted as they are when the run has no
    /// other pairs, else moved there, in order, before the general code adds one and before the
    /// run is counted.
    lean_pairs: Reused<PlainPair>,
    /// Per feature slot: answered in this run already.
    answered: Vec<bool>,
}

impl Run {
    /// Moves the lean path's pairs into the respondent, in order.
    fn move_lean_pairs(&mut self) {
        let pairs = self.lean_pairs.take().iter().map(|pair| {
            let outcome = match pair.answers() {
                Some((f, d)) => Outcome::Pair(f, d),
                None => Outcome::Missing {
                    functional: pair.functional,
                    dysfunctional: pair.dysfunctional,
                },
            };
            (pair.slot(), outcome)
        });
        self.respondent.pairs.extend(pairs);
    }
}

/// A feature cell met, as raw bytes.
struct Spelling {
    raw: Box<[u8]>,
    /// The key of `raw`, which the lean path compares feature cells with.
    key: lean::Key,
    /// Its feature's slot.
    slot: usize,
    /// The spelling that followed it last (at first itself).
    next: usize,
}

/// One reading thread's state: its tallies, caches and the run it is in.
struct Rows {
    acc: Accumulator,
    /// The feature cells met, as raw bytes. Most files give every respondent's features in one
    /// order, so the next row's spelling is guessed and compared as bytes before it is looked up.
    spelled: Vec<Spelling>,
    spellings: HashMap<Box<[u8]>, usize>,
    /// The previous row's spelling.
    previous: Option<usize>,
    fcache: DecodeCache,
    dcache: DecodeCache,
    /// The labels of the answer columns met so far, for the lean path.
    flabels: lean::Labels,
    dlabels: lean::Labels,
    rows: u64,
    blank_rows: u64,
    rows_per_feature: Vec<u64>,
    repeated: Repeated,
    run: Run,
    /// Hashes of the ids starting runs, in order, not yet given to the [`IdCounter`].
    starts: Vec<u64>,
}

impl Rows {
    fn new(reader: &Reader) -> Rows {
        let options = reader.options;
        Rows {
            acc: Accumulator::new(
                &reader.context.path,
                Vec::new(),
                options.table,
                options.drops(),
                options.segment.clone(),
            ),
            spelled: Vec::new(),
            spellings: HashMap::new(),
            previous: None,
            fcache: DecodeCache::default(),
            dcache: DecodeCache::default(),
            flabels: lean::Labels::default(),
            dlabels: lean::Labels::default(),
            rows: 0,
            blank_rows: 0,
            rows_per_feature: Vec::new(),
            repeated: Repeated::default(),
            run: Run::default(),
            starts: Vec::new(),
        }
    }

    /// Reads one record on `line`: on the lean path when it can take it, else by the general
    /// code. Inlined into the splitter's loop, so the lean path knows the record's kind.
    #[inline(always)]
    fn row(&mut self, reader: &Reader, record: &impl Record, line: u64) -> Result<(), Error> {
        if self.lean(reader, record, line)? {
            return Ok(());
        }
        self.general(reader, record, line)
    }

    /// Reads one record on `line` that the lean path did not take.
    #[inline(never)]
    fn general(&mut self, reader: &Reader, record: &impl Record, line: u64) -> Result<(), Error> {
        let (context, columns) = (reader.context, reader.columns);
        if (0..record.width()).all(|i| record.field(i).trim_ascii().is_empty()) {
            self.blank_rows += 1;
            return Ok(());
        }
        context.check_count(record.width(), line)?;
        self.rows += 1;
        let slot = self.slot(reader, record, line)?;
        // A new respondent starts when the id changes (or on every row without ids).
        let new_run = match columns.respondent {
            Some(col) => {
                let known = self.run.id.is_some() && same(record.field(col), &self.run.raw);
                !known && self.new_id(reader, record, line)?
            }
            None => true,
        };
        if new_run {
            self.next_run(reader, record, line)?;
        }
        if self.run.answered.len() <= slot {
            self.run.answered.resize(slot + 1, false);
        }
        if columns.respondent.is_some() && self.run.answered[slot] {
            // The respondent answered this feature already in this run: the first answer
            // stands, the repeat is counted and left out.
            let name = text(context, record, columns.feature, line)?;
            self.repeated.add(line, self.run.id.as_deref(), name);
            return Ok(());
        }
        self.run.answered[slot] = true;
        if self.rows_per_feature.len() <= slot {
            self.rows_per_feature.resize(slot + 1, 0);
        }
        self.rows_per_feature[slot] += 1;
        let outcome = decode_cells(
            context,
            line,
            reader.options,
            (
                columns.functional,
                record.field(columns.functional),
                &mut self.fcache,
            ),
            (
                columns.dysfunctional,
                record.field(columns.dysfunctional),
                &mut self.dcache,
            ),
        )?;
        self.learn(
            record.field(columns.functional),
            record.field(columns.dysfunctional),
            &outcome,
        );
        self.run.move_lean_pairs();
        self.run.respondent.pairs.push((slot, outcome));
        if let Some(col) = columns.importance {
            if let Some(value) =
                importance_cell(context, line, reader.options, col, record.field(col))?
            {
                self.run.respondent.importance.push((slot, value));
            }
        }
        Ok(())
    }

    /// Notes the id of a row whose id cell has other bytes than the run's, and says whether it
    /// starts a new run (its trimmed id differs too).
    fn new_id(&mut self, reader: &Reader, record: &impl Record, line: u64) -> Result<bool, Error> {
        let Some(col) = reader.columns.respondent else {
            return Ok(true);
        };
        let id = text(reader.context, record, col, line)?;
        // The key from the cell in its record: a window past the cell, not a padded copy.
        let (tail, len) = record.field_on(col);
        self.run.raw.clear();
        self.run.raw.extend_from_slice(&tail[..len]);
        self.run.key = lean::Key::of(tail, len);
        if self.run.id.as_deref() == Some(id) {
            return Ok(false);
        }
        self.starts.push(super::respondents::hash(id));
        match &mut self.run.id {
            Some(current) => {
                current.clear();
                current.push_str(id);
            }
            None => self.run.id = Some(id.to_string()),
        }
        Ok(true)
    }

    /// Counts the run that ended, and starts the next one with `record`'s segment.
    fn next_run(&mut self, reader: &Reader, record: &impl Record, line: u64) -> Result<(), Error> {
        self.close_run()?;
        if let Some(col) = reader.columns.segment {
            let value = self
                .acc
                .segment_value(text(reader.context, record, col, line)?);
            self.run.respondent.segment = Some(value);
        }
        Ok(())
    }

    /// The feature slot of a record.
    fn slot(&mut self, reader: &Reader, record: &impl Record, line: u64) -> Result<usize, Error> {
        let raw = record.field(reader.columns.feature);
        let guess = self.previous.map(|p| self.spelled[p].next);
        let known = match guess {
            Some(g) if same(&self.spelled[g].raw, raw) => Some(g),
            _ => self.spellings.get(raw).copied(),
        };
        let spelling = match known {
            Some(spelling) => spelling,
            None => self.new_spelling(reader, record, line)?,
        };
        if let Some(p) = self.previous {
            self.spelled[p].next = spelling;
        }
        self.previous = Some(spelling);
        Ok(self.spelled[spelling].slot)
    }

    /// Finds (or makes) the feature of a spelling met for the first time on this thread.
    fn new_spelling(
        &mut self,
        reader: &Reader,
        record: &impl Record,
        line: u64,
    ) -> Result<usize, Error> {
        let context = reader.context;
        let col = reader.columns.feature;
        let name = text(context, record, col, line)?;
        if name.is_empty() {
            return Err(Error::Layout {
                path: context.path.clone(),
                message: format!(
                    "line {line}: the feature column \"{}\" is empty",
                    context.header[col]
                ),
                hint: "every row of a long file names its feature; fill it in or delete the row"
                    .to_string(),
            });
        }
        let key = super::columns::feature_key(name);
        let mut table = reader
            .table
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let slot = match table.index.get(&key) {
            Some(&slot) => {
                let first = &mut table.first[slot];
                if line < first.0 {
                    *first = (line, name.to_string());
                }
                slot
            }
            None => {
                let slot = table.first.len();
                table.first.push((line, name.to_string()));
                table.index.insert(key, slot);
                slot
            }
        };
        grow(&mut self.acc, &table, &reader.answer_columns);
        drop(table);
        let raw: Box<[u8]> = record.field(col).into();
        let spelling = self.spelled.len();
        self.spellings.insert(raw.clone(), spelling);
        self.spelled.push(Spelling {
            key: lean::Key::of(&raw, raw.len()),
            raw,
            slot,
            next: spelling,
        });
        Ok(spelling)
    }

    /// Gives the accumulator every feature any thread has met so far: a run read on another
    /// thread (a chunk's last respondent, handed to the stitcher) may answer features this
    /// thread has not met itself.
    fn grow_to(&mut self, reader: &Reader) {
        let table = reader
            .table
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        grow(&mut self.acc, &table, &reader.answer_columns);
    }

    /// Counts the respondent of the current run (if any) and readies the next run.
    fn close_run(&mut self) -> Result<(), Error> {
        let run = &mut self.run;
        if run.respondent.pairs.is_empty() {
            // Every pair is the lean path's (the common respondent): counted as the plain
            // values they are, with no Outcome made of each.
            let pairs = run.lean_pairs.take();
            if !pairs.is_empty() || !run.respondent.importance.is_empty() {
                self.acc.commit_pairs(
                    pairs,
                    &run.respondent.importance,
                    run.respondent.segment.as_deref(),
                )?;
            }
            if pairs.len() * 4 >= run.answered.len() {
                // Most features answered (the common respondent): cleared in one pass.
                run.answered.fill(false);
            } else {
                for pair in pairs {
                    run.answered[pair.slot()] = false;
                }
            }
        } else {
            run.move_lean_pairs();
            self.acc.commit(&run.respondent)?;
            for (slot, _) in &run.respondent.pairs {
                run.answered[*slot] = false;
            }
        }
        run.respondent.clear();
        Ok(())
    }

    /// Adds another thread's rows (its runs all closed) into these.
    fn merge(&mut self, mut other: Rows, reader: &Reader) -> Result<(), Error> {
        self.flush_labels();
        other.flush_labels();
        let table = reader
            .table
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        grow(&mut self.acc, &table, &reader.answer_columns);
        let mut theirs = other.acc;
        grow(&mut theirs, &table, &reader.answer_columns);
        drop(table);
        self.acc.merge(theirs)?;
        self.fcache.merge(other.fcache);
        self.dcache.merge(other.dcache);
        self.rows += other.rows;
        self.blank_rows += other.blank_rows;
        if self.rows_per_feature.len() < other.rows_per_feature.len() {
            self.rows_per_feature
                .resize(other.rows_per_feature.len(), 0);
        }
        for (mine, theirs) in self.rows_per_feature.iter_mut().zip(other.rows_per_feature) {
            *mine += theirs;
        }
        self.repeated.merge(other.repeated);
        Ok(())
    }
}

/// Gives `acc` every feature of `table` it lacks.
fn grow(acc: &mut Accumulator, table: &FeatureTable, columns: &[String]) {
    while acc.features.len() < table.first.len() {
        let name = table.first[acc.features.len()].1.clone();
        acc.features.push(Feature::new(name, columns.to_vec()));
    }
}

/// What a thread read from one chunk, for the [`Stitcher`].
struct Piece {
    /// The chunk's first rows, up to the first change of respondent id: they may go on with the
    /// previous chunk's last respondent, so they are read in file order by the stitcher.
    head: Vec<(u64, csv::ByteRecord)>,
    /// The error that stopped the chunk's other rows.
    error: Option<Error>,
    /// The chunk's last run, which may go on in the next chunk.
    tail: Option<Run>,
    /// Hashes of the ids starting runs after the head, in order.
    starts: Vec<u64>,
    repeated: Repeated,
}

/// Joins the chunks' seams in file order: each chunk's head rows go on with the run left open
/// by the chunk before, the run ids are counted in file order, and the first error in file
/// order is the one reported.
struct Stitcher {
    next: usize,
    waiting: BTreeMap<usize, Piece>,
    rows: Rows,
    ids: IdCounter,
    error: Option<Error>,
}

impl Stitcher {
    /// Takes the pieces that are next in file order.
    fn advance(&mut self, reader: &Reader) {
        while self.error.is_none() {
            let Some(piece) = self.waiting.remove(&self.next) else {
                break;
            };
            self.next += 1;
            if let Err(e) = self.take(reader, piece) {
                self.error = Some(e);
            }
        }
    }

    fn take(&mut self, reader: &Reader, piece: Piece) -> Result<(), Error> {
        // The run left open by the piece before (closed by this piece's first new id) and this
        // piece's own tail answer features their workers met: give the stitcher's accumulator
        // every feature known so far before it counts them.
        self.rows.grow_to(reader);
        for (line, record) in &piece.head {
            self.rows.row(reader, record, *line)?;
        }
        for hash in self.rows.starts.drain(..) {
            self.ids.start_hash(hash);
        }
        if let Some(e) = piece.error {
            return Err(e);
        }
        for hash in piece.starts {
            self.ids.start_hash(hash);
        }
        self.rows.repeated.merge(piece.repeated);
        if let Some(tail) = piece.tail {
            self.rows.close_run()?;
            self.rows.run = tail;
        }
        Ok(())
    }
}

/// Reads the rows of a long file. With a respondent column, consecutive rows of one respondent
/// are checked together (questionable pairs, straight-lining). Chunks of rows are read on
/// `options.threads` threads; a respondent whose rows straddle two chunks is joined by the
/// [`Stitcher`], so every thread count gives the same results, warnings and errors.
pub(crate) fn read(
    context: &mut Context,
    rest: Box<dyn Read>,
    options: &ReadOptions,
    mut reading: Reading,
) -> Result<Survey, Error> {
    let names = &options.columns;
    let feature_col = required(
        context,
        names.feature.as_deref(),
        "feature",
        "--feature-col",
    )?;
    let functional_col = required(
        context,
        names.functional.as_deref(),
        "functional",
        "--functional-col",
    )?;
    let dysfunctional_col = required(
        context,
        names.dysfunctional.as_deref(),
        "dysfunctional",
        "--dysfunctional-col",
    )?;
    let importance_col = optional(
        context,
        names.importance.as_deref(),
        "importance",
        "--importance-col",
    )?;
    let respondent_col = optional(
        context,
        names.respondent.as_deref(),
        "respondent",
        "--respondent-col",
    )?;
    let segment_col = match &options.segment {
        Some(spec) => Some(required(context, Some(&spec.column), &spec.column, "--by")?),
        None => None,
    };
    let drops = options.drops();
    let flag = match (drops.inconsistent, drops.indifferent) {
        (Some(_), _) => Some("--drop-inconsistent"),
        (None, Some(_)) => Some("--max-indifferent"),
        (None, None) => None,
    };
    if let (Some(flag), None) = (flag, respondent_col) {
        return Err(Error::usage(
            format!(
                "{flag} needs to tell respondents apart, and this long file has no respondent \
                 column"
            ),
            "name it with --respondent-col COLUMN",
        ));
    }
    let used = [
        Some(feature_col),
        Some(functional_col),
        Some(dysfunctional_col),
        importance_col,
        respondent_col,
        segment_col,
    ];
    let ignored: Vec<String> = (0..context.header.len())
        .filter(|i| !used.contains(&Some(*i)))
        .map(|i| context.header[i].clone())
        .collect();
    let answer_columns = [
        Some(functional_col),
        Some(dysfunctional_col),
        importance_col,
    ]
    .into_iter()
    .flatten()
    .map(|i| context.header[i].clone())
    .collect();
    let context: &Context = context;
    let reader = Reader {
        context,
        options,
        columns: Columns {
            feature: feature_col,
            functional: functional_col,
            dysfunctional: dysfunctional_col,
            importance: importance_col,
            respondent: respondent_col,
            segment: segment_col,
        },
        answer_columns,
        table: Mutex::new(FeatureTable::default()),
    };
    let threads = match options.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let chunker = Chunker::new(rest, context);
    let (rows, ids) = if threads <= 1 {
        one_thread(&reader, chunker)?
    } else {
        threaded(&reader, chunker, threads)?
    };
    reading.pairing = "long rows".to_string();
    reading.ignored_columns = ignored;
    finish(reader, rows, ids, reading)
}

fn progress(options: &ReadOptions, bytes: u64) {
    if let Some(report) = &options.progress {
        report(bytes);
    }
}

/// Reads the rows of chunks read in file order.
struct InOrder<'a, 'r> {
    rows: &'a mut Rows,
    reader: &'a Reader<'r>,
}

impl Sink for InOrder<'_, '_> {
    type Error = Error;
    #[inline(always)]
    fn row(&mut self, record: &impl Record, line: u64) -> Result<(), Error> {
        self.rows.row(self.reader, record, line)
    }
}

/// Reads the rows of one chunk of several read at once: its head rows, up to the first change
/// of respondent id, are copied for the [`Stitcher`]; the others are read.
struct Worker<'a, 'r> {
    rows: &'a mut Rows,
    reader: &'a Reader<'r>,
    /// Whether the head goes on.
    in_head: bool,
    head: Vec<(u64, csv::ByteRecord)>,
    /// The head's id cell: its bytes, and its trimmed text if UTF-8.
    head_id: Option<(Vec<u8>, Option<String>)>,
}

impl Worker<'_, '_> {
    /// Copies `record` into the head if it is a head row, and says whether it was.
    #[inline(never)]
    fn take_head(&mut self, record: &impl Record, line: u64) -> bool {
        let Some(col) = self.reader.columns.respondent else {
            return false;
        };
        let blank = (0..record.width()).all(|i| record.field(i).trim_ascii().is_empty());
        let raw = record.field(col);
        let trimmed = || std::str::from_utf8(raw).ok().map(str::trim);
        let same = match &self.head_id {
            _ if blank => true,
            None => {
                self.head_id = Some((raw.to_vec(), trimmed().map(str::to_string)));
                true
            }
            Some((bytes, id)) => *bytes == raw || (id.is_some() && id.as_deref() == trimmed()),
        };
        if same {
            let mut copy = csv::ByteRecord::new();
            for i in 0..record.width() {
                copy.push_field(record.field(i));
            }
            self.head.push((line, copy));
        }
        same
    }
}

impl Sink for Worker<'_, '_> {
    type Error = Error;
    #[inline(always)]
    fn row(&mut self, record: &impl Record, line: u64) -> Result<(), Error> {
        if self.in_head {
            if self.take_head(record, line) {
                return Ok(());
            }
            self.in_head = false;
        }
        self.rows.row(self.reader, record, line)
    }
}

/// Reads every row in order on this thread.
fn one_thread(
    reader: &Reader,
    mut chunker: Chunker<Box<dyn Read>>,
) -> Result<(Rows, IdCounter), Error> {
    let context = reader.context;
    let mut rows = Rows::new(reader);
    let mut ids = IdCounter::default();
    while let Some(chunk) = chunker.next_chunk()? {
        let data = chunk.data();
        records(
            data,
            context.delimiter,
            chunk.first_line,
            &mut InOrder {
                rows: &mut rows,
                reader,
            },
            |open| context.unterminated(open),
        )?;
        for hash in rows.starts.drain(..) {
            ids.start_hash(hash);
        }
        progress(reader.options, chunker.bytes);
        chunker.recycle(chunk.into_buffer());
    }
    rows.close_run()?;
    Ok((rows, ids))
}

/// Reads chunks on `threads` threads; the [`Stitcher`] joins their seams in file order.
fn threaded(
    reader: &Reader,
    chunker: Chunker<Box<dyn Read>>,
    threads: usize,
) -> Result<(Rows, IdCounter), Error> {
    let context = reader.context;
    let stitcher = Mutex::new(Stitcher {
        next: 0,
        waiting: BTreeMap::new(),
        rows: Rows::new(reader),
        ids: IdCounter::default(),
        error: None,
    });
    // Returned by a thread to stop the reading; the stitcher holds the error to report.
    let stop = || Error::usage("reading stopped at an error", "");
    let work = |rows: &mut Rows, chunk: &Chunk| -> Result<(), Error> {
        let data = chunk.data();
        let mut sink = Worker {
            rows: &mut *rows,
            reader,
            // Without ids every row is a respondent of its own: no run goes on past a chunk.
            in_head: reader.columns.respondent.is_some(),
            head: Vec::new(),
            head_id: None,
        };
        let scanned = records(
            data,
            context.delimiter,
            chunk.first_line,
            &mut sink,
            |open| context.unterminated(open),
        );
        let head = sink.head;
        let mut error = scanned.err();
        if error.is_none() && reader.columns.respondent.is_none() {
            error = rows.close_run().err();
        }
        let tail = match (&error, &rows.run.id) {
            (None, Some(_)) => Some(std::mem::take(&mut rows.run)),
            _ => None,
        };
        rows.run = Run::default();
        let failed = error.is_some();
        let piece = Piece {
            head,
            error,
            tail,
            starts: std::mem::take(&mut rows.starts),
            repeated: std::mem::take(&mut rows.repeated),
        };
        let mut stitcher = stitcher
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        stitcher.waiting.insert(chunk.index, piece);
        stitcher.advance(reader);
        if failed || stitcher.error.is_some() {
            return Err(stop());
        }
        Ok(())
    };
    let read = parallel(
        chunker,
        threads,
        || Rows::new(reader),
        work,
        |bytes| progress(reader.options, bytes),
    );
    let mut stitcher = stitcher
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(e) = stitcher.error.take() {
        return Err(e);
    }
    let workers = read?;
    // Every piece has arrived: the last run is complete.
    stitcher.advance(reader);
    if let Some(e) = stitcher.error.take() {
        return Err(e);
    }
    let mut rows = stitcher.rows;
    rows.grow_to(reader);
    rows.close_run()?;
    for worker in workers {
        rows.merge(worker, reader)?;
    }
    Ok((rows, stitcher.ids))
}

/// The survey from the rows read.
fn finish(
    reader: Reader,
    mut rows: Rows,
    ids: IdCounter,
    mut reading: Reading,
) -> Result<Survey, Error> {
    rows.flush_labels();
    let Reader {
        context,
        options,
        columns,
        answer_columns,
        table,
    } = reader;
    let table = table
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let Rows {
        mut acc,
        fcache,
        dcache,
        rows,
        blank_rows,
        rows_per_feature,
        repeated,
        ..
    } = rows;
    reading.blank_rows += blank_rows;
    if rows == 0 {
        return Err(Error::HeaderOnly {
            path: context.path.clone(),
        });
    }
    let mut warnings = Vec::new();
    let respondents = match columns.respondent {
        Some(_) => {
            let (count, how) = ids.count();
            match how {
                Counted::Exact if ids.returned() => warnings.push(Warning::IdsReturn {
                    respondents: count,
                    runs: ids.runs,
                }),
                Counted::Exact => {}
                Counted::Runs { estimate } => warnings.push(Warning::RespondentsByRuns {
                    runs: count,
                    estimate,
                    limit: super::respondents::EXACT_IDS as u64,
                }),
                Counted::Estimate { runs } => warnings.push(Warning::RespondentsEstimated {
                    estimate: count,
                    runs,
                    limit: super::respondents::EXACT_IDS as u64,
                }),
            }
            count
        }
        None => rows_per_feature.iter().copied().max().unwrap_or(0),
    };
    if let Some((line, id, feature)) = repeated.first {
        warnings.push(Warning::RepeatedAnswers {
            count: repeated.count,
            line,
            respondent: id,
            feature,
        });
    }
    fcache.census_into(&mut reading.labels);
    dcache.census_into(&mut reading.labels);
    grow(&mut acc, &table, &answer_columns);
    let segments = acc.finish_segments();
    // Features in the order of their first rows, named as spelled there.
    let order = |features: Vec<Feature>| -> Vec<Feature> {
        let mut firsts: Vec<(u64, Feature)> = features
            .into_iter()
            .zip(&table.first)
            .map(|(mut feature, (line, name))| {
                feature.name.clone_from(name);
                (*line, feature)
            })
            .collect();
        firsts.sort_by_key(|(line, _)| *line);
        firsts.into_iter().map(|(_, feature)| feature).collect()
    };
    let features = order(acc.features);
    let segments: Vec<_> = segments
        .into_iter()
        .map(|mut segment| {
            segment.features = order(std::mem::take(&mut segment.features));
            segment
        })
        .collect();
    let quality = columns.respondent.map(|_| acc.quality);
    Ok(Survey {
        path: context.path.clone(),
        layout: Layout::Long,
        respondents: Some(respondents),
        features,
        warnings,
        reading,
        quality,
        segments: options
            .segment
            .as_ref()
            .map(|s| (s.column.clone(), segments)),
    })
}

/// Rows that repeat a respondent's answer to a feature within their run of rows.
#[derive(Debug, Default)]
struct Repeated {
    count: u64,
    /// The first: its line, respondent and feature.
    first: Option<(u64, String, String)>,
}

impl Repeated {
    fn add(&mut self, line: u64, id: Option<&str>, feature: &str) {
        self.count += 1;
        if self.first.is_none() {
            self.first = Some((
                line,
                id.unwrap_or_default().to_string(),
                feature.to_string(),
            ));
        }
    }

    /// Adds repeats found later in the file.
    fn merge(&mut self, later: Repeated) {
        self.count += later.count;
        if self.first.is_none() {
            self.first = later.first;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::answer::Answer;
    use crate::input::{read_survey, Layout, LayoutChoice, ReadOptions, SegmentSpec};

    #[test]
    fn cells_compared_a_word_at_a_time_are_equal_exactly_when_their_bytes_are() {
        let cells: [&[u8]; 9] = [
            b"",
            b"r1",
            b"r2",
            b"F10",
            b"Feature",
            b"Features",
            b"Feature 12",
            b"Feature 13",
            b"respondent 1234567",
        ];
        for a in cells {
            for b in cells {
                assert_eq!(super::same(a, b), a == b, "{a:?} {b:?}");
            }
        }
    }

    const LABELS: [&str; 5] = [
        "I like it",
        "I expect it",
        "I am neutral",
        "I can live with it",
        "I dislike it",
    ];

    /// The same survey as a long file (feature names and ids in varying spellings, quoted
    /// cells, several chunks) and as a wide one.
    fn survey(respondents: usize) -> (String, String) {
        let features = ["Dark mode", "Sync", "Offline maps"];
        let spellings = [
            ["Dark mode", " dark  MODE", "\"Dark mode\""],
            ["Sync", "sync ", "\"SYNC\""],
            ["Offline maps", "offline maps", "\" Offline  maps\""],
        ];
        let mut long = String::from("respondent,feature,functional,dysfunctional,plan\n");
        let mut wide = String::from("respondent,plan");
        for f in features {
            wide.push_str(&format!(",{f} (functional),{f} (dysfunctional)"));
        }
        wide.push('\n');
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for r in 0..respondents {
            let plan = ["free", "pro", ""][r % 3];
            wide.push_str(&format!("r{r},{plan}"));
            for (f, names) in spellings.iter().enumerate() {
                let (a, b) = ((next() % 5) as usize, (next() % 5) as usize);
                let id = &[format!("r{r}"), format!(" r{r}"), format!("\"r{r} \"")][f];
                let name = names[if r == 0 { 0 } else { (r + f) % 3 }];
                long.push_str(&format!(
                    "{id},{name},{},\"{}\",{plan}\n",
                    LABELS[a], LABELS[b]
                ));
                wide.push_str(&format!(",{},{}", LABELS[a], LABELS[b]));
            }
            wide.push('\n');
        }
        (long, wide)
    }

    /// A long file and its wide twin written to a new directory (kept while it lives); the
    /// long one spans several chunks of the threaded reader.
    fn write_twins(
        long: &str,
        wide: &str,
    ) -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
        assert!(long.len() > 3 << 20, "{}", long.len());
        let dir = tempfile::tempdir().unwrap();
        let (long_path, wide_path) = (dir.path().join("long.csv"), dir.path().join("wide.csv"));
        std::fs::write(&long_path, long).unwrap();
        std::fs::write(&wide_path, wide).unwrap();
        (dir, long_path, wide_path)
    }

    /// `path` read as a long file with no other option, on `threads` threads.
    fn read_long(
        path: &std::path::Path,
        threads: usize,
    ) -> Result<crate::input::Survey, crate::error::Error> {
        let options = ReadOptions {
            layout: LayoutChoice::Fixed(Layout::Long),
            threads,
            ..ReadOptions::default()
        };
        read_survey(&path.to_string_lossy(), &options)
    }

    fn read(path: &std::path::Path, layout: LayoutChoice) -> String {
        read_on(path, layout, 0)
    }

    fn read_on(path: &std::path::Path, layout: LayoutChoice, threads: usize) -> String {
        let options = ReadOptions {
            layout,
            threads,
            drop_inconsistent: Some(0.5),
            max_indifferent: Some(1),
            segment: Some(SegmentSpec {
                column: "plan".to_string(),
                bins: None,
            }),
            ..ReadOptions::default()
        };
        let survey = read_survey(&path.to_string_lossy(), &options).unwrap();
        let features: Vec<_> = survey
            .features
            .iter()
            .map(|f| (f.name.clone(), f.tally))
            .collect();
        let segments: Vec<_> = survey
            .segments
            .unwrap()
            .1
            .iter()
            .map(|s| {
                let tallies: Vec<_> = s.features.iter().map(|f| f.tally).collect();
                (s.value.clone(), s.respondents, tallies)
            })
            .collect();
        format!(
            "{:?}",
            (features, survey.quality, survey.respondents, segments)
        )
    }

    /// A survey whose rows the lean path takes: plain cells, every respondent's features in
    /// one order, some answer cells blank, as a long file and as a wide one.
    fn plain_survey(respondents: usize) -> (String, String) {
        let features = [
            "Dark mode",
            "Sync",
            "Offline maps",
            "A feature named at some length",
        ];
        let mut long = String::from("respondent,feature,functional,dysfunctional,plan\n");
        let mut wide = String::from("respondent,plan");
        for f in features {
            wide.push_str(&format!(",{f} (functional),{f} (dysfunctional)"));
        }
        wide.push('\n');
        let labels = [LABELS[0], LABELS[1], LABELS[2], LABELS[3], LABELS[4], ""];
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 6) as usize
        };
        for r in 0..respondents {
            let plan = ["free", "pro", ""][r % 3];
            wide.push_str(&format!("respondent {r},{plan}"));
            for f in features {
                let (a, b) = (labels[next()], labels[next()]);
                long.push_str(&format!("respondent {r},{f},{a},{b},{plan}\n"));
                wide.push_str(&format!(",{a},{b}"));
            }
            wide.push('\n');
        }
        (long, wide)
    }

    #[test]
    fn a_plain_long_file_reads_as_its_wide_twin_on_one_two_and_three_threads() {
        let (long, wide) = plain_survey(30_000);
        let (_dir, long_path, wide_path) = write_twins(&long, &wide);
        let twin = read(&wide_path, LayoutChoice::Fixed(Layout::Wide));
        assert!(twin.contains("respondents: 30000"), "{twin}");
        for threads in [1, 2, 3] {
            let from_long = read_on(&long_path, LayoutChoice::Fixed(Layout::Long), threads);
            assert_eq!(from_long, twin, "{threads} threads");
        }
    }

    #[test]
    fn respondents_answering_a_few_of_many_features_are_counted_on_one_two_and_three_threads() {
        // Respondent r answers the features i with (i + r) % 6 == 0: two or three of sixteen,
        // each followed by the same feature every time (so the lean path takes most rows), and
        // a feature left unanswered by one respondent is answered by a later one.
        counted_on_one_two_and_three_threads(40_000, |r| {
            (0..16)
                .filter(|i| (i + r) % 6 == 0)
                .map(|i| format!("F{i:02}"))
                .collect()
        });
    }

    #[test]
    fn features_first_met_in_a_chunks_last_respondent_are_counted_on_one_two_and_three_threads() {
        // Every respondent first answers a feature of its own, met nowhere before: a chunk's
        // last (unfinished) respondent, handed to the stitcher, answers a feature the
        // stitcher's own rows never met (this panicked on two threads).
        counted_on_one_two_and_three_threads(40_000, |r| {
            vec![format!("Own {r}"), "Alpha".to_string(), "Beta".to_string()]
        });
    }

    /// A long file of `respondents` answering the features `features_of(r)` names, in that
    /// order, read on 1, 2 and 3 threads: each gives the tallies and respondents written.
    fn counted_on_one_two_and_three_threads(
        respondents: usize,
        features_of: impl Fn(usize) -> Vec<String>,
    ) {
        let mut long = String::from("respondent,feature,functional,dysfunctional\n");
        let mut expected = std::collections::BTreeMap::new();
        for r in 0..respondents {
            for (i, name) in features_of(r).into_iter().enumerate() {
                let (f, d) = ((r * 3 + i) % 5, (r * 7 + i * 5) % 5);
                long.push_str(&format!("r{r},{name},{},{}\n", LABELS[f], LABELS[d]));
                expected
                    .entry(name)
                    .or_insert_with(crate::tally::Tally::default)
                    .add(Answer::ALL[f], Answer::ALL[d]);
            }
        }
        assert!(long.len() > 3 << 20, "{}", long.len());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.csv");
        std::fs::write(&path, long).unwrap();
        for threads in [1, 2, 3] {
            let survey = read_long(&path, threads).unwrap();
            let tallies: std::collections::BTreeMap<_, _> = survey
                .features
                .iter()
                .map(|f| (f.name.clone(), f.tally))
                .collect();
            assert_eq!(tallies, expected, "{threads} threads");
            let quality = survey.quality.unwrap();
            assert_eq!(quality.respondents, respondents as u64, "{threads} threads");
        }
    }

    #[test]
    fn a_long_file_over_several_chunks_reads_as_its_wide_twin() {
        let (long, wide) = survey(40_000);
        let (_dir, long_path, wide_path) = write_twins(&long, &wide);
        let from_long = read(&long_path, LayoutChoice::Fixed(Layout::Long));
        assert!(from_long.contains("respondents: 40000"), "{from_long}");
        assert_eq!(
            from_long,
            read(&wide_path, LayoutChoice::Fixed(Layout::Wide))
        );
    }

    /// A long file whose rows the lean path takes at the start of most respondents: ids spelled
    /// two ways within a respondent (one run), answers repeated in a run (some on a row whose
    /// id cell is spelled the other way), and its wide twin (first answers only); the lines of
    /// the repeats.
    fn respelled_survey(respondents: usize) -> (String, String, Vec<u64>) {
        let features = ["Dark mode", "Sync", "Offline maps", "Widgets"];
        let mut long = String::from("respondent,feature,functional,dysfunctional,plan\n");
        let mut wide = String::from("respondent,plan");
        for f in features {
            wide.push_str(&format!(",{f} (functional),{f} (dysfunctional)"));
        }
        wide.push('\n');
        let mut repeats = Vec::new();
        let mut line = 1;
        for r in 0..respondents {
            let plan = ["free", "pro"][r % 2];
            let id = |k: usize| match (r + k) % 3 {
                0 => format!(" respondent {r}"),
                _ => format!("respondent {r}"),
            };
            wide.push_str(&format!("respondent {r},{plan}"));
            for (f, name) in features.iter().enumerate() {
                let (a, b) = (LABELS[(r + f) % 5], LABELS[(r * 7 + f * 3) % 5]);
                line += 1;
                long.push_str(&format!("{},{name},{a},{b},{plan}\n", id(f)));
                wide.push_str(&format!(",{a},{b}"));
            }
            if r % 7 == 0 {
                // A repeat of the first feature, its id spelled as the row before or not.
                line += 1;
                repeats.push(line);
                let spelled = id(if r % 14 == 0 { 3 } else { 4 });
                let (a, b) = (LABELS[0], LABELS[1]);
                long.push_str(&format!("{spelled},Dark mode,{a},{b},{plan}\n"));
            }
            wide.push('\n');
        }
        (long, wide, repeats)
    }

    #[test]
    fn respondents_starting_on_the_lean_path_read_as_the_wide_twin_on_one_two_and_three_threads() {
        let (long, wide, repeats) = respelled_survey(30_000);
        let (_dir, long_path, wide_path) = write_twins(&long, &wide);
        let twin = read(&wide_path, LayoutChoice::Fixed(Layout::Wide));
        assert!(twin.contains("respondents: 30000"), "{twin}");
        for threads in [1, 2, 3] {
            let from_long = read_on(&long_path, LayoutChoice::Fixed(Layout::Long), threads);
            assert_eq!(from_long, twin, "{threads} threads");
            let survey = read_long(&long_path, threads).unwrap();
            let warnings: Vec<String> = survey.warnings.iter().map(|w| w.to_string()).collect();
            let expected = format!(
                "{} row(s) repeat an answer the respondent already gave to the feature in the \
                 same run of rows (first: line {}, respondent \"respondent 0\", feature \
                 \"Dark mode\")",
                repeats.len(),
                repeats[0]
            );
            assert!(
                warnings.iter().any(|w| w.starts_with(&expected)),
                "{threads} threads: {warnings:?}"
            );
        }
    }

    #[test]
    fn an_id_that_is_not_utf8_on_a_respondents_first_row_is_reported_at_its_line_on_any_threads() {
        let (long, _, _) = respelled_survey(30_000);
        // Respondent 20001's first row (past the first chunks; the lean path's), its id cell made
        // invalid.
        let at = long.find("respondent 20001,").unwrap();
        let line = long[..at].matches('\n').count() + 1;
        let mut bytes = long.into_bytes();
        bytes[at] = 0xFF;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.csv");
        std::fs::write(&path, bytes).unwrap();
        for threads in [1, 2, 3] {
            let error = read_long(&path, threads).unwrap_err();
            let message = error.to_string();
            assert!(
                message.contains(&format!(
                    "line {line}, column \"respondent\": bytes that are not valid UTF-8"
                )),
                "{threads} threads: {message}"
            );
        }
    }
}
