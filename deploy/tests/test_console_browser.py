"""The staff console at /admin/, driven in a real browser (headless Chromium through Selenium) against the
release binary on the embedded store, as staff and as a player would use it — and as a forger would try it.

Screenshots go to the test's temporary directory; with MQ_UPDATE_SCREENSHOTS=1 they also replace the ones
docs/operations.md shows."""
import json
import os
import struct
import zlib
import pathlib
import shutil
import urllib.error
import urllib.request
import uuid

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import ROOT
from test_image import request, start, wait_until_healthy
from test_observability import post

STAFF_EMAIL, STAFF_PASSWORD = "staff@maplequest.example", "console-staff-2026"
DOCS_SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture(scope="module")
def console(image, tmp_path_factory):
    """A server with the console on, a staff account, and a player who checked in with a photo."""
    media = tmp_path_factory.mktemp("media")
    process, port, _ = start(image, ADMIN_ENABLED="true", ADMIN_EMAIL=STAFF_EMAIL, ADMIN_PASSWORD=STAFF_PASSWORD,
                             MEDIA_ROOT=str(media))
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, within=30)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=60)


def landscape_png(width=96, height=64):
    """A small real image (a maple-red to gold gradient), so thumbnails render in the screenshots."""
    rows = b"".join(b"\x00" + bytes(c for x in range(width) for c in (200, 16 + x, 46 + y)) for y in range(height))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def new_player(base, name):
    email = f"{name}-{uuid.uuid4().hex[:6]}@example.com"
    status, body = post(base, "/auth/register/", {"email": email, "password": "maple-syrup-42", "first_name": name.title()})
    assert status == 201, body
    return email, body["user"]["user_id"], body["tokens"]["access"]


def photo_of(base, token, location_index=0):
    """A photo uploaded through the local store and attached to a check-in; returns (location id, image id)."""
    status, page = request(f"{base}/api/locations/")
    location = json.loads(page)["results"][location_index]["location_id"]
    status, ticket = post(base, "/api/users/generate_upload_url/", {"filename": "summit.png"}, token=token)
    assert status == 200, ticket
    upload = urllib.request.Request(ticket["upload_url"], data=landscape_png(), headers={"Content-Type": "image/png"}, method="PUT")
    with urllib.request.urlopen(upload, timeout=30) as response:
        assert response.status in (200, 201)
    public_url = ticket["public_url"]
    status, visit = post(base, f"/api/locations/{location}/visit/",
                         {"images": [{"image_url": ticket["public_url"], "description": "Sunset from the top"}]}, token=token)
    assert status in (200, 201), visit
    images = visit.get("images") or visit.get("images_added")
    return location, images[0]["id"], public_url


@pytest.fixture
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(60)
    driver.screenshots = tmp_path
    yield driver
    driver.quit()


def screenshot(driver, name):
    path = pathlib.Path(driver.screenshots) / f"console-{name}.png"
    driver.save_screenshot(str(path))
    if os.environ.get("MQ_UPDATE_SCREENSHOTS") == "1":
        DOCS_SCREENSHOTS.mkdir(exist_ok=True)
        shutil.copy(path, DOCS_SCREENSHOTS / path.name)


def press(driver, button):
    """Clicks a form's button and waits for the page it leads to (a sign-in hashes a password: it takes a moment)."""
    page = driver.find_element(By.TAG_NAME, "html")
    button.click()

    def left(_):
        # Chromium may answer "node does not belong to the document" rather than "stale" while the old page
        # is being torn down: either way the old page is gone.
        try:
            page.is_enabled()
            return False
        except WebDriverException:
            return True

    WebDriverWait(driver, 300).until(left)
    WebDriverWait(driver, 300).until(lambda d: d.execute_script("return document.readyState") == "complete")


def sign_in(driver, base, email, password):
    driver.get(f"{base}/admin/login/")
    driver.find_element(By.NAME, "email").send_keys(email)
    driver.find_element(By.NAME, "password").send_keys(password)
    press(driver, driver.find_element(By.CSS_SELECTOR, "form button[type=submit]"))


def session_cookie(driver):
    return next((c for c in driver.get_cookies() if c["name"] == "mq_console"), None)


def test_staff_sign_in_to_a_dashboard_behind_a_safe_cookie(console, browser):
    sign_in(browser, console, STAFF_EMAIL, STAFF_PASSWORD)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Dashboard"
    assert browser.find_element(By.CSS_SELECTOR, "svg.chart"), "the activity chart is drawn on the server"
    cookie = session_cookie(browser)
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict" and cookie["path"] == "/admin/"
    screenshot(browser, "dashboard")


def test_a_player_is_refused_even_with_the_right_password(console, browser):
    email, _, _ = new_player(console, "paula")
    sign_in(browser, console, email, "maple-syrup-42")
    assert "Staff only" in browser.find_element(By.TAG_NAME, "h1").text
    assert session_cookie(browser) is None or not session_cookie(browser)["value"]
    browser.get(f"{console}/admin/users/")
    assert browser.current_url.endswith("/admin/login/"), "no session was granted"


def test_a_wrong_password_is_refused_with_the_form_again(console, browser):
    sign_in(browser, console, STAFF_EMAIL, "not-the-password")
    assert "Wrong email or password" in browser.page_source
    assert browser.find_element(By.NAME, "email")


def test_staff_search_a_player_and_open_their_page(console, browser):
    email, user_id, token = new_player(console, "quentin")
    photo_of(console, token)
    sign_in(browser, console, STAFF_EMAIL, STAFF_PASSWORD)
    browser.get(f"{console}/admin/users/")
    search = browser.find_element(By.NAME, "q")
    search.send_keys("QUENTIN")
    press(driver=browser, button=browser.find_element(By.CSS_SELECTOR, "form.search button"))
    rows = browser.find_elements(By.CSS_SELECTOR, "table tr td a")
    assert [row.text for row in rows] == [email]
    press(browser, rows[0])
    assert browser.find_element(By.TAG_NAME, "h1").text == email
    assert user_id in browser.page_source and "Visits (1)" in browser.page_source
    screenshot(browser, "user")


def test_deleting_a_photo_removes_it_from_the_public_api_and_the_audit_log_says_who(console, browser):
    _, _, token = new_player(console, "rhea")
    location, image_id, public_url = photo_of(console, token, location_index=1)
    status, listing = request(f"{console}/api/locations/{location}/images/")
    assert image_id in [i["id"] for i in json.loads(listing)["images"]]

    sign_in(browser, console, STAFF_EMAIL, STAFF_PASSWORD)
    browser.get(f"{console}/admin/images/")
    figure = browser.find_element(By.ID, f"photo-{image_id}")
    assert "Sunset from the top" in figure.text
    screenshot(browser, "photos")
    press(browser, figure.find_element(By.CSS_SELECTOR, "form button"))
    assert not browser.find_elements(By.ID, f"photo-{image_id}")

    status, listing = request(f"{console}/api/locations/{location}/images/")
    assert image_id not in [i["id"] for i in json.loads(listing)["images"]]
    browser.get(f"{console}/admin/audit/")
    assert f"photo {image_id}" in browser.page_source and STAFF_EMAIL in browser.page_source and "photo.delete" in browser.page_source
    screenshot(browser, "audit")


def test_a_form_posted_without_its_csrf_token_is_refused_and_changes_nothing(console, browser):
    email, user_id, _ = new_player(console, "simon")
    sign_in(browser, console, STAFF_EMAIL, STAFF_PASSWORD)
    cookie = session_cookie(browser)
    for body in (b"", b"csrf_token=forged"):
        forged = urllib.request.Request(f"{console}/admin/users/{user_id}/delete/", data=body, method="POST",
                                        headers={"Cookie": f"mq_console={cookie['value']}", "Content-Type": "application/x-www-form-urlencoded"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(forged, timeout=30)
        assert refused.value.code == 403
    status, _ = post(console, "/auth/login/", {"email": email, "password": "maple-syrup-42"})
    assert status == 200, "the account is still there"


def test_landmarks_are_validated_as_the_api_validates_them(console, browser):
    sign_in(browser, console, STAFF_EMAIL, STAFF_PASSWORD)
    browser.get(f"{console}/admin/landmarks/new/")
    for name, value in (("name", "Fundy Tidal Bore"), ("province", "New Brunswick"), ("latitude", "45.3"), ("longitude", "-64.9"), ("points", "lots")):
        browser.find_element(By.NAME, name).send_keys(value)
    press(browser, browser.find_element(By.CSS_SELECTOR, "form.card button"))
    assert "A valid integer is required." in browser.page_source
    points = browser.find_element(By.NAME, "points")
    points.clear()
    points.send_keys("120")
    press(browser, browser.find_element(By.CSS_SELECTOR, "form.card button"))
    assert "Fundy Tidal Bore" in browser.page_source
    status, page = request(f"{console}/api/locations/?page=2")
    everything = json.loads(request(f"{console}/api/locations/")[1])["results"] + (json.loads(page)["results"] if status == 200 else [])
    assert "Fundy Tidal Bore" in [location["name"] for location in everything]


def test_every_console_page_forbids_framing_caching_and_scripts(console, browser):
    for path in ("/admin/login/", "/admin/"):
        with urllib.request.urlopen(f"{console}{path}", timeout=30) as response:
            headers = response.headers
            assert headers["X-Frame-Options"] == "DENY"
            assert headers["Cache-Control"] == "no-store"
            assert "script-src" not in headers["Content-Security-Policy"] and "default-src 'none'" in headers["Content-Security-Policy"]


def test_signing_out_ends_the_session(console, browser):
    sign_in(browser, console, STAFF_EMAIL, STAFF_PASSWORD)
    stolen = session_cookie(browser)["value"]
    press(browser, browser.find_element(By.XPATH, "//button[text()='Sign out']"))
    assert browser.current_url.endswith("/admin/login/")
    replay = urllib.request.Request(f"{console}/admin/users/", headers={"Cookie": f"mq_console={stolen}"})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.build_opener(NoRedirect).open(replay, timeout=30)
    assert answer.value.code == 303, "a copied cookie is worthless after sign-out: the session is revoked on the server"


def test_the_console_is_off_unless_enabled(image):
    process, port, _ = start(image)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(base, within=30)
        assert request(f"{base}/admin/")[0] == 404
        assert request(f"{base}/admin/login/")[0] == 404
    finally:
        process.terminate()
        process.wait(timeout=60)
