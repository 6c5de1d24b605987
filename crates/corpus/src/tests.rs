//! Tests on small trees built in the temporary folder, and on the real lawtext/gov corpus when it is
//! beside the repository.

use crate::*;
use std::path::{Path, PathBuf};

/// A temporary folder holding a tree (`gov/`) and a dataset folder (`data/`), removed on drop.
struct Tree {
    base: PathBuf,
}

impl Tree {
    fn new(name: &str) -> Tree {
        let base = std::env::temp_dir().join(format!("zhibiao-corpus-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(base.join("gov")).unwrap();
        std::fs::create_dir_all(base.join("data")).unwrap();
        Tree { base }
    }

    fn gov(&self) -> PathBuf {
        self.base.join("gov")
    }

    fn data(&self) -> PathBuf {
        self.base.join("data")
    }

    /// Writes `bytes` at `rel` inside the tree.
    fn file(&self, rel: &str, bytes: impl AsRef<[u8]>) -> &Tree {
        let path = self.gov().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    fn import(&self) -> Result<Corpus, Vec<ImportError>> {
        import(&self.gov(), &options())
    }

    /// The problems of importing the tree, paths shown as DIR (the tree) and BASE (its parent).
    fn problems(&self) -> Vec<String> {
        match self.import() {
            Ok(corpus) => panic!("expected problems, imported {} entries", corpus.entries.len()),
            Err(problems) => problems.iter().map(|p| self.shorten(&p.to_string())).collect(),
        }
    }

    fn shorten(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (path, name) in [(self.gov(), "DIR"), (self.base.clone(), "BASE")] {
            if let Ok(canonical) = path.canonicalize() {
                out = out.replace(&canonical.display().to_string(), name);
            }
            out = out.replace(&path.display().to_string(), name);
        }
        out
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.base);
    }
}

const COMMIT: &str = "fc1a2f67a589763dc905aaa90f2b1ba356bbccde";

fn options() -> ImportOptions {
    ImportOptions { repository: DEFAULT_REPOSITORY.to_owned(), commit: Some(COMMIT.to_owned()), today_year: 2026 }
}

/// A report delivered on 10 January of the year it plans, as lawtext/gov writes them.
fn report(planned: i32, body: &str) -> String {
    format!(
        "---\ntitle: 政府工作报告\n---\n\n**政府工作报告**\n\n——{planned}年1月10日在人民代表大会上\n\n## 一、{reviewed}年工作回顾\n\n{body}\n\n## 二、{planned}年工作安排\n\n地区生产总值增长6%左右。\n",
        reviewed = planned - 1
    )
}

/// A body of about `n` × 9 characters.
fn filler(word: &str, n: usize) -> String {
    format!("{word}{}", "各项事业稳步推进。".repeat(n))
}

#[test]
fn imports_every_folder_of_the_layout() {
    let tree = Tree::new("layout");
    tree.file("README.md", "# lawtext/gov\n")
        .file("LICENSE", "none")
        .file(".git/HEAD", "ref: refs/heads/main\n")
        .file("政府工作报告-国务院/2024.md", report(2024, "国内生产总值增长5.2%。"))
        .file("政府工作报告-国务院/README.md", "说明\n")
        .file("政府工作报告-省自治区/湖北省/2023.md", report(2023, "全省生产总值增长6%。"))
        .file("政府工作报告-省自治区/湖北省/notes.txt", "not a report")
        .file("政府工作报告-主要城市/北京市/2023.md", report(2023, "全市生产总值增长5.2%。"))
        .file("政府工作报告-主要城市/武汉市/2023.md", report(2023, "全市生产总值增长4%。"))
        .file("政府工作报告-其他地市/咸宁市/2016-11.md", report(2016, "全市生产总值增长8%。"))
        .file("政府工作报告-其他地市/咸宁市/2023.md", report(2023, "地区生产总值增长6%。"))
        .file("政府工作报告-其他地市/.cache/2023.md", "not read");
    let corpus = tree.import().unwrap();
    let shown: Vec<String> = corpus
        .entries
        .iter()
        .map(|e| format!("{} {} {} {} {}", e.id, e.level(), e.region.name_zh, e.years.planned, e.origin_path))
        .collect();
    assert_eq!(
        shown,
        [
            "100000-2024 national 中华人民共和国 2024 政府工作报告-国务院/2024.md",
            "110000-2023 province 北京市 2023 政府工作报告-主要城市/北京市/2023.md",
            "420000-2023 province 湖北省 2023 政府工作报告-省自治区/湖北省/2023.md",
            "420100-2023 city 武汉市 2023 政府工作报告-主要城市/武汉市/2023.md",
            "421200-2016-11 city 咸宁市 2016 政府工作报告-其他地市/咸宁市/2016-11.md",
            "421200-2023 city 咸宁市 2023 政府工作报告-其他地市/咸宁市/2023.md",
        ]
    );
    let xianning = &corpus.entries[5];
    assert_eq!(
        xianning.text,
        "政府工作报告\n\n——2023年1月10日在人民代表大会上\n\n一、2022年工作回顾\n\n地区生产总值增长6%。\n\n二、2023年工作安排\n\n地区生产总值增长6%左右。\n"
    );
    assert_eq!(xianning.characters, 83);
    assert_eq!(xianning.sha256, "ebb9596a0be2d7a01fa3cce90662cd576d7a8a142cdedf550ad9a024ba1a786e");
    let counts = corpus.counts();
    assert_eq!((counts.reports, counts.national, counts.province, counts.city), (6, 1, 2, 3));
    assert_eq!((counts.abridged, counts.duplicates, counts.year_mismatch, counts.years_from_file_name), (0, 0, 0, 0));
}

#[test]
fn corpus_csv_has_the_documented_columns() {
    let tree = Tree::new("csv");
    tree.file("政府工作报告-其他地市/咸宁市/2023.md", report(2023, "地区生产总值增长6%。"));
    let csv = corpus_csv(&tree.import().unwrap()).unwrap();
    assert_eq!(
        csv,
        "id,level,region,region_name,year_delivered,year_reviewed,year_planned,delivered,years_from,origin_repository,\
         origin_commit,origin_path,sha256,characters,abridged,duplicate_of,year_mismatch\n\
         421200-2023,city,421200,咸宁市,2023,2022,2023,2023-01-10,text,lawtext/gov,fc1a2f67a589763dc905aaa90f2b1ba356bbccde,\
         政府工作报告-其他地市/咸宁市/2023.md,ebb9596a0be2d7a01fa3cce90662cd576d7a8a142cdedf550ad9a024ba1a786e,83,false,,false\n"
    );
    assert_eq!(CORPUS.header(), csv.lines().next().unwrap());
}

/// Each kind of problem, with its exact location and message; a good file beside it is not enough
/// to import anything.
#[test]
fn every_problem_is_located() {
    let good = ("政府工作报告-其他地市/咸宁市/2023.md", report(2023, "地区生产总值增长6%。").into_bytes());
    type Case<'a> = (&'a str, Vec<(&'a str, Vec<u8>)>, Vec<&'a str>);
    let cases: Vec<Case<'_>> = vec![
        (
            "not-utf8",
            vec![(
                "政府工作报告-省自治区/湖北省/2023.md",
                b"---\ntitle: x\n---\n\n\xe6\xad\xa3\xe6\x96\x87\n\xcf\xcc\n".to_vec(),
            )],
            vec![
                "DIR/政府工作报告-省自治区/湖北省/2023.md:6:1: invalid UTF-8 byte 0xcf; the file looks like GBK/GB18030: re-save it as UTF-8",
            ],
        ),
        (
            "no-body",
            vec![("政府工作报告-省自治区/湖北省/2023.md", b"---\ntitle: x\n---\n\n  \n".to_vec())],
            vec!["DIR/政府工作报告-省自治区/湖北省/2023.md:4: no report text after the front matter"],
        ),
        (
            "unclosed",
            vec![("政府工作报告-省自治区/湖北省/2023.md", "---\ntitle: x\n正文\n".as_bytes().to_vec())],
            vec![
                "DIR/政府工作报告-省自治区/湖北省/2023.md:1:1: the front matter opened here is never closed by a line \"---\"",
            ],
        ),
        (
            "unknown-region",
            vec![
                ("政府工作报告-省自治区/湖北/2022.md", report(2022, "增长。").into_bytes()),
                ("政府工作报告-省自治区/湖北/2023.md", report(2023, "增长。").into_bytes()),
                ("政府工作报告-主要城市/广州市/2023.md", report(2023, "增长。").into_bytes()),
            ],
            vec![
                "DIR/政府工作报告-主要城市/广州市: unknown region \"广州市\": expected a provincial-level region (湖北省, 北京市 …), 武汉市 or one of Hubei's prefecture-level units (咸宁市, 恩施土家族苗族自治州 …)",
                "DIR/政府工作报告-省自治区/湖北: unknown region \"湖北\": expected a provincial-level region (湖北省, 北京市 …), 武汉市 or one of Hubei's prefecture-level units (咸宁市, 恩施土家族苗族自治州 …); did you mean \"湖北省\"?",
            ],
        ),
        (
            "future",
            vec![
                ("政府工作报告-国务院/2031.md", report(2031, "增长。").into_bytes()),
                ("政府工作报告-国务院/2026.md", report(2027, "增长。").into_bytes()),
            ],
            vec![
                "DIR/政府工作报告-国务院/2026.md: the date line (2027-01-10) says 2027, after this year (2026); check the file name and the date line",
                "DIR/政府工作报告-国务院/2031.md: the file name says 2031, after this year (2026); check the file name and the date line",
            ],
        ),
        (
            "not-a-year",
            vec![
                ("政府工作报告-国务院/二〇二三.md", report(2023, "增长。").into_bytes()),
                ("政府工作报告-国务院/2023年.md", report(2023, "增长。").into_bytes()),
                ("政府工作报告-国务院/1900.md", report(2023, "增长。").into_bytes()),
            ],
            vec![
                "DIR/政府工作报告-国务院/1900.md: file name \"1900.md\" is not a year: expected <year>.md (the year delivered, 1949 or later) or <year>-<suffix>.md for an extra or partial text (2016-11.md, 2020-part.md)",
                "DIR/政府工作报告-国务院/2023年.md: file name \"2023年.md\" is not a year: expected <year>.md (the year delivered, 1949 or later) or <year>-<suffix>.md for an extra or partial text (2016-11.md, 2020-part.md)",
                "DIR/政府工作报告-国务院/二〇二三.md: file name \"二〇二三.md\" is not a year: expected <year>.md (the year delivered, 1949 or later) or <year>-<suffix>.md for an extra or partial text (2016-11.md, 2020-part.md)",
            ],
        ),
        (
            "duplicate-id",
            vec![
                ("政府工作报告-省自治区/北京市/2023.md", report(2023, "增长5%。").into_bytes()),
                ("政府工作报告-主要城市/北京市/2023.md", report(2023, "增长6%。").into_bytes()),
            ],
            vec![
                "DIR/政府工作报告-主要城市/北京市/2023.md: id \"110000-2023\" is also the id of DIR/政府工作报告-省自治区/北京市/2023.md; each region's file stems must be unique",
            ],
        ),
    ];
    for (name, files, expected) in cases {
        let tree = Tree::new(&format!("problem-{name}"));
        tree.file(good.0, &good.1);
        for (rel, bytes) in &files {
            tree.file(rel, bytes);
        }
        assert_eq!(tree.problems(), expected, "{name}");
    }
}

#[test]
fn a_tree_without_reports_is_a_problem() {
    let tree = Tree::new("empty");
    tree.file("README.md", "# other\n");
    assert_eq!(
        tree.problems(),
        [
            "DIR: no reports found; expected the folders of lawtext/gov: 政府工作报告-国务院/<year>.md and 政府工作报告-省自治区, 政府工作报告-主要城市 or 政府工作报告-其他地市/<region>/<year>.md"
        ]
    );
    let missing = import(&tree.base.join("no-such-tree"), &options()).unwrap_err();
    assert_eq!(tree.shorten(&missing[0].to_string()), "BASE/no-such-tree: cannot read: no such file");
}

#[cfg(unix)]
#[test]
fn links_out_of_the_tree_are_problems_once() {
    let tree = Tree::new("links");
    tree.file("政府工作报告-其他地市/咸宁市/2023.md", report(2023, "地区生产总值增长6%。"));
    let outside = tree.base.join("outside");
    std::fs::create_dir_all(outside.join("folder")).unwrap();
    std::fs::write(outside.join("2023.md"), report(2023, "增长。")).unwrap();
    std::fs::write(outside.join("folder/2022.md"), report(2022, "增长。")).unwrap();
    std::fs::write(outside.join("folder/2023.md"), report(2023, "增长。")).unwrap();
    std::fs::create_dir_all(tree.gov().join("政府工作报告-省自治区/湖北省")).unwrap();
    std::os::unix::fs::symlink(outside.join("2023.md"), tree.gov().join("政府工作报告-省自治区/湖北省/2023.md"))
        .unwrap();
    std::os::unix::fs::symlink(outside.join("folder"), tree.gov().join("政府工作报告-省自治区/湖南省")).unwrap();
    // a link inside the tree is read like the file it points to
    std::os::unix::fs::symlink(
        tree.gov().join("政府工作报告-其他地市/咸宁市/2023.md"),
        tree.gov().join("政府工作报告-其他地市/咸宁市/2024.md"),
    )
    .unwrap();
    assert_eq!(
        tree.problems(),
        [
            "DIR/政府工作报告-省自治区/湖北省/2023.md: resolves to BASE/outside/2023.md, outside DIR; copy it into the tree instead of linking to it",
            "DIR/政府工作报告-省自治区/湖南省: resolves to BASE/outside/folder, outside DIR; copy it into the tree instead of linking to it",
        ]
    );
}

#[test]
fn flags_duplicates_abridged_texts_and_year_mismatches() {
    let tree = Tree::new("flags");
    let long = |word: &str| report(2023, &filler(word, 200));
    tree.file("政府工作报告-其他地市/黄石市/2023.md", long("黄石"))
        .file("政府工作报告-其他地市/咸宁市/2023.md", long("黄石"))
        .file("政府工作报告-其他地市/十堰市/2023.md", long("十堰"))
        .file("政府工作报告-其他地市/宜昌市/2023.md", report(2023, &filler("宜昌", 20)))
        .file("政府工作报告-其他地市/襄阳市/2023.md", long("襄阳") + "\n（本文有删减）\n")
        .file("政府工作报告-其他地市/荆州市/2010.md", report(2011, &filler("荆州", 200)));
    let corpus = tree.import().unwrap();
    let shown: Vec<String> = corpus
        .entries
        .iter()
        .map(|e| {
            let abridged = e.abridged.map_or("-", |a| a.as_str());
            let duplicate = e.duplicate_of.as_deref().unwrap_or("-");
            let y = &e.years;
            format!("{} {abridged} {duplicate} {} {}→{} {}", e.id, y.mismatch, y.reviewed, y.planned, y.from)
        })
        .collect();
    assert_eq!(
        shown,
        [
            "420200-2023 - - false 2022→2023 text",
            "420300-2023 - - false 2022→2023 text",
            "420500-2023 short - false 2022→2023 text",
            "420600-2023 stated - false 2022→2023 text",
            "421000-2010 - - true 2010→2011 text",
            "421200-2023 - 420200-2023 false 2022→2023 text",
        ]
    );
    let csv = corpus_csv(&corpus).unwrap();
    let jingzhou = csv.lines().find(|l| l.starts_with("421000-2010,")).unwrap();
    assert!(jingzhou.starts_with("421000-2010,city,421000,荆州市,2011,2010,2011,2011-01-10,text,"), "{jingzhou}");
    assert!(jingzhou.ends_with(",false,,true"), "{jingzhou}");
    let xianning = csv.lines().find(|l| l.starts_with("421200-2023,")).unwrap();
    assert!(xianning.ends_with(",false,420200-2023,false"), "{xianning}");
    let yichang = csv.lines().find(|l| l.starts_with("420500-2023,")).unwrap();
    assert!(yichang.ends_with(",true,,false"), "{yichang}");
    let counts = corpus.counts();
    assert_eq!((counts.abridged, counts.duplicates, counts.year_mismatch), (2, 1, 1));
}

#[test]
fn importing_twice_changes_nothing() {
    let tree = Tree::new("twice");
    tree.file("政府工作报告-国务院/2024.md", report(2024, "国内生产总值增长5.2%。"))
        .file("政府工作报告-其他地市/咸宁市/2023.md", report(2023, "地区生产总值增长6%。"));
    let first = write(&tree.import().unwrap(), &tree.data()).unwrap();
    assert_eq!(first.changed.len(), 3);
    assert_eq!(first.unchanged, 0);
    let csv = std::fs::read(tree.data().join("corpus.csv")).unwrap();
    let text = std::fs::read(tree.data().join("corpus/421200-2023.txt")).unwrap();

    let second = write(&tree.import().unwrap(), &tree.data()).unwrap();
    assert_eq!((second.changed.len(), second.unchanged, second.stale.len()), (0, 3, 0));
    assert_eq!(std::fs::read(tree.data().join("corpus.csv")).unwrap(), csv);
    assert_eq!(std::fs::read(tree.data().join("corpus/421200-2023.txt")).unwrap(), text);
    // no staging file is left behind
    let names: Vec<String> = std::fs::read_dir(tree.data().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    // a text changed by hand is restored, and only it; a text no longer imported is reported
    std::fs::write(tree.data().join("corpus/421200-2023.txt"), "edited").unwrap();
    std::fs::remove_file(tree.gov().join("政府工作报告-国务院/2024.md")).unwrap();
    let third = write(&tree.import().unwrap(), &tree.data()).unwrap();
    let changed: Vec<String> = third.changed.iter().map(|p| tree.shorten(&p.display().to_string())).collect();
    assert_eq!(changed, ["BASE/data/corpus/421200-2023.txt", "BASE/data/corpus.csv"]);
    let stale: Vec<String> = third.stale.iter().map(|p| tree.shorten(&p.display().to_string())).collect();
    assert_eq!(stale, ["BASE/data/corpus/100000-2024.txt"]);
    assert_eq!(std::fs::read(tree.data().join("corpus/421200-2023.txt")).unwrap(), text);
}

#[test]
fn writing_needs_an_existing_data_folder() {
    let tree = Tree::new("nodata");
    tree.file("政府工作报告-其他地市/咸宁市/2023.md", report(2023, "地区生产总值增长6%。"));
    let err = write(&tree.import().unwrap(), &tree.base.join("no-such-data")).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    assert!(!tree.base.join("no-such-data").exists());
}

#[test]
fn verify_reports_a_changed_or_missing_text_once() {
    let tree = Tree::new("verify");
    assert_eq!(verify(&tree.data()), Ok(0), "nothing imported, nothing to verify");
    tree.file("政府工作报告-国务院/2024.md", report(2024, "国内生产总值增长5.2%。"))
        .file("政府工作报告-省自治区/湖北省/2023.md", report(2023, "全省生产总值增长6%。"))
        .file("政府工作报告-其他地市/咸宁市/2023.md", report(2023, "地区生产总值增长6%。"));
    write(&tree.import().unwrap(), &tree.data()).unwrap();
    assert_eq!(verify(&tree.data()), Ok(3));

    std::fs::write(tree.data().join("corpus/420000-2023.txt"), "改过的文本").unwrap();
    std::fs::remove_file(tree.data().join("corpus/421200-2023.txt")).unwrap();
    let problems = verify(&tree.data()).unwrap_err();
    let shown: Vec<String> = problems.as_slice().iter().map(|d| tree.shorten(&d.to_string())).collect();
    let changed_sha = crate::import::sha256_hex("改过的文本".as_bytes());
    let recorded = tree.import().unwrap().entries[1].sha256.clone();
    assert_eq!(
        shown,
        [
            format!(
                "BASE/data/corpus.csv:3:13: BASE/data/corpus/420000-2023.txt has sha256 {changed_sha}, not the recorded \
                 {recorded}; the text was changed after it was pinned; re-import the corpus (zhibiao corpus import)"
            ),
            "BASE/data/corpus.csv:4:1: cannot read the text BASE/data/corpus/421200-2023.txt: no such file; re-import \
             the corpus (zhibiao corpus import)"
                .to_owned(),
        ]
    );
}

#[test]
fn problems_become_diagnostics() {
    let tree = Tree::new("diagnostic");
    tree.file("政府工作报告-国务院/2031.md", report(2031, "增长。"));
    for problem in tree.import().unwrap_err() {
        let d = problem.to_diagnostic();
        assert_eq!(&d.location, problem.location());
        assert_eq!(d.to_string(), problem.to_string());
    }
}

#[test]
fn years_of_unix_times() {
    for (seconds, year) in [
        (0, 1970),
        (951_782_400, 2000),
        (1_704_067_199, 2023),
        (1_704_067_200, 2024),
        (1_798_761_599, 2026),
        (1_798_761_600, 2027),
        (4_102_444_800, 2100),
        (u64::MAX, i32::MAX),
    ] {
        assert_eq!(year_of_unix_time(seconds), year, "{seconds}");
    }
}

/// The real corpus (`../shared/corpus/` beside the repository, or `ZHIBIAO_CORPUS`): imported
/// without a problem, its flags as measured, the development set's texts and years reproduced.
#[test]
fn the_lawtext_gov_corpus_imports_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus_dir =
        std::env::var_os("ZHIBIAO_CORPUS").map(PathBuf::from).unwrap_or_else(|| root.join("../shared/corpus"));
    if !corpus_dir.join(NATIONAL_FOLDER).is_dir() {
        return; // the corpus is not part of the repository
    }
    let corpus = import(&corpus_dir, &options()).map_err(|p| format!("{p:#?}")).unwrap();
    let c = corpus.counts();
    assert_eq!((c.reports, c.national, c.province, c.city), (896, 27, 769, 100));
    assert_eq!((c.abridged, c.duplicates, c.year_mismatch, c.years_from_file_name), (7, 0, 22, 13));

    let by_id = |id: &str| corpus.entries.iter().find(|e| e.id == id);
    let pinned = root.join("data/corpus/421200-2023.txt");
    if let Ok(text) = std::fs::read_to_string(&pinned) {
        let xianning = by_id("421200-2023").unwrap();
        assert!(xianning.text == text, "421200-2023 differs from {}", pinned.display());
        assert_eq!(xianning.sha256, "c98445ac603a45d6353acdcfcb5c06fcf3f539cfb14f1bf7c3a15b8aa4d684f1");
    }
    // the development set: its texts are normalised the same way, its years annotated by hand
    let gold = root.join("tests/gold");
    let Ok(listing) = std::fs::read_dir(&gold) else { return };
    let mut checked = 0;
    for entry in listing {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(doc) = name.strip_suffix(".meta.csv") else { continue };
        let e = by_id(doc).unwrap_or_else(|| panic!("{doc} is not in the corpus"));
        let text = std::fs::read_to_string(gold.join("texts").join(format!("{doc}.txt"))).unwrap();
        assert!(e.text == text, "{doc}: the text differs from tests/gold/texts");
        let meta = std::fs::read_to_string(gold.join(&name)).unwrap();
        let row: Vec<&str> = meta.lines().nth(1).unwrap().split(',').take(4).collect();
        let annotated =
            (row[1].parse::<i32>().unwrap(), row[2].parse::<i32>().unwrap(), row[3].parse::<i32>().unwrap());
        assert_eq!((e.years.delivered_year, e.years.reviewed, e.years.planned), annotated, "{doc}");
        checked += 1;
    }
    assert_eq!(checked, 75, "the development set has 75 reports");
}
