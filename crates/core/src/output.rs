//! Writing outputs analysts load: clean numbers, cells a spreadsheet will not run, atomic files.
//!
//! * [`number`] writes a float without visible binary error (`-5.9`, not `-5.8999999999999995`).
//! * [`cell`] neutralises text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
//!   the start), leaving plain numbers alone.
//! * [`Staging`] writes a set of files next to their destinations and renames them all only when
//!   every write succeeded, so an error leaves the previous outputs intact.
//!
//! ```
//! use zhibiao_core::output::{cell, number};
//! assert_eq!(number(1.6 - 7.5), "-5.9");
//! assert_eq!(number(1208000000.0), "1208000000");
//! assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
//! assert_eq!(cell("-26.8"), "-26.8");
//! ```

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};

/// A float with at most 12 significant digits, in plain notation, shortest form; `-0` is `0`;
/// non-finite values are empty.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let rounded: f64 = format!("{x:.11e}").parse().unwrap_or(x);
    let text = format!("{rounded}");
    if text == "-0" { "0".to_owned() } else { text }
}

/// `text`, prefixed with `'` when a spreadsheet would run it as a formula and it is not a plain
/// number.
pub fn cell(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && text.parse::<f64>().map_or(true, |_| !is_plain_number(text)) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    !body.is_empty()
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && body.bytes().filter(|b| *b == b'.').count() <= 1
}

/// Files written beside their destinations under temporary names, renamed into place together.
#[derive(Debug, Default)]
pub struct Staging {
    staged: Vec<(PathBuf, PathBuf)>,
}

impl Staging {
    /// An empty staging area.
    pub fn new() -> Staging {
        Staging::default()
    }

    /// Writes `bytes` to a temporary file beside `destination`.
    pub fn write(&mut self, destination: &Path, bytes: &[u8]) -> io::Result<()> {
        let name = destination.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = destination.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let result = std::fs::write(&temp, bytes);
        if result.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        result?;
        self.staged.push((temp, destination.to_path_buf()));
        Ok(())
    }

    /// Renames every staged file into place.
    pub fn commit(mut self) -> io::Result<()> {
        let staged = std::mem::take(&mut self.staged);
        for (temp, destination) in &staged {
            std::fs::rename(temp, destination)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    /// Staged files that were never committed are removed.
    fn drop(&mut self) {
        for (temp, _) in &self.staged {
            let _ = std::fs::remove_file(temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_without_float_noise() {
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(110000000.00000001), "110000000");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(4.4), "4.4");
        assert_eq!(number(1e-7), "0.0000001");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(number(123456789012345.0), "123456789012000");
    }

    #[test]
    fn formulas_are_neutralised() {
        for (input, expected) in [
            ("=1+1", "'=1+1"),
            ("+86 123", "'+86 123"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-5.9", "-5.9"),
            ("+3", "+3"),
            ("咸宁", "咸宁"),
            ("", ""),
            ("-1e5", "'-1e5"),
        ] {
            assert_eq!(cell(input), expected, "{input:?}");
        }
    }

    #[test]
    fn staging_commits_all_or_nothing() {
        let dir = std::env::temp_dir().join(format!("zhibiao-staging-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.csv"), "old").unwrap();
        {
            let mut s = Staging::new();
            s.write(&dir.join("a.csv"), b"new").unwrap();
            // dropped without commit
        }
        assert_eq!(std::fs::read_to_string(dir.join("a.csv")).unwrap(), "old");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        let mut s = Staging::new();
        s.write(&dir.join("a.csv"), b"new").unwrap();
        s.write(&dir.join("b.csv"), b"b").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a.csv")).unwrap(), "new");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
