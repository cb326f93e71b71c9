use regex::Regex;
use serde_json::Value;

use crate::context::Context;
use crate::error::{Error, Result};
use crate::kafka::tail::{
    self, Change, Decoded, Emit, OffsetSpec, Payload, Position, Record, TailOptions, Template,
};
use crate::output::Lines;
use crate::shutdown::Shutdown;

const FROM_HELP: &str =
    "start|end|N|-N|+N|@TIME, or a range A:B (B exclusive), e.g. -10, @-15m, 100:200, :end, @2024-05-01T10:00:00Z:";

/// Print records of one or more topics: one line per record for people, one JSON object
/// per line with `-o json`. Debezium change events are shown as what they mean
/// (operation, table, key, changed columns).
///
/// Without --group it reads by assignment and commits nothing; with --group it joins the
/// consumer group and commits the offsets of what it has printed (also on Ctrl-C).
#[derive(Debug, clap::Args)]
pub struct TailArgs {
    /// Topics to read (with -r: regular expressions)
    #[arg(required = true)]
    pub topics: Vec<String>,
    /// The topics are regular expressions, each matching whole topic names
    /// (-r 'db\.public\..*'); while following, topics that come to match later are read
    /// too, from their start
    #[arg(short = 'r', long)]
    pub regex: bool,
    /// Where to start (and stop): start|end|N|-N|+N|@TIME, or a range A:B with B exclusive.
    /// TIME: epoch milliseconds, RFC 3339, a date, or a duration back from now (@-10m).
    /// [default: end, or the group's committed offsets with --group]
    #[arg(long, value_name = "OFFSET", allow_hyphen_values = true)]
    pub from: Option<String>,
    /// Stop after printing N records
    #[arg(short = 'n', long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// Stop at the end of each partition as it was when reading began
    #[arg(short = 'e', long)]
    pub exit_at_end: bool,
    /// Only these partitions (repeatable or comma-separated)
    #[arg(
        short = 'p',
        long = "partition",
        value_name = "N",
        value_delimiter = ','
    )]
    pub partitions: Vec<i32>,
    /// Join this consumer group and commit what was printed
    #[arg(short = 'g', long, value_name = "NAME")]
    pub group: Option<String>,
    /// Only records whose key or value matches this regular expression
    #[arg(long, value_name = "PATTERN")]
    pub grep: Option<String>,
    /// Pretty-print JSON values (human output)
    #[arg(long)]
    pub pretty: bool,
    /// Line template: %t topic, %p partition, %o offset, %k key, %v value, %T timestamp
    /// (ms), %h headers, %% a percent sign; \n and \t are understood
    #[arg(short = 'f', long, value_name = "TEMPLATE")]
    pub format: Option<String>,
}

pub async fn run(ctx: &Context, args: &TailArgs) -> Result<()> {
    let s = ctx.settings()?;
    let now = chrono::Utc::now().timestamp_millis();
    let spec = match &args.from {
        Some(f) => tail::parse_offset_spec(f, now).map_err(|e| {
            Error::usage(format!("--from {f}: {e}")).hint(format!("offsets: {FROM_HELP}"))
        })?,
        None => OffsetSpec {
            from: Position::End,
            until: None,
        },
    };
    if args.format.is_some() && ctx.out.is_json() {
        return Err(
            Error::usage("-f/--format and -o json both say how to print records")
                .hint("choose one"),
        );
    }
    let grep = match &args.grep {
        Some(p) => Some(
            Regex::new(p)
                .map_err(|e| Error::usage(format!("--grep `{p}` is not a valid pattern: {e}")))?,
        ),
        None => None,
    };
    let template = args.format.as_deref().map(Template::parse);
    let opts = TailOptions {
        topics: args.topics.clone(),
        partitions: args.partitions.clone(),
        spec,
        explicit_from: args.from.is_some(),
        exit_at_end: args.exit_at_end,
        group: args.group.clone(),
        regex: args.regex,
        // The human line shows none; JSON shows them all, a template where it says `%h`.
        headers: template
            .as_ref()
            .map_or(ctx.out.is_json(), Template::shows_headers),
    };

    let stop = Shutdown::on_signals().stop();
    let k = s.kafka.clone();
    let out = ctx.out.clone();
    let style = Style {
        multi_topic: args.topics.len() > 1 || args.regex,
        pretty: args.pretty,
        template,
    };
    let count = args.count;
    let outcome = tokio::task::spawn_blocking(move || {
        let mut printer = RecordPrinter {
            lines: out.lines(),
            json: out.is_json(),
            style,
        };
        tail::read(&k, &opts, grep.as_ref(), count, &stop, &mut printer)
    })
    .await
    .map_err(|e| Error::internal(format!("tail task failed: {e}")))??;
    let (printed, committed, why) = (outcome.printed, outcome.committed, outcome.ended.as_str());
    match &args.group {
        Some(g) => ctx
            .out
            .info(format!("{printed} records ({why}); offsets committed for {committed} partition(s) of group {g}")),
        None => ctx.out.debug(format!("{printed} records ({why})")),
    }
    Ok(())
}

/// Records to stdout as JSON lines, `-f` lines or the human line, gathered in one buffer.
struct RecordPrinter {
    lines: Lines,
    json: bool,
    style: Style,
}

impl Emit for RecordPrinter {
    fn record(&mut self, rec: &Record) -> Result<bool> {
        match &self.style.template {
            Some(t) => t.render_into(rec, self.lines.record_buf()),
            None if self.json => Decoded::new(rec).write_json(self.lines.record_buf()),
            None => self
                .style
                .write_line(&Decoded::new(rec), self.lines.record_buf()),
        }
        self.lines.end_record()
    }

    fn flush(&mut self) -> Result<()> {
        self.lines.flush()
    }
}

struct Style {
    multi_topic: bool,
    pretty: bool,
    template: Option<Template>,
}

impl Style {
    /// Append [`line`](Self::line)'s text. A plain record's is written piece by piece into
    /// `out` (building it with `format!` was a fifth of `consume tail`'s CPU); a change
    /// event or a pretty value takes `line`.
    fn write_line(&self, d: &Decoded, out: &mut Vec<u8>) {
        if d.change.is_some() || self.pretty {
            out.extend_from_slice(self.line(d).as_bytes());
            return;
        }
        let r = d.record;
        match r.timestamp {
            Some(ms) => tail::write_ms(out, ms),
            None => out.push(b'-'),
        }
        out.extend_from_slice(b"  ");
        if self.multi_topic {
            out.extend_from_slice(r.topic.as_bytes());
            out.push(b':');
        }
        let mut n = itoa::Buffer::new();
        out.extend_from_slice(n.format(r.partition).as_bytes());
        out.push(b'/');
        out.extend_from_slice(n.format(r.offset).as_bytes());
        out.extend_from_slice(b"  ");
        match &d.key {
            Payload::Null => out.push(b'-'),
            k => k.write_display(out),
        }
        out.extend_from_slice(b"  ");
        match &d.value {
            Payload::Null => out.extend_from_slice(b"(null)"),
            v => v.write_display(out),
        }
    }

    /// `TIME  P/OFFSET  KEY  VALUE`, or for a change event
    /// `TIME  P/OFFSET  UPDATE schema.table KEY  col: before -> after, ...`.
    fn line(&self, d: &Decoded) -> String {
        let r = d.record;
        let time = r
            .timestamp
            .map(tail::format_ms)
            .unwrap_or_else(|| "-".into());
        let at = if self.multi_topic {
            format!("{}:{}/{}", r.topic, r.partition, r.offset)
        } else {
            format!("{}/{}", r.partition, r.offset)
        };
        let key = match &d.key {
            Payload::Null => "-".to_string(),
            k => k.display(),
        };
        if let Some(c) = &d.change {
            return format!("{time}  {at}  {}", change_text(c, self.pretty));
        }
        let value = match &d.value {
            Payload::Null => "(null)".to_string(),
            v @ Payload::Json(_) if self.pretty => {
                format!(
                    "\n{}",
                    serde_json::to_string_pretty(&v.to_json()).unwrap_or_default()
                )
            }
            v => v.display(),
        };
        format!("{time}  {at}  {key}  {value}")
    }
}

fn change_text(c: &Change, pretty: bool) -> String {
    let key = match &c.key {
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","),
        Value::Null => "-".into(),
        v => v.to_string(),
    };
    let head = format!(
        "{} {} {key}",
        c.op.to_uppercase(),
        c.table.as_deref().unwrap_or("?")
    );
    let cols: Vec<String> = c
        .columns
        .iter()
        .map(|col| match c.op {
            "update" if c.before_known => format!("{}: {} -> {}", col.name, col.before, col.after),
            "delete" => format!("{}={}", col.name, col.before),
            _ => format!("{}={}", col.name, col.after),
        })
        .collect();
    if cols.is_empty() {
        head
    } else if pretty {
        format!("{head}\n    {}", cols.join("\n    "))
    } else {
        format!("{head}  {}", cols.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line written piece by piece is the line `format!` builds, for every kind of key
    /// and value, with and without a time and a topic, and change events go through it.
    #[test]
    fn written_lines_equal_the_built_ones() {
        let payloads: [Option<&[u8]>; 7] = [
            None,
            Some(b""),
            Some(b"plain text"),
            Some(b"{\"a\": 1,  \"b\": [1.50, \"x\"]}"),
            Some(b"[1,2]"),
            Some(b"\xff\x00binary"),
            Some(
                b"{\"before\":null,\"after\":{\"id\":1},\"source\":{\"table\":\"t\"},\"op\":\"c\"}",
            ),
        ];
        let mut checked = 0;
        for multi_topic in [false, true] {
            for timestamp in [
                None,
                Some(0),
                Some(-5),
                Some(1_767_225_600_123),
                Some(i64::MAX),
            ] {
                for key in payloads {
                    for value in payloads {
                        let rec = Record {
                            topic: "t.x".into(),
                            partition: 7,
                            offset: 123_456,
                            timestamp,
                            key: key.map(<[u8]>::to_vec),
                            value: value.map(<[u8]>::to_vec),
                            headers: Vec::new(),
                        };
                        let style = Style {
                            multi_topic,
                            pretty: false,
                            template: None,
                        };
                        let d = Decoded::new(&rec);
                        let mut out = Vec::new();
                        style.write_line(&d, &mut out);
                        assert_eq!(String::from_utf8(out).unwrap(), style.line(&d));
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(checked, 2 * 5 * 7 * 7);
    }
}
