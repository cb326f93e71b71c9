#!/usr/bin/env python3
"""The built-in CDC engine (`livedbctl connector start`, default flags) against kcat.

  benches/cdc_kcat.py [--bin target/dist/livedbctl] [--single 20000] [--batched 200000]
                      [--latency-seconds 20] [--kcat KCAT] [--pairs 3]

(benches/cdc_bench.py is the other CDC benchmark: two builds of the engine before/after,
anchored on pg_recvlogical.)

Starts its own stack (`livedbctl infra up` in a temp dir, tansu as the broker), then:
  1. single-row transactions: N autocommit INSERTs, then the engine drains them;
     changes/s = events / engine uptime (from its final JSON stats)
  2. batched inserts: M rows in transactions of 10,000 rows, drained the same way
  3. latency: a writer commits ~1,000 rows per second (--rows-per-tx per transaction) while the engine
     runs; latency = Kafka record timestamp (CreateTime, set when the engine produces) -
     source.ts_ms (commit time); p50/p99 over all records
  4. with --kcat: the broker's ceiling, alternated with the engine (--pairs times): the
     engine drains M rows (as in 2) into its topic, then kcat -P produces the same events
     (read back from that topic) into a new topic three ways, in an order that rotates:
     as it comes; held to one request in flight (the engine's and Kafka Connect's
     setting); and as it comes while PostgreSQL decodes and streams M identical changes
     of a twin table to pg_recvlogical (pgoutput, to /dev/null) -- the work the engine's
     source puts on the same machine, so the broker's ceiling when CDC feeds it. All
     timed as whole processes (wall, and CPU per change from /usr/bin/time %U + %S), with
     the broker's own CPU over each run (/proc of its pid): broker CPU / wall is how busy
     each writer kept it.
  Peak memory: the largest max RSS of the engine runs (/usr/bin/time %M).
Prints a JSON summary; benches/run.sh (entry `cdc`) turns it into rows of benches/RESULTS.md.
"""
import argparse, json, os, shutil, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KAFKA_TOOL = os.path.join(ROOT, "tests", "support", "kafka_tool.py")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "dist", "livedbctl"))
    ap.add_argument("--single", type=int, default=20000)
    ap.add_argument("--batched", type=int, default=200000)
    ap.add_argument("--latency-seconds", type=int, default=20)
    ap.add_argument("--rate", type=int, default=1000)
    ap.add_argument("--rows-per-tx", type=int, default=10, help="latency phase: rows per writer transaction")
    ap.add_argument("--kcat", help="kcat (with a current librdkafka) for the broker's ceiling")
    ap.add_argument("--pairs", type=int, default=3, help="ceiling: engine/kcat pairs")
    a = ap.parse_args()

    tmp = tempfile.mkdtemp(prefix="livedbctl-bench-")
    os.chmod(tmp, 0o755)
    pg, kafka, redis = free_port(), free_port(), free_port()
    profile = os.path.join(tmp, "bench.yaml")
    with open(profile, "w") as f:
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
    env = dict(os.environ, PATH=os.environ.get("PATH", "") + ":" + os.path.expanduser("~/.cargo/bin"), PGPASSWORD="bench")
    for k in list(env):
        if k.startswith("LIVEDB_"):
            del env[k]

    def ctl(*args, check=True, **kw):
        return subprocess.run([a.bin, "--config", profile, *args], env=env, check=check, capture_output=True, text=True, **kw)

    def psql(sql):
        return subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(pg), "-U", "livedb", "-d", "livedb", "-AtXq", "-v", "ON_ERROR_STOP=1"],
                              input=sql, env=env, check=True, capture_output=True, text=True).stdout

    peak_kb = []

    def broker_cpu():
        """CPU seconds the broker (tansu, from infra's pid record) has used so far."""
        pid = json.load(open(os.path.join(tmp, "state", "kafka", "livedbctl.pid.json")))["pid"]
        f = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / os.sysconf("SC_CLK_TCK")

    def timed(args):
        """The engine under /usr/bin/time, to record its max RSS."""
        f = os.path.join(tmp, f"rss-{len(peak_kb)}")
        peak_kb.append(f)
        return ["/usr/bin/time", "-f", "%e %U %S %M", "-o", f, a.bin, "--config", profile, *args]

    def drain(name):
        r = subprocess.run(timed(["-o", "json", "connector", "start", name, "--until-idle"]),
                           env=env, check=True, capture_output=True, text=True)
        st = json.loads(r.stdout.strip().splitlines()[-1])
        wall, user, sys_, kib = open(peak_kb[-1]).read().split()[-4:]
        st["rss_mb"] = round(int(kib) / 1024, 1)
        st["wall_s"] = float(wall)
        st["cpu_s"] = float(user) + float(sys_)
        st["cpu_us_per_change"] = round(st["cpu_s"] * 1e6 / max(st["events"], 1), 1)
        return st

    results = {}
    ctl("infra", "up", "--no-migrate")
    try:
        # 1. single-row transactions
        psql("CREATE TABLE single (id int PRIMARY KEY, v text)")
        ctl("connector", "start", "b_single", "--table", "single", "--topic-prefix", "bench", "--snapshot", "never", "--until-idle")
        psql("".join(f"INSERT INTO single VALUES ({i}, 'value {i}');\n" for i in range(a.single)))
        st = drain("b_single")
        results["single_row_tx"] = {"changes": st["events"], "transactions": st["transactions"], "seconds": st["uptime_s"],
                                    "changes_per_s": round(st["events"] / max(st["uptime_s"], 0.001)), "engine_rss_mb": st["rss_mb"],
                                    "cpu_us_per_change": st["cpu_us_per_change"]}

        # 2. batched inserts
        psql("CREATE TABLE batched (id int PRIMARY KEY, v text)")
        ctl("connector", "start", "b_batched", "--table", "batched", "--topic-prefix", "bench", "--snapshot", "never", "--until-idle")
        per_tx = 10000
        psql("".join(f"INSERT INTO batched SELECT g, 'value ' || g FROM generate_series({lo}, {lo + per_tx - 1}) g;\n"
                     for lo in range(0, a.batched, per_tx)))
        st = drain("b_batched")
        results["batched_10k_per_tx"] = {"changes": st["events"], "transactions": st["transactions"], "seconds": st["uptime_s"],
                                         "changes_per_s": round(st["events"] / max(st["uptime_s"], 0.001)), "engine_rss_mb": st["rss_mb"],
                                         "cpu_us_per_change": st["cpu_us_per_change"]}

        # 2b. one 100,000-row transaction (memory must not grow with it)
        psql("CREATE TABLE onetx (id int PRIMARY KEY, v text)")
        ctl("connector", "start", "b_onetx", "--table", "onetx", "--topic-prefix", "bench", "--snapshot", "never", "--until-idle")
        psql("INSERT INTO onetx SELECT g, repeat('x', 200) || g FROM generate_series(1, 100000) g;")
        st = drain("b_onetx")
        results["one_100k_row_tx"] = {"changes": st["events"], "seconds": st["uptime_s"],
                                      "changes_per_s": round(st["events"] / max(st["uptime_s"], 0.001)), "engine_rss_mb": st["rss_mb"]}

        # 3. latency at a steady rate
        psql("CREATE TABLE lat (id int PRIMARY KEY, v int)")
        ctl("connector", "start", "b_lat", "--table", "lat", "--topic-prefix", "bench", "--snapshot", "never", "--until-idle")
        engine = subprocess.Popen(timed(["-o", "json", "connector", "start", "b_lat"]),
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)
        writer = subprocess.Popen(["psql", "-h", "127.0.0.1", "-p", str(pg), "-U", "livedb", "-d", "livedb", "-qX", "-f", "-"],
                                  env=env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        t0 = time.time()
        sent = 0
        while time.time() - t0 < a.latency_seconds:
            due = int((time.time() - t0) * a.rate) // a.rows_per_tx * a.rows_per_tx
            chunk = "".join(f"INSERT INTO lat SELECT g, g FROM generate_series({i}, {i + a.rows_per_tx - 1}) g;\n"
                            for i in range(sent, due, a.rows_per_tx))
            if chunk:
                writer.stdin.write(chunk)
                writer.stdin.flush()
                sent = due
            time.sleep(0.005)
        writer.stdin.close()
        writer.wait()
        written = int(psql("SELECT count(*) FROM lat").strip())
        elapsed = time.time() - t0
        time.sleep(3)
        subprocess.run([a.bin, "--config", profile, "connector", "stop", "b_lat"], env=env, capture_output=True)
        engine.wait()
        out = subprocess.run(["python3", KAFKA_TOOL, "--bootstrap", f"127.0.0.1:{kafka}", "consume", "bench.public.lat", "--timeout", "120"],
                             capture_output=True, text=True, check=True).stdout
        lat = []
        for line in out.splitlines():
            rec = json.loads(line)
            v = json.loads(rec["value"])
            lat.append(rec["timestamp"] - v["source"]["ts_ms"])
        lat.sort()
        pct = lambda p: lat[min(len(lat) - 1, int(len(lat) * p))] if lat else None
        results["latency"] = {"target_rate": a.rate, "achieved_rate": round(written / elapsed), "records": len(lat),
                              "p50_ms": pct(0.50), "p99_ms": pct(0.99), "max_ms": lat[-1] if lat else None,
                              "rows_per_tx": a.rows_per_tx}
        # 4. the broker's ceiling, alternated with the engine
        if a.kcat:
            kc = [a.kcat, "-b", f"127.0.0.1:{kafka}"]
            pairs = []
            for i in range(a.pairs):
                t = f"ceil{i}"
                psql(f"CREATE TABLE {t} (id int PRIMARY KEY, v text)")
                ctl("connector", "start", f"b_{t}", "--table", t, "--topic-prefix", "bench", "--snapshot", "never", "--until-idle")
                psql("".join(f"INSERT INTO {t} SELECT g, 'value ' || g FROM generate_series({lo}, {lo + per_tx - 1}) g;\n"
                             for lo in range(0, a.batched, per_tx)))
                b0 = broker_cpu()
                eng = drain(f"b_{t}")
                eng["broker_cpu_s"] = broker_cpu() - b0
                topic = f"bench.public.{t}"
                events = os.path.join(tmp, "events.tsv")
                with open(events, "w") as f:
                    subprocess.run(kc + ["-C", "-t", topic, "-o", "beginning", "-e", "-q", "-f", "%k\t%s\n"], stdout=f, check=True)
                n = sum(1 for _ in open(events))
                assert n == eng["events"], f"{topic}: {n} records read back, engine reported {eng['events']}"
                # The twin backlog PostgreSQL streams beside the third kcat run: its own
                # table, publication and slot (dropped after), the same inserts.
                twin = f"{t}_twin"
                psql(f"CREATE TABLE {twin} (id int PRIMARY KEY, v text); CREATE PUBLICATION {twin}_pub FOR TABLE {twin};"
                     f"SELECT pg_create_logical_replication_slot('r_{twin}', 'pgoutput');")
                psql("".join(f"INSERT INTO {twin} SELECT g, 'value ' || g FROM generate_series({lo}, {lo + per_tx - 1}) g;\n"
                             for lo in range(0, a.batched, per_tx)))
                twin_end = psql("SELECT pg_current_wal_flush_lsn()").strip()
                # kcat as it comes, held to one produce request in flight (what the engine
                # and Kafka Connect's source producers keep, so a retry cannot reorder a key's
                # changes), and as it comes beside PostgreSQL streaming the twin's changes;
                # the order rotates.
                sides = [("kcat", []), ("kcat1", ["-X", "max.in.flight=1"]), ("kcatpg", [])]
                sides = sides[i % 3:] + sides[:i % 3]
                timed_kcat = {}
                for name, extra in sides:
                    ctl("topic", "create", f"{name}_{t}", "-p", "1")
                    tf = os.path.join(tmp, "kcat.time")
                    recv = None
                    if name == "kcatpg":
                        recv = subprocess.Popen(["pg_recvlogical", "-h", "127.0.0.1", "-p", str(pg), "-U", "livedb", "-d", "livedb",
                                                 "--slot", f"r_{twin}", "--start", "-o", "proto_version=1",
                                                 "-o", f"publication_names={twin}_pub", "-E", twin_end, "-f", "/dev/null"],
                                                env=env, stderr=subprocess.PIPE, text=True)
                    b0 = broker_cpu()
                    subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tf] + kc + extra + ["-P", "-K", "\t", "-t", f"{name}_{t}", "-l", events], check=True)
                    bcpu = broker_cpu() - b0
                    if recv:
                        _, err = recv.communicate(timeout=600)
                        assert recv.returncode == 0, f"pg_recvlogical failed: {err}"
                    wall, user, sys_, _ = open(tf).read().split()[-4:]
                    end = subprocess.run(kc + ["-Q", "-t", f"{name}_{t}:0:-1"], capture_output=True, text=True, check=True).stdout
                    assert f"offset {n}" in end, f"{name}_{t} does not hold {n} records: {end}"
                    timed_kcat[name] = (float(wall), float(user) + float(sys_), bcpu)
                # The twin's slot must have been read to its end, then it goes.
                left = psql(f"SELECT confirmed_flush_lsn >= '{twin_end}' FROM pg_replication_slots WHERE slot_name = 'r_{twin}'").strip()
                assert left == "t", f"pg_recvlogical did not reach {twin_end} on r_{twin}"
                psql(f"SELECT pg_drop_replication_slot('r_{twin}'); DROP PUBLICATION {twin}_pub; DROP TABLE {twin};")
                pair = {"changes": n, "engine_wall_s": eng["wall_s"], "engine_cpu_s": eng["cpu_s"],
                        "engine_broker_cpu_s": round(eng["broker_cpu_s"], 2)}
                for name, (w, c, b) in timed_kcat.items():
                    pair.update({f"{name}_wall_s": w, f"{name}_cpu_s": c, f"{name}_broker_cpu_s": round(b, 2)})
                pairs.append(pair)
                os.remove(events)
            med = lambda xs: sorted(xs)[len(xs) // 2]
            ratios = sorted(p["kcat_wall_s"] / p["engine_wall_s"] for p in pairs)
            ratios1 = sorted(p["kcat1_wall_s"] / p["engine_wall_s"] for p in pairs)
            ratiospg = sorted(p["kcatpg_wall_s"] / p["engine_wall_s"] for p in pairs)
            busy = lambda side: round(med([p[f"{side}_broker_cpu_s"] / p[f"{side}_wall_s"] for p in pairs]), 2)
            results["ceiling"] = {
                "pairs": pairs,
                "engine_wall_s": med([p["engine_wall_s"] for p in pairs]),
                "kcat_wall_s": med([p["kcat_wall_s"] for p in pairs]),
                "kcat1_wall_s": med([p["kcat1_wall_s"] for p in pairs]),
                "wall_ratio_kcat_over_engine": round(med(ratios), 2),
                "wall_ratio_spread": [round(ratios[0], 2), round(ratios[-1], 2)],
                "wall_ratio_kcat1_over_engine": round(med(ratios1), 2),
                "wall_ratio1_spread": [round(ratios1[0], 2), round(ratios1[-1], 2)],
                "kcatpg_wall_s": med([p["kcatpg_wall_s"] for p in pairs]),
                "wall_ratio_kcatpg_over_engine": round(med(ratiospg), 2),
                "wall_ratiopg_spread": [round(ratiospg[0], 2), round(ratiospg[-1], 2)],
                "broker_busy": {side: busy(side) for side in ("engine", "kcat", "kcat1", "kcatpg")},
                "engine_cpu_us_per_change": round(med([p["engine_cpu_s"] * 1e6 / p["changes"] for p in pairs]), 1),
                "kcat_cpu_us_per_change": round(med([p["kcat_cpu_s"] * 1e6 / p["changes"] for p in pairs]), 1),
                "kcat1_cpu_us_per_change": round(med([p["kcat1_cpu_s"] * 1e6 / p["changes"] for p in pairs]), 1),
            }
        rss = [int(open(f).read().split()[-1]) for f in peak_kb if os.path.exists(f)]
        results["engine_peak_rss_mb"] = round(max(rss) / 1024, 1) if rss else None
    finally:
        ctl("infra", "down", "--purge", "--yes", check=False)
        # infra down leaves the folder it ran in (its profile, the timing files).
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
