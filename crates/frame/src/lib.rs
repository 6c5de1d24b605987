//! The validated zhibiao dataset as a polars [`DataFrame`], for the crates that aggregate.
//!
//! This is the only crate of the model that depends on polars (a heavy dependency: keeping it here
//! lets the domain crates build in parallel with it, and lets programs that only validate skip it).
//! [`facts_frame`] turns a [`Dataset`] into one tidy frame: one row per fact, with the indicator's
//! metadata joined, and the value normalised to its base unit (`value_base`, `unit_base`) exactly
//! (through the core's decimal unit registry, so `1.1` 亿元 and `11000` 万元 are the same float).
//!
//! # Example
//!
//! ```
//! use polars::prelude::*;
//! use zhibiao_core::dataset::Dataset;
//! use zhibiao_core::{Bound, Direction, Fact, Indicator, Kind, Measure};
//!
//! let indicator = Indicator {
//!     id: "agriculture.grain_output".into(), domain: "agriculture".into(), topic: "grain".into(),
//!     name_zh: "粮食产量".into(), name_en: "Grain output".into(), unit: "万吨".into(),
//!     measure: Measure::Level, direction: Direction::Up, description: String::new(), aliases: Vec::new(),
//! };
//! let fact = |kind, value: &str, unit: &str| Fact {
//!     indicator: indicator.id.clone(), region: "421200".into(), year: 2023, kind, bound: Bound::Ge,
//!     value: value.parse().unwrap(), value_hi: None, unit: unit.into(),
//!     source: None, quote: None, note: None,
//! };
//! let data = Dataset {
//!     sources: vec![], corpus: vec![], texts: Default::default(), regions: vec![], verdicts: vec![],
//!     indicators: vec![indicator.clone()],
//!     facts: vec![fact(Kind::Target, "117", "万吨"), fact(Kind::Actual, "24.16", "亿斤")],
//! };
//! let frame = zhibiao_frame::facts_frame(&data).unwrap();
//! let base = frame.column("value_base").unwrap().f64().unwrap();
//! assert_eq!(base.get(0), Some(1_170_000_000.0)); // 公斤
//! assert_eq!(base.get(1), Some(1_208_000_000.0));
//! assert_eq!(frame.column("unit_base").unwrap().str().unwrap().get(1), Some("公斤"));
//! ```

pub mod assess;
pub mod dense;
pub mod summary;

/// Why the engine failed (polars' error, named here so that callers need not depend on polars).
pub type EngineError = polars::error::PolarsError;

use polars::prelude::*;
use std::collections::HashMap;
use zhibiao_core::Indicator;
use zhibiao_core::dataset::Dataset;
use zhibiao_core::units;

/// The columns of [`facts_frame`], in order.
pub const COLUMNS: &[&str] = &[
    "indicator",
    "domain",
    "topic",
    "name_zh",
    "name_en",
    "measure",
    "direction",
    "region",
    "year",
    "kind",
    "bound",
    "value",
    "value_hi",
    "unit",
    "value_base",
    "value_hi_base",
    "unit_base",
    "source",
    "quote",
    "note",
];

/// One row per fact of `data`, in the dataset's order, with indicator metadata and base values.
///
/// Text columns are `String`, `year` is `Int32`, values are `Float64` (nearest to the exact
/// decimal). A fact whose indicator or unit is unknown cannot occur in a validated dataset; if one
/// is passed anyway its metadata and base value are null rather than a panic.
pub fn facts_frame(data: &Dataset) -> PolarsResult<DataFrame> {
    let by_id: HashMap<&str, &Indicator> = data.indicators.iter().map(|i| (i.id.as_str(), i)).collect();
    let n = data.facts.len();
    let mut text: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(n); COLUMNS.len()];
    let mut year = Vec::with_capacity(n);
    let mut value = Vec::with_capacity(n);
    let mut value_hi = Vec::with_capacity(n);
    let mut value_base = Vec::with_capacity(n);
    let mut value_hi_base = Vec::with_capacity(n);
    for f in &data.facts {
        let indicator = by_id.get(f.indicator.as_str());
        let unit = units::lookup(&f.unit).ok();
        let base = |v: Option<zhibiao_core::Decimal>| {
            v.and_then(|v| unit.and_then(|u| u.to_base(v))).map(zhibiao_core::Decimal::to_f64)
        };
        let meta = |get: fn(&Indicator) -> String| indicator.map(|i| get(i));
        let row: [(usize, Option<String>); 15] = [
            (0, Some(f.indicator.clone())),
            (1, meta(|i| i.domain.clone())),
            (2, meta(|i| i.topic.clone())),
            (3, meta(|i| i.name_zh.clone())),
            (4, meta(|i| i.name_en.clone())),
            (5, meta(|i| i.measure.as_str().to_owned())),
            (6, meta(|i| i.direction.as_str().to_owned())),
            (7, Some(f.region.clone())),
            (9, Some(f.kind.as_str().to_owned())),
            (10, Some(f.bound.as_str().to_owned())),
            (13, Some(f.unit.clone())),
            (16, unit.map(|u| u.base().to_owned())),
            (17, f.source.clone()),
            (18, f.quote.clone()),
            (19, f.note.clone()),
        ];
        for (i, cell) in row {
            text[i].push(cell);
        }
        year.push(f.year);
        value.push(f.value.to_f64());
        value_hi.push(f.value_hi.map(zhibiao_core::Decimal::to_f64));
        value_base.push(base(Some(f.value)));
        value_hi_base.push(base(f.value_hi));
    }
    let mut columns = Vec::with_capacity(COLUMNS.len());
    let mut text = text.into_iter();
    for (i, name) in COLUMNS.iter().enumerate() {
        let strings = text.next().unwrap_or_default();
        let column = match i {
            8 => Column::new((*name).into(), std::mem::take(&mut year)),
            11 => Column::new((*name).into(), std::mem::take(&mut value)),
            12 => Column::new((*name).into(), std::mem::take(&mut value_hi)),
            14 => Column::new((*name).into(), std::mem::take(&mut value_base)),
            15 => Column::new((*name).into(), std::mem::take(&mut value_hi_base)),
            _ => Column::new((*name).into(), strings),
        };
        columns.push(column);
    }
    DataFrame::new(n, columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhibiao_core::{Bound, Direction, Fact, Kind, Measure};

    fn dataset() -> Dataset {
        let indicator = Indicator {
            id: "economy.fiscal_revenue".into(),
            domain: "economy".into(),
            topic: "public_finance".into(),
            name_zh: "地方一般公共预算收入".into(),
            name_en: "Local general budget revenue".into(),
            unit: "亿元".into(),
            measure: Measure::Level,
            direction: Direction::Up,
            description: String::new(),
            aliases: Vec::new(),
        };
        let fact = |year, kind, value: &str, unit: &str| Fact {
            indicator: indicator.id.clone(),
            region: "421200".into(),
            year,
            kind,
            bound: Bound::Eq,
            value: value.parse().unwrap(),
            value_hi: None,
            unit: unit.into(),
            source: Some("s".into()),
            quote: Some("q".into()),
            note: None,
        };
        Dataset {
            sources: vec![],
            corpus: vec![],
            verdicts: vec![],
            texts: HashMap::new(),
            regions: vec![],
            indicators: vec![indicator.clone()],
            facts: vec![
                fact(2023, Kind::Target, "1.1", "亿元"),
                fact(2023, Kind::Actual, "11000", "万元"),
                fact(2024, Kind::Target, "96.03", "亿元"),
            ],
        }
    }

    #[test]
    fn restated_units_normalise_to_the_same_float() {
        let frame = facts_frame(&dataset()).unwrap();
        assert_eq!(frame.get_column_names(), COLUMNS);
        let base = frame.column("value_base").unwrap().f64().unwrap();
        assert_eq!(base.get(0), base.get(1));
        assert_eq!(base.get(0), Some(110_000_000.0));
        assert_eq!(base.get(2), Some(9_603_000_000.0));
    }

    #[test]
    fn the_frame_aggregates_with_polars() {
        let counts = facts_frame(&dataset())
            .unwrap()
            .lazy()
            .group_by([col("domain"), col("kind")])
            .agg([len().alias("n")])
            .sort(["domain", "kind"], SortMultipleOptions::default())
            .collect()
            .unwrap();
        let kinds = counts.column("kind").unwrap().str().unwrap();
        let n = counts.column("n").unwrap().u32().unwrap();
        assert_eq!(kinds.get(0), Some("actual"));
        assert_eq!(n.get(0), Some(1));
        assert_eq!(kinds.get(1), Some("target"));
        assert_eq!(n.get(1), Some(2));
    }
}
