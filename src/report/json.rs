//! JSON output: the [`Report`] as pretty-printed JSON, one document followed by a newline.

use std::io::{self, Write};

use super::Report;

/// Writes the report as JSON.
pub fn render(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
