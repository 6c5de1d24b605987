//! SVG charts drawn here for the self-contained pages: a line chart of targets and results over the
//! years, and a horizontal bar chart. No script, no external resource; every text from the data is
//! escaped.

use crate::html::esc;
use crate::tables::AssessmentRow;
use std::fmt::Write;
use zhibiao_core::assess::Status;
use zhibiao_core::output::number;

/// A status's colour, the same on every page.
pub(crate) fn colour(status: Status) -> &'static str {
    match status {
        Status::Met => "#2e7d32",
        Status::Near => "#f9a825",
        Status::Missed => "#c62828",
        Status::Pending => "#9e9e9e",
    }
}

/// The colour of a result no target judges.
const UNJUDGED: &str = "#1565c0";

/// One year of a target-and-result line, in the chart's display unit: the target (a range's
/// midpoint) with its tolerance band, the result, and the status when a target judges it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Point {
    pub(crate) year: i32,
    pub(crate) target: Option<f64>,
    pub(crate) tol: f64,
    pub(crate) result: Option<f64>,
    pub(crate) status: Option<Status>,
}

/// The target-and-result line of one indicator and region from its assessed targets, year by year,
/// in base units.
pub(crate) fn series_of(assessment: &[AssessmentRow], indicator: &str, region: &str) -> Vec<Point> {
    assessment
        .iter()
        .filter(|a| a.indicator == indicator && a.region == region)
        .map(|a| Point {
            year: a.year,
            target: Some(a.target_hi_base.map_or(a.target_base, |h| (a.target_base + h) / 2.0)),
            tol: a.tol.unwrap_or(0.0),
            result: a.actual_base,
            status: Some(a.status),
        })
        .collect()
}

/// How a line chart is framed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame<'a> {
    /// The SVG's class (the browser check counts charts by it).
    pub(crate) class: &'a str,
    /// First and last year on the axis.
    pub(crate) years: (i32, i32),
    /// Width and height in SVG units.
    pub(crate) size: (f64, f64),
    /// Print values, years and the value axis (off for small multiples).
    pub(crate) labels: bool,
    /// The display unit printed on the value axis.
    pub(crate) unit: &'a str,
}

/// An SVG line chart of targets (black line, grey tolerance band) and results (a blue line, dots
/// coloured by status) over the frame's years. Consecutive years are joined; a missing year breaks
/// the line.
pub(crate) fn line_chart(s: &mut String, frame: &Frame<'_>, points: &[Point]) {
    let (w, h) = frame.size;
    let labels = frame.labels;
    let (pad_l, pad_r, pad_t, pad_b) = (
        if labels { 40.0 } else { 4.0 },
        if labels { 16.0 } else { 6.0 },
        if labels { 16.0 } else { 6.0 },
        if labels { 18.0 } else { 4.0 },
    );
    let values: Vec<f64> = points
        .iter()
        .flat_map(|p| [p.target.map(|t| t + p.tol), p.target.map(|t| t - p.tol), p.result])
        .flatten()
        .chain([0.0])
        .collect();
    let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 1.0, lo + 1.0) };
    let years = frame.years;
    let span_years = f64::from((years.1 - years.0).max(1));
    let x = |year: i32| pad_l + f64::from(year - years.0) / span_years * (w - pad_l - pad_r);
    let y = |v: f64| pad_t + (hi - v) / (hi - lo) * (h - pad_t - pad_b);
    let _ = writeln!(
        s,
        "<svg class=\"{}\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(frame.class)
    );
    let _ = writeln!(s, "<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#fafafa\"/>");
    let _ = writeln!(
        s,
        "<line x1=\"{pad_l:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#bbb\"/>",
        w - pad_r,
        y(0.0),
        y(0.0)
    );
    // tolerance band and target line, year by year (years without a target leave a gap)
    for p in points {
        let Some(t) = p.target else { continue };
        let (x0, x1) = (x(p.year) - 4.0, x(p.year) + 4.0);
        let _ = writeln!(
            s,
            "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#dddddd\"/>",
            y(t + p.tol),
            x1 - x0,
            (y(t - p.tol) - y(t + p.tol)).max(0.5)
        );
        // a tick for every target, so that a year with no neighbour still shows its target
        let _ = writeln!(
            s,
            "<line class=\"target-tick\" x1=\"{x0:.1}\" x2=\"{x1:.1}\" y1=\"{0:.1}\" y2=\"{0:.1}\" stroke=\"#111\" stroke-width=\"1.5\"/>",
            y(t)
        );
    }
    let path = |value: &dyn Fn(&Point) -> Option<f64>| {
        let mut path = String::new();
        let mut last: Option<i32> = None;
        for p in points {
            let Some(v) = value(p) else { continue };
            let cmd = if last == Some(p.year - 1) { 'L' } else { 'M' };
            let _ = write!(path, "{cmd}{:.1},{:.1} ", x(p.year), y(v));
            last = Some(p.year);
        }
        path.trim().to_owned()
    };
    let _ = writeln!(
        s,
        "<path class=\"target\" d=\"{}\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.5\"/>",
        path(&|p| p.target)
    );
    let results = path(&|p| p.result);
    if results.contains('L') {
        let _ = writeln!(
            s,
            "<path class=\"results\" d=\"{results}\" fill=\"none\" stroke=\"{UNJUDGED}\" stroke-width=\"1\" stroke-dasharray=\"3 2\"/>"
        );
    }
    for p in points {
        let Some(r) = p.result else { continue };
        let title = match (p.target, p.status) {
            (Some(t), Some(status)) => {
                format!("{}: target {} · result {} ({status})", p.year, number(t), number(r))
            }
            _ => format!("{}: result {} (no target)", p.year, number(r)),
        };
        let _ = writeln!(
            s,
            "<circle class=\"result\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{}\" fill=\"{}\"><title>{}</title></circle>",
            x(p.year),
            y(r),
            if labels { 3.5 } else { 2.2 },
            p.status.map_or(UNJUDGED, colour),
            esc(&title)
        );
        if labels {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\" fill=\"#555\" text-anchor=\"middle\">{}</text>",
                x(p.year),
                y(r) - 5.0,
                esc(&number(r))
            );
        }
    }
    if labels {
        for p in points {
            let Some(t) = p.target else { continue };
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\" fill=\"#111\" text-anchor=\"middle\">{}</text>",
                x(p.year),
                y(t) + 10.0,
                esc(&number(t))
            );
        }
        let step = if years.1 - years.0 <= 15 { 1 } else { 5 };
        for year in (years.0..=years.1).filter(|y| y % step == 0) {
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" text-anchor=\"middle\">{year}</text>",
                x(year),
                h - 4.0
            );
        }
        let mut marks = vec![lo, 0.0, hi];
        marks.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
        for v in marks {
            let _ = writeln!(
                s,
                "<text x=\"2\" y=\"{:.1}\" font-size=\"9\">{}{}</text>",
                y(v) + 3.0,
                esc(&axis_number(v)),
                esc(frame.unit)
            );
        }
    }
    let _ = writeln!(s, "</svg>");
}

/// An axis mark: whole numbers from 10 up, one decimal below.
fn axis_number(v: f64) -> String {
    if v.abs() >= 10.0 || v == v.round() { format!("{v:.0}") } else { format!("{v:.1}") }
}

/// A horizontal bar chart, one bar per label, signed values about a zero line.
pub(crate) fn bar_chart(s: &mut String, class: &str, bars: Vec<(String, f64)>, unit: &str) {
    if bars.is_empty() {
        let _ = writeln!(s, "<p>—</p>");
        return;
    }
    let max = bars.iter().map(|(_, v)| v.abs()).fold(0.0, f64::max).max(1e-9);
    let row = 22.0;
    let (w, label) = (640.0, 150.0);
    let h = row * bars.len() as f64 + 4.0;
    let zero = label + (w - label - 60.0) / 2.0;
    let half = (w - label - 60.0) / 2.0;
    let _ = writeln!(
        s,
        "<svg class=\"chart {}\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(class)
    );
    for (i, (name, v)) in bars.iter().enumerate() {
        let y = 2.0 + row * i as f64;
        let len = v.abs() / max * half;
        let x0 = if *v >= 0.0 { zero } else { zero - len };
        let _ = writeln!(s, "<text x=\"0\" y=\"{:.1}\" font-size=\"11\">{}</text>", y + 14.0, esc(name));
        let _ = writeln!(
            s,
            "<rect class=\"bar\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"><title>{}: {:.1}{}</title></rect>",
            y + 3.0,
            len.max(1.0),
            row - 8.0,
            if *v >= 0.0 { "#1565c0" } else { "#c62828" },
            esc(name),
            v,
            esc(unit)
        );
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\">{:.1}{}</text>",
            zero + half + 4.0,
            y + 14.0,
            v,
            esc(unit)
        );
    }
    let _ = writeln!(s, "<line x1=\"{zero:.1}\" x2=\"{zero:.1}\" y1=\"0\" y2=\"{h}\" stroke=\"#888\"/>");
    let _ = writeln!(s, "</svg>");
}
