//! The questionnaire as one self-contained HTML page to review and print: inline CSS, no
//! scripts, every piece of text escaped.

use std::io::{self, Write};

use crate::questionnaire::{Lang, Questionnaire};
use crate::report::html::escape;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;\
padding:0 1rem;color:#222}fieldset{border:1px solid #ccc;border-radius:6px;margin:0 0 1rem;\
padding:.5rem 1rem;break-inside:avoid}legend{font-weight:600;padding:0 .3rem}label{display:block;\
margin:.25rem 0}code{color:#777;font-size:.8em}";

/// Writes the questionnaire as HTML.
pub fn render(q: &Questionnaire, out: &mut dyn Write) -> io::Result<()> {
    let lang = match q.lang {
        Lang::En => "en",
        Lang::De => "de",
        Lang::Fr => "fr",
    };
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"{lang}\">")?;
    writeln!(
        out,
        "<head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head>",
        escape(&q.title)
    )?;
    writeln!(out, "<body>")?;
    writeln!(out, "<h1>{}</h1>", escape(&q.title))?;
    writeln!(out, "<p>{}</p>", escape(&q.instruction))?;
    writeln!(out, "<form>")?;
    for (i, question) in q.questions.iter().enumerate() {
        let id = escape(&question.id);
        writeln!(
            out,
            "<fieldset><legend>{}. {}</legend> <code>{id}</code>",
            i + 1,
            escape(&question.text)
        )?;
        for (j, choice) in question.choices.iter().enumerate() {
            writeln!(
                out,
                "<label><input type=\"radio\" name=\"{id}\" value=\"{}\"> {}</label>",
                j + 1,
                escape(choice)
            )?;
        }
        writeln!(out, "</fieldset>")?;
    }
    writeln!(out, "</form>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}
