//! The agriculture domain (农业农村) of zhibiao: its indicator catalogue and the rule for what belongs to it.
//!
//! **Scope.** A statement of a government work report belongs to agriculture when it is about grain, farmland, livestock, tea and other farm products, agricultural output value, rural roads and rural construction, rural water and sanitation, villages, poverty-alleviation results (监测对象, 脱贫).
//! Statements outside this scope belong to another domain crate; a statement is curated in one
//! domain only.
//!
//! **Catalogue.** The indicators live in `crates/agriculture/indicators.csv` (compiled into the crate), one
//! row per concept with its id `agriculture.<snake_name>`, topic, Chinese and English names, canonical
//! unit, measure and direction. The same concept stated in two reports, even in other words or
//! another unit of the same dimension, is one indicator, so a target pairs with its result.
//!
//! # Example
//!
//! ```
//! use zhibiao_core::domain::{catalogue, Domain};
//! use zhibiao_agriculture::Agriculture;
//!
//! let indicators = catalogue(&Agriculture).unwrap();
//! assert_eq!(Agriculture.id(), "agriculture");
//! assert!(indicators.iter().all(|i| i.id.starts_with("agriculture.")));
//! ```

use zhibiao_core::Domain;

/// The agriculture domain; register it with `&Agriculture`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Agriculture;

impl Domain for Agriculture {
    fn id(&self) -> &'static str {
        "agriculture"
    }

    fn name_zh(&self) -> &'static str {
        "农业农村"
    }

    fn name_en(&self) -> &'static str {
        "Agriculture"
    }

    fn scope(&self) -> &'static str {
        "grain, farmland, livestock, tea and other farm products, agricultural output value, rural roads and rural construction, rural water and sanitation, villages, poverty-alleviation results (监测对象, 脱贫)"
    }

    fn catalogue_path(&self) -> &'static str {
        "crates/agriculture/indicators.csv"
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
        let indicators = catalogue(&Agriculture).map_err(|d| d.to_string());
        assert!(indicators.as_ref().is_ok_and(|list| !list.is_empty()), "{indicators:?}");
    }
}
