//! The economy domain (经济) of zhibiao: its indicator catalogue and the rule for what belongs to it.
//!
//! **Scope.** A statement of a government work report belongs to economy when it is about public finance, investment, industry, trade, finance (banking, loans), innovation (high-tech enterprises, R&D, patents), business environment, services, tourism revenue and visitors, digital economy, transport and logistics infrastructure, urban construction projects.
//! Statements outside this scope belong to another domain crate; a statement is curated in one
//! domain only.
//!
//! **Catalogue.** The indicators live in `crates/economy/indicators.csv` (compiled into the crate), one
//! row per concept with its id `economy.<snake_name>`, topic, Chinese and English names, canonical
//! unit, measure and direction. The same concept stated in two reports, even in other words or
//! another unit of the same dimension, is one indicator, so a target pairs with its result.
//!
//! # Example
//!
//! ```
//! use zhibiao_core::domain::{catalogue, Domain};
//! use zhibiao_economy::Economy;
//!
//! let indicators = catalogue(&Economy).unwrap();
//! assert_eq!(Economy.id(), "economy");
//! assert!(indicators.iter().all(|i| i.id.starts_with("economy.")));
//! ```

use zhibiao_core::Domain;

/// The economy domain; register it with `&Economy`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Economy;

impl Domain for Economy {
    fn id(&self) -> &'static str {
        "economy"
    }

    fn name_zh(&self) -> &'static str {
        "经济"
    }

    fn name_en(&self) -> &'static str {
        "Economy"
    }

    fn scope(&self) -> &'static str {
        "public finance, investment, industry, trade, finance (banking, loans), innovation (high-tech enterprises, R&D, patents), business environment, services, tourism revenue and visitors, digital economy, transport and logistics infrastructure, urban construction projects"
    }

    fn catalogue_path(&self) -> &'static str {
        "crates/economy/indicators.csv"
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
        let indicators = catalogue(&Economy).map_err(|d| d.to_string());
        assert!(indicators.as_ref().is_ok_and(|list| !list.is_empty()), "{indicators:?}");
    }
}
