//! Seed files: CSV (RFC 4180, a header naming `org,amount,region` in any order) or a JSON
//! array of objects, validated whole before anything is written; every problem is
//! reported as `file:line:column: reason`.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::pipeline::PipelineError;

/// The seed file shipped in the repository, built in so the binary works from any directory.
pub const BUILTIN_CSV: &str = include_str!("../../../seed/livedb_seed.csv");
pub const BUILTIN_NAME: &str = "seed/livedb_seed.csv";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeedRow {
    pub org: String,
    /// Exact decimal text, at most 8 integer digits and 2 decimals (`DECIMAL(10, 2)`).
    pub amount: String,
    pub region: String,
}

/// One bad spot in a seed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

const MAX_TEXT: usize = 255;
const MAX_PROBLEMS_SHOWN: usize = 10;

/// The seed rows and where they came from: `file`, else `seed/livedb_seed.csv` under the
/// current directory (run from the repository), else the copy built into the binary.
pub fn lookup(file: Option<&Path>) -> Result<(String, Vec<SeedRow>)> {
    match file {
        Some(p) => Ok((p.display().to_string(), load(p)?)),
        None => {
            let local = Path::new(BUILTIN_NAME);
            if local.is_file() {
                Ok((local.display().to_string(), load(local)?))
            } else {
                Ok((
                    format!("{BUILTIN_NAME} (built in)"),
                    parse_named(BUILTIN_NAME, BUILTIN_CSV, false)?,
                ))
            }
        }
    }
}

/// Read and validate a seed file (`.csv`, or `.json` holding an array of objects).
pub fn load(path: &Path) -> Result<Vec<SeedRow>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::from(crate::pipeline::PipelineError::SeedFile {
            path: path.to_path_buf(),
            source: e,
        })
    })?;
    parse_named(&path.display().to_string(), &text, is_json_path(path))
}

pub fn is_json_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Parse seed text; every problem is reported as `name:line:column: reason`, nothing is
/// returned unless the whole file is valid.
pub fn parse_named(name: &str, text: &str, json: bool) -> Result<Vec<SeedRow>> {
    let parsed = if json {
        parse_json(text)
    } else {
        parse_csv(text)
    };
    match parsed {
        Ok(rows) if rows.is_empty() => Err(PipelineError::NoSeedRows(name.to_string()).into()),
        Ok(rows) => Ok(rows),
        Err(problems) => Err(PipelineError::InvalidSeed {
            name: name.to_string(),
            problems,
        }
        .into()),
    }
}

/// `name: N invalid seed entries; nothing was inserted`, then the first of them, one a
/// line, as `name:line:column: reason`.
pub fn invalid_text(name: &str, problems: &[Problem]) -> String {
    let mut msg = format!(
        "{name}: {} invalid seed {}; nothing was inserted",
        problems.len(),
        plural(problems.len(), "entry", "entries")
    );
    for p in problems.iter().take(MAX_PROBLEMS_SHOWN) {
        msg.push_str(&format!("\n  {name}:{}:{}: {}", p.line, p.column, p.reason));
    }
    if problems.len() > MAX_PROBLEMS_SHOWN {
        msg.push_str(&format!(
            "\n  ... and {} more",
            problems.len() - MAX_PROBLEMS_SHOWN
        ));
    }
    msg
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Check an amount against `DECIMAL(10, 2)`: optional sign, 1-8 digits, optional 1-2 decimals.
pub fn check_amount(raw: &str) -> std::result::Result<String, String> {
    let s = raw.trim();
    let body = s
        .strip_prefix('-')
        .or_else(|| s.strip_prefix('+'))
        .unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if s.is_empty() {
        return Err("amount is empty".into());
    }
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err(format!(
            "amount `{raw}` is not a decimal number (like 1234.50)"
        ));
    }
    if frac.is_some_and(|f| f.len() > 2) {
        return Err(format!(
            "amount `{raw}` has more than 2 decimals (the column is DECIMAL(10, 2))"
        ));
    }
    if int.trim_start_matches('0').len() > 8 {
        return Err(format!("amount `{raw}` is too large (at most 99999999.99)"));
    }
    Ok(if let Some(unsigned) = s.strip_prefix('+') {
        unsigned.to_string()
    } else {
        s.to_string()
    })
}

fn check_text(field: &str, raw: &str) -> std::result::Result<String, String> {
    let v = raw.trim();
    if v.is_empty() {
        return Err(format!("{field} is empty"));
    }
    if v.chars().count() > MAX_TEXT {
        return Err(format!("{field} is longer than {MAX_TEXT} characters"));
    }
    if v.contains('\0') {
        return Err(format!("{field} contains a NUL character"));
    }
    Ok(v.to_string())
}

struct Field {
    text: String,
    line: usize,
    column: usize,
}

/// RFC 4180 records (quotes, doubled quotes, quoted line breaks), with positions.
fn csv_records(text: &str) -> std::result::Result<Vec<Vec<Field>>, Problem> {
    let mut records = Vec::new();
    let mut record: Vec<Field> = Vec::new();
    let mut field = String::new();
    let (mut line, mut col) = (1usize, 1usize);
    let mut start = (1usize, 1usize);
    let mut in_quotes = false;
    let mut quoted_open = (0usize, 0usize);
    let mut at_field_start = true;
    let mut after_quote = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let here = (line, col);
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    col += 1;
                    field.push('"');
                } else {
                    in_quotes = false;
                    after_quote = true;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                quoted_open = here;
                start = here;
                at_field_start = false;
            }
            '"' => return Err(Problem {
                line: here.0,
                column: here.1,
                reason:
                    "a quote inside an unquoted field (quote the whole field and double the quote)"
                        .into(),
            }),
            ',' => {
                record.push(Field {
                    text: std::mem::take(&mut field),
                    line: start.0,
                    column: start.1,
                });
                at_field_start = true;
                after_quote = false;
                start = (line, col);
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if !(record.is_empty() && field.is_empty() && at_field_start) || after_quote {
                    record.push(Field {
                        text: std::mem::take(&mut field),
                        line: start.0,
                        column: start.1,
                    });
                    records.push(std::mem::take(&mut record));
                }
                at_field_start = true;
                after_quote = false;
                start = (line, col);
            }
            _ => {
                if after_quote {
                    return Err(Problem {
                        line: here.0,
                        column: here.1,
                        reason: "text after a closing quote".into(),
                    });
                }
                if at_field_start {
                    start = here;
                    at_field_start = false;
                }
                field.push(c);
            }
        }
    }
    if in_quotes {
        return Err(Problem {
            line: quoted_open.0,
            column: quoted_open.1,
            reason: "unterminated quoted field".into(),
        });
    }
    if !(record.is_empty() && field.is_empty() && at_field_start) || after_quote {
        record.push(Field {
            text: field,
            line: start.0,
            column: start.1,
        });
        records.push(record);
    }
    Ok(records)
}

pub fn parse_csv(text: &str) -> std::result::Result<Vec<SeedRow>, Vec<Problem>> {
    let records =
        csv_records(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|p| vec![p])?;
    let Some((header, body)) = records.split_first() else {
        return Err(vec![Problem {
            line: 1,
            column: 1,
            reason: "empty file: expected a header line `org,amount,region`".into(),
        }]);
    };
    let find = |name: &str| {
        header
            .iter()
            .position(|f| f.text.trim().eq_ignore_ascii_case(name))
    };
    let mut problems = Vec::new();
    let mut idx = [0usize; 3];
    for (i, name) in ["org", "amount", "region"].iter().enumerate() {
        match find(name) {
            Some(p) => idx[i] = p,
            None => problems.push(Problem {
                line: header[0].line,
                column: 1,
                reason: format!("the header has no `{name}` column (expected org,amount,region)"),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut rows = Vec::with_capacity(body.len());
    for rec in body {
        if rec.len() != header.len() {
            let last = rec.last().expect("records are never empty");
            problems.push(Problem {
                line: rec[0].line,
                column: if rec.len() > header.len() {
                    rec[header.len()].column
                } else {
                    last.column
                },
                reason: format!(
                    "expected {} fields like the header, found {}",
                    header.len(),
                    rec.len()
                ),
            });
            continue;
        }
        let mut bad = false;
        let mut get =
            |i: usize, check: &dyn Fn(&str) -> std::result::Result<String, String>| match check(
                &rec[i].text,
            ) {
                Ok(v) => v,
                Err(reason) => {
                    problems.push(Problem {
                        line: rec[i].line,
                        column: rec[i].column,
                        reason,
                    });
                    bad = true;
                    String::new()
                }
            };
        let org = get(idx[0], &|v| check_text("org", v));
        let amount = get(idx[1], &|v| check_amount(v));
        let region = get(idx[2], &|v| check_text("region", v));
        if !bad {
            rows.push(SeedRow {
                org,
                amount,
                region,
            });
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// Byte offsets where the top-level array's elements begin.
fn element_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let (mut depth, mut in_str, mut esc, mut expect) = (0i32, false, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_str {
            if esc {
                esc = false;
            } else if b == b'\\' {
                esc = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        if expect && depth == 1 && !b.is_ascii_whitespace() && b != b']' {
            starts.push(i);
            expect = false;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                if depth == 1 {
                    expect = true;
                }
            }
            b']' | b'}' => depth -= 1,
            b',' if depth == 1 => expect = true,
            _ => {}
        }
    }
    starts
}

/// Where the value of the element's own key `key` begins, for pointing at a bad value.
/// Only keys of the element's object count (not keys of nested objects, nor strings that
/// happen to read like the key); escapes in key names are decoded. Falls back to the
/// element's start.
fn key_offset(text: &str, start: usize, key: &str) -> usize {
    let b = text.as_bytes();
    let skip_ws = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    let mut depth = 0i32;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let end = string_end(b, i);
                if depth == 1 {
                    let colon = skip_ws(end);
                    if b.get(colon) == Some(&b':')
                        && serde_json::from_str::<String>(&text[i..end]).is_ok_and(|k| k == key)
                    {
                        return skip_ws(colon + 1);
                    }
                }
                i = end;
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth <= 0 {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    start
}

/// The offset just past the string literal that opens at `open`.
fn string_end(b: &[u8], open: usize) -> usize {
    let mut i = open + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

pub fn parse_json(text: &str) -> std::result::Result<Vec<SeedRow>, Vec<Problem>> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        vec![Problem {
            line: e.line().max(1),
            column: e.column().max(1),
            reason: format!("invalid JSON: {e}"),
        }]
    })?;
    let serde_json::Value::Array(items) = value else {
        return Err(vec![Problem {
            line: 1,
            column: 1,
            reason: "expected an array of objects {\"org\", \"amount\", \"region\"}".into(),
        }]);
    };
    let starts = element_starts(text);
    let mut problems = Vec::new();
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let start = starts.get(i).copied().unwrap_or(0);
        let at = |key: Option<&str>| {
            position(
                text,
                key.map(|k| key_offset(text, start, k)).unwrap_or(start),
            )
        };
        let Some(obj) = item.as_object() else {
            let (line, column) = at(None);
            problems.push(Problem {
                line,
                column,
                reason: format!("element {} is not an object", i + 1),
            });
            continue;
        };
        let mut bad = false;
        let mut field = |key: &str, problems: &mut Vec<Problem>| -> String {
            let result = match obj.get(key) {
                None | Some(serde_json::Value::Null) => Err(format!("`{key}` is missing")),
                Some(serde_json::Value::String(s)) if key == "amount" => check_amount(s),
                Some(serde_json::Value::Number(n)) if key == "amount" => {
                    check_amount(&n.to_string())
                }
                Some(serde_json::Value::String(s)) => check_text(key, s),
                Some(other) => Err(format!(
                    "`{key}` must be a {}, not {other}",
                    if key == "amount" { "number" } else { "string" }
                )),
            };
            match result {
                Ok(v) => v,
                Err(reason) => {
                    let (line, column) = at(obj.get(key).map(|_| key));
                    problems.push(Problem {
                        line,
                        column,
                        reason,
                    });
                    bad = true;
                    String::new()
                }
            }
        };
        let org = field("org", &mut problems);
        let amount = field("amount", &mut problems);
        let region = field("region", &mut problems);
        if !bad {
            rows.push(SeedRow {
                org,
                amount,
                region,
            });
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_quotes_and_positions() {
        let rows = parse_csv(
            "org,amount,region\n\"Acme, Inc.\",12.5,eu-west\nGlobex,7,\"us \"\"east\"\"\"\n",
        )
        .unwrap();
        assert_eq!(
            rows[0],
            SeedRow {
                org: "Acme, Inc.".into(),
                amount: "12.5".into(),
                region: "eu-west".into()
            }
        );
        assert_eq!(rows[1].region, "us \"east\"");
        let err = parse_csv("org,amount,region\nA,1.234,eu\nB,2,\n").unwrap_err();
        assert_eq!(
            err[0],
            Problem {
                line: 2,
                column: 3,
                reason: "amount `1.234` has more than 2 decimals (the column is DECIMAL(10, 2))"
                    .into()
            }
        );
        assert_eq!((err[1].line, err[1].column), (3, 5));
        assert_eq!(
            parse_csv("org,amount,region\nA,1\n").unwrap_err()[0].line,
            2
        );
        assert!(parse_csv("org,amount\nA,1\n").is_err());
    }

    #[test]
    fn json_positions() {
        let text = "[\n  {\"org\": \"A\", \"amount\": 1.5, \"region\": \"eu\"},\n  {\"org\": \"B\", \"amount\": \"x\", \"region\": \"eu\"}\n]";
        let err = parse_json(text).unwrap_err();
        assert_eq!((err[0].line, err[0].column), (3, 26));
        let ok = parse_json("[{\"org\":\"A\",\"amount\":\"10.00\",\"region\":\"r\"}]").unwrap();
        assert_eq!(ok[0].amount, "10.00");
        let syntax = parse_json("[\n{\"org\": }\n]").unwrap_err();
        assert_eq!(syntax[0].line, 2);
    }

    #[test]
    fn amounts() {
        assert!(check_amount("99999999.99").is_ok());
        assert!(check_amount("123456789").is_err());
        assert!(check_amount("1e5").is_err());
        assert_eq!(check_amount("+3.10").unwrap(), "3.10");
    }

    #[test]
    fn json_problems_point_at_the_elements_own_key() {
        // "org" appears first as a string value and as a nested key: neither is the key.
        let text = "[{\"region\": \"org\", \"meta\": {\"org\": 1},\n  \"org\": 5, \"amount\": 1}]";
        let err = parse_json(text).unwrap_err();
        assert_eq!((err[0].line, err[0].column), (2, 10), "{err:?}");
        // An escaped key name is still the key.
        let text = "[{\"or\\u0067\": 7, \"amount\": 1, \"region\": \"r\"}]";
        let err = parse_json(text).unwrap_err();
        assert_eq!((err[0].line, err[0].column), (1, 15), "{err:?}");
    }
}
