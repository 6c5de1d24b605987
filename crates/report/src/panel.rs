//! The panel drawn from the corpus, as the tables in `data/panel/`: the long facts table, the
//! assessment of every target against the result the next report states, a wide table (one row per
//! region and year, columns per headline indicator), escalation (each province's target minus the
//! nation's, each city's minus its province's) and the targets by year.
//!
//! [`build`] is pure: it takes the validated dataset (its corpus and regions), the panel's facts
//! and the headline indicators, and returns the files, `datapackage.json` among them.

use crate::record::{Cell, record};
use crate::table::{Table, Type, Value, field};
use crate::tables::{AssessmentRow, BuildError, assessment_rows};
use crate::{Error, File};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use zhibiao_core::assess::{self, Status, Tolerance};
use zhibiao_core::corpus::ReportLevel;
use zhibiao_core::dataset::Dataset;
use zhibiao_core::units::{Normalise, Units};
use zhibiao_core::{AnchoredFact, Bound, Decimal, Indicator, Kind, Method};
use zhibiao_frame::summary::{self, YearTarget};
use zhibiao_scan::provenance::sha256_hex;

record! {
    /// A row of `data/panel/facts.csv`: the facts contract, plus where the quote stands and how the
    /// fact came to be.
    pub struct PanelFactRow {
        indicator: String = "Indicator id (a catalogue's).",
        region: String = "GB/T 2260 code of the report's region.",
        year: i32 = "The year the figure is about.",
        kind: Kind = "actual (review), estimate (预计), target (plan).",
        bound: Bound = "How the figure bounds the value (左右 approx, 以上 ge, 超过 gt …).",
        value: Decimal = "The figure as written, in `unit`; declines are negative.",
        value_hi: Option<Decimal> = "Upper end of a range, in `unit`.",
        unit: String = "The unit as written.",
        source: String = "The corpus id of the report (data/corpus.csv).",
        quote: String = "The exact text of the source that states the figure.",
        note: Option<String> = "A note: the span of a figure on a five-year id (total over 2016–2020, average a year over 2016–2020, change from 2015 to 2020), a reviewer's reason.",
        start: usize = "Offset of the quote in the source text, in Unicode characters from 0.",
        end: usize = "Offset just past the quote.",
        method: Method = "extracted (by the rules, unreviewed) or reviewed (by a person, data/panel/reviewed.csv).",
    }
}

record! {
    /// A row of `escalation.csv`.
    pub struct EscalationRow {
        indicator: String = "Indicator id.",
        region: String = "GB/T 2260 code.",
        region_name: String = "Chinese name.",
        parent: String = "The enclosing region (the nation for a province, the province for a city).",
        year: i32 = "The targets' year.",
        target: f64 = "The region's target (a range's midpoint), in unit.",
        target_bound: Bound = "How the region's target is worded.",
        parent_target: f64 = "The enclosing region's target (a range's midpoint), in unit.",
        parent_bound: Bound = "How the enclosing region's target is worded.",
        unit: String = "The unit both are in (the catalogue's).",
        escalation: f64 = "target − parent_target: how far the region raises the target set above it.",
    }
}

record! {
    /// A row of `by_year.csv`: the GDP growth targets of one level and year.
    pub struct ByYearRow {
        level: ReportLevel = "province (provincial-level regions) or city (Hubei's cities).",
        year: i32 = "The targets' year.",
        reports: i64 = "Reports of the level in the corpus that plan the year.",
        targets: i64 = "Of them, regions with a numeric GDP growth target.",
        ten_or_more: i64 = "Targets of 10% or more.",
        lowered: i64 = "Targets below the region's own target the year before.",
        kept: i64 = "Targets equal to it.",
        raised: i64 = "Targets above it.",
        approx_share: Option<f64> = "Share worded 左右 (about).",
        at_least_share: Option<f64> = "Share worded 以上 / 超过 (at least, more than).",
        range_share: Option<f64> = "Share given as a range (a midpoint is used).",
        exact_share: Option<f64> = "Share worded exactly or as a ceiling.",
        mean_target: Option<f64> = "Mean target, %.",
        median_target: Option<f64> = "Median target, %.",
        parent_target: Option<f64> = "The nation's target (for provinces) or Hubei's (for cities), %.",
        mean_over_parent: Option<f64> = "Mean of (target − the enclosing region's target), points.",
        met_share: Option<f64> = "Share of assessed targets met (against the result the next report states).",
    }
}

zhibiao_core::vocabulary! {
    /// A headline target's state for a region and year in the wide table.
    TargetState {
        /// The result reaches the target.
        Met => "met",
        /// Short by no more than the tolerance.
        Near => "near",
        /// Short by more than the tolerance.
        Missed => "missed",
        /// A target, but no result stated yet.
        Pending => "pending",
        /// The report of the year sets no numeric target for the indicator (the nation set no GDP
        /// target for 2020), or extraction found none.
        NoNumericTarget => "no_numeric_target",
        /// The corpus has no report planning the year.
        NoReport => "no_report",
    }
}

impl From<Status> for TargetState {
    fn from(s: Status) -> TargetState {
        match s {
            Status::Met => TargetState::Met,
            Status::Near => TargetState::Near,
            Status::Missed => TargetState::Missed,
            Status::Pending => TargetState::Pending,
        }
    }
}

/// What the panel's tables are built from.
pub struct PanelInput<'a> {
    /// The validated dataset (its corpus, texts, regions and catalogue).
    pub data: &'a Dataset,
    /// The panel's facts, one per key.
    pub facts: &'a [AnchoredFact],
    /// The headline indicators (the wide table's columns); the first growth rate in % among them
    /// with id `economy.gdp_growth` drives `by_year.csv`.
    pub headline: &'a [&'a str],
    /// The assessment's tolerances.
    pub tolerance: Tolerance,
}

/// The built panel: its files, and figures for a summary line.
#[derive(Debug)]
pub struct BuiltPanel {
    /// Every file of `data/panel/` but `reviewed.csv`, sorted by name.
    pub files: Vec<File>,
    /// Targets assessed.
    pub targets: usize,
    /// Of them, met.
    pub met: usize,
}

/// The midpoint of a target's range, or its value.
fn middle(value: f64, hi: Option<f64>) -> f64 {
    hi.map_or(value, |h| (value + h) / 2.0)
}

/// Builds every table of `data/panel/`.
pub fn build(input: &PanelInput<'_>) -> Result<BuiltPanel, Error> {
    let data = input.data;
    let facts: Vec<zhibiao_core::Fact> = input.facts.iter().map(|f| f.fact.clone()).collect();
    let normalised = assess::normalise(&facts, Units::Registry, Normalise::Exact);
    let indicators: HashMap<String, Indicator> = data.indicators.iter().map(|i| (i.id.clone(), i.clone())).collect();
    let mut builder = zhibiao_panel::PanelBuilder::new(data.indicators.clone(), Normalise::Exact);
    for (line, n) in normalised.iter().enumerate() {
        builder.push_normalised(n, line as u64 + 2).map_err(BuildError::from)?;
    }
    let panel = builder.finish(std::path::Path::new("data/panel/facts.csv")).map_err(BuildError::Panel)?;
    let outputs = zhibiao_frame::assess::run(panel, input.tolerance).map_err(BuildError::from)?;
    let assessment: Vec<AssessmentRow> =
        assessment_rows(summary::assessed(&outputs).map_err(BuildError::from)?, &indicators);

    let fact_rows: Vec<PanelFactRow> = input
        .facts
        .iter()
        .map(|a| PanelFactRow {
            indicator: a.fact.indicator.clone(),
            region: a.fact.region.clone(),
            year: a.fact.year,
            kind: a.fact.kind,
            bound: a.fact.bound,
            value: a.fact.value,
            value_hi: a.fact.value_hi,
            unit: a.fact.unit.clone(),
            source: a.fact.source.clone().unwrap_or_default(),
            quote: a.fact.quote.clone().unwrap_or_default(),
            note: a.fact.note.clone(),
            start: a.start,
            end: a.end,
            method: a.method,
        })
        .collect();

    // values in each indicator's catalogue unit, so a column holds one unit
    let in_catalogue_unit = |indicator: &str, base: f64| -> Option<f64> {
        let unit = &indicators.get(indicator)?.unit;
        let resolved = Units::Registry.resolve(unit).ok()?;
        Some(base / resolved.factor_f64)
    };
    let status_of: HashMap<(&str, &str, i32), Status> =
        assessment.iter().map(|a| ((a.indicator.as_str(), a.region.as_str(), a.year), a.status)).collect();
    let by_key: HashMap<(&str, &str, i32, Kind), &assess::Normalised<'_>> = normalised
        .iter()
        .map(|n| ((n.fact.indicator.as_str(), n.fact.region.as_str(), n.fact.year, n.fact.kind), n))
        .collect();
    let target_of = |indicator: &str, region: &str, year: i32| {
        let n = by_key.get(&(indicator, region, year, Kind::Target))?;
        let value = in_catalogue_unit(indicator, n.value_base)?;
        let hi = n.value_hi_base.and_then(|h| in_catalogue_unit(indicator, h));
        Some((value, hi, n.fact.bound))
    };
    let result_of = |indicator: &str, region: &str, year: i32| {
        let n = by_key
            .get(&(indicator, region, year, Kind::Actual))
            .or_else(|| by_key.get(&(indicator, region, year, Kind::Estimate)))?;
        in_catalogue_unit(indicator, n.value_base)
    };

    // the wide table: every (region, year) a report plans or a fact is about
    let planned: BTreeMap<(&str, i32), &str> =
        data.corpus.iter().map(|e| ((e.region.as_str(), e.year_planned), e.id.as_str())).collect();
    let mut keys: BTreeSet<(&str, i32)> = planned.keys().copied().collect();
    keys.extend(input.facts.iter().map(|f| (f.fact.region.as_str(), f.fact.year)));
    let region_of: HashMap<&str, &zhibiao_core::Region> = data.regions.iter().map(|r| (r.code.as_str(), r)).collect();
    let headline: Vec<&str> = input.headline.iter().copied().filter(|h| indicators.contains_key(*h)).collect();
    let mut wide_fields = vec![
        field("region", Type::String, "GB/T 2260 code.").required(),
        field("region_name", Type::String, "Chinese name."),
        field("level", Type::String, "national, province or city.").one_of(zhibiao_core::RegionLevel::WORDS),
        field("year", Type::Integer, "The year.").required(),
        field("report", Type::String, "The corpus id of the report that plans the year, if any."),
    ];
    for h in &headline {
        let short = h.split_once('.').map_or(*h, |(_, s)| s);
        let unit = indicators.get(*h).map_or("", |i| i.unit.as_str());
        wide_fields.extend([
            field(format!("{short}_target"), Type::Number, format!("{h}: the target (a range's low end), {unit}.")),
            field(format!("{short}_target_hi"), Type::Number, format!("{h}: a range target's high end, {unit}.")),
            field(format!("{short}_bound"), Type::String, format!("{h}: how the target is worded."))
                .one_of(Bound::WORDS),
            field(format!("{short}_result"), Type::Number, format!("{h}: the result (actual, else estimate), {unit}.")),
            field(
                format!("{short}_state"),
                Type::String,
                format!("{h}: the target against its result, or why there is none."),
            )
            .required()
            .one_of(TargetState::WORDS),
        ]);
    }
    let mut wide_rows = Vec::new();
    for (region, year) in &keys {
        let r = region_of.get(region);
        let report = planned.get(&(*region, *year)).copied();
        let mut row: Vec<Value> = vec![
            (*region).into(),
            r.map(|r| r.name_zh.clone()).into(),
            r.map(|r| r.level.as_str().to_owned()).into(),
            i64::from(*year).into(),
            report.map(str::to_owned).into(),
        ];
        for h in &headline {
            let target = target_of(h, region, *year);
            let state = match (target, report) {
                (Some(_), _) => status_of.get(&(*h, *region, *year)).map_or(TargetState::Pending, |s| (*s).into()),
                (None, Some(_)) => TargetState::NoNumericTarget,
                (None, None) => TargetState::NoReport,
            };
            row.extend([
                target.map(|t| t.0).into(),
                target.and_then(|t| t.1).into(),
                target.map(|t| t.2.as_str().to_owned()).into(),
                result_of(h, region, *year).into(),
                state.value(),
            ]);
        }
        wide_rows.push(row);
    }
    let wide = Table {
        name: "wide",
        title: "Headline targets and results by region and year",
        description: "One row per region and year: for each headline indicator, the target, its wording, the result and the target's state. Values are in each indicator's catalogue unit.",
        fields: wide_fields,
        primary_key: vec!["region", "year"],
        foreign_keys: Vec::new(),
        rows: wide_rows,
        unknown: Vec::new(),
    }
    .references(&["region"], "regions", &["code"]);

    // escalation: a target against the enclosing region's, in %
    let mut escalation = Vec::new();
    for a in &assessment {
        let Some(i) = indicators.get(&a.indicator) else { continue };
        if i.unit != "%" {
            continue;
        }
        let Some(parent) = region_of.get(a.region.as_str()).and_then(|r| r.parent.as_deref()) else { continue };
        let (Some(own), Some(theirs)) =
            (target_of(&a.indicator, &a.region, a.year), target_of(&a.indicator, parent, a.year))
        else {
            continue;
        };
        let (t, p) = (middle(own.0, own.1), middle(theirs.0, theirs.1));
        escalation.push(EscalationRow {
            indicator: a.indicator.clone(),
            region: a.region.clone(),
            region_name: region_of.get(a.region.as_str()).map(|r| r.name_zh.clone()).unwrap_or_default(),
            parent: parent.to_owned(),
            year: a.year,
            target: t,
            target_bound: own.2,
            parent_target: p,
            parent_bound: theirs.2,
            unit: i.unit.clone(),
            escalation: t - p,
        });
    }

    // targets by year: GDP growth
    let gdp = "economy.gdp_growth";
    let mut year_targets = Vec::new();
    for a in assessment.iter().filter(|a| a.indicator == gdp) {
        // the annual targets of a report planning the year (not five-year goals for a later year)
        if !planned.contains_key(&(a.region.as_str(), a.year)) {
            continue;
        }
        let Some(r) = region_of.get(a.region.as_str()) else { continue };
        let level = match r.level {
            zhibiao_core::RegionLevel::Province => ReportLevel::Province,
            zhibiao_core::RegionLevel::City => ReportLevel::City,
            _ => continue,
        };
        let Some(own) = target_of(gdp, &a.region, a.year) else { continue };
        year_targets.push(YearTarget {
            level: level.as_str().to_owned(),
            region: a.region.clone(),
            year: a.year,
            target: middle(own.0, own.1),
            bound: own.2,
            previous: target_of(gdp, &a.region, a.year - 1).map(|p| middle(p.0, p.1)),
            parent: r.parent.as_deref().and_then(|p| target_of(gdp, p, a.year)).map(|p| middle(p.0, p.1)),
            status: a.status,
        });
    }
    let reports: Vec<(String, i32)> = data
        .corpus
        .iter()
        .filter(|e| e.level != ReportLevel::National)
        .map(|e| (e.level.as_str().to_owned(), e.year_planned))
        .collect();
    let stats = summary::by_year(&year_targets, &reports).map_err(BuildError::from)?;
    let parent_of_level = |level: &str| if level == "province" { "100000" } else { "420000" };
    let by_year: Vec<ByYearRow> = stats
        .into_iter()
        .filter_map(|((level, year), s)| {
            let parent = target_of(gdp, parent_of_level(&level), year).map(|p| middle(p.0, p.1));
            Some(ByYearRow {
                level: level.parse().ok()?,
                year,
                reports: s.reports,
                targets: s.targets,
                ten_or_more: s.ten_or_more,
                lowered: s.lowered,
                kept: s.kept,
                raised: s.raised,
                approx_share: s.approx_share,
                at_least_share: s.at_least_share,
                range_share: s.range_share,
                exact_share: s.exact_share,
                mean_target: s.mean,
                median_target: s.median,
                parent_target: parent,
                mean_over_parent: s.mean_over_parent,
                met_share: s.met_share,
            })
        })
        .collect();

    let to_regions = |t: Table| t.references(&["region"], "regions", &["code"]);
    let regions_table = crate::tables::regions_table(data);
    let tables = vec![
        regions_table,
        to_regions(
            Table::of(
                "facts",
                "Facts of the panel",
                "One row per stated figure of the corpus reports with a catalogued indicator: extracted by the rules, or reviewed by a person.",
                &fact_rows,
            )
            .key(&["indicator", "region", "year", "kind"]),
        ),
        to_regions(
            Table::of(
                "assessment",
                "Targets against results",
                "One row per target of the panel: the result the next report states (actual, else estimate), compared in base units, and its status.",
                &assessment,
            )
            .key(&["indicator", "region", "year"]),
        ),
        wide,
        to_regions(
            Table::of(
                "escalation",
                "Escalation of targets",
                "One row per target in % whose enclosing region set one for the same indicator and year.",
                &escalation,
            )
            .key(&["indicator", "region", "year"]),
        ),
        Table::of("by_year", "GDP growth targets by year", "One row per level and year.", &by_year)
            .key(&["level", "year"]),
    ];
    let page = crate::panel_page::PageInput {
        assessment: &assessment,
        escalation: &escalation,
        by_year: &by_year,
        regions: &data.regions,
        facts: (fact_rows.len(), fact_rows.iter().filter(|f| f.method == Method::Reviewed).count()),
        reports: data.corpus.len(),
        national_years: data
            .corpus
            .iter()
            .filter(|e| e.level == ReportLevel::National)
            .map(|e| e.year_planned)
            .collect(),
    };
    let mut files = vec![
        File { name: "README.md".into(), bytes: crate::panel_page::markdown(&page).into_bytes() },
        File { name: "report.html".into(), bytes: crate::panel_page::html(&page).into_bytes() },
    ];
    let mut resources = Vec::new();
    for t in &tables {
        t.conforms()?;
        let bytes = t.csv(false);
        resources.push(t.resource(bytes.len(), &sha256_hex(&bytes)));
        files.push(File { name: t.file(), bytes });
    }
    let package = json!({
        "profile": "tabular-data-package",
        "name": "zhibiao-panel",
        "title": "Headline targets of China's government work reports, drawn from the corpus",
        "description": "Every figure with a catalogued indicator that the rules extract from the corpus of work reports (data/corpus.csv), reviews applied; targets assessed against the result the next report states; a wide table, escalation against the enclosing region, and GDP growth targets by year. Generated by `cargo xtask panel`.",
        "licenses": [{ "name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/", "title": "Creative Commons Attribution 4.0" }],
        "sources": [{ "title": "data/corpus.csv", "path": "../corpus.csv" }],
        "resources": resources,
    });
    let mut text = serde_json::to_string_pretty(&package).unwrap_or_default();
    text.push('\n');
    files.push(File { name: "datapackage.json".into(), bytes: text.into_bytes() });
    files.sort_by(|a, b| a.name.cmp(&b.name));
    let met = assessment.iter().filter(|a| a.status == Status::Met).count();
    Ok(BuiltPanel { files, targets: assessment.len(), met })
}
