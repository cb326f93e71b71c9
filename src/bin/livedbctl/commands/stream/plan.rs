use std::path::PathBuf;

use crate::commands::stream::{load_job, targets};
use crate::context::Context;
use crate::error::Result;
use crate::output::Report;
use crate::stream::sql::{self, Plan};

/// Check a stream job and print the Flink SQL that runs it: the source table with its
/// watermark, the sink tables, and the windowed INSERT. Secrets are shown as ********.
#[derive(Debug, clap::Args)]
pub struct PlanArgs {
    /// The job file (YAML)
    pub job: PathBuf,
    /// Read the events from this file of JSON lines instead of Kafka (filesystem connector;
    /// a directory is watched for new files and the job keeps running)
    #[arg(long, value_name = "FILE")]
    pub source_file: Option<PathBuf>,
    /// Write every sink as JSON lines under this directory instead (filesystem connector)
    #[arg(long, value_name = "DIR")]
    pub sink_dir: Option<PathBuf>,
}

struct Shown(Plan);

impl serde::Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Report for Shown {
    /// Runnable SQL (e.g. in Flink's SQL client), notes as comments.
    fn human(&self) -> String {
        let p = &self.0;
        let mut out = format!("-- stream job `{}`, as Flink SQL\n", p.job);
        for u in &p.unsupported_sinks {
            out.push_str(&format!("-- not in Flink: {} ({})\n", u.sink, u.reason));
        }
        for n in &p.notes {
            out.push_str(&format!("-- note: {n}\n"));
        }
        for s in &p.statements {
            out.push('\n');
            out.push_str(s);
            out.push_str(";\n");
        }
        out
    }
}

pub async fn run(ctx: &Context, args: &PlanArgs) -> Result<()> {
    let job = load_job(&args.job)?;
    let t = targets(
        ctx.settings()?,
        true,
        args.source_file.as_ref(),
        args.sink_dir.as_ref(),
    )?;
    let plan = sql::plan(&job, &t)?;
    ctx.out.report(&Shown(plan))
}
