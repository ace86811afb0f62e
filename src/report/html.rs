//! `kano report`: one self-contained HTML page to share: the summary, the action list
//! (KANO-METHOD.md section 4), the chart inlined as SVG, the full table, optionally the wave
//! comparison, how the file was read, and the settings. No external assets: inline CSS, no
//! scripts, no fonts to fetch, so it works offline and in mail attachments.
//!
//! Every piece of survey text (names, paths, column headers, warnings) goes through [`escape`].

use std::io::{self, Write};

use super::compare::{signed, star};
use super::{fixed, FeatureReport, Report};
use crate::category::{Action, Category};
use crate::chart::category_rgb;
use crate::compare::Comparison;
use crate::error::printable;
use crate::input::Survey;

/// Escapes text for HTML element content and quoted attributes; control characters are shown
/// as visible escapes first.
pub fn escape(text: &str) -> String {
    super::svg::xml_escape(&printable(text))
}

/// How the survey file was read: what the "Reading of the file" section shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Reading {
    /// The path as given.
    pub path: String,
    /// `wide`, `long` or `counts`.
    pub layout: String,
    /// The delimiter, named.
    pub delimiter: String,
    /// Respondents; `None` for counts.
    pub respondents: Option<u64>,
    /// Each feature and the columns it was read from.
    pub features: Vec<(String, Vec<String>)>,
    /// Warnings, as sentences.
    pub warnings: Vec<String>,
    /// Columns that are part of no feature.
    pub ignored_columns: Vec<String>,
    /// Every distinct answer label: label, cells, what it decodes to (`None`: unknown).
    pub labels: Vec<(String, u64, Option<String>)>,
}

impl Reading {
    /// What a survey says about its own reading.
    pub fn of(survey: &Survey) -> Reading {
        let r = &survey.reading;
        let delimiter = format!(
            "{}; encoding {}{}; {} header row(s); features paired by {}",
            super::delimiter_name(r.delimiter),
            r.source.encoding,
            if r.source.gzip { " (gzip)" } else { "" },
            r.header_rows,
            r.pairing
        );
        Reading {
            path: survey.path.clone(),
            layout: survey.layout.name().to_string(),
            delimiter,
            respondents: survey.respondents,
            features: survey
                .features
                .iter()
                .map(|f| (f.name.clone(), f.columns.clone()))
                .collect(),
            warnings: survey.warnings.iter().map(ToString::to_string).collect(),
            ignored_columns: r.ignored_columns.clone(),
            labels: super::inspect::Inspection::from(survey)
                .labels
                .into_iter()
                .map(|l| {
                    let answer = match l.answer {
                        Some(a) if l.inferred => Some(format!("{a} (inferred)")),
                        other => other,
                    };
                    (l.label, l.count, answer)
                })
                .collect(),
        }
    }
}

/// Everything the page shows.
#[derive(Debug, Clone, Copy)]
pub struct Page<'a> {
    /// The analysis.
    pub report: &'a Report,
    /// How the file was read.
    pub reading: &'a Reading,
    /// The Better-Worse chart, drawn twice: for wide screens and for phones.
    pub chart: &'a crate::chart::Chart,
    /// The comparison with an older wave, when asked for.
    pub comparison: Option<&'a Comparison>,
    /// The trend over three or more waves, when several older waves are given.
    pub trend: Option<&'a crate::trend::Trend>,
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;
  color:#222;max-width:1280px;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd}
.meta{color:#666;margin-top:0}
table{border-collapse:collapse;font-size:.84rem;margin:.6rem 0}
th,td{border-bottom:1px solid #e5e5e5;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.cat{display:inline-block;padding:0 .45rem;border-radius:.6rem;color:#fff;font-size:.8rem;
  white-space:nowrap}
.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:.8rem}
.action{border:1px solid #e0e0e0;border-radius:.4rem;padding:.6rem .9rem}
.action h3{margin:.1rem 0 .3rem;font-size:1.05rem}.action p{margin:.2rem 0;color:#555}
.action ul{margin:.3rem 0;padding-left:1.2rem}.muted{color:#777}
.chart svg{display:block;width:100%;height:auto;border:1px solid #eee}
.chart .wide svg{max-width:1100px}.chart .narrow{display:none}.chart .narrow svg{max-width:480px}
code{background:#f3f3f3;padding:0 .25rem;border-radius:.2rem}
ul.warnings li{color:#8a5a00}
@media (max-width:640px){
  body{margin:1rem auto;padding:0 .5rem}
  .opt{display:none}
  .ci{display:block}
  .results{font-size:.8rem}.results th,.results td{padding:.2rem .25rem;overflow-wrap:anywhere}
  .results .cat{white-space:normal}
  .chart .wide{display:none}.chart .narrow{display:block}
  .actions{grid-template-columns:1fr}
}
";

/// The day the page is made, `YYYY-MM-DD` (UTC): from `SOURCE_DATE_EPOCH` (seconds since 1970)
/// when set, for reproducible builds of a report, else from the clock.
pub fn generation_date() -> String {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0))
        });
    civil_date(seconds.div_euclid(86_400))
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's
/// `civil_from_days`).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn badge(category: Option<&str>, text: &str) -> String {
    let parsed = category.and_then(|c| c.parse::<Category>().ok());
    let (r, g, b) = category_rgb(parsed);
    format!(
        "<span class=\"cat\" style=\"background:#{r:02x}{g:02x}{b:02x}\">{}</span>",
        escape(text)
    )
}

fn interval(value: Option<f64>, ci: Option<[f64; 2]>) -> String {
    match ci {
        Some([lo, hi]) => format!(
            "{} <span class=\"muted ci\">[{}, {}]</span>",
            fixed(value, 2),
            fixed(Some(lo), 2),
            fixed(Some(hi), 2)
        ),
        None => fixed(value, 2),
    }
}

fn respondents(n: Option<u64>) -> String {
    n.map_or_else(
        || "published counts".to_string(),
        |n| format!("{n} respondents"),
    )
}

const ACTIONS: [(Action, &str, &str); 6] = [
    (Action::Fulfil, "Fulfil", "must-be"),
    (Action::Invest, "Invest", "one-dimensional"),
    (Action::Delight, "Delight", "attractive"),
    (Action::Save, "Save", "indifferent"),
    (Action::Remove, "Remove", "reverse"),
    (Action::Review, "Review", "questionable"),
];

fn summary(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let counted: Vec<String> = ACTIONS
        .iter()
        .filter_map(|(_, _, category)| {
            let n = report
                .features
                .iter()
                .filter(|f| f.category.as_deref() == Some(*category))
                .count();
            (n > 0).then(|| format!("{n} {category}"))
        })
        .collect();
    let mixed = report.features.iter().filter(|f| f.mixed).count();
    writeln!(out, "<h2>Summary</h2>")?;
    writeln!(
        out,
        "<p>{} features, {}: {}.{}</p>",
        report.features.len(),
        respondents(report.input.respondents),
        counted.join(", "),
        if mixed > 0 {
            format!(
                " {mixed} classification(s) are mixed: their top two categories are within \
                 {} points of each other.",
                report.settings.mixed_threshold
            )
        } else {
            String::new()
        }
    )?;
    Ok(())
}

fn action_list(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    writeln!(
        out,
        "<h2>What to do</h2>\n<p>In priority order (fulfil every must-be first, then invest, then \
         delight):</p>\n<div class=\"actions\">"
    )?;
    for (action, title, category) in ACTIONS {
        let features: Vec<&FeatureReport> = report
            .features
            .iter()
            .filter(|f| f.action.as_deref() == Some(action.name()))
            .collect();
        if features.is_empty() {
            continue;
        }
        writeln!(
            out,
            "<div class=\"action\"><h3>{title} {}</h3><p>{}</p><ul>",
            badge(Some(category), category),
            escape(action.advice())
        )?;
        for f in features {
            let mixed = if f.mixed {
                format!(
                    " <span class=\"muted\">({})</span>",
                    escape(&f.category_label())
                )
            } else {
                String::new()
            };
            writeln!(
                out,
                "<li>{}{mixed} <span class=\"muted\">Better {}, Worse {}</span></li>",
                escape(&f.name),
                fixed(f.better, 2),
                fixed(f.worse, 2)
            )?;
        }
        writeln!(out, "</ul></div>")?;
    }
    writeln!(out, "</div>")
}

fn full_table(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    writeln!(
        out,
        "<h2>All results</h2>\n<div style=\"overflow-x:auto\"><table class=\"results\">"
    )?;
    writeln!(
        out,
        "<tr><th class=\"opt\">#</th><th>Feature</th><th>Category</th>\
         <th>Better [95% CI]</th><th>Worse [95% CI]</th><th class=\"opt\">n</th>\
         <th class=\"opt\">A</th><th class=\"opt\">O</th><th class=\"opt\">M</th>\
         <th class=\"opt\">I</th><th class=\"opt\">R</th><th class=\"opt\">Q</th>\
         <th class=\"opt\">Strength<br>cat. / total</th><th class=\"opt\">Fong</th>\
         <th class=\"opt\">Importance</th><th class=\"opt\">Action</th></tr>"
    )?;
    for f in &report.features {
        let counts = f.counts.to_array();
        let pct = f.percentages.map(|p| p.to_array());
        let cells: Vec<String> = (0..6)
            .map(|i| {
                format!(
                    "<td class=\"n opt\">{}<br><span class=\"muted\">{}%</span></td>",
                    counts[i],
                    fixed(pct.map(|p| p[i]), 0)
                )
            })
            .collect();
        let fong = match f.fong_significant {
            Some(true) => "significant",
            Some(false) => "not significant",
            None => "-",
        };
        let importance = f.importance.map_or_else(
            || "-".to_string(),
            |i| {
                format!(
                    "{} <span class=\"muted\">(n {})</span>",
                    fixed(Some(i.mean), 1),
                    i.n
                )
            },
        );
        writeln!(
            out,
            "<tr><td class=\"n opt\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td>\
             <td class=\"n\">{}</td><td class=\"n opt\">{}</td>{}\
             <td class=\"n opt\">{} / {}</td><td class=\"opt\">{fong}</td>\
             <td class=\"n opt\">{importance}</td><td class=\"opt\">{}</td></tr>",
            f.rank,
            escape(&f.name),
            badge(f.category.as_deref(), &f.category_label()),
            interval(f.better, f.better_ci),
            interval(f.worse, f.worse_ci),
            f.n,
            cells.concat(),
            fixed(f.category_strength, 0),
            fixed(f.total_strength, 0),
            f.action.as_deref().unwrap_or("-")
        )?;
    }
    writeln!(
        out,
        "</table></div>\n<p class=\"muted\">Counts with percentages of n. Better = (A+O)/(A+O+M+I), \
         Worse = -(O+M)/(A+O+M+I), with Wilson 95% intervals. Category strength: points between \
         the top two categories; total strength: %A+%O+%M. Fong: whether the top two categories \
         differ significantly (Fong 1996).</p>"
    )
}

fn trend_table(out: &mut dyn Write, t: &crate::trend::Trend) -> io::Result<()> {
    writeln!(out, "<h2>Trend over {} waves</h2>\n<ol>", t.waves.len())?;
    for w in &t.waves {
        writeln!(out, "<li>{}</li>", escape(&w.path))?;
    }
    writeln!(out, "</ol>")?;
    writeln!(
        out,
        "<table>\n<tr><th>Feature</th><th>Path</th><th>Better</th><th>Worse</th>\
         <th>Verdict</th></tr>"
    )?;
    for f in &t.features {
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&f.name),
            escape(&f.path()),
            escape(&super::trend::series(f, true)),
            escape(&super::trend::series(f, false)),
            f.verdict.name()
        )?;
    }
    writeln!(
        out,
        "</table>\n<p class=\"note\">* = significant change from the wave before \
         (two-proportion z-test, |z| &ge; 1.96). habituation: along attractive &rarr; \
         one-dimensional &rarr; must-be with a significant step; reverse-drift: a significant \
         step back or into indifferent or reverse; stable: neither.</p>"
    )
}

fn comparison_table(out: &mut dyn Write, c: &Comparison) -> io::Result<()> {
    writeln!(
        out,
        "<h2>Compared with the previous wave</h2>\n<p>Old: <code>{}</code> ({}); new: \
         <code>{}</code> ({}).</p>\n<table>",
        escape(&c.old.path),
        respondents(c.old.respondents),
        escape(&c.new.path),
        respondents(c.new.respondents)
    )?;
    writeln!(
        out,
        "<tr><th>Feature</th><th>Then</th><th>Now</th><th>Better then → now</th><th>Change</th>\
         <th>Worse then → now</th><th>Change</th><th>Drift</th></tr>"
    )?;
    for f in &c.features {
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{} → {}</td><td class=\"n\">{}{}</td>\
             <td class=\"n\">{} → {}</td><td class=\"n\">{}{}</td><td>{}</td></tr>",
            escape(&f.name),
            badge(f.old.category.as_deref(), f.old.category.as_deref().unwrap_or("-")),
            badge(f.new.category.as_deref(), f.new.category.as_deref().unwrap_or("-")),
            fixed(f.old.better, 2),
            fixed(f.new.better, 2),
            signed(f.better_change, 2),
            star(f.better_significant),
            fixed(f.old.worse, 2),
            fixed(f.new.worse, 2),
            signed(f.worse_change, 2),
            star(f.worse_significant),
            f.drift.name()
        )?;
    }
    writeln!(
        out,
        "</table>\n<p class=\"muted\">* significant change (two-proportion z-test on A+O+M+I, \
         |z| ≥ 1.96). Habituation is the expected drift attractive → one-dimensional → \
         must-be.</p>"
    )?;
    let list = |names: &[String]| {
        names
            .iter()
            .map(|n| escape(n))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !c.only_old.is_empty() {
        writeln!(out, "<p>Only in the old wave: {}.</p>", list(&c.only_old))?;
    }
    if !c.only_new.is_empty() {
        writeln!(out, "<p>Only in the new wave: {}.</p>", list(&c.only_new))?;
    }
    Ok(())
}

fn reading_section(out: &mut dyn Write, r: &Reading) -> io::Result<()> {
    writeln!(
        out,
        "<h2>Reading of the file</h2>\n<table><tr><th>Path</th><td><code>{}</code></td></tr>\
         <tr><th>Layout</th><td>{}</td></tr><tr><th>Delimiter</th><td>{}</td></tr>\
         <tr><th>Respondents</th><td>{}</td></tr></table>",
        escape(&r.path),
        escape(&r.layout),
        escape(&r.delimiter),
        r.respondents
            .map_or_else(|| "- (counts table)".to_string(), |n| n.to_string())
    )?;
    writeln!(out, "<table><tr><th>Feature</th><th>Read from</th></tr>")?;
    for (name, columns) in &r.features {
        let columns: Vec<String> = columns
            .iter()
            .map(|c| format!("<code>{}</code>", escape(c)))
            .collect();
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td></tr>",
            escape(name),
            if columns.is_empty() {
                "-".to_string()
            } else {
                columns.join(", ")
            }
        )?;
    }
    writeln!(out, "</table>")?;
    let notes = super::reading_notes(&r.ignored_columns);
    if !notes.is_empty() {
        writeln!(out, "<p>Notes:</p><ul class=\"notes\">")?;
        for note in &notes {
            writeln!(out, "<li>{}</li>", escape(note))?;
        }
        writeln!(out, "</ul>")?;
    }
    if !r.labels.is_empty() {
        writeln!(
            out,
            "<table><tr><th>Answer label</th><th class=\"n\">Cells</th><th>Decoded as</th></tr>"
        )?;
        for (label, count, answer) in &r.labels {
            writeln!(
                out,
                "<tr><td>{}</td><td class=\"n\">{count}</td><td>{}</td></tr>",
                escape(label),
                answer
                    .as_deref()
                    .map_or_else(|| "<strong>unknown</strong>".to_string(), escape)
            )?;
        }
        writeln!(out, "</table>")?;
    }
    if r.warnings.is_empty() {
        writeln!(out, "<p>No warnings.</p>")
    } else {
        writeln!(out, "<p>Warnings:</p><ul class=\"warnings\">")?;
        for w in &r.warnings {
            writeln!(out, "<li>{}</li>", escape(w))?;
        }
        writeln!(out, "</ul>")
    }
}

fn settings_section(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let s = &report.settings;
    writeln!(
        out,
        "<h2>Settings</h2>\n<table><tr><th>Evaluation table</th><td>{}</td></tr>\
         <tr><th>Category rule</th><td>{}</td></tr><tr><th>Tie order</th><td>{}</td></tr>\
         <tr><th>Mixed threshold</th><td>{} points</td></tr>\
         <tr><th>Worse sign</th><td>{}</td></tr></table>",
        escape(&s.table),
        escape(&s.rule),
        escape(&s.tie_order),
        s.mixed_threshold,
        if s.worse_positive {
            "positive (0 to 1)"
        } else {
            "negative (-1 to 0)"
        }
    )?;
    writeln!(
        out,
        "<table><tr><th>Convention</th><td>{}</td></tr>\
         <tr><th>Category strength</th><td>{}</td></tr><tr><th>Fong's test</th><td>{}</td></tr>\
         <tr><th>Continuous scale</th><td>{}</td></tr>\
         <tr><th>Continuous means over</th><td>{}</td></tr></table>",
        escape(&s.convention),
        escape(&s.strength),
        escape(&s.fong),
        escape(&s.continuous_scale),
        escape(&s.continuous_basis)
    )
}

/// With `--refined`: Yang's refined categories.
fn refined_section(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    use super::refined::{heading, legend, rows, HEADERS};
    writeln!(out, "<h2>{}</h2>\n<table><tr>", escape(&heading(report)))?;
    for header in HEADERS {
        write!(out, "<th>{}</th>", escape(header))?;
    }
    writeln!(out, "</tr>")?;
    for [name, category, importance, refined] in rows(report) {
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&name),
            escape(&category),
            escape(&importance),
            escape(&refined)
        )?;
    }
    writeln!(out, "</table>\n<p class=\"muted\">{}</p>", escape(legend()))
}

/// With `--by`: each segment's categories, Better and Worse, then the between-segments tests.
fn segments_section(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    use super::segment_tests::{heading, legend, rows, HEADERS};
    let column = report.segment_by.as_deref().unwrap_or("");
    writeln!(out, "<h2>Segments by {}</h2>", escape(column))?;
    for segment in &report.segments {
        writeln!(
            out,
            "<h3>{} = {} ({} respondents)</h3>\n<table><tr><th>Feature</th><th>Category</th>\
             <th>n</th><th>Better</th><th>Worse</th></tr>",
            escape(column),
            escape(&segment.value),
            segment.respondents
        )?;
        for f in &segment.features {
            writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td></tr>",
                escape(&f.name),
                escape(&f.category_label()),
                f.n,
                fixed(f.better, 2),
                fixed(f.worse, 2)
            )?;
        }
        writeln!(out, "</table>")?;
    }
    if report.segment_tests.is_empty() {
        return Ok(());
    }
    writeln!(out, "<h3>{}</h3>\n<table><tr>", escape(&heading(report)))?;
    for header in HEADERS {
        write!(out, "<th>{}</th>", escape(header))?;
    }
    writeln!(out, "</tr>")?;
    for [name, categories, better, worse] in rows(&report.segment_tests) {
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&name),
            escape(&categories),
            escape(&better),
            escape(&worse)
        )?;
    }
    writeln!(
        out,
        "</table>\n<p class=\"muted\">{}</p>",
        escape(&legend())
    )
}

/// Writes the whole page.
pub fn render(page: Page<'_>, out: &mut dyn Write) -> io::Result<()> {
    let report = page.report;
    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Kano report: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>",
        escape(&report.input.path)
    )?;
    writeln!(
        out,
        "<h1>Kano report</h1>\n<p class=\"meta\"><code>{}</code>, {} layout, {}. Made by kano {} \
         on <time datetime=\"{date}\">{date}</time>.</p>",
        escape(&report.input.path),
        escape(&report.input.layout),
        respondents(report.input.respondents),
        escape(&report.kano_version),
        date = generation_date()
    )?;
    summary(out, report)?;
    action_list(out, report)?;
    // Two drawings of the chart, one shown by the media query: the 900 px one scaled to a
    // phone would have 5 px text; the 360 px one keeps its 11 px labels there.
    let wide = crate::chart::layout(page.chart, crate::chart::Geometry::default());
    let narrow = crate::chart::layout(page.chart, crate::chart::Geometry::narrow());
    writeln!(
        out,
        "<h2>Better-Worse diagram</h2>\n<div class=\"chart\">\n<div class=\"wide\">\n{}</div>\n\
         <div class=\"narrow\">\n{}</div>\n</div>",
        super::svg::to_string(page.chart, &wide)?,
        super::svg::to_string(page.chart, &narrow)?
    )?;
    full_table(out, report)?;
    if let Some(c) = page.comparison {
        comparison_table(out, c)?;
    }
    if let Some(t) = page.trend {
        trend_table(out, t)?;
    }
    if report.segment_by.is_some() {
        segments_section(out, report)?;
    }
    if report.settings.refined {
        refined_section(out, report)?;
    }
    reading_section(out, page.reading)?;
    settings_section(out, report)?;
    writeln!(out, "</body>\n</html>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_counts_become_calendar_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_675), "2023-11-14");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(-1), "1969-12-31");
    }

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(
            escape("<b onclick='x'>A & \"B\"</b>\u{1b}"),
            "&lt;b onclick=&#39;x&#39;&gt;A &amp; &quot;B&quot;&lt;/b&gt;\\u{1b}"
        );
    }
}
