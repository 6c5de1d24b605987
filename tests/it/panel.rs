//! `cargo xtask panel`: the panel drawn from the corpus is current, and a person's reviews are
//! applied, and reported when they go stale.

use std::path::{Path, PathBuf};
use zhibiao_report::Mode;
use zhibiao_tests::root;

const HEADLINE: &[&str] = zhibiao_extract::eval::HEADLINE;

#[test]
fn the_committed_panel_is_fresh() {
    let done = zhibiao_cli::panel::regenerate(&root().join("data"), Mode::Check, HEADLINE).unwrap();
    assert!(done.stale.is_empty(), "stale: {:?}; run `cargo xtask panel`", done.stale);
    assert_eq!(done.unread, [], "every corpus report is read");
    assert!(done.facts > 10_000, "{} facts", done.facts);
}

/// A dataset folder holding one corpus report (Xianning 2023) and nothing curated.
fn one_report(name: &str) -> PathBuf {
    let data = root().join("data");
    let dir = std::env::temp_dir().join(format!("zhibiao-it-panel-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("facts")).unwrap();
    std::fs::create_dir_all(dir.join("corpus")).unwrap();
    std::fs::create_dir_all(dir.join("sources")).unwrap();
    std::fs::copy(data.join("regions.csv"), dir.join("regions.csv")).unwrap();
    std::fs::write(
        dir.join("sources.csv"),
        "id,title,publisher,delivered,year_reviewed,year_planned,file,sha256,origin,note\n",
    )
    .unwrap();
    let header = "indicator,region,year,kind,bound,value,value_hi,unit,source,quote,note\n";
    for d in ["economy", "ecology", "agriculture", "livelihood"] {
        std::fs::write(dir.join(format!("facts/{d}.csv")), header).unwrap();
    }
    let corpus = std::fs::read_to_string(data.join("corpus.csv")).unwrap();
    let mut lines = corpus.lines();
    let head = lines.next().unwrap();
    let row = lines.find(|l| l.starts_with("421200-2023,")).unwrap();
    std::fs::write(dir.join("corpus.csv"), format!("{head}\n{row}\n")).unwrap();
    std::fs::copy(data.join("corpus/421200-2023.txt"), dir.join("corpus/421200-2023.txt")).unwrap();
    dir
}

/// The rows of the panel's facts.csv as maps from column to cell.
fn rows(dir: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(dir.join("panel/facts.csv")).unwrap();
    let names: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    reader.records().map(|r| names.iter().cloned().zip(r.unwrap().iter().map(str::to_owned)).collect()).collect()
}

#[test]
fn reviews_confirm_correct_reject_and_add_and_a_stale_one_stops_the_panel() {
    let dir = one_report("reviews");
    let first = zhibiao_cli::panel::regenerate(&dir, Mode::Write, HEADLINE).unwrap();
    assert_eq!((first.reports, first.reviewed), (1, 0));
    let extracted = rows(&dir);
    assert!(extracted.iter().all(|r| r["method"] == "extracted" && r["source"] == "421200-2023"));
    let growth: Vec<_> = extracted.iter().filter(|r| r["unit"] == "%" && r["kind"] == "target").collect();
    assert!(growth.len() >= 3, "{growth:?}");
    let (confirm, correct, reject) = (growth[0], growth[1], growth[2]);
    let anchor = |r: &std::collections::HashMap<String, String>| {
        format!("421200-2023,{},{},{}", r["start"], r["end"], r["indicator"])
    };
    let other =
        if reject["indicator"] == "economy.gdp_growth" { "economy.retail_sales_growth" } else { "economy.gdp_growth" };
    let reviewed = format!(
        "source,start,end,indicator,action,new_indicator,year,kind,bound,value,value_hi,unit,reason\n\
         {},confirm,,,,,,,,read against the text\n\
         {},correct,,,,approx,,,,the sentence says 左右\n\
         {},reject,,,,,,,,not this indicator\n\
         421200-2023,{},{},{other},add,,{},target,{},{},,%,the same figure names {other}\n",
        anchor(confirm),
        anchor(correct),
        anchor(reject),
        reject["start"],
        reject["end"],
        reject["year"],
        reject["bound"],
        reject["value"],
    );
    std::fs::write(dir.join("panel/reviewed.csv"), &reviewed).unwrap();
    let second = zhibiao_cli::panel::regenerate(&dir, Mode::Write, HEADLINE).unwrap();
    assert_eq!(second.reviewed, 3, "{second:?}");
    let after = rows(&dir);
    let at = |r: &std::collections::HashMap<String, String>, indicator: &str| {
        after.iter().find(|x| x["start"] == r["start"] && x["end"] == r["end"] && x["indicator"] == indicator).cloned()
    };
    let confirmed = at(confirm, &confirm["indicator"]).unwrap();
    assert_eq!(
        (confirmed["method"].as_str(), confirmed["note"].as_str()),
        ("reviewed", "reviewed (confirmed): read against the text")
    );
    assert_eq!(at(correct, &correct["indicator"]).unwrap()["bound"], "approx");
    assert!(at(reject, &reject["indicator"]).is_none(), "a rejected row is gone");
    assert_eq!(at(reject, other).unwrap()["method"], "reviewed");
    // the reviews file is an input: the regeneration leaves it alone
    assert_eq!(std::fs::read_to_string(dir.join("panel/reviewed.csv")).unwrap(), reviewed);

    // a review whose anchor extraction no longer yields is reported, and nothing is written
    let before = std::fs::read(dir.join("panel/facts.csv")).unwrap();
    let stale =
        reviewed.replacen(&format!("{},confirm", anchor(confirm)), "421200-2023,1,2,economy.gdp_growth,confirm", 1);
    std::fs::write(dir.join("panel/reviewed.csv"), stale).unwrap();
    let err = zhibiao_cli::panel::regenerate(&dir, Mode::Write, HEADLINE).unwrap_err();
    assert!(
        err.contains("reviewed.csv:2: the review of 421200-2023 1..2 (economy.gdp_growth) no longer anchors"),
        "{err}"
    );
    assert!(err.ends_with("1 stale reviews; nothing was written"), "{err}");
    assert_eq!(std::fs::read(dir.join("panel/facts.csv")).unwrap(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}
