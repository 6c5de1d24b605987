//! Arbitrary text as a report: finding its numbers (the groundwork of extraction), the numbers of a
//! quote, and coverage must never panic, and offsets must stay inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let chars = text.chars().count();
    for n in zhibiao_scan::numbers::scan(text) {
        assert!(n.start < n.end && n.end <= chars);
    }
    let _ = zhibiao_scan::provenance::numbers_in(text);
    let quote: String = text.chars().take(12).collect();
    let report = zhibiao_scan::coverage::report(text, &[quote.as_str()], &Default::default());
    assert!(report.covered <= report.quantities);
    let _ = zhibiao_scan::coverage::render(&report.rows);
});
