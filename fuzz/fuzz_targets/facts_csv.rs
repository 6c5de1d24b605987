//! Arbitrary bytes as a facts file (curated and panel contracts) and as a catalogue: the loader must
//! answer with diagnostics, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use zhibiao_core::facts::{Context, Contract, Curated, parse_facts, stream_facts};
use zhibiao_core::{Direction, Indicator, Measure};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.csv");
    let indicator = |id: &str, unit: &str, measure| Indicator {
        id: id.into(),
        domain: "economy".into(),
        topic: "t".into(),
        name_zh: "z".into(),
        name_en: "e".into(),
        unit: unit.into(),
        measure,
        direction: Direction::Up,
        description: "d".into(),
    };
    let indicators: HashMap<String, Indicator> = [
        indicator("economy.gdp_growth", "%", Measure::Growth),
        indicator("economy.firms", "家", Measure::Count),
        indicator("economy.share", "%", Measure::Share),
        indicator("economy.rank", "位", Measure::Rank),
    ]
    .into_iter()
    .map(|i| (i.id.clone(), i))
    .collect();
    let regions: HashSet<String> = ["421200".to_owned()].into_iter().collect();
    let broken: HashSet<String> = HashSet::new();
    let sources: HashMap<String, String> = [("s".to_owned(), "地区生产总值增长6%，规上企业1073家。".to_owned())].into_iter().collect();
    let mut diagnostics = Vec::new();
    // the panel contract, streamed
    let panel = Context { indicators: &indicators, contract: Contract::Panel, units: Default::default() };
    stream_facts(path, data, &panel, &mut diagnostics, |_| {});
    // the curated contract, in memory
    if let Ok(text) = std::str::from_utf8(data) {
        let curated =
            Context {
                indicators: &indicators,
                contract: Contract::Curated(Curated { regions: &regions, sources: &sources, broken: &broken, domain: Some("economy") }),
                units: Default::default(),
            };
        parse_facts(path, text, &curated, &mut diagnostics);
        zhibiao_core::domain::parse_catalogue(path, text, zhibiao_core::domain::CatalogueKind::Panel, &mut diagnostics);
    }
    for d in &diagnostics {
        let _ = d.to_string();
    }
});
