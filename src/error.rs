//! The one error type that reaches the boundary. Every error knows its kind, which decides
//! the exit code, and carries hints that tell the operator what to do next.
//!
//! Domain modules have their own `thiserror` enums (`PgError`, `ConsumerError`,
//! `PipelineError`, `CdcError`, `TopicError`, ...) that say what failed in the domain's
//! words and keep the cause as their `source`; each domain's `From` turns its error into
//! this type with the kind that fits (beside the domain error, so this module knows no
//! domain). The words about the command line (hints naming flags and commands) are added
//! by the binary at its boundary, from the domain error kept as the source.

use std::fmt;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Wrong flags or arguments, or a refused prompt: exit 2.
    Usage,
    /// A broken or missing profile or setting: exit 2.
    Config,
    /// A service could not be reached: exit 1.
    Connection,
    /// Something named does not exist (topic, table, service): exit 1.
    NotFound,
    /// The operation failed at run time: exit 1.
    Runtime,
    /// stdout was closed by the reader (`| head`): a normal exit.
    BrokenPipe,
    /// A bug in livedbctl: exit 1.
    Internal,
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    pub hints: Vec<String>,
    /// A code from the other side (Kafka error name, SQLSTATE), kept for JSON output.
    pub code: Option<String>,
    /// The domain error this one was made from, with its own chain of causes.
    pub source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            hints: Vec::new(),
            code: None,
            source: None,
        }
    }

    /// An error of `kind` made from a domain error: the message is the domain error's
    /// message followed by its causes (`what: cause: cause`), and the error is kept.
    pub fn from_domain(kind: ErrorKind, e: impl std::error::Error + Send + Sync + 'static) -> Self {
        let mut err = Self::new(kind, chain(&e));
        err.source = Some(Arc::new(e));
        err
    }

    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Usage, message)
    }
    pub fn config(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Config, message)
    }
    pub fn connection(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Connection, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }
    pub fn runtime(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Runtime, message)
    }
    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Internal, message)
    }
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }
    /// Keep `e` as the error this one was made from (its causes, and what the CLI reads
    /// to add hints), the message unchanged.
    pub fn with_source(mut self, e: impl std::error::Error + Send + Sync + 'static) -> Self {
        self.source = Some(Arc::new(e));
        self
    }
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }
    /// Prefix the message with what was being done, keeping kind and hints.
    pub fn context(mut self, what: impl fmt::Display) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }

    pub fn exit_code(&self) -> i32 {
        match self.kind {
            ErrorKind::Usage | ErrorKind::Config => 2,
            ErrorKind::BrokenPipe => 0,
            _ => 1,
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::new(ErrorKind::BrokenPipe, "broken pipe")
        } else {
            Error::runtime(e.to_string())
        }
    }
}

/// `message: cause: cause ...`, each cause once (a cause whose text is already at the end
/// of the message is not repeated).
pub fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let text = c.to_string();
        if !text.is_empty() && !out.ends_with(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        cause = c.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, thiserror::Error)]
    #[error("reading the seed file")]
    struct Outer(#[source] std::io::Error);

    #[test]
    fn a_domain_error_keeps_its_chain_in_the_message_and_as_source() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
        let e = Error::from_domain(ErrorKind::Usage, Outer(io));
        assert_eq!(e.message, "reading the seed file: no such file");
        assert_eq!(e.exit_code(), 2);
        assert!(std::error::Error::source(&e).is_some());
    }
}
