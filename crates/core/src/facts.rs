//! The facts contract: reading, validating and writing facts files.
//!
//! A facts file is tidy long CSV with the header
//! `indicator,region,year,kind,bound,value,value_hi,unit,source,quote,note`. Curated data (the
//! `data/` folder) has every column and requires `source` and `quote`; an analyst's panel may leave
//! out `value_hi`, `source`, `quote` and `note`. [`parse_facts`] checks every row and reports every
//! problem with its line and column; rows that pass are returned with their line numbers.

use crate::diagnostic::Diagnostic;
use crate::model::{Bound, Fact, FactKey, Indicator, Kind, Measure};
use crate::provenance::writes_magnitude;
use crate::table::{Cell, Column, Schema, Table};
use crate::units::Units;
use crate::{Decimal, DecimalError};
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::Path;

/// The facts schema (column order is the order writers emit).
pub const FACTS: Schema = Schema {
    name: "facts",
    columns: &[
        Column { name: "indicator", required: true },
        Column { name: "region", required: true },
        Column { name: "year", required: true },
        Column { name: "kind", required: true },
        Column { name: "bound", required: true },
        Column { name: "value", required: true },
        Column { name: "value_hi", required: false },
        Column { name: "unit", required: true },
        Column { name: "source", required: false },
        Column { name: "quote", required: false },
        Column { name: "note", required: false },
    ],
};

/// What a facts file is checked against.
pub struct Context<'a> {
    /// The catalogue, by id.
    pub indicators: &'a HashMap<String, Indicator>,
    /// Known region codes; `None` accepts any non-empty region (an analyst's panel).
    pub regions: Option<&'a HashSet<String>>,
    /// Source ids with their texts; `None` for a panel (then source and quote are optional and unchecked).
    pub sources: Option<&'a HashMap<String, String>>,
    /// The domain whose file this is, if the file belongs to one.
    pub domain: Option<&'a str>,
    /// Where units are looked up (the registry, or an analyst's units file).
    pub units: Units<'a>,
}

/// Parses and validates a facts file; every problem goes to `diagnostics`. Returns the valid facts
/// with their line numbers.
pub fn parse_facts(
    path: &Path,
    text: &str,
    context: &Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Fact, u64)> {
    let Some(table) = Table::parse(path, text, &FACTS, diagnostics) else {
        return Vec::new();
    };
    let curated = context.sources.is_some();
    if curated {
        for column in FACTS.columns.iter().filter(|c| !table.has(c.name)) {
            diagnostics.push(Diagnostic::new(
                crate::Location::at(path, 1, 0),
                format!("missing column \"{}\"; curated facts have every column", column.name),
            ));
        }
    }
    let mut out = Vec::new();
    let mut first_line: HashMap<(String, String, i32, Kind), u64> = HashMap::new();
    for row in table.rows() {
        let before = diagnostics.len();
        let cell = |name: &str| table.cell(row, name);
        let mut bad = |cell: Cell<'_>, message: String| diagnostics.push(table.at(cell, message));

        let indicator_cell = cell("indicator");
        let indicator = match context.indicators.get(indicator_cell.text) {
            Some(i) => Some(i),
            None => {
                let hint = nearest(indicator_cell.text, context.indicators.keys().map(String::as_str))
                    .map(|n| format!("; did you mean \"{n}\"?"))
                    .unwrap_or_default();
                bad(indicator_cell, format!("unknown indicator \"{}\"{hint}", indicator_cell.text));
                None
            }
        };
        if let (Some(i), Some(domain)) = (indicator, context.domain)
            && i.domain != domain
        {
            bad(indicator_cell, format!("indicator \"{}\" belongs to domain \"{}\", not \"{domain}\"", i.id, i.domain));
        }
        let region = cell("region");
        match context.regions {
            Some(known) if !known.contains(region.text) => {
                bad(
                    region,
                    format!("unknown region \"{}\" (expected a GB/T 2260 code listed in regions.csv)", region.text),
                );
            }
            None if region.text.is_empty() => bad(region, "region is empty".to_owned()),
            _ => {}
        }
        let year_cell = cell("year");
        let year = parse_year(year_cell.text);
        if year.is_none() {
            bad(year_cell, format!("year \"{}\" is not a year (expected four digits, e.g. 2024)", year_cell.text));
        }
        let kind_cell = cell("kind");
        let kind = kind_cell.text.parse::<Kind>().ok();
        if kind.is_none() {
            bad(kind_cell, format!("kind \"{}\" is not one of {}", kind_cell.text, Kind::expected()));
        }
        let bound_cell = cell("bound");
        let bound = bound_cell.text.parse::<Bound>().ok();
        if bound.is_none() {
            bad(bound_cell, format!("bound \"{}\" is not one of {}", bound_cell.text, Bound::expected()));
        }
        let unit_cell = cell("unit");
        let value_cell = cell("value");
        let value = match value_cell.text.parse::<Decimal>() {
            Ok(v) => Some(v),
            Err(e) => {
                bad(value_cell, explain_bad_number("value", value_cell.text, e, unit_cell.text));
                None
            }
        };
        let hi_cell = cell("value_hi");
        let value_hi = match hi_cell.text {
            "" => None,
            text => match text.parse::<Decimal>() {
                Ok(v) => Some(v),
                Err(e) => {
                    bad(hi_cell, explain_bad_number("value_hi", text, e, unit_cell.text));
                    None
                }
            },
        };
        match (bound, value, value_hi) {
            (Some(Bound::Range), _, None) if hi_cell.text.is_empty() => {
                bad(hi_cell, "bound range needs value_hi (the upper end)".to_owned());
            }
            (Some(b), _, Some(_)) if b != Bound::Range => {
                bad(hi_cell, format!("value_hi \"{}\" is only allowed with bound range (bound is {b})", hi_cell.text));
            }
            (Some(Bound::Range), Some(lo), Some(hi)) if hi <= lo => {
                bad(hi_cell, format!("value_hi {hi} is not above value {lo}"));
            }
            _ => {}
        }
        let unit = match context.units.resolve(unit_cell.text) {
            Ok(u) => Some(u),
            Err(e) => {
                bad(unit_cell, e);
                None
            }
        };
        if let (Some(i), Some(u)) = (indicator, &unit)
            && let Ok(expected) = context.units.resolve(&i.unit)
            && expected.dimension != u.dimension
        {
            bad(
                unit_cell,
                format!(
                    "unit \"{}\" ({}) does not fit indicator \"{}\", measured in {} ({})",
                    u.name, u.dimension, i.id, i.unit, expected.dimension
                ),
            );
        }
        if let (Some(i), Some(u), Some(v)) = (indicator, &unit, value) {
            for (c, v) in [(value_cell, Some(v)), (hi_cell, value_hi)] {
                let Some(v) = v else { continue };
                let base = u.to_base_exact(v);
                match i.measure {
                    Measure::Share if u.base == "%" && (v < Decimal::ZERO || v > Decimal::new(100, 0)) => {
                        bad(c, format!("share {v}% is outside [0, 100] (indicator \"{}\" is a share)", i.id));
                    }
                    Measure::Count if v.is_negative() || !base.is_some_and(Decimal::is_integer) => {
                        bad(
                            c,
                            format!(
                                "count {v} {} is not a whole number ≥ 0 (indicator \"{}\" is a count)",
                                u.name, i.id
                            ),
                        );
                    }
                    Measure::Rank if v <= Decimal::ZERO || !v.is_integer() => {
                        bad(c, format!("rank {v} is not a whole number ≥ 1"));
                    }
                    _ => {}
                }
            }
        }
        let source_cell = cell("source");
        let quote_cell = cell("quote");
        if let Some(sources) = context.sources {
            match sources.get(source_cell.text) {
                None if source_cell.text.is_empty() => {
                    bad(source_cell, "source is empty; curated facts name their source".to_owned())
                }
                None => bad(
                    source_cell,
                    format!("unknown source \"{}\" (expected an id from sources.csv)", source_cell.text),
                ),
                Some(text) => {
                    if quote_cell.text.is_empty() {
                        bad(quote_cell, "quote is empty; curated facts quote the sentence that states them".to_owned());
                    } else if !text.contains(quote_cell.text) {
                        bad(
                            quote_cell,
                            format!("quote \"{}\" is not found in source \"{}\"", quote_cell.text, source_cell.text),
                        );
                    } else {
                        for (name, v) in [("value", value), ("value_hi", value_hi)] {
                            if let Some(v) = v
                                && !writes_magnitude(quote_cell.text, v)
                            {
                                bad(
                                    quote_cell,
                                    format!("{name} {v} is not written in the quote \"{}\"", quote_cell.text),
                                );
                            }
                        }
                    }
                }
            }
        }
        if let (Some(year), Some(kind)) = (year, kind) {
            let key = (indicator_cell.text.to_owned(), region.text.to_owned(), year, kind);
            if let Some(first) = first_line.get(&key) {
                let shown = FactKey { indicator: &key.0, region: &key.1, year, kind };
                bad(cell("indicator"), format!("duplicate fact {shown}: already stated on line {first}"));
            } else {
                first_line.insert(key, row.line());
            }
        }
        if diagnostics.len() > before {
            continue;
        }
        if let (Some(year), Some(kind), Some(bound), Some(value)) = (year, kind, bound, value) {
            let optional = |c: Cell<'_>| (!c.text.is_empty()).then(|| c.text.to_owned());
            out.push((
                Fact {
                    indicator: indicator_cell.text.to_owned(),
                    region: region.text.to_owned(),
                    year,
                    kind,
                    bound,
                    value,
                    value_hi,
                    unit: unit_cell.text.to_owned(),
                    source: optional(source_cell),
                    quote: optional(quote_cell),
                    note: optional(cell("note")),
                },
                row.line(),
            ));
        }
    }
    out
}

/// Writes facts as CSV with the full header (quoting only where needed). Parsing the output gives
/// the same facts back.
pub fn write_facts<W: io::Write>(facts: &[Fact], writer: W) -> csv::Result<()> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(writer);
    w.write_record(FACTS.columns.iter().map(|c| c.name))?;
    for f in facts {
        w.write_record([
            f.indicator.as_str(),
            f.region.as_str(),
            &f.year.to_string(),
            f.kind.as_str(),
            f.bound.as_str(),
            &f.value.to_string(),
            &f.value_hi.map(|v| v.to_string()).unwrap_or_default(),
            f.unit.as_str(),
            f.source.as_deref().unwrap_or(""),
            f.quote.as_deref().unwrap_or(""),
            f.note.as_deref().unwrap_or(""),
        ])?;
    }
    w.flush()?;
    Ok(())
}

fn parse_year(text: &str) -> Option<i32> {
    if text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()) { text.parse().ok() } else { None }
}

/// A message for a cell that is not a plain decimal, saying how to write it.
fn explain_bad_number(column: &str, text: &str, error: DecimalError, unit: &str) -> String {
    let fixed: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            '－' | '−' => '-',
            other => other,
        })
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}'))
        .collect();
    let lower = text.trim().to_ascii_lowercase();
    let hint = match error {
        DecimalError::Empty => return format!("{column} is empty; expected a number such as 1.6"),
        DecimalError::TooManyDigits => "more than 36 significant digits".to_owned(),
        DecimalError::Syntax if text.contains(['%', '％']) => {
            let number = fixed.trim_end_matches(['%', '％']);
            format!("use {number} with unit %")
        }
        DecimalError::Syntax if ["nan", "inf", "+inf", "-inf", "infinity", "-infinity"].contains(&lower.as_str()) => {
            "expected a finite number".to_owned()
        }
        DecimalError::Syntax if lower.contains('e') && fixed.parse::<f64>().is_ok() => {
            "write it in plain decimal notation, without an exponent".to_owned()
        }
        DecimalError::Syntax if fixed != text && fixed.parse::<Decimal>().is_ok() => format!("write it as {fixed}"),
        DecimalError::Syntax if fixed.starts_with('+') && fixed[1..].parse::<Decimal>().is_ok() => {
            format!("write it as {} (no plus sign)", &fixed[1..])
        }
        DecimalError::Syntax => {
            let unit_hint = if unit.is_empty() { String::new() } else { format!(" in {unit}") };
            format!("expected a plain decimal such as -26.8{unit_hint}")
        }
    };
    format!("{column} \"{text}\" is not a number ({hint})")
}

/// The candidate nearest to `name` by edit distance (at most a third of its length).
fn nearest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    candidates.map(|c| (crate::table::edit_distance(name, c), c)).filter(|(d, _)| *d <= limit).min().map(|(_, c)| c)
}
