//! `--answers FILE`: custom answer wordings, as CSV `label,answer` rows or a JSON object
//! mapping each label to a code 1..5 or a canonical name.

use crate::answer::{Answer, AnswerDecoder};
use crate::error::Error;

fn bad(path: &str, detail: String) -> Error {
    Error::usage(
        format!("--answers {}: {detail}", crate::error::printable(path)),
        "write CSV rows `label,answer` (answer: like, must-be, neutral, live-with, dislike or \
         1-5) or a JSON object {\"label\": 1, ...}",
    )
}

fn answer(path: &str, where_: &str, label: &str, value: &str) -> Result<Answer, Error> {
    Answer::parse_canonical(value).ok_or_else(|| {
        bad(
            path,
            format!("{where_}: label \"{label}\" maps to \"{value}\", which is not an answer"),
        )
    })
}

/// Adds one mapping, refusing a label already mapped to another answer.
fn add(
    path: &str,
    where_: &str,
    decoder: &mut AnswerDecoder,
    label: &str,
    answer: Answer,
) -> Result<(), Error> {
    decoder.try_add(label, answer).map_err(|earlier| {
        bad(
            path,
            format!(
                "{where_}: label \"{}\" maps to {answer}, but it is already mapped to {earlier} \
                 (labels match ignoring case, spacing, apostrophe forms and trailing \
                 periods; a label can mean one answer only)",
                crate::error::printable(label.trim())
            ),
        )
    })
}

/// Reads an answers file into `decoder`.
pub fn load_answers_file(path: &str, decoder: &mut AnswerDecoder) -> Result<(), Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_string(),
        source,
    })?;
    let text = text.trim_start_matches('\u{FEFF}');
    if text.trim_start().starts_with('{') {
        let map: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(text).map_err(|e| bad(path, format!("invalid JSON: {e}")))?;
        for (label, value) in map {
            let value = match value {
                serde_json::Value::Number(n) => n.to_string(),
                serde_json::Value::String(s) => s,
                other => {
                    return Err(bad(
                        path,
                        format!("label \"{label}\" maps to {other}, expected a code or a name"),
                    ))
                }
            };
            let answer = answer(path, "JSON", &label, &value)?;
            add(path, "JSON", decoder, &label, answer)?;
        }
        return Ok(());
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|e| bad(path, format!("malformed CSV: {e}")))?;
        let line = record.position().map_or(row as u64 + 1, |p| p.line());
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != 2 {
            return Err(bad(
                path,
                format!("line {line} has {} fields, expected 2", record.len()),
            ));
        }
        let (label, value) = (&record[0], record[1].trim());
        if row == 0 && label.trim().eq_ignore_ascii_case("label") {
            continue; // header row
        }
        let where_ = format!("line {line}");
        let answer = answer(path, &where_, label, value)?;
        add(path, &where_, decoder, label, answer)?;
    }
    Ok(())
}
