#!/usr/bin/env python3
"""The "Kafka CLI producer" of the shell pipeline in benches/pipeline.sh.

kcat cannot talk to tansu, so this is the stand-in: kafka-python, one record per input
line (value = the line), key = the line's "id" field, acks=all, large batches.

  kafka_produce.py --bootstrap H:P --topic T [FILE|-]   -> prints the number of records sent
"""
import argparse, sys

from kafka import KafkaProducer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bootstrap", required=True)
    p.add_argument("--topic", required=True)
    p.add_argument("file", nargs="?", default="-")
    a = p.parse_args()
    producer = KafkaProducer(bootstrap_servers=a.bootstrap, acks="all", linger_ms=20,
                             batch_size=512 * 1024, max_request_size=8 * 1024 * 1024)
    src = sys.stdin.buffer if a.file == "-" else open(a.file, "rb")
    n = 0
    failed = []
    for line in src:
        line = line.rstrip(b"\n")
        if not line:
            continue
        # json_build_object writes {"id" : 42, ...}: the key is the text after the first colon.
        key = line.split(b",", 1)[0].split(b":", 1)[1].strip()
        producer.send(a.topic, key=key, value=line).add_errback(failed.append)
        n += 1
    producer.flush()
    if failed:
        sys.exit(f"{len(failed)} of {n} records failed, first: {failed[0]!r}")
    print(n)


if __name__ == "__main__":
    main()
