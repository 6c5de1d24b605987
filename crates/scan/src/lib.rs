//! Reading the numbers a Chinese government work report writes.
//!
//! Everything zhibiao trusts about a fact rests on its text: a quote is a substring of a pinned
//! source, and the fact's value is one of the numbers the quote writes. This crate holds that text
//! scanning and nothing else — it knows no facts, indicators or files:
//!
//! * [`numbers`]: every number a text writes (Arabic, full-width and Chinese numerals), with its
//!   offsets and a class: a quantity, or the rule that makes it none (a year, an ordinal, section
//!   numbering, a name such as 5G);
//! * [`provenance`]: sha256 pinning, and the numbers a quote writes (`writes_magnitude`);
//! * [`Decimal`]: values exactly as written, normalised without float error;
//! * [`coverage`]: which quantities of a text no quote covers, with the reasons a curator gave.
//!
//! # Example: is a value written in its quote, and what else does the sentence state?
//!
//! ```
//! use zhibiao_scan::numbers::{Class, scan};
//! use zhibiao_scan::provenance::writes_magnitude;
//! use zhibiao_scan::Decimal;
//!
//! let quote = "粮食产量下降2.6%，全省第三";
//! let value: Decimal = "-2.6".parse().unwrap();
//! assert!(writes_magnitude(quote, value)); // a fall is a negative value; its magnitude is written
//! let quantities: Vec<String> =
//!     scan(quote).into_iter().filter(|n| n.class == Class::Quantity).map(|n| n.text).collect();
//! assert_eq!(quantities, ["2.6", "三"]);
//! ```

pub mod coverage;
mod decimal;
pub mod numbers;
pub mod provenance;

pub use decimal::{Decimal, DecimalError};
