//! The ecology domain (生态) of zhibiao: its indicator catalogue and the rule for what belongs to it.
//!
//! **Scope.** A statement of a government work report belongs to ecology when it is about environment, forests, water, air quality, rivers and lakes, urban greening, energy saving and emissions, flood-control works, waste sorting.
//! Statements outside this scope belong to another domain crate; a statement is curated in one
//! domain only.
//!
//! **Catalogue.** The indicators live in `crates/ecology/indicators.csv` (compiled into the crate), one
//! row per concept with its id `ecology.<snake_name>`, topic, Chinese and English names, canonical
//! unit, measure and direction. The same concept stated in two reports, even in other words or
//! another unit of the same dimension, is one indicator, so a target pairs with its result.
//!
//! # Example
//!
//! ```
//! use zhibiao_core::domain::{catalogue, Domain};
//! use zhibiao_ecology::Ecology;
//!
//! let indicators = catalogue(&Ecology).unwrap();
//! assert_eq!(Ecology.id(), "ecology");
//! assert!(indicators.iter().all(|i| i.id.starts_with("ecology.")));
//! ```

use zhibiao_core::Domain;

/// The ecology domain; register it with `&Ecology`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Ecology;

impl Domain for Ecology {
    fn id(&self) -> &'static str {
        "ecology"
    }

    fn name_zh(&self) -> &'static str {
        "生态"
    }

    fn name_en(&self) -> &'static str {
        "Ecology"
    }

    fn scope(&self) -> &'static str {
        "environment, forests, water, air quality, rivers and lakes, urban greening, energy saving and emissions, flood-control works, waste sorting"
    }

    fn catalogue_path(&self) -> &'static str {
        "crates/ecology/indicators.csv"
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
        let indicators = catalogue(&Ecology).map_err(|d| d.to_string());
        assert!(indicators.as_ref().is_ok_and(|list| !list.is_empty()), "{indicators:?}");
    }
}
