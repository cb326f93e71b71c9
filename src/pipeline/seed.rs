//! The seed system's db-burst-writer: seed rows from a CSV or JSON file, validated up front,
//! inserted into `livedb` in bursts (one transaction each) or, in load mode, through COPY
//! at a target rate.

use std::path::Path;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures::SinkExt;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::pg::connection_loss::is_connection_loss;
use crate::pg::query_error;
use crate::retry::Backoff;
use crate::settings::PgSettings;
use crate::shutdown::{sleep_or_stop, stopped, Stop};

/// The seed file shipped in the repository, built in so the binary works from any directory.
pub const BUILTIN_CSV: &str = include_str!("../../seed/livedb_seed.csv");
pub const BUILTIN_NAME: &str = "seed/livedb_seed.csv";

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SeedRow {
    pub org: String,
    /// Exact decimal text, at most 8 integer digits and 2 decimals (`DECIMAL(10, 2)`).
    pub amount: String,
    pub region: String,
}

/// One bad spot in a seed file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

const MAX_TEXT: usize = 255;
const MAX_PROBLEMS_SHOWN: usize = 10;

/// Read and validate a seed file (`.csv`, or `.json` holding an array of objects).
pub fn load(path: &Path) -> Result<Vec<SeedRow>> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::from(super::PipelineError::SeedFile {
            path: path.to_path_buf(),
            source: e,
        })
    })?;
    parse_named(&path.display().to_string(), &text, is_json_path(path))
}

pub fn is_json_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Parse seed text; every problem is reported as `name:line:column: reason`, nothing is
/// returned unless the whole file is valid.
pub fn parse_named(name: &str, text: &str, json: bool) -> Result<Vec<SeedRow>> {
    let parsed = if json {
        parse_json(text)
    } else {
        parse_csv(text)
    };
    match parsed {
        Ok(rows) if rows.is_empty() => {
            Err(Error::usage(format!("{name}: the seed file has no rows"))
                .hint("add rows with org, amount and region"))
        }
        Ok(rows) => Ok(rows),
        Err(problems) => {
            let mut msg = format!(
                "{name}: {} invalid seed {}; nothing was inserted",
                problems.len(),
                plural(problems.len(), "entry", "entries")
            );
            for p in problems.iter().take(MAX_PROBLEMS_SHOWN) {
                msg.push_str(&format!("\n  {name}:{}:{}: {}", p.line, p.column, p.reason));
            }
            if problems.len() > MAX_PROBLEMS_SHOWN {
                msg.push_str(&format!(
                    "\n  ... and {} more",
                    problems.len() - MAX_PROBLEMS_SHOWN
                ));
            }
            Err(Error::usage(msg).hint("fix the lines above; each row needs org and region (1-255 characters) and amount (a number with at most 8 digits before and 2 after the point)"))
        }
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Check an amount against `DECIMAL(10, 2)`: optional sign, 1-8 digits, optional 1-2 decimals.
pub fn check_amount(raw: &str) -> std::result::Result<String, String> {
    let s = raw.trim();
    let body = s
        .strip_prefix('-')
        .or_else(|| s.strip_prefix('+'))
        .unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if s.is_empty() {
        return Err("amount is empty".into());
    }
    if !digits(int) || frac.is_some_and(|f| !digits(f)) {
        return Err(format!(
            "amount `{raw}` is not a decimal number (like 1234.50)"
        ));
    }
    if frac.is_some_and(|f| f.len() > 2) {
        return Err(format!(
            "amount `{raw}` has more than 2 decimals (the column is DECIMAL(10, 2))"
        ));
    }
    if int.trim_start_matches('0').len() > 8 {
        return Err(format!("amount `{raw}` is too large (at most 99999999.99)"));
    }
    Ok(if let Some(unsigned) = s.strip_prefix('+') {
        unsigned.to_string()
    } else {
        s.to_string()
    })
}

fn check_text(field: &str, raw: &str) -> std::result::Result<String, String> {
    let v = raw.trim();
    if v.is_empty() {
        return Err(format!("{field} is empty"));
    }
    if v.chars().count() > MAX_TEXT {
        return Err(format!("{field} is longer than {MAX_TEXT} characters"));
    }
    if v.contains('\0') {
        return Err(format!("{field} contains a NUL character"));
    }
    Ok(v.to_string())
}

struct Field {
    text: String,
    line: usize,
    column: usize,
}

/// RFC 4180 records (quotes, doubled quotes, quoted line breaks), with positions.
fn csv_records(text: &str) -> std::result::Result<Vec<Vec<Field>>, Problem> {
    let mut records = Vec::new();
    let mut record: Vec<Field> = Vec::new();
    let mut field = String::new();
    let (mut line, mut col) = (1usize, 1usize);
    let mut start = (1usize, 1usize);
    let mut in_quotes = false;
    let mut quoted_open = (0usize, 0usize);
    let mut at_field_start = true;
    let mut after_quote = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let here = (line, col);
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
        if in_quotes {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    col += 1;
                    field.push('"');
                } else {
                    in_quotes = false;
                    after_quote = true;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_field_start => {
                in_quotes = true;
                quoted_open = here;
                start = here;
                at_field_start = false;
            }
            '"' => return Err(Problem {
                line: here.0,
                column: here.1,
                reason:
                    "a quote inside an unquoted field (quote the whole field and double the quote)"
                        .into(),
            }),
            ',' => {
                record.push(Field {
                    text: std::mem::take(&mut field),
                    line: start.0,
                    column: start.1,
                });
                at_field_start = true;
                after_quote = false;
                start = (line, col);
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                if !(record.is_empty() && field.is_empty() && at_field_start) || after_quote {
                    record.push(Field {
                        text: std::mem::take(&mut field),
                        line: start.0,
                        column: start.1,
                    });
                    records.push(std::mem::take(&mut record));
                }
                at_field_start = true;
                after_quote = false;
                start = (line, col);
            }
            _ => {
                if after_quote {
                    return Err(Problem {
                        line: here.0,
                        column: here.1,
                        reason: "text after a closing quote".into(),
                    });
                }
                if at_field_start {
                    start = here;
                    at_field_start = false;
                }
                field.push(c);
            }
        }
    }
    if in_quotes {
        return Err(Problem {
            line: quoted_open.0,
            column: quoted_open.1,
            reason: "unterminated quoted field".into(),
        });
    }
    if !(record.is_empty() && field.is_empty() && at_field_start) || after_quote {
        record.push(Field {
            text: field,
            line: start.0,
            column: start.1,
        });
        records.push(record);
    }
    Ok(records)
}

pub fn parse_csv(text: &str) -> std::result::Result<Vec<SeedRow>, Vec<Problem>> {
    let records =
        csv_records(text.strip_prefix('\u{feff}').unwrap_or(text)).map_err(|p| vec![p])?;
    let Some((header, body)) = records.split_first() else {
        return Err(vec![Problem {
            line: 1,
            column: 1,
            reason: "empty file: expected a header line `org,amount,region`".into(),
        }]);
    };
    let find = |name: &str| {
        header
            .iter()
            .position(|f| f.text.trim().eq_ignore_ascii_case(name))
    };
    let mut problems = Vec::new();
    let mut idx = [0usize; 3];
    for (i, name) in ["org", "amount", "region"].iter().enumerate() {
        match find(name) {
            Some(p) => idx[i] = p,
            None => problems.push(Problem {
                line: header[0].line,
                column: 1,
                reason: format!("the header has no `{name}` column (expected org,amount,region)"),
            }),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut rows = Vec::with_capacity(body.len());
    for rec in body {
        if rec.len() != header.len() {
            let last = rec.last().expect("records are never empty");
            problems.push(Problem {
                line: rec[0].line,
                column: if rec.len() > header.len() {
                    rec[header.len()].column
                } else {
                    last.column
                },
                reason: format!(
                    "expected {} fields like the header, found {}",
                    header.len(),
                    rec.len()
                ),
            });
            continue;
        }
        let mut bad = false;
        let mut get =
            |i: usize, check: &dyn Fn(&str) -> std::result::Result<String, String>| match check(
                &rec[i].text,
            ) {
                Ok(v) => v,
                Err(reason) => {
                    problems.push(Problem {
                        line: rec[i].line,
                        column: rec[i].column,
                        reason,
                    });
                    bad = true;
                    String::new()
                }
            };
        let org = get(idx[0], &|v| check_text("org", v));
        let amount = get(idx[1], &|v| check_amount(v));
        let region = get(idx[2], &|v| check_text("region", v));
        if !bad {
            rows.push(SeedRow {
                org,
                amount,
                region,
            });
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

/// Byte offsets where the top-level array's elements begin.
fn element_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let (mut depth, mut in_str, mut esc, mut expect) = (0i32, false, false, false);
    for (i, b) in text.bytes().enumerate() {
        if in_str {
            if esc {
                esc = false;
            } else if b == b'\\' {
                esc = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        if expect && depth == 1 && !b.is_ascii_whitespace() && b != b']' {
            starts.push(i);
            expect = false;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                if depth == 1 {
                    expect = true;
                }
            }
            b']' | b'}' => depth -= 1,
            b',' if depth == 1 => expect = true,
            _ => {}
        }
    }
    starts
}

/// Where the value of `"key"` begins inside an element, for pointing at a bad value.
fn key_offset(text: &str, start: usize, key: &str) -> usize {
    let needle = format!("\"{key}\"");
    let Some(at) = text[start..]
        .find(&needle)
        .map(|o| start + o + needle.len())
    else {
        return start;
    };
    let rest = &text[at..];
    let colon = rest.find(':').map(|c| c + 1).unwrap_or(0);
    let ws = rest[colon..].len() - rest[colon..].trim_start().len();
    at + colon + ws
}

pub fn parse_json(text: &str) -> std::result::Result<Vec<SeedRow>, Vec<Problem>> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        vec![Problem {
            line: e.line().max(1),
            column: e.column().max(1),
            reason: format!("invalid JSON: {e}"),
        }]
    })?;
    let serde_json::Value::Array(items) = value else {
        return Err(vec![Problem {
            line: 1,
            column: 1,
            reason: "expected an array of objects {\"org\", \"amount\", \"region\"}".into(),
        }]);
    };
    let starts = element_starts(text);
    let mut problems = Vec::new();
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let start = starts.get(i).copied().unwrap_or(0);
        let at = |key: Option<&str>| {
            position(
                text,
                key.map(|k| key_offset(text, start, k)).unwrap_or(start),
            )
        };
        let Some(obj) = item.as_object() else {
            let (line, column) = at(None);
            problems.push(Problem {
                line,
                column,
                reason: format!("element {} is not an object", i + 1),
            });
            continue;
        };
        let mut bad = false;
        let mut field = |key: &str, problems: &mut Vec<Problem>| -> String {
            let result = match obj.get(key) {
                None | Some(serde_json::Value::Null) => Err(format!("`{key}` is missing")),
                Some(serde_json::Value::String(s)) if key == "amount" => check_amount(s),
                Some(serde_json::Value::Number(n)) if key == "amount" => {
                    check_amount(&n.to_string())
                }
                Some(serde_json::Value::String(s)) => check_text(key, s),
                Some(other) => Err(format!(
                    "`{key}` must be a {}, not {other}",
                    if key == "amount" { "number" } else { "string" }
                )),
            };
            match result {
                Ok(v) => v,
                Err(reason) => {
                    let (line, column) = at(obj.get(key).map(|_| key));
                    problems.push(Problem {
                        line,
                        column,
                        reason,
                    });
                    bad = true;
                    String::new()
                }
            }
        };
        let org = field("org", &mut problems);
        let amount = field("amount", &mut problems);
        let region = field("region", &mut problems);
        if !bad {
            rows.push(SeedRow {
                org,
                amount,
                region,
            });
        }
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

// ---------------------------------------------------------------------------------------
// Writing

/// What happened, for the command to show.
#[derive(Debug, Clone, Serialize)]
pub struct BurstRecord {
    /// 1-based burst number.
    pub burst: u64,
    pub rows: u64,
    pub first_id: i64,
    pub last_id: i64,
    /// Rows inserted by this run so far.
    pub total: u64,
}

#[derive(Debug, Clone)]
pub enum SeedEvent {
    Burst(BurstRecord),
    /// Rows written so far in load mode.
    Progress(u64),
    /// The database went away; retrying after `delay`.
    Retrying {
        error: String,
        delay: Duration,
    },
    Reconnected,
}

#[derive(Debug, Clone, Serialize)]
pub struct SeedSummary {
    pub rows: u64,
    pub bursts: u64,
    pub seconds: f64,
    pub rows_per_sec: f64,
    /// How the run ended: `count` (--count reached), `once`, or `stopped` (Ctrl-C / duration).
    pub ended_by: String,
    pub retries: u64,
}

pub struct BurstPlan {
    pub rows_per_burst: u64,
    pub every: Duration,
    pub count: Option<u64>,
    pub once: bool,
}

pub struct RatePlan {
    /// Rows per second; None = as fast as the database allows.
    pub rate: Option<f64>,
    pub count: Option<u64>,
    /// Rows per COPY (each COPY is one transaction).
    pub batch: u64,
}

/// Keeps a connection, reconnecting with backoff when it is lost.
struct Writer<'a> {
    pg: &'a PgSettings,
    client: tokio_postgres::Client,
    backoff: Backoff,
    retries: u64,
}

impl<'a> Writer<'a> {
    async fn connect(pg: &'a PgSettings) -> Result<Writer<'a>> {
        let client = crate::pg::connect(pg).await?;
        Ok(Writer {
            pg,
            client,
            backoff: Backoff::default(),
            retries: 0,
        })
    }

    /// After a lost connection: wait, reconnect, report. Stops waiting on a stop request.
    async fn recover(
        &mut self,
        error: String,
        stop: &mut Stop,
        on: &mut impl FnMut(SeedEvent),
    ) -> Result<bool> {
        loop {
            let delay = self.backoff.next_delay();
            self.retries += 1;
            on(SeedEvent::Retrying {
                error: error.clone(),
                delay,
            });
            if sleep_or_stop(stop, delay).await {
                return Ok(false);
            }
            match crate::pg::connect(self.pg).await {
                Ok(c) => {
                    self.client = c;
                    self.backoff.reset();
                    on(SeedEvent::Reconnected);
                    return Ok(true);
                }
                Err(e) if e.kind == crate::error::ErrorKind::Connection => continue,
                Err(e) => return Err(e),
            }
        }
    }
}

async fn check_table(client: &tokio_postgres::Client) -> Result<()> {
    client
        .execute("SELECT 1 FROM livedb LIMIT 0", &[])
        .await
        .map(|_| ())
        .map_err(|e| query_error("checking table livedb", e))
}

async fn insert_burst(
    client: &tokio_postgres::Client,
    rows: &[SeedRow],
) -> std::result::Result<(i64, i64), tokio_postgres::Error> {
    let orgs: Vec<&str> = rows.iter().map(|r| r.org.as_str()).collect();
    let amounts: Vec<&str> = rows.iter().map(|r| r.amount.as_str()).collect();
    let regions: Vec<&str> = rows.iter().map(|r| r.region.as_str()).collect();
    // One statement: one transaction, all rows or none.
    let row = client
        .query_one(
            "WITH ins AS (
                INSERT INTO livedb (org, amount, region)
                SELECT o, a::numeric, r FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS t(o, a, r, n)
                ORDER BY n
                RETURNING id)
             SELECT min(id)::bigint, max(id)::bigint FROM ins",
            &[&orgs, &amounts, &regions],
        )
        .await?;
    Ok((
        row.get::<_, Option<i64>>(0).unwrap_or(0),
        row.get::<_, Option<i64>>(1).unwrap_or(0),
    ))
}

fn cycle(rows: &[SeedRow], from: u64, n: u64) -> impl Iterator<Item = &SeedRow> {
    let len = rows.len() as u64;
    (from..from + n).map(move |i| &rows[(i % len) as usize])
}

/// The seed's cadence: `rows_per_burst` rows every `every`, each burst one transaction.
pub async fn run_bursts(
    pg: &PgSettings,
    rows: &[SeedRow],
    plan: &BurstPlan,
    mut stop: Stop,
    mut on: impl FnMut(SeedEvent),
) -> Result<SeedSummary> {
    let mut w = Writer::connect(pg).await?;
    check_table(&w.client).await?;
    let started = Instant::now();
    let (mut total, mut bursts) = (0u64, 0u64);
    let ended_by;
    loop {
        let n = match plan.count {
            Some(c) => plan.rows_per_burst.min(c - total),
            None => plan.rows_per_burst,
        };
        let burst: Vec<SeedRow> = cycle(rows, total, n).cloned().collect();
        match insert_burst(&w.client, &burst).await {
            Ok((first_id, last_id)) => {
                total += n;
                bursts += 1;
                on(SeedEvent::Burst(BurstRecord {
                    burst: bursts,
                    rows: n,
                    first_id,
                    last_id,
                    total,
                }));
            }
            Err(e) if is_connection_loss(&e, &w.client) => {
                if !w
                    .recover(format!("inserting a burst: {e}"), &mut stop, &mut on)
                    .await?
                {
                    ended_by = "stopped";
                    break;
                }
                continue;
            }
            Err(e) => return Err(query_error("inserting a burst into livedb", e)),
        }
        if plan.once {
            ended_by = "once";
            break;
        }
        if plan.count.is_some_and(|c| total >= c) {
            ended_by = "count";
            break;
        }
        if sleep_or_stop(&mut stop, plan.every).await {
            ended_by = "stopped";
            break;
        }
    }
    Ok(summary(total, bursts, started, ended_by, w.retries))
}

fn summary(rows: u64, bursts: u64, started: Instant, ended_by: &str, retries: u64) -> SeedSummary {
    let seconds = started.elapsed().as_secs_f64();
    SeedSummary {
        rows,
        bursts,
        seconds,
        rows_per_sec: if seconds > 0.0 {
            rows as f64 / seconds
        } else {
            0.0
        },
        ended_by: ended_by.into(),
        retries,
    }
}

/// COPY's text format: backslash, tab and line breaks escaped.
fn copy_escape(out: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

pub fn copy_text(rows: &[SeedRow], from: u64, n: u64) -> Bytes {
    let mut s = String::with_capacity(n as usize * 32);
    for r in cycle(rows, from, n) {
        copy_escape(&mut s, &r.org);
        s.push('\t');
        s.push_str(&r.amount);
        s.push('\t');
        copy_escape(&mut s, &r.region);
        s.push('\n');
    }
    Bytes::from(s)
}

async fn copy_batch(
    client: &tokio_postgres::Client,
    data: Bytes,
) -> std::result::Result<u64, tokio_postgres::Error> {
    let sink = client
        .copy_in("COPY livedb (org, amount, region) FROM STDIN")
        .await?;
    futures::pin_mut!(sink);
    sink.send(data).await?;
    sink.finish().await
}

/// Load mode: COPY in large batches at `rate` rows/s (or as fast as possible).
pub async fn run_rate(
    pg: &PgSettings,
    rows: &[SeedRow],
    plan: &RatePlan,
    mut stop: Stop,
    mut on: impl FnMut(SeedEvent),
) -> Result<SeedSummary> {
    let mut w = Writer::connect(pg).await?;
    check_table(&w.client).await?;
    let started = Instant::now();
    let (mut total, mut batches) = (0u64, 0u64);
    let ended_by;
    loop {
        if stopped(&stop) {
            ended_by = "stopped";
            break;
        }
        let remaining = plan.count.map(|c| c - total).unwrap_or(u64::MAX);
        if remaining == 0 {
            ended_by = "count";
            break;
        }
        let mut n = plan.batch.min(remaining);
        if let Some(rate) = plan.rate {
            let due = (started.elapsed().as_secs_f64() * rate) as u64;
            if due <= total {
                // Sleep until the next row is due (at most 100 ms, to stay responsive).
                let wait =
                    ((total + 1) as f64 / rate - started.elapsed().as_secs_f64()).clamp(0.001, 0.1);
                if sleep_or_stop(&mut stop, Duration::from_secs_f64(wait)).await {
                    ended_by = "stopped";
                    break;
                }
                continue;
            }
            n = n.min(due - total);
        }
        let data = copy_text(rows, total, n);
        match copy_batch(&w.client, data).await {
            Ok(_) => {
                total += n;
                batches += 1;
                on(SeedEvent::Progress(total));
            }
            Err(e) if is_connection_loss(&e, &w.client) => {
                if !w
                    .recover(format!("copying a batch: {e}"), &mut stop, &mut on)
                    .await?
                {
                    ended_by = "stopped";
                    break;
                }
            }
            Err(e) => return Err(query_error("copying rows into livedb", e)),
        }
    }
    Ok(summary(total, batches, started, ended_by, w.retries))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_quotes_and_positions() {
        let rows = parse_csv(
            "org,amount,region\n\"Acme, Inc.\",12.5,eu-west\nGlobex,7,\"us \"\"east\"\"\"\n",
        )
        .unwrap();
        assert_eq!(
            rows[0],
            SeedRow {
                org: "Acme, Inc.".into(),
                amount: "12.5".into(),
                region: "eu-west".into()
            }
        );
        assert_eq!(rows[1].region, "us \"east\"");
        let err = parse_csv("org,amount,region\nA,1.234,eu\nB,2,\n").unwrap_err();
        assert_eq!(
            err[0],
            Problem {
                line: 2,
                column: 3,
                reason: "amount `1.234` has more than 2 decimals (the column is DECIMAL(10, 2))"
                    .into()
            }
        );
        assert_eq!((err[1].line, err[1].column), (3, 5));
        assert_eq!(
            parse_csv("org,amount,region\nA,1\n").unwrap_err()[0].line,
            2
        );
        assert!(parse_csv("org,amount\nA,1\n").is_err());
    }

    #[test]
    fn json_positions() {
        let text = "[\n  {\"org\": \"A\", \"amount\": 1.5, \"region\": \"eu\"},\n  {\"org\": \"B\", \"amount\": \"x\", \"region\": \"eu\"}\n]";
        let err = parse_json(text).unwrap_err();
        assert_eq!((err[0].line, err[0].column), (3, 26));
        let ok = parse_json("[{\"org\":\"A\",\"amount\":\"10.00\",\"region\":\"r\"}]").unwrap();
        assert_eq!(ok[0].amount, "10.00");
        let syntax = parse_json("[\n{\"org\": }\n]").unwrap_err();
        assert_eq!(syntax[0].line, 2);
    }

    #[test]
    fn amounts() {
        assert!(check_amount("99999999.99").is_ok());
        assert!(check_amount("123456789").is_err());
        assert!(check_amount("1e5").is_err());
        assert_eq!(check_amount("+3.10").unwrap(), "3.10");
    }
}
