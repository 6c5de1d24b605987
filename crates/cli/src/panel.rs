//! The panel drawn from the corpus (`cargo xtask panel`): every corpus report extracted, the
//! reviews of `data/panel/reviewed.csv` applied, every fact held to the facts contract, and the
//! tables of `data/panel/` regenerated (or, in check mode, compared).

use std::path::{Path, PathBuf};
use zhibiao_core::assess::Tolerance;
use zhibiao_core::facts::{Context, Contract, Curated};
use zhibiao_report::Mode;

/// The reviews' file in the panel folder, an input the regeneration leaves alone.
pub const REVIEWED: &str = "reviewed.csv";

/// What [`regenerate`] did.
#[derive(Debug)]
pub struct Regenerated {
    /// Corpus reports read.
    pub reports: usize,
    /// Reports the extractor could not read, with why.
    pub unread: Vec<(String, String)>,
    /// Candidate figures extracted.
    pub candidates: usize,
    /// Facts of the panel.
    pub facts: usize,
    /// Of them, reviewed by a person.
    pub reviewed: usize,
    /// Restatements set aside (another statement gave the same key).
    pub restatements: usize,
    /// Statements set aside because a report of their region uses their name for a broader measure.
    pub broader: usize,
    /// Extracted facts the contract refused, with the first problem of each (left out).
    pub refused: Vec<String>,
    /// Targets assessed, and how many were met.
    pub targets: usize,
    /// Targets met.
    pub met: usize,
    /// Files that differed (written in write mode, stale in check mode).
    pub stale: Vec<PathBuf>,
}

/// The curated facts that cite a corpus text, anchored at their quote's first occurrence.
fn curated_facts(data: &zhibiao_core::dataset::Dataset) -> Vec<zhibiao_core::AnchoredFact> {
    let corpus: std::collections::HashSet<&str> = data.corpus.iter().map(|e| e.id.as_str()).collect();
    data.facts
        .iter()
        .filter_map(|f| {
            let source = f.source.as_deref().filter(|s| corpus.contains(s))?;
            let text = data.texts.get(source)?;
            let quote = f.quote.as_deref()?;
            let byte = text.find(quote)?;
            let start = text[..byte].chars().count();
            let end = start + quote.chars().count();
            Some(zhibiao_core::AnchoredFact { fact: f.clone(), start, end, method: zhibiao_core::Method::Reviewed })
        })
        .collect()
}

/// Regenerates `data_dir/panel/` from the dataset's corpus and the reviews. Fails, writing
/// nothing, on invalid data, an invalid or stale review, or a reviewed fact the contract refuses.
pub fn regenerate(data_dir: &Path, mode: Mode, headline: &[&str]) -> Result<Regenerated, String> {
    let domains = crate::domains();
    let data = zhibiao_core::dataset::load(data_dir, &domains)
        .map_err(|d| format!("{d}\nerror: {} problems in {}; nothing was written", d.len(), data_dir.display()))?;
    let dir = data_dir.join("panel");
    let reviewed_path = dir.join(REVIEWED);
    let mut problems = Vec::new();
    let reviews = match std::fs::read_to_string(&reviewed_path) {
        Ok(text) => zhibiao_corpus::panel::parse_reviews(&reviewed_path, &text, &mut problems),
        Err(_) => Vec::new(),
    };
    if let Some(d) = zhibiao_core::Diagnostics::from_vec(problems) {
        return Err(format!("{d}\nerror: {} problems in {}; nothing was written", d.len(), reviewed_path.display()));
    }
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let curated = curated_facts(&data);
    let successions = crate::successions();
    let drawn = zhibiao_corpus::panel::draw(
        &data.corpus,
        &data.texts,
        &data.indicators,
        &successions,
        &curated,
        &reviews,
        threads,
    );
    if !drawn.stale.is_empty() {
        let lines: Vec<String> = drawn
            .stale
            .iter()
            .map(|r| {
                format!(
                    "{}:{}: the review of {} {}..{} ({}) no longer anchors: extraction no longer yields that row (or, for add, now yields it); review it again",
                    reviewed_path.display(),
                    r.line,
                    r.source,
                    r.start,
                    r.end,
                    r.indicator
                )
            })
            .collect();
        return Err(format!("{}\nerror: {} stale reviews; nothing was written", lines.join("\n"), lines.len()));
    }
    let regions = data.regions.iter().map(|r| r.code.clone()).collect();
    let broken = Default::default();
    let indicators = data.indicators.iter().map(|i| (i.id.clone(), i.clone())).collect();
    let context = Context {
        indicators: &indicators,
        contract: Contract::Curated(Curated { regions: &regions, sources: &data.texts, broken: &broken, domain: None }),
        units: Default::default(),
    };
    let (facts, refused) = zhibiao_corpus::panel::validate(drawn.facts, &context);
    let reviewed_refused: Vec<String> = refused
        .iter()
        .filter(|(f, _)| f.method == zhibiao_core::Method::Reviewed)
        .map(|(f, d)| format!("{} {}..{}: {}", f.fact.source.as_deref().unwrap_or(""), f.start, f.end, d.message))
        .collect();
    if !reviewed_refused.is_empty() {
        return Err(format!(
            "{}\nerror: {} reviewed facts break the facts contract; nothing was written",
            reviewed_refused.join("\n"),
            reviewed_refused.len()
        ));
    }
    let input =
        zhibiao_report::panel::PanelInput { data: &data, facts: &facts, headline, tolerance: Tolerance::default() };
    let built = zhibiao_report::panel::build(&input).map_err(|e| format!("error: {e}"))?;
    let stale = zhibiao_report::write_keeping(&dir, &built.files, mode, &[REVIEWED])
        .map_err(|e| format!("error: cannot write {}: {e}", dir.display()))?;
    Ok(Regenerated {
        reports: drawn.reports,
        unread: drawn.unread,
        candidates: drawn.candidates,
        facts: facts.len(),
        reviewed: facts.iter().filter(|f| f.method == zhibiao_core::Method::Reviewed).count(),
        restatements: drawn.restatements,
        broader: drawn.broader,
        refused: refused
            .iter()
            .map(|(f, d)| format!("{} {}..{}: {}", f.fact.source.as_deref().unwrap_or(""), f.start, f.end, d.message))
            .collect(),
        targets: built.targets,
        met: built.met,
        stale,
    })
}
