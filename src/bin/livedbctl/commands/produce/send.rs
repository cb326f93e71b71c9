use std::path::PathBuf;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::kafka::send::{send_lines, SendOptions, SendSummary};
use crate::output::Report;

/// Publish JSON lines to TOPIC, one message per line, from stdin or --file.
///
/// Each line is checked to be JSON; the message value is the line as given. Every line is
/// either delivered (acknowledged with acks=all) or reported with its line number and the
/// reason; the command exits 1 when any line failed. Blank lines are skipped.
///
/// JSON (`-o json`): {topic, lines, delivered, failed, blank, partitions: {partition:
/// count}, elapsed_ms, messages_per_sec, failures: [{line, reason}]}.
#[derive(Debug, clap::Args)]
pub struct SendArgs {
    /// Topic to publish to (must exist)
    pub topic: String,
    /// Read lines from this file instead of stdin ('-' is stdin)
    #[arg(short, long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Use this field's value as the message key (dotted path, e.g. customer.id)
    #[arg(short, long, value_name = "FIELD")]
    pub key_field: Option<String>,
    /// Messages per second (default: as fast as the broker accepts them)
    #[arg(short, long, value_name = "R")]
    pub rate: Option<f64>,
}

impl Report for SendSummary {
    fn human(&self) -> String {
        let parts: Vec<String> = self
            .partitions
            .iter()
            .map(|(p, n)| format!("p{p}: {n}"))
            .collect();
        let mut s = format!(
            "{} of {} lines delivered to {} in {:.2}s ({:.0} msg/s){}",
            self.delivered,
            self.lines,
            self.topic,
            self.elapsed_ms as f64 / 1000.0,
            self.messages_per_sec,
            if parts.is_empty() {
                String::new()
            } else {
                format!(" [{}]", parts.join(", "))
            }
        );
        if self.failed > 0 {
            s.push_str(&format!("\n{} failed:", self.failed));
            for f in &self.failures {
                s.push_str(&format!("\n  line {}: {}", f.line, f.reason));
            }
        }
        s
    }
}

pub async fn run(ctx: &Context, args: &SendArgs) -> Result<()> {
    let s = ctx.settings()?;
    if let Some(r) = args.rate {
        if !(r > 0.0 && r.is_finite()) {
            return Err(Error::usage(format!(
                "--rate must be a positive number of messages per second, not {r}"
            )));
        }
    }
    let opts = SendOptions {
        topic: args.topic.clone(),
        key_field: args.key_field.clone(),
        rate: args.rate,
    };
    let bar = ctx.out.bar(None, "messages");
    let on_delivered = |n: u64| {
        if n.is_multiple_of(1000) {
            bar.set_position(n)
        }
    };
    let on_failure = |f: &crate::kafka::send::LineFailure| {
        ctx.out.debug(format!("line {}: {}", f.line, f.reason))
    };
    let summary = match args.file.as_deref().filter(|p| p.as_os_str() != "-") {
        Some(path) => {
            let file = tokio::fs::File::open(path)
                .await
                .map_err(|e| Error::usage(format!("cannot open {}: {e}", path.display())))?;
            send_lines(
                &s.kafka,
                &opts,
                tokio::io::BufReader::with_capacity(1 << 16, file),
                on_failure,
                on_delivered,
            )
            .await?
        }
        None => {
            send_lines(
                &s.kafka,
                &opts,
                tokio::io::BufReader::with_capacity(1 << 16, tokio::io::stdin()),
                on_failure,
                on_delivered,
            )
            .await?
        }
    };
    bar.finish_and_clear();
    ctx.out.report(&summary)?;
    if summary.failed > 0 {
        return Err(Error::runtime(format!(
            "{} of {} lines were not delivered to `{}`",
            summary.failed, summary.lines, summary.topic
        ))
        .hint("the summary lists each failed line with its number and reason"));
    }
    Ok(())
}
