//! The engine's results as typed rows, and the groupings the published summaries show.
//!
//! [`assessed`] decodes the engine's integer-coded assessment into [`Assessed`] rows (names, and the
//! vocabularies `Bound`, `Basis`, `Status` as enums), so that renderers read fields, not columns by
//! name. [`by_domain_year`], [`by_topic_year`] and [`by_region_year`] count statuses and summarise
//! gaps per group ([`Metrics`]); [`ambition_by_domain_year`] takes the medians of ambition. These are
//! the report's group-bys: polars lives in this crate alone.

use crate::assess::{BASES, Outputs, STATUSES, codes, floats, status_code};
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};
use zhibiao_core::Bound;
use zhibiao_core::assess::{Ambition, Basis, Status};

/// One assessed target, decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessed {
    /// Indicator id.
    pub indicator: String,
    /// Its domain.
    pub domain: String,
    /// GB/T 2260 code.
    pub region: String,
    /// The target's year.
    pub year: i32,
    /// The target's bound.
    pub bound: Bound,
    /// The target as written (a range's low end).
    pub target: f64,
    /// A range target's high end.
    pub target_hi: Option<f64>,
    /// The target's unit as written.
    pub target_unit: String,
    /// Which result was used; none when pending.
    pub basis: Option<Basis>,
    /// The result as written.
    pub actual: Option<f64>,
    /// The result's own bound.
    pub actual_bound: Option<Bound>,
    /// The result's unit as written.
    pub actual_unit: Option<String>,
    /// The base unit both are compared in.
    pub unit_base: String,
    /// The target in `unit_base`.
    pub target_base: f64,
    /// A range target's high end in `unit_base`.
    pub target_hi_base: Option<f64>,
    /// The result in `unit_base`.
    pub actual_base: Option<f64>,
    /// (result − target) × sense, in `unit_base`.
    pub gap: Option<f64>,
    /// `gap` ÷ |target|.
    pub rel_gap: Option<f64>,
    /// The tolerance in `unit_base`.
    pub tol: Option<f64>,
    /// The outcome.
    pub status: Status,
}

fn decode<T>(list: &[T], code: Option<u32>) -> Option<&T> {
    code.and_then(|c| list.get(c as usize))
}

fn missing(column: &str, row: usize) -> PolarsError {
    polars_err!(ComputeError: "the engine left {column} empty in row {row}")
}

/// The assessment of `outputs` as typed rows, in the engine's order (indicator, region, year).
/// Fails if the engine was run with `summaries_only` (the columns are then not there).
pub fn assessed(outputs: &Outputs) -> PolarsResult<Vec<Assessed>> {
    let f = &outputs.assessment;
    let n = &outputs.names;
    let [indicator, domain, region, bound, target_unit, basis, actual_bound, actual_unit, status] =
        ["indicator", "domain", "region", "bound", "target_unit", "basis", "actual_bound", "actual_unit", "status"]
            .map(|c| codes(f, c));
    let (indicator, domain, region, bound, target_unit) = (indicator?, domain?, region?, bound?, target_unit?);
    let (basis, actual_bound, actual_unit, status) = (basis?, actual_bound?, actual_unit?, status?);
    let [target, target_hi, actual, target_base, target_hi_base, actual_base, gap, rel_gap, tol] =
        ["target", "target_hi", "actual", "target_base", "target_hi_base", "actual_base", "gap", "rel_gap", "tol"]
            .map(|c| floats(f, c));
    let (target, target_hi, actual, target_base, target_hi_base) =
        (target?, target_hi?, actual?, target_base?, target_hi_base?);
    let (actual_base, gap, rel_gap, tol) = (actual_base?, gap?, rel_gap?, tol?);
    let year: Vec<Option<i32>> = f.column("year")?.i32()?.iter().collect();
    (0..f.height())
        .map(|i| {
            let text = |list: &[String], code: Option<u32>, column: &str| {
                decode(list, code).cloned().ok_or_else(|| missing(column, i))
            };
            Ok(Assessed {
                indicator: text(&n.indicators, indicator[i], "indicator")?,
                domain: text(&n.domains, domain[i], "domain")?,
                region: text(&n.regions, region[i], "region")?,
                year: year[i].ok_or_else(|| missing("year", i))?,
                bound: *decode(Bound::ALL, bound[i]).ok_or_else(|| missing("bound", i))?,
                target: target[i].ok_or_else(|| missing("target", i))?,
                target_hi: target_hi[i],
                target_unit: text(&n.units, target_unit[i], "target_unit")?,
                basis: decode(&BASES, basis[i]).copied(),
                actual: actual[i],
                actual_bound: decode(Bound::ALL, actual_bound[i]).copied(),
                actual_unit: decode(&n.units, actual_unit[i]).cloned(),
                unit_base: text(&n.bases, target_unit[i], "unit_base")?,
                target_base: target_base[i].ok_or_else(|| missing("target_base", i))?,
                target_hi_base: target_hi_base[i],
                actual_base: actual_base[i],
                gap: gap[i],
                rel_gap: rel_gap[i],
                tol: tol[i],
                status: *decode(&STATUSES, status[i]).ok_or_else(|| missing("status", i))?,
            })
        })
        .collect()
}

/// Status counts and gap statistics of a group of targets.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Metrics {
    /// Targets set.
    pub targets: i64,
    /// Targets with a result (met + near + missed).
    pub assessed: i64,
    /// Targets met.
    pub met: i64,
    /// Targets missed by no more than the tolerance.
    pub near: i64,
    /// Targets missed by more than the tolerance.
    pub missed: i64,
    /// Targets with no result stated.
    pub pending: i64,
    /// met ÷ assessed; none when nothing was assessed.
    pub met_share: Option<f64>,
    /// Mean of `rel_gap` over assessed targets.
    pub mean_rel_gap: Option<f64>,
    /// Median of `rel_gap` over assessed targets.
    pub median_rel_gap: Option<f64>,
}

/// A group's key and its metrics.
#[derive(Clone, Debug, PartialEq)]
pub struct Grouped<K> {
    /// The group.
    pub key: K,
    /// Its targets' metrics.
    pub metrics: Metrics,
}

/// Groups the coded assessment by `keys` (columns of it, or `topic`) and computes [`Metrics`],
/// sorted by the keys. Returns the grouped frame with the keys first.
fn grouped(outputs: &Outputs, keys: &[&str], topics: Option<&HashMap<String, String>>) -> PolarsResult<DataFrame> {
    let mut base = outputs.assessment.clone().lazy().with_column(col("status").cast(DataType::UInt32));
    if let Some(topics) = topics {
        let names = &outputs.names.indicators;
        let topic_of: Vec<Option<&str>> = names.iter().map(|id| topics.get(id).map(String::as_str)).collect();
        let lookup = DataFrame::new(
            names.len(),
            vec![
                Column::new("indicator_code".into(), (0..names.len() as u32).collect::<Vec<u32>>()),
                Column::new("topic".into(), topic_of),
            ],
        )?;
        base = base.with_column(col("indicator").cast(DataType::UInt32).alias("indicator_code")).join(
            lookup.lazy(),
            [col("indicator_code")],
            [col("indicator_code")],
            JoinArgs::new(JoinType::Left),
        );
    }
    let count = |s: Status| col("status").eq(status_code(s)).cast(DataType::Int64).sum();
    base.group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
        .agg([
            len().cast(DataType::Int64).alias("targets"),
            count(Status::Met).alias("met"),
            count(Status::Near).alias("near"),
            count(Status::Missed).alias("missed"),
            count(Status::Pending).alias("pending"),
            col("rel_gap").mean().alias("mean_rel_gap"),
            col("rel_gap").median().alias("median_rel_gap"),
        ])
        .with_columns([(col("met") + col("near") + col("missed")).alias("assessed")])
        .with_columns([when(col("assessed").gt(lit(0)))
            .then(col("met").cast(DataType::Float64) / col("assessed").cast(DataType::Float64))
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias("met_share")])
        .sort(keys.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>(), SortMultipleOptions::default())
        .collect()
}

fn ints(frame: &DataFrame, name: &str) -> PolarsResult<Vec<i64>> {
    Ok(frame.column(name)?.cast(&DataType::Int64)?.i64()?.iter().map(|v| v.unwrap_or(0)).collect())
}

fn metrics(frame: &DataFrame) -> PolarsResult<Vec<Metrics>> {
    let [targets, assessed, met, near, missed, pending] =
        ["targets", "assessed", "met", "near", "missed", "pending"].map(|c| ints(frame, c));
    let (targets, assessed, met, near, missed, pending) = (targets?, assessed?, met?, near?, missed?, pending?);
    let [met_share, mean_rel_gap, median_rel_gap] =
        ["met_share", "mean_rel_gap", "median_rel_gap"].map(|c| floats(frame, c));
    let (met_share, mean_rel_gap, median_rel_gap) = (met_share?, mean_rel_gap?, median_rel_gap?);
    Ok((0..frame.height())
        .map(|i| Metrics {
            targets: targets[i],
            assessed: assessed[i],
            met: met[i],
            near: near[i],
            missed: missed[i],
            pending: pending[i],
            met_share: met_share[i],
            mean_rel_gap: mean_rel_gap[i],
            median_rel_gap: median_rel_gap[i],
        })
        .collect())
}

fn years(frame: &DataFrame) -> PolarsResult<Vec<i32>> {
    Ok(frame.column("year")?.i32()?.iter().map(|y| y.unwrap_or(0)).collect())
}

fn names(frame: &DataFrame, column: &str, list: &[String]) -> PolarsResult<Vec<String>> {
    Ok(codes(frame, column)?.into_iter().map(|c| decode(list, c).cloned().unwrap_or_default()).collect())
}

/// Metrics per (domain, year), sorted by domain and year.
pub fn by_domain_year(outputs: &Outputs) -> PolarsResult<Vec<Grouped<(String, i32)>>> {
    let g = grouped(outputs, &["domain", "year"], None)?;
    let domains = names(&g, "domain", &outputs.names.domains)?;
    Ok(domains.into_iter().zip(years(&g)?).zip(metrics(&g)?).map(|(key, metrics)| Grouped { key, metrics }).collect())
}

/// Metrics per (domain, topic, year), with `topics` mapping indicator ids to topics; sorted by
/// domain, topic and year.
pub fn by_topic_year(
    outputs: &Outputs,
    topics: &HashMap<String, String>,
) -> PolarsResult<Vec<Grouped<(String, String, i32)>>> {
    let g = grouped(outputs, &["domain", "topic", "year"], Some(topics))?;
    let domains = names(&g, "domain", &outputs.names.domains)?;
    let topic: Vec<String> = g.column("topic")?.str()?.iter().map(|t| t.unwrap_or_default().to_owned()).collect();
    Ok(domains
        .into_iter()
        .zip(topic)
        .zip(years(&g)?)
        .zip(metrics(&g)?)
        .map(|(((d, t), y), metrics)| Grouped { key: (d, t, y), metrics })
        .collect())
}

/// Metrics per (region, year), sorted by region code and year.
pub fn by_region_year(outputs: &Outputs) -> PolarsResult<Vec<Grouped<(String, i32)>>> {
    let g = grouped(outputs, &["region", "year"], None)?;
    let regions = names(&g, "region", &outputs.names.regions)?;
    Ok(regions.into_iter().zip(years(&g)?).zip(metrics(&g)?).map(|(key, metrics)| Grouped { key, metrics }).collect())
}

/// The ambition of a group's targets: how many, and the median, for `%` targets (in points) and for
/// the others (as target ÷ previous − 1).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AmbitionStats {
    /// Targets in `%` with a result the year before.
    pub n_points: i64,
    /// Their median ambition, in percentage points.
    pub median_points: Option<f64>,
    /// Other targets with a result the year before.
    pub n_ratio: i64,
    /// Their median ambition, as a ratio − 1.
    pub median_ratio: Option<f64>,
}

/// Ambition statistics per (domain, year), keyed for lookup.
pub fn ambition_by_domain_year(ambitions: &[Ambition]) -> PolarsResult<HashMap<(String, i32), AmbitionStats>> {
    let g = DataFrame::new(
        ambitions.len(),
        vec![
            Column::new("domain".into(), ambitions.iter().map(|a| a.domain.as_str()).collect::<Vec<_>>()),
            Column::new("year".into(), ambitions.iter().map(|a| a.year).collect::<Vec<i32>>()),
            Column::new("percent".into(), ambitions.iter().map(|a| a.unit_base == "%").collect::<Vec<bool>>()),
            Column::new("ambition".into(), ambitions.iter().map(|a| a.ambition).collect::<Vec<Option<f64>>>()),
        ],
    )?
    .lazy()
    .group_by([col("domain"), col("year")])
    .agg([
        col("ambition").filter(col("percent")).count().cast(DataType::Int64).alias("n_points"),
        col("ambition").filter(col("percent")).median().alias("median_points"),
        col("ambition").filter(col("percent").not()).count().cast(DataType::Int64).alias("n_ratio"),
        col("ambition").filter(col("percent").not()).median().alias("median_ratio"),
    ])
    .collect()?;
    let domains: Vec<String> = g.column("domain")?.str()?.iter().map(|d| d.unwrap_or_default().to_owned()).collect();
    let (n_points, n_ratio) = (ints(&g, "n_points")?, ints(&g, "n_ratio")?);
    let (median_points, median_ratio) = (floats(&g, "median_points")?, floats(&g, "median_ratio")?);
    Ok(domains
        .into_iter()
        .zip(years(&g)?)
        .enumerate()
        .map(|(i, key)| {
            let stats = AmbitionStats {
                n_points: n_points[i],
                median_points: median_points[i],
                n_ratio: n_ratio[i],
                median_ratio: median_ratio[i],
            };
            (key, stats)
        })
        .collect())
}

/// One region's numeric target for a year, with what it is compared with (for [`by_year`]).
#[derive(Clone, Debug, PartialEq)]
pub struct YearTarget {
    /// The group the region belongs to (province, city).
    pub level: String,
    /// The region.
    pub region: String,
    /// The target's year.
    pub year: i32,
    /// The target (a range's midpoint).
    pub target: f64,
    /// How it is worded.
    pub bound: Bound,
    /// The region's own target the year before.
    pub previous: Option<f64>,
    /// The enclosing region's target for the same year (the nation's for a province, the
    /// province's for a city).
    pub parent: Option<f64>,
    /// The target's status against its result.
    pub status: Status,
}

/// The targets of one group and year, summarised.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct YearStats {
    /// Reports of the group planning the year.
    pub reports: i64,
    /// Regions with a numeric target.
    pub targets: i64,
    /// Targets of 10 or more.
    pub ten_or_more: i64,
    /// Targets below the region's own target the year before.
    pub lowered: i64,
    /// Targets equal to it.
    pub kept: i64,
    /// Targets above it.
    pub raised: i64,
    /// Share worded 左右 (approx).
    pub approx_share: Option<f64>,
    /// Share worded 以上 / 超过 (ge, gt).
    pub at_least_share: Option<f64>,
    /// Share given as a range.
    pub range_share: Option<f64>,
    /// Share worded exactly (or as a ceiling).
    pub exact_share: Option<f64>,
    /// Mean target.
    pub mean: Option<f64>,
    /// Median target.
    pub median: Option<f64>,
    /// Mean of (target − the enclosing region's target), over targets that have one.
    pub mean_over_parent: Option<f64>,
    /// Share of assessed targets met.
    pub met_share: Option<f64>,
}

/// Targets by group and year: how many, how high, how they moved against the year before, how
/// they are worded, and how often they were met. `reports` lists (group, year) once per report.
pub fn by_year(targets: &[YearTarget], reports: &[(String, i32)]) -> PolarsResult<BTreeMap<(String, i32), YearStats>> {
    let bound = |t: &YearTarget| t.bound.as_str();
    let frame = DataFrame::new(
        targets.len(),
        vec![
            Column::new("level".into(), targets.iter().map(|t| t.level.as_str()).collect::<Vec<_>>()),
            Column::new("year".into(), targets.iter().map(|t| t.year).collect::<Vec<i32>>()),
            Column::new("target".into(), targets.iter().map(|t| t.target).collect::<Vec<f64>>()),
            Column::new("bound".into(), targets.iter().map(bound).collect::<Vec<_>>()),
            Column::new("previous".into(), targets.iter().map(|t| t.previous).collect::<Vec<Option<f64>>>()),
            Column::new(
                "over_parent".into(),
                targets.iter().map(|t| t.parent.map(|p| t.target - p)).collect::<Vec<Option<f64>>>(),
            ),
            Column::new("status".into(), targets.iter().map(|t| t.status.as_str()).collect::<Vec<_>>()),
        ],
    )?;
    let n = || len().cast(DataType::Int64);
    let count = |e: Expr| e.cast(DataType::Int64).sum();
    let share = |e: Expr| e.cast(DataType::Float64).sum() / len().cast(DataType::Float64);
    let is =
        |words: &[&str]| words.iter().map(|w| col("bound").eq(lit(*w))).reduce(|a, b| a.or(b)).unwrap_or(lit(false));
    let assessed = col("status").eq(lit("met")).or(col("status").eq(lit("near"))).or(col("status").eq(lit("missed")));
    let g = frame
        .lazy()
        .group_by([col("level"), col("year")])
        .agg([
            n().alias("targets"),
            count(col("target").gt_eq(lit(10.0))).alias("ten_or_more"),
            count(col("target").lt(col("previous"))).alias("lowered"),
            count(col("target").eq(col("previous"))).alias("kept"),
            count(col("target").gt(col("previous"))).alias("raised"),
            share(is(&["approx"])).alias("approx_share"),
            share(is(&["ge", "gt"])).alias("at_least_share"),
            share(is(&["range"])).alias("range_share"),
            share(is(&["eq", "le", "lt"])).alias("exact_share"),
            col("target").mean().alias("mean"),
            col("target").median().alias("median"),
            col("over_parent").mean().alias("mean_over_parent"),
            (count(col("status").eq(lit("met"))).cast(DataType::Float64) / count(assessed).cast(DataType::Float64))
                .alias("met_share"),
        ])
        .collect()?;
    let levels: Vec<String> = g.column("level")?.str()?.iter().map(|s| s.unwrap_or_default().to_owned()).collect();
    let years = years(&g)?;
    let [t, ten, lowered, kept, raised] = ["targets", "ten_or_more", "lowered", "kept", "raised"].map(|c| ints(&g, c));
    let (t, ten, lowered, kept, raised) = (t?, ten?, lowered?, kept?, raised?);
    let [approx, at_least, range, exact, mean, median, over, met] = [
        "approx_share",
        "at_least_share",
        "range_share",
        "exact_share",
        "mean",
        "median",
        "mean_over_parent",
        "met_share",
    ]
    .map(|c| floats(&g, c));
    let (approx, at_least, range, exact) = (approx?, at_least?, range?, exact?);
    let (mean, median, over, met) = (mean?, median?, over?, met?);
    let finite = |x: Option<f64>| x.filter(|v| v.is_finite());
    let mut out: BTreeMap<(String, i32), YearStats> = BTreeMap::new();
    for (level, year) in reports {
        out.entry((level.clone(), *year)).or_default().reports += 1;
    }
    for (i, key) in levels.into_iter().zip(years).enumerate() {
        let stats = out.entry(key).or_default();
        *stats = YearStats {
            reports: stats.reports,
            targets: t[i],
            ten_or_more: ten[i],
            lowered: lowered[i],
            kept: kept[i],
            raised: raised[i],
            approx_share: approx[i],
            at_least_share: at_least[i],
            range_share: range[i],
            exact_share: exact[i],
            mean: mean[i],
            median: median[i],
            mean_over_parent: over[i],
            met_share: finite(met[i]),
        };
    }
    Ok(out)
}
