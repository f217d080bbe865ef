import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}


def test_on_a_phone_the_menu_folds_and_opens(page_for, live_server, secretariat):
    page = page_for(secretariat, viewport=PHONE)
    page.goto(f"{live_server.url}/")
    assert page.locator("html").get_attribute("lang") == "vi"
    wide = page.locator("ul.nav-wide")
    assert not wide.is_visible()
    page.locator("details.nav-menu summary").click()
    link = page.locator("details.nav-menu a", has_text="Tổ chức")
    link.click()
    page.wait_for_url("**/org/departments/")
    assert page.locator("h1").inner_text() == "Phòng ban"
    page.screenshot(path="var/screens/phone-departments.png", full_page=True)


def test_on_a_laptop_the_secretariats_menu_keeps_one_row_under_the_brand(
    page_for, live_server, secretariat
):
    page = page_for(secretariat, viewport={"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/")
    items = page.locator("ul.nav-wide > li")
    tops = {round(box["y"]) for box in (items.nth(i).bounding_box() for i in range(items.count()))}
    assert items.count() >= 8 and len(tops) == 1  # every item on one row
    brand = page.locator(".site-header .brand").bounding_box()
    user = page.locator("details.user-menu summary").bounding_box()
    assert abs((brand["y"] + brand["height"] / 2) - (user["y"] + user["height"] / 2)) < 8
    assert min(tops) > user["y"] + user["height"] - 4  # the menu row comes under them
    page.screenshot(path="var/screens/laptop-home.png")


def test_the_language_switcher_turns_the_page_to_english(page_for, live_server, staff):
    page = page_for(staff)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/")
    assert page.locator("ul.nav-wide a", has_text="Trang chủ").is_visible()
    page.locator(".language-switcher button[value=en]").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("ul.nav-wide a", has_text="Home")).to_be_visible()
    page.screenshot(path="var/screens/home-en.png", full_page=True)
    assert errors == []  # nothing refused by the Content-Security-Policy


def test_signing_in_through_the_form(page_for, live_server, staff):
    from tests.factories import PASSWORD

    page = page_for()
    page.goto(f"{live_server.url}/")
    page.fill("input[name=username]", staff.username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
    assert "Nguyễn Thị Lan" in page.content()
