#!/usr/bin/env python3
"""Helpers for benches/tail.sh (kafka-python: the independent client).

  tail_bench.py --bootstrap H:P produce TOPIC N          write N JSON records (~120 bytes)
  tail_bench.py --bootstrap H:P consume TOPIC            read to the end, print each value
  tail_bench.py time -- CMD...                           run CMD, stdout to /dev/null; JSON {secs, lines, max_rss_kb}
  tail_bench.py --bootstrap H:P follow TOPIC SECS RATE -- CMD...
        run CMD (a follower) while producing RATE records/s for SECS; sample its RSS every 5 s
"""
import argparse, json, os, subprocess, sys, time

from kafka import KafkaConsumer, KafkaProducer, TopicPartition


def record(i):
    return json.dumps({"id": i, "name": "name-%d" % i, "qty": i % 100, "note": "x" * 40}).encode()


def produce(a):
    p = KafkaProducer(bootstrap_servers=a.bootstrap, acks=1, linger_ms=20, batch_size=1 << 20)
    t = time.time()
    for i in range(a.n):
        p.send(a.topic, key=str(i).encode(), value=record(i))
    p.flush()
    dt = time.time() - t
    print(json.dumps({"produced": a.n, "secs": round(dt, 2), "msgs_per_sec": round(a.n / dt)}))


def consume(a):
    c = KafkaConsumer(bootstrap_servers=a.bootstrap, enable_auto_commit=False, max_partition_fetch_bytes=8 << 20,
                      fetch_max_bytes=64 << 20)
    tps = [TopicPartition(a.topic, p) for p in sorted(c.partitions_for_topic(a.topic))]
    c.assign(tps)
    c.seek_to_beginning(*tps)
    end = c.end_offsets(tps)
    out = sys.stdout.buffer
    done = {tp for tp in tps if end[tp] == 0}
    while len(done) < len(tps):
        for tp, msgs in c.poll(timeout_ms=1000, max_records=10000).items():
            for m in msgs:
                out.write(m.value)
                out.write(b"\n")
            if c.position(tp) >= end[tp]:
                done.add(tp)
    out.flush()


def run_timed(cmd):
    t = time.time()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    lines = 0
    while True:
        chunk = p.stdout.read(1 << 20)
        if not chunk:
            break
        lines += chunk.count(b"\n")
    _, status, usage = os.wait4(p.pid, 0)
    dt = time.time() - t
    rc = os.waitstatus_to_exitcode(status)
    rss = usage.ru_maxrss
    cpu = usage.ru_utime + usage.ru_stime
    print(json.dumps({"rc": rc, "secs": round(dt, 2), "lines": lines, "msgs_per_sec": round(lines / dt), "max_rss_kb": rss,
                      "cpu_secs": round(cpu, 2), "cpu_us_per_msg": round(cpu * 1e6 / max(lines, 1), 1)}))


def rss_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def follow(a, cmd):
    follower = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3)
    p = KafkaProducer(bootstrap_servers=a.bootstrap, acks=1, linger_ms=5)
    samples, sent, start = [], 0, time.time()
    next_sample = start
    while time.time() - start < a.secs:
        now = time.time()
        due = int((now - start) * a.rate)
        while sent < due:
            p.send(a.topic, key=str(sent).encode(), value=record(sent))
            sent += 1
        if now >= next_sample:
            samples.append((round(now - start), rss_kb(follower.pid)))
            next_sample += 5
        time.sleep(0.01)
    p.flush()
    time.sleep(2)
    samples.append((round(time.time() - start), rss_kb(follower.pid)))
    follower.send_signal(2)
    follower.wait(timeout=30)
    kb = [s[1] for s in samples if s[1]]
    print(json.dumps({"secs": a.secs, "rate": a.rate, "sent": sent, "rss_kb_first": kb[0], "rss_kb_min": min(kb),
                      "rss_kb_max": max(kb), "rss_kb_last": kb[-1], "samples": samples}))


def main():
    argv = sys.argv[1:]
    cmd = []
    if "--" in argv:
        i = argv.index("--")
        argv, cmd = argv[:i], argv[i + 1:]
    ap = argparse.ArgumentParser()
    ap.add_argument("--bootstrap")
    sub = ap.add_subparsers(dest="cmd", required=True)
    pr = sub.add_parser("produce"); pr.add_argument("topic"); pr.add_argument("n", type=int)
    co = sub.add_parser("consume"); co.add_argument("topic")
    sub.add_parser("time")
    fo = sub.add_parser("follow"); fo.add_argument("topic"); fo.add_argument("secs", type=int); fo.add_argument("rate", type=int)
    a = ap.parse_args(argv)
    if a.cmd == "produce":
        produce(a)
    elif a.cmd == "consume":
        consume(a)
    elif a.cmd == "time":
        run_timed(cmd)
    elif a.cmd == "follow":
        follow(a, cmd)


if __name__ == "__main__":
    main()
