use std::io::IsTerminal;
use std::time::Duration;

use crate::commands::sampling::{stop_signal, SamplingArgs};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::output::Report;
use crate::sampler::snapshot::Snapshot;
use crate::sampler::Sampler;

/// Watch the pipeline in the terminal: stages with rates and lags, sparklines, consumer
/// groups, the latest events, processed results, stream jobs and alerts, refreshed every
/// sample. Keys: q quit, p pause, tab/1-6 panels (6: alerts). Without a terminal, `-o json`
/// prints one snapshot and exits.
#[derive(Debug, clap::Args)]
pub struct TopArgs {
    #[command(flatten)]
    pub sampling: SamplingArgs,
    #[command(flatten)]
    pub alerting: crate::commands::alerting::AlertingArgs,
}

/// `top -o json`: the snapshot as `/api/snapshot` serves it (without history).
struct OneSnapshot(std::sync::Arc<Snapshot>);

impl serde::Serialize for OneSnapshot {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Report for OneSnapshot {
    fn human(&self) -> String {
        String::new()
    }
}

pub async fn run(ctx: &Context, args: &TopArgs) -> Result<()> {
    let s = ctx.settings()?;
    let terminal = std::io::stdout().is_terminal() && std::io::stdin().is_terminal();
    if !terminal && !ctx.out.is_json() {
        return Err(Error::usage("`top` needs a terminal (stdin and stdout)")
            .hint("`livedbctl -o json top` prints one snapshot and exits; `livedbctl dashboard` serves the same view to a browser"));
    }
    let mut opts = args.sampling.options(s);
    opts.judge = args.alerting.judge(s)?;
    let sampler = Sampler::start(s, opts)?;
    if ctx.out.is_json() {
        // Two samples, so rates (deltas) are filled in, and every part in: a busy server
        // that answers late is waited for (up to 30 s), not printed as down.
        let mut rx = sampler.subscribe();
        let wait = rx.wait_for(|snap| {
            let late = |e: &Option<String>| {
                e.as_deref()
                    .is_some_and(|e| e.contains("did not answer in time"))
            };
            snap.seq >= 2
                && !late(&snap.kafka.error)
                && !late(&snap.postgres.error)
                && !late(&snap.redis.error)
        });
        let _ =
            tokio::time::timeout(args.sampling.interval * 2 + Duration::from_secs(30), wait).await;
        let snap = sampler.latest();
        if snap.seq == 0 {
            return Err(Error::runtime("no sample was taken within 30 s"));
        }
        return ctx.out.report(&OneSnapshot(snap));
    }
    crate::top::run(&sampler, stop_signal())
        .await
        .map_err(|e| Error::runtime(e.to_string()))
}
