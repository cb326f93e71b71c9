//! The one place that writes to the terminal. Commands hand it `Serialize` values; it
//! renders them as JSON or as human tables. Logs and progress go to stderr, results to
//! stdout, and progress bars appear only for a human at a terminal.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::{IsTerminal, Write};
use std::time::Duration;

use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputMode {
    Human,
    Json,
}

/// A command's result. JSON is the serde form; `human` renders it for people.
pub trait Report: Serialize {
    fn human(&self) -> String;
}

/// Reports that are plain messages (e.g. "profile saved").
#[derive(Serialize)]
pub struct Message {
    pub message: String,
}

impl Report for Message {
    fn human(&self) -> String {
        self.message.clone()
    }
}

#[derive(Debug, Clone)]
pub struct Printer {
    pub mode: OutputMode,
    pub quiet: bool,
    pub verbose: bool,
    progress: bool,
    interactive: bool,
}

impl Printer {
    pub fn new(mode: OutputMode, quiet: bool, verbose: bool, no_progress: bool) -> Self {
        let stderr_tty = std::io::stderr().is_terminal();
        Printer {
            mode,
            quiet,
            verbose,
            progress: stderr_tty && mode == OutputMode::Human && !no_progress && !quiet,
            interactive: stderr_tty && std::io::stdin().is_terminal(),
        }
    }

    pub fn is_json(&self) -> bool {
        self.mode == OutputMode::Json
    }

    /// Print a command's result on stdout.
    pub fn report<R: Report + ?Sized>(&self, report: &R) -> Result<()> {
        let text = match self.mode {
            OutputMode::Json => serde_json::to_string_pretty(report)
                .map_err(|e| Error::internal(format!("cannot encode output: {e}")))?,
            OutputMode::Human => report.human(),
        };
        if text.is_empty() {
            return Ok(());
        }
        write_stdout(&text)
    }

    /// One record of a stream: a JSON object on one line, or the human line given.
    pub fn record<T: Serialize + ?Sized>(
        &self,
        value: &T,
        human: impl FnOnce() -> String,
    ) -> Result<()> {
        let text = match self.mode {
            OutputMode::Json => serde_json::to_string(value)
                .map_err(|e| Error::internal(format!("cannot encode output: {e}")))?,
            OutputMode::Human => human(),
        };
        write_stdout(&text)
    }

    /// A raw line on stdout (already formatted by the caller, e.g. a `-f` template).
    pub fn raw_line(&self, line: &str) -> Result<()> {
        write_stdout(line)
    }

    /// A buffered writer for a stream of records on stdout (see [`Lines`]).
    pub fn lines(&self) -> Lines {
        Lines {
            buf: Vec::with_capacity(LINES_BUFFER),
            start: 0,
        }
    }

    pub fn info(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", msg.as_ref());
        }
    }

    pub fn warn(&self, msg: impl AsRef<str>) {
        eprintln!("warning: {}", msg.as_ref());
    }

    pub fn debug(&self, msg: impl AsRef<str>) {
        if self.verbose {
            eprintln!("debug: {}", msg.as_ref());
        }
    }

    /// A step of long work: a spinner at a terminal, a plain log line otherwise.
    pub fn step(&self, msg: impl Into<String>) -> Step {
        let msg = msg.into();
        if self.progress {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {msg}").expect("static template"),
            );
            bar.set_message(msg.clone());
            bar.enable_steady_tick(Duration::from_millis(100));
            Step {
                bar: Some(bar),
                msg,
                quiet: self.quiet,
            }
        } else {
            if !self.quiet {
                eprintln!("{msg} ...");
            }
            Step {
                bar: None,
                msg,
                quiet: self.quiet,
            }
        }
    }

    /// A progress bar over `len` units (hidden unless a human watches a terminal).
    pub fn bar(&self, len: Option<u64>, unit: &str) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let bar = match len {
            Some(n) => {
                let b = ProgressBar::new(n);
                b.set_style(
                    ProgressStyle::with_template(&format!(
                        "{{bar:40}} {{pos}}/{{len}} {unit} ({{per_sec}}, eta {{eta}}) {{msg}}"
                    ))
                    .expect("static template"),
                );
                b
            }
            None => {
                let b = ProgressBar::new_spinner();
                b.set_style(
                    ProgressStyle::with_template(&format!("{{spinner}} {{pos}} {unit} {{msg}}"))
                        .expect("static template"),
                );
                b.enable_steady_tick(Duration::from_millis(200));
                b
            }
        };
        bar
    }

    /// A status line that rewrites itself on a terminal (human mode), or nothing.
    pub fn status_line(&self) -> ProgressBar {
        if !self.progress {
            return ProgressBar::hidden();
        }
        let b = ProgressBar::new_spinner();
        b.set_style(ProgressStyle::with_template("{spinner} {msg}").expect("static template"));
        b.enable_steady_tick(Duration::from_millis(200));
        b
    }

    /// Ask before destructive work. `--yes` answers for the operator; without a terminal
    /// nothing prompts and the work is refused.
    pub fn confirm(&self, question: &str, yes: bool) -> Result<()> {
        if yes {
            return Ok(());
        }
        if !self.interactive {
            return Err(
                Error::usage(format!("refusing without confirmation: {question}"))
                    .hint("no terminal to ask on; pass --yes to confirm"),
            );
        }
        let answer = dialoguer::Confirm::new()
            .with_prompt(question)
            .default(false)
            .interact()
            .map_err(|e| Error::runtime(format!("prompt failed: {e}")))?;
        if answer {
            Ok(())
        } else {
            Err(Error::usage("aborted by the operator"))
        }
    }

    pub fn error(&self, err: &Error) {
        if err.kind == ErrorKind::BrokenPipe {
            return;
        }
        if self.is_json() {
            let doc = serde_json::json!({
                "error": {
                    "kind": err.kind,
                    "message": err.message,
                    "hints": err.hints,
                    "code": err.code,
                }
            });
            eprintln!("{doc}");
        } else {
            eprintln!("error: {}", err.message);
            for h in &err.hints {
                eprintln!("  hint: {h}");
            }
        }
    }
}

pub struct Step {
    bar: Option<ProgressBar>,
    msg: String,
    quiet: bool,
}

impl Step {
    pub fn done(self, outcome: &str) {
        match self.bar {
            Some(bar) => bar.finish_with_message(format!("{}: {outcome}", self.msg)),
            None => {
                if !self.quiet {
                    eprintln!("{}: {outcome}", self.msg);
                }
            }
        }
    }
    pub fn fail(self, outcome: &str) {
        match self.bar {
            Some(bar) => bar.abandon_with_message(format!("{}: FAILED {outcome}", self.msg)),
            None => eprintln!("{}: FAILED {outcome}", self.msg),
        }
    }
}

/// How much a [`Lines`] gathers before writing.
const LINES_BUFFER: usize = 64 * 1024;

/// Records for stdout, one line each, gathered and written in large writes: when 64 KiB
/// are gathered, and whenever the producer of the records calls [`Lines::flush`] (a reader
/// of a stream flushes each time it would wait for more, so a live stream is never held
/// back). One write per record would cost a system call per record.
pub struct Lines {
    buf: Vec<u8>,
    /// Where the record being written began.
    start: usize,
}

impl Lines {
    /// The buffer to append the next record to; [`Lines::end_record`] finishes it.
    pub fn record_buf(&mut self) -> &mut Vec<u8> {
        self.start = self.buf.len();
        &mut self.buf
    }

    /// Finish the record appended: every record ends with one newline (added unless it
    /// already ends with one); writes out when the buffer is full. True when everything
    /// gathered so far, this record included, was written.
    pub fn end_record(&mut self) -> Result<bool> {
        if self.buf.len() == self.start || self.buf.last() != Some(&b'\n') {
            self.buf.push(b'\n');
        }
        if self.buf.len() >= LINES_BUFFER {
            self.flush()?;
            return Ok(true);
        }
        Ok(false)
    }

    /// Write what was gathered.
    pub fn flush(&mut self) -> Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        let written = lock.write_all(&self.buf).and_then(|()| lock.flush());
        self.buf.clear();
        self.start = 0;
        Ok(written?)
    }
}

fn write_stdout(text: &str) -> Result<()> {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        lock.write_all(b"\n")?;
    }
    lock.flush()?;
    Ok(())
}

/// A table in the house style.
pub fn table(headers: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(headers.iter().copied());
    t
}

/// `-` for absent values in tables.
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref()
        .map(|x| x.to_string())
        .unwrap_or_else(|| "-".into())
}
