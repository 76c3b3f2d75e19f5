"""The keyboard: Tab from the top of a list reaches its search field, and focus is visible."""

import re

from playwright.sync_api import expect

MAX_TABS = 40


def focus_indicator(locator) -> dict:
    return locator.evaluate(
        """(el) => {
            const style = getComputedStyle(el);
            return {outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
                    boxShadow: style.boxShadow, focusVisible: el.matches(":focus-visible")};
        }"""
    )


def visible(indicator: dict) -> bool:
    outlined = indicator["outline"] != "none" and indicator["outlineWidth"] > 0
    return outlined or indicator["boxShadow"] != "none"


def test_tab_reaches_the_search_field_with_a_visible_focus(page, screenshot):
    page.goto("/projects/")
    # The first stop is the skip link, shown when it has the focus.
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()

    search = page.locator("form.filter-form input[name=q]")
    visited = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if search.evaluate("(el) => el === document.activeElement"):
            break
        visited.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    else:
        raise AssertionError(f"{MAX_TABS} Tabs did not reach the search field: {visited}")
    expect(search).to_be_focused()
    indicator = focus_indicator(search)
    assert indicator["focusVisible"] and visible(indicator), indicator
    screenshot(page, "projects-search-focused")

    # Typing there and pressing Enter searches.
    page.keyboard.type("哈尔滨")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]q="))
    expect(page.locator("#list-count")).not_to_have_text(re.compile(r"(^|\D)383(\D|$)"))


def test_every_stop_before_the_search_field_shows_its_focus(page, screenshot):
    page.goto("/projects/")
    search = page.locator("form.filter-form input[name=q]")
    unmarked = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        active = page.locator(":focus")
        if search.evaluate("(el) => el === document.activeElement"):
            break
        indicator = focus_indicator(active)
        if not visible(indicator):
            unmarked.append((active.evaluate("(el) => el.outerHTML.slice(0, 80)"), indicator))
    screenshot(page, "projects-focus-path")
    assert not unmarked
