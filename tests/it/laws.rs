//! Laws of the core model, checked on random inputs.

use proptest::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use zhibiao_core::facts::{Context, Contract, parse_facts, write_facts};
use zhibiao_core::{Decimal, Direction, Indicator, Measure};
use zhibiao_tests::{all_units, arb_decimal, arb_fact, arb_unit};

/// `value × f_from / f_to` when it is an exact decimal (the divisor's mantissa is 2^a·5^b).
fn restate(value: Decimal, from: Decimal, to: Decimal) -> Option<Decimal> {
    let mut m = to.mantissa();
    let (mut multiplier, mut exponent) = (1i128, -to.exponent());
    while m % 2 == 0 {
        m /= 2;
        multiplier *= 5;
        exponent -= 1;
    }
    while m % 5 == 0 {
        m /= 5;
        multiplier *= 2;
        exponent -= 1;
    }
    if m != 1 {
        return None;
    }
    value.scaled(from.mantissa(), from.exponent())?.scaled(multiplier, exponent)
}

proptest! {
    /// Restating a value in another unit of the same dimension normalises to the same base value.
    #[test]
    fn restating_in_another_unit_keeps_the_base_value(value in arb_decimal(), from in arb_unit()) {
        for to in all_units().into_iter().filter(|u| u.dimension() == from.dimension()) {
            let Some(restated) = restate(value, from.factor(), to.factor()) else { continue };
            prop_assert_eq!(to.base(), from.base());
            prop_assert_eq!(to.to_base(restated), from.to_base(value), "{} {} vs {} {}", value, from.name(), restated, to.name());
            prop_assert_eq!(
                to.to_base(restated).map(Decimal::to_f64),
                from.to_base(value).map(Decimal::to_f64)
            );
        }
    }

    /// Writing valid facts and parsing them back gives the same facts.
    #[test]
    fn facts_round_trip_through_csv(facts in proptest::collection::vec(arb_fact(), 0..20)) {
        let facts: Vec<_> = facts
            .into_iter()
            .enumerate()
            .map(|(i, mut f)| {
                f.indicator = format!("{}{i}", f.indicator);
                f
            })
            .collect();
        let indicators: HashMap<String, Indicator> = facts
            .iter()
            .map(|f| {
                let i = Indicator {
                    id: f.indicator.clone(),
                    domain: f.indicator.split('.').next().unwrap_or("").to_owned(),
                    topic: String::new(),
                    name_zh: String::new(),
                    name_en: String::new(),
                    unit: f.unit.clone(),
                    measure: Measure::Level,
                    direction: Direction::Up,
                    description: String::new(), aliases: Vec::new(),
                };
                (i.id.clone(), i)
            })
            .collect();
        let mut bytes = Vec::new();
        write_facts(&facts, &mut bytes).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        let mut diagnostics = Vec::new();
        let context = Context { indicators: &indicators, contract: Contract::Panel, units: Default::default() };
        let parsed = parse_facts(Path::new("f.csv"), &text, &context, &mut diagnostics);
        prop_assert!(diagnostics.is_empty(), "{diagnostics:?}\n{text}");
        let parsed: Vec<_> = parsed.into_iter().map(|(f, _)| f).collect();
        prop_assert_eq!(parsed, facts);
    }
}

proptest! {
    /// Any bytes at all, read as a facts file or scanned as a report, get an answer, never a panic.
    #[test]
    fn the_loader_and_the_scanner_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400), text in "\\PC{0,200}") {
        let indicators: HashMap<String, Indicator> = HashMap::new();
        let context = Context { indicators: &indicators, contract: Contract::Panel, units: Default::default() };
        let mut diagnostics = Vec::new();
        zhibiao_core::facts::stream_facts(Path::new("f.csv"), bytes.as_slice(), &context, &mut diagnostics, |_| {});
        let chars = text.chars().count();
        for n in zhibiao_scan::numbers::scan(&text) {
            prop_assert!(n.start < n.end && n.end <= chars);
        }
        let _ = zhibiao_scan::provenance::numbers_in(&text);
    }

    /// Valid facts files with one byte changed still get an answer, never a panic.
    #[test]
    fn a_mutated_facts_file_never_panics(at in 0usize..200, byte in any::<u8>()) {
        let text = "indicator,region,year,kind,bound,value,value_hi,unit\ne.x0,421200,2024,target,range,6,6.5,%\n\"e.x0\",421200,2023,actual,eq,-1.5,,万元\n";
        let mut bytes = text.as_bytes().to_vec();
        let i = at % bytes.len();
        bytes[i] = byte;
        let indicators: HashMap<String, Indicator> = [("e.x0".to_owned(), Indicator {
            id: "e.x0".into(), domain: "e".into(), topic: String::new(), name_zh: String::new(), name_en: String::new(),
            unit: "%".into(), measure: Measure::Level, direction: Direction::Up, description: String::new(), aliases: Vec::new(),
        })].into_iter().collect();
        let context = Context { indicators: &indicators, contract: Contract::Panel, units: Default::default() };
        let mut diagnostics = Vec::new();
        zhibiao_core::facts::stream_facts(Path::new("f.csv"), bytes.as_slice(), &context, &mut diagnostics, |_| {});
        for d in &diagnostics {
            prop_assert!(d.to_string().starts_with("f.csv"));
        }
    }
}

proptest! {
    /// Any text, with or without a report's structure, gets candidates or a refusal, never a panic;
    /// offsets stay inside the text and quotes are what they point at.
    #[test]
    fn extraction_never_panics(text in "(一、2023年工作回顾\n|二、2024年工作安排\n|增长|下降|削减|左右|以上|以内|预计|力争|控制在|分别|均为|城乡|累计|由上年|从|到|多|\\[1\\]|2010年同2005年相比|比1997年|[0-9]{1,4}|\\.|%|万|亿|元|人|个|，|。|；|、|和|—|\\PC){0,60}") {
        for year in [None, Some(2023)] {
            let options = zhibiao_extract::Options { year_reviewed: year, ..Default::default() };
            if let Ok(found) = zhibiao_extract::extract(&text, &[], &options) {
                let chars: Vec<char> = text.chars().collect();
                for e in found {
                    prop_assert!(e.start <= e.end && e.end <= chars.len());
                    let quote: String = chars[e.start..e.end].iter().collect();
                    prop_assert_eq!(Some(quote.as_str()), e.fact.quote.as_deref());
                }
            }
        }
    }
}
