//! Flink's REST API (the JobManager's, `rest.port`): jobs, cancel and stop-with-savepoint,
//! jar upload and run.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::{FlinkError, Http};
use crate::http::enc;

#[derive(Clone)]
pub struct FlinkRest {
    http: Http,
}

/// One row of `GET /jobs/overview`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JobOverview {
    pub jid: String,
    pub name: String,
    pub state: String,
    #[serde(rename = "start-time", default)]
    pub start_time: i64,
    #[serde(rename = "end-time", default)]
    pub end_time: i64,
    #[serde(default)]
    pub duration: i64,
    /// Tasks by state (`total`, `running`, `finished`, `failed`, ...), as Flink counts them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tasks: BTreeMap<String, i64>,
}

impl JobOverview {
    /// Running or on its way there (not FINISHED, CANCELED or FAILED).
    pub fn is_active(&self) -> bool {
        !is_terminal(&self.state)
    }

    /// Which of several jobs of one name is "the" job: the active one, else the one
    /// started last.
    fn rank(&self) -> (bool, i64) {
        (self.is_active(), self.start_time)
    }
}

/// One job per name, chosen as [`FlinkRest::find`] chooses it; by name.
pub fn current_per_name(jobs: Vec<JobOverview>) -> Vec<JobOverview> {
    let mut by_name: BTreeMap<String, JobOverview> = BTreeMap::new();
    for j in jobs {
        match by_name.get(&j.name) {
            Some(have) if have.rank() >= j.rank() => {}
            _ => {
                by_name.insert(j.name.clone(), j);
            }
        }
    }
    by_name.into_values().collect()
}

pub fn is_terminal(state: &str) -> bool {
    matches!(state, "FINISHED" | "CANCELED" | "FAILED" | "SUSPENDED")
}

/// `GET /jobs/:id`, the parts livedbctl shows.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JobDetails {
    pub jid: String,
    pub name: String,
    pub state: String,
    #[serde(rename = "start-time", default)]
    pub start_time: i64,
    #[serde(rename = "end-time", default)]
    pub end_time: i64,
    #[serde(default)]
    pub duration: i64,
    #[serde(default)]
    pub vertices: Vec<Vertex>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Vertex {
    pub name: String,
    #[serde(default)]
    pub parallelism: i64,
    pub status: String,
    #[serde(default)]
    pub metrics: VertexMetrics,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct VertexMetrics {
    #[serde(rename = "read-records", default)]
    pub read_records: i64,
    #[serde(rename = "write-records", default)]
    pub write_records: i64,
}

/// An uploaded jar (`GET /jars`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Jar {
    pub id: String,
    pub name: String,
}

impl FlinkRest {
    pub fn new(url: &str) -> FlinkRest {
        FlinkRest {
            http: Http::new(url, "Flink"),
        }
    }

    /// A client whose requests give up after `timeout` (a watcher that must not wait).
    pub fn with_timeout(url: &str, timeout: Duration) -> FlinkRest {
        FlinkRest {
            http: Http::with_timeout(url, "Flink", timeout),
        }
    }

    /// The cluster's address for messages and reports (any password replaced).
    pub fn url(&self) -> &str {
        self.http.json.shown()
    }

    pub async fn jobs(&self) -> Result<Vec<JobOverview>, FlinkError> {
        let v = self.http.call(Method::GET, "/jobs/overview", None).await?;
        let jobs = v.get("jobs").cloned().unwrap_or(Value::Array(Vec::new()));
        serde_json::from_value(jobs).map_err(|e| FlinkError::Unexpected {
            what: "GET /jobs/overview".into(),
            detail: e.to_string(),
        })
    }

    pub async fn job(&self, id: &str) -> Result<JobDetails, FlinkError> {
        let v = self
            .http
            .call(Method::GET, &format!("/jobs/{}", enc(id)), None)
            .await?;
        serde_json::from_value(v).map_err(|e| FlinkError::Unexpected {
            what: format!("GET /jobs/{id}"),
            detail: e.to_string(),
        })
    }

    /// The job called `name_or_id` (or with that id): the active one if there is one, else
    /// the one started last.
    pub async fn find(&self, name_or_id: &str) -> Result<JobOverview, FlinkError> {
        let jobs = self.jobs().await?;
        if let Some(j) = jobs.iter().find(|j| j.jid == name_or_id) {
            return Ok(j.clone());
        }
        jobs.into_iter()
            .filter(|j| j.name == name_or_id)
            .max_by_key(JobOverview::rank)
            .ok_or_else(|| FlinkError::NoSuchJob(name_or_id.to_string()))
    }

    /// `PATCH /jobs/:id?mode=cancel`.
    pub async fn cancel(&self, id: &str) -> Result<(), FlinkError> {
        self.http
            .call(
                Method::PATCH,
                &format!("/jobs/{}?mode=cancel", enc(id)),
                None,
            )
            .await?;
        Ok(())
    }

    /// `POST /jobs/:id/stop` with a savepoint into `dir`; waits for the savepoint and
    /// returns its location. A job whose tasks are still being deployed cannot take a
    /// savepoint yet: that is retried until `timeout`.
    pub async fn stop_with_savepoint(
        &self,
        id: &str,
        dir: &str,
        timeout: Duration,
    ) -> Result<String, FlinkError> {
        let deadline = Instant::now() + timeout;
        loop {
            match self
                .try_stop_with_savepoint(id, dir, deadline, timeout)
                .await
            {
                Err(FlinkError::Failed { message, .. })
                    if message.contains("not being executed at the moment")
                        && Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                other => return other,
            }
        }
    }

    async fn try_stop_with_savepoint(
        &self,
        id: &str,
        dir: &str,
        deadline: Instant,
        timeout: Duration,
    ) -> Result<String, FlinkError> {
        let v = self
            .http
            .call(
                Method::POST,
                &format!("/jobs/{}/stop", enc(id)),
                Some(&json!({"targetDirectory": dir, "drain": false})),
            )
            .await?;
        let trigger = v
            .get("request-id")
            .and_then(Value::as_str)
            .ok_or_else(|| FlinkError::Unexpected {
                what: format!("POST /jobs/{id}/stop"),
                detail: format!("no request-id in {v}"),
            })?
            .to_string();
        loop {
            let path = format!("/jobs/{}/savepoints/{}", enc(id), enc(&trigger));
            let st = self.http.call(Method::GET, &path, None).await?;
            let state = st
                .pointer("/status/id")
                .and_then(Value::as_str)
                .unwrap_or("");
            if state == "COMPLETED" {
                if let Some(loc) = st.pointer("/operation/location").and_then(Value::as_str) {
                    return Ok(loc.to_string());
                }
                let cause = st
                    .pointer("/operation/failure-cause/stack-trace")
                    .and_then(Value::as_str)
                    .map(super::root_cause)
                    .unwrap_or_else(|| st.to_string());
                return Err(FlinkError::Failed {
                    what: format!("the savepoint of job {id}"),
                    message: cause,
                });
            }
            if Instant::now() >= deadline {
                return Err(FlinkError::Timeout {
                    what: format!("the savepoint of job {id}"),
                    timeout,
                });
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
    }

    /// Poll until the job reaches a terminal state; returns it.
    pub async fn wait_terminal(&self, id: &str, timeout: Duration) -> Result<String, FlinkError> {
        let deadline = Instant::now() + timeout;
        loop {
            let j = self.job(id).await?;
            if is_terminal(&j.state) {
                return Ok(j.state);
            }
            if Instant::now() >= deadline {
                return Err(FlinkError::Timeout {
                    what: format!("job {id} ({})", j.state),
                    timeout,
                });
            }
            tokio::time::sleep(Duration::from_millis(300)).await;
        }
    }

    pub async fn jars(&self) -> Result<Vec<Jar>, FlinkError> {
        let v = self.http.call(Method::GET, "/jars", None).await?;
        let files = v.get("files").cloned().unwrap_or(Value::Array(Vec::new()));
        serde_json::from_value(files).map_err(|e| FlinkError::Unexpected {
            what: "GET /jars".into(),
            detail: e.to_string(),
        })
    }

    /// `POST /jars/upload` (multipart field `jarfile`); returns the jar's id.
    pub async fn upload_jar(&self, path: &Path, name: &str) -> Result<String, FlinkError> {
        let bytes = std::fs::read(path).map_err(|e| FlinkError::Failed {
            what: format!("reading {}", path.display()),
            message: e.to_string(),
        })?;
        let part = reqwest::multipart::Part::bytes(bytes)
            .file_name(name.to_string())
            .mime_str("application/x-java-archive")
            .map_err(|e| FlinkError::Unexpected {
                what: "POST /jars/upload".into(),
                detail: e.to_string(),
            })?;
        let form = reqwest::multipart::Form::new().part("jarfile", part);
        // A jar takes longer to send than an API call.
        let req = self
            .http
            .json
            .request(Method::POST, "/jars/upload")
            .timeout(Duration::from_secs(120))
            .multipart(form);
        let v = self
            .http
            .finish("POST /jars/upload", self.http.json.send(req).await)?;
        let filename =
            v.get("filename")
                .and_then(Value::as_str)
                .ok_or_else(|| FlinkError::Unexpected {
                    what: "POST /jars/upload".into(),
                    detail: v.to_string(),
                })?;
        // The id is the stored file's name.
        Ok(filename
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(filename)
            .to_string())
    }

    /// `POST /jars/:id/run`; returns the job id.
    pub async fn run_jar(
        &self,
        jar_id: &str,
        entry_class: &str,
        args: &[String],
    ) -> Result<String, FlinkError> {
        let v = self
            .http
            .call(
                Method::POST,
                &format!("/jars/{}/run", enc(jar_id)),
                Some(&json!({"entryClass": entry_class, "programArgsList": args})),
            )
            .await?;
        v.get("jobid")
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| FlinkError::Unexpected {
                what: format!("POST /jars/{jar_id}/run"),
                detail: v.to_string(),
            })
    }
}
