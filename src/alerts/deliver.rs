//! Delivering alert changes: a command (`--alert-exec`, the event as JSON on stdin, run by
//! the house's one hook runner) and a webhook (`--webhook`, the event POSTed as JSON,
//! retried with the house's bounded backoff). Changes wait in a bounded queue served by a
//! task of their own, so a slow, failing or hanging receiver never holds up the sampler;
//! what could not be delivered is counted and its last error kept, for the snapshot.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;

use super::AlertEvent;
use crate::hooks::Hook;
use crate::sampler::snapshot::DeliveryStat;

/// Changes waiting for delivery beyond this many are dropped (and counted).
const QUEUE: usize = 256;

#[derive(Debug, Clone)]
pub struct DeliveryOptions {
    /// `sh -c COMMAND`, the event on stdin.
    pub exec: Option<String>,
    /// How long the command may run (it is stopped then, and reported failed).
    pub exec_timeout: Duration,
    pub webhook: Option<String>,
    /// How long one POST may take.
    pub webhook_timeout: Duration,
    /// Tries per change before the webhook is reported failed.
    pub webhook_attempts: u32,
}

impl Default for DeliveryOptions {
    fn default() -> Self {
        DeliveryOptions {
            exec: None,
            exec_timeout: Duration::from_secs(10),
            webhook: None,
            webhook_timeout: Duration::from_secs(5),
            webhook_attempts: 5,
        }
    }
}

impl DeliveryOptions {
    pub fn any(&self) -> bool {
        self.exec.is_some() || self.webhook.is_some()
    }
}

/// The sending end: cheap to call from the sampler, never waits.
pub struct Notifier {
    tx: mpsc::Sender<AlertEvent>,
    stats: Arc<Mutex<Vec<DeliveryStat>>>,
}

/// Indexes into the stats list.
const EXEC: usize = 0;
const WEBHOOK: usize = 1;

impl Notifier {
    /// Start the delivery task on the current tokio runtime.
    pub fn start(opts: DeliveryOptions) -> Notifier {
        let stats = Arc::new(Mutex::new(vec![
            DeliveryStat {
                via: "exec".into(),
                target: opts.exec.as_deref().map(shown_command).unwrap_or_default(),
                ..DeliveryStat::default()
            },
            DeliveryStat {
                via: "webhook".into(),
                target: opts.webhook.as_deref().map(shown_url).unwrap_or_default(),
                ..DeliveryStat::default()
            },
        ]));
        let (tx, rx) = mpsc::channel(QUEUE);
        tokio::spawn(deliver(opts, rx, stats.clone()));
        Notifier { tx, stats }
    }

    /// Queue `event`; when the queue is full it is dropped and counted.
    pub fn notify(&self, event: AlertEvent) {
        if self.tx.try_send(event).is_err() {
            let mut stats = self.stats.lock().expect("delivery stats");
            for s in stats.iter_mut().filter(|s| !s.target.is_empty()) {
                s.dropped += 1;
            }
        }
    }

    /// How delivery went so far, for each way configured.
    pub fn stats(&self) -> Vec<DeliveryStat> {
        self.stats
            .lock()
            .expect("delivery stats")
            .iter()
            .filter(|s| !s.target.is_empty())
            .cloned()
            .collect()
    }
}

/// A command as shown: its first word (the rest may carry a token).
fn shown_command(cmd: &str) -> String {
    let first = cmd.split_whitespace().next().unwrap_or_default();
    if first.len() == cmd.trim().len() {
        first.to_string()
    } else {
        format!("{first} …")
    }
}

/// A URL as shown: scheme, host and port only (a webhook's path or query is often its
/// secret, as a password in it is).
pub fn shown_url(url: &str) -> String {
    match reqwest::Url::parse(url) {
        Ok(u) => {
            let port = u.port().map(|p| format!(":{p}")).unwrap_or_default();
            format!(
                "{}://{}{port}/…",
                u.scheme(),
                u.host_str().unwrap_or_default()
            )
        }
        Err(_) => "(not a URL)".into(),
    }
}

async fn deliver(
    opts: DeliveryOptions,
    mut rx: mpsc::Receiver<AlertEvent>,
    stats: Arc<Mutex<Vec<DeliveryStat>>>,
) {
    let hook = opts.exec.as_ref().map(|command| Hook {
        command: command.clone(),
        timeout: opts.exec_timeout,
        attempts: 1,
    });
    let client = reqwest::Client::builder()
        .timeout(opts.webhook_timeout)
        .connect_timeout(opts.webhook_timeout)
        .build()
        .unwrap_or_default();
    while let Some(event) = rx.recv().await {
        let body = match serde_json::to_vec(&event) {
            Ok(b) => b,
            Err(_) => continue,
        };
        let exec = async {
            let Some(hook) = &hook else { return };
            let env = [
                ("LIVEDB_ALERT_STATUS", event.status.to_string()),
                ("LIVEDB_ALERT_RULE", event.rule.clone()),
            ];
            let outcome = hook.run(&env, &body).await;
            let error = outcome
                .error
                .map(|e| e.replace(&hook.command, &shown_command(&hook.command)));
            record(&stats, EXEC, error, 0, event.at_ms);
        };
        let webhook = async {
            let Some(url) = &opts.webhook else { return };
            let (result, attempts) =
                crate::retry::attempts(opts.webhook_attempts, |_| post(&client, url, body.clone()))
                    .await;
            record(
                &stats,
                WEBHOOK,
                result.err(),
                u64::from(attempts.saturating_sub(1)),
                event.at_ms,
            );
        };
        tokio::join!(exec, webhook);
    }
}

/// One POST; a status other than 2xx is a failure. The URL never appears in the error.
async fn post(client: &reqwest::Client, url: &str, body: Vec<u8>) -> Result<(), String> {
    let answer = client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await
        .map_err(|e| {
            let e = e.without_url();
            if e.is_timeout() {
                "the webhook did not answer in time".to_string()
            } else if e.is_connect() {
                "cannot connect to the webhook".to_string()
            } else {
                format!("webhook request failed: {e}")
            }
        })?;
    let status = answer.status();
    if status.is_success() {
        Ok(())
    } else {
        Err(format!("the webhook answered {status}"))
    }
}

fn record(
    stats: &Mutex<Vec<DeliveryStat>>,
    which: usize,
    error: Option<String>,
    retries: u64,
    at_ms: i64,
) {
    let mut stats = stats.lock().expect("delivery stats");
    let s = &mut stats[which];
    s.retries += retries;
    match error {
        None => s.delivered += 1,
        Some(e) => {
            s.failed += 1;
            s.last_error = Some(e);
            s.last_error_at_ms = Some(at_ms);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_shown_without_what_may_be_a_secret() {
        assert_eq!(
            shown_url("https://user:pw@hooks.example.com/services/T0/B0/XYZ?token=s"),
            "https://hooks.example.com/…"
        );
        assert_eq!(
            shown_url("http://127.0.0.1:9000/hook"),
            "http://127.0.0.1:9000/…"
        );
        assert_eq!(shown_command("notify.sh"), "notify.sh");
        assert_eq!(
            shown_command("curl -H 'Authorization: Bearer s3cret' https://x"),
            "curl …"
        );
    }
}
