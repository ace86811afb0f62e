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

use std::io::{self, Write};

use crate::questionnaire::{Order, Question, Questionnaire};

/// One line of survey text: line breaks would end the element early.
fn line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

fn write_question(out: &mut dyn Write, question: &Question) -> io::Result<()> {
    writeln!(out, "[[Question:MC:SingleAnswer:Vertical]]")?;
    writeln!(out, "[[ID:{}]]", question.id)?;
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
    writeln!(out, "[[ID:{id}]]")?;
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
                writeln!(out, "[[Block:{}]]", line(&feature.name))?;
                writeln!(out)?;
                for question in q.questions.iter().filter(|x| x.feature == feature.name) {
                    write_question(out, question)?;
                }
            }
        }
    }
    Ok(())
}
