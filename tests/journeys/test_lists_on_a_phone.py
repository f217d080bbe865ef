"""Lists read as cards on a phone and their filters fold into one control, the same
way on every list (static/css/lists.css, docs/ui.md): at 390×844 each row of the
register, the action log, my audits, the objectives board and a survey's results is
a card whose cells are stacked lines spanning the card, each with its column's
heading as its label; the page does not scroll sideways. The filters are a closed
"Bộ lọc (n đang dùng)" on the phone and open on the laptop."""

import re

import pytest
from playwright.sync_api import expect

from surveys.results import refresh_results
from tests.journeys.conftest import LAPTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

# The first card of a table: its box, and each cell's box and shown label.
FIRST_CARD = """table => {
  const row = table.querySelector("tbody > tr");
  const box = row.getBoundingClientRect();
  const style = getComputedStyle(row);
  const inner = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)
    - parseFloat(style.borderLeftWidth) - parseFloat(style.borderRightWidth);
  return {
    inner,
    thead: table.tHead ? table.tHead.getBoundingClientRect().height : 0,
    cells: Array.from(row.cells).map(td => {
      const b = td.getBoundingClientRect();
      return {width: b.width, top: b.top, bottom: b.bottom,
              label: td.dataset.label || null,
              shown: getComputedStyle(td, "::before").content};
    }),
  };
}"""


def assert_cards(page, selector: str = "table.cards") -> None:
    """The first table of ``selector`` reads as cards: stacked cells as wide as the
    card, every labelled cell showing its label, the header row out of sight."""
    table = page.locator(selector).first
    expect(table).to_be_visible()
    card = table.evaluate(FIRST_CARD)
    assert card["thead"] <= 1, card
    cells = card["cells"]
    assert len(cells) >= 2, card
    for cell in cells:
        assert cell["width"] >= card["inner"] - 1, card  # spans the card
        if cell["label"]:
            assert cell["shown"] == f'"{cell["label"]}"', card
    for upper, lower in zip(cells, cells[1:], strict=False):
        assert lower["top"] >= upper["bottom"] - 1, card  # one under the other
    assert sum(1 for cell in cells if cell["label"]) >= len(cells) - 1, card


def assert_a_table(page, selector: str = "table.cards") -> None:
    """At a laptop's width the same table is a table: its cells side by side."""
    card = page.locator(selector).first.evaluate(FIRST_CARD)
    assert card["thead"] > 10, card
    tops = {round(cell["top"]) for cell in card["cells"]}
    assert len(tops) == 1, card


def test_the_lists_read_as_cards_on_a_phone_and_stay_tables_on_a_laptop(
    page_for, live_server, looks, world, secretariat, lead_auditor
):
    refresh_results(campaign=world["campaign"])
    lists = [
        ("register", "/documents/", secretariat),
        ("action log", "/audits/actions/", secretariat),
        ("objectives", "/objectives/", secretariat),
        ("survey results", f"/surveys/campaigns/{world['campaign'].pk}/results/", secretariat),
        ("my audits", "/audits/mine/", lead_auditor),
    ]
    for name, url, user in lists:
        page = page_for(user, viewport=PHONE)
        page.goto(live_server.url + url)
        assert_cards(page)
        looks(page, f"{name} as cards")
        assert looks.fits_a_phone(page), name
        page.set_viewport_size(LAPTOP)
        assert_a_table(page)
        page.close()


def test_the_filters_fold_on_a_phone_and_say_how_many_are_in_use(
    page_for, live_server, looks, world, secretariat
):
    page = page_for(secretariat, viewport=PHONE)
    page.goto(f"{live_server.url}/documents/?kind=QT&department=TCCB")
    fold = page.locator("details.filter-fold")
    expect(fold.locator("summary")).to_have_text("Bộ lọc (2 đang dùng)")
    expect(fold).not_to_have_attribute("open", re.compile(".*"))
    expect(page.get_by_label("Trạng thái")).to_be_hidden()
    assert_cards(page)
    # one tap opens them; a filter chosen redraws the list and the count with it
    fold.locator("summary").click()
    page.get_by_label("Trạng thái").select_option("effective")
    expect(fold.locator("summary")).to_have_text("Bộ lọc (3 đang dùng)")
    expect(page.locator("#register-results")).to_contain_text("QT.05-TCCB")
    looks(page, "register filtered")

    # the laptop shows them open; turning back to the phone folds them again
    page.set_viewport_size(LAPTOP)
    expect(fold).to_have_attribute("open", "")
    expect(page.get_by_label("Trạng thái")).to_be_visible()
    page.set_viewport_size(PHONE)
    expect(fold).not_to_have_attribute("open", re.compile(".*"))

    laptop = page_for(secretariat, viewport=LAPTOP)
    laptop.goto(f"{live_server.url}/audits/actions/")
    fold = laptop.locator("details.filter-fold")
    expect(fold).to_have_attribute("open", "")
    expect(fold.locator("summary")).to_have_text("Bộ lọc")
    laptop.get_by_role("checkbox").check()
    laptop.get_by_role("button", name="Lọc").click()
    expect(fold.locator("summary")).to_have_text("Bộ lọc (1 đang dùng)")
