//! `cargo xtask extract-eval`: precision and recall of `zhibiao extract` on the curated sources.

use std::path::Path;
use zhibiao_extract::eval::{Score, evaluate};
use zhibiao_extract::{Options, extract};

/// Extracts every source of `data` and scores it against its curated facts; returns the report and
/// the total score.
pub fn run(data: &Path) -> Result<(String, Score), String> {
    let loaded = zhibiao_core::dataset::load(data, &zhibiao::domains())
        .map_err(|d| format!("{d}\nerror: fix the data first"))?;
    let mut lines = Vec::new();
    let mut total = Score::default();
    for source in &loaded.sources {
        let text = loaded.texts.get(&source.id).map_or("", String::as_str);
        let options = Options { source: Some(source.id.clone()), region: Some("421200".into()), year_reviewed: None };
        let found = extract(text, &loaded.indicators, &options).map_err(|e| format!("{}: {e}", source.id))?;
        let curated: Vec<_> =
            loaded.facts.iter().filter(|f| f.source.as_deref() == Some(source.id.as_str())).cloned().collect();
        let score = evaluate(text, &found, &curated);
        lines.push(format!(
            "{}: extracted {}, curated {}; precision {:.3} ({} correct), recall {:.3} ({} found)",
            source.id,
            score.extracted,
            score.curated,
            score.precision(),
            score.correct_extracted,
            score.recall(),
            score.correct_curated
        ));
        total.add(score);
    }
    lines.push(format!("all: precision {:.3}, recall {:.3} (goal: both ≥ 0.95)", total.precision(), total.recall()));
    Ok((lines.join("\n"), total))
}
