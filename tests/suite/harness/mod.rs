//! Test harness: the real `livedbctl` binary against real servers on free ports.
//!
//! One shared stack (PostgreSQL, tansu, Redis), brought up through `livedbctl infra up`
//! itself on first use, serves every test that can be kept apart by names: each takes a
//! `Scope` with its own database, topic, Redis key prefix and consumer groups, and the
//! scope's database (with its replication slots) is dropped when the test passes, so the
//! cluster-wide limits (replication slots, connections) hold however many tests ran.
//!
//! A test that must not share takes a stack of its own ([`own_stack`]), stopped and purged
//! when it drops it: one that stops, restarts or crashes a server (`fault_*`,
//! `pipeline_crash`), one that does something cluster-wide (`topic delete`: tansu's
//! DeleteTopics removes every topic), and the TLS tests, which reconfigure PostgreSQL
//! ([`postgres_stack`], shared by them alone). Tests of `infra` itself (ports, pids, up
//! and down) start their servers in directories of their own.
//!
//! A module whose tests can share with each other but read what the whole server does
//! takes a stack of the module ([`module_stack`]): `pipeline` and `human` (`produce poll`
//! and `connector list` see every database's transactions and slots), `dashboard` (it
//! samples the whole cluster) and `consumers_crash` (a restarted group's wait, see there).
//! `connect_worker` and `cdc_differential` run a Kafka Connect worker ([`connect`]) on a
//! stack of their module, so the worker's group and its three topics never show in what
//! the shared broker's other tests list.
//!
//! A watchdog process runs `infra down --purge` when the test process exits, however it
//! exits, so servers never outlive the run.
#![allow(dead_code)]

pub mod connect;
pub mod flink;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

pub use nix::sys::signal::Signal;

mod ports;
mod programs;
pub mod snapshot;
pub mod standin;

pub use ports::free_port;
pub use programs::{kafka_tool, python3, TEST_JVM_OPTIONS};

pub use standin::StandIn;

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_livedbctl"))
}

/// A test's own directory, removed when the test is done with it; kept when the test
/// panics, to be looked at. [`TestDir::keep`] hands it to what removes it itself.
pub struct TestDir(Option<PathBuf>);

impl TestDir {
    /// The path, no longer removed by this guard.
    pub fn keep(mut self) -> PathBuf {
        self.0
            .take()
            .expect("a TestDir holds its path until kept or dropped")
    }
}

impl std::ops::Deref for TestDir {
    type Target = Path;
    fn deref(&self) -> &Path {
        self.0
            .as_deref()
            .expect("a TestDir holds its path until kept or dropped")
    }
}

impl AsRef<Path> for TestDir {
    fn as_ref(&self) -> &Path {
        self
    }
}

impl AsRef<std::ffi::OsStr> for TestDir {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.as_os_str()
    }
}

impl Drop for TestDir {
    fn drop(&mut self) {
        if let Some(dir) = self.0.take() {
            if !std::thread::panicking() {
                let _ = std::fs::remove_dir_all(dir);
            }
        }
    }
}

/// A temporary directory the unprivileged PostgreSQL user can also enter, removed when the
/// returned guard drops (after a passing test).
pub fn temp_dir(tag: &str) -> TestDir {
    let dir = std::env::temp_dir().join(format!(
        "livedbctl-test-{tag}-{}-{}",
        std::process::id(),
        unique()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    TestDir(Some(dir))
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::SeqCst)
}

/// PATH for children: the caller's, plus ~/.cargo/bin where tansu is installed.
pub fn test_path() -> String {
    let mut parts: Vec<String> = std::env::var("PATH")
        .unwrap_or_default()
        .split(':')
        .map(String::from)
        .collect();
    if let Ok(home) = std::env::var("HOME") {
        parts.push(format!("{home}/.cargo/bin"));
    }
    parts.join(":")
}

/// `livedbctl` with a clean environment: no LIVEDB_*, DB_*, KAFKA_*, REDIS_URL from the
/// caller, config and data directories inside `dir`, no terminal.
pub fn livedbctl(dir: &Path) -> Command {
    let mut c = Command::new(bin());
    c.env_clear()
        .env("PATH", test_path())
        .env(
            "HOME",
            std::env::var("HOME").unwrap_or_else(|_| "/root".into()),
        )
        .env("XDG_CONFIG_HOME", dir.join("config"))
        .env("XDG_DATA_HOME", dir.join("data"))
        .env("LANG", "C.UTF-8")
        .current_dir(dir)
        .stdin(Stdio::null())
        // The JVMs it starts (Kafka Connect, Flink) run for a test's minute, not for weeks:
        // the quick compiler alone and one collector thread cut their CPU by about 40%
        // (JIT tiers change speed, not behaviour), and the suite is bound by its 2 cores.
        .env("JAVA_TOOL_OPTIONS", TEST_JVM_OPTIONS);
    c
}

#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
    /// Assert exit 0 and return self.
    #[track_caller]
    pub fn ok(self) -> Run {
        assert_eq!(
            self.code, 0,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
    #[track_caller]
    pub fn code(self, code: i32) -> Run {
        assert_eq!(
            self.code, code,
            "expected exit {code}\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
    /// One JSON object per line.
    #[track_caller]
    pub fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l).unwrap_or_else(|e| panic!("not a JSON line ({e}): {l}"))
            })
            .collect()
    }
}

/// Start a watchdog that runs `infra down --purge` for `profile` and removes `root` when
/// this test process ends, however it ends, so servers never outlive the run.
pub fn watch_down(profile: &Path, root: &Path) {
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 1; done; '{bin}' --config '{profile}' infra down --purge --yes >/dev/null 2>&1; rm -rf '{root}'",
        pid = std::process::id(),
        bin = bin().display(),
        profile = profile.display(),
        root = root.display()
    );
    let mut wd = Command::new("sh");
    wd.arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .env("PATH", test_path());
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        wd.process_group(0);
    }
    // Deliberately not waited for: the watchdog must outlive this process.
    #[allow(clippy::zombie_processes)]
    let _watchdog = wd.spawn().expect("start watchdog");
}

pub fn run(mut cmd: Command) -> Run {
    Run::from(cmd.output().expect("run livedbctl"))
}

pub struct Stack {
    pub root: PathBuf,
    pub base_profile: PathBuf,
    pub pg_port: u16,
    pub kafka_port: u16,
    pub redis_port: u16,
    pub password: String,
    /// A test's own stack: stopped and purged when dropped.
    own: bool,
}

pub const PG_USER: &str = "livedb";

/// The shared stack, started on first use.
pub fn stack() -> &'static Arc<Stack> {
    static STACK: OnceLock<Arc<Stack>> = OnceLock::new();
    STACK.get_or_init(|| Arc::new(Stack::start("stack", None, false)))
}

/// A stack of PostgreSQL alone for the TLS tests, which reconfigure it (TLS only, client
/// certificates); shared by them and by nothing else.
pub fn postgres_stack() -> &'static Arc<Stack> {
    static STACK: OnceLock<Arc<Stack>> = OnceLock::new();
    STACK.get_or_init(|| Arc::new(Stack::start("tls_stack", Some("postgres"), false)))
}

/// A stack shared by the tests of one module (`module` names it) and no others: for tests
/// that can share with each other but whose results depend on what else the servers do
/// (the module says why). Started on first use; stopped by the watchdog at exit.
pub fn module_stack(module: &'static str) -> Arc<Stack> {
    use std::collections::BTreeMap;
    static STACKS: std::sync::Mutex<BTreeMap<&str, Arc<OnceLock<Arc<Stack>>>>> =
        std::sync::Mutex::new(BTreeMap::new());
    let cell = Arc::clone(STACKS.lock().unwrap().entry(module).or_default());
    // Started outside the map's lock: other modules' stacks come up meanwhile.
    Arc::clone(cell.get_or_init(|| Arc::new(Stack::start(&format!("{module}_stack"), None, false))))
}

/// A stack of the test's own (`tag` names its folder), for a test that stops, restarts or
/// crashes a server, or does something to the whole cluster. Stopped and purged when the
/// last reference (the test's, its scopes') is dropped.
pub fn own_stack(tag: &str) -> Arc<Stack> {
    Arc::new(Stack::start(tag, None, true))
}

impl Stack {
    fn start(tag: &str, only: Option<&str>, own: bool) -> Stack {
        let root = temp_dir(tag).keep();
        let (pg_port, kafka_port, redis_port) = (free_port(), free_port(), free_port());
        let password = "test-secret-pw".to_string();
        let base_profile = root.join("base.yaml");
        std::fs::write(
            &base_profile,
            profile_yaml(
                pg_port,
                kafka_port,
                redis_port,
                &password,
                "livedb",
                "db_live_events",
                &root,
            ),
        )
        .unwrap();
        // The watchdog stops the stack when this test process ends, however it ends.
        watch_down(&base_profile, &root);

        let mut up = livedbctl(&root);
        up.args([
            "--config",
            base_profile.to_str().unwrap(),
            "-o",
            "json",
            "infra",
            "up",
        ]);
        if let Some(only) = only {
            up.args(["--only", only]);
        }
        let r = run(up);
        assert_eq!(
            r.code, 0,
            "infra up failed\nstdout:\n{}\nstderr:\n{}",
            r.stdout, r.stderr
        );
        Stack {
            root,
            base_profile,
            pg_port,
            kafka_port,
            redis_port,
            password,
            own,
        }
    }

    /// `livedbctl --config <the stack's base profile> ARGS`: infra commands on the shared
    /// servers (stopping and starting one of them).
    pub fn base(&self, args: &[&str]) -> Run {
        let mut c = livedbctl(&self.root);
        c.arg("--config").arg(&self.base_profile).args(args);
        run(c)
    }

    /// The data directory of the stack's PostgreSQL (`infra status`).
    pub fn postgres_data_dir(&self) -> PathBuf {
        let status = self
            .base(&["-o", "json", "infra", "status", "--only", "postgres"])
            .ok();
        let v = status.json();
        PathBuf::from(
            v["services"][0]["data_dir"]
                .as_str()
                .expect("postgres data_dir"),
        )
    }

    pub fn bootstrap(&self) -> String {
        format!("127.0.0.1:{}", self.kafka_port)
    }

    pub fn redis_url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.redis_port)
    }

    /// A profile of its own for one test: database `name`, topic `<name>_events`.
    pub fn scope(self: &Arc<Self>, name: &str) -> Scope {
        let dbname = name.to_string();
        let topic = format!("{name}_events");
        psql_raw(
            self,
            "livedb",
            &format!("DROP DATABASE IF EXISTS \"{dbname}\" WITH (FORCE)"),
        );
        psql_raw(self, "livedb", &format!("CREATE DATABASE \"{dbname}\""));
        let dir = self.root.join("scopes").join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let profile = dir.join(format!("{name}.yaml"));
        std::fs::write(
            &profile,
            profile_yaml(
                self.pg_port,
                self.kafka_port,
                self.redis_port,
                &self.password,
                &dbname,
                &topic,
                &self.root,
            ),
        )
        .unwrap();
        Scope {
            stack: Arc::clone(self),
            name: name.to_string(),
            dir,
            profile,
            dbname,
            topic,
        }
    }
}

pub fn profile_yaml(
    pg: u16,
    kafka: u16,
    redis: u16,
    password: &str,
    dbname: &str,
    topic: &str,
    root: &Path,
) -> String {
    format!(
        "postgres:\n  host: 127.0.0.1\n  port: {pg}\n  dbname: {dbname}\n  user: {PG_USER}\n  password: {password}\n  sslmode: disable\n\
         kafka:\n  brokers: 127.0.0.1:{kafka}\n  client_id: livedbctl-test\n  topic: {topic}\n\
         redis:\n  url: redis://127.0.0.1:{redis}\n\
         topics:\n  - name: {topic}\n    partitions: 3\n    replication_factor: 1\n\
         infra:\n  state_dir: {state}\n  kafka_engine: tansu\n  start_timeout_secs: 120\n",
        state = root.join("state").display()
    )
}

impl Stack {
    /// `psql` on `db` as the stack's user, no statement given yet (add `-c SQL`, or feed
    /// it on stdin); not started.
    pub fn psql_client(&self, db: &str) -> Command {
        let mut c = Command::new("psql");
        c.args([
            "-h",
            "127.0.0.1",
            "-p",
            &self.pg_port.to_string(),
            "-U",
            PG_USER,
            "-d",
            db,
        ])
        .env("PGPASSWORD", &self.password);
        c
    }

    /// Independent check through `psql` on any database of the stack (unaligned, tuples
    /// only).
    pub fn psql(&self, db: &str, sql: &str) -> String {
        psql_raw(self, db, sql)
    }
}

/// `psql` on `db` of the stack, running `sql`, not yet started.
fn psql_command(stack: &Stack, db: &str, sql: &str) -> Command {
    let mut c = stack.psql_client(db);
    c.args(["-v", "ON_ERROR_STOP=1", "-AtX", "-c", sql]);
    c
}

fn psql_raw(stack: &Stack, db: &str, sql: &str) -> String {
    let out = psql_command(stack, db, sql).output().expect("psql");
    assert!(
        out.status.success(),
        "psql failed: {sql}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

pub struct Scope {
    pub stack: Arc<Stack>,
    pub name: String,
    pub dir: PathBuf,
    pub profile: PathBuf,
    pub dbname: String,
    pub topic: String,
}

impl Scope {
    /// `livedbctl --config <scope profile> ARGS`.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = livedbctl(&self.dir);
        c.arg("--config").arg(&self.profile).args(args);
        c
    }
    pub fn run(&self, args: &[&str]) -> Run {
        run(self.cmd(args))
    }
    /// Independent check through `psql` (unaligned, tuples only).
    pub fn psql(&self, sql: &str) -> String {
        psql_raw(&self.stack, &self.dbname, sql)
    }
    /// `psql` on the scope's database, to spawn (a statement a fault may cut short).
    pub fn psql_command(&self, sql: &str) -> Command {
        psql_command(&self.stack, &self.dbname, sql)
    }
    pub fn redis_cli(&self, args: &[&str]) -> String {
        let out = Command::new("redis-cli")
            .args(["-p", &self.stack.redis_port.to_string()])
            .args(args)
            .output()
            .expect("redis-cli");
        assert!(out.status.success(), "redis-cli failed: {args:?}");
        String::from_utf8_lossy(&out.stdout).trim_end().to_string()
    }
    /// Independent Kafka client (kafka-python): `tests/support/kafka_tool.py ARGS`.
    pub fn kafka_tool(&self, args: &[&str]) -> Run {
        kafka_tool(&self.stack.bootstrap(), args, None)
    }
    /// Wait until no transaction on the server is older than the newest row of the scope's
    /// `livedb` table. `produce poll` publishes only rows that no open transaction could
    /// precede, and PostgreSQL tells that for the whole server (`pg_snapshot_xmin`), so
    /// before `produce poll --once` is counted exactly, another test's transaction that
    /// began before these rows must be over (a newer one cannot hold them back).
    pub fn wait_rows_settled(&self) {
        wait_for(
            "the transactions older than the scope's rows to end",
            Duration::from_secs(300),
            || {
                self.psql(
                    "SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint \
                       > coalesce(max(xmin::text::bigint), 0) FROM livedb",
                ) == "t"
            },
        );
    }
    /// Records written by the independent client (`produce-raw`: one JSON object a line,
    /// `{"key", "value", ...}` as `tests/support/kafka_tool.py` reads them).
    pub fn produce_raw(&self, topic: &str, lines: &[String]) {
        let input = lines.join("\n") + "\n";
        self.kafka_stdin(&["produce-raw", topic], &input).ok();
    }
    /// The independent Kafka client with `input` on stdin.
    pub fn kafka_stdin(&self, args: &[&str], input: &str) -> Run {
        kafka_tool(&self.stack.bootstrap(), args, Some(input.as_bytes()))
    }
    /// Every record of `topic` (one partition) as the independent client reads it, in
    /// offset order; all of them, checked against the partition's end offset.
    pub fn read_topic(&self, topic: &str) -> Vec<serde_json::Value> {
        let high: u64 = self.kafka_tool(&["offsets", topic]).ok().json()["0"][1]
            .as_u64()
            .unwrap();
        let lines = self
            .kafka_tool(&["consume", topic, "--timeout", "180"])
            .ok()
            .json_lines();
        assert_eq!(lines.len() as u64, high, "read the whole topic {topic}");
        lines
    }
    /// `produce send` of `lines` (JSON, one a line) to the scope's topic, keyed by
    /// `key_field` if given, through a file `<name>.jsonl` in the scope's folder.
    pub fn send_file(&self, name: &str, lines: &str, key_field: Option<&str>) -> Run {
        let file = self.dir.join(format!("{name}.jsonl"));
        std::fs::write(&file, lines).unwrap();
        let file = file.to_str().unwrap();
        let mut args = vec!["-o", "json", "produce", "send", &self.topic, "--file", file];
        if let Some(field) = key_field {
            args.extend(["--key-field", field]);
        }
        self.run(&args).ok()
    }
    /// `livedbctl ARGS` with `input` on stdin.
    pub fn run_stdin(&self, args: &[&str], input: &str) -> Run {
        let mut cmd = self.cmd(args);
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        Run::from(child.wait_with_output().unwrap())
    }
    /// Start `livedbctl ARGS` in the background, stdout to `<scope>/<name>.out` and stderr
    /// to `<scope>/<name>.err` (read them with [`Scope::output_of`]).
    pub fn spawn_logged(&self, name: &str, args: &[&str]) -> Child {
        let file =
            |ext: &str| std::fs::File::create(self.dir.join(format!("{name}.{ext}"))).unwrap();
        self.cmd(args)
            .stdin(Stdio::null())
            .stdout(file("out"))
            .stderr(file("err"))
            .spawn()
            .unwrap()
    }
    /// What a [`Scope::spawn_logged`] process printed so far: (stdout, stderr).
    pub fn output_of(&self, name: &str) -> (String, String) {
        let read = |ext: &str| {
            std::fs::read_to_string(self.dir.join(format!("{name}.{ext}"))).unwrap_or_default()
        };
        (read("out"), read("err"))
    }
}

/// A scope on the shared stack whose database has the schema and whose topic exists.
pub fn ready(name: &str) -> Scope {
    stack().ready(name)
}

impl Stack {
    /// A scope whose database has the schema and whose topic exists (`infra up`).
    pub fn ready(self: &Arc<Self>, name: &str) -> Scope {
        let scope = self.scope(name);
        scope.run(&["infra", "up"]).ok();
        scope
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        if self.own {
            let _ = self.base(&["infra", "down", "--purge", "--yes"]);
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }
}

impl Drop for Scope {
    /// A passed test's database goes, and with it its replication slots: the shared
    /// server has 20 of them for every test of the run. A failed test's is kept to look at.
    fn drop(&mut self) {
        // A stack of the test's own goes as a whole.
        if std::thread::panicking() || self.stack.own {
            return;
        }
        let db = self.dbname.replace('\'', "''");
        let end = Instant::now() + Duration::from_secs(60);
        loop {
            // Connections first (a connector's walsender holds its slot active), then the
            // slots, then the database.
            let sql = format!(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
                   WHERE datname = '{db}' AND pid <> pg_backend_pid();\
                 SELECT count(pg_drop_replication_slot(slot_name)) FROM pg_replication_slots \
                   WHERE database = '{db}' AND NOT active;"
            );
            let slots = psql_command(&self.stack, "livedb", &sql).output();
            let drop_db = psql_command(
                &self.stack,
                "livedb",
                &format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.dbname),
            )
            .output();
            let done = |o: &std::io::Result<Output>| o.as_ref().is_ok_and(|o| o.status.success());
            if done(&slots) && done(&drop_db) {
                return;
            }
            if Instant::now() > end {
                // Never fail a passed test over its clean-up; say what was left.
                eprintln!(
                    "note: database {} was not dropped: {}",
                    self.dbname,
                    drop_db.map_or_else(
                        |e| e.to_string(),
                        |o| String::from_utf8_lossy(&o.stderr).into_owned()
                    )
                );
                return;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    }
}

/// Wait until `done` holds, looking after 100 ms, then less and less often (up to once a
/// second: many checks start a client process, and on a machine the whole suite shares
/// that is work taken from the tests); fail naming `what` after `limit`.
/// Limits are generous on purpose: a loaded machine is slow, never wrong.
pub fn wait_for(what: &str, limit: Duration, done: impl FnMut() -> bool) {
    wait_for_or(what, limit, done, String::new);
}

/// [`wait_for`], and on timeout add what `explain` says (the processes' output, the state
/// of the servers): a wait that fails in CI must leave enough to find out why.
pub fn wait_for_or(
    what: &str,
    limit: Duration,
    mut done: impl FnMut() -> bool,
    explain: impl FnOnce() -> String,
) {
    let start = Instant::now();
    let mut pause = Duration::from_millis(100);
    while !done() {
        if start.elapsed() >= limit {
            panic!(
                "timed out after {limit:?} waiting for {what}\n{}",
                explain()
            );
        }
        std::thread::sleep(pause);
        pause = (pause * 3 / 2).min(Duration::from_secs(1));
    }
    // Shown with a failing test's output (and with --nocapture): where its time went.
    eprintln!("waited {:.1} s for {what}", start.elapsed().as_secs_f64());
}

/// Send `signal` to a child we spawned and still own.
pub fn signal(child: &Child, signal: Signal) {
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(child.id() as i32), signal)
        .expect("signal a child");
}

/// Ctrl-C, as a terminal would send it.
pub fn interrupt(child: &Child) {
    signal(child, Signal::SIGINT);
}

/// SIGTERM, as a service manager would send it.
pub fn terminate(child: &Child) {
    signal(child, Signal::SIGTERM);
}
