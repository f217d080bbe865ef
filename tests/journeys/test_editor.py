"""The editor that fits (issue 18): staff open their draft on a laptop and on a phone,
reorder steps by dragging and with the keyboard, edit the terms and the records as
rows, and never lose unsaved text -- not to a closed tab, not to a refused save."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from documents import services
from documents.models import Revision
from tests.documents.factories import make_document, make_revision
from tests.journeys.conftest import LAPTOP, PHONE

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

SCREENS = Path(__file__).resolve().parents[2] / "var" / "screens"
TERMS = (
    "| Từ viết tắt | Giải nghĩa |\n| --- | --- |\n"
    "| UBND | Ủy ban nhân dân |\n| TCCB | Tổ chức cán bộ |\n\n"
    "*Ngày làm việc*: không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ."
)
STEPS = [
    ("Tiếp nhận hồ sơ", "Văn thư", "Kiểm tra tính đầy đủ, hợp lệ của hồ sơ.", "1 ngày", "BM.01"),
    ("Thẩm định", "Chuyên viên phòng TCCB", "Thẩm định hồ sơ, lập tờ trình.", "3 ngày", "BM.02"),
    ("Phê duyệt", "Lãnh đạo Sở", "Ký quyết định tuyển dụng.", "2 ngày", "Quyết định"),
]


@pytest.fixture
def draft(department):
    document = make_document("QT.05-TCCB", department=department, title="Quy trình tuyển dụng")
    return make_revision(document, steps=STEPS, records=2, terms=TERMS)


def step_names(rows) -> list[str]:
    return [rows.nth(i).locator("input[name$='-name']").input_value() for i in range(rows.count())]


def fits(page, selector: str) -> bool:
    """The element does not scroll sideways, and every field in it lies inside it."""
    return page.eval_on_selector(
        selector,
        """box => {
            const outer = box.getBoundingClientRect();
            const inside = [...box.querySelectorAll("input:not([type=hidden]), textarea, button")]
                .filter(f => f.offsetParent !== null)
                .every(f => {
                    const r = f.getBoundingClientRect();
                    return r.left >= outer.left - 1 && r.right <= outer.right + 1;
                });
            return box.scrollWidth <= box.clientWidth && inside;
        }""",
    )


def test_staff_reorder_edit_and_keep_their_unsaved_text_in_an_editor_that_fits(
    page_for, live_server, looks, console_errors, staff, colleague, draft
):
    url = f"{live_server.url}/documents/{draft.document.code}/{draft.number}/edit/"
    page = console_errors(page_for(staff, viewport=LAPTOP))
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    page.goto(f"{live_server.url}/")
    page.locator(f"a[href='/documents/{draft.document.code}/{draft.number}/edit/']").click()
    page.wait_for_url("**/edit/")
    page.locator("#preview table").first.wait_for()

    # --- on a laptop every field of every row is in sight ------------------------
    steps = page.locator("[data-rows-editor][data-prefix=steps]")
    rows = steps.locator("[data-rows] > [data-row]:visible")
    expect(rows).to_have_count(3)
    for prefix in ("terms", "steps", "records"):
        assert fits(page, f"[data-rows-editor][data-prefix={prefix}]"), prefix
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    action = rows.nth(0).get_by_label("Nội dung công việc")
    box = action.bounding_box()
    assert box["width"] >= 400 and box["height"] >= 60  # a box to write in
    expect(rows.nth(0).get_by_label("Biểu mẫu, kết quả")).to_be_visible()
    expect(rows.nth(0).get_by_role("button", name="Xoá")).to_be_visible()
    looks(page, "editor")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENS / "editor-laptop.png"), full_page=True)

    # --- drag step 3 above step 1, then move one with the keyboard ---------------
    # folded, each step is one line: the three fit the screen, nothing to scroll
    fold = steps.get_by_role("button", name="Thu gọn để sắp xếp")
    fold.click()
    expect(fold).to_have_attribute("aria-pressed", "true")
    expect(rows.nth(2).locator(".row-title")).to_have_text("Bước 3 · Phê duyệt")
    expect(rows.nth(2).get_by_label("Nội dung công việc")).to_be_hidden()
    page.screenshot(path=str(SCREENS / "editor-folded-laptop.png"), full_page=True)
    rows.nth(2).locator("[data-handle]").drag_to(rows.nth(0), target_position={"x": 40, "y": 8})
    expect(rows.nth(0).locator("input[name$='-name']")).to_have_value("Phê duyệt")
    assert step_names(rows) == ["Phê duyệt", "Tiếp nhận hồ sơ", "Thẩm định"]
    expect(rows.nth(0).locator("[data-row-number]")).to_have_text("1")
    rows.nth(2).get_by_role("button", name="Chuyển lên").focus()
    page.keyboard.press("Enter")
    assert step_names(rows) == ["Phê duyệt", "Thẩm định", "Tiếp nhận hồ sơ"]
    expect(steps.locator("[data-announce]")).to_have_text(
        "Đã chuyển Bước 2 “Thẩm định” đến vị trí 2/3."
    )
    # the focus stays on the button: pressing again moves the same step on
    assert page.evaluate("document.activeElement.dataset.move") == "up"
    page.keyboard.press("Enter")
    assert step_names(rows) == ["Thẩm định", "Phê duyệt", "Tiếp nhận hồ sơ"]
    fold.click()
    expect(rows.nth(0).get_by_label("Nội dung công việc")).to_be_visible()
    expect(page.locator("#preview")).to_contain_text("Thẩm định")

    # --- a term and a record, edited as rows ------------------------------------
    terms = page.locator("[data-rows-editor][data-prefix=terms] [data-row]:visible")
    expect(terms).to_have_count(2)
    terms.nth(1).get_by_label("Giải nghĩa").fill("Phòng Tổ chức cán bộ")
    records = page.locator("[data-rows-editor][data-prefix=records] [data-row]:visible")
    records.nth(0).get_by_label("Nơi lưu").fill("Tủ hồ sơ phòng TCCB")
    expect(page.locator("#preview")).to_contain_text("Phòng Tổ chức cán bộ")

    # leaving with changes asks first
    page.get_by_role("link", name="Quay lại lần ban hành").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith("/edit/")

    page.get_by_role("button", name="Lưu bản dự thảo").click()
    expect(page.locator(".message-success")).to_be_visible()
    assert step_names(rows) == ["Thẩm định", "Phê duyệt", "Tiếp nhận hồ sơ"]
    draft.refresh_from_db()
    assert list(draft.steps.values_list("name", flat=True)) == [
        "Thẩm định", "Phê duyệt", "Tiếp nhận hồ sơ",
    ]  # fmt: skip
    assert "| TCCB | Phòng Tổ chức cán bộ |" in draft.terms
    assert draft.terms.endswith("*Ngày làm việc*: không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ.")
    assert draft.records.first().place == "Tủ hồ sơ phòng TCCB"
    page.goto(f"{live_server.url}/documents/{draft.document.code}/{draft.number}/")
    text = page.locator("main").inner_text()
    assert text.index("Thẩm định") < text.index("Phê duyệt") < text.index("Tiếp nhận hồ sơ")
    expect(page.locator("main td", has_text="Phòng Tổ chức cán bộ")).to_be_visible()
    expect(page.locator("main td", has_text="Tủ hồ sơ phòng TCCB")).to_be_visible()

    # --- unsaved text survives a closed tab ---------------------------------------
    page.goto(url)
    rows.nth(0).get_by_label("Nội dung công việc").fill("Thẩm định hồ sơ, lập tờ trình (chưa lưu).")
    page.wait_for_timeout(800)  # the copy is kept 0.4 s after the last key
    context = page.context
    page.close()  # as a crash would: no warning, nothing saved
    page = console_errors(context.new_page())  # the same browser, its storage kept
    page.goto(url)
    restore = page.get_by_role("button", name="Khôi phục bản chưa lưu (lúc")
    expect(restore).to_be_visible()
    looks(page, "editor (restore offer)")
    page.screenshot(path=str(SCREENS / "editor-restore-laptop.png"))
    restore.click()
    rows = page.locator("[data-rows-editor][data-prefix=steps] [data-row]:visible")
    expect(rows.nth(0).get_by_label("Nội dung công việc")).to_have_value(
        "Thẩm định hồ sơ, lập tờ trình (chưa lưu)."
    )

    # --- ... and a save refused because somebody else saved first -----------------
    services.save_draft(
        revision=draft,
        actor=colleague,
        data={"purpose": "Mục đích do đồng nghiệp sửa."},
        version=Revision.objects.get(pk=draft.pk).version,
    )
    page.get_by_role("button", name="Lưu bản dự thảo").click()
    expect(page.locator(".conflict")).to_be_visible()
    page.goto(url)  # the draft as the colleague left it
    expect(page.get_by_label("1. Mục đích")).to_have_value("Mục đích do đồng nghiệp sửa.")
    expect(page.locator("[data-restore-note]")).to_contain_text("phiên bản 2")
    page.get_by_role("button", name="Khôi phục bản chưa lưu (lúc").click()
    rows = page.locator("[data-rows-editor][data-prefix=steps] [data-row]:visible")
    expect(rows.nth(0).get_by_label("Nội dung công việc")).to_have_value(
        "Thẩm định hồ sơ, lập tờ trình (chưa lưu)."
    )
    page.get_by_role("button", name="Lưu bản dự thảo").click()
    expect(page.locator(".message-success")).to_be_visible()
    assert draft.steps.first().action == "Thẩm định hồ sơ, lập tờ trình (chưa lưu)."
    page.reload()
    page.locator("#preview table").first.wait_for()
    expect(page.locator("[data-restore-offer]")).to_be_hidden()  # the copy went with the save

    # --- on a phone ---------------------------------------------------------------
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)
    assert looks.fits_a_phone(page)
    for prefix in ("terms", "steps", "records"):
        assert fits(page, f"[data-rows-editor][data-prefix={prefix}]"), prefix
    looks(page, "editor (phone)")
    page.screenshot(path=str(SCREENS / "editor-phone.png"), full_page=True)
    # the refused save's 409 is the only error the browser logged
    assert [e for e in console_errors.errors if "409 (Conflict)" not in e] == []
