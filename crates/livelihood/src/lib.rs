//! The livelihood domain (民生) of zhibiao: its indicator catalogue and the rule for what belongs to it.
//!
#![doc = concat!("**Scope.** A statement of a government work report belongs to livelihood when it is about ", include_str!("../scope.txt"), ".")]
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
use zhibiao_core::derive::{Derived, Formula};
use zhibiao_core::domain::Succession;

/// What belongs to this domain (the crate docs and [`Domain::scope`] say it from this one text).
const SCOPE: &str = include_str!("../scope.txt");

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
        SCOPE
    }

    fn catalogue_path(&self) -> &'static str {
        "crates/livelihood/indicators.csv"
    }

    fn catalogue_csv(&self) -> &'static str {
        include_str!("../indicators.csv")
    }

    fn derived(&self) -> &'static [Derived] {
        DERIVED
    }

    fn successions(&self) -> &'static [Succession] {
        // rural income: net income (纯收入) until 2013, disposable income (可支配收入) from 2014
        &[Succession {
            earlier: "livelihood.rural_net_income_growth",
            later: "livelihood.rural_income_growth",
            last_year: 2013,
            later_words: &["可支配"],
        }]
    }

    fn headline(&self) -> &'static [&'static str] {
        &[
            "livelihood.urban_new_jobs",
            "livelihood.urban_registered_unemployment_rate",
            "livelihood.cpi_growth",
            "livelihood.social_spending_share",
        ]
    }
}

/// The derived indicators of the domain: formula, unit and why an analyst wants each.
pub const DERIVED: &[Derived] = &[
    Derived {
        id: "livelihood.places_per_new_school",
        name_zh: "新建改建学校平均新增学位",
        name_en: "New school places per new or rebuilt school",
        unit: "个/所",
        formula: Formula::Ratio {
            numerator: "livelihood.school_places_added",
            denominator: "livelihood.schools_built",
            scale: 1.0,
        },
        reason: "Whether new schools are large enough to relieve crowded classes.",
    },
    Derived {
        id: "livelihood.entrepreneur_issue_resolution_share",
        name_zh: "民营企业家反映问题解决率",
        name_en: "Share of problems raised by private entrepreneurs that were solved",
        unit: "%",
        formula: Formula::Ratio {
            numerator: "livelihood.entrepreneur_issues_resolved_cumulative",
            denominator: "livelihood.entrepreneur_issues_collected_cumulative",
            scale: 100.0,
        },
        reason: "How far the government follows through on what businesses raise.",
    },
    Derived {
        id: "livelihood.reform_items_closed_share",
        name_zh: "改革事项结项率",
        name_en: "Share of reform items closed",
        unit: "%",
        formula: Formula::Ratio {
            numerator: "livelihood.reform_items_closed",
            denominator: "livelihood.reform_items",
            scale: 100.0,
        },
        reason: "How many announced reforms are finished, not only started.",
    },
    Derived {
        id: "livelihood.attendance_per_cultural_event",
        name_zh: "文化惠民活动场均参与人次",
        name_en: "Average attendance per cultural event",
        unit: "人次/场",
        formula: Formula::Ratio {
            numerator: "livelihood.cultural_event_attendance",
            denominator: "livelihood.cultural_events",
            scale: 1.0,
        },
        reason: "Reach per event: fewer, larger events and more, smaller ones show the same total differently.",
    },
    Derived {
        id: "livelihood.telecom_fraud_victim_rate_change",
        name_zh: "电诈预警后被骗率变化",
        name_en: "Change in the fraud victim rate after warnings",
        unit: "个百分点",
        formula: Formula::Difference {
            minuend: "livelihood.telecom_fraud_victim_rate_after_warning",
            subtrahend: "livelihood.telecom_fraud_victim_rate_after_warning_before",
            scale: 1.0,
        },
        reason: "The improvement the report claims (从23.4%下降至2.5%), as one figure.",
    },
    Derived {
        id: "livelihood.assistance_funds_per_recipient",
        name_zh: "救助对象人均救助资金",
        name_en: "Assistance funds per recipient",
        unit: "元/名",
        formula: Formula::Ratio {
            numerator: "livelihood.social_assistance_funds",
            denominator: "livelihood.social_assistance_recipients",
            scale: 1.0,
        },
        reason: "The generosity of social assistance, comparable with local incomes.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use zhibiao_core::domain::catalogue;

    #[test]
    fn the_catalogue_is_valid() {
        let indicators = catalogue(&Livelihood).map_err(|d| d.to_string());
        assert!(indicators.as_ref().is_ok_and(|list| !list.is_empty()), "{indicators:?}");
        let mut problems = Vec::new();
        zhibiao_core::domain::check_declarations(&Livelihood, &indicators.unwrap_or_default(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(DERIVED.len() >= 4);
    }
}
