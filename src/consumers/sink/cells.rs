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
        }
    }
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
/// one unit in the last place off). JSON columns keep the number. Numbers with an
/// exponent are left as they are (jsonb writes them out in full).
pub(super) fn keep_number_text<'t>(
    v: Json,
    sql_type: &str,
    raw: impl FnOnce() -> Option<&'t str>,
) -> Json {
    let Json::Number(n) = &v else { return v };
    if !n.is_f64() || matches!(sql_type, "json" | "jsonb") {
        return v;
    }
    match raw() {
        Some(text) if !text.contains(['e', 'E']) && text != n.to_string() => {
            Json::String(text.to_string())
        }
        _ => v,
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
                assert_eq!(
                    f.to_json(&c.sql_type),
                    s.to_json(&c.sql_type),
                    "{} in {shown}",
                    c.name
                );
                let kind = ColumnKind::of(&c.sql_type);
                let (cf, cs) = (copied(kind, f), copied(kind, s));
                assert_eq!(cf, cs, "{} in {shown}", c.name);
            }
        }
        assert!(scanned * 5 > total, "{scanned} of {total} by the scanner");
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
