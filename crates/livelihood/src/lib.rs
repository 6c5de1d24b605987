//! The livelihood domain (民生) of zhibiao: its indicator catalogue and the rule for what belongs to it.
//!
//! **Scope.** A statement of a government work report belongs to livelihood when it is about jobs, incomes, prices (CPI), education, health, elderly care, housing, social security and assistance, safety (production safety, public security, fraud), culture and sport for residents, public services and government service quality.
//! Statements outside this scope belong to another domain crate; a statement is curated in one
//! domain only.
//!
//! **Catalogue.** The indicators live in `crates/livelihood/indicators.csv` (compiled into the crate), one
//! row per concept with its id `livelihood.<snake_name>`, topic, Chinese and English names, canonical
//! unit, measure and direction. The same concept stated in two reports, even in other words or
//! another unit of the same dimension, is one indicator, so a target pairs with its result.
//!
//! # Example
//!
//! ```
//! use zhibiao_core::domain::{catalogue, Domain};
//! use zhibiao_livelihood::Livelihood;
//!
//! let indicators = catalogue(&Livelihood).unwrap();
//! assert_eq!(Livelihood.id(), "livelihood");
//! assert!(indicators.iter().all(|i| i.id.starts_with("livelihood.")));
//! ```

use zhibiao_core::Domain;

/// The livelihood domain; register it with `&Livelihood`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Livelihood;

impl Domain for Livelihood {
    fn id(&self) -> &'static str {
        "livelihood"
    }

    fn name_zh(&self) -> &'static str {
        "民生"
    }

    fn name_en(&self) -> &'static str {
        "Livelihood"
    }

    fn scope(&self) -> &'static str {
        "jobs, incomes, prices (CPI), education, health, elderly care, housing, social security and assistance, safety (production safety, public security, fraud), culture and sport for residents, public services and government service quality"
    }

    fn catalogue_path(&self) -> &'static str {
        "crates/livelihood/indicators.csv"
    }

    fn catalogue_csv(&self) -> &'static str {
        include_str!("../indicators.csv")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhibiao_core::domain::catalogue;

    #[test]
    fn the_catalogue_is_valid() {
        let indicators = catalogue(&Livelihood).map_err(|d| d.to_string());
        assert!(indicators.as_ref().is_ok_and(|list| !list.is_empty()), "{indicators:?}");
    }
}
