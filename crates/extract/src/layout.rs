//! The layout of a work report, read by rules of the genre: its parts (the review of the past year or
//! years, goals for a five-year period, the plan for this year, a glossary), the years they are
//! about, the date it was delivered and the passage that states the year's main targets.
//!
//! Headings are found in any form the genre uses: numbered (一、2023年工作回顾, 第一部分) or not
//! (a short line of its own with no sentence punctuation: 2011年工作回顾). A heading's words say
//! which part it opens (回顾 / 总结 / 完成情况 for a review; 工作安排 / 主要任务 / 重点任务 / 总体要求 /
//! 工作思路 / 政策取向 / 预期目标 … for a plan; 今后五年 / “十四五”时期 … 目标 for five-year goals;
//! 名词解释 / 附 for a glossary) and the years it names say which years. **Years in headings win over
//! the date line**; the date line decides only when the headings name no year, and a report
//! delivered in December plans the next year. A text with no headings is read by phrases (a
//! paragraph opening with 今年 or the plan year starts the plan) and says so in [`Layout::found_by`].

use std::fmt;

zhibiao_core::vocabulary! {
    /// How the layout was found: the confidence a reviewer can place in kinds and years.
    FoundBy {
        /// Headings opened both the review and the plan, and named their years.
        Headings => "headings",
        /// Headings opened the parts, but the years came from the date line or the caller.
        HeadingsUndated => "headings_undated",
        /// No plan heading: the plan was found by a phrase (a paragraph opening with 今年 or the year).
        Phrases => "phrases",
        /// No structure: every figure is read as a result of the reviewed year.
        None => "none",
    }
}

zhibiao_core::vocabulary! {
    /// What a part of the report is.
    PartKind {
        /// Before the first heading (title, date line, greeting), or the whole of an unstructured text.
        Opening => "opening",
        /// The review of the past year (results).
        Review => "review",
        /// The review of a five-year period (results; figures are about its last year unless dated).
        FiveYearReview => "five_year_review",
        /// Goals for a five-year period (targets for its last year unless dated).
        FiveYearGoals => "five_year_goals",
        /// This year's plan (targets for the plan year).
        Plan => "plan",
        /// A glossary or appendix (名词解释, 附): no facts.
        Glossary => "glossary",
    }
}

/// One part: its kind, where it starts (character offset of its heading) and the year its figures
/// are about by default.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// What the part is.
    pub kind: PartKind,
    /// Character offset where it starts.
    pub start: usize,
    /// The year its figures are about unless a sentence names another.
    pub year: i32,
}

/// A date as written on a report's date line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Date {
    /// Year.
    pub year: i32,
    /// Month (1–12).
    pub month: u32,
    /// Day, when written.
    pub day: Option<u32>,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.day {
            Some(d) => write!(f, "{:04}-{:02}-{d:02}", self.year, self.month),
            None => write!(f, "{:04}-{:02}", self.year, self.month),
        }
    }
}

/// The layout of one report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    /// The year the report reviews (the last year of a five-year review).
    pub reviewed: i32,
    /// The year the report plans.
    pub planned: i32,
    /// The delivery date on the date line, when there is one.
    pub delivered: Option<Date>,
    /// The parts in text order (the first starts at 0).
    pub parts: Vec<Part>,
    /// The main-targets passage (character offsets), when found.
    pub targets: Option<(usize, usize)>,
    /// How the layout was found.
    pub found_by: FoundBy,
}

impl Layout {
    /// The part that holds character offset `at`.
    pub fn part_at(&self, at: usize) -> Part {
        let i = self.parts.partition_point(|p| p.start <= at);
        self.parts.get(i.saturating_sub(1)).copied().unwrap_or(Part {
            kind: PartKind::Opening,
            start: 0,
            year: self.reviewed,
        })
    }
}

/// Hints from outside the text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hints {
    /// The year the report reviews, when the caller knows it (overrides the text).
    pub year_reviewed: Option<i32>,
    /// The year the report was delivered according to something outside the text (a file name):
    /// used only when neither headings nor the date line name a year.
    pub year_delivered: Option<i32>,
}

/// A paragraph: a line of the text with its character offsets.
#[derive(Clone, Debug)]
pub(crate) struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

pub(crate) fn paragraphs(chars: &[char]) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        if *c == '\n' {
            out.push(Paragraph { start, end: i, text: chars[start..i].iter().collect() });
            start = i + 1;
        }
    }
    if start < chars.len() {
        out.push(Paragraph { start, end: chars.len(), text: chars[start..].iter().collect() });
    }
    out
}

/// The value of a Chinese or Arabic digit.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '○' | 'Ｏ' | '零' => Some(0),
        '一' => Some(1),
        '二' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// Every year a line writes as four digits followed by 年 (2023年, ２０２３年, 二〇二三年), with its
/// character offset.
pub(crate) fn years_in(s: &str) -> Vec<(usize, i32)> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 < cs.len() + 1 {
        let window = cs.get(i..i + 4);
        let year = window.and_then(|w| {
            let ds: Option<Vec<u32>> = w.iter().map(|c| digit(*c)).collect();
            let ds = ds?;
            // Chinese digits must be all Chinese, Arabic all Arabic: 十二五 is not a year
            let arabic = w.iter().all(|c| c.is_ascii_digit() || ('０'..='９').contains(c));
            let chinese = w.iter().all(|c| !c.is_ascii_digit() && !('０'..='９').contains(c));
            if !(arabic || chinese) {
                return None;
            }
            let y = ds.iter().fold(0u32, |a, d| a * 10 + d) as i32;
            (1949..=2100).contains(&y).then_some(y)
        });
        let before_is_digit = i > 0 && digit(cs[i - 1]).is_some();
        match year {
            Some(y) if cs.get(i + 4) == Some(&'年') && !before_is_digit => {
                out.push((i, y));
                i += 5;
            }
            _ => i += 1,
        }
    }
    out
}

/// The last year of a five-year plan period named in a line ("十三五" → 2020), if any.
pub(crate) fn plan_period_end(s: &str) -> Option<i32> {
    PLAN_PERIODS.iter().find(|(name, _)| s.contains(name)).map(|(_, end)| *end)
}

/// The two years a sentence compares or spans, earlier first: 2010年同2005年相比 (also 与 / 比),
/// 2013－2020年 (also — – - ~ 至 到). `None` when it names no such pair.
pub(crate) fn years_spanned(sentence: &str) -> Option<(i32, i32)> {
    let cs: Vec<char> = sentence.chars().collect();
    let year_at = |i: usize| -> Option<i32> {
        let w = cs.get(i..i + 4)?;
        if !w.iter().all(|c| c.is_ascii_digit()) || (i > 0 && cs[i - 1].is_ascii_digit()) {
            return None;
        }
        if cs.get(i + 4).is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        let y = w.iter().fold(0i32, |a, c| a * 10 + c.to_digit(10).map_or(0, |d| d as i32));
        (1949..=2100).contains(&y).then_some(y)
    };
    let years: Vec<(usize, i32)> = (0..cs.len()).filter_map(|i| year_at(i).map(|y| (i, y))).collect();
    years.windows(2).find_map(|pair| {
        let ((i, a), (j, b)) = (pair[0], pair[1]);
        let between: String = cs[i + 4..j].iter().collect();
        let after: String = cs[j + 4..].iter().take(8).collect();
        let range = matches!(between.as_str(), "－" | "—" | "–" | "-" | "~" | "～" | "至" | "到" | "——")
            && after.starts_with('年');
        let compared = ["年同", "年与", "年比"].contains(&between.as_str()) && after.starts_with("年相比")
            || between == "年比" && after.starts_with('年');
        (range || compared).then_some((a.min(b), a.max(b)))
    })
}

/// The years a change is stated over when its clause names its base: 比1997年增长57% (1997 to
/// `year`), 比“九五”末增长53.8% (the period's last year to `year`). `None` for any other clause
/// (比上年 names no year).
pub(crate) fn compared_with(clause: &str, year: i32) -> Option<(i32, i32)> {
    let at = clause.rfind('比')?;
    let base = &clause[at..];
    let from = years_in(base)
        .first()
        .map(|&(_, y)| y)
        .or_else(|| PLAN_PERIODS.iter().find(|(name, _)| base.contains(name)).map(|&(_, end)| end))
        .or_else(|| ["八五"].iter().any(|w| base.contains(w)).then_some(1995))?;
    (from < year).then_some((from, year))
}

/// The year a sentence's opening clause compares with (与2002年相比，全省生产总值由6035亿元增加到12464亿
/// 元…: 2002, the year every base of a change in the sentence is of), when it is before `reviewed`.
pub(crate) fn compared_from(sentence: &str, reviewed: i32) -> Option<i32> {
    let first = sentence.trim_start().split(['，', ',']).next()?;
    let (at, year) = *years_in(first).first()?;
    let opening: String = first.chars().take(at).collect();
    let rest: String = first.chars().skip(at + 5).collect();
    let compares = ["与", "同", "和", "较"].iter().any(|w| opening.ends_with(w))
        && opening.chars().count() <= 3
        && ["相比", "比较"].iter().any(|w| rest.starts_with(w));
    (compares && year < reviewed).then_some(year)
}

/// Whether the sentence up to a figure (to its ；) dates it to part of a year: in the figure's own
/// clause (规模以上工业企业利润1-11月增长31.2%) or in the sentence's first (我省一季度地区生产总值下降3%，
/// …社会消费品零售总额下降13%; 前三季度，城乡居民收入分别增长7.3%), unless a 全年 or 年底 after it takes
/// it back to the whole year (上半年增长6%，全年增长8%). A circumstance (在上半年农产品价格下滑的情况下，
/// 粮食总产量达到2910万吨) dates nothing.
pub(crate) fn part_of_year(sentence: &str) -> bool {
    const WHOLE: &[&str] = &["全年", "年底", "年末", "全年度"];
    let clauses: Vec<&str> = sentence.split(['，', ',']).collect();
    let (Some(first), Some(own)) = (clauses.first(), clauses.last()) else { return false };
    let first = if first.trim_start().starts_with('在') { "" } else { first };
    let in_own = names_part_of_year(own).filter(|at| !WHOLE.iter().any(|w| own[*at..].contains(w)));
    // (the first clause opens the sentence: its offsets are the sentence's)
    let in_first = names_part_of_year(first).filter(|at| !WHOLE.iter().any(|w| sentence[*at..].contains(w)));
    in_own.is_some() || in_first.is_some()
}

/// Where (the byte just past) the last words naming part of a year end in `text`: 一季度, 上半年,
/// 前三季度, 前两个月, or the first months (1—5月, 1-11月, 一至十一月).
fn names_part_of_year(text: &str) -> Option<usize> {
    const PARTS: &[&str] = &[
        "一季度",
        "二季度",
        "三季度",
        "四季度",
        "上半年",
        "下半年",
        "前三季度",
        "前两季度",
        "前两个季度",
        "前三个季度",
        "前两个月",
        "前三个月",
        "前四个月",
        "前五个月",
        "前几个月",
    ];
    let named = PARTS.iter().filter_map(|w| text.rfind(w).map(|i| i + w.len())).max();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let months = chars
        .windows(3)
        .filter(|w| {
            matches!(w[0].1, '1' | '一')
                && matches!(w[1].1, '—' | '-' | '－' | '至' | '~' | '～')
                && (w[2].1.is_ascii_digit() || "二三四五六七八九十".contains(w[2].1))
                && text[w[2].0..]
                    .trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
                    .starts_with('月')
        })
        .map(|w| w[2].0)
        .max();
    named.max(months)
}

/// Whether `text` opens with the name of one zone within the region as its subject (兰州新区经济增速…,
/// 新片区规上工业总产值…, 浦东新区生产总值…): its figures are the zone's, not the region's. A zone's
/// name is a place of at most eight characters before 新区, 高新区, 开发区 and the like; bare, only
/// 新片区 and 新区 name one zone (开发区达到50个 counts the region's zones), and a kind of zone
/// (国家级高新区, 各类开发区) is none.
pub(crate) fn zone_subject(text: &str) -> bool {
    const ZONES: &[&str] =
        &["新片区", "高新区", "新区", "开发区", "经开区", "自贸试验区", "自贸区", "综合保税区", "保税区"];
    const NOT_A_PLACE: &[&str] = &[
        "国家级",
        "省级",
        "各类",
        "各",
        "推进",
        "加快",
        "建设",
        "支持",
        "发挥",
        "复制",
        "推广",
        "创建",
        "实施",
        "抓好",
        "完善",
        "加强",
        "持续",
        "深入",
        "大力",
        "依托",
        "围绕",
        "聚焦",
        "以",
        "把",
        "在",
        "对",
        "新增",
        "新设",
        "获批",
        "申建",
        "全",
    ];
    let opening = text.trim_start_matches(|c: char| c.is_whitespace() || "“”（）()—".contains(c));
    let Some((at, zone)) = ZONES
        .iter()
        .filter_map(|z| opening.find(z).map(|at| (at, *z)))
        .min_by_key(|(at, z)| (*at, usize::MAX - z.len()))
    else {
        return false;
    };
    let place = &opening[..at];
    if place.is_empty() {
        return matches!(zone, "新片区" | "新区");
    }
    place.chars().count() <= 8
        && place.chars().all(|c| !c.is_ascii() && !"，,、；。：:和及与".contains(c))
        && !NOT_A_PLACE.iter().any(|w| place.starts_with(w))
}

/// Whether a change compares one period's total with the last period's (累计完成进出口总额31.7亿美元，
/// 比前五年增长9.3%; 比“九五”时期增长98%; 比“十一五”期间增长1.1倍): no change over years, so no
/// indicator's.
pub(crate) fn compares_periods(clause: &str) -> bool {
    let Some(at) = clause.rfind('比') else { return false };
    let base = &clause[at..];
    ["比前五年", "比上个五年", "比上一个五年", "比前一个五年", "比上五年"].iter().any(|w| base.starts_with(w))
        || (PLAN_PERIODS.iter().any(|(name, _)| base.contains(name))
            && (base.contains("时期") || base.contains("期间")))
}

/// The five-year plan periods by the names reports write, with their last years: the numbered ones
/// first, so that “十五” alone (2001–2005) is never read inside 十五五.
const PLAN_PERIODS: &[(&str, i32)] = &[
    ("十五五", 2030),
    ("十四五", 2025),
    ("十三五", 2020),
    ("十二五", 2015),
    ("十一五", 2010),
    ("九五", 2000),
    ("“十五”", 2005),
    ("十五”", 2005),
    ("十五计划", 2005),
    ("“十五", 2005),
];

/// The year of the targets a goal opener earlier in a sentence announces (主要预期目标是：,
/// 宏观调控的主要目标建议为, 主要发展目标：), whatever part the layout put the sentence in: the plan
/// year for this year's (今年, a year ≥ `planned`, or no year), the period's last year for a plan
/// period's (“十二五”时期…, 今后五年…). `None` when the sentence opens no targets, or its opener looks
/// back (年初确定的主要目标是, 去年…, a period that has ended).
pub(crate) fn goal_opener(sentence: &str, before: &str, planned: i32) -> Option<i32> {
    let cs: Vec<char> = sentence.chars().collect();
    // 目标 or 指标, then 是 / 为 / 建议为 / 确定为 / 定为 or a colon (not 目标任务, 目标之内, 目标，)
    let at = (0..cs.len().saturating_sub(2)).rev().find(|&i| {
        matches!(cs[i], '目' | '指') && cs[i + 1] == '标' && {
            let rest: String = cs[i + 2..].iter().take(3).collect();
            ["建议为", "确定为", "定为", "是", "为", "：", ":"].iter().any(|w| rest.starts_with(w))
                && !rest.starts_with("是否")
        }
    })?;
    let from = cs[..at].iter().rposition(|c| matches!(c, '。' | '！' | '？')).map_or(0, |p| p + 1);
    let head: String = cs[from..at].iter().collect();
    if ["去年", "年初", "上年", "过去", "五年来", "完成", "超额", "实现了", "执行"].iter().any(|w| head.contains(w))
    {
        return None;
    }
    // the period or year the opener's sentence names, else the last one the paragraph names
    // before it (“十五”时期我区…。经济和社会发展的主要奋斗目标是：)
    period_named(&head, planned).or_else(|| period_named(before, planned)).unwrap_or(Some(planned))
}

/// The year the targets of a passage are for, from the last year or period it names: `Some(None)`
/// when that is in the past, `None` when it names none.
pub(crate) fn period_named(text: &str, planned: i32) -> Option<Option<i32>> {
    let chars_before = |byte: usize| text[..byte].chars().count();
    let mut named: Vec<(usize, Option<i32>)> = Vec::new();
    for w in ["今年", "本年"] {
        named.extend(text.rfind(w).map(|at| (chars_before(at), Some(planned))));
    }
    named.extend(years_in(text).into_iter().map(|(at, y)| (at, (y >= planned).then_some(y))));
    for &(name, end) in PLAN_PERIODS {
        named.extend(text.rfind(name).map(|at| (chars_before(at), (end >= planned).then_some(end))));
    }
    for w in ["今后五年", "未来五年", "今后5年", "未来5年"] {
        named.extend(text.rfind(w).map(|at| (chars_before(at), Some(planned + 4))));
    }
    named.into_iter().max_by_key(|(at, _)| *at).map(|(_, year)| year)
}

/// Whether a paragraph, up to a figure, speaks of a period that has ended: a sentence of it opens
/// with that period (过去五年, 五年来, “十三五”时期 in the report that reviews 2020), and no single
/// year is named since (2012年, 去年, 一年来, 比上年, 预计): a flow stated there is a total over the
/// period, not one year's. A period named inside a sentence (达到五年来最好水平, 过去五年年均增长7.5%)
/// opens nothing.
pub(crate) fn over_past_period(paragraph: &str, reviewed: i32) -> bool {
    const OPENERS: &[&str] = &[
        "过去五年",
        "过去5年",
        "过去的五年",
        "过去这五年",
        "五年来",
        "5年来",
        "这五年",
        "五年间",
        "五年累计",
        "五年共",
        "本届政府",
    ];
    let cs: Vec<char> = paragraph.chars().collect();
    let opens_period = |from: usize| {
        let head: String =
            cs[from..].iter().skip_while(|c| c.is_whitespace() || "各位代表！!，,—-".contains(**c)).take(24).collect();
        // 这是改革开放步入新阶段的五年: a sentence that names the period it reviews
        let names_the_period = head.starts_with("这是") && head.contains("的五年");
        names_the_period
            || OPENERS.iter().any(|w| head.starts_with(w))
            || (["时期", "期间", "以来"].iter().any(|w| head.chars().take(12).collect::<String>().contains(w))
                && plan_period_end(&head).is_some_and(|end| end <= reviewed)
                && head.find('“').is_some_and(|i| i < 6))
    };
    let opener = std::iter::once(0)
        .chain(cs.iter().enumerate().filter(|(_, c)| matches!(c, '。' | '！' | '？')).map(|(i, _)| i + 1))
        .filter(|&from| from < cs.len() && opens_period(from))
        .max();
    let Some(opener) = opener else { return false };
    year_anchor(paragraph).is_none_or(|a| a < opener)
}

/// Where a paragraph, up to a figure, last names a single year (the character offset): a word for
/// one (去年, 一年来, 全年, 比上年, 预计) or a sentence or clause that opens with a year (2012年，…);
/// a year inside a sentence (由2017年的…增加到…) names none.
pub(crate) fn year_anchor(paragraph: &str) -> Option<usize> {
    const ANCHORS: &[&str] =
        &["去年", "一年来", "过去一年", "过去的一年", "刚刚过去的", "全年", "当年", "今年", "比上年", "同比", "预计"];
    let cs: Vec<char> = paragraph.chars().collect();
    let sentence_years = years_in(paragraph).into_iter().map(|(at, _)| at).filter(|&at| {
        cs[..at]
            .iter()
            .rev()
            .find(|c| !c.is_whitespace() && !"—-".contains(**c))
            .is_none_or(|c| matches!(c, '。' | '！' | '？' | '，' | '；' | '：'))
    });
    let chars_before = |byte: usize| paragraph[..byte].chars().count();
    ANCHORS.iter().filter_map(|w| paragraph.rfind(w)).map(chars_before).chain(sentence_years).max()
}

/// The heading of a numbered line that runs on into its paragraph after a space (二、“十二五”时期
/// 经济社会发展的主要任务 “十二五”时期是…): the text before the space, when the rest is prose.
fn glued_heading(line: &str) -> Option<&str> {
    let numbering = line.chars().take_while(|c| "一二三四五六七八九十".contains(*c)).count();
    if numbering == 0 || line.chars().nth(numbering) != Some('、') {
        return None;
    }
    let (at, space) = line.char_indices().find(|(_, c)| matches!(c, ' ' | '\u{3000}'))?;
    let head = &line[..at];
    let rest = line[at + space.len_utf8()..].trim();
    (head.chars().count() <= 40 && rest.chars().count() >= 10).then_some(head)
}

/// A heading as first read: where it starts, its kind, the years and the plan period it names, and
/// what the genre's order may still make of it.
type HeadingRead = (usize, HeadingKind, Vec<i32>, Option<i32>, Retype);

/// What a heading's words alone could not settle, for the genre's order to decide (the review
/// comes first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Retype {
    No,
    /// A plan by the year it names alone, with no plan word.
    YearAlone,
    /// No kind, but it reports achievements.
    Achievements {
        five_year: bool,
    },
}

/// Whether a heading reports what was achieved: its last clause ends 取得…成就 / 成效 / 成绩 / 进展,
/// or it says a period closed (收官), a plan done (完成了) or how things stand (基本情况, 主要情况).
fn reports_achievements(body: &str) -> bool {
    let last = body.rsplit(['，', ',']).next().unwrap_or(body);
    let achieved = last.rfind("取得").is_some_and(|at| {
        let rest = &last[at..];
        rest.chars().count() <= 10 && ["成就", "成效", "成绩", "进展"].iter().any(|w| rest.ends_with(w))
    });
    achieved || ["收官", "完成了", "基本情况", "主要情况"].iter().any(|w| body.contains(w))
}

/// The text of a heading without its numbering, or None when the line is not a heading.
fn heading_text(line: &str) -> Option<String> {
    let t = line.trim().trim_matches('\u{3000}');
    let t = glued_heading(t).unwrap_or(t);
    let n = t.chars().count();
    if !(2..=60).contains(&n) {
        return None;
    }
    // numbered: 一、 二． 第一部分 Ⅰ.
    let numbered = {
        let mut cs = t.chars().peekable();
        let mut k = 0;
        while cs.peek().is_some_and(|c| "一二三四五六七八九十".contains(*c)) {
            cs.next();
            k += 1;
        }
        (k > 0 && matches!(cs.peek(), Some('、') | Some('．') | Some('.') | Some(' ') | Some('　')))
            || (t.starts_with('第') && t.chars().take(6).any(|c| c == '部') && t.contains("部分"))
    };
    let body: String = if numbered {
        let skip =
            t.find(['、', '．', '.', ' ', '　']).map_or(0, |i| i + t[i..].chars().next().map_or(0, char::len_utf8));
        let b = &t[skip..];
        match b.find("部分") {
            Some(i) if t.starts_with('第') => {
                b[i + "部分".len()..].trim_start_matches(['　', ' ', '：', ':']).to_owned()
            }
            _ => b.to_owned(),
        }
    } else {
        t.to_owned()
    };
    let body = body.trim().to_owned();
    // a sub-heading （一）… is not a part heading, nor is the date line
    if t.starts_with('（')
        || t.starts_with('(')
        || t.starts_with('—')
        || t.starts_with('─')
        || t.contains("代表大会")
        || t.contains("会议上")
    {
        return None;
    }
    // a line that introduces what follows (主要工作是: / 一年来的主要工作和成效是：) is prose, not a heading
    let sentence_like = body.contains('。')
        || body.contains('；')
        || body.ends_with('：')
        || body.ends_with(':')
        || body.ends_with('，')
        || body.ends_with('是');
    if sentence_like {
        return None;
    }
    if !numbered && (n > 40 || body.contains('，')) {
        return None;
    }
    Some(body)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum HeadingKind {
    Review {
        five_year: bool,
    },
    /// 良好开局 with no tense (“十四五”实现良好开局 reviews the first year of a period; 实现“十一五”
    /// 良好开局 plans it): the period's first year decides, else the genre's order (review first).
    GoodStart,
    FiveYearGoals,
    Plan,
    Glossary,
    Other,
}

impl HeadingKind {
    /// Whether the heading opens a part that plans: the year's plan, a period's goals, or a good start
    /// to come.
    fn plans(self) -> bool {
        matches!(self, HeadingKind::Plan | HeadingKind::FiveYearGoals | HeadingKind::GoodStart)
    }
}

const REVIEW_WORDS: &[&str] = &[
    "回顾",
    "总结",
    "完成情况",
    "主要成绩",
    "工作情况",
    "取得的成就",
    "建设成就",
    "发展成就",
    "重大成就",
    "主要成就",
    "过去一年",
    "过去的一年",
    "过去五年",
    "过去5年",
    "过去的五年",
    "五年来",
];
const PLAN_WORDS: &[&str] = &[
    "工作安排",
    "安排建议",
    "主要任务",
    "重点任务",
    "重点工作",
    "主要工作",
    "总体要求",
    "工作思路",
    "政策取向",
    "预期目标",
    "目标任务",
    "工作任务",
    "工作部署",
    "总体部署",
    "总体安排",
    "工作建议",
    "工作意见",
    "工作重点",
    "的工作",
    "年工作",
    "政府工作",
    "做好",
    "今年",
    "奋斗目标",
    "发展目标",
    "主要目标",
];
const FIVE_YEAR_WORDS: &[&str] =
    &["今后五年", "未来五年", "五年规划", "十五五", "十四五", "十三五", "十二五", "十一五", "“十五”", "远景目标"];

/// Words of a heading that reports work done: it opens a review whatever plan or goal it names
/// (四次会议确定的目标任务执行情况, “十五”经济社会发展目标全面实现, 过去五年的工作).
const DONE_WORDS: &[&str] = &[
    "执行情况",
    "落实情况",
    "全面实现",
    "胜利完成",
    "圆满完成",
    "顺利完成",
    "取得新成绩",
    "取得新成就",
    "取得新进展",
    "取得显著成效",
    "取得重大成就",
    "过去五年的工作",
    "五年来的工作",
    "过去一年的工作",
    "开局良好",
];

/// Words that turn a heading toward the future (努力取得新成绩, 确保全面完成): it is then no review.
const AHEAD_WORDS: &[&str] = &["努力", "奋力", "争取", "确保", "力争", "推动", "为", "要", "将"];

fn classify(body: &str) -> HeadingKind {
    // the title (政府工作报告, 2024年政府工作报告) heads the whole text, not its plan
    if body.trim_end().ends_with("政府工作报告") {
        return HeadingKind::Other;
    }
    if body.contains("名词解释") || body.starts_with("附") || body.starts_with("注释") || body.starts_with("说明：")
    {
        return HeadingKind::Glossary;
    }
    // a heading that names the years it closes (开拓奋进的五年, 取得巨大成就的五年) reviews them
    let closes_years = body.ends_with("的五年") || body.ends_with("的一年");
    let five = FIVE_YEAR_WORDS.iter().any(|w| body.contains(w))
        || body.contains("过去五年")
        || body.contains("五年来")
        || body.contains("本届政府")
        || body.ends_with("的五年");
    // the clause that says work is done must not look ahead itself (奋力开拓，“十五”目标全面实现 is
    // done; 努力实现良好开局 is not)
    let done = body.split(['，', ',']).any(|clause| {
        let good_start_behind = clause.contains("良好开局")
            && (clause.contains('了') || clause.contains("取得") || clause.contains("的一年"));
        // (the 要 of 主要 / 重要 / 需要 looks nowhere: “十一五”规划执行情况和政府主要工作 is done)
        let ahead_of = ["主要", "重要", "需要"].iter().fold(clause.to_owned(), |c, w| c.replace(w, ""));
        (good_start_behind || DONE_WORDS.iter().any(|w| clause.contains(w)))
            && !AHEAD_WORDS.iter().any(|w| ahead_of.contains(w))
    });
    let closes_years = closes_years && !AHEAD_WORDS.iter().any(|w| body.contains(w));
    if done || closes_years || REVIEW_WORDS.iter().any(|w| body.contains(w)) {
        // a good start (“十二五”开局良好) reviews the period's first year, not the period
        return HeadingKind::Review { five_year: five && years_in(body).is_empty() && !body.contains("开局") };
    }
    let years = years_in(body);
    let plan_word = PLAN_WORDS.iter().any(|w| body.contains(w));
    // the first year of a plan period is this year's plan: 为“十四五”开好局, 确保“十三五”开局起步
    if body.contains("良好开局") {
        return HeadingKind::GoodStart;
    }
    let opening_year =
        ["开好局", "起好步", "开局之年", "开局起步", "开局工作", "开门红", "第一年"].iter().any(|w| body.contains(w));
    if opening_year {
        return HeadingKind::Plan;
    }
    if five && years.is_empty() {
        if plan_word || body.contains("目标") || body.contains("思路") || body.contains("任务") {
            return HeadingKind::FiveYearGoals;
        }
        return HeadingKind::Other;
    }
    if plan_word || !years.is_empty() {
        return HeadingKind::Plan;
    }
    HeadingKind::Other
}

/// A small number written in Arabic or Chinese digits at `i` (3, 12, 十二, 二十七), and its length.
fn small_number(cs: &[char], i: usize) -> Option<(u32, usize)> {
    let run: Vec<char> = cs[i.min(cs.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(*c) || "〇一二三四五六七八九十".contains(**c))
        .copied()
        .collect();
    if run.is_empty() {
        return None;
    }
    let value = if run.iter().all(|c| !"〇一二三四五六七八九十".contains(*c)) {
        run.iter().try_fold(0u32, |a, c| Some(a * 10 + digit(*c)?))?
    } else {
        u32::try_from(zhibiao_scan::provenance::chinese_value(&run)?).ok()?
    };
    Some((value, run.len()))
}

/// The delivery date written near the top (——2024年3月5日在…, （2011年1月14日 …）, ——二〇二六年一月二十七日).
fn date_line(paragraphs: &[Paragraph]) -> Option<Date> {
    for p in paragraphs.iter().take(12) {
        let cs: Vec<char> = p.text.chars().collect();
        for (at, year) in years_in(&p.text) {
            let i = at + 5;
            let Some((month, len)) = small_number(&cs, i) else { continue };
            if cs.get(i + len) != Some(&'月') || !(1..=12).contains(&month) {
                continue;
            }
            let j = i + len + 1;
            let day = small_number(&cs, j)
                .filter(|(d, l)| cs.get(j + l) == Some(&'日') && (1..=31).contains(d))
                .map(|(d, _)| d);
            return Some(Date { year, month, day });
        }
    }
    None
}

/// Phrases that open the main-targets passage.
const TARGET_PHRASES: &[&str] = &[
    "主要预期目标",
    "主要目标是",
    "主要目标为",
    "预期目标是",
    "预期目标为",
    "主要预期性目标",
    "主要指标",
    "发展的主要目标",
    "预期目标：",
    "主要目标：",
];

/// Reads the layout of a report.
pub fn layout(text: &str, hints: Hints) -> Layout {
    let chars: Vec<char> = text.chars().collect();
    layout_of(&chars, hints)
}

pub(crate) fn layout_of(chars: &[char], hints: Hints) -> Layout {
    let paragraphs = paragraphs(chars);
    let delivered = date_line(&paragraphs);
    // first pass: headings and their kinds
    let mut headings: Vec<HeadingRead> = Vec::new();
    for p in &paragraphs {
        if let Some(body) = heading_text(&p.text) {
            let kind = classify(&body);
            let years: Vec<i32> = years_in(&body).into_iter().map(|(_, y)| y).collect();
            // the period a heading names, by its last year; a good start (开局良好) is its first
            let period = plan_period_end(&body).map(|end| if body.contains("开局") { end - 4 } else { end });
            // a heading that is a plan by its year alone (no plan word: 2010年及“十一五”时期…发展好、
            // 人民群众受惠多, 开拓奋进的2008年, 2006年全省经济社会发展的基本情况)
            // and numbered (not a date line split across lines: 2006年1月)
            let numbered = p.text.trim_start().starts_with(|c| "一二三四五六七八九十".contains(c));
            let hint = if numbered && kind == HeadingKind::Plan && !PLAN_WORDS.iter().any(|w| body.contains(w)) {
                Retype::YearAlone
            } else if numbered && kind == HeadingKind::Other && reports_achievements(&body) {
                // (经济社会发展取得明显成绩, “十二五”圆满收官, 关于“十五”时期…发展的主要情况)
                Retype::Achievements {
                    five_year: FIVE_YEAR_WORDS.iter().any(|w| body.contains(w)) || body.contains("五年"),
                }
            } else {
                Retype::No
            };
            headings.push((p.start, kind, years, period, hint));
        }
    }
    // the genre's order, review first: such a heading, when no review came before it and a plan
    // heading follows, is the review of the year it names; and so is a first plan heading of one
    // year when a later one plans the next (二、关于2019年工作 before 三、关于2020年目标任务及考虑)
    if let Some(i) = headings.iter().position(|h| h.1 != HeadingKind::Other) {
        let later = &headings[i + 1..];
        let later_plan = later.iter().any(|h| h.1.plans());
        let next_year_planned = match headings[i].2.as_slice() {
            [year] if headings[i].1 == HeadingKind::Plan => {
                later.iter().any(|h| h.1 == HeadingKind::Plan && h.2.contains(&(year + 1)) && !h.2.contains(year))
            }
            _ => false,
        };
        if (headings[i].4 == Retype::YearAlone && later_plan) || next_year_planned {
            headings[i].1 = HeadingKind::Review { five_year: false };
        }
    }
    // a first numbered heading that reports achievements and names no plan, with a plan heading
    // after it, is the review
    if let Some(i) = headings.iter().position(|h| h.4 != Retype::No || h.1 != HeadingKind::Other)
        && let Retype::Achievements { five_year } = headings[i].4
        && headings[i + 1..].iter().any(|h| h.1.plans())
    {
        headings[i].1 = HeadingKind::Review { five_year };
    }
    let mut headings: Vec<(usize, HeadingKind, Vec<i32>, Option<i32>)> =
        headings.into_iter().map(|(s, k, ys, period, _)| (s, k, ys, period)).collect();
    // the years the headings name
    let review_year = headings.iter().find_map(|(_, k, ys, period)| match k {
        HeadingKind::Review { .. } => ys.iter().max().copied().or(*period),
        _ => None,
    });
    // the numbered part right after a numbered review, with a numbered plan after it (一、2020年及
    // “十三五”工作回顾 / 二、奋力开启现代化建设新征程 / 三、2021年重点工作), when its heading names no kind
    // and its text looks to a plan period after the reviewed year (“十四五”时期…, 今后五年…), sets
    // that period's goals
    let numbered_at = |at: usize| chars.get(at).is_some_and(|c| "一二三四五六七八九十".contains(*c));
    // (a five-year review's heading may name no year, 一、抢抓机遇，开拓奋进的五年: then the year before
    // the plan the date line or the caller gives)
    let date_plan = delivered.map(|d| if d.month == 12 { d.year + 1 } else { d.year });
    let reviewed_hint =
        review_year.or(hints.year_reviewed).or(date_plan.or(hints.year_delivered).map(|planned| planned - 1));
    if let Some(reviewed) = reviewed_hint
        && let Some(r) = headings.iter().position(|h| matches!(h.1, HeadingKind::Review { .. }) && numbered_at(h.0))
        && let Some(i) = (r + 1..headings.len()).find(|&i| numbered_at(headings[i].0))
        && headings[i].1 == HeadingKind::Other
        && headings[i + 1..].iter().any(|h| h.1 == HeadingKind::Plan && numbered_at(h.0))
    {
        // (to the next numbered heading: a heading broken over two lines, 二、励精图治，奋力开创科学发展 /
        // 加速崛起的新局面, leaves its second line a heading of no kind)
        let end = headings[i + 1..].iter().find(|h| numbered_at(h.0)).map_or(chars.len(), |h| h.0);
        let section: String = chars[headings[i].0..end].iter().collect();
        let ahead = ["今后五年", "未来五年", "今后5年", "未来5年"].iter().any(|w| section.contains(w));
        let period = PLAN_PERIODS
            .iter()
            .filter(|(name, _)| section.contains(name))
            .map(|(_, end)| *end)
            .max()
            .filter(|e| *e > reviewed);
        if let Some(end) = period.or(ahead.then_some(reviewed + 5)) {
            headings[i].1 = HeadingKind::FiveYearGoals;
            headings[i].3 = Some(end);
        }
    }
    let plan_year = headings.iter().find_map(|(_, k, ys, _)| match k {
        HeadingKind::Plan => ys.iter().copied().filter(|y| review_year.is_none_or(|r| *y > r)).min(),
        _ => None,
    });
    // a five-year review heading names no year of its own: it ends the year before the plan
    let five_year_review_only =
        headings.iter().all(|(_, k, ys, _)| !matches!(k, HeadingKind::Review { .. }) || ys.is_empty());
    let planned = match (hints.year_reviewed, plan_year, review_year) {
        (Some(r), _, _) => r + 1,
        (None, Some(p), _) => p,
        (None, None, Some(r)) if !five_year_review_only => r + 1,
        _ => date_plan.or(hints.year_delivered).or(review_year.map(|r| r + 1)).unwrap_or(0),
    };
    let reviewed = planned - 1;
    // second pass: the parts
    let has_plan = headings.iter().any(|(_, k, _, _)| k.plans());
    let mut parts = vec![Part { kind: PartKind::Opening, start: 0, year: reviewed }];
    let mut seen_review = false;
    for (start, kind, years, period) in &headings {
        let part = match kind {
            HeadingKind::Review { five_year } => {
                seen_review = true;
                let kind = if *five_year { PartKind::FiveYearReview } else { PartKind::Review };
                Some(Part { kind, start: *start, year: reviewed })
            }
            HeadingKind::FiveYearGoals => {
                let end = period.unwrap_or(planned + 4);
                let end = if end < planned { planned + 4 } else { end };
                Some(Part { kind: PartKind::FiveYearGoals, start: *start, year: end })
            }
            HeadingKind::Plan => {
                // a heading naming only earlier years is about them: a review sub-heading inside
                // the review, or the review itself (2013年主要工作, 2007年的主要工作)
                let earlier = years.iter().any(|y| *y < planned) && !years.contains(&planned);
                if earlier && seen_review {
                    None
                } else if earlier {
                    seen_review = true;
                    Some(Part { kind: PartKind::Review, start: *start, year: reviewed })
                } else {
                    Some(Part { kind: PartKind::Plan, start: *start, year: planned })
                }
            }
            // a good start of the period the plan year opens is planned; of an earlier one, done
            // (no period named: the review comes first)
            HeadingKind::GoodStart if period.map_or(seen_review, |first| first == planned) => {
                Some(Part { kind: PartKind::Plan, start: *start, year: planned })
            }
            HeadingKind::GoodStart => {
                seen_review = true;
                Some(Part { kind: PartKind::Review, start: *start, year: reviewed })
            }
            HeadingKind::Glossary => Some(Part { kind: PartKind::Glossary, start: *start, year: planned }),
            HeadingKind::Other => None,
        };
        if let Some(part) = part {
            let last = parts.last().map(|p| p.kind);
            // Plan after plan, review after review: one part
            if last != Some(part.kind) || part.kind == PartKind::Glossary {
                parts.push(part);
            }
        }
    }
    // a glossary marker inside a paragraph's start (附：名词解释)
    for p in &paragraphs {
        let t = p.text.trim();
        if (t.starts_with("附：") || t.starts_with("附:") || t.starts_with("名词解释"))
            && t.contains("名词解释")
            && !parts.iter().any(|x| x.kind == PartKind::Glossary && x.start == p.start)
        {
            parts.push(Part { kind: PartKind::Glossary, start: p.start, year: planned });
        }
    }
    parts.sort_by_key(|p| p.start);
    // (a good start that the order read as done is a review too: 一、“十三五”实现良好开局)
    let has_review = parts.iter().any(|p| matches!(p.kind, PartKind::Review | PartKind::FiveYearReview));
    let mut found_by = if has_review && has_plan {
        if review_year.is_some() || plan_year.is_some() { FoundBy::Headings } else { FoundBy::HeadingsUndated }
    } else {
        FoundBy::None
    };
    // no plan heading: a paragraph opening with 今年 or the plan year starts the plan
    if !parts.iter().any(|p| matches!(p.kind, PartKind::Plan | PartKind::FiveYearGoals)) {
        let after =
            parts.iter().find(|p| matches!(p.kind, PartKind::Review | PartKind::FiveYearReview)).map_or(0, |p| p.start);
        let min_start = after.max(chars.len() / 5);
        let plan_year_text = format!("{planned}年");
        let opens_plan = |t: &str| {
            let head: String = t.trim_start().chars().take(14).collect();
            head.starts_with("今年")
                || head.starts_with(&plan_year_text)
                || head.contains("今年政府工作")
                || head.contains("今年经济")
        };
        if let Some(p) = paragraphs.iter().find(|p| p.start >= min_start && opens_plan(&p.text)) {
            parts.push(Part { kind: PartKind::Plan, start: p.start, year: planned });
            parts.sort_by_key(|p| p.start);
            found_by = FoundBy::Phrases;
        } else if has_review {
            found_by = FoundBy::HeadingsUndated;
        }
    }
    // five-year goals with no plan after them (二、…全力推进今年及“十二五”各项工作): the paragraph under
    // them that opens with 今年 or the plan year, or states this year's main targets, starts the plan
    let last_goals = parts.iter().rposition(|p| p.kind == PartKind::FiveYearGoals);
    if let Some(g) = last_goals
        && !parts[g..].iter().any(|p| p.kind == PartKind::Plan)
    {
        let (from, until) = (parts[g].start, parts.get(g + 1).map_or(chars.len(), |p| p.start));
        let plan_year_text = format!("{planned}年");
        let this_year = |t: &str| {
            let head: String = t.trim_start().chars().take(14).collect();
            head.starts_with("今年")
                || head.starts_with(&plan_year_text)
                || ((t.contains("今年") || t.contains(&plan_year_text)) && TARGET_PHRASES.iter().any(|w| t.contains(w)))
        };
        if let Some(p) = paragraphs.iter().find(|p| p.start > from && p.start < until && this_year(&p.text)) {
            parts.push(Part { kind: PartKind::Plan, start: p.start, year: planned });
            parts.sort_by_key(|p| p.start);
        }
    }
    // the main-targets passage: the first paragraph of the plan that names the main targets, and
    // the list paragraphs that follow it
    let plan_from = parts.iter().find(|p| p.kind == PartKind::Plan).map(|p| p.start);
    let mut targets = None;
    if let Some(from) = plan_from {
        let glossary =
            parts.iter().find(|p| p.kind == PartKind::Glossary && p.start > from).map_or(chars.len(), |p| p.start);
        let in_plan: Vec<&Paragraph> = paragraphs.iter().filter(|p| p.start >= from && p.start < glossary).collect();
        if let Some(k) = in_plan.iter().position(|p| {
            TARGET_PHRASES.iter().any(|w| p.text.contains(w))
                && p.text.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        }) {
            let first = in_plan[k];
            let mut last = first;
            for p in &in_plan[k + 1..] {
                let t = p.text.trim_start();
                let listed = t.starts_with('—') || t.starts_with('（') || t.starts_with("一是") || t.starts_with('-');
                if listed && (t.contains('%') || t.contains('％')) {
                    last = p;
                } else {
                    break;
                }
            }
            targets = Some((first.start, last.end));
        }
    }
    Layout { reviewed, planned, delivered, parts, targets, found_by }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(text: &str) -> String {
        let l = layout(text, Hints::default());
        let parts: Vec<String> = l.parts.iter().map(|p| format!("{:?}@{}:{}", p.kind, p.start, p.year)).collect();
        format!("{}→{} {} [{}]", l.reviewed, l.planned, l.found_by, parts.join(" "))
    }

    #[test]
    fn a_zone_as_the_subject() {
        for (text, zone) in [
            ("兰州新区经济增速持续领跑国家级新区，", true),
            ("新片区规上工业总产值、全社会固定资产投资分别增长", true),
            ("浦东新区生产总值增长", true),
            ("国家级高新区由4家增至9家", false),
            ("各类开发区和高新区引领全省工业快速发展", false),
            ("开发区达到50个", false),
            ("深入推进临港新片区总体方案明确的78项制度创新任务", false),
            ("复制推广自贸区“贸易便利化”经验", false),
            ("全省地区生产总值增长", false),
        ] {
            assert_eq!(zone_subject(text), zone, "{text}");
        }
    }

    #[test]
    fn a_figure_of_part_of_a_year() {
        for (sentence, part) in [
            ("我省一季度地区生产总值下降3%，是改革开放以来首次负增长，全社会固定资产投资下降", true),
            ("第一季度市生产总值增长", true),
            ("前三季度全省规模以上工业增加值增长", true),
            ("1—5月，全市外贸进出口", true),
            ("1-11月完成固定资产投资", true),
            ("一至十一月完成投资", true),
            ("前两个月社会消费品零售总额", true),
            ("上半年增长6%，全年地区生产总值增长", false),
            ("去年全省地区生产总值增长", false),
            ("2023年1月起，城乡居民基础养老金提高到每月", false),
            ("增长21—25%，其中", false),
            ("11月底前全面完成，年底前城镇登记失业率控制在", false),
            ("在上半年农产品价格下滑、且遭受自然灾害的情况下，粮食总产量达到", false),
            ("前三季度，城乡居民收入分别增长", true),
            ("经济运行的质量效益持续提升，规模以上工业企业利润1-11月增长", true),
            ("一季度开局良好，项目建设加快，全市完成固定资产投资", true),
        ] {
            assert_eq!(part_of_year(sentence), part, "{sentence}");
        }
    }

    #[test]
    fn the_years_a_sentence_compares_or_spans() {
        assert_eq!(years_spanned("2010年同2005年相比，预计生产总值总量翻了一番多"), Some((2005, 2010)));
        assert_eq!(years_spanned("预计2013－2020年，全区地区生产总值年均增长"), Some((2013, 2020)));
        assert_eq!(years_spanned("2021—2025年"), Some((2021, 2025)));
        assert_eq!(years_spanned("由2017年的3.1%提高到2022年的"), None);
        assert_eq!(years_spanned("2023年全市生产总值增长"), None);
    }

    #[test]
    fn the_base_a_change_is_stated_over() {
        assert_eq!(compared_with("国内生产总值比1997年增长", 2002), Some((1997, 2002)));
        assert_eq!(compared_with("外贸进出口总额比“九五”末增长", 2005), Some((2000, 2005)));
        assert_eq!(compared_with("比上年增长", 2005), None);
        assert_eq!(compared_with("生产总值增长", 2005), None);
        assert!(compares_periods("累计完成进出口总额31.7亿美元，比前五年增长"));
        assert!(compares_periods("实际利用外资比“九五”时期增长"));
        assert!(compares_periods("比“十一五”期间增长"));
        assert!(!compares_periods("外贸进出口总额比“九五”末增长"));
        assert!(!compares_periods("比上年增长"));
    }

    #[test]
    fn years_in_headings() {
        assert_eq!(years_in("一、2023年工作回顾"), [(2, 2023)]);
        assert_eq!(years_in("二〇二六年一月"), [(0, 2026)]);
        assert_eq!(years_in("２００６年的政府工作"), [(0, 2006)]);
        assert_eq!(years_in("“十二五”时期"), []);
        assert_eq!(years_in("12023年"), []);
    }

    #[test]
    fn headings_of_any_form_win_over_the_date_line() {
        // delivered on 31 December 2023, plans 2024
        let text = "——2023年12月31日在某市第一届人民代表大会上\n各位代表：\n2023年工作回顾\n地区生产总值增长5%。\n2024年工作安排\n地区生产总值增长6%左右。\n";
        assert_eq!(summary(text), "2023→2024 headings [Opening@0:2023 Review@33:2023 Plan@55:2024]");
        for heading in [
            "二、2024年工作思路和重点任务",
            "二、2024年经济社会发展总体要求和政策取向",
            "二、2024年主要任务",
            "2024年工作安排建议",
        ] {
            let text = format!("一、2023年工作回顾\n增长5%。\n{heading}\n增长6%。\n");
            let l = layout(&text, Hints::default());
            assert_eq!((l.reviewed, l.planned, l.found_by), (2023, 2024, FoundBy::Headings), "{heading}");
            assert_eq!(l.part_at(text.chars().count() - 3).kind, PartKind::Plan, "{heading}");
        }
    }

    #[test]
    fn five_year_reviews_and_goals() {
        let text = "——2021年1月17日在某市\n一、“十三五”时期经济社会发展回顾\n年均增长8%。\n二、“十四五”时期主要目标任务\n到2025年达到100亿元。\n三、2021年工作安排\n增长8%以上。\n附：名词解释\n1. 双下降：下降50%。\n";
        let l = layout(text, Hints::default());
        let kinds: Vec<(PartKind, i32)> = l.parts.iter().map(|p| (p.kind, p.year)).collect();
        assert_eq!(
            kinds,
            [
                (PartKind::Opening, 2020),
                (PartKind::FiveYearReview, 2020),
                (PartKind::FiveYearGoals, 2025),
                (PartKind::Plan, 2021),
                (PartKind::Glossary, 2021)
            ]
        );
    }

    #[test]
    fn a_first_heading_that_names_only_a_year_is_its_review() {
        // 湖南 2011 and 陕西 2007: part 一 names the year reviewed and no plan word; part 二 plans
        let text = "各位代表：\n一、2010年及“十一五”时期全省积极应对各种严峻挑战，经济社会发展好、人民群众受惠多\n生产总值增长14.5%。\n二、坚持走“四化两型”的路子，全力推进今年及“十二五”各项工作\n今年的主要发展目标是：生产总值增长10%。\n";
        assert_eq!(
            summary(text),
            "2010→2011 headings [Opening@0:2010 Review@6:2010 FiveYearGoals@63:2015 Plan@95:2011]"
        );
        // five-year goals with no plan after them: the paragraph that opens with 今年 starts the plan
        let text = "各位代表：\n一、2022年工作回顾\n增长4.5%。\n二、未来五年总体考虑和今年政府工作安排\n今后五年，生产总值年均增长6%。\n今年主要预期目标是：地区生产总值增长6.5%左右。\n";
        assert_eq!(
            summary(text),
            "2022→2023 headings [Opening@0:2022 Review@6:2022 FiveYearGoals@26:2027 Plan@63:2023]"
        );
        // a first heading that reports achievements and names no plan is the review (云南 2010,
        // 青海 2016, 江西 2006); a plan's task heading of the same form is not (it is not first)
        for (first, reviewed) in [
            ("一、坚定信心、攻坚克难，全省经济社会发展取得明显成绩", 2010),
            ("一、“十二五”圆满收官，青海发展站上了新的历史起点", 2015),
            ("一、关于“十五”时期全省经济社会发展的主要情况", 2005),
        ] {
            let planned = reviewed + 1;
            let text = format!(
                "各位代表：\n{first}\n增长8%。\n二、{planned}年工作安排\n增长9%。\n三、加快新型工业化步伐，在提高发展质量上取得重大进展\n增长10%。\n"
            );
            let found = summary(&text);
            assert!(found.starts_with(&format!("{reviewed}→{planned} headings [")), "{first}: {found}");
            assert_eq!(found.matches("Review@6").count(), 1, "{first}: {found}");
            assert_eq!(found.matches("Review").count(), 1, "{first}: {found}");
        }
        assert!(reports_achievements("经济社会发展取得新的重大成就"));
        assert!(!reports_achievements("着力保障和改善民生"));
        // the numbered part between a numbered review and plan whose heading names no kind and
        // whose text looks to a later plan period sets its goals (随州 2021)
        let text = "各位代表：\n一、2020年及“十三五”工作回顾\n增长。\n二、奋力开启现代化建设新征程\n“十四五”时期，确保粮食产量稳定在28亿斤以上。\n三、2021年重点工作\n增长6%。\n";
        let found = summary(text);
        assert!(found.contains("FiveYearGoals@") && found.contains(":2025 Plan@"), "{found}");
        // but not a numbered section of an unnumbered review (西藏 2009: 2008年工作回顾 / 一、…“十一五”…)
        let text = "各位代表：\n2020年工作回顾\n一、坚定不移抓发展，保持了经济社会跨越式发展\n“十四五”规划开局。增长8%。\n二、2021年工作安排\n增长6%。\n";
        assert!(!summary(text).contains("FiveYearGoals"), "{}", summary(text));
        // a heading that names the years it closes reviews them (安徽 2008, 宁夏 2008)
        let text = "各位代表：\n一、抢抓机遇，开拓奋进的五年\n过去的一年，是本届政府任期最后一年。进出口总额增长30.1%。\n二、2008年工作安排\n增长10%。\n";
        assert_eq!(summary(text), "2007→2008 headings [Opening@0:2007 FiveYearReview@6:2007 Plan@53:2008]");
        // …and so does such a part after a five-year review whose heading names no year, its heading
        // broken over two lines (安徽 2008: 二、励精图治，奋力开创科学发展 / 加速崛起的新局面)
        let text = "（2008年1月25日）\n一、抢抓机遇，开拓奋进的五年\n增长11%。\n二、励精图治，奋力开创科学发展\n加速崛起的新局面\n今后五年，新建改建农村公路4万公里。\n三、真抓实干，全力做好2008年各项工作\n增长10%。\n";
        let found = summary(text);
        assert!(found.contains("FiveYearGoals@") && found.contains(":2012 Plan@"), "{found}");
        // a first plan heading of one year before one of the next is the review (四川 2020)
        let text = "各位代表：\n一、关于新冠肺炎疫情防控\n二、关于2019年工作\n增长7.5%。\n三、关于2020年目标任务及考虑\n增长6%。\n";
        assert!(summary(text).starts_with("2019→2020 headings"), "{}", summary(text));
        // alone, with no plan heading after it, a year heading still plans its year
        let text = "各位代表：\n一、2022年经济社会发展的目标要求\n生产总值增长6%左右。\n";
        assert!(summary(text).starts_with("2021→2022"), "{}", summary(text));
    }

    #[test]
    fn headings_that_report_work_done_open_the_review() {
        let kinds = |text: &str| -> Vec<(PartKind, i32)> {
            layout(text, Hints::default()).parts.iter().map(|p| (p.kind, p.year)).collect()
        };
        // the 要 of 主要 looks nowhere: a heading that reports a plan carried out and the main work done
        assert_eq!(
            kinds(
                "一、“十一五”规划执行情况和政府主要工作\n增长。\n二、“十二五”发展的主要目标\n增长。\n三、2011年政府工作主要安排\n增长。\n"
            )[1..],
            [(PartKind::FiveYearReview, 2010), (PartKind::FiveYearGoals, 2015), (PartKind::Plan, 2011)]
        );
        // a plan's targets named in a review heading (执行情况) and a line that introduces a list
        let text = "（2012年1月10日）\n一、四次会议确定的目标任务执行情况\n2011年，增长13.8%。\n主要工作是:\n（一）增长8%。\n二、2012年工作安排\n增长12%。\n";
        assert_eq!(kinds(text), [(PartKind::Opening, 2011), (PartKind::Review, 2011), (PartKind::Plan, 2012)]);
        // a five-year plan's goals reported as met, then the opening year of the next plan
        let text = "（2006年1月16日）\n一、奋力开拓，“十五”经济社会发展目标全面实现\n增长9%。\n二、努力实现“十一五”规划良好开局\n增长10%。\n";
        assert_eq!(kinds(text), [(PartKind::Opening, 2005), (PartKind::FiveYearReview, 2005), (PartKind::Plan, 2006)]);
        // a year's work and a period's achievements (成就) are a review, though 主要工作 is a plan word
        let text = "（2026年1月20日）\n一、2025年主要工作和“十四五”发展成就\n增长5%。\n二、“十五五”时期的主要目标任务\n年均增长5%。\n三、2026年工作安排\n增长5%。\n";
        assert_eq!(
            kinds(text),
            [
                (PartKind::Opening, 2025),
                (PartKind::Review, 2025),
                (PartKind::FiveYearGoals, 2030),
                (PartKind::Plan, 2026)
            ]
        );
        // the past five years' work, whatever plan word the heading holds
        let text = "（2008年1月23日）\n一、过去五年的工作\n增长11%。\n二、2008年的工作\n增长10%。\n";
        assert_eq!(kinds(text), [(PartKind::Opening, 2007), (PartKind::FiveYearReview, 2007), (PartKind::Plan, 2008)]);
        let text = "（2013年1月25日）\n一、过去五年工作\n增长11%。\n二、今后五年工作总体要求\n增长9%。\n三、2013年主要工作\n增长10%。\n";
        assert_eq!(
            kinds(text),
            [
                (PartKind::Opening, 2012),
                (PartKind::FiveYearReview, 2012),
                (PartKind::FiveYearGoals, 2017),
                (PartKind::Plan, 2013)
            ]
        );
        // a good start achieved is a review; a good start to strive for is the plan
        let text = "（2006年1月8日）\n一、全面建设小康社会良好开局的一年\n增长11.4%。\n二、做好2006年工作，实现“十一五”良好开局\n增长10%。\n";
        assert_eq!(kinds(text), [(PartKind::Opening, 2005), (PartKind::Review, 2005), (PartKind::Plan, 2006)]);
        let text =
            "（2018年1月5日）\n一、攻坚克难，实现了新一届政府的良好开局\n增长7%。\n二、2018年工作安排\n增长8%。\n";
        assert_eq!(kinds(text), [(PartKind::Opening, 2017), (PartKind::Review, 2017), (PartKind::Plan, 2018)]);
        // no tense: the review comes first
        let text = "（2022年1月20日）\n一、“十四五”实现良好开局\n增长7%。\n二、2022年工作安排\n增长8%。\n";
        assert_eq!(kinds(text), [(PartKind::Opening, 2021), (PartKind::Review, 2021), (PartKind::Plan, 2022)]);
        // a good start reviewed is the period's first year, not its last
        let text = "一、攻坚克难，“十二五”经济社会发展开局良好\n增长7%。\n二、今年的工作\n增长8%。\n";
        assert_eq!(kinds(text), [(PartKind::Opening, 2011), (PartKind::Review, 2011), (PartKind::Plan, 2012)]);
    }

    #[test]
    fn a_period_that_ended_opens_a_sentence_or_nothing() {
        for (paragraph, over) in [
            ("五年来，我们坚持民生优先。城镇新增就业", true),
            ("各位代表！过去五年，新增", true),
            ("“十二五”时期，全省累计", true),
            ("过去五年，新增就业。2012年，城镇新增就业", false),
            ("五年来，粮食总产达到1110万吨，预计农业增加值增长", false),
            ("一年来，全市生产总值增长6.9%，过去五年年均增长7.5%。居民消费价格上涨", false),
            ("多数经济指标达到五年来最好水平。工业用电量增长", false),
            ("“十三五”时期，新增", false), // reviewed 2015: the period has not ended
            ("——这五年，人民生活明显改善。新增", true),
            ("这是改革开放步入新阶段的五年。五年累计完成进出口总额681亿美元，实际利用外资", true),
            ("这五年，城镇居民人均可支配收入由2010年的1万元增加到", true),
            ("这五年，我们奋力拼搏。2015年，新增", false),
        ] {
            assert_eq!(over_past_period(paragraph, 2015), over, "{paragraph}");
        }
    }

    #[test]
    fn date_lines_in_every_form() {
        let d = |t: &str| date_line(&paragraphs(&t.chars().collect::<Vec<_>>()));
        assert_eq!(d("——2024年3月5日在第十四届"), Some(Date { year: 2024, month: 3, day: Some(5) }));
        assert_eq!(d("（2011年1月14日 努尔·白克力）"), Some(Date { year: 2011, month: 1, day: Some(14) }));
        assert_eq!(d("——二〇二六年一月二十七日在甘肃省"), Some(Date { year: 2026, month: 1, day: Some(27) }));
        assert_eq!(d("——2005年1月在甘肃省十届人大三次会议上"), Some(Date { year: 2005, month: 1, day: None }));
    }

    #[test]
    fn a_text_without_headings_is_read_by_phrases() {
        let text = "——2012年1月10日\n各位代表：\n过去一年，地区生产总值增长10%。\n工业增长12%。\n今年经济社会发展的主要预期目标是：地区生产总值增长9%。\n";
        let l = layout(text, Hints::default());
        assert_eq!((l.reviewed, l.planned, l.found_by), (2011, 2012, FoundBy::Phrases));
        assert!(l.targets.is_some());
    }
}
