use crate::commands::stream::show_time;
use crate::context::Context;
use crate::error::Result;
use crate::output::{table, Report};
use crate::stream::flink::rest::{FlinkRest, JobDetails};

/// Show a Flink job by name (its `name:` in the job file) or id: state, times, and each
/// operator's status and record counts.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Job name or Flink job id
    pub name: String,
}

struct Shown(JobDetails);

impl serde::Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Report for Shown {
    fn human(&self) -> String {
        let j = &self.0;
        let mut s = format!(
            "{} ({}): {}, started {}, ran {}\n",
            j.name,
            j.jid,
            j.state,
            show_time(j.start_time),
            crate::stream::job::show_ms((j.duration / 1000) * 1000)
        );
        let mut t = table(&[
            "operator",
            "status",
            "parallelism",
            "records in",
            "records out",
        ]);
        for v in &j.vertices {
            t.add_row(vec![
                v.name.clone(),
                v.status.clone(),
                v.parallelism.to_string(),
                v.metrics.read_records.to_string(),
                v.metrics.write_records.to_string(),
            ]);
        }
        s.push_str(&t.to_string());
        s
    }
}

pub async fn run(ctx: &Context, args: &StatusArgs) -> Result<()> {
    let s = ctx.settings()?;
    let flink = FlinkRest::new(&s.flink.url);
    let found = flink.find(&args.name).await?;
    let details = flink.job(&found.jid).await?;
    ctx.out.report(&Shown(details))
}
