#!/usr/bin/env python3
"""The built-in CDC engine against real Debezium 3.6.3 on Kafka Connect, in one run.

  benches/cdc_debezium.py --bin BIN --connect-home DIR [--pairs 2] [--txs 20] [--tx-rows 10000]
                          [--single 20000] [--latency-seconds 20] [--rate 1000] [--heap 768m]
                          [--out results.json]

BIN is a release build of livedbctl; DIR is a folder whose libs/ is a Kafka Connect worker's
whole class path with Debezium's PostgreSQL connector (`scripts/connect.sh` prints one). The
script starts its own stack (`livedbctl infra up` in a temp dir: PostgreSQL, tansu) and one
distributed Connect worker on it, with the command line and worker properties `infra up`
uses for a `connect` service (-Xms64m -Xmx768m, JsonConverter, offset.flush.interval.ms=1000,
configs/offsets/status in tansu topics). The worker starts once, before every run: its
start-up (seconds to its REST API, CPU) is reported apart and not counted in any run.

Per workload (N changes: --txs transactions of --tx-rows rows, or --single one-row
transactions), as in cdc_bench.py:
  1. every slot is created first, one per run (`connector start NAME --snapshot never
     --until-idle`, which also creates the publication NAME_pub and the topic), so both
     engines decode the same WAL;
  2. the backlog is written (synchronous_commit=off);
  3. --pairs times, the built-in engine and Debezium, alternating which goes first.
     built-in: `connector start NAME` (defaults) until the N-th record is on its topic.
     Debezium: the connector is created STOPPED on the run's slot (POST /connectors with
     initial_state STOPPED), its offset set to the slot's position (PATCH .../offsets),
     and resumed, as `connector graduate NAME --to remote` does; until the N-th record.
     Its configuration is what `connector start NAME --remote` sends with default flags
     (pgoutput, the same JSON records: schemas off, no extended headers), with
     snapshot.mode=no_data and publication.autocreate.mode=disabled (the slot and
     publication exist). Each run is checked to leave exactly N records on its topic.
Measured per run:
  changes/s       N / (start -> N-th record on the topic)
  cpu_us/change   built-in: utime+stime of its process (from its start); Debezium: the
                  whole worker JVM's utime+stime, delta from the start of the run to the
                  N-th record (/proc/PID/stat)
  walsender       utime+stime of the slot's walsender (PostgreSQL's side, the same job)
  peak_rss_mb     built-in: VmHWM; Debezium: the worker's VmRSS peak sampled every 0.1 s
                  during the run (and its VmHWM, whole life, at the end)
  first_record_s  start -> first record on the topic (process start; connector and task
                  start), and streaming_changes_per_s / streaming_cpu_us_per_change from
                  the first record to the N-th: the same without start-up
Latency: each engine runs against a writer committing --rate rows/s (10-row transactions)
for --latency-seconds, read back with kcat as in cdc_bench.py: time kcat printed the record
minus source.ts_us (commit -> readable in Kafka).

Prints a JSON summary: every run, medians with min and max, Debezium/built-in ratios and
the goals of issue 24; benches/RESULTS-cdc.md records it.
"""
import argparse, json, os, shutil, signal, statistics, subprocess, sys, tempfile, time, urllib.error, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no benches/__pycache__ from importing cdc_bench
from cdc_bench import (TCK, CpuWatch, backlog_single_sql, backlog_tx_sql, bench_env, commit_latency,  # noqa: E402
                       cpu_ticks, free_port, peak_rss_mb, write_profile)


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        return None


def parse_lsn(s):
    hi, lo = s.split("/")
    return (int(hi, 16) << 32) + int(lo, 16)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--connect-home", default=os.environ.get("CONNECT_HOME"))
    ap.add_argument("--pairs", type=int, default=2)
    ap.add_argument("--txs", type=int, default=20)
    ap.add_argument("--tx-rows", type=int, default=10000)
    ap.add_argument("--single", type=int, default=20000)
    ap.add_argument("--latency-seconds", type=int, default=20)
    ap.add_argument("--rate", type=int, default=1000)
    ap.add_argument("--heap", default="768m", help="the worker's -Xmx (infra up's default)")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    if not a.connect_home or not os.path.isdir(os.path.join(a.connect_home, "libs")):
        raise SystemExit("--connect-home (or CONNECT_HOME): a folder with libs/ (scripts/connect.sh prints one)")
    binary = os.path.abspath(a.bin)

    tmp = tempfile.mkdtemp(prefix="livedbctl-cdcdbz-")
    os.chmod(tmp, 0o755)
    pg, kafka, redis, rest = free_port(), free_port(), free_port(), free_port()
    profile = write_profile(tmp, pg, kafka, redis)
    env = bench_env()
    for k in list(env):
        if k.startswith("CONNECT_"):
            del env[k]
    bootstrap = f"127.0.0.1:{kafka}"
    url = f"http://127.0.0.1:{rest}"

    def ctl(*args, check=True):
        r = subprocess.run([binary, "--config", profile, *args], env=env, capture_output=True, text=True)
        if check and r.returncode != 0:
            raise SystemExit(f"livedbctl {' '.join(args)} failed ({r.returncode}):\n{r.stderr}")
        return r

    def psql(sql):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(pg), "-U", "livedb", "-d", "livedb", "-AtXq", "-v", "ON_ERROR_STOP=1"],
                              input=sql, env=env, check=True, capture_output=True, text=True).stdout.strip()

    def rest_call(method, path, body=None):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url + path, data=data, method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            text = r.read().decode()
            return json.loads(text) if text else None

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

    def walsender(slot):
        out = psql(f"SELECT active_pid FROM pg_replication_slots WHERE slot_name = '{slot}' AND active_pid IS NOT NULL")
        return [int(out)] if out else []

    def slot_lsn(slot):
        return psql(f"SELECT confirmed_flush_lsn FROM pg_replication_slots WHERE slot_name = '{slot}'")

    def prepare(name, table):
        # The slot, the publication NAME_pub and the topic, before any change is written.
        ctl("connector", "start", name, "--table", table, "--topic-prefix", name, "--snapshot", "never", "--until-idle")

    # ---- the worker, once: what `infra up` runs for a `connect` service ----
    wdir = os.path.join(tmp, "connect")
    os.makedirs(os.path.join(wdir, "tmp"))
    group = "bench-connect"
    with open(os.path.join(wdir, "worker.properties"), "w") as f:
        f.write(f"""bootstrap.servers={bootstrap}
listeners={url}
rest.advertised.host.name=127.0.0.1
rest.advertised.port={rest}
key.converter=org.apache.kafka.connect.json.JsonConverter
value.converter=org.apache.kafka.connect.json.JsonConverter
offset.flush.interval.ms=1000
group.id={group}
config.storage.topic={group}-configs
offset.storage.topic={group}-offsets
status.storage.topic={group}-status
config.storage.replication.factor=1
offset.storage.replication.factor=1
status.storage.replication.factor=1
offset.storage.partitions=1
status.storage.partitions=1
""")
    with open(os.path.join(wdir, "log4j2.properties"), "w") as f:
        f.write("status = warn\nappender.stdout.type = Console\nappender.stdout.name = STDOUT\n"
                "appender.stdout.layout.type = PatternLayout\nappender.stdout.layout.pattern = [%d] %p %m (%c)%n\n"
                "rootLogger.level = INFO\nrootLogger.appenderRef.stdout.ref = STDOUT\n"
                "logger.clients.name = org.apache.kafka.clients\nlogger.clients.level = WARN\n")
    worker = {}

    def start_worker():
        t0 = time.time()
        log = open(os.path.join(wdir, "connect.log"), "w")
        p = subprocess.Popen(["java", "-Xms64m", f"-Xmx{a.heap}", f"-Djava.io.tmpdir={wdir}/tmp", "-XX:-UsePerfData",
                              f"-Dlog4j2.configurationFile={wdir}/log4j2.properties", "-cp", f"{a.connect_home}/libs/*",
                              "org.apache.kafka.connect.cli.ConnectDistributed", f"{wdir}/worker.properties"],
                             stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        worker["p"] = p
        while time.time() < t0 + 300:
            if p.poll() is not None:
                raise SystemExit(f"the Connect worker exited ({p.returncode}); see {wdir}/connect.log")
            try:
                rest_call("GET", "/connectors")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.5)
        else:
            raise SystemExit("the Connect worker's REST API did not answer in 300 s")
        up = time.time() - t0
        ticks = cpu_ticks(p.pid)
        idle0 = cpu_ticks(p.pid)
        time.sleep(10)
        idle = cpu_ticks(p.pid) - idle0
        return {"seconds_to_rest_api": round(up, 1), "cpu_s": round(ticks / TCK, 2),
                "rss_mb_after_start": round(rss_mb(p.pid), 1), "idle_cpu_ms_per_s": round(idle * 1000 / TCK / 10, 1)}

    def stop_worker():
        p = worker.get("p")
        if p and p.poll() is None:
            p.terminate()
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()

    # ---- engines ----
    def builtin_start(name):
        return subprocess.Popen([binary, "--config", profile, "connector", "start", name],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def debezium_start(name, table):
        config = {
            "connector.class": "io.debezium.connector.postgresql.PostgresConnector", "tasks.max": "1",
            "plugin.name": "pgoutput", "database.hostname": "127.0.0.1", "database.port": str(pg),
            "database.user": "livedb", "database.password": "bench", "database.dbname": "livedb",
            "database.sslmode": "disable", "topic.prefix": name, "table.include.list": f"public.{table}",
            "slot.name": name, "publication.name": f"{name}_pub", "publication.autocreate.mode": "disabled",
            "snapshot.mode": "no_data", "tombstones.on.delete": "true", "decimal.handling.mode": "precise",
            "extended.headers.enabled": "false",
            "topic.creation.default.partitions": "1", "topic.creation.default.replication.factor": "1",
            "key.converter": "org.apache.kafka.connect.json.JsonConverter", "key.converter.schemas.enable": "false",
            "value.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable": "false",
        }
        lsn = parse_lsn(slot_lsn(name))
        rest_call("POST", "/connectors", {"name": name, "config": config, "initial_state": "STOPPED"})
        rest_call("PATCH", f"/connectors/{name}/offsets",
                  {"offsets": [{"partition": {"server": name}, "offset": {"lsn": lsn, "lsn_commit": lsn, "lsn_proc": lsn}}]})
        rest_call("PUT", f"/connectors/{name}/resume")

    def debezium_delete(name):
        rest_call("DELETE", f"/connectors/{name}")
        deadline = time.time() + 120
        while time.time() < deadline:
            if name not in rest_call("GET", "/connectors") and not walsender(name):
                return
            time.sleep(0.3)
        raise SystemExit(f"Debezium connector {name} did not go away")

    def failed_task(name):
        try:
            st = rest_call("GET", f"/connectors/{name}/status")
        except urllib.error.HTTPError:
            return None
        for t in st.get("tasks", []):
            if t.get("state") == "FAILED":
                return t.get("trace", "")[:2000]
        return None

    def run(who, name, table, n, target):
        topic = f"{name}.public.{table}"
        jvm = worker["p"].pid
        t0 = time.time()
        jvm0 = cpu_ticks(jvm)
        if who == "builtin":
            p = builtin_start(name)
        else:
            debezium_start(name, table)
        ws = CpuWatch(lambda: walsender(name))
        ws.start()
        t_first, t_last, rss_peak, polls = None, None, 0.0, 0
        eng = p.pid if who == "builtin" else jvm
        while time.time() < t0 + 900:
            if who == "debezium":
                rss_peak = max(rss_peak, rss_mb(jvm) or 0)
            h = high(topic)
            if t_first is None and h >= 1:
                # Start-up done (process, connection; Debezium: connector, task, schema).
                t_first, first_ticks = time.time(), cpu_ticks(eng)
            if h >= n:
                t_last = time.time()
                break
            polls += 1
            if who == "builtin" and p.poll() is not None:
                raise SystemExit(f"built-in engine exited early: {p.stderr.read()}")
            if who == "debezium" and polls % 40 == 0 and failed_task(name):
                raise SystemExit(f"Debezium task failed: {failed_task(name)}")
            time.sleep(0.05)
        if t_last is None:
            raise SystemExit(f"{who} run {name} did not finish")
        end_ticks = cpu_ticks(eng)
        if who == "builtin":
            eng_ticks, rss = end_ticks, peak_rss_mb(p.pid)
        else:
            eng_ticks, rss = end_ticks - jvm0, round(rss_peak, 1)
        # The built-in engine: until its slot is confirmed past the backlog (as in
        # cdc_bench.py). Debezium confirms the LSN of its last committed offset, short of the
        # end of the WAL, so the slot never gets there: a few offset flushes (1 s) instead.
        deadline = time.time() + (120 if who == "builtin" else 3)
        while time.time() < deadline and psql(f"SELECT confirmed_flush_lsn >= '{target}'::pg_lsn FROM pg_replication_slots WHERE slot_name = '{name}'") != "t":
            time.sleep(0.2)
        ws_ticks, _ = ws.stop()
        extra = {}
        if who == "builtin":
            p.send_signal(signal.SIGTERM)
            p.wait(timeout=120)
        else:
            extra["worker_vmhwm_mb"] = peak_rss_mb(jvm)
            time.sleep(1)
            debezium_delete(name)
        got = high(topic)
        if got != n:
            raise SystemExit(f"{who} run {name}: {got} records on {topic}, expected {n}")
        secs = t_last - t0
        return {"who": who, "name": name, "changes": n, "seconds": round(secs, 2), "changes_per_s": round(n / secs),
                "cpu_s": round(eng_ticks / TCK, 2), "cpu_us_per_change": round(eng_ticks / TCK / n * 1e6, 1),
                "walsender_cpu_us_per_change": round(ws_ticks / TCK / n * 1e6, 1), "peak_rss_mb": rss,
                # From the first record to the N-th: streaming alone, without start-up.
                "first_record_s": round(t_first - t0, 2), "streaming_changes_per_s": round((n - 1) / max(t_last - t_first, 1e-3)),
                "streaming_cpu_us_per_change": round((end_ticks - first_ticks) / TCK / (n - 1) * 1e6, 1), **extra}

    def throughput(label, table, write_backlog, n):
        psql(f"CREATE TABLE {table} (id int PRIMARY KEY, v text)")
        for i in range(a.pairs):
            for w in "bd":
                prepare(f"{table}_{w}{i}", table)
        write_backlog(table)
        target = psql("SELECT pg_current_wal_flush_lsn()")
        results = []
        for i in range(a.pairs):
            for who in (("builtin", "debezium") if i % 2 == 0 else ("debezium", "builtin")):
                r = run(who, f"{table}_{who[0]}{i}", table, n, target)
                r["pair"] = i
                results.append(r)
                print(json.dumps({label: r}), file=sys.stderr, flush=True)
        psql(f"SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name LIKE '{table}\\_%'")
        return results

    def write_tx(table):
        psql(backlog_tx_sql(table, a.txs, a.tx_rows))

    def write_single(table):
        psql(backlog_single_sql(table, a.single))

    def latency_run(who, i):
        table = f"lat_{who[0]}{i}"
        psql(f"CREATE TABLE {table} (id int PRIMARY KEY, v int)")
        prepare(table, table)
        topic = f"{table}.public.{table}"
        if who == "builtin":
            engine = builtin_start(table)
        else:
            debezium_start(table, table)
        deadline = time.time() + 300
        while not walsender(table):  # streaming: its replication connection is open
            if time.time() > deadline:
                raise SystemExit(f"latency run {table}: {who} did not start streaming")
            time.sleep(0.2)

        def stop():
            if who == "builtin":
                engine.send_signal(signal.SIGTERM)
                engine.wait(timeout=60)
            else:
                debezium_delete(table)

        r = commit_latency(env, pg, bootstrap, table, topic, a.rate, a.latency_seconds, stop)
        psql(f"SELECT pg_drop_replication_slot('{table}')")
        return {"who": who, "pair": i, **r}

    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    summary = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "pairs": a.pairs, "bin": binary,
               "connect_home": a.connect_home, "heap": a.heap, "machine": f"{os.cpu_count()} CPUs, {model}",
               "load_at_start": os.getloadavg()}
    ctl("infra", "up", "--no-migrate")
    try:
        summary["worker_start"] = start_worker()
        print(json.dumps({"worker_start": summary["worker_start"]}), file=sys.stderr, flush=True)
        runs = {"tx": throughput(f"{a.tx_rows}-row transactions", "tx", write_tx, a.txs * a.tx_rows),
                "single": throughput("single-row transactions", "single", write_single, a.single)}
        lat = []
        for i in range(a.pairs):
            for who in (("builtin", "debezium") if i % 2 == 0 else ("debezium", "builtin")):
                r = latency_run(who, i)
                lat.append(r)
                print(json.dumps({"latency": r}), file=sys.stderr, flush=True)
        runs["latency"] = lat
        summary["runs"] = runs
        summary["load_at_end"] = os.getloadavg()

        def ratio(d, b):
            return round(d["median"] / b["median"], 2) if d and b and b["median"] else None

        def stat(rs, who, key):
            xs = [r[key] for r in rs if r["who"] == who and r.get(key) is not None]
            return {"median": statistics.median(xs), "min": min(xs), "max": max(xs)} if xs else None

        med = {}
        for w in ("tx", "single"):
            row = {}
            for key in ("changes_per_s", "cpu_us_per_change", "walsender_cpu_us_per_change", "peak_rss_mb",
                        "first_record_s", "streaming_changes_per_s", "streaming_cpu_us_per_change"):
                b, d = stat(runs[w], "builtin", key), stat(runs[w], "debezium", key)
                row[key] = {"builtin": b, "debezium": d, "debezium_over_builtin": ratio(d, b)}
            med[w] = row
        for key in ("p50_ms", "p99_ms", "max_ms", "handoff_p99_ms"):
            b, d = stat(lat, "builtin", key), stat(lat, "debezium", key)
            med.setdefault("latency", {})[key] = {"builtin": b, "debezium": d, "debezium_over_builtin": ratio(d, b)}
        summary["medians"] = med
        summary["goals"] = {
            f"{w}: changes per CPU-second >= 10x Debezium's": (med[w]["cpu_us_per_change"]["debezium_over_builtin"] or 0) >= 10 for w in ("tx", "single")}
        summary["goals"].update({
            f"{w}: peak RSS <= 1/20 of Debezium's": (med[w]["peak_rss_mb"]["debezium_over_builtin"] or 0) >= 20 for w in ("tx", "single")})
        summary["goals"]["p99 commit -> Kafka lower"] = (med["latency"]["p99_ms"]["debezium_over_builtin"] or 0) > 1
    finally:
        stop_worker()
        ctl("infra", "down", "--purge", "--yes", check=False)
        # infra down leaves the folder it ran in (its profile, the timing files).
        shutil.rmtree(tmp, ignore_errors=True)
    text = json.dumps(summary, indent=2)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text)
    print(text)


if __name__ == "__main__":
    main()
