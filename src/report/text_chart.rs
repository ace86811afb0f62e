//! A chart drawn in characters for a quick look in the terminal: a grid with the quadrant lines,
//! one mark (1-9, a-z, A-Z) per feature, and a legend below with the exact values. The frame is
//! plain ASCII so it survives any terminal, pager or e-mail.

use std::io::{self, Write};

use crate::chart::{Chart, ChartKind, QUADRANTS};
use crate::error::printable;
use crate::report::fixed;
use crate::report::text::{clip, columns, is_clipped, pad, NAME_COLUMNS};

/// Grid size in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridSize {
    /// Columns inside the frame.
    pub width: usize,
    /// Rows inside the frame.
    pub height: usize,
}

impl Default for GridSize {
    fn default() -> GridSize {
        GridSize {
            width: 60,
            height: 20,
        }
    }
}

const MARKS: &str = "123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

/// The mark of the `i`-th point: 1-9, a-z, A-Z, then `*`.
pub fn mark(i: usize) -> char {
    MARKS.chars().nth(i).unwrap_or('*')
}

fn cell(value: f64, [lo, hi]: [f64; 2], cells: usize) -> usize {
    let t = ((value - lo) / (hi - lo)).clamp(0.0, 1.0);
    (t * (cells - 1) as f64).round() as usize
}

/// Writes the chart in characters.
pub fn render(chart: &Chart, out: &mut dyn Write, size: GridSize) -> io::Result<()> {
    let (w, h) = (size.width.max(10), size.height.max(5));
    let mut grid = vec![vec![' '; w]; h];
    let split_col = cell(chart.split.0, chart.x_axis, w);
    let split_row = h - 1 - cell(chart.split.1, chart.y_axis, h);
    for (r, row) in grid.iter_mut().enumerate() {
        for (c, ch) in row.iter_mut().enumerate() {
            *ch = match (r == split_row, c == split_col) {
                (true, true) => '+',
                (true, false) => '-',
                (false, true) => '|',
                (false, false) => ' ',
            };
        }
    }
    // Marks: the nearest free cell (same row first), or `#` over whatever is there.
    let mut taken = vec![vec![false; w]; h];
    let mut shifted = false;
    for (i, p) in chart.points.iter().enumerate() {
        let col = cell(p.x, chart.x_axis, w) as isize;
        let row = (h - 1 - cell(p.y, chart.y_axis, h)) as isize;
        let offsets = [
            (0, 0),
            (1, 0),
            (-1, 0),
            (2, 0),
            (-2, 0),
            (0, -1),
            (0, 1),
            (1, -1),
            (-1, 1),
        ];
        let spot = offsets.iter().find_map(|(dc, dr)| {
            let (c, r) = (col + dc, row + dr);
            (c >= 0
                && r >= 0
                && (c as usize) < w
                && (r as usize) < h
                && !taken[r as usize][c as usize])
                .then_some((c as usize, r as usize))
        });
        if spot != Some((col as usize, row as usize)) {
            shifted = true;
        }
        let (c, r) = spot.unwrap_or((col as usize, row as usize));
        let ch = if spot.is_some() { mark(i) } else { '#' };
        taken[r][c] = true;
        grid[r][c] = ch;
    }

    let digits = if chart.tick_step.fract() == 0.0 { 0 } else { 1 };
    let label = |v: f64| fixed(Some(v), digits);
    writeln!(out, "{}", printable(&chart.title))?;
    let gap = w.saturating_sub(QUADRANTS[0].len() + QUADRANTS[1].len());
    writeln!(
        out,
        "       {}{}{}",
        QUADRANTS[0],
        " ".repeat(gap),
        QUADRANTS[1]
    )?;
    writeln!(out, "{:>5} +{}+", label(chart.y_axis[1]), "-".repeat(w))?;
    for (r, row) in grid.iter().enumerate() {
        let tick = if r == split_row {
            label(chart.split.1)
        } else {
            String::new()
        };
        writeln!(out, "{tick:>5} |{}|", row.iter().collect::<String>())?;
    }
    writeln!(out, "{:>5} +{}+", label(chart.y_axis[0]), "-".repeat(w))?;
    let gap = w.saturating_sub(QUADRANTS[3].len() + QUADRANTS[2].len());
    writeln!(
        out,
        "       {}{}{}",
        QUADRANTS[3],
        " ".repeat(gap),
        QUADRANTS[2]
    )?;
    let (lo, mid, hi) = (
        label(chart.x_axis[0]),
        label(chart.split.0),
        label(chart.x_axis[1]),
    );
    let mut axis = vec![' '; w + 2];
    let put = |axis: &mut Vec<char>, at: usize, text: &str| {
        let start = at
            .saturating_sub(text.len() / 2)
            .min(axis.len().saturating_sub(text.len()));
        for (k, ch) in text.chars().enumerate() {
            if let Some(slot) = axis.get_mut(start + k) {
                *slot = ch;
            }
        }
    };
    put(&mut axis, 1, &lo);
    put(&mut axis, split_col + 1, &mid);
    put(&mut axis, w, &hi);
    writeln!(out, "      {}", axis.iter().collect::<String>().trim_end())?;
    writeln!(out, "x: {}; y: {}", chart.x_label, chart.y_label)?;
    writeln!(out)?;
    let (xn, yn) = match chart.kind {
        ChartKind::Continuous => ("dysf.", "func."),
        _ => ("|Worse|", "Better"),
    };
    let names: Vec<String> = chart
        .points
        .iter()
        .map(|p| clip(&p.name, NAME_COLUMNS))
        .collect();
    let name_width = names.iter().map(|n| columns(n)).max().unwrap_or(0);
    for ((i, p), name) in chart.points.iter().enumerate().zip(&names) {
        let category = p
            .category_label
            .as_deref()
            .unwrap_or_else(|| p.category.map_or("-", |c| c.name()));
        let values = match p.origin {
            Some(o) => format!(
                "{yn} {} -> {}  {xn} {} -> {}  (was {})",
                fixed(Some(o.y), 2),
                fixed(Some(p.y), 2),
                fixed(Some(o.x), 2),
                fixed(Some(p.x), 2),
                o.category.map_or("-", |c| c.name())
            ),
            None => format!("{yn} {}  {xn} {}", fixed(Some(p.y), 2), fixed(Some(p.x), 2)),
        };
        writeln!(
            out,
            "  {}  {}  {:<15}  {values}",
            mark(i),
            pad(name, name_width),
            category
        )?;
    }
    if chart
        .points
        .iter()
        .any(|p| is_clipped(&p.name, NAME_COLUMNS))
    {
        writeln!(
            out,
            "(names longer than {NAME_COLUMNS} columns are cut with …; kano analyze --format json gives them in full)"
        )?;
    }
    if shifted {
        writeln!(
            out,
            "(marks that share a cell are moved beside it; # = no room)"
        )?;
    }
    if !chart.skipped.is_empty() {
        let names: Vec<String> = chart.skipped.iter().map(|n| printable(n)).collect();
        writeln!(out, "not plotted (undefined values): {}", names.join(", "))?;
    }
    Ok(())
}
