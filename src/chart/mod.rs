//! Charts as data: what to draw ([`Chart`], from a [`Report`] or a [`Comparison`]) and where to
//! draw it ([`ChartLayout`], pixels with every label placed). Renderers in `report::svg` and
//! `report::text_chart` only draw what these say.
//!
//! Three charts:
//! - the Better-Worse diagram (Berger et al. 1993; Timko's "customer satisfaction coefficient"
//!   plot): x = |Worse|, y = Better, quadrant lines at 0.5 or at the means;
//! - DuMouchel's continuous plot (Berger et al. 1993): dysfunctional mean on x, functional mean on
//!   y, standard deviations as error bars, quadrant lines at score 2 (half of the 0-4 range of
//!   positive answers) or at the means;
//! - the drift chart: arrows from the old wave's Better-Worse point to the new one.

pub mod font;
pub mod labels;

use crate::category::Category;
use crate::compare::Comparison;
use crate::report::Report;

pub use font::{text_width, truncate_to_width, FONT_FAMILY};
pub use labels::{place_labels, text_size, Circle, LabelRequest, Placement, Rect};

/// Which chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Better over |Worse|.
    BetterWorse,
    /// DuMouchel: functional mean over dysfunctional mean.
    Continuous,
    /// Better over |Worse|, an arrow per feature from the old wave to the new.
    Drift,
}

/// Where the quadrant lines go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Split {
    /// The middle of the scale: 0.5 for Better/Worse, score 2 for the continuous plot.
    #[default]
    Middle,
    /// The means of the plotted points.
    Mean,
}

/// Where a drift arrow starts: the old wave's point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Origin {
    /// x in data units.
    pub x: f64,
    /// y in data units.
    pub y: f64,
    /// The old wave's category.
    pub category: Option<Category>,
}

/// One plotted feature, in data units.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPoint {
    /// The feature name, exactly as read (untrusted).
    pub name: String,
    /// Its category (the colour).
    pub category: Option<Category>,
    /// The result as the tables spell it (a name, or `A/O mixed`); `None` shows the category.
    pub category_label: Option<String>,
    /// x.
    pub x: f64,
    /// y.
    pub y: f64,
    /// Horizontal whisker `[low, high]` (a Wilson interval or mean ± SD).
    pub x_bar: Option<[f64; 2]>,
    /// Vertical whisker `[low, high]`.
    pub y_bar: Option<[f64; 2]>,
    /// Mean importance (the point size), when known.
    pub importance: Option<f64>,
    /// The old wave's point, for drift arrows.
    pub origin: Option<Origin>,
    /// With `--by`: the segment's index, which picks the colour instead of the category.
    pub series: Option<usize>,
    /// Earlier waves' points before `origin`, oldest first, for a path of arrows through many
    /// waves (empty for one or two waves).
    pub path: Vec<Origin>,
}

/// A chart in data units.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Which chart.
    pub kind: ChartKind,
    /// The title (contains the input path: untrusted).
    pub title: String,
    /// The x axis caption.
    pub x_label: String,
    /// The y axis caption.
    pub y_label: String,
    /// x range `[min, max]`.
    pub x_axis: [f64; 2],
    /// y range `[min, max]`.
    pub y_axis: [f64; 2],
    /// Distance between ticks on both axes.
    pub tick_step: f64,
    /// The quadrant lines `(x, y)`.
    pub split: (f64, f64),
    /// The plotted features.
    pub points: Vec<ChartPoint>,
    /// Features left out because their coordinates are undefined.
    pub skipped: Vec<String>,
    /// With `--by`: the segments, in colour order (untrusted text); empty otherwise.
    pub series: Vec<String>,
}

/// Points of the Better-Worse diagram for `features`; with a segment, labels name it and the
/// segment's index colours them.
fn better_worse_points(
    features: &[crate::report::FeatureReport],
    intervals: bool,
    segment: Option<(usize, &str)>,
    points: &mut Vec<ChartPoint>,
    skipped: &mut Vec<String>,
) {
    for f in features {
        let name = match segment {
            Some((_, value)) => format!("{} ({value})", f.name),
            None => f.name.clone(),
        };
        let (Some(better), Some(worse)) = (f.better, f.worse) else {
            skipped.push(name);
            continue;
        };
        points.push(ChartPoint {
            name,
            category: category_of(&f.category),
            category_label: f.category_label.clone(),
            x: worse.abs(),
            y: better,
            x_bar: f.worse_ci.filter(|_| intervals).map(abs_interval),
            y_bar: f.better_ci.filter(|_| intervals),
            importance: f.importance.map(|i| i.mean),
            origin: None,
            path: Vec::new(),
            series: segment.map(|(i, _)| i),
        });
    }
}

/// Colours of `--by` segments (colour-blind-safe Okabe-Ito order).
pub const SERIES_RGB: [Rgb; 7] = [
    (0x00, 0x72, 0xB2),
    (0xE6, 0x9F, 0x00),
    (0x00, 0x9E, 0x73),
    (0xCC, 0x79, 0xA7),
    (0x56, 0xB4, 0xE9),
    (0xD5, 0x5E, 0x00),
    (0x00, 0x00, 0x00),
];

/// A point's colour: its segment's with `--by`, else its category's.
pub fn point_rgb(point: &ChartPoint) -> Rgb {
    match point.series {
        Some(i) => SERIES_RGB[i % SERIES_RGB.len()],
        None => category_rgb(point.category),
    }
}

/// Quadrant names: top-left, top-right, bottom-right, bottom-left.
pub const QUADRANTS: [&str; 4] = ["attractive", "one-dimensional", "must-be", "indifferent"];

fn category_of(name: &Option<String>) -> Option<Category> {
    name.as_deref().and_then(|c| c.parse().ok())
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

fn split_at(split: Split, middle: f64, points: &[ChartPoint]) -> (f64, f64) {
    match split {
        Split::Middle => (middle, middle),
        Split::Mean => (
            mean(points.iter().map(|p| p.x)).unwrap_or(middle),
            mean(points.iter().map(|p| p.y)).unwrap_or(middle),
        ),
    }
}

/// The axis range `[lo, hi]` grown by whole ticks of `step` until it covers every value and
/// every bar (a mean ± SD can reach past the continuous scale's -2..4), so no bar is cut at the
/// frame.
fn covering(
    range: [f64; 2],
    step: f64,
    values: impl Iterator<Item = (f64, Option<[f64; 2]>)>,
) -> [f64; 2] {
    let [mut lo, mut hi] = range;
    for (v, bar) in values {
        for end in std::iter::once(v).chain(bar.into_iter().flatten()) {
            if end.is_finite() {
                lo = lo.min((end / step + 1e-9).floor() * step);
                hi = hi.max((end / step - 1e-9).ceil() * step);
            }
        }
    }
    [lo, hi]
}

/// An interval of Worse as an interval of |Worse|.
fn abs_interval(ci: [f64; 2]) -> [f64; 2] {
    let (a, b) = (ci[0].abs(), ci[1].abs());
    [a.min(b), a.max(b)]
}

impl Chart {
    /// The Better-Worse diagram of a report; `intervals` adds the Wilson intervals as whiskers.
    pub fn better_worse(report: &Report, split: Split, intervals: bool) -> Chart {
        let mut points = Vec::new();
        let mut skipped = Vec::new();
        better_worse_points(&report.features, intervals, None, &mut points, &mut skipped);
        Chart::better_worse_of(
            format!("Better-Worse diagram: {}", report.input.path),
            split,
            points,
            skipped,
        )
    }

    /// The Better-Worse diagram of each `--by` segment on one chart: a colour per segment, each
    /// label naming its segment ("Live chat (premium)").
    pub fn better_worse_by_segment(report: &Report, split: Split, intervals: bool) -> Chart {
        let mut points = Vec::new();
        let mut skipped = Vec::new();
        for (i, segment) in report.segments.iter().enumerate() {
            better_worse_points(
                &segment.features,
                intervals,
                Some((i, &segment.value)),
                &mut points,
                &mut skipped,
            );
        }
        let column = report.segment_by.clone().unwrap_or_default();
        let mut chart = Chart::better_worse_of(
            format!("Better-Worse diagram by {column}: {}", report.input.path),
            split,
            points,
            skipped,
        );
        chart.series = report.segments.iter().map(|s| s.value.clone()).collect();
        chart
    }

    fn better_worse_of(
        title: String,
        split: Split,
        points: Vec<ChartPoint>,
        skipped: Vec<String>,
    ) -> Chart {
        Chart {
            kind: ChartKind::BetterWorse,
            title,
            x_label: "|Worse|: dissatisfaction if absent".to_string(),
            y_label: "Better: satisfaction if present".to_string(),
            x_axis: [0.0, 1.0],
            y_axis: [0.0, 1.0],
            tick_step: 0.1,
            split: split_at(split, 0.5, &points),
            points,
            skipped,
            series: Vec::new(),
        }
    }

    /// DuMouchel's continuous plot of a report: the SDs are the error bars. Features without
    /// continuous scores (the counts layout) are skipped.
    pub fn continuous(report: &Report, split: Split) -> Chart {
        let mut points = Vec::new();
        let mut skipped = Vec::new();
        for f in &report.features {
            let c = &f.continuous;
            let (Some(x), Some(y)) = (c.dysfunctional_mean, c.functional_mean) else {
                skipped.push(f.name.clone());
                continue;
            };
            points.push(ChartPoint {
                name: f.name.clone(),
                category: category_of(&f.category),
                category_label: f.category_label.clone(),
                x,
                y,
                x_bar: c.dysfunctional_sd.map(|sd| [x - sd, x + sd]),
                y_bar: c.functional_sd.map(|sd| [y - sd, y + sd]),
                importance: f.importance.map(|i| i.mean),
                origin: None,
                series: None,
                path: Vec::new(),
            });
        }
        Chart {
            kind: ChartKind::Continuous,
            title: format!("Continuous (DuMouchel) plot: {}", report.input.path),
            x_label: "Dysfunctional mean score (bars: ±1 SD)".to_string(),
            y_label: "Functional mean score".to_string(),
            x_axis: [-2.0, 4.0],
            y_axis: [-2.0, 4.0],
            tick_step: 1.0,
            split: split_at(split, 2.0, &points),
            points,
            skipped,
            series: Vec::new(),
        }
    }

    /// The drift chart of a comparison: each feature's point in the new wave, with an arrow from
    /// its point in the old wave; coloured by the new category.
    pub fn drift(comparison: &Comparison, split: Split) -> Chart {
        let mut points = Vec::new();
        let mut skipped = Vec::new();
        for f in &comparison.features {
            let (Some(b1), Some(w1), Some(b2), Some(w2)) =
                (f.old.better, f.old.worse, f.new.better, f.new.worse)
            else {
                skipped.push(f.name.clone());
                continue;
            };
            points.push(ChartPoint {
                name: f.name.clone(),
                category: f.new.category(),
                category_label: None,
                x: w2.abs(),
                y: b2,
                x_bar: None,
                y_bar: None,
                importance: f.new.importance,
                origin: Some(Origin {
                    x: w1.abs(),
                    y: b1,
                    category: f.old.category(),
                }),
                series: None,
                path: Vec::new(),
            });
        }
        Chart {
            kind: ChartKind::Drift,
            title: format!("Drift: {} -> {}", comparison.old.path, comparison.new.path),
            x_label: "|Worse|: dissatisfaction if absent".to_string(),
            y_label: "Better: satisfaction if present".to_string(),
            x_axis: [0.0, 1.0],
            y_axis: [0.0, 1.0],
            tick_step: 0.1,
            split: split_at(split, 0.5, &points),
            points,
            skipped,
            series: Vec::new(),
        }
    }

    /// The paths of features through many waves: a point at the newest wave, an arrow from
    /// each wave to the next (features with an undefined value in any wave are skipped).
    pub fn paths(trend: &crate::trend::Trend, split: Split) -> Chart {
        let mut points = Vec::new();
        let mut skipped = Vec::new();
        for f in &trend.features {
            let coordinates: Option<Vec<Origin>> = f
                .waves
                .iter()
                .map(|w| {
                    Some(Origin {
                        x: w.worse?.abs(),
                        y: w.better?,
                        category: w.category(),
                    })
                })
                .collect();
            let Some(mut coordinates) = coordinates.filter(|c| c.len() >= 2) else {
                skipped.push(f.name.clone());
                continue;
            };
            let Some(last) = coordinates.pop() else {
                continue;
            };
            let origin = coordinates.pop();
            points.push(ChartPoint {
                name: f.name.clone(),
                category: last.category,
                category_label: None,
                x: last.x,
                y: last.y,
                x_bar: None,
                y_bar: None,
                importance: f.waves.last().and_then(|w| w.importance),
                origin,
                path: coordinates,
                series: None,
            });
        }
        let first = trend.waves.first().map_or("", |w| w.path.as_str());
        let last = trend.waves.last().map_or("", |w| w.path.as_str());
        Chart {
            kind: ChartKind::Drift,
            title: format!("Paths over {} waves: {first} -> {last}", trend.waves.len()),
            x_label: "|Worse|: dissatisfaction if absent".to_string(),
            y_label: "Better: satisfaction if present".to_string(),
            x_axis: [0.0, 1.0],
            y_axis: [0.0, 1.0],
            tick_step: 0.1,
            split: split_at(split, 0.5, &points),
            points,
            skipped,
            series: Vec::new(),
        }
    }

    /// The importance range `[min, max]` over the plotted points, when any has one.
    pub fn importance_range(&self) -> Option<[f64; 2]> {
        self.points
            .iter()
            .filter_map(|p| p.importance)
            .fold(None, |range: Option<[f64; 2]>, v| match range {
                None => Some([v, v]),
                Some([lo, hi]) => Some([lo.min(v), hi.max(v)]),
            })
    }
}

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// The colour of a category in charts and HTML: the hues of
/// [`crate::report::table::category_color`], darkened enough to read on white.
pub fn category_rgb(category: Option<Category>) -> Rgb {
    match category {
        Some(Category::MustBe) => (0xc6, 0x28, 0x28),
        Some(Category::OneDimensional) => (0x15, 0x65, 0xc0),
        Some(Category::Attractive) => (0x2e, 0x7d, 0x32),
        Some(Category::Indifferent) => (0x75, 0x75, 0x75),
        Some(Category::Reverse) => (0xad, 0x14, 0x57),
        Some(Category::Questionable) => (0xb2, 0x8c, 0x00),
        None => (0x42, 0x42, 0x42),
    }
}

/// Pixel sizes of the drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geometry {
    /// Canvas width.
    pub width: u32,
    /// Canvas height.
    pub height: u32,
    /// Font size of point labels.
    pub label_px: f64,
    /// Font size of quadrant names.
    pub quadrant_px: f64,
    /// The widest a point label may be: longer names are cut to it with `…` (the SVG keeps the
    /// full name in the label's `<title>`).
    pub label_max_px: f64,
}

impl Default for Geometry {
    fn default() -> Geometry {
        Geometry {
            width: 900,
            height: 700,
            label_px: 12.0,
            quadrant_px: 14.0,
            label_max_px: 200.0,
        }
    }
}

impl Geometry {
    /// A chart for a phone screen: 360 px wide, so that drawn at its own size on a 390 px
    /// screen its text is as large as it says (the wide chart would be scaled to 40%).
    pub fn narrow() -> Geometry {
        Geometry {
            width: 360,
            height: 400,
            label_px: 11.0,
            quadrant_px: 11.0,
            label_max_px: 110.0,
        }
    }
}

/// The most points that get a label: past a few hundred the labels of a 900 x 700 chart can only
/// pile up, so the first ones in the chart's order (the report's ranking) are labelled and the
/// chart says how many were left unlabelled.
pub const MAX_LABELS: usize = 300;

/// A point in pixels with the category it had then.
pub type Stop = ((f64, f64), Option<Category>);

/// A point as drawn, in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct PointLayout {
    /// The feature name in full, with control characters escaped (the label's tooltip).
    pub name: String,
    /// The label text: the name with control characters escaped, cut with `…` to
    /// [`Geometry::label_max_px`] as measured by [`font::text_width`]; empty for a point past
    /// [`MAX_LABELS`].
    pub label: String,
    /// The category.
    pub category: Option<Category>,
    /// The colour: the category's, or the segment's with `--by`.
    pub color: Rgb,
    /// The marker.
    pub circle: Circle,
    /// The label's box and leader line.
    pub placement: Placement,
    /// Horizontal whisker `(x_low, x_high)` at the point's y.
    pub x_bar: Option<(f64, f64)>,
    /// Vertical whisker `(y_low, y_high)` at the point's x (y_low is the lower value, drawn
    /// further down).
    pub y_bar: Option<(f64, f64)>,
    /// The old point of a drift arrow and its category.
    pub origin: Option<((f64, f64), Option<Category>)>,
    /// Earlier waves' points before the origin, oldest first, with their categories.
    pub path: Vec<Stop>,
}

/// A chart in pixels, with every label placed.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartLayout {
    /// The sizes used.
    pub geometry: Geometry,
    /// The plot area.
    pub plot: Rect,
    /// Quadrant lines in pixels `(x, y)`.
    pub split: (f64, f64),
    /// x ticks: pixel x and text.
    pub x_ticks: Vec<(f64, String)>,
    /// y ticks: pixel y and text.
    pub y_ticks: Vec<(f64, String)>,
    /// Quadrant names and their boxes (top-left, top-right, bottom-right, bottom-left).
    pub quadrants: Vec<(String, Rect)>,
    /// The points, in the chart's order.
    pub points: Vec<PointLayout>,
    /// How many points have no label (those past [`MAX_LABELS`]).
    pub unlabelled: usize,
}

/// Half the length of a whisker's end cap, in pixels.
pub const WHISKER_CAP: f64 = 3.0;

/// Formats a tick value: one decimal for fractional steps, none for whole ones.
fn tick_text(value: f64, step: f64) -> String {
    let digits = if step.fract() == 0.0 { 0 } else { 1 };
    crate::report::fixed(Some(value), digits)
}

/// Marker radius: 4-10 px by importance within the chart's range, 6 px without importance.
fn radius(importance: Option<f64>, range: Option<[f64; 2]>) -> f64 {
    match (importance, range) {
        (Some(v), Some([lo, hi])) if hi > lo => 4.0 + 6.0 * (v - lo) / (hi - lo),
        (Some(_), Some(_)) => 7.0,
        _ => 5.0,
    }
}

/// Lays a chart out on a canvas: scales, ticks, quadrant names, markers, and labels placed with
/// [`place_labels`] so that none overlaps another label, a marker or a quadrant name.
pub fn layout(chart: &Chart, geometry: Geometry) -> ChartLayout {
    let plot = Rect {
        x: 72.0,
        y: 50.0,
        w: f64::from(geometry.width) - 72.0 - 24.0,
        h: f64::from(geometry.height) - 50.0 - 96.0,
    };
    // The drawn axes cover every bar; the chart's own range is the least they show.
    let step = chart.tick_step;
    let [x0, x1] = covering(
        chart.x_axis,
        step,
        chart.points.iter().map(|p| (p.x, p.x_bar)),
    );
    let [y0, y1] = covering(
        chart.y_axis,
        step,
        chart.points.iter().map(|p| (p.y, p.y_bar)),
    );
    let px = |x: f64| plot.x + (x.clamp(x0, x1) - x0) / (x1 - x0) * plot.w;
    let py = |y: f64| plot.bottom() - (y.clamp(y0, y1) - y0) / (y1 - y0) * plot.h;
    let x_count = ((x1 - x0) / chart.tick_step).round() as usize;
    let y_count = ((y1 - y0) / chart.tick_step).round() as usize;
    let x_ticks = (0..=x_count)
        .map(|i| {
            let v = x0 + i as f64 * chart.tick_step;
            (px(v), tick_text(v, chart.tick_step))
        })
        .collect();
    let y_ticks = (0..=y_count)
        .map(|i| {
            let v = y0 + i as f64 * chart.tick_step;
            (py(v), tick_text(v, chart.tick_step))
        })
        .collect();
    let inset = 6.0;
    let quadrants = QUADRANTS
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (w, h) = text_size(name, geometry.quadrant_px);
            let x = if i == 0 || i == 3 {
                plot.x + inset
            } else {
                plot.right() - inset - w
            };
            let y = if i < 2 {
                plot.y + inset
            } else {
                plot.bottom() - inset - h
            };
            (name.to_string(), Rect { x, y, w, h })
        })
        .collect::<Vec<_>>();
    let range = chart.importance_range();
    let mut circles: Vec<Circle> = chart
        .points
        .iter()
        .map(|p| Circle {
            x: px(p.x),
            y: py(p.y),
            r: radius(p.importance, range),
        })
        .collect();
    let origins: Vec<Option<(f64, f64)>> = chart
        .points
        .iter()
        .map(|p| p.origin.map(|o| (px(o.x), py(o.y))))
        .collect();
    // The label budget leaves room for the label on one side of any point.
    let budget = geometry.label_max_px.min(plot.w / 2.0 - 24.0).max(0.0);
    let labels_text: Vec<String> = chart
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i < MAX_LABELS {
                // Clipping to NAME_COLUMNS first keeps a megabyte name cheap.
                let shown = crate::report::text::clip(&p.name, crate::report::text::NAME_COLUMNS);
                truncate_to_width(&shown, geometry.label_px, budget)
            } else {
                String::new()
            }
        })
        .collect();
    let requests: Vec<LabelRequest> = labels_text
        .iter()
        .take(MAX_LABELS)
        .enumerate()
        .map(|(i, text)| {
            let (w, h) = text_size(text, geometry.label_px);
            LabelRequest { circle: i, w, h }
        })
        .collect();
    let paths: Vec<Vec<Stop>> = chart
        .points
        .iter()
        .map(|p| {
            p.path
                .iter()
                .map(|o| ((px(o.x), py(o.y)), o.category))
                .collect()
        })
        .collect();
    // Drift origins and earlier waves are obstacles too (small hollow circles).
    circles.extend(
        origins
            .iter()
            .flatten()
            .chain(paths.iter().flatten().map(|(xy, _)| xy))
            .map(|&(x, y)| Circle { x, y, r: 4.0 }),
    );
    // Quadrant names and every whisker (with its end caps) are kept free of labels.
    let mut reserved: Vec<Rect> = quadrants.iter().map(|(_, r)| *r).collect();
    for (p, c) in chart.points.iter().zip(&circles) {
        if let Some([lo, hi]) = p.x_bar {
            let (a, b) = (px(lo), px(hi));
            reserved.push(Rect {
                x: a.min(b),
                y: c.y - WHISKER_CAP,
                w: (b - a).abs(),
                h: 2.0 * WHISKER_CAP,
            });
        }
        if let Some([lo, hi]) = p.y_bar {
            let (a, b) = (py(lo), py(hi));
            reserved.push(Rect {
                x: c.x - WHISKER_CAP,
                y: a.min(b),
                w: 2.0 * WHISKER_CAP,
                h: (b - a).abs(),
            });
        }
    }
    let mut placements = place_labels(&requests, &circles, &reserved, plot.padded(-2.0));
    let unlabelled = chart.points.len().saturating_sub(placements.len());
    placements.extend(
        chart
            .points
            .iter()
            .skip(placements.len())
            .map(|p| Placement {
                rect: Rect {
                    x: px(p.x),
                    y: py(p.y),
                    w: 0.0,
                    h: 0.0,
                },
                leader: None,
                free: true,
            }),
    );
    let points = chart
        .points
        .iter()
        .zip(placements)
        .zip(labels_text)
        .enumerate()
        .map(|(i, ((p, placement), label))| PointLayout {
            name: crate::error::printable(&p.name),
            label,
            category: p.category,
            color: point_rgb(p),
            circle: circles[i],
            placement,
            x_bar: p.x_bar.map(|[lo, hi]| (px(lo), px(hi))),
            y_bar: p.y_bar.map(|[lo, hi]| (py(lo), py(hi))),
            origin: origins[i].map(|o| (o, p.origin.and_then(|o| o.category))),
            path: paths[i].clone(),
        })
        .collect();
    ChartLayout {
        geometry,
        plot,
        split: (px(chart.split.0), py(chart.split.1)),
        x_ticks,
        y_ticks,
        quadrants,
        points,
        unlabelled,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(x: f64, y: f64) -> ChartPoint {
        ChartPoint {
            name: String::new(),
            category: None,
            category_label: None,
            x,
            y,
            x_bar: None,
            y_bar: None,
            importance: None,
            origin: None,
            series: None,
            path: Vec::new(),
        }
    }

    #[test]
    fn the_mean_split_is_the_mean_of_the_plotted_points() {
        let points = [point(0.2, 0.9), point(0.6, 0.3)];
        assert_eq!(split_at(Split::Middle, 0.5, &points), (0.5, 0.5));
        let (x, y) = split_at(Split::Mean, 0.5, &points);
        assert!((x - 0.4).abs() < 1e-12 && (y - 0.6).abs() < 1e-12);
        assert_eq!(split_at(Split::Mean, 2.0, &[]), (2.0, 2.0));
    }

    #[test]
    fn worse_intervals_become_ascending_intervals_of_the_magnitude() {
        assert_eq!(abs_interval([-0.8, -0.6]), [0.6, 0.8]);
        assert_eq!(abs_interval([0.6, 0.8]), [0.6, 0.8]);
    }

    #[test]
    fn drawn_axes_grow_by_whole_ticks_to_cover_every_bar() {
        let inside = [(1.0, Some([0.0, 2.0]))];
        assert_eq!(covering([-2.0, 4.0], 1.0, inside.into_iter()), [-2.0, 4.0]);
        let wilson = [(0.5, Some([0.31, 0.97]))];
        assert_eq!(covering([0.0, 1.0], 0.1, wilson.into_iter()), [0.0, 1.0]);
        let past = [
            (3.5, Some([1.7, 5.3])),
            (-1.0, Some([-2.4, 0.4])),
            (0.0, None),
        ];
        assert_eq!(covering([-2.0, 4.0], 1.0, past.into_iter()), [-3.0, 6.0]);
    }

    #[test]
    fn long_labels_are_cut_to_the_budget_and_kept_off_whiskers_and_their_point() {
        let name = "A feature whose name runs on for eighty characters, far wider than any label";
        let chart = Chart {
            kind: ChartKind::BetterWorse,
            title: String::new(),
            x_label: String::new(),
            y_label: String::new(),
            x_axis: [0.0, 1.0],
            y_axis: [0.0, 1.0],
            tick_step: 0.1,
            split: (0.5, 0.5),
            points: vec![ChartPoint {
                name: name.to_string(),
                x_bar: Some([0.1, 0.9]),
                y_bar: Some([0.2, 0.8]),
                ..point(0.5, 0.5)
            }],
            skipped: Vec::new(),
            series: Vec::new(),
        };
        let geometry = Geometry::default();
        let layout = layout(&chart, geometry);
        let p = &layout.points[0];
        assert_eq!(p.name, name);
        assert!(
            p.label.ends_with('…') && p.label.len() < name.len(),
            "{}",
            p.label
        );
        assert!(text_width(&p.label, geometry.label_px) <= geometry.label_max_px);
        let r = p.placement.rect;
        assert!(
            !r.touches_circle(&p.circle),
            "the label covers its own point"
        );
        let (lo, hi) = p.x_bar.unwrap();
        let x_bar = Rect {
            x: lo,
            y: p.circle.y,
            w: hi - lo,
            h: 0.1,
        };
        let (lo, hi) = p.y_bar.unwrap();
        let y_bar = Rect {
            x: p.circle.x,
            y: hi.min(lo),
            w: 0.1,
            h: (hi - lo).abs(),
        };
        assert!(
            !r.overlaps(&x_bar) && !r.overlaps(&y_bar),
            "{r:?} sits on a whisker"
        );
    }

    #[test]
    fn markers_grow_with_importance_within_the_range() {
        let range = Some([2.0, 8.0]);
        assert_eq!(radius(Some(2.0), range), 4.0);
        assert_eq!(radius(Some(8.0), range), 10.0);
        assert_eq!(radius(Some(5.0), Some([5.0, 5.0])), 7.0);
        assert_eq!(radius(None, None), 5.0);
    }
}
