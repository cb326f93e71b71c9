//! Child processes of the local stack: start detached (own process group, so Ctrl-C in
//! the terminal does not reach the servers), pid records, liveness, graceful stop, logs.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// What livedbctl remembers about a server it started.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PidRecord {
    pub pid: u32,
    pub engine: String,
    pub address: String,
    pub started_at: String,
    pub log_file: PathBuf,
    pub data_dir: PathBuf,
    #[serde(default)]
    pub version: Option<String>,
    /// Helper processes started with it (ZooKeeper beside Kafka), stopped after it.
    #[serde(default)]
    pub companions: Vec<u32>,
}

pub fn record_path(service_dir: &Path) -> PathBuf {
    service_dir.join("livedbctl.pid.json")
}

pub fn read_record(service_dir: &Path) -> Option<PidRecord> {
    let text = std::fs::read_to_string(record_path(service_dir)).ok()?;
    serde_json::from_str(&text).ok()
}

pub fn write_record(service_dir: &Path, rec: &PidRecord) -> Result<()> {
    let path = record_path(service_dir);
    let text = serde_json::to_string_pretty(rec).map_err(|e| Error::internal(e.to_string()))?;
    std::fs::write(&path, text).map_err(crate::infra::file_error("write", &path))
}

pub fn remove_record(service_dir: &Path) {
    let _ = std::fs::remove_file(record_path(service_dir));
}

/// This machine's name, for telling operators where a process runs.
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "localhost".into())
}

pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A command, run as `user` when livedbctl is root and a user is given.
pub fn command_as(user: Option<&str>, program: &Path, args: &[String]) -> Command {
    match user {
        Some(u) if is_root() => {
            let mut c =
                Command::new(which::which("runuser").unwrap_or_else(|_| PathBuf::from("runuser")));
            c.arg("-u").arg(u).arg("--").arg(program).args(args);
            c
        }
        _ => {
            let mut c = script_command(program);
            c.args(args);
            c
        }
    }
}

/// Windows runs `.bat`/`.cmd` scripts through `cmd /C`.
fn script_command(program: &Path) -> Command {
    let is_bat = program
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.eq_ignore_ascii_case("bat") || e.eq_ignore_ascii_case("cmd"))
        .unwrap_or(false);
    if is_bat {
        let mut c = Command::new("cmd");
        c.arg("/C").arg(program);
        c
    } else {
        Command::new(program)
    }
}

pub fn is_root() -> bool {
    #[cfg(unix)]
    {
        nix::unistd::geteuid().is_root()
    }
    #[cfg(not(unix))]
    {
        false
    }
}

fn detach(cmd: &mut Command) {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        cmd.process_group(0);
    }
    #[cfg(windows)]
    {
        use std::os::windows::process::CommandExt;
        const DETACHED_PROCESS: u32 = 0x0000_0008;
        const CREATE_NEW_PROCESS_GROUP: u32 = 0x0000_0200;
        cmd.creation_flags(DETACHED_PROCESS | CREATE_NEW_PROCESS_GROUP);
    }
}

fn open_log(log: &Path) -> Result<File> {
    if let Some(dir) = log.parent() {
        std::fs::create_dir_all(dir).map_err(crate::infra::file_error("create", dir))?;
    }
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .map_err(crate::infra::file_error("open log", log))
}

/// Start a long-running server detached, its output appended to `log`.
pub fn spawn_detached(mut cmd: Command, cwd: &Path, log: &Path) -> Result<Child> {
    let out = open_log(log)?;
    let err = out.try_clone().map_err(|e| Error::runtime(e.to_string()))?;
    cmd.current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    detach(&mut cmd);
    cmd.spawn().map_err(|e| {
        Error::from(crate::infra::InfraError::Start {
            program: format!("{:?}", cmd.get_program()),
            source: e,
        })
    })
}

/// Run a short command to completion, output appended to `log`; fail with the log's tail.
pub fn run_logged(
    cmd: Command,
    cwd: &Path,
    log: &Path,
    what: &str,
    timeout: Duration,
) -> Result<()> {
    let mut child = spawn_detached(cmd, cwd, log)?;
    let start = Instant::now();
    loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| Error::runtime(e.to_string()))?
        {
            if status.success() {
                return Ok(());
            }
            return Err(
                Error::runtime(format!("{what} failed ({status})")).hint(format!(
                    "log {}:\n{}",
                    log.display(),
                    tail(log, 15)
                )),
            );
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            return Err(Error::runtime(format!(
                "{what} did not finish within {} s",
                timeout.as_secs()
            ))
            .hint(format!("log {}:\n{}", log.display(), tail(log, 15))));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub fn is_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        // No signal: only checks for existence and permission.
        match nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), None) {
            Ok(()) => !is_zombie(pid),
            Err(e) => e == nix::errno::Errno::EPERM,
        }
    }
    #[cfg(windows)]
    {
        Command::new("tasklist")
            .args(["/FI", &format!("PID eq {pid}"), "/NH"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).contains(&pid.to_string()))
            .unwrap_or(false)
    }
}

#[cfg(unix)]
fn is_zombie(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit_once(')')
                .map(|(_, rest)| rest.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

/// Send `signal` to a pid we recorded.
#[cfg(unix)]
pub fn send_signal(pid: u32, signal: nix::sys::signal::Signal) -> std::io::Result<()> {
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), signal)
        .map_err(std::io::Error::from)
}

/// Ask a process to stop, wait up to `grace`, then kill it. Returns whether it was running.
pub fn terminate(pid: u32, grace: Duration) -> bool {
    if !is_alive(pid) {
        return false;
    }
    #[cfg(unix)]
    let _ = send_signal(pid, nix::sys::signal::Signal::SIGTERM);
    #[cfg(windows)]
    {
        let _ = Command::new("taskkill")
            .args(["/PID", &pid.to_string(), "/T"])
            .output();
    }
    let start = Instant::now();
    while start.elapsed() < grace {
        if !is_alive(pid) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    #[cfg(unix)]
    let _ = send_signal(pid, nix::sys::signal::Signal::SIGKILL);
    #[cfg(windows)]
    {
        let _ = Command::new("taskkill")
            .args(["/PID", &pid.to_string(), "/T", "/F"])
            .output();
    }
    let start = Instant::now();
    while is_alive(pid) && start.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(50));
    }
    true
}

/// The last `n` lines of a log file (for error messages).
pub fn tail(path: &Path, n: usize) -> String {
    let Ok(mut f) = File::open(path) else {
        return "(no log written)".into();
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let start = len.saturating_sub(16 * 1024);
    let _ = f.seek(SeekFrom::Start(start));
    let mut buf = Vec::new();
    let _ = f.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    let lines: Vec<&str> = text.lines().collect();
    let from = lines.len().saturating_sub(n);
    let out = lines[from..].join("\n");
    if out.is_empty() {
        "(log is empty)".into()
    } else {
        out
    }
}

/// Whether something accepts TCP connections at host:port.
pub fn port_open(host: &str, port: u16) -> bool {
    use std::net::{TcpStream, ToSocketAddrs};
    let Ok(addrs) = (host, port).to_socket_addrs() else {
        return false;
    };
    addrs
        .into_iter()
        .any(|a| TcpStream::connect_timeout(&a, Duration::from_millis(500)).is_ok())
}

/// The first line a program prints for `--version` (for the status table).
pub fn version_of(program: &Path, arg: &str) -> Option<String> {
    let out = Command::new(program)
        .arg(arg)
        .stdin(Stdio::null())
        .output()
        .ok()?;
    let text = if out.stdout.is_empty() {
        out.stderr
    } else {
        out.stdout
    };
    let line = String::from_utf8_lossy(&text)
        .lines()
        .next()?
        .trim()
        .to_string();
    Some(short_version(&line))
}

/// "postgres (PostgreSQL) 15.18 (Debian ...)" -> "15.18"; "Redis server v=7.0.15 ..." -> "7.0.15".
pub fn short_version(line: &str) -> String {
    line.split_whitespace()
        .map(|w| w.trim_start_matches("v=").trim_start_matches('v'))
        .find(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.contains('.'))
        .unwrap_or(line)
        .to_string()
}

/// Find a program on PATH, then in extra directories (e.g. ~/.cargo/bin).
pub fn find_program(name: &str, extra: &[PathBuf]) -> Option<PathBuf> {
    if let Ok(p) = which::which(name) {
        return Some(p);
    }
    extra
        .iter()
        .map(|d| d.join(exe(name)))
        .find(|p| p.is_file())
}

pub fn exe(name: &str) -> String {
    if cfg!(windows) {
        format!("{name}.exe")
    } else {
        name.to_string()
    }
}

pub fn create_dir(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::runtime(format!("cannot create {}: {e}", dir.display()))
            .hint("check infra.state_dir in the profile")
    })
}
