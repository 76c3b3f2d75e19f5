"""Two people edit the same project: the second is told who changed what, keeps their input and
saves on top; the change shows in the audit log."""

import re
import uuid

from playwright.sync_api import expect

from .conftest import _context


def test_the_second_of_two_editors_sees_the_conflict_and_saves_on_top(
    page, browser, live_url, admin_state, screenshot
):
    page.goto("/projects/")
    page.locator("#object-list table tbody tr").first.locator("a").first.click()
    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))
    project_url = page.url
    edit_url = project_url + "edit/"
    first, second = f"First {uuid.uuid4().hex[:6]}", f"Second {uuid.uuid4().hex[:6]}"
    with _context(browser, live_url, storage_state=admin_state) as context:
        other = context.new_page()
        other.goto(edit_url)
        page.goto(edit_url)  # both opened the same version
        page.locator("input[name=name_en]").fill(first)
        page.locator("form.object-form button[type=submit]").click()
        expect(page).to_have_url(project_url)

        other.locator("input[name=name_en]").fill(second)
        other.locator("form.object-form button[type=submit]").click()
        conflict = other.locator("#edit-conflict")
        expect(conflict).to_be_visible()
        expect(conflict).to_be_focused()
        expect(conflict).to_contain_text("admin")
        expect(conflict).to_contain_text(first)  # what the other editor wrote
        expect(other.locator("input[name=name_en]")).to_have_value(second)  # input kept
        screenshot(other, "edit-conflict")

        other.locator("form.object-form button[type=submit]").click()
        expect(other).to_have_url(project_url)
        expect(other.locator("#history-title")).to_be_visible()

    page.goto("/audit/?action=update")
    rows = page.locator("#object-list table tbody tr")
    expect(rows.first).to_contain_text("admin")
    screenshot(page, "audit-log")
    rows.first.locator("td").first.locator("a").click()
    expect(page).to_have_url(re.compile(r"/audit/\d+/$"))
    expect(page.locator("main")).to_contain_text(second)
    screenshot(page, "audit-record")
