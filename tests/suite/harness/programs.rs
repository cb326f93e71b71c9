//! The programs beside livedbctl that the tests run: the independent Kafka client, Python
//! itself, and the options every JVM the tests start gets.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use super::Run;

/// The Python interpreter `python3` runs, found once: not a version manager's shim in front
/// of it (pyenv's runs bash and `pyenv exec`, about 0.15 s and a dozen processes a call, and
/// the tests call Python hundreds of times).
pub fn python3() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        Command::new("python3")
            .args(["-c", "import sys; print(sys.executable)"])
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
            .filter(|p| p.is_file())
            .unwrap_or_else(|| PathBuf::from("python3"))
    })
}

/// JVM options for every JVM the tests start (`livedbctl` passes them on as
/// `JAVA_TOOL_OPTIONS`, for the JVMs `infra up` starts). None of those JVMs picks a
/// collector on its command line; one that did would refuse to start with a second.
pub const TEST_JVM_OPTIONS: &str = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

/// Run the independent Kafka client (kafka-python) with `args`, `stdin` fed if given.
pub fn kafka_tool(bootstrap: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/kafka_tool.py");
    let mut c = Command::new(python3());
    c.arg(script).arg("--bootstrap").arg(bootstrap).args(args);
    c.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = c.spawn().expect("python3");
    if let Some(data) = stdin {
        child.stdin.take().unwrap().write_all(data).unwrap();
    }
    Run::from(child.wait_with_output().unwrap())
}
