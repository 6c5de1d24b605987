//! The corpus of a dataset folder: `corpus.csv` and the plain texts `corpus/<id>.txt` it pins.
//!
//! `zhibiao corpus import` (the `zhibiao-corpus` crate) writes them; this module reads them back for
//! [`crate::dataset::load`]: every row checked, every text re-hashed against its sha256, so that
//! `zhibiao check` verifies every pinned text and curated facts may cite a corpus text by its id
//! (one copy of each report, shared by the corpus and the curated data). A text that is missing or
//! changed is one located message, on its row; facts citing it are not reported again.

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::Source;
use crate::table::{Column, Schema, Table};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use zhibiao_scan::provenance::sha256_hex;

/// The corpus table's file name in a dataset folder.
pub const CORPUS_FILE: &str = "corpus.csv";

/// The folder of the corpus texts in a dataset folder (`corpus/<id>.txt`).
pub const TEXTS_FOLDER: &str = "corpus";

/// The `corpus.csv` schema, in column order.
pub const CORPUS: Schema = Schema {
    name: "corpus",
    columns: &[
        Column { name: "id", required: true },
        Column { name: "level", required: true },
        Column { name: "region", required: true },
        Column { name: "region_name", required: true },
        Column { name: "year_delivered", required: true },
        Column { name: "year_reviewed", required: true },
        Column { name: "year_planned", required: true },
        Column { name: "delivered", required: true },
        Column { name: "years_from", required: true },
        Column { name: "origin_repository", required: true },
        Column { name: "origin_commit", required: true },
        Column { name: "origin_path", required: true },
        Column { name: "sha256", required: true },
        Column { name: "characters", required: true },
        Column { name: "abridged", required: true },
        Column { name: "duplicate_of", required: true },
        Column { name: "year_mismatch", required: true },
    ],
};

crate::vocabulary! {
    /// Who delivered a report.
    ReportLevel {
        /// The State Council (the nation, `100000`).
        National => "national",
        /// A province, autonomous region or municipality.
        Province => "province",
        /// A prefecture-level city or autonomous prefecture.
        City => "city",
    }
}

crate::vocabulary! {
    /// Where a report's years come from.
    YearsFrom {
        /// The text: its date line or its headings.
        Text => "text",
        /// The file name: the text states no year near it.
        FileName => "file_name",
    }
}

/// One row of `corpus.csv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusEntry {
    /// `<region code>-<file stem>` (`421200-2023`).
    pub id: String,
    /// Who delivered it.
    pub level: ReportLevel,
    /// GB/T 2260 code (the nation `100000`).
    pub region: String,
    /// The region's Chinese name.
    pub region_name: String,
    /// The year it was delivered.
    pub year_delivered: i32,
    /// The year whose results it reviews.
    pub year_reviewed: i32,
    /// The year whose targets it sets.
    pub year_planned: i32,
    /// The delivery date the text states (`YYYY-MM-DD` or `YYYY-MM`).
    pub delivered: Option<String>,
    /// Where the years come from.
    pub years_from: YearsFrom,
    /// The repository the text was imported from.
    pub origin_repository: String,
    /// Its commit, when known.
    pub origin_commit: Option<String>,
    /// The file's path in that repository.
    pub origin_path: String,
    /// Lowercase hex sha256 of the text's bytes.
    pub sha256: String,
    /// Characters (Unicode scalar values) of the text.
    pub characters: usize,
    /// The text is abridged (it says so, or it is much shorter than its peers).
    pub abridged: bool,
    /// The id of an earlier entry with the same text.
    pub duplicate_of: Option<String>,
    /// The file name's year disagrees with the years the text states.
    pub year_mismatch: bool,
}

impl CorpusEntry {
    /// The entry as a source a fact may cite: title and publisher from the region, the text's file
    /// relative to the dataset folder's `sources/`, the origin with its commit and path.
    pub fn as_source(&self) -> Source {
        let publisher = match self.level {
            ReportLevel::National => "国务院".to_owned(),
            _ => format!("{}人民政府", self.region_name),
        };
        let name = if self.level == ReportLevel::National { "" } else { self.region_name.as_str() };
        let mut flags = Vec::new();
        if self.abridged {
            flags.push("abridged".to_owned());
        }
        if let Some(of) = &self.duplicate_of {
            flags.push(format!("duplicate of {of}"));
        }
        if self.year_mismatch {
            flags.push("the file name's year disagrees with the text".to_owned());
        }
        Source {
            id: self.id.clone(),
            title: format!("{name}{}年政府工作报告", self.year_delivered),
            publisher,
            delivered: self.delivered.clone().filter(|d| d.len() == 10),
            year_reviewed: self.year_reviewed,
            year_planned: self.year_planned,
            file: format!("../{TEXTS_FOLDER}/{}.txt", self.id),
            sha256: self.sha256.clone(),
            origin: Some(match &self.origin_commit {
                Some(commit) => format!("{}@{commit}:{}", self.origin_repository, self.origin_path),
                None => format!("{}:{}", self.origin_repository, self.origin_path),
            }),
            note: (!flags.is_empty()).then(|| flags.join("; ")),
        }
    }
}

/// A dataset folder's corpus, read and verified.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    /// The rows of `corpus.csv` whose text is intact, in file order.
    pub entries: Vec<CorpusEntry>,
    /// Their texts, by id.
    pub texts: HashMap<String, String>,
    /// Ids listed whose row or text has a problem (reported once, on the row).
    pub broken: HashSet<String>,
}

/// Reads `data_dir/corpus.csv` and verifies every text it lists; problems go to `diagnostics`,
/// located on the row. A folder without `corpus.csv` has an empty corpus.
pub fn load(data_dir: &Path, diagnostics: &mut Vec<Diagnostic>) -> Corpus {
    let mut corpus = Corpus::default();
    let path = data_dir.join(CORPUS_FILE);
    if std::fs::symlink_metadata(&path).is_err() {
        return corpus;
    }
    let Some(text) = crate::dataset::read_text(&path, diagnostics) else { return corpus };
    let Some(table) = Table::parse(&path, &text, &CORPUS, diagnostics) else { return corpus };
    let texts_dir = data_dir.join(TEXTS_FOLDER);
    let reimport = "re-import the corpus (zhibiao corpus import)";
    for row in table.rows() {
        let cell = |name: &str| table.cell(row, name);
        let before = diagnostics.len();
        let id = cell("id");
        if !is_corpus_id(id.text) {
            diagnostics
                .push(table.at(id, format!("id \"{}\" is not a corpus id (<region code>-<file stem>)", id.text)));
        } else if corpus.texts.contains_key(id.text) || corpus.broken.contains(id.text) {
            diagnostics.push(table.at(id, format!("id \"{}\" is listed twice", id.text)));
        }
        let word = |name: &str| {
            let c = cell(name);
            c.text.to_owned()
        };
        let level = cell("level");
        let level_word = level.text.parse::<ReportLevel>();
        if let Err(e) = &level_word {
            diagnostics.push(table.at(level, format!("level {e}")));
        }
        let from = cell("years_from");
        let from_word = from.text.parse::<YearsFrom>();
        if let Err(e) = &from_word {
            diagnostics.push(table.at(from, format!("years_from {e}")));
        }
        let mut year = |name: &str| {
            let c = cell(name);
            let y = c.text.parse::<i32>().ok().filter(|y| (1000..=9999).contains(y));
            if y.is_none() {
                diagnostics.push(table.at(c, format!("{name} \"{}\" is not a year (expected four digits)", c.text)));
            }
            y.unwrap_or(0)
        };
        let (year_delivered, year_reviewed, year_planned) =
            (year("year_delivered"), year("year_reviewed"), year("year_planned"));
        let mut flag = |name: &str| {
            let c = cell(name);
            match c.text {
                "true" => true,
                "false" => false,
                other => {
                    diagnostics.push(table.at(c, format!("{name} \"{other}\" is not true or false")));
                    false
                }
            }
        };
        let (abridged, year_mismatch) = (flag("abridged"), flag("year_mismatch"));
        let characters = cell("characters");
        let count = characters.text.parse::<usize>();
        if count.is_err() {
            diagnostics.push(table.at(characters, format!("characters \"{}\" is not a whole number", characters.text)));
        }
        let sha = cell("sha256");
        let body = if !is_sha256(sha.text) {
            diagnostics.push(table.at(sha, format!("sha256 \"{}\" is not 64 lowercase hex digits", sha.text)));
            None
        } else if is_corpus_id(id.text) {
            read_pinned(&texts_dir.join(format!("{}.txt", id.text)), sha.text, reimport, |c, m| {
                diagnostics.push(table.at(if c { sha } else { id }, m))
            })
        } else {
            None
        };
        let (Some(body), Ok(level), Ok(years_from), Ok(characters), true) =
            (body, level_word, from_word, count, diagnostics.len() == before)
        else {
            corpus.broken.insert(id.text.to_owned());
            continue;
        };
        let optional = |s: String| Some(s).filter(|s| !s.is_empty());
        corpus.entries.push(CorpusEntry {
            id: id.text.to_owned(),
            level,
            region: word("region"),
            region_name: word("region_name"),
            year_delivered,
            year_reviewed,
            year_planned,
            delivered: optional(word("delivered")),
            years_from,
            origin_repository: word("origin_repository"),
            origin_commit: optional(word("origin_commit")),
            origin_path: word("origin_path"),
            sha256: sha.text.to_owned(),
            characters,
            abridged,
            duplicate_of: optional(word("duplicate_of")),
            year_mismatch,
        });
        corpus.texts.insert(id.text.to_owned(), body);
    }
    corpus
}

/// Reads a pinned text, checking it is a plain file, UTF-8, and has the recorded sha256; a problem
/// goes to `problem(on_sha, message)`.
fn read_pinned(path: &Path, sha: &str, mend: &str, mut problem: impl FnMut(bool, String)) -> Option<String> {
    match std::fs::symlink_metadata(path) {
        Err(err) => {
            problem(
                false,
                format!("cannot read the text {}: {}; {mend}", path.display(), crate::dataset::io_message(&err)),
            );
            None
        }
        Ok(meta) if meta.file_type().is_symlink() => {
            problem(false, format!("the text {} is a symbolic link; {mend}", path.display()));
            None
        }
        Ok(_) => match std::fs::read(path) {
            Err(err) => {
                problem(
                    false,
                    format!("cannot read the text {}: {}; {mend}", path.display(), crate::dataset::io_message(&err)),
                );
                None
            }
            Ok(bytes) => {
                let actual = sha256_hex(&bytes);
                if actual != sha {
                    problem(
                        true,
                        format!(
                            "{} has sha256 {actual}, not the recorded {sha}; the text was changed after it was pinned; {mend}",
                            path.display()
                        ),
                    );
                    return None;
                }
                match String::from_utf8(bytes) {
                    Ok(text) => Some(text),
                    Err(_) => {
                        problem(false, format!("the text {} is not UTF-8; {mend}", path.display()));
                        None
                    }
                }
            }
        },
    }
}

/// Verifies the corpus of `data_dir` alone: how many texts are intact, or every problem.
pub fn verify(data_dir: &Path) -> Result<usize, Diagnostics> {
    let mut diagnostics = Vec::new();
    let corpus = load(data_dir, &mut diagnostics);
    match Diagnostics::from_vec(diagnostics) {
        Some(problems) => Err(problems),
        None => Ok(corpus.entries.len()),
    }
}

/// An id that is a safe file name: ASCII letters, digits, `-` and `_`, starting with a digit.
pub fn is_corpus_id(id: &str) -> bool {
    id.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// 64 lowercase hex digits.
pub fn is_sha256(text: &str) -> bool {
    text.len() == 64 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}
