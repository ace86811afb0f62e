//! The questionnaire as CSV: one row per question, columns `id,feature,kind,text,choices`
//! (choices joined with ` | `, in the order shown).

use std::io::{self, Write};

use crate::questionnaire::Questionnaire;

/// The separator between choices in one cell.
pub const CHOICE_SEPARATOR: &str = " | ";

/// Writes the questionnaire as CSV.
pub fn render(q: &Questionnaire, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(["id", "feature", "kind", "text", "choices"])?;
    for question in &q.questions {
        writer.write_record([
            question.id.as_str(),
            question.feature.as_str(),
            question.kind.name(),
            question.text.as_str(),
            question.choices.join(CHOICE_SEPARATOR).as_str(),
        ])?;
    }
    writer.flush()
}
