//! `numeric` and `money` in Debezium's three `decimal.handling.mode`s: `precise` (Connect
//! `Decimal`: the unscaled value as big-endian two's complement, base64 in JSON; and
//! `VariableScaleDecimal` `{scale, value}` for unconstrained numerics), `string` (Java's
//! `BigDecimal.toPlainString`) and `double`.

use serde_json::{json, Map, Value};

use super::{unreadable, ConvertError};
use crate::cdc::json::base64;
use crate::cdc::types::DecimalHandling;

/// A decimal number: sign, the unscaled digits (no leading zeros; "0" for zero) and the
/// scale (digits after the point).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    negative: bool,
    digits: String,
    scale: u32,
}

impl Decimal {
    pub fn zero(scale: u32) -> Decimal {
        Decimal {
            negative: false,
            digits: "0".into(),
            scale,
        }
    }

    /// Read `-12.50`, `100`, `1.5E+3` (plain or with an exponent).
    pub fn parse(text: &str) -> Result<Decimal, ConvertError> {
        let bad = || unreadable("a decimal number", text);
        let (negative, rest) = match text.as_bytes().first() {
            Some(b'-') => (true, &text[1..]),
            Some(b'+') => (false, &text[1..]),
            _ => (false, text),
        };
        let (mantissa, exp) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], rest[i + 1..].parse::<i64>().map_err(|_| bad())?),
            None => (rest, 0),
        };
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        if int.is_empty() && frac.is_empty()
            || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let mut digits = format!("{int}{frac}");
        let mut scale = frac.len() as i64 - exp;
        if scale < 0 {
            digits.extend(std::iter::repeat_n('0', (-scale) as usize));
            scale = 0;
        }
        let digits = digits.trim_start_matches('0');
        Ok(Decimal {
            negative: negative && !digits.is_empty(),
            digits: if digits.is_empty() {
                "0".into()
            } else {
                digits.into()
            },
            scale: scale as u32,
        })
    }

    fn is_zero(&self) -> bool {
        self.digits == "0"
    }

    /// The same number at `scale`, rounding half up when digits are dropped (Java's
    /// `setScale(scale, HALF_UP)`).
    pub fn rescaled(&self, scale: u32) -> Decimal {
        if scale >= self.scale {
            let mut digits = self.digits.clone();
            if !self.is_zero() {
                digits.extend(std::iter::repeat_n('0', (scale - self.scale) as usize));
            }
            return Decimal {
                digits,
                scale,
                ..self.clone()
            };
        }
        let drop = (self.scale - scale) as usize;
        let keep = self.digits.len().saturating_sub(drop);
        let (head, tail) = self.digits.split_at(keep);
        let mut digits = if head.is_empty() {
            "0".to_string()
        } else {
            head.to_string()
        };
        if tail.as_bytes().first().is_some_and(|&b| b >= b'5') {
            digits = add_one(&digits);
        }
        let digits = digits.trim_start_matches('0');
        Decimal {
            negative: self.negative && !digits.is_empty(),
            digits: if digits.is_empty() {
                "0".into()
            } else {
                digits.into()
            },
            scale,
        }
    }

    /// Java's `stripTrailingZeros()`, with a negative scale set back to 0 (Debezium's
    /// `VariableScaleDecimal`).
    fn stripped(&self) -> Decimal {
        if self.is_zero() {
            return Decimal::zero(0);
        }
        let zeros = self.digits.len() - self.digits.trim_end_matches('0').len();
        let cut = zeros.min(self.scale as usize);
        Decimal {
            negative: self.negative,
            digits: self.digits[..self.digits.len() - cut].to_string(),
            scale: self.scale - cut as u32,
        }
    }

    /// The unscaled value as Java's `BigInteger.toByteArray()`: big-endian two's
    /// complement, as few bytes as hold the sign.
    pub fn unscaled_bytes(&self) -> Vec<u8> {
        // Magnitude, big-endian base 256, by repeated multiply-and-add.
        let mut mag: Vec<u8> = Vec::with_capacity(self.digits.len() / 2 + 1);
        for d in self.digits.bytes() {
            let mut carry = u32::from(d - b'0');
            for b in mag.iter_mut().rev() {
                let v = u32::from(*b) * 10 + carry;
                *b = v as u8;
                carry = v >> 8;
            }
            while carry > 0 {
                mag.insert(0, carry as u8);
                carry >>= 8;
            }
        }
        while mag.len() > 1 && mag[0] == 0 {
            mag.remove(0);
        }
        if mag.is_empty() {
            return vec![0];
        }
        if !self.negative {
            if mag[0] & 0x80 != 0 {
                mag.insert(0, 0);
            }
            return mag;
        }
        // Two's complement: invert and add one.
        let mut carry = 1u16;
        for b in mag.iter_mut().rev() {
            let v = u16::from(!*b) + carry;
            *b = v as u8;
            carry = v >> 8;
        }
        if mag[0] & 0x80 == 0 {
            mag.insert(0, 0xFF);
        }
        while mag.len() > 1 && mag[0] == 0xFF && mag[1] & 0x80 != 0 {
            mag.remove(0);
        }
        mag
    }

    /// `BigDecimal.toPlainString()`.
    pub fn plain(&self) -> String {
        let sign = if self.negative { "-" } else { "" };
        if self.scale == 0 {
            return format!("{sign}{}", self.digits);
        }
        let scale = self.scale as usize;
        let padded = if self.digits.len() <= scale {
            format!(
                "{}{}",
                "0".repeat(scale + 1 - self.digits.len()),
                self.digits
            )
        } else {
            self.digits.clone()
        };
        let (int, frac) = padded.split_at(padded.len() - scale);
        format!("{sign}{int}.{frac}")
    }

    fn to_f64(&self) -> f64 {
        self.plain().parse().unwrap_or(0.0)
    }

    /// The value of a column with a fixed scale, in `mode`.
    pub fn to_json(&self, mode: DecimalHandling) -> Value {
        match mode {
            DecimalHandling::Precise => json!(base64(&self.unscaled_bytes())),
            DecimalHandling::String => json!(self.plain()),
            DecimalHandling::Double => json!(self.to_f64()),
        }
    }

    /// The value of an unconstrained numeric column, in `mode`.
    pub fn to_json_variable(&self, mode: DecimalHandling) -> Value {
        match mode {
            DecimalHandling::Precise => {
                let s = self.stripped();
                let mut m = Map::new();
                m.insert("scale".into(), json!(s.scale));
                m.insert("value".into(), json!(base64(&s.unscaled_bytes())));
                Value::Object(m)
            }
            _ => self.to_json(mode),
        }
    }
}

fn add_one(digits: &str) -> String {
    let mut b = digits.as_bytes().to_vec();
    for d in b.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return String::from_utf8(b).unwrap_or_default();
        }
    }
    format!("1{}", String::from_utf8(b).unwrap_or_default())
}

/// A numeric column's value; `scale` is the column's (None: unconstrained).
pub fn numeric(
    text: &str,
    scale: Option<u32>,
    mode: DecimalHandling,
) -> Result<Value, ConvertError> {
    let special = match text {
        "NaN" => Some(("NAN", "NaN")),
        "Infinity" => Some(("POSITIVE_INFINITY", "Infinity")),
        "-Infinity" => Some(("NEGATIVE_INFINITY", "-Infinity")),
        _ => None,
    };
    if let Some((as_string, as_double)) = special {
        return match mode {
            DecimalHandling::Precise => Err(ConvertError::SpecialDecimal(text.to_string())),
            DecimalHandling::String => Ok(json!(as_string)),
            DecimalHandling::Double => Ok(json!(as_double)),
        };
    }
    let d = Decimal::parse(text)?;
    Ok(match scale {
        Some(s) => d.rescaled(s).to_json(mode),
        None => d.to_json_variable(mode),
    })
}

/// A money value as PostgreSQL prints it with `lc_monetary=C` (`$1,234.11`,
/// `-$1,234.11`), read as Debezium's `PostgresMoney` does, scale 2.
pub fn money(text: &str, mode: DecimalHandling) -> Result<Value, ConvertError> {
    let mut s = text.trim();
    let negative = s.starts_with('(') || s.starts_with('-');
    s = s.trim_start_matches(['(', '-']).trim_end_matches(')');
    if let Some(first) = s.chars().next() {
        if !first.is_ascii_digit() && first != '.' {
            s = &s[first.len_utf8()..];
        }
    }
    let cleaned: String = s.chars().filter(|c| *c != ',').collect();
    let mut d = Decimal::parse(&cleaned).map_err(|_| unreadable("money", text))?;
    d.negative = negative && !d.is_zero();
    let d = d.rescaled(2);
    Ok(match mode {
        // Debezium's string mode prints the parsed value (scale as PostgreSQL printed it).
        DecimalHandling::String => json!(d.plain()),
        _ => d.to_json(mode),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(n: &str) -> String {
        base64(&Decimal::parse(n).unwrap().unscaled_bytes())
    }

    #[test]
    fn unscaled_bytes_like_big_integer() {
        // From debezium-pg-types.md §3.3 (BigInteger.toByteArray).
        assert_eq!(b64("110"), "bg==");
        assert_eq!(b64("330"), "AUo=");
        assert_eq!(b64("222200"), "A2P4");
        assert_eq!(b64("10"), "Cg==");
        assert_eq!(b64("220000"), "A1tg");
        assert_eq!(b64("-150"), "/2o=");
        assert_eq!(b64("0"), "AA==");
        assert_eq!(b64("1250"), "BOI=");
        assert_eq!(b64("123411"), "AeIT");
        assert_eq!(b64("-123411"), "/h3t");
        assert_eq!(b64("-9223372036854775808"), "gAAAAAAAAAA=");
        let bytes = |n: &str| Decimal::parse(n).unwrap().unscaled_bytes();
        assert_eq!(bytes("222"), vec![0x00, 0xDE]);
        assert_eq!(bytes("-128"), vec![0x80]);
        assert_eq!(bytes("-129"), vec![0xFF, 0x7F]);
        assert_eq!(bytes("-256"), vec![0xFF, 0x00]);
        assert_eq!(bytes("-1"), vec![0xFF]);
        assert_eq!(bytes("255"), vec![0x00, 0xFF]);
        assert_eq!(bytes("256"), vec![0x01, 0x00]);
    }

    #[test]
    fn variable_scale_and_rescaling() {
        let v = |t: &str| {
            Decimal::parse(t)
                .unwrap()
                .to_json_variable(DecimalHandling::Precise)
        };
        assert_eq!(v("10"), json!({"scale": 0, "value": "Cg=="}));
        assert_eq!(v("22"), json!({"scale": 0, "value": "Fg=="}));
        assert_eq!(v("100.00"), json!({"scale": 0, "value": "ZA=="}));
        assert_eq!(v("1.50"), json!({"scale": 1, "value": "Dw=="}));
        assert_eq!(v("0.00"), json!({"scale": 0, "value": "AA=="}));
        let d = Decimal::parse("1").unwrap().rescaled(2);
        assert_eq!(d.plain(), "1.00");
        assert_eq!(Decimal::parse("10.11").unwrap().rescaled(0).plain(), "10");
        assert_eq!(Decimal::parse("0.005").unwrap().rescaled(2).plain(), "0.01");
        assert_eq!(
            Decimal::parse("-0.004").unwrap().rescaled(2).plain(),
            "0.00"
        );
        assert_eq!(Decimal::parse("0.0123").unwrap().plain(), "0.0123");
        assert_eq!(Decimal::parse("1.5E+3").unwrap().plain(), "1500");
        assert_eq!(Decimal::parse("9.99").unwrap().rescaled(1).plain(), "10.0");
    }
}
