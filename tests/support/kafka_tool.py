#!/usr/bin/env python3
"""An independent Kafka client for the tests (kafka-python, not librdkafka).

  kafka_tool.py --bootstrap H:P topics                 -> JSON {name: partitions}
  kafka_tool.py --bootstrap H:P consume TOPIC [--max N] [--timeout S]
        -> one JSON object per line: topic, partition, offset, key, value, headers, timestamp
           (key/value as UTF-8 text, or base64 under key_b64/value_b64 when not UTF-8)
  kafka_tool.py --bootstrap H:P produce TOPIC [--key-field F]  < JSON lines (value = line)
  kafka_tool.py --bootstrap H:P produce-raw TOPIC     < JSON lines {key, value, headers, partition}
  kafka_tool.py --bootstrap H:P offsets TOPIC          -> JSON {partition: [low, high]}
  kafka_tool.py --bootstrap H:P partition-of --partitions N KEY...
        -> JSON {key: partition} as kafka-python's DefaultPartitioner picks it (Java's murmur2); no broker used
  kafka_tool.py --bootstrap H:P describe-configs TOPIC -> JSON {name: value} (DescribeConfigs)
"""
import argparse, base64, json, sys, time

from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition


def text_or_b64(b, name, out):
    if b is None:
        out[name] = None
        return
    try:
        out[name] = b.decode("utf-8")
    except UnicodeDecodeError:
        out[name] = None
        out[name + "_b64"] = base64.b64encode(b).decode()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bootstrap", required=True)
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("topics")
    c = sub.add_parser("consume")
    c.add_argument("topic")
    c.add_argument("--max", type=int, default=None)
    c.add_argument("--timeout", type=float, default=10.0)
    c.add_argument("--group", default=None)
    pr = sub.add_parser("produce")
    pr.add_argument("topic")
    pr.add_argument("--key-field", default=None)
    prr = sub.add_parser("produce-raw")
    prr.add_argument("topic")
    o = sub.add_parser("offsets")
    o.add_argument("topic")
    g = sub.add_parser("committed")
    g.add_argument("topic")
    g.add_argument("--group", required=True)
    po = sub.add_parser("partition-of")
    po.add_argument("--partitions", type=int, required=True)
    po.add_argument("keys", nargs="*")
    dc = sub.add_parser("describe-configs")
    dc.add_argument("topic")
    a = p.parse_args()

    if a.cmd == "partition-of":
        from kafka.partitioner.default import murmur2
        # DefaultPartitioner.partition() for a keyed record, without its cluster lookup.
        print(json.dumps({k: (murmur2(k.encode()) & 0x7fffffff) % a.partitions for k in a.keys}))
        return

    if a.cmd == "topics":
        consumer = KafkaConsumer(bootstrap_servers=a.bootstrap)
        out = {}
        for t in consumer.topics():
            out[t] = len(consumer.partitions_for_topic(t) or [])
        print(json.dumps(out, sort_keys=True))
    elif a.cmd == "offsets":
        consumer = KafkaConsumer(bootstrap_servers=a.bootstrap)
        parts = sorted(consumer.partitions_for_topic(a.topic) or [])
        tps = [TopicPartition(a.topic, q) for q in parts]
        low = consumer.beginning_offsets(tps)
        high = consumer.end_offsets(tps)
        print(json.dumps({str(tp.partition): [low[tp], high[tp]] for tp in tps}, sort_keys=True))
    elif a.cmd == "committed":
        consumer = KafkaConsumer(bootstrap_servers=a.bootstrap, group_id=a.group, enable_auto_commit=False)
        parts = sorted(consumer.partitions_for_topic(a.topic) or [])
        out = {}
        for q in parts:
            out[str(q)] = consumer.committed(TopicPartition(a.topic, q))
        print(json.dumps(out, sort_keys=True))
    elif a.cmd == "describe-configs":
        from kafka.admin import ConfigResource, ConfigResourceType
        admin = KafkaAdminClient(bootstrap_servers=a.bootstrap)
        res = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, a.topic, None)], config_filter="all")
        entries = res.get("topic", {}).get(a.topic, {})
        print(json.dumps({k: v.get("value") for k, v in entries.items()}, sort_keys=True))
    elif a.cmd == "consume":
        consumer = KafkaConsumer(
            bootstrap_servers=a.bootstrap,
            group_id=a.group,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            consumer_timeout_ms=int(a.timeout * 1000),
        )
        parts = sorted(consumer.partitions_for_topic(a.topic) or [])
        tps = [TopicPartition(a.topic, q) for q in parts]
        consumer.assign(tps)
        consumer.seek_to_beginning(*tps)
        end = consumer.end_offsets(tps)
        n = 0
        # --timeout is how long to wait for the next record (consumer_timeout_ms), not for
        # all of them: a loaded machine reads slowly but keeps reading.
        for msg in consumer:
            rec = {"topic": msg.topic, "partition": msg.partition, "offset": msg.offset, "timestamp": msg.timestamp}
            text_or_b64(msg.key, "key", rec)
            text_or_b64(msg.value, "value", rec)
            rec["headers"] = {k: (v.decode("utf-8", "replace") if v is not None else None) for k, v in (msg.headers or [])}
            print(json.dumps(rec))
            n += 1
            if a.max is not None and n >= a.max:
                break
            # Whether every partition is read to its end can only change when one reaches
            # it; asking each partition's position after every record was half of this
            # tool's CPU on a large topic (cProfile). Every 1,000 records it is asked anyway
            # (a partition whose last offsets are not records).
            last = msg.offset + 1 >= end[TopicPartition(msg.topic, msg.partition)]
            if a.max is None and (last or n % 1000 == 0) and all(consumer.position(tp) >= end[tp] for tp in tps):
                break
    elif a.cmd == "produce":
        producer = KafkaProducer(bootstrap_servers=a.bootstrap, acks="all")
        for line in sys.stdin:
            line = line.rstrip("\n")
            if not line:
                continue
            key = None
            if a.key_field:
                key = str(json.loads(line)[a.key_field]).encode()
            producer.send(a.topic, key=key, value=line.encode())
        producer.flush()
    elif a.cmd == "produce-raw":
        # Large enough for the adversarial suite's 10 MB record.
        producer = KafkaProducer(bootstrap_servers=a.bootstrap, acks="all", max_request_size=32 * 1024 * 1024)
        for line in sys.stdin:
            if not line.strip():
                continue
            r = json.loads(line)
            def enc(field):
                if r.get(field + "_b64") is not None:
                    return base64.b64decode(r[field + "_b64"])
                v = r.get(field)
                return None if v is None else v.encode()
            headers = [(k, v.encode()) for k, v in (r.get("headers") or {}).items()]
            producer.send(a.topic, key=enc("key"), value=enc("value"), headers=headers, partition=r.get("partition"),
                          timestamp_ms=r.get("timestamp"))
        producer.flush()


if __name__ == "__main__":
    main()
