//! The terminal table: the ranked features, readable in 80 columns, coloured by category only
//! when asked to (a terminal, no NO_COLOR, or `--color always`). Full detail lives in the other
//! formats. Feature names are untrusted: control characters are shown escaped.

use std::io::{self, Write};

use comfy_table::{
    presets, Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, TableComponent,
};

use super::{fixed, FeatureReport, Report};
use crate::category::Category;
use crate::error::printable;
use crate::report::text::{clip, is_clipped, NAME_COLUMNS};

/// How to draw the table.
#[derive(Debug, Clone, Copy)]
pub struct TableOptions {
    /// Use ANSI colours.
    pub color: bool,
    /// Total width in columns.
    pub width: u16,
}

impl Default for TableOptions {
    fn default() -> TableOptions {
        TableOptions {
            color: false,
            width: 80,
        }
    }
}

/// The colour a category is drawn in, here and in charts.
pub fn category_color(category: Category) -> Color {
    match category {
        Category::MustBe => Color::Red,
        Category::OneDimensional => Color::Blue,
        Category::Attractive => Color::Green,
        Category::Indifferent => Color::Grey,
        Category::Reverse => Color::Magenta,
        Category::Questionable => Color::Yellow,
    }
}

fn right(text: String) -> Cell {
    Cell::new(text).set_alignment(CellAlignment::Right)
}

/// An empty table in kano's terminal style: no borders, a rule under the header, laid out by
/// the caller at `width` columns. Every terminal table starts here.
pub(crate) fn plain_table(width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_preset(presets::NOTHING)
        .set_style(TableComponent::HeaderLines, '─')
        .set_style(TableComponent::MiddleHeaderIntersections, '─')
        .set_style(TableComponent::LeftHeaderIntersection, '─')
        .set_style(TableComponent::RightHeaderIntersection, '─')
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty()
        .set_width(width);
    table
}

/// Draws one table of features.
fn features_table(features: &[FeatureReport], options: TableOptions) -> String {
    let mut table = plain_table(options.width);
    if options.color {
        table.enforce_styling();
    }
    let header = [
        "#", "Feature", "Category", "Better", "Worse", "Str.", "n", "Action",
    ];
    table.set_header(header.iter().map(|h| {
        let cell = Cell::new(h);
        if options.color {
            cell.add_attribute(Attribute::Bold)
        } else {
            cell
        }
    }));
    for f in features {
        let mut category = Cell::new(f.category_label());
        if options.color {
            if let Some(c) = f
                .category
                .as_deref()
                .and_then(|c| c.parse::<Category>().ok())
            {
                category = category.fg(category_color(c));
            }
        }
        let strength = match (f.category_strength, f.fong_significant) {
            (Some(s), Some(false)) => format!("{}*", fixed(Some(s), 0)),
            (s, _) => fixed(s, 0),
        };
        table.add_row(vec![
            right(f.rank.to_string()),
            Cell::new(clip(&f.name, NAME_COLUMNS)),
            category,
            right(fixed(f.better, 2)),
            right(fixed(f.worse, 2)),
            right(strength),
            right(f.n.to_string()),
            Cell::new(f.action.as_deref().unwrap_or("-")),
        ]);
    }
    for column in table.column_iter_mut() {
        column.set_padding((1, 0));
    }
    // Natural widths when they fit; otherwise let comfy-table wrap within the width.
    let mut text = table.to_string();
    if text
        .lines()
        .any(|l| l.chars().count() > usize::from(options.width))
    {
        table.set_content_arrangement(ContentArrangement::Dynamic);
        text = table.to_string();
    }
    text.lines()
        .map(|l| format!("{}\n", l.trim_end()))
        .collect()
}

/// The between-segments tests of `--by`: a p-value and its Holm adjustment per feature and test,
/// then what they mean.
fn segment_tests_table(report: &Report, options: TableOptions) -> String {
    use super::segment_tests::{heading, legend, rows, HEADERS};
    let mut table = plain_table(options.width);
    table.set_header(HEADERS.map(Cell::new));
    for [name, categories, better, worse] in rows(&report.segment_tests) {
        table.add_row(vec![
            Cell::new(printable(&name)),
            right(categories),
            right(better),
            right(worse),
        ]);
    }
    let legend = textwrap(&legend(), usize::from(options.width.max(40)));
    format!("\n{}\n{table}\n{legend}\n", printable(&heading(report)))
}

/// Yang's refined categories (`--refined`), then what they mean.
fn refined_table(report: &Report, options: TableOptions) -> String {
    use super::refined::{heading, legend, rows, HEADERS};
    let mut table = plain_table(options.width);
    table.set_header(HEADERS.map(Cell::new));
    for [name, category, importance, refined] in rows(report) {
        table.add_row(vec![
            Cell::new(printable(&name)),
            Cell::new(category),
            right(importance),
            Cell::new(refined),
        ]);
    }
    let width = usize::from(options.width.max(40));
    format!(
        "\n{}\n{table}\n{}\n",
        textwrap(&heading(report), width),
        textwrap(legend(), width)
    )
}

/// Wraps words into lines of at most `width` characters.
fn textwrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines.join("\n")
}

/// `text` with each of its lines longer than `width` wrapped at words (a longer word, such as a
/// path, stays whole), and a final newline.
fn fit(text: &str, width: u16) -> String {
    let width = usize::from(width);
    text.lines()
        .map(|line| {
            if line.chars().count() <= width {
                format!("{line}\n")
            } else {
                format!("{}\n", textwrap(line, width))
            }
        })
        .collect()
}

/// Writes the report as a table; the table and the text around it fit in `options.width`.
pub fn render(report: &Report, out: &mut dyn Write, options: TableOptions) -> io::Result<()> {
    let respondents = report.input.respondents.map_or_else(
        || "published counts".to_string(),
        |n| format!("{n} respondents"),
    );
    let title = format!(
        "Kano analysis of {} ({respondents}, {} layout)",
        printable(&report.input.path),
        report.input.layout
    );
    write!(out, "{}", fit(&title, options.width))?;
    write!(out, "{}", features_table(&report.features, options))?;
    if let Some(column) = &report.segment_by {
        for segment in &report.segments {
            writeln!(
                out,
                "\n{} = {} ({} respondents)",
                printable(column),
                printable(&segment.value),
                segment.respondents
            )?;
            write!(out, "{}", features_table(&segment.features, options))?;
        }
    }
    if !report.segment_tests.is_empty() {
        write!(out, "{}", segment_tests_table(report, options))?;
    }
    if report.settings.refined {
        write!(out, "{}", refined_table(report, options))?;
    }
    let all = report
        .features
        .iter()
        .chain(report.segments.iter().flat_map(|s| &s.features));
    if all.into_iter().any(|f| is_clipped(&f.name, NAME_COLUMNS)) {
        writeln!(
            out,
            "Names longer than {NAME_COLUMNS} columns are cut with …; --format json or csv gives \
             them in full."
        )?;
    }
    if let Some(checks) = &report.respondent_checks {
        if checks.left_out() > 0 || checks.with_questionable > 0 || checks.straight_liners > 0 {
            let dropped = checks.left_out_text();
            let line = format!(
                "Respondents: {} with questionable pairs, {} straight-lining, {dropped}.",
                checks.with_questionable, checks.straight_liners
            );
            write!(out, "{}", fit(&line, options.width))?;
        }
    }
    let footer = format!(
        "{} table, rule {}, ties {}. Better: satisfaction if present.\n\
         Worse: dissatisfaction if absent. Str.: category strength in points\n\
         (* = the top two categories do not differ significantly by Fong's test).",
        report.settings.table, report.settings.rule, report.settings.tie_order
    );
    write!(out, "{}", fit(&footer, options.width))?;
    if let Some(line) = super::convention_line(&report.settings) {
        write!(out, "{}", fit(&printable(&line), options.width))?;
    }
    Ok(())
}
