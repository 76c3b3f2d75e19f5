"""Sign in and read the dashboard: the April 2023 figures, the drawn charts, their links."""

import re

from playwright.sync_api import expect

from .support import count_in, log_in, wait_for_charts

APRIL_2023 = "/?start=2023-04&end=2023-04"


def exactly(number: int) -> re.Pattern:
    return re.compile(rf"(^|\D){number}(\D|$)")


def test_sign_in_and_see_the_figures_of_april_2023(anonymous_page, live_url, screenshot):
    page = anonymous_page
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    log_in(page)
    expect(page).to_have_url(f"{live_url}/")

    # The period, chosen with the dashboard's own form.
    period = page.locator("main form").first
    period.locator("input[name=start]").fill("2023-04")
    period.locator("input[name=end]").fill("2023-04")
    period.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"start=2023-04&end=2023-04"))

    headline = page.locator("#headline-figures")
    expect(headline).to_contain_text("192个")
    expect(headline).to_contain_text("982.38亿元")

    wait_for_charts(page)
    charts = page.locator("main .chart")
    drawn = empty = 0
    for chart in charts.all():
        if chart.get_attribute("data-drawn") == "true":
            expect(chart.locator("svg").first).to_be_visible()
            drawn += 1
        else:  # "empty": said in words, not an empty frame
            expect(chart).to_have_text(re.compile(r"\S"))
            empty += 1
    assert drawn >= 4, f"{drawn} charts drawn, {empty} empty"
    screenshot(page, "dashboard-2023-04")


def test_a_headline_figure_opens_its_projects(page, screenshot):
    page.goto(APRIL_2023)
    page.locator("#headline-figures a", has_text="192个").click()
    expect(page).to_have_url(re.compile(r"/projects/\?"))
    expect(page.locator("#list-count")).to_have_text(exactly(192))
    screenshot(page, "dashboard-april-headline-projects")


def test_a_bar_of_the_months_chart_opens_its_projects(page, screenshot):
    page.goto(APRIL_2023)
    wait_for_charts(page)
    chart = page.locator("#chart-months")
    box = chart.bounding_box()
    # One bar (April 2023, 982.38亿元) filling most of the plot: click its middle.
    chart.click(position={"x": box["width"] / 2, "y": box["height"] / 2})
    expect(page).to_have_url(re.compile(r"/projects/\?"))
    count = page.locator("#list-count")
    expect(count).to_have_text(exactly(192))
    assert count_in(count.inner_text()) == 192
    screenshot(page, "dashboard-april-bar-projects")
