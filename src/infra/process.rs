//! Child processes of the local stack: start detached (own process group, so Ctrl-C in
//! the terminal does not reach the servers), pid records, liveness, graceful stop, logs.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::infra::InfraError;

pub use crate::host::{hostname, is_alive, is_valid_pid};

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
    /// How to recognise each of those processes (by pid) once its pid may have been
    /// given to another one: filled in by [`write_record`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub starts: BTreeMap<u32, ProcessStart>,
}

/// What tells a process from a later one with the same pid: on Linux its start time in
/// clock ticks after boot and the boot's id (`/proc/PID/stat`,
/// `/proc/sys/kernel/random/boot_id`); on other Unix systems `ps`'s start time and
/// command; on Windows the image name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessStart {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ticks: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boot_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub started: Option<String>,
}

/// Whether a recorded pid may be signalled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ownership {
    /// The process livedbctl started is running under it.
    Ours,
    /// No process has it.
    Gone,
    /// Another process has it now (or it is no valid pid): never signalled.
    NotOurs(String),
}

/// The identity of a running process, where this system tells it.
pub fn process_start(pid: u32) -> Option<ProcessStart> {
    if !is_valid_pid(pid) {
        return None;
    }
    #[cfg(target_os = "linux")]
    {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        // The command name in parentheses may hold spaces; fields follow the last `)`.
        let rest = stat.rsplit_once(')')?.1;
        // Field 22 (starttime) is the 20th after the name: state is field 3.
        let ticks = rest.split_whitespace().nth(19)?.parse().ok()?;
        let boot = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").ok();
        Some(ProcessStart {
            start_ticks: Some(ticks),
            boot_id: boot.map(|b| b.trim().to_string()),
            started: None,
        })
    }
    #[cfg(all(unix, not(target_os = "linux")))]
    {
        let out = Command::new("ps")
            .args(["-o", "lstart=,command=", "-p", &pid.to_string()])
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (!text.is_empty()).then_some(ProcessStart {
            start_ticks: None,
            boot_id: None,
            started: Some(text),
        })
    }
    #[cfg(windows)]
    {
        let out = Command::new("tasklist")
            .args(["/FI", &format!("PID eq {pid}"), "/FO", "CSV", "/NH"])
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout);
        let image = text.split(',').next()?.trim_matches('"').trim().to_string();
        (!image.is_empty() && text.contains(&format!("\"{pid}\""))).then_some(ProcessStart {
            start_ticks: None,
            boot_id: None,
            started: Some(image),
        })
    }
}

/// Is `pid` (the record's server or one of its companions) still the process livedbctl
/// started? Only then may it be signalled. A record without a start (written by an
/// older livedbctl) is trusted when the process's command line names the record's data
/// directory.
pub fn ownership(rec: &PidRecord, pid: u32) -> Ownership {
    if !is_valid_pid(pid) {
        return Ownership::NotOurs(format!("{pid} is not a process id"));
    }
    if !is_alive(pid) {
        return Ownership::Gone;
    }
    let now = process_start(pid);
    match (rec.starts.get(&pid), now) {
        (Some(recorded), Some(now)) if *recorded == now => Ownership::Ours,
        (Some(_), Some(_)) => Ownership::NotOurs(format!(
            "pid {pid} now belongs to a process started at another time"
        )),
        (Some(_), None) => Ownership::NotOurs(format!("the start of pid {pid} cannot be read")),
        (None, _) if command_line_names(pid, &rec.data_dir) => Ownership::Ours,
        (None, _) => Ownership::NotOurs(format!(
            "pid {pid} is not recorded with its start time and its command line does not name {}",
            rec.data_dir.display()
        )),
    }
}

fn command_line_names(pid: u32, dir: &Path) -> bool {
    let Ok(raw) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
        return false;
    };
    let line = String::from_utf8_lossy(&raw).replace('\0', " ");
    let dir = dir.display().to_string();
    !dir.is_empty() && line.contains(&dir)
}

pub fn record_path(service_dir: &Path) -> PathBuf {
    service_dir.join("livedbctl.pid.json")
}

/// The record of `service_dir`, trusted only as a plain file of the user livedbctl runs as
/// ([`crate::infra::tree::read_own`]): as root, the PostgreSQL user may once have owned the
/// directory and planted a record naming any process, to be signalled by `infra down`.
pub fn read_record(service_dir: &Path) -> Option<PidRecord> {
    let text = crate::infra::tree::read_own(&record_path(service_dir)).ok()??;
    serde_json::from_str(&text).ok()
}

/// Write the record, with the start of each of its processes (see [`ownership`]).
pub fn write_record(service_dir: &Path, rec: &PidRecord) -> Result<()> {
    let path = record_path(service_dir);
    let mut rec = rec.clone();
    for pid in std::iter::once(rec.pid).chain(rec.companions.clone()) {
        if let Some(start) = process_start(pid) {
            rec.starts.insert(pid, start);
        }
    }
    let text = serde_json::to_string_pretty(&rec).map_err(|e| Error::internal(e.to_string()))?;
    crate::infra::tree::write_own(&path, &text, 0o644)
        .map_err(crate::infra::file_error("write", &path))
}

pub fn remove_record(service_dir: &Path) {
    let _ = std::fs::remove_file(record_path(service_dir));
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
    use std::os::unix::fs::OpenOptionsExt;
    // Never through a link: as root, a log may sit in a directory another user owns.
    OpenOptions::new()
        .create(true)
        .append(true)
        .custom_flags(nix::fcntl::OFlag::O_NOFOLLOW.bits())
        .open(log)
        .map_err(crate::infra::file_error("open log", log))
}

/// Start a long-running server detached, its output appended to `log`.
pub fn spawn_detached(cmd: Command, cwd: &Path, log: &Path) -> Result<Child> {
    spawn_detached_into(cmd, cwd, open_log(log)?)
}

/// [`spawn_detached`] with the log already open.
pub fn spawn_detached_into(mut cmd: Command, cwd: &Path, out: File) -> Result<Child> {
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
    run_logged_into(cmd, cwd, log, open_log(log)?, what, timeout)
}

/// [`run_logged`] with the log (`log` names it) already open.
pub fn run_logged_into(
    cmd: Command,
    cwd: &Path,
    log: &Path,
    out: File,
    what: &str,
    timeout: Duration,
) -> Result<()> {
    let mut child = spawn_detached_into(cmd, cwd, out)?;
    let start = Instant::now();
    loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|e| Error::runtime(e.to_string()))?
        {
            if status.success() {
                return Ok(());
            }
            return Err(InfraError::StepFailed {
                what: what.to_string(),
                status: status.to_string(),
                log: log.to_path_buf(),
                tail: tail(log, 15),
            }
            .into());
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            return Err(InfraError::StepTimedOut {
                what: what.to_string(),
                secs: timeout.as_secs(),
                log: log.to_path_buf(),
                tail: tail(log, 15),
            }
            .into());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Send `signal` to one process (never a group: see [`is_valid_pid`]).
#[cfg(unix)]
pub fn send_signal(pid: u32, signal: nix::sys::signal::Signal) -> std::io::Result<()> {
    if !is_valid_pid(pid) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{pid} is not a process id"),
        ));
    }
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), signal)
        .map_err(std::io::Error::from)
}

/// Ask a process to stop, wait up to `grace`, then kill it. Returns whether it was running.
/// Callers check [`ownership`] first.
pub fn terminate(pid: u32, grace: Duration) -> bool {
    if !is_valid_pid(pid) || !is_alive(pid) {
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

/// The end of a log file for an error message: its last `n` lines, and before them the
/// first lines that name an error (`ERROR`, `FATAL`, `PANIC`, a Java `Caused by:`) when
/// the last lines do not show them. A JVM that fails at start-up often ends its log
/// with a thread dump, many lines after the exception that says why (Flink's port taken).
pub fn tail(path: &Path, n: usize) -> String {
    // Only a regular file is read, and at most its last TAIL_BYTES: a log replaced by a
    // FIFO or a device (endless) is not followed. What is checked is the file opened, so
    // nothing can be swapped in between.
    let Ok(mut f) = open_without_blocking(path) else {
        return "(no log written)".into();
    };
    let Ok(meta) = f.metadata() else {
        return "(no log written)".into();
    };
    if !meta.is_file() {
        return "(the log is not a regular file)".into();
    }
    let _ = f.seek(SeekFrom::Start(meta.len().saturating_sub(TAIL_BYTES)));
    let mut buf = Vec::new();
    let _ = f.take(TAIL_BYTES).read_to_end(&mut buf);
    excerpt(&String::from_utf8_lossy(&buf), n)
}

/// Open for reading; on Unix without blocking, so that a FIFO put in a log's place does not
/// hold the open until something writes to it (reading a regular file is not affected).
fn open_without_blocking(path: &Path) -> std::io::Result<File> {
    let mut o = std::fs::OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(nix::libc::O_NONBLOCK);
    }
    o.open(path)
}

/// How much of a log's end [`tail`] reads.
const TAIL_BYTES: u64 = 256 * 1024;

/// How many error lines [`tail`] puts before the last lines, at most.
const CAUSE_LINES: usize = 8;

fn names_an_error(line: &str) -> bool {
    let l = line.trim_start();
    l.starts_with("Caused by:")
        || [" ERROR ", "FATAL", "PANIC:"]
            .iter()
            .any(|m| line.contains(m))
}

fn excerpt(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let from = lines.len().saturating_sub(n);
    let last = &lines[from..];
    if last.iter().all(|l| l.trim().is_empty()) {
        return "(log is empty)".into();
    }
    let mut causes: Vec<&str> = Vec::new();
    for l in &lines[..from] {
        if names_an_error(l) && !causes.contains(l) {
            causes.push(l);
            if causes.len() == CAUSE_LINES {
                break;
            }
        }
    }
    // Lines cut to 300 characters: a stack trace's line can be very long.
    let cut = |l: &&str| -> String {
        match l.char_indices().nth(300) {
            Some((i, _)) => format!("{}…", &l[..i]),
            None => l.to_string(),
        }
    };
    let last = last.iter().map(cut).collect::<Vec<_>>().join("\n");
    if causes.is_empty() {
        return last;
    }
    format!(
        "first errors:\n{}\n…\nlast lines:\n{last}",
        causes.iter().map(cut).collect::<Vec<_>>().join("\n")
    )
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

/// Which program listens on TCP `port` on this machine, when the system tells (Linux:
/// the socket's inode in /proc/net/tcp{,6}, then the process holding it). For the "port
/// taken" error of `infra up`.
pub fn listener_of(port: u16) -> Option<(u32, String)> {
    #[cfg(target_os = "linux")]
    {
        let mut inodes = Vec::new();
        for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
            let Ok(text) = std::fs::read_to_string(table) else {
                continue;
            };
            for line in text.lines().skip(1) {
                let f: Vec<&str> = line.split_whitespace().collect();
                // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN.
                let listening = f.len() > 9 && f[3] == "0A";
                let on_port = f
                    .get(1)
                    .and_then(|a| a.rsplit_once(':'))
                    .and_then(|(_, p)| u16::from_str_radix(p, 16).ok())
                    == Some(port);
                if listening && on_port {
                    inodes.push(format!("socket:[{}]", f[9]));
                }
            }
        }
        if inodes.is_empty() {
            return None;
        }
        for entry in std::fs::read_dir("/proc").ok()?.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|n| n.parse::<u32>().ok())
            else {
                continue;
            };
            let Ok(fds) = std::fs::read_dir(entry.path().join("fd")) else {
                continue;
            };
            for fd in fds.flatten() {
                let Ok(target) = std::fs::read_link(fd.path()) else {
                    continue;
                };
                if inodes.iter().any(|i| target.as_os_str() == i.as_str()) {
                    let name = std::fs::read_to_string(entry.path().join("comm"))
                        .map(|c| c.trim().to_string())
                        .unwrap_or_else(|_| "?".into());
                    return Some((pid, name));
                }
            }
        }
        None
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = port;
        None
    }
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
    std::fs::create_dir_all(dir).map_err(|source| {
        InfraError::CreateDir {
            dir: dir.to_path_buf(),
            source,
        }
        .into()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_log_that_ends_in_a_thread_dump_still_shows_its_cause() {
        let mut log = String::from("INFO starting\n");
        log.push_str(
            "2026-12-06 21:19:59,049 ERROR NettyTransport [] - failed to bind to port 59382\n",
        );
        log.push_str("org.apache.flink...ClusterEntrypointException: Failed to initialize\n");
        log.push_str(
            "Caused by: java.net.BindException: Could not start actor system on any port\n",
        );
        for i in 0..40 {
            log.push_str(&format!("\tat frame{i}\n"));
        }
        let e = excerpt(&log, 5);
        assert!(e.starts_with("first errors:\n"), "{e}");
        assert!(e.contains("Caused by: java.net.BindException"), "{e}");
        assert!(e.contains("failed to bind"), "{e}");
        assert!(e.ends_with("\tat frame39"), "{e}");
        // A log whose end is all there is to see is shown as it is.
        assert_eq!(excerpt("a\nFATAL: no\n", 5), "a\nFATAL: no");
        assert_eq!(excerpt("\n\n", 5), "(log is empty)");
        // A very long line is cut.
        let long = "x".repeat(10_000);
        assert!(excerpt(&long, 5).chars().count() <= 301);
        // A log that is a device is not read; a missing one says so.
        #[cfg(unix)]
        assert_eq!(
            tail(Path::new("/dev/zero"), 5),
            "(the log is not a regular file)"
        );
        assert_eq!(
            tail(Path::new("/nonexistent/livedbctl.log"), 5),
            "(no log written)"
        );
        // A FIFO in the log's place: refused without waiting for a writer.
        #[cfg(unix)]
        {
            let dir = tempfile::tempdir().unwrap();
            let fifo = dir.path().join("postgres.log");
            nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::S_IRWXU).unwrap();
            assert_eq!(tail(&fifo, 5), "(the log is not a regular file)");
        }
    }

    #[test]
    fn only_single_positive_pids_are_valid() {
        assert!(!is_valid_pid(0));
        assert!(!is_valid_pid(u32::MAX)); // -1 as i32: every process
        assert!(!is_valid_pid(i32::MAX as u32 + 1));
        assert!(is_valid_pid(1));
        assert!(!is_alive(0));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_process_is_recognised_and_a_forged_start_is_not() {
        let me = std::process::id();
        let start = process_start(me).unwrap();
        assert!(start.start_ticks.is_some() && start.boot_id.is_some());
        let mut rec = PidRecord {
            pid: me,
            engine: "test".into(),
            address: String::new(),
            started_at: String::new(),
            log_file: PathBuf::new(),
            data_dir: PathBuf::from("/nonexistent/livedbctl-data"),
            version: None,
            companions: Vec::new(),
            starts: BTreeMap::new(),
        };
        // No recorded start, and the command line does not name the data directory.
        assert!(matches!(ownership(&rec, me), Ownership::NotOurs(_)));
        rec.starts.insert(me, start.clone());
        assert_eq!(ownership(&rec, me), Ownership::Ours);
        let mut forged = start;
        forged.start_ticks = forged.start_ticks.map(|t| t + 1);
        rec.starts.insert(me, forged);
        assert!(matches!(ownership(&rec, me), Ownership::NotOurs(_)));
        assert!(matches!(ownership(&rec, 0), Ownership::NotOurs(_)));
    }
}
