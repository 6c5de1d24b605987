//! The unit registry: every unit the reports use, with its dimension, base unit and exact factor.
//!
//! Units are written as in the reports (`亿元`, `万亩`, `亿斤`, `万人次`, `%`). Each belongs to one
//! [`Dimension`]; values of the same dimension compare after normalisation to the dimension's base
//! unit. Factors are exact decimals (`亿` = 10^8, `斤` = 0.5 公斤, `公顷` = 15 亩), so normalising a
//! [`Decimal`] is exact and `1.1` 亿元 equals `11000` 万元 to the last bit.
//!
//! Counted nouns (个 家 户 所 套 件 项 株 场 …) are each their own dimension (家 and 户 do not
//! compare), and 万, 亿 or 万亿 combine with any of them (万个, 万头, 亿件) and with every unit of
//! amount (万亿斤, 亿千瓦, 万亿美元). A bare 万 or 亿 with no noun (3300万) is a plain number, and an
//! index written without a unit (居民消费价格指数103) has the unit `指数`.
//!
//! ```
//! use zhibiao_core::units;
//! let grain_2023 = units::lookup("亿斤").unwrap();
//! let grain_target = units::lookup("万吨").unwrap();
//! assert_eq!(grain_2023.dimension(), grain_target.dimension());
//! assert_eq!(grain_2023.base(), "公斤");
//! let v = grain_2023.to_base("24.16".parse().unwrap()).unwrap();
//! assert_eq!(v.to_f64(), 1_208_000_000.0);
//! ```

use crate::Decimal;
use std::fmt;

/// A physical or counted dimension. Two units compare only when their dimensions are equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// Renminbi (base 元).
    Yuan,
    /// US dollars (base 美元); currencies are never converted into each other.
    UsDollar,
    /// Euros (base 欧元).
    Euro,
    /// Mass: 斤 and 吨 alike (base 公斤).
    Mass,
    /// Farm and forest land (base 亩).
    LandArea,
    /// Floor and built area (base 平方米).
    Area,
    /// Length (base 米).
    Length,
    /// A percentage (base %).
    Percent,
    /// A change in percentage points (base 个百分点).
    PercentagePoint,
    /// A rank or place (base 位).
    Rank,
    /// A multiple (base 倍).
    Multiple,
    /// Age in years (base 岁).
    Age,
    /// A duration in clock time (base 分钟).
    Duration,
    /// A number of working days (base 个工作日).
    WorkingDays,
    /// A number of years (base 年).
    Years,
    /// A number of months (base 个月).
    Months,
    /// Electric power (base 千瓦).
    Power,
    /// Energy (base 千瓦时).
    Energy,
    /// Energy as standard coal (base 吨标准煤).
    StandardCoal,
    /// Volume (base 立方米).
    Volume,
    /// An index without a unit (居民消费价格指数103; base 指数).
    Index,
    /// A plain number written with a bare 万 or 亿 and no noun (3300万; base 1).
    Plain,
    /// A count of the named noun (its own base).
    Count(&'static str),
}

impl Dimension {
    /// A lowercase English label (`land area`, `count of 家`).
    fn label(&self) -> &'static str {
        match self {
            Dimension::Yuan => "renminbi",
            Dimension::UsDollar => "us dollars",
            Dimension::Euro => "euros",
            Dimension::Mass => "mass",
            Dimension::LandArea => "land area",
            Dimension::Area => "floor area",
            Dimension::Length => "length",
            Dimension::Percent => "percent",
            Dimension::PercentagePoint => "percentage points",
            Dimension::Rank => "rank",
            Dimension::Multiple => "multiple",
            Dimension::Age => "age",
            Dimension::Duration => "duration",
            Dimension::WorkingDays => "working days",
            Dimension::Years => "years",
            Dimension::Months => "months",
            Dimension::Power => "power",
            Dimension::Energy => "energy",
            Dimension::StandardCoal => "standard coal",
            Dimension::Volume => "volume",
            Dimension::Index => "index",
            Dimension::Plain => "plain number",
            Dimension::Count(_) => "count",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dimension::Count(noun) => write!(f, "count of {noun}"),
            other => f.write_str(other.label()),
        }
    }
}

/// One unit of the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    name: &'static str,
    dimension: Dimension,
    base: &'static str,
    factor_mantissa: i128,
    factor_exponent: i32,
}

impl Unit {
    /// The unit as written (`万亩`).
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Its dimension.
    pub fn dimension(&self) -> Dimension {
        self.dimension
    }

    /// The base unit of its dimension (`亩`).
    pub fn base(&self) -> &'static str {
        self.base
    }

    /// The exact factor to the base unit (`万亩` → 10000).
    pub fn factor(&self) -> Decimal {
        Decimal::new(self.factor_mantissa, self.factor_exponent)
    }

    /// The factor as the nearest `f64` (what a float engine multiplies by).
    pub fn factor_f64(&self) -> f64 {
        self.factor().to_f64()
    }

    /// `value` in the base unit, exactly; `None` only on overflow of 36 significant digits.
    pub fn to_base(&self, value: Decimal) -> Option<Decimal> {
        value.scaled(self.factor_mantissa, self.factor_exponent)
    }
}

/// A unit name that is not in the registry.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown unit \"{name}\" (known units: {})", known_units_hint())]
pub struct UnknownUnit {
    /// The name looked up.
    pub name: String,
}

/// Units with their own dimension: (name, dimension, base, factor mantissa, factor exponent).
const NAMED: &[(&str, Dimension, &str, i128, i32)] = &[
    ("元", Dimension::Yuan, "元", 1, 0),
    ("万元", Dimension::Yuan, "元", 1, 4),
    ("亿元", Dimension::Yuan, "元", 1, 8),
    ("万亿元", Dimension::Yuan, "元", 1, 12),
    ("美元", Dimension::UsDollar, "美元", 1, 0),
    ("万美元", Dimension::UsDollar, "美元", 1, 4),
    ("亿美元", Dimension::UsDollar, "美元", 1, 8),
    ("欧元", Dimension::Euro, "欧元", 1, 0),
    ("万欧元", Dimension::Euro, "欧元", 1, 4),
    ("亿欧元", Dimension::Euro, "欧元", 1, 8),
    ("公斤", Dimension::Mass, "公斤", 1, 0),
    ("斤", Dimension::Mass, "公斤", 5, -1),
    ("万斤", Dimension::Mass, "公斤", 5, 3),
    ("亿斤", Dimension::Mass, "公斤", 5, 7),
    ("吨", Dimension::Mass, "公斤", 1, 3),
    ("万吨", Dimension::Mass, "公斤", 1, 7),
    ("亿吨", Dimension::Mass, "公斤", 1, 11),
    ("亩", Dimension::LandArea, "亩", 1, 0),
    ("万亩", Dimension::LandArea, "亩", 1, 4),
    ("公顷", Dimension::LandArea, "亩", 15, 0),
    ("万公顷", Dimension::LandArea, "亩", 15, 4),
    ("平方米", Dimension::Area, "平方米", 1, 0),
    ("万平方米", Dimension::Area, "平方米", 1, 4),
    ("平方公里", Dimension::Area, "平方米", 1, 6),
    ("米", Dimension::Length, "米", 1, 0),
    ("公里", Dimension::Length, "米", 1, 3),
    ("万公里", Dimension::Length, "米", 1, 7),
    ("%", Dimension::Percent, "%", 1, 0),
    ("％", Dimension::Percent, "%", 1, 0),
    ("‰", Dimension::Percent, "%", 1, -1),
    ("指数", Dimension::Index, "指数", 1, 0),
    ("万", Dimension::Plain, "1", 1, 4),
    ("亿", Dimension::Plain, "1", 1, 8),
    ("万亿", Dimension::Plain, "1", 1, 12),
    ("个百分点", Dimension::PercentagePoint, "个百分点", 1, 0),
    ("百分点", Dimension::PercentagePoint, "个百分点", 1, 0),
    ("位", Dimension::Rank, "位", 1, 0),
    ("倍", Dimension::Multiple, "倍", 1, 0),
    ("岁", Dimension::Age, "岁", 1, 0),
    ("分钟", Dimension::Duration, "分钟", 1, 0),
    ("小时", Dimension::Duration, "分钟", 6, 1),
    ("天", Dimension::Duration, "分钟", 144, 1),
    ("个工作日", Dimension::WorkingDays, "个工作日", 1, 0),
    ("工作日", Dimension::WorkingDays, "个工作日", 1, 0),
    ("年", Dimension::Years, "年", 1, 0),
    ("个月", Dimension::Months, "个月", 1, 0),
    ("千瓦", Dimension::Power, "千瓦", 1, 0),
    ("万千瓦", Dimension::Power, "千瓦", 1, 4),
    ("千瓦时", Dimension::Energy, "千瓦时", 1, 0),
    ("万千瓦时", Dimension::Energy, "千瓦时", 1, 4),
    ("亿千瓦时", Dimension::Energy, "千瓦时", 1, 8),
    ("吨标准煤", Dimension::StandardCoal, "吨标准煤", 1, 0),
    ("万吨标准煤", Dimension::StandardCoal, "吨标准煤", 1, 4),
    ("立方米", Dimension::Volume, "立方米", 1, 0),
    ("万立方米", Dimension::Volume, "立方米", 1, 4),
    ("亿立方米", Dimension::Volume, "立方米", 1, 8),
];

/// Counted nouns: each is its own dimension and base; 万 and 亿 combine with every one.
pub const COUNTED_NOUNS: &[&str] = &[
    "个",
    "家",
    "户",
    "所",
    "套",
    "件",
    "项",
    "株",
    "场",
    "列",
    "篇",
    "期",
    "头",
    "间",
    "条",
    "座",
    "栋",
    "桌",
    "道",
    "款",
    "单",
    "次",
    "辆",
    "台",
    "处",
    "人",
    "人次",
    "名",
    "家次",
    "只",
    "批",
    "部",
    "张",
    "本",
    "册",
    "棵",
    "艘",
    "架",
    "宗",
    "笔",
    "根",
    "片",
    "例",
    "起",
    "趟",
    "班",
    "门",
    "首",
    "届",
    "类",
    "种",
    "级",
    "村",
    "镇",
    "床",
    "户次",
    "标箱",
    "枚",
    "辆次",
    "架次",
    "艘次",
    "轮",
    "支",
    "盏",
    "口",
    "重量箱",
];

/// Units of amount that 万, 亿 and 万亿 scale (亿千瓦, 万亿斤): the base entries of `NAMED`.
const SCALABLE: &[&str] =
    &["元", "美元", "欧元", "斤", "吨", "亩", "公顷", "平方米", "公里", "千瓦", "千瓦时", "吨标准煤", "立方米"];

/// The multiplier prefixes and their powers of ten.
const PREFIXES: &[(&str, i32)] = &[("万亿", 12), ("亿", 8), ("万", 4)];

/// Looks a unit up by the name written in a fact.
pub fn lookup(name: &str) -> Result<Unit, UnknownUnit> {
    registry().get(name).copied().ok_or_else(|| UnknownUnit { name: name.to_owned() })
}

/// Every unit by name, built once: `NAMED`, the counted nouns, and the prefixed units (万亩 is in
/// `NAMED`; 万亿斤, 亿千瓦 and 万人次 are made here). A name in `NAMED` is never shadowed.
fn registry() -> &'static std::collections::HashMap<&'static str, Unit> {
    use std::sync::OnceLock;
    static REGISTRY: OnceLock<std::collections::HashMap<&'static str, Unit>> = OnceLock::new();
    REGISTRY.get_or_init(|| {
        let mut all = std::collections::HashMap::new();
        for &(name, dimension, base, m, e) in NAMED {
            all.entry(name).or_insert(Unit { name, dimension, base, factor_mantissa: m, factor_exponent: e });
        }
        for &noun in COUNTED_NOUNS {
            let unit = Unit {
                name: noun,
                dimension: Dimension::Count(noun),
                base: noun,
                factor_mantissa: 1,
                factor_exponent: 0,
            };
            all.entry(noun).or_insert(unit);
        }
        for &(prefix, exponent) in PREFIXES {
            for base in SCALABLE {
                let Some(&(_, dimension, base_name, m, e)) = NAMED.iter().find(|u| u.0 == *base) else { continue };
                let name = format!("{prefix}{base}");
                if all.contains_key(name.as_str()) {
                    continue;
                }
                let name: &'static str = Box::leak(name.into_boxed_str());
                all.insert(
                    name,
                    Unit { name, dimension, base: base_name, factor_mantissa: m, factor_exponent: e + exponent },
                );
            }
            for noun in COUNTED_NOUNS {
                let name: &'static str = Box::leak(format!("{prefix}{noun}").into_boxed_str());
                let unit = Unit {
                    name,
                    dimension: Dimension::Count(noun),
                    base: noun,
                    factor_mantissa: 1,
                    factor_exponent: exponent,
                };
                all.entry(name).or_insert(unit);
            }
        }
        all
    })
}

/// Every unit name the registry accepts without the 万/亿 prefixes of counted nouns.
pub fn known_names() -> impl Iterator<Item = &'static str> {
    NAMED.iter().map(|u| u.0).chain(COUNTED_NOUNS.iter().copied())
}

fn known_units_hint() -> String {
    let mut names: Vec<&str> = NAMED.iter().map(|u| u.0).collect();
    names.extend(COUNTED_NOUNS.iter().copied());
    format!("{}; 万, 亿 or 万亿 before any counted noun or amount", names.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(value: &str, unit: &str) -> String {
        let u = lookup(unit).unwrap();
        format!("{} {}", u.to_base(value.parse().unwrap()).unwrap(), u.base())
    }

    #[test]
    fn normalises_exactly() {
        assert_eq!(base("1.1", "亿元"), "110000000 元");
        assert_eq!(base("11000", "万元"), "110000000 元");
        assert_eq!(base("24.16", "亿斤"), "1208000000 公斤");
        assert_eq!(base("117", "万吨"), "1170000000 公斤");
        assert_eq!(base("1.76", "万个"), "17600 个");
        assert_eq!(base("124.5", "万人次"), "1245000 人次");
        assert_eq!(base("3", "公顷"), "45 亩");
        assert_eq!(base("1.5", "小时"), "90 分钟");
        assert_eq!(base("-26.8", "%"), "-26.8 %");
        assert_eq!(base("2", "％"), "2 %");
        assert_eq!(base("1.3", "万亿斤"), "650000000000 公斤");
        assert_eq!(base("3300", "万"), "33000000 1");
        assert_eq!(base("6.3", "‰"), "0.63 %");
        assert_eq!(base("2", "亿千瓦"), "200000000 千瓦");
        assert_eq!(base("1.2", "万标箱"), "12000 标箱");
    }

    #[test]
    fn dimensions_separate_what_does_not_compare() {
        let dim = |u: &str| lookup(u).unwrap().dimension();
        assert_eq!(dim("亿斤"), dim("吨"));
        assert_eq!(dim("万人"), dim("人"));
        assert_ne!(dim("家"), dim("户"));
        assert_ne!(dim("人"), dim("人次"));
        assert_ne!(dim("%"), dim("个百分点"));
        assert_ne!(dim("亿元"), dim("亿美元"));
        assert_eq!(dim("万间"), Dimension::Count("间"));
    }

    #[test]
    fn unknown_units_list_the_known_ones() {
        let err = lookup("亿英镑").unwrap_err();
        let msg = err.to_string();
        assert!(msg.starts_with("unknown unit \"亿英镑\" (known units: 元 万元 亿元"), "{msg}");
        assert!(msg.ends_with("万, 亿 or 万亿 before any counted noun or amount)"), "{msg}");
        assert_eq!(lookup("万").unwrap().dimension(), Dimension::Plain);
        assert!(lookup("").is_err());
        assert!(lookup("万万元").is_err());
    }

    #[test]
    fn every_named_unit_and_prefixed_noun_resolves_to_itself() {
        for name in known_names() {
            assert_eq!(lookup(name).unwrap().name(), name);
        }
        for noun in COUNTED_NOUNS {
            for prefixed in [format!("万{noun}"), format!("亿{noun}")] {
                assert_eq!(lookup(&prefixed).unwrap().name(), prefixed);
            }
        }
    }
}

/// How a value becomes a base value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Normalise {
    /// Exactly, as decimals, then rounded once to the nearest `f64` (the default: restating a value
    /// in another unit never changes its base value).
    #[default]
    Exact,
    /// As the benchmark's SPEC §3 states it: the value as the nearest `f64`, times the factor as an
    /// `f64`, one float multiply (so `1.1` 亿元 is 110000000.00000001 元).
    Float64,
}

/// A unit as resolved for one dataset: from the registry, or from an analyst's `units.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The name as written.
    pub name: String,
    /// Units with equal dimension keys compare (the registry's dimension, or a table's base unit).
    pub dimension: String,
    /// The base unit.
    pub base: String,
    /// The exact factor to the base unit.
    pub factor: Decimal,
    /// The factor as an `f64` (as written in a table, parsed once).
    pub factor_f64: f64,
}

impl Resolved {
    /// `value` in the base unit as an `f64`, the way `mode` says; `None` on decimal overflow.
    pub fn to_base(&self, value: Decimal, mode: Normalise) -> Option<f64> {
        match mode {
            Normalise::Exact => value.scaled(self.factor.mantissa(), self.factor.exponent()).map(Decimal::to_f64),
            Normalise::Float64 => Some(value.to_f64() * self.factor_f64),
        }
    }

    /// `value` in the base unit as an exact decimal.
    pub fn to_base_exact(&self, value: Decimal) -> Option<Decimal> {
        value.scaled(self.factor.mantissa(), self.factor.exponent())
    }
}

impl From<Unit> for Resolved {
    fn from(u: Unit) -> Resolved {
        Resolved {
            name: u.name().to_owned(),
            dimension: u.dimension().to_string(),
            base: u.base().to_owned(),
            factor: u.factor(),
            factor_f64: u.factor_f64(),
        }
    }
}

/// Where units are looked up.
#[derive(Clone, Copy, Debug, Default)]
pub enum Units<'a> {
    /// The built-in registry.
    #[default]
    Registry,
    /// An analyst's `units.csv` (`unit,base_unit,factor`).
    Table(&'a std::collections::HashMap<String, Resolved>),
}

/// Why a unit name does not resolve.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum UnitError {
    /// Not in the built-in registry.
    #[error(transparent)]
    Registry(#[from] UnknownUnit),
    /// Not in the analyst's units file.
    #[error("unknown unit \"{name}\" (the units file lists: {})", listed.join(" "))]
    Table {
        /// The name looked up.
        name: String,
        /// The units the file lists, sorted.
        listed: Vec<String>,
    },
}

impl Units<'_> {
    /// Resolves a unit name, or says why not.
    pub fn resolve(&self, name: &str) -> Result<Resolved, UnitError> {
        match self {
            Units::Registry => Ok(lookup(name).map(Resolved::from)?),
            Units::Table(table) => table.get(name).cloned().ok_or_else(|| {
                let mut listed: Vec<String> = table.keys().cloned().collect();
                listed.sort_unstable();
                UnitError::Table { name: name.to_owned(), listed }
            }),
        }
    }
}

/// Parses a factor such as `1e8`, `10000`, `0.5` exactly.
pub fn parse_factor(text: &str) -> Option<Decimal> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].strip_prefix('+').unwrap_or(&text[i + 1..]).parse::<i32>().ok()?),
        None => (text, 0),
    };
    let m: Decimal = mantissa.parse().ok()?;
    m.scaled(1, exponent)
}
