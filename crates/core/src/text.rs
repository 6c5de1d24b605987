//! Decoding input files: UTF-8 only, with a precise answer for everything else.
//!
//! Analysts' files come from Excel, WPS and web pages. A UTF-8 BOM is accepted and dropped; UTF-16,
//! GBK/GB18030 and NUL bytes are rejected with the line and column of the first bad byte and how to
//! re-save the file.

use crate::diagnostic::{Diagnostic, Location};
use std::path::Path;

/// The UTF-8 byte order mark.
pub const BOM: &str = "\u{feff}";

/// Decodes `bytes` (read from `path`) as UTF-8 text, dropping a leading BOM.
///
/// ```
/// use std::path::Path;
/// use zhibiao_core::text::decode_utf8;
/// assert_eq!(decode_utf8(Path::new("a.csv"), "\u{feff}id\n".as_bytes()).unwrap(), "id\n");
/// let gbk = b"id\n\xcf\xcc\xc4\xfe\n"; // 咸宁 in GBK
/// let err = decode_utf8(Path::new("a.csv"), gbk).unwrap_err();
/// assert_eq!(err.to_string(), "a.csv:2:1: invalid UTF-8 byte 0xcf; the file looks like GBK/GB18030: re-save it as UTF-8");
/// ```
pub fn decode_utf8<'a>(path: &Path, bytes: &'a [u8]) -> Result<&'a str, Diagnostic> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) || looks_utf16(bytes) {
        return Err(Diagnostic::new(
            Location::file(path),
            "the file is UTF-16 encoded; re-save it as UTF-8 (in Excel: Save As > CSV UTF-8)",
        ));
    }
    // SIMD validation for the common case (a gigabyte panel is validated at memory speed); the
    // standard library's, which says where the bad byte is, only when it fails
    let text = match simdutf8::basic::from_utf8(bytes).or_else(|_| std::str::from_utf8(bytes)) {
        Ok(text) => text,
        Err(err) => {
            let at = err.valid_up_to();
            let (line, column) = line_column(bytes, at);
            let byte = bytes.get(at).copied().unwrap_or(0);
            let hint = if looks_gbk(&bytes[at..]) {
                "the file looks like GBK/GB18030: re-save it as UTF-8"
            } else {
                "re-save the file as UTF-8"
            };
            return Err(Diagnostic::new(
                Location::at(path, line, column),
                format!("invalid UTF-8 byte 0x{byte:02x}; {hint}"),
            ));
        }
    };
    if let Some(at) = memchr::memchr(0, bytes) {
        let (line, column) = line_column(bytes, at);
        return Err(Diagnostic::new(
            Location::at(path, line, column),
            "NUL byte in a text file; the file is binary or damaged",
        ));
    }
    Ok(text.strip_prefix(BOM).unwrap_or(text))
}

/// 1-based line and column (in characters) of byte offset `at`, counting only valid UTF-8 before it.
pub fn line_column(bytes: &[u8], at: usize) -> (u64, u64) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() as u64 + 1;
    let line_start = before.iter().rposition(|b| *b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() as u64 + 1;
    (line, column)
}

/// UTF-16 without BOM: many NULs in alternate positions.
fn looks_utf16(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(512)];
    if sample.len() < 4 {
        return false;
    }
    let even = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd = sample.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let half = sample.len() / 2;
    (even >= 2 && even * 3 > half) || (odd >= 2 && odd * 3 > half)
}

/// GBK/GB18030 double-byte text: lead byte 0x81–0xFE followed by a trail byte 0x40–0xFE (not 0x7F).
fn looks_gbk(bytes: &[u8]) -> bool {
    match bytes {
        [lead, trail, ..] => (0x81..=0xfe).contains(lead) && (0x40..=0xfe).contains(trail) && *trail != 0x7f,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(bytes: &[u8], expected: Result<&str, &str>) {
        let got = decode_utf8(Path::new("f.csv"), bytes).map_err(|d| d.to_string());
        assert_eq!(got.as_ref().map(|s| *s).map_err(String::as_str), expected);
    }

    #[test]
    fn accepts_utf8_with_or_without_bom() {
        check(b"a,b\r\n1,2\r\n", Ok("a,b\r\n1,2\r\n"));
        check("\u{feff}咸宁\n".as_bytes(), Ok("咸宁\n"));
        check(b"", Ok(""));
    }

    #[test]
    fn rejects_other_encodings_with_location() {
        check(
            b"\xff\xfea\x00,\x00",
            Err("f.csv: the file is UTF-16 encoded; re-save it as UTF-8 (in Excel: Save As > CSV UTF-8)"),
        );
        check(
            b"a\x00b\x00c\x00d\x00",
            Err("f.csv: the file is UTF-16 encoded; re-save it as UTF-8 (in Excel: Save As > CSV UTF-8)"),
        );
        check(
            "a,b\n咸,".as_bytes().iter().copied().chain(*b"\xcf\xcc\n").collect::<Vec<_>>().as_slice(),
            Err("f.csv:2:3: invalid UTF-8 byte 0xcf; the file looks like GBK/GB18030: re-save it as UTF-8"),
        );
        check(b"a\n\xff", Err("f.csv:2:1: invalid UTF-8 byte 0xff; re-save the file as UTF-8"));
        check(b"abc,def\nx\x00y\n", Err("f.csv:2:2: NUL byte in a text file; the file is binary or damaged"));
    }
}
