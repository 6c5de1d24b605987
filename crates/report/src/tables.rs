//! The published tables, built from a validated dataset: row tables (facts, assessment, ambition,
//! derived, catalogues) and the polars aggregations (by domain, topic and region).

use crate::table::{ForeignKey, Table, Type, Value, field};
use polars::prelude::*;
use std::collections::{BTreeMap, HashMap};
use zhibiao_core::assess::{self, Basis, Normalised, Status, Tolerance};
use zhibiao_core::dataset::Dataset;
use zhibiao_core::derive::{self, Formula};
use zhibiao_core::model::{Bound, Direction, Kind, Measure, RegionLevel};
use zhibiao_core::units::{Normalise, Units};
use zhibiao_core::{Domain, Indicator};

const KINDS: &[&str] = Kind::WORDS;
const BOUNDS: &[&str] = Bound::WORDS;
const STATUSES: &[&str] = Status::WORDS;

/// Everything computed from a dataset, before rendering.
#[derive(Debug)]
pub struct Tables {
    /// The published tables, in publication order.
    pub all: Vec<Table>,
}

/// The table a renderer gets for a name no table has: no fields, no rows.
static EMPTY: Table = Table {
    name: "",
    title: "",
    description: "",
    fields: Vec::new(),
    primary_key: Vec::new(),
    foreign_keys: Vec::new(),
    rows: Vec::new(),
};

impl Tables {
    /// The table named `name`.
    pub fn get(&self, name: &str) -> Option<&Table> {
        self.all.iter().find(|t| t.name == name)
    }

    /// The table named `name`, or an empty one (renderers then show empty sections).
    pub fn table(&self, name: &str) -> &Table {
        self.get(name).unwrap_or(&EMPTY)
    }
}

fn fk(fields: &[&'static str], resource: &'static str, reference: &[&'static str]) -> ForeignKey {
    ForeignKey { fields: fields.to_vec(), resource, reference_fields: reference.to_vec() }
}

/// Builds every table. Fails only if the polars engine fails.
pub fn build(data: &Dataset, domains: &[&dyn Domain], tolerance: Tolerance) -> PolarsResult<Tables> {
    let normalised = assess::normalise(&data.facts, Units::Registry, Normalise::Exact);
    let indicators: HashMap<String, Indicator> = data.indicators.iter().map(|i| (i.id.clone(), i.clone())).collect();
    let mut builder = zhibiao_panel::PanelBuilder::new(data.indicators.clone(), Normalise::Exact);
    for f in &data.facts {
        builder.push_fact(f, Units::Registry, 0).map_err(|e| PolarsError::ComputeError(e.into()))?;
    }
    let panel =
        builder.finish(std::path::Path::new("data")).map_err(|d| PolarsError::ComputeError(d.to_string().into()))?;
    let outputs = zhibiao_frame::assess::run(panel, tolerance)?;
    let assessed = zhibiao_frame::assess::decoded_frame(&outputs)?;
    let region_names: HashMap<&str, &str> =
        data.regions.iter().map(|r| (r.code.as_str(), r.name_zh.as_str())).collect();

    let derived_rows: Vec<(&dyn Domain, derive::DerivedFact)> = domains
        .iter()
        .flat_map(|d| derive::compute(d.derived(), &normalised).into_iter().map(move |f| (*d, f)))
        .collect();
    let ambitions = assess::ambitions(&normalised, &indicators);
    let untargeted = assess::untargeted(&normalised);

    let assessment = assessment_table(&assessed, &indicators)?;
    let aggregates = aggregates(&assessed, &indicators, &ambitions, &untargeted, &region_names)?;
    let mut all = vec![
        sources_table(data),
        regions_table(data),
        indicators_table(data, domains),
        facts_table(&normalised, &indicators, &region_names),
        assessment,
        ambition_table(&ambitions, &indicators),
        derived_table(&derived_rows),
    ];
    all.extend(aggregates);
    Ok(Tables { all })
}

fn sources_table(data: &Dataset) -> Table {
    Table {
        name: "sources",
        title: "Sources",
        description: "One row per source text, pinned by the sha256 of its bytes.",
        fields: vec![
            field("id", Type::String, "Source id used by facts.").required(),
            field("title", Type::String, "Title of the report.").required(),
            field("publisher", Type::String, "Who issued it.").required(),
            field(
                "delivered",
                Type::String,
                "ISO date the report was delivered, empty when the text does not state it.",
            ),
            field("year_reviewed", Type::Integer, "The year whose results the report reviews.").required(),
            field("year_planned", Type::Integer, "The year whose targets the report sets.").required(),
            field("file", Type::String, "The text's file name under data/sources/.").required(),
            field("sha256", Type::String, "Lowercase hex sha256 of the text's bytes.").required(),
            field("origin", Type::String, "Where the text came from."),
            field("note", Type::String, "Anything else a reader should know."),
        ],
        primary_key: vec!["id"],
        foreign_keys: vec![],
        rows: data
            .sources
            .iter()
            .map(|s| {
                vec![
                    s.id.as_str().into(),
                    s.title.as_str().into(),
                    s.publisher.as_str().into(),
                    s.delivered.clone().into(),
                    i64::from(s.year_reviewed).into(),
                    i64::from(s.year_planned).into(),
                    s.file.as_str().into(),
                    s.sha256.as_str().into(),
                    s.origin.clone().into(),
                    s.note.clone().into(),
                ]
            })
            .collect(),
    }
}

fn regions_table(data: &Dataset) -> Table {
    let mut regions = data.regions.clone();
    regions.sort_by(|a, b| a.code.cmp(&b.code));
    Table {
        name: "regions",
        title: "Regions",
        description: "One row per region a fact is about, by GB/T 2260 code.",
        fields: vec![
            field("code", Type::String, "Six-digit GB/T 2260 code.").required(),
            field("name_zh", Type::String, "Chinese name.").required(),
            field("name_en", Type::String, "English name.").required(),
            field("level", Type::String, "Administrative level.").required().one_of(RegionLevel::WORDS),
            field("parent", Type::String, "Code of the enclosing region."),
        ],
        primary_key: vec!["code"],
        foreign_keys: vec![fk(&["parent"], "regions", &["code"])],
        rows: regions
            .iter()
            .map(|r| {
                vec![
                    r.code.as_str().into(),
                    r.name_zh.as_str().into(),
                    r.name_en.as_str().into(),
                    r.level.as_str().into(),
                    r.parent.clone().into(),
                ]
            })
            .collect(),
    }
}

fn derived_measure(formula: &Formula, unit: &str) -> &'static str {
    match formula {
        Formula::Growth { .. } => "growth",
        Formula::Difference { .. } if unit == "个百分点" => "change",
        Formula::Difference { .. } => "increment",
        Formula::Sum { .. } => "level",
        Formula::Ratio { .. } if unit == "%" => "share",
        Formula::Ratio { .. } => "ratio",
    }
}

fn indicators_table(data: &Dataset, domains: &[&dyn Domain]) -> Table {
    let mut rows: Vec<Vec<Value>> = data
        .indicators
        .iter()
        .map(|i| {
            vec![
                i.id.as_str().into(),
                i.domain.as_str().into(),
                i.topic.as_str().into(),
                i.name_zh.as_str().into(),
                i.name_en.as_str().into(),
                i.unit.as_str().into(),
                i.measure.as_str().into(),
                i.direction.as_str().into(),
                i.description.as_str().into(),
                Value::Null,
                Value::Null,
            ]
        })
        .collect();
    for d in domains {
        for x in d.derived() {
            rows.push(vec![
                x.id.into(),
                d.id().into(),
                "derived".into(),
                x.name_zh.into(),
                x.name_en.into(),
                x.unit.into(),
                derived_measure(&x.formula, x.unit).into(),
                "none".into(),
                x.reason.into(),
                x.formula.describe().into(),
                x.reason.into(),
            ]);
        }
    }
    rows.sort_by_key(|r| r[0].text());
    Table {
        name: "indicators",
        title: "Indicators",
        description: "Every indicator of the four domain catalogues, and the derived indicators (with their formula).",
        fields: vec![
            field("id", Type::String, "<domain>.<snake_name>.").required(),
            field("domain", Type::String, "The domain that owns the indicator.").required().one_of(&[
                "economy",
                "ecology",
                "agriculture",
                "livelihood",
            ]),
            field("topic", Type::String, "Topic within the domain (derived for derived indicators).").required(),
            field("name_zh", Type::String, "Chinese name.").required(),
            field("name_en", Type::String, "English name.").required(),
            field("unit", Type::String, "Canonical unit (facts may use another unit of the same dimension).")
                .required(),
            field("measure", Type::String, "What kind of quantity it is.").required().one_of(Measure::WORDS),
            field("direction", Type::String, "Which way is better.").required().one_of(Direction::WORDS),
            field("description", Type::String, "What is measured.").required(),
            field("formula", Type::String, "For a derived indicator, how it is computed from base values."),
            field("reason", Type::String, "For a derived indicator, why an analyst wants it."),
        ],
        primary_key: vec!["id"],
        foreign_keys: vec![],
        rows,
    }
}

fn facts_table(
    normalised: &[Normalised<'_>],
    indicators: &HashMap<String, Indicator>,
    region_names: &HashMap<&str, &str>,
) -> Table {
    let mut rows: Vec<Vec<Value>> = normalised
        .iter()
        .filter_map(|n| {
            let f = n.fact;
            let i = indicators.get(&f.indicator)?;
            Some(vec![
                f.indicator.as_str().into(),
                i.domain.as_str().into(),
                i.topic.as_str().into(),
                i.name_zh.as_str().into(),
                i.name_en.as_str().into(),
                f.region.as_str().into(),
                region_names.get(f.region.as_str()).map(|s| (*s).to_owned()).into(),
                i64::from(f.year).into(),
                f.kind.as_str().into(),
                f.bound.as_str().into(),
                Value::Num(f.value.to_f64()),
                f.value_hi.map(|v| v.to_f64()).into(),
                f.unit.as_str().into(),
                Value::Num(n.value_base),
                n.value_hi_base.into(),
                n.unit_base.as_str().into(),
                i.measure.as_str().into(),
                i.direction.as_str().into(),
                f.source.clone().into(),
                f.quote.clone().into(),
                f.note.clone().into(),
            ])
        })
        .collect();
    rows.sort_by_key(|r| (r[0].text(), r[5].text(), r[7].text(), r[8].text()));
    Table {
        name: "facts",
        title: "Facts",
        description: "One row per stated figure, with its indicator's metadata and its value in base units.",
        fields: vec![
            field("indicator", Type::String, "Indicator id.").required(),
            field("domain", Type::String, "The indicator's domain.").required(),
            field("topic", Type::String, "The indicator's topic.").required(),
            field("name_zh", Type::String, "Indicator name, Chinese.").required(),
            field("name_en", Type::String, "Indicator name, English.").required(),
            field("region", Type::String, "GB/T 2260 code of the region the figure is about.").required(),
            field("region_name", Type::String, "The region's Chinese name."),
            field("year", Type::Integer, "The year the figure is about.").required(),
            field("kind", Type::String, "actual (review), estimate (预计), target (plan).").required().one_of(KINDS),
            field("bound", Type::String, "How the figure bounds the value (左右 approx, 以上 ge, 超过 gt, 以内 le …).")
                .required()
                .one_of(BOUNDS),
            field("value", Type::Number, "The figure as written, in `unit`; declines are negative.").required(),
            field("value_hi", Type::Number, "Upper end of a range, in `unit`."),
            field("unit", Type::String, "The unit as written.").required(),
            field("value_base", Type::Number, "The figure in `unit_base` (exact decimal conversion).").required(),
            field("value_hi_base", Type::Number, "Upper end of a range in `unit_base`."),
            field("unit_base", Type::String, "The base unit of the unit's dimension (元, 公斤, 亩, %, 个 …).")
                .required(),
            field("measure", Type::String, "The indicator's measure.").required(),
            field("direction", Type::String, "The indicator's direction.").required(),
            field("source", Type::String, "Source id.").required(),
            field("quote", Type::String, "The exact substring of the source that states the figure.").required(),
            field("note", Type::String, "A note for readers."),
        ],
        primary_key: vec!["indicator", "region", "year", "kind"],
        foreign_keys: vec![
            fk(&["indicator"], "indicators", &["id"]),
            fk(&["region"], "regions", &["code"]),
            fk(&["source"], "sources", &["id"]),
        ],
        rows,
    }
}

/// Reads a frame's column as cell values.
fn values(frame: &DataFrame, name: &str) -> PolarsResult<Vec<Value>> {
    let column = frame.column(name)?;
    (0..frame.height())
        .map(|row| {
            Ok(match column.get(row)? {
                AnyValue::Null => Value::Null,
                AnyValue::String(s) => Value::Text(s.to_owned()),
                AnyValue::StringOwned(s) => Value::Text(s.to_string()),
                AnyValue::Float64(x) => Value::Num(x),
                AnyValue::Int32(x) => Value::Int(i64::from(x)),
                AnyValue::Int64(x) => Value::Int(x),
                AnyValue::UInt32(x) => Value::Int(i64::from(x)),
                AnyValue::UInt64(x) => Value::Int(i64::try_from(x).unwrap_or(i64::MAX)),
                other => Value::Text(other.to_string()),
            })
        })
        .collect()
}

/// Rows of `frame` for the given columns, in frame order.
fn rows(frame: &DataFrame, columns: &[&str]) -> PolarsResult<Vec<Vec<Value>>> {
    let cols: Vec<Vec<Value>> = columns.iter().map(|c| values(frame, c)).collect::<PolarsResult<_>>()?;
    Ok((0..frame.height()).map(|r| cols.iter().map(|c| c[r].clone()).collect()).collect())
}

fn assessment_table(assessment: &DataFrame, indicators: &HashMap<String, Indicator>) -> PolarsResult<Table> {
    let columns = zhibiao_frame::assess::ASSESSMENT_COLUMNS;
    let mut out = rows(assessment, columns)?;
    for row in &mut out {
        let i = indicators.get(&row[0].text());
        for (at, text) in
            [(2, i.map(|i| i.topic.clone())), (3, i.map(|i| i.name_zh.clone())), (4, i.map(|i| i.name_en.clone()))]
        {
            row.insert(at, text.into());
        }
    }
    Ok(Table {
        name: "assessment",
        title: "Targets against results",
        description: "One row per target: the result it was paired with (actual, else estimate), compared in base units, and its status.",
        fields: vec![
            field("indicator", Type::String, "Indicator id.").required(),
            field("domain", Type::String, "Its domain.").required(),
            field("topic", Type::String, "Its topic.").required(),
            field("name_zh", Type::String, "Indicator name, Chinese.").required(),
            field("name_en", Type::String, "Indicator name, English.").required(),
            field("region", Type::String, "GB/T 2260 code.").required(),
            field("year", Type::Integer, "The target's year.").required(),
            field("bound", Type::String, "The target's bound.").required().one_of(BOUNDS),
            field("target", Type::Number, "The target as written, in target_unit (a range's low end).").required(),
            field("target_hi", Type::Number, "A range target's high end, in target_unit."),
            field("target_unit", Type::String, "The target's unit as written.").required(),
            field("basis", Type::String, "Which result was used: actual, else estimate; empty when pending.")
                .one_of(Basis::WORDS),
            field("actual", Type::Number, "The result as written, in actual_unit."),
            field("actual_bound", Type::String, "The result's own bound (a result 超过18% is judged on 18).")
                .one_of(BOUNDS),
            field("actual_unit", Type::String, "The result's unit as written."),
            field("unit_base", Type::String, "The base unit both are compared in.").required(),
            field("target_base", Type::Number, "The target in unit_base.").required(),
            field("target_hi_base", Type::Number, "A range target's high end in unit_base."),
            field("actual_base", Type::Number, "The result in unit_base."),
            field(
                "gap",
                Type::Number,
                "(result − target) × sense, in unit_base: how far beyond (+) or short of (−) the target.",
            ),
            field("rel_gap", Type::Number, "gap ÷ |target| (a fraction)."),
            field("tol", Type::Number, "Tolerance in unit_base: 0.5 points for %, else 5% of |target|."),
            field("status", Type::String, "met, near (short by no more than tol), missed, or pending (no result).")
                .required()
                .one_of(STATUSES),
        ],
        primary_key: vec!["indicator", "region", "year"],
        foreign_keys: vec![fk(&["indicator"], "indicators", &["id"]), fk(&["region"], "regions", &["code"])],
        rows: out,
    })
}

fn ambition_table(ambitions: &[assess::Ambition], indicators: &HashMap<String, Indicator>) -> Table {
    let rows = ambitions
        .iter()
        .map(|a| {
            let i = indicators.get(&a.indicator);
            let unit = if a.unit_base == "%" { "个百分点" } else { "ratio" };
            vec![
                a.indicator.as_str().into(),
                a.domain.as_str().into(),
                i.map(|i| i.name_zh.clone()).into(),
                i.map(|i| i.name_en.clone()).into(),
                a.region.as_str().into(),
                i64::from(a.year).into(),
                a.bound.as_str().into(),
                Value::Num(a.target_base),
                i64::from(a.year - 1).into(),
                a.previous_basis.as_str().into(),
                Value::Num(a.previous_base),
                a.unit_base.as_str().into(),
                a.ambition.into(),
                unit.into(),
            ]
        })
        .collect();
    Table {
        name: "ambition",
        title: "Ambition of targets",
        description: "One row per target with a result for the year before: how far the target reaches beyond it.",
        fields: vec![
            field("indicator", Type::String, "Indicator id.").required(),
            field("domain", Type::String, "Its domain.").required(),
            field("name_zh", Type::String, "Indicator name, Chinese.").required(),
            field("name_en", Type::String, "Indicator name, English.").required(),
            field("region", Type::String, "GB/T 2260 code.").required(),
            field("year", Type::Integer, "The target's year.").required(),
            field("bound", Type::String, "The target's bound.").required().one_of(BOUNDS),
            field("target_base", Type::Number, "The target in unit_base (a range's end by sense).").required(),
            field("previous_year", Type::Integer, "The year before.").required(),
            field("previous_basis", Type::String, "actual, else estimate.").required().one_of(Basis::WORDS),
            field("previous_base", Type::Number, "The previous year's result in unit_base.").required(),
            field("unit_base", Type::String, "The base unit.").required(),
            field(
                "ambition",
                Type::Number,
                "target − previous in percentage points for %, else target ÷ previous − 1.",
            ),
            field("ambition_unit", Type::String, "个百分点 (points) or ratio.")
                .required()
                .one_of(&["个百分点", "ratio"]),
        ],
        primary_key: vec!["indicator", "region", "year"],
        foreign_keys: vec![fk(&["indicator"], "indicators", &["id"]), fk(&["region"], "regions", &["code"])],
        rows,
    }
}

fn derived_table(derived: &[(&dyn Domain, derive::DerivedFact)]) -> Table {
    let mut rows: Vec<Vec<Value>> = derived
        .iter()
        .map(|(d, f)| {
            let spec = d.derived().iter().find(|x| x.id == f.indicator);
            vec![
                f.indicator.into(),
                d.id().into(),
                spec.map(|s| s.name_zh).unwrap_or_default().into(),
                spec.map(|s| s.name_en).unwrap_or_default().into(),
                f.region.as_str().into(),
                i64::from(f.year).into(),
                f.kind.as_str().into(),
                Value::Num(f.value),
                f.unit.into(),
                spec.map(|s| s.formula.describe()).unwrap_or_default().into(),
                f.inputs.join("; ").into(),
            ]
        })
        .collect();
    rows.sort_by_key(|r| (r[0].text(), r[4].text(), r[5].text(), r[6].text()));
    Table {
        name: "derived",
        title: "Derived indicators",
        description: "One row per derived indicator, region, year and kind where its inputs are stated.",
        fields: vec![
            field("indicator", Type::String, "Derived indicator id.").required(),
            field("domain", Type::String, "Its domain.").required(),
            field("name_zh", Type::String, "Name, Chinese.").required(),
            field("name_en", Type::String, "Name, English.").required(),
            field("region", Type::String, "GB/T 2260 code.").required(),
            field("year", Type::Integer, "Year.").required(),
            field("kind", Type::String, "From the inputs: all targets → target; actuals with estimates → estimate.")
                .required()
                .one_of(KINDS),
            field("value", Type::Number, "The value, in unit.").required(),
            field("unit", Type::String, "The unit.").required(),
            field("formula", Type::String, "How it is computed (from base values).").required(),
            field("inputs", Type::String, "The facts it came from.").required(),
        ],
        primary_key: vec!["indicator", "region", "year", "kind"],
        foreign_keys: vec![fk(&["indicator"], "indicators", &["id"]), fk(&["region"], "regions", &["code"])],
        rows,
    }
}

/// The status counts and gap statistics of a grouping, as polars aggregations.
fn metrics() -> Vec<Expr> {
    let count = |s: &str| col("status").eq(lit(s)).cast(DataType::Int64).sum();
    vec![
        len().cast(DataType::Int64).alias("targets"),
        count("met").alias("met"),
        count("near").alias("near"),
        count("missed").alias("missed"),
        count("pending").alias("pending"),
        col("rel_gap").mean().alias("mean_rel_gap"),
        col("rel_gap").median().alias("median_rel_gap"),
    ]
}

fn aggregates(
    assessment: &DataFrame,
    indicators: &HashMap<String, Indicator>,
    ambitions: &[assess::Ambition],
    untargeted: &[&Normalised<'_>],
    region_names: &HashMap<&str, &str>,
) -> PolarsResult<Vec<Table>> {
    let mut ids: Vec<&Indicator> = indicators.values().collect();
    ids.sort_by(|a, b| a.id.cmp(&b.id));
    let topics = DataFrame::new(
        ids.len(),
        vec![
            Column::new("indicator".into(), ids.iter().map(|i| i.id.as_str()).collect::<Vec<_>>()),
            Column::new("topic".into(), ids.iter().map(|i| i.topic.as_str()).collect::<Vec<_>>()),
        ],
    )?;
    let base = assessment.clone().lazy().join(
        topics.lazy(),
        [col("indicator")],
        [col("indicator")],
        JoinArgs::new(JoinType::Left),
    );
    let finish = |lf: LazyFrame, keys: &[&str]| -> PolarsResult<DataFrame> {
        lf.group_by(keys.iter().map(|k| col(*k)).collect::<Vec<_>>())
            .agg(metrics())
            .with_columns([(col("met") + col("near") + col("missed")).alias("assessed")])
            .with_columns([when(col("assessed").gt(lit(0)))
                .then(col("met").cast(DataType::Float64) / col("assessed").cast(DataType::Float64))
                .otherwise(lit(NULL).cast(DataType::Float64))
                .alias("met_share")])
            .sort(keys.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>(), SortMultipleOptions::default())
            .collect()
    };
    let by_domain = finish(base.clone(), &["domain", "year"])?;
    let by_topic = finish(base.clone(), &["domain", "topic", "year"])?;
    let by_region = finish(base, &["region", "year"])?;

    // untargeted results, counted in Rust (a handful) and attached by key
    let mut untargeted_by: BTreeMap<(String, String, i32), i64> = BTreeMap::new();
    for n in untargeted {
        if let Some(i) = indicators.get(&n.fact.indicator) {
            *untargeted_by.entry((i.domain.clone(), String::new(), n.fact.year)).or_default() += 1;
            *untargeted_by.entry((String::new(), n.fact.region.clone(), n.fact.year)).or_default() += 1;
        }
    }
    // ambition by domain and year: points for % targets, ratios for the rest
    let amb = DataFrame::new(
        ambitions.len(),
        vec![
            Column::new("domain".into(), ambitions.iter().map(|a| a.domain.as_str()).collect::<Vec<_>>()),
            Column::new("year".into(), ambitions.iter().map(|a| a.year).collect::<Vec<i32>>()),
            Column::new("percent".into(), ambitions.iter().map(|a| a.unit_base == "%").collect::<Vec<bool>>()),
            Column::new("ambition".into(), ambitions.iter().map(|a| a.ambition).collect::<Vec<Option<f64>>>()),
        ],
    )?
    .lazy()
    .group_by([col("domain"), col("year")])
    .agg([
        col("ambition").filter(col("percent")).count().cast(DataType::Int64).alias("ambition_n_points"),
        col("ambition").filter(col("percent")).median().alias("ambition_median_points"),
        col("ambition").filter(col("percent").not()).count().cast(DataType::Int64).alias("ambition_n_ratio"),
        col("ambition").filter(col("percent").not()).median().alias("ambition_median_ratio"),
    ]);
    let by_domain = by_domain
        .lazy()
        .join(amb, [col("domain"), col("year")], [col("domain"), col("year")], JoinArgs::new(JoinType::Left))
        .with_columns([col("ambition_n_points").fill_null(lit(0i64)), col("ambition_n_ratio").fill_null(lit(0i64))])
        .sort(["domain", "year"], SortMultipleOptions::default())
        .collect()?;

    let metric_fields = || {
        vec![
            field("targets", Type::Integer, "Targets set for the year.").required(),
            field("assessed", Type::Integer, "Targets with a result (met + near + missed).").required(),
            field("met", Type::Integer, "Targets met.").required(),
            field("near", Type::Integer, "Targets missed by no more than the tolerance.").required(),
            field("missed", Type::Integer, "Targets missed by more than the tolerance.").required(),
            field("pending", Type::Integer, "Targets with no result stated.").required(),
            field("met_share", Type::Number, "met ÷ assessed."),
            field("mean_rel_gap", Type::Number, "Mean of rel_gap over assessed targets."),
            field("median_rel_gap", Type::Number, "Median of rel_gap over assessed targets."),
            field("untargeted", Type::Integer, "Results stated for the year without a target.").required(),
        ]
    };
    let metric_columns =
        ["targets", "assessed", "met", "near", "missed", "pending", "met_share", "mean_rel_gap", "median_rel_gap"];
    let with_untargeted =
        |mut rows: Vec<Vec<Value>>, domain_at: Option<usize>, region_at: Option<usize>, year_at: usize| {
            for r in &mut rows {
                let year = match r[year_at] {
                    Value::Int(y) => i32::try_from(y).unwrap_or(0),
                    _ => 0,
                };
                let key = (
                    domain_at.map(|i| r[i].text()).unwrap_or_default(),
                    region_at.map(|i| r[i].text()).unwrap_or_default(),
                    year,
                );
                r.push(Value::Int(untargeted_by.get(&key).copied().unwrap_or(0)));
            }
            rows
        };

    let mut domain_fields = vec![
        field("domain", Type::String, "Domain.").required(),
        field("year", Type::Integer, "The targets' year.").required(),
    ];
    domain_fields.extend(metric_fields());
    domain_fields.extend([
        field("ambition_n_points", Type::Integer, "Targets in % with a result the year before.").required(),
        field("ambition_median_points", Type::Number, "Median ambition of those, in percentage points."),
        field("ambition_n_ratio", Type::Integer, "Other targets with a result the year before.").required(),
        field("ambition_median_ratio", Type::Number, "Median ambition of those, as target ÷ previous − 1."),
    ]);
    let mut domain_rows =
        with_untargeted(rows(&by_domain, &[&["domain", "year"][..], &metric_columns].concat())?, Some(0), None, 1);
    let extra = rows(
        &by_domain,
        &["ambition_n_points", "ambition_median_points", "ambition_n_ratio", "ambition_median_ratio"],
    )?;
    for (r, e) in domain_rows.iter_mut().zip(extra) {
        r.extend(e);
    }

    let mut topic_fields = vec![
        field("domain", Type::String, "Domain.").required(),
        field("topic", Type::String, "Topic within the domain.").required(),
        field("year", Type::Integer, "The targets' year.").required(),
    ];
    topic_fields.extend(metric_fields().into_iter().filter(|f| f.name != "untargeted"));
    let topic_rows = rows(&by_topic, &[&["domain", "topic", "year"][..], &metric_columns].concat())?;

    let mut region_fields = vec![
        field("region", Type::String, "GB/T 2260 code.").required(),
        field("region_name", Type::String, "Chinese name."),
        field("year", Type::Integer, "The targets' year.").required(),
    ];
    region_fields.extend(metric_fields());
    let mut region_rows =
        with_untargeted(rows(&by_region, &[&["region", "year"][..], &metric_columns].concat())?, None, Some(0), 1);
    for r in &mut region_rows {
        let name = region_names.get(r[0].text().as_str()).map(|s| (*s).to_owned());
        r.insert(1, name.into());
    }

    Ok(vec![
        Table {
            name: "by_domain",
            title: "Targets by domain and year",
            description: "Status counts, shares, gap statistics and ambition of the targets of each domain and year.",
            fields: domain_fields,
            primary_key: vec!["domain", "year"],
            foreign_keys: vec![],
            rows: domain_rows,
        },
        Table {
            name: "by_topic",
            title: "Targets by topic and year",
            description: "Status counts, shares and gap statistics of the targets of each topic and year.",
            fields: topic_fields,
            primary_key: vec!["domain", "topic", "year"],
            foreign_keys: vec![],
            rows: topic_rows,
        },
        Table {
            name: "by_region",
            title: "Targets by region and year",
            description: "Status counts, shares and gap statistics of the targets of each region and year.",
            fields: region_fields,
            primary_key: vec!["region", "year"],
            foreign_keys: vec![fk(&["region"], "regions", &["code"])],
            rows: region_rows,
        },
    ])
}
