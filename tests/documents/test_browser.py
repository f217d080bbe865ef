from pathlib import Path

import pytest
from playwright.sync_api import expect

from documents.models import Revision
from tests.documents.factories import make_document, make_revision
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_editing_a_procedures_steps_in_the_browser(page_for, live_server, staff, department):
    document = make_document("QT.05-TCCB", department=department, title="Quy trình tuyển dụng")
    draft = make_revision(
        document,
        steps=[
            ("Tiếp nhận hồ sơ", "Văn thư", "Kiểm tra hồ sơ.", "1 ngày", "BM.01"),
            ("Thẩm định", "Chuyên viên", "Thẩm định.", "3 ngày", ""),
        ],
    )
    page = page_for(staff)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/documents/{document.code}/{draft.number}/edit/")

    steps = page.locator("[data-rows-editor][data-prefix=steps]")
    steps.get_by_role("button", name="Thêm bước").click()
    rows = steps.locator("[data-rows] > [data-row]:visible")
    assert rows.count() == 3
    rows.nth(2).locator("input[name$='-name']").fill("Lập danh sách trúng tuyển")
    rows.nth(2).locator("input[name$='-responsible']").fill("Hội đồng tuyển dụng")
    # the new step goes before "Thẩm định"
    rows.nth(2).get_by_role("button", name="Chuyển lên").click()
    # and the first step is removed
    rows.nth(0).get_by_role("button", name="Xoá").click()

    page.fill("textarea[name=purpose]", "Quy định **trình tự** tuyển dụng viên chức.")
    preview = page.locator("#preview")
    preview.locator("strong", has_text="trình tự").wait_for()
    assert "Lập danh sách trúng tuyển" in preview.inner_text()
    assert "Tiếp nhận hồ sơ" not in preview.inner_text()
    page.screenshot(path="var/screens/documents-editor.png", full_page=True)

    page.get_by_role("button", name="Lưu bản dự thảo").click()
    expect(page.locator(".message-success")).to_be_visible()

    draft = Revision.objects.get(pk=draft.pk)
    assert list(draft.steps.values_list("name", flat=True)) == [
        "Lập danh sách trúng tuyển",
        "Thẩm định",
    ]
    assert draft.version == 2

    page.get_by_role("link", name="Lịch sử thay đổi").click()
    page.wait_for_url("**/history/")
    first_row = page.locator(".history-table tbody tr").first
    assert "Nguyễn Thị Lan" in first_row.inner_text()
    assert first_row.locator("td").nth(3).inner_text().strip() == "2"
    page.screenshot(path="var/screens/documents-history.png", full_page=True)
    assert errors == []


def test_leadership_approves_without_touching_the_prefilled_date(
    page_for, live_server, staff, head, leadership, department
):
    from documents import services

    document = make_document(department=department, title="Quy trình tiếp nhận hồ sơ")
    draft = make_revision(document)
    services.submit_for_review(revision=draft, actor=staff)
    services.review(revision=draft, actor=head)

    page = page_for(leadership)
    page.goto(f"{live_server.url}{draft.get_absolute_url()}")
    date_input = page.locator("input[type=date][name=effective_date]")
    # the browser shows the pre-filled date (an unparseable value reads as "")
    assert date_input.input_value() != ""
    # Approving is a sign-off, in a dialog the decision bar opens (issue 18): the person
    # confirms it is them (issue 20).
    page.get_by_role("link", name="Phê duyệt…").click()
    page.locator("form[action$='/approve/']").get_by_label("Mật khẩu của bạn").fill(PASSWORD)
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    expect(page.locator(".message-success")).to_be_visible()
    draft.refresh_from_db()
    assert draft.state == Revision.State.APPROVED
    assert draft.effective_date is not None


def test_the_register_export_holds_only_the_rows_filtered_on_screen(
    page_for, live_server, staff, department
):
    import io
    from datetime import timedelta

    from django.utils import timezone
    from openpyxl import load_workbook

    from documents.models import Document

    today = timezone.localdate()
    for n in range(1, 5):
        document = make_document(f"QT.0{n}-TCCB", department=department)
        make_revision(document, state=Revision.State.EFFECTIVE)
        if n % 2:
            Document.objects.filter(pk=document.pk).update(next_review_on=today - timedelta(days=n))
    page = page_for(staff)
    page.goto(f"{live_server.url}/documents/")
    page.select_option("select[name=status]", "overdue")
    page.wait_for_url("**status=overdue**")
    page.locator("#register-results tbody tr").nth(1).wait_for()
    assert page.locator("#register-results tbody tr").count() == 2
    for fmt in ("xlsx", "csv"):
        with page.expect_download() as download:
            page.locator(f"a[href*='/documents/export/{fmt}/']").click()
        data = Path(download.value.path()).read_bytes()
        if fmt == "xlsx":
            sheet = load_workbook(io.BytesIO(data)).active
            codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
        else:
            lines = data.decode("utf-8-sig").strip().splitlines()[1:]
            codes = [line.split(",")[0] for line in lines]
        assert sorted(codes) == ["QT.01-TCCB", "QT.03-TCCB"], fmt


def test_leaving_the_editor_with_unsaved_changes_asks_first(
    page_for, live_server, staff, department
):
    document = make_document("QT.07-TCCB", department=department, title="Quy trình thi đua")
    draft = make_revision(document)
    page = page_for(staff)
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    # the draft waits on the person's home page, with a link to the editor
    page.goto(f"{live_server.url}/")
    page.locator(f"a[href='/documents/{document.code}/{draft.number}/edit/']").click()
    page.wait_for_url("**/edit/")

    page.fill("textarea[name=purpose]", "Quy định trình tự xét thi đua, khen thưởng.")
    page.get_by_role("link", name="Quay lại lần ban hành").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url.endswith("/edit/")  # still there, the text kept
    assert "khen thưởng" in page.input_value("textarea[name=purpose]")

    page.get_by_role("button", name="Lưu bản dự thảo").click()
    expect(page.locator(".message-success")).to_be_visible()
    page.get_by_role("link", name="Quay lại lần ban hành").click()
    page.wait_for_url(f"**/documents/{document.code}/{draft.number}/")
    assert dialogs == ["beforeunload"]  # no second warning after saving


def test_staff_upload_a_flow_chart_in_the_editor_and_it_shows_on_the_page_and_in_the_pdf(
    page_for, live_server, staff, department, tmp_path
):
    from tests.documents.test_pdf_fetching import image_count, png

    document = make_document("QT.08-TCCB", department=department, title="Quy trình có lưu đồ")
    draft = make_revision(document)
    chart = tmp_path / "luu-do.png"
    chart.write_bytes(png(size=(600, 300), colour="teal"))
    for name, viewport in [("desktop", (1366, 800)), ("phone", (390, 844))]:
        page = page_for(staff, viewport={"width": viewport[0], "height": viewport[1]})
        errors = []
        page.on("console", lambda msg, seen=errors: msg.type == "error" and seen.append(msg.text))
        page.goto(f"{live_server.url}/documents/{document.code}/{draft.number}/edit/")
        if name == "desktop":
            page.fill("textarea[name=purpose]", "Quy định trình tự (chưa lưu).")
            page.set_input_files("#edition-images input[type=file]", str(chart))
            page.get_by_role("button", name="Tải ảnh lên").click()
            page.locator(".image-list li.is-added").wait_for()
            # the upload left the unsaved text as it was
            assert page.input_value("textarea[name=purpose]") == "Quy định trình tự (chưa lưu)."
            page.get_by_role("button", name="Chèn vào văn bản").click()
            assert "![luu-do](attachment:1)" in page.input_value("textarea[name=purpose]")
            page.locator("#preview img").wait_for()
        page.screenshot(path=f"var/screens/documents-editor-image-{name}.png", full_page=True)
        if name == "desktop":
            page.get_by_role("button", name="Lưu bản dự thảo").click()
            expect(page.locator(".message-success")).to_be_visible()
        assert errors == []

    draft.refresh_from_db()
    assert "![luu-do](attachment:1)" in draft.purpose
    page.goto(f"{live_server.url}/documents/{document.code}/{draft.number}/")
    shown = page.locator(".edition-content img").first
    shown.wait_for()
    assert shown.evaluate("img => img.complete && img.naturalWidth") == 600
    pdf = page.request.get(f"{live_server.url}/documents/{document.code}/{draft.number}/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    assert image_count(pdf.body()) == 1
    Path("var/screens/documents-edition-image.pdf").write_bytes(pdf.body())


def test_on_a_phone_the_editors_preview_follows_the_form_instead_of_sticking_over_it(
    page_for, live_server, staff, department
):
    document = make_document("QT.08-TCCB", department=department, title="Quy trình nâng lương")
    draft = make_revision(document)
    for width, expected in [(390, "static"), (1366, "sticky")]:
        page = page_for(staff, viewport={"width": width, "height": 844})
        page.goto(f"{live_server.url}/documents/{document.code}/{draft.number}/edit/")
        position = page.eval_on_selector(".preview-pane", "e => getComputedStyle(e).position")
        assert position == expected, width
