"""The pipeline board: a move to "signed" that lacks a field shows what is missing; once given,
the move is recorded and the card changes column. All by keyboard, as well as by pointer."""

import re

from playwright.sync_api import expect

from .support import count_in

# A negotiating project of the sample data with no contract value: signing it needs one.
BOARD = "/projects/board/?destination_region=230700"  # 伊春市: a short board


def column(page, stage: str):
    return page.locator(f'.board-column[data-stage="{stage}"]')


def a_card_without_value(page):
    cards = column(page, "negotiating").locator(".board-card")
    for index in range(cards.count()):
        card = cards.nth(index)
        if "元" not in card.inner_text():
            return card
    raise AssertionError("no negotiating card without a contract value on the board")


def test_move_a_project_to_signed_with_a_missing_field(page, screenshot):
    page.goto(BOARD)
    signed_before = count_in(column(page, "signed").locator(".board-count").inner_text())
    card = a_card_without_value(page)
    code = card.get_attribute("data-project")

    # By keyboard: focus the card's Move button and press Enter.
    card.locator(".board-move").focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#move-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.locator("select[name=stage]")).to_be_focused()
    expect(dialog.locator("select[name=stage]")).to_have_value("signed")

    # What signing still needs is listed, with an input for it.
    missing = dialog.locator(".missing-fields")
    expect(missing).to_contain_text("签约额")
    value = dialog.locator("input[name=contract_value]")
    expect(value).to_be_visible()
    screenshot(page, "board-move-missing")

    # Sent without it: the move is refused and the error sits beside the field.
    dialog.locator("textarea[name=note]").fill("浏览器测试：在深圳签约")
    dialog.get_by_role("button", name="变更阶段", exact=True).click()
    expect(dialog.locator("#id_contract_value_error")).to_contain_text("须填写此项")
    expect(dialog.locator("input[name=contract_value]")).to_be_focused()
    screenshot(page, "board-move-refused")

    # Given: the move is recorded and the board shows the card under "signed".
    dialog.locator("input[name=contract_value]").fill("120000000")
    dialog.get_by_role("button", name="变更阶段", exact=True).click()
    expect(page.locator("#messages")).to_contain_text(code)
    expect(page).to_have_url(re.compile(r"/projects/board/\?destination_region=230700"))
    expect(column(page, "signed").locator(f'[data-project="{code}"]')).to_be_visible()
    assert column(page, "negotiating").locator(f'[data-project="{code}"]').count() == 0
    signed_after = count_in(column(page, "signed").locator(".board-count").inner_text())
    assert signed_after == signed_before + 1
    screenshot(page, "board-after-move")

    # The project's page shows the move in its stage history, with the note.
    column(page, "signed").locator(f'[data-project="{code}"] .board-card-title').click()
    expect(page.locator("main")).to_contain_text("浏览器测试：在深圳签约")
    expect(page.locator("main")).to_contain_text("1.2亿元")


def test_escape_closes_the_dialog_and_gives_the_focus_back(page):
    page.goto(BOARD)
    button = column(page, "lead").locator(".board-move").first
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#move-dialog")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator("#move-dialog")).to_be_hidden()
    expect(button).to_be_focused()


def test_the_board_at_tablet_width_scrolls_inside_itself(page, screenshot):
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto("/projects/board/")
    widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1]
    board = page.locator(".board")
    assert board.evaluate("(el) => el.scrollWidth > el.clientWidth")
    screenshot(page, "board-768")
