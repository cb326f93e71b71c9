//! "Was that a lost connection?" — the one answer, used by every loop that reconnects
//! (`produce poll`, `seed burst`, the CDC engine's runner, over its SQL and replication
//! connections). Only a connection that is gone, or a server that is
//! shutting down or not yet accepting, counts: an error made on this side (a value that
//! does not convert, a bad statement, a protocol surprise) is a bug or bad input, and
//! retrying it would loop forever. It is reported instead.

use std::error::Error as _;

/// SQLSTATEs of a server that went away or is not there yet: class 08 (connection
/// exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now,
/// 57P05 idle session timeout.
pub(crate) fn is_lost_connection_state(code: &str) -> bool {
    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "57P05")
}

/// True when `e` means the connection to the server is lost and reconnecting may help.
pub fn is_connection_loss(e: &tokio_postgres::Error, client: &tokio_postgres::Client) -> bool {
    if client.is_closed() || e.is_closed() {
        return true;
    }
    if let Some(db) = e.as_db_error() {
        return is_lost_connection_state(db.code().code());
    }
    // A socket error (reset, broken pipe, timeout) under the client's error.
    let mut source = e.source();
    while let Some(s) = source {
        if s.is::<std::io::Error>() {
            return true;
        }
        source = s.source();
    }
    false
}

/// The same question about an error that reached the command boundary (an engine that
/// gave up): a lost-connection SQLSTATE, or a PostgreSQL client error whose connection
/// closed or whose socket failed. A refused certificate is not a lost connection.
/// `other` answers for an error type of a higher layer found in the chain (the CDC
/// engine's replication connection): `Some(answer)` decides, `None` looks further.
pub fn is_lost(
    e: &crate::error::Error,
    other: impl Fn(&(dyn std::error::Error + 'static)) -> Option<bool>,
) -> bool {
    if e.code.as_deref().is_some_and(is_lost_connection_state) {
        return true;
    }
    let mut source = e.source();
    while let Some(s) = source {
        match s.downcast_ref::<crate::pg::PgError>() {
            Some(crate::pg::PgError::Tls { .. } | crate::pg::PgError::TlsSetup(_)) => return false,
            Some(crate::pg::PgError::LoginTimeout { .. }) => return true,
            _ => {}
        }
        if let Some(answer) = other(s) {
            return answer;
        }
        if let Some(pg) = s.downcast_ref::<tokio_postgres::Error>() {
            if pg.is_closed() {
                return true;
            }
            if let Some(db) = pg.as_db_error() {
                return is_lost_connection_state(db.code().code());
            }
            let mut inner = pg.source();
            while let Some(i) = inner {
                if i.is::<std::io::Error>() {
                    return true;
                }
                inner = i.source();
            }
            return false;
        }
        source = s.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_going_away_is_a_loss_and_bad_data_is_not() {
        for code in ["08006", "08001", "57P01", "57P02", "57P03", "57P05"] {
            assert!(is_lost_connection_state(code), "{code}");
        }
        // 22P02 invalid text, 23505 unique violation, 42P01 no table, 57P04 database
        // dropped, 57014 statement cancelled: retrying cannot help.
        for code in ["22P02", "23505", "42P01", "57P04", "57014"] {
            assert!(!is_lost_connection_state(code), "{code}");
        }
    }
}
