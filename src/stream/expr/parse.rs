//! The `where` language's parser: tokens to an [`Expr`], each comparison typed (numeric
//! or text) as it is built, and exact decimal literals.

use rust_decimal::Decimal;

use super::lex::{describe, lex, Tok};
use super::{CmpKind, CmpOp, Expr, ExprError, FieldPath, Operand};

struct Parser<'a> {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    end: usize,
    numeric_fields: &'a dyn Fn(&FieldPath) -> bool,
}

/// Parse a filter. `declared_numeric` says whether a field is declared a decimal in the
/// job (field-to-field comparisons are then numeric).
pub fn parse(src: &str, declared_numeric: &dyn Fn(&FieldPath) -> bool) -> Result<Expr, ExprError> {
    let toks = lex(src)?;
    if toks.is_empty() {
        return Err(ExprError {
            offset: 0,
            message: "the filter is empty".into(),
        });
    }
    let mut p = Parser {
        toks,
        pos: 0,
        end: src.len(),
        numeric_fields: declared_numeric,
    };
    let e = p.or(0)?;
    if let Some((at, t)) = p.toks.get(p.pos) {
        return Err(ExprError {
            offset: *at,
            message: format!(
                "unexpected {} after a complete condition (join conditions with and/or)",
                describe(t)
            ),
        });
    }
    Ok(e)
}

/// Nesting deeper than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 64;

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|x| &x.1)
    }
    fn here(&self) -> usize {
        self.toks.get(self.pos).map(|x| x.0).unwrap_or(self.end)
    }
    fn fail<T>(&self, message: impl Into<String>) -> Result<T, ExprError> {
        Err(ExprError {
            offset: self.here(),
            message: message.into(),
        })
    }
    fn or(&mut self, depth: usize) -> Result<Expr, ExprError> {
        let mut left = self.and(depth)?;
        while self.peek() == Some(&Tok::Or) {
            self.pos += 1;
            let right = self.and(depth)?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn and(&mut self, depth: usize) -> Result<Expr, ExprError> {
        let mut left = self.unary(depth)?;
        while self.peek() == Some(&Tok::And) {
            self.pos += 1;
            let right = self.unary(depth)?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }
    fn unary(&mut self, depth: usize) -> Result<Expr, ExprError> {
        if depth > MAX_DEPTH {
            return self.fail(format!("the filter nests deeper than {MAX_DEPTH} levels"));
        }
        match self.peek() {
            Some(Tok::Not) => {
                self.pos += 1;
                Ok(Expr::Not(Box::new(self.unary(depth + 1)?)))
            }
            Some(Tok::LParen) => {
                let open = self.here();
                self.pos += 1;
                let e = self.or(depth + 1)?;
                if self.peek() != Some(&Tok::RParen) {
                    return Err(ExprError {
                        offset: open,
                        message: "this `(` is not closed".into(),
                    });
                }
                self.pos += 1;
                Ok(e)
            }
            _ => self.compare(),
        }
    }
    fn operand(&mut self) -> Result<(usize, Operand), ExprError> {
        let at = self.here();
        let op = match self.peek().cloned() {
            None => {
                return self
                    .fail("the condition ends too early: a field, number or string is missing")
            }
            Some(Tok::Number(n)) => {
                let d = parse_number(&n).map_err(|m| ExprError {
                    offset: at,
                    message: m,
                })?;
                Operand::Number(d)
            }
            Some(Tok::Str(s)) => Operand::Str(s),
            Some(Tok::Name(n)) => match n.to_ascii_lowercase().as_str() {
                "null" => Operand::Null,
                "true" => Operand::Bool(true),
                "false" => Operand::Bool(false),
                _ => Operand::Field(FieldPath::parse(&n).map_err(|m| ExprError {
                    offset: at,
                    message: m,
                })?),
            },
            Some(t) => {
                return self.fail(format!(
                    "expected a field, number or string, found {}",
                    describe(&t)
                ))
            }
        };
        self.pos += 1;
        Ok((at, op))
    }
    fn compare(&mut self) -> Result<Expr, ExprError> {
        let (at, left) = self.operand()?;
        let op = match self.peek() {
            Some(Tok::Op(op)) => *op,
            _ => {
                return Err(ExprError {
                    offset: at,
                    message: "a condition compares two things: write e.g. `payload.amount > 0` or `payload.region = 'us-east'`".into(),
                })
            }
        };
        self.pos += 1;
        let (rat, right) = self.operand()?;
        build_compare(left, op, right, at, rat, self.numeric_fields)
    }
}

fn build_compare(
    left: Operand,
    op: CmpOp,
    right: Operand,
    at: usize,
    rat: usize,
    declared_numeric: &dyn Fn(&FieldPath) -> bool,
) -> Result<Expr, ExprError> {
    use Operand::*;
    let fail = |offset: usize, message: &str| {
        Err(ExprError {
            offset,
            message: message.to_string(),
        })
    };
    match (&left, &right) {
        (Null, Null) => fail(at, "comparing null with null says nothing"),
        (Field(f), Null) | (Null, Field(f)) => match op {
            CmpOp::Eq | CmpOp::Ne => Ok(Expr::IsNull {
                field: f.clone(),
                negated: op == CmpOp::Ne,
            }),
            _ => fail(at, "null can only be tested with = or !="),
        },
        (Null, _) | (_, Null) => fail(at, "only a field can be compared with null"),
        (Number(_), Str(_)) | (Str(_), Number(_)) => {
            fail(rat, "a number cannot be compared with a string")
        }
        (Bool(_), Number(_)) | (Number(_), Bool(_)) => {
            fail(rat, "a number cannot be compared with true/false")
        }
        (Field(_), Field(_)) => {
            let numeric = [&left, &right]
                .iter()
                .any(|o| matches!(o, Field(f) if declared_numeric(f)));
            Ok(Expr::Compare {
                left,
                op,
                right,
                kind: if numeric {
                    CmpKind::Numeric
                } else {
                    CmpKind::Text
                },
            })
        }
        _ => {
            let numeric = matches!(left, Number(_)) || matches!(right, Number(_));
            if (matches!(left, Bool(_)) || matches!(right, Bool(_)))
                && !matches!(op, CmpOp::Eq | CmpOp::Ne)
            {
                return fail(at, "true/false can only be tested with = or !=");
            }
            // Keep the field on the left, as the SQL reads best that way.
            let (left, op, right) = if matches!(left, Field(_)) || !matches!(right, Field(_)) {
                (left, op, right)
            } else {
                (right, op.flipped(), left)
            };
            Ok(Expr::Compare {
                left,
                op,
                right,
                kind: if numeric {
                    CmpKind::Numeric
                } else {
                    CmpKind::Text
                },
            })
        }
    }
}

/// An exact decimal literal: `-?digits(.digits)?`, at most 28 significant digits.
pub fn parse_number(s: &str) -> Result<Decimal, String> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits_ok = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    if !digits_ok(int) || frac.is_some_and(|f| !digits_ok(f)) {
        return Err(format!("`{s}` is not a number (write 12, -3 or 0.25)"));
    }
    Decimal::from_str_exact(s)
        .map_err(|_| format!("`{s}` has more digits than the 28 a decimal holds"))
}
