#!/usr/bin/env python3
"""Parse a /metrics body with the Prometheus project's own Python parser and print the
families as JSON: {name: {"type": t, "samples": [{"name", "labels", "value"}]}}.

The dashboard serves OpenMetrics text (what the prometheus-client crate writes); the
strict OpenMetrics parser rejects anything malformed, a missing `# EOF` included.
Usage: prom_parse.py < body.txt
"""
import json
import sys

from prometheus_client.openmetrics.parser import text_string_to_metric_families


def main():
    text = sys.stdin.read()
    out = {}
    for fam in text_string_to_metric_families(text):
        out[fam.name] = {
            "type": fam.type,
            "samples": [
                {"name": s.name, "labels": dict(s.labels), "value": s.value}
                for s in fam.samples
            ],
        }
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
