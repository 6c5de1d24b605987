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
    let data = zhibiao_core::dataset::load(&dir, &zhibiao::domains()).expect("valid data");
    let all = zhibiao_core::coverage::of_dataset(&data, &dir);
    assert_eq!(all.len(), data.sources.len());
    for c in all {
        assert!(c.report.share() >= 0.98, "{}: coverage {:.3} fell below 98%", c.source, c.report.share());
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
