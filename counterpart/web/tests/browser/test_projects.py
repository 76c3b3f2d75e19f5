"""The project list filtered by a city and exported; a project entered wrongly, then fixed."""

import re
import uuid

from openpyxl import load_workbook
from playwright.sync_api import expect

from .support import choose, count_in, searchable

CITY = "哈尔滨市"


def column_index(page, header: str) -> int:
    headers = page.locator("#object-list table thead th").all_inner_texts()
    matches = [i for i, text in enumerate(headers) if header in text]
    assert matches, f"no column {header!r} in {headers}"
    return matches[0]


def filter_by_city(page, city: str = CITY) -> int:
    """Choose the city in the list's filter form (type its name, Enter) and press Apply; the
    list's new count."""
    page.goto("/projects/")
    count = page.locator("#list-count")
    before = count.inner_text()
    form = page.locator("form.filter-form")
    choose(page, searchable(form, "项目所在地"), city.removesuffix("市"), city)
    form.locator("button[type=submit]").click()
    expect(count).not_to_have_text(before)
    expect(page).to_have_url(re.compile(r"destination_region_id=\d+"))
    total = count_in(count.inner_text())
    assert 0 < total < count_in(before)
    return total


def test_filter_the_project_list_by_city(page, screenshot):
    total = filter_by_city(page)
    # Every row, on one page of 250: the chosen city.
    page.locator("#object-list nav").get_by_role("link", name="250", exact=True).click()
    expect(page).to_have_url(re.compile(r"per_page=250"))
    rows = page.locator("#object-list table tbody tr")
    expect(rows).to_have_count(total)
    where = column_index(page, "项目所在地")
    cells = rows.locator(f"td:nth-child({where + 1})").all_inner_texts()
    assert cells == [CITY] * total
    screenshot(page, "projects-filtered-by-city")


def test_a_row_of_the_filtered_list_opens_its_project(page):
    """Filtering swaps the list in place; a row's link is still a plain link to its page."""
    filter_by_city(page)
    link = page.locator("#object-list table tbody tr").first.locator("a").first
    name = link.inner_text()
    link.click()
    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))
    expect(page.locator("h1")).to_contain_text(name)
    expect(page.locator("main")).to_contain_text("阶段变更记录")  # the stage history panel


def test_export_the_filtered_list_to_excel(page, tmp_path, screenshot):
    total = filter_by_city(page)
    page.get_by_role("button", name="导出").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Excel").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    screenshot(page, "projects-filtered-exported")

    sheet = load_workbook(path, read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    assert len(data) == total, f"the list shows {total} rows, the export has {len(data)}"
    where = header.index("项目所在地")
    assert {row[where] for row in data} == {CITY}


def test_a_negative_contract_value_is_refused_beside_the_field_then_fixed(page, screenshot):
    code = f"BT-{uuid.uuid4().hex[:8].upper()}"
    page.goto("/projects/add/")
    form = page.locator("main form.object-form")
    form.locator("#id_code").fill(code)
    form.locator("#id_name_zh").fill("浏览器测试项目")
    form.locator("#id_stage").select_option("negotiating")
    value = form.locator("#id_contract_value")
    value.fill("-5000000")
    form.get_by_role("button", name="保存").click()

    # Still the add form, the values kept, the error tied to the field and shown right under it.
    expect(page).to_have_url(re.compile(r"/projects/add/$"))
    value = page.locator("#id_contract_value")
    expect(value).to_have_class(re.compile(r"\bis-invalid\b"))
    expect(value).to_have_value("-5000000")
    expect(page.locator("#id_code")).to_have_value(code)
    described = (value.get_attribute("aria-describedby") or "").split()
    errors = [i for i in described if page.locator(f"#{i}.invalid-feedback").count()]
    assert len(errors) == 1, f"aria-describedby={described}"
    error = page.locator(f"#{errors[0]}")
    expect(error).to_be_visible()
    expect(error).to_have_text(re.compile(r"\S"))
    # Measured in one go: the page scrolls (smoothly) to the field it focuses.
    gap, indent = value.evaluate(
        """(field) => {
            const error = document.getElementById(field.getAttribute("aria-describedby")
                .split(" ").find((id) => document.getElementById(id).matches(".invalid-feedback")));
            const f = field.getBoundingClientRect(), e = error.getBoundingClientRect();
            return [e.top - f.bottom, e.left - f.left];
        }"""
    )
    assert 0 <= gap < 16, f"the error is {gap}px under its field"
    assert abs(indent) < 4, f"the error is {indent}px aside its field"
    # The first (and only) field in error has the focus; no other field is marked.
    expect(value).to_be_focused()
    assert page.locator("main .is-invalid").count() == 1
    screenshot(page, "project-add-negative-value")

    # Nothing was saved.
    listed = page.context.new_page()
    listed.goto(f"/projects/?q={code}")
    expect(listed.locator("#list-count")).to_have_text(re.compile(r"(^|\D)0(\D|$)"))
    listed.close()

    value.fill("25000000")
    page.locator("main form.object-form").get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))
    expect(page.locator("h1")).to_contain_text(code)
    expect(page.locator("h1")).to_contain_text("浏览器测试项目")
    expect(page.locator("main")).to_contain_text("2500万元")
    expect(page.locator("#messages")).to_contain_text(re.compile(r"\S"))
    screenshot(page, "project-add-saved")


def test_filter_by_signing_event_found_as_typed(page):
    """The events filter holds no options of its own (there may be tens of thousands): they come
    from the API as the user types (core/widgets.py SearchSelectMultiple)."""
    page.goto("/projects/")
    form = page.locator("form.filter-form")
    assert form.locator("select[name=signed_event_id] option").count() == 0
    count = page.locator("#list-count")
    before = count.inner_text()
    conference = "黑龙江—广东产业合作与开放交流大会暨项目签约仪式"
    choose(page, searchable(form, "签约活动"), "开放交流", conference)
    form.locator("button[type=submit]").click()
    expect(count).not_to_have_text(before)
    assert count_in(count.inner_text()) == 192  # the conference's signings (FACTS.md)
    # Chosen, the event is the one option the page holds
    expect(form.locator("select[name=signed_event_id] option")).to_have_count(1)


def test_paging_on_by_the_next_link_reaches_the_numbered_pages(page, screenshot):
    """ "下一页 ›" carries a cursor and the page number; the rows it shows are those of the same
    page reached by its number, and "‹ 上一页" leads back by a cursor too."""
    page.goto("/projects/?sort=-signed_date&per_page=25")
    nav = page.locator("#object-list nav")
    codes = page.locator("#object-list table tbody tr")
    for number in (2, 3):
        nav.get_by_role("link", name="下一页").click()
        expect(page).to_have_url(re.compile(rf"page={number}&cursor=|cursor=.*page={number}"))
    expect(nav.locator("[aria-current=page]")).to_have_text("3")
    by_cursor = codes.all_inner_texts()
    screenshot(page, "projects-pagination-cursor-zh")
    assert "cursor=" in (nav.get_by_role("link", name="上一页").get_attribute("href") or "")
    page.goto("/projects/?sort=-signed_date&per_page=25&page=3")
    assert codes.all_inner_texts() == by_cursor and len(by_cursor) == 25
