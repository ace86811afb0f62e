//! The terminal table of `kano compare`: per feature the category then and now, Better and Worse
//! then -> now with the change (`*` when significant), and the drift. Coloured like the
//! analyze table, only when asked to.

use std::io::{self, Write};

use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement};

use super::{signed, star};
use crate::category::Category;
use crate::compare::{Comparison, WaveFeature};
use crate::error::printable;
use crate::report::fixed;
use crate::report::table::{category_color, TableOptions};
use crate::report::text::{clip, is_clipped, NAME_COLUMNS};

fn category_cell(wave: &WaveFeature, color: bool) -> Cell {
    let letter = |name: &Option<String>| {
        name.as_deref()
            .and_then(|n| n.parse::<Category>().ok())
            .map(Category::letter)
    };
    let text = match (
        letter(&wave.category),
        letter(&wave.second_category),
        wave.mixed,
    ) {
        (Some(c), Some(s), true) => format!("{c}/{s}"),
        (Some(c), _, _) => c.to_string(),
        (None, _, _) => "-".to_string(),
    };
    let cell = Cell::new(text);
    match wave.category() {
        Some(c) if color => cell.fg(category_color(c)),
        _ => cell,
    }
}

fn then_now(old: Option<f64>, new: Option<f64>) -> Cell {
    Cell::new(format!("{}→{}", fixed(old, 2), fixed(new, 2))).set_alignment(CellAlignment::Right)
}

fn change(delta: Option<f64>, significant: Option<bool>, color: bool) -> Cell {
    let cell = Cell::new(format!("{}{}", signed(delta, 2), star(significant)))
        .set_alignment(CellAlignment::Right);
    if color && significant == Some(true) {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

fn respondents(n: Option<u64>) -> String {
    n.map_or_else(
        || "published counts".to_string(),
        |n| format!("{n} respondents"),
    )
}

/// Writes the comparison as a table.
pub fn render(c: &Comparison, out: &mut dyn Write, options: TableOptions) -> io::Result<()> {
    let mut table = crate::report::table::plain_table(options.width);
    if options.color {
        table.enforce_styling();
    }
    table.set_header([
        "Feature", "Then", "Now", "Better", "Change", "Worse", "Change", "Drift",
    ]);
    for f in &c.features {
        table.add_row(vec![
            Cell::new(clip(&f.name, NAME_COLUMNS)),
            category_cell(&f.old, options.color),
            category_cell(&f.new, options.color),
            then_now(f.old.better, f.new.better),
            change(f.better_change, f.better_significant, options.color),
            then_now(f.old.worse, f.new.worse),
            change(f.worse_change, f.worse_significant, options.color),
            Cell::new(f.drift.name()),
        ]);
    }
    for column in table.column_iter_mut() {
        column.set_padding((1, 0));
    }
    writeln!(
        out,
        "Waves: {} ({}) -> {} ({})",
        printable(&c.old.path),
        respondents(c.old.respondents),
        printable(&c.new.path),
        respondents(c.new.respondents)
    )?;
    let mut text = table.to_string();
    if text
        .lines()
        .any(|l| l.chars().count() > usize::from(options.width))
    {
        table.set_content_arrangement(ContentArrangement::Dynamic);
        text = table.to_string();
    }
    for line in text.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    if c.features.iter().any(|f| is_clipped(&f.name, NAME_COLUMNS)) {
        writeln!(
            out,
            "Names longer than {NAME_COLUMNS} columns are cut with …; --format json gives them in full."
        )?;
    }
    let names = |list: &[String]| {
        list.iter()
            .map(|n| printable(n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !c.only_old.is_empty() {
        writeln!(out, "Only in the old wave: {}.", names(&c.only_old))?;
    }
    if !c.only_new.is_empty() {
        writeln!(out, "Only in the new wave: {}.", names(&c.only_new))?;
    }
    writeln!(
        out,
        "A attractive, O one-dimensional, M must-be, I indifferent, R reverse, Q questionable;\n\
         X/Y mixed. * = significant change (two-proportion z-test, |z| >= 1.96).\n\
         Habituation: the expected drift attractive -> one-dimensional -> must-be."
    )?;
    Ok(())
}
