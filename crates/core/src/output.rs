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
    let mut out = String::new();
    push_number(&mut out, x);
    out
}

/// Appends [`number`]`(x)` to `out` without allocating (the hot path of large outputs).
pub fn push_number(out: &mut String, x: f64) {
    if !x.is_finite() {
        return;
    }
    if x == 0.0 {
        out.push('0');
        return;
    }
    let a = x.abs();
    if (1e-6..1e15).contains(&a) {
        // 12 significant digits as an integer, then place the decimal point
        let mut e = a.log10().floor() as i32;
        let mut decimals = 11 - e;
        let mut scaled = scale(a, decimals);
        if scaled >= 1_000_000_000_000 {
            e += 1;
            decimals = 11 - e;
            scaled = scale(a, decimals);
        } else if scaled < 100_000_000_000 {
            e -= 1;
            decimals = 11 - e;
            scaled = scale(a, decimals);
        }
        if (100_000_000_000..1_000_000_000_000).contains(&scaled) {
            if x < 0.0 {
                out.push('-');
            }
            let digits = scaled.to_string();
            if decimals <= 0 {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', (-decimals) as usize));
            } else {
                let decimals = decimals as usize;
                let (int, frac) = if digits.len() > decimals {
                    digits.split_at(digits.len() - decimals)
                } else {
                    ("", digits.as_str())
                };
                let zeros = decimals.saturating_sub(digits.len());
                let frac = frac.trim_end_matches('0');
                out.push_str(if int.is_empty() { "0" } else { int });
                if !frac.is_empty() {
                    out.push('.');
                    out.extend(std::iter::repeat_n('0', zeros));
                    out.push_str(frac);
                }
            }
            return;
        }
    }
    // outside the fast range: round the exact binary value to 12 digits, print the shortest form
    let rounded: f64 = format!("{x:.11e}").parse().unwrap_or(x);
    let text = format!("{rounded}");
    out.push_str(if text == "-0" { "0" } else { &text });
}

/// `round(a × 10^decimals)` as an integer (`a` positive, at most 12 digits result).
fn scale(a: f64, decimals: i32) -> u64 {
    let v = if decimals >= 0 { a * 10f64.powi(decimals) } else { a / 10f64.powi(-decimals) };
    v.round() as u64
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

    /// Opens a temporary file beside `destination` for streaming; it is renamed into place on
    /// [`Staging::commit`] (flush the writer first).
    pub fn create(&mut self, destination: &Path) -> io::Result<io::BufWriter<std::fs::File>> {
        let name = destination.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = destination.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let file = std::fs::File::create(&temp)?;
        self.staged.push((temp, destination.to_path_buf()));
        Ok(io::BufWriter::with_capacity(1 << 20, file))
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
        assert_eq!(number(-0.786666666666667), "-0.786666666667");
        assert_eq!(number(1e15), "1000000000000000");
        assert_eq!(number(9.99999999999999e-7), "0.000001");
        assert_eq!(number(0.000123), "0.000123");
        assert_eq!(number(999999999999.5), "1000000000000");
    }

    #[test]
    fn the_fast_path_agrees_with_correct_rounding() {
        // deterministic spread of magnitudes and mantissas
        let mut x = 0.000_001_234_567_891_f64;
        while x < 1e15 {
            for y in [x, -x, x * 1.000_000_7, x / 3.0] {
                let slow: f64 = format!("{y:.11e}").parse().unwrap();
                assert_eq!(number(y), format!("{slow}"), "{y:e}");
            }
            x *= 1.37;
        }
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
