//! `cargo xtask extract-eval`: how well `zhibiao extract` reads work reports.
//!
//! Three measures: the curated sources of `data/` (every fact of two whole reports), the
//! development set `tests/gold/` (75 reports across levels and eras, annotated passage by passage;
//! see its README), and the held-out set `tests/heldout/` (12 more, drawn and annotated the same
//! way, scored but never looked into when rules are written), each per level and era.

use std::collections::BTreeMap;
use std::path::Path;
use zhibiao_extract::eval::{GoldScore, Score, evaluate, load_gold, score_doc};
use zhibiao_extract::{Options, extract};

/// Extracts every source of `data` and scores it against its curated facts; returns the report and
/// the total score.
pub fn run(data: &Path) -> Result<(String, Score), String> {
    let loaded = zhibiao_core::dataset::load(data, &zhibiao_cli::domains())
        .map_err(|d| format!("{d}\nerror: fix the data first"))?;
    let mut lines = Vec::new();
    let mut total = Score::default();
    for source in &loaded.sources {
        let text = loaded.texts.get(&source.id).map_or("", String::as_str);
        let options = Options { source: Some(source.id.clone()), region: Some("421200".into()), ..Options::default() };
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
    let goal = zhibiao_extract::eval::GOALS.precision;
    lines.push(format!("all: precision {:.3}, recall {:.3} (goal: both ≥ {goal})", total.precision(), total.recall()));
    Ok((lines.join("\n"), total))
}

/// Scores extraction on the development set in `gold`; returns the report and the total.
pub fn run_gold(gold: &Path) -> Result<(String, GoldScore), String> {
    let catalogue: Vec<zhibiao_core::Indicator> =
        zhibiao_cli::domains().iter().flat_map(|d| zhibiao_core::domain::catalogue(*d).unwrap_or_default()).collect();
    let successions = zhibiao_cli::successions();
    let docs = load_gold(gold).map_err(|e| e.to_string())?;
    let mut groups: BTreeMap<String, GoldScore> = BTreeMap::new();
    let mut total = GoldScore::default();
    let mut lines = Vec::new();
    for (drawn, doc) in &docs {
        let (l, score) = score_doc(doc, &catalogue, &successions).map_err(|e| format!("{}: {e}", doc.doc))?;
        lines.push(format!(
            "{} {:>8} {}: layout {} {}→{} (gold {}→{}); extracted {}, gold {}, found {}",
            doc.doc,
            drawn.level,
            drawn.era,
            l.found_by,
            l.reviewed,
            l.planned,
            doc.years.0,
            doc.years.1,
            score.extracted,
            score.gold,
            score.found_gold
        ));
        for key in
            [format!("{} all", drawn.level), format!("all {}", drawn.era), format!("{} {}", drawn.level, drawn.era)]
        {
            groups.entry(key).or_default().add(score);
        }
        total.add(score);
    }
    groups.insert("all".into(), total);
    lines.push(String::new());
    lines.push(format!(
        "{:<16} {:>4} {:>6} {:>9} {:>6} {:>10} {:>6} {:>9} {:>5} {:>9}",
        "group", "docs", "years", "precision", "recall", "attributes", "labels", "indicator", "wrong", "headline"
    ));
    for (key, s) in &groups {
        lines.push(format!(
            "{:<16} {:>4} {:>6} {:>9.3} {:>6.3} {:>10.3} {:>6.3} {:>9.3} {:>5} {:>5.3} of {}",
            key,
            s.docs,
            format!("{}/{}", s.years_right, s.docs),
            s.precision(),
            s.recall(),
            s.attribute_accuracy(),
            s.label_usefulness(),
            s.indicator_accuracy(),
            s.indicators_wrong,
            s.headline_targets_right(),
            s.headline_targets
        ));
    }
    lines.push(format!("goal on unseen reports: {}", zhibiao_extract::eval::GOALS.describe()));
    Ok((lines.join("\n"), total))
}
