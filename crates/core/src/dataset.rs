//! Loading and validating a whole curated dataset folder (`data/`).
//!
//! [`load`] reads `sources.csv` (and checks each source file's sha256), `regions.csv`, every
//! registered domain's catalogue and `facts/<domain>.csv`, and returns either the validated
//! [`Dataset`] or every problem found, each located.

use crate::diagnostic::{Diagnostic, Diagnostics, Location};
use crate::domain::{self, Domain};
use crate::facts::{self, Context, Contract, Curated};
use crate::model::{Fact, Indicator, Kind, Region, RegionLevel, Source, StatedVerdict, Verdict};
use crate::table::{Column, Schema, Table};
use crate::text::decode_utf8;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use zhibiao_scan::provenance::sha256_hex;

/// The `sources.csv` schema.
pub const SOURCES: Schema = Schema {
    name: "sources",
    columns: &[
        Column { name: "id", required: true },
        Column { name: "title", required: true },
        Column { name: "publisher", required: true },
        Column { name: "delivered", required: true },
        Column { name: "year_reviewed", required: true },
        Column { name: "year_planned", required: true },
        Column { name: "file", required: true },
        Column { name: "sha256", required: true },
        Column { name: "origin", required: false },
        Column { name: "note", required: false },
    ],
};

/// The `verdicts.csv` schema: a report's own verdicts on its targets, per indicator named.
pub const VERDICTS: Schema = Schema {
    name: "verdicts",
    columns: &[
        Column { name: "indicator", required: true },
        Column { name: "region", required: true },
        Column { name: "year", required: true },
        Column { name: "verdict", required: true },
        Column { name: "source", required: true },
        Column { name: "quote", required: true },
        Column { name: "note", required: false },
    ],
};

/// The `regions.csv` schema.
pub const REGIONS: Schema = Schema {
    name: "regions",
    columns: &[
        Column { name: "code", required: true },
        Column { name: "name_zh", required: true },
        Column { name: "name_en", required: true },
        Column { name: "level", required: true },
        Column { name: "parent", required: true },
    ],
};

/// A validated dataset.
#[derive(Clone, Debug)]
pub struct Dataset {
    /// The sources facts may cite: every row of `sources.csv`, in its order, then each corpus text
    /// some fact cites (`CorpusEntry::as_source`), by id.
    pub sources: Vec<Source>,
    /// The corpus of `corpus.csv`, whose texts facts may cite by their ids as well.
    pub corpus: Vec<crate::corpus::CorpusEntry>,
    /// The texts of the sources and of the corpus, by id.
    pub texts: HashMap<String, String>,
    /// The regions, as listed.
    pub regions: Vec<Region>,
    /// Every registered domain's indicators, domain by domain in registration order.
    pub indicators: Vec<Indicator>,
    /// Every fact, domain by domain, in file order.
    pub facts: Vec<Fact>,
    /// The reports' own verdicts on their targets (`verdicts.csv`, optional), in file order.
    pub verdicts: Vec<StatedVerdict>,
}

impl Dataset {
    /// Counts of facts by (domain, kind), for summaries.
    pub fn counts(&self) -> BTreeMap<(String, Kind), usize> {
        let domain_of: HashMap<&str, &str> =
            self.indicators.iter().map(|i| (i.id.as_str(), i.domain.as_str())).collect();
        let mut counts = BTreeMap::new();
        for f in &self.facts {
            let domain = domain_of.get(f.indicator.as_str()).copied().unwrap_or("");
            *counts.entry((domain.to_owned(), f.kind)).or_insert(0) += 1;
        }
        counts
    }
}

/// Loads and validates the dataset in `dir` for the registered `domains`.
pub fn load(dir: &Path, domains: &[&dyn Domain]) -> Result<Dataset, Diagnostics> {
    let mut diagnostics = Vec::new();
    if !dir.is_dir() {
        return Err(Diagnostics::one(Diagnostic::new(Location::file(dir), "no such data folder")));
    }
    let (mut sources, mut texts, mut broken) = load_sources(dir, &mut diagnostics);
    let corpus = crate::corpus::load(dir, &mut diagnostics);
    for (id, text) in corpus.texts {
        if texts.contains_key(&id) {
            diagnostics.push(Diagnostic::new(
                Location::file(&dir.join(crate::corpus::CORPUS_FILE)),
                format!("id \"{id}\" names both a source of sources.csv and a corpus text"),
            ));
        }
        texts.insert(id, text);
    }
    broken.extend(corpus.broken);
    let regions = load_regions(dir, &mut diagnostics);
    let region_codes: HashSet<String> = regions.iter().map(|r| r.code.clone()).collect();

    let mut indicators = Vec::new();
    for d in domains {
        match domain::catalogue(*d) {
            Ok(list) => {
                domain::check_declarations(*d, &list, &mut diagnostics);
                indicators.extend(list);
            }
            Err(errs) => diagnostics.extend(errs),
        }
    }
    let by_id: HashMap<String, Indicator> = indicators.iter().map(|i| (i.id.clone(), i.clone())).collect();

    let facts_dir = dir.join("facts");
    let registered: HashSet<&str> = domains.iter().map(|d| d.id()).collect();
    if let Ok(entries) = std::fs::read_dir(&facts_dir) {
        let mut names: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        names.sort();
        for path in names {
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            let is_csv = path.extension().is_some_and(|e| e == "csv");
            if is_csv && !registered.contains(stem) {
                diagnostics.push(Diagnostic::new(
                    Location::file(&path),
                    format!(
                        "facts file of no registered domain (registered: {})",
                        domains.iter().map(|d| d.id()).collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
        }
    }
    let mut facts = Vec::new();
    for d in domains {
        let path = facts_dir.join(format!("{}.csv", d.id()));
        let Some(text) = read_text(&path, &mut diagnostics) else { continue };
        let context = Context {
            indicators: &by_id,
            contract: Contract::Curated(Curated {
                regions: &region_codes,
                sources: &texts,
                broken: &broken,
                domain: Some(d.id()),
            }),
            units: Default::default(),
        };
        let rows = facts::parse_facts(&path, &text, &context, &mut diagnostics);
        let own: Vec<Indicator> = indicators.iter().filter(|i| i.domain == d.id()).cloned().collect();
        d.check(&own, &rows, &path, &mut diagnostics);
        facts.extend(rows.into_iter().map(|(f, _)| f));
    }
    let verdicts = load_verdicts(dir, &by_id, &region_codes, &texts, &broken, &mut diagnostics);
    match Diagnostics::from_vec(diagnostics) {
        Some(d) => Err(d),
        None => {
            let cited: HashSet<&str> = facts
                .iter()
                .filter_map(|f| f.source.as_deref())
                .chain(verdicts.iter().map(|v| v.source.as_str()))
                .collect();
            sources.extend(corpus.entries.iter().filter(|e| cited.contains(e.id.as_str())).map(|e| e.as_source()));
            Ok(Dataset { sources, corpus: corpus.entries, texts, regions, indicators, facts, verdicts })
        }
    }
}

/// Reads a file as UTF-8 text, or records why it cannot be read.
pub fn read_text(path: &Path, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match std::fs::read(path) {
        Ok(bytes) => match decode_utf8(path, &bytes) {
            Ok(text) => Some(text.to_owned()),
            Err(d) => {
                diagnostics.push(d);
                None
            }
        },
        Err(err) => {
            diagnostics
                .push(Diagnostic::new(Location::file(path), format!("cannot read the file: {}", io_message(&err))));
            None
        }
    }
}

/// A lowercase description of an I/O error.
pub fn io_message(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string().to_lowercase(),
    }
}

/// The sources that loaded, their texts, and the ids listed whose row or text has a problem.
type LoadedSources = (Vec<Source>, HashMap<String, String>, HashSet<String>);

fn load_sources(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> LoadedSources {
    let path = dir.join("sources.csv");
    let mut sources = Vec::new();
    let mut texts = HashMap::new();
    let mut broken = HashSet::new();
    let Some(text) = read_text(&path, diagnostics) else { return (sources, texts, broken) };
    let Some(table) = Table::parse(&path, &text, &SOURCES, diagnostics) else { return (sources, texts, broken) };
    let sources_dir = dir.join("sources");
    for row in table.rows() {
        let cell = |name: &str| table.cell(row, name);
        let before = diagnostics.len();
        let id = cell("id");
        if id.text.is_empty() || texts.contains_key(id.text) {
            let what = if id.text.is_empty() {
                "source id is empty".to_owned()
            } else {
                format!("source \"{}\" is listed twice", id.text)
            };
            diagnostics.push(table.at(id, what));
        }
        let mut year = |name: &str| {
            let c = cell(name);
            let y = c.text.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
            if y.is_none() {
                diagnostics.push(table.at(c, format!("{name} \"{}\" is not a year (expected four digits)", c.text)));
            }
            y.unwrap_or(0)
        };
        let year_reviewed = year("year_reviewed");
        let year_planned = year("year_planned");
        let delivered = cell("delivered");
        if !delivered.text.is_empty() && !is_iso_date(delivered.text) {
            diagnostics.push(table.at(
                delivered,
                format!("delivered \"{}\" is not a date (expected YYYY-MM-DD, or empty)", delivered.text),
            ));
        }
        let sha = cell("sha256");
        if !crate::corpus::is_sha256(sha.text) {
            diagnostics.push(table.at(sha, format!("sha256 \"{}\" is not 64 lowercase hex digits", sha.text)));
        }
        let file = cell("file");
        let mut body = None;
        match safe_file_name(file.text) {
            Err(why) => diagnostics.push(table.at(file, format!("file \"{}\" {why}", file.text))),
            Ok(()) => {
                let source_path = sources_dir.join(file.text);
                match std::fs::symlink_metadata(&source_path) {
                    Ok(meta) if meta.file_type().is_symlink() => diagnostics.push(table.at(
                        file,
                        format!(
                            "file \"{}\" is a symbolic link; copy the text into {} instead",
                            file.text,
                            sources_dir.display()
                        ),
                    )),
                    Ok(_) => match std::fs::read(&source_path) {
                        Ok(bytes) => {
                            let actual = sha256_hex(&bytes);
                            if sha.text.len() == 64 && actual != sha.text {
                                diagnostics.push(table.at(
                                    sha,
                                    format!(
                                        "{} has sha256 {actual}, not the recorded {}; the source was changed after it was pinned",
                                        source_path.display(),
                                        sha.text
                                    ),
                                ));
                            }
                            match decode_utf8(&source_path, &bytes) {
                                Ok(t) => body = Some(t.to_owned()),
                                Err(d) => diagnostics.push(d),
                            }
                        }
                        Err(err) => diagnostics.push(
                            table.at(file, format!("cannot read {}: {}", source_path.display(), io_message(&err))),
                        ),
                    },
                    Err(err) => diagnostics
                        .push(table.at(file, format!("cannot read {}: {}", source_path.display(), io_message(&err)))),
                }
            }
        }
        for name in ["title", "publisher"] {
            let c = cell(name);
            if c.text.trim().is_empty() {
                diagnostics.push(table.at(c, format!("{name} is empty")));
            }
        }
        if diagnostics.len() > before {
            broken.insert(id.text.to_owned());
            continue;
        }
        if let Some(body) = body {
            texts.insert(id.text.to_owned(), body);
        }
        let optional = |name| Some(cell(name).text.to_owned()).filter(|s| !s.is_empty());
        sources.push(Source {
            id: id.text.to_owned(),
            title: cell("title").text.to_owned(),
            publisher: cell("publisher").text.to_owned(),
            delivered: optional("delivered"),
            year_reviewed,
            year_planned,
            file: file.text.to_owned(),
            sha256: sha.text.to_owned(),
            origin: optional("origin"),
            note: optional("note"),
        });
    }
    (sources, texts, broken)
}

/// A source file is a plain name inside `data/sources/`: no directories, no `..`, not absolute.
fn safe_file_name(name: &str) -> Result<(), &'static str> {
    let path = Path::new(name);
    if name.is_empty() {
        return Err("is empty");
    }
    if path.is_absolute() || name.starts_with('/') || name.starts_with('\\') {
        return Err("is an absolute path; name a file inside data/sources/");
    }
    let mut components = path.components();
    match (components.next(), components.next()) {
        (Some(Component::Normal(_)), None) if !name.contains('\\') => Ok(()),
        _ => Err("is not a plain file name inside data/sources/ (no folders, no ..)"),
    }
}

fn is_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|s| s.parse::<u32>().ok());
    matches!((num(0..4), num(5..7), num(8..10)), (Some(_), Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}

/// Reads `verdicts.csv` if there is one: each row's indicator, region and source known, its year a
/// year, its verdict `met` or `missed`, its quote in its source, and one verdict per (indicator,
/// region, year).
fn load_verdicts(
    dir: &Path,
    indicators: &HashMap<String, Indicator>,
    regions: &HashSet<String>,
    texts: &HashMap<String, String>,
    broken: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<StatedVerdict> {
    let path = dir.join("verdicts.csv");
    let mut out = Vec::new();
    if std::fs::symlink_metadata(&path).is_err() {
        return out;
    }
    let Some(text) = read_text(&path, diagnostics) else { return out };
    let Some(table) = Table::parse(&path, &text, &VERDICTS, diagnostics) else { return out };
    let mut seen: HashMap<(String, String, i32), u64> = HashMap::new();
    for row in table.rows() {
        let cell = |name: &str| table.cell(row, name);
        let before = diagnostics.len();
        let indicator = cell("indicator");
        if !indicators.contains_key(indicator.text) {
            diagnostics.push(table.at(indicator, format!("unknown indicator \"{}\"", indicator.text)));
        }
        let region = cell("region");
        if !regions.contains(region.text) {
            diagnostics
                .push(table.at(region, format!("unknown region \"{}\" (expected a code of regions.csv)", region.text)));
        }
        let year_cell = cell("year");
        let year = year_cell.text.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
        if year.is_none() {
            diagnostics
                .push(table.at(year_cell, format!("year \"{}\" is not a year (expected four digits)", year_cell.text)));
        }
        let verdict_cell = cell("verdict");
        let verdict = verdict_cell.text.parse::<Verdict>();
        if let Err(e) = &verdict {
            diagnostics.push(table.at(verdict_cell, format!("verdict {e}")));
        }
        let (source, quote) = (cell("source"), cell("quote"));
        match texts.get(source.text) {
            None if broken.contains(source.text) => {}
            None => diagnostics.push(table.at(source, format!("unknown source \"{}\"", source.text))),
            Some(_) if quote.text.is_empty() => diagnostics.push(table.at(quote, "quote is empty".to_owned())),
            Some(t) if !t.contains(quote.text) => diagnostics
                .push(table.at(quote, format!("quote \"{}\" is not found in source \"{}\"", quote.text, source.text))),
            Some(_) => {}
        }
        let (Some(year), Ok(verdict), true) = (year, verdict, diagnostics.len() == before) else { continue };
        let key = (indicator.text.to_owned(), region.text.to_owned(), year);
        if let Some(first) = seen.get(&key) {
            diagnostics.push(table.at(
                indicator,
                format!("a second verdict on {} {} {year}: already stated on line {first}", key.0, key.1),
            ));
            continue;
        }
        seen.insert(key, row.line());
        let note = cell("note").text;
        out.push(StatedVerdict {
            indicator: indicator.text.to_owned(),
            region: region.text.to_owned(),
            year,
            verdict,
            source: source.text.to_owned(),
            quote: quote.text.to_owned(),
            note: (!note.is_empty()).then(|| note.to_owned()),
        });
    }
    out
}

fn load_regions(dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Vec<Region> {
    let path = dir.join("regions.csv");
    let mut regions = Vec::new();
    let Some(text) = read_text(&path, diagnostics) else { return regions };
    let Some(table) = Table::parse(&path, &text, &REGIONS, diagnostics) else { return regions };
    let codes: HashSet<&str> = table.rows().iter().map(|r| table.cell(r, "code").text).collect();
    let mut seen = HashSet::new();
    for row in table.rows() {
        let cell = |name: &str| table.cell(row, name);
        let before = diagnostics.len();
        let code = cell("code");
        if code.text.len() != 6 || !code.text.bytes().all(|b| b.is_ascii_digit()) {
            diagnostics.push(table.at(code, format!("code \"{}\" is not a six-digit GB/T 2260 code", code.text)));
        } else if !seen.insert(code.text) {
            diagnostics.push(table.at(code, format!("region \"{}\" is listed twice", code.text)));
        }
        let level_cell = cell("level");
        let level = level_cell.text.parse::<RegionLevel>().ok();
        if level.is_none() {
            diagnostics.push(
                table
                    .at(level_cell, format!("level \"{}\" is not one of {}", level_cell.text, RegionLevel::expected())),
            );
        }
        let parent = cell("parent");
        if !parent.text.is_empty() && (!codes.contains(parent.text) || parent.text == code.text) {
            diagnostics
                .push(table.at(parent, format!("parent \"{}\" is not another region of regions.csv", parent.text)));
        }
        for name in ["name_zh", "name_en"] {
            let c = cell(name);
            if c.text.trim().is_empty() {
                diagnostics.push(table.at(c, format!("{name} is empty")));
            }
        }
        if let (true, Some(level)) = (diagnostics.len() == before, level) {
            regions.push(Region {
                code: code.text.to_owned(),
                name_zh: cell("name_zh").text.to_owned(),
                name_en: cell("name_en").text.to_owned(),
                level,
                parent: Some(parent.text.to_owned()).filter(|p| !p.is_empty()),
            });
        }
    }
    regions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_file_names_stay_inside_the_folder() {
        assert!(safe_file_name("report.txt").is_ok());
        assert!(safe_file_name("../report.txt").is_err());
        assert!(safe_file_name("/etc/passwd").is_err());
        assert!(safe_file_name("sub/report.txt").is_err());
        assert!(safe_file_name("..").is_err());
        assert!(safe_file_name("a\\b.txt").is_err());
        assert!(safe_file_name("").is_err());
    }

    #[test]
    fn dates() {
        assert!(is_iso_date("2023-01-04"));
        assert!(!is_iso_date("2023-1-4"));
        assert!(!is_iso_date("2023-13-04"));
        assert!(!is_iso_date("2023/01/04"));
    }
}
