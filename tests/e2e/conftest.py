"""Real-browser journeys: Playwright driving Debian's Chromium.

Skipped, with a clear reason, where no Chromium is installed.
"""

import os
import re
import shutil
import threading
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in this thread; Django's ORM is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Screenshots of failed journeys (gitignored).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


class RequestGate:
    """Lets the live server handle requests only while a test runs.

    A page can still send requests as its browser context closes (the lesson player
    reports progress with a keep-alive fetch when the page is hidden). Between tests
    the gate answers 503 without touching the database, and closing it waits until
    every request already inside has sent its response, so none runs while the
    database is flushed and the migrated rows are put back.
    """

    def __init__(self):
        self._condition = threading.Condition()
        self._open = False
        self._active = 0

    def wrap(self, handler_class):
        gate = self

        def make_handler(application):
            return gate.application(handler_class(application))

        return make_handler

    def application(self, inner):
        def gated(environ, start_response):
            with self._condition:
                if not self._open:
                    start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                    return [b"The test server is between tests."]
                self._active += 1
            try:
                return _Finishing(inner(environ, start_response), self._finished)
            except BaseException:
                self._finished()
                raise

        return gated

    def _finished(self):
        with self._condition:
            self._active -= 1
            self._condition.notify_all()

    def open(self):
        with self._condition:
            self._open = True

    def close(self, timeout=30):
        with self._condition:
            self._open = False
            if not self._condition.wait_for(lambda: self._active == 0, timeout=timeout):
                raise RuntimeError(f"{self._active} live-server request(s) still running after {timeout}s")


class _Finishing:
    """A WSGI response that tells the gate when the server has closed it."""

    def __init__(self, response, on_close):
        self._response = response
        self._on_close = on_close

    def __iter__(self):
        return iter(self._response)

    def close(self):
        try:
            if hasattr(self._response, "close"):
                self._response.close()
        finally:
            self._on_close()


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, behind a ``RequestGate`` (``live_server.gate``)."""
    from pytest_django.live_server_helper import LiveServer

    address = (
        request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    )
    server = LiveServer(address, start=False)
    server.gate = RequestGate()
    server.thread.static_handler = server.gate.wrap(server.thread.static_handler)
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _live_server_gate(request):
    """Open the gate for a test that uses the live server; close it (idle) before the flush."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("_migrated_rows")
    server = request.getfixturevalue("live_server")
    server.gate.open()
    yield
    server.gate.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.journey_failed = report.failed
    return report


def pytest_collection_modifyitems(config, items):
    if os.path.exists(CHROMIUM):
        return
    skip = pytest.mark.skip(
        reason=f"no Chromium at {CHROMIUM}: browser journeys skipped (apt-get install chromium)"
    )
    for item in items:
        if "e2e" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(request, browser, live_server, _live_server_gate):
    # Closed before the gate and the database flush (it depends on them).
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # Generous: the suite often shares a loaded machine (a PDF render took over 15 s there).
    page.set_default_timeout(30000)
    violations = []
    # Chromium reports what the Content-Security-Policy blocked as console errors.
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "Content Security Policy" in message.text
            and violations.append(f"{page.url}: {message.text}")
        ),
    )
    yield page
    if getattr(request.node, "journey_failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
    context.close()
    assert violations == [], "blocked by the Content-Security-Policy:\n" + "\n".join(violations)


@pytest.fixture
def login(page, live_server):
    """Sign a user in through the real sign-in form."""

    def _login(email, password="pass-1234-word"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        page.click("form button[type=submit]")
        page.wait_for_load_state("networkidle")

    return _login


@pytest.fixture
def admin_login(page, live_server):
    """Sign someone in to the Wagtail admin through its sign-in form, signing out whoever was in."""

    def _admin_login(username, password="pass-1234-word"):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")

    return _admin_login
