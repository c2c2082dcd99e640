"""The operator commands, run as an operator runs them: the release binary against a real database, with
the server serving the same database, and the effect checked through the public API."""
import json
import os
import subprocess
import uuid

import pytest

from test_image import request, start, wait_until_healthy
from test_observability import fresh_database, post


@pytest.fixture
def deployment(image):
    """A migrated, seeded database and a server on it; yields (environment, base URL)."""
    environment = fresh_database(image)
    process, port, _ = start(image, **environment)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, within=30)
        yield environment, base
    finally:
        process.terminate()
        process.wait(timeout=60)


def command(image, environment, *arguments, stdin=None):
    env = {"PATH": os.environ["PATH"], "SECRET_KEY": "image-test", **environment}
    return subprocess.run([str(image / "mq-server"), *arguments], env=env, input=stdin, capture_output=True, text=True, timeout=120)


def register(base, name):
    email = f"{name}-{uuid.uuid4().hex[:6]}@example.com"
    status, body = post(base, "/auth/register/", {"email": email, "password": "maple-syrup-42", "first_name": name.title()})
    assert status == 201, body
    return email, body["user"]["user_id"], body["tokens"]["access"]


def authorized(base, path, token):
    import urllib.request
    req = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_every_command_explains_itself(image):
    for arguments in (["user", "--help"], ["user", "list", "--help"], ["user", "set-password", "--help"], ["image", "delete", "--help"],
                      ["migrate", "--help"], ["rewrite-photo-urls", "--help"]):
        result = subprocess.run([str(image / "mq-server"), *arguments], capture_output=True, text=True)
        assert result.returncode == 0 and "USAGE" in result.stdout.upper(), arguments
    assert "--status" in subprocess.run([str(image / "mq-server"), "migrate", "--help"], capture_output=True, text=True).stdout


def test_version_is_printed_logged_at_start_and_reported_by_health(image, deployment):
    version = subprocess.run([str(image / "mq-server"), "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.strip()
    _, base = deployment
    status, body = request(f"{base}/health/")
    assert status == 200 and json.loads(body)["version"] == version.stdout.strip()


def test_users_are_listed_searched_shown_and_their_staff_rights_changed(image, deployment):
    environment, base = deployment
    email, user_id, _ = register(base, "wanda")
    register(base, "oscar")
    listed = command(image, environment, "user", "list")
    assert listed.returncode == 0 and email in listed.stdout and "of 2" in listed.stdout
    searched = command(image, environment, "user", "list", "--search", "WANDA")
    assert email in searched.stdout and "oscar" not in searched.stdout
    shown = command(image, environment, "user", "show", email)
    assert shown.returncode == 0 and user_id in shown.stdout and "points:     0" in shown.stdout and "staff:      no" in shown.stdout
    assert command(image, environment, "user", "grant-staff", user_id).returncode == 0
    assert "staff:      yes" in command(image, environment, "user", "show", user_id).stdout
    assert command(image, environment, "user", "revoke-staff", email).returncode == 0
    assert "staff:      no" in command(image, environment, "user", "show", user_id).stdout


def test_a_new_password_comes_from_standard_input_passes_the_policy_and_ends_every_session(image, deployment):
    environment, base = deployment
    email, _, token = register(base, "petra")
    weak = command(image, environment, "user", "set-password", email, stdin="password\n")
    assert weak.returncode != 0 and "too common" in weak.stderr
    assert authorized(base, "/api/users/me/", token)[0] == 200, "a refused change changes nothing"
    missing = command(image, environment, "user", "set-password", email, stdin="")
    assert missing.returncode != 0 and "standard input" in missing.stderr
    changed = command(image, environment, "user", "set-password", email, stdin="a-fresh-maple-leaf-77\n")
    assert changed.returncode == 0, changed.stderr
    assert authorized(base, "/api/users/me/", token)[0] == 401, "the old session ended"
    status, _ = post(base, "/auth/login/", {"email": email, "password": "a-fresh-maple-leaf-77"})
    assert status == 200


def test_deleting_a_player_or_a_photo_applies_the_games_cascades(image, deployment):
    environment, base = deployment
    email, user_id, token = register(base, "carl")
    status, page = request(f"{base}/api/locations/")
    location = json.loads(page)["results"][0]["location_id"]
    status, ticket = post(base, "/api/users/generate_upload_url/", {"filename": "view.jpg"}, token=token)
    assert status == 200, ticket
    status, visit = post(base, f"/api/locations/{location}/visit/", {"images": [{"image_url": ticket["public_url"]}]}, token=token)
    assert status == 201, visit
    image_id = visit["visit"]["images"][0]["id"] if "visit" in visit else visit["images"][0]["id"]
    points = authorized(base, "/api/users/me/", token)[1]["points"]
    assert points > 0

    deleted = command(image, environment, "image", "delete", str(image_id))
    assert deleted.returncode == 0, deleted.stderr
    _, images = authorized(base, f"/api/locations/{location}/images/", token)
    assert image_id not in [i["id"] for i in images.get("images", images.get("results", []))]
    assert authorized(base, "/api/users/me/", token)[1]["points"] == points, "the visit and its points stay"
    again = command(image, environment, "image", "delete", str(image_id))
    assert again.returncode != 0 and "No image" in again.stderr

    gone = command(image, environment, "user", "delete", email)
    assert gone.returncode == 0, gone.stderr
    assert authorized(base, "/api/users/me/", token)[0] == 401
    missing = command(image, environment, "user", "show", user_id)
    assert missing.returncode != 0 and "No user" in missing.stderr


def test_migrate_status_changes_nothing_and_tells_what_is_pending(image):
    host, port = os.environ["MQ_TEST_DB_HOST"], os.environ["MQ_TEST_DB_PORT"]
    name = "mq_status_" + uuid.uuid4().hex[:10]
    subprocess.run([os.environ["MQ_TEST_PGBIN"] + "/createdb", "-h", host, "-p", port, "-U", "postgres", name], check=True)
    environment = {"DB_HOST": host, "DB_PORT": port, "DB_NAME": name, "DB_SSLMODE": "disable"}
    before = command(image, environment, "migrate", "--status")
    assert before.returncode == 0, before.stderr
    assert "pending" in before.stdout and "do not exist yet" in before.stdout
    assert "do not exist yet" in command(image, environment, "migrate", "--status").stdout, "the status changed nothing"
    assert command(image, environment, "migrate").returncode == 0
    after = command(image, environment, "migrate", "--status")
    assert "schema current" in after.stdout and "applied" in after.stdout and "pending  " not in after.stdout


def test_photo_urls_are_rewritten_in_batches_idempotently_with_a_dry_run_first(image, deployment):
    environment, base = deployment
    _, _, token = register(base, "rita")
    status, page = request(f"{base}/api/locations/")
    location = json.loads(page)["results"][1]["location_id"]
    urls = []
    for name in ("a.jpg", "b.jpg", "c.jpg"):
        status, ticket = post(base, "/api/users/generate_upload_url/", {"filename": name}, token=token)
        urls.append(ticket["public_url"])
    status, visit = post(base, f"/api/locations/{location}/visit/", {"images": [{"image_url": u} for u in urls]}, token=token)
    assert status == 201, visit
    old = urls[0].split("images/")[0]
    new = "https://photos.maplequest.example/"

    dry = command(image, environment, "rewrite-photo-urls", "--from", old, "--to", new, "--dry-run")
    assert dry.returncode == 0 and "would rewrite 3" in dry.stdout
    real = command(image, environment, "rewrite-photo-urls", "--from", old, "--to", new, "--batch-size", "2")
    assert real.returncode == 0 and "rewrote 3" in real.stdout, real.stdout + real.stderr
    assert "3/3" in real.stderr, "progress as plain lines when not on a terminal"
    again = command(image, environment, "rewrite-photo-urls", "--from", old, "--to", new)
    assert again.returncode == 0 and "rewrote 0" in again.stdout
    _, images = authorized(base, f"/api/locations/{location}/images/", token)
    stored = [i["image_url"] for i in images.get("images", images.get("results", []))]
    assert stored and all(u.startswith(new) for u in stored)


def test_commands_refuse_the_in_memory_store_and_unknown_players_with_a_clear_error(image, deployment):
    environment, _ = deployment
    in_memory = command(image, {}, "user", "list")
    assert in_memory.returncode != 0 and "DB_HOST" in in_memory.stderr
    unknown = command(image, environment, "user", "delete", "nobody@example.com")
    assert unknown.returncode != 0 and "No user" in unknown.stderr
    bad = command(image, environment, "image", "delete", "not-a-number")
    assert bad.returncode != 0
