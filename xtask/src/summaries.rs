//! `cargo xtask report`: regenerate `data/summaries/` from `data/` (or check that it is current).

use std::path::Path;
use zhibiao_report::{Mode, Options};

/// Validates `data`, builds the summaries and writes (or checks) `data/summaries/`. True when
/// written, or when nothing is stale in check mode.
pub fn run(data: &Path, mode: Mode, options: &Options) -> Result<bool, String> {
    let shown = data.strip_prefix(std::env::current_dir().unwrap_or_default()).unwrap_or(data);
    let loaded = zhibiao_core::dataset::load(data, &zhibiao::domains())
        .map_err(|d| format!("{d}\nerror: {} problems in {}; nothing was written", d.len(), shown.display()))?;
    let files = zhibiao_report::build(&loaded, &zhibiao::domains(), options).map_err(|e| format!("error: {e}"))?;
    let dir = data.join("summaries");
    let stale =
        zhibiao_report::write(&dir, &files, mode).map_err(|e| format!("error: cannot write {}: {e}", dir.display()))?;
    let name =
        |p: &Path| p.strip_prefix(std::env::current_dir().unwrap_or_default()).unwrap_or(p).display().to_string();
    match mode {
        Mode::Write => {
            println!("{} facts, {} files in {}; {} changed", loaded.facts.len(), files.len(), name(&dir), stale.len());
            for p in &stale {
                println!("  updated {}", name(p));
            }
            Ok(true)
        }
        Mode::Check => {
            for p in &stale {
                eprintln!("error: {} is stale", name(p));
            }
            if !stale.is_empty() {
                eprintln!("run `cargo xtask report` to regenerate the summaries");
            }
            Ok(stale.is_empty())
        }
    }
}
