//! Verbal importance scales: "Not at all important" .. "Extremely important" decode to 1..k.
//!
//! Survey tools offer self-stated importance as labelled options. The scales below are the ones in
//! common use (Vagias 2006, "Likert-type scale response anchors", Clemson University, for the
//! five- and seven-point "not at all important" scales; the bipolar "very unimportant" .. "very
//! important" scale), in English, German, French and Spanish. Labels are matched whole after
//! folding (case, accents, punctuation, emoji), never by prefix: "Important" and "Very important"
//! are different points. A column's labels must all belong to one scale; when they fit several
//! (a survey whose answers only use "Very important" and "Extremely important"), the first in the
//! order below is taken and the others are named in the report, for the user to override with
//! `--importance-scale "Label=1,Other=2"` or the spec's `[importance]` table: a given mapping
//! wins over the scales, and labels it does not name are then read only as numbers.

use super::{find_column, wide, Context, Layout, ReadOptions};
use crate::error::Error;
use crate::input::infer::fold_words;

/// A verbal scale: its name and its labels in order (point 1 first), each point with its
/// wordings already folded into words joined by single spaces.
pub struct Scale {
    /// What the reading report calls it.
    pub name: &'static str,
    /// Its points, lowest first; each point lists its wordings in every language.
    pub points: &'static [&'static [&'static str]],
}

/// The scales kano recognises.
pub const SCALES: &[Scale] = &[
    Scale {
        name: "5-point importance (not at all .. extremely important)",
        points: &[
            &[
                "not at all important",
                "not important at all",
                "uberhaupt nicht wichtig",
                "gar nicht wichtig",
                "pas du tout important",
                "pas du tout importante",
                "nada importante",
                "para nada importante",
            ],
            &[
                "slightly important",
                "a little important",
                "wenig wichtig",
                "etwas wichtig",
                "peu important",
                "peu importante",
                "un peu important",
                "poco importante",
                "ligeramente importante",
            ],
            &[
                "moderately important",
                "somewhat important",
                "mittelmassig wichtig",
                "einigermassen wichtig",
                "ziemlich wichtig",
                "moyennement important",
                "moyennement importante",
                "assez important",
                "assez importante",
                "moderadamente importante",
                "algo importante",
            ],
            &[
                "very important",
                "sehr wichtig",
                "tres important",
                "tres importante",
                "muy importante",
            ],
            &[
                "extremely important",
                "ausserst wichtig",
                "extrem wichtig",
                "extremement important",
                "extremement importante",
                "extremadamente importante",
                "sumamente importante",
            ],
        ],
    },
    Scale {
        name: "7-point importance (not at all .. extremely important)",
        points: &[
            &[
                "not at all important",
                "uberhaupt nicht wichtig",
                "pas du tout important",
                "nada importante",
            ],
            &[
                "low importance",
                "unwichtig",
                "peu important",
                "poco importante",
            ],
            &[
                "slightly important",
                "wenig wichtig",
                "legerement important",
                "ligeramente importante",
            ],
            &[
                "neutral",
                "neither important nor unimportant",
                "neutral",
                "neutre",
                "neutro",
            ],
            &[
                "moderately important",
                "mittelmassig wichtig",
                "moyennement important",
                "moderadamente importante",
            ],
            &[
                "very important",
                "sehr wichtig",
                "tres important",
                "muy importante",
            ],
            &[
                "extremely important",
                "ausserst wichtig",
                "extremement important",
                "extremadamente importante",
            ],
        ],
    },
    Scale {
        name: "5-point importance (very unimportant .. very important)",
        points: &[
            &[
                "very unimportant",
                "sehr unwichtig",
                "tres peu important",
                "muy poco importante",
            ],
            &[
                "unimportant",
                "unwichtig",
                "peu important",
                "poco importante",
            ],
            &[
                "neither important nor unimportant",
                "neutral",
                "weder wichtig noch unwichtig",
                "ni important ni pas important",
                "neutre",
                "ni importante ni poco importante",
                "neutro",
            ],
            &["important", "wichtig", "important", "importante"],
            &[
                "very important",
                "sehr wichtig",
                "tres important",
                "muy importante",
            ],
        ],
    },
];

/// [`Decoded::index`] of a mapping given by `--importance-scale` or the spec: no scale of
/// [`SCALES`].
pub const GIVEN: usize = usize::MAX;

/// Parses `--importance-scale "Not important=1,Important=2,Very important=3"`: labels and their
/// values, comma-separated.
pub fn parse_importance_labels(text: &str) -> Result<Vec<(String, f64)>, Error> {
    let bad = |part: &str| {
        Error::usage(
            format!(
                "--importance-scale \"{}\": \"{}\" is no LABEL=NUMBER",
                crate::error::printable(text),
                crate::error::printable(part)
            ),
            "give each label its value, e.g. --importance-scale \"Not important=1,Important=2,\
             Very important=3\"",
        )
    };
    text.split(',')
        .filter(|part| !part.trim().is_empty())
        .map(|part| {
            let (label, value) = part.rsplit_once('=').ok_or_else(|| bad(part))?;
            let value: f64 = value.trim().parse().map_err(|_| bad(part))?;
            if label.trim().is_empty() || !value.is_finite() {
                return Err(bad(part));
            }
            Ok((label.trim().to_string(), value))
        })
        .collect()
}

/// The value a given mapping (`--importance-scale`, the spec's `[importance]`) gives `label`;
/// labels match after folding (case, accents, punctuation), the last mapping of a label wins.
pub(crate) fn given_value(given: &[(String, f64)], label: &str) -> Option<f64> {
    if given.is_empty() {
        return None;
    }
    let wanted = key(label);
    given
        .iter()
        .rev()
        .find(|(l, _)| l.trim() == label.trim() || key(l) == wanted)
        .map(|(_, v)| *v)
}

/// A column's labels decoded by one scale.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    /// The scale's name.
    pub scale: &'static str,
    /// Its index in [`SCALES`], or [`GIVEN`] for a mapping given by the user.
    pub index: usize,
    /// Each label with its value, in the order given.
    pub values: Vec<(String, f64)>,
    /// Other scales the labels fit, with other values.
    pub also: Vec<&'static str>,
}

/// The distinct labels of sampled importance cells that are not numbers.
pub(crate) fn sample_labels(
    samples: &std::collections::VecDeque<csv::ByteRecord>,
    columns: &[usize],
) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for record in samples {
        for &c in columns {
            let Some(text) = record.get(c).and_then(|b| std::str::from_utf8(b).ok()) else {
                continue;
            };
            let text = text.trim();
            if !text.is_empty()
                && super::parse_importance(text).is_none()
                && !out.iter().any(|l| l == text)
            {
                out.push(text.to_string());
            }
        }
    }
    out
}

/// Why the labels could not be decoded.
#[derive(Debug, Clone, PartialEq)]
pub enum Undecoded {
    /// A label belongs to no known scale.
    Unknown(String),
    /// The labels belong to scales, but to no single one.
    Mixed,
}

fn key(label: &str) -> String {
    fold_words(label).join(" ")
}

/// The value of `label` on `scale`, 1-based.
fn point(scale: &Scale, label: &str) -> Option<f64> {
    let key = key(label);
    scale
        .points
        .iter()
        .position(|wordings| wordings.contains(&key.as_str()))
        .map(|i| (i + 1) as f64)
}

/// Whether `label` is a point of any known scale.
pub fn is_scale_label(label: &str) -> bool {
    // Every scale label names importance: skip the folding for cells that cannot.
    let lower = label.to_lowercase();
    if !["import", "wichtig", "neutr", "neither"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return false;
    }
    SCALES.iter().any(|s| point(s, label).is_some())
}

/// The value of `label` on the scale `SCALES[scale]`, if it is one of its points.
pub fn value(scale: usize, label: &str) -> Option<f64> {
    SCALES.get(scale).and_then(|s| point(s, label))
}

/// Decodes a column's distinct importance labels (those that are not numbers) by the one scale
/// they all belong to.
pub fn decode(labels: &[String]) -> Result<Decoded, Undecoded> {
    if let Some(stray) = labels
        .iter()
        .find(|l| SCALES.iter().all(|s| point(s, l).is_none()))
    {
        return Err(Undecoded::Unknown(stray.clone()));
    }
    let fitting: Vec<(usize, &Scale, Vec<f64>)> = SCALES
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            labels
                .iter()
                .map(|l| point(s, l))
                .collect::<Option<Vec<f64>>>()
                .map(|v| (i, s, v))
        })
        .collect();
    let Some((index, first, values)) = fitting.first() else {
        return Err(Undecoded::Mixed);
    };
    Ok(Decoded {
        scale: first.name,
        index: *index,
        values: labels.iter().cloned().zip(values.iter().copied()).collect(),
        also: fitting
            .iter()
            .skip(1)
            .filter(|(_, _, v)| v != values)
            .map(|(_, s, _)| s.name)
            .collect(),
    })
}

/// When the sampled importance cells hold words ("Very important"), the scale they are read on.
pub(super) fn importance_scale(
    context: &Context,
    options: &ReadOptions,
    layout: Layout,
) -> (Option<ReadOptions>, Option<Decoded>) {
    if !options.importance_labels.is_empty() {
        return (None, given_scale(context, options, layout));
    }
    // Most files have no verbal importance at all: look for one scale label before planning.
    // A wide file repeats a few labels in thousands of columns: each distinct cell is read once.
    let mut seen: std::collections::HashSet<&[u8]> = Default::default();
    let any_verbal = context.samples.iter().any(|record| {
        record.iter().any(|cell| {
            cell.len() <= super::infer::MAX_LABEL_BYTES
                && seen.insert(cell)
                && std::str::from_utf8(cell).is_ok_and(|text| {
                    let text = text.trim();
                    !text.is_empty() && parse_importance(text).is_none() && is_scale_label(text)
                })
        })
    });
    if !any_verbal {
        return (None, None);
    }
    let columns = importance_columns(context, options, layout);
    let labels = sample_labels(&context.samples, &columns);
    if labels.is_empty() || options.importance_scale.is_some() {
        return (None, None);
    }
    match decode(&labels) {
        Ok(decoded) => {
            let mut owned = options.clone();
            owned.importance_scale = Some(decoded.index);
            (Some(owned), Some(decoded))
        }
        Err(_) => (None, None),
    }
}

/// The mapping given by `--importance-scale` or the spec, as the reading reports it: when the
/// survey has importance columns.
fn given_scale(context: &Context, options: &ReadOptions, layout: Layout) -> Option<Decoded> {
    if importance_columns(context, options, layout).is_empty() {
        return None;
    }
    // Each label once, its last value (the flag's over the spec's).
    let mut values: Vec<(String, f64)> = Vec::new();
    for (label, value) in &options.importance_labels {
        values.retain(|(l, _)| key(l) != key(label));
        values.push((label.clone(), *value));
    }
    Some(Decoded {
        scale: "given (--importance-scale or the spec's [importance])",
        index: GIVEN,
        values,
        also: Vec::new(),
    })
}

/// The importance columns of the survey, as its layout finds them.
fn importance_columns(context: &Context, options: &ReadOptions, layout: Layout) -> Vec<usize> {
    match layout {
        Layout::Wide => wide::plan("", &context.header, &context.samples, options)
            .map(|plan| plan.features.iter().filter_map(|f| f.importance).collect())
            .unwrap_or_default(),
        Layout::Long => find_column(
            &context.header,
            options
                .columns
                .importance
                .as_deref()
                .unwrap_or("importance"),
        )
        .into_iter()
        .collect(),
        Layout::Counts => Vec::new(),
    }
}

/// Reads a self-stated importance: a number, or a label starting with one
/// ("7 - Very important"). `None` when it is neither.
pub fn parse_importance(text: &str) -> Option<f64> {
    let text = text.trim();
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(text.len(), |(i, _)| i);
    let (number, rest) = text.split_at(end);
    let rest = rest.trim_start();
    if !(rest.is_empty() || rest.starts_with(['-', ':', '=', '(', '\u{2013}', '\u{2014}'])) {
        return None;
    }
    let value: f64 = number.replace(',', ".").parse().ok()?;
    value.is_finite().then_some(value)
}

/// Reads one importance cell from its bytes on `line`: `Ok(None)` when empty, `Ok(Some(None))`
/// when unreadable and skipped, `Ok(Some(Some(value)))` when read.
pub(crate) fn importance_cell(
    context: &Context,
    line: u64,
    options: &ReadOptions,
    col: usize,
    bytes: &[u8],
) -> Result<Option<Option<f64>>, Error> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Error::InvalidUtf8 {
            at: context.at_line(line, col),
        })?
        .trim();
    if text.is_empty() {
        return Ok(None);
    }
    let value = given_value(&options.importance_labels, text)
        .or_else(|| parse_importance(text))
        .or_else(|| {
            options
                .importance_scale
                .and_then(|scale| value(scale, text))
        });
    match value {
        Some(value) => Ok(Some(Some(value))),
        None if options.skip_invalid => Ok(Some(None)),
        None => Err(Error::BadImportance {
            at: context.at_line(line, col),
            value: text.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn five_point_scales_decode_in_four_languages() {
        let cases: &[&[&str]] = &[
            &[
                "Not at all important",
                "Slightly important",
                "Moderately important",
                "Very important",
                "Extremely important",
            ],
            &[
                "Überhaupt nicht wichtig",
                "Wenig wichtig",
                "Mittelmäßig wichtig",
                "Sehr wichtig",
                "Äußerst wichtig",
            ],
            &[
                "Pas du tout important",
                "Peu important",
                "Moyennement important",
                "Très important",
                "Extrêmement important",
            ],
            &[
                "Nada importante",
                "Poco importante",
                "Moderadamente importante",
                "Muy importante",
                "Extremadamente importante",
            ],
            &[
                "Very unimportant",
                "Unimportant",
                "Neither important nor unimportant",
                "Important",
                "Very important",
            ],
        ];
        for scale in cases {
            let decoded = decode(&labels(scale)).expect("a known scale");
            let values: Vec<f64> = decoded.values.iter().map(|(_, v)| *v).collect();
            assert_eq!(values, vec![1.0, 2.0, 3.0, 4.0, 5.0], "{scale:?}");
        }
    }

    #[test]
    fn the_seven_point_scale_is_told_apart_by_its_middle() {
        let decoded = decode(&labels(&[
            "Not at all important",
            "Neutral",
            "Very important",
            "Extremely important",
        ]))
        .expect("seven-point");
        let values: Vec<f64> = decoded.values.iter().map(|(_, v)| *v).collect();
        assert_eq!(values, vec![1.0, 4.0, 6.0, 7.0]);
    }

    #[test]
    fn labels_that_fit_several_scales_take_the_first_and_name_the_others() {
        // "Very important" is 4 of 5, 6 of 7, or 5 of the bipolar scale.
        let decoded = decode(&labels(&["Very important"])).expect("fits");
        assert_eq!(decoded.values[0].1, 4.0);
        assert_eq!(decoded.also.len(), 2);
        // "Important" is only on the bipolar scale.
        let decoded = decode(&labels(&["Important", "Very important"])).expect("fits");
        assert_eq!(decoded.values[1].1, 5.0);
        assert!(decoded.also.is_empty());
        assert_eq!(
            decode(&labels(&["Very important", "Rather nice"])),
            Err(Undecoded::Unknown("Rather nice".to_string()))
        );
        assert_eq!(
            decode(&labels(&["Important", "Extremely important"])),
            Err(Undecoded::Mixed)
        );
    }

    #[test]
    fn case_punctuation_and_emoji_do_not_matter() {
        let decoded =
            decode(&labels(&["EXTREMELY important!", "very important 👍"])).expect("five-point");
        let values: Vec<f64> = decoded.values.iter().map(|(_, v)| *v).collect();
        assert_eq!(values, vec![5.0, 4.0]);
    }

    #[test]
    fn importance_reads_numbers_and_numbered_labels() {
        let cases: &[(&str, Option<f64>)] = &[
            ("7", Some(7.0)),
            ("7 - Very important", Some(7.0)),
            ("9 - Extremely important", Some(9.0)),
            ("3.5", Some(3.5)),
            ("3,5", Some(3.5)),
            ("10: top", Some(10.0)),
            (" 4 ", Some(4.0)),
            ("Very important", None),
            ("7th", None),
            ("", None),
            ("-", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_importance(text), *expected, "{text:?}");
        }
    }
}
