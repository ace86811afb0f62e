//! The questionnaire as CSV: one row per question, columns `id,feature,kind,text,choices`
//! (choices joined with ` | `, in the order shown).

use std::io::{self, Write};

use crate::questionnaire::Questionnaire;
use crate::report::csv::{cell, io_error};

/// The separator between choices in one cell.
pub const CHOICE_SEPARATOR: &str = " | ";

/// Writes the questionnaire as CSV. Text cells are protected as in `kano analyze --format csv`
/// ([`cell`]): control characters escaped, a formula-like cell prefixed with `'` unless `raw`
/// (`--raw`), which keeps only the escaping.
pub fn render(q: &Questionnaire, out: &mut dyn Write, raw: bool) -> io::Result<()> {
    write(q, out, raw).map_err(io_error)
}

fn write(q: &Questionnaire, out: &mut dyn Write, raw: bool) -> ::csv::Result<()> {
    let protect = |text: &str| cell(text, raw);
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(["id", "feature", "kind", "text", "choices"])?;
    for question in &q.questions {
        let choices: Vec<String> = question.choices.iter().map(|c| protect(c)).collect();
        writer.write_record([
            protect(&question.id),
            protect(&question.feature),
            question.kind.name().to_string(),
            protect(&question.text),
            choices.join(CHOICE_SEPARATOR),
        ])?;
    }
    Ok(writer.flush()?)
}
