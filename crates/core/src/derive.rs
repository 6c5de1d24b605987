//! Derived indicators: figures the reports imply but do not state.
//!
//! A domain declares [`Derived`] indicators — a formula over its catalogued indicators, a unit, and
//! the reason an analyst wants it — and [`compute`] evaluates each for every (region, year, kind)
//! where its inputs exist: grain yield per mu (产量 ÷ 播种面积) for the 2023 result and for the 2024
//! target, the share of entrepreneurs' problems solved (481 of 528), the average investment per
//! started project. Inputs are taken in base units. A derived fact records the facts it came from;
//! its kind follows its inputs: all targets → target, all actuals → actual, actuals mixed with
//! estimates → estimate; targets are never mixed with results.
//!
//! ```
//! use zhibiao_core::derive::{Derived, Formula};
//!
//! const YIELD: Derived = Derived {
//!     id: "agriculture.grain_yield_per_mu",
//!     name_zh: "粮食单产",
//!     name_en: "Grain yield per mu",
//!     unit: "公斤/亩",
//!     formula: Formula::Ratio {
//!         numerator: "agriculture.grain_output",
//!         denominator: "agriculture.grain_area",
//!         scale: 1.0,
//!     },
//!     reason: "Separates yield from area: output can rise only because more land was sown.",
//! };
//! assert_eq!(YIELD.formula.inputs(), ["agriculture.grain_output", "agriculture.grain_area"]);
//! assert_eq!(YIELD.formula.describe(), "agriculture.grain_output ÷ agriculture.grain_area");
//! ```

use crate::assess::Normalised;
use crate::model::Kind;
use std::collections::{BTreeMap, HashMap};

/// How a derived indicator is computed from base values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Formula {
    /// numerator ÷ denominator × scale (same region, year and kind).
    Ratio {
        /// The indicator divided.
        numerator: &'static str,
        /// The indicator divided by.
        denominator: &'static str,
        /// Multiplies the quotient of base values (100 for a percentage, 1e-8 for 亿元 per item).
        scale: f64,
    },
    /// (minuend − subtrahend) × scale (same region, year and kind).
    Difference {
        /// The indicator subtracted from.
        minuend: &'static str,
        /// The indicator subtracted.
        subtrahend: &'static str,
        /// Multiplies the difference of base values.
        scale: f64,
    },
    /// The sum of the terms × scale (same region, year and kind; every term must be stated).
    Sum {
        /// The indicators added.
        terms: &'static [&'static str],
        /// Multiplies the sum of base values.
        scale: f64,
    },
    /// Year-on-year change in percent: (value in Y ÷ value in Y−1 − 1) × 100, same region and kind
    /// (an estimate and an actual mix into an estimate).
    Growth {
        /// The indicator whose change is measured.
        indicator: &'static str,
    },
}

impl Formula {
    /// The input indicators, in formula order.
    pub fn inputs(&self) -> Vec<&'static str> {
        match self {
            Formula::Ratio { numerator, denominator, .. } => vec![numerator, denominator],
            Formula::Difference { minuend, subtrahend, .. } => vec![minuend, subtrahend],
            Formula::Sum { terms, .. } => terms.to_vec(),
            Formula::Growth { indicator } => vec![indicator],
        }
    }

    /// The formula in words (`a ÷ b`, `a − b`, `a + b`, `growth of a`), scale left out.
    pub fn describe(&self) -> String {
        match self {
            Formula::Ratio { numerator, denominator, .. } => format!("{numerator} ÷ {denominator}"),
            Formula::Difference { minuend, subtrahend, .. } => format!("{minuend} − {subtrahend}"),
            Formula::Sum { terms, .. } => terms.join(" + "),
            Formula::Growth { indicator } => format!("year-on-year growth of {indicator}"),
        }
    }
}

/// A derived indicator a domain declares.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Derived {
    /// `<domain>.<snake_name>`, not used by any catalogued indicator.
    pub id: &'static str,
    /// Chinese name.
    pub name_zh: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// The unit of the result (`公斤/亩`, `%`, `亿元/个`).
    pub unit: &'static str,
    /// How it is computed.
    pub formula: Formula,
    /// Why an analyst wants it.
    pub reason: &'static str,
}

/// One computed value of a derived indicator.
#[derive(Clone, Debug, PartialEq)]
pub struct DerivedFact {
    /// The derived indicator's id.
    pub indicator: &'static str,
    /// The region code.
    pub region: String,
    /// The year.
    pub year: i32,
    /// The kind, from the inputs.
    pub kind: Kind,
    /// The value, in `unit`.
    pub value: f64,
    /// The unit.
    pub unit: &'static str,
    /// The input facts: `indicator year kind = value unit [bound]`, in formula order.
    pub inputs: Vec<String>,
}

/// Evaluates every derived indicator over the facts, in (indicator, region, year, kind) order.
/// Values that would divide by zero are left out.
pub fn compute(derived: &[Derived], facts: &[Normalised<'_>]) -> Vec<DerivedFact> {
    let mut index: HashMap<(&str, &str, i32, Kind), &Normalised<'_>> = HashMap::new();
    for n in facts {
        index.insert((n.fact.indicator.as_str(), n.fact.region.as_str(), n.fact.year, n.fact.kind), n);
    }
    let mut out = Vec::new();
    for d in derived {
        let first = d.formula.inputs()[0];
        // candidate (region, year, kind) cells: where the first input is stated
        let mut cells: BTreeMap<(String, i32, Kind), ()> = BTreeMap::new();
        for n in facts.iter().filter(|n| n.fact.indicator == first) {
            cells.insert((n.fact.region.clone(), n.fact.year, n.fact.kind), ());
        }
        for (region, year, kind) in cells.into_keys() {
            let inputs: Vec<(i32, &Normalised<'_>)> = match d.formula {
                Formula::Growth { indicator } => {
                    let now = index.get(&(indicator, region.as_str(), year, kind));
                    let before = previous(&index, indicator, &region, year - 1, kind);
                    match (before, now) {
                        (Some(b), Some(n)) => vec![(year - 1, b), (year, n)],
                        _ => continue,
                    }
                }
                _ => {
                    let found: Option<Vec<_>> = d
                        .formula
                        .inputs()
                        .iter()
                        .map(|i| same_cell(&index, i, &region, year, kind).map(|n| (year, n)))
                        .collect();
                    match found {
                        Some(found) => found,
                        None => continue,
                    }
                }
            };
            let v: Vec<f64> = inputs.iter().map(|(_, n)| n.value_base).collect();
            let value = match d.formula {
                Formula::Ratio { scale, .. } if v[1] != 0.0 => v[0] / v[1] * scale,
                Formula::Difference { scale, .. } => (v[0] - v[1]) * scale,
                Formula::Sum { scale, .. } => v.iter().sum::<f64>() * scale,
                Formula::Growth { .. } if v[0] != 0.0 => (v[1] / v[0] - 1.0) * 100.0,
                _ => continue,
            };
            let kinds: Vec<Kind> = inputs.iter().map(|(_, n)| n.fact.kind).collect();
            let kind = if kinds.contains(&Kind::Estimate) { Kind::Estimate } else { kinds[0] };
            let described = inputs
                .iter()
                .map(|(_, n)| {
                    let f = n.fact;
                    let bound = if f.bound == crate::Bound::Eq { String::new() } else { format!(" [{}]", f.bound) };
                    format!("{} {} {} = {} {}{bound}", f.indicator, f.year, f.kind, f.value, f.unit)
                })
                .collect();
            out.push(DerivedFact { indicator: d.id, region, year, kind, value, unit: d.unit, inputs: described });
        }
    }
    out.sort_by(|a, b| (a.indicator, &a.region, a.year, a.kind).cmp(&(b.indicator, &b.region, b.year, b.kind)));
    out.dedup_by(|a, b| (a.indicator, &a.region, a.year, a.kind) == (b.indicator, &b.region, b.year, b.kind));
    out
}

/// The input of the same cell: same kind, or for an estimate cell an actual (and vice versa), never
/// a target with a result.
fn same_cell<'a, 'f>(
    index: &HashMap<(&str, &str, i32, Kind), &'a Normalised<'f>>,
    indicator: &str,
    region: &str,
    year: i32,
    kind: Kind,
) -> Option<&'a Normalised<'f>> {
    let alternatives: &[Kind] = match kind {
        Kind::Target => &[Kind::Target],
        Kind::Actual => &[Kind::Actual, Kind::Estimate],
        Kind::Estimate => &[Kind::Estimate, Kind::Actual],
    };
    alternatives.iter().find_map(|k| index.get(&(indicator, region, year, *k)).copied())
}

/// The previous year's value for a growth: the same kind, or for results the actual, else the
/// estimate.
fn previous<'a, 'f>(
    index: &HashMap<(&str, &str, i32, Kind), &'a Normalised<'f>>,
    indicator: &str,
    region: &str,
    year: i32,
    kind: Kind,
) -> Option<&'a Normalised<'f>> {
    match kind {
        Kind::Target => index.get(&(indicator, region, year, Kind::Target)).copied(),
        _ => same_cell(index, indicator, region, year, Kind::Actual),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Bound, Decimal, Fact};

    fn fact(indicator: &str, year: i32, kind: Kind, value: &str, unit: &str) -> Fact {
        Fact {
            indicator: indicator.into(),
            region: "421200".into(),
            year,
            kind,
            bound: Bound::Eq,
            value: value.parse::<Decimal>().unwrap(),
            value_hi: None,
            unit: unit.into(),
            source: None,
            quote: None,
            note: None,
        }
    }

    const YIELD: Derived = Derived {
        id: "a.yield",
        name_zh: "单产",
        name_en: "Yield",
        unit: "公斤/亩",
        formula: Formula::Ratio { numerator: "a.output", denominator: "a.area", scale: 1.0 },
        reason: "r",
    };

    #[test]
    fn ratios_per_cell_with_kinds_from_inputs() {
        let facts = vec![
            fact("a.output", 2023, Kind::Actual, "24.16", "亿斤"),
            fact("a.area", 2023, Kind::Actual, "298.41", "万亩"),
            fact("a.output", 2024, Kind::Target, "23.6", "亿斤"),
            fact("a.area", 2024, Kind::Target, "296.1", "万亩"),
            fact("a.output", 2022, Kind::Estimate, "24", "亿斤"),
            fact("a.area", 2022, Kind::Actual, "300", "万亩"),
            fact("a.output", 2021, Kind::Target, "24", "亿斤"),
            fact("a.area", 2021, Kind::Actual, "300", "万亩"),
        ];
        let n = crate::assess::normalise(&facts, crate::units::Units::Registry, crate::units::Normalise::Exact);
        let got = compute(&[YIELD], &n);
        let shown: Vec<(i32, Kind, String)> = got.iter().map(|d| (d.year, d.kind, format!("{:.2}", d.value))).collect();
        assert_eq!(
            shown,
            [
                (2022, Kind::Estimate, "400.00".to_owned()),
                (2023, Kind::Actual, "404.81".to_owned()),
                (2024, Kind::Target, "398.51".to_owned()),
            ]
        );
        assert_eq!(got[1].inputs, ["a.output 2023 actual = 24.16 亿斤", "a.area 2023 actual = 298.41 万亩"]);
    }

    #[test]
    fn growth_differences_and_sums() {
        let facts = vec![
            fact("a.parks", 2022, Kind::Actual, "18", "个"),
            fact("a.parks", 2023, Kind::Actual, "27", "个"),
            fact("a.after", 2023, Kind::Actual, "2.5", "%"),
            fact("a.before", 2023, Kind::Actual, "23.4", "%"),
        ];
        let n = crate::assess::normalise(&facts, crate::units::Units::Registry, crate::units::Normalise::Exact);
        let growth = Derived { id: "a.g", formula: Formula::Growth { indicator: "a.parks" }, unit: "%", ..YIELD };
        let diff = Derived {
            id: "a.d",
            formula: Formula::Difference { minuend: "a.after", subtrahend: "a.before", scale: 1.0 },
            unit: "个百分点",
            ..YIELD
        };
        let sum = Derived {
            id: "a.s",
            formula: Formula::Sum { terms: &["a.after", "a.before"], scale: 1.0 },
            unit: "%",
            ..YIELD
        };
        let got = compute(&[growth, diff, sum], &n);
        let shown: Vec<(&str, i32, String)> =
            got.iter().map(|d| (d.indicator, d.year, format!("{:.1}", d.value))).collect();
        assert_eq!(
            shown,
            [("a.d", 2023, "-20.9".to_owned()), ("a.g", 2023, "50.0".to_owned()), ("a.s", 2023, "25.9".to_owned())]
        );
    }
}
