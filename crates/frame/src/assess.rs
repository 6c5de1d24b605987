//! The assessment as a polars pipeline: the engine behind `zhibiao assess` and the summaries.
//!
//! It implements, column-wise, exactly the rules of `zhibiao_core::assess` (the readable scalar
//! specification); a proptest runs both on random facts and requires identical results. The three
//! summaries of the reference benchmark (SPEC §5) are computed from the assessed frame and written
//! byte for byte as the reference engines write them.

use polars::prelude::*;
use std::collections::HashMap;
use std::io::{self, Write};
use zhibiao_core::Indicator;
use zhibiao_core::assess::{Normalised, Tolerance};

/// The normalised facts as a frame: `indicator, region, year, kind, bound, value_base,
/// value_hi_base, unit_base, value, value_hi, unit` (the last three as written).
pub fn normalised_frame(facts: &[Normalised<'_>]) -> PolarsResult<DataFrame> {
    let n = facts.len();
    fn text<'a>(facts: &'a [Normalised<'_>], get: fn(&'a Normalised<'_>) -> &'a str) -> Vec<&'a str> {
        facts.iter().map(get).collect()
    }
    DataFrame::new(
        n,
        vec![
            Column::new("indicator".into(), text(facts, |f| &f.fact.indicator)),
            Column::new("region".into(), text(facts, |f| &f.fact.region)),
            Column::new("year".into(), facts.iter().map(|f| f.fact.year).collect::<Vec<i32>>()),
            Column::new("kind".into(), text(facts, |f| f.fact.kind.as_str())),
            Column::new("bound".into(), text(facts, |f| f.fact.bound.as_str())),
            Column::new("value_base".into(), facts.iter().map(|f| f.value_base).collect::<Vec<f64>>()),
            Column::new("value_hi_base".into(), facts.iter().map(|f| f.value_hi_base).collect::<Vec<Option<f64>>>()),
            Column::new("unit_base".into(), text(facts, |f| &f.unit_base)),
            Column::new("value".into(), facts.iter().map(|f| f.fact.value.to_string()).collect::<Vec<_>>()),
            Column::new(
                "value_hi".into(),
                facts.iter().map(|f| f.fact.value_hi.map(|v| v.to_string())).collect::<Vec<_>>(),
            ),
            Column::new("unit".into(), text(facts, |f| &f.fact.unit)),
        ],
    )
}

/// The catalogue as a frame: `indicator, domain, direction`.
pub fn indicators_frame(indicators: &HashMap<String, Indicator>) -> PolarsResult<DataFrame> {
    let mut list: Vec<&Indicator> = indicators.values().collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    DataFrame::new(
        list.len(),
        vec![
            Column::new("indicator".into(), list.iter().map(|i| i.id.as_str()).collect::<Vec<_>>()),
            Column::new("domain".into(), list.iter().map(|i| i.domain.as_str()).collect::<Vec<_>>()),
            Column::new("direction".into(), list.iter().map(|i| i.direction.as_str()).collect::<Vec<_>>()),
        ],
    )
}

fn any_of(column: &str, words: &[&str]) -> Expr {
    words.iter().map(|w| col(column).eq(lit(*w))).reduce(|a, b| a.or(b)).unwrap_or(lit(false))
}

fn abs(e: Expr) -> Expr {
    when(e.clone().lt(lit(0.0))).then(-e.clone()).otherwise(e)
}

/// One row per target whose indicator is catalogued, sorted by (indicator, region, year):
/// `indicator, domain, region, year, bound, direction, target, target_hi, target_unit, basis, actual,
/// actual_bound, actual_unit, unit_base, target_base, target_hi_base, actual_base, sense, reference,
/// gap, rel_gap, tol, status`.
pub fn assess(facts: LazyFrame, indicators: LazyFrame, tolerance: Tolerance) -> LazyFrame {
    let keys = [col("indicator"), col("region"), col("year")];
    let result = |kind: &str, name: &str| {
        facts.clone().filter(col("kind").eq(lit(kind))).select([
            col("indicator"),
            col("region"),
            col("year"),
            col("value_base").alias(name),
            col("value").alias(format!("{name}_value")),
            col("bound").alias(format!("{name}_bound")),
            col("unit").alias(format!("{name}_unit")),
        ])
    };
    let targets = facts.clone().filter(col("kind").eq(lit("target"))).select([
        col("indicator"),
        col("region"),
        col("year"),
        col("bound"),
        col("unit_base"),
        col("value_base").alias("target_base"),
        col("value_hi_base").alias("target_hi_base"),
        col("value").alias("target"),
        col("value_hi").alias("target_hi"),
        col("unit").alias("target_unit"),
    ]);
    let left = || JoinArgs::new(JoinType::Left);
    let paired = targets
        .join(indicators, [col("indicator")], [col("indicator")], JoinArgs::new(JoinType::Inner))
        .join(result("actual", "actual_only"), keys.clone(), keys.clone(), left())
        .join(result("estimate", "estimate_only"), keys.clone(), keys, left());

    let bound = || col("bound");
    let t = || col("target_base");
    let hi = || coalesce(&[col("target_hi_base"), col("target_base")]);
    let a = || col("actual_base");
    let sense = when(any_of("bound", &["ge", "gt"]))
        .then(lit(1.0))
        .when(any_of("bound", &["le", "lt"]))
        .then(lit(-1.0))
        .when(col("direction").eq(lit("up")))
        .then(lit(1.0))
        .when(col("direction").eq(lit("down")))
        .then(lit(-1.0))
        .otherwise(lit(0.0));
    let s = || col("sense");
    let is_range = || bound().eq(lit("range"));
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
    let tol = when(col("unit_base").eq(lit("%")))
        .then(lit(tolerance.percent_points))
        .otherwise(lit(tolerance.relative) * abs(r()));
    let g = || col("gap");
    let minus_tol = || -col("tol");
    let two_sided_point = || s().eq(lit(0.0)).and(is_range().not());
    let met = any_of("bound", &["gt", "lt"])
        .and(g().gt(lit(0.0)))
        .or(any_of("bound", &["ge", "le", "eq", "range"]).and(g().gt_eq(lit(0.0))))
        .or(bound().eq(lit("approx")).and(g().gt_eq(minus_tol())))
        .or(two_sided_point().and(g().gt_eq(minus_tol())));
    let status = when(a().is_null())
        .then(lit("pending"))
        .when(met)
        .then(lit("met"))
        .when(g().gt_eq(minus_tol()).and(two_sided_point().not()))
        .then(lit("near"))
        .otherwise(lit("missed"));
    let rel_gap = when(a().is_not_null().and(r().neq(lit(0.0)))).then(g() / abs(r())).otherwise(lit(NULL));

    paired
        .with_columns([
            when(col("actual_only").is_not_null())
                .then(lit("actual"))
                .when(col("estimate_only").is_not_null())
                .then(lit("estimate"))
                .otherwise(lit(NULL).cast(DataType::String))
                .alias("basis"),
            coalesce(&[col("actual_only"), col("estimate_only")]).alias("actual_base"),
            coalesce(&[col("actual_only_value"), col("estimate_only_value")]).alias("actual"),
            coalesce(&[col("actual_only_bound"), col("estimate_only_bound")]).alias("actual_bound"),
            coalesce(&[col("actual_only_unit"), col("estimate_only_unit")]).alias("actual_unit"),
            sense.alias("sense"),
        ])
        .with_columns([when(a().is_not_null()).then(reference).otherwise(t()).alias("reference")])
        .with_columns([gap.alias("gap"), tol.alias("tol")])
        .with_columns([
            when(a().is_null()).then(lit(NULL).cast(DataType::Float64)).otherwise(g()).alias("gap"),
            when(a().is_null()).then(lit(NULL).cast(DataType::Float64)).otherwise(col("tol")).alias("tol"),
            status.alias("status"),
            rel_gap.alias("rel_gap"),
        ])
        .select([
            col("indicator"),
            col("domain"),
            col("region"),
            col("year"),
            col("bound"),
            col("direction"),
            col("target"),
            col("target_hi"),
            col("target_unit"),
            col("basis"),
            col("actual"),
            col("actual_bound"),
            col("actual_unit"),
            col("unit_base"),
            col("target_base"),
            col("target_hi_base"),
            col("actual_base"),
            col("sense"),
            col("reference"),
            col("gap"),
            col("rel_gap"),
            col("tol"),
            col("status"),
        ])
        .sort(["indicator", "region", "year"], SortMultipleOptions::default())
}

/// The three summaries of SPEC §5, from an assessed frame: (`by_domain_year`, `by_region`,
/// `by_indicator`), each sorted as the SPEC says.
pub fn summaries(assessed: LazyFrame) -> PolarsResult<[DataFrame; 3]> {
    let status = || col("status");
    let count = |s: &str| status().eq(lit(s)).cast(DataType::UInt32).sum();
    let by_domain_year = assessed
        .clone()
        .group_by([col("domain"), col("year"), col("status")])
        .agg([len().alias("n"), col("rel_gap").mean().alias("mean_rel_gap")])
        .sort(["domain", "year", "status"], SortMultipleOptions::default());
    let paired = assessed.filter(status().neq(lit("pending")));
    let by_region = paired
        .clone()
        .group_by([col("region")])
        .agg([
            len().alias("assessed"),
            count("met").alias("met"),
            count("near").alias("near"),
            count("missed").alias("missed"),
        ])
        .with_columns([
            (col("met").cast(DataType::Float64) / col("assessed").cast(DataType::Float64)).alias("met_share")
        ])
        .sort(["met_share", "region"], SortMultipleOptions::default().with_order_descending_multi([true, false]));
    let by_indicator = paired
        .group_by([col("indicator"), col("year")])
        .agg([
            len().alias("assessed"),
            (count("met").cast(DataType::Float64) / len().cast(DataType::Float64)).alias("met_share"),
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

/// Writes a summary frame as SPEC §5 CSV: header, `,`, `\n`, no quoting, integers plain, floats F6,
/// nulls empty. Only string, integer and float columns occur.
pub fn write_spec_csv(frame: &DataFrame, out: &mut dyn Write) -> io::Result<()> {
    let names: Vec<String> = frame.get_column_names().iter().map(|n| n.to_string()).collect();
    writeln!(out, "{}", names.join(","))?;
    let columns = frame.columns();
    let mut line = String::new();
    for row in 0..frame.height() {
        line.clear();
        for (i, c) in columns.iter().enumerate() {
            if i > 0 {
                line.push(',');
            }
            let value = c.get(row).map_err(io::Error::other)?;
            match value {
                AnyValue::Null => {}
                AnyValue::Float64(x) => line.push_str(&f6(x)),
                AnyValue::Float32(x) => line.push_str(&f6(f64::from(x))),
                AnyValue::String(s) => line.push_str(s),
                AnyValue::StringOwned(s) => line.push_str(&s),
                other => line.push_str(&other.to_string()),
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Everything `zhibiao assess` writes, computed once.
#[derive(Debug)]
pub struct Outputs {
    /// One row per target ([`assess`]).
    pub assessment: DataFrame,
    /// SPEC §5 a) `by_domain_year`.
    pub by_domain_year: DataFrame,
    /// SPEC §5 b) `by_region`.
    pub by_region: DataFrame,
    /// SPEC §5 c) `by_indicator`.
    pub by_indicator: DataFrame,
}

impl Outputs {
    /// How many targets have `status`.
    pub fn count(&self, status: &str) -> usize {
        self.assessment
            .column("status")
            .ok()
            .and_then(|c| c.str().ok().map(|s| s.iter().filter(|v| *v == Some(status)).count()))
            .unwrap_or(0)
    }
}

/// Runs the engine on normalised facts and a catalogue.
pub fn run(
    facts: &[Normalised<'_>],
    indicators: &HashMap<String, Indicator>,
    tolerance: Tolerance,
) -> PolarsResult<Outputs> {
    let facts = normalised_frame(facts)?.lazy();
    let catalogue = indicators_frame(indicators)?.lazy();
    let assessment = assess(facts, catalogue, tolerance).collect()?;
    let [by_domain_year, by_region, by_indicator] = summaries(assessment.clone().lazy())?;
    Ok(Outputs { assessment, by_domain_year, by_region, by_indicator })
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

/// Writes `assessment.csv`: RFC 4180 quoting where needed, numbers without float noise
/// (`zhibiao_core::output::number`), text cells neutralised against spreadsheet formulas.
pub fn write_assessment_csv(assessment: &DataFrame, out: &mut dyn Write) -> io::Result<()> {
    let mut writer = csv_writer(out);
    writer.write_record(ASSESSMENT_COLUMNS).map_err(io::Error::other)?;
    let columns: Vec<&Column> = ASSESSMENT_COLUMNS
        .iter()
        .map(|name| assessment.column(name))
        .collect::<PolarsResult<_>>()
        .map_err(io::Error::other)?;
    let mut record: Vec<String> = Vec::with_capacity(columns.len());
    for row in 0..assessment.height() {
        record.clear();
        for c in &columns {
            let text = match c.get(row).map_err(io::Error::other)? {
                AnyValue::Null => String::new(),
                AnyValue::Float64(x) => zhibiao_core::output::number(x),
                AnyValue::String(s) => zhibiao_core::output::cell(s).into_owned(),
                AnyValue::StringOwned(s) => zhibiao_core::output::cell(&s).into_owned(),
                other => other.to_string(),
            };
            record.push(text);
        }
        writer.write_record(&record).map_err(io::Error::other)?;
    }
    writer.flush()
}

fn csv_writer(out: &mut dyn Write) -> csv::Writer<&mut dyn Write> {
    csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out)
}
