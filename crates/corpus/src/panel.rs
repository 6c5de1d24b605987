//! The panel drawn from the corpus: every report extracted, one fact per (indicator, region, year,
//! kind), with a person's reviews applied on top.
//!
//! [`draw`] runs `zhibiao_extract` on every corpus text (on every core), with the corpus table's
//! years and region, and keeps the facts whose label matched a catalogued indicator. When two
//! statements give the same key, the one from the report that reviews (for results) or plans (for
//! targets) that year wins, then the one in that report's review or plan part, then the first in the
//! text: a five-year review or a later report restating a figure does not replace the report of the
//! year. [`Review`]s (`data/panel/reviewed.csv`) then confirm, correct, reject or add facts, each
//! anchored at its quote's offsets in its source; a review whose anchor extraction no longer yields
//! is reported as stale, never dropped in silence.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use zhibiao_core::corpus::CorpusEntry;
use zhibiao_core::diagnostic::Diagnostic;
use zhibiao_core::table::{Column, Schema, Table};
use zhibiao_core::{AnchoredFact, Bound, Decimal, Fact, Indicator, Kind, Method};
use zhibiao_extract::label;
use zhibiao_extract::layout::PartKind;

zhibiao_core::vocabulary! {
    /// What a review does.
    Action {
        /// The extracted fact is right as it is.
        Confirm => "confirm",
        /// The extracted fact is right but for the fields the review gives.
        Correct => "correct",
        /// The extracted row is not a fact (or not this one): drop it.
        Reject => "reject",
        /// A fact extraction missed, given whole.
        Add => "add",
    }
}

/// A person's review of one panel row (a row of `reviewed.csv`).
#[derive(Clone, Debug, PartialEq)]
pub struct Review {
    /// The corpus id of the text.
    pub source: String,
    /// The quote's offsets in that text (the anchor).
    pub start: usize,
    /// Offset just past the quote.
    pub end: usize,
    /// The indicator the extracted row has (confirm, correct, reject) or the fact has (add).
    pub indicator: String,
    /// What the review does.
    pub action: Action,
    /// For correct and add: the corrected or added fields (empty cells keep the extracted ones).
    pub change: Change,
    /// Why, in the reviewer's words.
    pub reason: String,
    /// The line of `reviewed.csv`, for messages.
    pub line: u64,
}

/// The fields a review sets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Change {
    /// A corrected indicator.
    pub indicator: Option<String>,
    /// A corrected year.
    pub year: Option<i32>,
    /// A corrected kind.
    pub kind: Option<Kind>,
    /// A corrected bound.
    pub bound: Option<Bound>,
    /// A corrected value.
    pub value: Option<Decimal>,
    /// A corrected upper end.
    pub value_hi: Option<Decimal>,
    /// A corrected unit.
    pub unit: Option<String>,
}

/// The `reviewed.csv` schema.
pub const REVIEWED: Schema = Schema {
    name: "reviewed",
    columns: &[
        Column { name: "source", required: true },
        Column { name: "start", required: true },
        Column { name: "end", required: true },
        Column { name: "indicator", required: true },
        Column { name: "action", required: true },
        Column { name: "new_indicator", required: true },
        Column { name: "year", required: true },
        Column { name: "kind", required: true },
        Column { name: "bound", required: true },
        Column { name: "value", required: true },
        Column { name: "value_hi", required: true },
        Column { name: "unit", required: true },
        Column { name: "reason", required: true },
    ],
};

/// Reads `reviewed.csv`; every problem goes to `diagnostics`, located.
pub fn parse_reviews(path: &Path, text: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Review> {
    let mut out = Vec::new();
    let Some(table) = Table::parse(path, text, &REVIEWED, diagnostics) else { return out };
    for row in table.rows() {
        let cell = |name: &str| table.cell(row, name);
        let before = diagnostics.len();
        let mut offset = |name: &str| {
            let c = cell(name);
            let v = c.text.parse::<usize>().ok();
            if v.is_none() {
                diagnostics.push(table.at(c, format!("{name} \"{}\" is not a character offset", c.text)));
            }
            v.unwrap_or(0)
        };
        let (start, end) = (offset("start"), offset("end"));
        let parsed = |name: &str| -> Option<String> { Some(cell(name).text.to_owned()).filter(|t| !t.is_empty()) };
        let (new_indicator, unit) = (parsed("new_indicator"), parsed("unit"));
        let word = |name: &str| {
            let c = cell(name);
            (c, c.text)
        };
        let (action_cell, action_text) = word("action");
        let action = action_text.parse::<Action>();
        if let Err(e) = &action {
            diagnostics.push(table.at(action_cell, format!("action {e}")));
        }
        let mut change = Change { indicator: new_indicator, unit, ..Change::default() };
        let year = cell("year");
        if !year.text.is_empty() {
            change.year = year.text.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
            if change.year.is_none() {
                diagnostics.push(table.at(year, format!("year \"{}\" is not a year", year.text)));
            }
        }
        let kind = cell("kind");
        if !kind.text.is_empty() {
            match kind.text.parse::<Kind>() {
                Ok(k) => change.kind = Some(k),
                Err(e) => diagnostics.push(table.at(kind, format!("kind {e}"))),
            }
        }
        let bound = cell("bound");
        if !bound.text.is_empty() {
            match bound.text.parse::<Bound>() {
                Ok(b) => change.bound = Some(b),
                Err(e) => diagnostics.push(table.at(bound, format!("bound {e}"))),
            }
        }
        for (name, slot) in [("value", &mut change.value), ("value_hi", &mut change.value_hi)] {
            let c = cell(name);
            if !c.text.is_empty() {
                match c.text.parse::<Decimal>() {
                    Ok(v) => *slot = Some(v),
                    Err(e) => diagnostics.push(table.at(c, format!("{name} \"{}\" is not a number ({e:?})", c.text))),
                }
            }
        }
        let reason = cell("reason");
        if reason.text.trim().is_empty() {
            diagnostics.push(table.at(reason, "reason is empty; a review says why".to_owned()));
        }
        if end <= start && diagnostics.len() == before {
            diagnostics.push(table.at(cell("end"), format!("end {end} is not after start {start}")));
        }
        let Ok(action) = action else { continue };
        if action == Action::Add
            && (change.year.is_none() || change.kind.is_none() || change.bound.is_none() || change.value.is_none())
            && diagnostics.len() == before
        {
            diagnostics.push(table.at(action_cell, "an added fact gives year, kind, bound, value and unit".to_owned()));
        }
        if diagnostics.len() > before {
            continue;
        }
        out.push(Review {
            source: cell("source").text.to_owned(),
            start,
            end,
            indicator: cell("indicator").text.to_owned(),
            action,
            change,
            reason: reason.text.to_owned(),
            line: row.line(),
        });
    }
    out
}

/// What [`draw`] made.
#[derive(Clone, Debug, Default)]
pub struct Drawn {
    /// One fact per key, sorted by indicator, region, year and kind.
    pub facts: Vec<AnchoredFact>,
    /// Reports read (extracted, or curated by a person).
    pub reports: usize,
    /// Reports extraction refused, with why.
    pub unread: Vec<(String, String)>,
    /// Candidate figures extracted in all (with or without an indicator).
    pub candidates: usize,
    /// Statements of a key another statement already gave (restatements set aside).
    pub restatements: usize,
    /// Reviews whose anchor extraction no longer yields (or, for add, now yields itself).
    pub stale: Vec<Review>,
    /// Statements set aside because a report of their region uses their name for a broader measure.
    pub broader: usize,
}

/// (region, indicator family, name in normal form)
type RegionName = (String, String, String);

/// The names each region's reports set apart as broader than an indicator (extraction's
/// `MatchedBy::Broader`), with the indicator's family: the name matched again without the report's
/// context.
fn broader_names(
    read: &[(usize, Result<Vec<zhibiao_extract::Extracted>, String>)],
    catalogue: &[Indicator],
) -> std::collections::HashSet<RegionName> {
    let matcher = zhibiao_extract::Matcher::new(catalogue);
    read.iter()
        .filter_map(|(_, result)| result.as_ref().ok())
        .flatten()
        .filter(|x| x.matched_by == zhibiao_extract::MatchedBy::Broader)
        .filter_map(|x| {
            let indicator = matcher.find(&x.label_zh, x.measure, &x.fact.unit)?;
            Some((x.fact.region.clone(), family(&indicator.id).to_owned(), label::normal(&x.label_zh)))
        })
        .collect()
}

/// An indicator without its measure or span (economy.general_budget_revenue for its growth and
/// five-year variants): a name that names a broader level names a broader change too.
fn family(indicator: &str) -> &str {
    ["_five_year_average", "_five_year", "_growth"]
        .iter()
        .fold(indicator, |id, suffix| id.strip_suffix(suffix).unwrap_or(id))
}

/// How strongly a statement speaks for its key: the report of the year first; then the report
/// nearest the year (a target for 2010 from the 2006 report's five-year plan before one from the
/// 2003 report's long-range goals; a result from the report just after the year before later
/// restatements); then its review or plan part; then text order.
fn precedence(fact: &Fact, part: PartKind, entry: &CorpusEntry) -> Precedence {
    let (own_year, distance) = match fact.kind {
        Kind::Target => (entry.year_planned == fact.year, fact.year - entry.year_planned),
        Kind::Actual | Kind::Estimate => (entry.year_reviewed == fact.year, entry.year_reviewed - fact.year),
    };
    let main_part = matches!(part, PartKind::Review | PartKind::Plan);
    (u8::from(!own_year), u16::try_from(distance.max(0)).unwrap_or(u16::MAX), u8::from(!main_part))
}

/// The order of [`precedence`]: lower speaks first; reviewed and curated statements are all zeros.
type Precedence = (u8, u16, u8);

type Key = (String, String, i32, Kind);

/// A statement competing for its key: its precedence, its place in reading order, the fact.
type Statement = (Precedence, usize, AnchoredFact);

/// Extracts every corpus text and applies the reviews. `texts` holds the corpus texts by id.
/// `curated` holds the facts a person curated completely (`data/facts/`): for their sources they
/// replace extraction, as reviewed facts.
pub fn draw(
    corpus: &[CorpusEntry],
    texts: &HashMap<String, String>,
    catalogue: &[Indicator],
    successions: &[zhibiao_core::domain::Succession],
    curated: &[AnchoredFact],
    reviews: &[Review],
    threads: usize,
) -> Drawn {
    let curated_sources: std::collections::HashSet<&str> =
        curated.iter().filter_map(|f| f.fact.source.as_deref()).collect();
    let threads = threads.clamp(1, 16);
    let next = std::sync::atomic::AtomicUsize::new(0);
    type Read = (usize, Result<Vec<zhibiao_extract::Extracted>, String>);
    let mut read: Vec<Read> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(entry) = corpus.get(i) else { break };
                        let Some(text) = texts.get(&entry.id) else { continue };
                        if curated_sources.contains(entry.id.as_str()) {
                            continue;
                        }
                        let options = zhibiao_extract::Options {
                            source: Some(entry.id.clone()),
                            region: Some(entry.region.clone()),
                            year_reviewed: Some(entry.year_reviewed),
                            year_delivered: Some(entry.year_delivered),
                            successions: successions.to_vec(),
                        };
                        let result = zhibiao_extract::extract(text, catalogue, &options).map_err(|e| e.to_string());
                        mine.push((i, result));
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    read.sort_by_key(|(i, _)| *i);

    let mut drawn = Drawn { reports: read.len() + curated_sources.len(), ..Drawn::default() };
    // names a report of the region uses for a broader measure (地方财政收入 beside a 公共财政预算收入
    // of another value) name it in the region's other reports too, where nothing sets them apart
    let broader = broader_names(&read, catalogue);
    let reviewed: std::collections::HashSet<(&str, usize, usize, &str)> =
        reviews.iter().map(|r| (r.source.as_str(), r.start, r.end, r.indicator.as_str())).collect();
    // every extracted statement with an indicator, by anchor, for the reviews
    let mut chosen: BTreeMap<Key, Statement> = BTreeMap::new();
    let mut order = 0usize;
    let mut anchors: HashMap<(String, usize, usize, String), Key> = HashMap::new();
    let mut all: HashMap<Key, Vec<Statement>> = HashMap::new();
    for (i, result) in read {
        let entry = &corpus[i];
        let found = match result {
            Ok(found) => found,
            Err(why) => {
                drawn.unread.push((entry.id.clone(), why));
                continue;
            }
        };
        drawn.candidates += found.len();
        for x in found {
            if x.fact.indicator.is_empty() {
                continue;
            }
            let key: Key = (x.fact.indicator.clone(), x.fact.region.clone(), x.fact.year, x.fact.kind);
            anchors.insert((entry.id.clone(), x.start, x.end, x.fact.indicator.clone()), key.clone());
            let name = (x.fact.region.clone(), family(&x.fact.indicator).to_owned(), label::normal(&x.label_zh));
            if broader.contains(&name)
                && !reviewed.contains(&(entry.id.as_str(), x.start, x.end, x.fact.indicator.as_str()))
            {
                drawn.broader += 1;
                continue;
            }
            let fact = AnchoredFact { fact: x.fact.clone(), start: x.start, end: x.end, method: Method::Extracted };
            all.entry(key).or_default().push((precedence(&x.fact, x.part, entry), order, fact));
            order += 1;
        }
    }
    for f in curated {
        let key: Key = (f.fact.indicator.clone(), f.fact.region.clone(), f.fact.year, f.fact.kind);
        all.entry(key).or_default().push(((0, 0, 0), order, f.clone()));
        order += 1;
    }
    // reviews: reject and correct act on the statement they anchor, before the key's choice
    let mut rejected: std::collections::HashSet<(String, usize, usize, String)> = std::collections::HashSet::new();
    let mut corrected: HashMap<(String, usize, usize, String), &Review> = HashMap::new();
    let mut confirmed: HashMap<(String, usize, usize, String), &Review> = HashMap::new();
    for r in reviews {
        let anchor = (r.source.clone(), r.start, r.end, r.indicator.clone());
        match r.action {
            Action::Add => {
                if anchors.contains_key(&anchor) {
                    drawn.stale.push(r.clone());
                }
            }
            _ if !anchors.contains_key(&anchor) => drawn.stale.push(r.clone()),
            Action::Reject => {
                rejected.insert(anchor);
            }
            Action::Correct => {
                corrected.insert(anchor, r);
            }
            Action::Confirm => {
                confirmed.insert(anchor, r);
            }
        }
    }
    for (_, statements) in all {
        for (rank, at, mut fact) in statements {
            let anchor =
                (fact.fact.source.clone().unwrap_or_default(), fact.start, fact.end, fact.fact.indicator.clone());
            if rejected.contains(&anchor) {
                continue;
            }
            if let Some(r) = corrected.get(&anchor) {
                apply(&mut fact.fact, &r.change);
                fact.fact.note = Some(format!("reviewed (corrected): {}", r.reason));
                fact.method = Method::Reviewed;
            } else if let Some(r) = confirmed.get(&anchor) {
                fact.fact.note = Some(format!("reviewed (confirmed): {}", r.reason));
                fact.method = Method::Reviewed;
            }
            // a reviewed statement speaks first for its key
            let rank = if fact.method == Method::Reviewed { (0, 0, 0) } else { rank };
            let key: Key = (fact.fact.indicator.clone(), fact.fact.region.clone(), fact.fact.year, fact.fact.kind);
            match chosen.get(&key) {
                Some((best, best_at, _)) if (*best, *best_at) <= (rank, at) => drawn.restatements += 1,
                Some(_) => {
                    drawn.restatements += 1;
                    chosen.insert(key, (rank, at, fact));
                }
                None => {
                    chosen.insert(key, (rank, at, fact));
                }
            }
        }
    }
    for r in reviews.iter().filter(|r| r.action == Action::Add) {
        let Some(text) = texts.get(&r.source) else {
            drawn.stale.push(r.clone());
            continue;
        };
        let Some(entry) = corpus.iter().find(|e| e.id == r.source) else { continue };
        let quote: String = text.chars().skip(r.start).take(r.end.saturating_sub(r.start)).collect();
        let c = &r.change;
        let (Some(year), Some(kind), Some(bound), Some(value)) = (c.year, c.kind, c.bound, c.value) else { continue };
        let fact = Fact {
            indicator: c.indicator.clone().unwrap_or_else(|| r.indicator.clone()),
            region: entry.region.clone(),
            year,
            kind,
            bound,
            value,
            value_hi: c.value_hi,
            unit: c.unit.clone().unwrap_or_default(),
            source: Some(r.source.clone()),
            quote: Some(quote),
            note: Some(format!("reviewed: {}", r.reason)),
        };
        let key: Key = (fact.indicator.clone(), fact.region.clone(), fact.year, fact.kind);
        if chosen.contains_key(&key) {
            drawn.restatements += 1;
        }
        chosen.insert(key, ((0, 0, 0), 0, AnchoredFact { fact, start: r.start, end: r.end, method: Method::Reviewed }));
    }
    drawn.facts = chosen.into_values().map(|(_, _, f)| f).collect();
    drawn
}

/// Applies a correction's fields to a fact, noting that a person changed it.
fn apply(fact: &mut Fact, change: &Change) {
    if let Some(i) = &change.indicator {
        fact.indicator = i.clone();
    }
    if let Some(y) = change.year {
        fact.year = y;
    }
    if let Some(k) = change.kind {
        fact.kind = k;
    }
    if let Some(b) = change.bound {
        fact.bound = b;
    }
    if let Some(v) = change.value {
        fact.value = v;
    }
    if change.value_hi.is_some() {
        fact.value_hi = change.value_hi;
    }
    if let Some(u) = &change.unit {
        fact.unit = u.clone();
    }
}

/// Holds the panel's facts to the facts contract (each quote in its corpus text and writing its
/// value, units fitting their indicators, shares, counts and ranks in range). Returns the facts that
/// pass and the problems of those that do not; extracted facts with a problem are left out, and a
/// reviewed fact with one is the reviewer's to mend.
pub fn validate(
    facts: Vec<AnchoredFact>,
    context: &zhibiao_core::facts::Context<'_>,
) -> (Vec<AnchoredFact>, Vec<(AnchoredFact, Diagnostic)>) {
    let plain: Vec<Fact> = facts.iter().map(|f| f.fact.clone()).collect();
    let mut csv = Vec::new();
    if zhibiao_core::facts::write_facts(&plain, &mut csv).is_err() {
        return (Vec::new(), Vec::new());
    }
    let text = String::from_utf8_lossy(&csv);
    let mut diagnostics = Vec::new();
    let path = Path::new("data/panel/facts.csv");
    zhibiao_core::facts::parse_facts(path, &text, context, &mut diagnostics);
    // line n of the CSV is fact n − 2
    let mut bad: BTreeMap<usize, Diagnostic> = BTreeMap::new();
    for d in diagnostics {
        let line = usize::try_from(d.location.line).unwrap_or(0);
        if line >= 2 {
            bad.entry(line - 2).or_insert(d);
        }
    }
    let mut kept = Vec::new();
    let mut refused = Vec::new();
    for (i, f) in facts.into_iter().enumerate() {
        match bad.remove(&i) {
            Some(d) => refused.push((f, d)),
            None => kept.push(f),
        }
    }
    (kept, refused)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhibiao_core::Measure;
    use zhibiao_core::corpus::{ReportLevel, YearsFrom};

    fn entry(id: &str, reviewed: i32) -> CorpusEntry {
        CorpusEntry {
            id: id.to_owned(),
            level: ReportLevel::Province,
            region: "500000".to_owned(),
            region_name: "重庆市".to_owned(),
            year_delivered: reviewed + 1,
            year_reviewed: reviewed,
            year_planned: reviewed + 1,
            delivered: None,
            years_from: YearsFrom::Text,
            origin_repository: String::new(),
            origin_commit: None,
            origin_path: String::new(),
            sha256: String::new(),
            characters: 0,
            abridged: false,
            duplicate_of: None,
            year_mismatch: false,
        }
    }

    fn revenue(id: &str, measure: Measure, unit: &str, aliases: &[&str]) -> Indicator {
        Indicator {
            id: id.to_owned(),
            domain: "economy".to_owned(),
            topic: String::new(),
            name_zh: aliases[0].to_owned(),
            name_en: String::new(),
            unit: unit.to_owned(),
            measure,
            direction: zhibiao_core::Direction::Up,
            description: String::new(),
            aliases: aliases[1..].iter().map(|a| (*a).to_owned()).collect(),
        }
    }

    #[test]
    fn a_name_one_report_sets_apart_as_broader_names_no_indicator_in_the_regions_other_reports() {
        let catalogue = [
            revenue("economy.general_budget_revenue", Measure::Level, "亿元", &["一般预算收入", "地方财政收入"]),
            revenue(
                "economy.general_budget_revenue_growth",
                Measure::Growth,
                "%",
                &["一般预算收入增长", "地方财政收入增长"],
            ),
        ];
        // 2012's report states both names for 2011, with different values; 2011's report only the
        // broader one, for 2010
        let corpus = [entry("500000-2011", 2010), entry("500000-2012", 2011)];
        let texts: HashMap<String, String> = [
            ("500000-2011", "一、2010年工作回顾\n地方财政收入达到1991亿元，增长30%。\n二、2011年工作安排\n增长。\n"),
            (
                "500000-2012",
                "一、2011年工作回顾\n地方财政收入达到2908.8亿元，其中一般预算收入达到1703.5亿元。\n二、2012年工作安排\n一般预算收入增长15%。\n",
            ),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let drawn = draw(&corpus, &texts, &catalogue, &[], &[], &[], 1);
        let shown: Vec<String> = drawn
            .facts
            .iter()
            .map(|f| format!("{} {} {} {}", f.fact.indicator, f.fact.year, f.fact.kind, f.fact.value))
            .collect();
        assert_eq!(
            shown,
            [
                "economy.general_budget_revenue 2011 actual 1703.5",
                "economy.general_budget_revenue_growth 2012 target 15"
            ]
        );
        // the 2011 report's 地方财政收入 (level and growth) were set aside, the 2012 report's by extraction
        assert_eq!(drawn.broader, 2);
    }
}
