//! The questionnaire as Qualtrics' Advanced Format TXT, which Qualtrics imports as a survey
//! (Survey > Tools > Import/Export > Import Survey).
//!
//! The file starts with `[[AdvancedFormat]]`; `[[Block:Name]]` starts a block;
//! `[[Question:MC:SingleAnswer:Vertical]]` a single-choice question and `[[Question:Matrix]]`
//! a matrix (its `[[Choices]]` are the rows, its `[[Answers]]` the scale); `[[ID:...]]` sets the
//! question's export tag. With `--order blocks` the questionnaire is three matrix questions
//! (functional, dysfunctional, importance) whose rows are the feature names, so the export
//! headers read `<question> - <feature>`; otherwise there is one block per feature (or, shuffled,
//! one block in the shuffled order) of single-choice questions whose export headers are the
//! question texts.
//!
//! Feature text is untrusted: a `[[` or `]]` in it would open or close a tag of its own (a
//! `[[Block:...]]` or `[[Question:...]]` smuggled into the survey), so they are written `[ [` and
//! `] ]`; control characters are shown escaped and line breaks become spaces.

use std::io::{self, Write};

use crate::questionnaire::{Order, Question, Questionnaire};

/// One line of survey text: line breaks would end the element early, a `[[` or `]]` would be
/// read as a tag, and control characters would reach the survey taker's screen.
pub fn line(text: &str) -> String {
    let flat = text.replace(['\r', '\n'], " ");
    crate::error::printable(&flat)
        .replace("[[", "[ [")
        .replace("]]", "] ]")
}

/// Whether any text of `q` is written differently from how it was given (see [`line()`]).
pub fn alters(q: &Questionnaire) -> bool {
    let changed = |t: &str| line(t) != t.replace(['\r', '\n'], " ");
    q.features.iter().any(|f| changed(&f.name))
        || q.questions
            .iter()
            .any(|x| changed(&x.text) || x.choices.iter().any(|c| changed(c)))
}

fn write_question(out: &mut dyn Write, question: &Question) -> io::Result<()> {
    writeln!(out, "[[Question:MC:SingleAnswer:Vertical]]")?;
    writeln!(out, "[[ID:{}]]", line(&question.id))?;
    writeln!(out, "{}", line(&question.text))?;
    writeln!(out)?;
    writeln!(out, "[[Choices]]")?;
    for choice in &question.choices {
        writeln!(out, "{}", line(choice))?;
    }
    writeln!(out)
}

fn write_matrix(
    out: &mut dyn Write,
    id: &str,
    stem: &str,
    rows: &[String],
    scale: &[String],
) -> io::Result<()> {
    writeln!(out, "[[Question:Matrix]]")?;
    writeln!(out, "[[ID:{}]]", line(id))?;
    writeln!(out, "{}", line(stem))?;
    writeln!(out)?;
    writeln!(out, "[[Choices]]")?;
    for row in rows {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(out)?;
    writeln!(out, "[[Answers]]")?;
    for point in scale {
        writeln!(out, "{}", line(point))?;
    }
    writeln!(out)
}

/// Writes the questionnaire in Qualtrics' Advanced Format.
pub fn render(q: &Questionnaire, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "[[AdvancedFormat]]")?;
    writeln!(out)?;
    match q.order {
        Order::Blocks => {
            let rows: Vec<String> = q.features.iter().map(|f| f.name.clone()).collect();
            writeln!(out, "[[Block:Kano]]")?;
            writeln!(out)?;
            write_matrix(out, "functional", &q.stems.functional, &rows, &q.answers)?;
            writeln!(out, "[[PageBreak]]")?;
            writeln!(out)?;
            write_matrix(
                out,
                "dysfunctional",
                &q.stems.dysfunctional,
                &rows,
                &q.answers,
            )?;
            if let Some(scale) = &q.importance {
                writeln!(out, "[[PageBreak]]")?;
                writeln!(out)?;
                write_matrix(out, "importance", &q.stems.importance, &rows, scale)?;
            }
        }
        Order::Shuffled => {
            writeln!(out, "[[Block:Kano]]")?;
            writeln!(out)?;
            for question in &q.questions {
                write_question(out, question)?;
            }
        }
        Order::Interleaved => {
            for feature in &q.features {
                // A block name ends at the first `]]`: no bracket of the name may reach it.
                let block = line(&feature.name).replace('[', "(").replace(']', ")");
                writeln!(out, "[[Block:{block}]]")?;
                writeln!(out)?;
                for question in q.questions.iter().filter(|x| x.feature == feature.name) {
                    write_question(out, question)?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_control_characters_in_text_are_neutralised() {
        let text = line("Sync]]\n[[Block:Evil]]\u{1b}[31m[[Question:TE]]");
        assert!(!text.contains("[[") && !text.contains("]]"), "{text}");
        assert!(!text.contains('\u{1b}') && !text.contains('\n'), "{text}");
        assert_eq!(line("Plain text [x]"), "Plain text [x]");
    }
}
