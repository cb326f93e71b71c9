//! The `where` language of stream jobs: a small boolean filter over event fields, with the
//! same meaning in the built-in engine and in the Flink SQL that `stream plan` prints.
//!
//! ```text
//! expr     := and ("or" and)*
//! and      := unary ("and" unary)*
//! unary    := "not" unary | "(" expr ")" | compare
//! compare  := operand op operand          op: = == != <> < <= > >=
//! operand  := path | number | string | null | true | false
//! path     := name ("." name)*            name: [A-Za-z_][A-Za-z0-9_]*
//! number   := -?[0-9]+(.[0-9]+)?          exact decimal, at most 28 digits
//! string   := '...' or "..." (the quote doubled inside: 'it''s')
//! ```
//! Keywords (`and or not null true false`) are case-insensitive; `&&`, `||` and `!` are
//! accepted too. Comparisons follow SQL: a comparison with a number compares the field as
//! a decimal (a value that is not a number is NULL), with a string or boolean as text;
//! `= null` / `!= null` test for a missing or null field; anything compared with NULL is
//! unknown, `not unknown` is unknown, and only events where the filter is true pass.
//!
//! The parser returns errors with the offset of the problem; it never panics.
//!
//! Here: the syntax tree and its field paths; `lex.rs` and `parse.rs` read the text,
//! `eval.rs` evaluates a filter.

mod eval;
mod lex;
mod parse;
#[cfg(test)]
mod tests;

use std::fmt;

use rust_decimal::Decimal;

pub use parse::{parse, parse_number};

/// A dotted path into the event, e.g. `payload.amount`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldPath(pub Vec<String>);

impl FieldPath {
    /// Parse `a.b.c`; each name is `[A-Za-z_][A-Za-z0-9_]*`.
    pub fn parse(text: &str) -> Result<FieldPath, String> {
        if text.is_empty() {
            return Err("a field path is empty".into());
        }
        let mut parts = Vec::new();
        for part in text.split('.') {
            if !is_name(part) {
                return Err(format!(
                    "`{text}` is not a field path: each part must be a name of letters, digits and `_`, not starting with a digit (got `{part}`)"
                ));
            }
            parts.push(part.to_string());
        }
        Ok(FieldPath(parts))
    }
    pub fn last(&self) -> &str {
        self.0.last().map(String::as_str).unwrap_or("")
    }
    pub fn dotted(&self) -> String {
        self.0.join(".")
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.dotted())
    }
}

pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Field(FieldPath),
    Number(Decimal),
    Str(String),
    Bool(bool),
    Null,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn sql(self) -> &'static str {
        match self {
            CmpOp::Eq => "=",
            CmpOp::Ne => "<>",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
    pub fn holds(self, ord: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => ord == Equal,
            CmpOp::Ne => ord != Equal,
            CmpOp::Lt => ord == Less,
            CmpOp::Le => ord != Greater,
            CmpOp::Gt => ord == Greater,
            CmpOp::Ge => ord != Less,
        }
    }
    fn flipped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
            other => other,
        }
    }
}

/// How a comparison compares, decided when the filter is parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpKind {
    /// As exact decimals: a field is read as a number (NULL when it is not one).
    Numeric,
    /// As text: a field's string, or the JSON text of other values.
    Text,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
    Compare {
        left: Operand,
        op: CmpOp,
        right: Operand,
        kind: CmpKind,
    },
    /// `field = null` (or `!= null` when `negated`).
    IsNull {
        field: FieldPath,
        negated: bool,
    },
}

impl Expr {
    /// Every field the filter reads, in order of appearance.
    pub fn fields(&self) -> Vec<&FieldPath> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }
    fn collect<'a>(&'a self, out: &mut Vec<&'a FieldPath>) {
        match self {
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.collect(out);
                b.collect(out);
            }
            Expr::Not(a) => a.collect(out),
            Expr::Compare { left, right, .. } => {
                for o in [left, right] {
                    if let Operand::Field(f) = o {
                        out.push(f);
                    }
                }
            }
            Expr::IsNull { field, .. } => out.push(field),
        }
    }
    /// Fields compared as numbers (their decimal type matters).
    pub fn numeric_fields(&self) -> Vec<&FieldPath> {
        let mut out = Vec::new();
        self.collect_numeric(&mut out);
        out
    }
    fn collect_numeric<'a>(&'a self, out: &mut Vec<&'a FieldPath>) {
        match self {
            Expr::And(a, b) | Expr::Or(a, b) => {
                a.collect_numeric(out);
                b.collect_numeric(out);
            }
            Expr::Not(a) => a.collect_numeric(out),
            Expr::Compare {
                left,
                right,
                kind: CmpKind::Numeric,
                ..
            } => {
                for o in [left, right] {
                    if let Operand::Field(f) = o {
                        out.push(f);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A parse error: what is wrong and at which character of the expression (0-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExprError {
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operand::Field(p) => write!(f, "{p}"),
            Operand::Number(d) => write!(f, "{d}"),
            Operand::Str(s) => write!(f, "'{}'", s.replace('\'', "''")),
            Operand::Bool(b) => write!(f, "{b}"),
            Operand::Null => f.write_str("null"),
        }
    }
}
