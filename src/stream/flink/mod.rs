//! Apache Flink: its REST API (jobs, jars, savepoints), its SQL Gateway's REST API, and
//! the SQL runner program for clusters without a gateway. `submit` puts a plan on a
//! cluster through one or the other.

pub mod gateway;
pub mod rest;
pub mod runner;
pub mod submit;

use std::time::Duration;

use serde_json::Value;

use crate::http::{Answer, JsonClient};

/// What went wrong talking to Flink.
#[derive(Debug, thiserror::Error)]
pub enum FlinkError {
    #[error("cannot reach {service} at {url}: {source}")]
    Unreachable {
        service: &'static str,
        url: String,
        #[source]
        source: reqwest::Error,
    },
    #[error("{what} answered {status}: {message}")]
    Refused {
        what: String,
        status: u16,
        message: String,
    },
    #[error("{what}: unexpected answer: {detail}")]
    Unexpected { what: String, detail: String },
    #[error("no Flink job named `{0}`")]
    NoSuchJob(String),
    #[error("{what} did not finish within {}s", timeout.as_secs())]
    Timeout { what: String, timeout: Duration },
    #[error("{what} failed: {message}")]
    Failed { what: String, message: String },
    #[error(transparent)]
    Runner(#[from] runner::RunnerError),
}

/// Flink's REST API or its SQL Gateway through the one JSON client (`crate::http`), with
/// Flink's reading of a refusal.
#[derive(Clone)]
pub(crate) struct Http {
    pub json: JsonClient,
    pub service: &'static str,
}

impl Http {
    pub fn new(url: &str, service: &'static str) -> Http {
        Http::with_timeout(url, service, Duration::from_secs(60))
    }

    /// A caller whose every request (connecting included) ends within `timeout`.
    pub fn with_timeout(url: &str, service: &'static str, timeout: Duration) -> Http {
        Http {
            json: JsonClient::new(url, timeout),
            service,
        }
    }

    pub async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<Value, FlinkError> {
        let answer = self.json.call(method.clone(), path, body).await;
        self.finish(&format!("{method} {path}"), answer)
    }

    /// Flink's reading of an answer: a status of 400 or more is a refusal.
    pub fn finish(
        &self,
        what: &str,
        answer: Result<Answer, reqwest::Error>,
    ) -> Result<Value, FlinkError> {
        let Answer { status, body } = answer.map_err(|source| FlinkError::Unreachable {
            service: self.service,
            url: self.json.shown().to_string(),
            source,
        })?;
        if status >= 400 {
            return Err(FlinkError::Refused {
                what: format!("{} {what}", self.service),
                status,
                message: error_message(&body),
            });
        }
        Ok(body)
    }
}

/// Flink answers errors as `{"errors": ["...", "<stack trace>"]}`: the most telling line.
pub fn error_message(v: &Value) -> String {
    let Some(errors) = v.get("errors").and_then(Value::as_array) else {
        return match v {
            Value::String(s) => s.chars().take(500).collect(),
            other => other.to_string(),
        };
    };
    let texts: Vec<&str> = errors.iter().filter_map(Value::as_str).collect();
    // The first entry is often "Internal server error."; the cause is in the trace: the
    // innermost "Caused by:", else the first exception.
    let mut first = None;
    let mut innermost = None;
    for t in &texts {
        for line in t.lines() {
            let l = line.trim();
            if l.starts_with("at ") {
                continue;
            }
            if let Some(i) = l.find("Exception: ") {
                let cause = l[i + "Exception: ".len()..].to_string();
                if cause.is_empty() {
                    continue;
                }
                if l.starts_with("Caused by: ") {
                    innermost = Some(cause);
                } else if first.is_none() {
                    first = Some(cause);
                }
            }
        }
    }
    if let Some(c) = innermost.or(first) {
        return c.chars().take(500).collect();
    }
    texts
        .iter()
        .map(|t| t.lines().next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The innermost "Caused by:" of a Java stack trace, for messages.
pub fn root_cause(trace: &str) -> String {
    let mut cause = trace.lines().next().unwrap_or("").to_string();
    for line in trace.lines() {
        if let Some(rest) = line.trim().strip_prefix("Caused by: ") {
            cause = rest.to_string();
        }
    }
    cause.chars().take(500).collect()
}

// The kind (and so the exit code) of each error; the CLI adds its hints at the boundary.

impl From<FlinkError> for crate::error::Error {
    fn from(e: FlinkError) -> Self {
        use crate::error::ErrorKind;
        use runner::RunnerError;
        let kind = match &e {
            FlinkError::Unreachable { .. } => ErrorKind::Connection,
            FlinkError::NoSuchJob(_) | FlinkError::Refused { status: 404, .. } => {
                ErrorKind::NotFound
            }
            FlinkError::Runner(
                RunnerError::NoFlinkHome | RunnerError::NoFlinkJars(_) | RunnerError::NoJdk(_),
            ) => ErrorKind::Config,
            _ => ErrorKind::Runtime,
        };
        crate::error::Error::from_domain(kind, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flink_errors_are_shortened_to_their_cause() {
        let v = json!({"errors": ["Internal server error.", "<Exception on server side:\norg.apache.flink.table.api.ValidationException: Object 'x' not found\n\tat org.apache..."]});
        assert_eq!(error_message(&v), "Object 'x' not found");
        let v = json!({"errors": ["Internal server error.", "<Exception on server side:\na.SqlExecutionException: Failed to execute.\n\tat x\nCaused by: b.ValidationException: Unknown table 'y'.\n\tat z"]});
        assert_eq!(error_message(&v), "Unknown table 'y'.");
        assert_eq!(
            error_message(&json!({"errors": ["Job not found"]})),
            "Job not found"
        );
        let trace = "org.a.B: top\n\tat x\nCaused by: java.io.IOException: disk full\n\tat y";
        assert_eq!(root_cause(trace), "java.io.IOException: disk full");
    }
}
