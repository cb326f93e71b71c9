//! Evaluating a parsed filter against an event, with SQL's three-valued logic.

use rust_decimal::Decimal;

use super::{CmpKind, Expr, FieldPath, Operand};

impl Expr {
    /// Three-valued evaluation: `None` is SQL's unknown. `text` gives a field as text
    /// (`None` when missing or null), `number` as a decimal (`None` also when it is not one).
    pub fn eval<'s, 'v: 's>(
        &'s self,
        text: &dyn Fn(&FieldPath) -> Option<std::borrow::Cow<'v, str>>,
        number: &dyn Fn(&FieldPath) -> Option<Decimal>,
    ) -> Option<bool> {
        match self {
            Expr::And(a, b) => match (a.eval(text, number), b.eval(text, number)) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (Some(true), Some(true)) => Some(true),
                _ => None,
            },
            Expr::Or(a, b) => match (a.eval(text, number), b.eval(text, number)) {
                (Some(true), _) | (_, Some(true)) => Some(true),
                (Some(false), Some(false)) => Some(false),
                _ => None,
            },
            Expr::Not(a) => a.eval(text, number).map(|b| !b),
            Expr::IsNull { field, negated } => Some(text(field).is_none() != *negated),
            Expr::Compare {
                left,
                op,
                right,
                kind,
            } => match kind {
                CmpKind::Numeric => {
                    let num = |o: &Operand| match o {
                        Operand::Field(f) => number(f),
                        Operand::Number(d) => Some(*d),
                        _ => None,
                    };
                    Some(op.holds(num(left)?.cmp(&num(right)?)))
                }
                CmpKind::Text => {
                    let txt = |o: &'s Operand| -> Option<std::borrow::Cow<'s, str>> {
                        match o {
                            Operand::Field(f) => text(f),
                            Operand::Str(s) => Some(std::borrow::Cow::Borrowed(s.as_str())),
                            Operand::Bool(b) => Some(std::borrow::Cow::Borrowed(if *b {
                                "true"
                            } else {
                                "false"
                            })),
                            _ => None,
                        }
                    };
                    let (l, r) = (txt(left)?, txt(right)?);
                    Some(op.holds(l.as_bytes().cmp(r.as_bytes())))
                }
            },
        }
    }
}
