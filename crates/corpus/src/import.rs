//! Reading a tree laid out like lawtext/gov into a [`Corpus`], every problem collected.
//!
//! The tree (a user's clone of lawtext/gov, or a copy of it) holds:
//!
//! * `政府工作报告-国务院/<year>.md`: the nation's reports (region `100000`);
//! * `政府工作报告-省自治区/<region>/<year>.md`, `政府工作报告-主要城市/<region>/<year>.md` and
//!   `政府工作报告-其他地市/<region>/<year>.md`: a region's reports, the folder named as
//!   [`crate::regions`] names the region (湖北省, 北京市, 咸宁市 …).
//!
//! Other top-level entries (README.md, .git …), hidden entries, files that are not `.md`, `README.md`
//! files and folders below a region's folder are not read. A file's name is the year it was delivered
//! (`2015.md`), optionally with a suffix for an extra or partial text (`2016-11.md`, `2020-part.md`,
//! `2019-summary.md`): the entry's id is `<region code>-<file stem>` (`421200-2023`,
//! `510000-2016-11`).
//!
//! # Problems
//!
//! Each is an [`ImportError`], located in the file (or folder) at fault; the import returns all of
//! them and no corpus when there is any, so nothing is ever half-imported. One cause is reported once:
//! a region folder that is unknown or links outside the tree is one problem, not one per file in it;
//! a file that is not UTF-8 is not also reported as having no body.
//!
//! # Flags
//!
//! Flags mark entries a reader should look at; they are not problems.
//!
//! * `duplicate_of`: the text (after normalisation) is byte for byte the text of an entry with a
//!   smaller id, which is named; both are kept.
//! * `abridged`: the text says it is abridged (a line of its own that is a short parenthesised note
//!   with 删减, 删节, 节选, 摘要, 摘编 or 摘登: （本文有删减）, （此件有删减）), or it has fewer than
//!   40% of the median characters of the imported reports of its level (national, province, city).
//!   On lawtext/gov (commit fc1a2f6) seven texts say so (浙江省 2013, 2020–2023; 甘肃省 2018, 2019)
//!   and none is that short: the shortest report has 48% of its level's median.
//! * `year_mismatch`: the text states a plan year other than the file name's ([`crate::years`]).

use crate::normalise::{self, FrontMatter};
use crate::regions::{self, Level, RegionInfo};
use crate::years::{Years, YearsFrom, read_years};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use zhibiao_core::Location;

/// The repository lawtext/gov, the origin the tree is laid out like.
pub const DEFAULT_REPOSITORY: &str = "lawtext/gov";

/// The folder of the nation's reports.
pub const NATIONAL_FOLDER: &str = "政府工作报告-国务院";

/// The folders of regions' reports, each holding one folder per region.
pub const REGIONAL_FOLDERS: [&str; 3] = ["政府工作报告-省自治区", "政府工作报告-主要城市", "政府工作报告-其他地市"];

/// What the caller knows that the tree does not say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// The repository the tree is a clone of (`lawtext/gov`), recorded as each entry's origin.
    pub repository: String,
    /// The commit of that repository, when known, recorded as each entry's origin.
    pub commit: Option<String>,
    /// This year: a file name or delivery date after it is a problem (the library reads no clock).
    pub today_year: i32,
}

/// An imported corpus: every report of the tree, sorted by id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corpus {
    /// The repository the tree is a clone of.
    pub repository: String,
    /// Its commit, when known.
    pub commit: Option<String>,
    /// The reports, sorted by id.
    pub entries: Vec<Entry>,
}

zhibiao_core::vocabulary! {
    /// Why a text is flagged as abridged.
    Abridged {
        /// The text says so (（本文有删减）).
        Stated => "stated",
        /// It has fewer than 40% of the median characters of its level.
        Short => "short",
    }
}

/// One report of the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// `<region code>-<file stem>` (`421200-2023`).
    pub id: String,
    /// Its region (and through it, its level).
    pub region: &'static RegionInfo,
    /// Its years and where they come from.
    pub years: Years,
    /// The file's path in the tree, `/`-separated (`政府工作报告-其他地市/咸宁市/2023.md`).
    pub origin_path: String,
    /// The plain text ([`crate::normalise()`]).
    pub text: String,
    /// Lowercase hex sha256 of the text's UTF-8 bytes.
    pub sha256: String,
    /// The text's length in characters (Unicode scalar values).
    pub characters: usize,
    /// Why it is flagged as abridged, if it is.
    pub abridged: Option<Abridged>,
    /// The id of the entry with the same text and the smallest id, when it is not this one.
    pub duplicate_of: Option<String>,
}

impl Entry {
    /// National, province or city.
    pub fn level(&self) -> Level {
        self.region.level
    }
}

/// How many entries a corpus has, by level and by flag.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Every entry.
    pub reports: usize,
    /// The nation's.
    pub national: usize,
    /// Provincial-level regions'.
    pub province: usize,
    /// Cities'.
    pub city: usize,
    /// Flagged abridged.
    pub abridged: usize,
    /// Flagged as duplicating another entry's text.
    pub duplicates: usize,
    /// Flagged: the text states a plan year other than the file name's.
    pub year_mismatch: usize,
    /// Whose years come from the file name.
    pub years_from_file_name: usize,
}

impl Corpus {
    /// Counts by level and flag, for a summary.
    pub fn counts(&self) -> Counts {
        let mut c = Counts { reports: self.entries.len(), ..Counts::default() };
        for e in &self.entries {
            match e.level() {
                Level::National => c.national += 1,
                Level::Province => c.province += 1,
                Level::City => c.city += 1,
            }
            c.abridged += usize::from(e.abridged.is_some());
            c.duplicates += usize::from(e.duplicate_of.is_some());
            c.year_mismatch += usize::from(e.years.mismatch);
            c.years_from_file_name += usize::from(e.years.from == YearsFrom::FileName);
        }
        c
    }
}

/// A problem that stops the import, located in the file or folder at fault.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// A file or folder that cannot be read.
    #[error("{location}: cannot read: {reason}")]
    Unreadable {
        /// The file or folder.
        location: Location,
        /// Why (`no such file`, `permission denied`, `not a folder`).
        reason: String,
    },
    /// Not UTF-8 text (or UTF-16, or with a NUL byte), at the line and column of the first bad byte.
    #[error("{location}: {reason}")]
    NotUtf8 {
        /// The file, line and column (in characters) of the first bad byte.
        location: Location,
        /// What was found and how to re-save the file.
        reason: String,
    },
    /// The front matter opened on line 1 is never closed.
    #[error("{location}: the front matter opened here is never closed by a line \"---\"")]
    UnclosedFrontMatter {
        /// The file, line 1.
        location: Location,
    },
    /// Nothing but blank space after the front matter.
    #[error("{location}: no report text after the front matter")]
    NoBody {
        /// The file, and the line where the text should begin.
        location: Location,
    },
    /// A region folder that names no region of the built-in table.
    #[error(
        "{location}: unknown region \"{name}\": expected a provincial-level region (湖北省, 北京市 …), 武汉市 or one of Hubei's prefecture-level units (咸宁市, 恩施土家族苗族自治州 …){hint}"
    )]
    UnknownRegion {
        /// The folder.
        location: Location,
        /// Its name.
        name: String,
        /// A suggestion (`; did you mean "湖北省"?`), or empty.
        hint: String,
    },
    /// A `.md` file whose name is not a year.
    #[error(
        "{location}: file name \"{name}\" is not a year: expected <year>.md (the year delivered, 1949 or later) or <year>-<suffix>.md for an extra or partial text (2016-11.md, 2020-part.md)"
    )]
    NotAYear {
        /// The file.
        location: Location,
        /// Its name.
        name: String,
    },
    /// A file name or delivery date after this year.
    #[error("{location}: {what} says {year}, after this year ({today_year}); check the file name and the date line")]
    FutureYear {
        /// The file.
        location: Location,
        /// `the file name`, or `the date line (2031-01-15)`.
        what: String,
        /// The year it says.
        year: i32,
        /// This year.
        today_year: i32,
    },
    /// A file or folder (a symbolic link) that resolves outside the tree.
    #[error("{location}: resolves to {target}, outside {root}; copy it into the tree instead of linking to it")]
    OutsideDir {
        /// The link, as found in the tree.
        location: Location,
        /// Where it resolves to.
        target: String,
        /// The tree, resolved.
        root: String,
    },
    /// Two files with the same id (`<region code>-<file stem>`).
    #[error("{location}: id \"{id}\" is also the id of {other}; each region's file stems must be unique")]
    DuplicateId {
        /// The later file.
        location: Location,
        /// The id.
        id: String,
        /// The earlier file with the same id.
        other: String,
    },
    /// A tree with no report in the expected folders.
    #[error(
        "{location}: no reports found; expected the folders of lawtext/gov: 政府工作报告-国务院/<year>.md and 政府工作报告-省自治区, 政府工作报告-主要城市 or 政府工作报告-其他地市/<region>/<year>.md"
    )]
    NoReports {
        /// The tree.
        location: Location,
    },
}

impl ImportError {
    /// Where the problem is.
    pub fn location(&self) -> &Location {
        match self {
            ImportError::Unreadable { location, .. }
            | ImportError::NotUtf8 { location, .. }
            | ImportError::UnclosedFrontMatter { location }
            | ImportError::NoBody { location }
            | ImportError::UnknownRegion { location, .. }
            | ImportError::NotAYear { location, .. }
            | ImportError::FutureYear { location, .. }
            | ImportError::OutsideDir { location, .. }
            | ImportError::DuplicateId { location, .. }
            | ImportError::NoReports { location } => location,
        }
    }

    /// The problem as a [`zhibiao_core::Diagnostic`] (same location, same message), to be reported
    /// with other diagnostics.
    pub fn to_diagnostic(&self) -> zhibiao_core::Diagnostic {
        let full = self.to_string();
        let prefix = format!("{}: ", self.location());
        let message = full.strip_prefix(prefix.as_str()).unwrap_or(full.as_str());
        zhibiao_core::Diagnostic::new(self.location().clone(), message)
    }
}

/// Reads the tree `dir` into a corpus, or returns every problem found (sorted by location).
pub fn import(dir: &Path, options: &ImportOptions) -> Result<Corpus, Vec<ImportError>> {
    let mut problems = Vec::new();
    let root = match dir.canonicalize() {
        Ok(root) if root.is_dir() => root,
        Ok(_) => return Err(vec![unreadable(dir, "not a folder".to_owned())]),
        Err(err) => return Err(vec![unreadable(dir, zhibiao_core::dataset::io_message(&err))]),
    };
    let files = find_reports(dir, &root, &mut problems);
    if files.is_empty() && problems.is_empty() {
        return Err(vec![ImportError::NoReports { location: Location::file(dir) }]);
    }
    let mut entries = Vec::new();
    let mut first_with_id: HashMap<String, PathBuf> = HashMap::new();
    for file in &files {
        let id = format!("{}-{}", file.region.code, file.stem);
        if let Some(other) = first_with_id.get(&id) {
            problems.push(ImportError::DuplicateId {
                location: Location::file(&file.path),
                id,
                other: other.display().to_string(),
            });
            continue;
        }
        first_with_id.insert(id.clone(), file.path.clone());
        if let Some(entry) = read_report(file, id, options, &mut problems) {
            entries.push(entry);
        }
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.location().cmp(b.location()).then_with(|| a.to_string().cmp(&b.to_string())));
        problems.dedup();
        return Err(problems);
    }
    entries.sort_by(|a, b| a.id.cmp(&b.id));
    flag_duplicates(&mut entries);
    flag_short(&mut entries);
    Ok(Corpus { repository: options.repository.clone(), commit: options.commit.clone(), entries })
}

/// A report file found in the tree, not yet read.
struct ReportFile {
    /// The path as the user would name it (`DIR/政府工作报告-…/2023.md`).
    path: PathBuf,
    /// The path inside the tree, `/`-separated.
    origin_path: String,
    region: &'static RegionInfo,
    stem: String,
    file_year: i32,
}

fn unreadable(path: &Path, reason: String) -> ImportError {
    ImportError::Unreadable { location: Location::file(path), reason }
}

/// Every report file of the tree, in folder order (national, then the regional folders; regions and
/// files by name).
fn find_reports(dir: &Path, root: &Path, problems: &mut Vec<ImportError>) -> Vec<ReportFile> {
    let mut out = Vec::new();
    let national = dir.join(NATIONAL_FOLDER);
    if present(&national) && inside(&national, root, problems) && is_folder(&national, problems) {
        report_files(&national, NATIONAL_FOLDER, &regions::NATION, root, &mut out, problems);
    }
    for folder in REGIONAL_FOLDERS {
        let path = dir.join(folder);
        if !(present(&path) && inside(&path, root, problems) && is_folder(&path, problems)) {
            continue;
        }
        for (name, sub) in sorted_entries(&path, problems) {
            if name.starts_with('.')
                || !inside(&sub, root, problems)
                || !std::fs::metadata(&sub).is_ok_and(|m| m.is_dir())
            {
                continue;
            }
            match regions::by_name(&name) {
                Some(region) => {
                    let origin_folder = format!("{folder}/{name}");
                    report_files(&sub, &origin_folder, region, root, &mut out, problems);
                }
                None => {
                    let hint = regions::suggest(&name)
                        .map(|r| format!("; did you mean \"{}\"?", r.name_zh))
                        .unwrap_or_default();
                    problems.push(ImportError::UnknownRegion { location: Location::file(&sub), name, hint });
                }
            }
        }
    }
    out
}

/// The report files directly in `folder` (the files of one region).
fn report_files(
    folder: &Path,
    origin_folder: &str,
    region: &'static RegionInfo,
    root: &Path,
    out: &mut Vec<ReportFile>,
    problems: &mut Vec<ImportError>,
) {
    for (name, path) in sorted_entries(folder, problems) {
        let Some(stem) = markdown_stem(&name) else { continue };
        if name.starts_with('.') || stem.eq_ignore_ascii_case("readme") {
            continue;
        }
        if !inside(&path, root, problems) {
            continue;
        }
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => {}
            Ok(_) => continue, // a folder named like a report
            Err(err) => {
                problems.push(unreadable(&path, zhibiao_core::dataset::io_message(&err)));
                continue;
            }
        }
        match file_year(stem) {
            Some(file_year) => out.push(ReportFile {
                origin_path: format!("{origin_folder}/{name}"),
                region,
                stem: stem.to_owned(),
                file_year,
                path,
            }),
            None => problems.push(ImportError::NotAYear { location: Location::file(&path), name: name.clone() }),
        }
    }
}

/// Whether `path` exists (a broken link exists, and is then reported by [`inside`]).
fn present(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

fn is_folder(path: &Path, problems: &mut Vec<ImportError>) -> bool {
    let folder = std::fs::metadata(path).is_ok_and(|m| m.is_dir());
    if !folder {
        problems.push(unreadable(path, "not a folder".to_owned()));
    }
    folder
}

/// Whether `path` resolves inside the tree `root` (already resolved); reports it when it does not.
fn inside(path: &Path, root: &Path, problems: &mut Vec<ImportError>) -> bool {
    match path.canonicalize() {
        Ok(resolved) if resolved.starts_with(root) => true,
        Ok(resolved) => {
            problems.push(ImportError::OutsideDir {
                location: Location::file(path),
                target: resolved.display().to_string(),
                root: root.display().to_string(),
            });
            false
        }
        Err(err) => {
            problems.push(unreadable(path, zhibiao_core::dataset::io_message(&err)));
            false
        }
    }
}

/// The entries of a folder, sorted by name (names that are not UTF-8 shown with U+FFFD).
fn sorted_entries(folder: &Path, problems: &mut Vec<ImportError>) -> Vec<(String, PathBuf)> {
    let read = match std::fs::read_dir(folder) {
        Ok(read) => read,
        Err(err) => {
            problems.push(unreadable(folder, zhibiao_core::dataset::io_message(&err)));
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for entry in read {
        match entry {
            Ok(entry) => out.push((entry.file_name().to_string_lossy().into_owned(), entry.path())),
            Err(err) => problems.push(unreadable(folder, zhibiao_core::dataset::io_message(&err))),
        }
    }
    out.sort();
    out
}

/// `2023` for `2023.md` (any case of `.md`), `None` for other files.
fn markdown_stem(name: &str) -> Option<&str> {
    let split = name.len().checked_sub(3)?;
    let extension = name.get(split..)?;
    let stem = name.get(..split)?;
    (extension.eq_ignore_ascii_case(".md") && !stem.is_empty()).then_some(stem)
}

/// The year of a file stem: four digits (1949 or later), alone or followed by `-` and a suffix of
/// ASCII letters, digits, `-` or `_`.
pub(crate) fn file_year(stem: &str) -> Option<i32> {
    let digits = stem.get(..4)?;
    let rest = stem.get(4..)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let suffix_ok = match rest.strip_prefix('-') {
        None => rest.is_empty(),
        Some(suffix) => {
            !suffix.is_empty() && suffix.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }
    };
    let year: i32 = digits.parse().ok()?;
    (suffix_ok && year >= 1949).then_some(year)
}

/// Reads, checks and normalises one report; its problems go to `problems`.
fn read_report(
    file: &ReportFile,
    id: String,
    options: &ImportOptions,
    problems: &mut Vec<ImportError>,
) -> Option<Entry> {
    if file.file_year > options.today_year {
        problems.push(ImportError::FutureYear {
            location: Location::file(&file.path),
            what: "the file name".to_owned(),
            year: file.file_year,
            today_year: options.today_year,
        });
        return None;
    }
    let bytes = match std::fs::read(&file.path) {
        Ok(bytes) => bytes,
        Err(err) => {
            problems.push(unreadable(&file.path, zhibiao_core::dataset::io_message(&err)));
            return None;
        }
    };
    let raw = match zhibiao_core::text::decode_utf8(&file.path, &bytes) {
        Ok(raw) => raw,
        Err(d) => {
            problems.push(ImportError::NotUtf8 { location: d.location, reason: d.message });
            return None;
        }
    };
    let unified = normalise::unify(raw);
    let body_line = match normalise::front_matter(&unified) {
        FrontMatter::Unclosed => {
            problems.push(ImportError::UnclosedFrontMatter { location: Location::at(&file.path, 1, 1) });
            return None;
        }
        FrontMatter::Closed { body_start } => {
            unified.get(..body_start).map_or(1, |head| head.bytes().filter(|b| *b == b'\n').count() as u64 + 1)
        }
        FrontMatter::Absent => 1,
    };
    let text = normalise::normalise(raw);
    if text.trim().is_empty() {
        problems.push(ImportError::NoBody { location: Location::at(&file.path, body_line, 0) });
        return None;
    }
    let years = read_years(&text, file.file_year);
    if let Some(date) = years.delivered
        && date.year > options.today_year
    {
        problems.push(ImportError::FutureYear {
            location: Location::file(&file.path),
            what: format!("the date line ({date})"),
            year: date.year,
            today_year: options.today_year,
        });
        return None;
    }
    let abridged = says_abridged(&text).then_some(Abridged::Stated);
    Some(Entry {
        id,
        region: file.region,
        years,
        origin_path: file.origin_path.clone(),
        sha256: sha256_hex(text.as_bytes()),
        characters: text.chars().count(),
        text,
        abridged,
        duplicate_of: None,
    })
}

/// Lowercase hex sha256.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    zhibiao_scan::provenance::sha256_hex(bytes)
}

/// Words of a note saying a text is abridged.
const ABRIDGED_WORDS: &[&str] = &["删减", "删节", "节选", "摘要", "摘编", "摘登"];

/// A line of its own that is a short parenthesised note saying the text is abridged (（本文有删减）).
pub(crate) fn says_abridged(text: &str) -> bool {
    text.lines().any(|line| {
        let line = line.trim();
        let inner = line
            .strip_prefix(['（', '('])
            .and_then(|l| l.strip_suffix(['）', ')']))
            .filter(|inner| inner.chars().count() <= 30 && !inner.contains(['（', '(', '）', ')']));
        inner.is_some_and(|inner| ABRIDGED_WORDS.iter().any(|w| inner.contains(w)))
    })
}

/// Flags every entry whose text an entry with a smaller id has (entries sorted by id).
fn flag_duplicates(entries: &mut [Entry]) {
    let mut first: HashMap<String, String> = HashMap::new();
    for e in entries.iter_mut() {
        match first.get(&e.sha256) {
            Some(id) => e.duplicate_of = Some(id.clone()),
            None => {
                first.insert(e.sha256.clone(), e.id.clone());
            }
        }
    }
}

/// Flags as abridged every entry with fewer than 40% of the median characters of its level.
fn flag_short(entries: &mut [Entry]) {
    let mut by_level: BTreeMap<Level, Vec<usize>> = BTreeMap::new();
    for e in entries.iter() {
        by_level.entry(e.level()).or_default().push(e.characters);
    }
    let twice_median: BTreeMap<Level, usize> = by_level
        .into_iter()
        .map(|(level, mut lengths)| {
            lengths.sort_unstable();
            let n = lengths.len();
            let mid = lengths.get(n / 2).copied().unwrap_or(0);
            let below = (n / 2).checked_sub(1).and_then(|i| lengths.get(i)).copied().unwrap_or(mid);
            let twice = if n % 2 == 1 { 2 * mid } else { below + mid };
            (level, twice)
        })
        .collect();
    for e in entries.iter_mut() {
        let twice = twice_median.get(&e.level()).copied().unwrap_or(0);
        // characters < 0.4 × median  ⟺  5 × characters < 2 × median
        if e.abridged.is_none() && e.characters.saturating_mul(5) < twice {
            e.abridged = Some(Abridged::Short);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_years() {
        for (stem, expected) in [
            ("2023", Some(2023)),
            ("2016-11", Some(2016)),
            ("2020-part", Some(2020)),
            ("2019-summary", Some(2019)),
            ("2021-08_b", Some(2021)),
            ("1949", Some(1949)),
            ("1948", None),
            ("0001", None),
            ("23", None),
            ("20230", None),
            ("2023-", None),
            ("2023 ", None),
            ("2023年", None),
            ("二〇二三", None),
            ("２０２３", None),
            ("readme", None),
            ("", None),
        ] {
            assert_eq!(file_year(stem), expected, "{stem:?}");
        }
    }

    #[test]
    fn markdown_stems() {
        assert_eq!(markdown_stem("2023.md"), Some("2023"));
        assert_eq!(markdown_stem("2023.MD"), Some("2023"));
        assert_eq!(markdown_stem(".md"), None);
        assert_eq!(markdown_stem("2023.txt"), None);
        assert_eq!(markdown_stem("说明"), None);
        assert_eq!(markdown_stem("报告.md"), Some("报告"));
    }

    #[test]
    fn abridgement_notes() {
        for (text, expected) in [
            ("正文。\n（本文有删减）\n", true),
            ("正文。\n（此件有删减）", true),
            ("  (节选)  \n正文", true),
            ("（摘要）", true),
            ("正文中提到删减开支。", false),
            ("（一）压减一般性支出，删减不必要的项目）", false),
            ("（2017年1月19日省十二届人大七次会议审议通过）", false),
            ("（本文有删减", false),
            ("", false),
        ] {
            assert_eq!(says_abridged(text), expected, "{text:?}");
        }
    }
}
