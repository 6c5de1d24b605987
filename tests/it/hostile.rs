//! Hostile and broken input: a corpus of broken or awkward files, generated here from the small
//! fixtures, run end to end through `zhibiao check` and `zhibiao assess`. Every one gets exit code 1
//! (2 for usage) and a located message naming the value and what was expected — or is accepted when
//! it is merely awkward (CRLF, a BOM) — never a panic, never a partial output, and the previous
//! outputs stay as they were.

use std::path::{Path, PathBuf};
use zhibiao_tests::{repo_path, root, zhibiao};

/// A fresh copy of a fixture folder in a temporary directory.
fn copy_fixture(name: &str, case: &str) -> PathBuf {
    let from = root().join("tests/fixtures").join(name);
    let to = std::env::temp_dir().join(format!("zhibiao-hostile-{}-{case}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    copy_dir(&from, &to);
    to
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

const HEADER: &str = "indicator,region,year,kind,bound,value,value_hi,unit,source,quote,note\n";
const GOOD_ROW: &str = "economy.gdp_growth,421200,2024,target,eq,6,,%,mini,地区生产总值增长6%,\n";

/// Writes `bytes` as the mini dataset's economy facts and checks the folder: expected exit code
/// and every expected fragment in stderr (`{dir}` stands for the folder).
fn check_facts(case: &str, bytes: &[u8], code: u8, expected: &[&str]) {
    let dir = copy_fixture("mini", case);
    std::fs::write(dir.join("facts/economy.csv"), bytes).unwrap();
    let out = zhibiao(&["check", &dir.display().to_string()]);
    let stderr = out.stderr.replace(&dir.display().to_string(), "{dir}");
    assert_eq!(out.code, code, "{case}: exit code\n{stderr}");
    for fragment in expected {
        assert!(stderr.contains(fragment), "{case}: expected {fragment:?} in\n{stderr}");
    }
    if code == 1 {
        assert!(out.stdout.is_empty(), "{case}: data on stdout for invalid input");
        assert!(stderr.lines().last().is_some_and(|l| l.starts_with("error: ")), "{case}: {stderr}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

fn row(fields: &[(&str, &str)]) -> Vec<u8> {
    let mut cells: Vec<String> = GOOD_ROW.trim_end().split(',').map(str::to_owned).collect::<Vec<_>>();
    let names: Vec<&str> = HEADER.trim_end().split(',').collect();
    for (name, value) in fields {
        let at = names.iter().position(|n| n == name).unwrap();
        cells[at] = (*value).to_owned();
    }
    format!("{HEADER}{}\n", cells.join(",")).into_bytes()
}

#[test]
fn structure() {
    let e = "{dir}/facts/economy.csv";
    check_facts("empty", b"", 1, &[&format!("{e}: the file is empty; expected the header indicator,region,year")]);
    check_facts("header-only", HEADER.as_bytes(), 0, &[]);
    check_facts(
        "missing-column",
        b"indicator,region,year,kind,bound,value,unit\n",
        1,
        &[&format!("{e}:1: missing column \"value_hi\"")],
    );
    check_facts(
        "extra-column",
        format!("{}x\n", HEADER.trim_end().to_owned() + ",").as_bytes(),
        1,
        &[&format!("{e}:1:12: unknown column \"x\"")],
    );
    check_facts(
        "duplicated-column",
        b"indicator,region,year,kind,bound,value,value_hi,unit,source,quote,note,note\n",
        1,
        &[&format!("{e}:1:12: column \"note\" appears twice")],
    );
    check_facts(
        "misspelled-column",
        b"indicator,regoin,year,kind,bound,value,value_hi,unit,source,quote,note\n",
        1,
        &[&format!("{e}:1:2: unknown column \"regoin\" in a facts file; did you mean \"region\"?")],
    );
    check_facts(
        "too-few-fields",
        format!("{HEADER}economy.gdp_growth,421200,2024\n").as_bytes(),
        1,
        &[&format!("{e}:2: 3 fields, expected 11")],
    );
    check_facts(
        "too-many-fields",
        format!("{HEADER}{},x,y\n", GOOD_ROW.trim_end()).as_bytes(),
        1,
        &[&format!("{e}:2: 13 fields, expected 11")],
    );
    check_facts(
        "unbalanced-quote",
        format!("{HEADER}economy.gdp_growth,421200,2024,target,eq,6,,%,mini,\"地区生产总值增长6%,\n{GOOD_ROW}")
            .as_bytes(),
        1,
        &[&format!("{e}:2: a quoted field opened here is never closed")],
    );
    check_facts(
        "embedded-newline-in-note",
        format!("{HEADER}economy.gdp_growth,421200,2024,target,eq,6,,%,mini,地区生产总值增长6%,\"two\nlines\"\n")
            .as_bytes(),
        0,
        &[],
    );
    check_facts(
        "embedded-newline-in-quote",
        format!(
            "{HEADER}economy.gdp_growth,421200,2024,target,eq,6,,%,mini,\"地区生产总值\n增长6%\",\n{}",
            GOOD_ROW.replace("2024", "2025")
        )
        .as_bytes(),
        1,
        &[&format!("{e}:2:10: quote \"地区生产总值\n增长6%\" is not found in source \"mini\"")],
    );
}

#[test]
fn encodings() {
    let e = "{dir}/facts/economy.csv";
    check_facts("crlf", format!("{HEADER}{GOOD_ROW}").replace('\n', "\r\n").as_bytes(), 0, &[]);
    check_facts("bom", format!("\u{feff}{HEADER}{GOOD_ROW}").as_bytes(), 0, &[]);
    let gbk: Vec<u8> =
        [HEADER.as_bytes(), b"economy.gdp_growth,421200,2024,target,eq,6,,%,mini,\xb5\xd8\xc7\xf8,\n"].concat();
    check_facts(
        "gbk",
        &gbk,
        1,
        &[&format!("{e}:2:52: invalid UTF-8 byte 0xb5; the file looks like GBK/GB18030: re-save it as UTF-8")],
    );
    let gb18030: Vec<u8> =
        [HEADER.as_bytes(), b"economy.gdp_growth,421200,2024,target,eq,6,,%,mini,\x81\x30\x81\x30,\n"].concat();
    check_facts("gb18030", &gb18030, 1, &[&format!("{e}:2:52: invalid UTF-8 byte 0x81")]);
    let utf16le: Vec<u8> =
        [&[0xff, 0xfe][..], &HEADER.encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()].concat();
    check_facts("utf16le", &utf16le, 1, &[&format!("{e}: the file is UTF-16 encoded; re-save it as UTF-8")]);
    let utf16be: Vec<u8> = HEADER.encode_utf16().flat_map(u16::to_be_bytes).collect();
    check_facts("utf16be-no-bom", &utf16be, 1, &[&format!("{e}: the file is UTF-16 encoded")]);
    check_facts(
        "nul",
        format!("{HEADER}economy.gdp_growth,421200,2024,target,eq,6\0,,%,mini,地区生产总值增长6%,\n").as_bytes(),
        1,
        &[&format!("{e}:2:43: NUL byte in a text file")],
    );
}

#[test]
fn values() {
    let e = "{dir}/facts/economy.csv";
    let value = |case: &str, v: &str, expected: &str| {
        check_facts(case, &row(&[("value", v)]), 1, &[&format!("{e}:2:6: {expected}")])
    };
    value("thousands", "\"6,000\"", "value \"6,000\" is not a number (write it as 6000)");
    value("fullwidth", "６", "value \"６\" is not a number (write it as 6)");
    value("percent-sign", "6％", "value \"6％\" is not a number (use 6 with unit %)");
    value("space", " 6", "value \" 6\" is not a number (write it as 6)");
    value("nan", "NaN", "value \"NaN\" is not a number (expected a finite number)");
    value("inf", "-inf", "value \"-inf\" is not a number (expected a finite number)");
    value("huge", "1e309", "value \"1e309\" is not a number (write it in plain decimal notation, without an exponent)");
    check_facts(
        "digits",
        &row(&[("value", &"9".repeat(40))]),
        1,
        &["is not a number (more than 36 significant digits)"],
    );
    check_facts(
        "share-above-100",
        format!("{HEADER}livelihood.urban_registered_unemployment_rate,421200,2023,target,le,300,,%,mini,城镇登记失业率控制在3%以内,\n")
            .as_bytes(),
        1,
        &["belongs to domain \"livelihood\", not \"economy\"", "share 300% is outside [0, 100]"],
    );
    check_facts(
        "value-hi-without-range",
        &row(&[("value_hi", "7")]),
        1,
        &[&format!("{e}:2:7: value_hi \"7\" is only allowed with bound range (bound is eq)")],
    );
    check_facts(
        "value-hi-below-value",
        &row(&[("bound", "range"), ("value_hi", "5")]),
        1,
        &[&format!("{e}:2:7: value_hi 5 is not above value 6")],
    );
    check_facts("year", &row(&[("year", "二〇二四")]), 1, &[&format!("{e}:2:3: year \"二〇二四\" is not a year")]);
}

#[test]
fn references() {
    let e = "{dir}/facts/economy.csv";
    check_facts(
        "unknown-indicator",
        &row(&[("indicator", "economy.gpd_growth")]),
        1,
        &[&format!("{e}:2:1: unknown indicator \"economy.gpd_growth\"; did you mean \"economy.gdp_growth\"?")],
    );
    check_facts("unknown-region", &row(&[("region", "999999")]), 1, &[&format!("{e}:2:2: unknown region \"999999\"")]);
    check_facts(
        "unknown-kind",
        &row(&[("kind", "plan")]),
        1,
        &[&format!("{e}:2:4: kind \"plan\" is not one of actual, estimate, target")],
    );
    check_facts(
        "unknown-bound",
        &row(&[("bound", "about")]),
        1,
        &[&format!("{e}:2:5: bound \"about\" is not one of eq")],
    );
    check_facts(
        "unknown-unit",
        &row(&[("unit", "pct")]),
        1,
        &[&format!("{e}:2:8: unknown unit \"pct\" (known units:")],
    );
    check_facts("unknown-source", &row(&[("source", "other")]), 1, &[&format!("{e}:2:9: unknown source \"other\"")]);
    check_facts(
        "quote-not-in-source",
        &row(&[("quote", "地区生产总值增长9%")]),
        1,
        &[&format!("{e}:2:10: quote \"地区生产总值增长9%\" is not found in source \"mini\"")],
    );
    check_facts(
        "duplicate-key",
        format!("{HEADER}{GOOD_ROW}{GOOD_ROW}").as_bytes(),
        1,
        &[&format!("{e}:3:1: duplicate fact (economy.gdp_growth, 421200, 2024, target): already stated on line 2")],
    );
    check_facts(
        "negative-count",
        format!("{HEADER}economy.high_tech_enterprises,421200,2023,actual,eq,-550,,家,mini,地区生产总值增长6%,\n")
            .as_bytes(),
        1,
        &[&format!("{e}:2:6: count -550 家 is not a whole number ≥ 0")],
    );
}

/// Rewrites the mini dataset's sources.csv with `edit` and checks it.
fn check_sources(case: &str, edit: impl Fn(&str, &Path) -> String, expected: &str) {
    let dir = copy_fixture("mini", case);
    let sources = std::fs::read_to_string(dir.join("sources.csv")).unwrap();
    std::fs::write(dir.join("sources.csv"), edit(&sources, &dir)).unwrap();
    let out = zhibiao(&["check", &dir.display().to_string()]);
    let stderr = out.stderr.replace(&dir.display().to_string(), "{dir}");
    assert_eq!(out.code, 1, "{case}: {stderr}");
    assert!(stderr.contains(expected), "{case}: expected {expected:?} in\n{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sources() {
    check_sources(
        "edited-source",
        |s, dir| {
            std::fs::write(dir.join("sources/mini.txt"), "2023年目标：地区生产总值增长9%。\n").unwrap();
            s.to_owned()
        },
        "{dir}/sources.csv:2:8: {dir}/sources/mini.txt has sha256",
    );
    check_sources(
        "escaping-path",
        |s, _| s.replace(",mini.txt,", ",../../etc/passwd,"),
        "{dir}/sources.csv:2:7: file \"../../etc/passwd\" is not a plain file name inside data/sources/",
    );
    check_sources(
        "absolute-path",
        |s, _| s.replace(",mini.txt,", ",/etc/passwd,"),
        "{dir}/sources.csv:2:7: file \"/etc/passwd\" is an absolute path",
    );
    check_sources(
        "symlink",
        |s, dir| {
            let link = dir.join("sources/link.txt");
            #[cfg(unix)]
            std::os::unix::fs::symlink(dir.join("sources/mini.txt"), &link).unwrap();
            s.replace(",mini.txt,", ",link.txt,")
        },
        "{dir}/sources.csv:2:7: file \"link.txt\" is a symbolic link",
    );
    check_sources(
        "missing-file",
        |s, _| s.replace(",mini.txt,", ",gone.txt,"),
        "{dir}/sources.csv:2:7: cannot read {dir}/sources/gone.txt: no such file",
    );
}

/// Runs `zhibiao assess` on the tiny benchmark panel with one file replaced; checks the exit code,
/// the message and that the output folder's previous contents are untouched.
fn assess_case(case: &str, file: &str, bytes: &[u8], code: u8, expected: &str) {
    assess_files(case, &[(file, bytes)], code, expected);
}

/// [`assess_case`] with several files replaced.
fn assess_files(case: &str, files: &[(&str, &[u8])], code: u8, expected: &str) {
    let dir = copy_fixture("bench-tiny", case);
    for (file, bytes) in files {
        std::fs::write(dir.join(file), bytes).unwrap();
    }
    let out_dir = dir.join("out");
    std::fs::create_dir_all(&out_dir).unwrap();
    std::fs::write(out_dir.join("assessment.csv"), "previous\n").unwrap();
    let d = |f: &str| dir.join(f).display().to_string();
    let out = zhibiao(&[
        "assess",
        "--facts",
        &d("facts.csv"),
        "--indicators",
        &d("indicators.csv"),
        "--units",
        &d("units.csv"),
        "--out",
        &out_dir.display().to_string(),
    ]);
    let stderr = out.stderr.replace(&dir.display().to_string(), "{dir}");
    assert_eq!(out.code, code, "{case}: {stderr}");
    assert!(stderr.contains(expected), "{case}: expected {expected:?} in\n{stderr}");
    if code != 0 {
        assert_eq!(
            std::fs::read_to_string(out_dir.join("assessment.csv")).unwrap(),
            "previous\n",
            "{case}: output touched"
        );
        assert_eq!(std::fs::read_dir(&out_dir).unwrap().count(), 1, "{case}: partial outputs left behind");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn panels() {
    let tiny = std::fs::read_to_string(repo_path("tests/fixtures/bench-tiny/facts.csv")).unwrap();
    let first_row = tiny.lines().nth(1).unwrap().to_owned();
    let percent_row = tiny.lines().find(|l| l.ends_with(",%")).unwrap().to_owned();
    let renamed = percent_row.trim_end_matches('%').to_owned() + "pct";
    assess_case(
        "panel-unknown-unit",
        "facts.csv",
        tiny.replacen(&percent_row, &renamed, 1).as_bytes(),
        1,
        "unknown unit \"pct\" (the units file lists:",
    );
    assess_case(
        "panel-bad-factor",
        "units.csv",
        b"unit,base_unit,factor\n%,%,one\n",
        1,
        "{dir}/units.csv:2:3: factor \"one\" is not a positive number",
    );
    assess_case(
        "panel-no-direction",
        "indicators.csv",
        b"id,domain,unit\neconomy.x,economy,%\n",
        1,
        "{dir}/indicators.csv:1: missing column \"direction\"",
    );
    assess_case("panel-duplicate", "facts.csv", format!("{tiny}{first_row}\n").as_bytes(), 1, "duplicate fact");
    assess_case("panel-empty", "facts.csv", b"", 1, "{dir}/facts.csv: the file is empty");
    assess_case("panel-header-only", "facts.csv", b"indicator,region,year,kind,bound,value,unit\n", 0, "");
    assess_case(
        "panel-gbk",
        "facts.csv",
        &[b"indicator,region,year,kind,bound,value,unit\n".as_slice(), b"\xcf\xcc,1,2024,target,eq,1,%\n"].concat(),
        1,
        "the file looks like GBK/GB18030",
    );
    // a 100 MB line: one field, a readable message, memory bounded by the line
    let long = format!("indicator,region,year,kind,bound,value,unit\n{}\n", "x".repeat(100 << 20));
    assess_case("panel-100mb-line", "facts.csv", long.as_bytes(), 1, "{dir}/facts.csv:2: 1 fields, expected 7");
    // many bad rows: the first thousand problems, and a count of the rest
    let mut bad = String::from("indicator,region,year,kind,bound,value,unit\n");
    for i in 0..5_000 {
        bad.push_str(&format!("economy.nope,{i},2024,target,eq,1,%\n"));
    }
    // past the limits of a panel's codes: a clear message, no output
    let mut catalogue = String::from("id,domain,unit,direction\n");
    for i in 0..=zhibiao_panel::MAX_INDICATORS {
        catalogue.push_str(&format!("economy.i{i},economy,亿元,up\n"));
    }
    assess_case(
        "panel-too-many-indicators",
        "indicators.csv",
        catalogue.as_bytes(),
        1,
        "{dir}/indicators.csv: the catalogue lists 131073 indicators; a panel holds at most 131072",
    );
    let (mut units, mut facts) = (
        std::fs::read_to_string(repo_path("tests/fixtures/bench-tiny/units.csv")).unwrap(),
        String::from("indicator,region,year,kind,bound,value,unit\n"),
    );
    for i in 0..=zhibiao_panel::MAX_UNITS {
        units.push_str(&format!("u{i},元,1\n"));
        facts.push_str(&format!("economy.gdp_growth,{i},2024,actual,eq,1,u{i}\n"));
    }
    assess_files(
        "panel-too-many-units",
        &[("units.csv", units.as_bytes()), ("facts.csv", facts.as_bytes())],
        1,
        "{dir}/facts.csv:1026:1: more than 1024 units",
    );
    assess_case(
        "panel-million-bad-rows",
        "facts.csv",
        bad.as_bytes(),
        1,
        "4000 more problems not shown (the first 1000 are)",
    );
}

#[test]
fn usage_and_paths() {
    let tiny = repo_path("tests/fixtures/bench-tiny");
    let out = zhibiao(&[
        "assess",
        "--facts",
        &format!("{tiny}/facts.csv"),
        "--indicators",
        &format!("{tiny}/indicators.csv"),
        "--out",
        "x",
        "--tol-pp",
        "-1",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = zhibiao(&[
        "assess",
        "--facts",
        &format!("{tiny}/nope.csv"),
        "--indicators",
        &format!("{tiny}/indicators.csv"),
        "--out",
        "x",
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("nope.csv: cannot read the file: no such file"), "{}", out.stderr);
    // an output folder that is a file
    let file = std::env::temp_dir().join(format!("zhibiao-out-is-a-file-{}", std::process::id()));
    std::fs::write(&file, "x").unwrap();
    let out = zhibiao(&[
        "assess",
        "--facts",
        &format!("{tiny}/facts.csv"),
        "--indicators",
        &format!("{tiny}/indicators.csv"),
        "--units",
        &format!("{tiny}/units.csv"),
        "--out",
        &file.display().to_string(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("cannot write to"), "{}", out.stderr);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn reports_for_extraction() {
    let dir = std::env::temp_dir().join(format!("zhibiao-hostile-extract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = zhibiao(&["extract", &path.display().to_string()]);
        (out.code, out.stdout, out.stderr.replace(&dir.display().to_string(), "{dir}"))
    };
    // GBK: 一、2023年工作回顾 encoded in GBK
    let (code, stdout, stderr) = run("gbk.txt", b"\xd2\xbb\xa1\xa22023\xc4\xea\xb9\xa4\xd7\xf7\xbb\xd8\xb9\xcb\n");
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert!(
        stderr.contains(
            "{dir}/gbk.txt:1:2: invalid UTF-8 byte 0xa1; the file looks like GBK/GB18030: re-save it as UTF-8"
        ),
        "{stderr}"
    );
    let utf16: Vec<u8> =
        [&[0xff, 0xfe][..], &"一、2023年工作回顾\n".encode_utf16().flat_map(u16::to_le_bytes).collect::<Vec<u8>>()]
            .concat();
    let (code, _, stderr) = run("utf16.txt", &utf16);
    assert_eq!(code, 1);
    assert!(stderr.contains("{dir}/utf16.txt: the file is UTF-16 encoded"), "{stderr}");
    let (code, _, stderr) = run("no-structure.txt", "各位代表：增长6%。".as_bytes());
    assert_eq!(code, 1);
    assert!(stderr.contains("{dir}/no-structure.txt: no year found"), "{stderr}");
    let (code, stdout, _) = run("empty.txt", b"");
    assert_eq!(code, 1, "{stdout}");
    let (code, _, stderr) = run("nul.txt", b"\xe4\xb8\x80\x00");
    assert_eq!(code, 1);
    assert!(stderr.contains("NUL byte"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}
