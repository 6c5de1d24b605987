//! The panel's columns and their builder.

use std::path::Path;
use zhibiao_core::diagnostic::{Diagnostic, Diagnostics, Location};
use zhibiao_core::facts::FactRow;
use zhibiao_core::fxhash::FxHashMap;
use zhibiao_core::model::{Bound, Direction, Fact, Indicator, Kind};
use zhibiao_core::units::{Normalise, Resolved, Units};

/// Why a row could not join a panel (the limits of its integer codes, or a value out of range).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PanelError {
    /// More regions than the codes hold.
    #[error("more than {MAX_REGIONS} regions")]
    TooManyRegions,
    /// More units than the codes hold.
    #[error("more than {MAX_UNITS} units")]
    TooManyUnits,
    /// A year the codes do not hold.
    #[error("year {0} is outside 0–{MAX_YEAR}")]
    Year(i32),
    /// An indicator the panel's catalogue does not have.
    #[error("indicator \"{0}\" is not in the catalogue")]
    UnknownIndicator(String),
    /// A value whose base value does not fit.
    #[error("value {value} {unit} overflows")]
    Overflow {
        /// The value as written.
        value: zhibiao_scan::Decimal,
        /// Its unit.
        unit: String,
    },
    /// A unit that does not resolve.
    #[error(transparent)]
    Unit(#[from] zhibiao_core::units::UnitError),
}

/// One row's fields, coded where the panel codes them.
struct Parts<'a> {
    indicator: u32,
    region: &'a str,
    year: i32,
    kind: Kind,
    bound: Bound,
    value: zhibiao_scan::Decimal,
    value_hi: Option<zhibiao_scan::Decimal>,
    unit: &'a Resolved,
    line: u64,
    /// The base values when the caller has them already (else they are computed here).
    bases: Option<(f64, Option<f64>)>,
}

/// Codes of the kinds (`Kind as u8` order: actual 0, estimate 1, target 2).
pub fn kind_code(kind: Kind) -> u8 {
    match kind {
        Kind::Actual => 0,
        Kind::Estimate => 1,
        Kind::Target => 2,
    }
}

/// Codes of the bounds: the position in [`Bound::ALL`].
pub fn bound_code(bound: Bound) -> u8 {
    Bound::ALL.iter().position(|b| *b == bound).map_or(0, |i| i as u8)
}

/// Codes of the directions: up 0, down 1, none 2.
pub fn direction_code(direction: Direction) -> u8 {
    match direction {
        Direction::Up => 0,
        Direction::Down => 1,
        Direction::None => 2,
    }
}

/// One fact's coded fields, 16 bytes together: the value and one word packing the rest, so that a
/// fact read at random (a target beside its result, in a file whose rows are shuffled) costs one
/// cache line, and a panel of 16 M facts holds 256 MB of them.
///
/// The word holds, from its top bit down: indicator (17 bits, [`MAX_INDICATORS`]), region (18 bits,
/// [`MAX_REGIONS`]), year (14 bits, [`MAX_YEAR`]), unit (10 bits, [`MAX_UNITS`]), kind (2 bits,
/// [`kind_code`]), bound (3 bits, [`bound_code`]). Its top 49 bits are the pairing key.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Coded {
    /// The value as written (nearest `f64`).
    pub value: f64,
    packed: u64,
}

/// A fact's codes, unpacked ([`Coded::fields`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fields {
    /// Indicator code (its rank in the catalogue sorted by id).
    pub indicator: u32,
    /// Region code.
    pub region: u32,
    /// Year.
    pub year: i32,
    /// Unit code.
    pub unit: u16,
    /// [`kind_code`].
    pub kind: u8,
    /// [`bound_code`].
    pub bound: u8,
}

const INDICATOR_SHIFT: u32 = 47;
const REGION_SHIFT: u32 = 29;
const YEAR_SHIFT: u32 = 15;
const UNIT_SHIFT: u32 = 5;
const KIND_SHIFT: u32 = 3;

impl Coded {
    /// Packs a fact's codes with its value; `None` when a code is beyond its field (the builder
    /// checks the limits first and says which).
    pub fn new(value: f64, fields: Fields) -> Option<Coded> {
        let Fields { indicator, region, year, unit, kind, bound } = fields;
        let fits = (indicator as usize) < MAX_INDICATORS
            && (region as usize) < MAX_REGIONS
            && (0..=MAX_YEAR).contains(&year)
            && usize::from(unit) < MAX_UNITS
            && kind < 4
            && bound < 8;
        fits.then(|| Coded {
            value,
            packed: (u64::from(indicator) << INDICATOR_SHIFT)
                | (u64::from(region) << REGION_SHIFT)
                | ((year as u64) << YEAR_SHIFT)
                | (u64::from(unit) << UNIT_SHIFT)
                | (u64::from(kind) << KIND_SHIFT)
                | u64::from(bound),
        })
    }

    /// All the codes at once.
    pub fn fields(&self) -> Fields {
        Fields {
            indicator: self.indicator(),
            region: self.region(),
            year: self.year(),
            unit: self.unit(),
            kind: self.kind(),
            bound: self.bound(),
        }
    }

    /// The packed (indicator, region, year): equal keys pair a target with its result; the order
    /// of keys is the order of (indicator, region, year).
    pub fn key(&self) -> u64 {
        self.packed >> YEAR_SHIFT
    }

    /// Indicator code.
    pub fn indicator(&self) -> u32 {
        (self.packed >> INDICATOR_SHIFT) as u32
    }

    /// Region code.
    pub fn region(&self) -> u32 {
        ((self.packed >> REGION_SHIFT) as u32) & (MAX_REGIONS as u32 - 1)
    }

    /// Year.
    pub fn year(&self) -> i32 {
        ((self.packed >> YEAR_SHIFT) & MAX_YEAR as u64) as i32
    }

    /// Unit code.
    pub fn unit(&self) -> u16 {
        ((self.packed >> UNIT_SHIFT) as u16) & (MAX_UNITS as u16 - 1)
    }

    /// [`kind_code`].
    pub fn kind(&self) -> u8 {
        ((self.packed >> KIND_SHIFT) & 3) as u8
    }

    /// [`bound_code`].
    pub fn bound(&self) -> u8 {
        (self.packed & 7) as u8
    }

    /// The same fact with other region and unit codes (each within its field).
    fn recoded(self, region: u32, unit: u16) -> Coded {
        let cleared =
            self.packed & !((MAX_REGIONS as u64 - 1) << REGION_SHIFT) & !((MAX_UNITS as u64 - 1) << UNIT_SHIFT);
        Coded {
            value: self.value,
            packed: cleared
                | (u64::from(region & (MAX_REGIONS as u32 - 1)) << REGION_SHIFT)
                | (u64::from(unit & (MAX_UNITS as u16 - 1)) << UNIT_SHIFT),
        }
    }
}

/// Facts with integer codes: fact `i` is `facts[i]`, and row `i` of every optional per-fact vector.
#[derive(Clone, Debug, Default)]
pub struct Panel {
    /// The catalogue, sorted by id; an indicator's code is its index.
    pub indicators: Vec<Indicator>,
    /// Domain names, sorted; a domain's code is its index.
    pub domains: Vec<String>,
    /// Per indicator code, its domain code.
    pub indicator_domain: Vec<u16>,
    /// Region codes as written, sorted; a region's code is its index.
    pub regions: Vec<String>,
    /// Units as written, in order of first use; a unit's code is its index.
    pub units: Vec<Resolved>,
    /// The facts.
    pub facts: Vec<Coded>,
    /// Per fact: the value in its base unit, where it is stored (exact normalisation); empty where
    /// it is derived (float64 normalisation: the value × its unit's `factor_f64`, the one multiply
    /// that rule is, so storing it would only cost memory). Read it with [`Panel::base`].
    value_base: Vec<f64>,
    /// Per fact: a range's upper end in the base unit (`NaN` when not a range), stored or derived
    /// like `value_base`; read it with [`Panel::hi_base`].
    value_hi_base: Vec<f64>,
    /// Whether the base values are derived from the values instead of stored.
    derived_base: bool,
    /// Per fact: a range's upper end as written (`NaN` when not a range); empty when no fact is a
    /// range.
    pub value_hi: Vec<f64>,
    /// The 1-based line each fact was read from, for duplicate reports; empty once finished.
    lines: Lines,
    /// The cell index, when the panel is dense enough for one (see [`Cells`]); the engine takes it.
    pub cells: Option<Cells>,
    /// The first year of any fact and how many years the facts span, found when the panel is
    /// finished (read it with [`Panel::year_span`]).
    first_year: i32,
    years: usize,
}

/// The lines facts were read from, as runs of consecutive lines: a file's rows follow one another
/// line by line, so a run starts only at the first row, after a blank line or a record spanning
/// lines, and at each part absorbed — a few runs where a column would hold a number per fact.
#[derive(Clone, Debug, Default)]
struct Lines {
    /// (first row, its line), by row.
    runs: Vec<(usize, u64)>,
    rows: usize,
    last: u64,
}

impl Lines {
    fn push(&mut self, line: u64) {
        if self.rows == 0 || line != self.last.wrapping_add(1) {
            self.runs.push((self.rows, line));
        }
        self.last = line;
        self.rows += 1;
    }

    fn append(&mut self, other: &Lines) {
        for &(row, line) in &other.runs {
            if row == 0 && self.rows > 0 && line == self.last.wrapping_add(1) {
                continue; // the part goes on where this one stopped
            }
            self.runs.push((self.rows + row, line));
        }
        if other.rows > 0 {
            self.last = other.last;
        }
        self.rows += other.rows;
    }

    /// The line of fact `row` (0 for a row never pushed).
    fn line(&self, row: usize) -> u64 {
        match self.runs.partition_point(|&(first, _)| first <= row).checked_sub(1) {
            Some(k) if row < self.rows => self.runs[k].1 + (row - self.runs[k].0) as u64,
            _ => 0,
        }
    }
}

/// No fact in a slot of [`Cells`].
pub const EMPTY: u32 = u32::MAX;

/// One slot per (indicator, region, year) and kind, holding the row of the fact stated there: the
/// panel's facts by cell, in key order. Built when there are at most four cells per fact (as in
/// every real panel: regions report most indicators most years); a sparse panel has none and sorts
/// its packed keys instead.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cells {
    regions: usize,
    years: usize,
    first_year: i32,
    /// Per kind code (actual, estimate, target), per cell: the fact's row, or [`EMPTY`]; empty for
    /// a kind no fact has.
    pub slots: [Vec<u32>; 3],
}

impl Cells {
    /// Indexes `panel` (its regions already in final codes, its years' span found). `None` when it
    /// is too sparse or too large for `u32` rows; `Err` holds duplicate (first row, later row)
    /// pairs, at most 100.
    fn build(panel: &Panel) -> Option<Result<Cells, Vec<(usize, usize)>>> {
        if panel.is_empty() || panel.len() >= EMPTY as usize {
            return None;
        }
        let (first_year, years) = panel.year_span();
        let count = panel.indicators.len().checked_mul(panel.regions.len())?.checked_mul(years)?;
        if count > panel.len().saturating_mul(4).max(1 << 16) {
            return None;
        }
        let mut cells = Cells { regions: panel.regions.len(), years, first_year, slots: Default::default() };
        // each kind's slots filled by a thread of its own (targets on one, results on the other):
        // the slot writes are random, and a core waits on each
        let fill = |kinds: &[u8]| -> (Vec<Vec<u32>>, Vec<(usize, usize)>) {
            // a kind no fact has gets no slots (most panels have no estimate): a kind's slots are
            // made when its first fact comes
            let mut slots: Vec<Vec<u32>> = kinds.iter().map(|_| Vec::new()).collect();
            let mut duplicates = Vec::new();
            // a run of facts at a time: their slots found, then read in a loop of a few
            // instructions a slot (so that many cache misses are in flight at once), then filled
            let mut run: Vec<(usize, usize, u32)> = Vec::with_capacity(FILLED);
            for (first, facts) in panel.facts.chunks(FILLED).enumerate() {
                run.clear();
                for (j, fact) in facts.iter().enumerate() {
                    let Some(k) = kinds.iter().position(|kind| *kind == fact.kind().min(2)) else { continue };
                    if slots[k].is_empty() {
                        slots[k] = vec![EMPTY; count];
                    }
                    run.push((k, cells.index(fact), (first * FILLED + j) as u32));
                }
                let mut seen = 0u32;
                for &(k, at, _) in &run {
                    seen ^= slots[k].get(at).copied().unwrap_or(0);
                }
                std::hint::black_box(seen);
                for &(k, at, i) in &run {
                    let Some(slot) = slots[k].get_mut(at) else { continue };
                    if *slot == EMPTY {
                        *slot = i;
                    } else if duplicates.len() < 100 {
                        duplicates.push((*slot as usize, i as usize));
                    }
                }
            }
            (slots, duplicates)
        };
        let ((targets, mut duplicates), (results, more)) = std::thread::scope(|scope| {
            let targets = scope.spawn(|| fill(&[2]));
            let results = fill(&[0, 1]);
            (targets.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), results)
        });
        duplicates.extend(more);
        duplicates.sort_unstable_by_key(|(_, later)| *later);
        duplicates.truncate(100);
        let [actual, estimate]: [Vec<u32>; 2] = results.try_into().unwrap_or_default();
        let [target]: [Vec<u32>; 1] = targets.try_into().unwrap_or_default();
        cells.slots = [actual, estimate, target];
        Some(if duplicates.is_empty() { Ok(cells) } else { Err(duplicates) })
    }

    fn index(&self, fact: &Coded) -> usize {
        let indicator = fact.indicator() as usize;
        let region = fact.region() as usize;
        let year = usize::try_from(fact.year() - self.first_year).unwrap_or(0);
        (indicator * self.regions + region) * self.years + year
    }
}

/// Facts whose cell slots are looked up together when the cell index is filled.
const FILLED: usize = 256;

/// Most indicators a panel may have (17 bits of a [`Coded`] fact).
pub const MAX_INDICATORS: usize = 1 << 17;
/// Most regions a panel may have (18 bits of a [`Coded`] fact).
pub const MAX_REGIONS: usize = 1 << 18;
/// Most units a panel may have (10 bits of a [`Coded`] fact).
pub const MAX_UNITS: usize = 1 << 10;
/// The latest year a panel may have (14 bits of a [`Coded`] fact; years are four digits).
pub const MAX_YEAR: i32 = 0x3fff;

impl Panel {
    /// The packed (indicator, region, year) of fact `i` ([`Coded::key`]; 0 for a row out of range).
    pub fn key(&self, i: usize) -> u64 {
        self.facts.get(i).map_or(0, Coded::key)
    }

    /// Fact `i`'s value in its base unit.
    pub fn base(&self, i: usize) -> f64 {
        self.base_of(i, &self.facts[i])
    }

    /// [`Panel::base`] of fact `i` whose fields the caller has read already (`fact` is `facts[i]`).
    pub fn base_of(&self, i: usize, fact: &Coded) -> f64 {
        if self.derived_base { fact.value * self.factor(fact.unit()) } else { self.value_base[i] }
    }

    /// Fact `i`'s range's upper end in its base unit, `None` when it states no range.
    pub fn hi_base(&self, i: usize) -> Option<f64> {
        self.hi_base_of(i, &self.facts[i])
    }

    /// [`Panel::hi_base`] of fact `i` whose fields the caller has read already.
    pub fn hi_base_of(&self, i: usize, fact: &Coded) -> Option<f64> {
        let hi = if self.derived_base {
            self.value_hi.get(i).map(|h| h * self.factor(fact.unit()))
        } else {
            self.value_hi_base.get(i).copied()
        };
        hi.filter(|h| !h.is_nan())
    }

    /// The float64 factor from a unit to its base unit.
    fn factor(&self, unit: u16) -> f64 {
        self.units.get(usize::from(unit)).map_or(f64::NAN, |u| u.factor_f64)
    }

    /// The first year of any fact and how many years the facts span (0 for no fact).
    pub fn year_span(&self) -> (i32, usize) {
        (self.first_year, self.years)
    }

    /// Number of facts.
    pub fn len(&self) -> usize {
        self.facts.len()
    }

    /// Whether there are no facts.
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }
}

/// Region codes by name. A name of digits (a GB/T 2260 code) is keyed by its number and length,
/// so that every row's lookup compares integers, not strings; any other name by its text.
#[derive(Clone, Debug, Default)]
struct RegionCodes {
    numeric: FxHashMap<u64, u32>,
    named: FxHashMap<String, u32>,
}

impl RegionCodes {
    /// 110000 → 110000 with the length 6 in the top byte (0110000 is another name).
    fn key(name: &str) -> Option<u64> {
        let digits = name.as_bytes();
        if digits.is_empty() || digits.len() > 15 || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let value = digits.iter().fold(0u64, |v, d| v * 10 + u64::from(d - b'0'));
        Some(value | (digits.len() as u64) << 56)
    }

    fn get(&self, name: &str) -> Option<u32> {
        match Self::key(name) {
            Some(key) => self.numeric.get(&key).copied(),
            None => self.named.get(name).copied(),
        }
    }

    fn insert(&mut self, name: &str, code: u32) {
        match Self::key(name) {
            Some(key) => self.numeric.insert(key, code),
            None => self.named.insert(name.to_owned(), code),
        };
    }

    fn clear(&mut self) {
        self.numeric.clear();
        self.named.clear();
    }
}

/// A catalogue's indicator codes both ways: by id, and the id of each code.
#[derive(Debug)]
struct Catalogue {
    codes: FxHashMap<String, u32>,
    ids: Vec<String>,
}

impl Catalogue {
    /// The code of `id`, or why there is none.
    fn code(&self, id: &str) -> Result<u32, PanelError> {
        self.codes.get(id).copied().ok_or_else(|| PanelError::UnknownIndicator(id.to_owned()))
    }
}

/// Builds a [`Panel`] row by row.
#[derive(Debug)]
pub struct PanelBuilder {
    panel: Panel,
    /// The catalogue's codes, shared with the builder's parts.
    catalogue: std::sync::Arc<Catalogue>,
    region_codes: RegionCodes,
    unit_codes: FxHashMap<String, u16>,
    mode: Normalise,
}

impl PanelBuilder {
    /// A builder over a catalogue, normalising values the way `mode` says.
    /// Catalogues beyond [`MAX_INDICATORS`] are cut there (`load_panel` refuses them first, with a
    /// message; no real catalogue comes near).
    pub fn new(mut indicators: Vec<Indicator>, mode: Normalise) -> PanelBuilder {
        indicators.sort_by(|a, b| a.id.cmp(&b.id));
        indicators.truncate(MAX_INDICATORS);
        let mut domains: Vec<String> = indicators.iter().map(|i| i.domain.clone()).collect();
        domains.sort();
        domains.dedup();
        let indicator_domain = indicators
            .iter()
            .map(|i| domains.binary_search(&i.domain).map_or(0, |d| u16::try_from(d).unwrap_or(u16::MAX)))
            .collect();
        let catalogue = Catalogue {
            codes: indicators.iter().enumerate().map(|(k, i)| (i.id.clone(), k as u32)).collect(),
            ids: indicators.iter().map(|i| i.id.clone()).collect(),
        };
        PanelBuilder {
            panel: Panel {
                indicators,
                domains,
                indicator_domain,
                derived_base: mode == Normalise::Float64,
                ..Panel::default()
            },
            catalogue: std::sync::Arc::new(catalogue),
            region_codes: RegionCodes::default(),
            unit_codes: FxHashMap::default(),
            mode,
        }
    }

    /// Facts added so far.
    pub fn len(&self) -> usize {
        self.panel.len()
    }

    /// Makes room for `facts` more facts at once, so that the columns never grow by copying (pages
    /// reserved but never written cost no memory).
    pub fn reserve(&mut self, facts: usize) {
        let p = &mut self.panel;
        p.facts.reserve(facts);
        if !p.derived_base {
            p.value_base.reserve(facts);
        }
    }

    /// Whether no fact was added yet.
    pub fn is_empty(&self) -> bool {
        self.panel.is_empty()
    }

    /// An empty builder for a part of the same panel (a chunk parsed on another thread); its
    /// indicator codes are the panel's, its regions and units its own until [`PanelBuilder::absorb`].
    pub fn part(&self) -> PanelBuilder {
        PanelBuilder {
            panel: Panel { derived_base: self.panel.derived_base, ..Panel::default() },
            catalogue: self.catalogue.clone(),
            region_codes: RegionCodes::default(),
            unit_codes: FxHashMap::default(),
            mode: self.mode,
        }
    }

    /// Appends a part built with [`PanelBuilder::part`], recoding its regions and units.
    pub fn absorb(&mut self, mut part: PanelBuilder) -> Result<(), PanelError> {
        self.absorb_from(&mut part)
    }

    /// [`PanelBuilder::absorb`], leaving `part` empty with its capacity, ready for the next chunk
    /// (so that a reader recycles its parts instead of faulting in fresh pages for each).
    pub fn absorb_from(&mut self, part: &mut PanelBuilder) -> Result<(), PanelError> {
        let result = self.append(&part.panel);
        part.clear();
        result
    }

    /// Empties a part, keeping the capacity of its columns.
    fn clear(&mut self) {
        let p = &mut self.panel;
        p.facts.clear();
        p.value_base.clear();
        p.value_hi.clear();
        p.value_hi_base.clear();
        p.lines = Lines::default();
        p.regions.clear();
        p.units.clear();
        self.region_codes.clear();
        self.unit_codes.clear();
    }

    fn append(&mut self, q: &Panel) -> Result<(), PanelError> {
        let mut region_map = Vec::with_capacity(q.regions.len());
        for name in &q.regions {
            let code = match self.region_codes.get(name) {
                Some(code) => code,
                None => {
                    if self.panel.regions.len() >= MAX_REGIONS {
                        return Err(PanelError::TooManyRegions);
                    }
                    let code = self.panel.regions.len() as u32;
                    self.region_codes.insert(name, code);
                    self.panel.regions.push(name.clone());
                    code
                }
            };
            region_map.push(code);
        }
        let mut unit_map = Vec::with_capacity(q.units.len());
        for unit in &q.units {
            let code = match self.unit_codes.get(unit.name.as_str()) {
                Some(&code) => code,
                None => {
                    if self.panel.units.len() >= MAX_UNITS {
                        return Err(PanelError::TooManyUnits);
                    }
                    let code = self.panel.units.len() as u16;
                    self.unit_codes.insert(unit.name.clone(), code);
                    self.panel.units.push(unit.clone());
                    code
                }
            };
            unit_map.push(code);
        }
        let p = &mut self.panel;
        let before = p.facts.len();
        let stored = !p.derived_base;
        if !q.value_hi.is_empty() || !p.value_hi.is_empty() {
            if p.value_hi.is_empty() {
                p.value_hi = vec![f64::NAN; before];
                if stored {
                    p.value_hi_base = vec![f64::NAN; before];
                }
            }
            if q.value_hi.is_empty() {
                p.value_hi.extend(std::iter::repeat_n(f64::NAN, q.facts.len()));
                if stored {
                    p.value_hi_base.extend(std::iter::repeat_n(f64::NAN, q.facts.len()));
                }
            } else {
                p.value_hi.extend_from_slice(&q.value_hi);
                p.value_hi_base.extend_from_slice(&q.value_hi_base);
            }
        }
        p.facts.extend(q.facts.iter().map(|f| {
            let region = region_map.get(f.region() as usize).copied().unwrap_or(0);
            f.recoded(region, unit_map.get(usize::from(f.unit())).copied().unwrap_or(0))
        }));
        p.value_base.extend_from_slice(&q.value_base);
        p.lines.append(&q.lines);
        Ok(())
    }

    /// Adds a validated row. Fails (with the reason) only on limits: more than [`MAX_REGIONS`]
    /// regions or [`MAX_UNITS`] units, a year beyond [`MAX_YEAR`], or a value whose base value
    /// overflows.
    pub fn push(&mut self, row: &FactRow<'_>) -> Result<(), PanelError> {
        // the row's rank in its catalogue is the code here when the catalogues are the same (one
        // comparison of the id says so); else the id is looked up
        let indicator = match self.catalogue.ids.get(row.rank as usize) {
            Some(id) if *id == row.indicator.id => row.rank,
            _ => self.catalogue.code(&row.indicator.id)?,
        };
        self.push_parts(Parts {
            indicator,
            region: row.region,
            year: row.year,
            kind: row.kind,
            bound: row.bound,
            value: row.value,
            value_hi: row.value_hi,
            unit: row.unit,
            line: row.line,
            bases: None,
        })
    }

    /// Adds a fact already normalised (its base values are taken as they are: the caller normalised
    /// it with this builder's mode).
    pub fn push_normalised(&mut self, n: &zhibiao_core::assess::Normalised<'_>, line: u64) -> Result<(), PanelError> {
        self.push_stated(n.fact, &n.unit, line, Some((n.value_base, n.value_hi_base)))
    }

    /// Adds a fact of a validated dataset (its unit resolved through `units`).
    pub fn push_fact(&mut self, fact: &Fact, units: Units<'_>, line: u64) -> Result<(), PanelError> {
        self.push_stated(fact, &units.resolve(&fact.unit)?, line, None)
    }

    fn push_stated(
        &mut self,
        fact: &Fact,
        unit: &Resolved,
        line: u64,
        bases: Option<(f64, Option<f64>)>,
    ) -> Result<(), PanelError> {
        let indicator = self.catalogue.code(&fact.indicator)?;
        self.push_parts(Parts {
            indicator,
            region: &fact.region,
            year: fact.year,
            kind: fact.kind,
            bound: fact.bound,
            value: fact.value,
            value_hi: fact.value_hi,
            unit,
            line,
            bases,
        })
    }

    fn push_parts(&mut self, row: Parts<'_>) -> Result<(), PanelError> {
        let Parts { indicator, region, year, kind, bound, value, value_hi, unit, line, bases } = row;
        let p = &mut self.panel;
        let region = match self.region_codes.get(region) {
            Some(code) => code,
            None => {
                if p.regions.len() >= MAX_REGIONS {
                    return Err(PanelError::TooManyRegions);
                }
                let code = p.regions.len() as u32;
                self.region_codes.insert(region, code);
                p.regions.push(region.to_owned());
                code
            }
        };
        let unit_code = match self.unit_codes.get(unit.name.as_str()) {
            Some(&code) => code,
            None => {
                if p.units.len() >= MAX_UNITS {
                    return Err(PanelError::TooManyUnits);
                }
                let code = p.units.len() as u16;
                self.unit_codes.insert(unit.name.clone(), code);
                p.units.push(unit.clone());
                code
            }
        };
        let to_base =
            |v| unit.to_base(v, self.mode).ok_or_else(|| PanelError::Overflow { value: v, unit: unit.name.clone() });
        let stored = !p.derived_base;
        // a derived base value is not stored, and under float64 normalisation it cannot overflow
        let (base, hi_base) = match bases {
            _ if !stored => (f64::NAN, None),
            Some(known) => known,
            None => (to_base(value)?, value_hi.map(to_base).transpose()?),
        };
        if let Some(hi) = value_hi {
            if p.value_hi.is_empty() {
                p.value_hi = vec![f64::NAN; p.facts.len()];
                if stored {
                    p.value_hi_base = vec![f64::NAN; p.facts.len()];
                }
            }
            p.value_hi.push(hi.to_f64());
            if stored {
                p.value_hi_base.push(hi_base.unwrap_or(f64::NAN));
            }
        } else if !p.value_hi.is_empty() {
            p.value_hi.push(f64::NAN);
            if stored {
                p.value_hi_base.push(f64::NAN);
            }
        }
        let fields =
            Fields { indicator, region, year, unit: unit_code, kind: kind_code(kind), bound: bound_code(bound) };
        // the region and unit codes were checked above, the indicator's is a catalogue rank
        let fact = Coded::new(value.to_f64(), fields).ok_or(PanelError::Year(year))?;
        p.facts.push(fact);
        if stored {
            p.value_base.push(base);
        }
        p.lines.push(line);
        Ok(())
    }

    /// Finishes the panel: recodes regions in sorted order and reports duplicate keys
    /// (indicator, region, year, kind) with both lines.
    pub fn finish(mut self, path: &Path) -> Result<Panel, Diagnostics> {
        let p = &mut self.panel;
        let mut order: Vec<u32> = (0..p.regions.len() as u32).collect();
        order.sort_by(|a, b| p.regions[*a as usize].cmp(&p.regions[*b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (new, old) in order.iter().enumerate() {
            rank[*old as usize] = new as u32;
        }
        // the years' span found in the same pass (the cell index and the engine need it)
        let (mut first, mut last) = (i32::MAX, i32::MIN);
        for f in &mut p.facts {
            *f = f.recoded(rank.get(f.region() as usize).copied().unwrap_or(0), f.unit());
            (first, last) = (first.min(f.year()), last.max(f.year()));
        }
        p.first_year = first;
        p.years = usize::try_from(i64::from(last) - i64::from(first) + 1).unwrap_or(0);
        p.regions.sort();
        // duplicates: two facts in one slot of the cell index, or, for a sparse panel, equal
        // neighbours among the sorted packed (key, kind) of every row
        let duplicates = match Cells::build(p) {
            Some(Ok(cells)) => {
                p.cells = Some(cells);
                Vec::new()
            }
            Some(Err(duplicates)) => duplicates,
            None => sorted_duplicates(p),
        };
        let mut problems = Vec::new();
        for (first, i) in duplicates {
            let f = p.facts[i];
            let kind = [Kind::Actual, Kind::Estimate, Kind::Target][f.kind() as usize % 3];
            problems.push(Diagnostic::new(
                Location::at(path, p.lines.line(i), 1),
                format!(
                    "duplicate fact ({}, {}, {}, {kind}): already stated on line {}",
                    p.indicators[f.indicator() as usize].id,
                    p.regions[f.region() as usize],
                    f.year(),
                    p.lines.line(first)
                ),
            ));
        }
        match Diagnostics::from_vec(problems) {
            Some(d) => Err(d),
            None => {
                // lines served the duplicate report; a valid panel no longer needs them
                let mut panel = self.panel;
                panel.lines = Lines::default();
                Ok(panel)
            }
        }
    }
}

/// Duplicate (first row, later row) pairs of a panel without a cell index, at most 100: the packed
/// (key, kind) of every row sorted, equal neighbours compared.
fn sorted_duplicates(p: &Panel) -> Vec<(usize, usize)> {
    let packed_of = |i: usize| (p.key(i) << 2) | u64::from(p.facts[i].kind());
    let mut packed: Vec<u64> = (0..p.len()).map(packed_of).collect();
    packed.sort_unstable();
    let duplicated: Vec<u64> = packed.windows(2).filter(|w| w[0] == w[1]).map(|w| w[0]).take(100).collect();
    drop(packed);
    let mut pairs = Vec::new();
    for dup in duplicated {
        let rows: Vec<usize> = (0..p.len()).filter(|&i| packed_of(i) == dup).collect();
        if let Some((&first, rest)) = rows.split_first() {
            pairs.extend(rest.iter().map(|&i| (first, i)));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn any_fields() -> impl Strategy<Value = Fields> {
        (0..MAX_INDICATORS as u32, 0..MAX_REGIONS as u32, 0..=MAX_YEAR, 0..MAX_UNITS as u16, 0u8..3, 0u8..7).prop_map(
            |(indicator, region, year, unit, kind, bound)| Fields { indicator, region, year, unit, kind, bound },
        )
    }

    proptest! {
        /// Every field comes back as packed, and recoding region and unit touches no other field.
        #[test]
        fn a_fact_packs_its_fields_and_gives_them_back(
            value in any::<f64>(),
            fields in any_fields(),
            region in 0..MAX_REGIONS as u32,
            unit in 0..MAX_UNITS as u16,
        ) {
            let fact = Coded::new(value, fields).unwrap();
            prop_assert_eq!(fact.fields(), fields);
            prop_assert_eq!(fact.value.to_bits(), value.to_bits());
            prop_assert_eq!(fact.recoded(region, unit).fields(), Fields { region, unit, ..fields });
        }

        /// Keys are equal exactly when (indicator, region, year) are, and order as they do.
        #[test]
        fn keys_order_as_indicator_region_year(a in any_fields(), b in any_fields()) {
            let (ka, kb) = (Coded::new(0.0, a).unwrap().key(), Coded::new(0.0, b).unwrap().key());
            prop_assert_eq!(ka.cmp(&kb), (a.indicator, a.region, a.year).cmp(&(b.indicator, b.region, b.year)));
        }
    }

    #[test]
    fn a_code_beyond_its_field_is_refused() {
        let fits = Fields { indicator: 1, region: 2, year: 2024, unit: 3, kind: 2, bound: 6 };
        assert!(Coded::new(1.0, fits).is_some());
        for beyond in [
            Fields { indicator: MAX_INDICATORS as u32, ..fits },
            Fields { region: MAX_REGIONS as u32, ..fits },
            Fields { year: MAX_YEAR + 1, ..fits },
            Fields { year: -1, ..fits },
            Fields { unit: MAX_UNITS as u16, ..fits },
            Fields { kind: 4, ..fits },
            Fields { bound: 8, ..fits },
        ] {
            assert_eq!(Coded::new(1.0, beyond), None, "{beyond:?}");
        }
    }

    #[test]
    fn a_panel_refuses_a_unit_or_year_beyond_its_codes() {
        use std::collections::HashMap;
        use zhibiao_core::{Bound, Direction, Fact, Indicator, Kind};
        let gdp = Indicator::minimal("economy.gdp", "economy", "u0", Direction::Up);
        let fact = |unit: String, year: i32| Fact {
            indicator: "economy.gdp".into(),
            region: "421200".into(),
            year,
            kind: Kind::Actual,
            bound: Bound::Eq,
            value: "1".parse().unwrap(),
            value_hi: None,
            unit,
            source: None,
            quote: None,
            note: None,
        };
        let table: HashMap<String, Resolved> = (0..=MAX_UNITS)
            .map(|k| {
                let name = format!("u{k}");
                let unit = Resolved {
                    name: name.clone(),
                    dimension: "u0".into(),
                    base: "u0".into(),
                    factor: "1".parse().unwrap(),
                    factor_f64: 1.0,
                };
                (name, unit)
            })
            .collect();
        let mut builder = PanelBuilder::new(vec![gdp.clone()], Normalise::Float64);
        for k in 0..MAX_UNITS {
            builder.push_fact(&fact(format!("u{k}"), 2000 + (k % 30) as i32), Units::Table(&table), 2).unwrap();
        }
        let over = builder.push_fact(&fact(format!("u{MAX_UNITS}"), 2031), Units::Table(&table), 3);
        assert_eq!(over, Err(PanelError::TooManyUnits));
        let mut builder = PanelBuilder::new(vec![gdp], Normalise::Float64);
        let year = builder.push_fact(&fact("u0".into(), MAX_YEAR + 1), Units::Table(&table), 2);
        assert_eq!(year, Err(PanelError::Year(MAX_YEAR + 1)));
    }

    #[test]
    fn region_codes_tell_every_name_apart() {
        let mut codes = RegionCodes::default();
        for (name, code) in [("110000", 0), ("0110000", 1), ("X1", 2), ("", 3), ("1234567890123456", 4)] {
            codes.insert(name, code);
        }
        for (name, code) in [("110000", 0), ("0110000", 1), ("X1", 2), ("", 3), ("1234567890123456", 4)] {
            assert_eq!(codes.get(name), Some(code), "{name}");
        }
        assert_eq!(codes.get("11000"), None);
        codes.clear();
        assert_eq!(codes.get("110000"), None);
    }

    #[test]
    fn a_rows_rank_is_its_code_only_where_it_names_the_same_indicator() {
        use std::collections::HashMap;
        use zhibiao_core::facts::{Context, Contract, stream_facts};
        use zhibiao_core::{Direction, Indicator};
        let indicator = |id: &str| Indicator::minimal(id, "economy", "%", Direction::Up);
        // the rows' catalogue: b is its first, d its second
        let read: HashMap<String, Indicator> = ["d", "b"].map(|id| (id.to_owned(), indicator(id))).into();
        let context = Context { indicators: &read, contract: Contract::Panel, units: Units::Registry };
        let text = "indicator,region,year,kind,bound,value,unit\nd,1,2020,actual,eq,1,%\nb,1,2020,actual,eq,2,%\n";
        let mut rows = Vec::new();
        let mut diagnostics = Vec::new();
        assert!(stream_facts(Path::new("facts.csv"), text.as_bytes(), &context, &mut diagnostics, |row| {
            rows.push((row.indicator.id.clone(), row.rank));
        }));
        assert_eq!(rows, [("d".to_owned(), 1), ("b".to_owned(), 0)], "{diagnostics:?}");
        // a builder over the same catalogue, over a longer one (where d's code is 3, b's 1), and
        // over one without b
        for (catalogue, codes) in
            [(vec!["b", "d"], Ok(vec![1, 0])), (vec!["a", "b", "c", "d"], Ok(vec![3, 1])), (vec!["d"], Err("b"))]
        {
            let mut builder = PanelBuilder::new(catalogue.iter().map(|id| indicator(id)).collect(), Normalise::Exact);
            let mut outcome = Ok(());
            stream_facts(Path::new("facts.csv"), text.as_bytes(), &context, &mut diagnostics, |row| {
                if outcome.is_ok() {
                    outcome = builder.push(row);
                }
            });
            match (outcome, codes) {
                (Ok(()), Ok(codes)) => {
                    let panel = builder.finish(Path::new("facts.csv")).unwrap();
                    let got: Vec<u32> = panel.facts.iter().map(Coded::indicator).collect();
                    assert_eq!(got, codes, "{catalogue:?}");
                }
                (Err(PanelError::UnknownIndicator(id)), Err(expected)) => assert_eq!(id, expected),
                (outcome, codes) => panic!("{catalogue:?}: {outcome:?} against {codes:?}"),
            }
        }
    }

    #[test]
    fn duplicates_are_reported_with_the_lines_they_were_read_from() {
        use zhibiao_core::{Bound, Direction, Fact, Indicator, Kind};
        let gdp = Indicator::minimal("economy.gdp", "economy", "亿元", Direction::Up);
        let fact = |region: &str, year: i32| Fact {
            indicator: "economy.gdp".into(),
            region: region.into(),
            year,
            kind: Kind::Actual,
            bound: Bound::Eq,
            value: "1".parse().unwrap(),
            value_hi: None,
            unit: "亿元".into(),
            source: None,
            quote: None,
            note: None,
        };
        for mode in [Normalise::Exact, Normalise::Float64] {
            let mut builder = PanelBuilder::new(vec![gdp.clone()], mode);
            // a first part with a blank line (line 4), a second going on from line 6, a third after
            // a record spanning two lines
            let mut parts = vec![builder.part(), builder.part(), builder.part()];
            for (k, (region, year, line)) in [
                (0, ("421200", 2020, 2)),
                (0, ("421200", 2021, 3)),
                (0, ("421200", 2022, 5)),
                (1, ("421202", 2020, 6)),
                (1, ("421200", 2021, 7)),
                (2, ("421202", 2021, 10)),
                (2, ("421202", 2020, 11)),
            ] {
                parts[k].push_fact(&fact(region, year), Units::Registry, line).unwrap();
            }
            for part in parts {
                builder.absorb(part).unwrap();
            }
            let problems = builder.finish(Path::new("facts.csv")).unwrap_err().to_string();
            assert!(
                problems.contains(
                    "facts.csv:7:1: duplicate fact (economy.gdp, 421200, 2021, actual): already stated on line 3"
                ),
                "{problems}"
            );
            assert!(
                problems.contains(
                    "facts.csv:11:1: duplicate fact (economy.gdp, 421202, 2020, actual): already stated on line 6"
                ),
                "{problems}"
            );
        }
    }
}
