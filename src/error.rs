//! The library's errors and warnings: each says where (file, line, column, value), what was
//! found, what was expected, and how to fix it.

use std::fmt;
use std::io;

/// Makes untrusted text safe to print in a terminal: control characters become visible escapes.
pub fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control()
            || matches!(
                c,
                '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            )
        {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod printable_tests {
    use super::printable;

    #[test]
    fn every_bidi_control_is_escaped() {
        // LRM and RLM slipped through (found by the render fuzz target), as did the Arabic mark.
        for c in [
            '\u{200E}', '\u{200F}', '\u{061C}', '\u{202E}', '\u{2067}', '\u{009B}',
        ] {
            let shown = printable(&format!("a{c}b"));
            assert!(!shown.contains(c), "{c:?} -> {shown:?}");
            assert!(shown.starts_with('a') && shown.ends_with('b'));
        }
    }
}

/// The most characters of one cell or column name that a message shows.
pub const SHOWN_CHARS: usize = 80;

/// [`printable`], cut to [`SHOWN_CHARS`] characters with a note of the full length, so a
/// pathological 100 MB cell gives a one-line message, not 100 MB of standard error.
pub fn shown(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        None => printable(text),
        Some((end, _)) => format!(
            "{}... ({} bytes in all)",
            printable(&text[..end]),
            text.len()
        ),
    }
}

/// Where in an input file something happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The path as the user gave it (`<stdin>` for `-`).
    pub path: String,
    /// 1-based line number of the record.
    pub line: u64,
    /// The column's header.
    pub column: String,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} line {}, column \"{}\"",
            printable(&self.path),
            self.line,
            shown(&self.column)
        )
    }
}

/// Everything that can go wrong reading and analysing a survey.
#[derive(Debug)]
pub enum Error {
    /// The file could not be opened or read.
    Io {
        /// The path.
        path: String,
        /// The cause.
        source: io::Error,
    },
    /// The file has no bytes (or only blank lines).
    Empty {
        /// The path.
        path: String,
    },
    /// The file has a header row and nothing else.
    HeaderOnly {
        /// The path.
        path: String,
    },
    /// The CSV itself is malformed.
    Csv {
        /// The path.
        path: String,
        /// 1-based line.
        line: u64,
        /// What the parser said.
        message: String,
    },
    /// A quoted value whose quote is never closed: the rest of the file would be one cell.
    UnterminatedQuote {
        /// Where the quote opens.
        at: Position,
        /// The start of the value after the quote.
        value: String,
        /// The lines from the quote to the end of the file (or of the longest record read).
        lines: u64,
    },
    /// A row has a different number of fields than the header.
    Ragged {
        /// The path.
        path: String,
        /// 1-based line.
        line: u64,
        /// Fields in the header.
        expected: u64,
        /// Fields in this row.
        found: u64,
    },
    /// Bytes that are not UTF-8.
    InvalidUtf8 {
        /// Where.
        at: Position,
    },
    /// An answer label no wording or mapping decodes.
    UnknownAnswer {
        /// Where.
        at: Position,
        /// The label.
        value: String,
    },
    /// An importance cell that is not a number or a "7 - Very important" label.
    BadImportance {
        /// Where.
        at: Position,
        /// The cell.
        value: String,
    },
    /// A count in the counts layout that is not a non-negative integer.
    BadCount {
        /// Where.
        at: Position,
        /// The cell.
        value: String,
    },
    /// A count in the counts layout, or a feature's total, beyond 2^53.
    CountTooLarge {
        /// Where.
        at: Position,
        /// The cell.
        value: String,
    },
    /// The layout could not be determined, or a column it needs is absent.
    Layout {
        /// The path.
        path: String,
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// Answer columns hold labels kano neither knows nor could infer; the message positions the
    /// first and lists them all.
    Labels {
        /// What is wrong, positioned.
        message: String,
        /// How to fix it.
        hint: String,
    },
    /// Two columns or rows define the same feature.
    DuplicateFeature {
        /// The path.
        path: String,
        /// The feature name.
        name: String,
        /// Where the two definitions are.
        detail: String,
    },
    /// A command-line value or a file named by one is malformed.
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        hint: String,
    },
}

impl Error {
    /// A usage error with a hint.
    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Error {
        Error::Usage {
            message: message.into(),
            hint: hint.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => {
                write!(f, "{}: {source}", printable(path))?;
                if source.kind() == io::ErrorKind::NotFound {
                    write!(f, "; check the path, or use - to read standard input")?;
                }
                Ok(())
            }
            Error::Empty { path } => write!(
                f,
                "{} is empty; expected a header row and one row of answers per respondent",
                printable(path)
            ),
            Error::HeaderOnly { path } => write!(
                f,
                "{} has a header row but no answers; export the survey's responses, not just \
                 its questions",
                printable(path)
            ),
            Error::Csv {
                path,
                line,
                message,
            } => write!(
                f,
                "{} line {line}: malformed CSV: {}; check quoting on that line",
                printable(path),
                printable(message)
            ),
            Error::UnterminatedQuote { at, value, lines } => write!(
                f,
                "{at}: the quote opening the value \"{}\" is never closed, so {lines} line(s) \
                 from there on would be read as one cell; close the quote, or write a quote \
                 inside a quoted value as two (\"\"); --skip-invalid does not skip this, as the \
                 rows after it cannot be told apart",
                shown(value)
            ),
            Error::Ragged {
                path,
                line,
                expected,
                found,
            } => write!(
                f,
                "{} line {line}: {found} fields, but the header has {expected}; a row was cut \
                 or a field holds an unquoted delimiter (quote fields that contain one)",
                printable(path)
            ),
            Error::InvalidUtf8 { at } => write!(
                f,
                "{at}: bytes that are not valid UTF-8; give the encoding with --encoding \
                 windows-1252 (or utf-16le, ...), or save the file as UTF-8 (in Excel: \
                 \"CSV UTF-8\")"
            ),
            Error::UnknownAnswer { at, value } if value.chars().nth(SHOWN_CHARS).is_some() => {
                write!(
                    f,
                    "{at}: unknown answer \"{}\"; {}; map labels with --answer \"LABEL=neutral\" \
                     (or the answer they mean), or skip such cells with --skip-invalid",
                    shown(value),
                    crate::answer::ACCEPTED_HINT
                )
            }
            Error::UnknownAnswer { at, value } => {
                let value = printable(value);
                write!(
                    f,
                    "{at}: unknown answer \"{value}\"; {}; map it with --answer \"{value}=neutral\" \
                     (or the answer it means), or skip such cells with --skip-invalid",
                    crate::answer::ACCEPTED_HINT
                )
            }
            Error::BadImportance { at, value } => write!(
                f,
                "{at}: importance \"{}\" is not a number; expected a number such as 7, a \
                 label starting with one such as \"7 - Very important\", or a verbal scale \
                 label such as \"Very important\"; fix the cell, map labels to numbers with \
                 --importance-scale \"LABEL=1,...\", or skip such cells with --skip-invalid",
                shown(value)
            ),
            Error::BadCount { at, value } => write!(
                f,
                "{at}: count \"{}\" is not a whole number of respondents; counts must be \
                 integers 0 or more, adding up to at most 2^53 per feature",
                shown(value)
            ),
            Error::CountTooLarge { at, value } => write!(
                f,
                "{at}: count \"{}\" is too large: a feature's counts may add up to at most 2^53 \
                 (9007199254740992), beyond which they are no longer exact; check the cell, or \
                 divide every count by a common factor",
                shown(value)
            ),
            Error::Layout {
                path,
                message,
                hint,
            } => write!(f, "{}: {message}; {hint}", printable(path)),
            Error::DuplicateFeature { path, name, detail } => write!(
                f,
                "{}: feature \"{}\" is defined twice ({}); rename one so every feature has \
                 its own name",
                printable(path),
                printable(name),
                printable(detail)
            ),
            Error::Usage { message, hint } | Error::Labels { message, hint } => {
                write!(f, "{message}; {hint}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Something worth telling the user that does not stop the analysis.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// The text encoding was guessed (UTF-16 without a byte-order mark).
    GuessedEncoding {
        /// The encoding read, as the reading section names it.
        encoding: String,
    },
    /// Importance labels read on a verbal scale.
    ImportanceScale(crate::input::importance::Decoded),
    /// Long-layout columns found under other names: feature, functional, dysfunctional.
    LongColumns([String; 3]),
    /// Answer labels whose meaning kano inferred (label and answer), the option order that
    /// confirms or gave them, and how codes beside them are read.
    InferredAnswers(crate::input::infer::Summary),
    /// Functional, dysfunctional or importance columns without a twin.
    UnpairedColumns(Vec<String>),
    /// Features whose two questions carry no negation (antonyms) and were paired by position.
    PairedByPosition(Vec<String>),
    /// Question columns with no answer in the rows sampled to recognize answer columns (a form
    /// edited later), read because their questions pair.
    UnsampledColumns(Vec<String>),
    /// Features asked in two form versions (question text, then a grid), read as one each.
    MergedVersions(Vec<crate::input::MergedVersions>),
    /// Long layout: rows repeating a respondent's answer to a feature, left out.
    RepeatedAnswers {
        /// How many rows.
        count: u64,
        /// The first one's line.
        line: u64,
        /// Its respondent.
        respondent: String,
        /// Its feature.
        feature: String,
    },
    /// Long layout: respondent ids that come back after other ids' rows.
    IdsReturn {
        /// Distinct ids.
        respondents: u64,
        /// Runs of rows with one id.
        runs: u64,
    },
    /// Long layout: too many ids to count one by one; counted as runs of rows.
    RespondentsByRuns {
        /// Runs of rows with one id (the respondents).
        runs: u64,
        /// The estimate of distinct ids that agreed.
        estimate: u64,
        /// Ids counted one by one at most.
        limit: u64,
    },
    /// Long layout: too many ids, not grouped: the respondents are an estimate.
    RespondentsEstimated {
        /// The estimate of distinct ids.
        estimate: u64,
        /// Runs of rows with one id.
        runs: u64,
        /// Ids counted one by one at most.
        limit: u64,
    },
    /// Rows whose fields are all empty, skipped as no respondents.
    BlankRows {
        /// How many.
        count: u64,
    },
    /// Unknown answers skipped with `--skip-invalid`.
    SkippedInvalid {
        /// The feature.
        feature: String,
        /// How many pairs were skipped.
        count: u64,
        /// Up to a few of the labels, with counts.
        labels: Vec<(String, u64)>,
    },
    /// Importance cells skipped with `--skip-invalid`.
    SkippedImportance {
        /// The feature.
        feature: String,
        /// How many.
        count: u64,
    },
    /// A feature with no valid answer pair.
    NoValidPairs {
        /// The feature.
        feature: String,
        /// Its missing pairs.
        missing: u64,
        /// Its invalid pairs.
        invalid: u64,
    },
    /// Columns of a counts table that are not counts.
    IgnoredCountColumns(Vec<String>),
    /// Respondents left out by `--drop-inconsistent`.
    DroppedRespondents {
        /// How many.
        dropped: u64,
        /// Of how many.
        of: u64,
        /// The share of questionable pairs above which they were dropped.
        threshold: f64,
    },
    /// Respondents left out by `--max-indifferent`.
    DroppedIndifferent {
        /// How many.
        dropped: u64,
        /// Of how many.
        of: u64,
        /// The most indifferent pairs a respondent kept may have.
        most: u64,
    },
    /// A feature whose valid answers leave Better or Worse less precise than wanted.
    Imprecise {
        /// The feature.
        feature: String,
        /// Its valid answers, A+O+M+I.
        base: u64,
        /// The larger Wilson 95% half-width of Better and Worse.
        half_width: f64,
        /// The wanted half-width.
        precision: f64,
        /// The valid answers that would reach it.
        needed: u64,
    },
    /// Respondents who gave the same answer pair for every feature.
    StraightLiners {
        /// How many.
        count: u64,
        /// Of how many.
        of: u64,
    },
}

fn quoted_list(items: &[String]) -> String {
    column_list(items)
}

/// Column names for a message: quoted, escaped, at most 20 of them ("... and 9980 more").
pub fn column_list(items: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut list = items
        .iter()
        .take(SHOWN)
        .map(|c| format!("\"{}\"", printable(c)))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        list.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    list
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::GuessedEncoding { encoding } => write!(
                f,
                "read as {encoding}; if the text looks wrong, give the encoding with --encoding"
            ),
            Warning::ImportanceScale(decoded) => {
                let shown: Vec<String> = decoded
                    .values
                    .iter()
                    .map(|(label, value)| format!("\"{}\" = {value}", printable(label)))
                    .collect();
                if decoded.index == crate::input::importance::GIVEN {
                    write!(f, "read importance labels by the mapping {}", decoded.scale)?;
                } else {
                    write!(f, "read importance labels on the {} scale", decoded.scale)?;
                }
                write!(f, ": {}", shown.join(", "))?;
                if !decoded.also.is_empty() {
                    write!(
                        f,
                        " (they also fit the {} scale; if that is the one asked, recode them as \
                         numbers)",
                        decoded.also.join(" and the ")
                    )?;
                }
                Ok(())
            }
            Warning::LongColumns([feature, functional, dysfunctional]) => write!(
                f,
                "read the long layout's columns as feature \"{}\", functional \"{}\" and \
                 dysfunctional \"{}\"; name others with --feature-col, --functional-col and \
                 --dysfunctional-col",
                printable(feature),
                printable(functional),
                printable(dysfunctional)
            ),
            Warning::InferredAnswers(summary) => write!(f, "{summary}"),
            Warning::UnsampledColumns(columns) => write!(
                f,
                "read {} question column(s) that hold no answer in the first rows sampled \
                 (answers start later, as when a form is edited mid-survey) because their \
                 questions pair: {}; if they are no Kano questions, name the pairs with --pair",
                columns.len(),
                quoted_list(columns)
            ),
            Warning::PairedByPosition(names) => write!(
                f,
                "paired {} feature(s) by position, as every other pair sits (functional, then \
                 dysfunctional), because their questions carry no negation: {}; check them, or \
                 name pairs with --pair \"NAME=FUNCTIONAL,DYSFUNCTIONAL\"",
                names.len(),
                quoted_list(names)
            ),
            Warning::MergedVersions(merged) => {
                let shown: Vec<String> = merged
                    .iter()
                    .map(|m| {
                        let mut text = format!(
                            "\"{}\" from {} and {}",
                            printable(&m.feature),
                            quoted_list(&m.kept),
                            quoted_list(&m.other)
                        );
                        if m.both_answered > 0 {
                            text.push_str(&format!(
                                " ({} respondent(s) answered both: their grid answers counted)",
                                m.both_answered
                            ));
                        }
                        text
                    })
                    .collect();
                write!(
                    f,
                    "merged {} feature(s) asked in two form versions (the form was edited during \
                     the survey), counting each respondent once: {}; if they are different \
                     features, name pairs with --pair \"NAME=FUNCTIONAL,DYSFUNCTIONAL\"",
                    merged.len(),
                    shown.join("; ")
                )
            }
            Warning::UnpairedColumns(columns) => write!(
                f,
                "{} question column(s) have no functional/dysfunctional twin and were \
                 ignored: {}; check the twin's header spelling",
                columns.len(),
                quoted_list(columns)
            ),
            Warning::RepeatedAnswers {
                count,
                line,
                respondent,
                feature,
            } => write!(
                f,
                "{count} row(s) repeat an answer the respondent already gave to the feature in \
                 the same run of rows (first: line {line}, respondent \"{}\", feature \"{}\"); \
                 the first answer was kept and the repeats left out",
                shown(respondent),
                shown(feature)
            ),
            Warning::IdsReturn { respondents, runs } => write!(
                f,
                "respondent ids are not grouped: {respondents} distinct ids come in {runs} runs \
                 of rows; respondents are counted by distinct id, but each run is checked \
                 (questionable pairs, straight-lining, repeated answers) on its own; sort the \
                 file by respondent"
            ),
            Warning::RespondentsByRuns {
                runs,
                estimate,
                limit,
            } => write!(
                f,
                "more than {limit} respondent ids, too many to check one by one: respondents \
                 counted as the {runs} runs of rows with one id (the file is taken as grouped by \
                 respondent; an estimate of the distinct ids, about {estimate}, agrees)"
            ),
            Warning::RespondentsEstimated {
                estimate,
                runs,
                limit,
            } => write!(
                f,
                "about {estimate} respondents: an estimate (within about 2%), as there are more \
                 than {limit} ids and they are not grouped ({runs} runs of rows with one id); \
                 sort the file by respondent for an exact count"
            ),
            Warning::BlankRows { count } => write!(
                f,
                "skipped {count} row(s) whose cells are all empty: they are no respondents \
                 (spreadsheets export empty rows so)"
            ),
            Warning::SkippedInvalid {
                feature,
                count,
                labels,
            } => {
                let shown: Vec<String> = labels
                    .iter()
                    .map(|(label, n)| format!("\"{}\" x{n}", printable(label)))
                    .collect();
                write!(
                    f,
                    "feature \"{}\": skipped {count} answer pair(s) with unknown labels ({}); \
                     map them with --answer to count them",
                    printable(feature),
                    shown.join(", ")
                )
            }
            Warning::SkippedImportance { feature, count } => write!(
                f,
                "feature \"{}\": skipped {count} importance cell(s) that are not numbers",
                printable(feature)
            ),
            Warning::NoValidPairs {
                feature,
                missing,
                invalid,
            } => write!(
                f,
                "feature \"{}\" has no valid answer pair ({missing} missing, {invalid} invalid); \
                 its results are empty",
                printable(feature)
            ),
            Warning::DroppedRespondents {
                dropped,
                of,
                threshold,
            } => write!(
                f,
                "left out {dropped} of {of} respondent(s) with more than {}% questionable \
                 answer pairs (--drop-inconsistent {threshold})",
                threshold * 100.0
            ),
            Warning::DroppedIndifferent { dropped, of, most } => write!(
                f,
                "left out {dropped} of {of} respondent(s) with more than {most} indifferent \
                 answer pair(s) (--max-indifferent {most})"
            ),
            Warning::Imprecise {
                feature,
                base,
                half_width,
                precision,
                needed,
            } => write!(
                f,
                "feature \"{}\": {base} valid answer(s) leave Better or Worse within +/- \
                 {half_width:.2} only; +/- {precision} needs {needed} (see kano plan; change the \
                 bound with --min-precision)",
                printable(feature)
            ),
            Warning::StraightLiners { count, of } => write!(
                f,
                "{count} of {of} respondent(s) gave the same answer pair for every feature \
                 (straight-lining); consider --drop-inconsistent or checking those rows"
            ),
            Warning::IgnoredCountColumns(columns) => write!(
                f,
                "ignored {} column(s) that are not category counts: {}",
                columns.len(),
                quoted_list(columns)
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_are_cut_in_messages_and_short_ones_kept_whole() {
        assert_eq!(shown("I like it"), "I like it");
        let long = "é".repeat(1000);
        let cut = shown(&long);
        assert!(cut.starts_with(&"é".repeat(SHOWN_CHARS)));
        assert!(cut.ends_with("... (2000 bytes in all)"));
        let error = Error::UnknownAnswer {
            at: Position {
                path: "s.csv".to_string(),
                line: 2,
                column: "x".repeat(10_000),
            },
            value: "y".repeat(10_000_000),
        };
        assert!(error.to_string().len() < 1000);
    }
}
