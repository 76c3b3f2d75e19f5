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


# ---------------------------------------------------------------------------- searchable selects


def searchable(scope, label: str):
    """The type-to-search control (web/app.js, Tom Select) standing for the select labelled
    ``label``: a text input with the role combobox, named by the field's label."""
    return scope.get_by_role("combobox", name=label)


def listbox_of(page, control):
    """The dropdown list of a searchable control."""
    return page.locator(f"#{control.get_attribute('aria-controls')}")


def choose(page, control, text: str, option: str | None = None) -> None:
    """As a user picks from a searchable select: click the control, type, press Enter once the
    wanted option (``option``, else ``text``) is the highlighted one."""
    from playwright.sync_api import expect

    control.click()
    page.keyboard.type(text)
    expect(listbox_of(page, control).locator(".option.active")).to_contain_text(option or text)
    page.keyboard.press("Enter")


def chosen(page, select_css: str) -> list[str]:
    """The texts of the options chosen in the (hidden) native select: what the form sends."""
    return page.locator(select_css).evaluate(
        "(s) => [...s.selectedOptions].filter((o) => o.value).map((o) => o.text.trim())"
    )
