//! `cargo xtask browser-check`: open `data/summaries/report.html` in headless Chromium and require no
//! console message and one bullet chart per assessed target.

use std::path::Path;
use std::process::Command;

/// Runs the check; `Err` says what failed.
pub fn run(data: &Path) -> Result<String, String> {
    let page = data.join("summaries/report.html");
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
    let charts = dom.matches("<svg class=\"bullet\"").count();
    let assessment =
        std::fs::read_to_string(data.join("summaries/assessment.csv")).map_err(|e| format!("error: {e}"))?;
    let assessed =
        assessment.lines().filter(|l| l.ends_with(",met") || l.ends_with(",near") || l.ends_with(",missed")).count();
    if charts != assessed {
        return Err(format!("error: {charts} bullet charts for {assessed} assessed targets"));
    }
    Ok(format!(
        "{}: rendered by {browser}, no console messages, {charts} bullet charts for {assessed} assessed targets",
        page.display()
    ))
}
