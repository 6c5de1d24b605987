//! `cargo xtask browser-check`: open `data/summaries/report.html` and `data/panel/report.html` in
//! headless Chromium and require no console message; of the summaries, one bullet chart per target
//! assessed against a number, one section per year and one series chart per headline indicator of
//! the main region with two years or more (counted from the CSVs, not from the page); of the panel,
//! the national chart and one small chart per province.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// Runs the check; `Err` says what failed.
pub fn run(data: &Path) -> Result<String, String> {
    let summaries = summaries(data)?;
    let panel = panel(data)?;
    Ok(format!("{summaries}\n{panel}"))
}

fn summaries(data: &Path) -> Result<String, String> {
    let (page, browser, dom) = render(&data.join("summaries/report.html"))?;
    let table = |name: &str| read_csv(&data.join("summaries").join(name));
    let (assessment, facts, indicators, sources) =
        (table("assessment.csv")?, table("facts.csv")?, table("indicators.csv")?, table("sources.csv")?);
    // a bullet chart for every target assessed against a number (a stated verdict has none)
    let charts = dom.matches("<svg class=\"bullet\"").count();
    let assessed = assessment
        .iter()
        .filter(|r| matches!(r["status"].as_str(), "met" | "near" | "missed") && r["basis"] != "stated")
        .count();
    if charts != assessed {
        return Err(format!("error: {charts} bullet charts for {assessed} assessed targets"));
    }
    // a section for every year that holds a target or that a report plans
    let years: BTreeSet<&str> = assessment
        .iter()
        .map(|r| r["year"].as_str())
        .chain(sources.iter().map(|r| r["year_planned"].as_str()))
        .collect();
    let sections = dom.matches("<section class=\"year\"").count();
    if sections != years.len() {
        return Err(format!("error: {sections} year sections for {} years", years.len()));
    }
    // a series chart for every headline indicator of the main region with a target or a result in
    // two years or more
    let mut per_region: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &assessment {
        *per_region.entry(r["region"].as_str()).or_default() += 1;
    }
    let region = per_region.iter().rev().max_by_key(|(_, n)| **n).map_or("", |(r, _)| *r);
    let headline: BTreeSet<&str> =
        indicators.iter().filter(|r| r["headline"] == "true").map(|r| r["id"].as_str()).collect();
    let mut seen: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let stated = facts
        .iter()
        .filter(|r| r["kind"] != "target")
        .map(|r| (r["indicator"].as_str(), r["region"].as_str(), r["year"].as_str()));
    let targets = assessment.iter().map(|r| (r["indicator"].as_str(), r["region"].as_str(), r["year"].as_str()));
    for (indicator, r, year) in stated.chain(targets) {
        if r == region && headline.contains(indicator) {
            seen.entry(indicator).or_default().insert(year);
        }
    }
    let expected = seen.values().filter(|years| years.len() >= 2).count();
    let series = dom.matches("<svg class=\"chart series\"").count();
    if series != expected || expected == 0 {
        return Err(format!("error: {series} series charts for {expected} headline indicators with two years or more"));
    }
    Ok(format!(
        "{}: rendered by {browser}, no console messages, {charts} bullet charts for {assessed} assessed targets, {sections} year sections, {series} series charts",
        page.display()
    ))
}

/// A CSV file as rows of named cells.
fn read_csv(path: &Path) -> Result<Vec<BTreeMap<String, String>>, String> {
    let mut reader = csv::Reader::from_path(path).map_err(|e| format!("error: {}: {e}", path.display()))?;
    let header: Vec<String> = reader.headers().map_err(|e| e.to_string())?.iter().map(str::to_owned).collect();
    reader
        .records()
        .map(|r| {
            let r = r.map_err(|e| format!("error: {}: {e}", path.display()))?;
            Ok(header.iter().cloned().zip(r.iter().map(str::to_owned)).collect())
        })
        .collect()
}

fn panel(data: &Path) -> Result<String, String> {
    let (page, browser, dom) = render(&data.join("panel/report.html"))?;
    let national = dom.matches("<svg class=\"chart national\"").count();
    let provinces = dom.matches("<svg class=\"chart province\"").count();
    let regions = std::fs::read_to_string(data.join("regions.csv")).map_err(|e| format!("error: {e}"))?;
    let expected = regions.lines().filter(|l| l.split(',').nth(3) == Some("province")).count();
    if national != 1 || provinces != expected {
        return Err(format!(
            "error: {national} national charts (1 expected), {provinces} province charts ({expected} expected)"
        ));
    }
    Ok(format!(
        "{}: rendered by {browser}, no console messages, the national chart and {provinces} province charts",
        page.display()
    ))
}

/// Renders `page` in headless Chromium: its canonical path, the browser used and the DOM; `Err` when
/// the page logged to the console or did not render.
fn render(page: &Path) -> Result<(std::path::PathBuf, String, String), String> {
    let page = page.canonicalize().map_err(|e| format!("error: {}: {e}", page.display()))?;
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .map(str::to_owned)
        .chain(std::env::var("CHROMIUM").ok())
        .rev()
        .find(|b| Command::new(b).arg("--version").output().is_ok_and(|o| o.status.success()))
        .ok_or("error: no Chromium found (install Debian's chromium package, or set CHROMIUM)")?;
    let profile = std::env::temp_dir().join(format!("zhibiao-chromium-{}", std::process::id()));
    let output = Command::new(&browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
            "--dump-dom",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .map_err(|e| format!("error: cannot run {browser}: {e}"))?;
    let _ = std::fs::remove_dir_all(&profile);
    let dom = String::from_utf8_lossy(&output.stdout);
    let log = String::from_utf8_lossy(&output.stderr);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    if !console.is_empty() {
        return Err(format!("error: the page logged to the console:\n{}", console.join("\n")));
    }
    if !dom.contains("</html>") {
        return Err(format!("error: {browser} rendered no page ({})", log.lines().last().unwrap_or("")));
    }
    Ok((page, browser, dom.into_owned()))
}
