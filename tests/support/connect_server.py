#!/usr/bin/env python3
"""A small stand-in for the Kafka Connect REST API, following its documented contract
(https://kafka.apache.org/documentation/#connect_rest), for testing livedbctl's client.

Prints the port it listens on, then serves until killed. Behaviour per connector is
chosen by test-only config keys:
  test.behavior = ok (RUNNING after two status polls) | fail-task (task 0 FAILED with a
                  trace) | never-ready (task 0 stays UNASSIGNED)
  test.conflicts = N   the next N status requests answer 409 (a rebalance)
GET /__requests returns every request received (method, path, query, body).
"""
import json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs, unquote

LOCK = threading.Lock()
CONNECTORS = {}
REQUESTS = []
TRACE = ("org.apache.kafka.connect.errors.ConnectException: replication slot \"dbz\" is active for PID 42\n"
         "\tat io.debezium.connector.postgresql.PostgresConnectorTask.start(PostgresConnectorTask.java:136)")


def status_of(name, c):
    b = c["config"].get("test.behavior", "ok")
    c["polls"] += 1
    if c["state"] in ("PAUSED", "STOPPED"):
        tasks = [] if c["state"] == "STOPPED" else [{"id": 0, "state": "PAUSED", "worker_id": "w1:8083"}]
        return {"name": name, "connector": {"state": c["state"], "worker_id": "w1:8083"}, "tasks": tasks, "type": "source"}
    if b == "fail-task" and not c.get("recovered"):
        tasks = [{"id": 0, "state": "FAILED", "worker_id": "w1:8083", "trace": TRACE}]
    elif b == "never-ready":
        tasks = [{"id": 0, "state": "UNASSIGNED", "worker_id": "w1:8083"}]
    elif c["polls"] <= 2:
        tasks = []
    else:
        tasks = [{"id": 0, "state": "RUNNING", "worker_id": "w1:8083"}]
    # Like Connect: the connector says RUNNING whatever its tasks do.
    return {"name": name, "connector": {"state": "RUNNING", "worker_id": "w1:8083"}, "tasks": tasks, "type": "source"}


class H(BaseHTTPRequestHandler):
    def log_message(self, *a):
        pass

    def send(self, code, body=None):
        data = b"" if body is None else json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def err(self, code, msg):
        self.send(code, {"error_code": code, "message": msg})

    def handle_any(self, method):
        u = urlparse(self.path)
        parts = [unquote(p) for p in u.path.strip("/").split("/") if p]
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        n = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(n)) if n else None
        with LOCK:
            if parts == ["__requests"]:
                return self.send(200, REQUESTS)
            REQUESTS.append({"method": method, "path": u.path, "query": q, "body": body})
            if parts == ["connectors"] and method == "GET":
                return self.send(200, sorted(CONNECTORS))
            if parts == ["connectors"] and method == "POST":
                name = body.get("name")
                if name in CONNECTORS:
                    return self.err(409, f"Connector {name} already exists")
                CONNECTORS[name] = {"config": body["config"], "state": "RUNNING", "polls": 0}
                return self.send(201, {"name": name, "config": body["config"], "tasks": [], "type": "source"})
            if len(parts) < 2 or parts[0] != "connectors":
                return self.err(404, "Not found")
            name = parts[1]
            rest = parts[2:]
            if rest == ["config"] and method == "PUT":
                if "connector.class" not in body:
                    return self.err(400, f"Connector config {body} contains no connector type")
                if not all(isinstance(v, str) for v in body.values()):
                    return self.err(500, "Cannot deserialize value: config values must be strings")
                created = name not in CONNECTORS
                if created:
                    CONNECTORS[name] = {"config": body, "state": "RUNNING", "polls": 0}
                else:
                    CONNECTORS[name].update(config=body, polls=0, recovered=False)
                return self.send(201 if created else 200, {"name": name, "config": body, "tasks": [], "type": "source"})
            c = CONNECTORS.get(name)
            if c is None:
                return self.err(404, f"Connector {name} not found")
            if rest == [] and method == "GET":
                return self.send(200, {"name": name, "config": c["config"], "tasks": [{"connector": name, "task": 0}], "type": "source"})
            if rest == [] and method == "DELETE":
                del CONNECTORS[name]
                return self.send(204)
            if rest == ["config"] and method == "GET":
                return self.send(200, c["config"])
            if rest == ["status"] and method == "GET":
                left = int(c["config"].get("test.conflicts", "0")) - c.get("conflicts_sent", 0)
                if left > 0:
                    c["conflicts_sent"] = c.get("conflicts_sent", 0) + 1
                    return self.err(409, "Cannot complete request momentarily due to rebalance")
                return self.send(200, status_of(name, c))
            if rest == ["restart"] and method == "POST":
                if q.get("includeTasks") == "true":
                    c["recovered"] = True
                    return self.send(202, status_of(name, c))
                return self.send(204)
            if rest in (["pause"], ["resume"], ["stop"]) and method == "PUT":
                c["state"] = {"pause": "PAUSED", "resume": "RUNNING", "stop": "STOPPED"}[rest[0]]
                return self.send(202)
            return self.err(405, "HTTP method not allowed")

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_PUT(self):
        self.handle_any("PUT")

    def do_DELETE(self):
        self.handle_any("DELETE")


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
