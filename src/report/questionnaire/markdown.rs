//! The questionnaire as Markdown, to review and print: numbered questions, each with its
//! choices as boxes to tick.

use std::io::{self, Write};

use crate::questionnaire::Questionnaire;

/// Escapes Markdown's inline markup in survey text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::error::printable(text).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Writes the questionnaire as Markdown.
pub fn render(q: &Questionnaire, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}\n", escape(&q.title))?;
    writeln!(out, "{}\n", escape(&q.instruction))?;
    for (i, question) in q.questions.iter().enumerate() {
        writeln!(
            out,
            "{}. **{}** `{}`\n",
            i + 1,
            escape(&question.text),
            question.id
        )?;
        for choice in &question.choices {
            writeln!(out, "   - [ ] {}", escape(choice))?;
        }
        writeln!(out)?;
    }
    Ok(())
}
