//! The panel's pages: `data/panel/README.md` and `data/panel/report.html` (self-contained, SVG drawn
//! here). They show the nation's GDP growth target and result over the years, small multiples of
//! every province's target and result lines, the largest misses, and escalation: how far provinces
//! set their targets above the nation's, year by year. Every number comes from the panel's rows.

use crate::html::esc;
use crate::markdown::{gap_label, md, status_label, written_result, written_target};
use crate::panel::{ByYearRow, EscalationRow};
use crate::tables::AssessmentRow;
use std::collections::BTreeMap;
use std::fmt::Write;
use zhibiao_core::Region;
use zhibiao_core::assess::Status;
use zhibiao_core::corpus::ReportLevel;
use zhibiao_core::output::number;

/// What the pages are drawn from.
pub struct PageInput<'a> {
    /// The panel's assessment.
    pub assessment: &'a [AssessmentRow],
    /// Escalation rows.
    pub escalation: &'a [EscalationRow],
    /// GDP growth targets by level and year.
    pub by_year: &'a [ByYearRow],
    /// The regions, for names and levels.
    pub regions: &'a [Region],
    /// Facts in the panel, and how many a person reviewed.
    pub facts: (usize, usize),
    /// Reports in the corpus.
    pub reports: usize,
    /// The years the nation's reports plan.
    pub national_years: Vec<i32>,
}

const GDP: &str = "economy.gdp_growth";

/// One year of a target-and-result line: the target (a range's midpoint), the tolerance band, the
/// result, the status.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Point {
    pub(crate) year: i32,
    pub(crate) target: f64,
    pub(crate) tol: f64,
    pub(crate) result: Option<f64>,
    pub(crate) status: Status,
}

/// The target-and-result line of one indicator and region, year by year.
pub(crate) fn series_of(assessment: &[AssessmentRow], indicator: &str, region: &str) -> Vec<Point> {
    assessment
        .iter()
        .filter(|a| a.indicator == indicator && a.region == region)
        .map(|a| Point {
            year: a.year,
            target: a.target_hi_base.map_or(a.target_base, |h| (a.target_base + h) / 2.0),
            tol: a.tol.unwrap_or(0.0),
            result: a.actual_base,
            status: a.status,
        })
        .collect()
}

fn colour(status: Status) -> &'static str {
    match status {
        Status::Met => "#2e7d32",
        Status::Near => "#f9a825",
        Status::Missed => "#c62828",
        Status::Pending => "#9e9e9e",
    }
}

/// An SVG line chart of targets (black line, grey tolerance band) and results (dots coloured by
/// status) over `years`, with the values printed when `labels` is set.
pub(crate) fn line_chart(
    s: &mut String,
    class: &str,
    points: &[Point],
    years: (i32, i32),
    size: (f64, f64),
    labels: bool,
) {
    let (w, h) = size;
    let (pad_l, pad_r, pad_t, pad_b) =
        (if labels { 30.0 } else { 4.0 }, 6.0, if labels { 16.0 } else { 6.0 }, if labels { 18.0 } else { 4.0 });
    let values: Vec<f64> = points
        .iter()
        .flat_map(|p| [Some(p.target + p.tol), Some(p.target - p.tol), p.result])
        .flatten()
        .chain([0.0])
        .collect();
    let (lo, hi) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(*v), b.max(*v)));
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 1.0, lo + 1.0) };
    let span_years = f64::from((years.1 - years.0).max(1));
    let x = |year: i32| pad_l + f64::from(year - years.0) / span_years * (w - pad_l - pad_r);
    let y = |v: f64| pad_t + (hi - v) / (hi - lo) * (h - pad_t - pad_b);
    let _ = writeln!(
        s,
        "<svg class=\"{}\" viewBox=\"0 0 {w} {h}\" width=\"100%\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(class)
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
        let (x0, x1) = (x(p.year) - 4.0, x(p.year) + 4.0);
        let _ = writeln!(
            s,
            "<rect x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#dddddd\"/>",
            y(p.target + p.tol),
            x1 - x0,
            (y(p.target - p.tol) - y(p.target + p.tol)).max(0.5)
        );
    }
    let mut path = String::new();
    let mut last: Option<i32> = None;
    for p in points {
        let cmd = if last == Some(p.year - 1) { 'L' } else { 'M' };
        let _ = write!(path, "{cmd}{:.1},{:.1} ", x(p.year), y(p.target));
        last = Some(p.year);
    }
    let _ = writeln!(
        s,
        "<path class=\"target\" d=\"{}\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.5\"/>",
        path.trim()
    );
    for p in points {
        let Some(r) = p.result else { continue };
        let title = format!("{}: target {} · result {} ({})", p.year, number(p.target), number(r), p.status);
        let _ = writeln!(
            s,
            "<circle class=\"result\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"{}\" fill=\"{}\"><title>{}</title></circle>",
            x(p.year),
            y(r),
            if labels { 3.5 } else { 2.2 },
            colour(p.status),
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
            let _ = writeln!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"8\" fill=\"#111\" text-anchor=\"middle\">{}</text>",
                x(p.year),
                y(p.target) + 10.0,
                esc(&number(p.target))
            );
        }
        for year in (years.0..=years.1).filter(|y| y % 5 == 0) {
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
                "<text x=\"2\" y=\"{:.1}\" font-size=\"9\">{}%</text>",
                y(v) + 3.0,
                esc(&format!("{v:.0}"))
            );
        }
    }
    let _ = writeln!(s, "</svg>");
}

/// The largest misses among assessed GDP growth targets: the most negative relative gaps.
fn largest_misses(assessment: &[AssessmentRow], n: usize) -> Vec<&AssessmentRow> {
    let mut missed: Vec<&AssessmentRow> =
        assessment.iter().filter(|a| a.indicator == GDP && a.status == Status::Missed && a.gap.is_some()).collect();
    missed.sort_by(|a, b| {
        a.gap.unwrap_or(0.0).total_cmp(&b.gap.unwrap_or(0.0)).then(a.region.cmp(&b.region)).then(a.year.cmp(&b.year))
    });
    missed.truncate(n);
    missed
}

/// Mean escalation of GDP growth targets over the enclosing region's, by level and year.
fn escalation_by_year(input: &PageInput<'_>) -> BTreeMap<(ReportLevel, i32), (f64, usize)> {
    let level_of: BTreeMap<&str, zhibiao_core::RegionLevel> =
        input.regions.iter().map(|r| (r.code.as_str(), r.level)).collect();
    let mut sums: BTreeMap<(ReportLevel, i32), (f64, usize)> = BTreeMap::new();
    for e in input.escalation.iter().filter(|e| e.indicator == GDP) {
        let level = match level_of.get(e.region.as_str()) {
            Some(zhibiao_core::RegionLevel::Province) => ReportLevel::Province,
            Some(zhibiao_core::RegionLevel::City) => ReportLevel::City,
            _ => continue,
        };
        let entry = sums.entry((level, e.year)).or_insert((0.0, 0));
        entry.0 += e.escalation;
        entry.1 += 1;
    }
    sums.into_iter().map(|(k, (sum, n))| (k, (sum / n as f64, n))).collect()
}

/// `README.md` of the panel.
pub fn markdown(input: &PageInput<'_>) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# 全国与各省经济增长目标 · China's growth targets, drawn from the corpus\n");
    let _ = writeln!(s, "Generated by `cargo xtask report` (the panel: `cargo xtask panel`); do not edit by hand.\n");
    let _ = writeln!(
        s,
        "{} reports, {} facts with a catalogued indicator ({} reviewed by a person, the rest extracted by the rules and unreviewed), {} targets assessed against the result the next report states. `report.html` draws the same with charts.\n",
        input.reports,
        input.facts.0,
        input.facts.1,
        input.assessment.len()
    );
    let _ = writeln!(s, "## 全国 · The nation's GDP growth target and result\n");
    let _ = writeln!(s, "| 年份 Year | 目标 Target | 结果 Result | 状态 Status | 差距 Gap |");
    let _ = writeln!(s, "|---:|---|---|---|---:|");
    for a in input.assessment.iter().filter(|a| a.indicator == GDP && a.region == "100000") {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            a.year,
            md(&written_target(a)),
            md(&written_result(a)),
            status_label(a.status),
            gap_label(a)
        );
    }
    let with_target: std::collections::BTreeSet<i32> =
        input.assessment.iter().filter(|a| a.indicator == GDP && a.region == "100000").map(|a| a.year).collect();
    let without: Vec<String> =
        input.national_years.iter().filter(|y| !with_target.contains(y)).map(ToString::to_string).collect();
    let _ = writeln!(
        s,
        "\nYears whose report holds no numeric GDP growth target here (none stated, or extraction found none): {}.\n",
        if without.is_empty() { "none".to_owned() } else { without.join(", ") }
    );
    let _ = writeln!(s, "## 各省目标 · Provincial GDP growth targets by year\n");
    let _ = writeln!(
        s,
        "| 年份 Year | 报告 Reports | 有数字目标 With a target | ≥10% | 下调 Lowered | 持平 Kept | 上调 Raised | 左右 Approx | 以上 At least | 区间 Range | 均值 Mean | 中位 Median | 全国 Nation | 均值−全国 Mean − nation | 达成率 Met share |"
    );
    let _ = writeln!(s, "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let pct = |x: Option<f64>| x.map(|v| format!("{:.0}%", v * 100.0)).unwrap_or_else(|| "—".into());
    let num = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_else(|| "—".into());
    for r in input.by_year.iter().filter(|r| r.level == ReportLevel::Province) {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            r.year,
            r.reports,
            r.targets,
            r.ten_or_more,
            r.lowered,
            r.kept,
            r.raised,
            pct(r.approx_share),
            pct(r.at_least_share),
            pct(r.range_share),
            num(r.mean_target),
            num(r.median_target),
            num(r.parent_target),
            num(r.mean_over_parent),
            pct(r.met_share)
        );
    }
    let _ = writeln!(s, "\n## 差距最大 · The largest misses of GDP growth targets\n");
    let _ = writeln!(s, "| 地区 Region | 年份 Year | 目标 Target | 结果 Result | 差距 Gap |");
    let _ = writeln!(s, "|---|---:|---|---|---:|");
    let name_of: BTreeMap<&str, &str> = input.regions.iter().map(|r| (r.code.as_str(), r.name_zh.as_str())).collect();
    for a in largest_misses(input.assessment, 15) {
        let _ = writeln!(
            s,
            "| {} {} | {} | {} | {} | {} |",
            a.region,
            md(name_of.get(a.region.as_str()).copied().unwrap_or("")),
            a.year,
            md(&written_target(a)),
            md(&written_result(a)),
            gap_label(a)
        );
    }
    let _ = writeln!(s, "\n## 层层加码 · Escalation: mean GDP growth target over the enclosing region's, points\n");
    let _ = writeln!(
        s,
        "| 年份 Year | 省 − 全国 Provinces − nation | 省数 n | 湖北各市 − 湖北 Hubei's cities − Hubei | 市数 n |"
    );
    let _ = writeln!(s, "|---:|---:|---:|---:|---:|");
    let esc_by = escalation_by_year(input);
    let years: std::collections::BTreeSet<i32> = esc_by.keys().map(|(_, y)| *y).collect();
    for year in years {
        let cell = |level| {
            esc_by
                .get(&(level, year))
                .map_or(("—".to_owned(), "0".to_owned()), |(m, n)| (format!("{m:+.2}"), n.to_string()))
        };
        let (p, pn) = cell(ReportLevel::Province);
        let (c, cn) = cell(ReportLevel::City);
        let _ = writeln!(s, "| {year} | {p} | {pn} | {c} | {cn} |");
    }
    s
}

/// `report.html` of the panel.
pub fn html(input: &PageInput<'_>) -> String {
    let mut s = String::new();
    let years = {
        let ys: Vec<i32> = input.assessment.iter().filter(|a| a.indicator == GDP).map(|a| a.year).collect();
        (ys.iter().copied().min().unwrap_or(2000), ys.iter().copied().max().unwrap_or(2026))
    };
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>全国与各省经济增长目标 · China's growth targets</title>\n<style>{}</style>\n</head>\n<body>\n",
        crate::html::STYLE
    );
    let _ = writeln!(s, "<h1>全国与各省经济增长目标 · China's growth targets, drawn from the corpus</h1>");
    let _ = writeln!(
        s,
        "<p>Generated by <code>cargo xtask report</code> from <code>data/panel/</code>: {} reports, {} facts ({} reviewed by a person), {} targets assessed. Black line: the target (a range's midpoint) with its tolerance band; dots: the result stated by the next report, coloured by status (<span style=\"color:{}\">met</span>, <span style=\"color:{}\">near</span>, <span style=\"color:{}\">missed</span>). Values are printed beside the marks.</p>",
        input.reports,
        input.facts.0,
        input.facts.1,
        input.assessment.len(),
        colour(Status::Met),
        colour(Status::Near),
        colour(Status::Missed)
    );
    let _ = writeln!(s, "<h2>全国 · The nation's GDP growth target and result</h2>");
    line_chart(&mut s, "chart national", &series_of(input.assessment, GDP, "100000"), years, (900.0, 260.0), true);
    let _ = writeln!(s, "<h2>各省 · Every province's target and result</h2>");
    let _ = writeln!(
        s,
        "<div class=\"multiples\" style=\"display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:.6em\">"
    );
    for r in input.regions.iter().filter(|r| r.level == zhibiao_core::RegionLevel::Province) {
        let points = series_of(input.assessment, GDP, &r.code);
        let _ = writeln!(
            s,
            "<figure style=\"margin:0\"><figcaption>{} <small>{}</small></figcaption>",
            esc(&r.name_zh),
            esc(&r.code)
        );
        line_chart(&mut s, "chart province", &points, years, (180.0, 90.0), false);
        let _ = writeln!(s, "</figure>");
    }
    let _ = writeln!(s, "</div>");
    let _ = writeln!(
        s,
        "<h2>差距最大 · The largest misses</h2>\n<table><thead><tr><th>地区 Region</th><th>年份 Year</th><th>目标 Target</th><th>结果 Result</th><th>差距 Gap</th></tr></thead><tbody>"
    );
    let name_of: BTreeMap<&str, &str> = input.regions.iter().map(|r| (r.code.as_str(), r.name_zh.as_str())).collect();
    for a in largest_misses(input.assessment, 15) {
        let _ = writeln!(
            s,
            "<tr><td>{} {}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td></tr>",
            esc(&a.region),
            esc(name_of.get(a.region.as_str()).copied().unwrap_or("")),
            a.year,
            esc(&written_target(a)),
            esc(&written_result(a)),
            esc(&gap_label(a))
        );
    }
    let _ = writeln!(s, "</tbody></table>");
    let _ = writeln!(s, "<h2>层层加码 · Escalation: mean target over the enclosing region's, points</h2>");
    let esc_by = escalation_by_year(input);
    for (level, title) in [
        (ReportLevel::Province, "省 − 全国 · provinces − nation"),
        (ReportLevel::City, "湖北各市 − 湖北 · Hubei's cities − Hubei"),
    ] {
        let bars: Vec<(String, f64)> = esc_by
            .iter()
            .filter(|((l, _), _)| *l == level)
            .map(|((_, y), (m, n))| (format!("{y} (n={n})"), *m))
            .collect();
        let _ = writeln!(s, "<h3>{}</h3>", esc(title));
        crate::html::bar_chart(&mut s, "escalation", bars, " pp");
    }
    let _ = writeln!(s, "</body>\n</html>");
    s
}
