//! The reconciliation itself, over compact per-id state (no I/O): the table's rows against
//! the topic's events, and the events against a downstream table.

use std::collections::BTreeMap;

use super::ranges::Ids;
use super::{Counts, DeadLettered, Stage};
use crate::pipeline::producer::Event;

/// FNV-1a, 64 bits: a checksum of an event's content, the same in every run.
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// An event's id and the checksum of its content, or why it has none. An event that is
/// JSON with an integer `id` but not the shape `produce poll` writes keeps its id, with a
/// checksum that matches no row (it is then reported as different).
pub fn livedb_event(value: Option<&[u8]>) -> Result<(i64, u64), &'static str> {
    let Some(bytes) = value else {
        return Err("tombstone (no value)");
    };
    if let Ok(event) = serde_json::from_slice::<Event>(bytes) {
        // Compared by content: the event written again in produce poll's exact form.
        let canonical = serde_json::to_vec(&event).unwrap_or_default();
        return Ok((event.id, checksum(&canonical)));
    }
    match serde_json::from_slice::<serde_json::Value>(bytes) {
        Err(_) => Err("not JSON"),
        Ok(v) => match v.get("id").and_then(serde_json::Value::as_i64) {
            Some(id) => Ok((id, !checksum(bytes))),
            None => Err("no integer `id` field"),
        },
    }
}

/// The checksum of a row's payload columns as a downstream table holds them.
pub fn payload_checksum(org: &str, amount: &str, region: &str) -> u64 {
    let mut bytes = Vec::with_capacity(org.len() + amount.len() + region.len() + 2);
    for (i, part) in [org, amount, region].into_iter().enumerate() {
        if i > 0 {
            bytes.push(0);
        }
        bytes.extend_from_slice(part.as_bytes());
    }
    checksum(&bytes)
}

/// One `livedb` row inside the cut.
#[derive(Debug, Clone, Copy)]
pub struct RowSeen {
    pub id: i64,
    /// Of the event `produce poll` would write for it.
    pub event: u64,
    /// Of its payload columns (org, amount, region).
    pub payload: u64,
}

/// One event of the topic inside the cut.
#[derive(Debug, Clone, Copy)]
pub struct EventSeen {
    pub id: i64,
    pub checksum: u64,
    pub partition: i32,
    pub offset: i64,
}

/// Rows ↔ events. `rows` sorted by id; `events` sorted by id. `published_to`: the
/// producer's offset at the cut (rows above it not on the topic are pending, not missing;
/// events above it without a row are newer than the cut).
pub fn table_to_topic(
    rows: &[RowSeen],
    events: &[EventSeen],
    published_to: i64,
    stage: &mut Stage,
) {
    stage.expected = rows.len() as u64;
    let (mut r, mut e) = (0, 0);
    while r < rows.len() || e < events.len() {
        let id = match (rows.get(r), events.get(e)) {
            (Some(row), Some(ev)) => row.id.min(ev.id),
            (Some(row), None) => row.id,
            (None, Some(ev)) => ev.id,
            (None, None) => break,
        };
        let row = rows.get(r).filter(|row| row.id == id);
        let start = e;
        while events.get(e).is_some_and(|ev| ev.id == id) {
            e += 1;
        }
        let these = &events[start..e];
        match row {
            Some(row) => {
                r += 1;
                if these.is_empty() {
                    if id <= published_to {
                        stage.missing.push(id);
                    } else {
                        stage.pending.push(id);
                    }
                    continue;
                }
                stage.found += 1;
                if these.len() > 1 {
                    stage.duplicated.push(id);
                }
                if these.iter().any(|ev| ev.checksum != row.event) {
                    stage.different.push(id);
                }
            }
            None if id <= published_to => stage.extra.push(id),
            None => stage.outside_cut += these.len() as u64,
        }
    }
}

/// What a downstream table holds for one id.
#[derive(Debug, Clone, Copy)]
pub struct SinkRow {
    pub id: i64,
    /// Of its payload columns, when the table has them.
    pub payload: Option<u64>,
}

/// Events ↔ a downstream table. `events` sorted by id; `consumed(event)` tells whether the
/// destination's consumer group has committed past it; `sink` sorted by id; `dead` the ids
/// its consumer set aside, with the reason; `rows` the table's rows (for the payloads).
pub fn topic_to_sink(
    events: &[EventSeen],
    consumed: impl Fn(&EventSeen) -> bool,
    rows: &[RowSeen],
    sink: &[SinkRow],
    dead: &BTreeMap<i64, String>,
    published_to: i64,
    stage: &mut Stage,
) {
    let mut dead_by_reason: BTreeMap<&str, Ids> = BTreeMap::new();
    let (mut e, mut s) = (0, 0);
    while e < events.len() || s < sink.len() {
        let id = match (events.get(e), sink.get(s)) {
            (Some(ev), Some(row)) => ev.id.min(row.id),
            (Some(ev), None) => ev.id,
            (None, Some(row)) => row.id,
            (None, None) => break,
        };
        let start = e;
        while events.get(e).is_some_and(|ev| ev.id == id) {
            e += 1;
        }
        let these = &events[start..e];
        let sink_start = s;
        while sink.get(s).is_some_and(|row| row.id == id) {
            s += 1;
        }
        let written = &sink[sink_start..s];
        if these.is_empty() {
            // In the table with no event on the topic: only an id the producer had
            // published by the cut is unexplained.
            if id <= published_to {
                stage.extra.push(id);
            }
            continue;
        }
        let expected = these.iter().any(&consumed);
        if expected {
            stage.expected += 1;
        }
        if written.is_empty() {
            match dead.get(&id) {
                Some(reason) => dead_by_reason.entry(reason).or_default().push(id),
                None if expected => stage.missing.push(id),
                None => stage.pending.push(id),
            }
            continue;
        }
        stage.found += 1;
        if written.len() > 1 {
            stage.duplicated.push(id);
        }
        let row_payload = rows
            .binary_search_by_key(&id, |r| r.id)
            .ok()
            .map(|i| rows[i].payload);
        if let Some(want) = row_payload {
            if written.iter().any(|w| w.payload.is_some_and(|p| p != want)) {
                stage.different.push(id);
            }
        }
    }
    stage.dead_lettered = dead_by_reason
        .into_iter()
        .map(|(reason, ids)| DeadLettered {
            reason: reason.to_string(),
            ids,
        })
        .collect();
}

/// An aggregate's count against the topic: the records at or below each partition's last
/// applied offset, less those its consumer set aside (`dead`: partition and offset of each
/// of its dead letters). `lows`: the partitions' low watermarks at the cut; records deleted
/// by retention were counted and cannot be read, so the count cannot be checked then.
pub fn aggregate_count(
    applied_to: &BTreeMap<i32, i64>,
    counted: i64,
    lows: &BTreeMap<i32, i64>,
    dead: &[(i32, i64)],
) -> Result<Counts, String> {
    let mut expected = 0i64;
    for (p, last) in applied_to {
        let low = lows.get(p).copied().unwrap_or(0);
        if low > 0 {
            return Err(format!(
                "records below offset {low} of partition {p} were deleted (retention): what was counted from them cannot be read back"
            ));
        }
        let set_aside = dead
            .iter()
            .filter(|(dp, off)| dp == p && off <= last)
            .count() as i64;
        expected += last + 1 - set_aside;
    }
    Ok(Counts {
        expected,
        found: counted,
    })
}

/// The events an aggregate keeps in its open windows against the topic's: each livedb
/// event there must be on the topic with the same content, and in one window once.
/// Returns the ids seen in windows (for the stage's `found`).
pub fn aggregate_windows<'a>(
    events: &[EventSeen],
    windows: impl IntoIterator<Item = &'a str>,
    (from, to): (i64, i64),
    published_to: i64,
    stage: &mut Stage,
) {
    let mut ids = Vec::new();
    let mut unreadable = 0u64;
    let mut different = Vec::new();
    let mut extra = Vec::new();
    for doc in windows {
        let Ok((id, sum)) = livedb_event(Some(doc.as_bytes())) else {
            unreadable += 1;
            continue;
        };
        if !(from..=to).contains(&id) {
            continue;
        }
        ids.push(id);
        let at = events.partition_point(|e| e.id < id);
        let on_topic: Vec<&EventSeen> = events[at..].iter().take_while(|e| e.id == id).collect();
        if on_topic.is_empty() {
            if id <= published_to {
                extra.push(id);
            }
        } else if !on_topic.iter().any(|e| e.checksum == sum) {
            different.push(id);
        }
    }
    ids.sort_unstable();
    different.sort_unstable();
    extra.sort_unstable();
    stage.found = ids.len() as u64;
    for pair in ids.windows(2) {
        if pair[0] == pair[1] {
            stage.duplicated.push(pair[0]);
        }
    }
    different
        .into_iter()
        .for_each(|id| stage.different.push(id));
    extra.into_iter().for_each(|id| stage.extra.push(id));
    if unreadable > 0 {
        stage.unreadable.push(super::Unreadable {
            reason: "an event in a window is not a livedb event".into(),
            count: unreadable,
            first: String::new(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64) -> RowSeen {
        RowSeen {
            id,
            event: id as u64 * 10,
            payload: id as u64,
        }
    }
    fn ev(id: i64, checksum: u64, offset: i64) -> EventSeen {
        EventSeen {
            id,
            checksum,
            partition: 0,
            offset,
        }
    }

    #[test]
    fn rows_and_events_missing_pending_duplicated_different_extra() {
        let rows: Vec<RowSeen> = (1..=8).map(row).collect();
        // 1 fine, 2 twice, 3 missing, 4 different, 5 fine, 6 fine, 7-8 above the offset
        // (7 published already, 8 pending), 9 without a row (extra), 12 newer than the cut.
        let events = vec![
            ev(1, 10, 0),
            ev(2, 20, 1),
            ev(2, 20, 2),
            ev(4, 41, 3),
            ev(5, 50, 4),
            ev(6, 60, 5),
            ev(7, 70, 6),
            ev(9, 90, 7),
            ev(12, 120, 8),
        ];
        let mut stage = Stage::new("topic");
        table_to_topic(&rows, &events, 10, &mut stage);
        assert_eq!(stage.missing.text(), "3, 8");
        let mut stage = Stage::new("topic");
        table_to_topic(&rows, &events, 6, &mut stage);
        assert_eq!(stage.missing.text(), "3");
        assert_eq!(stage.pending.text(), "8");
        assert_eq!(stage.duplicated.text(), "2");
        assert_eq!(stage.different.text(), "4");
        assert_eq!(stage.extra.text(), "");
        assert_eq!(stage.outside_cut, 2);
        assert_eq!((stage.expected, stage.found), (8, 6));
    }

    #[test]
    fn an_aggregate_counts_what_it_applied_less_what_it_set_aside() {
        let applied = BTreeMap::from([(0, 9), (1, 4)]);
        let lows = BTreeMap::from([(0, 0), (1, 0)]);
        // Partition 0: offsets 0..=9, two set aside (one after the last applied: not counted).
        let dead = [(0, 3), (0, 7), (0, 12), (1, 9)];
        let c = aggregate_count(&applied, 13, &lows, &dead).unwrap();
        assert_eq!((c.expected, c.found), (13, 13));
        let deleted = BTreeMap::from([(0, 5), (1, 0)]);
        assert!(aggregate_count(&applied, 13, &deleted, &dead)
            .unwrap_err()
            .contains("offset 5 of partition 0"));
    }

    #[test]
    fn window_events_are_held_against_the_topic() {
        let event = |id: i64, amount: &str| {
            format!(
                r#"{{"id":{id},"payload":{{"org":"A","amount":"{amount}","region":"eu"}},"meta":{{"source":"kafka-producer","created_at":null}}}}"#
            )
        };
        let on_topic: Vec<EventSeen> = [1, 2, 3]
            .into_iter()
            .map(|id| ev(id, checksum(event(id, "1.00").as_bytes()), id))
            .collect();
        let docs = [
            event(1, "1.00"),
            event(2, "9.99"),
            event(1, "1.00"),
            event(5, "1.00"),
            "[]".into(),
        ];
        let mut stage = Stage::new("aggregate");
        aggregate_windows(
            &on_topic,
            docs.iter().map(String::as_str),
            (1, 10),
            10,
            &mut stage,
        );
        assert_eq!(stage.duplicated.text(), "1");
        assert_eq!(stage.different.text(), "2");
        assert_eq!(stage.extra.text(), "5");
        assert_eq!(stage.found, 4);
        assert_eq!(stage.unreadable[0].count, 1);
    }

    #[test]
    fn a_sink_row_deleted_is_missing_a_dead_letter_is_accounted_for() {
        let rows: Vec<RowSeen> = (1..=5).map(row).collect();
        let events: Vec<EventSeen> = (1..=5).map(|i| ev(i, i as u64 * 10, i)).collect();
        let sink = vec![
            SinkRow {
                id: 1,
                payload: Some(1),
            },
            SinkRow {
                id: 3,
                payload: Some(99),
            },
            SinkRow {
                id: 3,
                payload: Some(3),
            },
            SinkRow {
                id: 7,
                payload: None,
            },
        ];
        let dead = BTreeMap::from([(2, "not valid JSON".to_string())]);
        let mut stage = Stage::new("sink");
        // Offsets 1..=4 consumed; 5 not yet.
        topic_to_sink(
            &events,
            |e| e.offset < 5,
            &rows,
            &sink,
            &dead,
            10,
            &mut stage,
        );
        assert_eq!(stage.missing.text(), "4");
        assert_eq!(stage.pending.text(), "5");
        assert_eq!(stage.duplicated.text(), "3");
        assert_eq!(stage.different.text(), "3");
        assert_eq!(stage.extra.text(), "7");
        assert_eq!(stage.dead_lettered.len(), 1);
        assert_eq!(stage.dead_lettered[0].ids.text(), "2");
    }

    #[test]
    fn events_are_compared_by_content_and_bad_ones_say_why() {
        let exact = br#"{"id":7,"payload":{"org":"Acme","amount":"12.50","region":"eu"},"meta":{"source":"kafka-producer","created_at":null}}"#;
        let spaced = br#"{ "id": 7, "payload": {"org": "Acme", "amount": "12.50", "region": "eu"}, "meta": {"source": "kafka-producer", "created_at": null} }"#;
        assert_eq!(livedb_event(Some(exact)), livedb_event(Some(spaced)));
        assert_eq!(livedb_event(Some(exact)).unwrap().1, checksum(exact));
        let changed = br#"{"id":7,"payload":{"org":"Acme","amount":"12.51","region":"eu"},"meta":{"source":"kafka-producer","created_at":null}}"#;
        assert_ne!(livedb_event(Some(exact)), livedb_event(Some(changed)));
        assert_eq!(livedb_event(None), Err("tombstone (no value)"));
        assert_eq!(livedb_event(Some(b"not json")), Err("not JSON"));
        assert_eq!(
            livedb_event(Some(br#"{"x":1}"#)),
            Err("no integer `id` field")
        );
        let odd = livedb_event(Some(br#"{"id":7}"#)).unwrap();
        assert_eq!(odd.0, 7);
        assert_ne!(odd.1, checksum(exact));
    }
}
