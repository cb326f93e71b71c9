#!/usr/bin/env python3
"""Before/after benchmark of the built-in CDC engine (`livedbctl connector start`), in one run.

  benches/cdc_bench.py --before BIN --after BIN [--pairs 3] [--tx-rows 1000] [--txs 200]
                       [--single 20000] [--latency-seconds 20] [--rate 1000] [--out results.json]

BEFORE and AFTER are release builds of livedbctl (the old engine: build main's commit into
a separate binary). The script starts its own stack (`livedbctl infra up` in a temp dir:
PostgreSQL 15, tansu), then for each workload:

  1. creates every slot first (one connector per engine run, one pg_recvlogical slot per
     anchor run), so every run decodes the same WAL;
  2. writes the backlog (`--txs` transactions of `--tx-rows` rows, or `--single` one-row
     transactions) with synchronous_commit=off (the WAL is the same, the writing faster);
  3. runs, `--pairs` times, BEFORE, AFTER and the anchor, alternating which engine goes
     first (A B, B A, ...). An engine run starts `connector start NAME` (no --until-idle)
     and ends when the topic holds all N records and the slot is confirmed past the
     backlog; it is checked to hold exactly N records. Measured:
       changes/s    N / (time from process start to the N-th record on the topic)
       db_cpu       utime+stime of the engine's PostgreSQL processes (the backend running
                    peek/advance before; the walsender and the SQL backend after), read from
                    /proc/<pid>/stat while they run, per change
       engine_cpu   utime+stime of the engine process, per change
       peak_rss     VmHWM of the engine process
     The anchor is `pg_recvlogical -P pgoutput` to /dev/null on its own slot: time until its
     walsender's sent_lsn passes the backlog, and that walsender's CPU per change.

Latency: each engine runs against a writer committing --rate rows/s (10-row transactions,
fsync'd) for --latency-seconds; kcat (librdkafka, fetch.wait.max.ms=5) reads the topic and
each record's latency is (time kcat printed it) - source.ts_us (commit time, same clock):
commit -> Kafka acknowledged -> readable, an upper bound of commit -> ack. Also reported:
Kafka CreateTime - commit (when the engine handed the record to its producer).

Prints a JSON summary (medians of the pairs, ratios after/before); RESULTS-cdc.md records it.
"""
import argparse, json, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KAFKA_TOOL = os.path.join(ROOT, "tests", "support", "kafka_tool.py")
KCAT = os.environ.get("KCAT", "/work/shared/tools/kcat" if os.path.exists("/work/shared/tools/kcat") else "kcat")
TCK = os.sysconf("SC_CLK_TCK")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def cpu_ticks(pid):
    """utime+stime of a process, in clock ticks (None when it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None


def peak_rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except FileNotFoundError:
        return None


class CpuWatch(threading.Thread):
    """Keeps the last utime+stime seen of each process `find()` names (asked every 0.5 s),
    sampled every 0.1 s, until stopped: a backend's counters vanish with it."""

    def __init__(self, find):
        super().__init__(daemon=True)
        self.find, self.last, self.running, self.pids = find, {}, True, []

    def run(self):
        asked = 0.0
        while self.running:
            if time.time() - asked > 0.5:
                self.pids = sorted(set(self.pids) | set(self.find()))
                asked = time.time()
            for pid in self.pids:
                t = cpu_ticks(pid)
                if t is not None:
                    self.last[pid] = t
            time.sleep(0.1)

    def stop(self):
        self.running = False
        self.join()
        return sum(self.last.values()), sorted(self.last)


def write_profile(tmp, pg, kafka, redis):
    """The bench stack's profile (PostgreSQL, tansu, Redis on the given ports) in `tmp`."""
    path = os.path.join(tmp, "bench.yaml")
    with open(path, "w") as f:
        f.write(f"""postgres:
  host: 127.0.0.1
  port: {pg}
  dbname: livedb
  user: livedb
  password: bench
  sslmode: disable
kafka:
  brokers: 127.0.0.1:{kafka}
  client_id: bench
  topic: bench_events
redis:
  url: redis://127.0.0.1:{redis}
topics:
  - name: bench_events
    partitions: 1
    replication_factor: 1
infra:
  state_dir: {tmp}/state
  kafka_engine: tansu
  start_timeout_secs: 120
""")
    return path


def bench_env():
    env = dict(os.environ, PATH=os.environ.get("PATH", "") + ":" + os.path.expanduser("~/.cargo/bin"), PGPASSWORD="bench")
    for k in list(env):
        if k.startswith("LIVEDB_"):
            del env[k]
    return env


def backlog_tx_sql(table, txs, rows):
    """`txs` transactions of `rows` inserted rows (synchronous_commit off: the same WAL, written faster)."""
    return "SET synchronous_commit = off;\n" + "".join(
        f"INSERT INTO {table} SELECT g, 'value ' || g FROM generate_series({lo}, {lo + rows - 1}) g;\n"
        for lo in range(0, txs * rows, rows))


def backlog_single_sql(table, n):
    return "SET synchronous_commit = off;\n" + "".join(f"INSERT INTO {table} VALUES ({i}, 'value {i}');\n" for i in range(n))


def commit_latency(env, pg, bootstrap, table, topic, rate, seconds, stop_engine):
    """With an engine capturing `table` into `topic`: a writer commits `rate` rows/s (10-row
    transactions) for `seconds` while kcat reads the topic; each record's latency is (time
    kcat printed it) - source.ts_us. Calls stop_engine() once every record arrived (or after
    120 s), checks that all did, and returns the percentiles."""
    reader = subprocess.Popen([KCAT, "-b", bootstrap, "-C", "-t", topic, "-o", "beginning", "-u", "-q",
                               "-X", "fetch.wait.max.ms=5", "-X", "fetch.min.bytes=1", "-f", "%T %s\n"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    seen = []

    def read():
        for line in reader.stdout:
            now_us = time.time_ns() // 1000
            ts, _, value = line.partition(" ")
            try:
                source = json.loads(value)["source"]
                # The old engine has ts_ms only.
                commit_us = source["ts_us"] if source.get("ts_us") is not None else source["ts_ms"] * 1000
                seen.append((now_us - commit_us, int(ts) * 1000 - commit_us))
            except (ValueError, KeyError, TypeError):
                pass

    t = threading.Thread(target=read, daemon=True)
    t.start()
    time.sleep(2)
    writer = subprocess.Popen(["psql", "-h", "127.0.0.1", "-p", str(pg), "-U", "livedb", "-d", "livedb", "-qX", "-f", "-"],
                              env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    per_tx = 10
    t0 = time.time()
    sent = 0
    while time.time() - t0 < seconds:
        due = int((time.time() - t0) * rate) // per_tx * per_tx
        chunk = "".join(f"INSERT INTO {table} SELECT g, g FROM generate_series({k}, {k + per_tx - 1}) g;\n" for k in range(sent, due, per_tx))
        if chunk:
            writer.stdin.write(chunk)
            writer.stdin.flush()
            sent = due
        time.sleep(0.005)
    writer.stdin.close()
    writer.wait()
    elapsed = time.time() - t0
    deadline = time.time() + 120
    while len(seen) < sent and time.time() < deadline:
        time.sleep(0.1)
    stop_engine()
    reader.terminate()
    reader.wait()
    if len(seen) != sent:
        raise SystemExit(f"latency run {table}: read {len(seen)} of {sent} records")
    end_to_end = sorted(s[0] / 1000 for s in seen)
    handoff = sorted(s[1] / 1000 for s in seen)
    pct = lambda xs, p: round(xs[min(len(xs) - 1, int(len(xs) * p))], 1)
    return {"records": len(seen), "achieved_rate": round(sent / elapsed),
            "p50_ms": pct(end_to_end, 0.5), "p99_ms": pct(end_to_end, 0.99), "max_ms": round(end_to_end[-1], 1),
            "handoff_p50_ms": pct(handoff, 0.5), "handoff_p99_ms": pct(handoff, 0.99)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", required=True)
    ap.add_argument("--pairs", type=int, default=3)
    ap.add_argument("--txs", type=int, default=200)
    ap.add_argument("--tx-rows", type=int, default=1000)
    ap.add_argument("--single", type=int, default=100000)
    ap.add_argument("--latency-seconds", type=int, default=20)
    ap.add_argument("--rate", type=int, default=1000)
    ap.add_argument("--out", default=None)
    ap.add_argument("--keep", action="store_true", help="leave the stack running")
    a = ap.parse_args()
    bins = {"before": os.path.abspath(a.before), "after": os.path.abspath(a.after)}

    tmp = tempfile.mkdtemp(prefix="livedbctl-cdcbench-")
    os.chmod(tmp, 0o755)
    pg, kafka, redis = free_port(), free_port(), free_port()
    profile = write_profile(tmp, pg, kafka, redis)
    env = bench_env()
    bootstrap = f"127.0.0.1:{kafka}"

    def ctl(binary, *args, check=True):
        r = subprocess.run([binary, "--config", profile, *args], env=env, capture_output=True, text=True)
        if check and r.returncode != 0:
            raise SystemExit(f"{binary} {' '.join(args)} failed ({r.returncode}):\n{r.stderr}")
        return r

    def psql(sql):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(pg), "-U", "livedb", "-d", "livedb", "-AtXq", "-v", "ON_ERROR_STOP=1"],
                              input=sql, env=env, check=True, capture_output=True, text=True).stdout.strip()

    from kafka import KafkaConsumer, TopicPartition
    probe = {}

    def high(topic):
        if "c" not in probe:
            probe["c"] = KafkaConsumer(bootstrap_servers=bootstrap)
        tp = TopicPartition(topic, 0)
        try:
            return probe["c"].end_offsets([tp])[tp]
        except Exception:
            return 0

    roles = {}

    def engine_pids(name):
        out = psql(f"SELECT pid, backend_type FROM pg_stat_activity WHERE application_name IN ('livedbctl', 'livedbctl-{name}') AND datname = 'livedb'")
        pids = []
        for line in out.splitlines():
            pid, kind = line.split("|")
            roles[int(pid)] = kind
            pids.append(int(pid))
        return pids

    def confirmed_past(slot, target):
        return psql(f"SELECT coalesce(confirmed_flush_lsn >= '{target}'::pg_lsn, false) FROM pg_replication_slots WHERE slot_name = '{slot}'") == "t"

    def engine_run(who, name, topic, n, target):
        """One engine draining its slot; returns the measurements."""
        t0 = time.time()
        p = subprocess.Popen([bins[who], "--config", profile, "-o", "json", "connector", "start", name],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        watch = CpuWatch(lambda: engine_pids(name))
        watch.start()
        t_last = None
        deadline = t0 + 900
        while time.time() < deadline:
            if t_last is None and high(topic) >= n:
                t_last = time.time()
            if t_last is not None and confirmed_past(name, target):
                break
            if p.poll() is not None:
                raise SystemExit(f"{who} engine exited early: {p.stderr.read()}")
            time.sleep(0.05)
        else:
            raise SystemExit(f"{who} run {name} did not finish")
        time.sleep(0.2)  # a last sample of the backends
        db_ticks, db_pids = watch.stop()
        by_kind = {}
        for pid in db_pids:
            by_kind[roles.get(pid, "?")] = by_kind.get(roles.get(pid, "?"), 0) + watch.last[pid]
        eng_ticks = cpu_ticks(p.pid)
        rss = peak_rss_mb(p.pid)
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=120)
        got = high(topic)
        if got != n:
            raise SystemExit(f"{who} run {name}: {got} records on {topic}, expected {n}")
        secs = t_last - t0
        return {"who": who, "changes": n, "seconds": round(secs, 3), "changes_per_s": round(n / secs),
                "db_cpu_ms_per_1k": round(db_ticks * 1000 / TCK / n * 1000, 3), "db_pids": len(db_pids),
                "db_cpu_ms_by_process": {k: round(v * 1000 / TCK) for k, v in by_kind.items()},
                "engine_cpu_ms_per_1k": round(eng_ticks * 1000 / TCK / n * 1000, 3), "peak_rss_mb": rss}

    def anchor_run(slot, pub, n, target):
        t0 = time.time()
        p = subprocess.Popen(["pg_recvlogical", "-h", "127.0.0.1", "-p", str(pg), "-U", "livedb", "-d", "livedb",
                              f"--slot={slot}", "--start", "--no-loop", "-o", "proto_version=1", "-o", f"publication_names={pub}",
                              "-f", "/dev/null", "-F", "0", "-s", "1"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        pid = None
        while time.time() < t0 + 900:
            out = psql(f"SELECT pid, coalesce(sent_lsn >= '{target}'::pg_lsn, false) FROM pg_stat_replication WHERE application_name = 'pg_recvlogical'")
            if out:
                pid_s, done = out.split("|")
                pid = int(pid_s)
                if done == "t":
                    break
            time.sleep(0.02)
        t1 = time.time()
        ticks = cpu_ticks(pid)
        client = cpu_ticks(p.pid)
        p.send_signal(signal.SIGINT)
        p.wait(timeout=60)
        return {"who": "pg_recvlogical", "changes": n, "seconds": round(t1 - t0, 3), "changes_per_s": round(n / (t1 - t0)),
                "db_cpu_ms_per_1k": round(ticks * 1000 / TCK / n * 1000, 3),
                "client_cpu_ms_per_1k": round(client * 1000 / TCK / n * 1000, 3)}

    def throughput(label, table, write_backlog, n):
        psql(f"CREATE TABLE {table} (id int PRIMARY KEY, v text); CREATE PUBLICATION {table}_anchor FOR TABLE {table}")
        runs = []
        for i in range(a.pairs):
            for who in ("before", "after"):
                name = f"{table}_{who[0]}{i}"
                ctl(bins[who], "connector", "start", name, "--table", table, "--topic-prefix", name, "--snapshot", "never", "--until-idle")
                runs.append((who, name))
            subprocess.run(["pg_recvlogical", "-h", "127.0.0.1", "-p", str(pg), "-U", "livedb", "-d", "livedb",
                            f"--slot={table}_r{i}", "--create-slot", "-P", "pgoutput"], env=env, check=True, capture_output=True)
        write_backlog(table)
        target = psql("SELECT pg_current_wal_flush_lsn()")
        results = []
        for i in range(a.pairs):
            order = ("before", "after") if i % 2 == 0 else ("after", "before")
            for who in order:
                name = f"{table}_{who[0]}{i}"
                r = engine_run(who, name, f"{name}.public.{table}", n, target)
                r["pair"] = i
                results.append(r)
                print(json.dumps({label: r}), file=sys.stderr, flush=True)
            r = anchor_run(f"{table}_r{i}", f"{table}_anchor", n, target)
            r["pair"] = i
            results.append(r)
            print(json.dumps({label: r}), file=sys.stderr, flush=True)
        # The server has 20 slots: free this workload's.
        psql(f"SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE '{table}\\_%'")
        return results

    def write_tx(table):
        psql(backlog_tx_sql(table, a.txs, a.tx_rows))

    def write_single(table):
        psql(backlog_single_sql(table, a.single))

    def latency_run(who, i):
        table = f"lat_{who[0]}{i}"
        psql(f"CREATE TABLE {table} (id int PRIMARY KEY, v int)")
        # Written before each run: WAL the slot does not need is not kept for the others.
        ctl(bins[who], "connector", "start", table, "--table", table, "--topic-prefix", table, "--snapshot", "never", "--until-idle")
        topic = f"{table}.public.{table}"
        engine = subprocess.Popen([bins[who], "--config", profile, "connector", "start", table],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def stop():
            engine.send_signal(signal.SIGTERM)
            engine.wait(timeout=60)

        r = commit_latency(env, pg, bootstrap, table, topic, a.rate, a.latency_seconds, stop)
        return {"who": who, "pair": i, **r}

    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    summary = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "pairs": a.pairs,
               "machine": f"{os.cpu_count()} CPUs, {model}",
               "before": bins["before"], "after": bins["after"], "load_at_start": os.getloadavg()}
    ctl(bins["after"], "infra", "up", "--no-migrate")
    try:
        runs = {}
        runs["tx"] = throughput(f"{a.tx_rows}-row transactions", "tx", write_tx, a.txs * a.tx_rows)
        runs["single"] = throughput("single-row transactions", "single", write_single, a.single)
        lat = []
        for i in range(a.pairs):
            for who in (("before", "after") if i % 2 == 0 else ("after", "before")):
                r = latency_run(who, i)
                lat.append(r)
                print(json.dumps({"latency": r}), file=sys.stderr, flush=True)
        runs["latency"] = lat
        summary["runs"] = runs
        summary["load_at_end"] = os.getloadavg()

        def med(rs, who, key):
            xs = [r[key] for r in rs if r["who"] == who and r.get(key) is not None]
            return statistics.median(xs) if xs else None

        table = {}
        for w in ("tx", "single"):
            rs = runs[w]
            row = {}
            for key in ("changes_per_s", "db_cpu_ms_per_1k", "engine_cpu_ms_per_1k", "peak_rss_mb"):
                b, af = med(rs, "before", key), med(rs, "after", key)
                row[key] = {"before": b, "after": af, "ratio": round(af / b, 3) if b and af else None,
                            "pg_recvlogical": med(rs, "pg_recvlogical", key)}
            table[w] = row
        for key in ("p50_ms", "p99_ms", "max_ms", "handoff_p99_ms"):
            b, af = med(lat, "before", key), med(lat, "after", key)
            table.setdefault("latency", {})[key] = {"before": b, "after": af, "ratio": round(af / b, 3) if b and af else None}
        summary["medians"] = table
    finally:
        if not a.keep:
            ctl(bins["after"], "infra", "down", "--purge", "--yes", check=False)
            # infra down leaves the folder it ran in (its profile, the timing files).
            shutil.rmtree(tmp, ignore_errors=True)
    text = json.dumps(summary, indent=2)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)
    print(text)


if __name__ == "__main__":
    main()
