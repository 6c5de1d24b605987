//! The built-in region table: the regions whose reports the lawtext/gov tree holds, by the name of
//! their folder, with GB/T 2260 codes.
//!
//! * the nation, `100000` 中华人民共和国 (the State Council's reports; `100000` is the code GB/T 2260
//!   gives the whole country);
//! * the 31 provincial-level regions (`110000` 北京市 … `650000` 新疆维吾尔自治区), the four
//!   municipalities included, each with parent `100000`;
//! * Hubei's 13 prefecture-level units, parent `420000`: 武汉市 `420100`, the eleven other cities
//!   `420200` … `421300`, and 恩施土家族苗族自治州 `422800` (an autonomous prefecture, level `city`).
//!
//! A report's [`Level`] is its region's: the municipalities (北京市, 上海市, 天津市, 重庆市) are
//! provincial-level even though the tree files them under `政府工作报告-主要城市/`.
//!
//! ```
//! use zhibiao_corpus::regions::{self, Level};
//! let xianning = regions::by_name("咸宁市").unwrap();
//! assert_eq!((xianning.code, xianning.level, xianning.parent), ("421200", Level::City, Some("420000")));
//! assert_eq!(regions::by_name("北京市").unwrap().level, Level::Province);
//! assert_eq!(regions::by_code("100000").unwrap().level, Level::National);
//! assert!(regions::by_name("湖北").is_none());
//! assert_eq!(regions::suggest("湖北").map(|r| r.name_zh), Some("湖北省"));
//! ```

pub use zhibiao_core::corpus::ReportLevel as Level;

/// One region of the built-in table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RegionInfo {
    /// The six-digit GB/T 2260 code (`421200`).
    pub code: &'static str,
    /// The Chinese name, as the tree names its folder (`咸宁市`).
    pub name_zh: &'static str,
    /// The English name (`Xianning`).
    pub name_en: &'static str,
    /// National, province or city.
    pub level: Level,
    /// The enclosing region's code (`100000` for a province, `420000` for Hubei's cities); `None`
    /// for the nation.
    pub parent: Option<&'static str>,
}

/// The code of the nation.
pub const NATIONAL_CODE: &str = "100000";

/// The nation: the region of the State Council's reports.
pub const NATION: RegionInfo = RegionInfo {
    code: NATIONAL_CODE,
    name_zh: "中华人民共和国",
    name_en: "People's Republic of China",
    level: Level::National,
    parent: None,
};

const fn province(code: &'static str, name_zh: &'static str, name_en: &'static str) -> RegionInfo {
    RegionInfo { code, name_zh, name_en, level: Level::Province, parent: Some(NATIONAL_CODE) }
}

const fn hubei_city(code: &'static str, name_zh: &'static str, name_en: &'static str) -> RegionInfo {
    RegionInfo { code, name_zh, name_en, level: Level::City, parent: Some("420000") }
}

/// Every region of the table, by code: the nation, the 31 provincial-level regions, Hubei's 13
/// prefecture-level units.
pub const REGIONS: &[RegionInfo] = &[
    NATION,
    province("110000", "北京市", "Beijing Municipality"),
    province("120000", "天津市", "Tianjin Municipality"),
    province("130000", "河北省", "Hebei Province"),
    province("140000", "山西省", "Shanxi Province"),
    province("150000", "内蒙古自治区", "Inner Mongolia Autonomous Region"),
    province("210000", "辽宁省", "Liaoning Province"),
    province("220000", "吉林省", "Jilin Province"),
    province("230000", "黑龙江省", "Heilongjiang Province"),
    province("310000", "上海市", "Shanghai Municipality"),
    province("320000", "江苏省", "Jiangsu Province"),
    province("330000", "浙江省", "Zhejiang Province"),
    province("340000", "安徽省", "Anhui Province"),
    province("350000", "福建省", "Fujian Province"),
    province("360000", "江西省", "Jiangxi Province"),
    province("370000", "山东省", "Shandong Province"),
    province("410000", "河南省", "Henan Province"),
    province("420000", "湖北省", "Hubei Province"),
    hubei_city("420100", "武汉市", "Wuhan"),
    hubei_city("420200", "黄石市", "Huangshi"),
    hubei_city("420300", "十堰市", "Shiyan"),
    hubei_city("420500", "宜昌市", "Yichang"),
    hubei_city("420600", "襄阳市", "Xiangyang"),
    hubei_city("420700", "鄂州市", "Ezhou"),
    hubei_city("420800", "荆门市", "Jingmen"),
    hubei_city("420900", "孝感市", "Xiaogan"),
    hubei_city("421000", "荆州市", "Jingzhou"),
    hubei_city("421100", "黄冈市", "Huanggang"),
    hubei_city("421200", "咸宁市", "Xianning"),
    hubei_city("421300", "随州市", "Suizhou"),
    hubei_city("422800", "恩施土家族苗族自治州", "Enshi Tujia and Miao Autonomous Prefecture"),
    province("430000", "湖南省", "Hunan Province"),
    province("440000", "广东省", "Guangdong Province"),
    province("450000", "广西壮族自治区", "Guangxi Zhuang Autonomous Region"),
    province("460000", "海南省", "Hainan Province"),
    province("500000", "重庆市", "Chongqing Municipality"),
    province("510000", "四川省", "Sichuan Province"),
    province("520000", "贵州省", "Guizhou Province"),
    province("530000", "云南省", "Yunnan Province"),
    province("540000", "西藏自治区", "Tibet Autonomous Region"),
    province("610000", "陕西省", "Shaanxi Province"),
    province("620000", "甘肃省", "Gansu Province"),
    province("630000", "青海省", "Qinghai Province"),
    province("640000", "宁夏回族自治区", "Ningxia Hui Autonomous Region"),
    province("650000", "新疆维吾尔自治区", "Xinjiang Uygur Autonomous Region"),
];

/// The region whose folder is named `name_zh` (the nation has no folder of its own and is not found
/// by name).
pub fn by_name(name_zh: &str) -> Option<&'static RegionInfo> {
    REGIONS.iter().find(|r| r.level != Level::National && r.name_zh == name_zh)
}

/// The region with GB/T 2260 code `code`.
pub fn by_code(code: &str) -> Option<&'static RegionInfo> {
    REGIONS.iter().find(|r| r.code == code)
}

/// A region the folder `name` probably means (`湖北` → 湖北省, `咸宁市人民政府` → 咸宁市), for messages.
pub fn suggest(name: &str) -> Option<&'static RegionInfo> {
    if name.chars().count() < 2 {
        return None;
    }
    REGIONS
        .iter()
        .filter(|r| r.level != Level::National)
        .find(|r| r.name_zh.starts_with(name) || name.starts_with(r.name_zh))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(name: &str, expected: Option<(&str, Level, Option<&str>)>) {
        let got = by_name(name).map(|r| (r.code, r.level, r.parent));
        assert_eq!(got, expected, "{name}");
    }

    #[test]
    fn lookup_by_folder_name() {
        check("湖北省", Some(("420000", Level::Province, Some("100000"))));
        check("北京市", Some(("110000", Level::Province, Some("100000"))));
        check("重庆市", Some(("500000", Level::Province, Some("100000"))));
        check("新疆维吾尔自治区", Some(("650000", Level::Province, Some("100000"))));
        check("武汉市", Some(("420100", Level::City, Some("420000"))));
        check("咸宁市", Some(("421200", Level::City, Some("420000"))));
        check("恩施土家族苗族自治州", Some(("422800", Level::City, Some("420000"))));
        check("中华人民共和国", None);
        check("湖北", None);
        check("广州市", None);
        check("", None);
    }

    #[test]
    fn the_table_is_complete_and_consistent() {
        let provinces = REGIONS.iter().filter(|r| r.level == Level::Province).count();
        let cities = REGIONS.iter().filter(|r| r.level == Level::City).count();
        assert_eq!((provinces, cities, REGIONS.len()), (31, 13, 45));
        for (i, r) in REGIONS.iter().enumerate() {
            assert_eq!(r.code.len(), 6, "{}", r.name_zh);
            assert!(r.code.bytes().all(|b| b.is_ascii_digit()), "{}", r.name_zh);
            if let Some(parent) = r.parent {
                assert!(by_code(parent).is_some(), "{}", r.name_zh);
            }
            if i > 0 {
                assert!(REGIONS[i - 1].code < r.code, "sorted by code at {}", r.code);
            }
            assert_eq!(by_code(r.code), Some(r));
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(suggest("湖北").map(|r| r.code), Some("420000"));
        assert_eq!(suggest("咸宁市人民政府").map(|r| r.code), Some("421200"));
        assert_eq!(suggest("恩施州").map(|r| r.code), None);
        assert_eq!(suggest("湖").map(|r| r.code), None);
    }
}
