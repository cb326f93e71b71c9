use serde::Serialize;

use crate::commands::stream::show_time;
use crate::context::Context;
use crate::error::Result;
use crate::output::{table, Report};
use crate::stream::flink::rest::{FlinkRest, JobOverview};

/// List the jobs on the profile's Flink cluster (flink.url, FLINK_URL).
#[derive(Debug, clap::Args)]
pub struct ListArgs {}

#[derive(Debug, Serialize)]
pub struct ListReport {
    pub flink_url: String,
    pub jobs: Vec<JobOverview>,
}

impl Report for ListReport {
    fn human(&self) -> String {
        if self.jobs.is_empty() {
            return format!("no jobs on {}", self.flink_url);
        }
        let mut t = table(&["name", "state", "id", "started", "duration"]);
        for j in &self.jobs {
            t.add_row(vec![
                j.name.clone(),
                j.state.clone(),
                j.jid.clone(),
                show_time(j.start_time),
                crate::stream::job::show_ms((j.duration / 1000) * 1000),
            ]);
        }
        t.to_string()
    }
}

pub async fn run(ctx: &Context, _args: &ListArgs) -> Result<()> {
    let s = ctx.settings()?;
    let flink = FlinkRest::new(&s.flink.url);
    let mut jobs = flink.jobs().await?;
    jobs.sort_by_key(|j| std::cmp::Reverse(j.start_time));
    ctx.out.report(&ListReport {
        flink_url: flink.url().to_string(),
        jobs,
    })
}
