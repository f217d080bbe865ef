"""In the browser: a sign-off confirmed with the password, and the verification page."""

import pytest
from django.utils import timezone

from documents import services
from documents.models import Revision, SignOff
from documents.printing import editions
from tests.documents.factories import make_document, make_revision
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
State = Revision.State


@pytest.fixture
def in_review(department, head):
    document = make_document("QT.11-TCCB", department=department, title="Quy trình tiếp dân")
    revision = make_revision(document, state=State.IN_REVIEW)
    services.review(revision=revision, actor=head, auth_method="password")
    return revision


def test_leadership_approves_with_the_password_and_the_prefilled_date(
    page_for, live_server, leadership, in_review
):
    page = page_for(leadership)
    page.goto(f"{live_server.url}{in_review.get_absolute_url()}")
    page.get_by_role("link", name="Phê duyệt…").click()  # the decision bar opens the dialog
    form = page.locator("form[action$='/approve/']")
    # The effective date comes filled in with today; only the password is typed.
    assert form.locator("input[name=effective_date]").input_value() == (
        timezone.localdate().isoformat()
    )
    form.get_by_label("Mật khẩu của bạn").fill(PASSWORD)
    form.get_by_role("button", name="Phê duyệt").click()
    page.get_by_text("Đã phê duyệt lần ban hành.").wait_for()
    in_review.refresh_from_db()
    assert in_review.state == State.APPROVED
    signoff = in_review.signoffs.get(step=SignOff.Step.APPROVED)
    assert signoff.auth_method == "password" and signoff.user == leadership
    assert "xác thực bằng mật khẩu" in page.locator(".signoff-log").text_content()


def test_a_wrong_password_is_refused_and_the_edition_stays_in_review(
    page_for, live_server, leadership, in_review
):
    page = page_for(leadership)
    page.goto(f"{live_server.url}{in_review.get_absolute_url()}")
    page.get_by_role("link", name="Phê duyệt…").click()  # the decision bar opens the dialog
    form = page.locator("form[action$='/approve/']")
    form.get_by_label("Mật khẩu của bạn").fill("sai-mat-khau")
    form.get_by_role("button", name="Phê duyệt").click()
    page.get_by_text("Mật khẩu không đúng: chưa có gì được ký.").wait_for()
    in_review.refresh_from_db()
    assert in_review.state == State.IN_REVIEW
    assert not in_review.signoffs.filter(step=SignOff.Step.APPROVED).exists()


@pytest.mark.parametrize(
    "viewport", [{"width": 1366, "height": 800}, {"width": 390, "height": 844}]
)
def test_a_reader_verifies_a_downloaded_edition(
    page_for, live_server, signed_pdfs, department, outsider, tmp_path, viewport
):
    document = make_document("QT.12-TCCB", department=department, title="Quy trình lưu trữ")
    revision = make_revision(document, state=State.EFFECTIVE)
    path = tmp_path / "QT.12-TCCB-lan-01.pdf"
    path.write_bytes(editions.edition_pdf_bytes(revision))
    page = page_for(outsider, viewport=viewport)
    page.goto(f"{live_server.url}/documents/verify/")
    page.get_by_label("Tệp PDF").set_input_files(str(path))
    page.get_by_role("button", name="Kiểm tra").click()
    result = page.locator(".verify-result")
    result.wait_for()
    text = result.inner_text()
    assert "Hợp lệ" in text and "QT.12-TCCB" in text and "Sở Giáo dục và Đào tạo" in text
    # Nothing runs off the side of a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
