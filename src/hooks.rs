//! The one runner for a user's hook command (`consume aggregate --exec`, `consume route
//! --exec`): `sh -c COMMAND` with the given environment and the given bytes on stdin,
//! bounded by a timeout, tried up to a number of times (see [`crate::retry::attempts`]).
//! A failure is reported with the command's exit status and the end of its stderr.

use std::process::Stdio;
use std::time::Duration;

use serde::Serialize;
use tokio::io::AsyncWriteExt;

#[derive(Debug, Clone)]
pub struct Hook {
    pub command: String,
    pub timeout: Duration,
    /// Tries before the hook is reported failed (at least one).
    pub attempts: u32,
}

/// What one hook invocation came to, after its retries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HookOutcome {
    pub ok: bool,
    pub attempts: u32,
    /// Why the last attempt failed.
    pub error: Option<String>,
}

/// Lines of stderr kept in a failure's message.
const STDERR_LINES: usize = 3;

impl Hook {
    /// Run the hook with `env` set and `stdin` written to it, retrying failures.
    pub async fn run(&self, env: &[(&str, String)], stdin: &[u8]) -> HookOutcome {
        let (result, attempts) =
            crate::retry::attempts(self.attempts, |_| self.run_once(env, stdin)).await;
        HookOutcome {
            ok: result.is_ok(),
            attempts,
            error: result.err(),
        }
    }

    async fn run_once(&self, env: &[(&str, String)], stdin: &[u8]) -> Result<(), String> {
        let command = &self.command;
        let mut cmd = tokio::process::Command::new("sh");
        cmd.arg("-c")
            .arg(command)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = cmd
            .spawn()
            .map_err(|e| format!("cannot start `sh -c {command}`: {e}"))?;
        if let Some(mut pipe) = child.stdin.take() {
            // A command that does not read stdin closes it early; that is fine.
            let _ = pipe.write_all(stdin).await;
        }
        let out = tokio::time::timeout(self.timeout, child.wait_with_output())
            .await
            .map_err(|_| {
                format!(
                    "`{command}` did not finish within {}",
                    humantime::format_duration(self.timeout)
                )
            })?
            .map_err(|e| format!("waiting for `{command}`: {e}"))?;
        if out.status.success() {
            return Ok(());
        }
        let err = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
        let tail = &lines[lines.len().saturating_sub(STDERR_LINES)..];
        Err(format!(
            "`{command}` exited with {}{}",
            out.status,
            if tail.is_empty() {
                String::new()
            } else {
                format!(": {}", tail.join(" / "))
            }
        ))
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn hook(command: &str, attempts: u32) -> Hook {
        Hook {
            command: command.into(),
            timeout: Duration::from_secs(10),
            attempts,
        }
    }

    #[tokio::test]
    async fn env_and_stdin_reach_the_command() {
        let h = hook(r#"test "$X" = 7 && test "$(cat)" = hello"#, 1);
        let o = h.run(&[("X", "7".into())], b"hello").await;
        assert_eq!(
            o,
            HookOutcome {
                ok: true,
                attempts: 1,
                error: None
            }
        );
    }

    #[tokio::test]
    async fn failures_are_retried_and_reported_with_the_end_of_stderr() {
        let o = hook("echo one >&2; echo two >&2; exit 3", 2)
            .run(&[], b"")
            .await;
        assert!(!o.ok);
        assert_eq!(o.attempts, 2);
        let e = o.error.unwrap();
        assert!(
            e.contains("exit status: 3") && e.ends_with(": one / two"),
            "{e}"
        );
    }

    #[tokio::test]
    async fn a_slow_command_is_stopped_at_the_timeout() {
        let h = Hook {
            timeout: Duration::from_millis(100),
            ..hook("sleep 5", 1)
        };
        let e = h.run(&[], b"").await.error.unwrap();
        assert!(e.contains("did not finish within 100ms"), "{e}");
    }
}
