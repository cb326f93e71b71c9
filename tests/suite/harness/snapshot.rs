//! Human output made stable for insta snapshots: what changes from run to run (ports,
//! temporary paths, times, durations, rates, pids, versions, LSNs, byte counts, job ids) is
//! replaced by a `[NAME]`, and comfy-table tables are rewritten one row a line with their
//! cells trimmed (padding depends on the redacted values' widths). Headers, row order,
//! cell contents and all prose stay as printed, so a change of layout is a reviewed diff.

use regex::Regex;

use super::Run;

/// What a user sees of a run, as it goes into a snapshot: stdout, then stderr when there
/// is any, redacted.
pub fn shown(r: &Run) -> String {
    let mut s = redact(r.stdout.trim_end());
    if !r.stderr.trim().is_empty() {
        s.push_str("\n--- stderr ---\n");
        s.push_str(&redact(r.stderr.trim_end()));
    }
    s
}

/// Columns whose values differ between machines or runs, by header.
const VOLATILE_COLUMNS: &[(&str, &str)] = &[
    ("pid", "[PID]"),
    ("version", "[VERSION]"),
    ("engine pid", "[PID]"),
    ("applied at", "[TIME]"),
    ("updated", "[TIME]"),
    // A running Flink job's operators count what they have read and written so far.
    ("records in", "[COUNT]"),
    ("records out", "[COUNT]"),
];

/// Replacements applied to all text, in order.
fn rules() -> Vec<(Regex, &'static str)> {
    [
        // Temporary directories of the harness (stack root, scopes, state).
        (r"/[^\s`'\x22]*livedbctl-test-[a-z_]+-\d+-\d+", "[TMP]"),
        (r"(127\.0\.0\.1|localhost):\d{2,5}", "$1:[PORT]"),
        (
            r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d(:?\d\d)?)?",
            "[TIME]",
        ),
        // LSNs (`0/1A2B3C8`); a partition/offset pair (`0/41`) is too short to match.
        (r"\b[0-9A-F]{1,8}/[0-9A-F]{6,8}\b", "[LSN]"),
        (r"\bport: \d{2,5}\b", "port: [PORT]"),
        (r"\b\d+(\.\d+)? ?(B|KiB|MiB|GiB|TiB)\b", "[BYTES]"),
        (
            r"\b\d+(\.\d+)? (rows|events|messages|records)/s\b",
            "[RATE] $2/s",
        ),
        (r"\(\d+(\.\d+)?/s\)", "([RATE]/s)"),
        (r"\(\d+(\.\d+)? msg/s\)", "([RATE] msg/s)"),
        (r"\b\d+(\.\d+)? ?(ms|µs|s|m|h)\b", "[DURATION]"),
        (r"\b(pid|PID) \d+", "$1 [PID]"),
        // Flink job ids (32 hex digits), made up by the cluster on every submission.
        (r"\b[0-9a-f]{32}\b", "[JOB_ID]"),
        // Flink's numbers of plan nodes (`Calc[7]`), which differ from one plan to the next.
        (r"\b([A-Za-z_]+)\[\d+\]", "$1[N]"),
        (r"backend pid \d+", "backend pid [PID]"),
    ]
    .into_iter()
    .map(|(re, to)| (Regex::new(re).unwrap(), to))
    .collect()
}

/// `text` as it goes into a snapshot (see the module doc).
pub fn redact(text: &str) -> String {
    let mut out = Vec::new();
    let mut header: Option<Vec<String>> = None;
    for line in text.lines() {
        let t = line.trim_end();
        if is_border(t) {
            if t.starts_with('╞') || t.starts_with('├') {
                if let Some(h) = &header {
                    out.push(format!("|{}|", vec!["---"; h.len()].join("|")));
                }
            }
            if t.starts_with('┌') {
                header = None;
            }
            continue;
        }
        if t.starts_with('│') {
            let cells: Vec<String> = t
                .trim_matches('│')
                .split('┆')
                .map(|c| c.trim().to_string())
                .collect();
            let cells = match &header {
                None => {
                    header = Some(cells.clone());
                    cells
                }
                Some(h) => cells
                    .into_iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let col = h.get(i).map(String::as_str).unwrap_or("");
                        match VOLATILE_COLUMNS.iter().find(|(name, _)| *name == col) {
                            Some((_, mask)) if c != "-" => mask.to_string(),
                            _ => c,
                        }
                    })
                    .collect(),
            };
            out.push(format!("| {} |", cells.join(" | ")));
            continue;
        }
        out.push(t.to_string());
    }
    let mut text = out.join("\n");
    for (re, to) in rules() {
        text = re.replace_all(&text, to).into_owned();
    }
    text
}

fn is_border(line: &str) -> bool {
    !line.is_empty() && line.chars().all(|c| "┌┐└┘├┤┬┴┼─═╞╡╪╌┄┈╭╮╰╯".contains(c))
}
