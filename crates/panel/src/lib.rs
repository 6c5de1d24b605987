//! A panel of facts held with integer codes: the engine's input, lean enough for national-scale
//! panels (16.5 million facts in 24 to 32 bytes each).
//!
//! Indicators, regions and domains are coded by their rank in sorted order, so sorting by code is
//! sorting by name (the order every output needs). [`PanelBuilder`] takes validated rows one at a
//! time — straight from `zhibiao_core::facts::stream_facts`, so a panel file is never held in memory as
//! text — and detects duplicate keys when it is finished.
//!
//! ```
//! use zhibiao_panel::PanelBuilder;
//! use zhibiao_core::units::{Normalise, Units};
//! use zhibiao_core::{Bound, Decimal, Fact, Kind};
//! # use zhibiao_core::{Direction, Indicator, Measure};
//! # let gdp = Indicator { id: "economy.gdp".into(), domain: "economy".into(), topic: String::new(),
//! #     name_zh: String::new(), name_en: String::new(), unit: "亿元".into(), measure: Measure::Level,
//! #     direction: Direction::Up, description: String::new(), aliases: Vec::new() };
//! let mut builder = PanelBuilder::new(vec![gdp], Normalise::Exact);
//! let fact = |kind, value: &str, unit: &str| Fact {
//!     indicator: "economy.gdp".into(), region: "421200".into(), year: 2023, kind, bound: Bound::Eq,
//!     value: value.parse().unwrap(), value_hi: None, unit: unit.into(), source: None, quote: None, note: None,
//! };
//! builder.push_fact(&fact(Kind::Target, "1.1", "亿元"), Units::Registry, 2).unwrap();
//! builder.push_fact(&fact(Kind::Actual, "11000", "万元"), Units::Registry, 3).unwrap();
//! let panel = builder.finish(std::path::Path::new("facts.csv")).unwrap();
//! assert_eq!(panel.len(), 2);
//! assert_eq!([panel.base(0), panel.base(1)], [110_000_000.0, 110_000_000.0]);
//! ```
//!
//! [`load_panel`] is the whole job of reading a panel file: the catalogue and optional units table
//! validated first, then the facts streamed on every core with the facts contract's checks (every
//! problem located by file, line and column), rows pushed into per-thread builders and absorbed in
//! file order.

mod load;
mod panel;

pub use load::{UNITS, UnitTable, load_panel, load_panel_records, parse_units};
pub use panel::{
    Cells, Coded, EMPTY, Fields, MAX_INDICATORS, MAX_REGIONS, MAX_UNITS, MAX_YEAR, Panel, PanelBuilder, PanelError,
    bound_code, direction_code, kind_code,
};
