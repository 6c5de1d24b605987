//! Provenance: pinning source texts by sha256, and finding the numbers a quote writes.
//!
//! A fact is trusted only if its quote is an exact substring of its source and its value's magnitude
//! is one of the numbers written in the quote — in Arabic digits (`26.8`), full-width digits (`２６．８`)
//! or Chinese numerals (`五大`, `百家`, `千亿元`, `全省第三`).
//!
//! ```
//! use zhibiao_scan::provenance::{numbers_in, writes_magnitude};
//! let quote = "安全生产事故起数下降26.8%";
//! assert_eq!(numbers_in(quote), vec!["26.8".parse().unwrap()]);
//! assert!(writes_magnitude(quote, "-26.8".parse().unwrap()));
//! assert!(writes_magnitude("五大优势产业", "5".parse().unwrap()));
//! assert!(writes_magnitude("打造千亿元产业", "1000".parse().unwrap()));
//! ```

use crate::Decimal;
use sha2::{Digest, Sha256};

/// Lowercase hex sha256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// True when `|value|` is one of the numbers written in `quote`.
pub fn writes_magnitude(quote: &str, value: Decimal) -> bool {
    let magnitude = value.abs();
    numbers_in(quote).contains(&magnitude)
}

/// Every number written in `text`: Arabic and full-width decimals, and the values of Chinese numeral
/// runs and their sub-runs (so `十四五` yields 14, 5, 10, 4 …; lenient on purpose, since a quote is
/// short and the check asks only whether the value is written at all).
pub fn numbers_in(text: &str) -> Vec<Decimal> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().map(halfwidth).collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            // a stray space before the point is a misprint of one number (20 .8%)
            if i + 2 < chars.len() && chars[i] == ' ' && chars[i + 1] == '.' && chars[i + 2].is_ascii_digit() {
                i += 1;
            }
            // and a stray space after it, before a per-cent sign (12. 9%, 56. 9％)
            if i + 2 < chars.len() && chars[i] == '.' && chars[i + 1] == ' ' && chars[i + 2].is_ascii_digit() {
                let digits_end = (i + 2..chars.len()).find(|&j| !chars[j].is_ascii_digit()).unwrap_or(chars.len());
                if matches!(chars.get(digits_end), Some('%' | '％')) {
                    i = digits_end;
                }
            }
            if i + 1 < chars.len() && chars[i] == '.' && chars[i + 1].is_ascii_digit() {
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    i += 1;
                }
            }
            let literal: String = chars[start..i].iter().filter(|c| **c != ' ').collect();
            if let Ok(d) = literal.parse() {
                out.push(d);
            }
        } else if is_chinese_numeral(chars[i]) {
            let start = i;
            while i < chars.len() && is_chinese_numeral(chars[i]) {
                i += 1;
            }
            let run = &chars[start..i];
            for a in 0..run.len() {
                if matches!(run[a], '万' | '亿') {
                    continue; // 万 or 亿 alone after Arabic digits is a multiplier, not a number
                }
                for b in a + 1..=run.len() {
                    if let Some(v) = chinese_value(&run[a..b]) {
                        out.push(Decimal::new(i128::from(v), 0));
                    }
                }
            }
        } else {
            i += 1;
        }
    }
    out.sort();
    out.dedup();
    out
}

/// Full-width digits and point to ASCII.
fn halfwidth(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        other => other,
    }
}

fn is_chinese_numeral(c: char) -> bool {
    digit_value(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '亿')
}

fn digit_value(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese numeral (`三十五` 35, `百` 100, `一千二百` 1200, `三万` 30000), or `None`
/// when the characters do not form one (`十十`).
pub fn chinese_value(chars: &[char]) -> Option<u64> {
    let mut total: u64 = 0; // completed 万/亿 groups
    let mut section: u64 = 0; // below 万
    let mut digit: Option<u64> = None;
    let mut last_unit = u64::MAX; // units within a section must decrease
    for &c in chars {
        if let Some(d) = digit_value(c) {
            if matches!(digit, Some(previous) if previous != 0) {
                return None; // two digits in a row (一二) are not one numeral
            }
            digit = Some(d);
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            '万' => 10_000,
            '亿' => 100_000_000,
            _ => return None,
        };
        if unit >= 10_000 {
            let group = section + digit.take().unwrap_or(0);
            let group = if group == 0 { 1 } else { group };
            total = total.checked_add(group.checked_mul(unit)?)?;
            section = 0;
            last_unit = u64::MAX;
        } else {
            if unit >= last_unit {
                return None;
            }
            last_unit = unit;
            section += digit.take().unwrap_or(1) * unit;
        }
    }
    total.checked_add(section + digit.unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &[&str]) {
        let got: Vec<String> = numbers_in(text).iter().map(ToString::to_string).collect();
        assert_eq!(got, expected, "numbers in {text:?}");
    }

    #[test]
    fn arabic_and_fullwidth() {
        check("增长1.6%、2.9%", &["1.6", "2.9"]);
        check("增长７．５％", &["7.5"]);
        check("1.76万个", &["1.76"]);
        check("第46位", &["46"]);
        check("3.", &["3"]);
        check("", &[]);
        // misprints of one number: a stray space around the point, before a per-cent sign
        check("增长20 .8%", &["20.8"]);
        check("增长12. 9%", &["12.9"]);
        check("森林覆盖率达到56. 9％", &["56.9"]);
    }

    #[test]
    fn chinese_numerals() {
        let cn = |s: &str| chinese_value(&s.chars().collect::<Vec<_>>());
        assert_eq!(cn("三"), Some(3));
        assert_eq!(cn("十"), Some(10));
        assert_eq!(cn("十二"), Some(12));
        assert_eq!(cn("三十五"), Some(35));
        assert_eq!(cn("百"), Some(100));
        assert_eq!(cn("一千二百"), Some(1200));
        assert_eq!(cn("两万"), Some(20_000));
        assert_eq!(cn("三千五百万"), Some(35_000_000));
        assert_eq!(cn("一百零五"), Some(105));
        assert_eq!(cn("十十"), None);
        assert_eq!(cn("一二"), None);
        check("五大优势产业", &["5"]);
        check("新增百家", &["100"]);
        check("居全省第三", &["3"]);
        check("3万余人", &["3"]);
    }

    #[test]
    fn magnitudes_ignore_sign() {
        assert!(writes_magnitude("死亡人数下降31.3%", "-31.3".parse().unwrap()));
        assert!(writes_magnitude("增长6%", "6.0".parse().unwrap()));
        assert!(!writes_magnitude("增长6%", "60".parse().unwrap()));
    }

    #[test]
    fn sha256_of_known_input() {
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
