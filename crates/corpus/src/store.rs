//! A corpus in a dataset folder: `corpus.csv` and `corpus/<id>.txt`, written all or nothing and
//! verified later.
//!
//! [`write()`] stages every file whose bytes would change beside its destination and renames them all
//! only when every write succeeded (`zhibiao_core::output::Staging`), so an error leaves the previous
//! corpus intact, and a file whose bytes would not change is not touched: importing the same tree
//! twice changes nothing, and [`Written::changed`] is then empty. Texts of `corpus/` that the corpus
//! no longer lists are not deleted but reported in [`Written::stale`].
//!
//! `zhibiao_core::corpus` reads it back: `zhibiao check` re-hashes every text `corpus.csv` lists, and
//! a text that is missing, a link, or changed since it was pinned is one located message.

use crate::import::Corpus;
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use zhibiao_core::corpus::{CORPUS, CORPUS_FILE, TEXTS_FOLDER};
use zhibiao_core::output::{Staging, cell};

/// `corpus.csv`: one row per entry, sorted by id, LF line ends; booleans `true` / `false`;
/// `delivered` as `YYYY-MM-DD`, or `YYYY-MM` when the date line gives no day, empty when the text
/// states no date.
pub fn corpus_csv(corpus: &Corpus) -> io::Result<String> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(CORPUS.columns.iter().map(|c| c.name)).map_err(io::Error::other)?;
    let repository = cell(&corpus.repository).into_owned();
    let commit = cell(corpus.commit.as_deref().unwrap_or("")).into_owned();
    for e in &corpus.entries {
        let y = &e.years;
        w.write_record([
            e.id.clone(),
            e.level().as_str().to_owned(),
            e.region.code.to_owned(),
            e.region.name_zh.to_owned(),
            y.delivered_year.to_string(),
            y.reviewed.to_string(),
            y.planned.to_string(),
            y.delivered.map(|d| d.to_string()).unwrap_or_default(),
            y.from.as_str().to_owned(),
            repository.clone(),
            commit.clone(),
            cell(&e.origin_path).into_owned(),
            e.sha256.clone(),
            e.characters.to_string(),
            e.abridged.is_some().to_string(),
            e.duplicate_of.clone().unwrap_or_default(),
            y.mismatch.to_string(),
        ])
        .map_err(io::Error::other)?;
    }
    let bytes = w.into_inner().map_err(|e| io::Error::other(e.to_string()))?;
    String::from_utf8(bytes).map_err(io::Error::other)
}

/// What [`write()`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// The files written (new or changed), texts first, `corpus.csv` last.
    pub changed: Vec<PathBuf>,
    /// How many files already had the right bytes and were left alone.
    pub unchanged: usize,
    /// Texts in `corpus/` that the corpus does not list (left in place; remove them by hand).
    pub stale: Vec<PathBuf>,
}

/// Writes `corpus` into the dataset folder `data_dir` (which must exist): `corpus/<id>.txt` and
/// `corpus.csv`, all or nothing, leaving files that would not change untouched.
pub fn write(corpus: &Corpus, data_dir: &Path) -> io::Result<Written> {
    if !data_dir.is_dir() {
        return Err(io::Error::new(io::ErrorKind::NotFound, format!("no such data folder {}", data_dir.display())));
    }
    let texts_dir = data_dir.join(TEXTS_FOLDER);
    std::fs::create_dir_all(&texts_dir)?;
    let table = corpus_csv(corpus)?;
    let mut staging = Staging::new();
    let mut written = Written::default();
    for e in &corpus.entries {
        let path = texts_dir.join(format!("{}.txt", e.id));
        stage_if_changed(&mut staging, &mut written, path, e.text.as_bytes())?;
    }
    stage_if_changed(&mut staging, &mut written, data_dir.join(CORPUS_FILE), table.as_bytes())?;
    staging.commit()?;
    let listed: HashSet<String> = corpus.entries.iter().map(|e| format!("{}.txt", e.id)).collect();
    let mut stale: Vec<PathBuf> = std::fs::read_dir(&texts_dir)?
        .filter_map(Result::ok)
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            name.ends_with(".txt") && !name.starts_with('.') && !listed.contains(&name)
        })
        .map(|entry| entry.path())
        .collect();
    stale.sort();
    written.stale = stale;
    Ok(written)
}

fn stage_if_changed(staging: &mut Staging, written: &mut Written, path: PathBuf, bytes: &[u8]) -> io::Result<()> {
    let same = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file())
        && std::fs::read(&path).is_ok_and(|old| old.as_slice() == bytes);
    if same {
        written.unchanged += 1;
    } else {
        staging.write(&path, bytes)?;
        written.changed.push(path);
    }
    Ok(())
}
