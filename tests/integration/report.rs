//! `kano report`: a self-contained HTML page with every section, survey text escaped, and the
//! optional wave comparison. The real-browser check needs chromium (.ci/run installs it).

use crate::util::{data, kano};

fn page(args: &[&str]) -> String {
    let output = kano().arg("report").arg("-q").args(args).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_page_has_every_section_and_the_chart_inline() {
    let html = page(&["examples/online-shop.csv"]);
    for section in [
        "<h2>Summary</h2>",
        "<h2>What to do</h2>",
        "<h2>Better-Worse diagram</h2>",
        "<h2>All results</h2>",
        "<h2>Reading of the file</h2>",
        "<h2>Settings</h2>",
    ] {
        assert!(html.contains(section), "missing {section}");
    }
    for group in ["Fulfil", "Invest", "Delight", "Remove"] {
        assert!(
            html.contains(&format!("<h3>{group} ")),
            "missing group {group}"
        );
    }
    assert!(html.contains("<svg "));
    assert!(html.contains("<code>Live chat (functional)</code>"));
    assert!(!html.contains("Compared with the previous wave"));
}

#[test]
fn the_page_needs_nothing_from_outside() {
    let html = page(&["examples/online-shop.csv"]).to_lowercase();
    for outside in ["<script", "<link", "src=", "href=", "@import", "url("] {
        assert!(!html.contains(outside), "the page references {outside}");
    }
    // The only URL is the SVG namespace name (of the wide and the phone chart), which browsers
    // never fetch.
    assert_eq!(html.matches("http").count(), 2);
    assert_eq!(
        html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
        2
    );
}

#[test]
fn survey_text_is_escaped_in_the_page() {
    let html = page(&[&data("hostile-names.csv")]);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("Fish &amp; Chips &quot;deluxe&quot; &#39;n&#39; more"));
    assert!(!html.contains('\u{1b}'));
}

#[test]
fn waves_oldest_first_add_the_wave_comparison_as_in_compare_and_plot() {
    let html = page(&[&data("wave1.csv"), &data("wave2.csv")]);
    assert!(html.contains("Compared with the previous wave"));
    assert!(html.contains("habituation"));
    assert!(html.contains("Only in the old wave: Export to PDF."));
    assert!(html.contains("wave2.csv"), "the newest wave is reported");
}

#[test]
fn the_deprecated_compare_flag_still_works_and_says_so() {
    let old = page(&[&data("wave2.csv"), "--compare", &data("wave1.csv")]);
    assert_eq!(old, page(&[&data("wave1.csv"), &data("wave2.csv")]));
    kano()
        .args([
            "report",
            &data("wave2.csv"),
            "--compare",
            &data("wave1.csv"),
        ])
        .assert()
        .success()
        .stderr(predicates::str::contains("--compare is deprecated"));
}

/// Flags for a headless chromium that touches nothing outside its profile.
const CHROMIUM_FLAGS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
];

/// A script for the test's copy of the page (the report itself has none): measures what a
/// reader sees and posts it as `key=value` lines to the page framing it (headless chromium's
/// window is never narrower than 500 px, so the phone is a 390 px frame).
const MEASURE: &str = r#"<script>
(function () {
  var vw = document.documentElement.clientWidth;
  var svg = Array.prototype.slice.call(document.querySelectorAll('.chart svg'))
    .find(function (s) { return s.getBoundingClientRect().width > 0; });
  var box = svg.getBoundingClientRect();
  var scale = box.width / svg.viewBox.baseVal.width;
  var sizes = Array.prototype.slice.call(svg.querySelectorAll('text'))
    .map(function (t) { return parseFloat(t.getAttribute('font-size')) * scale; });
  var label = svg.querySelector('g.label text').getBoundingClientRect();
  var style = getComputedStyle(document.body);
  var content = document.body.clientWidth - parseFloat(style.paddingLeft)
    - parseFloat(style.paddingRight);
  var right = function (text) {
    var th = Array.prototype.slice.call(document.querySelectorAll('table.results th'))
      .find(function (h) { return h.textContent.indexOf(text) === 0; });
    return th.getBoundingClientRect().right;
  };
  parent.postMessage(['viewport=' + vw, 'content=' + content, 'chart=' + box.width,
    'smallest_text=' + Math.min.apply(null, sizes), 'label_height=' + label.height,
    'better_right=' + right('Better'), 'worse_right=' + right('Worse'),
    'page_width=' + document.documentElement.scrollWidth].join('\n'), '*');
})();
</script>"#;

/// A page framing `probe` at `width` x `height` that writes what the frame posts into a
/// `<pre id="measured">` for `--dump-dom`.
fn frame(probe: &std::path::Path, width: u32, height: u32) -> String {
    format!(
        "<!DOCTYPE html><html><body style=\"margin:0\">\
         <iframe src=\"file://{}\" style=\"border:0;width:{width}px;height:{height}px\"></iframe>\
         <script>addEventListener('message', function (e) {{ var pre = \
         document.createElement('pre'); pre.id = 'measured'; pre.textContent = e.data; \
         document.body.appendChild(pre); }});</script></body></html>",
        probe.display()
    )
}

/// The numbers [`MEASURE`] posted, from the dumped DOM of the [`frame`].
fn measured(dom: &str) -> std::collections::HashMap<String, f64> {
    let start = dom
        .find("<pre id=\"measured\">")
        .expect("the script wrote no measurements");
    let block = &dom[start + "<pre id=\"measured\">".len()..];
    block[..block.find("</pre>").unwrap()]
        .lines()
        .map(|line| {
            let (key, value) = line.split_once('=').unwrap();
            (key.to_string(), value.parse().unwrap())
        })
        .collect()
}

/// The report in headless chromium at a phone's width (390 px) and a laptop's (1280 px): the
/// chart's smallest text is at least 10 CSS px, Better and Worse are in view without scrolling
/// sideways on the phone, the chart takes most of the laptop's content width, and nothing makes
/// the page wider than the screen. Screenshots are left in the test's output folder
/// (target/tmp/kano-report-390.png, -1280.png). Needs chromium: the test fails (never skips)
/// without it, saying how to install it.
#[test]
fn browser_renders_the_report() {
    let browser = which_chromium().unwrap_or_else(|| {
        panic!(
            "this test needs chromium on PATH: install it with `apt-get install -y \
             --no-install-recommends chromium` (Debian/Ubuntu; .ci/run does so when missing)"
        )
    });
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("report.html");
    kano()
        .args(["report", "-q", "examples/online-shop.csv", "--output"])
        .arg(&html)
        .assert()
        .success();
    let page = std::fs::read_to_string(&html).unwrap();
    let probe = dir.path().join("probe.html");
    std::fs::write(
        &probe,
        page.replace("</body>", &format!("{MEASURE}\n</body>")),
    )
    .unwrap();
    for (width, height) in [(390, 844), (1280, 1600)] {
        let run = |extra: &[String], target: &std::path::Path| {
            let profile = dir.path().join(format!("profile-{width}"));
            let output = std::process::Command::new(&browser)
                .args(CHROMIUM_FLAGS)
                .arg(format!("--user-data-dir={}", profile.display()))
                .arg(format!("--window-size={width},{height}"))
                .args(extra)
                .arg(format!("file://{}", target.display()))
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{}",
                String::from_utf8_lossy(&output.stderr)
            );
            String::from_utf8(output.stdout).unwrap()
        };
        let framed = dir.path().join(format!("frame-{width}.html"));
        std::fs::write(&framed, frame(&probe, width, height)).unwrap();
        let dom = run(
            &[
                "--dump-dom".to_string(),
                "--virtual-time-budget=2000".to_string(),
                "--allow-file-access-from-files".to_string(),
            ],
            &framed,
        );
        let m = measured(&dom);
        let what = format!("at {width} px: {m:?}");
        eprintln!("measured {what}");
        assert_eq!(m["viewport"], f64::from(width), "{what}");
        assert!(m["smallest_text"] >= 10.0, "chart text too small {what}");
        assert!(m["label_height"] >= 10.0, "labels too small {what}");
        assert!(
            m["page_width"] <= m["viewport"],
            "the page scrolls sideways {what}"
        );
        if width == 390 {
            assert!(
                m["better_right"] <= m["viewport"],
                "Better is off-screen {what}"
            );
            assert!(
                m["worse_right"] <= m["viewport"],
                "Worse is off-screen {what}"
            );
        } else {
            assert!(
                m["chart"] >= 0.8 * m["content"],
                "the chart is small {what}"
            );
        }

        let png = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("kano-report-{width}.png"));
        let _ = std::fs::remove_file(&png);
        run(&[format!("--screenshot={}", png.display())], &html);
        let bytes = std::fs::read(&png).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"), "no PNG screenshot");
        // The PNG header's width is the window's: nothing made the page wider than the screen.
        let shot_width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
        assert_eq!(shot_width, width, "{}", png.display());
        assert!(bytes.len() > 20_000, "the screenshot looks empty");
        eprintln!("screenshot: {}", png.display());
    }
}

fn which_chromium() -> Option<String> {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        let found = std::process::Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if found {
            return Some(name.to_string());
        }
    }
    None
}

#[test]
fn the_report_shows_the_reading_with_every_answer_label() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("r.html");
    kano()
        .args([
            "report",
            "tests/data/unknown-label.csv",
            "--skip-invalid",
            "-q",
            "--output",
        ])
        .arg(&page)
        .assert()
        .success();
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("<tr><td>I like it</td><td class=\"n\">2</td><td>like</td></tr>"),
        "{html}"
    );
    assert!(html.contains(
        "<tr><td>Maybe</td><td class=\"n\">1</td><td><strong>unknown</strong></td></tr>"
    ));
    assert!(html.contains(
        "<ul class=\"notes\">\n<li>1 column(s) are part of no feature (identifiers, segments \
         for --by, bookkeeping) and were not analysed: &quot;id&quot;</li>"
    ));
}

/// The page carries its generation date (SOURCE_DATE_EPOCH for reproducible output), and the
/// markup that makes it read on a phone: Better and Worse right after the category, the less
/// important columns marked and hidden under a narrow-screen media query, the chart full width.
#[test]
fn the_report_is_dated_and_its_results_table_fits_a_phone() {
    let output = kano()
        .args(["report", "examples/online-shop.csv", "-q"])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(output.status.success());
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(
        html.contains("<time datetime=\"2023-11-14\">2023-11-14</time>"),
        "{html:.800}"
    );
    assert!(html.contains("@media (max-width:640px)") && html.contains(".opt{display:none}"));
    let table = &html[html.find("<h2>All results</h2>").unwrap()..];
    let header = &table[..table.find("</tr>").unwrap()];
    let at = |text: &str| header.find(text).unwrap();
    assert!(
        at("Better") < at(">n<") && at("Worse") < at(">A<"),
        "{header}"
    );
    assert!(header.contains("<th class=\"opt\">n</th>"), "{header}");
    assert!(!header.contains("<th class=\"opt\">Better"), "{header}");
}
