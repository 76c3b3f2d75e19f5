"""Searchable selects (web/app.js, Tom Select): long and multiple selects become type-to-search
controls that keep the native select as the form's value. Typed, chosen and removed by keyboard;
an error beside the field is announced on the control; the move dialog's investors list opens
inside the dialog; no sideways scrolling at 768 px; and without JavaScript the native selects
still filter."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from .support import (
    DESKTOP,
    TABLET,
    choose,
    chosen,
    count_in,
    listbox_of,
    page_and_window_width,
    searchable,
)

CITY_SELECT = "#id_destination_region_id"
SIZES = {"768": TABLET, "1280": DESKTOP}
LONG_NAMES = {  # typed → chosen: the longest investors' names of the sample data
    "产业园区投资": "深圳（哈尔滨）产业园区投资开发有限公司",
    "交通投资": "黑龙江省交通投资集团有限公司",
    "开发区管理": "哈尔滨经济技术开发区管理委员会",
}


def controls_and_selects(page) -> dict:
    """How many controls there are, and how many enhanced selects (each must own one)."""
    return page.evaluate(
        """() => {
            const selects = [...document.querySelectorAll("select.tomselected")];
            return {
                wrappers: document.querySelectorAll(".ts-wrapper").length,
                selects: selects.length,
                owned: selects.filter((s) => s.tomselect
                    && s.nextElementSibling === s.tomselect.wrapper).length,
            };
        }"""
    )


def assert_one_control_per_select(page) -> None:
    counts = controls_and_selects(page)
    assert counts["selects"] > 0
    assert counts["wrappers"] == counts["selects"] == counts["owned"], counts


def wrapper_of(control):
    return control.locator("xpath=ancestor::div[contains(@class, 'ts-wrapper')]")


def shows_over_everything(locator) -> bool:
    """Whether the middle of the element is what the page shows there (not hidden or covered)."""
    return locator.evaluate(
        """(el) => {
            const r = el.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return r.width > 0 && r.height > 0 && (hit === el || el.contains(hit));
        }"""
    )


def test_type_to_search_filters_the_project_list(page, screenshot):
    page.goto("/projects/")
    count = page.locator("#list-count")
    before = count_in(count.inner_text())
    form = page.locator("form.filter-form")
    assert_one_control_per_select(page)
    city = searchable(form, "项目所在地")
    expect(city).to_be_visible()
    # The native select stays in the form for its value, hidden from sight and from Tab.
    native = form.locator(CITY_SELECT)
    expect(native).to_have_class(re.compile(r"\bts-hidden-accessible\b"))
    expect(native).to_have_attribute("tabindex", "-1")
    assert native.bounding_box()["width"] <= 1

    city.click()
    page.keyboard.type("哈尔滨")
    options = listbox_of(page, city).locator(".option")
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("哈尔滨市")
    expect(options.first).to_have_class(re.compile(r"\bactive\b"))
    assert shows_over_everything(options.first)
    screenshot(page, "select-projects-city-typed")
    page.keyboard.press("Enter")
    expect(wrapper_of(city).locator(".item")).to_have_text(re.compile("哈尔滨市"))
    assert chosen(page, CITY_SELECT) == ["哈尔滨市"]

    # Enter again (the list is closed) applies the filters, as in any field of the form.
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]destination_region_id=\d+"))
    expect(count).not_to_have_text(re.compile(rf"(^|\D){before}(\D|$)"))
    assert 0 < count_in(count.inner_text()) < before
    # The filter form came back with the list (htmx): enhanced again, once per select.
    city = searchable(page.locator("form.filter-form"), "项目所在地")
    expect(wrapper_of(city).locator(".item")).to_have_text(re.compile("哈尔滨市"))
    assert_one_control_per_select(page)

    # Back to the unfiltered list (htmx's history): still one control per select.
    page.go_back()
    expect(page).to_have_url(re.compile(r"/projects/$"))
    expect(count).to_have_text(re.compile(rf"(^|\D){before}(\D|$)"))
    assert_one_control_per_select(page)


def test_keyboard_only_choice_and_removal(page, screenshot):
    page.goto("/projects/")
    form = page.locator("form.filter-form")
    form.locator("input[name=q]").focus()
    page.keyboard.press("Tab")
    city = searchable(form, "项目所在地")
    expect(city).to_be_focused()
    outline = wrapper_of(city).evaluate("(el) => getComputedStyle(el).outlineStyle")
    assert outline != "none", "the control shows no focus"

    # Type, move down to the second match, Enter.
    page.keyboard.type("哈")
    options = listbox_of(page, city).locator(".option")
    expect(options).to_have_text(["哈尔滨市", "齐齐哈尔市"])
    expect(city).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("ArrowDown")
    expect(options.nth(1)).to_have_class(re.compile(r"\bactive\b"))
    page.keyboard.press("Enter")
    expect(city).to_have_attribute("aria-expanded", "false")
    page.keyboard.type("大庆")
    expect(listbox_of(page, city).locator(".option.active")).to_have_text("大庆市")
    page.keyboard.press("Enter")
    assert chosen(page, CITY_SELECT) == ["齐齐哈尔市", "大庆市"]
    # What is chosen is part of the control's description (and announced as it changes).
    described = city.get_attribute("aria-describedby").split()
    summary = [i for i in described if i.endswith("-ts-chosen")]
    assert len(summary) == 1, described
    expect(page.locator(f"#{summary[0]}")).to_contain_text("齐齐哈尔市")
    expect(page.locator(f"#{summary[0]}")).to_contain_text("大庆市")
    screenshot(page, "select-keyboard-two-chosen")

    # Backspace removes the last one; Enter applies.
    page.keyboard.press("Backspace")
    assert chosen(page, CITY_SELECT) == ["齐齐哈尔市"]
    expect(page.locator(f"#{summary[0]}")).not_to_contain_text("大庆市")
    page.keyboard.press("Escape")
    expect(city).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"[?&]destination_region_id=\d+$"))
    expect(page.locator(".filter-chip", has_text="齐齐哈尔市")).to_be_visible()

    # Clicking the field's label puts the focus in the control.
    page.locator("h1").click()
    form = page.locator("form.filter-form")
    form.locator("label", has_text="项目所在地").click()
    expect(searchable(form, "项目所在地")).to_be_focused()


def test_grouped_industries_keep_their_groups_and_search_them(page, screenshot):
    page.goto("/projects/board/")
    page.get_by_role("button", name="筛选", exact=True).click()
    form = page.locator("#board-filters form")
    industry = searchable(form, "产业")
    expect(industry).to_be_visible()
    industry.click()
    page.keyboard.type("数字经济")
    listbox = listbox_of(page, industry)
    # The same name in two taxonomies, each under its group's header.
    expect(listbox.locator(".option")).to_have_count(2)
    expect(listbox.locator(".optgroup-header")).to_have_count(2)
    screenshot(page, "select-board-industry-two-groups")
    # A word of the group's name narrows it down.
    page.keyboard.type(" 4567")
    expect(listbox.locator(".option")).to_have_count(1)
    expect(listbox.locator(".optgroup-header")).to_contain_text("4567")
    page.keyboard.press("Enter")
    item = wrapper_of(industry).locator(".item")
    expect(item).to_contain_text("数字经济")
    expect(item).to_have_attribute("title", re.compile("4567"))
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]industry_id=\d+"))
    expect(page.locator(".filter-chip", has_text="数字经济")).to_be_visible()


def test_investors_on_the_project_add_form(page, screenshot):
    code = f"TS-{uuid.uuid4().hex[:8].upper()}"
    page.goto("/projects/add/")
    form = page.locator("main form.object-form")
    form.locator("#id_code").fill(code)
    form.locator("#id_name_zh").fill("可搜索选择测试项目")
    form.locator("#id_stage").select_option("signed")  # five options: a native select
    investors = searchable(form, "投资方")
    choose(page, investors, "万科", "万科企业股份有限公司")
    choose(page, investors, "华为", "华为技术有限公司")
    choose(page, investors, "深圳中科信息", "深圳中科信息技术有限公司")
    assert chosen(page, "#id_investors") == [
        "万科企业股份有限公司",
        "华为技术有限公司",
        "深圳中科信息技术有限公司",
    ]
    # Each chosen item has a remove button with the page's word for it.
    remove_word = page.locator("body").get_attribute("data-select-remove")
    buttons = wrapper_of(investors).locator(".item .remove")
    expect(buttons).to_have_count(3)
    expect(buttons.first).to_have_attribute("title", remove_word)
    wrapper_of(investors).locator(".item", has_text="华为").locator(".remove").click()
    assert chosen(page, "#id_investors") == ["万科企业股份有限公司", "深圳中科信息技术有限公司"]

    # A single select with a long list is searchable too.
    choose(page, searchable(form, "项目所在地"), "哈尔滨", "哈尔滨市")
    assert chosen(page, "#id_destination_region") == ["哈尔滨市"]
    form.locator("#id_contract_value").fill("30000000")
    form.locator("#id_signed_date").fill("2023-04-12")
    screenshot(page, "select-project-add-chosen")
    form.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))
    main = page.locator("main")
    expect(main).to_contain_text(code)
    expect(main).to_contain_text("万科企业股份有限公司")
    expect(main).to_contain_text("深圳中科信息技术有限公司")
    expect(main).not_to_contain_text("华为技术有限公司")


def test_an_error_on_a_searchable_select_is_beside_it_and_announced(page, screenshot):
    page.goto("/projects/add/")
    form = page.locator("main form.object-form")
    form.locator("#id_code").fill(f"TS-{uuid.uuid4().hex[:8].upper()}")
    form.locator("#id_name_zh").fill("缺投资方的签约项目")
    form.locator("#id_stage").select_option("signed")
    form.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/projects/add/$"))

    # The first field in error is the investors' control: it has the focus (the list closed,
    # so the error under it stays in sight), and its description names the error.
    investors = searchable(page.locator("main form.object-form"), "投资方")
    expect(investors).to_be_focused()
    expect(investors).to_have_attribute("aria-expanded", "false")
    expect(investors).to_have_attribute("aria-invalid", "true")
    described = (investors.get_attribute("aria-describedby") or "").split()
    errors = [i for i in described if page.locator(f"#{i}.invalid-feedback").count()]
    assert errors == ["id_investors_error"], described
    error = page.locator("#id_investors_error")
    expect(error).to_be_visible()
    expect(error).to_have_text(re.compile(r"\S"))

    # It looks like any field in error and its error sits right under it.
    wrapper = wrapper_of(investors)
    expect(wrapper).to_have_class(re.compile(r"\bis-invalid\b"))
    invalid_border = page.locator("#id_contract_value").evaluate(
        "(el) => getComputedStyle(el).borderTopColor"
    )
    assert wrapper.evaluate("(el) => getComputedStyle(el).borderTopColor") == invalid_border
    gap, indent = wrapper.evaluate(
        """(control) => {
            const f = control.getBoundingClientRect();
            const e = document.getElementById("id_investors_error").getBoundingClientRect();
            return [e.top - f.bottom, e.left - f.left];
        }"""
    )
    assert 0 <= gap < 16, f"the error is {gap}px under its field"
    assert abs(indent) < 4, f"the error is {indent}px aside its field"
    screenshot(page, "select-project-add-error")

    # The other searchable field in error says so too.
    region = searchable(page.locator("main form.object-form"), "项目所在地")
    expect(region).to_have_attribute("aria-invalid", "true")
    assert "id_destination_region_error" in region.get_attribute("aria-describedby").split()


def test_the_move_dialog_lists_investors_inside_the_dialog(page, screenshot):
    # A negotiating project without investors: signing it asks for them in the dialog.
    code = f"TS-{uuid.uuid4().hex[:8].upper()}"
    page.goto("/projects/add/")
    form = page.locator("main form.object-form")
    form.locator("#id_code").fill(code)
    form.locator("#id_name_zh").fill("看板对话框测试项目")
    form.locator("#id_stage").select_option("negotiating")
    choose(page, searchable(form, "项目所在地"), "七台河", "七台河市")
    form.get_by_role("button", name="保存").click()
    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))

    page.goto("/projects/board/?destination_region=230900")  # 七台河市
    card = page.locator(f'.board-card[data-project="{code}"]')
    card.locator(".board-move").click()
    dialog = page.locator("#move-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("select[name=stage]")).to_have_value("signed")
    investors = searchable(dialog, "投资方")
    expect(investors).to_be_visible()
    assert_one_control_per_select(page)

    investors.click()
    page.keyboard.type("万科")
    option = listbox_of(page, investors).locator(".option.active")
    expect(option).to_have_text("万科企业股份有限公司")
    # Shown in the dialog's top layer, not behind it.
    assert listbox_of(page, investors).evaluate("(el) => el.closest('dialog') !== null")
    assert shows_over_everything(option), "the investors' list is hidden behind the dialog"
    screenshot(page, "select-board-move-dialog")
    page.keyboard.press("Enter")

    # Sent without the contract value: the form comes back with the investor kept and the
    # control made once more.
    dialog.get_by_role("button", name="变更阶段", exact=True).click()
    expect(dialog.locator("#id_contract_value_error")).to_be_visible()
    investors = searchable(dialog, "投资方")
    expect(wrapper_of(investors).locator(".item")).to_have_text(re.compile("万科企业股份有限公司"))
    assert_one_control_per_select(page)

    dialog.locator("input[name=contract_value]").fill("50000000")
    dialog.get_by_role("button", name="变更阶段", exact=True).click()
    expect(page.locator("#messages")).to_contain_text(code)
    signed = page.locator('.board-column[data-stage="signed"]')
    expect(signed.locator(f'[data-project="{code}"]')).to_be_visible()


@pytest.mark.parametrize("width", SIZES)
def test_open_lists_at_each_width_stay_in_the_window(page, screenshot, width):
    page.set_viewport_size(SIZES[width])
    too_wide = {}

    def check(name: str) -> None:
        page_width, window_width = page_and_window_width(page)
        if page_width > window_width:
            too_wide[name] = f"{page_width}px in a {window_width}px window"
        screenshot(page, f"select-{name}-{width}")

    # The project list: a city chosen, the industries open.
    page.goto("/projects/")
    if width == "768":
        page.get_by_role("button", name="筛选", exact=True).click()
    form = page.locator("form.filter-form")
    city = searchable(form, "项目所在地")
    choose(page, city, "大兴安岭", "大兴安岭地区")
    height = wrapper_of(city).bounding_box()["height"]
    searchable(form, "产业").click()
    expect(listbox_of(page, searchable(form, "产业"))).to_be_visible()
    # Leaving a control does not move the fields under it (a click would miss them).
    assert wrapper_of(city).bounding_box()["height"] == height
    check("projects-filters-open")

    # The board's filters.
    page.goto("/projects/board/")
    page.get_by_role("button", name="筛选", exact=True).click()
    form = page.locator("#board-filters form")
    choose(page, searchable(form, "项目所在地"), "哈尔滨", "哈尔滨市")
    searchable(form, "专班").click()
    expect(listbox_of(page, searchable(form, "专班"))).to_be_visible()
    check("board-filters-open")

    # The project form: long investors' names chosen, the list open.
    page.goto("/projects/add/")
    form = page.locator("main form.object-form")
    investors = searchable(form, "投资方")
    for typed, name in LONG_NAMES.items():
        choose(page, investors, typed, name)
    investors.click()
    expect(listbox_of(page, investors)).to_be_visible()
    check("project-add-open")
    assert not too_wide


def test_without_javascript_the_native_selects_filter(page_without_js, screenshot):
    page = page_without_js
    page.goto("/projects/")
    before = count_in(page.locator("#list-count").inner_text())
    form = page.locator("form.filter-form")
    select = form.locator(f"select{CITY_SELECT}")
    expect(select).to_be_visible()
    assert page.locator(".ts-wrapper").count() == 0
    select.select_option(label="哈尔滨市")
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"[?&]destination_region_id=\d+"))
    after = count_in(page.locator("#list-count").inner_text())
    assert 0 < after < before
    screenshot(page, "select-projects-no-js")
