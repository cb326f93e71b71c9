//! `livedbctl trace ID`: where one row went, from PostgreSQL to each destination.

use crate::context::Context;
use crate::error::Result;
use crate::output::{opt, table, Report};
use crate::present::duration_ms;
use crate::trace::cdc::{self, KeyTrace};
use crate::trace::{self, GroupStep, Trace, TraceOptions, DEFAULT_SCAN_LIMIT};

/// Follow one `livedb` row through the pipeline: the row (created_at, xmin), its event on
/// the producer's topic (partition as the producer computes it, offset found by reading,
/// checked against the row), each consumer group's position against it (consumed, or how
/// many records and how long before it gets there), what it became downstream (the
/// `consume sink` row, the `consume aggregate` window) and any dead letter of it, with the
/// time at each step where a system records one. Nothing is written.
///
/// Exits 0 when the row exists (whatever became of it; the report says), 1 when it does
/// not or Kafka cannot be reached.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["id", "key"])))]
pub struct TraceArgs {
    /// The row's id in `livedb`
    pub id: Option<i64>,
    /// Or a key of a CDC topic (`--topic PREFIX.SCHEMA.TABLE`): its value (`42`) for a
    /// one-column key, or the key as JSON (`{"id":42}`)
    #[arg(long, requires = "topic", value_name = "KEY")]
    pub key: Option<String>,
    /// The topic [default: the profile's kafka.topic, the producer's]
    #[arg(long)]
    pub topic: Option<String>,
    /// Records read at most from the row's partition (from its creation time, and where a
    /// replay broke the id order); with --key, the newest records read of each partition
    #[arg(long, default_value_t = DEFAULT_SCAN_LIMIT, value_name = "N")]
    pub scan_limit: u64,
    /// Also read the rest of the row's partition for more copies of its event (a replay's)
    #[arg(long)]
    pub all_copies: bool,
    /// A stream job file: show the job's results for the event's window and group (repeatable)
    #[arg(long, value_name = "FILE")]
    pub job: Vec<std::path::PathBuf>,
}

impl Report for Trace {
    fn human(&self) -> String {
        let mut s = format!(
            "row {}  {} {} {}  created {}  xmin {}\n",
            self.id,
            self.row.org,
            self.row.amount,
            self.row.region,
            opt(&self.row.created_at),
            self.row.xmin
        );
        s.push_str(&format!(
            "producer  last_id {}  {}\n",
            opt(&self.producer.last_id),
            if self.producer.passed {
                "moved past it"
            } else {
                "not there yet"
            }
        ));
        match &self.event {
            None => {}
            Some(e) => match e.offset {
                Some(o) => {
                    s.push_str(&format!(
                        "event     {} partition {} offset {}  published {}  {}\n",
                        e.topic,
                        e.partition,
                        o,
                        opt(&e.published_at),
                        match e.matches_row {
                            Some(true) => "same as the row".to_string(),
                            _ => format!("DIFFERS: {}", e.differences.join("; ")),
                        }
                    ));
                    if !e.copies.is_empty() {
                        let copies: Vec<String> = e.copies.iter().map(|c| c.to_string()).collect();
                        s.push_str(&format!(
                            "          also at offsets {}\n",
                            copies.join(", ")
                        ));
                    }
                }
                None => s.push_str(&format!(
                    "event     NOT FOUND: {}\n",
                    e.note.as_deref().unwrap_or("")
                )),
            },
        }
        s.push_str(&groups_table(&self.groups));
        if !self.destinations.is_empty() {
            let mut t = table(&["destination", "by", "found", "written", "note"]);
            for d in &self.destinations {
                t.add_row(vec![
                    format!("{} {}", d.kind, d.name),
                    d.group.clone(),
                    match d.found {
                        Some(true) => "yes",
                        Some(false) => "no",
                        None => "?",
                    }
                    .into(),
                    opt(&d.written_at),
                    d.note.clone().unwrap_or_default(),
                ]);
            }
            s.push_str(&t.to_string());
            s.push('\n');
        }
        for r in &self.stream_results {
            let what = match (&r.skipped, r.found) {
                (Some(why), _) => format!("not used: {why}"),
                (None, Some(true)) => r
                    .results
                    .iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join("\n    "),
                _ => r.note.clone().unwrap_or_default(),
            };
            s.push_str(&format!(
                "job {} → {} (event time {}):\n    {what}\n",
                r.job,
                r.sink,
                opt(&r.event_time)
            ));
        }
        for d in &self.dead_letters {
            s.push_str(&format!(
                "dead letter in {}: {}\n",
                d.r#where,
                d.reason.as_deref().unwrap_or("no reason given")
            ));
        }
        let mut t = table(&["step", "at", "after created", ""]);
        for step in &self.timeline {
            t.add_row(vec![
                step.step.clone(),
                opt(&step.at),
                match step.after_created_ms {
                    Some(ms) if ms >= 0 => format!("+{}", duration_ms(Some(ms))),
                    Some(ms) => format!("-{}", duration_ms(Some(-ms))),
                    None => "-".into(),
                },
                step.detail.clone(),
            ]);
        }
        s.push_str(&t.to_string());
        for n in &self.notes {
            s.push_str(&format!("\nnote: {n}"));
        }
        s
    }
}

impl Report for KeyTrace {
    fn human(&self) -> String {
        let mut s = format!("key {} on {}\n", self.key, self.topic);
        let mut t = table(&[
            "partition",
            "offset",
            "op",
            "committed",
            "published",
            "commit→kafka",
            "lsn",
        ]);
        for c in &self.changes {
            t.add_row(vec![
                c.partition.to_string(),
                c.offset.to_string(),
                c.op.clone(),
                opt(&c.committed_at),
                opt(&c.published_at),
                duration_ms(c.commit_to_kafka_ms),
                opt(&c.lsn),
            ]);
        }
        s.push_str(&t.to_string());
        s.push('\n');
        match (&self.table, &self.row) {
            (Some(table), Some(row)) => s.push_str(&format!("row in {table} now: {row}\n")),
            (Some(table), None) => s.push_str(&format!("no row in {table} now\n")),
            _ => {}
        }
        s.push_str(&groups_table(&self.groups));
        for n in &self.notes {
            s.push_str(&format!("\nnote: {n}"));
        }
        s
    }
}

/// Each group against the event (the newest change, for a CDC key); empty without groups.
fn groups_table(groups: &[GroupStep]) -> String {
    if groups.is_empty() {
        return String::new();
    }
    let mut t = table(&[
        "group",
        "kind",
        "committed",
        "consumed",
        "before it",
        "waiting",
    ]);
    for g in groups {
        t.add_row(vec![
            g.group.clone(),
            g.kind.clone(),
            opt(&g.committed),
            if g.consumed { "yes" } else { "no" }.into(),
            opt(&g.records_before),
            if g.consumed {
                "-".into()
            } else {
                duration_ms(g.waiting_ms)
            },
        ]);
    }
    format!("{t}\n")
}

pub async fn run(ctx: &Context, args: &TraceArgs) -> Result<()> {
    let s = ctx.settings()?;
    if let (Some(key), Some(topic)) = (&args.key, &args.topic) {
        let t = cdc::trace_key(s, topic, key, args.scan_limit).await?;
        return ctx.out.report(&t);
    }
    let Some(id) = args.id else {
        return Err(crate::error::Error::usage(
            "give a row id, or --key with --topic",
        ));
    };
    let opts = TraceOptions {
        id,
        topic: args.topic.clone().unwrap_or_else(|| s.kafka.topic.clone()),
        scan_limit: args.scan_limit,
        all_copies: args.all_copies,
        jobs: args
            .job
            .iter()
            .map(|f| crate::stream::job::load(f))
            .collect::<std::result::Result<_, _>>()?,
    };
    let t = trace::trace(s, &opts).await?;
    ctx.out.report(&t)
}
