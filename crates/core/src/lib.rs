//! The shared model of zhibiao and its CSV contract: regions, sources, indicators and facts; the unit
//! registry; the assessment rules; reading, validating and writing a dataset folder.
//!
//! zhibiao turns Chinese government work reports (政府工作报告) into a dataset of typed, quoted
//! facts. This crate defines what a fact is and what makes a dataset valid. It knows no domain: the
//! domain crates (economy, ecology, …) implement [`Domain`] and programs pass the list of domains they
//! register to [`dataset::load`].
//!
//! # Example: validate a dataset folder
//!
//! ```
//! use zhibiao_core::{dataset, Domain};
//!
//! struct Economy;
//! impl Domain for Economy {
//!     fn id(&self) -> &'static str { "economy" }
//!     fn name_zh(&self) -> &'static str { "经济" }
//!     fn name_en(&self) -> &'static str { "Economy" }
//!     fn scope(&self) -> &'static str { "output, investment, public finance, trade" }
//!     fn catalogue_path(&self) -> &'static str { "economy/indicators.csv" }
//!     fn catalogue_csv(&self) -> &'static str {
//!         "id,domain,topic,name_zh,name_en,unit,measure,direction,description\n\
//!          economy.gdp_growth,economy,output,地区生产总值增长,GDP growth,%,growth,up,Real GDP growth.\n"
//!     }
//! }
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = std::env::temp_dir().join(format!("zhibiao-core-doc-{}", std::process::id()));
//! std::fs::create_dir_all(dir.join("sources"))?;
//! std::fs::create_dir_all(dir.join("facts"))?;
//! let report = "地区生产总值增长6%，规上工业增加值增长7%左右。";
//! std::fs::write(dir.join("sources/r.txt"), report)?;
//! let sha = zhibiao_scan::provenance::sha256_hex(report.as_bytes());
//! std::fs::write(dir.join("sources.csv"), format!(
//!     "id,title,publisher,delivered,year_reviewed,year_planned,file,sha256\n\
//!      r,报告,市人民政府,,2023,2024,r.txt,{sha}\n"))?;
//! std::fs::write(dir.join("regions.csv"),
//!     "code,name_zh,name_en,level,parent\n421200,咸宁市,Xianning,city,\n")?;
//! std::fs::write(dir.join("facts/economy.csv"),
//!     "indicator,region,year,kind,bound,value,value_hi,unit,source,quote,note\n\
//!      economy.gdp_growth,421200,2024,target,eq,6,,%,r,地区生产总值增长6%,\n")?;
//!
//! let data = dataset::load(&dir, &[&Economy]).map_err(|d| d.to_string())?;
//! assert_eq!(data.facts[0].value.to_string(), "6");
//!
//! // A value the quote does not write is located and explained.
//! std::fs::write(dir.join("facts/economy.csv"),
//!     "indicator,region,year,kind,bound,value,value_hi,unit,source,quote,note\n\
//!      economy.gdp_growth,421200,2024,target,eq,6.5,,%,r,地区生产总值增长6%,\n")?;
//! let errors = dataset::load(&dir, &[&Economy]).unwrap_err();
//! assert!(errors.to_string().ends_with(
//!     "facts/economy.csv:2:10: value 6.5 is not written in the quote \"地区生产总值增长6%\""));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok(()) }
//! ```
//!
//! # Map
//!
//! * [`model`]: [`Region`], [`Source`], [`Indicator`], [`Fact`] and their vocabularies
//!   ([`Kind`], [`Bound`], [`Measure`], [`Direction`]).
//! * [`units`]: the unit registry (dimension, base unit, exact factor).
//! * [`Decimal`]: values exactly as written, normalised without float error.
//! * [`facts`]: the facts CSV contract: [`facts::parse_facts`], [`facts::write_facts`].
//! * [`domain`]: the [`Domain`] trait and catalogue parsing.
//! * [`dataset`]: loading and validating a whole `data/` folder (each quote in its pinned source and
//!   writing its value, through `zhibiao_scan::provenance`); [`coverage`] of its sources.
//! * [`derive`]: derived indicators (formula, unit, reason) and their computation.
//! * [`assess`]: the assessment rules (sense, gap, tolerance, status, ambition) as scalar functions.
//! * [`diagnostic`], [`text`], [`table`]: located messages, decoding, CSV tables.
//! * [`output`]: clean numbers, formula-safe cells, all-or-nothing writes; [`fxhash`] for row lookups.
//!
//! Two jobs live in their own crates: `zhibiao-scan` reads the numbers a text writes (and defines
//! [`Decimal`], re-exported here because every fact's value is one), and `zhibiao-panel` streams an
//! analyst's panel into integer-coded columns.

pub mod assess;
pub mod corpus;
pub mod coverage;
pub mod dataset;
pub mod derive;
pub mod diagnostic;
pub mod domain;
pub mod facts;
pub mod fxhash;
pub mod model;
pub mod output;
pub mod table;
pub mod text;
pub mod units;

pub use diagnostic::{Diagnostic, Diagnostics, Location};
pub use domain::Domain;
pub use model::{
    AnchoredFact, Bound, Direction, Fact, FactKey, Indicator, Kind, Measure, Method, Region, RegionLevel, Source,
    StatedVerdict, Verdict,
};
pub use zhibiao_scan::{Decimal, DecimalError};
