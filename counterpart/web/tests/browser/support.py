"""What the browser tests share besides fixtures: the sample admin, window sizes, the browser's
flags and small page helpers (``from .support import ...``)."""

from __future__ import annotations

import re
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
HOST = "127.0.0.1"
ADMIN = "admin"
PASSWORD = "counterpart-sample-2023"  # what `counterpart sample-login` prints
DESKTOP = {"width": 1280, "height": 800}
TABLET = {"width": 768, "height": 1024}
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-dev-shm-usage",  # containers often have a small /dev/shm
    # Belt and braces: no host name resolves but 127.0.0.1 (the contexts also refuse requests
    # to anything but the test server).
    f"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE {HOST}",
]
DEFAULT_TIMEOUT_MS = 15_000


def log_in(page, username: str = ADMIN, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a user does.

    Enter in the password field: the page's first submit button is the navbar's language switch.
    """
    page.goto("/login/")
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    password_field = form.locator("input[name=password]")
    password_field.fill(password)
    password_field.press("Enter")
    page.wait_for_url(lambda url: "/login/" not in url)


def page_and_window_width(page) -> tuple[int, int]:
    """(the page's width, the window's): the page overflows sideways if the first is larger."""
    return tuple(page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]"))


def wait_for_charts(page) -> None:
    """Until web/dashboard.js has drawn (or declared empty) every chart of the page."""
    page.wait_for_function(
        "() => [...document.querySelectorAll('.chart')].every((el) => el.dataset.drawn)"
    )


def count_in(text: str) -> int:
    """The number in a list's count line: "共124条记录" or "124 records" → 124."""
    numbers = re.findall(r"\d[\d,]*", text)
    assert len(numbers) == 1, f"no single count in {text!r}"
    return int(numbers[0].replace(",", ""))
