//! `zhibiao check`: passes on the shipped data, fails with located messages on broken data.

use zhibiao_tests::{repo_path, zhibiao};

#[test]
fn the_shipped_data_is_valid() {
    let out = zhibiao(&["check", &repo_path("data")]);
    assert_eq!(out.code, 0, "stderr:\n{}", out.stderr);
    assert!(out.stdout.contains(": valid\n"), "{}", out.stdout);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
}

#[test]
fn broken_data_gets_every_problem_located_and_exit_code_1() {
    let dir = repo_path("tests/fixtures/broken");
    let out = zhibiao(&["check", &dir]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let shown = out.stderr.replace(&format!("{dir}/"), "broken/").replace(&dir, "broken");
    insta::assert_snapshot!(shown);
}

#[test]
fn usage_errors_exit_2_and_help_goes_to_stdout() {
    let out = zhibiao(&["chek"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unrecognized subcommand 'chek'"), "{}", out.stderr);
    let out = zhibiao(&["check", "a", "b"]);
    assert_eq!(out.code, 2);
    let out = zhibiao(&["--help"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("Examples:"), "{}", out.stdout);
    assert!(out.stderr.is_empty());
}

#[test]
fn a_missing_folder_is_bad_data() {
    let out = zhibiao(&["check", "no/such/folder"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "no/such/folder: no such data folder\nerror: 1 problem in no/such/folder\n");
}

#[test]
fn every_quantity_of_every_source_is_quoted_or_explained() {
    let dir = zhibiao_tests::root().join("data");
    let data = zhibiao_core::dataset::load(&dir, &zhibiao_cli::domains()).expect("valid data");
    let all = zhibiao_core::coverage::of_dataset(&data, &dir);
    assert_eq!(all.len(), data.sources.len());
    for c in all {
        let floor = zhibiao_core::coverage::FLOOR;
        assert!(c.report.share() >= floor, "{}: coverage {:.3} fell below {floor}", c.source, c.report.share());
        let unexplained: Vec<_> =
            c.report.unexplained().map(|r| format!("{} {} …{}…", r.start, r.number, r.context)).collect();
        assert!(
            unexplained.is_empty(),
            "{}: quantities neither quoted nor explained:\n{}",
            c.source,
            unexplained.join("\n")
        );
        assert!(c.current == c.expected, "{} is stale: run `cargo xtask coverage --write`", c.path.display());
    }
}

#[test]
fn extraction_quality_on_the_curated_sources_does_not_fall() {
    use zhibiao_extract::eval::{Score, evaluate};
    let data =
        zhibiao_core::dataset::load(&zhibiao_tests::root().join("data"), &zhibiao_cli::domains()).expect("valid data");
    let mut total = Score::default();
    for source in &data.sources {
        let text = &data.texts[&source.id];
        let options = zhibiao_extract::Options {
            source: Some(source.id.clone()),
            successions: zhibiao_cli::successions(),
            ..Default::default()
        };
        let found = zhibiao_extract::extract(text, &data.indicators, &options).unwrap();
        let curated: Vec<_> =
            data.facts.iter().filter(|f| f.source.as_deref() == Some(source.id.as_str())).cloned().collect();
        total.add(evaluate(text, &found, &curated));
    }
    let f = zhibiao_extract::eval::CURATED_FLOORS;
    assert!(total.precision() >= f.precision, "precision fell to {:.3}", total.precision());
    assert!(total.recall() >= f.recall, "recall fell to {:.3}", total.recall());
}

#[test]
fn extraction_quality_on_the_development_set_does_not_fall() {
    use zhibiao_extract::eval::{GOLD_FLOORS, GoldScore, load_gold, score_doc};
    let catalogue = catalogue();
    let successions = zhibiao_cli::successions();
    let mut total = GoldScore::default();
    for (_, doc) in load_gold(&zhibiao_tests::root().join("tests/gold")).unwrap() {
        total.add(score_doc(&doc, &catalogue, &successions).unwrap().1);
    }
    let f = GOLD_FLOORS;
    assert!(total.docs >= 25, "the development set shrank to {} reports", total.docs);
    assert!(total.precision() >= f.precision, "precision fell to {:.3}", total.precision());
    assert!(total.recall() >= f.recall, "recall fell to {:.3}", total.recall());
    assert!(total.attribute_accuracy() >= f.attributes, "attribute accuracy fell to {:.3}", total.attribute_accuracy());
    assert!(
        total.headline_targets_right() >= f.headline_targets,
        "headline targets fully right fell to {:.3}",
        total.headline_targets_right()
    );
    assert!(
        total.indicators_wrong <= f.wrong_indicators,
        "{} facts matched to a wrong indicator",
        total.indicators_wrong
    );
}

#[test]
fn zhibiao_extract_writes_located_candidates() {
    let out = zhibiao(&[
        "extract",
        &repo_path("data/sources/xianning-2024-government-work-report.txt"),
        "--source",
        "xn2024",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut lines = out.stdout.lines();
    assert_eq!(
        lines.next(),
        Some(
            "indicator,region,year,kind,bound,value,value_hi,unit,source,quote,note,label_zh,measure,part,layout,matched_by,start,end"
        )
    );
    assert!(
        out.stdout.contains("economy.gdp_growth,,2024,target,eq,6,,%,xn2024,地区生产总值增长6%,,地区生产总值增长,growth,plan,headings,name,"),
        "{}",
        &out.stdout[..2000]
    );
    let none = std::env::temp_dir().join(format!("zhibiao-extract-plain-{}.txt", std::process::id()));
    std::fs::write(&none, "增长6%。").unwrap();
    let out = zhibiao(&["extract", &none.display().to_string()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("no year found"), "{}", out.stderr);
    std::fs::remove_file(&none).unwrap();
}

#[test]
fn extract_diff_lists_what_is_new_and_what_was_missed() {
    let out = zhibiao(&["extract", &repo_path("data/corpus/421200-2023.txt"), "--diff", &repo_path("data")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let new = out.stdout.lines().find(|l| l.starts_with("new: ")).unwrap();
    let missed = out.stdout.lines().find(|l| l.starts_with("missed: ")).unwrap();
    assert!(new.ends_with("(source 421200-2023)"), "{new}");
    // every curated fact is either found or listed as missed, as extract-eval counts them
    let listed = |head: &str| head.split_whitespace().nth(1).and_then(|n| n.parse::<usize>().ok()).unwrap();
    // 15 since N大 set names (五大优势产业) are names, not figures, to extraction
    assert!(listed(missed) <= 15, "{missed}");
    assert!(listed(new) <= 7, "{new}");
}

#[test]
fn a_source_that_fails_to_load_is_reported_once() {
    let data = zhibiao_tests::root().join("data");
    let tmp = std::env::temp_dir().join(format!("zhibiao-one-cause-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    for sub in ["facts", "sources", "corpus"] {
        std::fs::create_dir_all(tmp.join(sub)).unwrap();
        for entry in std::fs::read_dir(data.join(sub)).unwrap() {
            let path = entry.unwrap().path();
            std::fs::copy(&path, tmp.join(sub).join(path.file_name().unwrap())).unwrap();
        }
    }
    for file in ["regions.csv", "corpus.csv"] {
        std::fs::copy(data.join(file), tmp.join(file)).unwrap();
    }
    let sources = std::fs::read_to_string(data.join("sources.csv")).unwrap();
    let moved = sources.replace("xianning-2024-government-work-report.txt", "moved-away.txt");
    assert_ne!(moved, sources);
    std::fs::write(tmp.join("sources.csv"), moved).unwrap();
    let out = zhibiao(&["check", tmp.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    let problems: Vec<&str> = out.stderr.lines().filter(|l| !l.starts_with("error: ")).collect();
    assert_eq!(problems.len(), 1, "{}", out.stderr);
    assert!(problems[0].contains("cannot read") && problems[0].contains("moved-away.txt"), "{}", out.stderr);
    std::fs::remove_dir_all(&tmp).unwrap();
}

/// Rows audits 12-17 and 12-18 found wrong (`data/audits/panel-sample-2026-12-17.md`, `-18.md`),
/// read again from their reports with the full catalogue: each stays right.
#[test]
fn rows_the_12_17_audit_found_wrong_stay_right() {
    let catalogue = catalogue();
    for (doc, quote_ends_with, indicator) in [
        // a five-year plan's flow is the period's total (云南 2006, 十一五)
        ("530000-2006", "新增城镇就业100万人以上", "livelihood.urban_new_jobs_five_year"),
        // 新增 opens the list: 516 km were added, not the network's length (浙江 2007)
        ("330000-2007", "高速公路通车里程516公里", ""),
        // 建成 opens the list: projects built, not signed (十堰 2021)
        ("420300-2021", "亿元以上项目1069个", ""),
        // 兰州新区 is the subject: the zone's output, not 甘肃's GDP (甘肃 2023)
        ("620000-2023", "增加到342亿元", ""),
        // an amount a five-year plan builds is the period's total (江苏 2006, 十一五)…
        ("320000-2006", "新建改建农村公路4万公里", "agriculture.rural_roads_built_rebuilt_five_year"),
        // …not a level it reaches at the end (湖北 2006)
        ("420000-2006", "力争2010年旅游总收入达到800亿元", "economy.tourism_revenue"),
        // audit 12-18: an amount built over a reviewed period is its total, in a paragraph that
        // opens with the period (安徽 2013, 这五年) or in a five-year review's part after a lead-in
        // (山西 2016, 五年来…)
        ("340000-2013", "农村公路4.6万公里", "agriculture.rural_roads_built_rebuilt_five_year"),
        ("140000-2016", "农村公路19065公里", "agriculture.rural_roads_built_rebuilt_five_year"),
        // a flow in an item (二是…) of a list led by a paragraph that speaks of the past five years
        // (荆州 2021, 过去这五年…): the period's, and no five-year id exists (audit 12-18 row 46)…
        ("421000-2021", "高新技术企业210家", ""),
        // …or one exists (贵州 2013, ——…城镇新增就业132万人 after 过去五年…)
        ("520000-2013", "城镇新增就业132万人", "livelihood.urban_new_jobs_five_year"),
        // …but a count the period reached is a stock at its end (湖北 2026, 十四五)
        ("420000-2026", "国家级绿色工厂达到268家", "ecology.green_factories_national"),
        // audit 12-21 row 38: after 分别达到…元和…元, 年均实际增长a和b are the list's changes in its
        // order (北京 2013: urban first; 广东 2003: rural first, so 6.3% is the urban one)
        ("110000-2013", "年均实际增长7.5%", "livelihood.urban_income_growth_five_year_average"),
        ("440000-2003", "五年年均实际增长3.8％和6.3％", "livelihood.urban_income_growth_five_year_average"),
    ] {
        let found = extracted(doc, &catalogue);
        let fact = quoting(&found, doc, quote_ends_with);
        assert_eq!(fact.indicator, indicator, "{doc}: {:?}", fact.quote);
    }
}

/// Audit 12-18 row 26: a base of a change in a sentence that opens comparing with a year (与2002年相比，
/// …高速公路通车里程由1231公里增加到3439公里) is of that year, read again from its report.
#[test]
fn a_base_in_a_sentence_comparing_with_a_year_is_of_that_year() {
    let doc = "410000-2007";
    let found = extracted(doc, &catalogue());
    for (quote_ends_with, year) in [("高速公路通车里程由1231公里", 2002), ("全省生产总值由6035亿元", 2002)]
    {
        let fact = quoting(&found, doc, quote_ends_with);
        assert_eq!((fact.year, fact.kind), (year, zhibiao_core::Kind::Actual), "{:?}", fact.quote);
    }
}

/// Every domain's catalogue, as `zhibiao extract` reads reports with.
fn catalogue() -> Vec<zhibiao_core::Indicator> {
    zhibiao_cli::domains().iter().flat_map(|d| zhibiao_core::domain::catalogue(*d).unwrap()).collect()
}

/// What `zhibiao extract` finds in corpus report `doc`.
fn extracted(doc: &str, catalogue: &[zhibiao_core::Indicator]) -> Vec<zhibiao_extract::Extracted> {
    let text = std::fs::read_to_string(zhibiao_tests::root().join(format!("data/corpus/{doc}.txt"))).unwrap();
    let options = zhibiao_extract::Options {
        source: Some(doc.to_owned()),
        successions: zhibiao_cli::successions(),
        ..Default::default()
    };
    zhibiao_extract::extract(&text, catalogue, &options).unwrap()
}

/// The first fact of `found` whose quote ends with `quote_ends_with`.
fn quoting<'a>(found: &'a [zhibiao_extract::Extracted], doc: &str, quote_ends_with: &str) -> &'a zhibiao_core::Fact {
    let hit = found.iter().find(|e| e.fact.quote.as_deref().is_some_and(|q| q.ends_with(quote_ends_with)));
    &hit.unwrap_or_else(|| panic!("{doc}: no fact quoting …{quote_ends_with}")).fact
}
