//! The grammar of alert rules (a profile's `alerts:` list, `--alert RULE`), parsed into a
//! typed [`AlertRule`] once, while settings are resolved. An error points at the part of
//! the rule that is wrong: its column, the text there, and what was expected.
//!
//! ```text
//! rule      = condition [ "for" DURATION ]
//! condition = metric [ "{" label "=" value "}" ] op threshold
//!           | "consumer" [ "{" "group" "=" value "}" ] "stalled"
//! metric    = lag | freshness | slot_lag | dead_letters
//! op        = > | >= | < | <=
//! ```
//!
//! Thresholds are records (`lag`), a duration (`freshness`: `30s`, `2m`), a size
//! (`slot_lag`: `1GiB`, `500MB`, `4096`) or records kept (`dead_letters`). Durations are
//! humantime's, as every `--timeout`/`--interval` flag of the house takes them.

use std::fmt;
use std::time::Duration;

use serde::Serialize;

/// One rule, as written and as understood.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertRule {
    /// The rule as written (spaces trimmed): its name on `/metrics` and in events.
    pub text: String,
    pub condition: Condition,
    /// How long the condition must hold before the rule fires (zero: at once).
    #[serde(with = "millis")]
    pub hold_for: Duration,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Condition {
    /// `metric{label=value} op threshold`
    Threshold {
        metric: Metric,
        scope: Option<Scope>,
        op: Op,
        /// In the metric's unit: records, milliseconds or bytes.
        threshold: f64,
    },
    /// `consumer stalled`: a group's committed offsets stay put while it lags (Burrow's
    /// rule, as the sampler judges every group's trend).
    Stalled { group: Option<String> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// A consumer group's total lag, records.
    Lag,
    /// Age of the newest data at a stage, ms.
    Freshness,
    /// A replication slot's lag, bytes.
    SlotLag,
    /// Records kept on a dead-letter topic.
    DeadLetters,
}

impl Metric {
    pub const NAMES: [&'static str; 4] = ["lag", "freshness", "slot_lag", "dead_letters"];

    pub fn name(self) -> &'static str {
        match self {
            Metric::Lag => "lag",
            Metric::Freshness => "freshness",
            Metric::SlotLag => "slot_lag",
            Metric::DeadLetters => "dead_letters",
        }
    }

    /// The unit of its values and thresholds.
    pub fn unit(self) -> &'static str {
        match self {
            Metric::Lag => "records",
            Metric::Freshness => "ms",
            Metric::SlotLag => "bytes",
            Metric::DeadLetters => "records",
        }
    }

    /// The labels a rule on this metric may be scoped by.
    pub fn labels(self) -> &'static [&'static str] {
        match self {
            Metric::Lag => &["group"],
            Metric::Freshness => &["table", "topic", "destination"],
            Metric::SlotLag => &["slot"],
            Metric::DeadLetters => &["topic"],
        }
    }
}

/// `{label=value}`: the one stage, group, slot or topic a rule looks at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Scope {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Op {
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
}

impl Op {
    pub fn holds(self, value: f64, threshold: f64) -> bool {
        match self {
            Op::Gt => value > threshold,
            Op::Ge => value >= threshold,
            Op::Lt => value < threshold,
            Op::Le => value <= threshold,
        }
    }

    /// Whether a larger value is the worse one.
    pub fn upward(self) -> bool {
        matches!(self, Op::Gt | Op::Ge)
    }
}

impl AlertRule {
    pub fn metric_name(&self) -> &'static str {
        match &self.condition {
            Condition::Threshold { metric, .. } => metric.name(),
            Condition::Stalled { .. } => "consumer_stalled",
        }
    }
}

/// What is wrong with a rule, and where: `column` (1-based, in characters) and `len` mark
/// the offending part of `rule`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("alert rule `{rule}`, column {column}: {message}")]
pub struct RuleError {
    pub rule: String,
    pub column: usize,
    pub len: usize,
    pub message: String,
}

impl RuleError {
    /// The rule with a caret line under the offending part (for a terminal).
    pub fn pointer(&self) -> String {
        format!(
            "{}\n{}{}",
            self.rule,
            " ".repeat(self.column.saturating_sub(1)),
            "^".repeat(self.len.max(1))
        )
    }
}

impl fmt::Display for AlertRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// A token: its text and its character range in the rule.
#[derive(Debug, Clone)]
struct Tok {
    text: String,
    start: usize,
    len: usize,
}

struct Parser<'a> {
    rule: &'a str,
    toks: Vec<Tok>,
    at: usize,
    /// Character length of the rule (for "expected ... at the end").
    end: usize,
}

/// Split into words, operators and braces; a quoted scope value is one token.
fn tokenize(rule: &str) -> Result<Vec<Tok>, RuleError> {
    let chars: Vec<char> = rule.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    let word =
        |c: char| !c.is_whitespace() && !matches!(c, '{' | '}' | '=' | ',' | '<' | '>' | '"');
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let text: String = match c {
            '{' | '}' | ',' | '=' => {
                i += 1;
                c.to_string()
            }
            '<' | '>' => {
                i += 1;
                if chars.get(i) == Some(&'=') {
                    i += 1;
                }
                chars[start..i].iter().collect()
            }
            '"' => {
                i += 1;
                let from = i;
                while i < chars.len() && chars[i] != '"' {
                    i += 1;
                }
                if i >= chars.len() {
                    return Err(RuleError {
                        rule: rule.to_string(),
                        column: start + 1,
                        len: chars.len() - start,
                        message: "a quoted value is not closed (a `\"` is missing)".into(),
                    });
                }
                i += 1;
                let inner: String = chars[from..i - 1].iter().collect();
                toks.push(Tok {
                    text: format!("\"{inner}"),
                    start,
                    len: i - start,
                });
                continue;
            }
            _ => {
                while i < chars.len() && word(chars[i]) {
                    i += 1;
                }
                chars[start..i].iter().collect()
            }
        };
        toks.push(Tok {
            text,
            start,
            len: i - start,
        });
    }
    Ok(toks)
}

impl Parser<'_> {
    fn err_at(&self, tok: Option<&Tok>, message: impl Into<String>) -> RuleError {
        let (column, len) = match tok {
            Some(t) => (t.start + 1, t.len),
            None => (self.end + 1, 1),
        };
        RuleError {
            rule: self.rule.to_string(),
            column,
            len,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn next(&mut self) -> Option<Tok> {
        let t = self.toks.get(self.at).cloned();
        self.at += 1;
        t
    }

    fn expect(&mut self, what: &str, describe: &str) -> Result<Tok, RuleError> {
        match self.next() {
            Some(t) if t.text == what => Ok(t),
            Some(t) => {
                Err(self.err_at(Some(&t), format!("expected {describe}, found `{}`", t.text)))
            }
            None => Err(self.err_at(None, format!("expected {describe} at the end"))),
        }
    }

    /// `{label=value}` after a metric; `labels` are the ones it takes.
    fn scope(&mut self, labels: &[&str], of: &str) -> Result<Option<Scope>, RuleError> {
        if self.peek().is_none_or(|t| t.text != "{") {
            return Ok(None);
        }
        self.next();
        let label = match self.next() {
            Some(t) if labels.contains(&t.text.as_str()) => t.text,
            Some(t) => {
                let near = crate::profile::nearest(&t.text, labels.iter().copied());
                return Err(self.err_at(
                    Some(&t),
                    format!(
                        "`{}` is not a label of {of} (it takes {}){}",
                        t.text,
                        list(labels),
                        near.map(|n| format!("; did you mean `{n}`?"))
                            .unwrap_or_default()
                    ),
                ));
            }
            None => return Err(self.err_at(None, format!("expected a label ({})", list(labels)))),
        };
        self.expect("=", "`=` after the label")?;
        let value = match self.next() {
            Some(t) if t.text.starts_with('"') => t.text[1..].to_string(),
            Some(t) if !matches!(t.text.as_str(), "}" | "," | "=") => t.text,
            other => {
                return Err(self.err_at(other.as_ref(), format!("expected the {label}'s name")))
            }
        };
        if value.is_empty() {
            let prev = self.toks[self.at - 1].clone();
            return Err(self.err_at(Some(&prev), format!("the {label}'s name is empty")));
        }
        match self.next() {
            Some(t) if t.text == "}" => {}
            Some(t) if t.text == "," => {
                return Err(self.err_at(
                    Some(&t),
                    "a rule takes one label (one stage, group, slot or topic)",
                ))
            }
            Some(t) => {
                return Err(self.err_at(Some(&t), format!("expected `}}`, found `{}`", t.text)))
            }
            None => return Err(self.err_at(None, "expected `}` at the end")),
        }
        Ok(Some(Scope { label, value }))
    }

    /// A threshold: one token, or a number and a unit written apart (`1 GiB`, `30 s`).
    fn threshold(&mut self, metric: Metric) -> Result<f64, RuleError> {
        let Some(tok) = self.next() else {
            return Err(self.err_at(
                None,
                format!("expected a threshold ({}) at the end", example(metric)),
            ));
        };
        let parse = |text: &str| match metric {
            Metric::Lag | Metric::DeadLetters => parse_count(text),
            Metric::Freshness => parse_duration(text).map(|d| d.as_millis() as f64),
            Metric::SlotLag => parse_bytes(text).map(|b| b as f64),
        };
        let bare = tok
            .text
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '_');
        let unit_apart = matches!(metric, Metric::Freshness | Metric::SlotLag) && bare;
        if let Some(unit) = self.peek().filter(|_| unit_apart).cloned() {
            if let Ok(v) = parse(&format!("{}{}", tok.text, unit.text)) {
                self.next();
                return Ok(v);
            }
        }
        parse(&tok.text).map_err(|why| self.err_at(Some(&tok), why))
    }
}

fn list(labels: &[&str]) -> String {
    labels
        .iter()
        .map(|l| format!("`{l}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn example(metric: Metric) -> &'static str {
    match metric {
        Metric::Lag => "a number of records, e.g. 10000",
        Metric::DeadLetters => "a number of records, e.g. 0",
        Metric::Freshness => "a duration, e.g. 30s",
        Metric::SlotLag => "a size, e.g. 1GiB",
    }
}

/// A count of records: digits, `_` allowed between them (`10_000`).
fn parse_count(s: &str) -> Result<f64, String> {
    let digits: String = s.chars().filter(|&c| c != '_').collect();
    match digits.parse::<u64>() {
        Ok(n) if !s.starts_with('_') && !s.ends_with('_') => Ok(n as f64),
        _ => Err(format!(
            "`{s}` is not a number of records (write it in digits, e.g. 10000)"
        )),
    }
}

/// A duration as humantime reads it (`30s`, `1m`, `1h 30m`, `500ms`).
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    humantime::parse_duration(s).map_err(|e| format!("`{s}` is not a duration (30s, 5m, 1h): {e}"))
}

/// A size in bytes: a number with an optional unit, binary (`KiB`, `MiB`, `GiB`, `TiB`,
/// what `livedbctl` prints) or decimal (`kB`, `MB`, `GB`, `TB`), or `B`. Units are read
/// without regard to case (`1gib`); a fraction is allowed (`1.5GiB`).
pub fn parse_bytes(s: &str) -> Result<u64, String> {
    let bad = || format!("`{s}` is not a size (4096, 512MiB, 1GiB, 2GB)");
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let num: String = num.chars().filter(|&c| c != '_').collect();
    let n: f64 = num.parse().map_err(|_| bad())?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "kib" | "k" => 1024.0,
        "mib" | "m" => 1024f64.powi(2),
        "gib" | "g" => 1024f64.powi(3),
        "tib" | "t" => 1024f64.powi(4),
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        "tb" => 1e12,
        _ => return Err(bad()),
    };
    let bytes = n * mult;
    if !bytes.is_finite() || bytes < 0.0 || bytes > u64::MAX as f64 {
        return Err(bad());
    }
    Ok(bytes.round() as u64)
}

/// Parse one rule.
pub fn parse(rule: &str) -> Result<AlertRule, RuleError> {
    let text = rule.trim();
    let toks = tokenize(text)?;
    let mut p = Parser {
        rule: text,
        toks,
        at: 0,
        end: text.chars().count(),
    };
    let Some(first) = p.next() else {
        return Err(RuleError {
            rule: text.to_string(),
            column: 1,
            len: 1,
            message: format!(
                "the rule is empty (write e.g. `lag > 10000 for 1m`; metrics: {}, or `consumer stalled`)",
                Metric::NAMES.join(", ")
            ),
        });
    };
    let condition = if first.text == "consumer" {
        let group = p.scope(&["group"], "`consumer`")?.map(|s| s.value);
        match p.next() {
            Some(t) if t.text == "stalled" => {}
            Some(t) => {
                return Err(p.err_at(Some(&t), format!("expected `stalled`, found `{}`", t.text)))
            }
            None => return Err(p.err_at(None, "expected `stalled` after `consumer`")),
        }
        Condition::Stalled { group }
    } else {
        let metric = match first.text.as_str() {
            "lag" => Metric::Lag,
            "freshness" => Metric::Freshness,
            "slot_lag" => Metric::SlotLag,
            "dead_letters" => Metric::DeadLetters,
            other => {
                let names = Metric::NAMES.iter().copied().chain(["consumer"]);
                let near = crate::profile::nearest(other, names);
                return Err(p.err_at(
                    Some(&first),
                    format!(
                        "unknown metric `{other}` (use {}, or `consumer stalled`){}",
                        Metric::NAMES.join(", "),
                        near.map(|n| format!("; did you mean `{n}`?"))
                            .unwrap_or_default()
                    ),
                ));
            }
        };
        let scope = p.scope(metric.labels(), &format!("`{}`", metric.name()))?;
        let op = match p.next() {
            Some(t) => match t.text.as_str() {
                ">" => Op::Gt,
                ">=" => Op::Ge,
                "<" => Op::Lt,
                "<=" => Op::Le,
                _ => {
                    return Err(p.err_at(
                        Some(&t),
                        format!("expected a comparison (>, >=, <, <=), found `{}`", t.text),
                    ))
                }
            },
            None => return Err(p.err_at(None, "expected a comparison (>, >=, <, <=) at the end")),
        };
        let threshold = p.threshold(metric)?;
        Condition::Threshold {
            metric,
            scope,
            op,
            threshold,
        }
    };
    let mut hold_for = Duration::ZERO;
    if let Some(t) = p.next() {
        if t.text != "for" {
            return Err(p.err_at(
                Some(&t),
                format!("expected `for DURATION` or the end, found `{}`", t.text),
            ));
        }
        let Some(first) = p.next() else {
            return Err(p.err_at(None, "expected a duration after `for` (e.g. `for 1m`)"));
        };
        // The rest of the rule is the duration (`for 1m 30s`).
        let mut last = first.clone();
        while let Some(t) = p.next() {
            last = t;
        }
        let span = Tok {
            text: text
                .chars()
                .skip(first.start)
                .take(last.start + last.len - first.start)
                .collect(),
            start: first.start,
            len: last.start + last.len - first.start,
        };
        hold_for = parse_duration(&span.text).map_err(|why| p.err_at(Some(&span), why))?;
    }
    Ok(AlertRule {
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        condition,
        hold_for,
    })
}

mod millis {
    pub fn serialize<S: serde::Serializer>(
        d: &std::time::Duration,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_millis() as u64)
    }
}

#[cfg(test)]
mod tests;
