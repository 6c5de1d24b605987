//! Located error messages: `file:line:column: message`.
//!
//! Validation never stops at the first problem: every check pushes [`Diagnostic`]s into a list, and
//! the caller reports them all, sorted by file, line and column. Lines and columns are 1-based; the
//! column of a CSV problem is the field's position in the header (so `:6:` is the sixth column).

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a problem is: a file, and within it a line and column when there is one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, as the user named it (relative paths stay relative).
    pub file: PathBuf,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: u64,
    /// 1-based column (CSV field number, or character in a text line), 0 when not applicable.
    pub column: u64,
}

impl Location {
    /// The whole file.
    pub fn file(file: &Path) -> Location {
        Location { file: file.to_path_buf(), line: 0, column: 0 }
    }

    /// A line and column of a file.
    pub fn at(file: &Path, line: u64, column: u64) -> Location {
        Location { file: file.to_path_buf(), line, column }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// One problem found in the input, with where it is and what was expected.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, thiserror::Error)]
#[error("{location}: {message}")]
pub struct Diagnostic {
    /// Where the problem is.
    pub location: Location,
    /// What is wrong and what was expected, lowercase, no trailing period.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at `location`. Quoted values longer than 120 characters are shown by their first
    /// 60 and their length, so a 100 MB line makes a readable message.
    pub fn new(location: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic { location, message: elide_long_quotes(message.into()) }
    }
}

/// Longest quoted value shown whole in a message, in characters.
const LONGEST_QUOTED: usize = 120;

fn elide_long_quotes(message: String) -> String {
    if message.len() <= LONGEST_QUOTED * 4 || !message.contains('"') {
        return message;
    }
    let mut out = String::with_capacity(LONGEST_QUOTED * 4);
    let mut parts = message.split('"');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push('"');
        let inside_quotes = i % 2 == 0;
        let length = part.chars().count();
        if inside_quotes && length > LONGEST_QUOTED {
            out.extend(part.chars().take(60));
            out.push_str(&format!("… ({length} characters)"));
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Every problem found in an input, sorted by location; never empty.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts and deduplicates; `None` when there is nothing to report.
    pub fn from_vec(mut all: Vec<Diagnostic>) -> Option<Diagnostics> {
        if all.is_empty() {
            return None;
        }
        all.sort();
        all.dedup();
        Some(Diagnostics(all))
    }

    /// A single diagnostic.
    pub fn one(diagnostic: Diagnostic) -> Diagnostics {
        Diagnostics(vec![diagnostic])
    }

    /// The diagnostics, sorted by location.
    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.0
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Always false: a `Diagnostics` holds at least one problem.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    /// One diagnostic per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_like_a_compiler() {
        let f = Path::new("data/facts/economy.csv");
        let d = Diagnostic::new(Location::at(f, 41, 6), "value \"1.6％\" is not a number");
        assert_eq!(d.to_string(), "data/facts/economy.csv:41:6: value \"1.6％\" is not a number");
        let whole = Diagnostic::new(Location::file(f), "is empty");
        assert_eq!(whole.to_string(), "data/facts/economy.csv: is empty");
        let line = Diagnostic::new(Location::at(f, 3, 0), "x");
        assert_eq!(line.to_string(), "data/facts/economy.csv:3: x");
    }

    #[test]
    fn long_values_are_elided() {
        let f = Path::new("a.csv");
        let long = "x".repeat(1000);
        let d = Diagnostic::new(Location::at(f, 1, 2), format!("unknown column \"{long}\" in a facts file"));
        assert_eq!(d.message, format!("unknown column \"{}… (1000 characters)\" in a facts file", "x".repeat(60)));
    }

    #[test]
    fn sorted_by_location() {
        let f = Path::new("a.csv");
        let all = vec![
            Diagnostic::new(Location::at(f, 10, 1), "b"),
            Diagnostic::new(Location::at(f, 2, 5), "a"),
            Diagnostic::new(Location::at(f, 2, 5), "a"),
        ];
        let d = Diagnostics::from_vec(all).unwrap();
        assert_eq!(d.to_string(), "a.csv:2:5: a\na.csv:10:1: b");
        assert!(Diagnostics::from_vec(vec![]).is_none());
    }
}
