//! The model: regions, sources, indicators and facts, and their closed vocabularies.

use crate::Decimal;
use std::fmt;

/// Declares a closed vocabulary: an enum whose variants are written as fixed lowercase words, with
/// `ALL`, `as_str`, `expected`, `FromStr` and `Display`. Other crates use it for their own
/// vocabularies (`zhibiao_core::vocabulary!`).
#[macro_export]
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// Every word used in CSV files, in declaration order.
            pub const WORDS: &'static [&'static str] = &[$($text,)+];

            /// The word used in CSV files.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The accepted words, separated by `, ` (for error messages).
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::model::UnknownWord;
            fn from_str(text: &str) -> Result<$name, $crate::model::UnknownWord> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::model::UnknownWord { word: text.to_owned(), expected: $name::WORDS }),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A word that is not in a closed vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("\"{word}\" is not one of {}", expected.join(", "))]
pub struct UnknownWord {
    /// The word read.
    pub word: String,
    /// The vocabulary's words.
    pub expected: &'static [&'static str],
}

vocabulary! {
    /// How a fact came to be.
    Method {
        /// Extracted by the rules, not looked at by a person.
        Extracted => "extracted",
        /// Curated, confirmed, corrected or added by a person.
        Reviewed => "reviewed",
    }
}

vocabulary! {
    /// What a fact states: a result, an estimated result (预计), or a target.
    Kind {
        /// A result stated in the review part of a report.
        Actual => "actual",
        /// A result stated as 预计 (estimated, before the statistics are final).
        Estimate => "estimate",
        /// A figure the plan part of a report sets for a year.
        Target => "target",
    }
}

vocabulary! {
    /// How a stated figure bounds the true value.
    Bound {
        /// Exactly the figure (no qualifier).
        Eq => "eq",
        /// More than the figure (超过, 超, 余, 多).
        Gt => "gt",
        /// At least the figure (以上, 不少于, 不低于).
        Ge => "ge",
        /// Less than the figure.
        Lt => "lt",
        /// At most the figure (以内, 以下, 控制在…以内).
        Le => "le",
        /// About the figure (左右).
        Approx => "approx",
        /// Between `value` and `value_hi` (6%—6.5%).
        Range => "range",
    }
}

vocabulary! {
    /// What kind of quantity an indicator is.
    Measure {
        /// An amount (亿元, 万亩).
        Level => "level",
        /// A year-on-year change in percent.
        Growth => "growth",
        /// A percentage of a whole, within 0–100.
        Share => "share",
        /// A whole number of things.
        Count => "count",
        /// A change in an amount (新增, 净增).
        Increment => "increment",
        /// A place in a ranking.
        Rank => "rank",
        /// A ratio that is not a share (贷存比, per-capita amounts, multiples).
        Ratio => "ratio",
        /// A change in percentage points.
        Change => "change",
        /// An index without a unit (居民消费价格指数103: the previous year is 100).
        Index => "index",
    }
}

vocabulary! {
    /// Which way is better for an indicator.
    Direction {
        /// More is better.
        Up => "up",
        /// Less is better.
        Down => "down",
        /// Neither (a target to hit, not to beat).
        None => "none",
    }
}

vocabulary! {
    /// The administrative level of a region (GB/T 2260).
    RegionLevel {
        /// The nation (100000).
        National => "national",
        /// A province (省), autonomous region or municipality.
        Province => "province",
        /// A prefecture-level city (地级市).
        City => "city",
        /// A city district (市辖区).
        District => "district",
        /// A county (县).
        County => "county",
        /// A county-level city (县级市).
        CountyCity => "county_city",
    }
}

/// A region, identified by its six-digit GB/T 2260 code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// The six-digit code (`421200`).
    pub code: String,
    /// Chinese name (`咸宁市`).
    pub name_zh: String,
    /// English name (`Xianning`).
    pub name_en: String,
    /// Administrative level.
    pub level: RegionLevel,
    /// The enclosing region's code, if any.
    pub parent: Option<String>,
}

/// A source text: one report, pinned by its sha256.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Short id used by facts (`xn2024`).
    pub id: String,
    /// Title (`咸宁市2024年政府工作报告`).
    pub title: String,
    /// Publisher (`咸宁市人民政府`).
    pub publisher: String,
    /// ISO date delivered, when known.
    pub delivered: Option<String>,
    /// The year whose results the report reviews.
    pub year_reviewed: i32,
    /// The year whose targets the report sets.
    pub year_planned: i32,
    /// File name under `data/sources/`.
    pub file: String,
    /// Lowercase hex sha256 of the file's bytes.
    pub sha256: String,
    /// Where the text came from.
    pub origin: Option<String>,
    /// Anything else a reader should know.
    pub note: Option<String>,
}

/// An indicator of a domain's catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Indicator {
    /// `<domain>.<snake_name>` (`economy.gdp_growth`).
    pub id: String,
    /// The owning domain's id (`economy`).
    pub domain: String,
    /// A topic within the domain (`output`), empty in an analyst's minimal catalogue.
    pub topic: String,
    /// Chinese name, empty in a minimal catalogue.
    pub name_zh: String,
    /// English name, empty in a minimal catalogue.
    pub name_en: String,
    /// The canonical unit (any unit of the same dimension may state its facts).
    pub unit: String,
    /// What kind of quantity it is (`level` when a minimal catalogue does not say).
    pub measure: Measure,
    /// Which way is better.
    pub direction: Direction,
    /// One sentence on what is measured.
    pub description: String,
    /// Other names the indicator goes by across reports and eras (国内生产总值增长 / 生产总值增长 /
    /// GDP增长), written like `name_zh`, most specific first (extraction gives a report's figure to
    /// the more specific name when two of them disagree); empty in a minimal catalogue.
    pub aliases: Vec<String>,
}

impl Indicator {
    /// An indicator as a minimal catalogue states it: an id, a domain, a unit and a direction; the
    /// measure `level`, everything else empty.
    ///
    /// ```
    /// use zhibiao_core::{Direction, Indicator, Measure};
    /// let gdp = Indicator::minimal("economy.gdp", "economy", "亿元", Direction::Up);
    /// assert_eq!((gdp.measure, gdp.topic.as_str()), (Measure::Level, ""));
    /// ```
    pub fn minimal(id: &str, domain: &str, unit: &str, direction: Direction) -> Indicator {
        Indicator {
            id: id.to_owned(),
            domain: domain.to_owned(),
            topic: String::new(),
            name_zh: String::new(),
            name_en: String::new(),
            unit: unit.to_owned(),
            measure: Measure::Level,
            direction,
            description: String::new(),
            aliases: Vec::new(),
        }
    }
}

/// One stated figure: the row of a facts file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    /// The indicator id.
    pub indicator: String,
    /// The region code.
    pub region: String,
    /// The year the figure is about.
    pub year: i32,
    /// Result, estimate or target.
    pub kind: Kind,
    /// How the figure bounds the value.
    pub bound: Bound,
    /// The figure, signed (declines are negative), in `unit`.
    pub value: Decimal,
    /// The upper end of a range.
    pub value_hi: Option<Decimal>,
    /// The unit as written.
    pub unit: String,
    /// The source id (required in curated data).
    pub source: Option<String>,
    /// The exact substring of the source that states the figure (required in curated data).
    pub quote: Option<String>,
    /// A note for readers.
    pub note: Option<String>,
}

vocabulary! {
    /// What a report says of its own target when it gives no number.
    Verdict {
        /// 完成, 达到, 超额完成, 好于预期.
        Met => "met",
        /// 未达预期, 未完成, 低于预期.
        Missed => "missed",
    }
}

/// A report's own verdict on a target of a year, per indicator it names, with its quote (a row of
/// `data/verdicts.csv`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatedVerdict {
    /// The indicator named.
    pub indicator: String,
    /// The region code.
    pub region: String,
    /// The year judged.
    pub year: i32,
    /// The verdict.
    pub verdict: Verdict,
    /// The source id.
    pub source: String,
    /// The exact substring of the source that states it.
    pub quote: String,
    /// A note for readers.
    pub note: Option<String>,
}

/// A fact with where its quote stands in its source and how it came to be (a row of a panel drawn
/// from the corpus).
#[derive(Clone, Debug, PartialEq)]
pub struct AnchoredFact {
    /// The fact.
    pub fact: Fact,
    /// Offset of the quote in the source text, in Unicode scalar values from 0.
    pub start: usize,
    /// Offset just past the quote.
    pub end: usize,
    /// Extracted, or reviewed by a person.
    pub method: Method,
}

impl Fact {
    /// The key that is unique within a dataset.
    pub fn key(&self) -> FactKey<'_> {
        FactKey { indicator: &self.indicator, region: &self.region, year: self.year, kind: self.kind }
    }
}

/// (indicator, region, year, kind): at most one fact per key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FactKey<'a> {
    /// The indicator id.
    pub indicator: &'a str,
    /// The region code.
    pub region: &'a str,
    /// The year.
    pub year: i32,
    /// The kind.
    pub kind: Kind,
}

impl fmt::Display for FactKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "({}, {}, {}, {})", self.indicator, self.region, self.year, self.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabularies_round_trip() {
        for b in Bound::ALL {
            assert_eq!(b.as_str().parse::<Bound>(), Ok(*b));
        }
        assert_eq!(Kind::expected(), "actual, estimate, target");
        assert!("Target".parse::<Kind>().is_err());
        assert_eq!(RegionLevel::CountyCity.to_string(), "county_city");
    }
}
