//! The published tables, built from a validated dataset as typed rows (one [`record!`] type per
//! table: sources, regions, indicators, facts, assessment, ambition, derived, and the groupings by
//! domain, topic and region that the engine computes), then rendered as [`Table`]s.

use crate::record::{AmbitionUnit, record};
use crate::table::Table;
use std::collections::{BTreeMap, HashMap};
use zhibiao_core::assess::{self, Basis, Normalised, Status, Tolerance};
use zhibiao_core::dataset::Dataset;
use zhibiao_core::derive::{self, Formula};
use zhibiao_core::model::{Bound, Direction, Kind, Measure, RegionLevel, Verdict};
use zhibiao_core::units::{Normalise, Units};
use zhibiao_core::{Domain, Indicator};
use zhibiao_frame::summary::{self, AmbitionStats, Assessed, Metrics};

/// Why the tables could not be built.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The polars engine failed.
    #[error("the aggregation failed: {0}")]
    Engine(#[from] zhibiao_frame::EngineError),
    /// A validated fact did not join the panel.
    #[error("a fact does not join the panel: {0}")]
    Row(#[from] zhibiao_panel::PanelError),
    /// The validated facts did not make a panel (a duplicate key, say).
    #[error("the facts do not make a panel: {0}")]
    Panel(zhibiao_core::Diagnostics),
}

record! {
    /// A row of `sources.csv`.
    pub struct SourceRow {
        id: String = "Source id used by facts.",
        title: String = "Title of the report.",
        publisher: String = "Who issued it.",
        delivered: Option<String> = "ISO date the report was delivered, empty when the text does not state it.",
        year_reviewed: i32 = "The year whose results the report reviews.",
        year_planned: i32 = "The year whose targets the report sets.",
        file: String = "The text's file, relative to data/sources/ (a corpus text is ../corpus/<id>.txt).",
        sha256: String = "Lowercase hex sha256 of the text's bytes.",
        origin: Option<String> = "Where the text came from.",
        note: Option<String> = "Anything else a reader should know.",
    }
}

record! {
    /// A row of `regions.csv`.
    pub struct RegionRow {
        code: String = "Six-digit GB/T 2260 code.",
        name_zh: String = "Chinese name.",
        name_en: String = "English name.",
        level: RegionLevel = "Administrative level.",
        parent: Option<String> = "Code of the enclosing region.",
    }
}

record! {
    /// A row of `indicators.csv`: a catalogued or a derived indicator.
    pub struct IndicatorRow {
        id: String = "<domain>.<snake_name>.",
        domain: String = "The domain that owns the indicator.",
        topic: String = "Topic within the domain (derived for derived indicators).",
        name_zh: String = "Chinese name.",
        name_en: String = "English name.",
        unit: String = "Canonical unit (facts may use another unit of the same dimension).",
        measure: Measure = "What kind of quantity it is.",
        direction: Direction = "Which way is better.",
        headline: bool = "Whether its domain counts it among the headline indicators (the series charts and trends follow them).",
        description: String = "What is measured.",
        formula: Option<String> = "For a derived indicator, how it is computed from base values.",
        reason: Option<String> = "For a derived indicator, why an analyst wants it.",
    }
}

record! {
    /// A row of `facts.csv`: one stated figure with its indicator's metadata.
    pub struct FactRow {
        indicator: String = "Indicator id.",
        domain: String = "The indicator's domain.",
        topic: String = "The indicator's topic.",
        name_zh: String = "Indicator name, Chinese.",
        name_en: String = "Indicator name, English.",
        region: String = "GB/T 2260 code of the region the figure is about.",
        region_name: Option<String> = "The region's Chinese name.",
        year: i32 = "The year the figure is about.",
        kind: Kind = "actual (review), estimate (预计), target (plan).",
        bound: Bound = "How the figure bounds the value (左右 approx, 以上 ge, 超过 gt, 以内 le …).",
        value: f64 = "The figure as written, in `unit`; declines are negative.",
        value_hi: Option<f64> = "Upper end of a range, in `unit`.",
        unit: String = "The unit as written.",
        value_base: f64 = "The figure in `unit_base` (exact decimal conversion).",
        value_hi_base: Option<f64> = "Upper end of a range in `unit_base`.",
        unit_base: String = "The base unit of the unit's dimension (元, 公斤, 亩, %, 个 …).",
        measure: Measure = "The indicator's measure.",
        direction: Direction = "The indicator's direction.",
        source: String = "Source id.",
        quote: String = "The exact substring of the source that states the figure.",
        note: Option<String> = "A note for readers.",
    }
}

record! {
    /// A row of `assessment.csv`: one target against its result.
    pub struct AssessmentRow {
        indicator: String = "Indicator id.",
        domain: String = "Its domain.",
        topic: String = "Its topic.",
        name_zh: String = "Indicator name, Chinese.",
        name_en: String = "Indicator name, English.",
        region: String = "GB/T 2260 code.",
        year: i32 = "The target's year.",
        bound: Bound = "The target's bound.",
        target: f64 = "The target as written, in target_unit (a range's low end).",
        target_hi: Option<f64> = "A range target's high end, in target_unit.",
        target_unit: String = "The target's unit as written.",
        basis: Option<Basis> = "Which result was used: actual, else estimate; empty when pending.",
        actual: Option<f64> = "The result as written, in actual_unit.",
        actual_bound: Option<Bound> = "The result's own bound (a result 超过18% is judged on 18).",
        actual_unit: Option<String> = "The result's unit as written.",
        unit_base: String = "The base unit both are compared in.",
        target_base: f64 = "The target in unit_base.",
        target_hi_base: Option<f64> = "A range target's high end in unit_base.",
        actual_base: Option<f64> = "The result in unit_base.",
        gap: Option<f64> = "(result − target) × sense, in unit_base: how far beyond (+) or short of (−) the target.",
        rel_gap: Option<f64> = "gap ÷ |target| (a fraction).",
        tol: Option<f64> = "Tolerance in unit_base: 0.5 points for %, else 5% of |target|.",
        status: Status = "met, near (short by no more than tol), missed, or pending (no result).",
    }
}

record! {
    /// A row of `ambition.csv`: how far a target reaches beyond the year before.
    pub struct AmbitionRow {
        indicator: String = "Indicator id.",
        domain: String = "Its domain.",
        name_zh: String = "Indicator name, Chinese.",
        name_en: String = "Indicator name, English.",
        region: String = "GB/T 2260 code.",
        year: i32 = "The target's year.",
        bound: Bound = "The target's bound.",
        target_base: f64 = "The target in unit_base (a range's end by sense).",
        previous_year: i32 = "The year before.",
        previous_basis: Basis = "actual, else estimate.",
        previous_base: f64 = "The previous year's result in unit_base.",
        unit_base: String = "The base unit.",
        ambition: Option<f64> = "target − previous in percentage points for %, else target ÷ previous − 1.",
        ambition_unit: AmbitionUnit = "个百分点 (points) or ratio.",
    }
}

record! {
    /// A row of `derived.csv`: a derived indicator where its inputs are stated.
    pub struct DerivedRow {
        indicator: String = "Derived indicator id.",
        domain: String = "Its domain.",
        name_zh: String = "Name, Chinese.",
        name_en: String = "Name, English.",
        region: String = "GB/T 2260 code.",
        year: i32 = "Year.",
        kind: Kind = "From the inputs: all targets → target; actuals with estimates → estimate.",
        value: f64 = "The value, in unit.",
        unit: String = "The unit.",
        formula: String = "How it is computed (from base values).",
        inputs: String = "The facts it came from.",
    }
}

record! {
    /// A row of `verdicts.csv`: a report's own verdict on a target it gives no number for.
    pub struct VerdictRow {
        indicator: String = "Indicator id.",
        region: String = "GB/T 2260 code.",
        year: i32 = "The year judged.",
        verdict: Verdict = "met (完成, 好于预期 …) or missed (未达预期 …), as the report states it.",
        source: String = "Source id.",
        quote: String = "The exact substring of the source that states the verdict.",
        note: Option<String> = "A note for readers.",
    }
}

zhibiao_core::vocabulary! {
    /// How a trend is measured.
    TrendMethod {
        /// Compound annual growth of a level, count or increment between its first and last
        /// stated results: (last ÷ first)^(1 ÷ years) − 1.
        CompoundGrowth => "compound_growth",
        /// The mean of a rate's stated results (a growth of a growth rate means nothing, so a rate
        /// is summarised by its level, not its change).
        MeanRate => "mean_rate",
    }
}

zhibiao_core::vocabulary! {
    /// Which way a level moved over the years, read with the indicator's direction.
    Progress {
        /// It moved the way that is better by more than 0.5% a year.
        Improving => "improving",
        /// It moved less than 0.5% a year either way.
        Stable => "stable",
        /// It moved the way that is worse by more than 0.5% a year.
        Deteriorating => "deteriorating",
    }
}

record! {
    /// A row of `trends.csv`: a headline indicator's stated results over the years, whether or not
    /// a target pairs with them.
    pub struct TrendRow {
        indicator: String = "Indicator id (a domain's headline indicator).",
        region: String = "GB/T 2260 code.",
        first_year: i32 = "The first year with a stated result (actual).",
        last_year: i32 = "The last year with a stated result (actual).",
        results: i64 = "Years with a stated result between them.",
        method: TrendMethod = "compound_growth for levels, counts and increments; mean_rate for rates in %.",
        value: f64 = "Compound annual growth in % a year, or the mean of the rates in %.",
        progress: Option<Progress> = "For levels: improving, stable or deteriorating, read with the indicator's direction (±0.5% a year); empty for rates.",
    }
}

record! {
    /// A row of `by_domain.csv`.
    pub struct DomainRow {
        domain: String = "Domain.",
        year: i32 = "The targets' year.",
        metrics: Metrics = "Status counts and gap statistics (several columns).",
        untargeted: i64 = "Results stated for the year without a target.",
        ambition: AmbitionStats = "Ambition counts and medians (several columns).",
    }
}

record! {
    /// A row of `by_topic.csv`.
    pub struct TopicRow {
        domain: String = "Domain.",
        topic: String = "Topic within the domain.",
        year: i32 = "The targets' year.",
        metrics: Metrics = "Status counts and gap statistics (several columns).",
    }
}

record! {
    /// A row of `by_region.csv`.
    pub struct RegionYearRow {
        region: String = "GB/T 2260 code.",
        region_name: Option<String> = "Chinese name.",
        year: i32 = "The targets' year.",
        metrics: Metrics = "Status counts and gap statistics (several columns).",
        untargeted: i64 = "Results stated for the year without a target.",
    }
}

/// Everything computed from a dataset, before rendering: the typed rows the renderers read, and
/// the published tables built from them.
#[derive(Debug)]
pub struct Tables {
    /// `facts.csv`, sorted by indicator, region, year and kind.
    pub facts: Vec<FactRow>,
    /// `assessment.csv`, in the engine's order (indicator, region, year).
    pub assessment: Vec<AssessmentRow>,
    /// `ambition.csv`.
    pub ambition: Vec<AmbitionRow>,
    /// `derived.csv`.
    pub derived: Vec<DerivedRow>,
    /// `by_domain.csv`.
    pub by_domain: Vec<DomainRow>,
    /// `by_topic.csv`.
    pub by_topic: Vec<TopicRow>,
    /// `by_region.csv`.
    pub by_region: Vec<RegionYearRow>,
    /// `sources.csv`.
    pub sources: Vec<SourceRow>,
    /// `trends.csv`.
    pub trends: Vec<TrendRow>,
    /// `verdicts.csv`.
    pub verdicts: Vec<VerdictRow>,
    /// Every published table, in publication order.
    pub all: Vec<Table>,
}

/// Builds every table.
pub fn build(data: &Dataset, domains: &[&dyn Domain], tolerance: Tolerance) -> Result<Tables, BuildError> {
    let normalised = assess::normalise(&data.facts, Units::Registry, Normalise::Exact);
    let indicators: HashMap<String, Indicator> = data.indicators.iter().map(|i| (i.id.clone(), i.clone())).collect();
    let mut builder = zhibiao_panel::PanelBuilder::new(data.indicators.clone(), Normalise::Exact);
    for n in &normalised {
        builder.push_normalised(n, 0)?;
    }
    let panel = builder.finish(std::path::Path::new("data")).map_err(BuildError::Panel)?;
    let mut outputs = zhibiao_frame::assess::run(panel, tolerance)?;
    // a pending target takes the verdict its region's next report states, as a basis of its own
    let stated: HashMap<(String, String, i32), Status> = data
        .verdicts
        .iter()
        .map(|v| {
            let status = match v.verdict {
                Verdict::Met => Status::Met,
                Verdict::Missed => Status::Missed,
            };
            ((v.indicator.clone(), v.region.clone(), v.year), status)
        })
        .collect();
    zhibiao_frame::assess::apply_stated(&mut outputs, &stated)?;
    let region_names: HashMap<&str, &str> =
        data.regions.iter().map(|r| (r.code.as_str(), r.name_zh.as_str())).collect();
    let domain_ids: Vec<&'static str> = domains.iter().map(|d| d.id()).collect();

    let derived_facts: Vec<(&dyn Domain, derive::DerivedFact)> = domains
        .iter()
        .flat_map(|d| derive::compute(d.derived(), &normalised).into_iter().map(move |f| (*d, f)))
        .collect();
    let ambitions = assess::ambitions(&normalised, &indicators);
    let untargeted = untargeted_counts(&assess::untargeted(&normalised), &indicators);

    let sources = source_rows(data);
    let catalogue = indicator_rows(data, domains);
    let facts = fact_rows(&normalised, &indicators, &region_names);
    let assessment = assessment_rows(summary::assessed(&outputs)?, &indicators);
    let ambition = ambition_rows(&ambitions, &indicators);
    let derived = derived_rows(&derived_facts);
    let trends = trend_rows(domains, &normalised, &indicators);
    let verdicts = verdict_rows(data);

    let ambition_stats = summary::ambition_by_domain_year(&ambitions)?;
    let by_domain: Vec<DomainRow> = summary::by_domain_year(&outputs)?
        .into_iter()
        .map(|g| {
            let (domain, year) = g.key;
            let untargeted = untargeted.get(&(domain.clone(), String::new(), year)).copied().unwrap_or(0);
            let ambition = ambition_stats.get(&(domain.clone(), year)).copied().unwrap_or_default();
            DomainRow { domain, year, metrics: g.metrics, untargeted, ambition }
        })
        .collect();
    let topics: HashMap<String, String> = indicators.values().map(|i| (i.id.clone(), i.topic.clone())).collect();
    let by_topic: Vec<TopicRow> = summary::by_topic_year(&outputs, &topics)?
        .into_iter()
        .map(|g| {
            let (domain, topic, year) = g.key;
            TopicRow { domain, topic, year, metrics: g.metrics }
        })
        .collect();
    let by_region: Vec<RegionYearRow> = summary::by_region_year(&outputs)?
        .into_iter()
        .map(|g| {
            let (region, year) = g.key;
            let untargeted = untargeted.get(&(String::new(), region.clone(), year)).copied().unwrap_or(0);
            let region_name = region_names.get(region.as_str()).map(|s| (*s).to_owned());
            RegionYearRow { region, region_name, year, metrics: g.metrics, untargeted }
        })
        .collect();

    let to_indicators = |t: Table| t.references(&["indicator"], "indicators", &["id"]);
    let to_regions = |t: Table| t.references(&["region"], "regions", &["code"]);
    let all = vec![
        Table::of("sources", "Sources", "One row per source text, pinned by the sha256 of its bytes.", &sources)
            .key(&["id"]),
        regions_table(data),
        Table::of(
            "indicators",
            "Indicators",
            "Every indicator of the four domain catalogues, and the derived indicators (with their formula).",
            &catalogue,
        )
        .key(&["id"])
        .restrict("domain", &domain_ids),
        to_regions(to_indicators(
            Table::of(
                "facts",
                "Facts",
                "One row per stated figure, with its indicator's metadata and its value in base units.",
                &facts,
            )
            .key(&["indicator", "region", "year", "kind"]),
        ))
        .references(&["source"], "sources", &["id"]),
        to_regions(to_indicators(
            Table::of(
                "assessment",
                "Targets against results",
                "One row per target: the result it was paired with (actual, else estimate), compared in base units, and its status.",
                &assessment,
            )
            .key(&["indicator", "region", "year"]),
        )),
        to_regions(to_indicators(
            Table::of(
                "ambition",
                "Ambition of targets",
                "One row per target with a result for the year before: how far the target reaches beyond it.",
                &ambition,
            )
            .key(&["indicator", "region", "year"]),
        )),
        to_regions(to_indicators(
            Table::of(
                "trends",
                "Trends of headline indicators",
                "One row per headline indicator and region with stated results in two years or more: its compound annual growth (levels) or mean rate (rates).",
                &trends,
            )
            .key(&["indicator", "region"]),
        )),
        to_regions(to_indicators(
            Table::of(
                "verdicts",
                "Stated verdicts",
                "One row per indicator a report names when it judges its own target without a number; a pending target takes it (basis stated).",
                &verdicts,
            )
            .key(&["indicator", "region", "year"]),
        ))
        .references(&["source"], "sources", &["id"]),
        to_regions(to_indicators(
            Table::of(
                "derived",
                "Derived indicators",
                "One row per derived indicator, region, year and kind where its inputs are stated.",
                &derived,
            )
            .key(&["indicator", "region", "year", "kind"]),
        )),
        Table::of(
            "by_domain",
            "Targets by domain and year",
            "Status counts, shares, gap statistics and ambition of the targets of each domain and year.",
            &by_domain,
        )
        .key(&["domain", "year"]),
        Table::of(
            "by_topic",
            "Targets by topic and year",
            "Status counts, shares and gap statistics of the targets of each topic and year.",
            &by_topic,
        )
        .key(&["domain", "topic", "year"]),
        to_regions(
            Table::of(
                "by_region",
                "Targets by region and year",
                "Status counts, shares and gap statistics of the targets of each region and year.",
                &by_region,
            )
            .key(&["region", "year"]),
        ),
    ];
    Ok(Tables { facts, assessment, ambition, derived, by_domain, by_topic, by_region, sources, trends, verdicts, all })
}

/// The region a curated dataset is about: the one with the most targets (ties: the lowest code).
pub(crate) fn main_region(assessment: &[AssessmentRow]) -> Option<&str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for a in assessment {
        *counts.entry(a.region.as_str()).or_default() += 1;
    }
    counts.into_iter().rev().max_by_key(|(_, n)| *n).map(|(r, _)| r)
}

/// Results stated without a target, counted by (domain, "", year) and ("", region, year).
fn untargeted_counts(
    untargeted: &[&Normalised<'_>],
    indicators: &HashMap<String, Indicator>,
) -> BTreeMap<(String, String, i32), i64> {
    let mut counts = BTreeMap::new();
    for n in untargeted {
        if let Some(i) = indicators.get(&n.fact.indicator) {
            *counts.entry((i.domain.clone(), String::new(), n.fact.year)).or_default() += 1;
            *counts.entry((String::new(), n.fact.region.clone(), n.fact.year)).or_default() += 1;
        }
    }
    counts
}

/// The trend of every headline indicator's stated results (actuals), per region.
fn trend_rows(
    domains: &[&dyn Domain],
    normalised: &[Normalised<'_>],
    indicators: &HashMap<String, Indicator>,
) -> Vec<TrendRow> {
    let mut by_key: BTreeMap<(&str, &str), BTreeMap<i32, f64>> = BTreeMap::new();
    let headline: std::collections::HashSet<&str> = domains.iter().flat_map(|d| d.headline().iter().copied()).collect();
    for n in normalised.iter().filter(|n| n.fact.kind == Kind::Actual && headline.contains(n.fact.indicator.as_str())) {
        by_key
            .entry((n.fact.indicator.as_str(), n.fact.region.as_str()))
            .or_default()
            .insert(n.fact.year, n.value_base);
    }
    let mut rows = Vec::new();
    for ((id, region), years) in by_key {
        let (Some(i), true) = (indicators.get(id), years.len() >= 2) else { continue };
        let (Some((&y0, &v0)), Some((&y1, &v1))) = (years.iter().next(), years.iter().next_back()) else { continue };
        let (method, value, progress) = match i.measure {
            Measure::Level | Measure::Count | Measure::Increment if v0 > 0.0 && v1 > 0.0 => {
                let cagr = ((v1 / v0).powf(1.0 / f64::from(y1 - y0)) - 1.0) * 100.0;
                let signed = match i.direction {
                    Direction::Up => cagr,
                    Direction::Down => -cagr,
                    Direction::None => 0.0,
                };
                let progress = if signed > 0.5 {
                    Progress::Improving
                } else if signed < -0.5 {
                    Progress::Deteriorating
                } else {
                    Progress::Stable
                };
                (TrendMethod::CompoundGrowth, cagr, Some(progress))
            }
            Measure::Growth | Measure::Share | Measure::Change if i.unit == "%" || i.unit == "个百分点" => {
                (TrendMethod::MeanRate, years.values().sum::<f64>() / years.len() as f64, None)
            }
            _ => continue,
        };
        rows.push(TrendRow {
            indicator: id.to_owned(),
            region: region.to_owned(),
            first_year: y0,
            last_year: y1,
            results: i64::try_from(years.len()).unwrap_or(i64::MAX),
            method,
            value,
            progress,
        });
    }
    rows
}

fn verdict_rows(data: &Dataset) -> Vec<VerdictRow> {
    data.verdicts
        .iter()
        .map(|v| VerdictRow {
            indicator: v.indicator.clone(),
            region: v.region.clone(),
            year: v.year,
            verdict: v.verdict,
            source: v.source.clone(),
            quote: v.quote.clone(),
            note: v.note.clone(),
        })
        .collect()
}

fn source_rows(data: &Dataset) -> Vec<SourceRow> {
    data.sources
        .iter()
        .map(|s| SourceRow {
            id: s.id.clone(),
            title: s.title.clone(),
            publisher: s.publisher.clone(),
            delivered: s.delivered.clone(),
            year_reviewed: s.year_reviewed,
            year_planned: s.year_planned,
            file: s.file.clone(),
            sha256: s.sha256.clone(),
            origin: s.origin.clone(),
            note: s.note.clone(),
        })
        .collect()
}

/// `regions.csv`: every region of the dataset, by code.
pub(crate) fn regions_table(data: &Dataset) -> Table {
    Table::of("regions", "Regions", "One row per region a fact is about, by GB/T 2260 code.", &region_rows(data))
        .key(&["code"])
        .references(&["parent"], "regions", &["code"])
}

fn region_rows(data: &Dataset) -> Vec<RegionRow> {
    let mut rows: Vec<RegionRow> = data
        .regions
        .iter()
        .map(|r| RegionRow {
            code: r.code.clone(),
            name_zh: r.name_zh.clone(),
            name_en: r.name_en.clone(),
            level: r.level,
            parent: r.parent.clone(),
        })
        .collect();
    rows.sort_by(|a, b| a.code.cmp(&b.code));
    rows
}

fn derived_measure(formula: &Formula, unit: &str) -> Measure {
    match formula {
        Formula::Growth { .. } => Measure::Growth,
        Formula::Difference { .. } if unit == "个百分点" => Measure::Change,
        Formula::Difference { .. } => Measure::Increment,
        Formula::Sum { .. } => Measure::Level,
        Formula::Ratio { .. } if unit == "%" => Measure::Share,
        Formula::Ratio { .. } => Measure::Ratio,
    }
}

fn indicator_rows(data: &Dataset, domains: &[&dyn Domain]) -> Vec<IndicatorRow> {
    let mut rows: Vec<IndicatorRow> = data
        .indicators
        .iter()
        .map(|i| IndicatorRow {
            id: i.id.clone(),
            domain: i.domain.clone(),
            topic: i.topic.clone(),
            name_zh: i.name_zh.clone(),
            name_en: i.name_en.clone(),
            unit: i.unit.clone(),
            measure: i.measure,
            direction: i.direction,
            headline: domains.iter().any(|d| d.headline().contains(&i.id.as_str())),
            description: i.description.clone(),
            formula: None,
            reason: None,
        })
        .collect();
    for d in domains {
        for x in d.derived() {
            rows.push(IndicatorRow {
                id: x.id.to_owned(),
                domain: d.id().to_owned(),
                topic: "derived".to_owned(),
                name_zh: x.name_zh.to_owned(),
                name_en: x.name_en.to_owned(),
                unit: x.unit.to_owned(),
                measure: derived_measure(&x.formula, x.unit),
                direction: Direction::None,
                headline: false,
                description: x.reason.to_owned(),
                formula: Some(x.formula.describe()),
                reason: Some(x.reason.to_owned()),
            });
        }
    }
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    rows
}

fn fact_rows(
    normalised: &[Normalised<'_>],
    indicators: &HashMap<String, Indicator>,
    region_names: &HashMap<&str, &str>,
) -> Vec<FactRow> {
    let mut rows: Vec<FactRow> = normalised
        .iter()
        .filter_map(|n| {
            let f = n.fact;
            let i = indicators.get(&f.indicator)?;
            Some(FactRow {
                indicator: f.indicator.clone(),
                domain: i.domain.clone(),
                topic: i.topic.clone(),
                name_zh: i.name_zh.clone(),
                name_en: i.name_en.clone(),
                region: f.region.clone(),
                region_name: region_names.get(f.region.as_str()).map(|s| (*s).to_owned()),
                year: f.year,
                kind: f.kind,
                bound: f.bound,
                value: f.value.to_f64(),
                value_hi: f.value_hi.map(|v| v.to_f64()),
                unit: f.unit.clone(),
                value_base: n.value_base,
                value_hi_base: n.value_hi_base,
                unit_base: n.unit.base.clone(),
                measure: i.measure,
                direction: i.direction,
                source: f.source.clone().unwrap_or_default(),
                quote: f.quote.clone().unwrap_or_default(),
                note: f.note.clone(),
            })
        })
        .collect();
    rows.sort_by(|a, b| {
        (&a.indicator, &a.region, a.year, a.kind.as_str()).cmp(&(&b.indicator, &b.region, b.year, b.kind.as_str()))
    });
    rows
}

pub(crate) fn assessment_rows(assessed: Vec<Assessed>, indicators: &HashMap<String, Indicator>) -> Vec<AssessmentRow> {
    assessed
        .into_iter()
        .map(|a| {
            let i = indicators.get(&a.indicator);
            let text = |f: fn(&Indicator) -> &String| i.map(f).cloned().unwrap_or_default();
            AssessmentRow {
                topic: text(|i| &i.topic),
                name_zh: text(|i| &i.name_zh),
                name_en: text(|i| &i.name_en),
                indicator: a.indicator,
                domain: a.domain,
                region: a.region,
                year: a.year,
                bound: a.bound,
                target: a.target,
                target_hi: a.target_hi,
                target_unit: a.target_unit,
                basis: a.basis,
                actual: a.actual,
                actual_bound: a.actual_bound,
                actual_unit: a.actual_unit,
                unit_base: a.unit_base,
                target_base: a.target_base,
                target_hi_base: a.target_hi_base,
                actual_base: a.actual_base,
                gap: a.gap,
                rel_gap: a.rel_gap,
                tol: a.tol,
                status: a.status,
            }
        })
        .collect()
}

fn ambition_rows(ambitions: &[assess::Ambition], indicators: &HashMap<String, Indicator>) -> Vec<AmbitionRow> {
    ambitions
        .iter()
        .map(|a| {
            let i = indicators.get(&a.indicator);
            AmbitionRow {
                indicator: a.indicator.clone(),
                domain: a.domain.clone(),
                name_zh: i.map(|i| i.name_zh.clone()).unwrap_or_default(),
                name_en: i.map(|i| i.name_en.clone()).unwrap_or_default(),
                region: a.region.clone(),
                year: a.year,
                bound: a.bound,
                target_base: a.target_base,
                previous_year: a.year - 1,
                previous_basis: a.previous_basis,
                previous_base: a.previous_base,
                unit_base: a.unit_base.clone(),
                ambition: a.ambition,
                ambition_unit: if a.unit_base == "%" { AmbitionUnit::Points } else { AmbitionUnit::Ratio },
            }
        })
        .collect()
}

fn derived_rows(derived: &[(&dyn Domain, derive::DerivedFact)]) -> Vec<DerivedRow> {
    let mut rows: Vec<DerivedRow> = derived
        .iter()
        .map(|(d, f)| {
            let spec = d.derived().iter().find(|x| x.id == f.indicator);
            DerivedRow {
                indicator: f.indicator.to_owned(),
                domain: d.id().to_owned(),
                name_zh: spec.map(|s| s.name_zh).unwrap_or_default().to_owned(),
                name_en: spec.map(|s| s.name_en).unwrap_or_default().to_owned(),
                region: f.region.clone(),
                year: f.year,
                kind: f.kind,
                value: f.value,
                unit: f.unit.to_owned(),
                formula: spec.map(|s| s.formula.describe()).unwrap_or_default(),
                inputs: f.inputs.join("; "),
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (&a.indicator, &a.region, a.year, a.kind.as_str()).cmp(&(&b.indicator, &b.region, b.year, b.kind.as_str()))
    });
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Record;

    #[test]
    fn a_row_type_is_its_schema() {
        let fields = AssessmentRow::fields();
        let names: Vec<&str> = fields.iter().map(|f| f.name.as_ref()).collect();
        assert_eq!(names[..4], ["indicator", "domain", "topic", "name_zh"]);
        let status = fields.iter().find(|f| f.name == "status").unwrap();
        assert!(status.required);
        assert_eq!(status.values.as_deref(), Some(Status::WORDS));
        let basis = fields.iter().find(|f| f.name == "basis").unwrap();
        assert!(!basis.required);
        assert_eq!(basis.values.as_deref(), Some(Basis::WORDS));
        let domain = DomainRow::fields().into_iter().map(|f| f.name.into_owned()).collect::<Vec<_>>();
        assert_eq!(domain[2..4], ["targets".to_owned(), "assessed".to_owned()]);
        assert_eq!(domain.last().map(String::as_str), Some("ambition_median_ratio"));
    }
}
