//! What a figure measures: its label (the indicator's noun phrase, with 增长 / 下降 when the figure
//! is a change), its measure (level, growth, share, rank, change, index …), and the catalogued
//! indicator it is, if any.
//!
//! A label is the clause before the number with its preamble (2025年主要预期目标：, 其中, 全市),
//! its verbs (增长, 达到, 控制在) and its connectives removed. A clause that names nothing (同比增长6%)
//! takes the subject of the figure before it in the same sentence; a 分别 list
//! (A、B、C分别增长4.6%、5%、9.5%) gives each figure its own name.
//!
//! [`Matcher`] matches a label to an indicator only when the noun is one of the indicator's names
//! (its `name_zh` or an alias, after the same normalisation) **and** the measure and the unit's
//! dimension agree: growth of GDP never matches GDP's level, a share never matches a rank, money
//! never matches a count. A label that matches nothing keeps an empty indicator, never a guess.

use std::collections::HashMap;
use zhibiao_core::{Indicator, Measure, units};

/// Verbs and qualifiers at the end of a clause, before its number.
const VERBS: &[&str] = &[
    "同比增长",
    "比上年增长",
    "年均增长",
    "增长",
    "增加",
    "提高",
    "提升",
    "上涨",
    "下降",
    "减少",
    "压减",
    "回落",
    "降低",
    "缩减",
    "削减",
    "下滑",
    "达到",
    "达",
    "为",
    "是",
    "完成",
    "实现",
    "新增",
    "净增",
    "超过",
    "突破",
    "累计",
    "共",
    "约",
    "近",
    "控制在",
    "由上年",
    "从上年",
    "由",
    "从",
    "稳定在",
    "保持在",
    "分别",
    "均",
    "占",
    "超",
    "以上",
    "居",
    "全省第",
    "全国第",
    "第",
    "总数",
    "总量",
    "规模",
    "不低于",
    "不少于",
    "不超过",
    "高于",
    "低于",
    "至少",
    "力争",
    "左右",
    "在",
    "到",
    "至",
];

/// Words at the start of a clause that are not part of what is measured.
const PREFIXES: &[&str] = &[
    "中央提出",
    "中央要求",
    "国家提出",
    "提出",
    "其中",
    "全年",
    "全市",
    "全省",
    "全区",
    "全州",
    "全县",
    "全国",
    "我市",
    "我省",
    "我区",
    "预计",
    "初步测算",
    "初步核算",
    "力争",
    "确保",
    "实现",
    "完成",
    "推动",
    "加快",
    "年内",
    "今年",
    "去年",
    "上年",
    "一年来",
    "五年来",
    "过去五年",
    "过去一年",
    "同时",
    "另外",
    "此外",
    "并",
    "和",
    "及",
    "与",
    "全力",
    "努力",
    "实现了",
];

/// Preambles: everything up to and including them is dropped (主要预期目标是：地区生产总值).
const PREAMBLES: &[&str] =
    &["主要预期目标是", "主要预期目标", "主要目标是", "预期目标是", "主要目标", "预期目标", "目标是", "目标为"];

/// Clauses that name nothing by themselves.
const EMPTY_LABELS: &[&str] =
    &["同比", "比上年", "年均", "分别", "均", "增发", "设立", "其中", "全年", "总量", "规模", "总额", "总数"];

/// Words that make a percentage a change (增长, 下降 …) when they end the clause.
const CHANGE_WORDS: &[&str] = &[
    "增长", "增加", "提高", "提升", "上涨", "下降", "减少", "压减", "回落", "降低", "缩减", "削减", "下滑", "增速",
    "增幅", "涨幅", "降幅",
];

/// What was read of one figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Read {
    /// The label.
    pub label: String,
    /// The noun phrase without a measure word.
    pub noun: String,
    /// The measure.
    pub measure: Measure,
    /// The labels of the other names that state the same figure (城镇居民人均可支配收入和农民人均
    /// 纯收入分别增长10%: the second name's), in order.
    pub shared: Vec<String>,
}

impl Read {
    /// A price index written with a per-cent sign (居民消费价格指数104%左右: the index, previous
    /// year = 100; 居民消费价格指数控制在3.5%: the rise). An index is never below 50, a yearly rise
    /// never above it, so the figure tells which was meant.
    pub fn price_index_in_percent(self, unit: &str, value: f64) -> Read {
        let index_noun = self.noun.ends_with("价格指数") || self.noun.ends_with("价格总水平指数");
        if !(index_noun && matches!(unit, "%" | "％") && self.measure == Measure::Share) {
            return self;
        }
        if value >= 50.0 {
            Read { measure: Measure::Index, ..self }
        } else {
            Read { label: format!("{}上涨", self.noun), measure: Measure::Growth, ..self }
        }
    }
}

/// The state carried from one figure to the next: the sentence's subject and a 分别 list.
#[derive(Clone, Debug, Default)]
pub struct ListState {
    sentence_start: usize,
    subject: String,
    names: Vec<String>,
    next: usize,
    previous_end: usize,
    /// The nouns of the sentence's figures so far, in order.
    nouns: Vec<String>,
    /// How many figures the 分别 list at hand holds (set by the caller before [`read`]).
    list_length: usize,
    /// Whether the figure at hand is in a list that writes no 分别 (增长9%和11.8% after a list of
    /// levels; set by the caller before [`read`]).
    implied: bool,
    /// The figure read last in the sentence and its unit: what a 力争 figure after it restates.
    previous: Option<(Read, String)>,
    /// The unit of the figure being read.
    unit: String,
    /// The name the sentence opens with (set by the caller before [`read`]): the subject of a
    /// figure with no name of its own when no earlier figure of the sentence gave one
    /// (全省生产总值突破两万亿元大关，达到21701亿元).
    opening: String,
    /// The sentence whose opening name `opening` is (read once per sentence).
    opening_of: Option<usize>,
}

impl ListState {
    /// Records a figure just read (by [`read`], which starts a new sentence's state), ending at `end`.
    pub fn remember(&mut self, read: &Read, end: usize) {
        if !read.noun.is_empty() {
            self.subject = read.noun.clone();
            self.nouns.push(read.noun.clone());
        }
        self.previous_end = end;
        self.previous = Some((Read { shared: Vec::new(), ..read.clone() }, self.unit.clone()));
    }

    /// Says how many figures the 分别 list starting at the next figure holds (城镇…34346元，农村…
    /// 14958元，分别增长8.7%和10.6%: 2), so that a list with no names of its own takes the nouns
    /// of the sentence's last figures.
    pub fn list_of(&mut self, figures: usize) {
        self.list_length = figures;
    }

    /// Gives the first clause of the sentence starting at `sentence_start` that holds the figure,
    /// whose name (up to its first verb) is the subject of last resort; read once per sentence.
    pub fn opening(&mut self, sentence_start: usize, first_clause: &str) {
        if self.opening_of == Some(sentence_start) {
            return;
        }
        self.opening_of = Some(sentence_start);
        let head = strip_prefixes(first_clause.trim().to_owned());
        let cut = ["突破", "达到", "达", "增长", "增加", "下降", "实现", "完成", "超过", "提高", "为", "是"]
            .iter()
            .filter_map(|v| head.find(v))
            .min()
            .unwrap_or(head.len());
        let name = clean_noun(head[..cut].to_owned()).0;
        self.opening = if name.chars().count() >= 2 && is_a_name(&name) { name } else { String::new() };
    }

    /// Says whether the next figure stands in a list read as if it said 分别, though it does not
    /// (城乡居民收入分别为24366元和7932元，增长9%和11.8%: bare changes joined by 和).
    pub fn implied(&mut self, implied: bool) {
        self.implied = implied;
    }
}

/// Strips verbs and qualifiers from the end; returns the rest and the change words among them.
fn strip_suffixes(mut s: String) -> (String, Vec<&'static str>) {
    let mut removed = Vec::new();
    loop {
        let found = VERBS.iter().filter(|w| s.ends_with(*w)).max_by_key(|w| w.len()).copied();
        match found {
            Some(w) if !s.is_empty() => {
                s.truncate(s.len() - w.len());
                if let Some(c) = CHANGE_WORDS.iter().find(|c| **c == w) {
                    removed.push(*c);
                }
                if let Some(c) = ["同比增长", "比上年增长", "年均增长"].iter().find(|c| **c == w) {
                    removed.push(*c);
                }
            }
            _ => break,
        }
    }
    (s, removed)
}

fn strip_prefixes(mut s: String) -> String {
    loop {
        let trimmed = s.trim_start_matches(|c: char| c.is_whitespace() || "“”（）()、，：:".contains(c)).to_owned();
        // list numbering: （1）, 1、, 1.; a footnote mark: [1]
        let cs: Vec<char> = trimmed.chars().collect();
        if matches!(cs.first(), Some('[' | '［'))
            && let Some(close) = cs.iter().position(|c| matches!(c, ']' | '］'))
            && close > 1
            && cs[1..close].iter().all(|c| c.is_ascii_digit())
            && cs.len() > close + 2
        {
            s = cs[close + 1..].iter().collect();
            continue;
        }
        let digits = cs.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits > 0
            && digits < 3
            && matches!(cs.get(digits), Some('）' | ')' | '、' | '.' | '．'))
            && cs.len() > digits + 2
        {
            s = cs[digits + 1..].iter().collect();
            continue;
        }
        // a leading year: 2023年, 2023年底
        if cs.len() > 5 && cs[..4].iter().all(|c| c.is_ascii_digit()) && cs[4] == '年' {
            let mut rest: String = cs[5..].iter().collect();
            for w in ["底", "末", "初", "全年", "，"] {
                if let Some(r) = rest.strip_prefix(w) {
                    rest = r.to_owned();
                }
            }
            s = rest;
            continue;
        }
        match PREFIXES.iter().filter(|p| trimmed.starts_with(*p)).max_by_key(|p| p.len()) {
            Some(p) if trimmed.len() > p.len() => s = trimmed[p.len()..].to_owned(),
            _ => return trimmed,
        }
    }
}

/// Whether a figure is an increment, by the verb before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Increment {
    /// No verb of increase in the clause.
    None,
    /// A verb of increase somewhere in the clause (城镇新增就业4.5万人).
    InClause,
    /// A verb of increase right before the figure (增加170元, 新增468公里): whatever the unit, the
    /// figure is the increase.
    Adjacent,
}

/// Verbs that, right before a figure, make it an increase.
const INCREMENT_VERBS: &[&str] = &["新增", "净增", "增加", "多增", "增收", "增长", "提高"];

/// The measure a figure states, from its unit and the words before it.
fn measure_of(unit: &str, noun: &str, changed: bool, increment: Increment) -> Measure {
    match unit {
        "位" => Measure::Rank,
        "个百分点" | "百分点" => Measure::Change,
        "指数" => Measure::Index,
        "%" | "％" | "‰" => {
            if changed || noun.ends_with("增速") || noun.ends_with("涨幅") || noun.ends_with("增幅") {
                Measure::Growth
            } else {
                Measure::Share
            }
        }
        "倍" => Measure::Ratio,
        _ => match units::lookup(unit).map(|u| u.dimension()) {
            Ok(units::Dimension::Count(_)) | Ok(units::Dimension::Plain) => {
                if increment == Increment::None {
                    Measure::Count
                } else {
                    Measure::Increment
                }
            }
            // 农民人均纯收入增加170元, 通车里程新增468公里: an amount the verb adds is no level
            _ if increment == Increment::Adjacent => Measure::Increment,
            _ => Measure::Level,
        },
    }
}

/// Reads the label and measure of the figure at `number_start`, whose clause text before it is
/// `before`.
pub fn read(
    before: &str,
    unit: &str,
    decline: bool,
    number_start: usize,
    sentence_start: usize,
    list: &mut ListState,
) -> Read {
    if sentence_start != list.sentence_start {
        list.sentence_start = sentence_start;
        list.names.clear();
        list.subject.clear();
        list.nouns.clear();
        list.previous = None;
    }
    list.unit = unit.to_owned();
    // 国内生产总值增长8%以上，力争达到9% (or 、力争9%): a figure the report strives for beyond the one
    // just stated is the same measure of the same thing
    let own = before.rsplit(|c: char| c.is_ascii_digit() || "、，,%％".contains(c)).next().unwrap_or(before).trim();
    if ["力争达到", "力争实现", "力争", "争取达到", "争取", "努力达到"].contains(&own)
        && let Some((previous, previous_unit)) = list.previous.clone()
        && previous_unit == unit
        && !previous.label.is_empty()
    {
        return previous;
    }
    let mut clause = before.trim().to_owned();
    for p in PREAMBLES {
        if let Some(i) = clause.rfind(p) {
            let rest = clause[i + p.len()..].trim_start_matches(['：', ':', '，', ' ']).to_owned();
            // 经济增长预期目标为7%左右: the name stands before the preamble
            clause = if rest.chars().count() >= 2 {
                rest
            } else {
                let head = strip_prefixes(clause[..i].to_owned());
                let head = head.trim_end_matches("的").to_owned();
                if head.chars().count() >= 2 && head.chars().count() <= 12 { head } else { rest }
            };
            break;
        }
    }
    // 补助资金由上年46亿元增加到92亿元: the name stands before the base of the change
    if ["增加到", "提高到", "增长到", "下降到", "降低到", "降至", "扩大到", "缩小到", "减少到"]
        .iter()
        .any(|w| clause.ends_with(w))
        && let Some(base) = ["由", "从"].iter().filter_map(|w| clause.find(w)).min()
        && clause[base..].contains(|c: char| c.is_ascii_digit())
        && clause[..base].chars().count() >= 2
    {
        clause.truncate(base);
    }
    // 居民消费价格涨幅控制在全省预期的4.8%以内: what follows 控制在 qualifies the figure
    if let Some(i) = clause.find("控制在")
        && i > 0
    {
        clause.truncate(i);
    }
    // 国内生产总值达到134.9万亿元、增长5%: a clause that restates an earlier figure of the same
    // subject names that subject before it
    if let Some(i) = clause.find(|c: char| c.is_ascii_digit()) {
        let tail = clause[i..].trim_end();
        let head = clause[..i].trim_end();
        let head = ["达到", "达", "为", "实现", "完成", "突破", "超过", "总量", "规模"]
            .iter()
            .fold(head.to_owned(), |h, v| h.strip_suffix(v).map(str::to_owned).unwrap_or(h));
        // only a bare change word after the earlier figure (、增长), not another name (、地耗下降)
        let last = tail.rsplit(['、', '，', ',']).next().unwrap_or(tail);
        if let Some(change) = CHANGE_WORDS.iter().find(|w| last == **w)
            && head.chars().count() >= 2
        {
            clause = format!("{head}{change}");
        }
    }
    let increment = if INCREMENT_VERBS.iter().any(|w| clause.trim_end().ends_with(w)) {
        Increment::Adjacent
    } else if ["新增", "净增", "增加", "新建", "新开工"].iter().any(|w| clause.contains(w)) {
        Increment::InClause
    } else {
        Increment::None
    };
    // a 分别 list: A、B、C分别增长4.6%、5%、9.5%
    // where the list's names end and its figures begin (an implied list has no names of its own)
    let fenbie = list_marker(&clause)
        .or_else(|| {
            // (one figure for 城乡 residents' income is both's; a scheme of both, 城乡居民养老保险, is one)
            let income = clause.contains("收入") && (list.list_length == 1 || !list.names.is_empty());
            (list.list_length >= 2 || income).then(|| town_and_country(&clause)).flatten()
        })
        .or(list.implied.then_some((0, 0)));
    let continues_list = !list.names.is_empty() && number_start <= list.previous_end + 2 && fenbie.is_some();
    let mut shared: Vec<String> = Vec::new();
    let (noun, removed) = if let Some((i, figures)) = fenbie {
        // 财政总收入和地方财政收入年均分别增长: the span (年均, 累计) belongs to the figures, not
        // to the last name
        let names_part = strip_prefixes(clause[..i].to_owned());
        let names_part = ["年均", "平均", "累计", "合计", "同比"]
            .iter()
            .fold(names_part, |n, w| n.strip_suffix(w).map(str::to_owned).unwrap_or(n));
        // 城镇居民人均可支配收入、农村居民人均纯收入实际增长均为8.5%: the verb before the marker
        // belongs to the figures
        let (names_part, verb_before) = strip_suffixes(names_part);
        let names_part = trim_qualifiers(&names_part, false).to_owned();
        // 分别实际增长10%: a qualifier of the comparison before the change word
        let tail = trim_qualifiers(&clause[figures..], true);
        // (年均增长12.6%和13.2%: the span before the change word; 年均实际增长: and a qualifier after it)
        let tail = trim_qualifiers(without_span(tail), true).to_owned();
        let mut names: Vec<String> = names_part
            .split(['、', '和', '及', '与'])
            .map(|n| strip_prefixes(n.to_owned()))
            .filter(|n| !n.is_empty())
            .collect();
        // no names before 分别: the nouns of the figures just stated, one per figure of the list
        if names.is_empty() && list.list_length >= 2 && list.nouns.len() >= list.list_length {
            names = list.nouns[list.nouns.len() - list.list_length..].to_vec();
        }
        // 城乡居民人均可支配收入分别增长8%和9%: the urban figure, then the rural one (城乡居民收入
        // 分别增长12%: one figure for both)
        if let [one] = names.as_slice()
            && matches!(list.list_length, 1 | 2)
            && let Some(rest) = one.strip_prefix("城乡居民")
        {
            names = vec![format!("城镇居民{rest}"), format!("农村居民{rest}")];
        }
        // 城镇、农村常住居民人均可支配收入分别增长, 城镇居民和农牧民人均可支配收入分别增长: the noun
        // after the second place (or its people) is both's
        let rural: &[&str] = match names.first().map(String::as_str) {
            Some("城镇" | "城市") => &["农村"],
            Some("城镇居民" | "城市居民" | "城镇常住居民") => {
                &["农村常住居民", "农村居民", "农牧民", "农民"]
            }
            _ => &[],
        };
        if let [first, last] = names.as_slice()
            && let Some(rest) = rural.iter().find_map(|w| last.strip_prefix(w))
            && rest.chars().count() >= 2
        {
            names = vec![format!("{first}{rest}"), last.clone()];
        }
        // 规上工业、农业、服务业增加值分别增长: the value written once, after the last sector, is
        // every sector's
        if let Some(last) = names.last().cloned()
            && let Some(noun) = ["增加值", "总产值", "产值"].iter().find(|n| last.ends_with(*n) && last.len() > n.len())
            && last[..last.len() - noun.len()].ends_with('业')
        {
            let k = names.len() - 1;
            for name in &mut names[..k] {
                if name.ends_with('业') && name.chars().count() <= 6 {
                    name.push_str(noun);
                }
            }
        }
        let removed: Vec<&'static str> = CHANGE_WORDS
            .iter()
            .filter(|w| tail.starts_with(*w))
            .chain(verb_before.iter().filter(|w| CHANGE_WORDS.contains(w)))
            .copied()
            .take(1)
            .collect();
        if !continues_list {
            // one figure for several names (A和B分别增长6%以上, A、B均为8.5%): each name states it
            if list.list_length == 1 && names.len() >= 2 {
                shared = names[1..].iter().map(|n| strip_suffixes(n.clone()).0).collect();
                names.truncate(1);
            }
            list.names = names;
            list.next = 0;
        }
        let k = list.next;
        list.next += 1;
        let name = list.names.get(k).cloned().unwrap_or_default();
        let (name, _) = strip_suffixes(name);
        (name, removed)
    } else {
        let (noun, removed) = strip_suffixes(clause);
        (strip_prefixes(noun), removed)
    };
    let (noun, more) = clean_noun(noun);
    let mut noun = noun;
    let mut removed = removed;
    removed.extend(more);
    if noun.chars().count() < 2 || !is_a_name(&noun) {
        noun = if list.subject.is_empty() { list.opening.clone() } else { list.subject.clone() };
    }
    let changed = !removed.is_empty();
    let measure = measure_of(unit, &noun, changed, increment);
    let label = match (measure, removed.first()) {
        // an amount the change verb adds says so (农民人均纯收入增长700元: 农民人均纯收入增长, not the level)
        (Measure::Increment, Some(verb))
            if !noun.is_empty() && increment == Increment::Adjacent && ["增长", "提高", "增加"].contains(verb) =>
        {
            format!("{noun}{verb}")
        }
        _ => labelled(&noun, measure, decline),
    };
    let shared = shared
        .into_iter()
        .map(|n| clean_noun(n).0)
        .filter(|n| n.chars().count() >= 2)
        .map(|n| labelled(&n, measure, decline))
        .collect();
    Read { label, noun, measure, shared }
}

/// Whether a clause's noun phrase names something: not a word that names nothing by itself (同比,
/// 分别 …), not the base of a comparison (比上年, 比“九五”期末, 比2000年), not a span of years (五年,
/// 五年年均).
fn is_a_name(noun: &str) -> bool {
    !EMPTY_LABELS.contains(&noun)
        && !noun.starts_with('比')
        && !["五年", "5年", "五年年均", "五年来", "年均", "十年"].contains(&noun)
}

/// Qualifiers of a comparison written between a name and its change word (实际增长, 可比增长).
const QUALIFIERS: &[&str] = &["实际", "可比", "同比", "比上年"];

/// Where the figures of a 城乡 name begin when it states two without 分别 (城乡居民人均可支配收入增长8%
/// 和10%): at its change word.
fn town_and_country(clause: &str) -> Option<(usize, usize)> {
    let at = clause.find("城乡").filter(|&at| clause[..at].chars().count() <= 4)?;
    let verb = CHANGE_WORDS.iter().filter_map(|w| clause[at..].find(w).map(|i| at + i)).min()?;
    Some((verb, verb))
}

/// Whether the words between a figure and the next one, after the 、 that joins them, name the next
/// figure's own subject (城镇新增就业47万人以上、城镇调查失业率控制在5.5%以内; 造林100万亩、退化草原修复
/// 治理450万亩): then the next figure is an item of its own, its label and quote starting there. Not
/// a bare change word restating the subject (达到134.9万亿元、增长5%), a figure striven for (、力争9%), a
/// list's figures (分别, 均, 各), or nothing at all (4.6%、5%).
pub fn names_an_item(between: &str) -> bool {
    let words = between.trim();
    // (one name: 达到5.53万亿元、稳居全国前十强、增长4.8% restates the subject after a remark)
    if words.contains(|c: char| c.is_ascii_digit() || matches!(c, '、' | '和'))
        || list_marker(words).is_some()
        || words.contains("分别")
    {
        return false;
    }
    let (noun, _) = strip_suffixes(trim_qualifiers(words, false).to_owned());
    let noun = strip_prefixes(noun);
    let noun = trim_qualifiers(&noun, false);
    noun.chars().count() >= 2
        && is_a_name(noun)
        && !["力争", "争取", "力争达到", "争取达到", "努力达到"].iter().any(|w| words.starts_with(w))
}

/// The words that open a list of figures and govern each item (新增统调电力装机789万千瓦、高速公路通车
/// 里程516公里: 新增; 累计完成…、…: 累计完成), in the order written: its time, span and estimate words
/// always, its verb only for an item with no verb of its own (新增节水灌溉55万亩、建设高标准农田50万亩;
/// 新增国土绿化面积2561万亩、森林覆盖率由27%提高到33%); empty when the list opens with a name.
pub fn list_lead(clause: &str, item: &str) -> String {
    const SPAN: &[&str] = &["全年", "今年", "去年", "预计", "五年累计", "累计", "五年", "共"];
    // (the verbs that make a stock's name a flow: 新增高速公路通车里程 is not the network's length)
    const VERB: &[&str] =
        &["新增", "净增", "新建改建", "新改建", "新建", "新开工", "建成", "新认定", "新培育", "培育", "新引进"];
    let own_verb = has_own_verb(item) || VERB.iter().chain(ITEM_VERBS).any(|w| item.trim_start().starts_with(w));
    let mut rest = clause.trim_start_matches(|c: char| c.is_whitespace() || "“”（）()—".contains(c));
    let mut lead = String::new();
    while let Some(word) = SPAN.iter().chain(VERB).filter(|w| rest.starts_with(**w)).max_by_key(|w| w.len()) {
        if SPAN.contains(word) || !own_verb {
            lead.push_str(word);
        }
        rest = &rest[word.len()..];
    }
    lead
}

/// Verbs an item of a list may open with, which make it its own (建设高标准农田, 发放贷款).
const ITEM_VERBS: &[&str] = &[
    "建设", "实施", "开工", "治理", "修复", "发放", "落实", "争取", "招引", "签约", "创建", "打造", "带动", "接待",
    "开展", "举办", "培训", "安置", "帮扶", "转移", "减免", "减少", "降低", "提高", "增加", "投入", "完成", "实现",
    "改造", "认定", "引进",
];

/// Whether an item of a list states its own change (森林覆盖率由27%提高到33%, after 新增国土绿化面积2561
/// 万亩、): then the verb opening the list does not govern it.
fn has_own_verb(item: &str) -> bool {
    [
        "由",
        "从",
        "提高",
        "提升",
        "增长",
        "下降",
        "降低",
        "增加",
        "减少",
        "达到",
        "突破",
        "超过",
        "控制在",
        "保持",
        "稳定在",
    ]
    .iter()
    .any(|w| item.contains(w))
}

/// `text` without the span that opens it (年均增长12.6%和13.2%: 增长12.6%和13.2%), which belongs to
/// the figures, not to a name.
pub fn without_span(text: &str) -> &str {
    ["五年年均", "年均", "平均"].iter().find_map(|w| text.strip_prefix(w)).unwrap_or(text)
}

/// `text` without the qualifiers of a comparison (比上年, 实际 …) at its start (`from_start`) or end.
pub fn trim_qualifiers(mut text: &str, from_start: bool) -> &str {
    while let Some(rest) =
        QUALIFIERS.iter().find_map(|q| if from_start { text.strip_prefix(q) } else { text.strip_suffix(q) })
    {
        text = rest;
    }
    text
}

/// Where a list's names end and its figures begin: at 分别, or at a 均 that gives one figure to
/// every name (A和B均为90%, A、B均实际增长7.5%, A、B增长均为8.5%), never the 均 of 人均, 年均, 平均.
pub fn list_marker(clause: &str) -> Option<(usize, usize)> {
    if let Some(i) = clause.find("分别") {
        return Some((i, i + "分别".len()));
    }
    // 均 and 各 (城镇居民人均可支配收入和农村居民人均纯收入各增长5%): each name states the figure
    clause.char_indices().filter(|(_, c)| matches!(c, '均' | '各')).find_map(|(i, c)| {
        let before = clause[..i].chars().next_back()?;
        let after = trim_qualifiers(&clause[i + c.len_utf8()..], true);
        let figure_follows =
            ["为", "达到", "达", "增长", "提高", "下降", "控制在", "保持在", "在"].iter().any(|w| after.starts_with(w))
                || after.is_empty();
        (!matches!(before, '人' | '年' | '平' | '户') && figure_follows && clause[..i].contains(['、', '和']))
            .then_some((i, i + c.len_utf8()))
    })
}

/// A noun phrase without the verbs, numbering and qualifiers around it; returns it and the change
/// words taken off its end.
fn clean_noun(noun: String) -> (String, Vec<&'static str>) {
    let mut noun = noun.trim_matches(|c: char| c.is_whitespace() || "“”（）()、，".contains(c)).to_owned();
    // 累计完成外贸进出口总额: the span word is no part of the name (the span is read from the clause);
    // not a prefix of normal names, where it tells 累计实际利用外资 from 实际利用外资
    if let Some(rest) = ["五年累计", "累计"].iter().find_map(|w| noun.strip_prefix(w))
        && rest.chars().count() >= 2
    {
        noun = strip_prefixes(rest.to_owned());
    }
    // 研发经费投入强度从2022年的: the base of a change is no part of the name
    let base = noun.trim_end_matches('的').trim_end_matches(['底', '末']);
    // (a four-digit year before 年: ASCII, so four bytes)
    let base = match base.strip_suffix('年') {
        Some(rest) if rest.bytes().rev().take(4).filter(u8::is_ascii_digit).count() == 4 => {
            rest.get(..rest.len() - 4).unwrap_or(rest)
        }
        _ => base,
    };
    if let Some(name) = base.strip_suffix('从').or_else(|| base.strip_suffix('由'))
        && name.chars().count() >= 2
    {
        noun = name.to_owned();
    }
    let (n2, removed) = strip_suffixes(noun.clone());
    if !removed.is_empty() || n2 != noun {
        noun = strip_prefixes(n2);
    }
    // words inside the noun phrase that say how the figure is known, not what it measures
    // (固定资产投资预计增长, 贷款同比增长, 人均纯收入实际增长)
    for w in ["预计", "预期", "同比", "初步", "实际"] {
        if noun.ends_with(w) && noun.chars().count() > w.chars().count() + 1 {
            noun.truncate(noun.len() - w.len());
        }
    }
    (noun, removed)
}

/// The label of a figure of `measure` about `noun`: the noun, with 增长 / 下降 / 提高 for a change.
fn labelled(noun: &str, measure: Measure, decline: bool) -> String {
    match measure {
        Measure::Growth
            if !noun.ends_with("增速") && !noun.ends_with("涨幅") && !noun.ends_with("增幅") && !noun.is_empty() =>
        {
            format!("{noun}{}", if decline { "下降" } else { "增长" })
        }
        Measure::Change if !noun.is_empty() => format!("{noun}{}", if decline { "下降" } else { "提高" }),
        _ => noun.to_owned(),
    }
}

/// The catalogue, indexed by normalised name for matching labels.
pub struct Matcher<'a> {
    by_name: HashMap<String, Vec<&'a Indicator>>,
    by_id: HashMap<&'a str, &'a Indicator>,
}

/// The span a figure covers when a report says so: a total over a period (累计, 五年), or an
/// average annual rate (年均).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// One year.
    Year,
    /// A total or change over a five-year period.
    FiveYearTotal,
    /// An average annual rate over a five-year period.
    FiveYearAverage,
}

impl Span {
    /// The span the words before a figure (its clause) state.
    pub fn of(clause: &str) -> Span {
        if clause.contains("年均") {
            Span::FiveYearAverage
        } else if ["累计", "五年", "合计", "总计"].iter().any(|w| clause.contains(w))
            // 5年 as a span, not the end of a year (2015年)
            || clause.match_indices("5年").any(|(at, _)| !clause[..at].ends_with(|c: char| c.is_ascii_digit()))
        {
            Span::FiveYearTotal
        } else {
            Span::Year
        }
    }
}

/// A name in normal form: without the measure word at its end and without region prefixes
/// (全市地区生产总值增长 → 地区生产总值).
pub fn normal(name: &str) -> String {
    let s = strip_prefixes(name.to_owned());
    let mut s = s.replace(['“', '”', ' '], "");
    // 居民消费价格指数（CPI）涨幅: an abbreviation in brackets is no part of the name
    for (open, close) in [('（', '）'), ('(', ')')] {
        if let (Some(a), Some(b)) = (s.find(open), s.find(close))
            && a < b
            && s[a + open.len_utf8()..b].chars().all(|c| c.is_ascii_alphabetic())
        {
            s.replace_range(a..b + close.len_utf8(), "");
        }
    }
    for w in ["增长", "增速", "增幅", "涨幅", "上涨", "下降", "降低", "提高", "增加"] {
        if s.ends_with(w) && s.len() > w.len() {
            s.truncate(s.len() - w.len());
            break;
        }
    }
    // words that qualify the comparison, not what is measured: 实际增长, 可比增长, 比上年下降,
    // 同比增长, 城镇调查失业率全年
    while let Some(w) = ["实际", "可比", "比上年", "同比", "全年"].iter().find(|w| s.ends_with(*w) && s.len() > w.len())
    {
        s.truncate(s.len() - w.len());
    }
    s
}

/// Whether a figure of `measure` in `unit` can state `indicator`.
fn agrees(indicator: &Indicator, measure: Measure, unit: &str) -> bool {
    let same_dimension = match (units::lookup(unit), units::lookup(&indicator.unit)) {
        (Ok(a), Ok(b)) => a.dimension() == b.dimension(),
        _ => false,
    } || (measure == Measure::Index && matches!(unit, "%" | "％"));
    let measures = match indicator.measure {
        Measure::Growth => measure == Measure::Growth,
        Measure::Share | Measure::Ratio => matches!(measure, Measure::Share | Measure::Ratio),
        // a 新增 figure is no level (高速公路通车里程新增468公里 is not the mileage), nor a level an increment
        Measure::Level => matches!(measure, Measure::Level | Measure::Count),
        Measure::Increment => matches!(measure, Measure::Increment | Measure::Count),
        Measure::Count => matches!(measure, Measure::Level | Measure::Count | Measure::Increment),
        Measure::Rank => measure == Measure::Rank,
        Measure::Change => measure == Measure::Change,
        Measure::Index => measure == Measure::Index,
    };
    same_dimension && measures
}

/// A name without a leading region name (北京市, 内蒙古自治区, 本省, 全区), when one is there.
fn without_region(name: &str) -> Option<String> {
    for own in ["本省", "本市", "本区", "本州", "全区", "全省", "全市"] {
        if let Some(rest) = name.strip_prefix(own) {
            return Some(rest.to_owned());
        }
    }
    let chars: Vec<char> = name.chars().collect();
    for suffix in ["自治区", "省", "市"] {
        let s: Vec<char> = suffix.chars().collect();
        for len in 2..=4 {
            let end = len + s.len();
            // a place's name has no digits and is no part of a region (山区5市, 沿海3市)
            let a_name = !chars[..len.min(chars.len())].iter().any(|c| c.is_ascii_digit() || c.is_numeric());
            if a_name && chars.len() > end + 1 && chars[len..end] == s[..] {
                return Some(chars[end..].iter().collect());
            }
        }
    }
    None
}

impl<'a> Matcher<'a> {
    /// Indexes every name and alias of the catalogue.
    pub fn new(catalogue: &'a [Indicator]) -> Matcher<'a> {
        let mut by_name: HashMap<String, Vec<&'a Indicator>> = HashMap::new();
        for i in catalogue {
            for name in std::iter::once(&i.name_zh).chain(i.aliases.iter()) {
                let key = normal(name);
                if key.chars().count() >= 2 {
                    let list = by_name.entry(key).or_default();
                    if !list.iter().any(|x| x.id == i.id) {
                        list.push(i);
                    }
                }
            }
        }
        let by_id = catalogue.iter().map(|i| (i.id.as_str(), i)).collect();
        Matcher { by_name, by_id }
    }

    /// The indicator for a figure over `span`: the annual one itself, or its five-year variant
    /// (`<id>_five_year`, `<id>_five_year_average`) when the catalogue has one, else none (a
    /// five-year total never takes the key of the yearly figure).
    pub fn over(&self, annual: &'a Indicator, span: Span) -> Option<&'a Indicator> {
        let base = annual.id.trim_end_matches("_five_year_average").trim_end_matches("_five_year");
        let suffix = match span {
            // a five-year id stating one year's figure: its annual id, if the catalogue has one
            Span::Year if base.len() < annual.id.len() => return self.by_id.get(base).copied(),
            Span::Year => return Some(annual),
            Span::FiveYearTotal => "_five_year",
            Span::FiveYearAverage => "_five_year_average",
        };
        if annual.id.ends_with(suffix) {
            return Some(annual);
        }
        self.by_id.get(format!("{base}{suffix}").as_str()).copied()
    }

    /// How closely `label` names `indicator`: 0 for its own name, then its aliases in the order the
    /// catalogue lists them (most specific first), `usize::MAX` when it names it by none of them.
    pub fn rank(&self, indicator: &Indicator, label: &str) -> usize {
        let key = normal(label);
        let key = if self.by_name.contains_key(&key) { key } else { without_region(&key).unwrap_or(key) };
        std::iter::once(&indicator.name_zh)
            .chain(indicator.aliases.iter())
            .position(|name| normal(name) == key)
            .unwrap_or(usize::MAX)
    }

    /// The catalogued indicator with this id.
    pub fn get(&self, id: &str) -> Option<&'a Indicator> {
        self.by_id.get(id).copied()
    }

    /// The indicator this label names with this measure and unit, if exactly one does.
    pub fn find(&self, label: &str, measure: Measure, unit: &str) -> Option<&'a Indicator> {
        let key = normal(label);
        let candidates = match self.by_name.get(&key) {
            Some(c) => c,
            // 北京市生产总值, 本省生产总值: the region's own name before the indicator's
            None => self.by_name.get(&without_region(&key)?)?,
        };
        let fitting: Vec<&'a Indicator> = candidates.iter().copied().filter(|i| agrees(i, measure, unit)).collect();
        match fitting.as_slice() {
            [one] => Some(one),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_opening_a_list_govern_its_items() {
        for (opening, item, lead) in [
            ("新增统调电力装机789万千瓦", "高速公路通车里程", "新增"),
            ("新增节水灌溉55万亩", "建设高标准农田", ""),
            ("新增国土绿化面积2561万亩", "森林覆盖率由", ""),
            ("累计建成“四好农村路”6.26万公里", "改造农村危房近", "累计"),
            ("五年接待游客1.9亿人次", "旅游总收入", "五年"),
            ("累计完成交通投资493.5亿元", "水利投资", "累计"),
            ("累计引进省外实际到位资金8700多亿元", "实际利用外资", "累计"),
            ("城镇新增就业47万人以上", "城镇调查失业率控制在", ""),
        ] {
            assert_eq!(list_lead(opening, item), lead, "{opening}、{item}");
        }
    }

    fn label(before: &str, unit: &str, decline: bool) -> (String, Measure) {
        let r = read(before, unit, decline, 100, 0, &mut ListState::default());
        (r.label, r.measure)
    }

    #[test]
    fn qualifiers_of_the_comparison_are_no_part_of_the_name() {
        for (label, name) in [
            ("城镇居民人均可支配收入实际增长", "城镇居民人均可支配收入"),
            ("地方一般公共预算收入可比增长", "地方一般公共预算收入"),
            ("单位生产总值能耗比上年下降", "单位生产总值能耗"),
            ("城镇调查失业率全年", "城镇调查失业率"),
            ("财政收入", "财政收入"),
            ("城乡居民养老保险参保人数增加", "城乡居民养老保险参保人数"),
            ("居民消费价格指数（CPI）涨幅", "居民消费价格指数"),
            ("规模以上工业增加值", "规模以上工业增加值"),
        ] {
            assert_eq!(normal(label), name, "{label}");
        }
    }

    #[test]
    fn labels_name_what_is_measured() {
        assert_eq!(label("地区生产总值增长", "%", false), ("地区生产总值增长".into(), Measure::Growth));
        assert_eq!(label("2025年经济社会发展主要预期目标是：地区生产总值增长", "%", false).0, "地区生产总值增长");
        assert_eq!(label("全市规模以上工业增加值同比增长", "%", false).0, "规模以上工业增加值增长");
        assert_eq!(label("城镇登记失业率控制在", "%", false), ("城镇登记失业率".into(), Measure::Share));
        assert_eq!(label("单位地区生产总值能耗下降", "%", true).0, "单位地区生产总值能耗下降");
        assert_eq!(label("居民消费价格涨幅", "%", false), ("居民消费价格涨幅".into(), Measure::Growth));
        assert_eq!(label("粮食产量达到", "亿斤", false), ("粮食产量".into(), Measure::Level));
        assert_eq!(label("城镇新增就业", "万人", false), ("城镇新增就业".into(), Measure::Increment));
        assert_eq!(label("预计[1]全省生产总值增长", "%", false).0, "生产总值增长", "a footnote mark");
        // a span word before 分别 is no part of the last name
        let mut list = ListState::default();
        let first = read("财政总收入和地方财政收入年均分别增长", "%", false, 30, 0, &mut list);
        list.remember(&first, 36);
        let second = read("财政总收入和地方财政收入年均分别增长19.1%和", "%", false, 38, 0, &mut list);
        assert_eq!((first.label.as_str(), second.label.as_str()), ("财政总收入增长", "地方财政收入增长"));
        // an amount right after a verb of increase is the increase, not the level
        assert_eq!(label("确保农民人均纯收入增加", "元", false).1, Measure::Increment);
        assert_eq!(label("高速公路通车里程新增", "公里", false).1, Measure::Increment);
        assert_eq!(label("规模以上工业增加值", "亿元", false).1, Measure::Level);
    }

    #[test]
    fn a_price_index_written_with_a_percent_sign_is_an_index_or_a_rise() {
        let index = |before: &str, value: f64| {
            let r = read(before, "%", false, 100, 0, &mut ListState::default()).price_index_in_percent("%", value);
            (r.label, r.measure)
        };
        assert_eq!(index("居民消费价格指数", 104.0), ("居民消费价格指数".into(), Measure::Index));
        assert_eq!(index("居民消费价格指数控制在", 3.5), ("居民消费价格指数上涨".into(), Measure::Growth));
        assert_eq!(index("居民消费价格指数涨幅控制在", 3.0).1, Measure::Growth);
        assert_eq!(index("城镇化率", 60.0).1, Measure::Share, "a share stays a share");
        let r = read("居民消费价格指数", "‰", false, 100, 0, &mut ListState::default());
        assert_eq!(r.clone().price_index_in_percent("‰", 104.0).measure, r.measure);
    }

    #[test]
    fn a_figure_striven_for_restates_the_one_before() {
        let mut list = ListState::default();
        let first = read("国内生产总值增长", "%", false, 10, 0, &mut list);
        list.remember(&first, 14);
        for before in ["力争达到", "国内生产总值增长8%、力争"] {
            let r = read(before, "%", false, 20, 0, &mut list);
            assert_eq!((r.label.as_str(), r.measure), ("国内生产总值增长", Measure::Growth), "{before}");
        }
        // not across sentences
        assert_eq!(read("力争达到", "%", false, 40, 30, &mut list).label, "");
    }

    #[test]
    fn a_clause_without_a_name_takes_the_sentence_subject() {
        let mut list = ListState::default();
        let first = read("地区生产总值", "亿元", false, 10, 0, &mut list);
        list.remember(&first, 20);
        let second = read("同比增长", "%", false, 22, 0, &mut list);
        assert_eq!(second.label, "地区生产总值增长");
    }

    #[test]
    fn fenbie_lists_are_distributed() {
        let mut list = ListState::default();
        let before = "GDP、规模工业增加值、社会消费品零售总额分别增长";
        let mut labels = Vec::new();
        let mut at = 30;
        for extra in ["", "4.6%、", "4.6%、5%、"] {
            let r = read(&format!("{before}{extra}"), "%", false, at, 0, &mut list);
            labels.push(r.label.clone());
            list.remember(&r, at + 3);
            at += 4;
        }
        assert_eq!(labels, ["GDP增长", "规模工业增加值增长", "社会消费品零售总额增长"]);
        // one name of both town and country, two figures: the urban one first
        let mut list = ListState::default();
        let mut labels = Vec::new();
        for (before, at, figures) in
            [("城乡居民人均可支配收入分别增长", 20, 2), ("城乡居民人均可支配收入分别增长8%和", 23, 1)]
        {
            list.list_of(figures);
            let r = read(before, "%", false, at, 0, &mut list);
            labels.push(r.label.clone());
            list.remember(&r, at + 2);
        }
        assert_eq!(labels, ["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"]);
        let mut list = ListState::default();
        list.list_of(2);
        let first = read("城镇、农村常住居民人均可支配收入分别增长", "%", false, 20, 0, &mut list);
        assert_eq!(first.label, "城镇常住居民人均可支配收入增长");
        let mut list = ListState::default();
        list.list_of(2);
        let first = read("城镇居民和农牧民人均可支配收入分别增长", "%", false, 20, 0, &mut list);
        assert_eq!(first.label, "城镇居民人均可支配收入增长");
        // one name and a list of two without it: the name stays
        let mut list = ListState::default();
        list.list_of(2);
        assert_eq!(read("居民人均可支配收入分别增长", "%", false, 20, 0, &mut list).label, "居民人均可支配收入增长");
    }

    #[test]
    fn a_five_year_figure_takes_the_five_year_indicator_or_none() {
        let indicator = |id: &str, unit: &str, measure| zhibiao_core::Indicator {
            id: id.into(),
            domain: "economy".into(),
            topic: String::new(),
            name_zh: String::new(),
            name_en: String::new(),
            unit: unit.into(),
            measure,
            direction: zhibiao_core::Direction::Up,
            description: String::new(),
            aliases: Vec::new(),
        };
        let catalogue = [
            indicator("livelihood.urban_new_jobs", "万人", Measure::Increment),
            indicator("livelihood.urban_new_jobs_five_year", "万人", Measure::Increment),
            indicator("economy.gdp_growth", "%", Measure::Growth),
            indicator("economy.fdi_utilized", "亿美元", Measure::Level),
        ];
        let m = Matcher::new(&catalogue);
        let id = |annual: usize, clause: &str| m.over(&catalogue[annual], Span::of(clause)).map(|i| i.id.as_str());
        assert_eq!(id(0, "城镇新增就业"), Some("livelihood.urban_new_jobs"));
        assert_eq!(id(0, "这五年，城镇新增就业累计"), Some("livelihood.urban_new_jobs_five_year"));
        assert_eq!(id(2, "五年来，经济年均增长"), None, "no five-year average id: no indicator, not the annual one");
        assert_eq!(id(3, "五年实际利用外资"), None);
        assert_eq!(id(1, "累计"), Some("livelihood.urban_new_jobs_five_year"));
        assert_eq!(id(0, "5年城镇新增就业"), Some("livelihood.urban_new_jobs_five_year"));
        assert_eq!(id(0, "2015年城镇新增就业"), Some("livelihood.urban_new_jobs"), "a year, not a span");
        let mut mileage = indicator("economy.expressway_mileage", "公里", Measure::Level);
        mileage.name_zh = "高速公路通车里程".into();
        let roads = [mileage];
        let m = Matcher::new(&roads);
        assert!(m.find("高速公路通车里程", Measure::Level, "公里").is_some());
        assert!(m.find("高速公路通车里程", Measure::Increment, "公里").is_none(), "新增468公里 is not the mileage");
        assert!(m.find("湖北省高速公路通车里程", Measure::Level, "公里").is_some());
        assert!(m.find("山区5市高速公路通车里程", Measure::Level, "公里").is_none(), "a part of the region");
    }
}
