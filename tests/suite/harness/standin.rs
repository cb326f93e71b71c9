//! Stand-ins for services that cannot run here (Kafka Connect, Flink's SQL Gateway):
//! `tests/support/*.py` servers that follow the documented REST contract, print their
//! port on the first line of stdout and list what they were asked at `/__requests`.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

use super::{livedbctl, python3, run, temp_dir, Run};

/// A running stand-in with a folder and a profile of its own; stopped when dropped.
pub struct StandIn {
    child: Child,
    pub port: u16,
    pub dir: PathBuf,
    pub profile: PathBuf,
}

impl Drop for StandIn {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl StandIn {
    /// Start `tests/support/<script>` in a new folder (`tag` names it) with the profile
    /// `<profile_name>` that `yaml(port, folder)` writes.
    pub fn start(
        script: &str,
        tag: &str,
        profile_name: &str,
        yaml: impl FnOnce(u16, &Path) -> String,
    ) -> StandIn {
        let script = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/support")
            .join(script);
        let mut child = Command::new(python3())
            .arg(&script)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port: u16 = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{} printed no port: {line:?}", script.display()));
        let dir = temp_dir(tag).keep();
        let profile = dir.join(profile_name);
        std::fs::write(&profile, yaml(port, &dir)).unwrap();
        StandIn {
            child,
            port,
            dir,
            profile,
        }
    }

    /// `livedbctl --config <its profile> ARGS`, not yet run.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = livedbctl(&self.dir);
        c.arg("--config").arg(&self.profile).args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run(self.cmd(args))
    }

    /// What it was asked so far, in order.
    pub fn requests(&self) -> Vec<Value> {
        let body = super::flink::http_get(self.port, "/__requests").expect("the stand-in answers");
        serde_json::from_str::<Value>(&body)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    }
}
