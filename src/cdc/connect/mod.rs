//! A client for the Kafka Connect REST API, for managing a real Debezium PostgreSQL
//! connector: create/update, status of the connector and every task, restart, pause,
//! resume, stop, delete, and waiting until everything is RUNNING.
//!
//! Connect answers 409 while the cluster rebalances: requests are retried. A connector can
//! report RUNNING while its tasks have FAILED, so readiness always looks at the tasks too.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result};
use crate::http::{enc, Answer, JsonClient};

/// What Kafka Connect refused or could not do, in its own words; the command layer adds
/// the command or flag that helps.
#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot reach Kafka Connect at {url}: {source}")]
    Unreachable {
        url: String,
        #[source]
        source: reqwest::Error,
    },
    /// An answer of status 400 or more; `what` is `Kafka Connect METHOD PATH`.
    #[error("{}", refused_text(what, *status, message))]
    Refused {
        what: String,
        status: u16,
        message: String,
    },
    #[error(
        "task {task} of connector `{name}` FAILED (the connector itself reports {connector_state})"
    )]
    TaskFailed {
        name: String,
        task: i64,
        connector_state: String,
        trace: Option<String>,
    },
    #[error("connector `{name}` FAILED")]
    ConnectorFailed { name: String, trace: Option<String> },
    #[error("connector `{name}` was not RUNNING with all tasks within {}: {states}", humantime::format_duration(*timeout))]
    NotRunning {
        name: String,
        timeout: Duration,
        states: String,
    },
    #[error("connector `{name}` was not {want} within {}: {states}", humantime::format_duration(*timeout))]
    NotInState {
        name: String,
        want: &'static str,
        timeout: Duration,
        states: String,
    },
    /// The offsets of a connector that runs cannot be moved (KIP-875).
    #[error("connector `{name}` is {state}: its offsets move only while it is STOPPED")]
    NotStopped { name: String, state: String },
    #[error("{file}: neither JSON nor YAML: {source}")]
    NotJsonNorYaml {
        file: String,
        #[source]
        source: serde_yaml::Error,
    },
}

fn refused_text(what: &str, status: u16, msg: &str) -> String {
    match status {
        404 => format!("{what}: {msg}"),
        400 | 422 => format!("{what} refused the configuration: {msg}"),
        409 => format!("{what}: still rebalancing after retries: {msg}"),
        _ => format!("{what} failed ({status}): {msg}"),
    }
}

// The kind (and so the exit code) of each error, and Connect's status as the code; the
// CLI adds its hints at the boundary. The message is the error's own line, without its
// causes (as it always read).
impl From<ConnectError> for Error {
    fn from(e: ConnectError) -> Self {
        let (kind, code) = match &e {
            ConnectError::Unreachable { .. } => (ErrorKind::Connection, None),
            ConnectError::Refused { status, .. } => (
                match status {
                    404 => ErrorKind::NotFound,
                    400 | 422 => ErrorKind::Usage,
                    _ => ErrorKind::Runtime,
                },
                Some(status.to_string()),
            ),
            ConnectError::TaskFailed { .. }
            | ConnectError::ConnectorFailed { .. }
            | ConnectError::NotRunning { .. }
            | ConnectError::NotInState { .. } => (ErrorKind::Runtime, None),
            ConnectError::NotStopped { .. } => (ErrorKind::Usage, None),
            ConnectError::NotJsonNorYaml { .. } => (ErrorKind::Usage, None),
        };
        let mut err = Error::new(kind, e.to_string()).with_source(e);
        err.code = code;
        err
    }
}

#[derive(Clone)]
pub struct ConnectClient {
    http: JsonClient,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StateInfo {
    pub state: String,
    #[serde(default)]
    pub worker_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TaskState {
    pub id: i64,
    pub state: String,
    #[serde(default)]
    pub worker_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ConnectorStatus {
    pub name: String,
    pub connector: StateInfo,
    #[serde(default)]
    pub tasks: Vec<TaskState>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

impl ConnectorStatus {
    /// The connector and at least one task RUNNING, and no task in any other state.
    pub fn all_running(&self) -> bool {
        self.connector.state == "RUNNING"
            && !self.tasks.is_empty()
            && self.tasks.iter().all(|t| t.state == "RUNNING")
    }
    pub fn failed_task(&self) -> Option<&TaskState> {
        self.tasks.iter().find(|t| t.state == "FAILED")
    }
}

/// A connector's config as it may be shown: the one redaction, value by value.
pub fn redact(config: &Map<String, Value>) -> Map<String, Value> {
    crate::profile::redact_config(config)
}

/// An answer that asks the client to try again after a rebalance: 409 (one is in
/// progress), or a 500 whose message says one is expected (a worker answers so right
/// after a task failed; seen in the suite).
fn rebalancing(status: u16, body: &Value) -> bool {
    status == 409
        || (status == 500
            && body
                .get("message")
                .and_then(Value::as_str)
                .is_some_and(|m| m.contains("rebalance is expected")))
}

impl ConnectClient {
    pub fn new(url: &str) -> Result<ConnectClient> {
        Ok(ConnectClient {
            http: JsonClient::new(url, Duration::from_secs(30)),
        })
    }

    pub(crate) async fn call(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<(u16, Value)> {
        let mut attempt = 0;
        loop {
            let Answer {
                status,
                body: value,
            } = self
                .http
                .call(method.clone(), path, body)
                .await
                .map_err(|source| ConnectError::Unreachable {
                    url: self.http.shown().to_string(),
                    source,
                })?;
            if rebalancing(status, &value) && attempt < 10 {
                attempt += 1;
                tokio::time::sleep(Duration::from_millis(250 * attempt)).await;
                continue;
            }
            if status >= 400 {
                let msg = value
                    .get("message")
                    .and_then(Value::as_str)
                    .map(String::from)
                    .unwrap_or_else(|| value.to_string());
                return Err(ConnectError::Refused {
                    what: format!("Kafka Connect {method} {path}"),
                    status,
                    message: msg,
                }
                .into());
            }
            return Ok((status, value));
        }
    }

    pub async fn list(&self) -> Result<Vec<String>> {
        let (_, v) = self.call(reqwest::Method::GET, "/connectors", None).await?;
        serde_json::from_value(v)
            .map_err(|e| Error::runtime(format!("unexpected answer from GET /connectors: {e}")))
    }

    pub async fn config(&self, name: &str) -> Result<Map<String, Value>> {
        let (_, v) = self
            .call(
                reqwest::Method::GET,
                &format!("/connectors/{}/config", enc(name)),
                None,
            )
            .await?;
        serde_json::from_value(v)
            .map_err(|e| Error::runtime(format!("unexpected connector config: {e}")))
    }

    /// Create or update (`PUT /connectors/{name}/config`); true when it was created.
    pub async fn put_config(&self, name: &str, config: &Map<String, Value>) -> Result<bool> {
        let (status, _) = self
            .call(
                reqwest::Method::PUT,
                &format!("/connectors/{}/config", enc(name)),
                Some(&Value::Object(config.clone())),
            )
            .await?;
        Ok(status == 201)
    }

    /// Create or update, then resume it when it was paused or stopped: `start`/`apply` mean "run".
    pub async fn put_config_and_run(
        &self,
        name: &str,
        config: &Map<String, Value>,
    ) -> Result<bool> {
        let created = self.put_config(name, config).await?;
        if !created {
            if let Ok(st) = self.status(name).await {
                if matches!(st.connector.state.as_str(), "PAUSED" | "STOPPED") {
                    self.put_state(name, "resume").await?;
                }
            }
        }
        Ok(created)
    }

    pub async fn status(&self, name: &str) -> Result<ConnectorStatus> {
        let (_, v) = self
            .call(
                reqwest::Method::GET,
                &format!("/connectors/{}/status", enc(name)),
                None,
            )
            .await?;
        serde_json::from_value(v)
            .map_err(|e| Error::runtime(format!("unexpected connector status: {e}")))
    }

    pub async fn restart(&self, name: &str, include_tasks: bool, only_failed: bool) -> Result<()> {
        self.call(
            reqwest::Method::POST,
            &format!(
                "/connectors/{}/restart?includeTasks={include_tasks}&onlyFailed={only_failed}",
                enc(name)
            ),
            None,
        )
        .await?;
        Ok(())
    }

    /// `pause`, `resume` or `stop`.
    pub async fn put_state(&self, name: &str, verb: &str) -> Result<()> {
        self.call(
            reqwest::Method::PUT,
            &format!("/connectors/{}/{verb}", enc(name)),
            None,
        )
        .await?;
        Ok(())
    }

    /// Delete, and wait until the worker no longer knows the connector: Connect answers at
    /// once and stops and forgets it later (its status is still served meanwhile).
    pub async fn delete(&self, name: &str, timeout: Duration) -> Result<()> {
        self.call(
            reqwest::Method::DELETE,
            &format!("/connectors/{}", enc(name)),
            None,
        )
        .await?;
        let deadline = Instant::now() + timeout;
        loop {
            match self.status(name).await {
                Err(e) if e.kind == ErrorKind::NotFound => return Ok(()),
                Err(e) => return Err(e),
                Ok(st) if Instant::now() >= deadline => {
                    return Err(ConnectError::NotInState {
                        name: name.to_string(),
                        want: "deleted",
                        timeout,
                        states: format!("connector {}", st.connector.state),
                    }
                    .into())
                }
                Ok(_) => tokio::time::sleep(Duration::from_millis(250)).await,
            }
        }
    }

    /// Poll until the connector and all its tasks are RUNNING; fail as soon as the
    /// connector or a task FAILED (with its trace), or when `timeout` passes.
    pub async fn wait_running(
        &self,
        name: &str,
        timeout: Duration,
        poll: Duration,
    ) -> Result<ConnectorStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            let st = match self.status(name).await {
                Ok(s) => Some(s),
                // Just created: the status may not exist yet.
                Err(e) if e.kind == crate::error::ErrorKind::NotFound => None,
                Err(e) => return Err(e),
            };
            if let Some(st) = &st {
                if let Some(t) = st.failed_task() {
                    return Err(ConnectError::TaskFailed {
                        name: name.to_string(),
                        task: t.id,
                        connector_state: st.connector.state.clone(),
                        trace: t.trace.clone(),
                    }
                    .into());
                }
                if st.connector.state == "FAILED" {
                    return Err(ConnectError::ConnectorFailed {
                        name: name.to_string(),
                        trace: st.connector.trace.clone(),
                    }
                    .into());
                }
                if st.all_running() {
                    return Ok(st.clone());
                }
            }
            if Instant::now() >= deadline {
                let states = st
                    .map(|s| {
                        let tasks: Vec<String> = s
                            .tasks
                            .iter()
                            .map(|t| format!("task {} {}", t.id, t.state))
                            .collect();
                        format!(
                            "connector {}, {}",
                            s.connector.state,
                            if tasks.is_empty() {
                                "no tasks".into()
                            } else {
                                tasks.join(", ")
                            }
                        )
                    })
                    .unwrap_or_else(|| "no status yet".into());
                return Err(ConnectError::NotRunning {
                    name: name.to_string(),
                    timeout,
                    states,
                }
                .into());
            }
            tokio::time::sleep(poll).await;
        }
    }
}

/// What `pause`, `resume` and `stop` ask for, and when the worker has got there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetState {
    Paused,
    Running,
    Stopped,
}

impl TargetState {
    /// The REST verb (`PUT /connectors/NAME/VERB`).
    pub fn verb(self) -> &'static str {
        match self {
            TargetState::Paused => "pause",
            TargetState::Running => "resume",
            TargetState::Stopped => "stop",
        }
    }
    pub fn state(self) -> &'static str {
        match self {
            TargetState::Paused => "PAUSED",
            TargetState::Running => "RUNNING",
            TargetState::Stopped => "STOPPED",
        }
    }
    /// Connect answers the request at once and moves the connector and its tasks later:
    /// a stopped connector has no tasks left, a paused one has all of them paused.
    pub fn reached(self, st: &ConnectorStatus) -> bool {
        match self {
            TargetState::Running => st.all_running(),
            TargetState::Paused => {
                st.connector.state == "PAUSED" && st.tasks.iter().all(|t| t.state == "PAUSED")
            }
            TargetState::Stopped => st.connector.state == "STOPPED" && st.tasks.is_empty(),
        }
    }
}

impl ConnectClient {
    /// Ask for `target` and wait until the connector and its tasks are there; a FAILED
    /// connector or task ends the wait with its trace.
    pub async fn move_to(
        &self,
        name: &str,
        target: TargetState,
        timeout: Duration,
    ) -> Result<ConnectorStatus> {
        self.put_state(name, target.verb()).await?;
        let deadline = Instant::now() + timeout;
        loop {
            let st = match self.status(name).await {
                Ok(st) => st,
                // Just created: its status may not be written yet.
                Err(e) if e.kind == ErrorKind::NotFound && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(250)).await;
                    continue;
                }
                Err(e) => return Err(e),
            };
            if target.reached(&st) {
                return Ok(st);
            }
            if let Some(t) = st.failed_task() {
                return Err(ConnectError::TaskFailed {
                    name: name.to_string(),
                    task: t.id,
                    connector_state: st.connector.state.clone(),
                    trace: t.trace.clone(),
                }
                .into());
            }
            if st.connector.state == "FAILED" {
                return Err(ConnectError::ConnectorFailed {
                    name: name.to_string(),
                    trace: st.connector.trace.clone(),
                }
                .into());
            }
            if Instant::now() >= deadline {
                let tasks: Vec<String> = st
                    .tasks
                    .iter()
                    .map(|t| format!("task {} {}", t.id, t.state))
                    .collect();
                return Err(ConnectError::NotInState {
                    name: name.to_string(),
                    want: target.state(),
                    timeout,
                    states: format!(
                        "connector {}, {}",
                        st.connector.state,
                        if tasks.is_empty() {
                            "no tasks".into()
                        } else {
                            tasks.join(", ")
                        }
                    ),
                }
                .into());
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
}

/// What a Java stack trace says, without the stack: its first line and each `Caused by:`
/// line (the deepest is usually the reason: a refused password, a slot that exists).
pub fn trace_reason(trace: &str) -> String {
    let lines: Vec<&str> = trace
        .lines()
        .filter(|l| !l.starts_with(char::is_whitespace) && !l.trim().is_empty())
        .collect();
    lines.join("\n    ")
}

/// The Debezium connector configuration livedbctl registers for `connector start --remote`.
pub struct DebeziumSpec<'a> {
    pub hostname: &'a str,
    pub port: u16,
    pub user: &'a str,
    pub password: Option<&'a str>,
    pub dbname: &'a str,
    pub topic_prefix: &'a str,
    pub tables: &'a [String],
    pub slot: &'a str,
    pub publication: &'a str,
    /// Debezium's snapshot.mode value.
    pub snapshot_mode: &'a str,
    pub tombstones: bool,
    pub decimal_handling: &'a str,
    pub schemas_enable: bool,
    /// Debezium's `skipped.operations` (None: its default).
    pub skipped_operations: Option<String>,
    pub transaction_metadata: bool,
    /// Debezium's `extended.headers.enabled` (its default is true; the built-in engine's
    /// is false, and the same flags give the same events).
    pub extended_headers: bool,
    pub heartbeat_interval_ms: Option<u64>,
    pub heartbeat_action_query: Option<&'a str>,
    pub xmin_fetch_interval_ms: Option<u64>,
    /// Partitions and replication factor of the topics the connector creates (Connect's
    /// `topic.creation.default.*`; without them Connect leaves topic creation to the
    /// broker's auto-creation, which brokers such as tansu do not do).
    pub topic_partitions: i32,
    pub topic_replication_factor: i32,
    /// The profile's TLS settings in pgjdbc's names ([`crate::settings::PgSettings::pgjdbc_tls`]),
    /// set as `database.<name>`: Debezium connects with pgjdbc, whose default is `prefer`.
    pub tls: Vec<(&'static str, String)>,
}

pub fn debezium_config(s: &DebeziumSpec<'_>) -> Map<String, Value> {
    let mut m = Map::new();
    let mut set = |k: &str, v: String| {
        m.insert(k.to_string(), Value::String(v));
    };
    set(
        "connector.class",
        "io.debezium.connector.postgresql.PostgresConnector".into(),
    );
    set("tasks.max", "1".into());
    // Debezium's community default is decoderbufs, which needs a server extension.
    set("plugin.name", "pgoutput".into());
    set("database.hostname", s.hostname.into());
    set("database.port", s.port.to_string());
    set("database.user", s.user.into());
    if let Some(p) = s.password {
        set("database.password", p.into());
    }
    set("database.dbname", s.dbname.into());
    for (k, v) in &s.tls {
        set(&format!("database.{k}"), v.clone());
    }
    set("topic.prefix", s.topic_prefix.into());
    set("table.include.list", s.tables.join(","));
    set("slot.name", s.slot.into());
    set("publication.name", s.publication.into());
    set("publication.autocreate.mode", "filtered".into());
    set("snapshot.mode", s.snapshot_mode.into());
    set("tombstones.on.delete", s.tombstones.to_string());
    set("decimal.handling.mode", s.decimal_handling.into());
    if let Some(ops) = &s.skipped_operations {
        set("skipped.operations", ops.clone());
    }
    if s.transaction_metadata {
        set("provide.transaction.metadata", "true".into());
    }
    set("extended.headers.enabled", s.extended_headers.to_string());
    if let Some(ms) = s.heartbeat_interval_ms {
        set("heartbeat.interval.ms", ms.to_string());
    }
    if let Some(q) = s.heartbeat_action_query {
        set("heartbeat.action.query", q.into());
    }
    if let Some(ms) = s.xmin_fetch_interval_ms {
        set("xmin.fetch.interval.ms", ms.to_string());
    }
    set(
        "topic.creation.default.partitions",
        s.topic_partitions.to_string(),
    );
    set(
        "topic.creation.default.replication.factor",
        s.topic_replication_factor.to_string(),
    );
    set(
        "key.converter",
        "org.apache.kafka.connect.json.JsonConverter".into(),
    );
    set("key.converter.schemas.enable", s.schemas_enable.to_string());
    set(
        "value.converter",
        "org.apache.kafka.connect.json.JsonConverter".into(),
    );
    set(
        "value.converter.schemas.enable",
        s.schemas_enable.to_string(),
    );
    m
}

/// Read a connector definition: `{"name": ..., "config": {...}}` or a flat config map
/// (with `name` inside), as JSON or YAML.
pub fn parse_definition(text: &str, file: &str) -> Result<(Option<String>, Map<String, Value>)> {
    let v: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => serde_yaml::from_str(text).map_err(|source| ConnectError::NotJsonNorYaml {
            file: file.to_string(),
            source,
        })?,
    };
    let Value::Object(mut obj) = v else {
        return Err(Error::usage(format!(
            "{file}: expected an object with `name` and `config`"
        )));
    };
    let name = obj.get("name").and_then(Value::as_str).map(String::from);
    let config = match obj.remove("config") {
        Some(Value::Object(c)) => c,
        Some(_) => {
            return Err(Error::usage(format!(
                "{file}: `config` must be an object of settings"
            )))
        }
        None => {
            obj.remove("name");
            obj
        }
    };
    // Connect wants every value as a string.
    let config = config
        .into_iter()
        .map(|(k, v)| {
            let s = match v {
                Value::String(s) => s,
                other => other.to_string(),
            };
            (k, Value::String(s))
        })
        .collect();
    Ok((name, config))
}

#[cfg(test)]
mod tests;
