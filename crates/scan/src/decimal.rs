//! Exact decimal numbers as written in a CSV cell.
//!
//! Facts keep their value exactly as written (`1.76`, `-26.8`), so that restating it in another unit
//! and normalising it is exact: `1.1` 亿元 and `11000` 万元 both become exactly 110000000 元. A
//! [`Decimal`] is an integer mantissa and a power-of-ten exponent; converting it to `f64` is correctly
//! rounded.

use std::fmt;
use std::str::FromStr;

/// An exact decimal number `mantissa × 10^exponent`.
///
/// ```
/// use zhibiao_scan::Decimal;
/// let d: Decimal = "-26.80".parse().unwrap();
/// assert_eq!(d.to_f64(), -26.8);
/// assert_eq!(d.to_string(), "-26.8");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: i128,
    exponent: i32,
}

/// Why a text is not a plain decimal number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecimalError {
    /// The cell is empty.
    Empty,
    /// The text is not of the form `-12.34`.
    Syntax,
    /// More significant digits than can be held exactly (36).
    TooManyDigits,
}

/// Most significant digits a [`Decimal`] holds exactly.
const MAX_DIGITS: usize = 36;

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal { mantissa: 0, exponent: 0 };

    /// A decimal from its parts: `mantissa × 10^exponent`.
    pub fn new(mantissa: i128, exponent: i32) -> Decimal {
        Decimal { mantissa, exponent }.normalised()
    }

    /// The integer mantissa (normalised: no trailing zeros).
    pub fn mantissa(self) -> i128 {
        self.mantissa
    }

    /// The power-of-ten exponent.
    pub fn exponent(self) -> i32 {
        self.exponent
    }

    /// The nearest `f64` (correctly rounded).
    pub fn to_f64(self) -> f64 {
        // Clinger's fast path: a mantissa below 2^53 and a power of ten below 10^23 are both exact,
        // so one multiplication or division rounds correctly.
        const POW10: [f64; 23] = [
            1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
            1e19, 1e20, 1e21, 1e22,
        ];
        if self.mantissa.unsigned_abs() < (1u128 << 53) && self.exponent.unsigned_abs() < 23 {
            // below 2^53 the mantissa fits an i64, whose conversion is one instruction (an i128's
            // is a call)
            let m = self.mantissa as i64 as f64;
            let p = POW10[self.exponent.unsigned_abs() as usize];
            return if self.exponent >= 0 { m * p } else { m / p };
        }
        // Rust's float parsing is correctly rounded, so going through the exact text is exact.
        format!("{}e{}", self.mantissa, self.exponent).parse().unwrap_or(f64::NAN)
    }

    /// The absolute value.
    pub fn abs(self) -> Decimal {
        Decimal { mantissa: self.mantissa.abs(), exponent: self.exponent }
    }

    /// True when the number is negative.
    pub fn is_negative(self) -> bool {
        self.mantissa < 0
    }

    /// True when the number has no fractional part.
    pub fn is_integer(self) -> bool {
        self.exponent >= 0
    }

    /// The exact product `self × mantissa × 10^exponent`, or `None` on overflow.
    pub fn scaled(self, mantissa: i128, exponent: i32) -> Option<Decimal> {
        let m = self.mantissa.checked_mul(mantissa)?;
        let e = self.exponent.checked_add(exponent)?;
        Some(Decimal::new(m, e))
    }

    fn normalised(mut self) -> Decimal {
        if self.mantissa == 0 {
            return Decimal::ZERO;
        }
        // trailing zeros stripped in an i64 where the mantissa fits one (an i128's division is a
        // call), as nearly every value's does
        if let Ok(mut small) = i64::try_from(self.mantissa) {
            while small % 10 == 0 {
                small /= 10;
                self.exponent += 1;
            }
            return Decimal { mantissa: i128::from(small), exponent: self.exponent };
        }
        while self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.exponent += 1;
        }
        self
    }
}

impl FromStr for Decimal {
    type Err = DecimalError;

    /// Parses `[-]digits[.digits]`: no `+`, no exponent, no thousands separators, no spaces.
    fn from_str(text: &str) -> Result<Decimal, DecimalError> {
        // nearly every cell of a panel is short: one pass, integer arithmetic; anything else (and
        // every error) goes through the full reading below, which gives the same number
        match Decimal::short(text.as_bytes()) {
            Some(d) => Ok(d),
            None => Decimal::read(text),
        }
    }
}

impl Decimal {
    /// `[-]digits[.digits]` of at most 19 digits, read in one pass into a `u64`; `None` for
    /// anything else, valid or not. Each pass of
    /// the full reading ends in a mispredicted branch, five a cell.
    fn short(bytes: &[u8]) -> Option<Decimal> {
        let (negative, body) = match bytes.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, bytes),
        };
        // at most 19 digits and a point: below 10^19, within a u64
        if body.is_empty() || body.len() > 20 {
            return None;
        }
        let mut mantissa: u64 = 0;
        let mut point = usize::MAX;
        for (k, &b) in body.iter().enumerate() {
            let digit = b.wrapping_sub(b'0');
            if digit < 10 {
                mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(digit))?;
            } else if b == b'.' && point == usize::MAX {
                point = k;
            } else {
                return None;
            }
        }
        let decimals = match point {
            usize::MAX => 0,
            // digits on both sides of the point
            0 => return None,
            k if k + 1 == body.len() => return None,
            k => body.len() - k - 1,
        };
        let mantissa = i128::from(mantissa);
        Some(Decimal::new(if negative { -mantissa } else { mantissa }, -i32::try_from(decimals).ok()?))
    }

    /// Parses `[-]digits[.digits]` (any number of digits, every error told).
    fn read(text: &str) -> Result<Decimal, DecimalError> {
        if text.is_empty() {
            return Err(DecimalError::Empty);
        }
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (int_part, frac_part) = match unsigned.split_once('.') {
            Some((i, f)) => (i, f),
            None => (unsigned, ""),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int_part.is_empty()
            || !all_digits(int_part)
            || !all_digits(frac_part)
            || (unsigned.contains('.') && frac_part.is_empty())
        {
            return Err(DecimalError::Syntax);
        }
        let mut mantissa: i128 = 0;
        let mut significant = 0usize;
        for b in int_part.bytes().chain(frac_part.bytes()) {
            if significant > 0 || b != b'0' {
                significant += 1;
                if significant > MAX_DIGITS {
                    return Err(DecimalError::TooManyDigits);
                }
            }
            mantissa = mantissa * 10 + i128::from(b - b'0');
        }
        if negative {
            mantissa = -mantissa;
        }
        let exponent = -i32::try_from(frac_part.len()).map_err(|_| DecimalError::TooManyDigits)?;
        Ok(Decimal::new(mantissa, exponent))
    }
}

impl fmt::Display for Decimal {
    /// Plain decimal notation, shortest form: `-26.8`, `110000000`, `0.005`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.mantissa < 0 { "-" } else { "" };
        let digits = self.mantissa.unsigned_abs().to_string();
        if self.exponent >= 0 {
            let zeros = "0".repeat(self.exponent as usize);
            write!(f, "{sign}{digits}{zeros}")
        } else {
            let frac_len = self.exponent.unsigned_abs() as usize;
            if digits.len() > frac_len {
                let (i, fr) = digits.split_at(digits.len() - frac_len);
                write!(f, "{sign}{i}.{fr}")
            } else {
                let zeros = "0".repeat(frac_len - digits.len());
                write!(f, "{sign}0.{zeros}{digits}")
            }
        }
    }
}

impl PartialOrd for Decimal {
    fn partial_cmp(&self, other: &Decimal) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Decimal {
    fn cmp(&self, other: &Decimal) -> std::cmp::Ordering {
        // Align exponents; fall back to f64 when alignment would overflow (astronomic spreads).
        let e = self.exponent.min(other.exponent);
        let align = |d: &Decimal| {
            let shift = u32::try_from(d.exponent - e).ok()?;
            10i128.checked_pow(shift).and_then(|p| d.mantissa.checked_mul(p))
        };
        match (align(self), align(other)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => self.to_f64().total_cmp(&other.to_f64()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Result<&str, DecimalError>) {
        let got = text.parse::<Decimal>().map(|d| d.to_string());
        assert_eq!(got.as_deref().map_err(|e| *e), expected, "parsing {text:?}");
    }

    #[test]
    fn parses_plain_decimals_only() {
        check("0", Ok("0"));
        check("-0", Ok("0"));
        check("1.60", Ok("1.6"));
        check("-26.8", Ok("-26.8"));
        check("007", Ok("7"));
        check("0.005", Ok("0.005"));
        check("172100", Ok("172100"));
        check("", Err(DecimalError::Empty));
        check("1.", Err(DecimalError::Syntax));
        check(".5", Err(DecimalError::Syntax));
        check("+1", Err(DecimalError::Syntax));
        check("1e5", Err(DecimalError::Syntax));
        check("1,000", Err(DecimalError::Syntax));
        check(" 1", Err(DecimalError::Syntax));
        check("１", Err(DecimalError::Syntax));
        check("NaN", Err(DecimalError::Syntax));
        check("-", Err(DecimalError::Syntax));
        check(&"9".repeat(37), Err(DecimalError::TooManyDigits));
    }

    #[test]
    fn the_short_reading_agrees_with_the_full_one() {
        // every text of up to 6 characters over the alphabet that matters, and longer ones that
        // reach the limits (19 and 20 digits, a point, a sign)
        let alphabet = [b'0', b'1', b'9', b'.', b'-', b'x'];
        let mut level: Vec<Vec<u8>> = vec![Vec::new()];
        let mut texts = level.clone();
        for _ in 0..6 {
            level = level.iter().flat_map(|t| alphabet.iter().map(move |&c| [t.as_slice(), &[c]].concat())).collect();
            texts.extend(level.iter().cloned());
        }
        for digits in 17..=21 {
            for body in ["9".repeat(digits), "1".to_owned() + &"0".repeat(digits - 1)] {
                for k in [1, digits / 2, digits - 1] {
                    texts.push(body.clone().into_bytes());
                    texts.push(format!("-{body}").into_bytes());
                    texts.push(format!("{}.{}", &body[..k], &body[k..]).into_bytes());
                    texts.push(format!("-{}.{}", &body[..k], &body[k..]).into_bytes());
                }
            }
        }
        for text in &texts {
            let text = std::str::from_utf8(text).unwrap();
            let full = Decimal::read(text);
            match Decimal::short(text.as_bytes()) {
                Some(d) => assert_eq!(Ok(d), full, "{text:?}"),
                // the short reading declines only what is invalid or has more than 19 digits
                None => assert!(full.is_err() || text.bytes().filter(u8::is_ascii_digit).count() > 19, "{text:?}"),
            }
            assert_eq!(text.parse::<Decimal>(), full, "{text:?}");
        }
    }

    #[test]
    fn conversion_to_f64_is_correctly_rounded() {
        for text in
            ["0.1", "1.1", "13.54", "-26.8", "172100", "9007199254740993", "1e-30", "123456789.123456789", "0.000001"]
        {
            let d: Decimal = match text.parse() {
                Ok(d) => d,
                Err(_) => Decimal::new(1, -30),
            };
            let expected: f64 = format!("{}e{}", d.mantissa(), d.exponent()).parse().unwrap();
            assert_eq!(d.to_f64(), expected, "{text}");
        }
    }

    #[test]
    fn scaling_is_exact() {
        let a: Decimal = "1.1".parse().unwrap();
        let b: Decimal = "11000".parse().unwrap();
        assert_eq!(a.scaled(1, 8), b.scaled(1, 4));
        assert_eq!(a.scaled(1, 8).unwrap().to_f64(), 110_000_000.0);
    }

    #[test]
    fn orders_numerically() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert!(d("-3") < d("2.5"));
        assert!(d("2.5") < d("2.51"));
        assert_eq!(d("2.50").cmp(&d("2.5")), std::cmp::Ordering::Equal);
    }
}
