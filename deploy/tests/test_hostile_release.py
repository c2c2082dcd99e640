"""Hostile traffic against the release binary, as an attacker on the open internet would send it."""
import json
import socket
import subprocess
import urllib.request

import pytest

from test_image import request, start, wait_until_healthy

PAGED = ["/api/locations/", "/api/achievements/", "/api/visits/", "/api/images/", "/api/friend-requests/", "/api/users/",
         "/api/feed/", "/api/users/me/achievements/", "/api/locations/?near=45.4215,-75.6972"]
IMPOSSIBLE_PAGES = ["9223372036854775807", "-9223372036854775808", "99999999999999999999", "1e3", "0x10", "0", "-1"]


@pytest.fixture(scope="module")
def server(image):
    process, port, _ = start(image)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base)
        yield base, port
    finally:
        process.terminate()
        process.wait(timeout=30)
        assert process.returncode == 0, "the server survived everything below and stopped cleanly"


def call(base, method, path, body=None, token=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(base + path, data=data, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read() or b"{}")


@pytest.fixture(scope="module")
def player(server):
    base, _ = server
    status, _, body = call(base, "POST", "/auth/register/", {"email": "ann@example.com", "password": "maple-syrup-42"})
    assert status == 201, body
    return body["user"]["user_id"], body["tokens"]["access"]


def test_no_page_number_takes_the_server_down(server, player):
    base, _ = server
    _, token = player
    for path in PAGED:
        for page in IMPOSSIBLE_PAGES:
            status, headers, body = call(base, "GET", f"{path}{'&' if '?' in path else '?'}page={page}", token=token)
            assert (status, body) == (404, {"detail": "Invalid page."}), (path, page)
    assert request(f"{base}/health/live/")[0] == 200


def test_an_oversized_body_is_answered_and_the_connection_ends(server):
    _, port = server
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(b"POST /auth/login/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                           b"Content-Length: 5000000\r\n\r\n")
        try:
            connection.sendall(b" " * 1_500_000)
        except OSError:
            pass
        received = b""
        while True:
            try:
                chunk = connection.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            received += chunk
    assert received.startswith(b"HTTP/1.1 413"), received[:200]
    assert b"Request body is too large" in received


def test_text_the_database_cannot_store_is_a_field_error(server):
    base, _ = server
    status, _, body = call(base, "POST", "/auth/register/", raw=b'{"email": "nul@example.com", "password": "maple-syrup-42", "first_name": "a\\u0000b"}')
    assert status == 400 and body["first_name"] == ["Null characters are not allowed."]
    status, _, body = call(base, "POST", "/auth/register/", raw=b'{"email": "lone@example.com", "password": "maple-syrup-42", "last_name": "\\ud800"}')
    assert status == 400 and "last_name" in body


def test_a_check_in_with_too_many_photos_changes_nothing(server, player):
    base, _ = server
    user_id, token = player
    _, _, locations = call(base, "GET", "/api/locations/")
    tower = locations["results"][0]["location_id"]
    photos = [{"image_url": f"http://localhost:8000/media/images/{user_id}/{n}.jpg"} for n in range(11)]
    status, _, body = call(base, "POST", f"/api/locations/{tower}/visit/", {"images": photos}, token=token)
    assert status == 400 and body["images"] == ["Ensure this field has no more than 10 elements."]
    assert call(base, "GET", "/api/visits/", token=token)[2]["count"] == 0


def test_logins_from_one_address_are_throttled(image):
    process, port, _ = start(image, RATE_LIMIT_PER_ADDRESS="5")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base)
        statuses = [call(base, "POST", "/auth/login/", {"email": "who@example.com", "password": "guess-number-1"})[:2] for _ in range(6)]
        assert [s for s, _ in statuses[:5]] == [401] * 5
        status, headers = statuses[5]
        assert status == 429 and int(headers["Retry-After"]) >= 1
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_container_health_check_asks_liveness(image, server):
    _, port = server
    result = subprocess.run([str(image / "mq-server"), "healthcheck"], env={"PORT": str(port)}, capture_output=True, timeout=30)
    assert result.returncode == 0
