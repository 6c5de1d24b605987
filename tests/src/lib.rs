//! Support for the end-to-end tests in `tests/it/`: running the command in process, locating the
//! repository, and proptest strategies (`arb_*`).

use proptest::prelude::*;
use std::path::{Path, PathBuf};
use zhibiao_core::units::{self, COUNTED_NOUNS, Unit};
use zhibiao_core::{Bound, Decimal, Fact, Kind};

/// What a run of the `zhibiao` command produced.
#[derive(Debug)]
pub struct Output {
    /// The exit code.
    pub code: u8,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `zhibiao ARGS…` in process, from the repository root.
pub fn zhibiao(args: &[&str]) -> Output {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let all = std::iter::once("zhibiao").chain(args.iter().copied());
    let code = zhibiao_cli::run(all, &mut stdout, &mut stderr);
    Output {
        code,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// A path relative to the repository root, as a string for command lines.
pub fn repo_path(relative: &str) -> String {
    root().join(relative).display().to_string()
}

prop_compose! {
    /// A decimal with up to 12 significant digits and up to 6 fraction digits, either sign.
    pub fn arb_decimal()(mantissa in -999_999_999_999i128..=999_999_999_999, exponent in -6i32..=3) -> Decimal {
        Decimal::new(mantissa, exponent)
    }
}

/// Every unit of the registry (counted nouns with and without 万/亿).
pub fn all_units() -> Vec<Unit> {
    let mut names: Vec<String> = units::known_names().map(str::to_owned).collect();
    for noun in COUNTED_NOUNS {
        names.push(format!("万{noun}"));
        names.push(format!("亿{noun}"));
    }
    names.iter().filter_map(|n| units::lookup(n).ok()).collect()
}

/// Any unit of the registry.
pub fn arb_unit() -> impl Strategy<Value = Unit> {
    proptest::sample::select(all_units())
}

prop_compose! {
    /// A fact that passes the panel contract (free text may hold commas, quotes and newlines).
    pub fn arb_fact()(
        indicator in "[a-z]{1,8}\\.[a-z][a-z0-9_]{0,12}",
        region in "[0-9]{6}",
        year in 1990i32..2100,
        kind in proptest::sample::select(Kind::ALL),
        bound in proptest::sample::select(Bound::ALL),
        value in arb_decimal(),
        spread in 1i128..1_000_000,
        unit in arb_unit(),
        source in proptest::option::of("[a-z0-9]{1,6}"),
        quote in proptest::option::of("[^\u{0}]{1,30}"),
        note in proptest::option::of("[a-z ,\"\n]{1,20}"),
    ) -> Fact {
        let value_hi = (bound == Bound::Range).then(|| {
            Decimal::new(value.mantissa() + spread, value.exponent()) // mantissa grows: hi > value
        });
        Fact {
            indicator, region, year, kind, bound, value, value_hi,
            unit: unit.name().to_owned(), source, quote, note,
        }
    }
}
