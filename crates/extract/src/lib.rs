//! Candidate facts straight from the text of a government work report (政府工作报告).
//!
//! [`extract`] reads a report the way a curator does, by rules of the genre rather than of one
//! city's files: it finds where the review of the past year ends and the plan for this year begins
//! (from headings such as 一、2023年工作回顾 and 二、2024年工作安排, or the date line), takes every
//! number that states a quantity (`core::numbers::scan` tells them from years, ordinals, section
//! numbering and names), reads its unit, its bound (左右, 以上, 超过, 以内, 余, ranges), its sign
//! (下降, 减少 …), whether it is estimated (预计, within its clause), and the phrase that names it,
//! and matches that phrase against a catalogue. Every candidate keeps its exact quote and its
//! character offsets.
//!
//! # Example
//!
//! ```
//! use zhibiao_extract::{extract, Options};
//! let report = "一、2023年工作回顾\n地区生产总值增长1.6%，预计实际利用外资增长46.5%。\n二、2024年工作安排\n地区生产总值增长6%左右。\n";
//! let found = extract(report, &[], &Options::default()).unwrap();
//! let shown: Vec<String> = found.iter().map(|e| format!("{} {} {} {}{} {}", e.fact.year, e.fact.kind, e.fact.bound, e.fact.value, e.fact.unit, e.label_zh)).collect();
//! assert_eq!(shown, [
//!     "2023 actual eq 1.6% 地区生产总值增长",
//!     "2023 estimate eq 46.5% 实际利用外资增长",
//!     "2024 target approx 6% 地区生产总值增长",
//! ]);
//! ```

pub mod eval;
pub mod label;
pub mod layout;

pub use label::Matcher;
pub use layout::{FoundBy, Hints, Layout, PartKind};

use std::collections::HashMap;
use zhibiao_core::{Bound, Decimal, Fact, Indicator, Kind, Measure, units};
use zhibiao_scan::numbers::{Class, Written, scan};
use zhibiao_scan::provenance::chinese_value;

/// What the caller knows that the text may not say.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The source id to record in each fact.
    pub source: Option<String>,
    /// The region code to record in each fact.
    pub region: Option<String>,
    /// The year the report reviews (overrides what the text says).
    pub year_reviewed: Option<i32>,
    /// The year the report was delivered according to something outside the text (a file name):
    /// used only when neither headings nor the date line name a year.
    pub year_delivered: Option<i32>,
    /// Statistics that replaced others under names that do not say which (the domains'
    /// [`zhibiao_core::domain::Domain::successions`]): such a name gets the one in force that year.
    pub successions: Vec<zhibiao_core::domain::Succession>,
}

zhibiao_core::vocabulary! {
    /// How a fact's indicator was found.
    MatchedBy {
        /// The label is one of the indicator's names, and the measure and unit agree.
        Name => "name",
        /// No catalogued indicator has this label with this measure: the indicator is empty.
        None => "none",
        /// The label names an indicator, but the report uses it for a broader measure (地方财政收入
        /// beside a 公共财政预算收入 of another value): the indicator is empty.
        Broader => "broader",
    }
}

/// One candidate fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Extracted {
    /// The fact (its indicator is empty when the label matched no catalogued indicator).
    pub fact: Fact,
    /// What is measured, as a noun phrase with 增长 / 下降 when the figure is a change
    /// (地区生产总值增长, 城镇登记失业率, 粮食产量).
    pub label_zh: String,
    /// The measure the figure states (growth, share, level …), read from its unit and wording.
    pub measure: Measure,
    /// The part of the report it was found in.
    pub part: PartKind,
    /// How the layout was found (how sure the kind and year are).
    pub layout: FoundBy,
    /// How the indicator was found (how sure the match is).
    pub matched_by: MatchedBy,
    /// Offset of the quote in the text, in Unicode scalar values from 0.
    pub start: usize,
    /// Offset just past the quote.
    pub end: usize,
}

/// Why a text cannot be read as a report.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// Neither the text nor the options say which year the report is about.
    #[error(
        "no year found (no heading such as 一、2023年工作回顾 or 二、2024年工作安排, no date line); pass --year-reviewed"
    )]
    NoStructure,
}

/// Clause delimiters: a fact's label starts after the last one before its number.
/// Whether `text` speaks of five years (五年) or names a plan period (十一五 … 十四五, “十五”), or
/// writes one of the words `also` counts for the rule at hand (累计, 年均, 5年 …).
fn names_five_years(text: &str, also: &[&str]) -> bool {
    const FIVE_YEARS: &[&str] = &["五年", "十一五", "十二五", "十三五", "十四五", "“十五”"];
    FIVE_YEARS.iter().chain(also).any(|w| text.contains(w))
}

/// Where the paragraph holding character `at` starts (after the last newline before it).
fn paragraph_start(chars: &[char], at: usize) -> usize {
    (0..at.min(chars.len())).rev().find(|&i| chars[i] == '\n').map_or(0, |i| i + 1)
}

/// Whether a paragraph is an item of a list of paragraphs: it opens with 一是 … 十是, （一） … （十）
/// or a dash (——).
fn is_listed_item(paragraph: &[char]) -> bool {
    const NUMERALS: &str = "一二三四五六七八九十";
    let t: Vec<char> = paragraph.iter().copied().skip_while(|c| c.is_whitespace()).take(5).collect();
    let numbered = t.iter().take_while(|c| NUMERALS.contains(**c)).count();
    (numbered > 0 && t.get(numbered) == Some(&'是'))
        || (matches!(t.first(), Some('（' | '(')) && {
            let inner = t[1..].iter().take_while(|c| NUMERALS.contains(**c)).count();
            inner > 0 && matches!(t.get(1 + inner), Some('）' | ')'))
        })
        || t.starts_with(&['—', '—'])
}

/// The paragraph that leads the list of paragraphs whose item starts at `start` (the first
/// paragraph before it that is not an item, blank lines skipped), when the paragraph at `start` is
/// an item; at most twenty items back.
fn lead_in(chars: &[char], start: usize) -> Option<String> {
    let line_end = |from: usize| (from..chars.len()).find(|&i| chars[i] == '\n').unwrap_or(chars.len());
    if !is_listed_item(&chars[start..line_end(start)]) {
        return None;
    }
    let mut at = start;
    for _ in 0..20 {
        // the previous non-blank line
        let mut end = at.checked_sub(1)?;
        while end > 0 && chars[end - 1].is_whitespace() {
            end -= 1;
        }
        let from = paragraph_start(chars, end);
        let line = &chars[from..end];
        if line.iter().all(|c| c.is_whitespace()) {
            return None;
        }
        if !is_listed_item(line) {
            return Some(line.iter().collect());
        }
        at = from;
    }
    None
}

/// The digits a clause writes, but for those of counts of policy measures (20个方面, 50条措施).
fn counted_digits(clause: &str) -> usize {
    let chars: Vec<char> = clause.chars().collect();
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let mut counted = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_digit(chars[i]) {
            i += 1;
        }
        let after: String = chars[i..(i + 6).min(chars.len())].iter().collect();
        let policy = after.starts_with("个方面")
            || (after.starts_with(['条', '项', '份', '件']) && POLICY_NOUNS.iter().any(|w| after.contains(w)));
        if !policy {
            counted += i - start;
        }
    }
    counted
}

/// Whether a clause opens with 预计 (初步预计, 据初步预计): what follows is an estimate.
fn opens_an_estimate(clause: &str) -> bool {
    ["预计", "初步预计", "据初步预计"].iter().any(|w| clause.trim_start().starts_with(w))
}

fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '\n' | ',' | ';' | ':')
}

const DECLINE: &[&str] = &["下降", "减少", "压减", "回落", "降低", "缩减", "下滑", "削减", "降幅"];

/// The unit written at `at` (after the number), and how many characters it takes: the longest name
/// the registry knows (％ read as %), allowing 余 or 多 between the number and the unit.
fn unit_at(chars: &[char], at: usize) -> Option<(String, usize, bool)> {
    let try_from = |start: usize| -> Option<(String, usize)> {
        for len in (1..=6).rev() {
            let Some(slice) = chars.get(start..start + len) else { continue };
            let name: String = slice.iter().collect();
            let name = if name == "％" { "%".to_owned() } else { name };
            if units::lookup(&name).is_ok() {
                return Some((name, len));
            }
        }
        None
    };
    // 3万余人: the multiplier, then 余/多, then the noun
    if matches!(chars.get(at), Some('万') | Some('亿')) && matches!(chars.get(at + 1), Some('余') | Some('多')) {
        let multiplier = chars[at];
        for len in (1..=4).rev() {
            let Some(slice) = chars.get(at + 2..at + 2 + len) else { continue };
            let name: String = std::iter::once(multiplier).chain(slice.iter().copied()).collect();
            if units::lookup(&name).is_ok() {
                return Some((name, 2 + len, true));
            }
        }
        return Some((multiplier.to_string(), 2, true));
    }
    let mut offset = 0;
    let mut more = false;
    if matches!(chars.get(at), Some('余') | Some('多')) {
        more = true;
        offset = 1;
    }
    try_from(at + offset).map(|(name, len)| (name, offset + len, more))
}

fn halfwidth(text: &str) -> String {
    // a misprinted number keeps a stray space around its point (20 .8%, 12. 9%)
    text.chars()
        .filter(|c| *c != ' ')
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            other => other,
        })
        .collect()
}

/// Whether the words before a figure make it the starting point of a change (…由, …从, 由1997年的,
/// 从居世界第), and the year written there, if any.
fn base_of_change(before: &str, reviewed: i32, planning: bool) -> Option<Option<i32>> {
    let mut rest = before.trim_end().trim_end_matches(['的', '底', '末']);
    // 由上年46亿元增加到92亿元: in the review, the year before the reviewed one; 赤字率从去年的2.1%
    // 提高到2.3% in the plan: the reviewed year
    if let Some(head) = ["上年", "去年", "上一年"].iter().find_map(|w| rest.strip_suffix(w))
        && (head.ends_with('由') || head.ends_with('从'))
    {
        return Some(Some(if planning { reviewed } else { reviewed - 1 }));
    }
    for rank in ["居世界第", "居全国第", "居全省第", "第"] {
        rest = rest.strip_suffix(rank).unwrap_or(rest);
    }
    let (rest, year) = match layout::years_in(rest).last() {
        Some(&(at, y)) if rest.chars().count() == at + 5 => {
            (rest.char_indices().nth(at).map_or(rest, |(b, _)| &rest[..b]), Some(y))
        }
        _ => (rest, None),
    };
    (rest.ends_with('由') || rest.ends_with('从')).then_some(year)
}

/// The statistic a name that does not say which (农村居民收入) means in `year`: the one in force
/// then, as the domains declare (`Options::successions`).
fn statistic_in_force<'a>(
    matcher: &Matcher<'a>,
    indicator: &'a Indicator,
    label: &str,
    year: i32,
    successions: &[zhibiao_core::domain::Succession],
) -> &'a Indicator {
    let id = zhibiao_core::domain::Succession::in_force(successions, &indicator.id, label, year);
    if id == indicator.id { indicator } else { matcher.get(id).unwrap_or(indicator) }
}

/// How many significant digits a figure is written with (10678.4: 6; 2300: 2).
fn significant_digits(value: Decimal) -> usize {
    value.mantissa().unsigned_abs().checked_ilog10().map_or(1, |d| d as usize + 1)
}

/// The bound on the negated value (a bound is stated on the signed value: 压减超10% is < −10).
fn mirror(bound: Bound) -> Bound {
    match bound {
        Bound::Gt => Bound::Lt,
        Bound::Ge => Bound::Le,
        Bound::Lt => Bound::Gt,
        Bound::Le => Bound::Ge,
        other => other,
    }
}

fn negate(value: Decimal) -> Decimal {
    Decimal::new(-value.mantissa(), value.exponent())
}

/// A range's ends, low first.
fn ordered(value: Decimal, value_hi: Option<Decimal>) -> (Decimal, Option<Decimal>) {
    match value_hi {
        Some(h) if h < value => (h, Some(value)),
        other => (value, other),
    }
}

/// Words after a count that make it a count of policy documents or measures, not a figure.
const POLICY_NOUNS: &[&str] = &["措施", "政策", "意见", "举措", "办法", "规定", "条例", "细则", "硬招", "实招", "方面"];

/// Words before a count that make it a count of laws and regulations, not a figure (the genre's
/// paragraph on the rule of law: 制定地方性法规6件, 规章3件), or of a plan's indicators (约束性指标14.5项).
const LEGAL_NOUNS: &[&str] = &["法规", "规章", "规范性文件", "法律议案", "法规议案", "法律", "条例", "指标"];

/// A report as read: its layout and its candidate facts.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The parts, years and main-targets passage.
    pub layout: Layout,
    /// The candidate facts, in text order.
    pub facts: Vec<Extracted>,
}

/// Extracts candidate facts from the text of a report, in text order.
pub fn extract(text: &str, catalogue: &[Indicator], options: &Options) -> Result<Vec<Extracted>, ExtractError> {
    read_report(text, catalogue, options).map(|r| r.facts)
}

/// Reads a report: its layout, then its candidate facts (what [`extract`] returns).
pub fn read_report(text: &str, catalogue: &[Indicator], options: &Options) -> Result<Reading, ExtractError> {
    let chars: Vec<char> = text.chars().collect();
    // the byte offset of each character (and of the end), to borrow passages of the text by
    // character offsets without copying them
    let byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let layout = layout::layout_of(
        &chars,
        Hints { year_reviewed: options.year_reviewed, year_delivered: options.year_delivered },
    );
    if layout.planned == 0 {
        return Err(ExtractError::NoStructure);
    }
    let numbers: Vec<Written> = scan(text).into_iter().filter(|n| n.class == Class::Quantity).collect();
    let matcher = Matcher::new(catalogue);
    let mut out: Vec<Extracted> = Vec::new();
    let mut consumed_until = 0usize;
    // the previous figure: its sentence start and whether it was an estimate (增长19.6% after
    // 规模以上工业增加值预计2190亿元 continues its estimate)
    let mut previous_estimate: Option<usize> = None;
    // the bound a 分别 list's verb gives (分别突破, 分别超过), and the sentence it stands in
    let mut list_bound: Option<(usize, Bound)> = None;
    // where each extracted figure's number starts (parallel to `out`)
    let mut figure_starts: Vec<usize> = Vec::new();
    // the reviewed and the plan year as the text writes them (2015年), once for the report
    let reviewed_year = format!("{}年", layout.reviewed);
    let plan_year = format!("{}年", layout.planned);
    let mut list = label::ListState::default();
    for (k, n) in numbers.iter().enumerate() {
        // a number inside the previous figure (the 万 of 126万亿元)
        if n.start < consumed_until {
            continue;
        }
        let part = layout.part_at(n.start);
        if part.kind == PartKind::Glossary {
            continue;
        }
        // the value and where its unit starts
        let arabic = n.text.chars().next().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
        let (value, unit_from) = if arabic {
            match halfwidth(&n.text).parse::<Decimal>() {
                Ok(v) => (v, n.end),
                Err(_) => continue,
            }
        } else {
            let run: Vec<char> = n.text.chars().collect();
            // 千亿元: the numeral 千, then the unit 亿元
            let (number, unit_from) = match run.last() {
                Some('万') | Some('亿') if run.len() > 1 => (&run[..run.len() - 1], n.end - 1),
                _ => (&run[..], n.end),
            };
            match chinese_value(number) {
                Some(v) => (Decimal::new(i128::from(v), 0), unit_from),
                None => continue,
            }
        };
        // N大: the name of a set (五大优势产业, 三大攻坚战), not a figure
        if !arabic && chars.get(unit_from) == Some(&'大') {
            continue;
        }
        let ranked = n.start > 0 && chars[n.start - 1] == '第';
        let clause_start = (0..n.start).rev().find(|&i| is_clause_break(chars[i])).map_or(0, |i| i + 1);
        // 城镇新增就业47万人以上、城镇调查失业率控制在5.5%以内: figures joined by 、, each after a name
        // of its own, are clauses of their own
        // (新增统调电力装机789万千瓦、高速公路通车里程516公里: the words that open the list, its verb
        // and span, are every item's)
        // (高速公路通车里程由2000公里提高到2382公里 after 新增绿化面积25万亩、: a second figure of the item
        // is the item's too)
        let item_start = match out.last() {
            Some(previous)
                if previous.end > clause_start
                    && previous.end < n.start
                    && chars[previous.end] == '、'
                    && label::names_an_item(&chars[previous.end + 1..n.start].iter().collect::<String>()) =>
            {
                Some(previous.end + 1)
            }
            Some(previous)
                if previous.start > clause_start
                    && previous.end <= n.start
                    && chars[previous.start - 1] == '、'
                    && !chars[previous.end..n.start].contains(&'、') =>
            {
                Some(previous.start)
            }
            _ => None,
        };
        let (clause_start, lead) = match item_start {
            Some(start) => {
                let opening: String = chars[clause_start..start - 1].iter().collect();
                let item: String = chars[start..n.start].iter().collect();
                (start, label::list_lead(&opening, &item))
            }
            None => (clause_start, String::new()),
        };
        let before: String = lead + &chars[clause_start..n.start].iter().collect::<String>();
        let next_is_range = numbers.get(k + 1).is_some_and(|next| {
            let gap: String = chars[unit_from..next.start.max(unit_from)].iter().collect();
            matches!(gap.as_str(), "—" | "-" | "–" | "－" | "～" | "~" | "至" | "到" | "——")
        });
        let (unit, unit_len, more) = match unit_at(&chars, unit_from) {
            // a rank: 居全省第三, 第46位
            _ if ranked => {
                let written = matches!(chars.get(unit_from), Some('位') | Some('名'));
                ("位".to_owned(), usize::from(written), false)
            }
            Some(u) => u,
            // 2—3个: the unit follows the second number
            None if next_is_range => match numbers.get(k + 1).and_then(|next| unit_at(&chars, next.end)) {
                Some((u, _, _)) => (u, 0, false),
                None => continue,
            },
            // 居民消费价格指数103左右: an index has no unit
            None if arabic && before.contains("指数") => ("指数".to_owned(), 0, false),
            None => continue,
        };
        let mut end = unit_from + unit_len;
        // ‰ garbled into %。 by some conversions (人口自然增长率控制在6.5%。以内): a full stop never
        // comes between a figure and its bound
        // (or followed by another full stop, 4.87%。。; and a population rate is per mille, so its
        // “%。” is the garbled sign even at a sentence's end: 人口自然增长率控制在6.5%。); ％o too
        let garbled_per_mille = unit == "%"
            && ((chars.get(end) == Some(&'。')
                && (["以内", "左右", "以下", "以上"]
                    .iter()
                    .any(|w| chars[end + 1..].iter().take(2).copied().eq(w.chars()))
                    || matches!(chars.get(end + 1), Some('；' | '，' | '、' | ';' | ',' | '。'))
                    || ["人口自然增长率", "人口出生率", "人口死亡率"].iter().any(|w| before.contains(w))))
                || matches!(chars.get(end), Some('o' | 'ｏ')));
        let unit = if garbled_per_mille {
            end += 1;
            "‰".to_owned()
        } else {
            unit
        };
        // a sign written twice (农民人均纯收入增长9%%以上) is one
        if matches!(unit.as_str(), "%" | "％") && matches!(chars.get(end), Some('%' | '％')) {
            end += 1;
        }
        let after: String = chars[end..(end + 4).min(chars.len())].iter().collect();
        // range: 6%—6.5%, 6-6.5%
        let mut value_hi = None;
        if let Some(next) = numbers.get(k + 1) {
            let between: String = chars[end.min(next.start)..next.start].iter().collect();
            let between_raw: String = chars[unit_from..next.start.max(unit_from)].iter().collect();
            let is_range_sep =
                |s: &str| matches!(s, "—" | "-" | "–" | "～" | "~" | "至" | "到" | "——" | "－" | "−" | "一");
            if (is_range_sep(&between) || is_range_sep(&between_raw))
                && next.start > n.end
                && let Ok(hi) = halfwidth(&next.text).parse::<Decimal>()
            {
                if let Some((u2, l2, _)) = unit_at(&chars, next.end) {
                    if u2 == unit || between_raw.chars().count() <= 3 {
                        value_hi = Some(hi);
                        end = next.end + l2;
                    }
                } else if is_range_sep(&between_raw) {
                    value_hi = Some(hi);
                    end = unit_from.max(next.end) + unit_len;
                    end = end.min(chars.len());
                }
            }
        }
        let after: String =
            if value_hi.is_some() { chars[end..(end + 4).min(chars.len())].iter().collect() } else { after };
        // counts of policy documents or measures: 出台36条措施, 制定20项政策
        if matches!(unit.as_str(), "条" | "项" | "个" | "份" | "件") && POLICY_NOUNS.iter().any(|w| after.contains(w))
        {
            continue;
        }
        // and of laws and regulations made or repealed, named before the count (制定修订行政法规15部,
        // 提请审议法规议案105件, 废止规范性文件4.6万件)
        let counted = before.trim_end().trim_end_matches(['达', '共', '计']).trim_end_matches("草案");
        if matches!(unit.as_str(), "件" | "万件" | "部" | "项" | "个")
            && LEGAL_NOUNS.iter().any(|w| counted.ends_with(w))
        {
            continue;
        }
        let mut bound = Bound::Eq;
        let written_after = ["左右", "以上", "以内", "以下"].iter().any(|w| after.starts_with(w));
        if value_hi.is_some() {
            bound = Bound::Range;
        } else if after.starts_with("左右") {
            bound = Bound::Approx;
            end += 2;
        } else if after.starts_with("以上") {
            bound = Bound::Ge;
            end += 2;
        } else if after.starts_with("以内") || after.starts_with("以下") {
            bound = Bound::Le;
            end += 2;
        } else if before.ends_with("不超过") || before.ends_with("不高于") {
            bound = Bound::Le;
        } else if before.ends_with("不少于")
            || before.ends_with("不低于")
            || before.ends_with("至少")
            || before.ends_with("突破")
        {
            bound = Bound::Ge;
        } else if more || before.ends_with("超过") || before.ends_with("超") || before.ends_with("高于") {
            bound = Bound::Gt;
        } else if before.ends_with("低于") {
            bound = Bound::Lt;
        } else if before.ends_with('近') || before.ends_with("接近") || before.ends_with("约") {
            bound = Bound::Approx;
        } else if let Some((at, list_bound)) = list_bound
            && at == clause_start
            && matches!(
                chars[consumed_until.min(n.start)..n.start].iter().collect::<String>().trim(),
                "和" | "、" | "及" | "与"
            )
        {
            // 分别突破3万元和1万元: the bound before a 分别 list covers every item
            bound = list_bound;
        }
        // a threshold that names a category, not a figure: 50亿元以上重大项目, 产值超50亿元企业,
        // 突破1000家，达1023家
        let next_char = chars.get(end).copied().unwrap_or('。');
        // (not 3700多万学生, 3万余户群众: 多 and 余 say "more than" of the counted noun that follows)
        let names_a_category = matches!(bound, Bound::Ge | Bound::Gt)
            && !more
            && !is_clause_break(next_char)
            && !matches!(next_char, '、' | '）' | ')' | '”' | '和' | '及')
            && !after.starts_with("左右");
        let superseded = before.ends_with("突破") && {
            let rest: String = chars[end..(end + 3).min(chars.len())].iter().collect();
            rest.starts_with("，达") || rest.starts_with(",达")
        };
        // 三年, 五年, 十年 in prose are spans of time, not figures
        let prose_years = !arabic && unit == "年";
        if names_a_category || superseded || prose_years {
            continue;
        }
        let tail: String = before.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
        // 从23.4%下降至2.5%: the level it fell to, not a change
        let to_level = before.ends_with('至') || before.ends_with('到') || before.ends_with("降至");
        // in a list (分别削减2.2%、3.2%、3.1%, 下降9%、8%和7%) the verb before its first figure is
        // every figure's
        let joined = k > 0
            && matches!(
                chars[numbers[k - 1].end.min(n.start)..n.start]
                    .iter()
                    .filter(|c| !matches!(c, '%' | '％'))
                    .collect::<String>()
                    .as_str(),
                "、" | "和" | "及" | "与"
            );
        let list_declines = joined && {
            let head: String = before.chars().take_while(|c| !c.is_ascii_digit()).collect();
            let verb: String = head.chars().rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
            DECLINE.iter().any(|w| verb.contains(w))
        };
        let decline = !to_level && (DECLINE.iter().any(|w| tail.contains(w)) || list_declines);
        // a bound is stated on the signed value: 压减超10% is < −10, 减少50%以上 is ≤ −50
        if decline {
            bound = mirror(bound);
        }
        let value = if decline && !value.is_negative() { negate(value) } else { value };
        let value_hi = value_hi.map(|h| if decline { negate(h) } else { h });
        let (value, value_hi) = ordered(value, value_hi);
        let sentence_start =
            (0..n.start).rev().find(|&i| matches!(chars[i], '。' | '；' | '\n' | ';')).map_or(0, |i| i + 1);
        let sentence: String = chars[sentence_start..n.start].iter().collect();
        let in_plan = matches!(part.kind, PartKind::Plan | PartKind::FiveYearGoals);
        // 预计 in a clause governs that clause (固定资产投资预计增长16%以上); a sentence that opens with
        // it (预计去年全市生产总值…；一般公共预算收入…) is an estimate to its end, across ；
        let full_start =
            (0..n.start).rev().find(|&i| matches!(chars[i], '。' | '\n' | '！' | '？')).map_or(0, |i| i + 1);
        let full_sentence: String = chars[full_start..n.start].iter().collect();
        let opening =
            full_sentence.trim_start().trim_start_matches(|c: char| c.is_ascii_digit() || "年，,去今全".contains(c));
        // the paragraph up to the figure
        let paragraph: &str = &text[byte_at[paragraph_start(&chars, n.start)]..byte_at[n.start]];
        // whether the paragraph, up to the figure, speaks of a period that has ended (read once, when asked)
        let past_period = std::cell::OnceCell::new();
        // whether the paragraph, up to the figure, names no single year (read once, when asked)
        let no_year = std::cell::OnceCell::new();
        let names_no_year = || *no_year.get_or_init(|| layout::year_anchor(paragraph).is_none());
        // (or, in an item of a list of paragraphs, 一是…, （二）…, ——…, naming no single year itself,
        // whether the paragraph that leads the list ends speaking of it: 过去这五年，是荆州…最好的五年。
        // then 二是产业质量明显提升。…新增…高新技术企业210家)
        let over_past_period = || {
            *past_period.get_or_init(|| {
                layout::over_past_period(paragraph, layout.reviewed)
                    || (names_no_year()
                        && lead_in(&chars, paragraph_start(&chars, n.start))
                            .is_some_and(|lead| layout::over_past_period(&lead, layout.reviewed)))
            })
        };
        let bare_change = {
            let b = before
                .trim()
                .trim_start_matches(['，', ',', '、'])
                .trim_start_matches("同比")
                .trim_start_matches("比上年");
            ["增长", "下降", "增加", "减少", "提高", "降低", "上涨"].contains(&b)
        };
        // 预计 opening a clause before the first subject of a list governs the list to the end of
        // its sentence or ；-segment (经过共同努力，预计全省地区生产总值增长8%，固定资产投资增长24%左右);
        // after a subject it is that clause's own (全市生产总值预计增长10%左右，地方财政收入增长13.1%)
        let list_opened = sentence.split(['，', ',']).any(opens_an_estimate);
        // 预计 opening the first clause that states a figure governs the sentence to its 。, past any
        // ；, when the clauses before it state none (城乡居民收入不断提高，预计城镇居民人均可支配收入
        // 13440元，增长15%；农民人均纯收入突破4700元)
        let lead_in_opened = {
            // a clause states a figure when it writes a digit outside a year (2008年，预计… states none)
            // (nor does a count of policy measures: 出台20个方面50条措施，…，预计…)
            let states_figure = |clause: &str| {
                let years: usize = layout::years_in(clause).len() * 4;
                counted_digits(clause) > years
            };
            let mut opened = false;
            for clause in full_sentence.split(['，', ',', '；', ';']) {
                if opens_an_estimate(clause) {
                    opened = true;
                    break;
                }
                if states_figure(clause) {
                    break;
                }
            }
            opened
        };
        // 初步预计（以下同）, （预计数，下同）: every figure to the paragraph's end is an estimate
        let carried = ["预计数，下同", "预计数,下同", "预计（以下同）", "预计(以下同)", "以下为预计数", "预计（下同）"]
            .iter()
            .any(|w| paragraph.contains(w));
        let estimated = before.contains("预计")
            || (bare_change && previous_estimate == Some(full_start))
            || sentence.trim_start().starts_with("预计")
            || opens_an_estimate(opening)
            || opening.starts_with("全年预计")
            || list_opened
            || lead_in_opened
            || carried;
        // the sentence before, in the same paragraph: 过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%
        let previous_sentence: String = {
            let end = full_start.saturating_sub(1);
            let from = (0..end).rev().find(|&i| matches!(chars[i], '。' | '\n' | '！' | '？')).map_or(0, |i| i + 1);
            if full_start > 0 && chars.get(end) == Some(&'。') {
                chars[from..end].iter().collect()
            } else {
                String::new()
            }
        };
        // in the plan, a sentence about the past year (过去一年 / 去年 …) states a result of the reviewed year
        // (刚刚过去的2015年…, or a sentence opening with the reviewed year itself)
        // (and so does every sentence of a paragraph that opens recalling it, 刚刚过去的2015年，…。全省生产
        // 总值增长8%…。城镇新增就业116.8万人, unless the sentence looks ahead)
        let paragraph_recalls_it =
            ["刚刚过去的", "过去的一年", "过去一年", "去年"].iter().any(|w| paragraph.trim_start().starts_with(w))
                && !["今年", "明年", plan_year.as_str(), "预期", "力争", "确保", "目标是", "将"]
                    .iter()
                    .any(|w| full_sentence.contains(w));
        let about_last_year = in_plan
            && (["过去一年", "过去的一年", "去年", "上年", "刚刚过去的", reviewed_year.as_str()]
                .iter()
                .any(|w| full_sentence.trim_start().starts_with(w))
                || previous_sentence.trim_start().starts_with("过去一年")
                || paragraph_recalls_it);
        // a paragraph about the next five years (今后五年…主要预期目标是：…年均增长6%左右) sets
        // targets for the period's last year, wherever the layout put it
        let five_years_ahead = !in_plan && {
            ["今后五年", "今后5年", "未来五年", "未来5年", "本届政府任期"].iter().any(|w| paragraph.contains(w))
                && !["过去五年", "过去5年", "五年来", "过去的一年", "过去一年", "任期最后一年"]
                    .iter()
                    .any(|w| paragraph.contains(w))
        };
        // in a five-year goals part, a sentence about the period that ends (“十五”期间…年均增长7.5%,
        // 过去五年…) states its results, for the last reviewed year
        // (the sentence opens with that period; a period named as a base, 比“十五”期末降低20%, is no
        // such sentence)
        let about_past_period = part.kind == PartKind::FiveYearGoals && {
            let opening: String = full_sentence
                .trim_start_matches(|c: char| c.is_whitespace() || "——-，".contains(c))
                .chars()
                .take(9)
                .collect();
            ["过去五年", "过去5年", "五年来"].iter().any(|w| opening.starts_with(w))
                || (["期间", "时期", "以来"].iter().any(|w| opening.contains(w))
                    && layout::plan_period_end(&opening).is_some_and(|end| end < layout.planned))
        };
        let about_last_year = about_last_year || about_past_period;
        // outside the plan, a goal opener earlier in the sentence (今年全省经济和社会发展的主要预期
        // 目标是：, under 一、1999年工作回顾和2000年工作的总体要求) opens targets, unless the sentence
        // reports (初步统计, 完成了, 去年 …)
        let reports =
            ["初步统计", "初步核算", "完成了", "实现了", "超额", "预计"].iter().any(|w| full_sentence.contains(w))
                || full_sentence.match_indices("去年").any(|(at, _)| !full_sentence[..at].ends_with('比'));
        // a paragraph that opens with the plan year (今年，是全面贯彻落实党的十八大精神的开局之年。要力争
        // 地区生产总值增长10%以上；固定资产投资增长23%) is the year's plan, whatever part the layout put
        // it in (not in a report delivered in December, where 今年 is the reviewed year)
        let plan_paragraph = {
            let opening = paragraph.trim_start();
            let december = layout.delivered.is_some_and(|d| d.month == 12);
            let this_year = ["今年是", "今年，是", "今年,是"].iter().any(|w| opening.starts_with(w)) && !december;
            let opens_with_plan_year = opening
                .strip_prefix(plan_year.as_str())
                .is_some_and(|rest| rest.starts_with('是') || rest.starts_with("，是"));
            this_year || opens_with_plan_year
        };
        let opened = if in_plan || five_years_ahead || reports {
            None
        } else {
            layout::goal_opener(
                &full_sentence,
                paragraph.strip_suffix(full_sentence.as_str()).unwrap_or_default(),
                layout.planned,
            )
            .or(plan_paragraph.then_some(layout.planned))
        };
        let mut kind = if about_past_period && estimated {
            Kind::Estimate
        } else if about_last_year {
            Kind::Actual
        } else if in_plan || five_years_ahead || opened.is_some() {
            Kind::Target
        } else if estimated {
            Kind::Estimate
        } else {
            Kind::Actual
        };
        let mut year = if about_past_period {
            layout.planned - 1
        } else if about_last_year {
            layout.reviewed
        } else if five_years_ahead {
            layout.planned + 4
        } else if let Some(year) = opened {
            year
        } else {
            part.year
        };
        if (in_plan && !about_last_year) || opened.is_some() {
            // 到2025年: the year the target is for
            let cs: Vec<char> = sentence.chars().collect();
            for (at, y) in layout::years_in(&sentence) {
                if at > 0 && matches!(cs[at - 1], '到' | '至') {
                    year = y;
                }
            }
        }
        // outside the plan, a goal: 到2010年，全省GDP达到11800亿元 (a year after the reviewed one after
        // 到 or 至 in the figure's sentence, nothing saying it was reached) is a target for that year;
        // a change towards it spans the years from the reviewed one
        let mut goal_span = None;
        if kind == Kind::Actual && !about_last_year {
            let cs: Vec<char> = full_sentence.chars().collect();
            let goal = layout::years_in(&full_sentence)
                .into_iter()
                .filter(|&(at, y)| at > 0 && matches!(cs[at - 1], '到' | '至') && y > layout.reviewed)
                .map(|(_, y)| y)
                .next_back();
            let reached = ["实现了", "完成了", "已经", "提前", "已"].iter().any(|w| full_sentence.contains(w));
            if let Some(y) = goal
                && !reached
            {
                kind = Kind::Target;
                year = y;
                goal_span = Some((layout.reviewed, y));
            }
        }
        // the starting point of a change (由1997年的123万公里增加到…, 全省GDP从2017年的1.45万亿元接连
        // 突破…, 由上年…) is a result, never a target or an estimate: of the year written after 由/从,
        // else the year before the period the passage reviews (five years back in a review of five),
        // or in a plan the reviewed year (the level the target starts from)
        if let Some(written) = base_of_change(&before, layout.reviewed, kind == Kind::Target) {
            // (a paragraph that speaks of five years, 累计, 年均 or a plan period, reviews five)
            let five = part.kind == PartKind::FiveYearReview
                || over_past_period()
                || names_five_years(paragraph, &["累计", "年均"]);
            // (a year the sentence opens comparing with, 与2002年相比，…由1231公里增加到3439公里, is
            // the base's)
            let written = written.or_else(|| layout::compared_from(&full_sentence, layout.reviewed));
            year = written.unwrap_or(match kind {
                Kind::Target => layout.reviewed,
                _ if five => layout.reviewed - 5,
                _ => layout.reviewed - 1,
            });
            kind = Kind::Actual;
        }
        // a target over five years (年均增长, 累计) in this year's plan is for the period's last year
        if kind == Kind::Target && year == layout.planned && label::Span::of(&before) != label::Span::Year {
            year = layout.planned + 4;
        }
        // 今年 / 全年 / 年内 in its own sentence date an annual target to the plan year, whatever
        // period the passage's heading names (确保完成全年全社会固定资产投资2000亿元以上 under
        // 努力实现“十一五”规划良好开局)
        // (and so does the plan year when it is the last period its paragraph names before the
        // figure: 2003年政府工作建议…地方财政收入增长9.5% at the end of a 今后五年 part, unless the
        // figure's sentence names a span, 年均 or 累计)
        if kind == Kind::Target
            && year > layout.planned
            && label::Span::of(&before) == label::Span::Year
            && (["今年", "全年", "年内", "本年"].iter().any(|w| full_sentence.contains(w))
                || layout::years_in(&full_sentence).iter().any(|(_, y)| *y == layout.planned)
                || (layout::period_named(paragraph, layout.planned) == Some(Some(layout.planned))
                    && label::Span::of(&full_sentence) == label::Span::Year))
            && !layout::years_in(&full_sentence).iter().any(|(_, y)| *y > layout.planned)
        {
            year = layout.planned;
        }
        // 今明两年职业技能培训3500万人次以上: a target over this year and the next is for the next
        // (unless it is for each of them, 今明两年每年)
        if kind == Kind::Target
            && year == layout.planned
            && full_sentence.contains("今明两年")
            && !full_sentence.contains("每年")
        {
            year = layout.planned + 1;
        }
        // 城乡居民收入分别为24366元和7932元，增长9%和11.8%: a clause of bare changes joined by 和 or
        // 、 (no name of its own) right after figures of a sentence is a list over their names, as
        // if it said 分别
        let clause_end = (n.start..chars.len()).find(|&i| is_clause_break(chars[i])).unwrap_or(chars.len());
        let in_clause = numbers.iter().filter(|m| m.start >= clause_start && m.start < clause_end).count();
        let implicit_list = !before.contains("分别") && in_clause >= 2 && {
            let clause: String = chars[clause_start..clause_end].iter().collect();
            let clause = label::trim_qualifiers(clause.trim_start(), true);
            // (over a span too: 城乡居民人均收入分别达到2.96万元和1.22万元，年均增长12.6%和13.2%; and
            // with a qualifier after the span: 年均实际增长7.5%和8.7%)
            let clause = label::trim_qualifiers(label::without_span(clause), true);
            ["增长", "分别增长", "提高", "下降"].iter().any(|w| clause.starts_with(w))
                && (clause.contains('和') || clause.contains('、'))
        };
        // 城乡居民人均可支配收入增长8%和10%以上: two figures for a 城乡 name are the town's and the
        // country's, as if it said 分别
        // (one figure for a 城乡 residents' income is both's: 城乡居民收入实际增长6%以上; not so a
        // scheme of both, 城乡居民养老保险)
        let town_and_country = !before.contains("分别") && {
            let clause: String = chars[clause_start..clause_end].iter().collect();
            let opens = clause.chars().take(6).collect::<String>().contains("城乡");
            (in_clause == 2 && opens && (clause.contains('和') || clause.contains('、')))
                || (in_clause == 1 && clause.trim_start().starts_with("城乡居民") && clause.contains("收入"))
        };
        let in_list = before.contains("分别") || implicit_list || town_and_country;
        // a 分别 list: how many figures it holds, up to the end of its clause (and so, outside a list,
        // whether a 均 or 各 gives one figure to several names: A、B均实际增长7.5%左右)
        list.list_of(numbers[k..].iter().take_while(|m| m.start < clause_end).count());
        list.implied(implicit_list);
        list.opening(sentence_start, sentence.split(['，', ',']).next().unwrap_or_default());
        let read = label::read(&before, &unit, decline, n.start, sentence_start, &mut list)
            .price_index_in_percent(&unit, value.to_f64());
        let measure = read.measure;
        // a sentence of a five-year passage that opens with 累计 (累计完成外贸进出口总额460亿美元，
        // 实际利用外资37亿美元) states totals over the period in every clause, not only its first
        let totals_sentence =
            ["累计", "五年累计", "五年共", "合计", "共计"].iter().any(|w| {
                // the sentence, or its ；-segment (…；累计完成…，实际利用外资37亿美元)
                [full_sentence.as_str(), sentence.as_str()]
                    .iter()
                    .any(|text| text.trim_start_matches(|c: char| c.is_whitespace() || "——".contains(c)).starts_with(w))
            }) && (part.kind == PartKind::FiveYearReview || names_five_years(paragraph, &[]) || over_past_period());
        let span = match label::Span::of(&before) {
            label::Span::Year
                if totals_sentence
                    && matches!(measure, Measure::Level | Measure::Increment | Measure::Count)
                    && !matches!(unit.as_str(), "%" | "％" | "‰" | "个百分点" | "百分点") =>
            {
                label::Span::FiveYearTotal
            }
            span => span,
        };
        // 2010年同2005年相比…分别增长61.5%, 预计2013－2020年…年均增长12.1%: a change over the years the
        // sentence compares is over that span: a five-year id for five years, else none; a target
        // over it is for its last year
        let compared = layout::years_spanned(&full_sentence)
            .or(goal_span)
            .or_else(|| layout::compared_with(&before, year))
            .filter(|(from, to)| to - from >= 2)
            .filter(|_| matches!(measure, Measure::Growth | Measure::Change | Measure::Increment));
        if let Some((_, to)) = compared
            && kind == Kind::Target
        {
            year = to;
        }
        // a name that matched a five-year id (改造农村危房) states one year's figure unless its
        // clause, its part or its paragraph names a span of years
        let spans_years = matches!(part.kind, PartKind::FiveYearReview | PartKind::FiveYearGoals)
            || five_years_ahead
            || names_five_years(paragraph, &["5年", "累计", "十五五"]);
        // a flow stated over a period that has ended (五年来…新增城镇就业20.4万人) is the period's
        // total: its five-year id, or none (never the annual id); a count with no five-year id may
        // be a stock (高新技术企业达到1200家) and stays
        // (a count the period reached, 国家级绿色工厂达到268家, is a stock at its end, not a flow)
        let reached = ["达到", "突破", "超过", "达"].iter().any(|w| before.contains(w));
        let period_total = kind != Kind::Target
            && span == label::Span::Year
            && matches!(measure, Measure::Increment | Measure::Count | Measure::Growth | Measure::Change)
            && !(measure == Measure::Count && reached)
            && over_past_period();
        // so is a flow a five-year plan sets (十一五…新增城镇就业100万人以上), unless it says it is a
        // year's (每年新增就业20万人; 今年发展的主要预期目标是…城镇新增就业63万人以上)
        // (a flow by its measure, or an amount the catalogue totals over five years, built or done in
        // the period: 新建改建农村公路4万公里, 全社会固定资产投资完成5万亿元; not a level the period ends
        // at: 旅游总收入达到800亿元, 全社会固定资产投资突破3万亿元)
        const BUILDS: &[&str] = &["新建", "改建", "建设"];
        let says = |words: &[&str]| words.iter().any(|w| before.contains(w));
        let built = || (says(BUILDS) || says(&["完成", "累计"])) && !reached;
        // and so is such an amount in a review of a period that has ended (这五年…新建改建国省干道
        // 5900公里、农村公路4.6万公里): in a paragraph that speaks of the period, or in a five-year
        // review's part in a paragraph that names no single year (五年来，我们持续加强基础设施… as
        // the lead-in before 大力改善交通条件。…新建改建…农村公路19065公里)
        // (built, not completed: 完成全社会固定资产投资1824.9亿元，是2010年的3.2倍 in a review is the
        // last year's level)
        let review_built = kind != Kind::Target
            && span == label::Span::Year
            && measure == Measure::Level
            && says(BUILDS)
            && !reached
            && (over_past_period() || (part.kind == PartKind::FiveYearReview && names_no_year()));
        let plan_period = kind == Kind::Target
            && part.kind == PartKind::FiveYearGoals
            && span == label::Span::Year
            && !["每年", "年年", "一年", "今年", "全年", "本年"].iter().any(|w| full_sentence.contains(w));
        let plan_total = |i: &Indicator| {
            let totalled = || matcher.over(i, label::Span::FiveYearTotal).is_some();
            (plan_period && (measure == Measure::Increment || (measure == Measure::Level && built() && totalled())))
                || (review_built && totalled())
        };
        // a sentence or paragraph whose subject is the 新疆生产建设兵团 (2014年，兵团生产总值增长16%;
        // 生产建设兵团要…。预期生产总值增长10%) states the Corps' figures, not the region's: they
        // keep their label and match no indicator
        let corps = [full_sentence.as_str(), paragraph].iter().any(|text| {
            let opening = text
                .trim_start_matches(|c: char| c.is_whitespace() || "各位代表！!—".contains(c))
                .trim_start_matches(|c: char| c.is_ascii_digit() || "年，,去过的一来".contains(c));
            ["兵团", "新疆生产建设兵团", "生产建设兵团"].iter().any(|w| opening.starts_with(w))
        });
        // 兰州新区经济增速持续领跑国家级新区，生产总值…增加到342亿元; 新片区规上工业总产值…分别增长:
        // a sentence or clause whose subject is one zone of the region states the zone's figures
        let zone = layout::zone_subject(&full_sentence) || layout::zone_subject(&before);
        // 比前五年增长9.3%, 比“九五”时期增长98%: one period's total against the last one's
        let between_periods = layout::compares_periods(&before);
        // 我省一季度地区生产总值下降3%，…社会消费品零售总额下降13%: a figure of part of a year (a
        // quarter, a half, the first months) is not the year's; it keeps its label and matches no
        // indicator
        let part_of_year = layout::part_of_year(&sentence);
        // 经测算，未来五年我省生产总值只要年均增长3.7%、城乡居民人均收入年均增长1.7%，就可以实现“两个
        // 翻番”: what would suffice is a condition, not a goal or a result
        let condition = sentence.rfind("只要").is_some_and(|at| !sentence[at..].contains('就'));
        let indicator_of = |label: &str| {
            matcher
                .find(label, measure, &unit)
                .filter(|_| !corps && !zone && !between_periods && !part_of_year && !condition)
                .and_then(|i| {
                    if let Some((from, to)) = compared {
                        let over = if span == label::Span::FiveYearAverage { span } else { label::Span::FiveYearTotal };
                        (to - from == 5).then(|| matcher.over(i, over)).flatten()
                    } else if period_total {
                        matcher.over(i, label::Span::FiveYearTotal).or((measure == Measure::Count).then_some(i))
                    } else if plan_total(i) {
                        matcher.over(i, label::Span::FiveYearTotal)
                    } else if span == label::Span::Year && spans_years {
                        Some(i)
                    } else {
                        matcher.over(i, span)
                    }
                })
                .map(|i| statistic_in_force(&matcher, i, label, year, &options.successions))
        };
        let indicator = indicator_of(&read.label);
        // 降低企业成本300亿元: when the reduction is what the indicator measures (its name opens with
        // the decline word and it is an amount, not a change), the figure is the reduction's size
        let (value, value_hi, bound) = match indicator {
            Some(i)
                if decline
                    && DECLINE.iter().any(|w| i.name_zh.starts_with(w))
                    && matches!(i.measure, Measure::Level | Measure::Count | Measure::Increment) =>
            {
                let (lo, hi) = ordered(negate(value), value_hi.map(negate));
                (lo, hi, mirror(bound))
            }
            _ => (value, value_hi, bound),
        };
        list.remember(&read, end);
        consumed_until = end;
        previous_estimate = (kind == Kind::Estimate).then_some(full_start);
        // the bound a 分别 list's verb gives (分别突破) covers the rest of its clause
        if in_list && matches!(bound, Bound::Ge | Bound::Gt) && !written_after && list_bound.is_none() {
            list_bound = Some((clause_start, bound));
        } else if list_bound.is_some_and(|(at, _)| at != clause_start) {
            list_bound = None;
        }
        // a bound written after a list's last figure (分别增长8%、5%、6.5%以上, 7%和9%左右) covers
        // the figures joined to it that state none of their own
        // (not a figure equal to the bounded one, 分别增长10%和10%以上, nor one written far more
        // precisely than it, 10678.4元和2300元以上, 14180元和3400元左右: those were meant as they
        // stand; 2.4%、3%以上 is one list)
        if in_list && written_after && bound != Bound::Range {
            let mut next_start = n.start;
            // (an equal figure is meant as it stands only right before the bounded one: 10%和10%以上;
            // in 6%、5%、6%左右 the bound covers all three)
            let mut adjacent = true;
            for at in (0..out.len()).rev() {
                let gap: String = chars[out[at].end.min(next_start)..next_start].iter().collect();
                let earlier = out[at].fact.value;
                if !(gap.is_empty() || matches!(gap.as_str(), "、" | "和" | "及" | "与"))
                    || out[at].fact.bound != Bound::Eq
                    || out[at].fact.unit != unit
                    || (earlier == value && adjacent)
                    || significant_digits(earlier) >= significant_digits(value) + 2
                {
                    break;
                }
                out[at].fact.bound = bound;
                next_start = figure_starts[at];
                adjacent = false;
            }
        }
        let quote: String = chars[clause_start..end].iter().collect();
        // the other names of a list that give this one figure to each (A和B分别增长10%)
        let shared: Vec<(String, Option<&Indicator>)> =
            read.shared.iter().map(|label| (label.clone(), indicator_of(label))).collect();
        out.push(Extracted {
            fact: Fact {
                indicator: indicator.map(|i| i.id.clone()).unwrap_or_default(),
                region: options.region.clone().unwrap_or_default(),
                year,
                kind,
                bound,
                value,
                value_hi,
                unit,
                source: options.source.clone(),
                quote: Some(quote),
                note: garbled_per_mille.then(|| "‰ written %。 in the text".to_owned()),
            },
            label_zh: read.label,
            measure,
            part: part.kind,
            layout: layout.found_by,
            matched_by: if indicator.is_some() { MatchedBy::Name } else { MatchedBy::None },
            start: clause_start,
            end,
        });
        figure_starts.push(n.start);
        for (label, indicator) in shared {
            let Some(first) = out.last() else { break };
            let mut also = first.clone();
            also.fact.indicator = indicator.map(|i| i.id.clone()).unwrap_or_default();
            also.matched_by = if indicator.is_some() { MatchedBy::Name } else { MatchedBy::None };
            also.label_zh = label;
            out.push(also);
            figure_starts.push(n.start);
        }
    }
    over_the_target(&mut out, &matcher, layout.planned, &chars);
    broader_names_yield(&mut out, &matcher, &chars);
    note_spans(&mut out);
    Ok(Reading { layout, facts: out })
}

/// A fact on a five-year id says its span in `note`, as a reader of the table needs it: the years a
/// total or an average covers (2016–2020), or the two years a change compares (from 2015 to 2020).
fn note_spans(facts: &mut [Extracted]) {
    for e in facts {
        let f = &mut e.fact;
        let span = if f.indicator.ends_with("_five_year_average") {
            format!("average a year over {}–{}", f.year - 4, f.year)
        } else if f.indicator.ends_with("_five_year") {
            match e.measure {
                Measure::Growth | Measure::Change => format!("change from {} to {}", f.year - 5, f.year),
                _ => format!("total over {}–{}", f.year - 4, f.year),
            }
        } else {
            continue;
        };
        f.note = Some(match f.note.take() {
            Some(note) => format!("{span}; {note}"),
            None => span,
        });
    }
}

/// Two names of one paragraph that give one indicator, year and kind different figures do not mean
/// the same thing: the report sets the narrower apart (主要预期目标：地方财政收入增长15%，公共财政预算收入
/// 增长16%; 地方财政收入达到302亿元，其中一般预算收入突破200亿元). The figures named by the catalogue's
/// less specific name (its later alias) keep their label and lose the id. (Across paragraphs a
/// disagreement more often means a figure misdated than a broader measure, and is left alone.)
fn broader_names_yield(facts: &mut [Extracted], matcher: &Matcher<'_>, chars: &[char]) {
    type Key = (usize, String, i32, Kind);
    let paragraph_of = |at: usize| paragraph_start(chars, at);
    let mut best: HashMap<Key, (usize, Decimal)> = HashMap::new();
    let mut conflicting: std::collections::HashSet<Key> = std::collections::HashSet::new();
    let ranked: Vec<Option<(Key, usize)>> = facts
        .iter()
        .map(|e| {
            let indicator = matcher.get(&e.fact.indicator)?;
            let key = (paragraph_of(e.start), e.fact.indicator.clone(), e.fact.year, e.fact.kind);
            Some((key, matcher.rank(indicator, &e.label_zh)))
        })
        .collect();
    for (e, r) in facts.iter().zip(&ranked) {
        let Some((key, rank)) = r else { continue };
        match best.get(key) {
            Some(&(_, value)) if value != e.fact.value => {
                conflicting.insert(key.clone());
            }
            _ => {}
        }
        let entry = best.entry(key.clone()).or_insert((*rank, e.fact.value));
        if *rank < entry.0 {
            *entry = (*rank, e.fact.value);
        }
    }
    // the names that lost somewhere lose everywhere in the report: the report uses them for the
    // broader measure (地方财政收入增长32.5% in its review, once its plan set 地方财政收入 and
    // 公共财政预算收入 apart)
    let losing: std::collections::HashSet<String> = facts
        .iter()
        .zip(&ranked)
        .filter_map(|(e, r)| {
            let (key, rank) = r.as_ref()?;
            (conflicting.contains(key) && best.get(key).is_some_and(|&(top, _)| *rank > top))
                .then(|| label::normal(&e.label_zh))
        })
        .collect();
    for (e, r) in facts.iter_mut().zip(ranked) {
        if r.is_some() && losing.contains(&label::normal(&e.label_zh)) {
            e.fact.indicator.clear();
            e.matched_by = MatchedBy::Broader;
        }
    }
}

/// A result of a flow more than three times the same report's target for the plan year (a review's
/// 城镇新增就业148万人 beside this year's 城镇新增就业40万人) is a total over several years (five
/// years make about five): it takes the indicator's five-year id when the catalogue has one, else
/// none. So is a change more than five times the year's target in the same direction, stated in a
/// passage about five years (单位生产总值能耗下降18% beside this year's 下降3.5%; 生产总值增长68.9%
/// beside 增长9%), when it is a fall of 15% or a rise of 30% or more: a yearly rate there is seldom
/// that far from the year's plan, a cumulative one is.
/// (Outside such passages a yearly rate can be: 进出口总额增长130%.)
fn over_the_target(facts: &mut [Extracted], matcher: &Matcher<'_>, planned: i32, chars: &[char]) {
    let about_five_years = |e: &Extracted| {
        e.part == PartKind::FiveYearReview || {
            let from = paragraph_start(chars, e.start);
            let to = (e.end.min(chars.len())..chars.len()).find(|&i| chars[i] == '\n').unwrap_or(chars.len());
            let paragraph: String = chars[from..to].iter().collect();
            names_five_years(&paragraph, &["5年", "九五"])
        }
    };
    // values in base units (5万亿元 beside 1.1万亿元 and 11000亿元 alike)
    let base = |e: &Extracted| units::lookup(&e.fact.unit).ok().map(|u| e.fact.value.to_f64() * u.factor_f64());
    let targets: Vec<(String, units::Dimension, f64)> = facts
        .iter()
        .filter(|e| e.fact.kind == Kind::Target && e.fact.year == planned && e.fact.value != Decimal::ZERO)
        .filter_map(|e| {
            let dimension = units::lookup(&e.fact.unit).ok()?.dimension();
            Some((e.fact.indicator.clone(), dimension, base(e)?))
        })
        .collect();
    // results, and targets for a later year than the plan's (a plan period's goals): an amount
    // (全社会固定资产投资完成5万亿元 in a five-year plan beside this year's 1.1万亿元) is a total too
    for e in facts.iter_mut().filter(|e| e.fact.kind != Kind::Target || e.fact.year > planned) {
        let times = match e.measure {
            Measure::Increment | Measure::Count => 3.0,
            Measure::Level if e.fact.kind == Kind::Target => 3.0,
            // (a result, or a plan period's goal: 单位生产总值能耗下降20% among the 十一五 goals;
            // whether it stands in a passage about five years is read below, once a target is found)
            Measure::Growth => 5.0,
            _ => continue,
        };
        let Some(annual) = matcher.get(&e.fact.indicator).filter(|i| !i.id.contains("_five_year")) else { continue };
        let Some(dimension) = units::lookup(&e.fact.unit).ok().map(|u| u.dimension()) else { continue };
        let Some(&(_, _, target)) = targets.iter().find(|(id, d, _)| *id == e.fact.indicator && *d == dimension) else {
            continue;
        };
        if e.measure == Measure::Growth && !about_five_years(e) {
            continue;
        }
        let Some(value) = base(e) else { continue };
        // a flow's target is positive; a change's may be a decline, and only the same direction counts
        // (a fall of 15% or more, a rise of 30% or more: smaller yearly changes are common, sums of
        // five years seldom smaller)
        let change_over_years = value.signum() == target.signum() && (value <= -15.0 || value >= 30.0);
        if value / target > times && (e.measure != Measure::Growth || change_over_years) {
            let total = matcher.over(annual, label::Span::FiveYearTotal).filter(|t| t.id != annual.id);
            e.fact.indicator = total.map(|t| t.id.clone()).unwrap_or_default();
            e.matched_by = if total.is_some() { MatchedBy::Name } else { MatchedBy::None };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let found = extract(text, &[], &Options { year_reviewed: Some(2023), ..Options::default() }).unwrap();
        let shown: Vec<String> = found
            .iter()
            .map(|e| {
                let f = &e.fact;
                let hi = f.value_hi.map(|h| format!("–{h}")).unwrap_or_default();
                format!(
                    "{} {} {} {}{hi}{} {} | {}",
                    f.year,
                    f.kind,
                    f.bound,
                    f.value,
                    f.unit,
                    e.label_zh,
                    f.quote.as_deref().unwrap_or("")
                )
            })
            .collect();
        assert_eq!(shown, expected, "extracting {text:?}");
    }

    /// Year, kind and value of every figure of `text`, its years read from its headings.
    fn year_kind_value(text: &str) -> Vec<String> {
        let found = extract(text, &[], &Options::default()).unwrap();
        found.iter().map(|e| format!("{} {} {}", e.fact.year, e.fact.kind, e.fact.value)).collect()
    }

    /// Year, kind, value and indicator of every figure of `text` matched against `catalogue`, its
    /// years read from its headings.
    fn year_kind_value_id(text: &str, catalogue: &[Indicator]) -> Vec<String> {
        year_kind_value_id_with(text, catalogue, &Options::default())
    }

    fn year_kind_value_id_with(text: &str, catalogue: &[Indicator], options: &Options) -> Vec<String> {
        let found = extract(text, catalogue, options).unwrap();
        found.iter().map(|e| format!("{} {} {} {}", e.fact.year, e.fact.kind, e.fact.value, e.fact.indicator)).collect()
    }

    /// A catalogue entry with what matching reads: id, name, unit and measure.
    fn indicator(id: &str, name: &str, unit: &str, measure: Measure) -> Indicator {
        Indicator {
            id: id.to_owned(),
            domain: id.split('.').next().unwrap_or_default().to_owned(),
            topic: String::new(),
            name_zh: name.to_owned(),
            name_en: String::new(),
            unit: unit.to_owned(),
            measure,
            direction: zhibiao_core::Direction::Up,
            description: String::new(),
            aliases: Vec::new(),
        }
    }

    #[test]
    fn an_estimate_is_its_clause_or_a_sentence_that_opens_with_yuji() {
        check(
            "预计去年全市生产总值17800亿元，增长9%左右；一般公共预算收入2723亿元。固定资产投资预计增长16%以上；贷款净增186亿元。",
            &[
                "2023 estimate eq 17800亿元 生产总值 | 预计去年全市生产总值17800亿元",
                "2023 estimate approx 9% 生产总值增长 | 增长9%左右",
                "2023 estimate eq 2723亿元 一般公共预算收入 | 一般公共预算收入2723亿元",
                "2023 estimate ge 16% 固定资产投资增长 | 固定资产投资预计增长16%以上",
                "2023 actual eq 186亿元 贷款 | 贷款净增186亿元",
            ],
        );
    }

    #[test]
    fn yuji_before_a_lists_first_subject_governs_the_list_and_a_carry_marker_the_paragraph() {
        check(
            "经过共同努力，预计全省地区生产总值增长8%，固定资产投资增长24%左右。全市生产总值预计增长10%左右，地方财政收入增长13.1%。工业增加值增长9%，预计实现利润247亿元、增长18%；投资增长12%。",
            &[
                "2023 estimate eq 8% 地区生产总值增长 | 预计全省地区生产总值增长8%",
                "2023 estimate approx 24% 固定资产投资增长 | 固定资产投资增长24%左右",
                "2023 estimate approx 10% 生产总值增长 | 全市生产总值预计增长10%左右",
                "2023 actual eq 13.1% 地方财政收入增长 | 地方财政收入增长13.1%",
                "2023 actual eq 9% 工业增加值增长 | 工业增加值增长9%",
                "2023 estimate eq 247亿元 利润 | 预计实现利润247亿元",
                "2023 estimate eq 18% 利润增长 | 预计实现利润247亿元、增长18%",
                "2023 actual eq 12% 投资增长 | 投资增长12%",
            ],
        );
        // after a lead-in that states no figure (counts of policy measures are none), 预计 governs
        // the sentence past its ；
        check(
            "出台20个方面50条措施，保持经济运行总体平稳，预计地区生产总值增长8.6%以上；城镇和农村居民人均可支配收入分别增长13.5%和8%。",
            &[
                "2023 estimate ge 8.6% 地区生产总值增长 | 预计地区生产总值增长8.6%以上",
                "2023 estimate eq 13.5% 城镇居民人均可支配收入增长 | 城镇和农村居民人均可支配收入分别增长13.5%",
                "2023 estimate eq 8% 农村居民人均可支配收入增长 | 城镇和农村居民人均可支配收入分别增长13.5%和8%",
            ],
        );
        // after a lead-in that states no figure, 预计 governs the sentence past its ；
        check(
            "城乡居民收入不断提高，预计城镇居民人均可支配收入13440元，增长15%；农民人均纯收入突破4700元。",
            &[
                "2023 estimate eq 13440元 城镇居民人均可支配收入 | 预计城镇居民人均可支配收入13440元",
                "2023 estimate eq 15% 城镇居民人均可支配收入增长 | 增长15%",
                "2023 estimate ge 4700元 农民人均纯收入 | 农民人均纯收入突破4700元",
            ],
        );
        check(
            "初步预计（以下同），全年生产总值达到3400亿元。地方财政收入增长11.6%。\n城镇新增就业4万人。",
            &[
                "2023 estimate eq 3400亿元 生产总值 | 全年生产总值达到3400亿元",
                "2023 estimate eq 11.6% 地方财政收入增长 | 地方财政收入增长11.6%",
                "2023 actual eq 4万人 城镇新增就业 | 城镇新增就业4万人",
            ],
        );
    }

    #[test]
    fn a_goal_opener_states_targets_in_any_part() {
        check(
            "一、2023年工作回顾和2024年工作的总体要求\n地区生产总值增长5%。今年经济社会发展的主要预期目标是：地区生产总值增长6%左右，城镇登记失业率控制在3.5%以内。全面实现年初确定的主要目标，城镇新增就业4万人。主要目标任务圆满完成，进出口增长3%。\n",
            &[
                "2023 actual eq 5% 地区生产总值增长 | 地区生产总值增长5%",
                "2024 target approx 6% 地区生产总值增长 | 地区生产总值增长6%左右",
                "2024 target le 3.5% 城镇登记失业率 | 城镇登记失业率控制在3.5%以内",
                "2023 actual eq 4万人 城镇新增就业 | 城镇新增就业4万人",
                "2023 actual eq 3% 进出口增长 | 进出口增长3%",
            ],
        );
        // a plan period's goals are for its last year; a period that has ended opens none
        let text = "一、2010年工作回顾\n增长9%。确定了“十二五”经济社会发展的主要预期目标：生产总值年均增长12%以上，城镇化率达到40%以上。“十一五”规划确定的主要目标是：城镇化率达到35%。\n二、2011年工作安排\n增长10%。\n";
        let shown = year_kind_value(text);
        assert_eq!(shown, ["2010 actual 9", "2015 target 12", "2015 target 40", "2010 actual 35", "2011 target 10"]);
        // the period a paragraph names before its opener, and a heading glued to its paragraph
        let text = "一、2000年工作回顾\n增长9%。\n二、“十五”时期的奋斗目标 “十五”时期是我区加快发展的关键时期。\n为实现“十五”计划奠定基础。经济和社会发展的主要奋斗目标是：城镇登记失业率控制在5%以内。\n三、2001年的工作\n增长10%。\n";
        let found = extract(text, &[], &Options::default()).unwrap();
        let shown: Vec<String> =
            found.iter().map(|e| format!("{} {} {} {:?}", e.fact.year, e.fact.kind, e.fact.value, e.part)).collect();
        assert_eq!(shown, ["2000 actual 9 Review", "2005 target 5 FiveYearGoals", "2001 target 10 Plan"]);
        let text = "一、2000年工作回顾\n增长9%。“十五”时期我区要加快发展。经济和社会发展的主要奋斗目标是：城镇登记失业率控制在5%以内。\n三、2001年的工作\n增长10%。\n";
        let shown = year_kind_value(text);
        assert_eq!(shown, ["2000 actual 9", "2005 target 5", "2001 target 10"]);
    }

    #[test]
    fn a_flow_over_a_period_that_ended_takes_the_five_year_id_or_none() {
        let catalogue = [
            indicator("livelihood.urban_new_jobs", "城镇新增就业", "万人", Measure::Increment),
            indicator("livelihood.urban_new_jobs_five_year", "城镇新增就业（五年）", "万人", Measure::Increment),
            indicator("livelihood.rural_labour_transferred", "新增转移农村劳动力", "万人", Measure::Increment),
        ];
        let text = "一、过去五年工作回顾\n五年来，城镇新增就业20万人，新增转移农村劳动力30万人。2022年，城镇新增就业4万人。\n二、2023年工作安排\n城镇新增就业4万人。\n";
        let shown = year_kind_value_id(text, &catalogue);
        assert_eq!(
            shown,
            [
                "2022 actual 20 livelihood.urban_new_jobs_five_year",
                "2022 actual 30 ",
                "2022 actual 4 livelihood.urban_new_jobs",
                "2023 target 4 livelihood.urban_new_jobs",
            ]
        );
    }

    #[test]
    fn the_starting_point_of_a_change_is_a_result_of_its_own_year() {
        let text = "一、过去五年工作回顾\n公路通车里程由1997年的123万公里增加到176万公里，高速公路由4771公里增加到2.5万公里，从居世界第39位跃升到第2位。\n二、2003年工作安排\n增长7%。\n";
        let shown = year_kind_value(text);
        assert_eq!(
            shown,
            [
                "1997 actual 123",
                "2002 actual 176",
                "1997 actual 4771",
                "2002 actual 2.5",
                "1997 actual 39",
                "2002 actual 2",
                "2003 target 7"
            ]
        );
        // in a review of one year, the year before
        let found =
            extract("城镇化率由55%提高到57%。", &[], &Options { year_reviewed: Some(2023), ..Options::default() });
        let shown: Vec<String> =
            found.unwrap().iter().map(|e| format!("{} {} {}", e.fact.year, e.fact.kind, e.fact.value)).collect();
        assert_eq!(shown, ["2022 actual 55", "2023 actual 57"]);
    }

    #[test]
    fn the_corps_figures_are_not_the_regions() {
        let indicator = Indicator {
            aliases: vec!["生产总值增长".to_owned()],
            ..indicator("economy.gdp_growth", "地区生产总值增长", "%", Measure::Growth)
        };
        let text = "一、2014年工作回顾\n全区生产总值增长10%。2014年，兵团生产总值增长16%。过去的一年，新疆生产建设兵团生产总值增长15%。向兵团转移就业3万人，生产总值增长9%。\n生产建设兵团要做大做强优势产业。预期生产总值增长11%。\n";
        let found = extract(text, std::slice::from_ref(&indicator), &Options::default()).unwrap();
        let ids: Vec<&str> = found.iter().map(|e| e.fact.indicator.as_str()).collect();
        assert_eq!(ids, ["economy.gdp_growth", "", "", "", "economy.gdp_growth", ""]);
    }

    #[test]
    fn figures_joined_by_a_pause_mark_each_with_its_own_name_are_clauses_of_their_own() {
        let catalogue = [
            indicator("livelihood.urban_new_jobs", "城镇新增就业", "万人", Measure::Increment),
            indicator("livelihood.urban_surveyed_unemployment_rate", "城镇调查失业率", "%", Measure::Share),
            Indicator {
                aliases: vec!["生产总值增长".to_owned()],
                ..indicator("economy.gdp_growth", "地区生产总值增长", "%", Measure::Growth)
            },
        ];
        let text = "一、2025年工作回顾
全区生产总值达到2万亿元、稳居全国前十、增长4.8%。
二、2026年工作安排
城镇新增就业47万人以上、城镇调查失业率控制在5.5%以内。完成造林100万亩、退化草原修复治理450万亩。
";
        let found = extract(text, &catalogue, &Options::default()).unwrap();
        let shown: Vec<String> = found
            .iter()
            .map(|e| format!("{} {} {}", e.fact.indicator, e.label_zh, e.fact.quote.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            shown,
            [
                " 生产总值 全区生产总值达到2万亿元",
                "economy.gdp_growth 生产总值增长 全区生产总值达到2万亿元、稳居全国前十、增长4.8%",
                "livelihood.urban_new_jobs 城镇新增就业 城镇新增就业47万人以上",
                "livelihood.urban_surveyed_unemployment_rate 城镇调查失业率 城镇调查失业率控制在5.5%以内",
                " 造林 完成造林100万亩",
                " 退化草原修复治理 退化草原修复治理450万亩",
            ]
        );
        // the verb that opens the list is every item's: 516 km were added, not the network's length
        let network = [indicator("economy.expressway_mileage", "高速公路通车里程", "公里", Measure::Level)];
        let text = "一、2006年工作回顾\n新增统调电力装机789万千瓦、高速公路通车里程516公里。新增绿化面积25万亩、高速公路通车里程由2000公里提高到2382公里。\n二、2007年工作安排\n";
        let found = extract(text, &network, &Options::default()).unwrap();
        let shown: Vec<String> =
            found.iter().map(|e| format!("{} {}", e.fact.indicator, e.fact.quote.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            shown,
            [
                " 新增统调电力装机789万千瓦",
                " 高速公路通车里程516公里",
                " 新增绿化面积25万亩",
                "economy.expressway_mileage 高速公路通车里程由2000公里",
                "economy.expressway_mileage 高速公路通车里程由2000公里提高到2382公里",
            ]
        );
    }

    #[test]
    fn a_figure_of_part_of_a_year_or_a_condition_is_not_the_years() {
        let catalogue = [
            indicator("economy.gdp_growth", "地区生产总值增长", "%", Measure::Growth),
            indicator("economy.retail_sales_growth", "社会消费品零售总额增长", "%", Measure::Growth),
        ];
        let text = "一、2019年工作回顾
地区生产总值增长7.5%。
二、2020年工作安排
我省一季度地区生产总值下降3%，是首次负增长，社会消费品零售总额下降13%。经测算，地区生产总值只要增长3.7%、社会消费品零售总额增长1.7%，就可以实现翻番。地区生产总值增长6%。
";
        let found = extract(text, &catalogue, &Options::default()).unwrap();
        let ids: Vec<&str> = found.iter().map(|e| e.fact.indicator.as_str()).collect();
        assert_eq!(ids, ["economy.gdp_growth", "", "", "", "", "economy.gdp_growth"]);
    }

    #[test]
    fn one_figure_for_names_joined_before_jun_is_each_names_after_any_earlier_list() {
        let catalogue = [
            indicator("livelihood.urban_income_growth", "城镇居民人均可支配收入增长", "%", Measure::Growth),
            indicator("livelihood.rural_net_income_growth", "农村居民人均纯收入增长", "%", Measure::Growth),
        ];
        // a list before (城乡 with two figures, the second read on its own) must not leave its length
        // to a later clause
        let text = "一、2013年工作回顾
新增城乡一体化学校30所、学位2.4万个。
二、2014年工作安排
城镇登记失业率控制在2%左右，城镇居民人均可支配收入、农村居民人均纯收入均实际增长7.5%左右。
";
        let found = extract(text, &catalogue, &Options::default()).unwrap();
        let ids: Vec<&str> = found.iter().map(|e| e.fact.indicator.as_str()).collect();
        assert_eq!(ids, ["", "", "", "livelihood.urban_income_growth", "livelihood.rural_net_income_growth"]);
    }

    #[test]
    fn a_flow_a_five_year_plan_sets_is_the_periods_total() {
        let catalogue = [
            Indicator {
                aliases: vec!["新增城镇就业".to_owned()],
                ..indicator("livelihood.urban_new_jobs", "城镇新增就业", "万人", Measure::Increment)
            },
            indicator("livelihood.urban_new_jobs_five_year", "城镇新增就业（五年）", "万人", Measure::Increment),
        ];
        let text = "一、奋力开拓，“十五”经济社会发展目标全面实现\n2005年城镇新增就业21万人。\n二、锐意进取，创造“十一五”新的辉煌\n千方百计扩大就业。积极发展就业容量大的劳动密集型产业、服务业和各类中小企业，努力增加就业岗位。新增城镇就业100万人以上，转移农村富余劳动力600万人。\n三、扎实工作，努力完成2006年各项任务\n城镇新增就业22万人。\n";
        assert_eq!(
            year_kind_value_id(text, &catalogue),
            [
                "2005 actual 21 livelihood.urban_new_jobs",
                "2010 target 100 livelihood.urban_new_jobs_five_year",
                "2010 target 600 ",
                "2006 target 22 livelihood.urban_new_jobs",
            ]
        );
    }

    #[test]
    fn a_result_far_above_this_years_target_is_a_total_over_years() {
        let catalogue = [
            indicator("livelihood.urban_new_jobs", "城镇新增就业", "万人", Measure::Increment),
            indicator("livelihood.urban_new_jobs_five_year", "城镇新增就业（五年）", "万人", Measure::Increment),
        ];
        let text = "一、2017年工作回顾\n——人民生活明显改善。城镇新增就业148万人。2017年城镇新增就业41万人。\n二、2018年工作安排\n城镇新增就业40万人。\n";
        let found = extract(text, &catalogue, &Options::default()).unwrap();
        let ids: Vec<&str> = found.iter().map(|e| e.fact.indicator.as_str()).collect();
        assert_eq!(
            ids,
            ["livelihood.urban_new_jobs_five_year", "livelihood.urban_new_jobs", "livelihood.urban_new_jobs"]
        );
    }

    #[test]
    fn a_reduction_the_indicator_measures_is_a_positive_amount() {
        let catalogue = [
            indicator("economy.enterprise_cost_reduction", "降低企业成本", "亿元", Measure::Level),
            indicator("ecology.energy_intensity_change", "单位地区生产总值能耗下降", "%", Measure::Growth),
        ];
        let text = "一、2023年工作回顾\n降低企业成本1700亿元以上，单位地区生产总值能耗下降3%。\n";
        let found = extract(text, &catalogue, &Options::default()).unwrap();
        let shown: Vec<String> =
            found.iter().map(|e| format!("{} {} {}", e.fact.indicator, e.fact.bound, e.fact.value)).collect();
        assert_eq!(shown, ["economy.enterprise_cost_reduction ge 1700", "ecology.energy_intensity_change eq -3"]);
    }

    #[test]
    fn bare_changes_joined_after_a_list_of_levels_take_their_names() {
        check(
            "城乡居民收入分别为24366元和7932元，增长9%和11.8%。",
            &[
                "2023 actual eq 24366元 城镇居民收入 | 城乡居民收入分别为24366元",
                "2023 actual eq 7932元 农村居民收入 | 城乡居民收入分别为24366元和7932元",
                "2023 actual eq 9% 城镇居民收入增长 | 增长9%",
                "2023 actual eq 11.8% 农村居民收入增长 | 增长9%和11.8%",
            ],
        );
    }

    #[test]
    fn a_continuation_keeps_the_estimate_and_a_fenbie_bound_covers_its_list() {
        check(
            "规模以上工业增加值预计2190亿元，增长19.6%。城镇居民人均可支配收入和农村居民人均可支配收入分别突破3万元和1万元。",
            &[
                "2023 estimate eq 2190亿元 规模以上工业增加值 | 规模以上工业增加值预计2190亿元",
                "2023 estimate eq 19.6% 规模以上工业增加值增长 | 增长19.6%",
                "2023 actual ge 3万元 城镇居民人均可支配收入 | 城镇居民人均可支配收入和农村居民人均可支配收入分别突破3万元",
                "2023 actual ge 1万元 农村居民人均可支配收入 | 城镇居民人均可支配收入和农村居民人均可支配收入分别突破3万元和1万元",
            ],
        );
    }

    #[test]
    fn a_fenbie_list_without_names_takes_the_figures_just_stated_and_a_garbled_per_mille_is_read() {
        check(
            "城镇居民人均可支配收入34346元，农村居民人均可支配收入14958元，分别增长8.7%和10.6%；人口自然增长率6.5%。以内。",
            &[
                "2023 actual eq 34346元 城镇居民人均可支配收入 | 城镇居民人均可支配收入34346元",
                "2023 actual eq 14958元 农村居民人均可支配收入 | 农村居民人均可支配收入14958元",
                "2023 actual eq 8.7% 城镇居民人均可支配收入增长 | 分别增长8.7%",
                "2023 actual eq 10.6% 农村居民人均可支配收入增长 | 分别增长8.7%和10.6%",
                "2023 actual le 6.5‰ 人口自然增长率 | 人口自然增长率6.5%。以内",
            ],
        );
        // a full stop never comes before a semicolon either
        check(
            "人口自然增长率4.87%。；城镇化率达到56%。",
            &[
                "2023 actual eq 4.87‰ 人口自然增长率 | 人口自然增长率4.87%。",
                "2023 actual eq 56% 城镇化率 | 城镇化率达到56%",
            ],
        );
        // nor twice; a population rate is per mille at a sentence's end too; ％o
        check(
            "出生人口增长4.2%。。人口自然增长率控制在6.5%。城镇化率达到56%。死亡率5.1％o，",
            &[
                "2023 actual eq 4.2‰ 出生人口增长 | 出生人口增长4.2%。",
                "2023 actual eq 6.5‰ 人口自然增长率 | 人口自然增长率控制在6.5%。",
                "2023 actual eq 56% 城镇化率 | 城镇化率达到56%",
                "2023 actual eq 5.1‰ 死亡率 | 死亡率5.1％o",
            ],
        );
        // one figure for each of several names (分别 or 均 with a single figure): one fact per name;
        // the 均 of 人均 or 年均 is no such word
        check(
            "城镇居民人均可支配收入和农民人均纯收入分别实际增长10%；城镇居民人均可支配收入、农村居民人均纯收入实际增长均为8.5%左右；污水处理率和垃圾处理率均达到90%，城镇居民人均可支配收入年均增长8%。",
            &[
                "2023 actual eq 10% 城镇居民人均可支配收入增长 | 城镇居民人均可支配收入和农民人均纯收入分别实际增长10%",
                "2023 actual eq 10% 农民人均纯收入增长 | 城镇居民人均可支配收入和农民人均纯收入分别实际增长10%",
                "2023 actual approx 8.5% 城镇居民人均可支配收入增长 | 城镇居民人均可支配收入、农村居民人均纯收入实际增长均为8.5%左右",
                "2023 actual approx 8.5% 农村居民人均纯收入增长 | 城镇居民人均可支配收入、农村居民人均纯收入实际增长均为8.5%左右",
                "2023 actual eq 90% 污水处理率 | 污水处理率和垃圾处理率均达到90%",
                "2023 actual eq 90% 垃圾处理率 | 污水处理率和垃圾处理率均达到90%",
                "2023 actual eq 8% 城镇居民人均可支配收入增长 | 城镇居民人均可支配收入年均增长8%",
            ],
        );
        // a bound after a list covers neither a figure equal to the last nor one more precise
        check(
            "城乡居民收入分别增长10%和10%以上，人均收入分别达到10678.4元和2300元以上。",
            &[
                "2023 actual eq 10% 城镇居民收入增长 | 城乡居民收入分别增长10%",
                "2023 actual ge 10% 农村居民收入增长 | 城乡居民收入分别增长10%和10%以上",
                "2023 actual eq 10678.4元 人均收入 | 人均收入分别达到10678.4元",
                "2023 actual ge 2300元 人均收入 | 人均收入分别达到10678.4元和2300元以上",
            ],
        );
        // one figure for 城乡 residents' income is both's, not one for a scheme of both; 各 like 均;
        // a range with a full-width hyphen; counts of a plan's indicators are no figures
        check(
            "城乡居民收入实际增长6%以上，城乡居民养老保险参保人数增加57.4万人。城镇居民人均可支配收入和农村居民人均纯收入各增长5%。力争新增1－2所。约束性指标14.5项。",
            &[
                "2023 actual ge 6% 城镇居民收入增长 | 城乡居民收入实际增长6%以上",
                "2023 actual ge 6% 农村居民收入增长 | 城乡居民收入实际增长6%以上",
                "2023 actual eq 57.4万人 城乡居民养老保险参保人数增加 | 城乡居民养老保险参保人数增加57.4万人",
                "2023 actual eq 5% 城镇居民人均可支配收入增长 | 城镇居民人均可支配收入和农村居民人均纯收入各增长5%",
                "2023 actual eq 5% 农村居民人均纯收入增长 | 城镇居民人均可支配收入和农村居民人均纯收入各增长5%",
                "2023 actual range 1–2所  | 力争新增1－2所",
            ],
        );
        // an equal figure is meant as it stands only right before the bounded one; an amount a
        // change verb adds is an increment, no level
        check(
            "固定资产投资、社会消费品零售总额、进出口总额分别增长6%、5%、6%左右。力争农民人均纯收入增长700元以上。",
            &[
                "2023 actual approx 6% 固定资产投资增长 | 固定资产投资、社会消费品零售总额、进出口总额分别增长6%",
                "2023 actual approx 5% 社会消费品零售总额增长 | 固定资产投资、社会消费品零售总额、进出口总额分别增长6%、5%",
                "2023 actual approx 6% 进出口总额增长 | 固定资产投资、社会消费品零售总额、进出口总额分别增长6%、5%、6%左右",
                "2023 actual ge 700元 农民人均纯收入增长 | 力争农民人均纯收入增长700元以上",
            ],
        );
        // a bound after a list's last figure covers the list; the next list is its own
        check(
            "工业、服务业增加值分别增长8%、6.5%以上，城乡居民收入分别增长6.5%和7.5%；居民收入分别突破3万元和1万元。",
            &[
                "2023 actual ge 8% 工业增加值增长 | 工业、服务业增加值分别增长8%",
                "2023 actual ge 6.5% 服务业增加值增长 | 工业、服务业增加值分别增长8%、6.5%以上",
                "2023 actual eq 6.5% 城镇居民收入增长 | 城乡居民收入分别增长6.5%",
                "2023 actual eq 7.5% 农村居民收入增长 | 城乡居民收入分别增长6.5%和7.5%",
                "2023 actual ge 3万元 居民收入 | 居民收入分别突破3万元",
                "2023 actual ge 1万元 居民收入 | 居民收入分别突破3万元和1万元",
            ],
        );
        // one figure for a 城乡 name is the town's and the country's; counts of laws and regulations
        // made are no figures, counts of motions and proposals handled are
        check(
            "城乡居民收入分别增长12%。提请省人大制定地方性法规6件，制定规章3件，废止规范性文件达4.6万件，审议法律议案10件，制定修订行政法规15部。办理市人大议案2件。",
            &[
                "2023 actual eq 12% 城镇居民收入增长 | 城乡居民收入分别增长12%",
                "2023 actual eq 12% 农村居民收入增长 | 城乡居民收入分别增长12%",
                "2023 actual eq 2件 办理市人大议案 | 办理市人大议案2件",
            ],
        );
        // a list's decline verb is every figure's; a base of change written 由上年 is the year
        // before; 多 before 万 says "more than" of the noun that follows, which names no category
        check(
            "二氧化硫和氨氮排放量分别削减2.2%、3.2%。补助资金由上年46亿元增加到92亿元。惠及3700多万学生。",
            &[
                "2023 actual eq -2.2% 二氧化硫下降 | 二氧化硫和氨氮排放量分别削减2.2%",
                "2023 actual eq -3.2% 氨氮排放量下降 | 二氧化硫和氨氮排放量分别削减2.2%、3.2%",
                "2022 actual eq 46亿元 补助资金 | 补助资金由上年46亿元",
                "2023 actual eq 92亿元 补助资金 | 补助资金由上年46亿元增加到92亿元",
                "2023 actual gt 3700万 惠及 | 惠及3700多万",
            ],
        );
        // a base with no 到 after it is a base too; an estimate's base is a result
        check(
            "全省GDP从2017年的1.45万亿元接连突破2万亿元。预计人均生产总值由2万元增加到3万元。",
            &[
                "2017 actual eq 1.45万亿元 GDP | 全省GDP从2017年的1.45万亿元",
                "2023 actual ge 2万亿元 GDP从2017年的1.45万亿元接连 | 全省GDP从2017年的1.45万亿元接连突破2万亿元",
                "2022 actual eq 2万元 人均生产总值 | 预计人均生产总值由2万元",
                "2023 estimate eq 3万元 人均生产总值 | 预计人均生产总值由2万元增加到3万元",
            ],
        );
        // the base a target starts from is the level of the reviewed year
        check(
            "二、2024年工作安排\n城镇化率由62%提高到63%，研发经费投入强度从2022年的2.1%提高到2.3%。\n",
            &[
                "2023 actual eq 62% 城镇化率 | 城镇化率由62%",
                "2024 target eq 63% 城镇化率 | 城镇化率由62%提高到63%",
                "2022 actual eq 2.1% 研发经费投入强度 | 研发经费投入强度从2022年的2.1%",
                "2024 target eq 2.3% 研发经费投入强度 | 研发经费投入强度从2022年的2.1%提高到2.3%",
            ],
        );
        // two figures of a 城乡 name are the town's and the country's; 控制在 ends the name
        check(
            "二、2024年工作安排\n城乡居民人均可支配收入增长8%和10%以上，居民消费价格涨幅控制在全省预期的3%以内。\n",
            &[
                "2024 target ge 8% 城镇居民人均可支配收入增长 | 城乡居民人均可支配收入增长8%",
                "2024 target ge 10% 农村居民人均可支配收入增长 | 城乡居民人均可支配收入增长8%和10%以上",
                "2024 target le 3% 居民消费价格涨幅 | 居民消费价格涨幅控制在全省预期的3%以内",
            ],
        );
        // a per-cent sign written twice is one, and the bound after it holds
        check("农民人均纯收入增长9%%以上，", &["2023 actual ge 9% 农民人均纯收入增长 | 农民人均纯收入增长9%%以上"]);
    }

    #[test]
    fn the_period_that_ends_states_results_inside_the_next_periods_goals() {
        let text = "一、2005年工作回顾\n增长9%。\n二、“十一五”时期的主要目标和任务\n“十五”期间，城镇居民人均可支配收入年均增长7.5%。“十一五”期间，城镇居民人均可支配收入年均增长8%左右。\n三、2006年工作安排\n增长10%。\n";
        let shown = year_kind_value(text);
        assert_eq!(shown, ["2005 actual 9", "2005 actual 7.5", "2010 target 8", "2006 target 10"]);
    }

    #[test]
    fn a_broader_name_that_disagrees_with_a_narrower_one_loses_the_id() {
        let mut revenue = indicator("r", "一般公共预算收入增长", "%", Measure::Growth);
        revenue.aliases = vec!["公共财政预算收入增长".into(), "地方财政收入增长".into()];
        let catalogue = [revenue];
        let ids = |text: &str| -> Vec<String> {
            let found =
                extract(text, &catalogue, &Options { year_reviewed: Some(2023), ..Options::default() }).unwrap();
            found.iter().map(|e| format!("{} {}", e.fact.value, e.fact.indicator)).collect()
        };
        assert_eq!(ids("地方财政收入增长15%，公共财政预算收入增长16%。"), ["15 ", "16 r"]);
        // the same figure under both names, or one name alone, keeps the id
        assert_eq!(ids("地方财政收入增长15%，公共财政预算收入增长15%。"), ["15 r", "15 r"]);
        assert_eq!(ids("地方财政收入增长15%。"), ["15 r"]);
        // in another paragraph, a disagreement is left alone; a name that lost in one paragraph
        // loses in the whole report
        assert_eq!(ids("地方财政收入增长15%。\n公共财政预算收入增长16%。"), ["15 r", "16 r"]);
        assert_eq!(
            ids("地方财政收入增长32.5%。\n地方财政收入增长15%，公共财政预算收入增长16%。"),
            ["32.5 ", "15 ", "16 r"]
        );
    }

    #[test]
    fn a_change_over_the_years_a_sentence_compares_is_over_that_span() {
        let catalogue = [
            indicator("e.income_growth", "城镇居民人均可支配收入增长", "%", Measure::Growth),
            indicator("e.income_growth_five_year_average", "城镇居民人均可支配收入年均增长", "%", Measure::Growth),
            indicator("e.gdp_growth", "地区生产总值增长", "%", Measure::Growth),
        ];
        let text = "一、2010年工作回顾\n2010年同2005年相比，城镇居民人均可支配收入增长61.5%，年均增长10.06%。城镇居民人均可支配收入增长9.5%。\n二、2011年工作安排\n预计2013－2020年，地区生产总值年均增长12.1%。\n";
        let shown = year_kind_value_id(text, &catalogue);
        assert_eq!(
            shown,
            [
                "2010 actual 61.5 ",
                "2010 actual 10.06 e.income_growth_five_year_average",
                "2010 actual 9.5 e.income_growth",
                "2020 target 12.1 ",
            ]
        );
    }

    #[test]
    fn a_sentence_opening_with_leiji_in_a_five_year_review_states_totals() {
        let catalogue = [
            indicator("e.fdi", "实际利用外资", "亿美元", Measure::Level),
            indicator("e.trade", "外贸进出口总额", "亿美元", Measure::Level),
            indicator("e.trade_five_year", "外贸进出口总额五年累计", "亿美元", Measure::Level),
        ];
        let text = "一、过去五年工作回顾\n这是发展最快的五年。累计完成外贸进出口总额460亿美元，实际利用外资37亿美元。2010年实际利用外资9亿美元。\n";
        let found = extract(text, &catalogue, &Options { year_reviewed: Some(2010), ..Options::default() }).unwrap();
        let ids: Vec<String> = found.iter().map(|e| format!("{} {}", e.fact.value, e.fact.indicator)).collect();
        assert_eq!(ids, ["460 e.trade_five_year", "37 ", "9 e.fdi"]);
    }

    #[test]
    fn a_result_far_above_the_years_target_is_a_total_over_years() {
        let catalogue = [
            indicator("l.jobs", "城镇新增就业", "万人", Measure::Increment),
            indicator("l.jobs_five_year", "城镇新增就业五年累计", "万人", Measure::Increment),
            indicator("e.energy", "单位生产总值能耗", "%", Measure::Growth),
            indicator("e.revenue", "地方一般公共预算收入增长", "%", Measure::Growth),
        ];
        let text = "一、过去五年工作回顾\n城镇新增就业347.7万人，单位生产总值能耗下降18%，地方一般公共预算收入增长43.2%。城镇新增就业65万人，单位生产总值能耗下降3.1%。\n二、2012年工作安排\n城镇新增就业60万人，单位生产总值能耗下降3.5%，地方一般公共预算收入增长12%。\n";
        let found = extract(text, &catalogue, &Options::default()).unwrap();
        let ids: Vec<String> = found.iter().map(|e| format!("{} {}", e.fact.value, e.fact.indicator)).collect();
        assert_eq!(
            ids,
            [
                "347.7 l.jobs_five_year",
                "-18 ",
                "43.2 e.revenue",
                "65 l.jobs",
                "-3.1 e.energy",
                "60 l.jobs",
                "-3.5 e.energy",
                "12 e.revenue",
            ],
            "a growth 3.6 times the target stays; a decline 5.1 times the planned one is a total"
        );
    }

    #[test]
    fn a_paragraph_opening_with_the_plan_year_is_the_years_plan() {
        // (under a review heading: the layout puts the paragraph in the review)
        let text = "一、2012年工作回顾\n增长9%。\n今年，是开局之年。要力争地区生产总值增长10%以上；固定资产投资增长23%。\n二、2013年工作安排\n增长10%。\n";
        assert_eq!(year_kind_value(text), ["2012 actual 9", "2013 target 10", "2013 target 23", "2013 target 10"]);
    }

    #[test]
    fn a_plan_periods_amount_far_above_the_years_target_is_a_total() {
        let catalogue = [
            indicator("e.investment", "全社会固定资产投资", "亿元", Measure::Level),
            indicator("e.investment_five_year", "全社会固定资产投资五年累计", "亿元", Measure::Level),
        ];
        let text = "一、2010年工作回顾\n增长9%。\n二、“十二五”时期的主要目标\n全社会固定资产投资完成5万亿元。\n三、2011年工作安排\n全社会固定资产投资11000亿元。\n";
        assert_eq!(
            year_kind_value_id(text, &catalogue),
            ["2010 actual 9 ", "2015 target 5 e.investment_five_year", "2011 target 11000 e.investment"]
        );
    }

    #[test]
    fn a_goal_year_written_in_the_review_makes_a_target() {
        let text = "一、2003年工作回顾\n增长9%。到2010年，全省GDP达到11800亿元，年均增长10%以上；人均GDP达到27000元。提前实现了到2005年城镇化率达到40%的目标。\n";
        assert_eq!(
            year_kind_value(text),
            ["2003 actual 9", "2010 target 11800", "2010 target 10", "2010 target 27000", "2003 actual 40"]
        );
    }

    #[test]
    fn this_year_dates_a_target_to_the_plan_year_under_a_five_year_heading() {
        let text = "一、2005年工作回顾\n增长9%。\n二、“十一五”时期的主要目标\n到2010年达到100亿元。确保完成全年全社会固定资产投资2000亿元以上。\n三、2006年工作安排\n增长10%。\n";
        let shown = year_kind_value(text);
        assert_eq!(shown, ["2005 actual 9", "2010 target 100", "2006 target 2000", "2006 target 10"]);
        // the plan year named last in the paragraph before the figure, in a later sentence; a span
        // or a later year named after it takes the figure back to the period
        let text = "一、2002年工作回顾\n增长9%。\n二、今后五年的主要任务\n今后五年，城镇化率达到45%。2003年政府工作的建议。地方财政收入增长9.5%，城镇登记失业率控制在4.5%以内。生产总值年均增长9%。到2007年，森林覆盖率达到30%。\n";
        let shown = year_kind_value(text);
        assert_eq!(
            shown,
            [
                "2002 actual 9",
                "2007 target 45",
                "2003 target 9.5",
                "2003 target 4.5",
                "2007 target 9",
                "2007 target 30"
            ]
        );
    }

    #[test]
    fn the_reviewed_year_inside_goals_and_plans_is_a_result_and_the_plan_year_a_target() {
        let text = "一、过去五年工作回顾\n增长9%。\n二、今后五年及今年的工作\n今后五年，全省生产总值年均增长12%。去年全省生产总值超过3.7万亿元。2008年全省经济社会发展的主要目标是：城镇居民人均可支配收入增长9%。\n三、2008年工作安排\n刚刚过去的2007年，城镇新增就业116.8万人。2007年，居民消费价格上涨1.2%。今年增长10%。\n";
        let found = extract(text, &[], &Options { year_reviewed: Some(2007), ..Options::default() }).unwrap();
        let shown: Vec<String> =
            found.iter().map(|e| format!("{} {} {}", e.fact.year, e.fact.kind, e.fact.value)).collect();
        assert_eq!(
            shown,
            [
                "2007 actual 9",
                "2012 target 12",
                "2007 actual 3.7",
                "2008 target 9",
                "2007 actual 116.8",
                "2007 actual 1.2",
                "2008 target 10"
            ]
        );
    }

    #[test]
    fn a_paragraph_about_the_next_five_years_sets_targets_for_its_end() {
        let text = "一、2020年工作回顾\n增长5%。\n今后五年，主要预期目标是：地区生产总值年均增长6%左右。\n二、2021年工作安排\n增长6%以上。\n";
        let shown = year_kind_value(text);
        assert_eq!(shown, ["2020 actual 5", "2025 target 6", "2021 target 6"]);
    }

    #[test]
    fn in_the_plan_the_past_year_is_a_result_and_ranges_take_any_dash() {
        let text = "一、2023年工作回顾\n增长5%。\n二、2024年工作安排\n过去一年，我们的工作取得了很大成绩。国内生产总值增长10.3%。今年经济增长预期目标为7%左右，投资增长6.5%－7%。\n";
        let found = extract(text, &[], &Options::default()).unwrap();
        let shown: Vec<String> = found
            .iter()
            .map(|e| {
                format!(
                    "{} {} {} {}{}",
                    e.fact.year,
                    e.fact.kind,
                    e.fact.bound,
                    e.fact.value,
                    e.fact.value_hi.map(|h| format!("–{h}")).unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(
            shown,
            ["2023 actual eq 5", "2023 actual eq 10.3", "2024 target approx 7", "2024 target range 6.5–7"]
        );
        assert_eq!(found[2].label_zh, "经济增长");
    }

    #[test]
    fn bounds_signs_and_units() {
        check(
            "城镇新增就业4.4万人，城镇登记失业率控制在3%以内。",
            &[
                "2023 actual eq 4.4万人 城镇新增就业 | 城镇新增就业4.4万人",
                "2023 actual le 3% 城镇登记失业率 | 城镇登记失业率控制在3%以内",
            ],
        );
        check(
            "安全生产事故起数下降26.8%，进出口总额增长超过18%。",
            &[
                "2023 actual eq -26.8% 安全生产事故起数下降 | 安全生产事故起数下降26.8%",
                "2023 actual gt 18% 进出口总额增长 | 进出口总额增长超过18%",
            ],
        );
        check(
            "带动人均年增收3万余元，开展活动100多场。",
            &[
                "2023 actual gt 3万元 带动人均年增收 | 带动人均年增收3万余元",
                "2023 actual gt 100场 开展活动 | 开展活动100多场",
            ],
        );
        check(
            "五大优势产业逆势上扬，打造千亿元产业。",
            // 五大 names a set (a name, not a figure)
            &["2023 actual eq 1000亿元 打造 | 打造千亿元"],
        );
    }

    #[test]
    fn ranges_and_years() {
        check(
            "二、2024年工作安排\n地区生产总值增长6%—6.5%，到2025年建成10所。",
            &[
                "2024 target range 6–6.5% 地区生产总值增长 | 地区生产总值增长6%—6.5%",
                "2025 target eq 10所 到2025年建成 | 到2025年建成10所",
            ],
        );
    }

    #[test]
    fn a_review_without_a_plan_is_all_results() {
        let found = extract("一、2023年工作回顾\n地区生产总值增长1.6%。", &[], &Options::default()).unwrap();
        assert_eq!((found[0].fact.year, found[0].fact.kind), (2023, Kind::Actual));
    }

    #[test]
    fn a_text_without_structure_is_refused() {
        assert_eq!(extract("增长6%", &[], &Options::default()), Err(ExtractError::NoStructure));
        assert!(extract("增长6%", &[], &Options { year_reviewed: Some(2023), ..Options::default() }).is_ok());
    }

    #[test]
    fn years_of_plan_bases_and_two_year_targets() {
        // in the plan, a base from 去年 is the reviewed year, not the year before it; a target over
        // 今明两年 is for the next year, unless it is for each (每年)
        let text = "一、2014年工作回顾\n补助资金由上年46亿元增加到92亿元。\n二、2015年工作安排\n赤字率从去年的2.1%提高到2.3%。今明两年职业技能培训3500万人次以上，高职院校扩招200万人。今明两年每年安排专项资金1亿元。\n";
        assert_eq!(
            year_kind_value(text),
            [
                "2013 actual 46",
                "2014 actual 92",
                "2014 actual 2.1",
                "2015 target 2.3",
                "2016 target 3500",
                "2016 target 200",
                "2015 target 1"
            ]
        );
    }

    #[test]
    fn a_plan_paragraph_that_opens_recalling_the_past_year_states_its_results() {
        // every sentence of it, unless the sentence looks ahead; the next paragraph plans
        let text = "一、2015年工作回顾\n增长8%。\n二、2016年政府工作总体安排\n刚刚过去的2015年，较好完成了主要目标任务。全省生产总值比上年增长8%，地方一般公共预算收入增长10%。城镇新增就业116.8万人。今年力争城镇新增就业110万人。\n2016年主要预期目标是：城镇新增就业110万人。\n";
        assert_eq!(
            year_kind_value(text),
            [
                "2015 actual 8",
                "2015 actual 8",
                "2015 actual 10",
                "2015 actual 116.8",
                "2016 target 110",
                "2016 target 110"
            ]
        );
    }

    #[test]
    fn bare_changes_over_a_span_after_a_list_are_a_list_too() {
        check(
            "城乡居民人均收入分别达到2.96万元和1.22万元，年均增长12.6%和13.2%。",
            &[
                "2023 actual eq 2.96万元 城镇居民人均收入 | 城乡居民人均收入分别达到2.96万元",
                "2023 actual eq 1.22万元 农村居民人均收入 | 城乡居民人均收入分别达到2.96万元和1.22万元",
                "2023 actual eq 12.6% 城镇居民人均收入增长 | 年均增长12.6%",
                "2023 actual eq 13.2% 农村居民人均收入增长 | 年均增长12.6%和13.2%",
            ],
        );
    }

    #[test]
    fn a_fact_on_a_five_year_id_says_its_span() {
        let mut jobs = indicator("livelihood.urban_new_jobs", "城镇新增就业", "万人", Measure::Increment);
        jobs.aliases = vec!["新增城镇就业".into()];
        let mut growth = indicator("economy.gdp_growth", "地区生产总值增长", "%", Measure::Growth);
        growth.aliases = vec!["生产总值增长".into()];
        let catalogue = [
            jobs,
            indicator("livelihood.urban_new_jobs_five_year", "城镇新增就业（五年）", "万人", Measure::Increment),
            growth,
            indicator("economy.gdp_growth_five_year", "地区生产总值五年增长", "%", Measure::Growth),
            indicator("economy.gdp_growth_five_year_average", "地区生产总值年均增长", "%", Measure::Growth),
        ];
        let text = "一、过去五年工作回顾\n五年累计新增城镇就业20万人，生产总值年均增长8%，比2015年增长50%。\n二、2021年工作安排\n生产总值增长6%。\n";
        let found = extract(text, &catalogue, &Options::default()).unwrap();
        let notes: Vec<(String, String)> =
            found.iter().map(|e| (e.fact.indicator.clone(), e.fact.note.clone().unwrap_or_default())).collect();
        assert_eq!(
            notes,
            [
                ("livelihood.urban_new_jobs_five_year".to_owned(), "total over 2016–2020".to_owned()),
                ("economy.gdp_growth_five_year_average".to_owned(), "average a year over 2016–2020".to_owned()),
                ("economy.gdp_growth_five_year".to_owned(), "change from 2015 to 2020".to_owned()),
                ("economy.gdp_growth".to_owned(), String::new()),
            ]
        );
    }

    #[test]
    fn a_rural_income_that_names_no_statistic_is_the_one_in_force() {
        let mut disposable =
            indicator("livelihood.rural_income_growth", "农村居民人均可支配收入增长", "%", Measure::Growth);
        disposable.aliases = vec!["农村居民收入增长".into()];
        let net = indicator("livelihood.rural_net_income_growth", "农民人均纯收入增长", "%", Measure::Growth);
        let catalogue = [disposable, net];
        // (the succession the livelihood domain declares)
        let successions = vec![zhibiao_core::domain::Succession {
            earlier: "livelihood.rural_net_income_growth",
            later: "livelihood.rural_income_growth",
            last_year: 2013,
            later_words: &["可支配"],
        }];
        let id = |year: i32, name: &str, successions: &[zhibiao_core::domain::Succession]| {
            let text = format!("二、{year}年工作安排\n{name}增长10%。\n");
            let options = Options { successions: successions.to_vec(), ..Options::default() };
            year_kind_value_id_with(&text, &catalogue, &options).concat()
        };
        assert_eq!(id(2011, "农村居民收入", &successions), "2011 target 10 livelihood.rural_net_income_growth");
        assert_eq!(id(2011, "农村居民人均可支配收入", &successions), "2011 target 10 livelihood.rural_income_growth");
        assert_eq!(id(2014, "农村居民收入", &successions), "2014 target 10 livelihood.rural_income_growth");
        // no succession declared, no statistic but the one the name matches
        assert_eq!(id(2011, "农村居民收入", &[]), "2011 target 10 livelihood.rural_income_growth");
    }
}
