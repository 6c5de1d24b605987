//! The record over the years, read from the tables: one line per headline indicator of the main
//! region (its targets with their tolerance bands and every stated result, in one display unit),
//! and the years that hold targets. The series page, the year pages and `report.html` all draw
//! from here, so they cannot disagree.

use crate::chart::Point;
use crate::tables::{AssessmentRow, Tables, TrendRow};
use std::collections::{BTreeMap, BTreeSet};
use zhibiao_core::{Domain, Kind};

/// One headline indicator's targets and results over the years.
#[derive(Debug)]
pub(crate) struct Series<'a> {
    /// Indicator id.
    pub(crate) indicator: &'static str,
    /// Chinese name.
    pub(crate) name_zh: &'a str,
    /// English name.
    pub(crate) name_en: &'a str,
    /// The display unit: the unit of its latest target as written (else of its latest result).
    pub(crate) unit: String,
    /// Every year with a target or a result, in the display unit.
    pub(crate) points: Vec<Point>,
    /// Its assessed targets, by year.
    pub(crate) targets: Vec<&'a AssessmentRow>,
    /// Its trend row, when results are stated in two years or more.
    pub(crate) trend: Option<&'a TrendRow>,
}

/// The headline series of `region`: every headline indicator with a target or a result in two
/// years or more, in the domains' order.
pub(crate) fn headline<'a>(domains: &[&dyn Domain], tables: &'a Tables, region: &str) -> Vec<Series<'a>> {
    let mut all = Vec::new();
    for d in domains {
        for id in d.headline() {
            if let Some(series) = one(tables, id, region) {
                all.push(series);
            }
        }
    }
    all
}

fn one<'a>(tables: &'a Tables, id: &'static str, region: &str) -> Option<Series<'a>> {
    let targets: Vec<&AssessmentRow> =
        tables.assessment.iter().filter(|a| a.indicator == id && a.region == region).collect();
    // stated results, actual over estimate (the pairing rule), in base units
    let mut results: BTreeMap<i32, (Kind, f64, &str, f64)> = BTreeMap::new();
    for f in tables.facts.iter().filter(|f| f.indicator == id && f.region == region && f.kind != Kind::Target) {
        let entry = results.entry(f.year).or_insert((f.kind, f.value_base, f.unit.as_str(), f.value));
        if f.kind == Kind::Actual {
            *entry = (f.kind, f.value_base, f.unit.as_str(), f.value);
        }
    }
    let years: BTreeSet<i32> = targets.iter().map(|a| a.year).chain(results.keys().copied()).collect();
    if years.len() < 2 {
        return None;
    }
    let first = targets.first().map(|a| (a.name_zh.as_str(), a.name_en.as_str())).or_else(|| {
        tables.facts.iter().find(|f| f.indicator == id).map(|f| (f.name_zh.as_str(), f.name_en.as_str()))
    })?;
    // the display unit: the latest target's unit as written, else the latest result's
    let (unit, factor) = targets
        .iter()
        .rev()
        .find(|a| a.target != 0.0)
        .map(|a| (a.target_unit.as_str(), a.target_base / a.target))
        .or_else(|| results.values().rev().find(|r| r.3 != 0.0).map(|r| (r.2, r.1 / r.3)))
        .unwrap_or(("", 1.0));
    let factor = if factor.is_finite() && factor != 0.0 { factor } else { 1.0 };
    let points = years
        .iter()
        .map(|&year| {
            let target = targets.iter().find(|a| a.year == year);
            let result = target.and_then(|a| a.actual_base).or_else(|| results.get(&year).map(|r| r.1));
            Point {
                year,
                target: target.map(|a| a.target_hi_base.map_or(a.target_base, |h| (a.target_base + h) / 2.0) / factor),
                tol: target.and_then(|a| a.tol).unwrap_or(0.0) / factor,
                result: result.map(|r| r / factor),
                status: target.map(|a| a.status),
            }
        })
        .collect();
    Some(Series {
        indicator: id,
        name_zh: first.0,
        name_en: first.1,
        unit: unit.to_owned(),
        points,
        targets,
        trend: tables.trends.iter().find(|t| t.indicator == id && t.region == region),
    })
}

/// Every year that holds a target, or that a report plans.
pub(crate) fn years(tables: &Tables) -> Vec<i32> {
    let years: BTreeSet<i32> =
        tables.assessment.iter().map(|a| a.year).chain(tables.sources.iter().map(|s| s.year_planned)).collect();
    years.into_iter().collect()
}

/// A trend in words: `compound growth +2.17% a year 2015–2024 (4 results), improving`.
pub(crate) fn trend_words(t: &TrendRow) -> String {
    let progress = t.progress.map(|p| format!(", {p}")).unwrap_or_default();
    match t.method {
        crate::tables::TrendMethod::CompoundGrowth => format!(
            "复合年增长 compound growth {:+.2}% a year, {}–{} ({} results){progress}",
            t.value, t.first_year, t.last_year, t.results
        ),
        crate::tables::TrendMethod::MeanRate => format!(
            "平均 mean of the stated rates {:.2}%, {}–{} ({} results)",
            t.value, t.first_year, t.last_year, t.results
        ),
    }
}

/// A region's Chinese name as the facts give it, or nothing.
pub(crate) fn region_name<'a>(tables: &'a Tables, region: &str) -> &'a str {
    tables.facts.iter().find(|f| f.region == region).and_then(|f| f.region_name.as_deref()).unwrap_or("")
}

/// How one year's targets fared, in a sentence: `4 targets: 2 met, 0 near, 1 missed, 1 pending
/// (0 settled by the report's own verdict); 67% of the 3 assessed met`.
pub(crate) fn year_counts(tables: &Tables, year: i32) -> String {
    use zhibiao_core::assess::{Basis, Status};
    let targets: Vec<&AssessmentRow> = tables.assessment.iter().filter(|a| a.year == year).collect();
    let count = |status: Status| targets.iter().filter(|a| a.status == status).count();
    let stated = targets.iter().filter(|a| a.basis == Some(Basis::Stated)).count();
    let assessed = targets.len() - count(Status::Pending);
    let share = if assessed > 0 {
        format!("; {:.0}% of the {assessed} assessed met", count(Status::Met) as f64 * 100.0 / assessed as f64)
    } else {
        String::new()
    };
    format!(
        "{} target{}: {} met, {} near, {} missed, {} pending ({stated} settled by the report's own verdict){share}",
        targets.len(),
        if targets.len() == 1 { "" } else { "s" },
        count(Status::Met),
        count(Status::Near),
        count(Status::Missed),
        count(Status::Pending),
    )
}
