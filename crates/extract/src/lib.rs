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
//!     "2023 actual eq 1.6% 地区生产总值",
//!     "2023 estimate eq 46.5% 实际利用外资",
//!     "2024 target approx 6% 地区生产总值",
//! ]);
//! ```

pub mod eval;

use zhibiao_core::numbers::{Class, Written, scan};
use zhibiao_core::provenance::chinese_value;
use zhibiao_core::{Bound, Decimal, Fact, Indicator, Kind, units};

/// What the caller knows that the text may not say.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The source id to record in each fact.
    pub source: Option<String>,
    /// The region code to record in each fact.
    pub region: Option<String>,
    /// The year the report reviews (overrides what the text says).
    pub year_reviewed: Option<i32>,
}

/// One candidate fact.
#[derive(Clone, Debug, PartialEq)]
pub struct Extracted {
    /// The fact (its indicator is empty when the label matched no catalogued indicator).
    pub fact: Fact,
    /// The phrase that names the quantity (地区生产总值).
    pub label_zh: String,
    /// Offset of the quote in the text, in Unicode scalar values from 0.
    pub start: usize,
    /// Offset just past the quote.
    pub end: usize,
}

/// Why a text cannot be read as a report.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    /// Neither the text nor the options say which year the report reviews.
    #[error(
        "no review or plan section found (no heading such as 一、2023年工作回顾 or 二、2024年工作安排, no date line); pass --year-reviewed"
    )]
    NoStructure,
}

/// The parts of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Layout {
    reviewed: i32,
    planned: i32,
    /// Character offset where the plan part starts (the text's length when there is none).
    plan_start: usize,
}

fn digits_to_year(chars: &[char], at: usize) -> Option<i32> {
    let s: String = chars.get(at..at + 4)?.iter().collect();
    s.parse().ok().filter(|y| (1949..=2100).contains(y))
}

/// Finds the years and where the plan part starts, from headings and phrases of the genre.
fn layout(chars: &[char], year_reviewed: Option<i32>) -> Result<Layout, ExtractError> {
    let text: String = chars.iter().collect();
    let lines: Vec<(usize, String)> = {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in chars.iter().enumerate() {
            if *c == '\n' {
                out.push((start, chars[start..i].iter().collect()));
                start = i + 1;
            }
        }
        out.push((start, chars[start..].iter().collect()));
        out
    };
    let year_in = |s: &str| -> Option<i32> {
        let cs: Vec<char> = s.chars().collect();
        (0..cs.len().saturating_sub(4)).find_map(|i| if cs[i + 4] == '年' { digits_to_year(&cs, i) } else { None })
    };
    let is_heading = |s: &str| {
        let t = s.trim_start();
        let first = t.chars().next().unwrap_or(' ');
        "一二三四五六七八九十".contains(first) && t.chars().take(4).any(|c| c == '、')
    };
    let mut reviewed = None;
    let mut plan_start = None;
    let mut planned = None;
    for (start, line) in &lines {
        if is_heading(line) && (line.contains("回顾") || line.contains("过去") || line.contains("工作总结")) {
            reviewed = reviewed.or_else(|| year_in(line));
        }
        let plan_heading = is_heading(line)
            && (line.contains("工作安排")
                || line.contains("工作任务")
                || line.contains("目标任务")
                || line.contains("做好")
                || line.contains("今年"));
        let plan_phrase = (line.contains("预期目标") || line.contains("主要目标")) && year_in(line).is_some();
        if plan_start.is_none() && (plan_heading || plan_phrase) {
            plan_start = Some(*start);
            planned = year_in(line);
        }
    }
    // the date line of a delivered report: ——2023年1月4日
    let dated = text.find("——").and_then(|i| {
        let cs: Vec<char> = text[i..].chars().skip(2).take(6).collect();
        digits_to_year(&cs, 0).filter(|_| cs.get(4) == Some(&'年'))
    });
    let review_heading = reviewed;
    let reviewed = year_reviewed
        .or(reviewed)
        .or(planned.map(|p| p - 1))
        .or(dated.map(|d| d - 1))
        .ok_or(ExtractError::NoStructure)?;
    if plan_start.is_none()
        && year_reviewed.is_none()
        && planned.is_none()
        && dated.is_none()
        && review_heading.is_none()
    {
        return Err(ExtractError::NoStructure);
    }
    Ok(Layout { reviewed, planned: reviewed + 1, plan_start: plan_start.unwrap_or(chars.len()) })
}

/// Clause delimiters: a fact's label starts after the last one before its number.
fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | '。' | '；' | '：' | '！' | '？' | '\n' | ',' | ';')
}

const DECLINE: &[&str] = &["下降", "减少", "压减", "回落", "降低", "缩减", "下滑"];
const VERBS: &[&str] = &[
    "同比增长",
    "增长",
    "增加",
    "提高",
    "提升",
    "下降",
    "减少",
    "压减",
    "回落",
    "降低",
    "缩减",
    "达到",
    "达",
    "为",
    "完成",
    "实现",
    "新增",
    "净增",
    "超过",
    "突破",
    "累计",
    "共",
    "约",
    "控制在",
    "分别",
    "占",
    "超",
    "总数",
    "总量",
    "规模",
    "以上",
    "居",
    "全省第",
    "第",
];
const PREFIXES: &[&str] =
    &["其中", "全年", "全市", "预计", "力争", "确保", "实现", "完成", "推动", "加快", "年内", "今年", "全力"];

/// The unit written at `at` (after the number), and how many characters it takes: the longest name
/// the registry knows (％ read as %), allowing 余 or 多 between the number and the unit.
fn unit_at(chars: &[char], at: usize) -> Option<(String, usize, bool)> {
    let mut offset = 0;
    let mut more = false;
    if matches!(chars.get(at), Some('余') | Some('多')) && !matches!(chars.get(at + 1), Some('万') | Some('亿')) {
        more = true;
        offset = 1;
    }
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
    if let Some((name, len)) = try_from(at + offset) {
        return Some((name, offset + len, more));
    }
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
    }
    None
}

fn halfwidth(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            other => other,
        })
        .collect()
}

fn ends_with_any(s: &str, list: &[&str]) -> Option<usize> {
    list.iter().filter(|w| s.ends_with(*w)).map(|w| w.len()).max()
}

/// The label: the clause before the number, without verbs at its end and connectives at its start.
fn label_of(before: &str) -> String {
    let mut label = before.trim().to_owned();
    while let Some(cut) = ends_with_any(&label, VERBS) {
        label.truncate(label.len() - cut);
    }
    loop {
        let trimmed = PREFIXES.iter().find_map(|p| label.strip_prefix(p)).map(str::to_owned);
        match trimmed {
            Some(t) if !t.is_empty() => label = t,
            _ => break,
        }
    }
    label.trim_matches(|c: char| c.is_whitespace() || "“”（）()、".contains(c)).to_owned()
}

/// The catalogue indexed for label matching: exact names, and every name by each of its character
/// pairs, so a label is compared only with names that share a pair with it (linear in the text).
struct CatalogueIndex<'a> {
    exact: std::collections::HashMap<&'a str, &'a Indicator>,
    by_pair: std::collections::HashMap<(char, char), Vec<&'a Indicator>>,
}

impl<'a> CatalogueIndex<'a> {
    fn new(catalogue: &'a [Indicator]) -> CatalogueIndex<'a> {
        let mut exact = std::collections::HashMap::new();
        let mut by_pair: std::collections::HashMap<(char, char), Vec<&'a Indicator>> = std::collections::HashMap::new();
        for i in catalogue {
            exact.entry(i.name_zh.as_str()).or_insert(i);
            let cs: Vec<char> = i.name_zh.chars().collect();
            for w in cs.windows(2) {
                let list = by_pair.entry((w[0], w[1])).or_default();
                if !list.iter().any(|x| x.id == i.id) {
                    list.push(i);
                }
            }
        }
        CatalogueIndex { exact, by_pair }
    }

    /// The catalogued indicator whose Chinese name fits the label best (exact, then containment
    /// either way, the longest name).
    fn best(&self, label: &str) -> Option<&'a Indicator> {
        let cs: Vec<char> = label.chars().collect();
        if cs.len() < 2 {
            return None;
        }
        if let Some(i) = self.exact.get(label) {
            return Some(i);
        }
        let mut best: Option<&'a Indicator> = None;
        for w in cs.windows(2) {
            for i in self.by_pair.get(&(w[0], w[1])).map_or(&[][..], Vec::as_slice) {
                let fits = i.name_zh.chars().count() >= 2 && (label.contains(&i.name_zh) || i.name_zh.contains(label));
                if fits && best.is_none_or(|b| i.name_zh.chars().count() > b.name_zh.chars().count()) {
                    best = Some(i);
                }
            }
        }
        best
    }
}

/// Extracts candidate facts from the text of a report, in text order.
pub fn extract(text: &str, catalogue: &[Indicator], options: &Options) -> Result<Vec<Extracted>, ExtractError> {
    let chars: Vec<char> = text.chars().collect();
    let layout = layout(&chars, options.year_reviewed)?;
    let numbers: Vec<Written> = scan(text).into_iter().filter(|n| n.class == Class::Quantity).collect();
    let index = CatalogueIndex::new(catalogue);
    let mut out = Vec::new();
    let mut skip_next = false;
    for (k, n) in numbers.iter().enumerate() {
        if std::mem::take(&mut skip_next) {
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
        let ranked = n.start > 0 && chars[n.start - 1] == '第';
        let next_is_range = numbers.get(k + 1).is_some_and(|next| {
            let gap: String = chars[unit_from..next.start.max(unit_from)].iter().collect();
            matches!(gap.as_str(), "—" | "-" | "–" | "～" | "~" | "至" | "到")
        });
        let (unit, unit_len, more) = match unit_at(&chars, unit_from) {
            // a rank: 居全省第三, 第46位
            _ if ranked => {
                let written = matches!(chars.get(unit_from), Some('位') | Some('名'));
                ("位".to_owned(), usize::from(written), false)
            }
            Some(u) => u,
            None if chars.get(unit_from) == Some(&'大') => ("个".to_owned(), 1, false),
            // 2—3个: the unit follows the second number
            None if next_is_range => match numbers.get(k + 1).and_then(|next| unit_at(&chars, next.end)) {
                Some((u, _, _)) => (u, 0, false),
                None => continue,
            },
            None => continue,
        };
        let mut end = unit_from + unit_len;
        // the clause and its label
        let clause_start = (0..n.start).rev().find(|&i| is_clause_break(chars[i])).map_or(0, |i| i + 1);
        let before: String = chars[clause_start..n.start].iter().collect();
        let after: String = chars[end..(end + 4).min(chars.len())].iter().collect();
        // range: 6%—6.5%, 6-6.5%
        let mut value_hi = None;
        if let Some(next) = numbers.get(k + 1) {
            let between: String = chars[end.min(next.start)..next.start].iter().collect();
            let between_raw: String = chars[unit_from..next.start.max(unit_from)].iter().collect();
            let is_range_sep = |s: &str| matches!(s, "—" | "-" | "–" | "～" | "~" | "至" | "到" | "——");
            if (is_range_sep(&between) || is_range_sep(&between_raw))
                && next.start > n.end
                && let Ok(hi) = halfwidth(&next.text).parse::<Decimal>()
            {
                if let Some((u2, l2, _)) = unit_at(&chars, next.end) {
                    if u2 == unit || between_raw.len() <= 3 {
                        value_hi = Some(hi);
                        end = next.end + l2;
                        skip_next = true;
                    }
                } else if is_range_sep(&between_raw) {
                    value_hi = Some(hi);
                    end = unit_from.max(next.end) + unit_len;
                    end = end.min(chars.len());
                    skip_next = true;
                }
            }
        }
        let after: String =
            if value_hi.is_some() { chars[end..(end + 4).min(chars.len())].iter().collect() } else { after };
        let mut bound = Bound::Eq;
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
        } else if before.ends_with("不少于") || before.ends_with("不低于") || before.ends_with("至少") {
            bound = Bound::Ge;
        } else if more || before.ends_with("超过") || before.ends_with("超") || before.ends_with("高于") {
            bound = Bound::Gt;
        } else if before.ends_with("低于") {
            bound = Bound::Lt;
        } else if before.ends_with("不少于") || before.ends_with("不低于") || before.ends_with("突破") {
            bound = Bound::Ge;
        }
        // a threshold that names a category, not a figure: 50亿元以上重大项目, 产值超50亿元企业,
        // 突破1000家，达1023家
        let next_char = chars.get(end).copied().unwrap_or('。');
        let names_a_category = matches!(bound, Bound::Ge | Bound::Gt)
            && !is_clause_break(next_char)
            && !matches!(next_char, '、' | '）' | ')' | '”')
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
        let decline = !to_level && DECLINE.iter().any(|w| tail.contains(w));
        // a bound is stated on the signed value: 压减超10% is < −10, 减少50%以上 is ≤ −50
        if decline {
            bound = match bound {
                Bound::Gt => Bound::Lt,
                Bound::Ge => Bound::Le,
                Bound::Lt => Bound::Gt,
                Bound::Le => Bound::Ge,
                other => other,
            };
        }
        let value =
            if decline && !value.is_negative() { Decimal::new(-value.mantissa(), value.exponent()) } else { value };
        let value_hi = value_hi.map(|h| if decline { Decimal::new(-h.mantissa(), h.exponent()) } else { h });
        let (value, value_hi) = match value_hi {
            Some(h) if h < value => (h, Some(value)),
            other => (value, other),
        };
        let in_plan = n.start >= layout.plan_start;
        let sentence_start =
            (0..n.start).rev().find(|&i| matches!(chars[i], '。' | '；' | '\n' | ';')).map_or(0, |i| i + 1);
        let sentence: String = chars[sentence_start..n.start].iter().collect();
        let estimated = before.contains("预计")
            || sentence.trim_start().starts_with("预计")
            || sentence.trim_start().starts_with("全年预计");
        let kind = if in_plan {
            Kind::Target
        } else if estimated {
            Kind::Estimate
        } else {
            Kind::Actual
        };
        let mut year = if in_plan { layout.planned } else { layout.reviewed };
        if in_plan {
            let cs: Vec<char> = before.chars().collect();
            for i in 0..cs.len().saturating_sub(5) {
                if cs[i] == '到'
                    && cs.get(i + 5) == Some(&'年')
                    && let Some(y) = digits_to_year(&cs, i + 1)
                {
                    year = y;
                }
            }
        }
        let label = label_of(&before);
        let indicator = index.best(&label);
        let quote: String = chars[clause_start..end].iter().collect();
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
                note: None,
            },
            label_zh: label,
            start: clause_start,
            end,
        });
    }
    Ok(out)
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
                "2023 actual eq -26.8% 安全生产事故起数 | 安全生产事故起数下降26.8%",
                "2023 actual gt 18% 进出口总额 | 进出口总额增长超过18%",
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
            &["2023 actual eq 5个  | 五大", "2023 actual eq 1000亿元 打造 | 打造千亿元"],
        );
    }

    #[test]
    fn ranges_and_years() {
        check(
            "二、2024年工作安排\n地区生产总值增长6%—6.5%，到2025年建成10所。",
            &[
                "2024 target range 6–6.5% 地区生产总值 | 地区生产总值增长6%—6.5%",
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
}
