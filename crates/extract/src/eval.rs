//! Scoring an extraction against curated facts of the same text.
//!
//! An extracted fact and a curated one *match* when their quotes overlap in the text and their
//! values have the same magnitude; a match is *correct* when value (with sign), unit, kind, bound
//! and year agree too. Precision is the share of extracted facts with a correct match; recall the
//! share of curated facts with one.

use crate::Extracted;
use zhibiao_core::Fact;

/// The score of one extraction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Facts extracted.
    pub extracted: usize,
    /// Curated facts.
    pub curated: usize,
    /// Extracted facts with a correct match.
    pub correct_extracted: usize,
    /// Curated facts with a correct match.
    pub correct_curated: usize,
}

impl Score {
    /// correct_extracted ÷ extracted (1 when nothing was extracted).
    pub fn precision(&self) -> f64 {
        if self.extracted == 0 { 1.0 } else { self.correct_extracted as f64 / self.extracted as f64 }
    }

    /// correct_curated ÷ curated (1 when nothing is curated).
    pub fn recall(&self) -> f64 {
        if self.curated == 0 { 1.0 } else { self.correct_curated as f64 / self.curated as f64 }
    }

    /// Adds another score's counts.
    pub fn add(&mut self, other: Score) {
        self.extracted += other.extracted;
        self.curated += other.curated;
        self.correct_extracted += other.correct_extracted;
        self.correct_curated += other.correct_curated;
    }
}

/// Scores `extracted` against the `curated` facts of `text` (those whose quote is in it).
pub fn evaluate(text: &str, extracted: &[Extracted], curated: &[Fact]) -> Score {
    compare(text, extracted, curated).0
}

/// What an extraction adds to curated facts and what it misses: the indices of the extracted facts
/// without a correct match ("new") and of the curated facts without one ("missed").
pub fn diff(text: &str, extracted: &[Extracted], curated: &[Fact]) -> (Vec<usize>, Vec<usize>) {
    let (_, new, missed) = compare(text, extracted, curated);
    (new, missed)
}

fn compare(text: &str, extracted: &[Extracted], curated: &[Fact]) -> (Score, Vec<usize>, Vec<usize>) {
    let char_offset = |byte: usize| text[..byte].chars().count();
    let spans: Vec<Option<(usize, usize)>> = curated
        .iter()
        .map(|f| {
            let q = f.quote.as_deref()?;
            let at = text.find(q)?;
            Some((char_offset(at), char_offset(at) + q.chars().count()))
        })
        .collect();
    let same = |e: &Extracted, c: &Fact, span: (usize, usize)| {
        let overlap = e.start < span.1 && span.0 < e.end;
        overlap && e.fact.value.abs() == c.value.abs()
    };
    let correct = |e: &Extracted, c: &Fact| {
        e.fact.value == c.value
            && e.fact.unit == c.unit
            && e.fact.kind == c.kind
            && e.fact.bound == c.bound
            && e.fact.year == c.year
            && e.fact.value_hi == c.value_hi
    };
    let mut score = Score { extracted: extracted.len(), curated: curated.len(), ..Score::default() };
    let mut curated_hit = vec![false; curated.len()];
    let mut new = Vec::new();
    for (x, e) in extracted.iter().enumerate() {
        let mut hit = false;
        for (k, c) in curated.iter().enumerate() {
            if let Some(span) = spans[k]
                && same(e, c, span)
                && correct(e, c)
            {
                hit = true;
                curated_hit[k] = true;
            }
        }
        if hit {
            score.correct_extracted += 1;
        } else {
            new.push(x);
        }
    }
    score.correct_curated = curated_hit.iter().filter(|h| **h).count();
    let missed = curated_hit.iter().enumerate().filter(|(_, h)| !**h).map(|(k, _)| k).collect();
    (score, new, missed)
}
