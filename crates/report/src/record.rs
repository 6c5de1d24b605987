//! Typed rows of the published tables.
//!
//! A row type is declared once with [`record!`]: its fields are the table's columns, in order, each
//! with the description the data package gives it. The column's Frictionless type, whether it is
//! required, and its closed vocabulary come from the field's Rust type ([`Cell`]): `String` is a
//! required string, `Option<f64>` an optional number, `Status` a required string that is one of
//! `Status::WORDS`. So a renderer reads `row.status`, not a column looked up by name, and the CSV,
//! its schema and the renderers cannot drift apart.

use crate::table::{Field, Table, Type, Value, field};
use zhibiao_core::assess::{Basis, Status};
use zhibiao_core::corpus::ReportLevel;
use zhibiao_core::model::{Bound, Direction, Kind, Measure, Method, RegionLevel};
use zhibiao_frame::summary::{AmbitionStats, Metrics};

/// A value that fills one cell of a column.
pub trait Cell {
    /// The column's type.
    const TYPE: Type;
    /// Whether every row has a value.
    const REQUIRED: bool = true;
    /// The closed vocabulary, if any.
    const WORDS: Option<&'static [&'static str]> = None;
    /// The cell.
    fn value(&self) -> Value;
}

impl Cell for String {
    const TYPE: Type = Type::String;
    fn value(&self) -> Value {
        Value::Text(self.clone())
    }
}

impl Cell for &'static str {
    const TYPE: Type = Type::String;
    fn value(&self) -> Value {
        Value::Text((*self).to_owned())
    }
}

impl Cell for bool {
    const TYPE: Type = Type::Boolean;
    fn value(&self) -> Value {
        Value::Bool(*self)
    }
}

impl Cell for i64 {
    const TYPE: Type = Type::Integer;
    fn value(&self) -> Value {
        Value::Int(*self)
    }
}

impl Cell for i32 {
    const TYPE: Type = Type::Integer;
    fn value(&self) -> Value {
        Value::Int(i64::from(*self))
    }
}

impl Cell for f64 {
    const TYPE: Type = Type::Number;
    fn value(&self) -> Value {
        Value::Num(*self)
    }
}

impl Cell for zhibiao_core::Decimal {
    const TYPE: Type = Type::Number;
    fn value(&self) -> Value {
        Value::Exact(self.to_string())
    }
}

impl Cell for usize {
    const TYPE: Type = Type::Integer;
    fn value(&self) -> Value {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl<T: Cell> Cell for Option<T> {
    const TYPE: Type = T::TYPE;
    const REQUIRED: bool = false;
    const WORDS: Option<&'static [&'static str]> = T::WORDS;
    fn value(&self) -> Value {
        self.as_ref().map_or(Value::Null, Cell::value)
    }
}

macro_rules! vocabulary_cells {
    ($($t:ty),+) => {
        $(impl Cell for $t {
            const TYPE: Type = Type::String;
            const WORDS: Option<&'static [&'static str]> = Some(<$t>::WORDS);
            fn value(&self) -> Value {
                Value::Text(self.as_str().to_owned())
            }
        })+
    };
}

vocabulary_cells!(
    Kind,
    Bound,
    Measure,
    Direction,
    RegionLevel,
    Status,
    Basis,
    AmbitionUnit,
    Method,
    ReportLevel,
    crate::panel::TargetState,
    zhibiao_core::Verdict,
    crate::tables::TrendMethod,
    crate::tables::Progress
);

zhibiao_core::vocabulary! {
    /// The unit of an ambition: points for targets in `%`, a ratio for the rest.
    AmbitionUnit {
        /// Percentage points (target − previous).
        Points => "个百分点",
        /// target ÷ previous − 1.
        Ratio => "ratio",
    }
}

/// A value that fills one or more columns: a [`Cell`], or a group of fields written flat.
pub trait Columns {
    /// Appends the column(s) for a field called `name`, described by `description`.
    fn fields(name: &'static str, description: &'static str, out: &mut Vec<Field>);
    /// Appends the cell(s).
    fn cells(&self, out: &mut Vec<Value>);
}

impl<T: Cell> Columns for T {
    fn fields(name: &'static str, description: &'static str, out: &mut Vec<Field>) {
        let mut f = field(name, T::TYPE, description);
        f.required = T::REQUIRED;
        f.values = T::WORDS.map(<[&str]>::to_vec);
        out.push(f);
    }

    fn cells(&self, out: &mut Vec<Value>) {
        out.push(self.value());
    }
}

impl Columns for Metrics {
    fn fields(_: &'static str, _: &'static str, out: &mut Vec<Field>) {
        out.extend([
            field("targets", Type::Integer, "Targets set for the year.").required(),
            field("assessed", Type::Integer, "Targets with a result (met + near + missed).").required(),
            field("met", Type::Integer, "Targets met.").required(),
            field("near", Type::Integer, "Targets missed by no more than the tolerance.").required(),
            field("missed", Type::Integer, "Targets missed by more than the tolerance.").required(),
            field("pending", Type::Integer, "Targets with no result stated.").required(),
            field("met_share", Type::Number, "met ÷ assessed."),
            field("mean_rel_gap", Type::Number, "Mean of rel_gap over assessed targets."),
            field("median_rel_gap", Type::Number, "Median of rel_gap over assessed targets."),
        ]);
    }

    fn cells(&self, out: &mut Vec<Value>) {
        let m = self;
        out.extend([
            Value::Int(m.targets),
            Value::Int(m.assessed),
            Value::Int(m.met),
            Value::Int(m.near),
            Value::Int(m.missed),
            Value::Int(m.pending),
            m.met_share.value(),
            m.mean_rel_gap.value(),
            m.median_rel_gap.value(),
        ]);
    }
}

impl Columns for AmbitionStats {
    fn fields(_: &'static str, _: &'static str, out: &mut Vec<Field>) {
        out.extend([
            field("ambition_n_points", Type::Integer, "Targets in % with a result the year before.").required(),
            field("ambition_median_points", Type::Number, "Median ambition of those, in percentage points."),
            field("ambition_n_ratio", Type::Integer, "Other targets with a result the year before.").required(),
            field("ambition_median_ratio", Type::Number, "Median ambition of those, as target ÷ previous − 1."),
        ]);
    }

    fn cells(&self, out: &mut Vec<Value>) {
        out.extend([
            Value::Int(self.n_points),
            self.median_points.value(),
            Value::Int(self.n_ratio),
            self.median_ratio.value(),
        ]);
    }
}

/// A row type of a published table.
pub trait Record {
    /// The table's columns, in order.
    fn fields() -> Vec<Field>;
    /// The row's cells, one per column.
    fn cells(&self) -> Vec<Value>;
}

impl Table {
    /// The table of `rows`, its fields from the row type.
    pub fn of<R: Record>(name: &'static str, title: &'static str, description: &'static str, rows: &[R]) -> Table {
        Table {
            name,
            title,
            description,
            fields: R::fields(),
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            rows: rows.iter().map(R::cells).collect(),
            unknown: Vec::new(),
        }
    }
}

/// Declares a row type: `name: Type = "description",` per column, in order.
macro_rules! record {
    ($(#[$meta:meta])* pub struct $name:ident { $($column:ident : $ty:ty = $description:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $(#[doc = $description] pub $column: $ty,)+
        }

        impl $crate::record::Record for $name {
            fn fields() -> Vec<$crate::table::Field> {
                let mut out = Vec::new();
                $(<$ty as $crate::record::Columns>::fields(stringify!($column), $description, &mut out);)+
                out
            }

            fn cells(&self) -> Vec<$crate::table::Value> {
                let mut out = Vec::new();
                $($crate::record::Columns::cells(&self.$column, &mut out);)+
                out
            }
        }
    };
}

pub(crate) use record;
