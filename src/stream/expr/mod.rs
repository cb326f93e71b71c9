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

use std::fmt;

use rust_decimal::Decimal;

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

/// A parse error: what is wrong and at which character of the expression (0-based).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ExprError {
    pub offset: usize,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(String),
    Number(String),
    Str(String),
    Op(CmpOp),
    And,
    Or,
    Not,
    LParen,
    RParen,
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, ExprError> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let err = |offset: usize, message: String| ExprError { offset, message };
    while i < chars.len() {
        let (at, c) = chars[i];
        let next = chars.get(i + 1).map(|x| x.1);
        match c {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push((at, Tok::LParen));
                i += 1;
            }
            ')' => {
                out.push((at, Tok::RParen));
                i += 1;
            }
            '=' => {
                out.push((at, Tok::Op(CmpOp::Eq)));
                i += if next == Some('=') { 2 } else { 1 };
            }
            '!' if next == Some('=') => {
                out.push((at, Tok::Op(CmpOp::Ne)));
                i += 2;
            }
            '!' => {
                out.push((at, Tok::Not));
                i += 1;
            }
            '<' if next == Some('>') => {
                out.push((at, Tok::Op(CmpOp::Ne)));
                i += 2;
            }
            '<' if next == Some('=') => {
                out.push((at, Tok::Op(CmpOp::Le)));
                i += 2;
            }
            '<' => {
                out.push((at, Tok::Op(CmpOp::Lt)));
                i += 1;
            }
            '>' if next == Some('=') => {
                out.push((at, Tok::Op(CmpOp::Ge)));
                i += 2;
            }
            '>' => {
                out.push((at, Tok::Op(CmpOp::Gt)));
                i += 1;
            }
            '&' if next == Some('&') => {
                out.push((at, Tok::And));
                i += 2;
            }
            '|' if next == Some('|') => {
                out.push((at, Tok::Or));
                i += 2;
            }
            '\'' | '"' => {
                let quote = c;
                let mut s = String::new();
                let mut j = i + 1;
                loop {
                    match chars.get(j) {
                        None => {
                            return Err(err(
                                at,
                                format!("the string starting here has no closing {quote}"),
                            ))
                        }
                        Some(&(_, ch)) if ch == quote => {
                            if chars.get(j + 1).map(|x| x.1) == Some(quote) {
                                s.push(quote);
                                j += 2;
                            } else {
                                j += 1;
                                break;
                            }
                        }
                        Some(&(_, ch)) => {
                            s.push(ch);
                            j += 1;
                        }
                    }
                }
                out.push((at, Tok::Str(s)));
                i = j;
            }
            c if c.is_ascii_digit()
                || (c == '-' && next.is_some_and(|n| n.is_ascii_digit())) =>
            {
                let mut j = i + 1;
                while j < chars.len() && (chars[j].1.is_ascii_digit() || chars[j].1 == '.') {
                    j += 1;
                }
                if j < chars.len() && (chars[j].1.is_ascii_alphabetic() || chars[j].1 == '_') {
                    return Err(err(
                        at,
                        "a name cannot start with a digit (numbers are written 12 or -3.5)".into(),
                    ));
                }
                let end = chars.get(j).map(|x| x.0).unwrap_or(src.len());
                out.push((at, Tok::Number(src[at..end].to_string())));
                i = j;
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut j = i + 1;
                while j < chars.len()
                    && (chars[j].1.is_ascii_alphanumeric() || chars[j].1 == '_' || chars[j].1 == '.')
                {
                    j += 1;
                }
                let end = chars.get(j).map(|x| x.0).unwrap_or(src.len());
                let word = &src[at..end];
                let tok = match word.to_ascii_lowercase().as_str() {
                    "and" => Tok::And,
                    "or" => Tok::Or,
                    "not" => Tok::Not,
                    _ => Tok::Name(word.to_string()),
                };
                out.push((at, tok));
                i = j;
            }
            other => {
                return Err(err(
                    at,
                    format!("unexpected character `{other}` (operators: = != < <= > >=, and, or, not, parentheses)"),
                ))
            }
        }
    }
    Ok(out)
}

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

fn describe(t: &Tok) -> String {
    match t {
        Tok::Name(n) => format!("`{n}`"),
        Tok::Number(n) => format!("number {n}"),
        Tok::Str(s) => format!("string '{s}'"),
        Tok::Op(o) => format!("`{}`", o.sql()),
        Tok::And => "`and`".into(),
        Tok::Or => "`or`".into(),
        Tok::Not => "`not`".into(),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;
    use std::collections::BTreeMap;

    fn p(s: &str) -> Result<Expr, ExprError> {
        parse(s, &|f| f.dotted() == "n.declared")
    }

    fn eval(e: &Expr, row: &BTreeMap<&str, &str>) -> Option<bool> {
        e.eval(
            &|f| {
                row.get(f.dotted().as_str())
                    .map(|v| Cow::Owned(v.to_string()))
            },
            &|f| row.get(f.dotted().as_str()).and_then(|v| v.parse().ok()),
        )
    }

    #[test]
    fn precedence_and_or_not() {
        let e = p("a = 1 or b = 2 and not c = 3").unwrap();
        match e {
            Expr::Or(_, r) => assert!(matches!(*r, Expr::And(_, _))),
            other => panic!("{other:?}"),
        }
        let e = p("(a = 1 or b = 2) and c = 'x'").unwrap();
        assert!(matches!(e, Expr::And(_, _)));
        assert!(p("NOT (a > 1) AND b != null || c <> 'q'").is_ok());
    }

    #[test]
    fn comparisons_are_typed() {
        match p("payload.amount > 0").unwrap() {
            Expr::Compare { kind, op, .. } => {
                assert_eq!(kind, CmpKind::Numeric);
                assert_eq!(op, CmpOp::Gt);
            }
            other => panic!("{other:?}"),
        }
        // The field moves to the left, the operator flips.
        match p("0 < payload.amount").unwrap() {
            Expr::Compare { left, op, .. } => {
                assert_eq!(
                    left,
                    Operand::Field(FieldPath::parse("payload.amount").unwrap())
                );
                assert_eq!(op, CmpOp::Gt);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            p("a.b = 'x'").unwrap(),
            Expr::Compare {
                kind: CmpKind::Text,
                ..
            }
        ));
        assert!(matches!(
            p("a = b").unwrap(),
            Expr::Compare {
                kind: CmpKind::Text,
                ..
            }
        ));
        assert!(matches!(
            p("a = n.declared").unwrap(),
            Expr::Compare {
                kind: CmpKind::Numeric,
                ..
            }
        ));
        assert!(matches!(
            p("a = null").unwrap(),
            Expr::IsNull { negated: false, .. }
        ));
        assert!(matches!(
            p("null != a").unwrap(),
            Expr::IsNull { negated: true, .. }
        ));
    }

    #[test]
    fn errors_say_where() {
        let e = p("a = 1 and").unwrap_err();
        assert_eq!(e.offset, 9);
        let e = p("a = 'open").unwrap_err();
        assert_eq!(e.offset, 4);
        assert!(e.message.contains("closing"), "{e}");
        let e = p("(a = 1").unwrap_err();
        assert_eq!(e.offset, 0);
        let e = p("a > 'x' and b > 1 c").unwrap_err();
        assert_eq!(e.offset, 18);
        assert!(p("a").unwrap_err().message.contains("compares two things"));
        assert!(p("a = 1 = 2").is_err());
        assert!(p("a < null").is_err());
        assert!(p("1 = 'x'").is_err());
        assert!(p("a # 1").is_err());
        assert!(p("").is_err());
        assert!(p("a.1b = 2").is_err());
        assert!(p("a = 1.2.3").is_err());
        assert!(p("a = 99999999999999999999999999999999").is_err());
        assert!(p("a > true").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let deep = "(".repeat(10_000) + "a = 1" + &")".repeat(10_000);
        assert!(p(&deep).is_err());
        let nots = "not ".repeat(10_000) + "a = 1";
        assert!(p(&nots).is_err());
    }

    #[test]
    fn garbage_never_panics() {
        // A cheap deterministic fuzz: every prefix and every byte-rotation of some inputs.
        let seeds = [
            "payload.amount > 0 and (payload.region = 'us-east' or not meta.x != null)",
            "a<>b||!c<=-1.5&&d>='it''s'",
            "\"q\" = x == y (( ) ) ! & | é ü 1e5",
        ];
        for s in seeds {
            for (i, _) in s.char_indices() {
                let _ = p(&s[..i]);
                let _ = p(&s[i..]);
                let rotated = format!("{}{}", &s[i..], &s[..i]);
                let _ = p(&rotated);
            }
        }
    }

    #[test]
    fn three_valued_logic_like_sql() {
        let row: BTreeMap<&str, &str> =
            [("amount", "12.50"), ("region", "us-east"), ("bad", "abc")]
                .into_iter()
                .collect();
        let t = |s: &str| eval(&p(s).unwrap(), &row);
        assert_eq!(t("amount > 0"), Some(true));
        assert_eq!(t("amount >= 12.5"), Some(true));
        assert_eq!(t("amount < -1"), Some(false));
        assert_eq!(t("region = 'us-east'"), Some(true));
        assert_eq!(t("region > 'us'"), Some(true));
        assert_eq!(t("missing = 'x'"), None);
        assert_eq!(t("not missing = 'x'"), None);
        assert_eq!(t("missing = 'x' or region = 'us-east'"), Some(true));
        assert_eq!(t("missing = 'x' and region = 'us-east'"), None);
        assert_eq!(t("missing = 'x' and region = 'eu'"), Some(false));
        assert_eq!(t("bad > 0"), None);
        assert_eq!(t("missing = null"), Some(true));
        assert_eq!(t("region != null"), Some(true));
    }
}
