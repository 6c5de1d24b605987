//! The assessment as a polars pipeline: the engine behind `zhibiao assess` and the summaries.
//!
//! It implements, column-wise, exactly the rules of `zhibiao_core::assess` (the readable scalar
//! specification); a proptest runs both on random facts and requires identical results. The input is
//! a [`Panel`] (integer codes, one column per field); its targets, actuals and estimates become three
//! frames keyed by the packed (indicator, region, year), joined and judged by polars expressions, and
//! grouped into the three summaries of the reference benchmark (SPEC §5), which are written byte for
//! byte as the reference engines write them. Codes follow sorted names, so sorting by code is sorting
//! by name.

use polars::prelude::*;
use std::io::{self, Write};
use zhibiao_core::Bound;
use zhibiao_core::assess::{Basis, Status, Tolerance};
use zhibiao_core::output::{cell, push_number};
use zhibiao_panel::{Panel, bound_code, direction_code};

/// The statuses by code: the order the SPEC sorts them by name (met < missed < near < pending),
/// which is not the order of `Status` (met, near, missed, pending: best first).
pub const STATUSES: [Status; 4] = [Status::Met, Status::Missed, Status::Near, Status::Pending];
/// The bases by code.
pub const BASES: [Basis; 3] = [Basis::Actual, Basis::Estimate, Basis::Stated];

/// The code of a status.
pub(crate) fn status_code(status: Status) -> Expr {
    lit(STATUSES.iter().position(|s| *s == status).unwrap_or(0) as u32)
}

/// The names of the status codes.
fn status_names() -> Vec<String> {
    STATUSES.iter().map(|s| s.as_str().to_owned()).collect()
}

fn b(bound: Bound) -> Expr {
    lit(u32::from(bound_code(bound)))
}

fn bound_is(bounds: &[Bound]) -> Expr {
    bounds.iter().map(|x| col("bound").eq(b(*x))).reduce(|p, q| p.or(q)).unwrap_or(lit(false))
}

fn abs(e: Expr) -> Expr {
    when(e.clone().lt(lit(0.0))).then(-e.clone()).otherwise(e)
}

/// Splits a panel into the targets frame (with domain, direction and the `%` flag of the base unit)
/// and one frame per kind of result, all keyed by the packed (indicator, region, year).
fn frames(panel: &Panel) -> PolarsResult<(DataFrame, DataFrame, Option<DataFrame>)> {
    let n = panel.len();
    let has_hi = !panel.value_hi.is_empty();
    let f = &panel.facts;
    let targets: Vec<usize> = (0..n).filter(|&i| f[i].kind() == 2).collect();
    let t = |f: &dyn Fn(usize) -> f64| targets.iter().map(|&i| f(i)).collect::<Vec<f64>>();
    let hi = |v: &Vec<f64>, i: usize| if has_hi { v[i] } else { f64::NAN };
    let percent: Vec<bool> = panel.units.iter().map(|u| u.base == "%").collect();
    let target_frame = DataFrame::new(
        targets.len(),
        vec![
            Column::new("key".into(), targets.iter().map(|&i| panel.key(i)).collect::<Vec<u64>>()),
            Column::new("indicator".into(), targets.iter().map(|&i| f[i].indicator()).collect::<Vec<u32>>()),
            Column::new("region".into(), targets.iter().map(|&i| f[i].region()).collect::<Vec<u32>>()),
            Column::new("year".into(), targets.iter().map(|&i| f[i].year()).collect::<Vec<i32>>()),
            Column::new(
                "domain".into(),
                targets
                    .iter()
                    .map(|&i| u32::from(panel.indicator_domain[f[i].indicator() as usize]))
                    .collect::<Vec<u32>>(),
            ),
            Column::new("bound".into(), targets.iter().map(|&i| u32::from(f[i].bound())).collect::<Vec<u32>>()),
            Column::new(
                "direction".into(),
                targets
                    .iter()
                    .map(|&i| u32::from(direction_code(panel.indicators[f[i].indicator() as usize].direction)))
                    .collect::<Vec<u32>>(),
            ),
            Column::new(
                "percent".into(),
                targets.iter().map(|&i| percent[usize::from(f[i].unit())]).collect::<Vec<bool>>(),
            ),
            Column::new("target_unit".into(), targets.iter().map(|&i| u32::from(f[i].unit())).collect::<Vec<u32>>()),
            Column::new("target".into(), t(&|i| f[i].value)),
            Column::new("target_base".into(), t(&|i| panel.base(i))),
        ],
    )?;
    let target_frame = if has_hi {
        let mut f = target_frame;
        f.with_column(Column::new("target_hi".into(), t(&|i| hi(&panel.value_hi, i))))?;
        f.with_column(Column::new("target_hi_base".into(), t(&|i| panel.hi_base(i).unwrap_or(f64::NAN))))?;
        f
    } else {
        target_frame
            .lazy()
            .with_columns([
                lit(NULL).cast(DataType::Float64).alias("target_hi"),
                lit(NULL).cast(DataType::Float64).alias("target_hi_base"),
            ])
            .collect()?
    };
    let result = |kind: u8, name: &str| -> PolarsResult<DataFrame> {
        let rows: Vec<usize> = (0..n).filter(|&i| f[i].kind() == kind).collect();
        DataFrame::new(
            rows.len(),
            vec![
                Column::new("key".into(), rows.iter().map(|&i| panel.key(i)).collect::<Vec<u64>>()),
                Column::new(format!("{name}_base").into(), rows.iter().map(|&i| panel.base(i)).collect::<Vec<f64>>()),
                Column::new(format!("{name}_value").into(), rows.iter().map(|&i| f[i].value).collect::<Vec<f64>>()),
                Column::new(
                    format!("{name}_bound").into(),
                    rows.iter().map(|&i| u32::from(f[i].bound())).collect::<Vec<u32>>(),
                ),
                Column::new(
                    format!("{name}_unit").into(),
                    rows.iter().map(|&i| u32::from(f[i].unit())).collect::<Vec<u32>>(),
                ),
            ],
        )
    };
    let estimates = if f.iter().any(|x| x.kind() == 1) { Some(result(1, "e")?) } else { None };
    Ok((target_frame, result(0, "a")?, estimates))
}

/// One row per target, sorted by (indicator, region, year) for [`Scope::Everything`] (the summaries
/// need no order, so [`Scope::SummariesOnly`] skips the sort): the packed `key`; codes for `indicator,
/// domain, region, bound, target_unit, basis, actual_bound, actual_unit, status`; and `year, target,
/// target_hi, actual, target_base, target_hi_base, actual_base, gap, rel_gap, tol`.
///
/// Without estimates (`None`), their columns are typed nulls and no second join is made.
pub fn assess(
    targets: LazyFrame,
    actuals: LazyFrame,
    estimates: Option<LazyFrame>,
    tolerance: Tolerance,
    scope: Scope,
) -> LazyFrame {
    let left = || JoinArgs::new(JoinType::Left);
    let paired = targets.join(actuals, [col("key")], [col("key")], left());
    let paired = match estimates {
        Some(e) => paired.join(e, [col("key")], [col("key")], left()),
        None => paired.with_columns([
            lit(NULL).cast(DataType::Float64).alias("e_base"),
            lit(NULL).cast(DataType::Float64).alias("e_value"),
            lit(NULL).cast(DataType::UInt32).alias("e_bound"),
            lit(NULL).cast(DataType::UInt32).alias("e_unit"),
        ]),
    };
    let paired = paired.with_columns([col("target_hi").fill_nan(lit(NULL)), col("target_hi_base").fill_nan(lit(NULL))]);
    let t = || col("target_base");
    let hi = || coalesce(&[col("target_hi_base"), col("target_base")]);
    let a = || col("actual_base");
    let sense = when(bound_is(&[Bound::Ge, Bound::Gt]))
        .then(lit(1.0))
        .when(bound_is(&[Bound::Le, Bound::Lt]))
        .then(lit(-1.0))
        .when(col("direction").eq(lit(u32::from(direction_code(zhibiao_core::Direction::Up)))))
        .then(lit(1.0))
        .when(col("direction").eq(lit(u32::from(direction_code(zhibiao_core::Direction::Down)))))
        .then(lit(-1.0))
        .otherwise(lit(0.0));
    let s = || col("sense");
    let is_range = || bound_is(&[Bound::Range]);
    let reference = when(s().gt(lit(0.0)))
        .then(t())
        .when(s().lt(lit(0.0)).and(is_range()))
        .then(hi())
        .when(s().lt(lit(0.0)))
        .then(t())
        .when(is_range().and(a().lt(t())))
        .then(t())
        .when(is_range().and(a().gt(hi())))
        .then(hi())
        .when(is_range().and((a() - t()).lt_eq(hi() - a())))
        .then(t())
        .when(is_range())
        .then(hi())
        .otherwise(t());
    let r = || col("reference");
    let gap = when(s().neq(lit(0.0)))
        .then((a() - r()) * s())
        .when(is_range().and(a().lt(t())))
        .then(a() - t())
        .when(is_range().and(a().gt(hi())))
        .then(hi() - a())
        .when(is_range())
        .then(lit(0.0))
        .otherwise(-abs(a() - t()));
    let tol = when(col("percent")).then(lit(tolerance.percent_points)).otherwise(lit(tolerance.relative) * abs(r()));
    let g = || col("gap");
    let minus_tol = || -col("tol");
    let two_sided_point = || s().eq(lit(0.0)).and(is_range().not());
    let met = bound_is(&[Bound::Gt, Bound::Lt])
        .and(g().gt(lit(0.0)))
        .or(bound_is(&[Bound::Ge, Bound::Le, Bound::Eq, Bound::Range]).and(g().gt_eq(lit(0.0))))
        .or(bound_is(&[Bound::Approx]).and(g().gt_eq(minus_tol())))
        .or(two_sided_point().and(g().gt_eq(minus_tol())));
    let status = when(a().is_null())
        .then(status_code(Status::Pending))
        .when(met)
        .then(status_code(Status::Met))
        .when(g().gt_eq(minus_tol()).and(two_sided_point().not()))
        .then(status_code(Status::Near))
        .otherwise(status_code(Status::Missed));
    let rel_gap = when(a().is_not_null().and(r().neq(lit(0.0)))).then(g() / abs(r())).otherwise(lit(NULL));
    let from_result = |field: &str| {
        coalesce(&[col(format!("a_{field}")), col(format!("e_{field}"))]).alias(format!("actual_{field}"))
    };
    let null_f64 = || lit(NULL).cast(DataType::Float64);

    let plan = paired
        .with_columns([
            when(col("a_base").is_not_null())
                .then(lit(0u32))
                .when(col("e_base").is_not_null())
                .then(lit(1u32))
                .otherwise(lit(NULL).cast(DataType::UInt32))
                .cast(DataType::UInt32)
                .alias("basis"),
            coalesce(&[col("a_base"), col("e_base")]).alias("actual_base"),
            coalesce(&[col("a_value"), col("e_value")]).alias("actual"),
            from_result("bound"),
            from_result("unit"),
            sense.alias("sense"),
        ])
        .with_columns([when(a().is_not_null()).then(reference).otherwise(t()).alias("reference")])
        .with_columns([gap.alias("gap"), tol.alias("tol")])
        .with_columns([
            when(a().is_null()).then(null_f64()).otherwise(g()).alias("gap"),
            when(a().is_null()).then(null_f64()).otherwise(col("tol")).alias("tol"),
            status.cast(DataType::UInt32).alias("status"),
            rel_gap.alias("rel_gap"),
        ])
        .select([
            col("key"),
            col("indicator"),
            col("domain"),
            col("region"),
            col("year"),
            col("bound"),
            col("target"),
            col("target_hi"),
            col("target_unit"),
            col("basis"),
            col("actual"),
            col("actual_bound"),
            col("actual_unit"),
            col("target_base"),
            col("target_hi_base"),
            col("actual_base"),
            col("gap"),
            col("rel_gap"),
            col("tol"),
            col("status"),
        ]);
    match scope {
        // the packed key orders as (indicator, region, year): one integer sort instead of three
        Scope::Everything => plan.sort(["key"], SortMultipleOptions::default()),
        Scope::SummariesOnly => plan,
    }
}

/// The three summaries of SPEC §5 from an assessed frame (codes): (`by_domain_year`, `by_region`,
/// `by_indicator`), each sorted as the SPEC says.
pub fn summaries(assessed: LazyFrame) -> PolarsResult<[DataFrame; 3]> {
    let status = || col("status");
    let count = |s: Status| status().eq(status_code(s)).cast(DataType::UInt32).sum();
    let by_domain_year = assessed
        .clone()
        .group_by([col("domain"), col("year"), col("status")])
        .agg([len().alias("n"), col("rel_gap").mean().alias("mean_rel_gap")])
        .sort(["domain", "year", "status"], SortMultipleOptions::default());
    let paired = assessed.filter(status().neq(status_code(Status::Pending)));
    let by_region = paired
        .clone()
        .group_by([col("region")])
        .agg([
            len().alias("assessed"),
            count(Status::Met).alias("met"),
            count(Status::Near).alias("near"),
            count(Status::Missed).alias("missed"),
        ])
        .with_columns([
            (col("met").cast(DataType::Float64) / col("assessed").cast(DataType::Float64)).alias("met_share")
        ])
        .sort(["met_share", "region"], SortMultipleOptions::default().with_order_descending_multi([true, false]));
    let by_indicator = paired
        .group_by([col("indicator"), col("year")])
        .agg([
            len().alias("assessed"),
            (count(Status::Met).cast(DataType::Float64) / len().cast(DataType::Float64)).alias("met_share"),
            col("actual_base").median().alias("median_actual_base"),
        ])
        .sort(["indicator", "year"], SortMultipleOptions::default());
    Ok([by_domain_year.collect()?, by_region.collect()?, by_indicator.collect()?])
}

/// `F6(x)`: `%.6f`, with `-0.000000` written `0.000000` (SPEC conventions).
pub fn f6(x: f64) -> String {
    let s = format!("{x:.6}");
    if s == "-0.000000" { "0.000000".to_owned() } else { s }
}

/// The names behind the codes of a panel (what is left of it after the engine ran).
#[derive(Clone, Debug, Default)]
pub struct Names {
    /// Indicator ids by code.
    pub indicators: Vec<String>,
    /// Domain names by code.
    pub domains: Vec<String>,
    /// Region codes as written, by code.
    pub regions: Vec<String>,
    /// Units as written, by code.
    pub units: Vec<String>,
    /// Base units, by unit code.
    pub bases: Vec<String>,
}

impl Names {
    /// The names of a panel.
    pub fn of(panel: &Panel) -> Names {
        Names {
            indicators: panel.indicators.iter().map(|i| i.id.clone()).collect(),
            domains: panel.domains.clone(),
            regions: panel.regions.clone(),
            units: panel.units.iter().map(|u| u.name.clone()).collect(),
            bases: panel.units.iter().map(|u| u.base.clone()).collect(),
        }
    }
}

/// Everything `zhibiao assess` writes, computed once; codes decode through `names`.
#[derive(Debug)]
pub struct Outputs {
    /// The names behind the codes.
    pub names: Names,
    /// One row per target ([`assess`]), codes.
    pub assessment: DataFrame,
    /// SPEC §5 a) `by_domain_year`, codes.
    pub by_domain_year: DataFrame,
    /// SPEC §5 b) `by_region`, codes.
    pub by_region: DataFrame,
    /// SPEC §5 c) `by_indicator`, codes.
    pub by_indicator: DataFrame,
}

impl Outputs {
    /// How many targets have each status, in `Status::ALL` order (one pass over the statuses).
    pub fn counts(&self) -> [(Status, usize); 4] {
        let mut by_code = [0usize; 4];
        if let Some(codes) = self.assessment.column("status").ok().and_then(|c| c.cast(&DataType::UInt32).ok())
            && let Ok(codes) = codes.u32()
        {
            for code in codes.iter().flatten() {
                if let Some(n) = by_code.get_mut(code as usize) {
                    *n += 1;
                }
            }
        }
        [Status::Met, Status::Near, Status::Missed, Status::Pending]
            .map(|s| (s, STATUSES.iter().position(|x| *x == s).map_or(0, |code| by_code[code])))
    }
}

/// Gives each pending target the status its region's next report states for it when no number
/// pairs (`Basis::Stated`): `stated` maps (indicator, region, year) to met or missed. Returns how
/// many targets it settled. The SPEC summaries of `outputs` are left as the engine computed them.
pub fn apply_stated(
    outputs: &mut Outputs,
    stated: &std::collections::HashMap<(String, String, i32), Status>,
) -> PolarsResult<usize> {
    if stated.is_empty() {
        return Ok(0);
    }
    let f = &outputs.assessment;
    let names = &outputs.names;
    let (indicator, region) = (codes(f, "indicator")?, codes(f, "region")?);
    let years: Vec<Option<i32>> = f.column("year")?.i32()?.iter().collect();
    let mut status = codes(f, "status")?;
    let mut basis = codes(f, "basis")?;
    let code = |s: Status| STATUSES.iter().position(|x| *x == s).map(|c| c as u32);
    let stated_code = BASES.iter().position(|b| *b == Basis::Stated).map(|c| c as u32);
    let mut settled = 0;
    for i in 0..f.height() {
        if status[i] != code(Status::Pending) {
            continue;
        }
        let (Some(ind), Some(reg), Some(year)) = (indicator[i], region[i], years[i]) else { continue };
        let key = (name(&names.indicators, Some(ind)).to_owned(), name(&names.regions, Some(reg)).to_owned(), year);
        if let Some(s) = stated.get(&key) {
            status[i] = code(*s);
            basis[i] = stated_code;
            settled += 1;
        }
    }
    outputs.assessment.with_column(Column::new("status".into(), status))?;
    outputs.assessment.with_column(Column::new("basis".into(), basis))?;
    Ok(settled)
}

/// Runs the engine on a panel, which it consumes (its columns are freed as soon as the engine's
/// frames are built).
pub fn run(panel: Panel, tolerance: Tolerance) -> PolarsResult<Outputs> {
    run_with(panel, tolerance, Scope::Everything)
}

/// What the engine is asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The assessment, one row per target, and the three summaries.
    Everything,
    /// The three summaries only: the assessment frame keeps only what they need (`indicator,
    /// domain, region, year, actual_base, rel_gap, status`), so polars computes and holds less.
    SummariesOnly,
}

/// [`run`] for a [`Scope`].
pub fn run_with(panel: Panel, tolerance: Tolerance, scope: Scope) -> PolarsResult<Outputs> {
    let names = Names::of(&panel);
    let (targets, actuals, estimates) = frames(&panel)?;
    drop(panel);
    let plan = assess(targets.lazy(), actuals.lazy(), estimates.map(DataFrame::lazy), tolerance, scope);
    let plan = if scope == Scope::SummariesOnly {
        plan.select([
            col("indicator"),
            col("domain"),
            col("region"),
            col("year"),
            col("actual_base"),
            col("rel_gap"),
            col("status"),
        ])
    } else {
        plan
    };
    let assessment = plan.collect()?;
    let [by_domain_year, by_region, by_indicator] = summaries(assessment.clone().lazy())?;
    Ok(Outputs { names, assessment, by_domain_year, by_region, by_indicator })
}

/// A column's values as `u32` codes (nulls as `None`).
pub(crate) fn codes(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Option<u32>>> {
    Ok(frame.column(name)?.cast(&DataType::UInt32)?.u32()?.iter().collect())
}

pub(crate) fn floats(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Option<f64>>> {
    Ok(frame.column(name)?.f64()?.iter().collect())
}

/// The name of a code in a list (empty for null).
fn name(list: &[String], code: Option<u32>) -> &str {
    code.and_then(|c| list.get(c as usize)).map_or("", String::as_str)
}

/// Writes the three SPEC §5 files' text: (`by_domain_year.csv`, `by_region.csv`, `by_indicator.csv`).
pub fn spec_csvs(outputs: &Outputs) -> PolarsResult<[String; 3]> {
    let panel = &outputs.names;
    let f6o = |x: Option<f64>| x.map(f6).unwrap_or_default();
    let ids = &panel.indicators;
    let statuses = status_names();

    let f = &outputs.by_domain_year;
    let year_of = |f: &DataFrame| -> PolarsResult<Vec<Option<i32>>> {
        Ok(f.column("year")?.cast(&DataType::Int32)?.i32()?.to_vec())
    };
    let (domain, year, status) = (codes(f, "domain")?, year_of(f)?, codes(f, "status")?);
    let (n, mean) = (codes(f, "n")?, floats(f, "mean_rel_gap")?);
    let mut a = String::from("domain,year,status,n,mean_rel_gap\n");
    for i in 0..f.height() {
        let mean = if status[i] == Some(3) { String::new() } else { f6o(mean[i]) };
        a.push_str(&format!(
            "{},{},{},{},{}\n",
            name(&panel.domains, domain[i]),
            year[i].unwrap_or(0),
            name(&statuses, status[i]),
            n[i].unwrap_or(0),
            mean
        ));
    }
    let f = &outputs.by_region;
    let (region, assessed, met, near, missed, share) = (
        codes(f, "region")?,
        codes(f, "assessed")?,
        codes(f, "met")?,
        codes(f, "near")?,
        codes(f, "missed")?,
        floats(f, "met_share")?,
    );
    let mut b = String::from("region,assessed,met,near,missed,met_share\n");
    for i in 0..f.height() {
        b.push_str(&format!(
            "{},{},{},{},{},{}\n",
            name(&panel.regions, region[i]),
            assessed[i].unwrap_or(0),
            met[i].unwrap_or(0),
            near[i].unwrap_or(0),
            missed[i].unwrap_or(0),
            f6o(share[i])
        ));
    }
    let f = &outputs.by_indicator;
    let (indicator, year, assessed, share, median) = (
        codes(f, "indicator")?,
        year_of(f)?,
        codes(f, "assessed")?,
        floats(f, "met_share")?,
        floats(f, "median_actual_base")?,
    );
    let mut c = String::from("indicator,year,assessed,met_share,median_actual_base\n");
    for i in 0..f.height() {
        c.push_str(&format!(
            "{},{},{},{},{}\n",
            name(ids, indicator[i]),
            year[i].unwrap_or(0),
            assessed[i].unwrap_or(0),
            f6o(share[i]),
            f6o(median[i])
        ));
    }
    Ok([a, b, c])
}

/// The columns of `assessment.csv`, in order.
pub const ASSESSMENT_COLUMNS: &[&str] = &[
    "indicator",
    "domain",
    "region",
    "year",
    "bound",
    "target",
    "target_hi",
    "target_unit",
    "basis",
    "actual",
    "actual_bound",
    "actual_unit",
    "unit_base",
    "target_base",
    "target_hi_base",
    "actual_base",
    "gap",
    "rel_gap",
    "tol",
    "status",
];

/// A column read row by row: text through a list of names, or numbers.
enum Reader<'a> {
    Names(Box<dyn Iterator<Item = Option<u32>> + 'a>, &'a [String]),
    Numbers(Box<dyn Iterator<Item = Option<f64>> + 'a>),
    Years(Box<dyn Iterator<Item = Option<i32>> + 'a>),
}

/// Streams the assessment as text rows, one cell per [`ASSESSMENT_COLUMNS`] entry: names for codes,
/// numbers through `zhibiao_core::output::push_number`. `each` gets the cells of every row.
pub fn for_each_row(outputs: &Outputs, each: impl FnMut(&[String])) -> PolarsResult<()> {
    for_each_row_of(&outputs.assessment, &outputs.names, each)
}

/// [`for_each_row`] over a frame of the assessment's columns (a slice of it, say).
fn for_each_row_of(f: &DataFrame, n: &Names, mut each: impl FnMut(&[String])) -> PolarsResult<()> {
    let bounds: Vec<String> = Bound::ALL.iter().map(|b| b.as_str().to_owned()).collect();
    let basis_names: Vec<String> = BASES.iter().map(|b| b.as_str().to_owned()).collect();
    let statuses = status_names();
    let casted: Vec<(&str, Column)> =
        ["indicator", "domain", "region", "bound", "target_unit", "basis", "actual_bound", "actual_unit", "status"]
            .iter()
            .map(|c| Ok((*c, f.column(c)?.cast(&DataType::UInt32)?)))
            .collect::<PolarsResult<_>>()?;
    let codes = |name: &str| -> PolarsResult<Box<dyn Iterator<Item = Option<u32>> + '_>> {
        let column = casted
            .iter()
            .find(|(c, _)| *c == name)
            .map(|(_, c)| c)
            .ok_or_else(|| polars_err!(ColumnNotFound: "{name}"))?;
        Ok(Box::new(column.u32()?.iter()))
    };
    let nums =
        |name: &str| -> PolarsResult<Reader<'_>> { Ok(Reader::Numbers(Box::new(f.column(name)?.f64()?.iter()))) };
    let mut readers = vec![
        Reader::Names(codes("indicator")?, &n.indicators),
        Reader::Names(codes("domain")?, &n.domains),
        Reader::Names(codes("region")?, &n.regions),
        Reader::Years(Box::new(f.column("year")?.i32()?.iter())),
        Reader::Names(codes("bound")?, &bounds),
        nums("target")?,
        nums("target_hi")?,
        Reader::Names(codes("target_unit")?, &n.units),
        Reader::Names(codes("basis")?, &basis_names),
        nums("actual")?,
        Reader::Names(codes("actual_bound")?, &bounds),
        Reader::Names(codes("actual_unit")?, &n.units),
        Reader::Names(codes("target_unit")?, &n.bases),
        nums("target_base")?,
        nums("target_hi_base")?,
        nums("actual_base")?,
        nums("gap")?,
        nums("rel_gap")?,
        nums("tol")?,
        Reader::Names(codes("status")?, &statuses),
    ];
    let mut cells = vec![String::new(); readers.len()];
    for _ in 0..f.height() {
        for (cell, reader) in cells.iter_mut().zip(readers.iter_mut()) {
            cell.clear();
            match reader {
                Reader::Names(it, list) => cell.push_str(name(list, it.next().flatten())),
                Reader::Numbers(it) => {
                    if let Some(x) = it.next().flatten() {
                        push_number(cell, x);
                    }
                }
                Reader::Years(it) => {
                    if let Some(y) = it.next().flatten() {
                        cell.push_str(&y.to_string());
                    }
                }
            }
        }
        each(&cells);
    }
    Ok(())
}

/// Writes `assessment.csv`: RFC 4180 quoting where needed, numbers without float noise, text cells
/// neutralised against spreadsheet formulas. Streams in blocks formatted on every core: memory does
/// not grow with the row count.
pub fn write_assessment_csv(outputs: &Outputs, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(ASSESSMENT_COLUMNS.join(",").as_bytes())?;
    out.write_all(b"\n")?;
    let f = &outputs.assessment;
    let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 8);
    let part = 65_536usize;
    let mut start = 0usize;
    while start < f.height() {
        let parts: Vec<(usize, usize)> = (0..threads)
            .map(|k| (start + k * part, part.min(f.height().saturating_sub(start + k * part))))
            .filter(|(_, len)| *len > 0)
            .collect();
        start += threads * part;
        let buffers: Vec<PolarsResult<String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .iter()
                .map(|&(offset, len)| {
                    scope.spawn(move || {
                        let slice = f.slice(offset as i64, len);
                        let mut text = String::with_capacity(len * 140);
                        for_each_row_of(&slice, &outputs.names, |cells| {
                            for (i, c) in cells.iter().enumerate() {
                                if i > 0 {
                                    text.push(',');
                                }
                                push_csv_field(&mut text, &cell(c));
                            }
                            text.push('\n');
                        })?;
                        Ok(text)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|_| Err(polars_err!(ComputeError: "a writer thread failed"))))
                .collect()
        });
        for buffer in buffers {
            out.write_all(buffer.map_err(io::Error::other)?.as_bytes())?;
        }
    }
    Ok(())
}

/// Appends a CSV field, quoted when it holds a comma, a quote or a line break.
fn push_csv_field(line: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&field.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(field);
    }
}

/// The assessment with names instead of codes: text columns of [`ASSESSMENT_COLUMNS`] as strings,
/// numbers as `f64` (for the report's tables and for tests; small panels).
pub fn decoded_frame(outputs: &Outputs) -> PolarsResult<DataFrame> {
    let f = &outputs.assessment;
    let numeric =
        ["target", "target_hi", "actual", "target_base", "target_hi_base", "actual_base", "gap", "rel_gap", "tol"];
    let mut text: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(f.height()); ASSESSMENT_COLUMNS.len()];
    for_each_row(outputs, |cells| {
        for (column, cell) in text.iter_mut().zip(cells) {
            column.push((!cell.is_empty()).then(|| cell.clone()));
        }
    })?;
    let mut columns = Vec::with_capacity(ASSESSMENT_COLUMNS.len());
    for (name, values) in ASSESSMENT_COLUMNS.iter().zip(text) {
        let column = if numeric.contains(name) || *name == "year" {
            f.column(name)?.clone()
        } else {
            Column::new((*name).into(), values)
        };
        columns.push(column);
    }
    DataFrame::new(f.height(), columns)
}

/// Reads a Parquet facts file: its column names and its rows as text records numbered from 1
/// (numbers written in their shortest exact form, so the contract's checks apply unchanged).
pub fn parquet_records(
    path: &std::path::Path,
) -> PolarsResult<(Vec<String>, impl Iterator<Item = (u64, csv::StringRecord)>)> {
    let frame = ParquetReader::new(std::fs::File::open(path)?).finish()?;
    let names: Vec<String> = frame.get_column_names().iter().map(|n| n.to_string()).collect();
    let height = frame.height();
    let records = (0..height).map(move |row| {
        let cells: Vec<String> = frame
            .columns()
            .iter()
            .map(|c| match c.get(row) {
                Ok(AnyValue::Null) | Err(_) => String::new(),
                Ok(AnyValue::String(s)) => s.to_owned(),
                Ok(AnyValue::StringOwned(s)) => s.to_string(),
                Ok(AnyValue::Float64(x)) => format!("{x}"),
                Ok(AnyValue::Float32(x)) => format!("{}", f64::from(x)),
                Ok(other) => other.to_string(),
            })
            .collect();
        (row as u64 + 1, csv::StringRecord::from(cells))
    });
    Ok((names, records))
}

/// Replaces a code column of `frame` by the names the codes stand for.
fn name_codes(frame: &mut DataFrame, column: &str, names: &[String]) -> PolarsResult<()> {
    let values: Vec<Option<String>> =
        codes(frame, column)?.into_iter().map(|c| c.and_then(|c| names.get(c as usize).cloned())).collect();
    frame.with_column(Column::new(column.into(), values))?;
    Ok(())
}

/// Writes the outputs as Parquet: `assessment.parquet` (for [`Scope::Everything`]) and the three
/// summaries, with names for codes and full-precision numbers, staged with the caller's other files.
pub fn write_parquet(
    outputs: &Outputs,
    dir: &std::path::Path,
    staging: &mut zhibiao_core::output::Staging,
    scope: Scope,
) -> PolarsResult<()> {
    let statuses = status_names();
    let mut frames: Vec<(&str, DataFrame)> = Vec::new();
    if scope == Scope::Everything {
        frames.push(("assessment.parquet", decoded_frame(outputs)?));
    }
    let mut a = outputs.by_domain_year.clone();
    name_codes(&mut a, "domain", &outputs.names.domains)?;
    name_codes(&mut a, "status", &statuses)?;
    let mut b = outputs.by_region.clone();
    name_codes(&mut b, "region", &outputs.names.regions)?;
    let mut c = outputs.by_indicator.clone();
    name_codes(&mut c, "indicator", &outputs.names.indicators)?;
    frames.extend([("by_domain_year.parquet", a), ("by_region.parquet", b), ("by_indicator.parquet", c)]);
    for (name, mut frame) in frames {
        let file = staging.create(&dir.join(name))?;
        ParquetWriter::new(file).finish(&mut frame)?;
    }
    Ok(())
}
