use std::path::PathBuf;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::kafka::send::{send_lines, LineFormat, SendOptions, SendSummary};
use crate::output::Report;

/// Publish lines to TOPIC, one message per line, from stdin or --file.
///
/// With --format json (the default) each line is checked to be JSON and the message value
/// is the line as given; the line `null` is a tombstone (a null value). With --format raw
/// the line's bytes are sent unchecked. With --from-tail-json each line is a record printed
/// by `consume tail -o json`, sent with its key, value, headers, partition and timestamp
/// byte for byte (a null value is a tombstone), so `consume tail -o json | produce send
/// --from-tail-json` copies a topic. Every line is either delivered (acknowledged with
/// acks=all) or reported with its line number and the reason; the command exits 1 when any
/// line failed. Blank lines are skipped.
///
/// JSON (`-o json`): {topic, lines, delivered, failed, blank, tombstones, partitions:
/// {partition: count}, elapsed_ms, messages_per_sec, failures: [{line, reason}]}.
#[derive(Debug, clap::Args)]
pub struct SendArgs {
    /// Topic to publish to (must exist)
    pub topic: String,
    /// Read lines from this file instead of stdin ('-' is stdin)
    #[arg(short, long, value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// What a line is: json (checked; `null` is a tombstone) or raw (its bytes, unchecked)
    #[arg(long, value_enum, value_name = "FORMAT", default_value = "json")]
    pub format: Format,
    /// Each line is a `consume tail -o json` record: copy its key, value, headers,
    /// partition and timestamp exactly
    #[arg(long, conflicts_with_all = ["format", "key", "key_field", "header_field"])]
    pub from_tail_json: bool,
    /// The same key for every message
    #[arg(long, value_name = "KEY", conflicts_with = "key_field")]
    pub key: Option<String>,
    /// Use this field's value as the message key (dotted path, e.g. customer.id)
    #[arg(short, long, value_name = "FIELD")]
    pub key_field: Option<String>,
    /// Add a header to every message (repeatable): -H trace=abc
    #[arg(short = 'H', long = "header", value_name = "KEY=VALUE")]
    pub headers: Vec<String>,
    /// Take headers from this JSON object field's members (dotted path); strings as they
    /// are, other values as JSON text, null as a null header
    #[arg(long, value_name = "FIELD")]
    pub header_field: Option<String>,
    /// Send every message to this partition (default: by key, or the dump's partition)
    #[arg(short, long, value_name = "N")]
    pub partition: Option<i32>,
    /// Messages per second (default: as fast as the broker accepts them)
    #[arg(short, long, value_name = "R")]
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Raw,
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
        if self.tombstones > 0 {
            s.push_str(&format!(", {} of them tombstones", self.tombstones));
        }
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
    if args.format == Format::Raw && (args.key_field.is_some() || args.header_field.is_some()) {
        return Err(Error::usage(
            "--key-field and --header-field read JSON lines, not --format raw",
        )
        .hint("use --key for a fixed key and -H KEY=VALUE for headers"));
    }
    let headers = args
        .headers
        .iter()
        .map(|h| match h.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(Error::usage(format!("-H {h}: a header is KEY=VALUE"))),
        })
        .collect::<Result<Vec<_>>>()?;
    let opts = SendOptions {
        topic: args.topic.clone(),
        format: match (args.from_tail_json, args.format) {
            (true, _) => LineFormat::TailJson,
            (false, Format::Json) => LineFormat::Json,
            (false, Format::Raw) => LineFormat::Raw,
        },
        key: args.key.clone(),
        key_field: args.key_field.clone(),
        headers,
        header_field: args.header_field.clone(),
        partition: args.partition,
        rate: args.rate,
    };
    let bar = ctx.out.bar(None, "messages");
    let on_delivered = |n: u64| bar.set_position(n);
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
