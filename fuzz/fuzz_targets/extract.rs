//! Arbitrary text through the extractor: candidates or a refusal, never a panic; every quote is the
//! text between its offsets.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let chars: Vec<char> = text.chars().collect();
    for year in [None, Some(2023)] {
        let options = zhibiao_extract::Options { year_reviewed: year, ..Default::default() };
        if let Ok(found) = zhibiao_extract::extract(text, &[], &options) {
            for e in found {
                assert!(e.start <= e.end && e.end <= chars.len());
                let quote: String = chars[e.start..e.end].iter().collect();
                assert_eq!(Some(quote.as_str()), e.fact.quote.as_deref());
            }
        }
    }
});
