#!/usr/bin/env python3
"""A small stand-in for Flink's SQL Gateway REST API (v1 paths), following its documented
contract (https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/table/sql-gateway/rest/),
for testing livedbctl's client: the official Python wheels carry no SQL Gateway.

Prints the port it listens on, then serves until killed.
  POST   /v1/sessions                                   -> {sessionHandle}
  DELETE /v1/sessions/:s                                -> {status: CLOSED}
  POST   /v1/sessions/:s/statements {statement}         -> {operationHandle}
  GET    /v1/sessions/:s/operations/:o/status           -> {status}: RUNNING once, then
                                                           FINISHED (ERROR when the statement
                                                           contains "fail-me")
  GET    /v1/sessions/:s/operations/:o/result/:token    -> a result page; an INSERT or
                                                           EXECUTE STATEMENT SET carries jobID
                                                           and a `job id` column; a failed
                                                           operation answers 500 {errors}
  GET    /__requests                                    -> every request received
"""
import json, re, sys, threading, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

LOCK = threading.Lock()
SESSIONS = {}
OPS = {}
REQUESTS = []


def result_page(op, token):
    st = op["statement"].lstrip().upper()
    starts_job = st.startswith("INSERT") or st.startswith("EXECUTE STATEMENT SET")
    if token > 0:
        return {"resultType": "EOS", "isQueryResult": False, "resultKind": "SUCCESS_WITH_CONTENT",
                "results": {"columns": [], "rowFormat": "JSON", "data": []}, "nextResultUri": None}
    if starts_job:
        return {"resultType": "PAYLOAD", "isQueryResult": False, "jobID": op["job"],
                "resultKind": "SUCCESS_WITH_CONTENT",
                "results": {"columns": [{"name": "job id", "logicalType": {"type": "VARCHAR", "nullable": True, "length": 2147483647}, "comment": None}],
                            "rowFormat": "JSON", "data": [{"kind": "INSERT", "fields": [op["job"]]}]},
                "nextResultUri": "/v1/sessions/%s/operations/%s/result/1?rowFormat=JSON" % (op["session"], op["id"])}
    return {"resultType": "PAYLOAD", "isQueryResult": False, "resultKind": "SUCCESS",
            "results": {"columns": [{"name": "result", "logicalType": {"type": "VARCHAR", "nullable": True, "length": 2}, "comment": None}],
                        "rowFormat": "JSON", "data": [{"kind": "INSERT", "fields": ["OK"]}]},
            "nextResultUri": "/v1/sessions/%s/operations/%s/result/1?rowFormat=JSON" % (op["session"], op["id"])}


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def send(self, code, body):
        data = json.dumps(body).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def err(self, code, *msgs):
        self.send(code, {"errors": list(msgs)})

    def handle_any(self, method):
        u = urlparse(self.path)
        parts = [p for p in u.path.strip("/").split("/") if p]
        q = {k: v[0] for k, v in parse_qs(u.query).items()}
        n = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(n) if n else b""
        body = json.loads(raw) if raw else None
        with LOCK:
            if parts == ["__requests"]:
                return self.send(200, REQUESTS)
            REQUESTS.append({"method": method, "path": u.path, "query": q, "body": body})
            if parts == ["v1", "info"] and method == "GET":
                return self.send(200, {"productName": "Apache Flink", "version": "2.3.0"})
            if parts == ["v1", "sessions"] and method == "POST":
                h = str(uuid.uuid4())
                SESSIONS[h] = {"properties": (body or {}).get("properties", {})}
                return self.send(200, {"sessionHandle": h})
            if len(parts) < 3 or parts[:2] != ["v1", "sessions"]:
                return self.err(404, "Not found: %s" % u.path)
            s = parts[2]
            if s not in SESSIONS:
                return self.err(404, "Internal server error.", "<Exception on server side:\norg.apache.flink.table.gateway.api.utils.SqlGatewayException: Session '%s' does not exist." % s)
            rest = parts[3:]
            if rest == [] and method == "DELETE":
                del SESSIONS[s]
                return self.send(200, {"status": "CLOSED"})
            if rest == ["statements"] and method == "POST":
                if not body or "statement" not in body:
                    return self.err(400, "Bad request: statement is missing")
                o = str(uuid.uuid4())
                OPS[o] = {"id": o, "session": s, "statement": body["statement"], "polls": 0,
                          "job": uuid.uuid4().hex}
                return self.send(200, {"operationHandle": o})
            if len(rest) >= 3 and rest[0] == "operations":
                op = OPS.get(rest[1])
                if op is None or op["session"] != s:
                    return self.err(404, "Internal server error.", "Can not find the submitted operation")
                fails = "fail-me" in op["statement"]
                if rest[2:] == ["status"] and method == "GET":
                    op["polls"] += 1
                    status = "RUNNING" if op["polls"] == 1 else ("ERROR" if fails else "FINISHED")
                    return self.send(200, {"status": status})
                if len(rest) == 4 and rest[2] == "result" and method == "GET":
                    if fails:
                        return self.err(500, "Internal server error.",
                                        "<Exception on server side:\norg.apache.flink.table.gateway.service.utils.SqlExecutionException: Failed to execute the operation %s.\n\tat org.apache.flink.table.gateway.service.operation.OperationManager$Operation.processThrowable(OperationManager.java:414)\nCaused by: org.apache.flink.table.api.ValidationException: Unable to create a source for reading table 'fail-me'.\n\tat org.apache.flink.table.factories.FactoryUtil.createDynamicTableSource(FactoryUtil.java:228)\n\nEnd of exception on server side>" % op["id"])
                    return self.send(200, result_page(op, int(rest[3])))
            return self.err(404, "Not found: %s %s" % (method, u.path))

    def do_GET(self):
        self.handle_any("GET")

    def do_POST(self):
        self.handle_any("POST")

    def do_DELETE(self):
        self.handle_any("DELETE")


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    print(srv.server_address[1], flush=True)
    srv.serve_forever()


if __name__ == "__main__":
    main()
