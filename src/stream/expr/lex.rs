//! The `where` language's tokens: the lexer, and how a token is named in an error.

use super::{CmpOp, ExprError};

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Tok {
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

pub(super) fn lex(src: &str) -> Result<Vec<(usize, Tok)>, ExprError> {
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

pub(super) fn describe(t: &Tok) -> String {
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
