//! `kano check --format github`: GitHub Actions workflow commands, so failures show up as
//! annotations on the run (and on the survey file in a pull request): `::error` per failed
//! result, then a `::notice` with the summary. Passing results print nothing.
//!
//! Escaping follows the workflow-command rules of GitHub's own toolkit
//! (`@actions/core` `command.ts`): in the message `%` -> `%25`, CR -> `%0D`, LF -> `%0A`; in
//! property values also `:` -> `%3A` and `,` -> `%2C`. Other control characters are first made
//! visible with [`printable`], so a feature name cannot smuggle in terminal escapes.

use std::io::{self, Write};

use super::CheckReport;
use crate::error::printable;

/// Escapes a workflow command's message (the text after `::`).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (`title=...`, `file=...`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// Writes one `::error` line per failed result and a `::notice` summary.
pub fn render(check: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let file = match check.input.path.as_str() {
        "<stdin>" => String::new(),
        path => format!("file={},", escape_property(&printable(path))),
    };
    for result in check.results.iter().filter(|r| !r.passed) {
        let title = match &result.feature {
            Some(feature) => format!("kano check {}: {}", result.rule, printable(feature)),
            None => format!("kano check {}", result.rule),
        };
        writeln!(
            out,
            "::error {file}title={}::{}",
            escape_property(&title),
            escape_data(&printable(&result.message))
        )?;
    }
    writeln!(
        out,
        "::notice title={}::{}",
        escape_property("kano check"),
        escape_data(&printable(&check.summary()))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_escape_per_the_workflow_command_rules() {
        assert_eq!(escape_data("50% a\r\nb: c, d"), "50%25 a%0D%0Ab: c, d");
        assert_eq!(
            escape_property("50% a\r\nb: c, d"),
            "50%25 a%0D%0Ab%3A c%2C d"
        );
        // Escaping % first keeps an already-escaped-looking input literal.
        assert_eq!(escape_data("%0A"), "%250A");
    }
}
