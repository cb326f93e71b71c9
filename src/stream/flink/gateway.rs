//! Flink's SQL Gateway REST API: open a session, run statements one by one (each an
//! operation whose status is polled), read the job id from the result of the insert, close
//! the session.
//!
//! The official Python wheels carry no SQL Gateway jar, so this client is tested against a
//! stand-in server that follows the documented contract (`tests/support/sql_gateway.py`).

use std::time::{Duration, Instant};

use reqwest::Method;
use serde_json::{json, Value};

use super::{FlinkError, Http};
use crate::http::enc;

#[derive(Clone)]
pub struct SqlGateway {
    http: Http,
}

/// What one statement did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StatementOutcome {
    pub statement: usize,
    pub operation: String,
    /// Set for statements that started a job (an INSERT or a statement set).
    pub job_id: Option<String>,
}

impl SqlGateway {
    pub fn new(url: &str) -> SqlGateway {
        SqlGateway {
            http: Http::new(url, "Flink SQL Gateway"),
        }
    }

    /// The gateway's address for messages and reports (any password replaced).
    pub fn url(&self) -> &str {
        self.http.json.shown()
    }

    /// Run `statements` in a new session, in order; stops at the first that fails.
    pub async fn execute(
        &self,
        statements: &[String],
        timeout: Duration,
    ) -> Result<Vec<StatementOutcome>, FlinkError> {
        let session = self.open_session().await?;
        let result = self.run_all(&session, statements, timeout).await;
        // A session left open expires on the gateway; closing is a courtesy.
        let _ = self
            .http
            .call(
                Method::DELETE,
                &format!("/v1/sessions/{}", enc(&session)),
                None,
            )
            .await;
        result
    }

    async fn open_session(&self) -> Result<String, FlinkError> {
        let v = self
            .http
            .call(
                Method::POST,
                "/v1/sessions",
                Some(&json!({"sessionName": "livedbctl", "properties": {}})),
            )
            .await?;
        v.get("sessionHandle")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| FlinkError::Unexpected {
                what: "POST /v1/sessions".into(),
                detail: v.to_string(),
            })
    }

    async fn run_all(
        &self,
        session: &str,
        statements: &[String],
        timeout: Duration,
    ) -> Result<Vec<StatementOutcome>, FlinkError> {
        let mut out = Vec::new();
        for (i, statement) in statements.iter().enumerate() {
            let path = format!("/v1/sessions/{}/statements", enc(session));
            let v = self
                .http
                .call(Method::POST, &path, Some(&json!({"statement": statement})))
                .await
                .map_err(|e| in_statement(e, i))?;
            let op = v
                .get("operationHandle")
                .and_then(Value::as_str)
                .ok_or_else(|| FlinkError::Unexpected {
                    what: format!("POST {path}"),
                    detail: v.to_string(),
                })?
                .to_string();
            self.wait_finished(session, &op, i, timeout).await?;
            let job_id = self.job_id(session, &op, i).await?;
            out.push(StatementOutcome {
                statement: i + 1,
                operation: op,
                job_id,
            });
        }
        Ok(out)
    }

    async fn wait_finished(
        &self,
        session: &str,
        op: &str,
        i: usize,
        timeout: Duration,
    ) -> Result<(), FlinkError> {
        let path = format!(
            "/v1/sessions/{}/operations/{}/status",
            enc(session),
            enc(op)
        );
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.http.call(Method::GET, &path, None).await?;
            match v.get("status").and_then(Value::as_str).unwrap_or("") {
                "FINISHED" => return Ok(()),
                "ERROR" | "TIMEOUT" | "CANCELED" | "CLOSED" => {
                    // The result endpoint carries the exception of a failed operation.
                    let message = match self.fetch(session, op, 0).await {
                        Err(FlinkError::Refused { message, .. }) => message,
                        Err(other) => other.to_string(),
                        Ok(v) => v.to_string(),
                    };
                    return Err(FlinkError::Failed {
                        what: format!("statement {}", i + 1),
                        message,
                    });
                }
                _ => {}
            }
            if Instant::now() >= deadline {
                return Err(FlinkError::Timeout {
                    what: format!("statement {}", i + 1),
                    timeout,
                });
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    async fn fetch(&self, session: &str, op: &str, token: u64) -> Result<Value, FlinkError> {
        let path = format!(
            "/v1/sessions/{}/operations/{}/result/{token}?rowFormat=JSON",
            enc(session),
            enc(op)
        );
        self.http.call(Method::GET, &path, None).await
    }

    /// The job an operation started: `jobID` in the result, or the `job id` column.
    async fn job_id(
        &self,
        session: &str,
        op: &str,
        i: usize,
    ) -> Result<Option<String>, FlinkError> {
        let mut token = 0;
        for _ in 0..50 {
            let v = self
                .fetch(session, op, token)
                .await
                .map_err(|e| in_statement(e, i))?;
            if let Some(id) = v.get("jobID").and_then(Value::as_str) {
                return Ok(Some(id.to_string()));
            }
            let columns = v
                .pointer("/results/columns")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            if let Some(col) = columns
                .iter()
                .position(|c| c.get("name").and_then(Value::as_str) == Some("job id"))
            {
                let rows = v
                    .pointer("/results/data")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default();
                if let Some(id) = rows
                    .first()
                    .and_then(|r| r.get("fields"))
                    .and_then(|f| f.get(col))
                    .and_then(Value::as_str)
                {
                    return Ok(Some(id.to_string()));
                }
            }
            match v.get("resultType").and_then(Value::as_str) {
                Some("NOT_READY") => tokio::time::sleep(Duration::from_millis(200)).await,
                Some("PAYLOAD") if v.get("nextResultUri").is_some_and(|n| !n.is_null()) => {
                    token += 1
                }
                _ => return Ok(None),
            }
        }
        Ok(None)
    }
}

fn in_statement(e: FlinkError, i: usize) -> FlinkError {
    match e {
        FlinkError::Refused { message, .. } => FlinkError::Failed {
            what: format!("statement {}", i + 1),
            message,
        },
        other => other,
    }
}
