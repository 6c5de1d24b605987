//! The economy domain (经济) of zhibiao: its indicator catalogue and the rule for what belongs to it.
//!
#![doc = concat!("**Scope.** A statement of a government work report belongs to economy when it is about ", include_str!("../scope.txt"), ".")]
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

use std::collections::HashSet;
use std::path::Path;
use zhibiao_core::derive::{Derived, Formula};
use zhibiao_core::{Decimal, Diagnostic, Domain, Fact, Indicator, Location, Measure};

/// What belongs to this domain (the crate docs and [`Domain::scope`] say it from this one text).
const SCOPE: &str = include_str!("../scope.txt");

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
        SCOPE
    }

    fn catalogue_path(&self) -> &'static str {
        "crates/economy/indicators.csv"
    }

    fn catalogue_csv(&self) -> &'static str {
        include_str!("../indicators.csv")
    }

    /// A growth rate (measure `growth`, in %) must lie above −100% (nothing falls by more than all of
    /// it) and at most 1000%; beyond that the figure is almost surely a level typed as a growth.
    fn check(&self, indicators: &[Indicator], facts: &[(Fact, u64)], path: &Path, out: &mut Vec<Diagnostic>) {
        let growth: HashSet<&str> =
            indicators.iter().filter(|i| i.measure == Measure::Growth).map(|i| i.id.as_str()).collect();
        let low = Decimal::new(-100, 0);
        let high = Decimal::new(1000, 0);
        for (f, line) in facts {
            if growth.contains(f.indicator.as_str()) && f.unit == "%" && (f.value <= low || f.value > high) {
                out.push(Diagnostic::new(
                    Location::at(path, *line, 6),
                    format!(
                        "growth {}% of \"{}\" is implausible (expected above -100% and at most 1000%)",
                        f.value, f.indicator
                    ),
                ));
            }
        }
    }

    fn derived(&self) -> &'static [Derived] {
        DERIVED
    }

    fn headline(&self) -> &'static [&'static str] {
        &[
            "economy.gdp_growth",
            "economy.industrial_value_added_growth",
            "economy.fixed_asset_investment_growth",
            "economy.retail_sales_growth",
            "economy.general_budget_revenue_growth",
            "economy.foreign_trade_growth",
        ]
    }
}

/// The derived indicators of the domain: formula, unit and why an analyst wants each.
pub const DERIVED: &[Derived] = &[
    Derived {
        id: "economy.investment_per_groundbreaking_project",
        name_zh: "集中开工项目平均投资",
        name_en: "Average investment per project started in the groundbreaking rounds",
        unit: "亿元/个",
        formula: Formula::Ratio {
            numerator: "economy.concentrated_groundbreaking_investment",
            denominator: "economy.concentrated_groundbreaking_projects",
            scale: 1e-8,
        },
        reason: "Shows whether the projects started are getting larger or smaller, which the count alone hides.",
    },
    Derived {
        id: "economy.investment_per_key_project",
        name_zh: "省市重点项目平均完成投资",
        name_en: "Average investment completed per provincial and municipal key project",
        unit: "亿元/个",
        formula: Formula::Ratio {
            numerator: "economy.key_projects_investment",
            denominator: "economy.key_projects",
            scale: 1e-8,
        },
        reason: "The depth of investment in the key-project list, comparable across years with different list lengths.",
    },
    Derived {
        id: "economy.value_per_signed_industrial_project",
        name_zh: "亿元以上工业项目平均签约额",
        name_en: "Average contract value per signed industrial project of 100 million yuan or more",
        unit: "亿元/个",
        formula: Formula::Ratio {
            numerator: "economy.signed_industrial_projects_100m_value",
            denominator: "economy.signed_industrial_projects_100m",
            scale: 1e-8,
        },
        reason: "Separates the size of investment attracted from the number of deals signed.",
    },
    Derived {
        id: "economy.output_gain_per_growth_point_project",
        name_zh: "新增长点项目平均新增产值",
        name_en: "Average output added per new growth-point project",
        unit: "亿元/个",
        formula: Formula::Ratio {
            numerator: "economy.new_growth_point_projects_output_increase",
            denominator: "economy.new_growth_point_projects",
            scale: 1e-8,
        },
        reason: "How much each project put into production adds to industrial output.",
    },
    Derived {
        id: "economy.exempt_application_funds_per_firm",
        name_zh: "免申即享户均资金",
        name_en: "Apply-free policy funds per firm reached",
        unit: "万元/家",
        formula: Formula::Ratio {
            numerator: "economy.exempt_application_funds",
            denominator: "economy.exempt_application_firms",
            scale: 1e-4,
        },
        reason: "The average support a firm received without applying, a measure of the policy depth behind the headline count.",
    },
    Derived {
        id: "economy.offshore_park_manufacturing_conversion",
        name_zh: "离岸科创园签约企业在咸设厂比例",
        name_en: "Share of offshore innovation park firms with a manufacturing base in Xianning",
        unit: "%",
        formula: Formula::Ratio {
            numerator: "economy.offshore_park_manufacturing_bases",
            denominator: "economy.offshore_park_signed_enterprises",
            scale: 100.0,
        },
        reason: "Whether signing firms in Wuhan turns into production in Xianning, the purpose of the park.",
    },
    Derived {
        id: "economy.new_share_of_industrial_enterprises",
        name_zh: "新增规上工业企业占比",
        name_en: "New enterprises above designated size as a share of all",
        unit: "%",
        formula: Formula::Ratio {
            numerator: "economy.industrial_enterprises_above_scale_new",
            denominator: "economy.industrial_enterprises_above_scale",
            scale: 100.0,
        },
        reason: "The turnover of the industrial base: how much of it is new this year.",
    },
    Derived {
        id: "economy.high_tech_enterprises_growth",
        name_zh: "高新技术企业数量增长",
        name_en: "Growth in the number of high-tech enterprises",
        unit: "%",
        formula: Formula::Growth { indicator: "economy.high_tech_enterprises" },
        reason: "The pace of the innovation base, comparable across cities of different size.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use zhibiao_core::domain::catalogue;

    #[test]
    fn the_catalogue_is_valid() {
        let indicators = catalogue(&Economy).map_err(|d| d.to_string());
        assert!(indicators.as_ref().is_ok_and(|list| !list.is_empty()), "{indicators:?}");
        let mut problems = Vec::new();
        zhibiao_core::domain::check_declarations(&Economy, &indicators.unwrap_or_default(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(DERIVED.len() >= 4);
    }

    #[test]
    fn an_implausible_growth_is_located() {
        let indicators = catalogue(&Economy).unwrap();
        let fact = |value: &str| Fact {
            indicator: "economy.gdp_growth".into(),
            region: "421200".into(),
            year: 2023,
            kind: zhibiao_core::Kind::Actual,
            bound: zhibiao_core::Bound::Eq,
            value: value.parse().unwrap(),
            value_hi: None,
            unit: "%".into(),
            source: None,
            quote: None,
            note: None,
        };
        let mut out = Vec::new();
        Economy.check(
            &indicators,
            &[(fact("1.6"), 2), (fact("-100"), 3), (fact("1600"), 4)],
            Path::new("e.csv"),
            &mut out,
        );
        assert_eq!(
            out.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "e.csv:3:6: growth -100% of \"economy.gdp_growth\" is implausible (expected above -100% and at most 1000%)",
                "e.csv:4:6: growth 1600% of \"economy.gdp_growth\" is implausible (expected above -100% and at most 1000%)",
            ]
        );
    }
}
