use serde::Serialize;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::groups::ops;
use crate::groups::{SeekChange, SeekTo};
use crate::output::{opt, table, Report};

/// Move a group's committed offsets: to the start or end of each partition, to an offset,
/// or to the first record at or after a time. Only while the group has no active members
/// (stop its consumers first); shows the change and asks (--yes in scripts).
#[derive(Debug, clap::Args)]
pub struct SeekArgs {
    /// The consumer group
    pub name: String,
    /// Where to: start | end | OFFSET | @TIME (epoch ms, RFC 3339, a date, or @-10m)
    #[arg(long, value_name = "WHERE", allow_hyphen_values = true)]
    pub to: String,
    /// Only this topic (all its partitions); default: every partition the group committed on
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SeekReport {
    pub group: String,
    pub changes: Vec<SeekChange>,
    /// False when the broker could not describe the group's members (see `group describe`).
    pub members_checked: bool,
}

impl Report for SeekReport {
    fn human(&self) -> String {
        format!(
            "moved group {} on {} partition(s)",
            self.group,
            self.changes.len()
        )
    }
}

pub fn parse_to(s: &str, now_ms: i64) -> std::result::Result<SeekTo, String> {
    match s.trim() {
        "start" | "beginning" | "earliest" => Ok(SeekTo::Start),
        "end" | "latest" => Ok(SeekTo::End),
        t if t.starts_with('@') => {
            crate::kafka::tail::offsets::parse_time(&t[1..], now_ms).map(SeekTo::Time)
        }
        t => t
            .parse::<i64>()
            .ok()
            .filter(|o| *o >= 0)
            .map(SeekTo::Offset)
            .ok_or_else(|| format!("`{t}` is not start, end, an offset or @TIME")),
    }
}

pub fn changes_table(changes: &[SeekChange]) -> String {
    let mut t = table(&["topic", "partition", "from", "to"]);
    for c in changes {
        t.add_row(vec![
            c.topic.clone(),
            c.partition.to_string(),
            opt(&c.from),
            c.to.to_string(),
        ]);
    }
    t.to_string()
}

pub async fn run(ctx: &Context, args: &SeekArgs) -> Result<()> {
    let s = ctx.settings()?;
    let now = chrono::Utc::now().timestamp_millis();
    let to = parse_to(&args.to, now).map_err(|e| Error::usage(format!("--to: {e}")))?;
    let quiet = ops::check_quiet(&s.kafka, &args.name).await?;
    if !quiet.members_checked {
        ctx.out.warn(format!(
            "the broker cannot tell whether group `{}` has active members ({}); make sure none of its consumers runs",
            args.name,
            quiet.members_error.as_deref().unwrap_or("DescribeGroups failed")
        ));
    }
    let changes = ops::plan_seek(&s.kafka, &args.name, to, args.topic.as_deref()).await?;
    ctx.out.info(format!(
        "will move group {} on {}:\n{}",
        args.name,
        s.kafka.bootstrap(),
        changes_table(&changes)
    ));
    ctx.out.confirm(
        &format!(
            "move {} partition(s) of group {}?",
            changes.len(),
            args.name
        ),
        ctx.yes,
    )?;
    ops::commit_seek(&s.kafka, &args.name, &changes).await?;
    ctx.out.report(&SeekReport {
        group: args.name.clone(),
        changes,
        members_checked: quiet.members_checked,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse() {
        assert_eq!(parse_to("start", 0), Ok(SeekTo::Start));
        assert_eq!(parse_to("end", 0), Ok(SeekTo::End));
        assert_eq!(parse_to("42", 0), Ok(SeekTo::Offset(42)));
        assert_eq!(
            parse_to("@1700000000000", 0),
            Ok(SeekTo::Time(1_700_000_000_000))
        );
        assert_eq!(parse_to("@-10s", 20_000), Ok(SeekTo::Time(10_000)));
        assert!(parse_to("-3", 0).is_err());
        assert!(parse_to("soon", 0).is_err());
    }
}
