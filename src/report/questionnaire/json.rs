//! The questionnaire as JSON: an array of objects with the keys `id`, `feature`, `kind`,
//! `text` and `choices` (an array of strings, in the order shown).

use std::io::{self, Write};

use crate::questionnaire::Questionnaire;

/// Writes the questionnaire as JSON.
pub fn render(q: &Questionnaire, out: &mut dyn Write) -> io::Result<()> {
    crate::report::json::to_writer_pretty(&mut *out, &q.questions)?;
    writeln!(out)
}
