//! The event published for one `livedb` row: its JSON shape is a public interface
//! (docs/produce.md, "produce poll"), exactly the seed producer's.

use chrono::NaiveDateTime;
use serde::Serialize;

/// Value of `meta.source` in every event, as in the seed.
pub const SOURCE: &str = "kafka-producer";

/// The event published for one `livedb` row (field order as in the seed).
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Event {
    pub id: i64,
    pub payload: Payload,
    pub meta: Meta,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Payload {
    pub org: String,
    /// The exact `DECIMAL(10, 2)` value as a JSON string with two decimals ("1250.00").
    pub amount: String,
    pub region: String,
}

#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq)]
pub struct Meta {
    pub source: String,
    /// RFC 3339 UTC with microseconds ("2026-11-22T04:14:13.123456Z"), or null when the row
    /// has no `created_at`. The column has no time zone; it is read in the server's `TimeZone`.
    pub created_at: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub org: String,
    pub amount: String,
    pub region: String,
    /// As stored (no zone), for `producer_offsets.last_created_at`.
    pub created_at: Option<NaiveDateTime>,
    /// `meta.created_at` as PostgreSQL wrote it (`batch_query`'s `created_at_text`).
    pub created_at_text: Option<String>,
    /// The inserting transaction, to hold rows back behind older open transactions.
    pub(super) xmin: u32,
}

impl Row {
    /// The inserting transaction's id (32 bits, as `xmin` shows it).
    pub fn xmin(&self) -> u32 {
        self.xmin
    }

    /// The columns the event is made of.
    pub fn columns(&self) -> Columns<'_> {
        Columns {
            id: self.id,
            org: &self.org,
            amount: &self.amount,
            region: &self.region,
            created_at_text: self.created_at_text.as_deref(),
        }
    }
}

/// The columns an event is made of, borrowed from wherever they were read.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    pub id: i64,
    pub org: &'a str,
    pub amount: &'a str,
    pub region: &'a str,
    /// `meta.created_at` as PostgreSQL wrote it, or None for null.
    pub created_at_text: Option<&'a str>,
}

/// The event's JSON, exactly what serde_json writes for [`to_event`]'s [`Event`] (a test
/// holds the two equal), appended to `out`: written piece by piece, each string copied as
/// it is when it has nothing JSON escapes.
pub fn write_event(c: &Columns<'_>, out: &mut Vec<u8>) {
    out.extend_from_slice(b"{\"id\":");
    out.extend_from_slice(itoa::Buffer::new().format(c.id).as_bytes());
    out.extend_from_slice(b",\"payload\":{\"org\":");
    write_str(c.org, out);
    out.extend_from_slice(b",\"amount\":");
    write_str(c.amount, out);
    out.extend_from_slice(b",\"region\":");
    write_str(c.region, out);
    out.extend_from_slice(b"},\"meta\":{\"source\":\"");
    out.extend_from_slice(SOURCE.as_bytes());
    out.extend_from_slice(b"\",\"created_at\":");
    match c.created_at_text {
        Some(t) => write_str(t, out),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b"}}");
}

/// A JSON string: as it is between quotes when no byte of it needs an escape (a quote, a
/// backslash, a control character), else as serde_json escapes it.
fn write_str(s: &str, out: &mut Vec<u8>) {
    // Every byte looked at (no early exit), so the check compiles to wide compares.
    let plain = !s.bytes().fold(false, |any, b| {
        any | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if plain {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        // Into a Vec: cannot fail.
        let _ = serde_json::to_writer(&mut *out, s);
    }
}

/// The event `produce poll` publishes for a row with these columns, as
/// [`crate::pipeline::producer::batch_query::READ_RANGE`] reads them (what `verify` holds
/// an event on the topic against).
pub fn event_json(c: &Columns<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(160);
    write_event(c, &mut out);
    out
}

pub fn to_event(r: &Row) -> Event {
    Event {
        id: r.id,
        payload: Payload {
            org: r.org.clone(),
            amount: r.amount.clone(),
            region: r.region.clone(),
        },
        meta: Meta {
            source: SOURCE.into(),
            created_at: r.created_at_text.clone(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_shape() {
        let r = Row {
            id: 7,
            org: "Acme".into(),
            amount: "12.50".into(),
            region: "eu".into(),
            created_at: None,
            created_at_text: Some("2023-11-14T22:13:20.123456Z".into()),
            xmin: 0,
        };
        let expected = r#"{"id":7,"payload":{"org":"Acme","amount":"12.50","region":"eu"},"meta":{"source":"kafka-producer","created_at":"2023-11-14T22:13:20.123456Z"}}"#;
        assert_eq!(serde_json::to_string(&to_event(&r)).unwrap(), expected);
        let mut written = Vec::new();
        write_event(&r.columns(), &mut written);
        assert_eq!(String::from_utf8(written).unwrap(), expected);
    }

    /// Written piece by piece, the event is what serde_json writes for it, whatever the
    /// strings hold (quotes, backslashes, control characters, NUL, non-ASCII) and whatever
    /// the id.
    #[test]
    fn written_as_serde_json_writes_it() {
        let odd = [
            "",
            "Acme",
            "a\"b",
            "back\\slash",
            "tab\there",
            "nul\0in",
            "\u{1f}",
            "\u{7f}",
            "é ü 日本",
            "\u{2028}",
            "0123456789abcdef\"",
            "Acme Corporation, a long plain name",
        ];
        let ids = [0, 1, -1, i64::MAX, i64::MIN, 1_000_000];
        for (i, org) in odd.iter().enumerate() {
            for id in ids {
                let r = Row {
                    id,
                    org: org.to_string(),
                    amount: odd[(i + 3) % odd.len()].to_string(),
                    region: odd[(i + 7) % odd.len()].to_string(),
                    created_at: None,
                    created_at_text: (i % 3 != 0).then(|| odd[(i + 5) % odd.len()].to_string()),
                    xmin: 0,
                };
                let mut written = Vec::new();
                write_event(&r.columns(), &mut written);
                assert_eq!(written, serde_json::to_vec(&to_event(&r)).unwrap(), "{r:?}");
            }
        }
    }
}
