"""The inbox, "Việc của tôi", walked by each persona in Chromium: an item appears on
a person's home page when its cause happens, leads straight to the place to act,
and leaves when it is done. Clicks only; set-up data from factories."""

import re

import pytest
from playwright.sync_api import expect

from documents.models import Revision
from tests.documents.factories import make_document, make_revision
from tests.journeys.conftest import LAPTOP, PHONE
from tests.journeys.test_documents import confirm

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

EDITION = "QT.07-TCCB Quy trình tiếp nhận hồ sơ, lần ban hành 2"


def inbox_item(page, action: str):
    """The home page's inbox entry for the edition with this action."""
    return page.locator(".inbox-item").filter(has_text=EDITION).filter(has_text=action)


def go_home(page, live_server):
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="Việc của tôi")).to_be_visible()


def test_an_edition_walks_through_each_persons_inbox_and_leaves_it_when_done(
    page_for, live_server, looks, console_errors, department, staff, head, leadership,
    secretariat,
):  # fmt: skip
    document = make_document("QT.07-TCCB", department=department, title="Quy trình tiếp nhận hồ sơ")
    make_revision(document, state=Revision.State.EFFECTIVE, signed_by=head)
    make_revision(document, state=Revision.State.DRAFT, created_by=staff)

    # --- staff: their own draft to finish, then submitted ------------------------
    page = console_errors(page_for(staff, viewport=LAPTOP))
    go_home(page, live_server)
    looks(page, "inbox (staff, a draft)")
    assert looks.fits_a_phone(page)
    inbox_item(page, "dự thảo của bạn: tiếp tục soạn").get_by_role("link").click()
    page.wait_for_url("**/QT.07-TCCB/2/edit/")
    page.get_by_label("Nội dung sửa đổi của lần ban hành này").fill("Rút ngắn thời hạn tiếp nhận.")
    page.get_by_role("button", name="Lưu bản dự thảo").click()
    page.wait_for_load_state()
    expect(page.locator(".message-success")).to_be_visible()
    page.get_by_role("link", name="Quay lại lần ban hành").click()
    page.wait_for_url("**/QT.07-TCCB/2/")
    confirm(page, "submit")
    page.get_by_role("button", name="Trình kiểm tra").click()
    expect(page.locator(".message-success")).to_be_visible()
    go_home(page, live_server)
    expect(inbox_item(page, "dự thảo của bạn")).to_have_count(0)

    # --- head: "to review" appears, is done, leaves --------------------------------
    page = console_errors(page_for(head, viewport=LAPTOP))
    go_home(page, live_server)
    looks(page, "inbox (head, to review)")
    menu = page.locator(".nav-wide")
    before = int(re.search(r"Tài liệu \((\d+)\)", menu.inner_text()).group(1))
    inbox_item(page, "Cần kiểm tra").get_by_role("link").click()
    page.wait_for_url("**/QT.07-TCCB/2/")
    expect(menu).to_contain_text(f"Tài liệu ({before})")  # fetched after the page
    confirm(page, "review")
    page.get_by_role("button", name="Xác nhận đã kiểm tra").click()
    expect(page.locator(".message-success")).to_be_visible()
    go_home(page, live_server)
    expect(inbox_item(page, "Cần kiểm tra")).to_have_count(0)
    if before > 1:
        expect(menu).to_contain_text(f"Tài liệu ({before - 1})")
    else:
        expect(menu).not_to_contain_text("Tài liệu (")

    # --- leadership: "to approve" -------------------------------------------------
    page = console_errors(page_for(leadership, viewport=PHONE))
    go_home(page, live_server)
    looks(page, "inbox (leadership, to approve, phone)")
    assert looks.fits_a_phone(page)
    inbox_item(page, "Cần phê duyệt").get_by_role("link").click()
    page.wait_for_url("**/QT.07-TCCB/2/")
    confirm(page, "approve")
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".message-success")).to_be_visible()
    go_home(page, live_server)
    expect(inbox_item(page, "Cần phê duyệt")).to_have_count(0)

    # --- secretariat: "to publish" ------------------------------------------------
    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    go_home(page, live_server)
    looks(page, "inbox (secretariat, to publish)")
    inbox_item(page, "Cần ban hành").get_by_role("link").click()
    page.wait_for_url("**/QT.07-TCCB/2/")
    confirm(page, "publish")
    page.get_by_role("button", name="Ban hành", exact=True).click()
    expect(page.locator(".message-success")).to_be_visible()
    go_home(page, live_server)
    expect(inbox_item(page, "Cần ban hành")).to_have_count(0)

    # --- staff: "to acknowledge", acknowledged, gone --------------------------------
    page = console_errors(page_for(staff, viewport=LAPTOP))
    go_home(page, live_server)
    inbox_item(page, "Cần đọc và xác nhận").get_by_role("link").click()
    page.wait_for_url("**/QT.07-TCCB/2/")
    page.get_by_role("button", name="Tôi đã đọc và hiểu").click()
    page.wait_for_load_state()
    go_home(page, live_server)
    expect(inbox_item(page, "Cần đọc và xác nhận")).to_have_count(0)
    looks(page, "inbox (staff, done)")
    assert Revision.objects.get(document=document, number=2).state == Revision.State.EFFECTIVE
    assert console_errors.errors == []
