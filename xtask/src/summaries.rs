//! `cargo xtask report`: regenerate `data/summaries/` from `data/` (or check that it is current).

use std::path::Path;
use zhibiao_report::{Mode, Options};

/// Runs `zhibiao_report::regenerate` on `data` and reports what it did. True when written, or when
/// nothing is stale in check mode.
pub fn run(data: &Path, mode: Mode, options: &Options) -> Result<bool, String> {
    // relative to where the command runs, so messages name data/facts/… as a reader expects
    let cwd = std::env::current_dir().unwrap_or_default();
    let data = data.strip_prefix(&cwd).unwrap_or(data);
    let data = if data.as_os_str().is_empty() { Path::new(".") } else { data };
    let done = zhibiao_report::regenerate(data, &zhibiao_cli::domains(), mode, options).map_err(|e| e.to_string())?;
    let name =
        |p: &Path| p.strip_prefix(std::env::current_dir().unwrap_or_default()).unwrap_or(p).display().to_string();
    let dir = data.join("summaries");
    match mode {
        Mode::Write => {
            println!("{} facts, {} files in {}; {} changed", done.facts, done.files, name(&dir), done.stale.len());
            for p in &done.stale {
                println!("  updated {}", name(p));
            }
            Ok(true)
        }
        Mode::Check => {
            for p in &done.stale {
                eprintln!("error: {} is stale", name(p));
            }
            if !done.stale.is_empty() {
                eprintln!("run `cargo xtask report` to regenerate the summaries");
            }
            Ok(done.stale.is_empty())
        }
    }
}
