//! Finding the numbers a report writes, and telling quantities from dates, ordinals and names.
//!
//! [`scan`] walks a text once and returns every number it writes — Arabic digits (`1.6`),
//! full-width digits (`１２`), and Chinese numerals that state an amount (`五家`, `百家`, `千亿元`,
//! `全省第三`) — each with its character offsets and a [`Class`]: a quantity, or one of the rules
//! of the genre that make it not one (a year or date, a span of years in prose such as 五年来, an
//! ordinal such as 第六届 or 三中全会, list numbering such as （一） （1） or 一是, a code or name
//! such as G106, 5G, 500千伏, “4321”, 12345热线, the name of a set such as 五大优势产业 or
//! 三大攻坚战, a threshold naming a category such as 10亿元以上项目, or the glossary after the
//! report). Coverage reports and the extractor both build on it.
//!
//! ```
//! use zhibiao_scan::numbers::{scan, Class};
//! let found = scan("2023年，地区生产总值增长1.6%，新增五家，五大优势产业，第七届会议。");
//! let shown: Vec<(&str, Class)> = found.iter().map(|n| (n.text.as_str(), n.class)).collect();
//! assert_eq!(shown, [
//!     ("2023", Class::Year),
//!     ("1.6", Class::Quantity),
//!     ("五", Class::Quantity),
//!     ("五", Class::Name),
//!     ("七", Class::Ordinal),
//! ]);
//! ```

use std::fmt;

/// What a written number is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Class {
    /// A quantity: it should be inside some fact's quote.
    Quantity,
    /// A year or date used as a time (2023年, 1月4日, 2021—2025).
    Year,
    /// An ordinal (第六届, 第二批), not a rank.
    Ordinal,
    /// Section or list numbering (一、 （三） 一是).
    Numbering,
    /// Part of a code or name (G106, 5G, PM2.5, 107国道, 500千伏变电站, “4321”, 十四五, 12345热线,
    /// 3号机组, 三大攻坚战, 省委六条意见).
    Name,
    /// In the glossary or appendix after the report's last word (名词解释): explanations, not figures
    /// of the report.
    Glossary,
}

impl Class {
    /// A short lowercase label for reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Quantity => "quantity",
            Class::Year => "year or date",
            Class::Ordinal => "ordinal",
            Class::Numbering => "section numbering",
            Class::Name => "code or name",
            Class::Glossary => "glossary",
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A number written in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// Offset of its first character, in Unicode scalar values from 0.
    pub start: usize,
    /// Offset just past its last character.
    pub end: usize,
    /// The number as written (`1.6`, `１２`, `五`, `百`).
    pub text: String,
    /// Whether it is a quantity, and if not, why.
    pub class: Class,
}

/// Characters that count things after a Chinese numeral (五大, 三个, 百家 …).
const COUNTERS: &str = "个项家大条座所类种支场次名位户人年天张台辆件篇期套亩株片栋间头只余多倍成番元亿万千百十批星";

/// Words after a count that make it the name of a policy document or a set of measures
/// (省委六条意见, 九条措施, 26项政策措施, 五项举措), not a figure.
const POLICY_NOUNS: &[&str] = &["意见", "要求", "措施", "举措", "规定", "政策", "办法", "细则", "条例", "硬招", "实招"];

/// The last words of place and building names (三元书院, 五里牌街).
const PLACE_SUFFIXES: &[&str] = &["书院", "街", "路", "巷", "桥", "广场", "公园", "寺", "阁", "楼", "宫", "塔", "村"];

/// Words after a year in the name of an event or award (2015国际茶业大会, 2019中国茶业百强县).
const EVENT_NOUNS: &[&str] =
    &["大会", "年会", "峰会", "论坛", "博览会", "交易会", "马拉松", "比赛", "赛", "节", "百强"];

/// The character offset where a glossary or appendix line (名词解释, 附：名词解释) starts, if any: a
/// line that is nothing but that heading.
fn glossary_start(chars: &[char]) -> Option<usize> {
    let mut line_start = 0;
    for (i, c) in chars.iter().enumerate() {
        if *c == '\n' || i + 1 == chars.len() {
            let end = if *c == '\n' { i } else { i + 1 };
            let line: String = chars[line_start..end].iter().collect();
            let line = line.trim().trim_start_matches(['附', '：', ':', '件', '一', '、']).trim();
            if line == "名词解释" || line == "名词解释：" {
                return Some(line_start);
            }
            line_start = i + 1;
        }
    }
    None
}

/// Every number written in `text`, in order. Linear in the length of the text.
pub fn scan(text: &str) -> Vec<Written> {
    let chars: Vec<char> = text.chars().collect();
    let glossary = glossary_start(&chars).unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_digit(c) {
            let start = i;
            while i < chars.len() && is_digit(chars[i]) {
                i += 1;
            }
            // a stray space before the point is a misprint of one number (20 .8%)
            if i + 2 < chars.len() && chars[i] == ' ' && matches!(chars[i + 1], '.' | '．') && is_digit(chars[i + 2]) {
                i += 1;
            }
            // and a stray space after it, before a per-cent sign (12. 9%)
            if i + 2 < chars.len() && matches!(chars[i], '.' | '．') && chars[i + 1] == ' ' && is_digit(chars[i + 2]) {
                let digits_end = (i + 2..chars.len()).find(|&j| !is_digit(chars[j])).unwrap_or(chars.len());
                if matches!(chars.get(digits_end), Some('%' | '％')) {
                    i = digits_end;
                }
            }
            if i + 1 < chars.len() && matches!(chars[i], '.' | '．') && is_digit(chars[i + 1]) {
                i += 1;
                while i < chars.len() && is_digit(chars[i]) {
                    i += 1;
                }
            }
            let class = if start >= glossary { Class::Glossary } else { classify_arabic(&chars, start, i) };
            out.push(Written { start, end: i, text: chars[start..i].iter().collect(), class });
        } else if is_chinese_numeral(c) {
            let start = i;
            while i < chars.len() && is_chinese_numeral(chars[i]) {
                i += 1;
            }
            if let Some(class) = classify_chinese(&chars, start, i) {
                let class = if start >= glossary { Class::Glossary } else { class };
                out.push(Written { start, end: i, text: chars[start..i].iter().collect(), class });
            }
        } else {
            i += 1;
        }
    }
    out
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_chinese_numeral(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '两'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
    )
}

fn at(chars: &[char], i: usize) -> char {
    chars.get(i).copied().unwrap_or('\n')
}

fn before(chars: &[char], start: usize, n: usize) -> String {
    chars[start.saturating_sub(n)..start].iter().collect()
}

fn after(chars: &[char], end: usize, n: usize) -> String {
    let end = end.min(chars.len());
    chars[end..(end + n).min(chars.len())].iter().collect()
}

/// Inside a short quotation (“4321”, “十四五”): a programme or slogan name.
fn in_short_quote(chars: &[char], start: usize, end: usize) -> bool {
    let open = (start.saturating_sub(16)..start).rev().find(|&k| matches!(chars[k], '“' | '”' | '\n'));
    let close = (end..(end + 16).min(chars.len())).find(|&k| matches!(chars[k], '“' | '”' | '\n'));
    matches!((open.map(|k| chars[k]), close.map(|k| chars[k])), (Some('“'), Some('”')))
}

/// A rank: 第N preceded by 居/排/位居/全省/全国/全市…, or followed by 位/名.
fn is_rank(chars: &[char], start: usize, end: usize) -> bool {
    let prefix = before(chars, start.saturating_sub(1), 3);
    matches!(at(chars, end), '位' | '名')
        || ["全省", "全国", "全市", "居", "排", "列", "全球", "中部", "湖北"].iter().any(|p| prefix.ends_with(p))
}

fn classify_arabic(chars: &[char], start: usize, end: usize) -> Class {
    let text: String = chars[start..end].iter().collect();
    let integer = text.chars().all(is_digit);
    let value: u32 = if integer {
        text.chars()
            .filter_map(|c| c.to_digit(10).or_else(|| Some(c as u32 - '０' as u32)))
            .fold(0, |a, d| a.saturating_mul(10).saturating_add(d))
    } else {
        0
    };
    let next = at(chars, end);
    let prev = if start > 0 { chars[start - 1] } else { '\n' };
    let ahead = after(chars, end, 3);
    if prev.is_ascii_alphabetic()
        || next.is_ascii_alphabetic()
        || (prev == '.' && start >= 2 && chars[start - 2].is_ascii_alphabetic())
    {
        return Class::Name;
    }
    if integer
        && (end - start) == 4
        && (1949..=2100).contains(&value)
        && (matches!(next, '年' | '—' | '-' | '–' | '～' | '至' | '到' | '“')
            || matches!(prev, '—' | '-' | '–' | '～' | '至'))
    {
        return Class::Year;
    }
    if ahead.starts_with("周年") || ahead.starts_with("世纪") || ahead.starts_with("年代") {
        return Class::Year;
    }
    // 二0二0年: a Latin digit inside a year written in Chinese numerals
    if is_chinese_numeral(prev) && (is_chinese_numeral(next) || next == '年') && prev != '万' && prev != '亿' {
        return Class::Year;
    }
    // a year in the name of an event or award: 2015国际茶业大会, 2019中国茶业百强县
    if integer && (end - start) == 4 && (1949..=2100).contains(&value) {
        let name: String = chars[end..(end + 14).min(chars.len())]
            .iter()
            .take_while(|c| !matches!(c, '，' | '。' | '；' | '、' | '：' | '\n'))
            .collect();
        if name.chars().next().is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
            && EVENT_NOUNS.iter().any(|n| name.contains(n))
        {
            return Class::Year;
        }
    }
    if next == '强' {
        return Class::Name; // ranking lists: 世界500强, 中国100强
    }
    // the name of a set: 8大重点产业链 (as 五大优势产业)
    if next == '大' && !matches!(at(chars, end + 1), '于' | '幅' | '量' | '力' | '规' | '约' | '概') {
        return Class::Name;
    }
    // a threshold that names a category: 投资10亿元以上项目, 3岁以下婴幼儿
    if names_a_category(chars, end) {
        return Class::Name;
    }
    if integer
        && ((next == '月' && (1..=12).contains(&value))
            || (matches!(next, '日' | '号') && (1..=31).contains(&value) && before(chars, start, 6).contains('月')))
    {
        return Class::Year;
    }
    // a list of road numbers: 106、107、351、353等国道
    if next == '、' {
        let rest: String =
            chars[end..(end + 24).min(chars.len())].iter().skip_while(|c| is_digit(**c) || **c == '、').collect();
        let rest = rest.strip_prefix('等').unwrap_or(&rest);
        if ["国道", "省道", "县道", "高速"].iter().any(|r| rest.starts_with(r)) {
            return Class::Name;
        }
    }
    // list numbering （1） and glossary items 1、 at the start of a line
    let line_start = start == 0 || chars[start - 1] == '\n';
    if integer
        && ((matches!(prev, '（' | '(') && matches!(next, '）' | ')')) || (line_start && matches!(next, '、' | '．')))
    {
        return Class::Numbering;
    }
    // names: No. 3 (3号机组), hotlines (12345热线, 120急救), models (1+N)
    let hotline = !COUNTERS.contains(next) && after(chars, end, 10).contains("热线");
    if next == '号' || next == '+' || ahead.starts_with("急救") || hotline {
        return Class::Name;
    }
    if (next == '条' || next == '项') && POLICY_NOUNS.iter().any(|n| after(chars, end + 1, 5).contains(n)) {
        return Class::Name;
    }
    if ahead.starts_with("国道")
        || ahead.starts_with("省道")
        || ahead.starts_with("千伏")
        || ahead.starts_with("等国道")
        || next == '#'
    {
        return Class::Name;
    }
    if prev == '第' && !is_rank(chars, start, end) {
        return Class::Ordinal;
    }
    if in_short_quote(chars, start, end) {
        return Class::Name;
    }
    Class::Quantity
}

/// After a number: up to three unit characters, then 以上 / 以下 / 及以上 and a noun (not a clause
/// break): the number bounds a category (10亿元以上项目, 3岁以下婴幼儿), it states no figure.
fn names_a_category(chars: &[char], end: usize) -> bool {
    (0..=3).any(|unit| {
        let rest = after(chars, end + unit, 5);
        let skipped = after(chars, end, unit);
        let unit_like = skipped.chars().all(|c| "亿万千百元岁平方米吨亩人家个".contains(c));
        unit_like
            && ["以上", "以下", "及以上"].iter().any(|b| {
                rest.strip_prefix(b).and_then(|r| r.chars().next()).is_some_and(|c| {
                    ('\u{4e00}'..='\u{9fff}').contains(&c) && !matches!(c, '的' | '和' | '或' | '与' | '及')
                })
            })
    })
}

/// `None` when the run is not a number at all (一 in 统一, 进一步; idioms such as 千方百计).
fn classify_chinese(chars: &[char], start: usize, end: usize) -> Option<Class> {
    let run: String = chars[start..end].iter().collect();
    let next = at(chars, end);
    let prev = if start > 0 { chars[start - 1] } else { '\n' };
    let line_start = start == 0 || chars[start - 1] == '\n';
    // section and list numbering: （一） 一、 一是 at the start of a clause
    if (prev == '（' && next == '）') || (line_start && next == '、') {
        return Some(Class::Numbering);
    }
    if next == '是' && (line_start || matches!(prev, '。' | '；' | '，' | '：')) {
        return Some(Class::Numbering);
    }
    let ahead = after(chars, end, 4);
    // 三中全会, 四中全会: plenary sessions, counted
    if ahead.starts_with("中全会") {
        return Some(Class::Ordinal);
    }
    // a place or building name: 三元书院, 五里牌街
    if PLACE_SUFFIXES.iter().any(|p| after(chars, end + 1, 3).starts_with(p)) && !COUNTERS.contains(next) {
        return Some(Class::Name);
    }
    if matches!(next, '元' | '里') && PLACE_SUFFIXES.iter().any(|p| after(chars, end + 1, 3).starts_with(p)) {
        return Some(Class::Name);
    }
    // 三次产业: the three sectors of an economy
    if ahead.starts_with("次产业") {
        return Some(Class::Name);
    }
    // genre names: 党的二十大, 十九届, 六届三次全会, 三期 (a phase), 三级医院 (a grade), 三年行动, 八项规定
    if (next == '大' && before(chars, start, 2) == "党的")
        || next == '届'
        || (next == '次' && {
            let session = after(chars, end, 7);
            session.contains("全会") || session.contains("会议") || ahead.contains("、")
        })
        || next == '期'
        || next == '级'
        || ahead.starts_with("年行动")
        || ahead.starts_with("项规定")
        || ahead.starts_with("周年")
    {
        return Some(if next == '届' || next == '次' || next == '期' { Class::Ordinal } else { Class::Name });
    }
    if ahead.starts_with("个方面") {
        return Some(Class::Numbering); // 重点抓好七个方面工作: the plan's outline
    }
    // a span of years in prose (五年来, 过去五年, 这是…的五年, 第十四个五年规划, 十年禁渔, 三年提升计划)
    if next == '年' {
        let said = after(chars, end + 1, 4);
        let lead = before(chars, start, 2);
        if ["来", "的", "规划", "计划", "过渡期", "禁渔", "提升", "行动", "攻坚", "间", "里"]
            .iter()
            .any(|w| said.starts_with(w))
            || ["过去", "今后", "未来", "回顾", "总结"].iter().any(|w| lead.ends_with(w))
            || matches!(prev, '的' | '个')
        {
            return Some(Class::Year);
        }
    }
    // a policy document or set of measures: 省委六条意见, 九条措施, 五项举措
    if (next == '条' || next == '项') && POLICY_NOUNS.iter().any(|n| after(chars, end + 1, 5).contains(n)) {
        return Some(Class::Name);
    }
    if crate::provenance::chinese_value(&chars[start..end]).is_none() {
        return (run == "十四五" || in_short_quote(chars, start, end)).then_some(Class::Name);
    }
    if prev == '第' {
        let batch = matches!(next, '批' | '届' | '次' | '期' | '轮' | '个');
        return Some(if is_rank(chars, start, end) && !batch { Class::Quantity } else { Class::Ordinal });
    }
    // a lone 一/万/亿 is almost always part of a word (一批, 统一, 万众); 两 alone too (两山)
    if matches!(run.as_str(), "一" | "万" | "亿" | "万亿" | "两" | "〇" | "零") {
        return None;
    }
    // the name of a set or campaign: 三大攻坚战, 十大标志性战役, 五大优势产业
    if next == '大' && !matches!(at(chars, end + 1), '于' | '幅' | '量' | '力' | '规' | '约' | '概') {
        return Some(Class::Name);
    }
    if !COUNTERS.contains(next) {
        return None;
    }
    if in_short_quote(chars, start, end) {
        return Some(Class::Name);
    }
    Some(Class::Quantity)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[(&str, Class)]) {
        let got: Vec<(String, Class)> = scan(text).into_iter().map(|n| (n.text, n.class)).collect();
        let expected: Vec<(String, Class)> = expected.iter().map(|(t, c)| ((*t).to_owned(), *c)).collect();
        assert_eq!(got, expected, "scanning {text:?}");
    }

    #[test]
    fn arabic_quantities_and_their_exclusions() {
        check("增长1.6%、2.9%", &[("1.6", Class::Quantity), ("2.9", Class::Quantity)]);
        check("增长７．５％", &[("７．５", Class::Quantity)]);
        check("——2023年1月4日在", &[("2023", Class::Year), ("1", Class::Year), ("4", Class::Year)]);
        check("2021—2025", &[("2021", Class::Year), ("2025", Class::Year)]);
        check("新增2023家", &[("2023", Class::Quantity)]);
        check("G106改建，5G基站，PM2.5浓度", &[("106", Class::Name), ("5", Class::Name), ("2.5", Class::Name)]);
        check("107国道，500千伏赤壁变电站", &[("107", Class::Name), ("500", Class::Name)]);
        check(
            "第19届，居全省第3位，第46位",
            &[("19", Class::Ordinal), ("3", Class::Quantity), ("46", Class::Quantity)],
        );
        check("“4321”政银担", &[("4321", Class::Name)]);
        check("连续12年", &[("12", Class::Quantity)]);
    }

    #[test]
    fn chinese_numerals_that_state_amounts() {
        check("新增百家，打造千亿元产业", &[("百", Class::Quantity), ("千亿", Class::Quantity)]);
        check("居全省第三，第七届", &[("三", Class::Quantity), ("七", Class::Ordinal)]);
        check("（一）夯基垒台", &[("一", Class::Numbering)]);
        check("一是突出负重求实；二是突出", &[("一", Class::Numbering), ("二", Class::Numbering)]);
        check("统一大市场，进一步，千方百计，一批", &[]);
        check("“十四五”规划", &[("十四五", Class::Name)]);
        check("“四个不摘”", &[("四", Class::Name)]);
        check("七个方面工作", &[("七", Class::Numbering)]);
        check(
            "党的二十大，十九届，市委六届三次全会，电厂三期，三级综合医院，三年行动，八项规定，75周年",
            &[
                ("二十", Class::Name),
                ("十九", Class::Ordinal),
                ("六", Class::Ordinal),
                ("三", Class::Ordinal),
                ("三", Class::Ordinal),
                ("三", Class::Name),
                ("三", Class::Name),
                ("八", Class::Name),
                ("75", Class::Year),
            ],
        );
        check("世界500强，2023“一带一路”", &[("500", Class::Name), ("2023", Class::Year)]);
    }

    #[test]
    fn names_spans_and_numbering_of_the_genre() {
        check("五大优势产业，三大攻坚战", &[("五", Class::Name), ("三", Class::Name)]);
        check(
            "五年来，过去五年，这是…的五年，第十四个五年规划",
            &[
                ("五", Class::Year),
                ("五", Class::Year),
                ("五", Class::Year),
                ("十四", Class::Ordinal),
                ("五", Class::Year),
            ],
        );
        check("连续三年", &[("三", Class::Quantity)]);
        check("（1）新增就业，（10）推进", &[("1", Class::Numbering), ("10", Class::Numbering)]);
        check(
            "3号、4号机组，12345热线，120急救，1+N模式",
            &[("3", Class::Name), ("4", Class::Name), ("12345", Class::Name), ("120", Class::Name), ("1", Class::Name)],
        );
        check(
            "106、107、351、353等国道",
            &[("106", Class::Name), ("107", Class::Name), ("351", Class::Name), ("353", Class::Name)],
        );
        check("二0二0年一月", &[("0", Class::Year), ("0", Class::Year)]);
        check("11月4日至6日", &[("11", Class::Year), ("4", Class::Year), ("6", Class::Year)]);
        check("举办2015国际茶业大会，新增2023家", &[("2015", Class::Year), ("2023", Class::Quantity)]);
        check(
            "省委六条意见，26项政策措施，出台36条措施",
            &[("六", Class::Name), ("26", Class::Name), ("36", Class::Name)],
        );
        check("全国第二批示范", &[("二", Class::Ordinal)]);
        check("省委十届三次四次全会", &[("十", Class::Ordinal), ("三", Class::Ordinal), ("四", Class::Ordinal)]);
        check(
            "8大重点产业链，投资10亿元以上项目，3岁以下婴幼儿，增长10%以上。",
            &[("8", Class::Name), ("10", Class::Name), ("3", Class::Name), ("10", Class::Quantity)],
        );
        check("增长26%、20 .8%", &[("26", Class::Quantity), ("20 .8", Class::Quantity)]);
        check("增长12. 9%，2. 5倍", &[("12. 9", Class::Quantity), ("2", Class::Quantity), ("5", Class::Quantity)]);
        check("重修三元书院，补助三元", &[("三", Class::Name), ("三", Class::Quantity)]);
        check(
            "十八届三中全会，三次产业结构，完善万亿元项目库",
            &[("十八", Class::Ordinal), ("三", Class::Ordinal), ("三", Class::Name)],
        );
        check(
            "报告正文8%。\n名词解释\n1、“两个满分”：以5分制",
            &[("8", Class::Quantity), ("1", Class::Glossary), ("5", Class::Glossary)],
        );
    }

    #[test]
    fn offsets_are_in_characters() {
        let n = &scan("咸宁1.6")[0];
        assert_eq!((n.start, n.end), (2, 5));
    }
}
