//! An event's values for the sink's columns. A flat event of plain members (strings
//! without escapes, numbers without exponents, booleans, nulls) is read by the scanner
//! (`json_scan`), its strings and numbers borrowed from the text as they are written;
//! any other event by serde_json, as before (`Sink::row`). Both give the JSON statement
//! the same values, and COPY the same text (unit tests).

use serde_json::Value as Json;

use super::SinkColumn;
use crate::json_path;
use crate::json_scan::Scan;

/// One column's value from one event.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell<'e> {
    /// A value as the JSON statement gets it.
    Json(Json),
    /// A string member's text (it has no escapes), borrowed from the event.
    Str(&'e str),
    /// A number member's own text (it has no exponent), borrowed from the event.
    Number(&'e str),
    /// A `json` or `jsonb` column's value as the event writes it (any JSON but `null`),
    /// borrowed from the event: PostgreSQL reads it, so its numbers keep every digit
    /// (`1.50`, a 20th significant digit, `1e400`), which a `Value` would round to an f64.
    Raw(&'e str),
}

impl Cell<'_> {
    pub(super) fn is_null(&self) -> bool {
        matches!(self, Cell::Json(Json::Null))
    }

    /// The value the JSON statement gets for a column of `sql_type`: what reading the
    /// event with serde_json gives.
    pub(super) fn to_json(&self, sql_type: &str) -> Json {
        match self {
            Cell::Json(v) => v.clone(),
            Cell::Str(s) => Json::String(s.to_string()),
            Cell::Number(t) => match serde_json::from_str(t) {
                Ok(v) => keep_number_text(v, sql_type, || Some(t)),
                // The scanner reads only numbers serde_json reads.
                Err(_) => Json::String(t.to_string()),
            },
            Cell::Raw(t) => serde_json::from_str(t).unwrap_or_else(|_| Json::String(t.to_string())),
        }
    }

    /// Append the value as the JSON statement's row object holds it: a JSON column's value
    /// (a number read by the scanner included) as the event writes it, anything else as
    /// [`to_json`](Self::to_json) gives it.
    pub(super) fn write_json(&self, sql_type: &str, out: &mut String) {
        match self {
            Cell::Raw(t) => out.push_str(t),
            Cell::Number(t) if is_json_type(sql_type) => out.push_str(t),
            // A `Value` always serializes.
            other => out.push_str(&other.to_json(sql_type).to_string()),
        }
    }
}

/// `json` and `jsonb` columns take an event's value as JSON text ([`Cell::Raw`]).
pub(super) fn is_json_type(sql_type: &str) -> bool {
    matches!(sql_type, "json" | "jsonb")
}

/// The event's value for each column (in column order), or why it has none: by the
/// scanner when `scan_names` (every column's member name) is given and it gives a verdict,
/// else by serde_json.
pub(super) fn read_row<'e>(
    payload: &'e [u8],
    columns: &[SinkColumn],
    scan_names: Option<&[String]>,
) -> Result<Vec<Cell<'e>>, String> {
    if let Some(row) = scan_names.and_then(|names| scan_row(payload, names)) {
        return Ok(row);
    }
    // The fields the columns need, without parsing the rest of the event. A field no
    // `Value` can hold takes the whole parse below, which words the dead letter.
    if let Some(fields) = json_path::Fields::parse(payload) {
        let row: serde_json::Result<Vec<Cell<'_>>> = columns
            .iter()
            .map(|c| {
                if is_json_type(&c.sql_type) {
                    return Ok(match fields.raw(&c.path) {
                        Some(t) if t != "null" => Cell::Raw(t),
                        _ => Cell::Json(Json::Null),
                    });
                }
                fields.get(&c.path).map(|v| {
                    Cell::Json(keep_number_text(
                        v.unwrap_or(Json::Null),
                        &c.sql_type,
                        || fields.raw(&c.path),
                    ))
                })
            })
            .collect();
        if let Ok(row) = row {
            return Ok(row);
        }
    }
    let doc: Json =
        serde_json::from_slice(payload).map_err(|err| format!("not valid JSON: {err}"))?;
    if !doc.is_object() {
        return Err("not a JSON object".into());
    }
    Ok(columns
        .iter()
        .map(|c| {
            Cell::Json(
                json_path::lookup(&doc, &c.path)
                    .cloned()
                    .unwrap_or(Json::Null),
            )
        })
        .collect())
}

/// The columns' values (`names[i]`: column i's member of the event) read by the scanner:
/// `None`, no verdict, unless the event is one object the scanner reads and every member a
/// column names is a string, a number, a boolean or null. A name used twice: the last one
/// counts, as in the parsed object.
pub(super) fn scan_row<'e>(payload: &'e [u8], names: &[String]) -> Option<Vec<Cell<'e>>> {
    let mut row = vec![Cell::Json(Json::Null); names.len()];
    let mut s = Scan::new(payload);
    s.ws();
    if s.peek()? != b'{' {
        return None;
    }
    s.object(1, |s, name, depth| {
        let mut columns = names.iter().enumerate().filter(|(_, n)| *n == name);
        let Some((first, _)) = columns.next() else {
            return s.skip(depth);
        };
        s.ws();
        let cell = match s.peek()? {
            b'"' => Cell::Str(s.string()?),
            b't' => s.literal(b"true").map(|()| Cell::Json(Json::Bool(true)))?,
            b'f' => s
                .literal(b"false")
                .map(|()| Cell::Json(Json::Bool(false)))?,
            b'n' => s.literal(b"null").map(|()| Cell::Json(Json::Null))?,
            // An object or an array is not a number: no verdict.
            _ => Cell::Number(s.number()?),
        };
        for (i, _) in columns {
            row[i] = cell.clone();
        }
        row[first] = cell;
        Some(())
    })?;
    s.end()?;
    Some(row)
}

/// A decimal number whose own text a `Value` does not give back (`1.50` comes back as
/// `1.5`; past the 17th significant digit the digits are lost) goes to a column that is
/// not JSON as that text, which is what `jsonb_to_record` hands the column's input
/// function: `numeric` and `text` columns store it as written, `double precision` the
/// double nearest it (serde_json's own reading of a number of more than 17 digits can be
/// one unit in the last place off). JSON columns are not read as a `Value` at all
/// ([`Cell::Raw`]). Numbers with an
/// exponent are left as they are (jsonb writes them out in full).
pub(super) fn keep_number_text<'t>(
    v: Json,
    sql_type: &str,
    raw: impl FnOnce() -> Option<&'t str>,
) -> Json {
    let Json::Number(n) = &v else { return v };
    if !n.is_f64() || is_json_type(sql_type) {
        return v;
    }
    match raw() {
        Some(text) if !text.contains(['e', 'E']) => {
            let text = jsonb_number_text(text);
            if text == n.to_string() {
                v
            } else {
                Json::String(text.into_owned())
            }
        }
        _ => v,
    }
}

/// The text `jsonb` gives a JSON number (read as `numeric`, which has no negative zero):
/// the number's own text, without the minus of a zero (`-0.00` is `0.00`).
pub(super) fn jsonb_number_text(t: &str) -> std::borrow::Cow<'_, str> {
    match t.strip_prefix('-') {
        Some(m)
            if m.split(['e', 'E'])
                .next()
                .is_some_and(|d| d.bytes().all(|b| b == b'0' || b == b'.')) =>
        {
            std::borrow::Cow::Borrowed(m)
        }
        _ => std::borrow::Cow::Borrowed(t),
    }
}

#[cfg(test)]
mod tests {
    use super::super::copy_in::{copy_field, ColumnKind};
    use super::*;

    fn columns() -> Vec<SinkColumn> {
        [
            ("id", "integer"),
            ("sensor", "text"),
            ("value", "double precision"),
            ("at", "timestamp with time zone"),
            ("n", "numeric"),
            ("doc", "jsonb"),
            ("j", "json"),
            ("b", "boolean"),
            ("again", "text"),
        ]
        .iter()
        .map(|(name, t)| SinkColumn {
            name: name.to_string(),
            sql_type: t.to_string(),
            default: None,
            path: if *name == "again" { "sensor" } else { name }.to_string(),
        })
        .collect()
    }

    fn copied(kind: ColumnKind, c: &Cell) -> Option<String> {
        let mut out = String::new();
        copy_field(kind, c, &mut out).map(|()| out)
    }

    /// A random event: members with the columns' names and others, some twice, values of
    /// every kind, now and then a byte changed.
    fn event(r: &mut impl FnMut(u64) -> u64) -> Vec<u8> {
        let names = [
            "id", "sensor", "value", "at", "n", "doc", "j", "b", "other", "x.y",
        ];
        let values = [
            "0",
            "-0",
            "7",
            "-12",
            "1.50",
            "0.1",
            "2.0",
            "123456789012345678901234",
            "1e3",
            "-2.5E-3",
            "100000000000000000000.0",
            "0.0000001",
            "0.30000000000000004",
            "\"s1\"",
            "\"\"",
            "\"2026-01-01T00:00:00Z\"",
            "\"a\\tb\"",
            "\"é ü\"",
            "\"\\u00e9\"",
            "\"q\\\"uote\"",
            "true",
            "false",
            "null",
            "{\"k\":1.50}",
            "[1,\"x\"]",
            "1e400",
        ];
        let mut text = String::from("{");
        for i in 0..r(8) {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&format!(
                "\"{}\":{}",
                names[r(names.len() as u64) as usize],
                values[r(values.len() as u64) as usize]
            ));
        }
        text.push('}');
        let mut bytes = text.into_bytes();
        if r(5) == 0 {
            let at = r(bytes.len() as u64) as usize;
            bytes[at] = b"{}[],:\"\\ 0-.e\x01\xff"[r(15) as usize];
        }
        bytes
    }

    #[test]
    fn scanned_rows_give_the_statement_and_copy_what_serde_json_rows_give() {
        let cols = columns();
        let names: Vec<String> = cols.iter().map(|c| c.path.clone()).collect();
        let mut seed = 5u64;
        let mut r = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n.max(1)
        };
        let (mut scanned, mut total) = (0, 0);
        for _ in 0..20_000 {
            let text = event(&mut r);
            let shown = String::from_utf8_lossy(&text).into_owned();
            total += 1;
            scanned += usize::from(scan_row(&text, &names).is_some());
            let fast = read_row(&text, &cols, Some(&names));
            let slow = read_row(&text, &cols, None);
            let (fast, slow) = match (fast, slow) {
                (Ok(f), Ok(s)) => (f, s),
                (f, s) => {
                    assert_eq!(f.err(), s.err(), "{shown}");
                    continue;
                }
            };
            for ((c, f), s) in cols.iter().zip(&fast).zip(&slow) {
                let json = |v: &Cell| {
                    let mut out = String::new();
                    v.write_json(&c.sql_type, &mut out);
                    out
                };
                assert_eq!(json(f), json(s), "{} in {shown}", c.name);
                let kind = ColumnKind::of(&c.sql_type);
                let (cf, cs) = (copied(kind, f), copied(kind, s));
                assert_eq!(cf, cs, "{} in {shown}", c.name);
            }
        }
        assert!(scanned * 5 > total, "{scanned} of {total} by the scanner");
    }

    #[test]
    fn json_columns_get_the_value_as_the_event_writes_it() {
        let cols = columns();
        let text = br#"{"id":1,"doc":{"p":1.50, "big":123456789012345678901234},"j":1e400,"n":0.1000000000000000055511151231257827,"value":null}"#;
        let row = read_row(text, &cols, None).unwrap();
        let doc = r#"{"p":1.50, "big":123456789012345678901234}"#;
        assert_eq!(row[5], Cell::Raw(doc));
        assert_eq!(row[6], Cell::Raw("1e400"));
        let json = |i: usize| {
            let mut out = String::new();
            row[i].write_json(&cols[i].sql_type, &mut out);
            out
        };
        assert_eq!(json(5), doc);
        assert_eq!(json(6), "1e400");
        // Other columns as before: numeric keeps its text, a missing or null value is null.
        assert_eq!(json(4), r#""0.1000000000000000055511151231257827""#);
        assert_eq!(json(2), "null");
        assert_eq!(copied(ColumnKind::Jsonb, &row[5]).unwrap(), doc);
        assert_eq!(copied(ColumnKind::Json, &row[6]), None);
        // A number the scanner read goes to a JSON column with its digits.
        let names: Vec<String> = cols.iter().map(|c| c.path.clone()).collect();
        let row = scan_row(br#"{"doc":1.50,"j":123456789012345678901234}"#, &names).unwrap();
        assert_eq!(copied(ColumnKind::Jsonb, &row[5]).unwrap(), "1.50");
        let mut out = String::new();
        row[6].write_json("json", &mut out);
        assert_eq!(out, "123456789012345678901234");
        // A zero's minus goes (jsonb's numeric has none); a JSON string keeps it.
        for (t, jsonb) in [
            ("-0", "0"),
            ("-0.00", "0.00"),
            ("-0e5", "0e5"),
            ("-0.5", "-0.5"),
            ("-10", "-10"),
            ("0", "0"),
        ] {
            assert_eq!(jsonb_number_text(t), jsonb, "{t}");
        }
        assert_eq!(
            copied(ColumnKind::Float8, &Cell::Number("-0")).unwrap(),
            "0"
        );
        assert_eq!(
            copied(ColumnKind::Other, &Cell::Number("-0.00")).unwrap(),
            "0.00"
        );
        assert_eq!(copied(ColumnKind::Float8, &Cell::Str("-0")).unwrap(), "-0");
        // `null` is null (the column's default applies), as a missing member.
        let row = read_row(br#"{"doc":null}"#, &cols, None).unwrap();
        assert!(row[5].is_null() && row[6].is_null());
    }

    #[test]
    fn a_seed_event_is_read_by_the_scanner_as_written() {
        let cols = columns();
        let names: Vec<String> = cols.iter().map(|c| c.path.clone()).collect();
        let text =
            br#"{"id":7,"sensor":"s7","value":3.5,"at":"2026-01-01T00:00:07Z","n":1.50,"b":true}"#;
        let row = scan_row(text, &names).unwrap();
        assert_eq!(
            row,
            vec![
                Cell::Number("7"),
                Cell::Str("s7"),
                Cell::Number("3.5"),
                Cell::Str("2026-01-01T00:00:07Z"),
                Cell::Number("1.50"),
                Cell::Json(Json::Null),
                Cell::Json(Json::Null),
                Cell::Json(Json::Bool(true)),
                Cell::Str("s7"),
            ]
        );
        // Not for the scanner: an escape, an exponent, an object, a path with a dot.
        for t in [
            &br#"{"sensor":"a\"b"}"#[..],
            br#"{"value":1e3}"#,
            br#"{"doc":{"k":1}}"#,
            br#"[1]"#,
        ] {
            assert_eq!(scan_row(t, &names), None, "{}", String::from_utf8_lossy(t));
        }
    }
}
