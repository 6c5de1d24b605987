//! Loading an analyst's panel: a facts file streamed on every core and validated row by row with
//! the facts contract, a catalogue, and an optional units table.

use crate::panel::{MAX_INDICATORS, Panel, PanelBuilder};
use std::collections::HashMap;
use std::path::Path;
use zhibiao_core::Indicator;
use zhibiao_core::dataset::{io_message, read_text};
use zhibiao_core::diagnostic::{Diagnostic, Diagnostics, Location};
use zhibiao_core::domain;
use zhibiao_core::facts::{self, Context, Contract};
use zhibiao_core::table::{Column, Schema, Table};
use zhibiao_core::units::{self, Normalise, Resolved};

/// The `units.csv` schema of an analyst's panel (`unit,base_unit,factor`).
pub const UNITS: Schema = Schema {
    name: "units",
    columns: &[
        Column { name: "unit", required: true },
        Column { name: "base_unit", required: true },
        Column { name: "factor", required: true },
    ],
};

/// Loads and validates an analyst's panel into columns: a facts file (streamed, never held as
/// text; source, quote, note and value_hi optional), a catalogue with at least
/// `id,domain,unit,direction`, and optionally a `units.csv` (else the built-in registry). Values
/// are normalised the way `mode` says; `progress` hears the number of facts read so far.
pub fn load_panel(
    facts_path: &Path,
    indicators_path: &Path,
    units_path: Option<&Path>,
    mode: Normalise,
    progress: &mut dyn FnMut(usize),
) -> Result<Panel, Diagnostics> {
    let inputs = PanelInputs::read(indicators_path, units_path)?;
    let mut diagnostics = Vec::new();
    let mut builder = PanelBuilder::new(inputs.catalogue.clone(), mode);
    match std::fs::File::open(facts_path) {
        Err(err) => diagnostics
            .push(Diagnostic::new(Location::file(facts_path), format!("cannot read the file: {}", io_message(&err)))),
        Ok(file) => {
            // a fact takes at least 24 bytes of CSV (`a.b,1,2024,target,eq,1,,%`)
            let size = file.metadata().map_or(0, |m| m.len());
            builder.reserve(usize::try_from(size / 24).unwrap_or(0));
            let context = inputs.context();
            let template = builder.part();
            // parts come back emptied after each merge and are reused, their columns' pages warm
            let spare: std::sync::Mutex<Vec<PanelBuilder>> = std::sync::Mutex::new(Vec::new());
            let new_part = || {
                let recycled = spare.lock().ok().and_then(|mut s| s.pop());
                (recycled.unwrap_or_else(|| template.part()), None::<Diagnostic>)
            };
            let row = |part: &mut (PanelBuilder, Option<Diagnostic>), row: &facts::FactRow<'_>| {
                if part.1.is_none()
                    && let Err(why) = part.0.push(row)
                {
                    part.1 = Some(Diagnostic::new(Location::at(facts_path, row.line, 1), why.to_string()));
                }
            };
            // the first row past a limit of the panel's codes, located where a part met it (a
            // limit met only when parts are merged has no line)
            let mut limit: Option<Diagnostic> = None;
            let mut merge = |(mut part, why): (PanelBuilder, Option<Diagnostic>)| {
                if limit.is_none() {
                    limit = why;
                }
                if limit.is_none()
                    && let Err(why) = builder.absorb_from(&mut part)
                {
                    limit = Some(Diagnostic::new(Location::file(facts_path), why.to_string()));
                }
                if let Ok(mut s) = spare.lock()
                    && s.len() < 8
                {
                    s.push(part);
                }
                progress(builder.len());
            };
            let threads = std::thread::available_parallelism().map_or(1, usize::from).clamp(1, 8);
            let workers = facts::Workers { threads, new_part: &new_part, row: &row };
            facts::stream_facts_parallel(facts_path, file, &context, &mut diagnostics, workers, &mut merge);
            diagnostics.extend(limit);
        }
    }
    if let Some(d) = Diagnostics::from_vec(diagnostics) {
        return Err(d);
    }
    builder.finish(facts_path)
}

/// Loads an analyst's panel whose facts come as records with column names (a Parquet file read by
/// the caller): the catalogue and units as in [`load_panel`], every row validated the same way.
pub fn load_panel_records(
    facts_path: &Path,
    names: &[String],
    records: impl Iterator<Item = (u64, csv::StringRecord)>,
    indicators_path: &Path,
    units_path: Option<&Path>,
    mode: Normalise,
) -> Result<Panel, Diagnostics> {
    let inputs = PanelInputs::read(indicators_path, units_path)?;
    let mut diagnostics = Vec::new();
    let context = inputs.context();
    let mut builder = PanelBuilder::new(inputs.catalogue.clone(), mode);
    let mut limit: Option<String> = None;
    facts::check_records(facts_path, names, records, &context, &mut diagnostics, |row| {
        if limit.is_none()
            && let Err(why) = builder.push(row)
        {
            limit = Some(format!("row {}: {why}", row.line));
        }
    });
    if let Some(why) = limit {
        diagnostics.push(Diagnostic::new(Location::file(facts_path), why));
    }
    if let Some(d) = Diagnostics::from_vec(diagnostics) {
        return Err(d);
    }
    builder.finish(facts_path)
}

/// An analyst's units table, by unit name.
pub type UnitTable = HashMap<String, Resolved>;

/// What a panel's facts are checked against: its catalogue and optional units table, validated.
struct PanelInputs {
    catalogue: Vec<Indicator>,
    indicators: HashMap<String, Indicator>,
    units: Option<UnitTable>,
}

impl PanelInputs {
    fn read(indicators_path: &Path, units_path: Option<&Path>) -> Result<PanelInputs, Diagnostics> {
        let mut diagnostics = Vec::new();
        let units =
            units_path.and_then(|p| read_text(p, &mut diagnostics).map(|t| parse_units(p, &t, &mut diagnostics)));
        let catalogue: Vec<Indicator> = read_text(indicators_path, &mut diagnostics)
            .map(|t| domain::parse_catalogue(indicators_path, &t, domain::CatalogueKind::Panel, &mut diagnostics))
            .unwrap_or_default();
        if catalogue.len() > MAX_INDICATORS {
            let count = catalogue.len();
            diagnostics.push(Diagnostic::new(
                Location::file(indicators_path),
                format!("the catalogue lists {count} indicators; a panel holds at most {MAX_INDICATORS}"),
            ));
        }
        if let Some(d) = Diagnostics::from_vec(diagnostics) {
            return Err(d);
        }
        let indicators = catalogue.iter().map(|i| (i.id.clone(), i.clone())).collect();
        Ok(PanelInputs { catalogue, indicators, units })
    }

    /// The panel contract: no regions or sources to check, units from the table or the registry.
    fn context(&self) -> Context<'_> {
        let units = match &self.units {
            Some(table) => units::Units::Table(table),
            None => units::Units::Registry,
        };
        Context { indicators: &self.indicators, contract: Contract::Panel, units }
    }
}

/// Parses a `units.csv` (`unit,base_unit,factor`; factors such as `1e8`, `10000`, `0.5`).
pub fn parse_units(path: &Path, text: &str, diagnostics: &mut Vec<Diagnostic>) -> HashMap<String, Resolved> {
    let mut out = HashMap::new();
    let Some(table) = Table::parse(path, text, &UNITS, diagnostics) else { return out };
    for row in table.rows() {
        let cell = |name: &str| table.cell(row, name);
        let (unit, base, factor) = (cell("unit"), cell("base_unit"), cell("factor"));
        if unit.text.is_empty() || base.text.is_empty() {
            let c = if unit.text.is_empty() { unit } else { base };
            diagnostics.push(table.at(c, "unit names must not be empty"));
            continue;
        }
        let exact = units::parse_factor(factor.text).filter(|d| *d > zhibiao_scan::Decimal::ZERO);
        let float = factor.text.parse::<f64>().ok().filter(|f| f.is_finite() && *f > 0.0);
        let (Some(exact), Some(float)) = (exact, float) else {
            diagnostics.push(
                table.at(factor, format!("factor \"{}\" is not a positive number (e.g. 1e8 or 10000)", factor.text)),
            );
            continue;
        };
        if out.contains_key(unit.text) {
            diagnostics.push(table.at(unit, format!("unit \"{}\" is listed twice", unit.text)));
            continue;
        }
        out.insert(
            unit.text.to_owned(),
            Resolved {
                name: unit.text.to_owned(),
                dimension: base.text.to_owned(),
                base: base.text.to_owned(),
                factor: exact,
                factor_f64: float,
            },
        );
    }
    out
}
