//! `cargo xtask coverage`: the numbers of each source that no fact quotes, and why.

use std::path::Path;
use zhibiao_core::coverage::{self, SourceCoverage};
use zhibiao_core::dataset;
use zhibiao_scan::numbers::Class;

/// Prints the coverage; with `write`, updates the uncovered files. True when every source meets the
/// floor, every uncovered quantity has a reason and every file is current.
pub fn run(data: &Path, write: bool, verbose: bool) -> Result<bool, String> {
    let mut ok = true;
    let loaded = dataset::load(data, &zhibiao_cli::domains()).map_err(|d| format!("{d}\nerror: fix the data first"))?;
    for SourceCoverage { source: id, report, path, expected: rendered, current } in coverage::of_dataset(&loaded, data)
    {
        let excluded = report.rows.iter().filter(|r| r.class != Class::Quantity).count();
        let uncovered = report.rows.len() - excluded;
        println!(
            "{id}: {} of {} quantity numbers quoted by facts ({:.1}%); {uncovered} not quoted ({} without a reason); {excluded} numbers that are not quantities",
            report.covered,
            report.quantities,
            100.0 * report.share(),
            report.unexplained().count(),
        );
        for r in report.rows.iter().filter(|r| r.class == Class::Quantity) {
            let reason = if r.reason.is_empty() { "NO REASON YET" } else { &r.reason };
            println!("  {:>6}  {:<8} …{}…  — {reason}", r.start, r.number, r.context);
        }
        if verbose {
            for class in [Class::Year, Class::Ordinal, Class::Numbering, Class::Name] {
                let rows: Vec<_> = report.rows.iter().filter(|r| r.class == class).collect();
                if !rows.is_empty() {
                    println!("  not quantities ({class}): {}", rows.len());
                    for r in rows {
                        println!("    {:>6}  {:<8} …{}…", r.start, r.number, r.context);
                    }
                }
            }
        }
        if !report.repeated_quotes.is_empty() {
            println!(
                "  quotes found more than once (every occurrence counted): {}",
                report.repeated_quotes.join(" | ")
            );
        }
        if report.share() < zhibiao_core::coverage::FLOOR {
            eprintln!(
                "error: {id}: coverage {:.1}% is below {:.0}%",
                100.0 * report.share(),
                100.0 * zhibiao_core::coverage::FLOOR
            );
            ok = false;
        }
        if report.unexplained().count() > 0 {
            eprintln!(
                "error: {id}: {} quantities are neither quoted by a fact nor explained in {}",
                report.unexplained().count(),
                path.display()
            );
            ok = false;
        }
        if rendered != current {
            if write {
                std::fs::write(&path, &rendered).map_err(|e| format!("error: cannot write {}: {e}", path.display()))?;
                println!("  wrote {}", path.display());
            } else {
                eprintln!(
                    "error: {} is stale; run `cargo xtask coverage --write` and fill in the reasons",
                    path.display()
                );
                ok = false;
            }
        }
    }
    Ok(ok)
}
