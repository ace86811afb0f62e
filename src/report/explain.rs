//! `kano explain`'s renderers: the answer grid and the reasoning, as a terminal table, Markdown or
//! JSON. They render one [`Explanation`] and never compute; the sentences are shared by every
//! format (the xlsx writer too) through [`sentences`].

use std::io::{self, Write};

use super::markdown::escape;
use super::{fixed, Counts};
use crate::category::Category;
use crate::error::printable;
use crate::explain::Explanation;

/// The letter of a category name as stored in an explanation (`one-dimensional` -> `O`).
fn letter(name: &str) -> String {
    name.parse::<Category>()
        .map(|c| c.letter().to_string())
        .unwrap_or_else(|_| name.to_string())
}

fn count_of(counts: &Counts<u64>, name: &str) -> u64 {
    name.parse::<Category>()
        .map(|c| counts.to_array()[c.index()])
        .unwrap_or(0)
}

fn percent_of(e: &Explanation, name: &str) -> Option<f64> {
    let p = e.percentages?;
    name.parse::<Category>()
        .ok()
        .map(|c| p.to_array()[c.index()])
}

/// The title line: which feature, from where, under which table.
pub fn title(e: &Explanation) -> String {
    let respondents = e.input.respondents.map_or_else(
        || "published counts".to_string(),
        |n| format!("{n} respondents"),
    );
    let number = e.number.map_or_else(String::new, |n| format!("#{n} "));
    format!(
        "Feature {number}\"{}\" of {} ({respondents}, {} layout), {} table",
        printable(&e.feature),
        printable(&e.input.path),
        e.input.layout,
        e.settings.table
    )
}

/// The reasoning in words, one sentence per line, shared by every format.
pub fn sentences(e: &Explanation) -> Vec<String> {
    let mut lines = Vec::new();
    if e.grid.is_none() {
        lines.push(
            "Only category counts are available (counts layout): there is no answer grid \
             to show."
                .to_string(),
        );
    }
    let c = e.counts;
    lines.push(format!(
        "Counts: A {}, O {}, M {}, I {}, R {}, Q {} (n = {}).",
        c.A, c.O, c.M, c.I, c.R, c.Q, e.n
    ));
    let ranking: Vec<String> = e
        .ranking
        .iter()
        .map(|l| {
            let pct =
                percent_of(e, l).map_or_else(String::new, |p| format!(" ({}%)", fixed(Some(p), 1)));
            format!("{l} {}{pct}", count_of(&c, l))
        })
        .collect();
    if e.n > 0 {
        lines.push(format!("Ranking: {}.", ranking.join(", ")));
    }
    let order = &e.settings.tie_order;
    match e.settings.rule.as_str() {
        "berger" => {
            let (verdict, group) = if e.groups.aom > e.groups.irq {
                ("is more than", "A, O, M")
            } else {
                ("is not more than", "I, R, Q")
            };
            lines.push(format!(
                "Rule berger: A+O+M = {} {verdict} I+R+Q = {}, so the most frequent of {group} \
                 is chosen; ties go by the order {order}.",
                e.groups.aom, e.groups.irq
            ));
        }
        "close-call" => lines.push(format!(
            "Rule close-call: the most frequent category is chosen when it leads the next by \
             more than {} points; otherwise the first of the two in the order {order}.",
            e.settings.mixed_threshold
        )),
        rule => lines.push(format!(
            "Rule {rule}: the most frequent category is chosen; ties go by the order {order}."
        )),
    }
    let Some(category) = &e.category else {
        lines.push("No valid answer pair: there is no category and no action.".to_string());
        push_unusable(e, &mut lines);
        return lines;
    };
    let pct = |name: &str| fixed(percent_of(e, name), 1);
    lines.push(format!(
        "Category: {category} ({}), {} of {} pairs ({}%).",
        letter(category),
        count_of(&c, category),
        e.n,
        pct(category)
    ));
    if !e.tied_with.is_empty() {
        let others: Vec<&str> = e.tied_with.iter().map(String::as_str).collect();
        lines.push(format!(
            "It ties with {} at {}; the tie order {order} puts {category} first.",
            others.join(" and "),
            count_of(&c, category)
        ));
    }
    let without_q =
        e.settings.strength == crate::stats::StrengthVariant::WithoutQuestionable.name();
    match (&e.second, e.strength) {
        (Some(second), Some(strength)) if without_q => lines.push(format!(
            "Second: {second} ({}), {} pairs ({}%); category strength (stp25kano: the lead of \
             the most frequent of A, O, M, I, R over the next, Q left out) {} points.",
            letter(second),
            count_of(&c, second),
            pct(second),
            fixed(Some(strength), 1)
        )),
        (Some(second), Some(strength)) => lines.push(format!(
            "Second: {second} ({}), {} pairs ({}%); category strength {} - {} = {} points.",
            letter(second),
            count_of(&c, second),
            pct(second),
            // The larger share first: under the Berger rule the category may be the smaller.
            if count_of(&c, category) >= count_of(&c, second) {
                pct(category)
            } else {
                pct(second)
            },
            if count_of(&c, category) >= count_of(&c, second) {
                pct(second)
            } else {
                pct(category)
            },
            fixed(Some(strength), 1)
        )),
        _ => lines.push("No other category has any pair.".to_string()),
    }
    if let Some(fong) = e.fong {
        let verdict = if fong.significant {
            "significant: the top two categories differ"
        } else {
            "not significant: the top two categories cannot be told apart"
        };
        let stp25kano = e.settings.fong == crate::stats::FongVariant::Stp25kano.name();
        let pair = if stp25kano {
            "the two most frequent of A, O, M, I, R (stp25kano: Q left out, critical value \
             rounded)"
        } else {
            "the two most frequent counts"
        };
        lines.push(format!(
            "Fong's test on {pair}: difference {} vs critical value {}, {verdict}.",
            fixed(Some(fong.difference), 0),
            fixed(Some(fong.critical), 1)
        ));
    } else if e.settings.fong == crate::stats::FongVariant::Stp25kano.name() {
        lines.push(
            "Fong's test: not computed (stp25kano: fewer than 12 pairs in A, O, M, I).".to_string(),
        );
    }
    let threshold = fixed(Some(e.settings.mixed_threshold), 1);
    match (&e.second, e.mixed) {
        (Some(second), true) => lines.push(format!(
            "Mixed: the strength is below {threshold} points, so report it as {}/{}.",
            letter(category),
            letter(second)
        )),
        _ => lines.push(format!(
            "Not mixed: the strength is at least {threshold} points."
        )),
    }
    if let Some(advice) = &e.advice {
        lines.push(format!("Action: {advice}."));
    }
    push_unusable(e, &mut lines);
    lines
}

/// Missing and invalid answers, with the invalid labels.
fn push_unusable(e: &Explanation, lines: &mut Vec<String>) {
    let mut line = format!(
        "Not counted: {} missing pair(s) (an empty side), {} invalid pair(s) (an unknown label)",
        e.missing, e.invalid
    );
    if !e.invalid_labels.is_empty() {
        let labels: Vec<String> = e
            .invalid_labels
            .iter()
            .map(|(label, n)| format!("\"{}\" x{n}", printable(label)))
            .collect();
        line.push_str(&format!(": {}", labels.join(", ")));
    }
    line.push('.');
    lines.push(line);
}

/// The grid as text rows (header, five answer rows, totals), each a list of cells.
fn grid_cells(e: &Explanation) -> Option<Vec<Vec<String>>> {
    let grid = e.grid.as_ref()?;
    let rows = e.row_totals.as_ref()?;
    let columns = e.column_totals.as_ref()?;
    let mut table = Vec::new();
    let mut header = vec!["F \\ D".to_string()];
    header.extend(e.columns.iter().cloned());
    header.push("total".to_string());
    table.push(header);
    for (f, name) in e.rows.iter().enumerate() {
        let mut row = vec![name.clone()];
        for d in 0..e.columns.len() {
            let count = grid.get(f).and_then(|r| r.get(d)).copied().unwrap_or(0);
            let letter = e
                .letters
                .get(f)
                .and_then(|r| r.get(d))
                .map_or("", String::as_str);
            row.push(format!("{count} {letter}"));
        }
        row.push(rows.get(f).copied().unwrap_or(0).to_string());
        table.push(row);
    }
    let mut totals = vec!["total".to_string()];
    totals.extend(columns.iter().map(u64::to_string));
    totals.push(columns.iter().sum::<u64>().to_string());
    table.push(totals);
    Some(table)
}

/// Writes the explanation as text for the terminal.
pub fn render_table(e: &Explanation, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "{}", title(e))?;
    if let Some(table) = grid_cells(e) {
        writeln!(
            out,
            "\nFunctional answer (rows) by dysfunctional answer (columns): pairs and their \
             category."
        )?;
        let columns = table.first().map_or(0, Vec::len);
        let widths: Vec<usize> = (0..columns)
            .map(|i| {
                table
                    .iter()
                    .map(|row| row.get(i).map_or(0, |c| crate::report::text::columns(c)))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for (r, row) in table.iter().enumerate() {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                let width = widths.get(i).copied().unwrap_or(0);
                if i == 0 {
                    line.push_str(&crate::report::text::pad(cell, width));
                } else {
                    line.push_str("  ");
                    line.push_str(&crate::report::text::pad_left(cell, width));
                }
            }
            writeln!(out, "{}", line.trim_end())?;
            if r == 0 || r == table.len() - 2 {
                writeln!(out, "{}", "─".repeat(line.trim_end().chars().count()))?;
            }
        }
        writeln!(
            out,
            "A attractive, O one-dimensional, M must-be, I indifferent, R reverse, \
             Q questionable."
        )?;
    }
    writeln!(out)?;
    for sentence in sentences(e) {
        writeln!(out, "{sentence}")?;
    }
    Ok(())
}

/// Writes the explanation as Markdown.
pub fn render_markdown(e: &Explanation, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "# {}\n", escape(&title(e)))?;
    if let Some(table) = grid_cells(e) {
        writeln!(
            out,
            "Functional answer (rows) by dysfunctional answer (columns): pairs and their \
             category.\n"
        )?;
        for (r, row) in table.iter().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
            if r == 0 {
                let mut rule = vec!["---".to_string()];
                rule.extend((1..row.len()).map(|_| "---:".to_string()));
                writeln!(out, "|{}|", rule.join("|"))?;
            }
        }
        writeln!(out)?;
    }
    for sentence in sentences(e) {
        writeln!(out, "- {}", escape(&sentence))?;
    }
    Ok(())
}

/// Writes the explanation as JSON.
pub fn render_json(e: &Explanation, out: &mut dyn Write) -> io::Result<()> {
    crate::report::json::to_writer_pretty(&mut *out, e)?;
    writeln!(out)
}
