"""Journeys through document control, each persona in their own browser, doing
only what a person does: clicking, typing, choosing, downloading. Set-up data
comes from factories; every step of the journey goes through the pages."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from documents.models import Revision
from tests.conftest import wait_until
from tests.documents.factories import make_document, make_revision
from tests.factories import PASSWORD, make_user
from tests.journeys.conftest import LAPTOP

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def confirm(page, action: str) -> None:
    """Open the sign-off dialog of ``action`` from the edition's decision bar (issue 18)
    and type the password into it."""
    dialog = page.locator(f"dialog#act-{action}")
    if not dialog.is_visible():
        page.locator(f".decision-bar a[data-dialog='act-{action}']").click()
    expect(dialog).to_be_visible()
    dialog.get_by_label("Mật khẩu của bạn").fill(PASSWORD)


@pytest.fixture
def procedure(department, other_department, staff, head, secretariat):
    document = make_document(
        "QT.05-TCCB", department=department, title="Quy trình tuyển dụng viên chức"
    )
    make_revision(
        document,
        state=Revision.State.EFFECTIVE,
        signed_by=head,
        steps=[
            ("Tiếp nhận hồ sơ", "Văn thư", "Kiểm tra tính đầy đủ của hồ sơ.", "1 ngày", "BM.01"),
            ("Thẩm định", "Chuyên viên", "Thẩm định hồ sơ, lập tờ trình.", "3 ngày", ""),
            ("Phê duyệt", "Lãnh đạo Sở", "Ký quyết định tuyển dụng.", "2 ngày", ""),
        ],
    )
    return document


def sign_in(page, live_server, user):
    """Through the sign-in form, as a person does."""
    page.goto(f"{live_server.url}/")
    page.get_by_label("Tên đăng nhập").fill(user.username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


def open_edition(page, live_server, document, number):
    page.goto(f"{live_server.url}/documents/")
    page.get_by_role("link", name=document.code).first.click()
    page.wait_for_url(f"**/documents/{document.code}/")
    page.locator(".revision-table").get_by_role("link", name=str(number), exact=True).click()
    page.wait_for_url(f"**/documents/{document.code}/{number}/")


def test_a_procedure_goes_from_a_draft_to_acknowledged_by_its_readers(
    browser, page_for, live_server, looks, console_errors, procedure, staff, head,
    leadership, secretariat, unit, other_department,
):  # fmt: skip
    # Two readers outside the owning department: a school and another department.
    school_reader = make_user(
        "school", roles=("unit_contact",), unit=unit, full_name="Quàng Thị Mai"
    )
    make_user(
        "khtcreader", roles=("staff",), department=other_department, full_name="Lường Văn Nam"
    )

    # --- staff signs in through the form and opens a new draft ------------------
    context = browser.new_context(viewport=LAPTOP)
    page = console_errors(context.new_page())
    page.set_default_timeout(15000)
    try:
        sign_in(page, live_server, staff)
        looks(page, "home (staff)")
        page.goto(f"{live_server.url}/documents/")
        looks(page, "register")
        page.get_by_role("link", name="QT.05-TCCB").first.click()
        page.wait_for_url("**/documents/QT.05-TCCB/")
        looks(page, "document")
        page.get_by_role("button", name="Mở bản dự thảo lần ban hành mới").click()
        page.wait_for_url("**/QT.05-TCCB/2/**")
        if not page.url.endswith("/edit/"):
            page.get_by_role("link", name="Sửa bản dự thảo").click()
            page.wait_for_url("**/QT.05-TCCB/2/edit/")
        page.locator("#preview table").first.wait_for()  # the preview htmx brings on load
        looks(page, "editor")
        assert looks.fits_a_phone(page)  # the steps table scrolls inside its box

        # edit a section, add a step and move it up before "Phê duyệt"
        page.get_by_label("2. Phạm vi").fill(
            "Áp dụng cho việc tuyển dụng viên chức các trường trực thuộc Sở."
        )
        page.get_by_label("Nội dung sửa đổi của lần ban hành này").fill(
            "Thêm bước công khai kết quả."
        )
        steps = page.locator("[data-rows-editor][data-prefix=steps]")
        steps.get_by_role("button", name="Thêm bước").click()
        rows = steps.locator("[data-rows] > [data-row]:visible")
        expect(rows).to_have_count(4)
        rows.nth(3).locator("input[name$='-name']").fill("Công khai kết quả")
        rows.nth(3).locator("input[name$='-responsible']").fill("Phòng TCCB")
        rows.nth(3).get_by_role("button", name="Chuyển lên").click()
        expect(rows.nth(2).locator("input[name$='-name']")).to_have_value("Công khai kết quả")
        expect(page.locator("#preview")).to_contain_text("Công khai kết quả")
        page.get_by_role("button", name="Lưu bản dự thảo").click()
        expect(page.locator(".message-success")).to_be_visible()

        # submit for review
        page.get_by_role("link", name="Quay lại lần ban hành").click()
        page.wait_for_url("**/QT.05-TCCB/2/")
        looks(page, "edition (draft)")
        # each sign-off is confirmed with the person's password (issue 20)
        confirm(page, "submit")
        page.get_by_role("button", name="Trình kiểm tra").click()
        expect(page.locator(".message-success")).to_be_visible()
    finally:
        context.close()

    draft = Revision.objects.get(document=procedure, number=2)
    assert draft.state == Revision.State.IN_REVIEW
    assert list(draft.steps.values_list("name", flat=True)) == [
        "Tiếp nhận hồ sơ", "Thẩm định", "Công khai kết quả", "Phê duyệt"
    ]  # fmt: skip

    # --- the head reviews --------------------------------------------------------
    page = console_errors(page_for(head, viewport=LAPTOP))
    open_edition(page, live_server, procedure, 2)
    looks(page, "edition (in review, head)")
    confirm(page, "review")
    page.get_by_role("button", name="Xác nhận đã kiểm tra").click()
    expect(page.locator(".message-success")).to_be_visible()

    # --- leadership approves without touching the pre-filled date ----------------
    page = console_errors(page_for(leadership, viewport=LAPTOP))
    open_edition(page, live_server, procedure, 2)
    looks(page, "edition (awaiting approval)")
    confirm(page, "approve")
    date_input = page.get_by_label("Có hiệu lực từ ngày")
    assert date_input.input_value()  # the browser shows the pre-filled date
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".message-success")).to_be_visible()
    draft.refresh_from_db()
    assert draft.state == Revision.State.APPROVED

    # --- the secretariat publishes to a department and a school -------------------
    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    open_edition(page, live_server, procedure, 2)
    looks(page, "edition (approved)")
    confirm(page, "publish")
    page.get_by_label(other_department.name).check()
    page.locator(".unit-picker").get_by_label(unit.name).check()
    page.get_by_role("button", name="Ban hành", exact=True).click()
    expect(page.locator(".message-success")).to_be_visible()
    looks(page, "edition (effective, secretariat)")
    not_yet = page.locator("ul.not-acknowledged > li")
    expect(not_yet.filter(has_text="Quàng Thị Mai")).to_have_count(1)
    before = not_yet.count()

    # --- a reader at the school acknowledges --------------------------------------
    reader = console_errors(page_for(school_reader, viewport=LAPTOP))
    reader.goto(f"{live_server.url}/")
    looks(reader, "home (unit contact)")
    reader.goto(f"{live_server.url}/documents/QT.05-TCCB/")
    looks(reader, "document (reader)")
    reader.get_by_role("button", name="Tôi đã đọc và hiểu").click()
    expect(reader.locator(".ack-box")).to_contain_text("đã xác nhận")

    # --- the who-has-not list shrinks --------------------------------------------
    page.reload()
    expect(not_yet).to_have_count(before - 1)
    expect(not_yet.filter(has_text="Quàng Thị Mai")).to_have_count(0)
    assert console_errors.errors == []


def test_a_change_request_becomes_a_draft_and_a_periodic_review_is_confirmed(
    page_for, live_server, looks, console_errors, procedure, colleague, head, department
):
    guide = make_document(
        "HD.02-TCCB", kind="HD", department=department, title="Hướng dẫn lưu hồ sơ"
    )
    make_revision(guide, state=Revision.State.EFFECTIVE, signed_by=head)
    guide.next_review_on = timezone.localdate() - timedelta(days=3)
    guide.save(update_fields=["next_review_on"])

    # --- a colleague proposes a change -----------------------------------------
    page = console_errors(page_for(colleague, viewport=LAPTOP))
    page.goto(f"{live_server.url}/documents/QT.05-TCCB/")
    page.locator("summary", has_text="Đề nghị sửa đổi").click()
    page.get_by_label("Lý do").fill("Bổ sung thời hạn công khai kết quả tuyển dụng.")
    looks(page, "document (proposing a change)")
    page.get_by_role("button", name="Gửi đề nghị sửa đổi").click()
    expect(page.locator(".message-success")).to_be_visible()

    # --- the head accepts it into a new draft, then confirms the periodic review ---
    page = console_errors(page_for(head, viewport=LAPTOP))
    page.goto(f"{live_server.url}/")
    looks(page, "home (head)")
    page.goto(f"{live_server.url}/documents/QT.05-TCCB/")
    request_box = page.locator("article.change-request")
    expect(request_box).to_contain_text("Bổ sung thời hạn công khai")
    looks(page, "document (deciding)")
    request_box.get_by_label("Chấp nhận: mở bản dự thảo mới").check()
    request_box.get_by_label("Lý do hoặc ghi chú").fill("Đồng ý, đưa vào lần ban hành 2.")
    request_box.get_by_role("button", name="Ghi nhận quyết định").click()
    page.wait_for_load_state()
    wait_until(lambda: procedure.revisions.filter(number=2).exists())
    draft = procedure.revisions.get(number=2)
    assert draft.state == Revision.State.DRAFT
    assert procedure.change_requests.get().revision == draft

    expect(page.locator("article.change-request")).to_contain_text("lần ban hành 2")

    # the guide is overdue for its periodic review: the head confirms it unchanged
    page.goto(f"{live_server.url}/documents/HD.02-TCCB/")
    looks(page, "document (review overdue)")
    page.get_by_label("Lần ban hành hiện hành vẫn phù hợp, giữ nguyên").check()
    page.get_by_label("Ghi chú").fill("Còn phù hợp với quy định hiện hành.")
    page.get_by_role("button", name="Ghi nhận kết quả xem xét").click()
    expect(page.locator(".message-success")).to_be_visible()
    looks(page, "document (reviewed)")
    review = guide.reviews.get()
    assert review.outcome == "unchanged" and review.reviewed_by == head
    assert console_errors.errors == []


def test_the_secretariat_builds_the_manual_and_downloads_it_with_the_new_edition(
    page_for, live_server, looks, console_errors, settings, procedure, department, head,
    secretariat,
):  # fmt: skip
    settings.MANUAL_BUILD_IN_THREAD = True  # a build in the background, its progress shown
    for n in range(1, 4):
        extra = make_document(f"HD.0{n}-TCCB", kind="HD", department=department)
        make_revision(extra, state=Revision.State.EFFECTIVE, signed_by=head)
    procedure.revisions.filter(number=1).update(state=Revision.State.SUPERSEDED)
    new = make_revision(
        procedure,
        state=Revision.State.EFFECTIVE,
        signed_by=head,
        steps=[("Công khai kết quả tuyển dụng", "Phòng TCCB", "Niêm yết.", "5 ngày", "")],
    )

    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    page.goto(f"{live_server.url}/")
    looks(page, "home (secretariat)")
    page.locator("ul.nav-wide").get_by_role("link", name="Sổ tay và báo cáo").click()
    page.wait_for_url("**/manual/**")
    looks(page, "manual builds")
    page.get_by_role("button", name="Tạo sổ tay").click()
    page.locator("#builds progress").first.wait_for()
    looks(page, "manual builds (running)")
    assert looks.fits_a_phone(page)
    download_link = page.locator("#builds").get_by_role("link", name="Tải PDF").first
    download_link.wait_for(timeout=120_000)
    with page.expect_download() as event:
        download_link.click()
    pdf = event.value.path().read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    assert "QT.05-TCCB" in text
    assert "Công khai kết quả tuyển dụng" in text  # the step of the new edition
    assert f"{new.number:02d}" in text or str(new.number) in text
    assert console_errors.errors == []
