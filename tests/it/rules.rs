//! One table test per validation rule of the facts contract: good and bad input, with the exact
//! message and location.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use zhibiao_core::facts::{Context, Contract, Curated, parse_facts};
use zhibiao_core::{Direction, Indicator, Measure};

const HEADER: &str = "indicator,region,year,kind,bound,value,value_hi,unit,source,quote,note";
const SOURCE: &str = "地区生产总值增长6%。规上工业企业1073家。粮食产量24.16亿斤。外贸占比35.5%。增速居全省第三。增长6%—6.5%。事故起数下降26.8%。";

fn indicator(id: &str, unit: &str, measure: Measure) -> (String, Indicator) {
    let i = Indicator {
        id: id.to_owned(),
        domain: id.split('.').next().unwrap_or("").to_owned(),
        topic: "t".to_owned(),
        name_zh: "z".to_owned(),
        name_en: "e".to_owned(),
        unit: unit.to_owned(),
        measure,
        direction: Direction::Up,
        description: "d".to_owned(),
        aliases: Vec::new(),
    };
    (id.to_owned(), i)
}

/// Parses `rows` (after the header) as curated economy facts and compares every message.
fn check(rows: &str, expected: &[&str]) {
    let indicators: HashMap<String, Indicator> = [
        indicator("economy.gdp_growth", "%", Measure::Growth),
        indicator("economy.enterprises", "家", Measure::Count),
        indicator("economy.trade_share", "%", Measure::Share),
        indicator("economy.growth_rank", "位", Measure::Rank),
        indicator("economy.accidents", "%", Measure::Growth),
        indicator("agriculture.grain_output", "万吨", Measure::Level),
    ]
    .into_iter()
    .collect();
    let regions: HashSet<String> = ["421200".to_owned(), "421281".to_owned()].into_iter().collect();
    let sources: HashMap<String, String> = [("r".to_owned(), SOURCE.to_owned())].into_iter().collect();
    let broken = HashSet::new();
    let context = Context {
        indicators: &indicators,
        contract: Contract::Curated(Curated {
            regions: &regions,
            sources: &sources,
            broken: &broken,
            domain: Some("economy"),
        }),
        units: Default::default(),
    };
    let mut diagnostics = Vec::new();
    let text = format!("{HEADER}\n{rows}");
    parse_facts(Path::new("economy.csv"), &text, &context, &mut diagnostics);
    let got: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(got, expected, "rows:\n{rows}");
}

const GOOD: &str = "economy.gdp_growth,421200,2024,target,eq,6,,%,r,地区生产总值增长6%,\n";

#[test]
fn good_rows_pass() {
    check(GOOD, &[]);
    check("economy.enterprises,421200,2023,actual,eq,1073,,家,r,规上工业企业1073家,\n", &[]);
    check("economy.accidents,421200,2023,actual,eq,-26.8,,%,r,事故起数下降26.8%,\n", &[]);
    check("economy.gdp_growth,421200,2024,target,range,6,6.5,%,r,增长6%—6.5%,\n", &[]);
    check("economy.growth_rank,421281,2023,actual,eq,3,,位,r,增速居全省第三,in Hubei\n", &[]);
    check("economy.trade_share,421200,2023,actual,eq,35.5,,%,r,外贸占比35.5%,\n", &[]);
}

#[test]
fn header_must_be_complete_in_curated_data() {
    check_header(
        "indicator,region,year,kind,bound,value,unit\n",
        &[
            "economy.csv:1: missing column \"value_hi\"; curated facts have every column",
            "economy.csv:1: missing column \"source\"; curated facts have every column",
            "economy.csv:1: missing column \"quote\"; curated facts have every column",
            "economy.csv:1: missing column \"note\"; curated facts have every column",
        ],
    );
}

fn check_header(text: &str, expected: &[&str]) {
    let indicators = HashMap::new();
    let (sources, regions, broken) = (HashMap::new(), HashSet::new(), HashSet::new());
    let context = Context {
        indicators: &indicators,
        contract: Contract::Curated(Curated {
            regions: &regions,
            sources: &sources,
            broken: &broken,
            domain: Some("economy"),
        }),
        units: Default::default(),
    };
    let mut diagnostics = Vec::new();
    parse_facts(Path::new("economy.csv"), text, &context, &mut diagnostics);
    let got: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(got, expected);
}

#[test]
fn unknown_indicator_suggests_the_nearest() {
    check(
        "economy.gdp_grwth,421200,2024,target,eq,6,,%,r,地区生产总值增长6%,\n",
        &["economy.csv:2:1: unknown indicator \"economy.gdp_grwth\"; did you mean \"economy.gdp_growth\"?"],
    );
    check(
        "economy.zzz,421200,2024,target,eq,6,,%,r,地区生产总值增长6%,\n",
        &["economy.csv:2:1: unknown indicator \"economy.zzz\""],
    );
}

#[test]
fn indicator_of_another_domain() {
    check(
        "agriculture.grain_output,421200,2023,actual,eq,24.16,,亿斤,r,粮食产量24.16亿斤,\n",
        &["economy.csv:2:1: indicator \"agriculture.grain_output\" belongs to domain \"agriculture\", not \"economy\""],
    );
}

#[test]
fn unknown_region() {
    check(
        "economy.gdp_growth,421299,2024,target,eq,6,,%,r,地区生产总值增长6%,\n",
        &["economy.csv:2:2: unknown region \"421299\" (expected a GB/T 2260 code listed in regions.csv)"],
    );
}

#[test]
fn year_kind_and_bound_vocabularies() {
    check(
        "economy.gdp_growth,24,2024,targets,about,6,,%,r,地区生产总值增长6%,\n",
        &[
            "economy.csv:2:2: unknown region \"24\" (expected a GB/T 2260 code listed in regions.csv)",
            "economy.csv:2:4: kind \"targets\" is not one of actual, estimate, target",
            "economy.csv:2:5: bound \"about\" is not one of eq, gt, ge, lt, le, approx, range",
        ],
    );
    check(
        "economy.gdp_growth,421200,2024.0,target,eq,6,,%,r,地区生产总值增长6%,\n",
        &["economy.csv:2:3: year \"2024.0\" is not a year (expected four digits, e.g. 2024)"],
    );
}

#[test]
fn values_must_be_plain_decimals() {
    let value = |v: &str| format!("economy.gdp_growth,421200,2024,target,eq,{v},,%,r,地区生产总值增长6%,\n");
    check(&value("1.6％"), &["economy.csv:2:6: value \"1.6％\" is not a number (use 1.6 with unit %)"]);
    check(&value("６"), &["economy.csv:2:6: value \"６\" is not a number (write it as 6)"]);
    check(&value("\"1,000\""), &["economy.csv:2:6: value \"1,000\" is not a number (write it as 1000)"]);
    check(&value(" 6"), &["economy.csv:2:6: value \" 6\" is not a number (write it as 6)"]);
    check(&value("NaN"), &["economy.csv:2:6: value \"NaN\" is not a number (expected a finite number)"]);
    check(&value("inf"), &["economy.csv:2:6: value \"inf\" is not a number (expected a finite number)"]);
    check(
        &value("1e309"),
        &["economy.csv:2:6: value \"1e309\" is not a number (write it in plain decimal notation, without an exponent)"],
    );
    check(&value("+6"), &["economy.csv:2:6: value \"+6\" is not a number (write it as 6 (no plus sign))"]);
    check(
        &value("six"),
        &["economy.csv:2:6: value \"six\" is not a number (expected a plain decimal such as -26.8 in %)"],
    );
    check(&value(""), &["economy.csv:2:6: value is empty; expected a number such as 1.6"]);
}

#[test]
fn value_hi_only_with_range_and_above_value() {
    check(
        "economy.gdp_growth,421200,2024,target,eq,6,6.5,%,r,增长6%—6.5%,\n",
        &["economy.csv:2:7: value_hi \"6.5\" is only allowed with bound range (bound is eq)"],
    );
    check(
        "economy.gdp_growth,421200,2024,target,range,6.5,6,%,r,增长6%—6.5%,\n",
        &["economy.csv:2:7: value_hi 6 is not above value 6.5"],
    );
    check(
        "economy.gdp_growth,421200,2024,target,range,6,,%,r,增长6%—6.5%,\n",
        &["economy.csv:2:7: bound range needs value_hi (the upper end)"],
    );
}

#[test]
fn units_must_be_known_and_fit_the_indicator() {
    let msg = zhibiao_core::units::lookup("英镑").unwrap_err().to_string();
    check(
        "economy.gdp_growth,421200,2024,target,eq,6,,英镑,r,地区生产总值增长6%,\n",
        &[&format!("economy.csv:2:8: {msg}")],
    );
    check(
        "economy.gdp_growth,421200,2024,target,eq,6,,个百分点,r,地区生产总值增长6%,\n",
        &[
            "economy.csv:2:8: unit \"个百分点\" (percentage points) does not fit indicator \"economy.gdp_growth\", measured in % (percent)",
        ],
    );
    check(
        "economy.enterprises,421200,2023,actual,eq,1073,,户,r,规上工业企业1073家,\n",
        &[
            "economy.csv:2:8: unit \"户\" (count of 户) does not fit indicator \"economy.enterprises\", measured in 家 (count of 家)",
        ],
    );
}

#[test]
fn shares_counts_and_ranks_have_their_ranges() {
    check(
        "economy.trade_share,421200,2023,actual,eq,135.5,,%,r,外贸占比35.5%,\n",
        &[
            "economy.csv:2:6: share 135.5% is outside [0, 100] (indicator \"economy.trade_share\" is a share)",
            "economy.csv:2:10: value 135.5 is not written in the quote \"外贸占比35.5%\"",
        ],
    );
    check(
        "economy.enterprises,421200,2023,actual,eq,-1073,,家,r,规上工业企业1073家,\n",
        &["economy.csv:2:6: count -1073 家 is not a whole number ≥ 0 (indicator \"economy.enterprises\" is a count)"],
    );
    check(
        "economy.enterprises,421200,2023,actual,eq,1073.5,,家,r,规上工业企业1073家,\n",
        &[
            "economy.csv:2:6: count 1073.5 家 is not a whole number ≥ 0 (indicator \"economy.enterprises\" is a count)",
            "economy.csv:2:10: value 1073.5 is not written in the quote \"规上工业企业1073家\"",
        ],
    );
    check(
        "economy.enterprises,421200,2023,actual,eq,0.1073,,万家,r,规上工业企业1073家,\n",
        &["economy.csv:2:10: value 0.1073 is not written in the quote \"规上工业企业1073家\""],
    );
    check(
        "economy.growth_rank,421200,2023,actual,eq,0,,位,r,增速居全省第三,\n",
        &[
            "economy.csv:2:6: rank 0 is not a whole number ≥ 1",
            "economy.csv:2:10: value 0 is not written in the quote \"增速居全省第三\"",
        ],
    );
}

#[test]
fn duplicate_keys_point_to_the_first() {
    check(
        &format!("{GOOD}{GOOD}"),
        &["economy.csv:3:1: duplicate fact (economy.gdp_growth, 421200, 2024, target): already stated on line 2"],
    );
}

#[test]
fn provenance_source_and_quote() {
    check(
        "economy.gdp_growth,421200,2024,target,eq,6,,%,,地区生产总值增长6%,\n",
        &["economy.csv:2:9: source is empty; curated facts name their source"],
    );
    check(
        "economy.gdp_growth,421200,2024,target,eq,6,,%,q,地区生产总值增长6%,\n",
        &["economy.csv:2:9: unknown source \"q\" (expected an id from sources.csv)"],
    );
    check(
        "economy.gdp_growth,421200,2024,target,eq,6,,%,r,,\n",
        &["economy.csv:2:10: quote is empty; curated facts quote the sentence that states them"],
    );
    check(
        "economy.gdp_growth,421200,2024,target,eq,6,,%,r,地区生产总值增长7%,\n",
        &["economy.csv:2:10: quote \"地区生产总值增长7%\" is not found in source \"r\""],
    );
    check(
        "economy.gdp_growth,421200,2024,target,eq,7,,%,r,地区生产总值增长6%,\n",
        &["economy.csv:2:10: value 7 is not written in the quote \"地区生产总值增长6%\""],
    );
    check(
        "economy.gdp_growth,421200,2024,target,range,6,7,%,r,增长6%—6.5%,\n",
        &["economy.csv:2:10: value_hi 7 is not written in the quote \"增长6%—6.5%\""],
    );
}

#[test]
fn rows_with_wrong_field_counts_and_crlf() {
    check(
        "economy.gdp_growth,421200,2024,target,eq,6,%,r,地区生产总值增长6%,\r\n",
        &["economy.csv:2: 10 fields, expected 11 (as many as the header); quote fields that contain commas"],
    );
    check(&GOOD.replace('\n', "\r\n"), &[]);
}

/// A panel row's unit is checked the same way whether or not it is its indicator's own: the own
/// unit, another of the same dimension, one of another dimension, one nobody knows, and an
/// indicator whose own unit does not resolve (its rows take the general path).
#[test]
fn a_panel_rows_unit_is_checked_the_same_whether_it_is_the_indicators_own_or_not() {
    let indicators: HashMap<String, Indicator> =
        [indicator("economy.gdp", "亿元", Measure::Level), indicator("economy.odd", "亿英镑", Measure::Level)]
            .into_iter()
            .collect();
    let context = Context { indicators: &indicators, contract: Contract::Panel, units: Default::default() };
    let text = "indicator,region,year,kind,bound,value,unit\n\
                economy.gdp,421200,2023,actual,eq,1.5,亿元\n\
                economy.gdp,421200,2024,actual,eq,15000,万元\n\
                economy.gdp,421200,2022,actual,eq,3,%\n\
                economy.gdp,421200,2021,actual,eq,3,亿英镑\n\
                economy.odd,421200,2023,actual,eq,2,亿元\n\
                economy.odd,421200,2024,actual,eq,2,亿英镑\n";
    let mut diagnostics = Vec::new();
    let mut rows = Vec::new();
    zhibiao_core::facts::stream_facts(Path::new("f.csv"), text.as_bytes(), &context, &mut diagnostics, |row| {
        rows.push((row.line, row.unit.name.clone(), row.unit.base.clone(), row.unit.factor_f64))
    });
    assert_eq!(
        rows,
        [
            (2, "亿元".to_owned(), "元".to_owned(), 1e8),
            (3, "万元".to_owned(), "元".to_owned(), 1e4),
            (6, "亿元".to_owned(), "元".to_owned(), 1e8),
        ]
    );
    let messages: Vec<String> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(
        messages[0].starts_with("f.csv:4:7: unit \"%\" (percent) does not fit indicator \"economy.gdp\""),
        "{messages:#?}"
    );
    assert!(messages[1].starts_with("f.csv:5:7: unknown unit \"亿英镑\""), "{messages:#?}");
    assert!(messages[2].starts_with("f.csv:7:7: unknown unit \"亿英镑\""), "{messages:#?}");
}
