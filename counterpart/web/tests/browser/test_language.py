"""The navbar's language switch: the dashboard in English, then back to Chinese."""

import re

from playwright.sync_api import expect

from .support import DESKTOP, TABLET, wait_for_charts

APRIL_2023 = "/?start=2023-04&end=2023-04"


def switch_to(page, code: str) -> None:
    """Press the navbar's language button (opening the collapsed menu first if need be)."""
    toggler = page.locator("nav .navbar-toggler")
    if toggler.is_visible() and toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
    page.locator(f"nav form.language-switch button[value='{code}']").click()
    expect(page.locator("html")).to_have_attribute("lang", code)


def test_switch_to_english_and_back(page, screenshot):
    page.goto(APRIL_2023)
    expect(page.locator("h1")).to_have_text("数据看板")
    try:
        switch_to(page, "en")
        # Back on the same page (the period kept), now in English.
        expect(page).to_have_url(re.compile(r"start=2023-04&end=2023-04"))
        expect(page.locator("h1")).to_have_text("Dashboard")
        expect(page.locator("#headline-figures")).to_contain_text("98.238 billion yuan")
        expect(page.get_by_role("heading", name="Contract value signed by month")).to_be_visible()
        expect(page.locator("nav form.language-switch button[value='en']")).to_have_attribute(
            "aria-pressed", "true"
        )
        wait_for_charts(page)
        screenshot(page, "dashboard-en-1280")
        page.set_viewport_size(TABLET)
        wait_for_charts(page)
        screenshot(page, "dashboard-en-768")

        # The choice is the user's: it holds on the next page too.
        page.goto("/projects/")
        expect(page.locator("h1")).to_have_text("Projects")
        expect(page.locator("#list-count")).to_contain_text("records")
    finally:
        page.set_viewport_size(DESKTOP)
        page.goto(APRIL_2023)
        switch_to(page, "zh-hans")
    expect(page.locator("h1")).to_have_text("数据看板")
    expect(page.locator("#headline-figures")).to_contain_text("982.38亿元")
