//! A published table: its fields (with types, units, descriptions, enums), keys and rows, rendered
//! as CSV and described as a Frictionless tabular data resource from the same definition.

use serde_json::{Value as Json, json};
use std::borrow::Cow;
use zhibiao_core::output::{cell, number};

/// The type of a field (Frictionless table schema types).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// A decimal number.
    Number,
    /// `true` or `false`.
    Boolean,
}

impl Type {
    fn as_str(self) -> &'static str {
        match self {
            Type::String => "string",
            Type::Integer => "integer",
            Type::Number => "number",
            Type::Boolean => "boolean",
        }
    }
}

/// A column of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Column name.
    pub name: Cow<'static, str>,
    /// Its type.
    pub kind: Type,
    /// What it holds (and its unit, when fixed).
    pub description: Cow<'static, str>,
    /// The allowed values, when closed.
    pub values: Option<Vec<&'static str>>,
    /// Whether every row has a value.
    pub required: bool,
}

/// Shorthand for a field.
pub fn field(name: impl Into<Cow<'static, str>>, kind: Type, description: impl Into<Cow<'static, str>>) -> Field {
    Field { name: name.into(), kind, description: description.into(), values: None, required: false }
}

impl Field {
    /// The field, required.
    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    /// The field, restricted to `values`.
    pub fn one_of(mut self, values: &[&'static str]) -> Field {
        self.values = Some(values.to_vec());
        self
    }
}

/// A cell value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A whole number.
    Int(i64),
    /// A float (written without binary noise).
    Num(f64),
    /// A number exactly as written (a fact's value).
    Exact(String),
    /// `true` or `false`.
    Bool(bool),
    /// Empty.
    Null,
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}

impl From<Option<String>> for Value {
    fn from(s: Option<String>) -> Value {
        s.map_or(Value::Null, Value::Text)
    }
}

impl From<Option<f64>> for Value {
    fn from(x: Option<f64>) -> Value {
        x.map_or(Value::Null, Value::Num)
    }
}

impl From<f64> for Value {
    fn from(x: f64) -> Value {
        Value::Num(x)
    }
}

impl From<i64> for Value {
    fn from(x: i64) -> Value {
        Value::Int(x)
    }
}

impl Value {
    /// The text written in a CSV cell (before formula neutralisation).
    pub fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Num(x) => number(*x),
            Value::Exact(s) => s.clone(),
            Value::Bool(b) => b.to_string(),
            Value::Null => String::new(),
        }
    }
}

/// A foreign key: `fields` reference `reference_fields` of table `resource`.
#[derive(Clone, Debug, PartialEq)]
pub struct ForeignKey {
    /// Columns of this table.
    pub fields: Vec<&'static str>,
    /// The referenced table's name.
    pub resource: &'static str,
    /// Columns of the referenced table.
    pub reference_fields: Vec<&'static str>,
}

/// A published table.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Name (the file is `<name>.csv`).
    pub name: &'static str,
    /// Title.
    pub title: &'static str,
    /// What one row is.
    pub description: &'static str,
    /// Columns.
    pub fields: Vec<Field>,
    /// Primary key columns.
    pub primary_key: Vec<&'static str>,
    /// Foreign keys.
    pub foreign_keys: Vec<ForeignKey>,
    /// Rows, each as long as `fields`.
    pub rows: Vec<Vec<Value>>,
    /// Field names given to [`Table::restrict`] that no field has (reported by [`Table::conforms`]).
    pub unknown: Vec<String>,
}

/// A cell that breaks its table's own schema (the data package would then not validate).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("table {table}, row {row}, field {field}: {problem}")]
pub struct Violation {
    /// The table's name.
    pub table: &'static str,
    /// The row, counted from 1 after the header (as Frictionless counts data rows); 0 for the
    /// table's own definition (a key naming no field).
    pub row: usize,
    /// The field's name.
    pub field: String,
    /// What is wrong.
    pub problem: String,
}

impl Table {
    /// The table with `fields` as its primary key.
    pub fn key(mut self, fields: &[&'static str]) -> Table {
        self.primary_key = fields.to_vec();
        self
    }

    /// The table with a foreign key: `fields` reference `reference` of table `resource`.
    pub fn references(mut self, fields: &[&'static str], resource: &'static str, reference: &[&'static str]) -> Table {
        self.foreign_keys.push(ForeignKey { fields: fields.to_vec(), resource, reference_fields: reference.to_vec() });
        self
    }

    /// The table with field `name` restricted to `values` (a vocabulary known only at run time,
    /// such as the registered domains). [`Table::conforms`] reports a name no field has.
    pub fn restrict(mut self, name: &str, values: &[&'static str]) -> Table {
        match self.fields.iter_mut().find(|f| f.name == name) {
            Some(f) => f.values = Some(values.to_vec()),
            None => self.unknown.push(name.to_owned()),
        }
        self
    }

    /// Checks every row against the fields: its length, required cells, cell types and the closed
    /// vocabularies. A table that passes is described truthfully by [`Table::resource`].
    pub fn conforms(&self) -> Result<(), Violation> {
        let named = self.primary_key.iter().chain(self.foreign_keys.iter().flat_map(|k| &k.fields));
        let unknown = named.map(|n| (*n).to_owned()).chain(self.unknown.iter().cloned());
        for name in unknown.collect::<Vec<_>>() {
            if !self.fields.iter().any(|f| f.name == name) {
                return Err(Violation {
                    table: self.name,
                    row: 0,
                    field: "*".to_owned(),
                    problem: format!("no field is named {name}"),
                });
            }
        }
        for (i, row) in self.rows.iter().enumerate() {
            let at = |field: &str, problem: String| Violation {
                table: self.name,
                row: i + 1,
                field: field.to_owned(),
                problem,
            };
            if row.len() != self.fields.len() {
                return Err(at("*", format!("{} cells for {} fields", row.len(), self.fields.len())));
            }
            for (f, v) in self.fields.iter().zip(row) {
                let fits = matches!(
                    (f.kind, v),
                    (_, Value::Null)
                        | (Type::String, Value::Text(_))
                        | (Type::Integer, Value::Int(_))
                        | (Type::Number, Value::Num(_) | Value::Int(_) | Value::Exact(_))
                        | (Type::Boolean, Value::Bool(_))
                );
                if !fits {
                    return Err(at(&f.name, format!("{v:?} is not of type {}", f.kind.as_str())));
                }
                if f.required && (*v == Value::Null || *v == Value::Text(String::new())) {
                    return Err(at(&f.name, "a required cell is empty".into()));
                }
                if let (Some(values), Value::Text(t)) = (&f.values, v)
                    && !values.contains(&t.as_str())
                {
                    return Err(at(&f.name, format!("\"{t}\" is not one of {}", values.join(", "))));
                }
            }
        }
        Ok(())
    }

    /// The file name.
    pub fn file(&self) -> String {
        format!("{}.csv", self.name)
    }

    /// The CSV text: header, LF line ends, quoting only where needed, numbers without float noise,
    /// text cells neutralised against spreadsheet formulas; with `bom`, a UTF-8 BOM first.
    pub fn csv(&self, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice("\u{feff}".as_bytes());
        }
        let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
        let _ = w.write_record(self.fields.iter().map(|f| f.name.as_ref()));
        for row in &self.rows {
            let cells: Vec<String> = row
                .iter()
                .map(|v| match v {
                    Value::Text(s) => cell(s).into_owned(),
                    other => other.text(),
                })
                .collect();
            let _ = w.write_record(&cells);
        }
        w.into_inner().unwrap_or_default()
    }

    /// The Frictionless tabular data resource describing the CSV.
    pub fn resource(&self, bytes: usize, sha256: &str) -> Json {
        let fields: Vec<Json> = self
            .fields
            .iter()
            .map(|f| {
                let mut j = json!({ "name": f.name, "type": f.kind.as_str(), "description": f.description });
                let mut constraints = serde_json::Map::new();
                if f.required {
                    constraints.insert("required".into(), json!(true));
                }
                if let Some(values) = &f.values {
                    constraints.insert("enum".into(), json!(values));
                }
                if !constraints.is_empty() {
                    j["constraints"] = Json::Object(constraints);
                }
                j
            })
            .collect();
        let mut schema = json!({ "fields": fields, "missingValues": [""] });
        if !self.primary_key.is_empty() {
            schema["primaryKey"] = json!(self.primary_key);
        }
        if !self.foreign_keys.is_empty() {
            schema["foreignKeys"] = json!(self
                .foreign_keys
                .iter()
                .map(|k| json!({ "fields": k.fields, "reference": { "resource": k.resource, "fields": k.reference_fields } }))
                .collect::<Vec<_>>());
        }
        json!({
            "name": self.name,
            "path": self.file(),
            "title": self.title,
            "description": self.description,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "bytes": bytes,
            "hash": format!("sha256:{sha256}"),
            "schema": schema,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_safe_and_clean() {
        let t = Table {
            name: "t",
            title: "T",
            description: "d",
            fields: vec![field("a", Type::String, "a"), field("b", Type::Number, "b"), field("c", Type::Integer, "c")],
            primary_key: vec!["a"],
            foreign_keys: vec![],
            unknown: vec![],
            rows: vec![
                vec!["=cmd|' /C calc'!A0".into(), Value::Num(1.6 - 7.5), Value::Int(3)],
                vec!["咸宁, \"市\"".into(), Value::Null, Value::Int(-1)],
            ],
        };
        assert_eq!(t.conforms(), Ok(()));
        let text = String::from_utf8(t.csv(false)).unwrap();
        assert_eq!(text, "a,b,c\n'=cmd|' /C calc'!A0,-5.9,3\n\"咸宁, \"\"市\"\"\",,-1\n");
        assert!(t.csv(true).starts_with("\u{feff}a,b".as_bytes()));
    }

    #[test]
    fn a_cell_outside_its_vocabulary_or_type_is_a_located_violation() {
        let t = |row: Vec<Value>| Table {
            name: "t",
            title: "T",
            description: "d",
            fields: vec![
                field("m", Type::String, "m").required().one_of(&["level", "growth"]),
                field("n", Type::Integer, "n"),
            ],
            primary_key: vec![],
            foreign_keys: vec![],
            unknown: vec![],
            rows: vec![vec!["level".into(), Value::Int(1)], row],
        };
        assert_eq!(t(vec!["growth".into(), Value::Null]).conforms(), Ok(()));
        let cases = [
            (vec!["index".into(), Value::Null], "m", "\"index\" is not one of level, growth"),
            (vec![Value::Null, Value::Null], "m", "a required cell is empty"),
            (vec!["level".into(), Value::Num(1.5)], "n", "Num(1.5) is not of type integer"),
            (vec!["level".into()], "*", "1 cells for 2 fields"),
            (vec!["".into(), Value::Null], "m", "a required cell is empty"),
        ];
        for (row, field, problem) in cases {
            let v = t(row).conforms().unwrap_err();
            assert_eq!((v.row, v.field.as_str(), v.problem.as_str()), (2, field, problem));
        }
        let misnamed = t(vec!["growth".into(), Value::Null]).restrict("measure", &["level"]).conforms().unwrap_err();
        assert_eq!((misnamed.row, misnamed.problem.as_str()), (0, "no field is named measure"));
    }
}
