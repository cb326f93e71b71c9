//! Run locks (`pg::run_lock`) with `produce poll`, the cheapest long-running command: a
//! restart right after `kill -9` waits for the dead holder's session instead of failing,
//! and a live holder is refused at once, named by host and session start.

use std::io::Write;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use super::ready;
use crate::harness::*;

/// The producer's lock key, as SOP.md documents it.
const PRODUCER_LOCK_KEY: i64 = 0x6c69_7665_6462_0002;

/// This machine's name, as the kernel says it.
fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .unwrap()
        .trim()
        .to_string()
}

/// The sessions of the scope's database holding the producer's lock:
/// `backend pid|application_name|backend_start`.
fn lock_holders(scope: &Scope) -> Vec<String> {
    let sql = format!(
        "SELECT a.pid || '|' || a.application_name || '|' || to_char(a.backend_start AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')
         FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
           AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
           AND l.classid::bigint = ({PRODUCER_LOCK_KEY}::bigint >> 32)
           AND l.objid::bigint = ({PRODUCER_LOCK_KEY}::bigint & 4294967295)"
    );
    scope
        .psql(&sql)
        .lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

/// The session holding the producer's lock, if one does (backend pid, name and start
/// tell one session from the next).
fn lock_session(scope: &Scope) -> Option<String> {
    lock_holders(scope).into_iter().next()
}

/// Has the producer `child` taken the lock: is it running, and does a session other than
/// `before` hold it? Fails the test if the producer exited instead.
fn took_lock(scope: &Scope, name: &str, child: &mut Child, before: &Option<String>) -> bool {
    if let Ok(Some(status)) = child.try_wait() {
        panic!(
            "`{name}` exited ({status}) instead of taking the lock: {:?}",
            scope.output_of(name)
        );
    }
    let now = lock_session(scope);
    now.is_some() && now != *before
}

/// A TCP relay to PostgreSQL that, when a client goes, keeps the server's side open for
/// `linger` before closing it: the server notices a dead client that late, as a loaded
/// machine's does (or never, until keepalives, when the client's host vanished).
struct LateRelay {
    port: u16,
}

impl LateRelay {
    fn start(upstream: u16, linger: Duration) -> LateRelay {
        use std::net::{Shutdown, TcpListener, TcpStream};
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { continue };
                let Ok(server) = TcpStream::connect(("127.0.0.1", upstream)) else {
                    continue;
                };
                let (mut c_read, mut s_write) =
                    (client.try_clone().unwrap(), server.try_clone().unwrap());
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut c_read, &mut s_write);
                    std::thread::sleep(linger);
                    let _ = s_write.shutdown(Shutdown::Both);
                });
                let (mut s_read, mut c_write) = (server, client);
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut s_read, &mut c_write);
                    let _ = c_write.shutdown(Shutdown::Both);
                });
            }
        });
        LateRelay { port }
    }
}

#[test]
fn a_restart_right_after_kill_9_takes_the_lock_every_time() {
    let scope = ready("lock_restart");
    let relay = LateRelay::start(scope.stack.pg_port, Duration::from_millis(500));
    // An empty backlog: each producer only takes the lock and polls.
    let spawn = |name: &str| {
        let file =
            |ext: &str| std::fs::File::create(scope.dir.join(format!("{name}.{ext}"))).unwrap();
        scope
            .cmd(&["produce", "poll", "--interval", "200ms"])
            .env("DB_PORT", relay.port.to_string())
            .stdout(file("out"))
            .stderr(file("err"))
            .spawn()
            .unwrap()
    };
    let started = Instant::now();
    let mut waited = 0;
    let mut current = spawn("p0");
    wait_for("the first producer to take the lock", LOCK_LIMIT, || {
        took_lock(&scope, "p0", &mut current, &None)
    });
    for i in 1..=50 {
        // The session of the producer about to be killed.
        let before = lock_session(&scope);
        signal(&current, Signal::SIGKILL);
        current.wait().unwrap();
        // At once: its session is still there.
        let name = format!("p{i}");
        current = spawn(&name);
        wait_for(&format!("restart {i} to take the lock"), LOCK_LIMIT, || {
            took_lock(&scope, &name, &mut current, &before)
        });
        if scope.output_of(&name).1.contains("whose process is gone") {
            waited += 1;
        }
    }
    interrupt(&current);
    let status = current.wait().unwrap();
    assert!(status.success(), "{:?}", scope.output_of("p50"));
    eprintln!(
        "50 restarts after kill -9 in {:.1} s; {waited} of them waited for the dead holder's session",
        started.elapsed().as_secs_f64()
    );
}

/// Long enough for a loaded machine to start a process and for the server to drop a
/// dead client's session.
const LOCK_LIMIT: Duration = Duration::from_secs(90);

/// A session holding the producer's lock under `application_name`, held until dropped.
struct Holder(Child);

impl Holder {
    fn take(scope: &Scope, application_name: &str) -> Holder {
        let mut c = scope.stack.psql_client(&scope.dbname);
        c.args(["-v", "ON_ERROR_STOP=1", "-AtX"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = c.spawn().unwrap();
        writeln!(
            child.stdin.as_mut().unwrap(),
            "SET application_name = '{application_name}'; SELECT pg_advisory_lock({PRODUCER_LOCK_KEY}::bigint);"
        )
        .unwrap();
        child.stdin.as_mut().unwrap().flush().unwrap();
        wait_for("psql to hold the lock", LOCK_LIMIT, || {
            lock_holders(scope)
                .iter()
                .any(|h| h.contains(&format!("|{application_name}|")))
        });
        Holder(child)
    }
}

impl Drop for Holder {
    fn drop(&mut self) {
        // End of input: psql ends its session.
        drop(self.0.stdin.take());
        let _ = self.0.wait();
    }
}

#[test]
fn a_lock_whose_holder_process_is_gone_is_waited_for_with_progress() {
    let scope = ready("lock_gone_holder");
    // A session that names a process of this host that no longer runs, as a killed
    // producer's does until the server notices: the server has not noticed here at all.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let dead_pid = gone.id();
    gone.wait().unwrap();
    let host = hostname();
    let holder = Holder::take(
        &scope,
        &format!("livedbctl produce poll (pid {dead_pid} on {host})"),
    );
    let mut waiting = scope.spawn_logged("waiting", &["produce", "poll", "--once"]);
    wait_for("the new producer to say it waits", LOCK_LIMIT, || {
        if let Ok(Some(status)) = waiting.try_wait() {
            panic!(
                "it ended ({status}) instead of waiting: {:?}",
                scope.output_of("waiting")
            );
        }
        scope
            .output_of("waiting")
            .1
            .contains("whose process is gone")
    });
    let said = scope.output_of("waiting").1;
    assert!(
        said.contains(&format!("pid {dead_pid} on host {host}"))
            && said.contains("waiting for PostgreSQL to end its session"),
        "{said}"
    );
    // The server drops the session: the waiting producer goes on.
    drop(holder);
    let status = waiting.wait().unwrap();
    assert!(status.success(), "{:?}", scope.output_of("waiting"));
}

#[test]
fn a_live_holder_is_refused_at_once_with_its_host_and_start() {
    let scope = ready("lock_live_holder");
    let mut first = scope.spawn_logged("first", &["produce", "poll", "--interval", "200ms"]);
    wait_for("the first producer to take the lock", LOCK_LIMIT, || {
        took_lock(&scope, "first", &mut first, &None)
    });
    let holders = lock_holders(&scope);
    let started = holders[0].rsplit('|').next().unwrap();
    let second = scope.run(&["produce", "poll", "--once"]).code(1);
    let host = hostname();
    assert!(
        second
            .stderr
            .contains("another `produce poll` is already running")
            && second
                .stderr
                .contains(&format!("by pid {} on host {host}", first.id()))
            && second
                .stderr
                .contains(&format!("session started {started} UTC"))
            && !second.stderr.contains("whose process is gone"),
        "{}",
        second.stderr
    );

    // A holder from elsewhere (not a livedbctl session of this host) is refused at once
    // too, named by its client address.
    interrupt(&first);
    assert!(first.wait().unwrap().success());
    let _psql = Holder::take(&scope, "psql-elsewhere");
    let third = scope.run(&["produce", "poll", "--once"]).code(1);
    assert!(
        third.stderr.contains("session `psql-elsewhere`")
            && third.stderr.contains("client 127.0.0.1"),
        "{}",
        third.stderr
    );
}
