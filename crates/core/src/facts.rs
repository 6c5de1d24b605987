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
use crate::units::{Resolved, UnitError, Units};
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
    /// Which contract the file is held to.
    pub contract: Contract<'a>,
    /// Where units are looked up (the registry, or an analyst's units file).
    pub units: Units<'a>,
}

/// The two contracts a facts file can be held to.
#[derive(Clone, Copy, Debug)]
pub enum Contract<'a> {
    /// A curated dataset's facts file (`data/facts/<domain>.csv`): every column present, regions
    /// from `regions.csv`, every fact quoting a sentence of a pinned source and writing its value.
    Curated(Curated<'a>),
    /// An analyst's panel: any non-empty region; `value_hi`, `source`, `quote` and `note` optional
    /// and source and quote unchecked.
    Panel,
}

/// What a curated facts file is checked against besides the catalogue.
#[derive(Clone, Copy, Debug)]
pub struct Curated<'a> {
    /// The region codes of `regions.csv`.
    pub regions: &'a HashSet<String>,
    /// The texts of the sources that loaded, by id.
    pub sources: &'a HashMap<String, String>,
    /// Source ids listed in `sources.csv` whose text did not load: their problem is reported once,
    /// where the source is listed, and facts citing them are not checked against it again.
    pub broken: &'a HashSet<String>,
    /// The domain whose file this is (`data/facts/<domain>.csv`); none for a file of every domain
    /// (a panel drawn from the corpus).
    pub domain: Option<&'a str>,
}

/// A validated row of a facts file, borrowed from the reader (see [`stream_facts`]).
#[derive(Clone, Copy, Debug)]
pub struct FactRow<'a> {
    /// The catalogued indicator.
    pub indicator: &'a Indicator,
    /// The indicator's place in the catalogue sorted by id (what a panel codes it as, so that a
    /// builder need not look it up again by name).
    pub rank: u32,
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
    indicators: &'c Index<'c>,
    units: FxHashMap<String, Result<Resolved, UnitError>>,
    positions: Option<[Option<usize>; 11]>,
}

/// The cells of one row, by column.
struct Cells<'r> {
    indicator: Cell<'r>,
    region: Cell<'r>,
    year: Cell<'r>,
    kind: Cell<'r>,
    bound: Cell<'r>,
    value: Cell<'r>,
    value_hi: Cell<'r>,
    unit: Cell<'r>,
    source: Cell<'r>,
    quote: Cell<'r>,
    note: Cell<'r>,
}

/// Where a row's problems go, each located at its cell.
struct Problems<'h, 'd> {
    header: &'h crate::table::Header,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl Problems<'_, '_> {
    fn at(&mut self, cell: Cell<'_>, message: String) {
        self.diagnostics.push(self.header.at(cell, message));
    }
}

/// A cell's word in a closed vocabulary, or a problem.
fn word<T: std::str::FromStr>(
    name: &str,
    cell: Cell<'_>,
    expected: fn() -> String,
    problems: &mut Problems<'_, '_>,
) -> Option<T> {
    let parsed = cell.text.parse::<T>().ok();
    if parsed.is_none() {
        problems.at(cell, format!("{name} \"{}\" is not one of {}", cell.text, expected()));
    }
    parsed
}

/// A cell's decimal (`None` when empty and `optional`), or a problem explained.
fn decimal(name: &str, cell: Cell<'_>, optional: bool, unit: &str, problems: &mut Problems<'_, '_>) -> Option<Decimal> {
    if optional && cell.text.is_empty() {
        return None;
    }
    match cell.text.parse::<Decimal>() {
        Ok(v) => Some(v),
        Err(e) => {
            problems.at(cell, explain_bad_number(name, cell.text, e, unit));
            None
        }
    }
}

/// value_hi goes with bound range, and only with it, and lies above value.
fn check_range(
    bound: Option<Bound>,
    value: Option<Decimal>,
    value_hi: Option<Decimal>,
    hi_cell: Cell<'_>,
    problems: &mut Problems<'_, '_>,
) {
    match (bound, value, value_hi) {
        (Some(Bound::Range), _, None) if hi_cell.text.is_empty() => {
            problems.at(hi_cell, "bound range needs value_hi (the upper end)".to_owned());
        }
        (Some(b), _, Some(_)) if b != Bound::Range => {
            problems
                .at(hi_cell, format!("value_hi \"{}\" is only allowed with bound range (bound is {b})", hi_cell.text));
        }
        (Some(Bound::Range), Some(lo), Some(hi)) if hi <= lo => {
            problems.at(hi_cell, format!("value_hi {hi} is not above value {lo}"));
        }
        _ => {}
    }
}

/// A value fits its indicator's measure: a share within [0, 100] %, a count whole and ≥ 0, a rank
/// whole and ≥ 1.
fn check_measure(i: &Indicator, u: &Resolved, cell: Cell<'_>, v: Decimal, problems: &mut Problems<'_, '_>) {
    match i.measure {
        Measure::Share if u.base == "%" && (v < Decimal::ZERO || v > Decimal::new(100, 0)) => {
            problems.at(cell, format!("share {v}% is outside [0, 100] (indicator \"{}\" is a share)", i.id));
        }
        Measure::Count if v.is_negative() || !u.to_base_exact(v).is_some_and(Decimal::is_integer) => {
            problems.at(
                cell,
                format!("count {v} {} is not a whole number ≥ 0 (indicator \"{}\" is a count)", u.name, i.id),
            );
        }
        Measure::Rank if v <= Decimal::ZERO || !v.is_integer() => {
            problems.at(cell, format!("rank {v} is not a whole number ≥ 1"));
        }
        _ => {}
    }
}

/// A curated fact names a listed source, quotes it exactly, and the quote writes its values.
fn check_provenance(
    curated: &Curated<'_>,
    cells: &Cells<'_>,
    values: [(&str, Option<Decimal>); 2],
    problems: &mut Problems<'_, '_>,
) {
    let (source, quote) = (cells.source, cells.quote);
    match curated.sources.get(source.text) {
        None if source.text.is_empty() => {
            problems.at(source, "source is empty; curated facts name their source".to_owned())
        }
        None if curated.broken.contains(source.text) => {}
        None => problems.at(source, format!("unknown source \"{}\" (expected an id from sources.csv)", source.text)),
        Some(_) if quote.text.is_empty() => {
            problems.at(quote, "quote is empty; curated facts quote the sentence that states them".to_owned());
        }
        Some(text) if !text.contains(quote.text) => {
            problems.at(quote, format!("quote \"{}\" is not found in source \"{}\"", quote.text, source.text));
        }
        Some(_) => {
            for (name, v) in values {
                if let Some(v) = v
                    && !writes_magnitude(quote.text, v)
                {
                    problems.at(quote, format!("{name} {v} is not written in the quote \"{}\"", quote.text));
                }
            }
        }
    }
}

impl<'c> RowChecker<'c> {
    fn new(context: &'c Context<'c>, indicators: &'c Index<'c>) -> RowChecker<'c> {
        RowChecker { context, indicators, units: FxHashMap::default(), positions: None }
    }

    /// The valid row, or `None` with every problem in `diagnostics`. Each rule is a function of its
    /// own above; this reads the cells and runs them in column order.
    fn check<'r>(
        &'r mut self,
        header: &crate::table::Header,
        fields: &[&'r str],
        line: u64,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<FactRow<'r>> {
        let before = diagnostics.len();
        let positions = self
            .positions
            .get_or_insert_with(|| std::array::from_fn(|k| FACTS.columns.get(k).and_then(|c| header.index(c.name))));
        let at = |k: usize| header.cell_at(fields, line, positions[k]);
        let cells = Cells {
            indicator: at(0),
            region: at(1),
            year: at(2),
            kind: at(3),
            bound: at(4),
            value: at(5),
            value_hi: at(6),
            unit: at(7),
            source: at(8),
            quote: at(9),
            note: at(10),
        };
        let mut problems = Problems { header, diagnostics };
        let context = self.context;
        let catalogued = self.indicator(cells.indicator, &mut problems);
        let indicator = catalogued.map(|c| c.indicator);
        self.region(cells.region, &mut problems);
        let year = parse_year(cells.year.text);
        if year.is_none() {
            let text = cells.year.text;
            problems.at(cells.year, format!("year \"{text}\" is not a year (expected four digits, e.g. 2024)"));
        }
        let kind: Option<Kind> = word("kind", cells.kind, Kind::expected, &mut problems);
        let bound: Option<Bound> = word("bound", cells.bound, Bound::expected, &mut problems);
        let value = decimal("value", cells.value, false, cells.unit.text, &mut problems);
        let value_hi = decimal("value_hi", cells.value_hi, true, cells.unit.text, &mut problems);
        check_range(bound, value, value_hi, cells.value_hi, &mut problems);
        let unit = self.unit(cells.unit, catalogued, &mut problems);
        if let (Some(i), Some(u)) = (indicator, unit) {
            for (c, v) in [(cells.value, value), (cells.value_hi, value_hi)] {
                if let Some(v) = v {
                    check_measure(i, u, c, v, &mut problems);
                }
            }
        }
        if let Contract::Curated(curated) = &context.contract {
            check_provenance(curated, &cells, [("value", value), ("value_hi", value_hi)], &mut problems);
        }
        if diagnostics.len() > before {
            return None;
        }
        Some(FactRow {
            indicator: indicator?,
            rank: catalogued?.rank,
            region: cells.region.text,
            year: year?,
            kind: kind?,
            bound: bound?,
            value: value?,
            value_hi,
            unit: unit?,
            source: cells.source.text,
            quote: cells.quote.text,
            note: cells.note.text,
            line,
        })
    }

    /// The catalogued indicator (with a suggestion when unknown), in its file's domain.
    fn indicator(&self, cell: Cell<'_>, problems: &mut Problems<'_, '_>) -> Option<&'c Catalogued<'c>> {
        let Some(catalogued) = self.indicators.get(cell.text) else {
            let hint = nearest(cell.text, self.context.indicators.keys().map(String::as_str))
                .map(|n| format!("; did you mean \"{n}\"?"))
                .unwrap_or_default();
            problems.at(cell, format!("unknown indicator \"{}\"{hint}", cell.text));
            return None;
        };
        let i = catalogued.indicator;
        if let Contract::Curated(Curated { domain: Some(domain), .. }) = &self.context.contract
            && i.domain != *domain
        {
            problems.at(cell, format!("indicator \"{}\" belongs to domain \"{}\", not \"{domain}\"", i.id, i.domain));
        }
        Some(catalogued)
    }

    /// A listed region code (curated), or any non-empty one (a panel).
    fn region(&self, cell: Cell<'_>, problems: &mut Problems<'_, '_>) {
        match &self.context.contract {
            Contract::Curated(c) if !c.regions.contains(cell.text) => problems.at(
                cell,
                format!("unknown region \"{}\" (expected a GB/T 2260 code listed in regions.csv)", cell.text),
            ),
            Contract::Panel if cell.text.is_empty() => problems.at(cell, "region is empty".to_owned()),
            _ => {}
        }
    }

    /// The resolved unit, of the dimension the indicator is measured in (lookups cached).
    fn unit(
        &mut self,
        cell: Cell<'_>,
        catalogued: Option<&'c Catalogued<'c>>,
        problems: &mut Problems<'_, '_>,
    ) -> Option<&Resolved> {
        // the unit as written is most often the indicator's own, resolved with the catalogue
        if let Some(Catalogued { unit: Some(own), unit_name, .. }) = catalogued
            && cell.text == *unit_name
        {
            return Some(own);
        }
        let indicator = catalogued.map(|c| c.indicator);
        // else one lookup settles both when they are the same
        let own = indicator.map_or("", |i| i.unit.as_str());
        for name in [cell.text, own] {
            if !self.units.contains_key(name) {
                self.units.insert(name.to_owned(), self.context.units.resolve(name));
            }
            if name == own {
                break;
            }
        }
        let u = match self.units.get(cell.text)? {
            Ok(u) => u,
            Err(e) => {
                problems.at(cell, e.to_string());
                return None;
            }
        };
        if let Some(i) = indicator
            && cell.text != own
            && let Some(Ok(expected)) = self.units.get(own)
            && expected.dimension != u.dimension
        {
            problems.at(
                cell,
                format!(
                    "unit \"{}\" ({}) does not fit indicator \"{}\", measured in {} ({})",
                    u.name, u.dimension, i.id, i.unit, expected.dimension
                ),
            );
        }
        Some(u)
    }
}

/// A catalogued indicator with its own unit resolved (`None` when it does not resolve: rows in
/// that unit then take the general path, which says why).
struct Catalogued<'c> {
    indicator: &'c Indicator,
    unit: Option<Resolved>,
    /// The indicator's unit as its catalogue writes it (here, so that a row's unit is compared
    /// without first reading the indicator).
    unit_name: &'c str,
    /// The indicator's place in the catalogue sorted by id.
    rank: u32,
}

/// The catalogue keyed by `&str` with a fast hash, for per-row lookups.
type Index<'c> = FxHashMap<&'c str, Catalogued<'c>>;

fn fast_index<'c>(context: &'c Context<'c>) -> Index<'c> {
    let mut catalogue: Vec<(&'c String, &'c Indicator)> = context.indicators.iter().collect();
    catalogue.sort_unstable_by_key(|(id, _)| *id);
    let entry = |rank: usize, i: &'c Indicator| Catalogued {
        indicator: i,
        unit: context.units.resolve(&i.unit).ok(),
        unit_name: i.unit.as_str(),
        rank: u32::try_from(rank).unwrap_or(u32::MAX),
    };
    catalogue.into_iter().enumerate().map(|(rank, (id, i))| (id.as_str(), entry(rank, i))).collect()
}

fn check_curated_header(
    path: &Path,
    header: Option<&crate::table::Header>,
    context: &Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let (Some(header), Contract::Curated(_)) = (header, &context.contract) {
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
        let fields: Vec<&str> = record.iter().collect();
        if let Some(row) = checker.check(&header, &fields, line, diagnostics) {
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

/// How [`stream_facts_parallel`] works on several threads.
pub struct Workers<'w, P> {
    /// How many worker threads validate chunks.
    pub threads: usize,
    /// A new, empty part for a chunk.
    pub new_part: &'w (dyn Fn() -> P + Sync),
    /// What each valid row does to its chunk's part.
    pub row: &'w (dyn Fn(&mut P, &FactRow<'_>) + Sync),
}

/// [`stream_facts`] on several worker threads: each chunk of the file is validated into a part of
/// its own (`workers.new_part`, filled by `workers.row`), and the parts reach `merge` in file order.
pub fn stream_facts_parallel<R: std::io::Read, P: Send>(
    path: &Path,
    input: R,
    context: &Context<'_>,
    diagnostics: &mut Vec<Diagnostic>,
    workers: Workers<'_, P>,
    merge: &mut dyn FnMut(P),
) -> bool {
    let Workers { threads, new_part, row } = workers;
    let indicators = fast_index(context);
    let new = || (RowChecker::new(context, &indicators), new_part());
    let work = |part: &mut (RowChecker<'_>, P),
                header: &crate::table::Header,
                record: &[&str],
                line: u64,
                d: &mut Vec<Diagnostic>| {
        let (checker, user) = part;
        if let Some(fact) = checker.check(header, record, line, d) {
            row(user, &fact);
        }
    };
    let mut merge_part = |(_, user): (RowChecker<'_>, P)| merge(user);
    let workers = crate::table::Workers { threads, new_part: &new, work: &work };
    let header = crate::table::stream_parallel(path, input, &FACTS, diagnostics, workers, &mut merge_part);
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
