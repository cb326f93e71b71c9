//! Exact decimals for stream jobs. The seed's `amount` is a decimal string; sums, averages,
//! minimums and maximums never go through a float. Values are read like Flink's
//! `TRY_CAST(x AS DECIMAL(p, s))`: rounded half-up to the scale, NULL when the text is not
//! a number or needs more than `p - s` integer digits, so the built-in engine and the SQL
//! that `stream plan` prints agree to the last digit.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

/// The most digits the built-in engine holds exactly (rust_decimal's 96-bit mantissa).
pub const MAX_PRECISION: u32 = 28;

/// `DECIMAL(precision, scale)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct DecimalType {
    pub precision: u32,
    pub scale: u32,
}

/// What a number in a job means when the job does not say: the seed's money column.
pub const DEFAULT_TYPE: DecimalType = DecimalType {
    precision: 28,
    scale: 2,
};

impl fmt::Display for DecimalType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DECIMAL({}, {})", self.precision, self.scale)
    }
}

impl DecimalType {
    /// Parse `decimal(p, s)` (case and spaces free).
    pub fn parse(text: &str) -> Result<DecimalType, String> {
        let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        let lower = t.to_ascii_lowercase();
        let inner = lower
            .strip_prefix("decimal(")
            .and_then(|r| r.strip_suffix(')'))
            .ok_or_else(|| format!("`{text}` is not a type: write decimal(P, S) or string"))?;
        let (p, s) = inner
            .split_once(',')
            .ok_or_else(|| format!("`{text}`: write decimal(P, S), e.g. decimal(10, 2)"))?;
        let precision: u32 = p
            .parse()
            .map_err(|_| format!("`{text}`: the precision `{p}` is not a whole number"))?;
        let scale: u32 = s
            .parse()
            .map_err(|_| format!("`{text}`: the scale `{s}` is not a whole number"))?;
        if precision == 0 || precision > MAX_PRECISION {
            return Err(format!(
                "`{text}`: the precision must be 1 to {MAX_PRECISION} (the digits held exactly)"
            ));
        }
        if scale > precision {
            return Err(format!("`{text}`: the scale cannot exceed the precision"));
        }
        Ok(DecimalType { precision, scale })
    }

    /// `TRY_CAST(text AS DECIMAL(p, s))`.
    pub fn cast(&self, text: &str) -> Option<Decimal> {
        if let Some(fast) = self.cast_plain(text.as_bytes()) {
            return fast;
        }
        let t = text.trim();
        let d = Decimal::from_str_exact(t)
            .or_else(|_| Decimal::from_scientific(t))
            .ok()?;
        self.fit(d)
    }

    /// The common text, `-?DIGITS[.DIGITS]` with no more fraction digits than the scale and
    /// at most 18 digits in all, read without rust_decimal's general parser: `Some(result)`,
    /// the same as the general path gives; `None` when the text is not of that form (the
    /// general path decides). A negative zero is left to the general path too.
    fn cast_plain(&self, b: &[u8]) -> Option<Option<Decimal>> {
        let (negative, digits) = match b.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, b),
        };
        let (int, frac) = match digits.iter().position(|&c| c == b'.') {
            Some(dot) => (&digits[..dot], &digits[dot + 1..]),
            None => (digits, &digits[..0]),
        };
        let plain = |part: &[u8]| part.iter().all(u8::is_ascii_digit);
        let has_dot = int.len() != digits.len();
        if int.is_empty()
            || (has_dot && frac.is_empty())
            || frac.len() > self.scale as usize
            || int.len() + frac.len() > 18
            || !plain(int)
            || !plain(frac)
        {
            return None;
        }
        let value = |part: &[u8]| {
            part.iter()
                .fold(0i128, |n, &c| n * 10 + i128::from(c - b'0'))
        };
        let int_digits = int.iter().skip_while(|&&c| c == b'0').count();
        if int_digits > (self.precision - self.scale) as usize {
            return Some(None);
        }
        let mantissa = value(int) * 10i128.pow(self.scale)
            + value(frac) * 10i128.pow(self.scale - frac.len() as u32);
        if negative && mantissa == 0 {
            return None;
        }
        let signed = if negative { -mantissa } else { mantissa };
        Some(Decimal::try_from_i128_with_scale(signed, self.scale).ok())
    }

    /// Round half-up to the scale; `None` when the integer part does not fit.
    pub fn fit(&self, d: Decimal) -> Option<Decimal> {
        let mut r = d.round_dp_with_strategy(self.scale, RoundingStrategy::MidpointAwayFromZero);
        r.rescale(self.scale);
        if r.scale() != self.scale {
            return None;
        }
        let limit_digits = self.precision - self.scale;
        let int_part = r.trunc().abs();
        if int_part >= pow10(limit_digits)? {
            return None;
        }
        Some(r)
    }

    /// The type of `SUM` over this type (Flink: `DECIMAL(38, s)`).
    pub fn sum_type(&self) -> DecimalType {
        DecimalType {
            precision: 38,
            scale: self.scale,
        }
    }

    /// The type of `AVG` over this type (Flink: `DECIMAL(38, max(6, s))`).
    pub fn avg_type(&self) -> DecimalType {
        DecimalType {
            precision: 38,
            scale: self.scale.max(6),
        }
    }
}

fn pow10(n: u32) -> Option<Decimal> {
    let mut v = Decimal::ONE;
    for _ in 0..n {
        v = v.checked_mul(Decimal::TEN)?;
    }
    Some(v)
}

/// `sum / count`, rounded half-up to `scale`, computed exactly on the integers
/// (no intermediate rounding at 28 digits).
pub fn average(sum: Decimal, count: u64, scale: u32) -> Option<Decimal> {
    if count == 0 {
        return None;
    }
    let m = sum.mantissa(); // sum = m / 10^s
    let s = sum.scale();
    // avg * 10^scale = m * 10^(scale - s) / count
    let (num, den) = if scale >= s {
        (
            m.checked_mul(10i128.checked_pow(scale - s)?)?,
            count as i128,
        )
    } else {
        (
            m,
            (count as i128).checked_mul(10i128.checked_pow(s - scale)?)?,
        )
    };
    let q = num / den;
    let r = num % den;
    // Half-up (away from zero): |r| * 2 >= den.
    let q = if r.abs().checked_mul(2)? >= den {
        q + num.signum()
    } else {
        q
    };
    Decimal::try_from_i128_with_scale(q, scale).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn casts_like_flink_try_cast() {
        let t = DecimalType::parse("decimal(10, 2)").unwrap();
        assert_eq!(t.cast("1250.00").unwrap().to_string(), "1250.00");
        assert_eq!(t.cast("1.005").unwrap().to_string(), "1.01");
        assert_eq!(t.cast("-1.005").unwrap().to_string(), "-1.01");
        assert_eq!(t.cast("1.004").unwrap().to_string(), "1.00");
        assert_eq!(t.cast("7").unwrap().to_string(), "7.00");
        assert_eq!(t.cast("1e2").unwrap().to_string(), "100.00");
        assert_eq!(t.cast("abc"), None);
        assert_eq!(t.cast(""), None);
        assert_eq!(t.cast("99999999.99").unwrap().to_string(), "99999999.99");
        assert_eq!(t.cast("100000000"), None);
        assert_eq!(t.cast("99999999.995"), None);
    }

    /// The general path: what `cast` gives for any text.
    fn cast_general(t: &DecimalType, text: &str) -> Option<Decimal> {
        let x = text.trim();
        let d = Decimal::from_str_exact(x)
            .or_else(|_| Decimal::from_scientific(x))
            .ok()?;
        t.fit(d)
    }

    #[test]
    fn the_plain_form_reads_as_the_general_path_does() {
        let texts = [
            "0",
            "00",
            "7",
            "-7",
            "1.5",
            "1.50",
            "1.505",
            "-0.01",
            "-0.00",
            "-0",
            "0.00",
            "007.10",
            "99999999.99",
            "100000000",
            "100000000.00",
            "0099999999.99",
            "1.",
            ".5",
            "-",
            "",
            "--1",
            "1-",
            "1.2.3",
            "+1",
            " 1",
            "1 ",
            "1e2",
            "1_0",
            "١",
            "999999999999999999",
            "9999999999999999999",
            "123456789012345678.9",
            "12345678901234567.8",
            "-99999999.99",
        ];
        let types = [(10, 2), (28, 2), (28, 0), (5, 5), (18, 9), (1, 0), (28, 28)];
        let mut seed = 24u64;
        let mut random = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut generated = Vec::new();
        for _ in 0..20_000 {
            let mut s = String::new();
            if random() % 4 == 0 {
                s.push('-');
            }
            for _ in 0..random() % 14 {
                s.push(char::from(b'0' + (random() % 10) as u8));
            }
            if random() % 3 != 0 {
                s.push('.');
                for _ in 0..random() % 12 {
                    s.push(char::from(b'0' + (random() % 10) as u8));
                }
            }
            generated.push(s);
        }
        for (p, s) in types {
            let t = DecimalType {
                precision: p,
                scale: s,
            };
            for text in texts
                .iter()
                .copied()
                .chain(generated.iter().map(String::as_str))
            {
                let got = t.cast(text);
                let want = cast_general(&t, text);
                assert_eq!(got, want, "{text} as {t}");
                assert_eq!(
                    got.map(|d| d.to_string()),
                    want.map(|d| d.to_string()),
                    "{text} as {t}"
                );
            }
        }
        // The seed's amounts take the plain path.
        let money = DecimalType::parse("decimal(10, 2)").unwrap();
        assert_eq!(money.cast_plain(b"97774.05"), Some(Some(d("97774.05"))));
        assert_eq!(money.cast_plain(b"-3.5"), Some(Some(d("-3.50"))));
    }

    #[test]
    fn types_parse_and_refuse() {
        assert_eq!(
            DecimalType::parse("DECIMAL( 28 ,0 )").unwrap(),
            DecimalType {
                precision: 28,
                scale: 0
            }
        );
        assert!(DecimalType::parse("decimal(38, 2)").is_err());
        assert!(DecimalType::parse("decimal(2, 3)").is_err());
        assert!(DecimalType::parse("numeric").is_err());
        assert!(DecimalType::parse("decimal(a, 2)").is_err());
    }

    #[test]
    fn averages_are_exact_and_round_half_up() {
        assert_eq!(average(d("10.00"), 3, 6).unwrap().to_string(), "3.333333");
        assert_eq!(average(d("20.00"), 3, 6).unwrap().to_string(), "6.666667");
        assert_eq!(average(d("-20.00"), 3, 6).unwrap().to_string(), "-6.666667");
        assert_eq!(average(d("1.00"), 8, 6).unwrap().to_string(), "0.125000");
        assert_eq!(
            average(d("0.000001"), 2, 6).unwrap().to_string(),
            "0.000001"
        );
        assert_eq!(average(d("5"), 2, 0).unwrap().to_string(), "3");
        assert_eq!(
            average(d("12345678.123456789"), 1, 6).unwrap().to_string(),
            "12345678.123457"
        );
        assert_eq!(average(d("1"), 0, 6), None);
    }
}
