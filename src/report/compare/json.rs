//! JSON output of `kano compare`: the [`Comparison`] envelope, pretty-printed.

use std::io::{self, Write};

use crate::compare::Comparison;

/// Writes the comparison as JSON.
pub fn render(comparison: &Comparison, out: &mut dyn Write) -> io::Result<()> {
    crate::report::json::to_writer_pretty(&mut *out, comparison)?;
    writeln!(out)
}
