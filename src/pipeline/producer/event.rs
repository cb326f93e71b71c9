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
}

/// The event's JSON (exactly `to_event`'s), written into `out` without copying the row.
pub fn write_event(r: &Row, out: &mut Vec<u8>) {
    #[derive(Serialize)]
    struct EventRef<'a> {
        id: i64,
        payload: PayloadRef<'a>,
        meta: MetaRef<'a>,
    }
    #[derive(Serialize)]
    struct PayloadRef<'a> {
        org: &'a str,
        amount: &'a str,
        region: &'a str,
    }
    #[derive(Serialize)]
    struct MetaRef<'a> {
        source: &'static str,
        created_at: Option<&'a str>,
    }
    let event = EventRef {
        id: r.id,
        payload: PayloadRef {
            org: &r.org,
            amount: &r.amount,
            region: &r.region,
        },
        meta: MetaRef {
            source: SOURCE,
            created_at: r.created_at_text.as_deref(),
        },
    };
    // Strings and numbers into a Vec: cannot fail.
    let _ = serde_json::to_writer(out, &event);
}

/// The event `produce poll` publishes for a row with these columns, as
/// [`crate::pipeline::producer::batch_query::READ_RANGE`] reads them (what `verify` holds
/// an event on the topic against).
pub fn event_json(
    id: i64,
    org: String,
    amount: String,
    region: String,
    created_at_text: Option<String>,
) -> Vec<u8> {
    let row = Row {
        id,
        org,
        amount,
        region,
        created_at: None,
        created_at_text,
        xmin: 0,
    };
    let mut out = Vec::with_capacity(160);
    write_event(&row, &mut out);
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
        write_event(&r, &mut written);
        assert_eq!(String::from_utf8(written).unwrap(), expected);
    }
}
