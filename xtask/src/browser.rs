//! `cargo xtask browser-check`: open `data/summaries/report.html` and `data/panel/report.html` in
//! headless Chromium and require no console message, one bullet chart per assessed target of the
//! summaries, and the panel's national chart and one small chart per province.

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
    let charts = dom.matches("<svg class=\"bullet\"").count();
    let assessment =
        std::fs::read_to_string(data.join("summaries/assessment.csv")).map_err(|e| format!("error: {e}"))?;
    // a bullet chart per target assessed against a number (a stated verdict has none to draw)
    let assessed = assessment
        .lines()
        .filter(|l| (l.ends_with(",met") || l.ends_with(",near") || l.ends_with(",missed")) && !l.contains(",stated,"))
        .count();
    if charts != assessed {
        return Err(format!("error: {charts} bullet charts for {assessed} assessed targets"));
    }
    Ok(format!(
        "{}: rendered by {browser}, no console messages, {charts} bullet charts for {assessed} assessed targets",
        page.display()
    ))
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
