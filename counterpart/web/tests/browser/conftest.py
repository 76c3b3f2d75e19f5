"""Browser tests: Playwright drives Debian's Chromium against a real ``counterpart runserver``.

The package prepares its own throwaway SQLite database (migrate, reference and sample data, as
``make run`` does), serves it with ``runserver`` on a free port of 127.0.0.1, and drives
/usr/bin/chromium: the pages are exactly what ``make run`` serves, and the tests stay out of
pytest-django's transactions. Every test here is marked ``browser`` (``-m "not browser"``
leaves them out). They are skipped, never failed, when /usr/bin/chromium is absent or cannot be
started, and in the PostgreSQL pass of ``make test`` (the server here always runs on SQLite).

Fixtures for new tests: ``live_url``; ``page`` (a fresh context signed in as the sample admin,
1280×800, Chinese); ``page_without_js`` (the same with JavaScript off); ``anonymous_page``
(signed out); ``screenshot(page, name)`` (a full-page PNG in var/screenshots/, or
$SCREENSHOT_DIR). Helpers and constants are in ``support.py``; ``choose()`` picks an option of a
searchable select (web/app.js) as a user does. A test that changes the admin's language (saved
on the user) switches it back before it ends.

The server and the browser are package-scoped, not session-scoped: while Playwright's sync API
is started it keeps an asyncio loop running in the main thread, and Django would then refuse
database access ("async context") to every test collected after this package.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from .support import BROWSER_ARGS, CHROMIUM, DEFAULT_TIMEOUT_MS, DESKTOP, HOST, log_in

HERE = Path(__file__).resolve().parent
SERVER_START_TIMEOUT = 60  # seconds


def _skip_reason() -> str | None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        return "browser tests run in the SQLite pass"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is absent (CI installs Debian's chromium package)"
    return None


def pytest_collection_modifyitems(config, items):
    """Mark this package's tests ``browser``; skip them where they cannot run."""
    reason = _skip_reason()
    for item in items:
        if HERE not in Path(item.path).parents:
            continue
        item.add_marker(pytest.mark.browser)
        if reason:
            item.add_marker(pytest.mark.skip(reason=reason))


# ---------------------------------------------------------------------------- the server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "counterpart.cli", *args]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:  # URLError, refused, reset
        return False


@pytest.fixture(scope="package")
def live_env(tmp_path_factory) -> dict[str, str]:
    """The environment of the server's commands: a fresh SQLite database with the sample data
    (``counterpart worker`` run with it works on the server's database)."""
    work = tmp_path_factory.mktemp("browser")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{work / 'browser.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "counterpart.settings.development",  # what `make run` uses
        "PYTHONUNBUFFERED": "1",
    }
    for command in (("migrate", "--no-input"), ("load-refdata",), ("load-sample",)):
        done = subprocess.run(
            _cli(*command), env=env, cwd=settings.PROJECT_DIR, capture_output=True, text=True
        )
        if done.returncode:
            pytest.fail(f"counterpart {' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return env


@pytest.fixture(scope="package")
def live_url(live_env, tmp_path_factory) -> Iterator[str]:
    """``http://127.0.0.1:<port>``: runserver on a fresh SQLite database with the sample data."""
    env = live_env
    work = tmp_path_factory.mktemp("server")
    port = _free_port()
    url = f"http://{HOST}:{port}"
    log_path = work / "runserver.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            _cli("runserver", f"{HOST}:{port}", "--noreload"),
            env=env,
            cwd=settings.PROJECT_DIR,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while not _answers(f"{url}/login/"):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"runserver did not answer at {url}:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield url
    finally:
        server.terminate()  # the server's own PID, nothing else
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


# ---------------------------------------------------------------------------- the browser


@pytest.fixture(scope="package")
def browser() -> Iterator:
    """One Chromium for the package; the package is skipped if Playwright cannot start it."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:  # playwright is a dev dependency
        pytest.skip(f"playwright is not installed: {error}")
    playwright = sync_playwright().start()
    try:
        try:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        except Error as error:
            first_line = (error.message or str(error)).strip().splitlines()[0]
            pytest.skip(f"Playwright cannot launch {CHROMIUM}: {first_line}")
        yield chromium
        chromium.close()
    finally:
        playwright.stop()


class _LocalOnly:
    """A route handler that lets through requests to the test server only, and keeps the rest."""

    def __init__(self, live_url: str):
        self.prefix = f"{live_url}/"
        self.refused: list[str] = []

    def __call__(self, route) -> None:
        url = route.request.url
        if url.startswith(self.prefix):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort("blockedbyclient")


@contextmanager
def _context(browser, live_url: str, **options) -> Iterator:
    context = browser.new_context(
        base_url=live_url,
        viewport=DESKTOP,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        accept_downloads=True,
        **options,
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    guard = _LocalOnly(live_url)
    context.route("**/*", guard)
    # What the Content Security Policy blocked (an inline script, an eval): a broken page.
    blocked: list[str] = []
    context.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    try:
        yield context
    finally:
        context.close()
    assert not guard.refused, f"the pages asked for more than {live_url}: {guard.refused}"
    assert not blocked, f"the Content Security Policy blocked: {blocked}"


@pytest.fixture(scope="package")
def admin_state(browser, live_url) -> dict:
    """The cookies of a signed-in admin, given to each ``page`` fixture's fresh context."""
    with _context(browser, live_url) as context:
        log_in(context.new_page())
        return context.storage_state()


@pytest.fixture
def anonymous_page(browser, live_url) -> Iterator:
    """A page in a fresh, signed-out context (1280×800)."""
    with _context(browser, live_url) as context:
        yield context.new_page()


@pytest.fixture
def page(browser, live_url, admin_state) -> Iterator:
    """A page in a fresh context signed in as the sample admin (1280×800, Chinese)."""
    with _context(browser, live_url, storage_state=admin_state) as context:
        yield context.new_page()


@pytest.fixture
def page_without_js(browser, live_url, admin_state) -> Iterator:
    """As ``page``, with JavaScript turned off: what a browser without scripts gets."""
    with _context(
        browser, live_url, storage_state=admin_state, java_script_enabled=False
    ) as context:
        yield context.new_page()


# ---------------------------------------------------------------------------- screenshots


def screenshot_dir() -> Path:
    configured = os.environ.get("SCREENSHOT_DIR")
    directory = Path(configured) if configured else settings.PROJECT_DIR / "var" / "screenshots"
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture
def screenshot() -> Callable:
    """``screenshot(page, "dashboard-zh-1280")``: saves a full-page PNG and returns its path."""

    def take(page, name: str) -> Path:
        path = screenshot_dir() / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
        page.screenshot(path=path, full_page=True)
        return path

    return take
