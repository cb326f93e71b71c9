use std::net::SocketAddr;
use std::sync::Arc;

use serde::Serialize;

use crate::commands::sampling::{stop_signal, SamplingArgs};
use crate::context::Context;
use crate::dashboard::{self, Access};
use crate::error::{Error, Result};
use crate::sampler::Sampler;

/// Serve a live web page of the whole pipeline: data flow with rates and lags, 15 minutes
/// of charts, live events, processed results and service health; plus /api/snapshot,
/// /api/stream (server-sent events) and /metrics (Prometheus). Runs until Ctrl-C.
#[derive(Debug, clap::Args)]
pub struct DashboardArgs {
    /// Address to listen on; beyond loopback every request needs the token
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "ADDR:PORT")]
    pub listen: SocketAddr,
    /// Open the page in the default browser
    #[arg(long)]
    pub open: bool,
    /// Token every request must carry [default: generated and printed once when --listen is not loopback]
    #[arg(
        long,
        env = "LIVEDB_DASHBOARD_TOKEN",
        hide_env_values = true,
        value_name = "TOKEN"
    )]
    pub token: Option<String>,
    #[command(flatten)]
    pub sampling: SamplingArgs,
    #[command(flatten)]
    pub alerting: crate::commands::alerting::AlertingArgs,
}

/// The line printed once the page is served (`-o json`: one object).
#[derive(Debug, Serialize)]
struct Listening {
    #[serde(rename = "type")]
    kind: &'static str,
    /// Open this (it carries a generated token, if any).
    url: String,
    address: String,
    token_required: bool,
    /// Only when livedbctl generated it (never echoes a token it was given).
    token: Option<String>,
}

pub async fn run(ctx: &Context, args: &DashboardArgs) -> Result<()> {
    let s = ctx.settings()?;
    let loopback = args.listen.ip().is_loopback();
    let (token, generated) = match (&args.token, loopback) {
        (Some(t), _) if t.len() < 16 => {
            return Err(Error::usage("--token must be at least 16 characters")
                .hint("leave it out to have one generated"))
        }
        (Some(t), _) => (Some(t.clone()), false),
        (None, true) => (None, false),
        (None, false) => (
            Some(dashboard::generate_token().map_err(|e| {
                Error::internal(format!("cannot generate a token: {e}"))
                    .hint("pass one with --token")
            })?),
            true,
        ),
    };
    let listener = dashboard::bind(args.listen).await?;
    let addr = listener
        .local_addr()
        .map_err(|e| Error::runtime(format!("cannot read the listening address: {e}")))?;
    let mut opts = args.sampling.options(s);
    opts.judge = args.alerting.judge(s)?;
    let sampler = Arc::new(Sampler::start(s, opts)?);

    let host = if addr.ip().is_unspecified() {
        "127.0.0.1".to_string()
    } else if addr.is_ipv6() {
        format!("[{}]", addr.ip())
    } else {
        addr.ip().to_string()
    };
    let mut url = format!("http://{host}:{}/", addr.port());
    if generated {
        url.push_str(&format!("?token={}", token.as_deref().unwrap_or_default()));
    }
    let line = Listening {
        kind: "listening",
        url: url.clone(),
        address: addr.to_string(),
        token_required: token.is_some(),
        token: if generated { token.clone() } else { None },
    };
    ctx.out.record(&line, || {
        let mut t = format!("dashboard: {url}");
        if token.is_some() && !generated {
            t.push_str("  (requests need the token given with --token)");
        }
        t
    })?;
    if !loopback {
        ctx.out.warn(format!(
            "listening on {addr}, beyond this machine: every request needs the token; anyone who has it sees the pipeline's numbers and events"
        ));
    }
    if args.open {
        open_browser(&url).unwrap_or_else(|e| {
            ctx.out
                .warn(format!("cannot open a browser: {e}; open {url} yourself"))
        });
    }
    ctx.out.info("Ctrl-C stops the dashboard");
    let reporter = tokio::spawn(crate::commands::alerting::report_changes(
        ctx.out.clone(),
        sampler.subscribe(),
    ));
    dashboard::serve(
        listener,
        sampler,
        Access {
            token,
            loopback,
            listen: args.listen,
        },
        stop_signal(),
    )
    .await?;
    reporter.abort();
    Ok(())
}

/// Hand the URL to the desktop's opener, detached.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut cmd = if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(url);
        c
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", "", url]);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(url);
        c
    };
    cmd.stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|mut child| {
            // Reap the opener when it exits; the browser it starts lives on.
            std::thread::spawn(move || child.wait());
        })
}
