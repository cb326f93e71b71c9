//! This machine: its name, and whether a process id names a running process. Used by the
//! stack's pid records (`infra`) and by the run locks (`pg::run_lock`), which tell a
//! holder that is gone from one that runs.

/// This machine's name, for telling operators where a process runs.
pub fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "localhost".into())
}

/// A pid `kill` would not take as one process: 0 is the caller's process group, and
/// values above `i32::MAX` become negative, which means process groups or every process.
pub fn is_valid_pid(pid: u32) -> bool {
    pid > 0 && pid <= i32::MAX as u32
}

/// Does a (non-zombie) process have this pid?
pub fn is_alive(pid: u32) -> bool {
    if !is_valid_pid(pid) {
        return false;
    }
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
        std::process::Command::new("tasklist")
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
