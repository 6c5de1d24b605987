//! The assessment rules as plain scalar functions: the readable specification.
//!
//! A target for year Y is paired with the result for the same (indicator, region, year): the
//! `actual` if there is one, else the `estimate` (the pairing's *basis*). Values are compared in base
//! units. The polars engine (`zhibiao-frame`) implements the same rules column-wise, and a proptest
//! requires both to agree on random facts.
//!
//! # The rules
//!
//! * **sense** = +1 for `ge`/`gt`, −1 for `le`/`lt`; for `eq`, `approx` and `range` it follows the
//!   indicator's direction (up +1, down −1). Direction `none` with `eq`/`approx`/`range` is
//!   two-sided (below).
//! * **reference**: the target value; for a range, its low end when sense is +1 and its high end when
//!   −1.
//! * **gap** = (actual − reference) × sense; **rel_gap** = gap / |reference| (none when it is 0).
//! * **tol** = 0.5 percentage points when the base unit is `%`, else 5% of |reference|
//!   ([`Tolerance`] makes both configurable).
//! * **status**: `met` if (gt/lt and gap > 0) or (ge/le/eq/range and gap ≥ 0) or (approx and
//!   gap ≥ −tol); else `near` if gap ≥ −tol; else `missed`. A target with no result is `pending`.
//! * **Direction `none`** (a value to hit, not to beat): with `eq` or `approx`, gap = −|actual −
//!   target|, `met` when gap ≥ −tol, else `missed`; with `range`, gap = −(distance outside the
//!   range), `met` inside it, `near` within tol of it, else `missed`.
//!
//! These are exactly the rules of the reference benchmark (its SPEC §4, which has no estimates,
//! ranges or direction `none`), extended to them.
//!
//! ```
//! use zhibiao_core::assess::{judge, Status, Tolerance};
//! use zhibiao_core::{Bound, Direction};
//!
//! // GDP growth: target 7.5%, result 1.6% → missed by 5.9 points.
//! let j = judge(Bound::Eq, 7.5, None, Direction::Up, "%", 1.6, Tolerance::default());
//! assert_eq!(j.status, Status::Missed);
//! assert!((j.gap + 5.9).abs() < 1e-12);
//!
//! // Grain output: target ≥117万吨, result 24.16亿斤 (compared in 公斤) → met.
//! let j = judge(Bound::Ge, 1.17e9, None, Direction::Up, "公斤", 1.208e9, Tolerance::default());
//! assert_eq!(j.status, Status::Met);
//! ```

use crate::Decimal;
use crate::model::{Bound, Direction, Fact, Indicator, Kind};
use crate::units::{Normalise, Units};
use std::collections::HashMap;

/// How far below a target still counts as `near` (and as `met` for `approx`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tolerance {
    /// Absolute tolerance, in percentage points, when the base unit is `%` (default 0.5).
    pub percent_points: f64,
    /// Relative tolerance, a fraction of |target|, for every other unit (default 0.05).
    pub relative: f64,
}

impl Default for Tolerance {
    fn default() -> Tolerance {
        Tolerance { percent_points: 0.5, relative: 0.05 }
    }
}

impl Tolerance {
    /// The tolerance for a reference value in `base_unit`.
    pub fn for_target(&self, base_unit: &str, reference: f64) -> f64 {
        if base_unit == "%" { self.percent_points } else { self.relative * reference.abs() }
    }
}

crate::vocabulary! {
    /// The outcome of a target.
    Status {
        /// The result reaches the target.
        Met => "met",
        /// The result falls short by no more than the tolerance.
        Near => "near",
        /// The result falls short by more than the tolerance.
        Missed => "missed",
        /// No result is stated for the target's year.
        Pending => "pending",
    }
}

impl Status {
    /// Whether `self` is at least as good as `other` (met > near > missed).
    pub fn at_least(self, other: Status) -> bool {
        self.rank() >= other.rank()
    }

    fn rank(self) -> u8 {
        match self {
            Status::Met => 3,
            Status::Near => 2,
            Status::Missed => 1,
            Status::Pending => 0,
        }
    }
}

/// The judgement of one paired target.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Judgement {
    /// +1, −1, or 0 for the two-sided rules of direction `none`.
    pub sense: f64,
    /// The target value compared with (a range's low or high end).
    pub reference: f64,
    /// How far the result is beyond the target (negative: short of it), in base units.
    pub gap: f64,
    /// gap / |reference|, none when the reference is 0.
    pub rel_gap: Option<f64>,
    /// The tolerance used.
    pub tol: f64,
    /// The status.
    pub status: Status,
}

/// The sense of a target: +1 when more is better, −1 when less is, 0 when two-sided.
pub fn sense(bound: Bound, direction: Direction) -> f64 {
    match (bound, direction) {
        (Bound::Ge | Bound::Gt, _) => 1.0,
        (Bound::Le | Bound::Lt, _) => -1.0,
        (_, Direction::Up) => 1.0,
        (_, Direction::Down) => -1.0,
        (_, Direction::None) => 0.0,
    }
}

/// Judges a result against a target, both in the same base unit.
///
/// `target` is the target's value (a range's low end) and `target_hi` a range's high end.
pub fn judge(
    bound: Bound,
    target: f64,
    target_hi: Option<f64>,
    direction: Direction,
    base_unit: &str,
    actual: f64,
    tolerance: Tolerance,
) -> Judgement {
    let s = sense(bound, direction);
    let hi = target_hi.unwrap_or(target);
    let (reference, gap) = if s > 0.0 {
        (target, (actual - target) * s)
    } else if s < 0.0 {
        let reference = if bound == Bound::Range { hi } else { target };
        (reference, (actual - reference) * s)
    } else if bound == Bound::Range {
        // two-sided range: distance outside [target, hi], measured from the nearer end
        if actual < target {
            (target, actual - target)
        } else if actual > hi {
            (hi, hi - actual)
        } else {
            (if actual - target <= hi - actual { target } else { hi }, 0.0)
        }
    } else {
        (target, -(actual - target).abs())
    };
    let tol = tolerance.for_target(base_unit, reference);
    let met = match bound {
        Bound::Gt | Bound::Lt => gap > 0.0,
        Bound::Ge | Bound::Le | Bound::Eq | Bound::Range => gap >= 0.0,
        Bound::Approx => gap >= -tol,
    };
    let two_sided_point = s == 0.0 && bound != Bound::Range;
    let status = if met || (two_sided_point && gap >= -tol) {
        Status::Met
    } else if gap >= -tol && !two_sided_point {
        Status::Near
    } else {
        Status::Missed
    };
    let rel_gap = (reference != 0.0).then(|| gap / reference.abs());
    Judgement { sense: s, reference, gap, rel_gap, tol, status }
}

crate::vocabulary! {
    /// Which result a target was paired with.
    Basis {
        /// The actual result.
        Actual => "actual",
        /// The estimate (预计), for want of an actual.
        Estimate => "estimate",
        /// No number pairs, but the next report states its own verdict on the target (未达预期,
        /// 完成计划目标): `data/verdicts.csv`.
        Stated => "stated",
    }
}

impl Basis {
    /// The basis a result of `kind` provides (targets provide none).
    pub fn of(kind: Kind) -> Option<Basis> {
        match kind {
            Kind::Actual => Some(Basis::Actual),
            Kind::Estimate => Some(Basis::Estimate),
            Kind::Target => None,
        }
    }
}

/// The ambition of a target: how far it reaches beyond the previous year's result.
///
/// For `%` base units it is the difference in percentage points; otherwise the ratio − 1 (none when
/// the previous result is 0). GDP 2024 target 6% against the 2023 result 1.6% is +4.4 points.
///
/// ```
/// use zhibiao_core::assess::ambition;
/// assert!((ambition("%", 6.0, 1.6).unwrap() - 4.4).abs() < 1e-12);
/// assert_eq!(ambition("亩", 110.0, 100.0), Some(0.10000000000000009));
/// assert_eq!(ambition("元", 5.0, 0.0), None);
/// ```
pub fn ambition(base_unit: &str, target: f64, previous: f64) -> Option<f64> {
    if base_unit == "%" {
        Some(target - previous)
    } else if previous == 0.0 {
        None
    } else {
        Some(target / previous - 1.0)
    }
}

/// A fact with its value in base units.
#[derive(Clone, Debug, PartialEq)]
pub struct Normalised<'a> {
    /// The fact as stated.
    pub fact: &'a Fact,
    /// The fact's unit, resolved (its base unit is `unit.base`).
    pub unit: crate::units::Resolved,
    /// The value in the base unit.
    pub value_base: f64,
    /// A range's upper end in the base unit.
    pub value_hi_base: Option<f64>,
}

/// Normalises every fact whose unit resolves (in a validated dataset, all of them).
pub fn normalise<'a>(facts: &'a [Fact], units: Units<'_>, mode: Normalise) -> Vec<Normalised<'a>> {
    let mut cache: HashMap<&str, Option<crate::units::Resolved>> = HashMap::new();
    facts
        .iter()
        .filter_map(|fact| {
            let unit = cache.entry(fact.unit.as_str()).or_insert_with(|| units.resolve(&fact.unit).ok()).as_ref()?;
            let value_base = unit.to_base(fact.value, mode)?;
            let value_hi_base = match fact.value_hi {
                Some(hi) => Some(unit.to_base(hi, mode)?),
                None => None,
            };
            Some(Normalised { fact, unit: unit.clone(), value_base, value_hi_base })
        })
        .collect()
}

/// One target and its outcome: a row of `assessment.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Assessment {
    /// The indicator id.
    pub indicator: String,
    /// Its domain.
    pub domain: String,
    /// The region code.
    pub region: String,
    /// The target's year.
    pub year: i32,
    /// The target's bound.
    pub bound: Bound,
    /// The target as written.
    pub target: Decimal,
    /// A range target's upper end as written.
    pub target_hi: Option<Decimal>,
    /// The target's unit as written.
    pub target_unit: String,
    /// Which result it was paired with (none: pending).
    pub basis: Option<Basis>,
    /// The result as written.
    pub actual: Option<Decimal>,
    /// The result's own bound (a result "超过18%" is judged on 18, and says so here).
    pub actual_bound: Option<Bound>,
    /// The result's unit as written.
    pub actual_unit: Option<String>,
    /// The base unit both are compared in.
    pub unit_base: String,
    /// The target in base units.
    pub target_base: f64,
    /// A range target's upper end in base units.
    pub target_hi_base: Option<f64>,
    /// The result in base units.
    pub actual_base: Option<f64>,
    /// The judgement (none when pending).
    pub judgement: Option<Judgement>,
}

impl Assessment {
    /// The status (`pending` without a result).
    pub fn status(&self) -> Status {
        self.judgement.map_or(Status::Pending, |j| j.status)
    }
}

/// The (indicator, region, year) a target and its result share.
type Cell<'a> = (&'a str, &'a str, i32);

/// Assesses every target of `facts` whose indicator is in `indicators`, in (indicator, region,
/// year) order.
pub fn assess(
    facts: &[Normalised<'_>],
    indicators: &HashMap<String, Indicator>,
    tolerance: Tolerance,
) -> Vec<Assessment> {
    let results = best_results(facts);
    let mut out: Vec<Assessment> = facts
        .iter()
        .filter(|n| n.fact.kind == Kind::Target)
        .filter_map(|t| {
            let indicator = indicators.get(&t.fact.indicator)?;
            let f = t.fact;
            let result = results.get(&(f.indicator.as_str(), f.region.as_str(), f.year));
            let judgement = result.map(|r| {
                judge(
                    f.bound,
                    t.value_base,
                    t.value_hi_base,
                    indicator.direction,
                    &t.unit.base,
                    r.value_base,
                    tolerance,
                )
            });
            Some(Assessment {
                indicator: f.indicator.clone(),
                domain: indicator.domain.clone(),
                region: f.region.clone(),
                year: f.year,
                bound: f.bound,
                target: f.value,
                target_hi: f.value_hi,
                target_unit: f.unit.clone(),
                basis: result.and_then(|r| Basis::of(r.fact.kind)),
                actual: result.map(|r| r.fact.value),
                actual_bound: result.map(|r| r.fact.bound),
                actual_unit: result.map(|r| r.fact.unit.clone()),
                unit_base: t.unit.base.clone(),
                target_base: t.value_base,
                target_hi_base: t.value_hi_base,
                actual_base: result.map(|r| r.value_base),
                judgement,
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.indicator, &a.region, a.year).cmp(&(&b.indicator, &b.region, b.year)));
    out
}

/// For each (indicator, region, year), the actual if stated, else the estimate.
fn best_results<'a, 'f>(facts: &'a [Normalised<'f>]) -> HashMap<Cell<'a>, &'a Normalised<'f>> {
    let mut best: HashMap<Cell<'a>, &'a Normalised<'f>> = HashMap::new();
    for n in facts {
        let Some(basis) = Basis::of(n.fact.kind) else { continue };
        let key = (n.fact.indicator.as_str(), n.fact.region.as_str(), n.fact.year);
        let better = best.get(&key).is_none_or(|old| Basis::of(old.fact.kind).is_some_and(|b| basis < b));
        if better {
            best.insert(key, n);
        }
    }
    best
}

/// A result stated without any target for its year: counted as `untargeted` in summaries.
pub fn untargeted<'a>(facts: &'a [Normalised<'a>]) -> Vec<&'a Normalised<'a>> {
    let targets: std::collections::HashSet<Cell<'_>> = facts
        .iter()
        .filter(|n| n.fact.kind == Kind::Target)
        .map(|n| (n.fact.indicator.as_str(), n.fact.region.as_str(), n.fact.year))
        .collect();
    let results = best_results(facts);
    let mut out: Vec<&Normalised<'_>> =
        results.into_iter().filter(|(k, _)| !targets.contains(k)).map(|(_, n)| n).collect();
    out.sort_by(|a, b| {
        (&a.fact.indicator, &a.fact.region, a.fact.year).cmp(&(&b.fact.indicator, &b.fact.region, b.fact.year))
    });
    out
}

/// A target's ambition against the previous year's result: a row of `ambition.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Ambition {
    /// The indicator id.
    pub indicator: String,
    /// Its domain.
    pub domain: String,
    /// The region code.
    pub region: String,
    /// The target's year.
    pub year: i32,
    /// The target's bound.
    pub bound: Bound,
    /// The target value compared (a range's end per sense, or its midpoint when two-sided), base units.
    pub target_base: f64,
    /// The previous year's result, base units.
    pub previous_base: f64,
    /// Whether the previous result is an actual or an estimate.
    pub previous_basis: Basis,
    /// The base unit.
    pub unit_base: String,
    /// Points (for `%`) or ratio − 1; none when the previous result is 0 and the unit is not `%`.
    pub ambition: Option<f64>,
}

/// The ambition of every target that has a result for the year before, in (indicator, region,
/// year) order.
pub fn ambitions(facts: &[Normalised<'_>], indicators: &HashMap<String, Indicator>) -> Vec<Ambition> {
    let results = best_results(facts);
    let mut out: Vec<Ambition> = facts
        .iter()
        .filter(|n| n.fact.kind == Kind::Target)
        .filter_map(|t| {
            let f = t.fact;
            let indicator = indicators.get(&f.indicator)?;
            let previous = results.get(&(f.indicator.as_str(), f.region.as_str(), f.year - 1))?;
            let target_base = reference(f.bound, t.value_base, t.value_hi_base, indicator.direction);
            Some(Ambition {
                indicator: f.indicator.clone(),
                domain: indicator.domain.clone(),
                region: f.region.clone(),
                year: f.year,
                bound: f.bound,
                target_base,
                previous_base: previous.value_base,
                previous_basis: Basis::of(previous.fact.kind)?,
                unit_base: t.unit.base.clone(),
                ambition: ambition(&t.unit.base, target_base, previous.value_base),
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.indicator, &a.region, a.year).cmp(&(&b.indicator, &b.region, b.year)));
    out
}

/// The single value a target stands for: a range's end by sense, or its midpoint when two-sided.
pub fn reference(bound: Bound, target: f64, target_hi: Option<f64>, direction: Direction) -> f64 {
    match (bound, target_hi) {
        (Bound::Range, Some(hi)) => {
            let s = sense(bound, direction);
            if s > 0.0 {
                target
            } else if s < 0.0 {
                hi
            } else {
                target + (hi - target) / 2.0
            }
        }
        _ => target,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(bound: Bound, target: f64, hi: Option<f64>, direction: Direction, unit: &str, actual: f64) -> Status {
        judge(bound, target, hi, direction, unit, actual, Tolerance::default()).status
    }

    #[test]
    fn the_benchmark_examples() {
        // SPEC §7: economy.gdp_growth (亿元, down), 2024
        let t = |b, target: f64, actual: f64| {
            judge(b, target * 1e8, None, Direction::Down, "元", actual * 1e8, Tolerance::default())
        };
        let j = t(Bound::Approx, 25.0, 25.3);
        assert_eq!(j.status, Status::Met);
        assert!((j.rel_gap.unwrap() + 0.012).abs() < 1e-12);
        assert_eq!(t(Bound::Le, 207.95, 212.55).status, Status::Near);
        assert_eq!(t(Bound::Eq, 13.54, 17.21).status, Status::Missed);
        // economy.gdp_total (亿斤, up)
        let u = |b, target: f64, actual: f64| status(b, target * 1e8, None, Direction::Up, "斤", actual * 1e8);
        assert_eq!(u(Bound::Eq, 92.93, 92.19), Status::Near);
        assert_eq!(u(Bound::Eq, 7.35, 7.46), Status::Met);
        assert_eq!(u(Bound::Ge, 74.72, 78.38), Status::Met);
    }

    #[test]
    fn bounds_and_directions() {
        use Bound::*;
        use Direction::{Down, Up};
        const NONE: Direction = Direction::None;
        // strict bounds need a strictly positive gap
        assert_eq!(status(Gt, 18.0, None, Up, "%", 18.0), Status::Near);
        assert_eq!(status(Ge, 18.0, None, Up, "%", 18.0), Status::Met);
        // le: less is better whatever the direction
        assert_eq!(status(Le, 3.0, None, Up, "%", 2.9), Status::Met);
        assert_eq!(status(Le, 3.0, None, Up, "%", 3.4), Status::Near);
        assert_eq!(status(Le, 3.0, None, Up, "%", 3.6), Status::Missed);
        // a signed bound: 减少50%以上 is le −50
        assert_eq!(status(Le, -50.0, None, Down, "%", -60.0), Status::Met);
        // approx is met within tol below, never near
        assert_eq!(status(Approx, 7.0, None, Up, "%", 6.6), Status::Met);
        assert_eq!(status(Approx, 7.0, None, Up, "%", 6.4), Status::Missed);
        // ranges: low end when up, high end when down
        assert_eq!(status(Range, 6.0, Some(6.5), Up, "%", 6.1), Status::Met);
        assert_eq!(status(Range, 6.0, Some(6.5), Down, "%", 6.6), Status::Near);
        assert_eq!(status(Range, 6.0, Some(6.5), Down, "%", 6.4), Status::Met);
        // direction none: two-sided
        assert_eq!(status(Eq, 3.0, None, NONE, "%", 3.4), Status::Met);
        assert_eq!(status(Eq, 3.0, None, NONE, "%", 2.6), Status::Met);
        assert_eq!(status(Eq, 3.0, None, NONE, "%", 2.4), Status::Missed);
        assert_eq!(status(Range, 2.0, Some(3.0), NONE, "%", 2.5), Status::Met);
        assert_eq!(status(Range, 2.0, Some(3.0), NONE, "%", 3.3), Status::Near);
        assert_eq!(status(Range, 2.0, Some(3.0), NONE, "%", 1.0), Status::Missed);
        // relative tolerance for other units
        assert_eq!(status(Eq, 100.0, None, Up, "元", 95.0), Status::Near);
        assert_eq!(status(Eq, 100.0, None, Up, "元", 94.9), Status::Missed);
    }

    #[test]
    fn rel_gap_is_none_for_a_zero_target() {
        let j = judge(Bound::Le, 0.0, None, Direction::Down, "个", 0.0, Tolerance::default());
        assert_eq!(j.rel_gap, None);
        assert_eq!(j.status, Status::Met);
    }
}
