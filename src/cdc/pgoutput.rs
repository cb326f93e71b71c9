//! Decoder for PostgreSQL's `pgoutput` logical replication messages (protocol version 1),
//! as the walsender streams them (one XLogData payload = one message).
//! See "Logical Replication Message Formats" in the PostgreSQL documentation.

use thiserror::Error;

/// Microseconds between 1970-01-01 and 2000-01-01 (PostgreSQL's epoch).
pub const PG_EPOCH_OFFSET_MICROS: i64 = 946_684_800_000_000;

#[derive(Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    #[error("pgoutput message truncated (needed {needed} more bytes at offset {at})")]
    Truncated { at: usize, needed: usize },
    #[error("unknown pgoutput message type {0:?}")]
    UnknownMessage(char),
    #[error("unknown tuple column kind {0:?}")]
    UnknownColumnKind(char),
    #[error("unexpected tuple marker {0:?} in {1} message")]
    UnexpectedMarker(char, &'static str),
    #[error("invalid UTF-8 in {0}")]
    Utf8(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Part of the replica identity (all columns with REPLICA IDENTITY FULL).
    pub key: bool,
    pub name: String,
    pub type_oid: u32,
    pub type_modifier: i32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub oid: u32,
    pub namespace: String,
    pub name: String,
    /// 'd' default, 'n' nothing, 'f' full, 'i' index.
    pub replica_identity: u8,
    pub columns: Vec<Column>,
}

/// One column of a tuple.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Datum {
    Null,
    /// An unchanged TOASTed value: the message carries no data for it.
    UnchangedToast,
    /// The value in the type's text output form.
    Text(String),
}

pub type Tuple = Vec<Datum>;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OldTuple {
    /// 'K': only the replica identity columns (others are Null).
    Key(Tuple),
    /// 'O': the whole old row (REPLICA IDENTITY FULL).
    Full(Tuple),
}

impl OldTuple {
    pub fn tuple(&self) -> &Tuple {
        match self {
            OldTuple::Key(t) | OldTuple::Full(t) => t,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    Begin {
        final_lsn: u64,
        commit_ts_micros: i64,
        xid: u32,
    },
    Commit {
        flags: u8,
        commit_lsn: u64,
        end_lsn: u64,
        commit_ts_micros: i64,
    },
    Origin {
        lsn: u64,
        name: String,
    },
    Relation(Relation),
    Type {
        oid: u32,
        namespace: String,
        name: String,
    },
    Insert {
        relid: u32,
        new: Tuple,
    },
    Update {
        relid: u32,
        old: Option<OldTuple>,
        new: Tuple,
    },
    Delete {
        relid: u32,
        old: OldTuple,
    },
    Truncate {
        options: u8,
        relids: Vec<u32>,
    },
    Logical {
        transactional: bool,
        lsn: u64,
        prefix: String,
        content: Vec<u8>,
    },
}

/// A timestamp off the wire (microseconds since 2000-01-01) as Unix microseconds,
/// saturating: the value comes from the server, and fuzzing fed it `i64::MAX`.
pub fn unix_micros(pg_micros: i64) -> i64 {
    pg_micros.saturating_add(PG_EPOCH_OFFSET_MICROS)
}

struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        if self.buf.len() - self.pos < n {
            return Err(DecodeError::Truncated {
                at: self.pos,
                needed: n - (self.buf.len() - self.pos),
            });
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }
    fn i16(&mut self) -> Result<i16, DecodeError> {
        Ok(i16::from_be_bytes(
            self.take(2)?.try_into().expect("2 bytes"),
        ))
    }
    fn u32(&mut self) -> Result<u32, DecodeError> {
        Ok(u32::from_be_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn i32(&mut self) -> Result<i32, DecodeError> {
        Ok(i32::from_be_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
    fn u64(&mut self) -> Result<u64, DecodeError> {
        Ok(u64::from_be_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    fn i64(&mut self) -> Result<i64, DecodeError> {
        Ok(i64::from_be_bytes(
            self.take(8)?.try_into().expect("8 bytes"),
        ))
    }
    /// A NUL-terminated string.
    fn cstr(&mut self, what: &'static str) -> Result<String, DecodeError> {
        let rest = &self.buf[self.pos..];
        let end = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or(DecodeError::Truncated {
                at: self.pos,
                needed: 1,
            })?;
        let s = std::str::from_utf8(&rest[..end])
            .map_err(|_| DecodeError::Utf8(what))?
            .to_string();
        self.pos += end + 1;
        Ok(s)
    }
    fn tuple(&mut self) -> Result<Tuple, DecodeError> {
        let n = self.i16()?.max(0) as usize;
        let mut cols = Vec::with_capacity(n);
        for _ in 0..n {
            let kind = self.u8()?;
            cols.push(match kind {
                b'n' => Datum::Null,
                b'u' => Datum::UnchangedToast,
                b't' => {
                    let len = self.i32()?.max(0) as usize;
                    let bytes = self.take(len)?;
                    Datum::Text(
                        String::from_utf8(bytes.to_vec())
                            .map_err(|_| DecodeError::Utf8("tuple column"))?,
                    )
                }
                other => return Err(DecodeError::UnknownColumnKind(other as char)),
            });
        }
        Ok(cols)
    }
}

/// Decode one pgoutput message.
pub fn decode(buf: &[u8]) -> Result<Message, DecodeError> {
    let mut r = Reader { buf, pos: 0 };
    let tag = r.u8()?;
    Ok(match tag {
        b'B' => Message::Begin {
            final_lsn: r.u64()?,
            commit_ts_micros: r.i64()?,
            xid: r.u32()?,
        },
        b'C' => Message::Commit {
            flags: r.u8()?,
            commit_lsn: r.u64()?,
            end_lsn: r.u64()?,
            commit_ts_micros: r.i64()?,
        },
        b'O' => Message::Origin {
            lsn: r.u64()?,
            name: r.cstr("origin name")?,
        },
        b'R' => {
            let oid = r.u32()?;
            let namespace = r.cstr("relation namespace")?;
            let name = r.cstr("relation name")?;
            let replica_identity = r.u8()?;
            let n = r.i16()?.max(0) as usize;
            let mut columns = Vec::with_capacity(n);
            for _ in 0..n {
                let flags = r.u8()?;
                let name = r.cstr("column name")?;
                let type_oid = r.u32()?;
                let type_modifier = r.i32()?;
                columns.push(Column {
                    key: flags & 1 == 1,
                    name,
                    type_oid,
                    type_modifier,
                });
            }
            // pgoutput sends an empty namespace for pg_catalog.
            let namespace = if namespace.is_empty() {
                "pg_catalog".to_string()
            } else {
                namespace
            };
            Message::Relation(Relation {
                oid,
                namespace,
                name,
                replica_identity,
                columns,
            })
        }
        b'Y' => {
            let oid = r.u32()?;
            let namespace = r.cstr("type namespace")?;
            let name = r.cstr("type name")?;
            Message::Type {
                oid,
                namespace,
                name,
            }
        }
        b'I' => {
            let relid = r.u32()?;
            match r.u8()? {
                b'N' => Message::Insert {
                    relid,
                    new: r.tuple()?,
                },
                m => return Err(DecodeError::UnexpectedMarker(m as char, "Insert")),
            }
        }
        b'U' => {
            let relid = r.u32()?;
            let mut marker = r.u8()?;
            let mut old = None;
            if marker == b'K' || marker == b'O' {
                let t = r.tuple()?;
                old = Some(if marker == b'K' {
                    OldTuple::Key(t)
                } else {
                    OldTuple::Full(t)
                });
                marker = r.u8()?;
            }
            if marker != b'N' {
                return Err(DecodeError::UnexpectedMarker(marker as char, "Update"));
            }
            Message::Update {
                relid,
                old,
                new: r.tuple()?,
            }
        }
        b'D' => {
            let relid = r.u32()?;
            let marker = r.u8()?;
            let t = r.tuple()?;
            let old = match marker {
                b'K' => OldTuple::Key(t),
                b'O' => OldTuple::Full(t),
                m => return Err(DecodeError::UnexpectedMarker(m as char, "Delete")),
            };
            Message::Delete { relid, old }
        }
        b'T' => {
            let n = r.u32()? as usize;
            let options = r.u8()?;
            let mut relids = Vec::with_capacity(n.min(1024));
            for _ in 0..n {
                relids.push(r.u32()?);
            }
            Message::Truncate { options, relids }
        }
        b'M' => {
            let flags = r.u8()?;
            let lsn = r.u64()?;
            let prefix = r.cstr("message prefix")?;
            let len = r.i32()?.max(0) as usize;
            let content = r.take(len)?.to_vec();
            Message::Logical {
                transactional: flags & 1 == 1,
                lsn,
                prefix,
                content,
            }
        }
        other => return Err(DecodeError::UnknownMessage(other as char)),
    })
}

/// `16/B374D848` -> u64.
pub fn parse_lsn(s: &str) -> Option<u64> {
    s.parse::<tokio_postgres::types::PgLsn>()
        .ok()
        .map(u64::from)
}

/// u64 -> `16/B374D848`.
pub fn format_lsn(lsn: u64) -> String {
    tokio_postgres::types::PgLsn::from(lsn).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tuple_bytes(cols: &[Option<&str>], toast_at: Option<usize>) -> Vec<u8> {
        let mut b = (cols.len() as i16).to_be_bytes().to_vec();
        for (i, c) in cols.iter().enumerate() {
            if toast_at == Some(i) {
                b.push(b'u');
                continue;
            }
            match c {
                None => b.push(b'n'),
                Some(s) => {
                    b.push(b't');
                    b.extend((s.len() as i32).to_be_bytes());
                    b.extend(s.as_bytes());
                }
            }
        }
        b
    }

    #[test]
    fn begin_and_commit() {
        let mut b = vec![b'B'];
        b.extend(0x0000_0001_0000_0010u64.to_be_bytes());
        b.extend(1_000_000i64.to_be_bytes());
        b.extend(742u32.to_be_bytes());
        assert_eq!(
            decode(&b).unwrap(),
            Message::Begin {
                final_lsn: 0x1_0000_0010,
                commit_ts_micros: 1_000_000,
                xid: 742
            }
        );
        let mut c = vec![b'C', 0];
        c.extend(5u64.to_be_bytes());
        c.extend(9u64.to_be_bytes());
        c.extend(7i64.to_be_bytes());
        assert_eq!(
            decode(&c).unwrap(),
            Message::Commit {
                flags: 0,
                commit_lsn: 5,
                end_lsn: 9,
                commit_ts_micros: 7
            }
        );
        assert!(matches!(
            decode(&c[..10]),
            Err(DecodeError::Truncated { .. })
        ));
    }

    #[test]
    fn relation_insert_update_delete_truncate() {
        let mut r = vec![b'R'];
        r.extend(16384u32.to_be_bytes());
        r.extend(b"public\0livedb\0d");
        r.extend(2i16.to_be_bytes());
        r.push(1);
        r.extend(b"id\0");
        r.extend(23u32.to_be_bytes());
        r.extend((-1i32).to_be_bytes());
        r.push(0);
        r.extend(b"note\0");
        r.extend(25u32.to_be_bytes());
        r.extend((-1i32).to_be_bytes());
        let Message::Relation(rel) = decode(&r).unwrap() else {
            panic!()
        };
        assert_eq!(rel.namespace, "public");
        assert_eq!(rel.name, "livedb");
        assert_eq!(rel.replica_identity, b'd');
        assert!(rel.columns[0].key && !rel.columns[1].key);
        assert_eq!(rel.columns[1].type_oid, 25);

        let mut i = vec![b'I'];
        i.extend(16384u32.to_be_bytes());
        i.push(b'N');
        i.extend(tuple_bytes(&[Some("7"), None], None));
        assert_eq!(
            decode(&i).unwrap(),
            Message::Insert {
                relid: 16384,
                new: vec![Datum::Text("7".into()), Datum::Null]
            }
        );

        let mut u = vec![b'U'];
        u.extend(16384u32.to_be_bytes());
        u.push(b'K');
        u.extend(tuple_bytes(&[Some("7"), None], None));
        u.push(b'N');
        u.extend(tuple_bytes(&[Some("8"), Some("x")], Some(1)));
        assert_eq!(
            decode(&u).unwrap(),
            Message::Update {
                relid: 16384,
                old: Some(OldTuple::Key(vec![Datum::Text("7".into()), Datum::Null])),
                new: vec![Datum::Text("8".into()), Datum::UnchangedToast]
            }
        );
        let mut u2 = vec![b'U'];
        u2.extend(1u32.to_be_bytes());
        u2.push(b'N');
        u2.extend(tuple_bytes(&[Some("1")], None));
        assert!(matches!(
            decode(&u2).unwrap(),
            Message::Update { old: None, .. }
        ));

        let mut d = vec![b'D'];
        d.extend(16384u32.to_be_bytes());
        d.push(b'O');
        d.extend(tuple_bytes(&[Some("7"), Some("é")], None));
        assert_eq!(
            decode(&d).unwrap(),
            Message::Delete {
                relid: 16384,
                old: OldTuple::Full(vec![Datum::Text("7".into()), Datum::Text("é".into())])
            }
        );

        let mut t = vec![b'T'];
        t.extend(2u32.to_be_bytes());
        t.push(1);
        t.extend(10u32.to_be_bytes());
        t.extend(11u32.to_be_bytes());
        assert_eq!(
            decode(&t).unwrap(),
            Message::Truncate {
                options: 1,
                relids: vec![10, 11]
            }
        );
    }

    #[test]
    fn origin_type_message_and_errors() {
        let mut o = vec![b'O'];
        o.extend(3u64.to_be_bytes());
        o.extend(b"node1\0");
        assert_eq!(
            decode(&o).unwrap(),
            Message::Origin {
                lsn: 3,
                name: "node1".into()
            }
        );
        let mut y = vec![b'Y'];
        y.extend(99u32.to_be_bytes());
        y.extend(b"public\0mood\0");
        assert_eq!(
            decode(&y).unwrap(),
            Message::Type {
                oid: 99,
                namespace: "public".into(),
                name: "mood".into()
            }
        );
        let mut m = vec![b'M', 1];
        m.extend(4u64.to_be_bytes());
        m.extend(b"app\0");
        m.extend(2i32.to_be_bytes());
        m.extend(b"hi");
        assert_eq!(
            decode(&m).unwrap(),
            Message::Logical {
                transactional: true,
                lsn: 4,
                prefix: "app".into(),
                content: b"hi".to_vec()
            }
        );
        assert_eq!(decode(b"Z"), Err(DecodeError::UnknownMessage('Z')));
        let mut bad = vec![b'I'];
        bad.extend(1u32.to_be_bytes());
        bad.push(b'N');
        bad.extend(1i16.to_be_bytes());
        bad.push(b'x');
        assert_eq!(decode(&bad), Err(DecodeError::UnknownColumnKind('x')));
    }

    #[test]
    fn lsn_round_trip() {
        assert_eq!(parse_lsn("16/B374D848"), Some(0x16_B374_D848));
        assert_eq!(format_lsn(0x16_B374_D848), "16/B374D848");
        assert_eq!(parse_lsn("0/0"), Some(0));
        assert_eq!(parse_lsn("nope"), None);
    }

    #[test]
    fn commit_times_off_the_wire_never_overflow() {
        // A Begin carrying the largest timestamp (as fuzzing feeds it).
        let mut b = vec![b'B'];
        b.extend_from_slice(&0u64.to_be_bytes());
        b.extend_from_slice(&i64::MAX.to_be_bytes());
        b.extend_from_slice(&7u32.to_be_bytes());
        let Ok(Message::Begin {
            commit_ts_micros, ..
        }) = decode(&b)
        else {
            panic!("a Begin");
        };
        assert_eq!(unix_micros(commit_ts_micros), i64::MAX);
        assert_eq!(unix_micros(0), 946_684_800_000_000);
    }
}
