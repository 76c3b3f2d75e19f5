"""Tablet and desktop widths: no page scrolls sideways, and the navbar works at both."""

import re

import pytest
from playwright.sync_api import expect

from .support import DESKTOP, TABLET, page_and_window_width, wait_for_charts

APRIL_2023 = "/?start=2023-04&end=2023-04"
SIZES = {"768": TABLET, "1280": DESKTOP}


def pages_to_check(page) -> dict[str, str]:
    """name → address: the dashboard, the project list, a project, an event, the project form."""
    page.goto("/events/?q=开放交流大会")  # the April 2023 conference, with 192 projects signed
    event = page.locator("#object-list tbody a[href^='/events/']").first.get_attribute("href")
    page.goto("/projects/?sort=-contract_value")
    project = page.locator("#object-list tbody a[href^='/projects/']").first.get_attribute("href")
    return {
        "dashboard": APRIL_2023,
        "projects": "/projects/",
        "project": project,
        "event": event,
        "project-add": "/projects/add/",
    }


@pytest.mark.parametrize("width", SIZES)
def test_no_page_is_wider_than_the_window(page, screenshot, width):
    addresses = pages_to_check(page)
    page.set_viewport_size(SIZES[width])
    too_wide = {}
    for name, address in addresses.items():
        page.goto(address)
        if name == "dashboard":
            wait_for_charts(page)
        page_width, window_width = page_and_window_width(page)
        if page_width > window_width:
            too_wide[name] = f"{address}: {page_width}px in a {window_width}px window"
        screenshot(page, f"{name}-zh-{width}")
    assert not too_wide


def test_the_collapsed_menu_opens_at_tablet_width(page, screenshot):
    page.set_viewport_size(TABLET)
    page.goto("/")
    toggler = page.locator("nav .navbar-toggler")
    menu = page.locator("#main-menu")
    expect(toggler).to_be_visible()
    expect(menu).to_be_hidden()
    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    expect(menu).to_be_visible()
    expect(menu.get_by_role("link", name="数据看板")).to_be_visible()
    expect(menu.locator("form.language-switch")).to_be_visible()
    expect(menu.get_by_role("button", name="退出登录")).to_be_visible()
    # A section of the menu opens and leads to its page.
    menu.get_by_role("button", name="工作动态").click()
    item = menu.get_by_role("link", name="项目", exact=True)
    expect(item).to_be_visible()
    screenshot(page, "navbar-open-768")
    item.click()
    expect(page).to_have_url(re.compile(r"/projects/$"))
    expect(page.locator("h1")).to_have_text("项目")
    # The list's filters are behind their own button at this width.
    filters = page.locator("#filter-panel")
    expect(filters).to_be_hidden()
    page.get_by_role("button", name="筛选", exact=True).click()
    expect(filters.locator("input[name=q]")).to_be_visible()


def test_the_menu_is_open_at_desktop_width(page, screenshot):
    page.goto("/")
    expect(page.locator("nav .navbar-toggler")).to_be_hidden()
    menu = page.locator("#main-menu")
    expect(menu.get_by_role("link", name="数据看板")).to_be_visible()
    menu.get_by_role("button", name="基础信息").click()
    expect(menu.locator(".dropdown-menu.show .dropdown-item").first).to_be_visible()
    screenshot(page, "navbar-open-1280")
