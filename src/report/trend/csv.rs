//! The trend as CSV: one row per feature and wave, with the step into that wave.

use std::io::{self, Write};

use crate::report::csv::{cell, io_error, number};
use crate::trend::Trend;

/// Writes the trend as CSV; `raw` disables formula protection.
pub fn render(trend: &Trend, out: &mut dyn Write, raw: bool) -> io::Result<()> {
    write(trend, out, raw).map_err(io_error)
}

fn write(trend: &Trend, out: &mut dyn Write, raw: bool) -> ::csv::Result<()> {
    let mut writer = ::csv::Writer::from_writer(out);
    writer.write_record([
        "feature",
        "wave",
        "path",
        "category",
        "n",
        "better",
        "better_low",
        "better_high",
        "worse",
        "worse_low",
        "worse_high",
        "better_change",
        "better_significant",
        "worse_change",
        "worse_significant",
        "verdict",
    ])?;
    let flag = |b: Option<bool>| b.map_or(String::new(), |b| b.to_string());
    for f in &trend.features {
        let name = cell(&f.name, raw);
        for (i, w) in f.waves.iter().enumerate() {
            let step = i.checked_sub(1).and_then(|s| f.steps.get(s));
            writer.write_record([
                name.clone(),
                (i + 1).to_string(),
                cell(&trend.waves[i].path, raw),
                w.category.clone().unwrap_or_default(),
                w.n.to_string(),
                number(w.better),
                number(w.better_ci.map(|c| c[0])),
                number(w.better_ci.map(|c| c[1])),
                number(w.worse),
                number(w.worse_ci.map(|c| c[0])),
                number(w.worse_ci.map(|c| c[1])),
                number(step.and_then(|s| s.better_change)),
                flag(step.and_then(|s| s.better_significant)),
                number(step.and_then(|s| s.worse_change)),
                flag(step.and_then(|s| s.worse_significant)),
                f.verdict.name().to_string(),
            ])?;
        }
    }
    Ok(writer.flush()?)
}
