//! What `dashboard` and `top` share: the sampler's flags and the stop signal. (Their
//! domains' errors become boundary errors in `error/domain.rs`.)

use std::time::Duration;

use crate::sampler::SamplerOptions;
use crate::settings::Settings;

#[derive(Debug, Clone, clap::Args)]
pub struct SamplingArgs {
    /// How often to sample (one set of queries for every viewer)
    #[arg(long, default_value = "1s", value_parser = parse_duration, value_name = "DURATION")]
    pub interval: Duration,
    /// Topic the event feed follows first [default: the profile's kafka.topic]
    #[arg(long, value_name = "TOPIC")]
    pub feed_topic: Option<String>,
    /// Redis prefix of `consume aggregate`'s windows (its --prefix)
    #[arg(long, default_value = crate::consumers::aggregate::DEFAULT_PREFIX, value_name = "PREFIX")]
    pub aggregate_prefix: String,
    /// A stream job's PostgreSQL results table to show (window_start, window_end, groups, aggregates)
    #[arg(long, value_name = "TABLE")]
    pub results_table: Option<String>,
}

pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    if let Ok(secs) = s.parse::<f64>() {
        if secs.is_finite() && secs > 0.0 {
            return Ok(Duration::from_secs_f64(secs));
        }
    }
    humantime::parse_duration(s).map_err(|e| format!("`{s}` is not a duration (1s, 500ms, 2): {e}"))
}

impl SamplingArgs {
    pub fn options(&self, s: &Settings) -> SamplerOptions {
        SamplerOptions {
            interval: self.interval,
            feed_topic: self
                .feed_topic
                .clone()
                .unwrap_or_else(|| s.kafka.topic.clone()),
            aggregate_prefix: self.aggregate_prefix.clone(),
            results_table: self.results_table.clone(),
            ..SamplerOptions::default()
        }
    }
}

/// Ctrl-C or SIGTERM, through the one shutdown module (a second signal exits 130).
pub async fn stop_signal() {
    let shutdown = crate::shutdown::Shutdown::on_signals();
    let mut stop = shutdown.stop();
    crate::shutdown::requested(&mut stop).await;
}
