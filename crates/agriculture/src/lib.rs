//! The agriculture domain (农业农村) of zhibiao: its indicator catalogue and the rule for what belongs to it.
//!
#![doc = concat!("**Scope.** A statement of a government work report belongs to agriculture when it is about ", include_str!("../scope.txt"), ".")]
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

use std::path::Path;
use zhibiao_core::assess::normalise;
use zhibiao_core::derive::{Derived, Formula, compute};
use zhibiao_core::units::{Normalise, Units};
use zhibiao_core::{Diagnostic, Domain, Fact, Indicator, Location};

/// What belongs to this domain (the crate docs and [`Domain::scope`] say it from this one text).
const SCOPE: &str = include_str!("../scope.txt");

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
        SCOPE
    }

    fn catalogue_path(&self) -> &'static str {
        "crates/agriculture/indicators.csv"
    }

    fn catalogue_csv(&self) -> &'static str {
        include_str!("../indicators.csv")
    }

    /// Grain yield (output ÷ sown area) must be plausible for southern Hubei: 150–1000 公斤/亩 for
    /// every year and kind where both are stated. An implausible yield almost always means a unit
    /// slip (万吨 read as 亿斤, 亩 as 万亩).
    fn check(&self, _indicators: &[Indicator], facts: &[(Fact, u64)], path: &Path, out: &mut Vec<Diagnostic>) {
        let plain: Vec<Fact> = facts.iter().map(|(f, _)| f.clone()).collect();
        let normalised = normalise(&plain, Units::Registry, Normalise::Exact);
        for y in compute(&DERIVED[..1], &normalised) {
            if !(150.0..=1000.0).contains(&y.value) {
                let line = facts
                    .iter()
                    .find(|(f, _)| f.indicator == "agriculture.grain_output" && f.year == y.year && f.kind == y.kind)
                    .map_or(0, |(_, line)| *line);
                out.push(Diagnostic::new(
                    Location::at(path, line, 6),
                    format!(
                        "grain yield {} {} is {:.1} 公斤/亩 ({}), outside the plausible 150–1000; check the units of output and area",
                        y.year,
                        y.kind,
                        y.value,
                        y.inputs.join(" ÷ ")
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
            "agriculture.grain_output",
            "agriculture.grain_area",
            "agriculture.high_standard_farmland_built",
            "agriculture.agricultural_output_growth",
        ]
    }
}

/// The derived indicators of the domain: formula, unit and why an analyst wants each.
pub const DERIVED: &[Derived] = &[
    Derived {
        id: "agriculture.grain_yield_per_mu",
        name_zh: "粮食单产",
        name_en: "Grain yield per mu",
        unit: "公斤/亩",
        formula: Formula::Ratio {
            numerator: "agriculture.grain_output",
            denominator: "agriculture.grain_area",
            scale: 1.0,
        },
        reason: "Separates yield from area: output can rise only because more land was sown.",
    },
    Derived {
        id: "agriculture.investment_per_rural_construction_project",
        name_zh: "乡村建设项目平均投资",
        name_en: "Average investment per rural construction project",
        unit: "万元/个",
        formula: Formula::Ratio {
            numerator: "agriculture.rural_construction_investment",
            denominator: "agriculture.rural_construction_projects",
            scale: 1e-4,
        },
        reason: "How large rural construction projects are, which the project count hides.",
    },
    Derived {
        id: "agriculture.higher_level_share_of_rural_construction",
        name_zh: "乡村建设投资中上级资金占比",
        name_en: "Share of rural construction investment funded from higher levels",
        unit: "%",
        formula: Formula::Ratio {
            numerator: "agriculture.rural_construction_higher_level_funds",
            denominator: "agriculture.rural_construction_investment",
            scale: 100.0,
        },
        reason: "How much rural construction depends on transfers from the province and the centre.",
    },
    Derived {
        id: "agriculture.persons_per_monitored_household",
        name_zh: "新识别监测对象户均人口",
        name_en: "People per newly monitored household",
        unit: "人/户",
        formula: Formula::Ratio {
            numerator: "agriculture.monitored_persons_new",
            denominator: "agriculture.monitored_households_new",
            scale: 1.0,
        },
        reason: "The size of households at risk of falling back into poverty, which shapes the support they need.",
    },
    Derived {
        id: "agriculture.linkage_funds_per_project",
        name_zh: "衔接资金项目平均资金",
        name_en: "Average linkage funds per poverty-consolidation project",
        unit: "万元/个",
        formula: Formula::Ratio {
            numerator: "agriculture.poverty_linkage_funds",
            denominator: "agriculture.poverty_consolidation_projects",
            scale: 1e-4,
        },
        reason: "How thinly the linkage funds are spread across projects.",
    },
    Derived {
        id: "agriculture.national_share_of_leading_agri_enterprises",
        name_zh: "国家级龙头企业占比",
        name_en: "Share of national-level enterprises among leading agricultural enterprises",
        unit: "%",
        formula: Formula::Ratio {
            numerator: "agriculture.leading_agri_enterprises_national",
            denominator: "agriculture.leading_agri_enterprises_city_and_above",
            scale: 100.0,
        },
        reason: "The quality of the agribusiness base, not just its size.",
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use zhibiao_core::domain::catalogue;

    #[test]
    fn the_catalogue_is_valid() {
        let indicators = catalogue(&Agriculture).map_err(|d| d.to_string());
        assert!(indicators.as_ref().is_ok_and(|list| !list.is_empty()), "{indicators:?}");
        let mut problems = Vec::new();
        zhibiao_core::domain::check_declarations(&Agriculture, &indicators.unwrap_or_default(), &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(DERIVED.len() >= 4);
    }

    #[test]
    fn an_implausible_grain_yield_is_located() {
        let fact = |indicator: &str, value: &str, unit: &str| Fact {
            indicator: indicator.into(),
            region: "421200".into(),
            year: 2023,
            kind: zhibiao_core::Kind::Actual,
            bound: zhibiao_core::Bound::Eq,
            value: value.parse().unwrap(),
            value_hi: None,
            unit: unit.into(),
            source: None,
            quote: None,
            note: None,
        };
        let facts = vec![
            (fact("agriculture.grain_output", "24.16", "万吨"), 7),
            (fact("agriculture.grain_area", "298.41", "万亩"), 8),
        ];
        let mut out = Vec::new();
        Agriculture.check(&[], &facts, Path::new("a.csv"), &mut out);
        assert_eq!(
            out.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "a.csv:7:6: grain yield 2023 actual is 81.0 公斤/亩 (agriculture.grain_output 2023 actual = 24.16 万吨 ÷ agriculture.grain_area 2023 actual = 298.41 万亩), outside the plausible 150–1000; check the units of output and area"
            ]
        );
        let fine = vec![
            (fact("agriculture.grain_output", "24.16", "亿斤"), 7),
            (fact("agriculture.grain_area", "298.41", "万亩"), 8),
        ];
        out.clear();
        Agriculture.check(&[], &fine, Path::new("a.csv"), &mut out);
        assert!(out.is_empty());
    }
}
