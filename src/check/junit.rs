//! `kano check --format junit`: JUnit XML, the report format most CI systems display as test
//! results: one `<testsuite>` for the run, one `<testcase>` per rule and feature, a
//! `<failure>` in each failed one. Text is XML-escaped, and control characters (not allowed in
//! XML 1.0) are first made visible with [`printable`](crate::error::printable).

use std::io::{self, Write};

use super::CheckReport;

/// Escapes text for XML content and quoted attributes: the HTML escaping, which is valid XML.
pub fn escape(text: &str) -> String {
    crate::report::html::escape(text)
}

/// Writes the results as JUnit XML.
pub fn render(check: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    let tests = check.results.len();
    let failures = check.failures();
    let suite = escape(&format!("kano check {}", check.input.path));
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="kano check" tests="{tests}" failures="{failures}" errors="0">"#
    )?;
    writeln!(
        out,
        r#"  <testsuite name="{suite}" tests="{tests}" failures="{failures}" errors="0" skipped="0">"#
    )?;
    for result in &check.results {
        let name = match &result.feature {
            Some(feature) => format!("{}: {feature}", result.rule),
            None => result.rule.name().to_string(),
        };
        let open = format!(
            r#"    <testcase classname="kano.check.{}" name="{}""#,
            result.rule,
            escape(&name)
        );
        if result.passed {
            writeln!(out, "{open}/>")?;
        } else {
            let message = escape(&result.message);
            writeln!(out, "{open}>")?;
            writeln!(
                out,
                r#"      <failure message="{message}" type="{}">{message}</failure>"#,
                result.rule
            )?;
            writeln!(out, "    </testcase>")?;
        }
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(
            escape(r#"<a href="x">&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\n");
    }
}
