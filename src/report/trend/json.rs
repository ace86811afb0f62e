//! The trend as pretty-printed JSON (the [`Trend`] envelope), followed by a newline.

use std::io::{self, Write};

use crate::trend::Trend;

/// Writes the trend as JSON.
pub fn render(trend: &Trend, out: &mut dyn Write) -> io::Result<()> {
    crate::report::json::to_writer_pretty(&mut *out, trend)?;
    writeln!(out)
}
