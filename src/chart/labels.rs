//! Deterministic label placement for scatter charts: every point gets its label beside it, never
//! on another label, a point or a reserved area, pushed further out (with a leader line) when the
//! neighbourhood is crowded.
//!
//! The method is the classic greedy one (Imhof 1975; Christensen, Marks & Shieber 1995 call it
//! "greedy with candidate positions"): labels are taken most-crowded point first; for each, a
//! fixed list of candidate boxes around its point is tried nearest first, and the first one that
//! stays inside the bounds and touches no placed label, no point circle and no reserved box wins.
//! Text width is measured with the advance widths of the font the SVG names ([`super::font`]).
//!
//! Obstacles (circles and the labels placed so far) sit in a uniform grid of buckets, so testing a
//! candidate looks only at the obstacles near it: with thousands of points the placement stays
//! near-linear instead of testing every candidate against every point and label.

/// An axis-aligned box in pixels, y growing downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The right edge.
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    /// The bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// Whether the two boxes share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// The box grown by `pad` on every side.
    pub fn padded(&self, pad: f64) -> Rect {
        Rect {
            x: self.x - pad,
            y: self.y - pad,
            w: self.w + 2.0 * pad,
            h: self.h + 2.0 * pad,
        }
    }

    /// Whether `other` lies wholly inside this box.
    pub fn contains(&self, other: &Rect) -> bool {
        other.x >= self.x
            && other.y >= self.y
            && other.right() <= self.right()
            && other.bottom() <= self.bottom()
    }

    /// The point of the box nearest to `(px, py)`.
    pub fn nearest(&self, px: f64, py: f64) -> (f64, f64) {
        (
            px.clamp(self.x, self.right()),
            py.clamp(self.y, self.bottom()),
        )
    }

    /// Whether the box touches a circle.
    pub fn touches_circle(&self, circle: &Circle) -> bool {
        let (nx, ny) = self.nearest(circle.x, circle.y);
        (nx - circle.x).hypot(ny - circle.y) < circle.r
    }
}

/// A point marker: a circle in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    /// Centre x.
    pub x: f64,
    /// Centre y.
    pub y: f64,
    /// Radius.
    pub r: f64,
}

/// A label to place: the circle it belongs to (an index into the circles) and its size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelRequest {
    /// Index of the labelled circle.
    pub circle: usize,
    /// Estimated text width.
    pub w: f64,
    /// Text height.
    pub h: f64,
}

/// Where a label went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// The label's box.
    pub rect: Rect,
    /// A leader line from the circle's edge to the box, when the label was pushed away.
    pub leader: Option<[(f64, f64); 2]>,
    /// False when no free spot existed and the least-crowded candidate was taken.
    pub free: bool,
}

/// Line height relative to the font size.
pub const LINE_HEIGHT_EM: f64 = 1.25;

/// `(width, height)` of one line of `text` at `font_px`: the width from the font's metrics
/// ([`super::font::text_width`]), the height one line.
pub fn text_size(text: &str, font_px: f64) -> (f64, f64) {
    (
        super::font::text_width(text, font_px),
        font_px * LINE_HEIGHT_EM,
    )
}

/// Space kept between a label and anything else.
const GAP: f64 = 2.0;
/// Distance between successive rings of candidates.
const RING_STEP: f64 = 9.0;
/// How many rings are tried before giving up: out to about 270 px, far enough to clear a
/// cluster crossed by whiskers.
const RINGS: usize = 30;

/// Candidate directions as unit vectors, nearest-looking first: right, left, the four diagonals,
/// above, below; outer rings add the in-between directions.
fn directions(ring: usize) -> Vec<(f64, f64)> {
    let s = std::f64::consts::FRAC_1_SQRT_2;
    let mut dirs = vec![
        (1.0, 0.0),
        (-1.0, 0.0),
        (s, -s),
        (s, s),
        (-s, -s),
        (-s, s),
        (0.0, -1.0),
        (0.0, 1.0),
    ];
    if ring > 0 {
        let (a, b) = (0.924, 0.383); // cos and sin of 22.5 degrees
        dirs.extend([
            (a, -b),
            (a, b),
            (-a, -b),
            (-a, b),
            (b, -a),
            (b, a),
            (-b, -a),
            (-b, a),
        ]);
    }
    dirs
}

/// The box of a `w` x `h` label whose nearest side or corner touches the point `d` away from
/// `(cx, cy)` in direction `(dx, dy)`.
fn candidate(cx: f64, cy: f64, d: f64, (dx, dy): (f64, f64), w: f64, h: f64) -> Rect {
    let (px, py) = (cx + d * dx, cy + d * dy);
    let x = if dx > 0.1 {
        px
    } else if dx < -0.1 {
        px - w
    } else {
        px - w / 2.0
    };
    let y = if dy > 0.1 {
        py
    } else if dy < -0.1 {
        py - h
    } else {
        py - h / 2.0
    };
    Rect { x, y, w, h }
}

/// Conflicts are counted up to this many: past it, candidates are all equally crowded.
const MAX_COUNTED: usize = 16;

/// Side of a grid bucket in pixels.
const BUCKET: f64 = 24.0;

/// Obstacle boxes in a uniform grid of buckets over `bounds`; an item lies in every bucket its
/// box touches (items outside the bounds in the edge buckets).
struct Grid {
    bounds: Rect,
    columns: usize,
    rows: usize,
    buckets: Vec<Vec<usize>>,
    /// For each item, the last query that saw it, so a query counts an item once.
    seen: Vec<usize>,
    query: usize,
}

impl Grid {
    fn new(bounds: Rect) -> Grid {
        let columns = ((bounds.w / BUCKET).ceil().max(1.0) as usize).min(4096);
        let rows = ((bounds.h / BUCKET).ceil().max(1.0) as usize).min(4096);
        Grid {
            bounds,
            columns,
            rows,
            buckets: vec![Vec::new(); columns * rows],
            seen: Vec::new(),
            query: 0,
        }
    }

    /// The bucket columns and rows a box touches, clamped to the grid.
    fn span(
        &self,
        rect: &Rect,
    ) -> (
        std::ops::RangeInclusive<usize>,
        std::ops::RangeInclusive<usize>,
    ) {
        let index = |v: f64, origin: f64, n: usize| -> usize {
            let i = ((v - origin) / BUCKET).floor();
            if i.is_nan() || i < 0.0 {
                0
            } else {
                (i as usize).min(n - 1)
            }
        };
        (
            index(rect.x, self.bounds.x, self.columns)
                ..=index(rect.right(), self.bounds.x, self.columns),
            index(rect.y, self.bounds.y, self.rows)
                ..=index(rect.bottom(), self.bounds.y, self.rows),
        )
    }

    fn insert(&mut self, item: usize, rect: &Rect) {
        let (xs, ys) = self.span(rect);
        for y in ys {
            for x in xs.clone() {
                self.buckets[y * self.columns + x].push(item);
            }
        }
        if self.seen.len() <= item {
            self.seen.resize(item + 1, usize::MAX);
        }
    }

    /// Calls `visit` once for every item in a bucket that `rect` touches, until it returns
    /// false.
    fn near(&mut self, rect: &Rect, mut visit: impl FnMut(usize) -> bool) {
        self.query += 1;
        let (xs, ys) = self.span(rect);
        for y in ys {
            for x in xs.clone() {
                for &item in &self.buckets[y * self.columns + x] {
                    if self.seen[item] != self.query {
                        self.seen[item] = self.query;
                        if !visit(item) {
                            return;
                        }
                    }
                }
            }
        }
    }
}

/// The box around a circle.
fn circle_box(c: &Circle) -> Rect {
    Rect {
        x: c.x - c.r,
        y: c.y - c.r,
        w: 2.0 * c.r,
        h: 2.0 * c.r,
    }
}

/// The obstacles a label must avoid, in grids.
struct Obstacles<'a> {
    circles: &'a [Circle],
    circle_grid: Grid,
    placed: Vec<Rect>,
    placed_grid: Grid,
    reserved: &'a [Rect],
    reserved_grid: Grid,
}

impl Obstacles<'_> {
    /// How many obstacles a candidate box for a label of circle `own` touches (0 = free),
    /// counted up to `limit` only: a crowded candidate is as bad as the best one so far once it
    /// reaches it, and in a dense cloud of points counting them all made placement slow.
    fn conflicts(&mut self, rect: &Rect, own: usize, limit: usize) -> usize {
        let padded = rect.padded(GAP);
        let mut count = boxes_hit(&mut self.reserved_grid, self.reserved, &padded, 0, limit);
        if count >= limit {
            return count;
        }
        count = boxes_hit(&mut self.placed_grid, &self.placed, &padded, count, limit);
        if count >= limit {
            return count;
        }
        let circles = self.circles;
        self.circle_grid.near(&padded, |i| {
            let c = circles[i];
            let circle = Circle {
                r: c.r + if own == i { 1.0 } else { GAP },
                ..c
            };
            if rect.touches_circle(&circle) {
                count += 1;
            }
            count < limit
        });
        count
    }
}

/// `count` plus the boxes of `boxes` (indexed by `grid`) that `padded` overlaps, stopping at
/// `limit`.
fn boxes_hit(grid: &mut Grid, boxes: &[Rect], padded: &Rect, count: usize, limit: usize) -> usize {
    let mut count = count;
    grid.near(padded, |i| {
        if padded.overlaps(&boxes[i]) {
            count += 1;
        }
        count < limit
    });
    count
}

/// Places one label per request (same order as `labels`) so that no two labels overlap and no
/// label covers a circle or a `reserved` box, all inside `bounds`.
///
/// Deterministic: the same input always gives the same output. Labels of crowded points choose
/// first. A label that cannot be placed freely within the tried rings takes the candidate with
/// the fewest conflicts and is marked `free: false`.
pub fn place_labels(
    labels: &[LabelRequest],
    circles: &[Circle],
    reserved: &[Rect],
    bounds: Rect,
) -> Vec<Placement> {
    let mut obstacles = Obstacles {
        circles,
        circle_grid: Grid::new(bounds),
        placed: Vec::with_capacity(labels.len()),
        placed_grid: Grid::new(bounds),
        reserved,
        reserved_grid: Grid::new(bounds),
    };
    for (i, r) in reserved.iter().enumerate() {
        obstacles.reserved_grid.insert(i, r);
    }
    for (i, c) in circles.iter().enumerate() {
        // The box a little beyond the circle: a label touching it pads by GAP.
        obstacles
            .circle_grid
            .insert(i, &circle_box(c).padded(GAP + 1.0));
    }
    // Crowding: how many other circles lie within 80 px; most crowded first, ties by index.
    let mut crowding = |i: usize| -> usize {
        let Some(own) = circles.get(labels[i].circle) else {
            return 0;
        };
        let mut count = 0;
        let around = Rect {
            x: own.x - 80.0,
            y: own.y - 80.0,
            w: 160.0,
            h: 160.0,
        };
        obstacles.circle_grid.near(&around, |j| {
            if (circles[j].x - own.x).hypot(circles[j].y - own.y) < 80.0 {
                count += 1;
            }
            true
        });
        count
    };
    let crowd: Vec<usize> = (0..labels.len()).map(&mut crowding).collect();
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(crowd[i]), i));

    let mut result: Vec<Option<Placement>> = vec![None; labels.len()];
    for index in order {
        let request = labels[index];
        let Some(circle) = circles.get(request.circle).copied() else {
            continue;
        };
        let mut best: Option<(usize, Rect, usize)> = None;
        'rings: for ring in 0..RINGS {
            let d = circle.r + GAP + 1.0 + ring as f64 * RING_STEP;
            for dir in directions(ring) {
                let rect = candidate(circle.x, circle.y, d, dir, request.w, request.h);
                if !bounds.contains(&rect) {
                    continue;
                }
                let limit = best.map_or(MAX_COUNTED, |(m, _, _)| m.min(MAX_COUNTED));
                let n = obstacles.conflicts(&rect, request.circle, limit);
                if n == 0 {
                    best = Some((0, rect, ring));
                    break 'rings;
                }
                if best.is_none_or(|(m, _, _)| n < m) {
                    best = Some((n, rect, ring));
                }
            }
        }
        let (n, rect, ring) = best.unwrap_or_else(|| {
            // Nothing fits inside the bounds at all: clamp the right-hand spot into them.
            let r = candidate(
                circle.x,
                circle.y,
                circle.r + GAP,
                (1.0, 0.0),
                request.w,
                request.h,
            );
            let x = r.x.min(bounds.right() - r.w).max(bounds.x);
            let y = r.y.min(bounds.bottom() - r.h).max(bounds.y);
            (1, Rect { x, y, ..r }, 0)
        });
        let leader = (ring > 0).then(|| {
            let (nx, ny) = rect.nearest(circle.x, circle.y);
            let len = (nx - circle.x).hypot(ny - circle.y).max(f64::EPSILON);
            let start = (
                circle.x + (nx - circle.x) * circle.r / len,
                circle.y + (ny - circle.y) * circle.r / len,
            );
            [start, (nx, ny)]
        });
        let item = obstacles.placed.len();
        obstacles.placed.push(rect);
        obstacles.placed_grid.insert(item, &rect);
        result[index] = Some(Placement {
            rect,
            leader,
            free: n == 0,
        });
    }
    result
        .into_iter()
        .zip(labels)
        .map(|(p, request)| {
            p.unwrap_or(Placement {
                rect: Rect {
                    x: bounds.x,
                    y: bounds.y,
                    w: request.w,
                    h: request.h,
                },
                leader: None,
                free: false,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds() -> Rect {
        Rect {
            x: 0.0,
            y: 0.0,
            w: 600.0,
            h: 400.0,
        }
    }

    fn assert_no_overlap(placements: &[Placement], circles: &[Circle], labels: &[LabelRequest]) {
        for (i, a) in placements.iter().enumerate() {
            assert!(a.free, "label {i} found no free spot");
            for b in &placements[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{a:?} overlaps {b:?}");
            }
            for (j, c) in circles.iter().enumerate() {
                if labels[i].circle != j {
                    assert!(!a.rect.touches_circle(c), "label {i} covers circle {j}");
                }
            }
        }
    }

    #[test]
    fn a_lone_label_sits_right_of_its_point_without_a_leader() {
        let circles = [Circle {
            x: 100.0,
            y: 100.0,
            r: 5.0,
        }];
        let labels = [LabelRequest {
            circle: 0,
            w: 50.0,
            h: 15.0,
        }];
        let p = place_labels(&labels, &circles, &[], bounds());
        assert!(p[0].rect.x > 105.0 && p[0].rect.x < 110.0);
        assert!(p[0].leader.is_none());
        assert!(p[0].free);
    }

    #[test]
    fn identical_points_get_separate_labels() {
        let circles = vec![
            Circle {
                x: 300.0,
                y: 200.0,
                r: 5.0
            };
            12
        ];
        let labels: Vec<LabelRequest> = (0..12)
            .map(|i| LabelRequest {
                circle: i,
                w: 90.0,
                h: 15.0,
            })
            .collect();
        let p = place_labels(&labels, &circles, &[], bounds());
        assert_no_overlap(&p, &[], &labels);
        assert!(p.iter().any(|p| p.leader.is_some()));
    }

    #[test]
    fn labels_stay_inside_the_bounds_at_the_edges() {
        let circles = [
            Circle {
                x: 598.0,
                y: 2.0,
                r: 4.0,
            },
            Circle {
                x: 2.0,
                y: 398.0,
                r: 4.0,
            },
        ];
        let labels = [
            LabelRequest {
                circle: 0,
                w: 80.0,
                h: 15.0,
            },
            LabelRequest {
                circle: 1,
                w: 80.0,
                h: 15.0,
            },
        ];
        let p = place_labels(&labels, &circles, &[], bounds());
        assert!(p.iter().all(|p| bounds().contains(&p.rect)));
        assert_no_overlap(&p, &circles, &labels);
    }

    #[test]
    fn reserved_boxes_are_avoided() {
        let circles = [Circle {
            x: 100.0,
            y: 100.0,
            r: 5.0,
        }];
        let reserved = [Rect {
            x: 106.0,
            y: 80.0,
            w: 100.0,
            h: 40.0,
        }];
        let labels = [LabelRequest {
            circle: 0,
            w: 50.0,
            h: 15.0,
        }];
        let p = place_labels(&labels, &circles, &reserved, bounds());
        assert!(!p[0].rect.overlaps(&reserved[0]));
    }

    #[test]
    fn text_size_measures_glyphs_not_bytes_or_characters() {
        assert_eq!(text_size("ää", 10.0).0, text_size("aa", 10.0).0);
        assert!(text_size("ii", 10.0).0 < text_size("WW", 10.0).0 / 3.0);
    }
}
