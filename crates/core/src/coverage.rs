//! The coverage of a curated dataset: for each source, which numbers no fact quotes (see
//! `zhibiao_scan::coverage` for the rule) and the uncovered file beside its text that explains them.

use std::path::{Path, PathBuf};

/// The share of a curated source's quantities its facts must quote.
pub const FLOOR: f64 = 0.98;
use zhibiao_scan::coverage::{Report, parse_reasons, render, report};

/// The coverage of one source of a dataset, with its uncovered file.
#[derive(Clone, Debug)]
pub struct SourceCoverage {
    /// The source id.
    pub source: String,
    /// The coverage.
    pub report: Report,
    /// The uncovered file beside the source text.
    pub path: PathBuf,
    /// What the uncovered file must hold.
    pub expected: String,
    /// What it holds now (empty when missing).
    pub current: String,
}

/// The uncovered file of a source file: `<stem>.uncovered.csv` in `data/sources/`.
pub fn uncovered_path(data_dir: &Path, file: &str) -> PathBuf {
    let stem = Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    data_dir.join("sources").join(format!("{stem}.uncovered.csv"))
}

/// The coverage of every source of a validated dataset loaded from `data_dir`.
pub fn of_dataset(data: &crate::dataset::Dataset, data_dir: &Path) -> Vec<SourceCoverage> {
    data.sources
        .iter()
        .map(|source| {
            let text = data.texts.get(&source.id).map_or("", String::as_str);
            let quotes: Vec<&str> = data
                .facts
                .iter()
                .filter(|f| f.source.as_deref() == Some(source.id.as_str()))
                .filter_map(|f| f.quote.as_deref())
                .collect();
            let path = uncovered_path(data_dir, &source.file);
            let current = std::fs::read_to_string(&path).unwrap_or_default();
            let report = report(text, &quotes, &parse_reasons(&current));
            let expected = render(&report.rows);
            SourceCoverage { source: source.id.clone(), report, path, expected, current }
        })
        .collect()
}
