//! Putting a plan on a Flink cluster: through the SQL Gateway when there is one, else by
//! uploading the SQL runner and running it with the statements as its arguments.

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use super::gateway::SqlGateway;
use super::rest::FlinkRest;
use super::runner::{self, RunnerError};
use super::FlinkError;
use crate::stream::sql::Plan;

/// How statements reach the cluster.
#[derive(Debug, Clone)]
pub enum Route {
    Gateway { url: String },
    Runner { rest_url: String, jar: RunnerJar },
}

#[derive(Debug, Clone)]
pub enum RunnerJar {
    /// A jar built beforehand (`flink.runner_jar`, `--runner-jar`).
    Prebuilt(PathBuf),
    /// Build it against this Flink's jars, cached in `cache_dir`.
    Build {
        flink_home: Option<PathBuf>,
        cache_dir: PathBuf,
    },
}

/// `stream submit -o json` prints this.
#[derive(Debug, Clone, Serialize)]
pub struct Submitted {
    pub job: String,
    pub job_id: Option<String>,
    /// `sql-gateway` or `sql-runner`.
    pub via: &'static str,
    /// The SQL Gateway's or Flink's REST address.
    pub url: String,
    /// The uploaded runner jar (`sql-runner` only).
    pub jar_id: Option<String>,
    pub statements: usize,
}

pub async fn submit(
    plan: &Plan,
    route: &Route,
    timeout: Duration,
) -> Result<Submitted, FlinkError> {
    match route {
        Route::Gateway { url } => {
            let gw = SqlGateway::new(url);
            let outcomes = gw.execute(&plan.statements, timeout).await?;
            Ok(Submitted {
                job: plan.job.clone(),
                job_id: outcomes.iter().rev().find_map(|o| o.job_id.clone()),
                via: "sql-gateway",
                url: gw.url().to_string(),
                jar_id: None,
                statements: plan.statements.len(),
            })
        }
        Route::Runner { rest_url, jar } => {
            let flink = FlinkRest::new(rest_url);
            if let Ok(existing) = flink.find(&plan.job).await {
                if existing.is_active() {
                    return Err(FlinkError::Failed {
                        what: format!("submitting {}", plan.job),
                        message: format!(
                            "a job named `{}` is already {} on {} (id {})",
                            plan.job,
                            existing.state,
                            flink.url(),
                            existing.jid
                        ),
                    });
                }
            }
            let path = match jar {
                RunnerJar::Prebuilt(p) if p.is_file() => p.clone(),
                RunnerJar::Prebuilt(p) => return Err(RunnerError::MissingJar(p.clone()).into()),
                RunnerJar::Build {
                    flink_home,
                    cache_dir,
                } => {
                    let home = flink_home.clone().ok_or(RunnerError::NoFlinkHome)?;
                    let cache = cache_dir.clone();
                    tokio::task::spawn_blocking(move || runner::build(&home, &cache))
                        .await
                        .map_err(|e| FlinkError::Failed {
                            what: "building the SQL runner".into(),
                            message: e.to_string(),
                        })??
                }
            };
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("livedbctl-sql-runner.jar")
                .to_string();
            // Upload once per cluster: an uploaded jar of the same name is the same build.
            let jar_id = match flink.jars().await?.into_iter().find(|j| j.name == name) {
                Some(j) => j.id,
                None => flink.upload_jar(&path, &name).await?,
            };
            let job_id = flink
                .run_jar(&jar_id, runner::ENTRY_CLASS, &plan.statements)
                .await?;
            Ok(Submitted {
                job: plan.job.clone(),
                job_id: Some(job_id),
                via: "sql-runner",
                url: flink.url().to_string(),
                jar_id: Some(jar_id),
                statements: plan.statements.len(),
            })
        }
    }
}
