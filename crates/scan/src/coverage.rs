//! Coverage: which numbers of a source no fact's quote contains, and why.
//!
//! Every number [`crate::numbers::scan`] finds in a source is either inside some fact's quote, or
//! listed in the source's *uncovered file* (`data/sources/<name>.uncovered.csv`, committed beside
//! the text) with a reason: the rule that makes it no quantity (a year, an ordinal, a name …), or,
//! for a quantity, a reason a curator wrote. [`report`] computes the rows that file must hold and
//! the covered share of quantities; `zhibiao_core::coverage` applies it to a dataset and
//! `cargo xtask coverage` writes and checks the file.
//!
//! ```
//! use zhibiao_scan::coverage::report;
//! let text = "2023年地区生产总值增长1.6%，新增企业86家。";
//! let r = report(text, &["地区生产总值增长1.6%"], &Default::default());
//! assert_eq!((r.quantities, r.covered), (2, 1));
//! assert_eq!(r.rows.len(), 2); // the year (excluded by rule) and 86 (no reason yet)
//! assert_eq!(r.rows[1].number, "86");
//! assert_eq!(r.rows[1].reason, "");
//! ```

use crate::numbers::{Class, scan};
use std::collections::HashMap;

/// The header of an uncovered file.
pub const HEADER: &str = "start,end,number,class,context,reason";

/// One number that no quote contains.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// Character offset of the number in the source.
    pub start: usize,
    /// Offset just past it.
    pub end: usize,
    /// The number as written.
    pub number: String,
    /// Its class (a quantity, or the rule that excludes it).
    pub class: Class,
    /// Up to 12 characters either side, for readers.
    pub context: String,
    /// Why it is not a fact: the rule for non-quantities; a curator's words for quantities (empty
    /// until written).
    pub reason: String,
}

/// The coverage of one source.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Numbers classed as quantities.
    pub quantities: usize,
    /// Quantities inside some quote.
    pub covered: usize,
    /// Every number outside all quotes, in text order.
    pub rows: Vec<Row>,
    /// Quotes that occur more than once in the source (each occurrence counts as covered).
    pub repeated_quotes: Vec<String>,
}

impl Report {
    /// Covered quantities as a share of all quantities (1 when there are none).
    pub fn share(&self) -> f64 {
        if self.quantities == 0 { 1.0 } else { self.covered as f64 / self.quantities as f64 }
    }

    /// Uncovered quantities that have no reason yet.
    pub fn unexplained(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.class == Class::Quantity && r.reason.trim().is_empty())
    }
}

/// Computes the coverage of `text` by `quotes`, keeping the curator reasons of `reasons` (keyed
/// by (start, number)).
pub fn report(text: &str, quotes: &[&str], reasons: &HashMap<(usize, String), String>) -> Report {
    let chars: Vec<char> = text.chars().collect();
    // byte offset → char offset, for quote matches
    let mut char_of_byte = vec![0usize; text.len() + 1];
    for (ci, (bi, c)) in text.char_indices().enumerate() {
        for slot in &mut char_of_byte[bi..bi + c.len_utf8()] {
            *slot = ci;
        }
    }
    char_of_byte[text.len()] = chars.len();
    let mut covered = vec![false; chars.len()];
    let mut repeated = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for quote in quotes.iter().filter(|q| !q.is_empty()) {
        if !seen.insert(*quote) {
            continue;
        }
        let mut count = 0;
        for (b, _) in text.match_indices(quote) {
            count += 1;
            for flag in &mut covered[char_of_byte[b]..char_of_byte[b + quote.len()]] {
                *flag = true;
            }
        }
        if count > 1 {
            repeated.push((*quote).to_owned());
        }
    }
    // a figure restated as a quoted one was (its number with the two characters before it and the
    // two after: 就业4.5万人) is covered by that fact: a report repeats its main targets in its list
    // of practical matters. Not for rates and changes (增长8%), which many indicators share.
    let found = scan(text);
    let signature = |n: &crate::numbers::Written| -> Option<String> {
        let before: String = chars[n.start.saturating_sub(2)..n.start].iter().collect();
        let after: String = chars[n.end..(n.end + 2).min(chars.len())].iter().collect();
        let change = ["增长", "下降", "提高", "降低", "增加", "减少", "达到", "控制"].contains(&before.as_str());
        (!change && !after.starts_with(['%', '％']) && before.chars().count() == 2)
            .then(|| format!("{before}{}{after}", n.text))
    };
    let quoted: std::collections::HashSet<String> = found
        .iter()
        .filter(|n| n.class == Class::Quantity && covered[n.start..n.end].iter().all(|c| *c))
        .filter_map(signature)
        .collect();
    let mut out = Report { repeated_quotes: repeated, ..Report::default() };
    for n in found {
        let inside = covered[n.start..n.end].iter().all(|c| *c)
            || (n.class == Class::Quantity && signature(&n).is_some_and(|s| quoted.contains(&s)));
        if n.class == Class::Quantity {
            out.quantities += 1;
            if inside {
                out.covered += 1;
                continue;
            }
        } else if inside {
            continue;
        }
        let context: String = chars[n.start.saturating_sub(12)..(n.end + 12).min(chars.len())]
            .iter()
            .map(|c| if c.is_whitespace() { ' ' } else { *c })
            .collect();
        let reason = match n.class {
            Class::Quantity => reasons.get(&(n.start, n.text.clone())).cloned().unwrap_or_default(),
            other => format!("not a quantity: {other}"),
        };
        out.rows.push(Row { start: n.start, end: n.end, number: n.text, class: n.class, context, reason });
    }
    out
}

/// Renders an uncovered file (CSV with [`HEADER`]).
pub fn render(rows: &[Row]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = w.write_record(HEADER.split(','));
    for r in rows {
        let _ = w.write_record([
            r.start.to_string(),
            r.end.to_string(),
            r.number.clone(),
            r.class.as_str().to_owned(),
            r.context.clone(),
            r.reason.clone(),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Reads the curator reasons of an uncovered file: (start, number) → reason, quantities only.
pub fn parse_reasons(text: &str) -> HashMap<(usize, String), String> {
    let mut out = HashMap::new();
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    for record in reader.records().flatten() {
        let (Some(start), Some(number), Some(class), Some(reason)) =
            (record.get(0), record.get(2), record.get(3), record.get(5))
        else {
            continue;
        };
        if class == Class::Quantity.as_str()
            && let Ok(start) = start.parse()
        {
            out.insert((start, number.to_owned()), reason.to_owned());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_survive_a_round_trip() {
        let text = "新增企业86家，其中86家为新办。";
        let r = report(text, &[], &HashMap::new());
        let mut rows = r.rows.clone();
        rows[1].reason = "restates the 86 just before".into();
        let reasons = parse_reasons(&render(&rows));
        let again = report(text, &[], &reasons);
        assert_eq!(again.rows, rows);
        assert_eq!(again.unexplained().count(), 1);
    }

    #[test]
    fn a_figure_restated_with_its_unit_is_covered_but_a_shared_rate_is_not() {
        let text = "城镇新增就业4.5万人。实事：（1）新增城镇就业4.5万人。生产总值增长8%，财政收入增长8%。";
        let r = report(text, &["城镇新增就业4.5万人", "生产总值增长8%"], &HashMap::new());
        assert_eq!((r.quantities, r.covered), (4, 3));
        assert_eq!(r.unexplained().map(|row| row.start).collect::<Vec<_>>(), [text.chars().count() - 3]);
    }

    #[test]
    fn repeated_quotes_are_reported() {
        let r = report("增长8%，增长8%。", &["增长8%"], &HashMap::new());
        assert_eq!(r.repeated_quotes, ["增长8%"]);
        assert_eq!((r.quantities, r.covered), (2, 2));
    }
}
