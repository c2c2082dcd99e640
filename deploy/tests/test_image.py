"""The container image's build steps, run on this machine (no Docker engine here): the Dockerfile's
build stage runs scripts/build-release.sh, so this test runs the same script and then checks what the
runtime stage relies on — the binary's shared libraries, its start-up, health check and shutdown."""
import concurrent.futures
import json
import os
import pathlib
import re
import signal
import socket
import subprocess
import time
import urllib.request

import pytest

from conftest import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text()
# What debian:bookworm-slim already has, plus what the runtime stage installs (libpq5 and its own deps).
RUNTIME_PACKAGES = {"libc6", "libgcc-s1", "libstdc++6", "zlib1g", "libpq5", "libssl3", "libgssapi-krb5-2",
                    "libkrb5-3", "libk5crypto3", "libcom-err2", "libkrb5support0", "libkeyutils1", "libldap-2.5-0",
                    "libsasl2-2", "libgnutls30", "libp11-kit0", "libidn2-0", "libunistring2", "libtasn1-6",
                    "libnettle8", "libhogweed6", "libgmp10", "libffi8"}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(url, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def wait_until_healthy(base, within=5.0):
    """Polls /health/ until it answers 200; fails the test if that takes longer than `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        try:
            if request(f"{base}/health/", timeout=1)[0] == 200:
                return
        except OSError:
            pass
        assert time.monotonic() < deadline, "never became healthy"
        time.sleep(0.01)


def start(image, **environment):
    port = free_port()
    env = {"PATH": os.environ["PATH"], "SECRET_KEY": "image-test", "HOST": "127.0.0.1", "PORT": str(port),
           "LOG_FORMAT": "json", "MEDIA_ROOT": str(image / "media"), **environment}
    # The log goes to a file: a pipe nobody reads would fill up and block the server's logging.
    log = open(image / f"server-{port}.log", "wb")
    process = subprocess.Popen([str(image / "mq-server"), "serve"], env=env, cwd="/", stdout=log, stderr=subprocess.STDOUT)
    log.close()
    return process, port, env


def test_the_dockerfile_builds_with_this_script_and_runs_unprivileged():
    assert "RUN scripts/build-release.sh /out" in DOCKERFILE
    runtime = DOCKERFILE.split("FROM ${RUNTIME_IMAGE}")[1]
    assert re.search(r"apt-get install -y --no-install-recommends libpq5 ca-certificates\s", runtime)
    assert "USER 10001:10001" in runtime
    assert "EXPOSE 8000" in runtime
    assert 'HEALTHCHECK' in runtime and '"/app/mq-server", "healthcheck"' in runtime
    assert 'ENTRYPOINT ["/app/mq-server"]' in runtime and 'CMD ["serve"]' in runtime
    (bundle,) = [line for line in runtime.splitlines() if "global-bundle.pem" in line and line.startswith("ADD")]
    assert "--checksum=sha256:${RDS_CA_BUNDLE_SHA256}" in bundle, "the CA bundle is verified by checksum"
    assert "rds-global-bundle.pem" in runtime
    build = DOCKERFILE.split("FROM ${RUNTIME_IMAGE}")[0]
    for folder in ("Sources", "Plugins", "Tools", "Examples", "Tests"):
        assert f"COPY {folder} ./{folder}" in build, f"the manifest names targets in {folder}/, so the build stage needs it"
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".build" in ignored and ".git" in ignored


def test_the_binary_needs_only_what_the_runtime_image_has(image):
    binary = image / "mq-server"
    size = binary.stat().st_size
    print(f"mq-server is {size / 1048576:.1f} MiB")
    assert size <= 45 * 1048576, "the image binary grew past its 45 MiB bound"
    libraries = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
    assert "libswift" not in libraries and "libFoundation" not in libraries, libraries
    packages = set()
    for path in re.findall(r"=> (\S+)", libraries):
        real = os.path.realpath(path)
        candidates = [path, real, real.replace("/usr/lib/", "/lib/", 1)]
        owners = [subprocess.run(["dpkg", "-S", c], capture_output=True, text=True).stdout for c in candidates]
        owner = next((o for o in owners if o), "")
        assert owner, f"no package owns {path}"
        packages.add(owner.split(":")[0])
    assert packages <= RUNTIME_PACKAGES, packages - RUNTIME_PACKAGES
    assert not list(image.glob("*.resources")), "resources are compiled into the binary"


def test_it_is_healthy_well_under_a_second_after_start(image):
    started = time.monotonic()
    process, port, env = start(image)
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}")
        elapsed = time.monotonic() - started
        print(f"start-up to healthy: {elapsed * 1000:.0f} ms")
        assert elapsed < 1.0
        check = subprocess.run([str(image / "mq-server"), "healthcheck"], env=env, capture_output=True)
        assert check.returncode == 0
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_containers_health_check_passes_with_the_deployments_allowed_hosts(image):
    # The task definition passes ALLOWED_HOSTS=ApiHostName; the HEALTHCHECK asks 127.0.0.1 all the same.
    process, port, env = start(image, ALLOWED_HOSTS="api.maplequest.ca")
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}")
        check = subprocess.run([str(image / "mq-server"), "healthcheck"], env=env, capture_output=True)
        assert check.returncode == 0
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_sigterm_loses_no_request(image):
    process, port, _ = start(image, SHUTDOWN_DRAIN_SECONDS="1", PASSWORD_HASH_CONCURRENCY="1")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base)
        credentials = {"email": "ann@example.com", "password": "maple-syrup-42"}
        assert request(f"{base}/auth/register/", credentials)[0] == 201
        with concurrent.futures.ThreadPoolExecutor(max_workers=6) as pool:
            logins = [pool.submit(request, f"{base}/auth/login/", credentials) for _ in range(6)]
            time.sleep(0.2)
            process.send_signal(signal.SIGTERM)
            time.sleep(0.3)
            assert request(f"{base}/health/")[0] == 503
            statuses = [future.result()[0] for future in logins]
        assert statuses == [200] * 6
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()


def test_a_database_restart_gives_503s_then_recovers_without_restarting_the_server(image):
    """While PostgreSQL is down, what needs it answers 503 and /health/ says so; the map keeps answering from
    the landmark catalog (its lifetime is set long here, so the test does not depend on timing). After the
    restart everything answers again, from the same process."""
    pgdata, pgbin = os.environ.get("MQ_TEST_PGDATA"), os.environ.get("MQ_TEST_PGBIN")
    assert pgdata and pgbin, "run through `make test`, which starts PostgreSQL"
    host, port = os.environ["MQ_TEST_DB_HOST"], os.environ["MQ_TEST_DB_PORT"]
    as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    database = "mq_restart_" + str(os.getpid())
    subprocess.run(["psql", "-h", host, "-p", port, "-U", "postgres", "-qc", f"CREATE DATABASE {database}"], check=True)
    environment = {"DB_HOST": host, "DB_PORT": port, "DB_NAME": database, "DB_SSLMODE": "disable", "DB_CONNECT_TIMEOUT": "1",
                   "LANDMARK_CACHE_SECONDS": "3600"}
    for command in ["migrate", "seed-locations"]:
        subprocess.run([str(image / "mq-server"), command], env={**os.environ, "SECRET_KEY": "k", **environment}, check=True,
                       capture_output=True)
    process, server_port, _ = start(image, **environment)
    base = f"http://127.0.0.1:{server_port}"
    socket_dir = os.path.dirname(pgdata)
    start_database = as_owner + [f"{pgbin}/pg_ctl", "-D", pgdata, "-l", f"{socket_dir}/restart.log", "-w", "start", "-o",
                                 f"-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"]
    try:
        wait_until_healthy(base)
        status, body = request(f"{base}/api/locations/")
        assert status == 200
        landmark = json.loads(body)["results"][0]["location_id"]
        subprocess.run(as_owner + [f"{pgbin}/pg_ctl", "-D", pgdata, "-m", "fast", "stop"], check=True, capture_output=True)
        try:
            assert request(f"{base}/health/")[0] == 503
            assert request(f"{base}/api/locations/{landmark}/images/")[0] == 503
            assert request(f"{base}/api/locations/")[0] == 200, "the map is answered from memory while the database is down"
        finally:
            subprocess.run(start_database, check=True, capture_output=True)
        assert request(f"{base}/health/")[0] == 200
        assert request(f"{base}/api/locations/{landmark}/images/")[0] == 200
        assert request(f"{base}/api/locations/")[0] == 200
        assert process.poll() is None, "the server kept running throughout"
    finally:
        process.terminate()
        process.wait(timeout=30)
