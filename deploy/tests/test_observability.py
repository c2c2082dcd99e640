"""What an operator sees of a running release binary: OpenTelemetry spans sent to an OTLP/HTTP receiver
(one per request, named after its route, with database, hashing and signing work as children), JSON log
lines that carry the trace's ids and keep numbers as numbers, and settings refused at start."""
import http.server
import json
import os
import signal
import subprocess
import threading
import uuid

import pytest
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2

from test_image import free_port, request, start, wait_until_healthy

SERVER_KIND = 2  # SPAN_KIND_SERVER


class Receiver(http.server.ThreadingHTTPServer):
    """A minimal OTLP/HTTP collector: keeps every span it is sent."""

    def __init__(self):
        self.spans, self.paths, self.documents, self.headers, self.lock = [], [], [], [], threading.Lock()
        super().__init__(("127.0.0.1", 0), ReceiverHandler)


class ReceiverHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with self.server.lock:
            self.server.headers.append(dict(self.headers))
        if self.headers.get("Content-Type") == "application/json":
            with self.server.lock:
                self.server.paths.append((self.path, "application/json"))
                self.server.documents.append(json.loads(body))
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")
            return
        export = trace_service_pb2.ExportTraceServiceRequest()
        export.ParseFromString(body)
        with self.server.lock:
            self.server.paths.append((self.path, self.headers.get("Content-Type")))
            for resource_spans in export.resource_spans:
                service = {a.key: a.value.string_value for a in resource_spans.resource.attributes}.get("service.name")
                for scope in resource_spans.scope_spans:
                    for span in scope.spans:
                        self.server.spans.append((service, span))
        reply = trace_service_pb2.ExportTraceServiceResponse().SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    server = Receiver()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()


def fresh_database(image):
    host, port = os.environ["MQ_TEST_DB_HOST"], os.environ["MQ_TEST_DB_PORT"]
    name = "mq_traces_" + uuid.uuid4().hex[:12]
    subprocess.run([os.environ["MQ_TEST_PGBIN"] + "/createdb", "-h", host, "-p", port, "-U", "postgres", name], check=True)
    environment = {"DB_HOST": host, "DB_PORT": port, "DB_NAME": name, "DB_SSLMODE": "disable"}
    subprocess.run([str(image / "mq-server"), "migrate"], env={"PATH": os.environ["PATH"], "SECRET_KEY": "k", **environment},
                   check=True, capture_output=True)
    subprocess.run([str(image / "mq-server"), "seed-locations"], env={"PATH": os.environ["PATH"], "SECRET_KEY": "k", **environment},
                   check=True, capture_output=True)
    return environment


def post(base, path, body, token=None):
    import urllib.request
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(base + path, data=json.dumps(body).encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_a_traced_request_reaches_the_collector_with_its_database_and_hashing_work_as_children(image, receiver):
    environment = fresh_database(image)
    process, port, _ = start(
        image, **environment,
        OTEL_EXPORTER_OTLP_ENDPOINT=f"http://127.0.0.1:{receiver.server_address[1]}",
        OTEL_EXPORTER_OTLP_PROTOCOL="http/protobuf", OTEL_SERVICE_NAME="mq-server-under-test",
        OTEL_BSP_SCHEDULE_DELAY="100",
        S3_BUCKET_NAME="traced-photos", AWS_REGION="ca-central-1", AWS_ACCESS_KEY_ID="AKIDEXAMPLE",
        AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        AWS_S3_ENDPOINT_URL=os.environ.get("MQ_TEST_S3_ENDPOINT", "http://127.0.0.1:9"))
    base = f"http://127.0.0.1:{port}"
    email, password = f"tracer-{uuid.uuid4().hex[:8]}@example.com", "maple-syrup-42"
    try:
        wait_until_healthy(base, within=30)
        status, registered = post(base, "/auth/register/", {"email": email, "password": password})
        assert status == 201, registered
        token = registered["tokens"]["access"]
        status, page = request(f"{base}/api/locations/")
        assert status == 200
        location = json.loads(page)["results"][0]["location_id"]
        status, visit = post(base, f"/api/locations/{location}/visit/", {}, token=token)
        assert status == 201, visit
        status, ticket = post(base, "/api/users/generate_upload_url/", {"filename": "summit.jpg"}, token=token)
        assert status == 200, ticket
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0

    spans = [span for service, span in receiver.spans if service == "mq-server-under-test"]
    assert all(path == "/v1/traces" and kind == "application/x-protobuf" for path, kind in receiver.paths)
    by_id = {span.span_id: span for span in spans}
    servers = {span.name: span for span in spans if span.kind == SERVER_KIND}
    for name in ("POST /auth/register/", "GET /api/locations/", "POST /api/locations/{id}/visit/", "POST /api/users/generate_upload_url/"):
        assert name in servers, sorted(servers)

    def children(parent):
        return [span for span in spans if span.parent_span_id == parent.span_id and span.trace_id == parent.trace_id]

    def descendants(parent):
        found = children(parent)
        for child in list(found):
            found += descendants(child)
        return found

    register = servers["POST /auth/register/"]
    assert any(span.name == "password hash" for span in descendants(register))
    hashing = next(span for span in descendants(register) if span.name == "password hash")
    assert "mq.password.queue_wait_ms" in {a.key for a in hashing.attributes}

    listing = servers["GET /api/locations/"]
    operations = [span for span in children(listing) if span.name.startswith("postgres")]
    assert operations, [span.name for span in descendants(listing)]
    statements = [span for operation in operations for span in children(operation)]
    assert statements and all({a.key: a.value.string_value for a in s.attributes}.get("db.system.name") == "postgresql"
                              for s in statements)

    upload = servers["POST /api/users/generate_upload_url/"]
    signing = [span.name for span in descendants(upload)]
    assert "s3 presign PUT" in signing and "aws credentials fetch" in signing, signing

    check_in = servers["POST /api/locations/{id}/visit/"]
    assert any(span.name.startswith("postgres") for span in descendants(check_in))
    for span in spans:
        assert span.parent_span_id == b"" or span.parent_span_id in by_id, f"{span.name}'s parent was exported too"

    exported = b"".join(span.SerializeToString() for span in spans)
    for secret in (email, password, "wJalrXUtnFEMI", token):
        assert secret.encode() not in exported, "no parameter values or credentials in spans"

    lines = [json.loads(line) for line in (image / f"server-{port}.log").read_text().splitlines() if line.startswith("{")]
    request_lines = [line for line in lines if line.get("message") == "request"]
    assert request_lines
    trace_ids = {span.trace_id.hex() for span in spans}
    for line in request_lines:
        assert isinstance(line["status"], int) and isinstance(line["duration_ms"], (int, float))
        assert "hb.request.id" not in line and "request_id" in line
        assert line["trace_id"] in trace_ids, "a log line leads to its trace"
        assert "span_id" in line


def test_http_json_sends_otlp_json_and_continues_the_callers_trace(image, receiver):
    process, port, _ = start(
        image, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=f"http://127.0.0.1:{receiver.server_address[1]}/custom/traces",
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL="http/json", OTEL_BSP_SCHEDULE_DELAY="100",
        OTEL_EXPORTER_OTLP_HEADERS="x-api-key=s%20cret")
    base = f"http://127.0.0.1:{port}"
    caller_trace, caller_span = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
    try:
        wait_until_healthy(base, within=30)
        import urllib.request
        req = urllib.request.Request(f"{base}/api/locations/", headers={"traceparent": f"00-{caller_trace}-{caller_span}-01"})
        with urllib.request.urlopen(req, timeout=30) as response:
            assert response.status == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    assert receiver.paths and all(path == "/custom/traces" and kind == "application/json" for path, kind in receiver.paths)
    assert all(headers.get("x-api-key") == "s cret" for headers in receiver.headers)
    spans = [span for document in receiver.documents for resource in document["resourceSpans"]
             for scope in resource["scopeSpans"] for span in scope["spans"]]
    (listing,) = [span for span in spans if span["name"] == "GET /api/locations/"]
    assert listing["traceId"] == caller_trace and listing["parentSpanId"] == caller_span
    assert listing["kind"] == 2 and int(listing["endTimeUnixNano"]) >= int(listing["startTimeUnixNano"]) > 0
    status = {a["key"]: a["value"] for a in listing["attributes"]}.get("http.response.status_code")
    assert status == {"intValue": "200"}, listing["attributes"]
    log = (image / f"server-{port}.log").read_text()
    assert "s cret" not in log and "s%20cret" not in log, "collector headers never reach a log line"


def test_tracing_is_off_unless_asked_for(image, receiver):
    process, port, _ = start(image)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, within=30)
        assert request(f"{base}/api/locations/")[0] == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    lines = [json.loads(line) for line in (image / f"server-{port}.log").read_text().splitlines() if line.startswith("{")]
    assert not any("trace_id" in line for line in lines)
    assert receiver.spans == []


@pytest.mark.parametrize("variable, value", [
    ("PORT", "abc"), ("DB_PORT", "abc"), ("DEBUG", "maybe"), ("LOG_LEVEL", "loud"), ("LOG_FORMAT", "xml"),
    ("DB_POOL_SIZE", "many"), ("SHUTDOWN_DRAIN_SECONDS", "soon"), ("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
    ("OTEL_TRACES_SAMPLER", "sometimes"), ("METRICS_ENABLED", "yes please"),
])
@pytest.mark.parametrize("command", [["serve"], ["migrate"], ["seed-locations"], ["create-admin", "a@example.com"], ["healthcheck"]])
def test_a_setting_that_does_not_parse_stops_every_command_naming_it(image, variable, value, command):
    env = {"PATH": os.environ["PATH"], "SECRET_KEY": "k", "PORT": str(free_port()), "DB_HOST": "127.0.0.1", variable: value}
    result = subprocess.run([str(image / "mq-server"), *command], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert variable in result.stderr, result.stderr
    assert value not in result.stderr.replace(variable, ""), "the value itself is never echoed"

