"""The edition page built for deciding (issue 18), in Chromium: the bar at the top
says where the edition stands and what this person may do, stays in view while the
text scrolls, and opens each sign-off in a dialog; a refused sign-off keeps what was
typed; the changes against the effective edition are marked in place, with a switch
to the clean text. Set-up data from factories; every step a click or a key."""

import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from documents.models import Revision, SignOff
from tests.documents.factories import make_document, make_revision
from tests.factories import PASSWORD
from tests.journeys.conftest import LAPTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]
State = Revision.State
SCREENS = Path(__file__).resolve().parents[2] / "docs" / "screens"

STEPS = [
    (f"Bước {n}: {name}", "Chuyên viên Phòng TCCB", f"{name}; ghi kết quả vào sổ theo dõi.",
     f"{n} ngày", f"BM.{n:02d}")
    for n, name in enumerate(
        ["Tiếp nhận hồ sơ", "Kiểm tra tính hợp lệ", "Thẩm định hồ sơ", "Lập tờ trình",
         "Xin ý kiến các phòng", "Tổng hợp ý kiến", "Trình Lãnh đạo Sở", "Ký quyết định",
         "Công bố kết quả", "Lưu hồ sơ"],
        start=1,
    )
]  # fmt: skip


@pytest.fixture
def in_review(department, staff, head):
    document = make_document(
        "QT.40-TCCB", department=department, title="Quy trình tuyển dụng viên chức"
    )
    make_revision(
        document,
        state=State.EFFECTIVE,
        signed_by=head,
        purpose="Quy định trình tự tuyển dụng viên chức tại các đơn vị trực thuộc Sở.",
        steps=STEPS,
    )
    changed = [*STEPS[:2], STEPS[2][:3] + ("5 ngày", "BM.03"), *STEPS[3:]]
    changed.insert(8, ("Công khai kết quả trên cổng thông tin", "Văn phòng Sở",
                       "Đăng kết quả tuyển dụng trên cổng thông tin điện tử của Sở.",
                       "2 ngày", ""))  # fmt: skip
    edition = make_revision(
        document,
        state=State.IN_REVIEW,
        change_summary="Thêm bước công khai kết quả; thẩm định trong 5 ngày.",
        purpose="Quy định trình tự tuyển dụng viên chức tại các trường và đơn vị trực thuộc Sở.",
        steps=changed,
        created_by=staff,
    )
    SignOff.objects.create(
        revision=edition, step=SignOff.Step.PREPARED, user=staff, name="Nguyễn Thị Lan",
        signed_at=timezone.now(),
    )  # fmt: skip
    return edition


def _bar_in_view(page) -> bool:
    box = page.locator(".decision-bar").bounding_box()
    height = page.viewport_size["height"]
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= height


def _screens(page, name: str) -> None:
    """With IMS_JOURNEY_SCREENS=1: the page as it stands, at a laptop's and a phone's size."""
    if os.environ.get("IMS_JOURNEY_SCREENS") != "1":
        return
    SCREENS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    for label, viewport in (("laptop", LAPTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.wait_for_timeout(300)
        page.screenshot(path=str(SCREENS / f"{name}-{label}.png"), full_page=False)
    page.set_viewport_size(size)


def test_the_head_reviews_and_leadership_approves_from_the_decision_bar(
    page_for, live_server, looks, console_errors, in_review, head, leadership
):
    url = f"{live_server.url}{in_review.get_absolute_url()}"

    # --- the head opens the edition: its state, who holds it, their action ----------
    page = console_errors(page_for(head, viewport=LAPTOP))
    page.goto(url)
    bar = page.locator(".decision-bar")
    expect(bar).to_contain_text("Đang kiểm tra")
    expect(bar).to_contain_text("Lò Văn Hùng, Trưởng phòng")
    expect(bar.get_by_role("link", name="Kiểm tra…")).to_be_visible()
    expect(bar.get_by_role("link", name="Phê duyệt…")).to_have_count(0)
    looks(page, "edition in review (head)")
    assert looks.fits_a_phone(page)

    # the changes against edition 1 are marked where they stand
    content = page.locator(".in-place")
    expect(content.locator("ins", has_text="Công khai kết quả trên cổng thông tin")).to_be_visible()
    expect(content.locator("ins", has_text="trường và")).to_be_visible()
    expect(content.locator("tr.row-changed del", has_text="3")).to_be_visible()
    _screens(page, "edition-decide")

    # ... and the switch shows the clean text, then the changes again
    page.get_by_role("link", name="Xem bản sạch").click()
    page.wait_for_url("**view=clean**")
    expect(page.locator(".in-place")).to_have_count(0)
    expect(page.locator(".edition-content ins")).to_have_count(0)
    expect(page.locator(".steps-table")).to_contain_text("Công khai kết quả trên cổng thông tin")
    looks(page, "edition in review, clean text (head)")
    page.get_by_role("link", name="Xem thay đổi").click()
    page.wait_for_url("**view=changes**")
    expect(page.locator(".in-place ins").first).to_be_visible()

    # --- scrolled to the end, the bar is still in view and still acts ----------------
    page.keyboard.press("End")
    _scrolled_past(page, 600)
    assert _bar_in_view(page)
    bar.get_by_role("link", name="Kiểm tra…").click()
    dialog = page.locator("dialog#act-review")
    expect(dialog).to_be_visible()
    looks(page, "review dialog (head)")
    _screens(page, "edition-decide-dialog")

    # a wrong password: refused in the dialog, the comment still there
    dialog.get_by_label("Ý kiến").fill("Đã đối chiếu với Nghị định 115/2020/NĐ-CP.")
    dialog.get_by_label("Mật khẩu của bạn").fill("sai-mat-khau")
    dialog.get_by_role("button", name="Xác nhận đã kiểm tra").click()
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("Mật khẩu không đúng: chưa có gì được ký.")
    expect(dialog.get_by_label("Ý kiến")).to_have_value(
        "Đã đối chiếu với Nghị định 115/2020/NĐ-CP."
    )
    looks(page, "review dialog refused (head)")

    # the right password signs; the page shows the next state
    dialog.get_by_label("Mật khẩu của bạn").fill(PASSWORD)
    dialog.get_by_role("button", name="Xác nhận đã kiểm tra").click()
    expect(page.locator(".message-success")).to_be_visible()
    expect(bar).to_contain_text("Đã kiểm tra — chờ phê duyệt")
    expect(bar).to_contain_text("Lãnh đạo Sở")
    reviewed = in_review.signoffs.get(step=SignOff.Step.REVIEWED)
    assert reviewed.user == head and reviewed.comment.startswith("Đã đối chiếu")

    # --- leadership, on a phone, approves with the pre-filled date -------------------
    page = console_errors(page_for(leadership, viewport=PHONE))
    page.goto(url)
    bar = page.locator(".decision-bar")
    expect(bar).to_contain_text("Đã kiểm tra — chờ phê duyệt")
    looks(page, "edition reviewed (leadership, phone)")
    assert looks.fits_a_phone(page)
    page.mouse.wheel(0, 2500)
    _scrolled_past(page, 600)
    assert _bar_in_view(page)
    bar.get_by_role("link", name="Phê duyệt…").click()
    dialog = page.locator("dialog#act-approve")
    expect(dialog).to_be_visible()
    today = timezone.localdate()
    expect(dialog.get_by_label("Có hiệu lực từ ngày")).to_have_value(today.isoformat())
    looks(page, "approval dialog (leadership, phone)")
    assert looks.fits_a_phone(page)
    dialog.get_by_label("Mật khẩu của bạn").fill(PASSWORD)
    dialog.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".message-success")).to_be_visible()
    expect(page.locator(".decision-bar")).to_contain_text("Đã phê duyệt — chờ ban hành")
    in_review.refresh_from_db()
    assert in_review.state == State.APPROVED and in_review.effective_date == today
    # The refused sign-off came back as 400 (as every refused form does), which Chromium
    # logs; nothing else may (a script the CSP refused would show here).
    assert [e for e in console_errors.errors if "status of 400" not in e] == []


def test_without_javascript_the_bar_opens_the_dialog_as_a_page(
    browser, live_server, in_review, head
):
    """Scripts off: the bar's link loads the page with the dialog open; signing works."""
    from tests.journeys.test_documents import sign_in

    context = browser.new_context(viewport=LAPTOP, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        sign_in(page, live_server, head)
        page.goto(f"{live_server.url}{in_review.get_absolute_url()}")
        page.locator(".decision-bar").get_by_role("link", name="Kiểm tra…").click()
        page.wait_for_url("**act=review**")
        dialog = page.locator("dialog#act-review")
        expect(dialog).to_be_visible()
        dialog.get_by_label("Mật khẩu của bạn").fill(PASSWORD)
        dialog.get_by_role("button", name="Xác nhận đã kiểm tra").click()
        expect(page.locator(".decision-bar")).to_contain_text("Đã kiểm tra — chờ phê duyệt")
    finally:
        context.close()


def _scrolled_past(page, y: int) -> None:
    """Polled from here: ``wait_for_function`` compiles its text in the page, which the
    Content-Security-Policy (no unsafe-eval) refuses when the wait is not met at once."""
    for _ in range(50):
        if page.evaluate("window.scrollY") > y:
            return
        page.wait_for_timeout(100)
    assert page.evaluate("window.scrollY") > y
