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
        let t = text.trim();
        let d = Decimal::from_str_exact(t)
            .or_else(|_| Decimal::from_scientific(t))
            .ok()?;
        self.fit(d)
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
