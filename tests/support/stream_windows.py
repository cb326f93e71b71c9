#!/usr/bin/env python3
"""An independent computation of a tumbling-window job, for the stream tests.

  stream_windows.py --window-ms W --delay-ms D  < records (kafka_tool.py consume output)

Each record's value is an event {"payload": {"amount": "12.50", "region": ..},
"meta": {"created_at": RFC 3339, "phase": N}}. Events are produced in phases, each after
the job read everything before it, so an event is late when its window closed before its
phase: window_end - 1 <= (the latest event time of earlier phases) - D. After the last
phase every partition is read to its end, so the windows written are those with
window_end - 1 <= (the latest event time of all) - D.

Prints the written windows, one JSON object per line, sorted:
{"window_start_ms", "region", "orders", "revenue", "biggest"} for events with amount > 0
(amounts summed as decimals, never as floats).
"""
import argparse, datetime, json, sys
from decimal import Decimal, InvalidOperation


def millis(text):
    t = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ")
    t = t.replace(tzinfo=datetime.timezone.utc)
    return int(t.timestamp() * 1000)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--window-ms", type=int, required=True)
    p.add_argument("--delay-ms", type=int, required=True)
    a = p.parse_args()

    events = []
    for line in sys.stdin:
        if not line.strip():
            continue
        rec = json.loads(line)
        try:
            ev = json.loads(rec["value"])
            t = millis(ev["meta"]["created_at"])
        except (TypeError, ValueError, KeyError):
            continue
        events.append((ev["meta"].get("phase", 1), t, ev["payload"]))

    phases = sorted({ph for ph, _, _ in events})
    latest_before = {}
    seen = None
    for ph in phases:
        latest_before[ph] = seen
        top = max(t for q, t, _ in events if q == ph)
        seen = top if seen is None else max(seen, top)
    final_watermark = seen - a.delay_ms

    windows = {}
    for ph, t, payload in events:
        start = t - t % a.window_ms
        end = start + a.window_ms
        before = latest_before[ph]
        if before is not None and end - 1 <= before - a.delay_ms:
            continue  # late: its window closed before this phase
        if end - 1 > final_watermark:
            continue  # still open at the end
        try:
            amount = Decimal(str(payload["amount"])).quantize(Decimal("0.01"))
        except (InvalidOperation, KeyError):
            continue
        if amount <= 0:
            continue
        key = (start, payload.get("region"))
        w = windows.setdefault(key, {"orders": 0, "revenue": Decimal("0.00"), "biggest": None})
        w["orders"] += 1
        w["revenue"] += amount
        w["biggest"] = amount if w["biggest"] is None else max(w["biggest"], amount)

    for (start, region) in sorted(windows, key=lambda k: (k[0], k[1] or "")):
        w = windows[(start, region)]
        print(json.dumps({
            "window_start_ms": start,
            "region": region,
            "orders": w["orders"],
            "revenue": str(w["revenue"]),
            "biggest": str(w["biggest"]),
        }))


if __name__ == "__main__":
    main()
