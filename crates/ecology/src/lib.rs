//! The ecology domain (生态) of zhibiao: its indicator catalogue and the rule for what belongs to it.
//!
#![doc = concat!("**Scope.** A statement of a government work report belongs to ecology when it is about ", include_str!("../scope.txt"), ".")]
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
use zhibiao_core::derive::{Derived, Formula};

/// What belongs to this domain (the crate docs and [`Domain::scope`] say it from this one text).
const SCOPE: &str = include_str!("../scope.txt");

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
        SCOPE
    }

    fn catalogue_path(&self) -> &'static str {
        "crates/ecology/indicators.csv"
    }

    fn catalogue_csv(&self) -> &'static str {
        include_str!("../indicators.csv")
    }

    fn derived(&self) -> &'static [Derived] {
        DERIVED
    }

    fn headline(&self) -> &'static [&'static str] {
        &[
            "ecology.air_good_days_ratio",
            "ecology.surface_water_good_quality_ratio",
            "ecology.afforestation",
            "ecology.urban_green_space_ratio",
        ]
    }
}

/// The derived indicators of the domain: formula, unit and why an analyst wants each.
pub const DERIVED: &[Derived] = &[
    Derived {
        id: "ecology.carbon_sink_per_project",
        name_zh: "林业碳汇项目平均年碳汇量",
        name_en: "Average annual carbon sink per forestry carbon-sink project",
        unit: "万吨/个",
        formula: Formula::Ratio {
            numerator: "ecology.forestry_carbon_sink_annual",
            denominator: "ecology.forestry_carbon_sink_projects",
            scale: 1e-7,
        },
        reason: "The scale of each forestry carbon project, which decides whether it can be traded.",
    },
    Derived {
        id: "ecology.investment_per_basin_project",
        name_zh: "流域综合治理重点项目平均投资",
        name_en: "Average investment per basin-governance key project",
        unit: "亿元/个",
        formula: Formula::Ratio {
            numerator: "ecology.basin_governance_investment",
            denominator: "ecology.basin_governance_key_projects",
            scale: 1e-8,
        },
        reason: "The weight of each basin-governance project in the plan.",
    },
    Derived {
        id: "ecology.outfalls_in_rectification_plan",
        name_zh: "长江入河排污口整治计划数",
        name_en: "Yangtze sewage outfalls in the rectification plan (implied)",
        unit: "个",
        formula: Formula::Ratio {
            numerator: "ecology.yangtze_outfalls_rectified",
            denominator: "ecology.outfall_rectification_target_completion",
            scale: 100.0,
        },
        reason: "The size of the whole task, implied by the outfalls rectified and the completion rate: what is left to do.",
    },
    Derived {
        id: "ecology.green_factories_new_total",
        name_zh: "新增国家级和省级绿色工厂",
        name_en: "New national and provincial green factories",
        unit: "家",
        formula: Formula::Sum {
            terms: &["ecology.green_factories_national", "ecology.green_factories_provincial"],
            scale: 1.0,
        },
        reason: "The total effort on green manufacturing, whichever level certifies it.",
    },
    Derived {
        id: "ecology.pocket_parks_growth",
        name_zh: "口袋公园建设数量增长",
        name_en: "Growth in pocket parks built",
        unit: "%",
        formula: Formula::Growth { indicator: "ecology.pocket_parks_built" },
        reason: "Whether urban greening accelerates from one year to the next.",
    },
    Derived {
        id: "ecology.sewage_pipes_growth",
        name_zh: "污水管网建设长度增长",
        name_en: "Growth in sewage pipes built",
        unit: "%",
        formula: Formula::Growth { indicator: "ecology.sewage_pipes_built" },
        reason: "Whether pollution-control works accelerate from one year to the next.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use zhibiao_core::domain::catalogue;

    #[test]
    fn the_catalogue_is_valid() {
        let indicators = catalogue(&Ecology).map_err(|d| d.to_string());
        assert!(indicators.as_ref().is_ok_and(|list| !list.is_empty()), "{indicators:?}");
        let mut problems = Vec::new();
        zhibiao_core::domain::check_declarations(&Ecology, &indicators.unwrap_or_default(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(DERIVED.len() >= 4);
    }
}
