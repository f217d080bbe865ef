"""The training matrix on a phone: it scrolls sideways inside its own scroller, and the
people's column stays pinned at the left, over the cells that pass under it."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_matrix_keeps_each_persons_name_in_view_while_it_scrolls(
    page_for, live_server, head, staff, requirements
):
    page = page_for(head, viewport=PHONE)
    page.goto(f"{live_server.url}/competence/matrix/")
    name = page.locator("#matrix tbody th").filter(has_text=staff.first_name)
    expect(name).to_be_visible()
    wrap = page.locator(".table-wrap").filter(has=page.locator("#matrix"))
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")  # wider than the phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    name.scroll_into_view_if_needed()
    before = name.bounding_box()

    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => r()))")

    after = name.bounding_box()
    assert abs(after["x"] - before["x"]) < 1  # pinned, not scrolled away
    # What shows at the name's place is the name, not a cell scrolled under it.
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('th')?.textContent ?? ''",
        [after["x"] + after["width"] - 4, after["y"] + after["height"] / 2],
    )
    assert staff.first_name in on_top
    # ...and paints over them: no pinned cell lets a badge show through (the stripe of
    # odd rows is translucent on its own).
    backgrounds = page.locator("#matrix tbody th").evaluate_all(
        "cells => cells.map(c => getComputedStyle(c).backgroundColor)"
    )
    assert backgrounds and all(b.startswith("rgb(") for b in backgrounds), backgrounds
    page.screenshot(path="var/screens/competence-matrix-scrolled-390x844.png")
