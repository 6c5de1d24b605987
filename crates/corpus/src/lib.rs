//! The corpus of government work reports (政府工作报告): a tree laid out like the public repository
//! lawtext/gov imported into plain texts pinned by sha256 and one table that says what each text is.
//!
//! [`import()`] reads the tree a user points it at (a clone of lawtext/gov: `政府工作报告-国务院/<year>.md`,
//! `政府工作报告-省自治区/<省>/<year>.md`, `政府工作报告-主要城市/<市>/<year>.md`,
//! `政府工作报告-其他地市/<市>/<year>.md`) into a [`Corpus`]: each report's plain text ([`normalise()`]:
//! front matter and Markdown marks removed, nothing else changed), its region (GB/T 2260 code; the
//! nation `100000`), its years read from the text where the text states them ([`read_years`]), its
//! origin, its sha256 and flags for abridged, duplicate and misnamed texts. Every problem (a file that
//! is not UTF-8, has no body, names an unknown region or a future year, is not a year, links outside
//! the tree, or repeats an id) is collected and located; any problem means no corpus, so nothing is
//! half-imported. [`write()`] then writes `data/corpus/<id>.txt` and `data/corpus.csv` all or nothing,
//! touching no file whose bytes would not change (importing twice changes nothing), and [`verify`]
//! (`zhibiao_core::corpus`, which `zhibiao check` runs) re-hashes every pinned text.
//!
//! The library reads no clock: the caller says which year it is ([`ImportOptions::today_year`];
//! [`year_of_unix_time`] turns the system time into one).
//!
//! # Example
//!
//! ```
//! use zhibiao_corpus::{import, verify, write, ImportOptions, YearsFrom};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let base = std::env::temp_dir().join(format!("zhibiao-corpus-doc-{}", std::process::id()));
//! let tree = base.join("gov");
//! let data = base.join("data");
//! # let _ = std::fs::remove_dir_all(&base);
//! std::fs::create_dir_all(tree.join("政府工作报告-其他地市/咸宁市"))?;
//! std::fs::create_dir_all(&data)?;
//! std::fs::write(
//!     tree.join("政府工作报告-其他地市/咸宁市/2024.md"),
//!     "---\ntitle: 咸宁市政府工作报告\n---\n\n**政府工作报告**\n\n——2024年1月10日在咸宁市第六届人民代表大会第三次会议上\n\n\
//!      ## 一、2023年工作回顾\n\n地区生产总值增长6%。\n\n## 二、2024年工作安排\n\n地区生产总值增长6%左右。\n",
//! )?;
//!
//! let options = ImportOptions { repository: "lawtext/gov".into(), commit: None, today_year: 2026 };
//! let corpus = import(&tree, &options).map_err(|problems| format!("{problems:?}"))?;
//! let entry = &corpus.entries[0];
//! assert_eq!(entry.id, "421200-2024");
//! assert_eq!((entry.years.reviewed, entry.years.planned, entry.years.from), (2023, 2024, YearsFrom::Text));
//! assert!(entry.text.starts_with("政府工作报告\n\n——2024年1月10日"));
//!
//! let written = write(&corpus, &data)?;
//! assert_eq!(written.changed.len(), 2); // corpus/421200-2024.txt and corpus.csv
//! assert_eq!(verify(&data).map_err(|d| d.to_string())?, 1);
//! // importing again changes nothing
//! let again = write(&import(&tree, &options).map_err(|p| format!("{p:?}"))?, &data)?;
//! assert!(again.changed.is_empty());
//!
//! // a file named after a year to come is located and stops the import
//! std::fs::write(tree.join("政府工作报告-其他地市/咸宁市/2031.md"), "---\ntitle: x\n---\n正文\n")?;
//! let problems = import(&tree, &options).unwrap_err();
//! assert!(problems[0].to_string().ends_with("2031.md: the file name says 2031, after this year (2026); check the file name and the date line"));
//! # std::fs::remove_dir_all(&base)?;
//! # Ok(()) }
//! ```
//!
//! # Map
//!
//! * [`regions`]: the built-in region table (the nation, 31 provincial-level regions, Hubei's 13
//!   prefecture-level units) and the report [`Level`].
//! * [`normalise`](mod@normalise): Markdown to plain text, the rule of `tests/gold/normalise.py`.
//! * [`years`]: the years a report reviews, plans and was delivered in, and where they come from.
//! * [`import`](mod@import): the tree to a [`Corpus`] of [`Entry`]s, with flags, or every
//!   [`ImportError`].
//! * [`store`]: `corpus.csv` ([`corpus_csv`]) and [`write()`]; the schema [`CORPUS`] and [`verify`]
//!   are core's, which reads the corpus back.

pub mod import;
pub mod normalise;
pub mod panel;
pub mod regions;
pub mod store;
pub mod years;

pub use import::{
    Abridged, Corpus, Counts, DEFAULT_REPOSITORY, Entry, ImportError, ImportOptions, NATIONAL_FOLDER, REGIONAL_FOLDERS,
    import,
};
pub use normalise::normalise;
pub use regions::{Level, RegionInfo};
pub use store::{Written, corpus_csv, write};
pub use years::{Years, YearsFrom, read_years};
pub use zhibiao_core::corpus::{CORPUS, CORPUS_FILE, TEXTS_FOLDER, verify};

/// The calendar year (UTC) of a time given in seconds since 1970-01-01, for
/// [`ImportOptions::today_year`]: `year_of_unix_time(0)` is 1970.
pub fn year_of_unix_time(seconds: u64) -> i32 {
    // days to civil date (Howard Hinnant's algorithm), proleptic Gregorian calendar
    let days = i64::try_from(seconds / 86_400).unwrap_or(i64::MAX / 2);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153; // 0 = March … 11 = February
    let year = year_of_era + era * 400 + i64::from(month_index >= 10);
    i32::try_from(year).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests;
