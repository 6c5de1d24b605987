//! What a domain is, and how its catalogue is read.
//!
//! A domain (economy, ecology, …) is a crate that implements [`Domain`]: an id, names, the rule that
//! says which statements belong to it, its indicator catalogue (a CSV compiled into the crate), and
//! optionally checks of its own. Programs hold a list of `&dyn Domain` and iterate over it; core
//! never names a domain.

use crate::derive::Derived;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::{Direction, Fact, Indicator, Measure};
use crate::table::{Column, Schema, Table};
use crate::units;
use std::collections::HashSet;
use std::path::Path;

/// A domain of indicators. Implement it in a crate of its own and register it with the program.
///
/// # Example: a fifth domain
///
/// ```
/// use zhibiao_core::domain::{Domain, catalogue};
/// use zhibiao_core::{Diagnostic, Fact, Indicator};
///
/// /// Culture: libraries, museums, performances.
/// pub struct Culture;
///
/// impl Domain for Culture {
///     fn id(&self) -> &'static str { "culture" }
///     fn name_zh(&self) -> &'static str { "文化" }
///     fn name_en(&self) -> &'static str { "Culture" }
///     fn scope(&self) -> &'static str { "libraries, museums, heritage, performances" }
///     fn catalogue_path(&self) -> &'static str { "crates/culture/indicators.csv" }
///     fn catalogue_csv(&self) -> &'static str {
///         // in a real crate: include_str!("../indicators.csv")
///         "id,domain,topic,name_zh,name_en,unit,measure,direction,description\n\
///          culture.museums,culture,heritage,博物馆数量,Museums,个,count,up,Museums open to the public.\n"
///     }
///     fn check(&self, indicators: &[Indicator], facts: &[(Fact, u64)], path: &std::path::Path,
///              out: &mut Vec<Diagnostic>) {
///         // checks of its own, e.g. "a museum count never falls by more than half"
///         let _ = (indicators, facts, path, out);
///     }
/// }
///
/// let domains: Vec<&dyn Domain> = vec![&Culture];
/// let indicators = catalogue(domains[0]).unwrap();
/// assert_eq!(indicators[0].id, "culture.museums");
/// ```
pub trait Domain: Send + Sync {
    /// The id, lowercase ASCII (`economy`); indicator ids start with it and a dot.
    fn id(&self) -> &'static str;
    /// The Chinese name (`经济`).
    fn name_zh(&self) -> &'static str;
    /// The English name (`Economy`).
    fn name_en(&self) -> &'static str;
    /// Which statements belong to the domain (the rule curators follow).
    fn scope(&self) -> &'static str;
    /// Where the catalogue lives in the repository, for messages (`crates/economy/indicators.csv`).
    fn catalogue_path(&self) -> &'static str;
    /// The catalogue's CSV text (compiled into the crate), with the header of [`CATALOGUE`].
    fn catalogue_csv(&self) -> &'static str;
    /// Checks of the domain's own on its validated facts (each with its line in `path`); the default
    /// has none.
    fn check(&self, indicators: &[Indicator], facts: &[(Fact, u64)], path: &Path, out: &mut Vec<Diagnostic>) {
        let _ = (indicators, facts, path, out);
    }
    /// The derived indicators the domain computes from its own indicators; the default has none.
    fn derived(&self) -> &'static [Derived] {
        &[]
    }
    /// The indicators its summary section leads with, in order; the default leads with none.
    fn headline(&self) -> &'static [&'static str] {
        &[]
    }
    /// Statistics of the domain that replaced others under names that do not say which; the
    /// default has none.
    fn successions(&self) -> &'static [Succession] {
        &[]
    }
}

/// A statistic that a later one replaced, under names that do not say which (农村居民收入增长 meant
/// the growth of 农民人均纯收入 until 2013, of 农村居民人均可支配收入 after): extraction gives such a name
/// the statistic in force in the fact's year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Succession {
    /// The statistic reported until `last_year`.
    pub earlier: &'static str,
    /// The statistic that replaced it, whose names include those that do not say which.
    pub later: &'static str,
    /// The last year of the earlier statistic.
    pub last_year: i32,
    /// Words only names of the later statistic write (可支配): a name with one is the later one in
    /// any year.
    pub later_words: &'static [&'static str],
}

impl Succession {
    /// The statistic `id`, found by a name (`label`) for a fact of `year`, stands for: the earlier
    /// one where `id` is the later one, the year is not past `last_year` and the name does not say
    /// which.
    pub fn in_force<'a>(successions: &'a [Succession], id: &'a str, label: &str, year: i32) -> &'a str {
        successions
            .iter()
            .find(|s| s.later == id && year <= s.last_year && !s.later_words.iter().any(|w| label.contains(w)))
            .map_or(id, |s| s.earlier)
    }
}

/// Checks a domain's declarations against its catalogue: derived ids new and of the domain, their
/// inputs and the headline indicators catalogued in it.
pub fn check_declarations(domain: &dyn Domain, indicators: &[Indicator], out: &mut Vec<Diagnostic>) {
    let at = crate::Location::file(Path::new(domain.catalogue_path()));
    let own: HashSet<&str> = indicators.iter().filter(|i| i.domain == domain.id()).map(|i| i.id.as_str()).collect();
    let mut seen = HashSet::new();
    for d in domain.derived() {
        if !valid_id(d.id) || d.id.split_once('.').map(|(p, _)| p) != Some(domain.id()) {
            out.push(Diagnostic::new(
                at.clone(),
                format!("derived indicator \"{}\" is not of the form {}.<snake_name>", d.id, domain.id()),
            ));
        }
        if own.contains(d.id) || !seen.insert(d.id) {
            out.push(Diagnostic::new(at.clone(), format!("derived indicator \"{}\" is defined twice", d.id)));
        }
        for input in d.formula.inputs() {
            if !own.contains(input) {
                out.push(Diagnostic::new(
                    at.clone(),
                    format!(
                        "derived indicator \"{}\" uses \"{input}\", which is not in the {} catalogue",
                        d.id,
                        domain.id()
                    ),
                ));
            }
        }
    }
    for id in domain.headline() {
        if !own.contains(id) {
            out.push(Diagnostic::new(
                at.clone(),
                format!("headline indicator \"{id}\" is not in the {} catalogue", domain.id()),
            ));
        }
    }
    for s in domain.successions() {
        for id in [s.earlier, s.later] {
            if !own.contains(id) {
                out.push(Diagnostic::new(
                    at.clone(),
                    format!("succession indicator \"{id}\" is not in the {} catalogue", domain.id()),
                ));
            }
        }
    }
}

/// The catalogue schema. A domain's catalogue has every column; an analyst's own catalogue (read by
/// `zhibiao assess`) may have only `id,domain,unit,direction`.
pub const CATALOGUE: Schema = Schema {
    name: "indicators",
    columns: &[
        Column { name: "id", required: true },
        Column { name: "domain", required: true },
        Column { name: "topic", required: false },
        Column { name: "name_zh", required: false },
        Column { name: "name_en", required: false },
        Column { name: "unit", required: true },
        Column { name: "measure", required: false },
        Column { name: "direction", required: true },
        Column { name: "description", required: false },
        Column { name: "aliases", required: false },
    ],
};

/// Reads and validates a domain's compiled-in catalogue (every column required and non-empty).
pub fn catalogue(domain: &dyn Domain) -> Result<Vec<Indicator>, Diagnostics> {
    let mut diagnostics = Vec::new();
    let indicators = parse_catalogue(
        Path::new(domain.catalogue_path()),
        domain.catalogue_csv(),
        CatalogueKind::Domain(domain.id()),
        &mut diagnostics,
    );
    match Diagnostics::from_vec(diagnostics) {
        Some(d) => Err(d),
        None => Ok(indicators),
    }
}

/// Which catalogue a file is, and so which rules it follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatalogueKind<'a> {
    /// A domain crate's catalogue: every row belongs to the domain, every column is present and
    /// non-empty (aliases excepted).
    Domain(&'a str),
    /// An analyst's catalogue for a panel: `id,domain,unit,direction` suffice.
    Panel,
}

/// Parses a catalogue of the given kind.
pub fn parse_catalogue(
    path: &Path,
    text: &str,
    kind: CatalogueKind<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Indicator> {
    let (domain, complete) = match kind {
        CatalogueKind::Domain(d) => (Some(d), true),
        CatalogueKind::Panel => (None, false),
    };
    let Some(table) = Table::parse(path, text, &CATALOGUE, diagnostics) else {
        return Vec::new();
    };
    if complete {
        for column in CATALOGUE.columns.iter().filter(|c| !table.has(c.name) && c.name != "aliases") {
            diagnostics.push(Diagnostic::new(
                crate::Location::at(path, 1, 0),
                format!("missing column \"{}\"; a domain catalogue has every column", column.name),
            ));
        }
    }
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for row in table.rows() {
        let cell = |name: &str| table.cell(row, name);
        let mut ok = true;
        let id = cell("id");
        let dom = cell("domain");
        if !valid_id(id.text) {
            diagnostics
                .push(table.at(id, format!("indicator id \"{}\" is not of the form <domain>.<snake_name>", id.text)));
            ok = false;
        } else if id.text.split_once('.').map(|(d, _)| d) != Some(dom.text) {
            diagnostics.push(
                table.at(id, format!("indicator id \"{}\" does not start with its domain \"{}.\"", id.text, dom.text)),
            );
            ok = false;
        }
        if let Some(expected) = domain
            && dom.text != expected
        {
            diagnostics
                .push(table.at(dom, format!("domain \"{}\" in the catalogue of domain \"{expected}\"", dom.text)));
            ok = false;
        }
        if !seen.insert(id.text.to_owned()) {
            diagnostics.push(table.at(id, format!("indicator \"{}\" is defined twice", id.text)));
            ok = false;
        }
        let unit = cell("unit");
        if let Err(e) = units::lookup(unit.text) {
            diagnostics.push(table.at(unit, e.to_string()));
            ok = false;
        }
        let measure_cell = cell("measure");
        let measure = if measure_cell.column == 0 || (!complete && measure_cell.text.is_empty()) {
            Some(Measure::Level)
        } else {
            measure_cell.text.parse::<Measure>().ok()
        };
        if measure.is_none() {
            diagnostics.push(
                table.at(
                    measure_cell,
                    format!("measure \"{}\" is not one of {}", measure_cell.text, Measure::expected()),
                ),
            );
            ok = false;
        }
        let direction_cell = cell("direction");
        let direction = direction_cell.text.parse::<Direction>().ok();
        if direction.is_none() {
            diagnostics.push(table.at(
                direction_cell,
                format!("direction \"{}\" is not one of {}", direction_cell.text, Direction::expected()),
            ));
            ok = false;
        }
        if complete {
            for name in ["topic", "name_zh", "name_en", "description"] {
                let c = cell(name);
                if c.column > 0 && c.text.trim().is_empty() {
                    diagnostics.push(table.at(c, format!("{name} is empty")));
                    ok = false;
                }
            }
        }
        if let (true, Some(measure), Some(direction)) = (ok, measure, direction) {
            out.push(Indicator {
                id: id.text.to_owned(),
                domain: dom.text.to_owned(),
                topic: cell("topic").text.to_owned(),
                name_zh: cell("name_zh").text.to_owned(),
                name_en: cell("name_en").text.to_owned(),
                unit: unit.text.to_owned(),
                measure,
                direction,
                description: cell("description").text.to_owned(),
                aliases: cell("aliases")
                    .text
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect(),
            });
        }
    }
    out
}

/// `<domain>.<snake_name>`: lowercase ASCII letters, digits and underscores, starting with a letter.
fn valid_id(id: &str) -> bool {
    let snake = |s: &str| {
        s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    };
    matches!(id.split_once('.'), Some((d, n)) if snake(d) && snake(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let mut d = Vec::new();
        parse_catalogue(Path::new("i.csv"), text, CatalogueKind::Domain("economy"), &mut d);
        let got: Vec<String> = d.iter().map(ToString::to_string).collect();
        assert_eq!(got, expected);
    }

    const HEAD: &str = "id,domain,topic,name_zh,name_en,unit,measure,direction,description\n";

    #[test]
    fn a_good_catalogue_passes() {
        check(
            &format!("{HEAD}economy.gdp_growth,economy,output,地区生产总值增长,GDP growth,%,growth,up,Real growth.\n"),
            &[],
        );
    }

    #[test]
    fn every_row_problem_is_located() {
        check(
            &format!(
                "{HEAD}Economy.GDP,economy,o,z,e,%,growth,up,d\n\
                 ecology.x,ecology,o,z,e,%,growth,up,d\n\
                 economy.a,economy,o,z,e,英镑,level,up,d\n\
                 economy.b,economy,o,z,e,%,speed,sideways,d\n\
                 economy.b,economy,,z,e,%,level,up,d\n"
            ),
            &[
                "i.csv:2:1: indicator id \"Economy.GDP\" is not of the form <domain>.<snake_name>",
                "i.csv:3:2: domain \"ecology\" in the catalogue of domain \"economy\"",
                &format!("i.csv:4:6: {}", units::lookup("英镑").unwrap_err()),
                "i.csv:5:7: measure \"speed\" is not one of level, growth, share, count, increment, rank, ratio, change, index",
                "i.csv:5:8: direction \"sideways\" is not one of up, down, none",
                "i.csv:6:1: indicator \"economy.b\" is defined twice",
                "i.csv:6:3: topic is empty",
            ],
        );
    }

    #[test]
    fn a_minimal_catalogue_is_enough_for_a_panel() {
        let mut d = Vec::new();
        let got = parse_catalogue(
            Path::new("i.csv"),
            "id,domain,unit,direction\necology.x,ecology,万亩,down\n",
            CatalogueKind::Panel,
            &mut d,
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(got[0].measure, Measure::Level);
        assert_eq!(got[0].direction, Direction::Down);
    }

    #[test]
    fn a_name_that_does_not_say_which_statistic_is_the_one_in_force() {
        let s = [Succession { earlier: "d.net", later: "d.disposable", last_year: 2013, later_words: &["可支配"] }];
        assert_eq!(Succession::in_force(&s, "d.disposable", "农村居民收入增长", 2013), "d.net");
        assert_eq!(Succession::in_force(&s, "d.disposable", "农村居民收入增长", 2014), "d.disposable");
        assert_eq!(Succession::in_force(&s, "d.disposable", "农村居民人均可支配收入增长", 2010), "d.disposable");
        assert_eq!(Succession::in_force(&s, "d.other", "农村居民收入增长", 2010), "d.other");
        assert_eq!(Succession::in_force(&[], "d.disposable", "农村居民收入增长", 2010), "d.disposable");
    }
}
