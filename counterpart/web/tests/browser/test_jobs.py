"""A brief made by the background worker: the job's page waits while it is queued, follows it
by itself (htmx polling, no inline script) when ``counterpart worker`` runs it, and offers the
file."""

import re
import subprocess

from django.conf import settings
from playwright.sync_api import expect

from .conftest import _cli

CONFERENCE = "HLJ-GD-2023-CONF"


def test_a_brief_job_is_followed_on_its_page_until_its_file_is_ready(page, live_env, screenshot):
    page.goto("/reports/brief/")
    page.locator("input[name=event]").fill(CONFERENCE)
    page.locator("select[name=format]").select_option("docx")
    page.locator("#brief-form button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    status = page.locator("#job-status")
    expect(status).to_have_attribute("hx-trigger", "every 2s")  # queued: no worker yet
    screenshot(page, "job-queued")

    done = subprocess.run(
        _cli("worker", "--batch", "--no-reload", "--no-startup-delay"),
        env=live_env,
        cwd=settings.PROJECT_DIR,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr

    download = page.locator("#job-download")
    expect(download).to_be_visible(timeout=15_000)  # the page asked again by itself
    expect(page.locator("#job-status")).not_to_have_attribute("hx-trigger", "every 2s")
    screenshot(page, "job-succeeded")
    with page.expect_download() as info:
        download.click()
    assert info.value.suggested_filename == f"brief-{CONFERENCE}-zh.docx"
    page.goto("/jobs/")
    expect(page.locator("#job-table")).to_contain_text(CONFERENCE)
