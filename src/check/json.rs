//! `kano check --format json`: the [`CheckReport`] envelope (schema_version 1) as
//! pretty-printed JSON followed by a newline. Names are written as they are; JSON escapes them.

use std::io::{self, Write};

use super::CheckReport;

/// Writes the results as JSON.
pub fn render(check: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    crate::report::json::to_writer_pretty(&mut *out, check)?;
    writeln!(out)
}
