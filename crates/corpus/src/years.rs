//! The years of a report: read from its text where the text states them, the file name otherwise.
//!
//! A file name (`2015.md`: delivered in 2015, so it reviews 2014 and plans 2015) is a claim, not a
//! fact. The text states its years in two places, both read by the extraction crate's layout reader
//! (`zhibiao_extract::layout`):
//!
//! * the **date line** (——2024年3月5日在…): the delivery date; a report delivered in December plans
//!   the next year;
//! * the **headings** (一、2023年工作回顾, 二、2024年工作安排): the years the review and the plan are
//!   about — counted only when the layout found the report's structure (`FoundBy` other than `none`;
//!   without a review heading, the first dated heading is as often the review's 2013年主要工作 as
//!   the plan's).
//!
//! The plan year is the first of (date line, headings) that lies within one year of the file name's
//! year; the year reviewed is the year before. Measured on the 896 reports of lawtext/gov, the date
//! line is the more reliable of the two (headings such as “十四五”时期和2035年远景目标 or
//! 1999年工作回顾和2000年工作的总体要求 mislead the heading rule) and a reading more than a year away
//! from the file name was always a misreading (a date quoted in the opening, a five-year period's
//! end), never a misnamed file. When neither is stated, or neither is within a year, the file name's
//! years are used and [`Years::from`] says so.
//!
//! [`Years::mismatch`] flags a report whose text states a plan year other than the file name's:
//! either the chosen text year differs from it (the Sichuan files of lawtext/gov are named a year
//! early) or the text's reading was set aside as too far from it (worth a look either way).
//!
//! ```
//! use zhibiao_corpus::{read_years, YearsFrom};
//! let text = "——2023年12月28日在某市人民代表大会上\n各位代表：\n一、2023年工作回顾\n增长5%。\n二、2024年工作安排\n增长6%。\n";
//! let years = read_years(text, 2024);
//! assert_eq!((years.reviewed, years.planned, years.delivered_year), (2023, 2024, 2023));
//! assert_eq!(years.delivered.map(|d| d.to_string()).as_deref(), Some("2023-12-28"));
//! assert_eq!((years.from, years.mismatch), (YearsFrom::Text, false));
//!
//! // the file says 2010, the text plans 2011: the text wins, and the disagreement is flagged
//! let text = "——2011年1月18日在四川省人民代表大会上\n一、“十一五”时期工作回顾\n增长。\n二、2011年工作安排\n增长。\n";
//! let years = read_years(text, 2010);
//! assert_eq!((years.planned, years.from, years.mismatch), (2011, YearsFrom::Text, true));
//! ```

use zhibiao_extract::layout::{self, Date, FoundBy, Hints};

pub use zhibiao_core::corpus::YearsFrom;

/// The years of one report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Years {
    /// The year it was delivered: the date line's year when it is used, else the plan year (reports
    /// are delivered early in the year they plan), else the file name's year.
    pub delivered_year: i32,
    /// The year it reviews (the plan year − 1).
    pub reviewed: i32,
    /// The year it plans.
    pub planned: i32,
    /// The delivery date on the date line, when the date line states it and agrees with the plan year.
    pub delivered: Option<Date>,
    /// Text or file name.
    pub from: YearsFrom,
    /// The text states a plan year other than the file name's.
    pub mismatch: bool,
    /// The plan year the text states (the date line's, else the headings'), before it is compared
    /// with the file name; `None` when the text states none.
    pub stated: Option<i32>,
}

/// The years of the report `text` (normalised) whose file name says `file_year` (module docs).
pub fn read_years(text: &str, file_year: i32) -> Years {
    let found = layout::layout(text, Hints::default());
    let date_plan = found.delivered.map(|d| if d.month == 12 { d.year + 1 } else { d.year });
    let headings_plan = (found.found_by != FoundBy::None && found.planned != 0).then_some(found.planned);
    let stated = date_plan.or(headings_plan);
    let near_file_name = |year: &i32| year.abs_diff(file_year) <= 1;
    let chosen = [date_plan, headings_plan].into_iter().flatten().find(near_file_name);
    let (planned, from, mismatch) = match chosen {
        Some(year) => (year, YearsFrom::Text, year != file_year),
        None => (file_year, YearsFrom::FileName, stated.is_some()),
    };
    let delivered = found.delivered.filter(|_| date_plan == Some(planned));
    let delivered_year = match (delivered, from) {
        (Some(date), _) => date.year,
        (None, YearsFrom::Text) => planned,
        (None, YearsFrom::FileName) => file_year,
    };
    Years { delivered_year, reviewed: planned - 1, planned, delivered, from, mismatch, stated }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (delivered_year, reviewed, planned, delivered, from, mismatch)
    fn check(text: &str, file_year: i32, expected: (i32, i32, i32, &str, YearsFrom, bool)) {
        let y = read_years(text, file_year);
        let delivered = y.delivered.map(|d| d.to_string()).unwrap_or_default();
        assert_eq!(
            (y.delivered_year, y.reviewed, y.planned, delivered.as_str(), y.from, y.mismatch),
            expected,
            "{text}"
        );
    }

    const HEADINGS_2024: &str = "各位代表：\n一、2023年工作回顾\n增长5%。\n二、2024年工作安排\n增长6%。\n";

    #[test]
    fn headings_and_date_line_agree() {
        let text = format!("——2024年1月10日在某市人民代表大会上\n{HEADINGS_2024}");
        check(&text, 2024, (2024, 2023, 2024, "2024-01-10", YearsFrom::Text, false));
        // a December delivery plans the next year
        let text = format!("——2023年12月28日在某市人民代表大会上\n{HEADINGS_2024}");
        check(&text, 2024, (2023, 2023, 2024, "2023-12-28", YearsFrom::Text, false));
        // a month without a day
        let text = format!("——2024年1月在某市人民代表大会上\n{HEADINGS_2024}");
        check(&text, 2024, (2024, 2023, 2024, "2024-01", YearsFrom::Text, false));
    }

    #[test]
    fn headings_alone() {
        check(HEADINGS_2024, 2024, (2024, 2023, 2024, "", YearsFrom::Text, false));
        // the file is named a year early: the text wins, flagged
        check(HEADINGS_2024, 2023, (2024, 2023, 2024, "", YearsFrom::Text, true));
    }

    #[test]
    fn the_date_line_wins_over_headings_near_the_file_name() {
        // a heading naming 2035 misleads the heading rule; the date line agrees with the file name
        let text = "——2021年1月25日在某市人民代表大会上\n一、“十三五”时期工作回顾\n增长。\n二、“十四五”时期和2035年远景目标任务\n增长。\n";
        let y = read_years(text, 2021);
        assert_eq!((y.planned, y.from, y.mismatch), (2021, YearsFrom::Text, false));
    }

    #[test]
    fn readings_far_from_the_file_name_are_set_aside_and_flagged() {
        // a date quoted in the opening, not the date line of this report
        let text = "各位代表：\n1998年1月，本届政府开始工作。\n";
        check(text, 2003, (2003, 2002, 2003, "", YearsFrom::FileName, true));
    }

    #[test]
    fn no_year_in_the_text() {
        check("各位代表：\n过去一年，经济增长。\n", 2012, (2012, 2011, 2012, "", YearsFrom::FileName, false));
        check("", 2012, (2012, 2011, 2012, "", YearsFrom::FileName, false));
    }
}
