use std::io::{Read, Seek, SeekFrom};
use std::time::Duration;

use serde::Serialize;

use crate::commands::values::Service;
use crate::context::Context;
use crate::error::{Error, Result};
use crate::infra;
use crate::profile::ServiceName;
use crate::shutdown::{sleep_or_stop, Shutdown};

/// Print the log of a service livedbctl started
#[derive(Debug, clap::Args)]
pub struct LogsArgs {
    #[arg(value_enum)]
    pub service: Service,
    /// Keep printing as the log grows (Ctrl-C ends)
    #[arg(short, long)]
    pub follow: bool,
    /// Only the last N lines
    #[arg(short = 'n', long, value_name = "N")]
    pub lines: Option<usize>,
}

#[derive(Serialize)]
struct LogLine<'a> {
    service: ServiceName,
    line: &'a str,
}

pub async fn run(ctx: &Context, args: &LogsArgs) -> Result<()> {
    let s = ctx.settings()?;
    let service = ServiceName::from(args.service);
    let path = infra::log_path(s, service)?;
    let mut file = std::fs::File::open(&path)
        .map_err(|e| Error::runtime(format!("cannot open {}: {e}", path.display())))?;
    let mut text = String::new();
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    text.push_str(&String::from_utf8_lossy(&bytes));
    let lines: Vec<&str> = text.lines().collect();
    let from = args
        .lines
        .map(|n| lines.len().saturating_sub(n))
        .unwrap_or(0);
    for l in &lines[from..] {
        emit(ctx, service, l)?;
    }
    if !args.follow {
        return Ok(());
    }
    let mut pos = bytes.len() as u64;
    let mut partial = String::new();
    let mut stop = Shutdown::on_signals().stop();
    loop {
        if sleep_or_stop(&mut stop, Duration::from_millis(250)).await {
            return Ok(());
        }
        let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if len < pos {
            pos = 0; // truncated or rotated
        }
        if len == pos {
            continue;
        }
        file.seek(SeekFrom::Start(pos))?;
        let mut chunk = Vec::new();
        file.read_to_end(&mut chunk)?;
        pos += chunk.len() as u64;
        partial.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(i) = partial.find('\n') {
            let line: String = partial.drain(..=i).collect();
            emit(ctx, service, line.trim_end_matches(['\n', '\r']))?;
        }
    }
}

fn emit(ctx: &Context, service: ServiceName, line: &str) -> Result<()> {
    ctx.out
        .record(&LogLine { service, line }, || line.to_string())
}
