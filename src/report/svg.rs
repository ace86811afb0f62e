//! SVG charts drawn with plotters' SVG backend, from a [`ChartLayout`]: this file only draws what
//! the layout says (the label placement lives in `chart::labels`).
//!
//! Text safety: plotters' SVG backend escapes `<`, `>`, `&`, `"` and `'` in text and attributes;
//! the point labels, which plotters cannot give a `<title>`, are written here and escaped by
//! [`xml_escape`]; control characters, which XML forbids outright, are escaped to visible
//! `\u{..}` form by the layout before they get here. A test parses the output as XML with
//! hostile names.
//!
//! Every text names [`FONT_FAMILY`], whose advance widths the layout measured labels with.

use std::io::{self, Write};

use plotters::coord::Shift;
use plotters::prelude::{
    Circle as Dot, DrawingArea, FontStyle, FontTransform, IntoDrawingArea, IntoFont, PathElement,
    Polygon, RGBColor, Rectangle, SVGBackend, ShapeStyle, Text, TextStyle, WHITE,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::Color;

use crate::category::Category;
use crate::chart::{
    category_rgb, truncate_to_width, Chart, ChartKind, ChartLayout, PointLayout, FONT_FAMILY,
};
use crate::error::printable;

/// plotters writes an SVG font-size of the requested size divided by 1.24; ask for this much more
/// to get the intended pixel size.
const PLOTTERS_FONT_SCALE: f64 = 1.24;

const AXIS: RGBColor = RGBColor(0x33, 0x33, 0x33);
const GRID: RGBColor = RGBColor(0xe6, 0xe6, 0xe6);
const SPLIT: RGBColor = RGBColor(0x9e, 0x9e, 0x9e);
const QUADRANT: RGBColor = RGBColor(0xb0, 0xb0, 0xb0);

fn rgb(category: Option<Category>) -> RGBColor {
    let (r, g, b) = category_rgb(category);
    RGBColor(r, g, b)
}

fn point_color(point: &PointLayout) -> RGBColor {
    let (r, g, b) = point.color;
    RGBColor(r, g, b)
}

fn font(px: f64, color: &RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    (FONT_FAMILY, px * PLOTTERS_FONT_SCALE)
        .into_font()
        .color(color)
        .pos(Pos::new(h, v))
}

fn at(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

fn stroke(color: &RGBColor, width: u32) -> ShapeStyle {
    ShapeStyle {
        color: color.to_rgba(),
        filled: false,
        stroke_width: width,
    }
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Draws the chart; any plotters error becomes an `io::Error`.
fn draw(chart: &Chart, layout: &ChartLayout, root: &Area) -> Result<(), String> {
    let e = |err: plotters::drawing::DrawingAreaErrorKind<_>| err.to_string();
    root.fill(&WHITE).map_err(e)?;
    let plot = layout.plot;
    let (left, top, right, bottom) = (plot.x, plot.y, plot.right(), plot.bottom());

    // Grid and ticks.
    for (x, text) in &layout.x_ticks {
        root.draw(&PathElement::new(
            vec![at(*x, top), at(*x, bottom)],
            stroke(&GRID, 1),
        ))
        .map_err(e)?;
        root.draw(&Text::new(
            text.clone(),
            at(*x, bottom + 6.0),
            font(11.0, &AXIS, HPos::Center, VPos::Top),
        ))
        .map_err(e)?;
    }
    for (y, text) in &layout.y_ticks {
        root.draw(&PathElement::new(
            vec![at(left, *y), at(right, *y)],
            stroke(&GRID, 1),
        ))
        .map_err(e)?;
        root.draw(&Text::new(
            text.clone(),
            at(left - 6.0, *y),
            font(11.0, &AXIS, HPos::Right, VPos::Center),
        ))
        .map_err(e)?;
    }
    root.draw(&Rectangle::new(
        [at(left, top), at(right, bottom)],
        stroke(&AXIS, 1),
    ))
    .map_err(e)?;

    // Quadrant lines and names.
    let (sx, sy) = layout.split;
    root.draw(&PathElement::new(
        vec![at(sx, top), at(sx, bottom)],
        stroke(&SPLIT, 2),
    ))
    .map_err(e)?;
    root.draw(&PathElement::new(
        vec![at(left, sy), at(right, sy)],
        stroke(&SPLIT, 2),
    ))
    .map_err(e)?;
    for (name, rect) in &layout.quadrants {
        let px = layout.geometry.quadrant_px * PLOTTERS_FONT_SCALE;
        let style = (FONT_FAMILY, px, FontStyle::Italic)
            .into_font()
            .color(&QUADRANT)
            .pos(Pos::new(HPos::Left, VPos::Top));
        root.draw(&Text::new(name.clone(), at(rect.x, rect.y), style))
            .map_err(e)?;
    }

    // Whiskers and drift arrows under the markers.
    for p in &layout.points {
        let color = point_color(p).mix(0.6);
        let style = ShapeStyle {
            color,
            filled: false,
            stroke_width: 1,
        };
        let c = p.circle;
        if let Some((lo, hi)) = p.x_bar {
            root.draw(&PathElement::new(vec![at(lo, c.y), at(hi, c.y)], style))
                .map_err(e)?;
            for x in [lo, hi] {
                root.draw(&PathElement::new(
                    vec![at(x, c.y - 3.0), at(x, c.y + 3.0)],
                    style,
                ))
                .map_err(e)?;
            }
        }
        if let Some((lo, hi)) = p.y_bar {
            root.draw(&PathElement::new(vec![at(c.x, lo), at(c.x, hi)], style))
                .map_err(e)?;
            for y in [lo, hi] {
                root.draw(&PathElement::new(
                    vec![at(c.x - 3.0, y), at(c.x + 3.0, y)],
                    style,
                ))
                .map_err(e)?;
            }
        }
        // Through many waves: an arrow from each earlier wave to the next, up to the origin.
        let stops: Vec<((f64, f64), Option<Category>)> =
            p.path.iter().copied().chain(p.origin).collect();
        for pair in stops.windows(2) {
            let (((ax, ay), old), ((bx, by), _)) = (pair[0], pair[1]);
            root.draw(&Dot::new(at(ax, ay), 4, stroke(&rgb(old), 1)))
                .map_err(e)?;
            let (dx, dy) = (bx - ax, by - ay);
            let len = dx.hypot(dy);
            if len > 8.0 {
                let (ux, uy) = (dx / len, dy / len);
                let tip = (bx - ux * 4.0, by - uy * 4.0);
                let base = (tip.0 - ux * 6.0, tip.1 - uy * 6.0);
                let arrow = rgb(p.category);
                root.draw(&PathElement::new(
                    vec![at(ax + ux * 4.0, ay + uy * 4.0), at(base.0, base.1)],
                    stroke(&arrow, 1),
                ))
                .map_err(e)?;
                root.draw(&Polygon::new(
                    vec![
                        at(tip.0, tip.1),
                        at(base.0 - uy * 3.0, base.1 + ux * 3.0),
                        at(base.0 + uy * 3.0, base.1 - ux * 3.0),
                    ],
                    arrow.filled(),
                ))
                .map_err(e)?;
            }
        }
        if let Some(((ox, oy), old)) = p.origin {
            root.draw(&Dot::new(at(ox, oy), 4, stroke(&rgb(old), 1)))
                .map_err(e)?;
            let (dx, dy) = (c.x - ox, c.y - oy);
            let len = dx.hypot(dy);
            if len > c.r + 4.0 {
                let (ux, uy) = (dx / len, dy / len);
                let tip = (c.x - ux * c.r, c.y - uy * c.r);
                let base = (tip.0 - ux * 8.0, tip.1 - uy * 8.0);
                let arrow = rgb(p.category);
                root.draw(&PathElement::new(
                    vec![at(ox + ux * 4.0, oy + uy * 4.0), at(base.0, base.1)],
                    stroke(&arrow, 2),
                ))
                .map_err(e)?;
                root.draw(&Polygon::new(
                    vec![
                        at(tip.0, tip.1),
                        at(base.0 - uy * 4.0, base.1 + ux * 4.0),
                        at(base.0 + uy * 4.0, base.1 - ux * 4.0),
                    ],
                    arrow.filled(),
                ))
                .map_err(e)?;
            }
        }
    }

    // Markers, leader lines, labels.
    for p in &layout.points {
        let c = p.circle;
        let color = point_color(p);
        root.draw(&Dot::new(
            at(c.x, c.y),
            c.r.round() as i32,
            color.mix(0.85).filled(),
        ))
        .map_err(e)?;
        root.draw(&Dot::new(
            at(c.x, c.y),
            c.r.round() as i32,
            stroke(&WHITE, 1),
        ))
        .map_err(e)?;
        if let Some([a, b]) = p.placement.leader {
            root.draw(&PathElement::new(
                vec![at(a.0, a.1), at(b.0, b.1)],
                stroke(&SPLIT, 1),
            ))
            .map_err(e)?;
        }
        // The label itself is written by `labels` (plotters cannot attach a <title>).
    }

    // Title, axis captions, legend; cut with `…` where the canvas ends.
    let canvas = f64::from(layout.geometry.width);
    let fit = |text: &str, px: f64, from: f64| truncate_to_width(text, px, canvas - from - 6.0);
    root.draw(&Text::new(
        fit(&printable(&chart.title), 16.0, left),
        at(left, 18.0),
        font(16.0, &AXIS, HPos::Left, VPos::Top),
    ))
    .map_err(e)?;
    root.draw(&Text::new(
        chart.x_label.clone(),
        at((left + right) / 2.0, bottom + 26.0),
        font(13.0, &AXIS, HPos::Center, VPos::Top),
    ))
    .map_err(e)?;
    root.draw(&Text::new(
        chart.y_label.clone(),
        at(18.0, (top + bottom) / 2.0),
        font(13.0, &AXIS, HPos::Center, VPos::Top).transform(FontTransform::Rotate270),
    ))
    .map_err(e)?;
    let mut x = left;
    let mut legend_y = bottom + 56.0;
    // With --by the colours are the segments; otherwise the categories.
    let entries: Vec<(String, RGBColor)> = if chart.series.is_empty() {
        present_categories(layout)
            .into_iter()
            .map(|c| (c.map_or("no category", |c| c.name()).to_string(), rgb(c)))
            .collect()
    } else {
        chart
            .series
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let (r, g, b) = crate::chart::SERIES_RGB[i % crate::chart::SERIES_RGB.len()];
                (crate::error::printable(name), RGBColor(r, g, b))
            })
            .collect()
    };
    for (name, color) in &entries {
        let name = name.as_str();
        let width = 14.0 + crate::chart::text_size(name, 12.0).0 + 14.0;
        if x > left && x + width > canvas {
            // A narrow chart wraps its legend.
            x = left;
            legend_y += 16.0;
        }
        root.draw(&Dot::new(at(x + 5.0, legend_y + 7.0), 5, color.filled()))
            .map_err(e)?;
        root.draw(&Text::new(
            name.to_string(),
            at(x + 14.0, legend_y),
            font(12.0, &AXIS, HPos::Left, VPos::Top),
        ))
        .map_err(e)?;
        x += width;
    }
    let mut notes = Vec::new();
    if let Some([lo, hi]) = chart.importance_range() {
        notes.push(format!("size: mean importance {lo:.1}-{hi:.1}"));
    }
    if chart
        .points
        .iter()
        .any(|p| p.x_bar.is_some() || p.y_bar.is_some())
    {
        notes.push(match chart.kind {
            ChartKind::Continuous => "bars: ±1 SD".to_string(),
            _ => "whiskers: Wilson 95% intervals".to_string(),
        });
    }
    if chart.kind == ChartKind::Drift {
        notes.push("arrows: old wave -> new wave".to_string());
    }
    if layout.unlabelled > 0 {
        notes.push(format!(
            "labels: the first {} of {} points ({} unlabelled)",
            layout.points.len() - layout.unlabelled,
            layout.points.len(),
            layout.unlabelled
        ));
    }
    if !notes.is_empty() {
        let notes = notes.join("; ");
        if x > left && x + 6.0 + crate::chart::text_width(&notes, 12.0) > canvas {
            x = left - 6.0;
            legend_y += 16.0;
        }
        root.draw(&Text::new(
            fit(&notes, 12.0, x + 6.0),
            at(x + 6.0, legend_y),
            font(12.0, &AXIS, HPos::Left, VPos::Top),
        ))
        .map_err(e)?;
    }
    root.present().map_err(e)?;
    Ok(())
}

/// The categories drawn, in the order must-be, one-dimensional, attractive, indifferent,
/// reverse, questionable, none.
fn present_categories(layout: &ChartLayout) -> Vec<Option<Category>> {
    let order = [
        Some(Category::MustBe),
        Some(Category::OneDimensional),
        Some(Category::Attractive),
        Some(Category::Indifferent),
        Some(Category::Reverse),
        Some(Category::Questionable),
        None,
    ];
    order
        .into_iter()
        .filter(|c| {
            layout
                .points
                .iter()
                .any(|p| p.category == *c || p.origin.is_some_and(|(_, o)| o == *c))
        })
        .collect()
}

/// Escapes text for XML element content and quoted attributes.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Where a label's baseline sits below the top of its box, in em: room above for accented
/// capitals (Liberation Sans' ascent is 0.905 em) and below for descenders (0.212 em) within
/// the box's [`LINE_HEIGHT_EM`](crate::chart::labels::LINE_HEIGHT_EM).
pub const LABEL_BASELINE_EM: f64 = 0.95;

/// The point labels: each a `<g class="label">` with the full name in its `<title>` (a browser
/// shows it on hover; a name cut with `…` stays readable) and the text at the top-left of its
/// placed box. No background box: labels are placed clear of whiskers, so none is cut.
fn labels(layout: &ChartLayout) -> String {
    let mut out = String::new();
    let px = layout.geometry.label_px;
    for p in layout.points.iter().filter(|p| !p.label.is_empty()) {
        let r = p.placement.rect;
        let (red, green, blue) = p.color;
        out.push_str(&format!(
            "<g class=\"label\"><title>{}</title><text x=\"{:.1}\" y=\"{:.1}\" \
             font-family=\"{FONT_FAMILY}\" font-size=\"{px}\" \
             fill=\"#{red:02X}{green:02X}{blue:02X}\">{}</text></g>\n",
            xml_escape(&p.name),
            r.x,
            r.y + LABEL_BASELINE_EM * px,
            xml_escape(&p.label),
        ));
    }
    out
}

/// The chart as an SVG document.
pub fn to_string(chart: &Chart, layout: &ChartLayout) -> io::Result<String> {
    let mut buffer = String::new();
    {
        let size = (layout.geometry.width, layout.geometry.height);
        let root = SVGBackend::with_string(&mut buffer, size).into_drawing_area();
        draw(chart, layout, &root).map_err(io::Error::other)?;
    }
    let end = buffer
        .rfind("</svg>")
        .ok_or_else(|| io::Error::other("plotters wrote no </svg>"))?;
    buffer.insert_str(end, &labels(layout));
    Ok(buffer)
}

/// Writes the chart as an SVG document.
pub fn render(chart: &Chart, layout: &ChartLayout, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(to_string(chart, layout)?.as_bytes())
}
