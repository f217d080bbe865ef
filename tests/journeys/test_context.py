"""Context of the organisation and interested parties, worked in Chromium by clicks only:
the secretariat records an issue by its PESTLE factor, switches the register to SWOT and
finds it in its quadrant, reviews it, filters and exports; records the learners with
special needs, a need flagged until it is linked to a document and monitored by an
indicator; prints the paper copy. The head of the lead department edits the issue (a
validation error in Vietnamese, nothing typed lost); the auditor reads and is refused."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from context.models import Issue, IssueReview, NeedLink
from ims.models import SchoolYear
from ims.services import ensure_school_year
from tests.documents.factories import make_effective_document
from tests.journeys.conftest import LAPTOP, PHONE
from tests.objectives.conftest import make_indicator, make_objective

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def procedure(department):
    return make_effective_document(
        "QT.01-TCCB", department=department, title="Quy trình tuyển dụng viên chức"
    )


@pytest.fixture
def indicator(head):
    year = ensure_school_year(SchoolYear.year_of(timezone.localdate()), current=True)
    objective = make_objective(year, head, statement="Học sinh khuyết tật được học hòa nhập")
    return make_indicator(objective, owner=head, name="Tỷ lệ học sinh khuyết tật học hòa nhập")


def test_the_secretariat_works_the_context_and_the_interested_parties(
    page_for, live_server, looks, console_errors, secretariat, head, auditor, department,
    procedure, indicator,
):  # fmt: skip
    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    page.goto(f"{live_server.url}/system/")
    page.get_by_role("link", name="Bối cảnh của tổ chức").click()
    page.wait_for_url("**/context/")
    looks(page, "issues register (empty)")

    # The organisation groups its issues as PESTLE for now.
    page.get_by_label("Nhóm các vấn đề theo").select_option("pestle")
    page.get_by_role("button", name="Đổi cách nhóm").click()
    expect(page.get_by_role("heading", name="Pháp luật")).to_be_visible()

    # A new issue, first without its effect: refused in Vietnamese, nothing lost.
    page.get_by_role("button", name="Thêm vấn đề").click()
    page.get_by_label(re.compile("^Vấn đề")).fill("Luật Nhà giáo năm 2025 có hiệu lực")
    page.get_by_label("Bên ngoài").check()
    page.get_by_label("Thuận lợi").check()
    page.get_by_label("Yếu tố PESTLE").select_option(label="Pháp luật")
    page.get_by_label("Phòng chủ trì theo dõi").select_option(label=str(department))
    page.get_by_label("Các quy trình liên quan").select_option(label=str(procedure))
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Trường này là bắt buộc.")).to_be_visible()
    expect(page.get_by_label(re.compile("^Vấn đề"))).to_have_value(
        "Luật Nhà giáo năm 2025 có hiệu lực"
    )
    looks(page, "issue form with an error")
    page.get_by_label(re.compile("^Ảnh hưởng")).fill("Sửa quy trình tuyển dụng, điều động")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi nhận vấn đề VD-001.")).to_be_visible()
    looks(page, "issue page")

    # In the PESTLE column of law; switched to SWOT, among the opportunities.
    page.get_by_role("link", name="Các vấn đề nội bộ và bên ngoài").first.click()
    expect(page.locator("section.col-L")).to_contain_text("VD-001")
    page.get_by_label("Nhóm các vấn đề theo").select_option("swot")
    page.get_by_role("button", name="Đổi cách nhóm").click()
    expect(page.locator("section.col-O")).to_contain_text("VD-001")
    expect(page.locator("section.col-T")).not_to_contain_text("VD-001")
    looks(page, "issues register (SWOT)")
    assert looks.fits_a_phone(page)

    # Filters narrow the register; the export downloads what is shown.
    page.get_by_label("Nguồn gốc").select_option("internal")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator(".issue-grid")).not_to_contain_text("VD-001")
    page.get_by_label("Nguồn gốc").select_option("external")
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("section.col-O")).to_contain_text("VD-001")
    with page.expect_download() as event:
        page.get_by_role("link", name="Xuất .xlsx").click()
    assert event.value.suggested_filename.endswith(".xlsx")

    # The yearly review: who and when, the next one a year on.
    page.locator("section.col-O").get_by_role("link", name="VD-001").click()
    page.get_by_label("Kết luận xem xét").fill("Vẫn còn tác động, chờ văn bản hướng dẫn")
    page.get_by_role("button", name="Ghi nhận kết quả xem xét").click()
    expect(page.get_by_text("Đã ghi nhận xem xét")).to_be_visible()
    expect(page.locator("#review")).to_contain_text("Đinh Thị Thu Hà")
    assert IssueReview.objects.get().reviewed_by == secretariat

    # Learners with special needs, a need flagged until linked.
    page.get_by_role("link", name="Các vấn đề nội bộ và bên ngoài").first.click()
    page.get_by_role("link", name="Các bên quan tâm").first.click()
    page.get_by_role("button", name="Thêm bên quan tâm").click()
    page.get_by_label(re.compile("^Bên quan tâm")).fill("Học sinh khuyết tật")
    page.get_by_label("Loại").select_option(label="Người học có nhu cầu đặc biệt")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_label("Nhu cầu hoặc mong đợi").fill(
        "Được tiếp cận tài liệu chữ nổi, đề thi phóng to"
    )
    page.get_by_role("button", name="Thêm nhu cầu").click()
    need = page.locator("li.need").first
    expect(need).to_contain_text("chưa có cách đáp ứng")
    looks(page, "party with an unmet need")
    form = page.locator("#add-link")
    form.get_by_label("Liên kết").select_option("met_by")
    form.get_by_label("Chỉ số").select_option(index=1)
    form.get_by_role("button", name="Thêm liên kết").click()
    expect(page.get_by_text("chỉ liên kết với")).to_be_visible()  # an indicator monitors
    form.get_by_label("Liên kết").select_option("met_by")
    form.get_by_label("Tài liệu").select_option(label=str(procedure))
    form.get_by_role("button", name="Thêm liên kết").click()
    expect(page.get_by_text("Đã thêm liên kết.")).to_be_visible()
    expect(need).not_to_contain_text("chưa có cách đáp ứng")
    expect(need).to_contain_text("lần ban hành 1")
    form.get_by_label("Liên kết").select_option("monitored_by")
    form.get_by_label("Chỉ số").select_option(index=1)
    form.get_by_role("button", name="Thêm liên kết").click()
    expect(need).to_contain_text("Tỷ lệ học sinh khuyết tật học hòa nhập")
    expect(need).to_contain_text("chưa có số đo")
    assert set(NeedLink.objects.values_list("role", "target")) == {
        ("met_by", "document"),
        ("monitored_by", "indicator"),
    }
    looks(page, "party page")
    assert looks.fits_a_phone(page)
    page.get_by_role("link", name="Các bên quan tâm").first.click()
    expect(page.locator(".party-card.special")).to_contain_text("Học sinh khuyết tật")
    looks(page, "parties register")

    # The paper copy for the management review file.
    page.get_by_role("link", name="Các vấn đề nội bộ và bên ngoài").first.click()
    page.wait_for_url("**/context/")
    href = page.get_by_role("link", name="In (PDF)").get_attribute("href")
    printed = page.request.get(live_server.url + href)  # opens in the browser's viewer
    assert printed.headers["content-type"] == "application/pdf"
    assert printed.body().startswith(b"%PDF")
    assert console_errors.errors == []

    # The head of the lead department keeps the issue: an error, then saved.
    issue = Issue.objects.get()
    page = page_for(head, viewport=LAPTOP)
    page.goto(f"{live_server.url}{issue.get_absolute_url()}")
    page.get_by_role("button", name="Sửa").click()
    page.get_by_label(re.compile("^Ảnh hưởng")).fill("")
    page.get_by_label(re.compile("^Vấn đề")).fill("Luật Nhà giáo năm 2025")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Trường này là bắt buộc.")).to_be_visible()
    expect(page.get_by_label(re.compile("^Vấn đề"))).to_have_value("Luật Nhà giáo năm 2025")
    page.get_by_label(re.compile("^Ảnh hưởng")).fill("Sửa ba quy trình của phòng")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu vấn đề.")).to_be_visible()
    expect(page.locator(".history")).to_contain_text("Lò Văn Hùng")

    # The auditor reads, finds nothing to change, and a write is refused.
    page = page_for(auditor, viewport=LAPTOP)
    page.goto(f"{live_server.url}/context/")
    expect(page.locator("section.col-O")).to_contain_text("VD-001")
    expect(page.get_by_role("button", name="Thêm vấn đề")).to_have_count(0)
    expect(page.get_by_role("button", name="Đổi cách nhóm")).to_have_count(0)
    page.locator("section.col-O").get_by_role("link", name="VD-001").click()
    expect(page.get_by_role("button", name="Sửa")).to_have_count(0)
    expect(page.get_by_role("button", name="Ghi nhận kết quả xem xét")).to_have_count(0)
    looks(page, "issue page (auditor)")
    client = Client()
    client.force_login(auditor)
    assert client.post(f"/context/issues/{issue.pk}/review/", {"note": "x"}).status_code == 403
    assert IssueReview.objects.count() == 1


def test_the_secretariat_takes_a_party_out_of_the_register_and_puts_it_back(
    page_for, live_server, looks, console_errors, secretariat
):
    from context import services

    services.add_party(
        actor=secretariat, fields={"name": "Học sinh khuyết tật", "kind": "special_needs"}
    )
    party = services.add_party(
        actor=secretariat, fields={"name": "Doanh nghiệp đặt hàng đào tạo", "kind": "employers"}
    )
    page = console_errors(page_for(secretariat, viewport=PHONE))
    page.goto(f"{live_server.url}/context/parties/")
    page.get_by_role("link", name=party.name).click()
    page.wait_for_url(f"**/context/parties/{party.pk}/")

    # the reason is asked for: an empty one is refused with a message
    page.locator("summary", has_text="Không còn liên quan").click()
    page.get_by_role("button", name="Đưa ra khỏi danh mục").click()
    expect(page.locator(".message-error")).to_contain_text("Hãy ghi lý do")
    page.locator("summary", has_text="Không còn liên quan").click()
    page.get_by_label("Lý do không còn liên quan").fill("Sở không còn đặt hàng đào tạo nghề.")
    looks(page, "party (taking it out)")
    page.get_by_role("button", name="Đưa ra khỏi danh mục").click()
    expect(page.locator(".message-success")).to_contain_text("đã được đưa ra khỏi danh mục")
    expect(page.locator(".retired-note")).to_contain_text("Sở không còn đặt hàng đào tạo nghề.")
    expect(page.get_by_role("button", name="Thêm nhu cầu")).to_have_count(0)
    looks(page, "party (no longer relevant)")

    # gone from the register, found again with the filter
    page.get_by_role("link", name="Các bên quan tâm").first.click()
    expect(page.locator(".party-card")).to_have_count(1)
    expect(page.locator(".parties")).not_to_contain_text(party.name)
    fold = page.locator("details[data-filter-fold]")
    if not fold.evaluate("d => d.open"):
        fold.locator("summary").click()
    page.get_by_label("Gồm cả các bên không còn liên quan").check()
    page.get_by_role("button", name="Lọc").click()
    card = page.locator(".party-card", has_text=party.name)
    expect(card).to_contain_text("Không còn liên quan từ")
    looks(page, "parties register (with those no longer relevant)")

    # relevant again: back in the register
    card.get_by_role("link", name=party.name).click()
    page.get_by_role("button", name="Liên quan trở lại: đưa lại vào danh mục").click()
    expect(page.locator(".message-success")).to_contain_text("đã được đưa trở lại danh mục")
    page.get_by_role("link", name="Các bên quan tâm").first.click()
    expect(page.locator(".party-card")).to_have_count(2)
    assert console_errors.errors == []


def test_the_secretariat_takes_a_need_out_of_the_register_and_puts_it_back(
    page_for, live_server, looks, console_errors, secretariat
):
    from context import services

    party = services.add_party(
        actor=secretariat, fields={"name": "Học sinh khuyết tật", "kind": "special_needs"}
    )
    services.add_need(actor=secretariat, party=party, text="Được học hòa nhập")
    services.add_need(actor=secretariat, party=party, text="Phòng học ở tầng 1")
    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    page.goto(f"{live_server.url}{party.get_absolute_url()}")
    page.locator("li.need", has_text="Phòng học ở tầng 1").get_by_role("link", name="Sửa").click()
    page.locator("summary", has_text="Không còn liên quan").click()
    page.get_by_label("Lý do không còn liên quan").fill("Trường đã lắp thang máy.")
    looks(page, "need (taking it out)")
    page.get_by_role("button", name="Đưa ra khỏi danh mục").click()
    expect(page.locator(".message-success")).to_contain_text("Nhu cầu đã được đưa ra khỏi")
    expect(page.locator("ul.needs:not(.retired) > li.need")).to_have_count(1)
    folded = page.locator("details.retired-needs")
    expect(folded).to_contain_text("1 nhu cầu không còn liên quan")
    folded.locator("summary").click()
    expect(folded).to_contain_text("Trường đã lắp thang máy.")
    looks(page, "party (a need no longer relevant)")

    folded.get_by_role("link", name="Chi tiết").click()
    looks(page, "need (no longer relevant)")
    page.get_by_role("button", name="Liên quan trở lại: đưa lại vào danh mục").click()
    expect(page.locator(".message-success")).to_contain_text("Nhu cầu đã được đưa trở lại")
    expect(page.locator("li.need", has_text="Phòng học ở tầng 1")).to_have_count(1)
    expect(page.locator("details.retired-needs")).to_have_count(0)
    assert console_errors.errors == []
