//! The assessment: the polars engine agrees with the scalar rules, the dense engine writes its bytes, the rules obey their laws, and
//! `zhibiao assess` reproduces the reference benchmark byte for byte.

use polars::prelude::*;
use proptest::prelude::*;
use std::collections::HashMap;
use zhibiao_core::assess::{self, Status, Tolerance, judge, sense};
use zhibiao_core::units::{self, Normalise, Units};
use zhibiao_core::{Bound, Decimal, Direction, Fact, Indicator, Kind, Measure};
use zhibiao_frame::dense::Pairing;
use zhibiao_tests::{arb_decimal, repo_path, zhibiao};

#[test]
fn the_tiny_benchmark_panel_is_reproduced_byte_for_byte() {
    let dir = repo_path("tests/fixtures/bench-tiny");
    let out = std::env::temp_dir().join(format!("zhibiao-bench-tiny-{}", std::process::id()));
    let run = zhibiao(&[
        "assess",
        "--facts",
        &format!("{dir}/facts.csv"),
        "--indicators",
        &format!("{dir}/indicators.csv"),
        "--units",
        &format!("{dir}/units.csv"),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, format!("assessed 47 targets: 22 met, 5 near, 17 missed, 3 pending → {}\n", out.display()));
    // --summaries-only computes no order and writes no assessment.csv, and its summaries are the same
    let only = out.join("summaries-only");
    let summaries_only = zhibiao(&[
        "assess",
        "--summaries-only",
        "--facts",
        &format!("{dir}/facts.csv"),
        "--indicators",
        &format!("{dir}/indicators.csv"),
        "--units",
        &format!("{dir}/units.csv"),
        "--out",
        &only.display().to_string(),
    ]);
    assert_eq!(summaries_only.code, 0, "{}", summaries_only.stderr);
    assert!(!only.join("assessment.csv").exists());
    for name in ["by_domain_year.csv", "by_region.csv", "by_indicator.csv"] {
        let expected = std::fs::read_to_string(format!("{dir}/expected/{name}")).unwrap();
        let got = std::fs::read_to_string(out.join(name)).unwrap();
        assert_eq!(got, expected, "{name} differs from the reference engines' output");
        let got_only = std::fs::read_to_string(only.join(name)).unwrap();
        assert_eq!(got_only, expected, "{name} of --summaries-only differs from the reference engines' output");
    }
    let assessment = std::fs::read_to_string(out.join("assessment.csv")).unwrap();
    // SPEC §7, worked by hand: 110002's gdp_growth 2024 target eq 13.54 亿元 vs 172100 万元 is missed.
    assert!(
        assessment.contains(
            "economy.gdp_growth,economy,110002,2024,eq,13.54,,亿元,actual,172100,eq,万元,元,1354000000,,1721000000,-367000000,-0.271048744461,67700000,missed\n"
        ),
        "{assessment}"
    );
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn bad_input_writes_nothing_and_exits_1() {
    let dir = repo_path("tests/fixtures/bench-tiny");
    let out = std::env::temp_dir().join(format!("zhibiao-assess-bad-{}", std::process::id()));
    let run = zhibiao(&[
        "assess",
        "--facts",
        &format!("{dir}/indicators.csv"),
        "--indicators",
        &format!("{dir}/indicators.csv"),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("indicators.csv:1: missing column \"indicator\""), "{}", run.stderr);
    assert!(run.stderr.ends_with("nothing was written\n"), "{}", run.stderr);
    assert!(!out.exists());
    let run = zhibiao(&["assess", "--facts", "f.csv"]);
    assert_eq!(run.code, 2);
}

/// The units an indicator of each test dimension may be stated in.
const DIMENSIONS: &[&[&str]] =
    &[&["%"], &["亿元", "万元", "元"], &["万人", "人"], &["万吨", "亿斤", "吨"], &["个", "万个"]];

/// Two domains, so that the summaries group by more than one.
const DOMAINS: [&str; 2] = ["economy", "ecology"];

fn indicator_id(i: usize) -> String {
    format!("{}.i{i}", DOMAINS[i % 2])
}

prop_compose! {
    fn arb_panel()(
        directions in proptest::collection::vec(proptest::sample::select(Direction::ALL), 4),
        dims in proptest::collection::vec(0..DIMENSIONS.len(), 4),
        cells in proptest::collection::vec(
            (0usize..4, 0usize..3, 2022i32..2025, proptest::option::of(arb_target()), proptest::option::of(arb_value()), proptest::option::of(arb_value()), 0usize..3, 0usize..3, 0usize..3),
            0..40),
    ) -> (HashMap<String, Indicator>, Vec<Fact>) {
        let indicators: HashMap<String, Indicator> = (0..4).map(|i| {
            let id = indicator_id(i);
            (id.clone(), Indicator {
                id, domain: DOMAINS[i % 2].into(), topic: String::new(), name_zh: String::new(), name_en: String::new(),
                unit: DIMENSIONS[dims[i]][0].into(), measure: Measure::Level, direction: directions[i], description: String::new(), aliases: Vec::new(),
            })
        }).collect();
        let mut seen = std::collections::HashSet::new();
        let mut facts = Vec::new();
        for (i, r, year, target, actual, estimate, ut, ua, ue) in cells {
            if !seen.insert((i, r, year)) { continue; }
            let units = DIMENSIONS[dims[i]];
            let mut push = |kind, bound, value: Decimal, value_hi: Option<Decimal>, u: usize| facts.push(Fact {
                indicator: indicator_id(i), region: format!("42120{r}"), year, kind, bound, value, value_hi,
                unit: units[u % units.len()].into(), source: None, quote: None, note: None,
            });
            if let Some((bound, value, hi)) = target { push(Kind::Target, bound, value, hi, ut); }
            if let Some((bound, value)) = actual { push(Kind::Actual, bound, value, None, ua); }
            if let Some((bound, value)) = estimate { push(Kind::Estimate, bound, value, None, ue); }
        }
        (indicators, facts)
    }
}

prop_compose! {
    fn arb_target()(bound in proptest::sample::select(Bound::ALL), value in arb_decimal(), spread in 1i128..1000) -> (Bound, Decimal, Option<Decimal>) {
        let hi = (bound == Bound::Range).then(|| Decimal::new(value.mantissa() + spread, value.exponent()));
        (bound, value, hi)
    }
}

prop_compose! {
    fn arb_value()(bound in proptest::sample::select(&[Bound::Eq, Bound::Gt, Bound::Ge, Bound::Approx][..]), value in arb_decimal()) -> (Bound, Decimal) {
        (bound, value)
    }
}

fn floats(frame: &DataFrame, name: &str) -> Vec<Option<f64>> {
    frame.column(name).unwrap().f64().unwrap().iter().collect()
}

fn strings(frame: &DataFrame, name: &str) -> Vec<Option<String>> {
    frame.column(name).unwrap().str().unwrap().iter().map(|s| s.map(str::to_owned)).collect()
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => x.to_bits() == y.to_bits() || (x == 0.0 && y == 0.0),
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    /// The polars engine and the scalar rules give identical results on random facts.
    #[test]
    fn the_engine_agrees_with_the_scalar_rules((indicators, facts) in arb_panel(), float in any::<bool>()) {
        let mode = if float { Normalise::Float64 } else { Normalise::Exact };
        let normalised = assess::normalise(&facts, Units::Registry, mode);
        let tolerance = Tolerance::default();
        let scalar = assess::assess(&normalised, &indicators, tolerance);
        let mut builder = zhibiao_panel::PanelBuilder::new(indicators.values().cloned().collect(), mode);
        for f in &facts {
            builder.push_fact(f, Units::Registry, 0).unwrap();
        }
        let panel = builder.finish(std::path::Path::new("random.csv")).unwrap();
        let outputs = zhibiao_frame::assess::run(panel, tolerance).unwrap();
        let engine = zhibiao_frame::assess::decoded_frame(&outputs).unwrap();
        prop_assert_eq!(engine.height(), scalar.len());
        let (status, basis) = (strings(&engine, "status"), strings(&engine, "basis"));
        let (gap, rel_gap, tol, actual) = (floats(&engine, "gap"), floats(&engine, "rel_gap"), floats(&engine, "tol"), floats(&engine, "actual_base"));
        let (indicator, region) = (strings(&engine, "indicator"), strings(&engine, "region"));
        for (k, a) in scalar.iter().enumerate() {
            prop_assert_eq!(indicator[k].as_deref(), Some(a.indicator.as_str()));
            prop_assert_eq!(region[k].as_deref(), Some(a.region.as_str()));
            prop_assert_eq!(status[k].as_deref(), Some(a.status().as_str()), "row {}: {:?}", k, a);
            prop_assert_eq!(basis[k].as_deref(), a.basis.map(|b| b.as_str()));
            prop_assert!(same(actual[k], a.actual_base));
            prop_assert!(same(gap[k], a.judgement.map(|j| j.gap)), "gap {:?} vs {:?}", gap[k], a.judgement);
            prop_assert!(same(rel_gap[k], a.judgement.and_then(|j| j.rel_gap)));
            prop_assert!(same(tol[k], a.judgement.map(|j| j.tol)));
        }
    }

    /// The dense engine (cells or sorted keys, judged by the scalar rules) writes the bytes the
    /// polars pipeline writes: assessment.csv and the three summaries (means to 1e-9).
    #[test]
    fn the_dense_engine_writes_the_polars_bytes((indicators, facts) in arb_panel(), float in any::<bool>(), by_cells in any::<bool>()) {
        let mode = if float { Normalise::Float64 } else { Normalise::Exact };
        let panel = || {
            let mut builder = zhibiao_panel::PanelBuilder::new(indicators.values().cloned().collect(), mode);
            for f in &facts {
                builder.push_fact(f, Units::Registry, 0).unwrap();
            }
            builder.finish(std::path::Path::new("random.csv")).unwrap()
        };
        let tolerance = Tolerance::default();
        let outputs = zhibiao_frame::assess::run(panel(), tolerance).unwrap();
        let mut polars_csv = Vec::new();
        zhibiao_frame::assess::write_assessment_csv(&outputs, &mut polars_csv).unwrap();
        let pairing = if by_cells { Pairing::Auto } else { Pairing::Sort };
        let judged = zhibiao_frame::dense::pair_by(panel(), tolerance, pairing).unwrap();
        let summaries = judged.summaries();
        let mut dense_csv = Vec::new();
        judged.write_assessment_csv(&mut dense_csv).unwrap();
        prop_assert_eq!(String::from_utf8_lossy(&dense_csv), String::from_utf8_lossy(&polars_csv));
        let polars = zhibiao_frame::assess::spec_csvs(&outputs).unwrap();
        prop_assert_eq!(&summaries.csv[1..], &polars[1..]);
        // mean_rel_gap: the dense engine's sum is compensated, polars' is striped, so the last
        // digit may differ on ill-conditioned values (never on the benchmark's panels, which CI
        // checks byte for byte); everything else is the same bytes
        let (dense, polars) = (summaries.csv[0].lines().collect::<Vec<_>>(), polars[0].lines().collect::<Vec<_>>());
        prop_assert_eq!(dense.len(), polars.len());
        for (d, q) in dense.iter().zip(&polars) {
            let (d_key, d_mean) = d.rsplit_once(',').unwrap();
            let (q_key, q_mean) = q.rsplit_once(',').unwrap();
            prop_assert_eq!(d_key, q_key);
            match (d_mean.parse::<f64>(), q_mean.parse::<f64>()) {
                (Ok(x), Ok(y)) => prop_assert!((x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0), "{} vs {}", d, q),
                _ => prop_assert_eq!(d_mean, q_mean),
            }
        }
        prop_assert_eq!(summaries.counts, outputs.counts());
    }

    /// Restating a result in another unit of the same dimension never changes its status
    /// (exact normalisation).
    #[test]
    fn restating_a_result_never_changes_its_status(
        bound in proptest::sample::select(Bound::ALL),
        direction in proptest::sample::select(Direction::ALL),
        target in 1i64..1_000_000,
        actual in 1i64..1_000_000,
        scale in 0usize..3,
    ) {
        // target in 亿元; the same actual written in 亿元, 万元 (×1e4) and 元 (×1e8)
        let unit = |name: &str| units::lookup(name).unwrap();
        let target = Decimal::new(i128::from(target), -2);
        let hi = (bound == Bound::Range).then(|| Decimal::new(target.mantissa() * 2, target.exponent()));
        let base = |d: Decimal, u: &str| unit(u).to_base(d).unwrap().to_f64();
        let written = [("亿元", Decimal::new(i128::from(actual), -2)), ("万元", Decimal::new(i128::from(actual) * 100, 0)), ("元", Decimal::new(i128::from(actual) * 1_000_000, 0))];
        let judge_in = |(u, v): (&str, Decimal)| judge(bound, base(target, "亿元"), hi.map(|h| base(h, "亿元")), direction, "元", base(v, u), Tolerance::default()).status;
        prop_assert_eq!(judge_in(written[0]), judge_in(written[scale]));
    }

    /// Raising a result never worsens its status when sense is +1, and lowering it never does when −1.
    #[test]
    fn improving_a_result_never_worsens_its_status(
        bound in proptest::sample::select(Bound::ALL),
        direction in proptest::sample::select(&[Direction::Up, Direction::Down][..]),
        target in -1e6f64..1e6,
        actual in -1e6f64..1e6,
        step in 0f64..1e5,
        percent in any::<bool>(),
    ) {
        let unit = if percent { "%" } else { "元" };
        let hi = (bound == Bound::Range).then_some(target + 10.0);
        let s = sense(bound, direction);
        let before = judge(bound, target, hi, direction, unit, actual, Tolerance::default()).status;
        let after = judge(bound, target, hi, direction, unit, actual + s * step, Tolerance::default()).status;
        prop_assert!(after.at_least(before), "{:?} → {:?}", before, after);
    }
}

#[test]
fn swapping_ge_and_le_flips_the_sense() {
    for direction in Direction::ALL {
        assert_eq!(sense(Bound::Ge, *direction), -sense(Bound::Le, *direction));
        assert_eq!(sense(Bound::Gt, *direction), -sense(Bound::Lt, *direction));
    }
    // and with it the verdict on the same numbers
    let over = |b| judge(b, 3.0, None, Direction::None, "%", 4.0, Tolerance::default()).status;
    assert_eq!((over(Bound::Ge), over(Bound::Le)), (Status::Met, Status::Missed));
}

#[test]
fn parquet_in_and_out_gives_the_same_assessment() {
    let dir = repo_path("tests/fixtures/bench-tiny");
    let tmp = std::env::temp_dir().join(format!("zhibiao-parquet-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).unwrap();
    // the tiny panel as Parquet: text columns as strings, year as an integer, value as a double
    let text = std::fs::read_to_string(format!("{dir}/facts.csv")).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().skip(1).map(|l| l.split(',').collect()).collect();
    let strings = |i: usize| rows.iter().map(|r| r[i]).collect::<Vec<&str>>();
    let mut frame = DataFrame::new(
        rows.len(),
        vec![
            Column::new("indicator".into(), strings(0)),
            Column::new("region".into(), strings(1)),
            Column::new("year".into(), rows.iter().map(|r| r[2].parse::<i64>().unwrap()).collect::<Vec<_>>()),
            Column::new("kind".into(), strings(3)),
            Column::new("bound".into(), strings(4)),
            Column::new("value".into(), rows.iter().map(|r| r[5].parse::<f64>().unwrap()).collect::<Vec<_>>()),
            Column::new("unit".into(), strings(6)),
        ],
    )
    .unwrap();
    let facts = tmp.join("facts.parquet");
    ParquetWriter::new(std::fs::File::create(&facts).unwrap()).finish(&mut frame).unwrap();
    let out = tmp.join("out");
    let run = zhibiao(&[
        "assess",
        "--format",
        "parquet",
        "--facts",
        &facts.display().to_string(),
        "--indicators",
        &format!("{dir}/indicators.csv"),
        "--units",
        &format!("{dir}/units.csv"),
        "--out",
        &out.display().to_string(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("assessed 47 targets: 22 met, 5 near, 17 missed, 3 pending"), "{}", run.stdout);
    // by_region.parquet holds what by_region.csv of the reference engines holds
    let read = |name: &str| ParquetReader::new(std::fs::File::open(out.join(name)).unwrap()).finish().unwrap();
    let by_region = read("by_region.parquet");
    let expected = std::fs::read_to_string(format!("{dir}/expected/by_region.csv")).unwrap();
    let regions = strings_of(&by_region, "region");
    let shares: Vec<Option<f64>> = by_region.column("met_share").unwrap().f64().unwrap().iter().collect();
    for (k, line) in expected.lines().skip(1).enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        assert_eq!(regions[k].as_deref(), Some(cells[0]));
        assert_eq!(format!("{:.6}", shares[k].unwrap()), cells[5]);
    }
    assert_eq!(read("assessment.parquet").height(), 47);
    assert_eq!(read("by_indicator.parquet").height(), 16);
    // a file that is not Parquet: a clear answer, nothing written
    std::fs::write(tmp.join("bad.parquet"), "not parquet").unwrap();
    let run = zhibiao(&[
        "assess",
        "--format",
        "parquet",
        "--facts",
        &tmp.join("bad.parquet").display().to_string(),
        "--indicators",
        &format!("{dir}/indicators.csv"),
        "--out",
        &tmp.join("out2").display().to_string(),
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("bad.parquet: cannot read the Parquet file"), "{}", run.stderr);
    assert!(!tmp.join("out2").exists());
    std::fs::remove_dir_all(&tmp).unwrap();
}

fn strings_of(frame: &DataFrame, name: &str) -> Vec<Option<String>> {
    frame.column(name).unwrap().str().unwrap().iter().map(|s| s.map(str::to_owned)).collect()
}
