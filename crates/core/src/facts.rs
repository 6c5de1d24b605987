//! The facts contract: reading, validating and writing facts files.
//!
//! A facts file is tidy long CSV with the header
//! `indicator,region,year,kind,bound,value,value_hi,unit,source,quote,note`. Curated data (the
//! `data/` folder) has every column and requires `source` and `quote`; an analyst's panel may leave
//! out `value_hi`, `source`, `quote` and `note`. [`parse_facts`] checks every row and reports every
//! problem with its line and column; rows that pass are returned with their line numbers.

use crate::diagnostic::Diagnostic;
use crate::fxhash::FxHashMap;
use crate::model::{Bound, Fact, FactKey, Indicator, Kind, Measure};
use crate::table::{Cell, Column, Schema};
use crate::units::{Resolved, Units};
use crate::{Decimal, DecimalError};
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::Path;
use zhibiao_scan::provenance::writes_magnitude;

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

/// A validated row of a facts file, borrowed from the reader (see [`stream_facts`]).
#[derive(Clone, Copy, Debug)]
pub struct FactRow<'a> {
    /// The catalogued indicator.
    pub indicator: &'a Indicator,
    /// The region code.
    pub region: &'a str,
    /// The year.
    pub year: i32,
    /// The kind.
    pub kind: Kind,
    /// The bound.
    pub bound: Bound,
    /// The value as written.
    pub value: Decimal,
    /// A range's upper end.
    pub value_hi: Option<Decimal>,
    /// The unit, resolved.
    pub unit: &'a Resolved,
    /// The source id (may be empty in a panel).
    pub source: &'a str,
    /// The quote (may be empty in a panel).
    pub quote: &'a str,
    /// The note.
    pub note: &'a str,
    /// The 1-based line of the row.
    pub line: u64,
}

/// Validates rows of a facts file one at a time, with the caches a worker keeps.
struct RowChecker<'c> {
    context: &'c Context<'c>,
    indicators: &'c FxHashMap<&'c str, &'c Indicator>,
    units: FxHashMap<String, Result<Resolved, String>>,
    positions: Option<Vec<Option<usize>>>,
}

impl<'c> RowChecker<'c> {
    fn new(context: &'c Context<'c>, indicators: &'c FxHashMap<&'c str, &'c Indicator>) -> RowChecker<'c> {
        RowChecker { context, indicators, units: FxHashMap::default(), positions: None }
    }

    /// The valid row, or `None` with every problem in `diagnostics`.
    fn check<'r>(
        &'r mut self,
        header: &crate::table::Header,
        record: &'r csv::StringRecord,
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<FactRow<'r>> {
        let before = diagnostics.len();
        let positions =
            self.positions.get_or_insert_with(|| FACTS.columns.iter().map(|c| header.index(c.name)).collect());
        let cells: [Cell<'_>; 11] =
            std::array::from_fn(|k| header.cell_at(record, line, positions.get(k).copied().flatten()));
        let cell = |name: &str| {
            let k = match name {
                "indicator" => 0,
                "region" => 1,
                "year" => 2,
                "kind" => 3,
                "bound" => 4,
                "value" => 5,
                "value_hi" => 6,
                "unit" => 7,
                "source" => 8,
                "quote" => 9,
                _ => 10,
            };
            cells[k]
        };
        let mut bad = |cell: Cell<'_>, message: String| diagnostics.push(header.at(cell, message));
        let indicator_cell = cell("indicator");
        let indicator = match self.indicators.get(indicator_cell.text) {
            Some(i) => Some(*i),
            None => {
                let hint = nearest(indicator_cell.text, self.context.indicators.keys().map(String::as_str))
                    .map(|n| format!("; did you mean \"{n}\"?"))
                    .unwrap_or_default();
                bad(indicator_cell, format!("unknown indicator \"{}\"{hint}", indicator_cell.text));
                None
            }
        };
        if let (Some(i), Some(domain)) = (indicator, self.context.domain)
            && i.domain != domain
        {
            bad(indicator_cell, format!("indicator \"{}\" belongs to domain \"{}\", not \"{domain}\"", i.id, i.domain));
        }
        let region = cell("region");
        match self.context.regions {
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
        for name in [unit_cell.text, indicator.map_or("", |i| i.unit.as_str())] {
            if !self.units.contains_key(name) {
                self.units.insert(name.to_owned(), self.context.units.resolve(name));
            }
        }
        let resolved = self.units.get(unit_cell.text)?;
        let unit = match resolved {
            Ok(u) => Some(u),
            Err(e) => {
                bad(unit_cell, e.clone());
                None
            }
        };
        if let (Some(i), Some(u)) = (indicator, unit)
            && let Some(Ok(expected)) = self.units.get(i.unit.as_str())
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
        if let (Some(i), Some(u), Some(v)) = (indicator, unit, value) {
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
        if let Some(sources) = self.context.sources {
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
        if diagnostics.len() > before {
            return None;
        }
        if let (Some(indicator), Some(year), Some(kind), Some(bound), Some(value), Some(unit)) =
            (indicator, year, kind, bound, value, unit)
        {
            return Some(FactRow {
                indicator,
                region: region.text,
                year,
                kind,
                bound,
                value,
                value_hi,
                unit,
                source: source_cell.text,
                quote: quote_cell.text,
                note: cell("note").text,
                line,
            });
        }
        None
    }
}

/// The catalogue keyed by `&str` with a fast hash, for per-row lookups.
fn fast_index<'c>(context: &'c Context<'c>) -> FxHashMap<&'c str, &'c Indicator> {
    context.indicators.iter().map(|(k, v)| (k.as_str(), v)).collect()
}

fn check_curated_header(
    path: &Path,
    header: Option<&crate::table::Header>,
    context: &Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let (Some(header), true) = (header, context.sources.is_some()) {
        for column in FACTS.columns.iter().filter(|c| !header.has(c.name)) {
            diagnostics.push(Diagnostic::new(
                crate::Location::at(path, 1, 0),
                format!("missing column \"{}\"; curated facts have every column", column.name),
            ));
        }
    }
}

/// Streams a facts file in bounded memory, validating every row against `context` and calling
/// `each` with every valid one. Every problem goes to `diagnostics`. Duplicate keys are the
/// caller's to detect (it knows how to hold keys cheaply). Returns false when the header is
/// unusable.
pub fn stream_facts<R: std::io::Read>(
    path: &Path,
    input: R,
    context: &Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
    mut each: impl FnMut(&FactRow<'_>),
) -> bool {
    let indicators = fast_index(context);
    let mut checker = RowChecker::new(context, &indicators);
    let header = crate::table::stream(path, input, &FACTS, diagnostics, |header, record, line, diagnostics| {
        if let Some(row) = checker.check(header, record, line, diagnostics) {
            each(&row);
        }
    });
    check_curated_header(path, header.as_ref(), context, diagnostics);
    header.is_some()
}

/// Validates facts that arrive as records with their own column names (rows of a Parquet file,
/// say): `records` yields each row's number (used as its line) and its cells as text. Every rule of
/// [`stream_facts`] applies; `each` gets every valid row. Returns false when the columns are unusable.
pub fn check_records(
    path: &Path,
    names: &[String],
    records: impl Iterator<Item = (u64, csv::StringRecord)>,
    context: &Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
    mut each: impl FnMut(&FactRow<'_>),
) -> bool {
    let Some(header) = crate::table::Header::from_names(path, names, &FACTS, diagnostics) else {
        return false;
    };
    let indicators = fast_index(context);
    let mut checker = RowChecker::new(context, &indicators);
    let start = diagnostics.len();
    for (line, record) in records {
        if record.len() != names.len() {
            continue;
        }
        if let Some(row) = checker.check(&header, &record, line, diagnostics) {
            each(&row);
        }
        if diagnostics.len() > start + crate::table::MOST_PROBLEMS {
            diagnostics.truncate(start + crate::table::MOST_PROBLEMS);
            diagnostics.push(Diagnostic::new(
                crate::Location::file(path),
                format!(
                    "more problems not shown (the first {} are); fix these and check again",
                    crate::table::MOST_PROBLEMS
                ),
            ));
            break;
        }
    }
    check_curated_header(path, Some(&header), context, diagnostics);
    true
}

/// [`stream_facts`] on `threads` worker threads: each chunk of the file is validated into a part of
/// its own (`new_part`, filled by `row`), and the parts reach `merge` in file order.
#[allow(clippy::too_many_arguments)]
pub fn stream_facts_parallel<R: std::io::Read, P: Send>(
    path: &Path,
    input: R,
    context: &Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
    threads: usize,
    new_part: &(dyn Fn() -> P + Sync),
    row: &(dyn Fn(&mut P, &FactRow<'_>) + Sync),
    merge: &mut dyn FnMut(P),
) -> bool {
    let indicators = fast_index(context);
    let new = || (RowChecker::new(context, &indicators), new_part());
    let work = |part: &mut (RowChecker<'_>, P),
                header: &crate::table::Header,
                record: &csv::StringRecord,
                line: u64,
                d: &mut Vec<Diagnostic>| {
        let (checker, user) = part;
        if let Some(fact) = checker.check(header, record, line, d) {
            row(user, &fact);
        }
    };
    let mut merge_part = |(_, user): (RowChecker<'_>, P)| merge(user);
    let header = crate::table::stream_parallel(path, input, &FACTS, diagnostics, threads, &new, &work, &mut merge_part);
    check_curated_header(path, header.as_ref(), context, diagnostics);
    header.is_some()
}

/// Parses and validates a facts file held in memory; every problem goes to `diagnostics`, duplicate
/// keys included. Returns the valid facts with their line numbers.
pub fn parse_facts(
    path: &Path,
    text: &str,
    context: &Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Fact, u64)> {
    let mut out = Vec::new();
    let mut first_line: HashMap<(String, String, i32, Kind), u64> = HashMap::new();
    let mut duplicates = Vec::new();
    stream_facts(path, text.as_bytes(), context, diagnostics, |row| {
        let key = (row.indicator.id.clone(), row.region.to_owned(), row.year, row.kind);
        if let Some(first) = first_line.get(&key) {
            let shown = FactKey { indicator: &key.0, region: &key.1, year: row.year, kind: row.kind };
            duplicates.push(Diagnostic::new(
                crate::Location::at(path, row.line, 1),
                format!("duplicate fact {shown}: already stated on line {first}"),
            ));
            return;
        }
        first_line.insert(key, row.line);
        let optional = |text: &str| (!text.is_empty()).then(|| text.to_owned());
        out.push((
            Fact {
                indicator: row.indicator.id.clone(),
                region: row.region.to_owned(),
                year: row.year,
                kind: row.kind,
                bound: row.bound,
                value: row.value,
                value_hi: row.value_hi,
                unit: row.unit.name.clone(),
                source: optional(row.source),
                quote: optional(row.quote),
                note: optional(row.note),
            },
            row.line,
        ));
    });
    diagnostics.extend(duplicates);
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
