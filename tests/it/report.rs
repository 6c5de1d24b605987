//! `cargo xtask report`: the renderers on a small fixture (insta snapshots), the real summaries'
//! key tables, and a test that fails when the committed summaries are stale.

use zhibiao_report::{File, Mode, Options};
use zhibiao_tests::root;

fn build(dir: &str) -> Vec<File> {
    let data = zhibiao_core::dataset::load(&root().join(dir), &zhibiao_cli::domains()).expect("valid data");
    zhibiao_report::build(&data, &zhibiao_cli::domains(), &Options::default()).expect("report builds")
}

fn text<'a>(files: &'a [File], name: &str) -> &'a str {
    let file = files.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no {name}"));
    std::str::from_utf8(&file.bytes).unwrap()
}

#[test]
fn the_renderers_on_a_small_dataset() {
    let files = build("tests/fixtures/mini");
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    insta::assert_snapshot!("mini_files", names.join("\n"));
    for name in [
        "assessment.csv",
        "by_domain.csv",
        "by_region.csv",
        "ambition.csv",
        "derived.csv",
        "facts.csv",
        "economy.md",
        "README.md",
        "series.md",
        "year-2024.md",
        "report.html",
    ] {
        insta::assert_snapshot!(format!("mini_{name}"), text(&files, name));
    }
    // the package describes every CSV, with keys; the indicators catalogue is too long to snapshot
    let package: serde_json::Value = serde_json::from_str(text(&files, "datapackage.json")).unwrap();
    let resources = package["resources"].as_array().unwrap();
    assert_eq!(resources.len(), files.iter().filter(|f| f.name.ends_with(".csv")).count());
    let assessment = resources.iter().find(|r| r["name"] == "assessment").unwrap();
    insta::assert_snapshot!("mini_assessment_schema", serde_json::to_string_pretty(&assessment["schema"]).unwrap());
}

#[test]
fn outputs_are_deterministic_and_safe() {
    let a = build("tests/fixtures/mini");
    let b = build("tests/fixtures/mini");
    assert_eq!(a, b);
    let facts = text(&a, "facts.csv");
    assert!(facts.contains(",\"'=1+1 looks like a formula, <b>and HTML</b>\"\n"), "{facts}");
    let page = text(&a, "economy.md");
    assert!(!page.contains("<b>"), "{page}");
    let html = text(&a, "report.html");
    assert!(!html.contains("<b>"), "data text is escaped");
    assert!(!html.contains("<script"), "no scripts in the report");
    assert!(!html.contains("<link") && !html.contains("@import") && !html.contains("url("), "no external resources");
    assert_eq!(html.matches("<svg class=\"bullet\"").count(), 3, "one bullet chart per assessed target");
    let data = zhibiao_core::dataset::load(&root().join("tests/fixtures/mini"), &zhibiao_cli::domains()).unwrap();
    let excel =
        zhibiao_report::build(&data, &zhibiao_cli::domains(), &Options { excel: true, ..Options::default() }).unwrap();
    assert!(excel.iter().filter(|f| f.name.ends_with(".csv")).all(|f| f.bytes.starts_with("\u{feff}".as_bytes())));
}

#[test]
fn the_real_assessment_is_what_an_economist_would_sign() {
    let files = build("data");
    insta::assert_snapshot!("data_by_domain", text(&files, "by_domain.csv"));
    // compound growth of levels, the mean of rates, progress read with the indicator's direction
    insta::assert_snapshot!("data_trends", text(&files, "trends.csv"));
    let assessment = text(&files, "assessment.csv");
    let headline: Vec<&str> = assessment
        .lines()
        .filter(|l| {
            [
                "economy.gdp_growth,",
                "economy.fixed_asset_investment_growth,",
                "agriculture.grain_output,",
                "livelihood.urban_new_jobs,",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .collect();
    insta::assert_snapshot!("data_headline_assessment", headline.join("\n"));
    let status = |prefix: &str| {
        assessment.lines().find(|l| l.starts_with(prefix)).and_then(|l| l.rsplit(',').next()).unwrap_or("").to_owned()
    };
    // GDP: target 7.5%, result 1.6% → missed; grain: target ≥117万吨, result 24.16亿斤 → met
    assert_eq!(status("economy.gdp_growth,economy,output,地区生产总值增长,Real GDP growth,421200,2023,"), "missed");
    assert_eq!(status("agriculture.grain_output,agriculture,grain,粮食产量,Grain output,421200,2023,"), "met");
}

#[test]
fn the_city_record_over_the_years() {
    let files = build("data");
    // the share met each year, the gaps by year, and each headline indicator's line with its trend
    insta::assert_snapshot!("data_series", text(&files, "series.md"));
    // a page per year: 2022's targets are judged by the 2023 report, which also states verdicts
    let year = text(&files, "year-2022.md");
    assert!(year.contains("`421200-2022` 咸宁市2022年政府工作报告 sets the targets for 2022"), "{year}");
    assert!(year.contains("`421200-2023` 咸宁市2023年政府工作报告 states the results of 2022"), "{year}");
    assert!(
        year.contains("| 地区生产总值增长 Real GDP growth | 421200 | 2022 | ≈8 % | 自评 stated | 未达 missed |"),
        "{year}"
    );
}

#[test]
fn the_committed_summaries_are_fresh() {
    let files = build("data");
    let stale = zhibiao_report::write(&root().join("data/summaries"), &files, Mode::Check).unwrap();
    assert!(stale.is_empty(), "stale summaries (run `cargo xtask report`): {stale:?}");
}

#[test]
fn a_failed_write_leaves_the_previous_summaries_intact() {
    let dir = std::env::temp_dir().join(format!("zhibiao-report-atomic-{}", std::process::id()));
    let files = build("tests/fixtures/mini");
    zhibiao_report::write(&dir, &files, Mode::Write).unwrap();
    let before: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(dir.join(&f.name)).unwrap()).collect();
    // a second report whose last file cannot be written (a directory stands in its place)
    let mut changed = files.clone();
    for f in &mut changed {
        f.bytes.extend_from_slice(b"changed\n");
    }
    changed.push(File { name: "zz_blocked".into(), bytes: b"x".to_vec() });
    std::fs::create_dir_all(dir.join(".zz_blocked.".to_owned() + &std::process::id().to_string() + ".tmp")).unwrap();
    assert!(zhibiao_report::write(&dir, &changed, Mode::Write).is_err());
    let after: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(dir.join(&f.name)).unwrap()).collect();
    assert_eq!(before, after);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn invalid_data_stops_the_report_before_anything_is_written() {
    let tmp = std::env::temp_dir().join(format!("zhibiao-report-broken-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy(&root().join("tests/fixtures/broken"), &tmp);
    std::fs::create_dir_all(tmp.join("summaries")).unwrap();
    std::fs::write(tmp.join("summaries/README.md"), "previous\n").unwrap();
    let err = zhibiao_report::regenerate(&tmp, &zhibiao_cli::domains(), Mode::Write, &Options::default())
        .unwrap_err()
        .to_string();
    assert!(err.contains("facts/economy.csv:4:6: value \"1.6％\" is not a number (use 1.6 with unit %)"), "{err}");
    assert!(err.ends_with("nothing was written"), "{err}");
    assert_eq!(std::fs::read_to_string(tmp.join("summaries/README.md")).unwrap(), "previous\n");
    assert_eq!(std::fs::read_dir(tmp.join("summaries")).unwrap().count(), 1);
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn regenerating_twice_changes_nothing_and_check_names_stale_files() {
    let tmp = std::env::temp_dir().join(format!("zhibiao-report-regen-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy(&root().join("tests/fixtures/mini"), &tmp);
    let first = zhibiao_report::regenerate(&tmp, &zhibiao_cli::domains(), Mode::Write, &Options::default()).unwrap();
    assert_eq!(first.stale.len(), first.files);
    let second = zhibiao_report::regenerate(&tmp, &zhibiao_cli::domains(), Mode::Write, &Options::default()).unwrap();
    assert!(second.stale.is_empty(), "{:?}", second.stale);
    // a changed fact makes the summaries stale, and check mode names them without writing
    let facts = tmp.join("facts/economy.csv");
    let text = std::fs::read_to_string(&facts).unwrap().replace("2024,target,eq,6,", "2024,target,approx,6,");
    std::fs::write(&facts, text).unwrap();
    let before = std::fs::read(tmp.join("summaries/assessment.csv")).unwrap();
    let check = zhibiao_report::regenerate(&tmp, &zhibiao_cli::domains(), Mode::Check, &Options::default()).unwrap();
    let names: Vec<String> =
        check.stale.iter().map(|p| p.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert!(names.contains(&"assessment.csv".to_owned()) && names.contains(&"facts.csv".to_owned()), "{names:?}");
    assert_eq!(std::fs::read(tmp.join("summaries/assessment.csv")).unwrap(), before);
    std::fs::remove_dir_all(&tmp).unwrap();
}

fn copy(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
