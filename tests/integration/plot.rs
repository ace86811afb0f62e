//! `kano plot`: the SVG is well-formed XML with every feature labelled once, labels never overlap
//! (checked on the placement the renderer uses), hostile names stay text, the text chart is
//! pinned by a snapshot, and the committed docs/ charts regenerate byte for byte.

use std::io::Write;

use kano::answer::AnswerDecoder;
use kano::chart::{self, Chart, ChartLayout, Geometry, Split};
use kano::input::{read_survey, ReadOptions};
use kano::report::{self, SortKey};
use kano::stats::Settings;

use crate::util::{data, kano};

fn report_of(path: &str) -> report::Report {
    // ReadOptions::default() has an empty decoder; new(false) knows the standard wordings.
    let options = ReadOptions {
        decoder: AnswerDecoder::new(false),
        ..ReadOptions::default()
    };
    let survey = read_survey(path, &options).unwrap();
    report::build(&survey, &Settings::default(), SortKey::Priority)
}

/// Every label found a free spot, stays in the plot, and touches no other label and no other
/// feature's marker.
fn assert_clean(layout: &ChartLayout, what: &str) {
    let points = &layout.points;
    for (i, a) in points.iter().enumerate() {
        let r = a.placement.rect;
        assert!(
            a.placement.free,
            "{what}: label {:?} found no free spot",
            a.label
        );
        assert!(
            layout.plot.contains(&r),
            "{what}: label {:?} leaves the plot",
            a.label
        );
        for b in &points[i + 1..] {
            assert!(
                !r.overlaps(&b.placement.rect),
                "{what}: labels {:?} and {:?} overlap",
                a.label,
                b.label
            );
        }
        for (j, b) in points.iter().enumerate() {
            if i != j {
                assert!(
                    !r.touches_circle(&b.circle),
                    "{what}: label {:?} covers the point of {:?}",
                    a.label,
                    b.label
                );
            }
        }
        for (name, q) in &layout.quadrants {
            assert!(!r.overlaps(q), "{what}: label {:?} covers {name}", a.label);
        }
    }
}

fn layouts_of(report: &report::Report) -> Vec<(String, Chart)> {
    vec![
        (
            "better-worse".to_string(),
            Chart::better_worse(report, Split::Middle, true),
        ),
        (
            "better-worse, mean split".to_string(),
            Chart::better_worse(report, Split::Mean, false),
        ),
        (
            "continuous".to_string(),
            Chart::continuous(report, Split::Middle),
        ),
    ]
}

#[test]
fn labels_never_overlap_on_the_example_surveys() {
    for path in [
        "examples/online-shop.csv",
        "examples/banking-app-long.csv",
        "examples/published-counts.csv",
    ] {
        let report = report_of(path);
        for (kind, chart) in layouts_of(&report) {
            let layout = chart::layout(&chart, Geometry::default());
            assert_clean(&layout, &format!("{path} {kind}"));
        }
    }
}

/// Thirty features with deterministic pseudo-random counts, as a counts table.
fn thirty_features() -> tempfile::NamedTempFile {
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    writeln!(file, "feature,A,O,M,I,R,Q").unwrap();
    let mut state: u64 = 20240607;
    let mut next = |max: u64| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) % max
    };
    for i in 1..=30 {
        let counts: Vec<String> = (0..6)
            .map(|k| next(if k < 4 { 40 } else { 4 }).to_string())
            .collect();
        writeln!(file, "Generated feature {i},{}", counts.join(",")).unwrap();
    }
    file
}

#[test]
fn labels_never_overlap_with_thirty_features() {
    let file = thirty_features();
    let report = report_of(file.path().to_str().unwrap());
    assert_eq!(report.features.len(), 30);
    let chart = Chart::better_worse(&report, Split::Middle, true);
    let layout = chart::layout(&chart, Geometry::default());
    assert_clean(&layout, "30 generated features");
}

fn svg_of(args: &[&str]) -> String {
    let output = kano().arg("plot").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The trimmed contents of every `<text>` element.
fn texts(svg: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

#[test]
fn every_feature_is_labelled_exactly_once_in_the_svg() {
    let file = thirty_features();
    let path = file.path().to_str().unwrap().to_string();
    for (source, args) in [
        ("examples/online-shop.csv", vec!["--intervals"]),
        ("examples/online-shop.csv", vec!["--kind", "continuous"]),
        ("examples/banking-app-long.csv", vec![]),
        ("examples/published-counts.csv", vec!["--split", "mean"]),
        (path.as_str(), vec![]),
    ] {
        let report = report_of(source);
        let mut all = vec![source];
        all.extend(args.iter().copied());
        let texts = texts(&svg_of(&all));
        for f in &report.features {
            let n = texts.iter().filter(|t| **t == f.name).count();
            assert_eq!(n, 1, "{source} {args:?}: {:?} appears {n} times", f.name);
        }
    }
}

#[test]
fn svg_labels_sit_where_the_placement_put_them() {
    let report = report_of("examples/online-shop.csv");
    let chart = Chart::better_worse(&report, Split::Middle, false);
    let layout = chart::layout(&chart, Geometry::default());
    let svg = svg_of(&["examples/online-shop.csv"]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    for p in &layout.points {
        let node = doc
            .descendants()
            .find(|n| n.has_tag_name("text") && n.text().map(str::trim) == Some(&p.label))
            .unwrap();
        let y: f64 = node.attribute("y").unwrap().parse().unwrap();
        let x: f64 = node.attribute("x").unwrap().parse().unwrap();
        let r = p.placement.rect;
        let baseline = r.y + report::svg::LABEL_BASELINE_EM * layout.geometry.label_px;
        assert!((y - baseline).abs() <= 0.05, "{}: y {y}", p.label);
        assert!((x - r.x).abs() <= 0.05, "{}: x {x}", p.label);
        // The box is as wide as the text measured with the font the SVG names.
        let width = chart::text_width(&p.label, layout.geometry.label_px);
        assert!((r.w - width).abs() < 1e-9, "{}", p.label);
    }
}

#[test]
fn hostile_feature_names_stay_text_in_the_svg() {
    let svg = svg_of(&[&data("hostile-names.csv")]);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert!(
        !doc.descendants().any(|n| n.has_tag_name("script")),
        "a name became markup"
    );
    let texts = texts(&svg);
    assert!(texts.contains(&"<script>alert(1)</script>".to_string()));
    assert!(texts.contains(&"Fish & Chips \"deluxe\" 'n' more".to_string()));
    assert!(texts.contains(&"Tab\\u{1b}escape".to_string()));
    assert!(!svg.contains('\u{1b}'));
}

#[test]
fn drift_chart_draws_both_waves() {
    let svg = svg_of(&[&data("wave1.csv"), &data("wave2.csv")]);
    let texts = texts(&svg);
    assert!(texts.iter().any(|t| t == "Dark Mode"));
    assert!(texts
        .iter()
        .any(|t| t.contains("arrows: old wave -> new wave")));
    // Features in only one wave are not drawn.
    assert!(!texts.iter().any(|t| t == "Export to PDF" || t == "Widgets"));
}

#[test]
fn text_chart() {
    let output = kano()
        .args(["plot", "-q", "examples/online-shop.csv", "--format", "text"])
        .output()
        .unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn text_chart_of_the_continuous_plot() {
    let output = kano()
        .args([
            "plot",
            "-q",
            "examples/banking-app-long.csv",
            "--kind",
            "continuous",
            "--format",
            "text",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    insta::assert_snapshot!(String::from_utf8(output.stdout).unwrap());
}

#[test]
fn png_output_is_an_error_with_a_hint() {
    kano()
        .args([
            "plot",
            "examples/online-shop.csv",
            "-o",
            "/tmp/kano-never.png",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("SVG only"))
        .stderr(predicates::str::contains("rsvg-convert"));
}

#[test]
fn continuous_plot_of_published_counts_explains_why_not() {
    kano()
        .args([
            "plot",
            "examples/published-counts.csv",
            "--kind",
            "continuous",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("counts table"));
}

/// The charts in docs/ are exactly what the commands in the README's "Charts" section write.
#[test]
fn docs_charts_regenerate_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    for (name, args) in [
        (
            "online-shop.svg",
            vec!["examples/online-shop.csv", "--intervals"],
        ),
        (
            "online-shop-continuous.svg",
            vec!["examples/online-shop.csv", "--kind", "continuous"],
        ),
        (
            "drift.svg",
            vec!["tests/data/wave1.csv", "tests/data/wave2.csv"],
        ),
    ] {
        let out = dir.path().join(name);
        kano()
            .arg("plot")
            .args(&args)
            .arg("--output")
            .arg(&out)
            .assert()
            .success();
        let fresh = std::fs::read(&out).unwrap();
        let committed =
            std::fs::read(format!("{}/docs/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        assert!(
            fresh == committed,
            "docs/{name} is stale; regenerate it with `kano plot {} --output docs/{name}`",
            args.join(" ")
        );
    }
}

#[test]
fn by_segment_draws_every_feature_of_every_segment_once_with_a_legend_of_segments() {
    let options = ReadOptions {
        segment: Some(kano::input::SegmentSpec {
            column: "plan".to_string(),
            bins: None,
        }),
        ..ReadOptions::default()
    };
    let survey = read_survey("examples/online-shop.csv", &options).unwrap();
    let report = report::build(&survey, &Settings::default(), SortKey::Priority);
    let chart = Chart::better_worse_by_segment(&report, Split::Middle, false);
    assert_eq!(chart.series, vec!["free", "premium"]);
    assert_eq!(chart.points.len(), 12);
    let layout = kano::chart::layout(&chart, kano::chart::Geometry::default());
    assert_clean(&layout, "by plan");
    let colors: std::collections::HashSet<_> = layout.points.iter().map(|p| p.color).collect();
    assert_eq!(colors.len(), 2, "one colour per segment");

    let svg = svg_of(&["examples/online-shop.csv", "--by", "plan", "-q"]);
    let texts = texts(&svg);
    for segment in ["free", "premium"] {
        for feature in ["Live chat", "Order tracking", "Pop-up offers"] {
            let label = format!("{feature} ({segment})");
            assert_eq!(texts.iter().filter(|t| **t == label).count(), 1, "{label}");
        }
        assert!(texts.iter().any(|t| t == segment), "legend entry {segment}");
    }
}

/// Twenty features with 80-character names whose points all fall within a few pixels of each
/// other, as a wide survey of answer pairs (so the continuous plot has SD bars too).
fn twenty_clustered_long_names() -> (tempfile::NamedTempFile, Vec<String>) {
    let filler = "with an exceedingly long descriptive name that goes on and on past any width";
    let names: Vec<String> = (1..=20)
        .map(|i| {
            format!("Feature {i:02} {filler}")
                .chars()
                .take(80)
                .collect()
        })
        .collect();
    let pairs = [
        ("I like it", "I am neutral"),
        ("I expect it", "I dislike it"),
        ("I like it", "I dislike it"),
        ("I am neutral", "I am neutral"),
        ("I like it", "I can live with it"),
    ];
    let mut file = tempfile::Builder::new().suffix(".csv").tempfile().unwrap();
    let header: Vec<String> = names
        .iter()
        .flat_map(|n| [format!("{n} (functional)"), format!("{n} (dysfunctional)")])
        .collect();
    writeln!(file, "respondent,{}", header.join(",")).unwrap();
    for r in 0..40 {
        let cells: Vec<String> = (0..20)
            .flat_map(|i| {
                // One respondent per feature answers differently: close, not identical, points.
                let (f, d) = if r == i {
                    ("I am neutral", "I can live with it")
                } else {
                    pairs[(r + i / 7) % 5]
                };
                [f.to_string(), d.to_string()]
            })
            .collect();
        writeln!(file, "r{r},{}", cells.join(",")).unwrap();
    }
    (file, names)
}

/// An axis-aligned box `[x0, y0, x1, y1]`.
type Boxed = [f64; 4];

fn boxes_overlap(a: Boxed, b: Boxed) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

fn inside(inner: Boxed, outer: Boxed) -> bool {
    inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3]
}

fn number(node: roxmltree::Node, attribute: &str) -> f64 {
    node.attribute(attribute).unwrap().parse().unwrap()
}

/// The SVG as drawn, read back: label boxes (measured from the text with the font's metrics),
/// point markers, whisker segments, the plot frame and the canvas.
struct Drawn {
    canvas: Boxed,
    frame: Boxed,
    /// (title, text, box)
    labels: Vec<(String, String, Boxed)>,
    /// (cx, cy, r)
    markers: Vec<(f64, f64, f64)>,
    /// Whisker segments as boxes.
    bars: Vec<Boxed>,
}

fn drawn(svg: &str) -> Drawn {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let canvas = [0.0, 0.0, number(root, "width"), number(root, "height")];
    let frame = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("rect")
                && n.attribute("fill") == Some("none")
                && n.attribute("stroke") == Some("#333333")
        })
        .map(|n| {
            let (x, y) = (number(n, "x"), number(n, "y"));
            [x, y, x + number(n, "width"), y + number(n, "height")]
        })
        .unwrap();
    let labels = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("label"))
        .map(|g| {
            let title = g.children().find(|n| n.has_tag_name("title")).unwrap();
            let text = g.children().find(|n| n.has_tag_name("text")).unwrap();
            let content = text.text().unwrap().to_string();
            let px = number(text, "font-size");
            let (x, baseline) = (number(text, "x"), number(text, "y"));
            let top = baseline - report::svg::LABEL_BASELINE_EM * px;
            let w = chart::text_width(&content, px);
            let h = px * chart::labels::LINE_HEIGHT_EM;
            (
                title.text().unwrap().to_string(),
                content,
                [x, top, x + w, top + h],
            )
        })
        .collect();
    let markers = doc
        .descendants()
        // Markers are the translucent filled circles (legend dots are opaque).
        .filter(|n| n.has_tag_name("circle") && n.attribute("opacity") == Some("0.85"))
        .map(|n| (number(n, "cx"), number(n, "cy"), number(n, "r")))
        .collect();
    // Whiskers are the translucent polylines (grid, frame and leader lines are opaque).
    let bars = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("opacity") == Some("0.6"))
        .map(|n| {
            let xy: Vec<f64> = n
                .attribute("points")
                .unwrap()
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().unwrap())
                .collect();
            let (xs, ys) = ([xy[0], xy[2]], [xy[1], xy[3]]);
            [
                xs[0].min(xs[1]),
                ys[0].min(ys[1]),
                xs[0].max(xs[1]),
                ys[0].max(ys[1]),
            ]
        })
        .collect();
    Drawn {
        canvas,
        frame,
        labels,
        markers,
        bars,
    }
}

/// The issue-16 chart check: with twenty clustered 80-character names, in both the
/// Better-Worse diagram (with whiskers) and the continuous plot (SD bars), read back from the
/// SVG: no label box overlaps another, a point marker (its own included) or a whisker; labels,
/// markers and bars stay inside the frame; each label is cut with `…` and its `<title>` keeps
/// the full name.
#[test]
fn twenty_clustered_long_names_draw_without_overlap_or_overflow() {
    let (file, names) = twenty_clustered_long_names();
    let path = file.path().to_str().unwrap();
    for args in [vec!["--intervals"], vec!["--kind", "continuous"]] {
        let mut all = vec![path, "-q"];
        all.extend(args.iter().copied());
        let svg = svg_of(&all);
        let d = drawn(&svg);
        let what = args.join(" ");
        assert!(
            inside(d.frame, d.canvas),
            "{what}: the frame leaves the canvas"
        );
        assert_eq!(d.labels.len(), 20, "{what}");
        assert_eq!(d.markers.len(), 20, "{what}");
        assert!(
            d.bars.len() >= 40,
            "{what}: {} whisker segments",
            d.bars.len()
        );
        for bar in &d.bars {
            assert!(
                inside(*bar, d.frame),
                "{what}: a bar {bar:?} leaves the frame"
            );
        }
        for &(x, y, r) in &d.markers {
            assert!(inside([x - r, y - r, x + r, y + r], d.frame), "{what}");
        }
        let mut titled: Vec<&str> = d.labels.iter().map(|(t, _, _)| t.as_str()).collect();
        titled.sort_unstable();
        assert_eq!(titled, names.iter().map(String::as_str).collect::<Vec<_>>());
        for (i, (title, text, b)) in d.labels.iter().enumerate() {
            assert!(text.ends_with('…'), "{what}: {text:?} is not cut");
            assert!(
                title.starts_with(text.trim_end_matches('…')),
                "{what}: {text:?}"
            );
            assert!(
                inside(*b, d.frame),
                "{what}: {text:?} {b:?} leaves the frame"
            );
            for (_, other, c) in &d.labels[i + 1..] {
                assert!(
                    !boxes_overlap(*b, *c),
                    "{what}: {text:?} overlaps {other:?}"
                );
            }
            for &(x, y, r) in &d.markers {
                let nx = x.clamp(b[0], b[2]);
                let ny = y.clamp(b[1], b[3]);
                assert!(
                    (nx - x).hypot(ny - y) >= r,
                    "{what}: {text:?} covers the marker at ({x}, {y})"
                );
            }
            for bar in &d.bars {
                assert!(
                    !boxes_overlap(*b, *bar),
                    "{what}: {text:?} covers a bar {bar:?}"
                );
            }
        }
    }
}

/// `plot -f text` names each feature's result as the tables do: `A/O mixed` for a mixed one,
/// not the bare top category.
#[test]
fn the_text_chart_names_categories_as_the_table_does() {
    let report = report_of("examples/online-shop.csv");
    assert!(
        report.features.iter().any(|f| f.mixed),
        "the example has a mixed feature"
    );
    let output = kano()
        .args(["plot", "-q", "examples/online-shop.csv", "--format", "text"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    for f in &report.features {
        let line = text
            .lines()
            .find(|l| l.contains(&format!(" {} ", f.name)) && l.contains("Better"))
            .unwrap_or_else(|| panic!("no legend line for {:?}", f.name));
        let label = f.category_label();
        assert!(
            line.contains(&format!("  {label}  ")),
            "{line:?} lacks {label:?}"
        );
    }
}
