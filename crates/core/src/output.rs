//! Writing outputs analysts load: clean numbers, cells a spreadsheet will not run, atomic files.
//!
//! * [`number`] writes a float without visible binary error (`-5.9`, not `-5.8999999999999995`).
//! * [`cell`] neutralises text a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at
//!   the start), leaving plain numbers alone.
//! * [`Staging`] writes a set of files next to their destinations and renames them all only when
//!   every write succeeded, so an error leaves the previous outputs intact.
//!
//! ```
//! use zhibiao_core::output::{cell, number};
//! assert_eq!(number(1.6 - 7.5), "-5.9");
//! assert_eq!(number(1208000000.0), "1208000000");
//! assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
//! assert_eq!(cell("-26.8"), "-26.8");
//! ```

use std::borrow::Cow;
use std::io;
use std::path::{Path, PathBuf};

/// A float with at most 12 significant digits, in plain notation, shortest form; `-0` is `0`;
/// non-finite values are empty.
pub fn number(x: f64) -> String {
    let mut out = String::new();
    push_number(&mut out, x);
    out
}

/// Appends [`number`]`(x)` to `out` without allocating.
pub fn push_number(out: &mut String, x: f64) {
    let mut buf = [0u8; SHORT];
    match short_number(x, &mut buf) {
        Some(len) => out.push_str(std::str::from_utf8(&buf[..len]).unwrap_or_default()),
        None => out.push_str(&long_number(x)),
    }
}

/// Appends [`number`]`(x)` to a byte buffer without allocating (the hot path of large outputs).
pub fn push_number_bytes(out: &mut Vec<u8>, x: f64) {
    if !x.is_finite() {
        return;
    }
    let mut buf = [0u8; SHORT];
    match short_number(x, &mut buf) {
        // one copy of a fixed size, then the length set: no call to copy a few bytes
        Some(len) => {
            let at = out.len();
            out.extend_from_slice(&buf);
            out.truncate(at + len);
        }
        None => out.extend_from_slice(long_number(x).as_bytes()),
    }
}

/// Room for the longest text [`short_number`] writes (a sign, `0.`, 5 zeros and 12 digits for
/// 1e-6 ≤ |x|, or a sign and 16 digits for |x| < 1e15 rounded up), and for the fixed-size copies that place
/// its digits.
const SHORT: usize = 32;

/// [`number`] for the common case, written at the start of `buf`: zero, non-finite (empty), and
/// magnitudes in [1e-6, 1e15), found with integer arithmetic; returns its length, or `None` for
/// the rest.
fn short_number(x: f64, buf: &mut [u8; SHORT]) -> Option<usize> {
    if !x.is_finite() {
        return Some(0);
    }
    if x == 0.0 {
        buf[0] = b'0';
        return Some(1);
    }
    let a = x.abs();
    let negative = x < 0.0;
    // a whole number of at most 12 digits is its own 12-digit form: its digits, zero-padded to
    // 12, from the first that is not a leading zero. Below 2^52, adding 2^52 rounds to a whole
    // number held in the low bits; the sum less 2^52 is `a` exactly when `a` is whole.
    const WHOLE: f64 = 4_503_599_627_370_496.0;
    if a < 1e12 && (a + WHOLE) - WHOLE == a {
        let digits = Digits::of((a + WHOLE).to_bits() & ((1 << 52) - 1));
        let first = digits.leading_zeros();
        let at = usize::from(negative);
        buf[0] = b'-';
        buf[at..at + 16].copy_from_slice(&digits.text[first..first + 16]);
        return Some(at + 12 - first);
    }
    if !(1e-6..1e15).contains(&a) {
        return None;
    }
    // 12 significant digits as an integer, then place the decimal point
    let mut e = decimal_exponent(a);
    let mut decimals = 11 - e;
    let mut scaled = scale(a, decimals);
    if scaled >= 1_000_000_000_000 {
        e += 1;
        decimals = 11 - e;
        scaled = scale(a, decimals);
    } else if scaled < 100_000_000_000 {
        e -= 1;
        decimals = 11 - e;
        scaled = scale(a, decimals);
    }
    if !(100_000_000_000..1_000_000_000_000).contains(&scaled) {
        return None;
    }
    // the 12 digits placed with copies of a fixed size at offsets found by arithmetic, the
    // trailing zeros of the fraction cut off by the length: no loop whose count depends on the
    // number (each such loop's exit is a mispredicted branch, several a number)
    let digits = Digits::of(scaled);
    let significant = 12 - digits.trailing_zeros();
    let at = usize::from(negative);
    buf[0] = b'-';
    if decimals <= 0 {
        // 1e12 ≤ a < 1e15: the 12 digits, then 1 to 4 zeros (4 when a rounds up to 1e15)
        let zeros = usize::try_from(-decimals).ok()?.min(4);
        buf[at..at + 16].copy_from_slice(&digits.text[..16]);
        buf[at + 12..at + 16].copy_from_slice(b"0000");
        return Some(at + 12 + zeros);
    }
    if let Ok(whole) = usize::try_from(e) {
        // 1 ≤ a: `whole + 1` digits before the point (at most 11), the rest after it
        let point = at + whole + 1;
        buf[at..at + 16].copy_from_slice(&digits.text[..16]);
        buf[point] = b'.';
        buf[point + 1..point + 17].copy_from_slice(&digits.text[whole + 1..whole + 17]);
        let fraction = significant.saturating_sub(whole + 1);
        Some(if fraction == 0 { point } else { point + 1 + fraction })
    } else {
        // a < 1: `0.`, then −e − 1 zeros (at most 5), then the digits
        let zeros = usize::try_from(-e - 1).ok()?.min(5);
        buf[at..at + 2].copy_from_slice(b"0.");
        buf[at + 2..at + 10].copy_from_slice(b"00000000");
        buf[at + 2 + zeros..at + 18 + zeros].copy_from_slice(&digits.text[..16]);
        Some(at + 2 + zeros + significant)
    }
}

/// A number below 10^12 as 12 ASCII digits, zero-padded in front, then 20 bytes of room (zeros,
/// not digits) for copies of a fixed size that start anywhere among the digits; and the digits as
/// values 0–9, a byte each, the first in the lowest byte, for counting zeros.
struct Digits {
    text: [u8; 32],
    values: u128,
}

impl Digits {
    fn of(n: u64) -> Digits {
        let head = eight_digits(n / 100_000_000 % 10_000) >> 32;
        let tail = eight_digits(n % 100_000_000);
        let values = u128::from(head) | u128::from(tail) << 32;
        let mut text = [0u8; 32];
        // `0` added to each of the 12 digit bytes (none carries: a digit is at most 9)
        const ZEROS: u128 =
            u128::from_le_bytes([b'0', b'0', b'0', b'0', b'0', b'0', b'0', b'0', b'0', b'0', b'0', b'0', 0, 0, 0, 0]);
        text[..16].copy_from_slice(&(values + ZEROS).to_le_bytes());
        Digits { text, values }
    }

    /// How many of the 12 digits are zeros in front (12 for zero): a digit's byte is zero exactly
    /// when the digit is, so this counts zero bytes from the lowest (no branch on the number).
    fn leading_zeros(&self) -> usize {
        (self.values.trailing_zeros() / 8).min(12) as usize
    }

    /// How many of the 12 digits are zeros at the end (12 for zero).
    fn trailing_zeros(&self) -> usize {
        (self.values.leading_zeros().saturating_sub(32) / 8).min(12) as usize
    }
}

/// The eight decimal digits of `n` (below 10^8) as values 0–9, one a byte, the first in the lowest
/// byte: split in halves, quarters and digits, every part of a level at once in lanes of one word
/// (division by 100 and by 10 as a multiplication and a shift, exact in these ranges).
fn eight_digits(n: u64) -> u64 {
    // two lanes of 32 bits: the first four digits, the last four
    let halves = (n / 10_000) | ((n % 10_000) << 32);
    // four lanes of 16 bits: two digits each (v / 100 = v × 10486 >> 20 for v < 10^4)
    let hundreds = ((halves * 10_486) >> 20) & 0x0000_007f_0000_007f;
    let quarters = hundreds | ((halves - 100 * hundreds) << 16);
    // eight lanes of 8 bits (v / 10 = v × 103 >> 10 for v < 100)
    let tens = ((quarters * 103) >> 10) & 0x000f_000f_000f_000f;
    tens | ((quarters - 10 * tens) << 8)
}

/// [`number`] outside the fast range: the exact binary value rounded to 12 digits, printed in its
/// shortest form.
fn long_number(x: f64) -> String {
    let rounded: f64 = format!("{x:.11e}").parse().unwrap_or(x);
    let text = format!("{rounded}");
    if text == "-0" { "0".to_owned() } else { text }
}

/// `round(a × 10^decimals)` as an integer (`a` positive, at most 12 digits result).
fn scale(a: f64, decimals: i32) -> u64 {
    let v = if decimals >= 0 { a * pow10(decimals) } else { a / pow10(-decimals) };
    // v < 2^52 here, so v + 0.5 is exact and truncating it rounds half away from zero
    (v + 0.5) as u64
}

/// The powers of ten a `f64` holds exactly.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// `10^n`, exact for `0 ≤ n ≤ 22` (as `10f64.powi(n)` is there: every partial product is exact).
fn pow10(n: i32) -> f64 {
    usize::try_from(n).ok().and_then(|n| POW10.get(n).copied()).unwrap_or_else(|| 10f64.powi(n))
}

/// `floor(log10(a))` for `a` in [1e-6, 1e15): found among the powers of ten, and by `log10` itself
/// within a billionth of one (where the two could round differently).
fn decimal_exponent(a: f64) -> i32 {
    // 2^b ≤ a < 2^(b+1), so floor(log10 a) is floor(b·log10 2) or one more
    let b = ((a.to_bits() >> 52) & 0x7ff) as i32 - 1023;
    let low = (b * 1233) >> 12; // floor(b · log10 2) for |b| < 100
    let e = if a >= power_of_ten(low + 1) { low + 1 } else { low };
    let near = |p: f64| (a - p).abs() < p * 1e-9;
    if near(power_of_ten(e)) || near(power_of_ten(e + 1)) { a.log10().floor() as i32 } else { e }
}

/// `10^e` for `-7 ≤ e ≤ 15`, each the nearest `f64`.
const TENS: [f64; 23] = [
    1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
    1e14, 1e15,
];

/// `10^e` as the nearest `f64`, for `-7 ≤ e ≤ 15`.
fn power_of_ten(e: i32) -> f64 {
    usize::try_from(e + 7).ok().and_then(|k| TENS.get(k).copied()).unwrap_or(f64::NAN)
}

/// `text`, prefixed with `'` when a spreadsheet would run it as a formula and it is not a plain
/// number.
pub fn cell(text: &str) -> Cow<'_, str> {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && text.parse::<f64>().map_or(true, |_| !is_plain_number(text)) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    !body.is_empty()
        && body.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && body.bytes().filter(|b| *b == b'.').count() <= 1
}

/// Files written beside their destinations under temporary names, renamed into place together.
#[derive(Debug, Default)]
pub struct Staging {
    staged: Vec<(PathBuf, PathBuf)>,
}

impl Staging {
    /// An empty staging area.
    pub fn new() -> Staging {
        Staging::default()
    }

    /// Opens a temporary file beside `destination` for streaming; it is renamed into place on
    /// [`Staging::commit`] (flush the writer first).
    pub fn create(&mut self, destination: &Path) -> io::Result<io::BufWriter<std::fs::File>> {
        let temp = self.stage(destination);
        let file = std::fs::File::create(&temp)?;
        Ok(io::BufWriter::with_capacity(1 << 20, file))
    }

    /// [`Staging::create`] for an output of a gigabyte or so: a [`LargeFile`] (call its `finish`
    /// before [`Staging::commit`]).
    pub fn create_large(&mut self, destination: &Path) -> io::Result<LargeFile> {
        let temp = self.stage(destination);
        LargeFile::create(&temp)
    }

    /// The temporary name beside `destination`, staged (removed on drop unless committed).
    fn stage(&mut self, destination: &Path) -> PathBuf {
        let name = destination.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let temp = destination.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        self.staged.push((temp.clone(), destination.to_path_buf()));
        temp
    }

    /// Writes `bytes` to a temporary file beside `destination`.
    pub fn write(&mut self, destination: &Path, bytes: &[u8]) -> io::Result<()> {
        let temp = self.stage(destination);
        let result = std::fs::write(&temp, bytes);
        if result.is_err() {
            // a file that was not written is not staged
            self.staged.pop();
            let _ = std::fs::remove_file(&temp);
        }
        result
    }

    /// Renames every staged file into place.
    pub fn commit(mut self) -> io::Result<()> {
        let staged = std::mem::take(&mut self.staged);
        for (temp, destination) in &staged {
            std::fs::rename(temp, destination)?;
        }
        Ok(())
    }
}

/// A large output streamed to its file past the page cache where the system allows it (Linux's
/// `O_DIRECT`), through a buffer of its own: a gigabyte written the usual way is first copied into
/// a gigabyte of fresh page cache, which costs the writing thread as much as the copy and, on a
/// virtual machine that hands freed memory back to its host, the host's price for every page. Where
/// direct writes are refused (a file system without them, a device that wants another alignment),
/// it writes the usual way. Call [`LargeFile::finish`] at the end: the last part of a block is
/// written only then.
#[derive(Debug)]
pub struct LargeFile {
    file: std::fs::File,
    path: PathBuf,
    /// The buffer; its aligned window is `buffer[start..start + WINDOW]`.
    buffer: Vec<u8>,
    start: usize,
    /// Bytes waiting in the window.
    len: usize,
    /// Bytes in the file.
    written: u64,
    direct: bool,
}

/// The alignment direct writes want of a buffer's address, a write's length and its offset (4 KiB
/// covers devices of 512-byte and of 4-KiB sectors).
const ALIGN: usize = 4096;
/// The buffer: large enough that a direct write's fixed cost is paid rarely.
const WINDOW: usize = 8 << 20;

impl LargeFile {
    /// Creates (or truncates) `path`, to be written past the page cache where the system allows.
    pub fn create(path: &Path) -> io::Result<LargeFile> {
        LargeFile::open(path, true)
    }

    /// Creates (or truncates) `path`, to be written the usual way, through the page cache.
    pub fn buffered(path: &Path) -> io::Result<LargeFile> {
        LargeFile::open(path, false)
    }

    fn open(path: &Path, try_direct: bool) -> io::Result<LargeFile> {
        let (file, direct) = match try_direct.then(|| open_direct(path)).flatten() {
            Some(file) => (file, true),
            None => (std::fs::File::create(path)?, false),
        };
        let buffer = vec![0u8; WINDOW + ALIGN];
        let start = (ALIGN - buffer.as_ptr() as usize % ALIGN) % ALIGN;
        Ok(LargeFile { file, path: path.to_path_buf(), buffer, start, len: 0, written: 0, direct })
    }

    /// Whether the file is written past the page cache.
    pub fn is_direct(&self) -> bool {
        self.direct
    }

    /// Writes the window's whole blocks (in direct mode; all of it otherwise), keeping the rest.
    fn drain(&mut self) -> io::Result<()> {
        let whole = if self.direct { self.len / ALIGN * ALIGN } else { self.len };
        let mut done = 0;
        while done < whole {
            let block = &self.buffer[self.start + done..self.start + whole];
            match io::Write::write(&mut self.file, block) {
                Ok(0) => return Err(io::Error::new(io::ErrorKind::WriteZero, "the file took no more bytes")),
                // a direct write of part of a block leaves the file unaligned: go on the usual way
                Ok(n) if self.direct && n % ALIGN != 0 => {
                    done += n;
                    self.written += n as u64;
                    self.go_buffered()?;
                }
                Ok(n) => {
                    done += n;
                    self.written += n as u64;
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                // refused (EINVAL): this file system or device does not take these direct writes
                Err(err) if self.direct && err.raw_os_error() == Some(EINVAL) => self.go_buffered()?,
                Err(err) => return Err(err),
            }
        }
        self.buffer.copy_within(self.start + whole..self.start + self.len, self.start);
        self.len -= whole;
        Ok(())
    }

    /// Goes on writing through the page cache, from where the file ends.
    fn go_buffered(&mut self) -> io::Result<()> {
        use io::Seek;
        let mut file = std::fs::OpenOptions::new().write(true).open(&self.path)?;
        file.seek(io::SeekFrom::Start(self.written))?;
        self.file = file;
        self.direct = false;
        Ok(())
    }

    /// Writes what is left and closes the file.
    pub fn finish(mut self) -> io::Result<()> {
        self.drain()?;
        if self.len > 0 {
            self.go_buffered()?;
            self.drain()?;
        }
        Ok(())
    }
}

impl io::Write for LargeFile {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.len == WINDOW {
            self.drain()?;
        }
        let n = bytes.len().min(WINDOW - self.len);
        self.buffer[self.start + self.len..self.start + self.len + n].copy_from_slice(&bytes[..n]);
        self.len += n;
        Ok(n)
    }

    /// Writes the whole blocks waiting (a direct write cannot take the last part of one: that is
    /// left for [`LargeFile::finish`]).
    fn flush(&mut self) -> io::Result<()> {
        self.drain()
    }
}

#[cfg(target_os = "linux")]
const EINVAL: i32 = libc::EINVAL;
#[cfg(not(target_os = "linux"))]
const EINVAL: i32 = 22;

#[cfg(target_os = "linux")]
fn open_direct(path: &Path) -> Option<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new().write(true).create(true).truncate(true).custom_flags(libc::O_DIRECT).open(path).ok()
}

#[cfg(not(target_os = "linux"))]
fn open_direct(_: &Path) -> Option<std::fs::File> {
    None
}

impl Drop for Staging {
    /// Staged files that were never committed are removed.
    fn drop(&mut self) {
        for (temp, _) in &self.staged {
            let _ = std::fs::remove_file(temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_file_holds_every_byte_written_whatever_the_sizes() {
        let dir = std::env::temp_dir().join(format!("zhibiao-large-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let sizes = [0, 1, ALIGN - 1, ALIGN, ALIGN + 1, WINDOW - 1, WINDOW, WINDOW + 1, 2 * WINDOW + ALIGN + 7];
        for (k, size) in sizes.into_iter().enumerate() {
            let bytes: Vec<u8> = (0..size).map(|i| (i * 7 + i / 251) as u8).collect();
            // through the direct path (where the file system takes it), the usual one, and one
            // that switches half way (what a refused direct write does)
            for how in 0..3 {
                let path = dir.join(format!("{k}-{how}.csv"));
                let mut file = if how == 1 { LargeFile::buffered(&path) } else { LargeFile::create(&path) }.unwrap();
                // writes of uneven lengths, as a writer of formatted blocks makes them
                let mut at = 0;
                for (n, step) in [3usize, 4096, 100_000, 1 << 20, 5_000_001].iter().cycle().enumerate() {
                    if at >= bytes.len() {
                        break;
                    }
                    let end = (at + step).min(bytes.len());
                    io::Write::write_all(&mut file, &bytes[at..end]).unwrap();
                    at = end;
                    if how == 2 && n == 2 {
                        io::Write::flush(&mut file).unwrap();
                        file.go_buffered().unwrap();
                    }
                }
                file.finish().unwrap();
                assert!(std::fs::read(&path).unwrap() == bytes, "size {size}, way {how}");
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_exponent_search_gives_what_log10_gave() {
        // the former rule, kept as the oracle: floor(log10), powi, the digits through to_string
        fn by_log10(x: f64) -> String {
            let a = x.abs();
            let scale = |d: i32| (if d >= 0 { a * 10f64.powi(d) } else { a / 10f64.powi(-d) }).round() as u64;
            let mut e = a.log10().floor() as i32;
            let mut s = scale(11 - e);
            if s >= 1_000_000_000_000 {
                e += 1;
                s = scale(11 - e);
            } else if s < 100_000_000_000 {
                e -= 1;
                s = scale(11 - e);
            }
            let (digits, decimals) = (s.to_string(), 11 - e);
            let sign = if x < 0.0 { "-" } else { "" };
            if decimals <= 0 {
                return format!("{sign}{digits}{}", "0".repeat((-decimals) as usize));
            }
            let d = decimals as usize;
            let (int, frac) = if digits.len() > d { digits.split_at(digits.len() - d) } else { ("", digits.as_str()) };
            let frac = frac.trim_end_matches('0');
            let int = if int.is_empty() { "0" } else { int };
            let zeros = "0".repeat(d.saturating_sub(digits.len()));
            if frac.is_empty() { format!("{sign}{int}") } else { format!("{sign}{int}.{zeros}{frac}") }
        }
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut values = Vec::new();
        for e in -6..15 {
            let p = 10f64.powi(e);
            for ulps in -3i64..=3 {
                values.push(f64::from_bits((p.to_bits() as i64 + ulps) as u64));
            }
            values.extend([p * 0.999_999_999_999_9, p * 1.000_000_000_000_1, p * 9.999_999_999_995, p * 2.5]);
        }
        for _ in 0..200_000 {
            let r = next();
            let mantissa = (r >> 11) as f64 / (1u64 << 53) as f64;
            let e = (next() % 21) as i32 - 6;
            let digits = 1 + next() % 14;
            let v = (mantissa * 10f64.powi(e)).max(1e-6);
            values.push(v);
            values.push((v * 10f64.powi(digits as i32)).round().min(1e14));
            values.push(-((v * 10f64.powi(digits as i32)).round() / 10f64.powi(digits as i32)).max(1e-6));
        }
        for v in values.into_iter().filter(|v| (1e-6..1e15).contains(&v.abs())) {
            assert_eq!(number(v), by_log10(v), "{v:e}");
        }
    }

    #[test]
    fn numbers_without_float_noise() {
        assert_eq!(number(0.1 + 0.2), "0.3");
        assert_eq!(number(110000000.00000001), "110000000");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(4.4), "4.4");
        assert_eq!(number(1e-7), "0.0000001");
        assert_eq!(number(f64::NAN), "");
        assert_eq!(number(123456789012345.0), "123456789012000");
        assert_eq!(number(-0.786666666666667), "-0.786666666667");
        assert_eq!(number(1e15), "1000000000000000");
        assert_eq!(number(9.99999999999999e-7), "0.000001");
        assert_eq!(number(0.000123), "0.000123");
        assert_eq!(number(999999999999.5), "1000000000000");
    }

    #[test]
    fn the_fast_path_agrees_with_correct_rounding() {
        // deterministic spread of magnitudes and mantissas
        let mut x = 0.000_001_234_567_891_f64;
        while x < 1e15 {
            for y in [x, -x, x * 1.000_000_7, x / 3.0] {
                let slow: f64 = format!("{y:.11e}").parse().unwrap();
                assert_eq!(number(y), format!("{slow}"), "{y:e}");
            }
            x *= 1.37;
        }
    }

    #[test]
    fn formulas_are_neutralised() {
        for (input, expected) in [
            ("=1+1", "'=1+1"),
            ("+86 123", "'+86 123"),
            ("-cmd", "'-cmd"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-5.9", "-5.9"),
            ("+3", "+3"),
            ("咸宁", "咸宁"),
            ("", ""),
            ("-1e5", "'-1e5"),
        ] {
            assert_eq!(cell(input), expected, "{input:?}");
        }
    }

    #[test]
    fn staging_commits_all_or_nothing() {
        let dir = std::env::temp_dir().join(format!("zhibiao-staging-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.csv"), "old").unwrap();
        {
            let mut s = Staging::new();
            s.write(&dir.join("a.csv"), b"new").unwrap();
            // dropped without commit
        }
        assert_eq!(std::fs::read_to_string(dir.join("a.csv")).unwrap(), "old");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        let mut s = Staging::new();
        s.write(&dir.join("a.csv"), b"new").unwrap();
        s.write(&dir.join("b.csv"), b"b").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read_to_string(dir.join("a.csv")).unwrap(), "new");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
