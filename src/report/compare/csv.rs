//! CSV output of `kano compare`: one row per feature present in both waves. Feature names get the
//! same formula protection as `kano analyze --format csv` (`--raw` turns it off).

use std::io::{self, Write};

use crate::compare::Comparison;
use crate::report::csv::{cell, io_error, number};

/// The header row, in column order.
pub const COLUMNS: &[&str] = &[
    "feature",
    "old_name",
    "old_category",
    "new_category",
    "old_n",
    "new_n",
    "old_better",
    "new_better",
    "better_change",
    "better_z",
    "better_significant",
    "old_worse",
    "new_worse",
    "worse_change",
    "worse_z",
    "worse_significant",
    "drift",
];

fn flag(value: Option<bool>) -> String {
    value.map(|b| b.to_string()).unwrap_or_default()
}

/// Writes the comparison as CSV; `raw` disables formula protection.
pub fn render(comparison: &Comparison, out: &mut dyn Write, raw: bool) -> io::Result<()> {
    write(comparison, out, raw).map_err(io_error)
}

fn write(comparison: &Comparison, out: &mut dyn Write, raw: bool) -> ::csv::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    let text = |s: &str| cell(s, raw);
    for f in &comparison.features {
        writer.write_record([
            text(&f.name),
            text(&f.old.name),
            f.old.category.clone().unwrap_or_default(),
            f.new.category.clone().unwrap_or_default(),
            f.old.n.to_string(),
            f.new.n.to_string(),
            number(f.old.better),
            number(f.new.better),
            number(f.better_change),
            number(f.better_z),
            flag(f.better_significant),
            number(f.old.worse),
            number(f.new.worse),
            number(f.worse_change),
            number(f.worse_z),
            flag(f.worse_significant),
            f.drift.name().to_string(),
        ])?;
    }
    writer.flush()?;
    Ok(())
}
