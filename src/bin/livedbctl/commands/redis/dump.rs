use crate::context::Context;
use crate::error::{Error, Result};
use crate::redis_dump::{printable, DumpOptions, DumpValue, Dumper, KeyDump};

/// Print every key of the profile's Redis with its type, TTL, length and value.
///
/// Walks the keyspace with SCAN (never KEYS) and reads keys in pipelined batches. Lists,
/// sets, hashes, sorted sets and streams show their first --limit items. Keys that vanish
/// while the scan runs are skipped and counted.
///
/// JSON (`-o json`): one object per key: {key, type, ttl_ms (null: no expiry), length,
/// value (strings) | items (collections), truncated, encoding}. `encoding` is `utf8`, or
/// `base64` when some byte string of the key is not UTF-8: then every byte string of that
/// object (key, value, items, fields, members) is base64. Items: list/set -> strings;
/// hash -> {field, value}; zset -> {member, score}; stream -> {id, fields: [{field, value}]}.
#[derive(Debug, clap::Args)]
pub struct DumpArgs {
    /// Only keys matching this glob pattern (SCAN MATCH), e.g. 'livedb:agg:*'
    #[arg(short = 'm', long = "match", value_name = "PATTERN")]
    pub pattern: Option<String>,
    /// Only keys of these types (comma-separated): string, list, set, zset, hash, stream
    #[arg(short = 't', long = "type", value_name = "TYPE", value_delimiter = ',')]
    pub types: Vec<String>,
    /// Items shown per collection (0: all)
    #[arg(short = 'n', long, default_value_t = 5, value_name = "N")]
    pub limit: usize,
    /// Keys examined per SCAN call (a hint to the server; larger is faster, smaller pauses it less)
    #[arg(long, default_value_t = 1000, value_name = "N")]
    pub scan_count: usize,
}

pub async fn run(ctx: &Context, args: &DumpArgs) -> Result<()> {
    let s = ctx.settings()?;
    let opts = DumpOptions {
        pattern: args.pattern.clone(),
        types: args
            .types
            .iter()
            .map(|t| t.trim().to_ascii_lowercase())
            .collect(),
        limit: args.limit,
        scan_count: args.scan_count,
    };
    let mut dumper = Dumper::connect(&s.redis.url, opts).await?;
    let bar = ctx.out.bar(None, "keys");
    while let Some(batch) = dumper.next_batch().await? {
        if batch.is_empty() {
            continue;
        }
        // One write per batch: a write (and flush) per key would cost more than reading it.
        let mut text = Vec::with_capacity(batch.len() * 160);
        for key in &batch {
            if ctx.out.is_json() {
                serde_json::to_writer(&mut text, &key.json())
                    .map_err(|e| Error::internal(format!("cannot encode output: {e}")))?;
            } else {
                text.extend_from_slice(human(key).as_bytes());
            }
            text.push(b'\n');
        }
        text.pop();
        let text = String::from_utf8(text)
            .map_err(|e| Error::internal(format!("cannot encode output: {e}")))?;
        ctx.out.raw_line(&text)?;
        bar.inc(batch.len() as u64);
    }
    bar.finish_and_clear();
    let st = &dumper.stats;
    let mut summary = format!("{} keys", st.keys);
    if st.vanished > 0 {
        summary.push_str(&format!(", {} vanished while scanning", st.vanished));
    }
    if st.filtered > 0 {
        summary.push_str(&format!(", {} of other types left out", st.filtered));
    }
    if st.duplicates > 0 {
        summary.push_str(&format!(", {} repeated by SCAN shown once", st.duplicates));
    }
    ctx.out.info(summary);
    Ok(())
}

/// The seed's layout: a `Key:` header, the value, a rule.
fn human(k: &KeyDump) -> String {
    let ttl = match k.ttl_ms {
        Some(ms) => format!("{:.1}s", ms as f64 / 1000.0),
        None => "none".into(),
    };
    let length = k
        .length
        .map(|l| format!(", length: {l}"))
        .unwrap_or_default();
    let mut s = format!(
        "Key: {} (Type: {}, TTL: {ttl}{length})\n",
        printable(&k.key),
        k.kind
    );
    let mut line = |l: String| {
        s.push_str("  ");
        s.push_str(&l);
        s.push('\n');
    };
    match &k.value {
        DumpValue::String(b) => line(printable(b)),
        DumpValue::List(items) | DumpValue::Set(items) => {
            items.iter().for_each(|i| line(printable(i)))
        }
        DumpValue::Hash(p) => p
            .iter()
            .for_each(|(f, v)| line(format!("{} => {}", printable(f), printable(v)))),
        DumpValue::Zset(p) => p
            .iter()
            .for_each(|(m, sc)| line(format!("{} (score {sc})", printable(m)))),
        DumpValue::Stream(entries) => entries.iter().for_each(|e| {
            let fields: Vec<String> = e
                .fields
                .iter()
                .map(|(f, v)| format!("{}={}", printable(f), printable(v)))
                .collect();
            line(format!("{} {}", e.id, fields.join(" ")))
        }),
        DumpValue::Unsupported => line("(type not read by livedbctl)".into()),
    }
    if k.truncated {
        line(format!(
            "... {} more",
            k.length.unwrap_or(0).saturating_sub(k.shown())
        ));
    }
    s.push_str("----------------------");
    s
}
