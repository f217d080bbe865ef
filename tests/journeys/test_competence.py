"""Competence in Chromium: the head sets a requirement of a position and records a
member of staff's training with its certificate (a renamed .exe refused with its
reason), the training matrix shows the cell done and counts an acknowledged
document, the register filters and exports; the member of staff reads their own
record and not a colleague's; the certification body's auditor reads and changes
nothing."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from competence.models import Requirement, TrainingRecord, TrainingTopic
from documents.models import Acknowledgement
from tests.competence.conftest import EXE, PDF
from tests.documents.factories import make_effective_document
from tests.factories import make_position
from tests.journeys.conftest import LAPTOP

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def setting(department, staff, colleague, head):
    position = make_position(department, name="Chuyên viên tổ chức cán bộ")
    for person in (staff, colleague):
        person.profile.position = position
        person.profile.save(update_fields=["position"])
    topic = TrainingTopic.objects.create(
        name="Bồi dưỡng quản lý nhà nước ngạch chuyên viên", validity_months=None
    )
    TrainingTopic.objects.create(name="Nhận thức ISO 9001:2015", validity_months=24)
    procedure = make_effective_document(
        "QT.01-TCCB", department=department, title="Quy trình tuyển dụng viên chức"
    )
    Requirement.objects.create(
        position=position, kind="document", text="Đọc quy trình tuyển dụng", document=procedure
    )
    Acknowledgement.objects.create(
        revision=procedure.current, user=staff, acknowledged_at=timezone.now()
    )
    return {"position": position, "topic": topic, "procedure": procedure}


def test_a_head_keeps_competence_and_the_matrix_shows_it(
    page_for, live_server, looks, console_errors, tmp_path, setting, head, staff, colleague
):
    position, topic = setting["position"], setting["topic"]
    page = console_errors(page_for(head, viewport=LAPTOP))
    page.goto(f"{live_server.url}/system/")
    page.get_by_role("link", name="Năng lực và nhận thức").click()
    page.wait_for_url("**/competence/")
    looks(page, "register (head)")

    # --- a requirement of the position: the topic forgotten, then given ---------------
    page.get_by_role("link", name="Chuyên viên tổ chức cán bộ").first.click()
    page.wait_for_url(f"**/competence/positions/{position.pk}/")
    looks(page, "position")
    page.get_by_role("button", name="Thêm yêu cầu").click()
    page.get_by_label("Loại").select_option("training")
    page.locator("#id_text").fill("Bồi dưỡng quản lý nhà nước ngạch chuyên viên")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".field-invalid")).to_contain_text(
        "Chọn nội dung đào tạo chứng minh đáp ứng yêu cầu."
    )
    expect(page.locator("#id_text")).to_have_value("Bồi dưỡng quản lý nhà nước ngạch chuyên viên")
    looks(page, "requirement form (error)")
    page.get_by_label("Nội dung đào tạo").select_option(str(topic.pk))
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"**/competence/positions/{position.pk}/")
    expect(page.locator("#requirements")).to_contain_text(topic.name)

    # --- the staff member's training, with a certificate checked by content ------------
    page.goto(f"{live_server.url}{reverse('competence:person', args=[staff.pk])}")
    expect(page.locator("#gap")).to_contain_text("chưa đáp ứng")
    page.get_by_role("button", name="Ghi nhận khóa đào tạo").click()
    fake = tmp_path / "chung-chi.pdf"
    fake.write_bytes(EXE)
    page.get_by_label("Nội dung đào tạo").select_option(str(topic.pk))
    page.locator("#id_date").fill(timezone.localdate().isoformat())
    page.get_by_label("Kết quả").fill("Hoàn thành")
    page.get_by_label("Chứng chỉ").set_input_files(str(fake))
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".field-invalid")).to_contain_text("không thuộc loại được chấp nhận")
    expect(page.get_by_label("Kết quả")).to_have_value("Hoàn thành")
    looks(page, "training record form (refused)")
    good = tmp_path / "giay-chung-nhan.pdf"
    good.write_bytes(PDF)
    page.get_by_label("Chứng chỉ").set_input_files(str(good))
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(f"**/competence/people/{staff.pk}/")
    expect(page.locator("#trainings")).to_contain_text("giay-chung-nhan.pdf")
    expect(page.locator("#gap")).not_to_contain_text("chưa đáp ứng")
    looks(page, "person record (head)")
    assert TrainingRecord.objects.get().certificate_name == "giay-chung-nhan.pdf"

    # --- the matrix: the training done, the acknowledged document counted --------------
    page.get_by_role("link", name="Ma trận đào tạo").click()
    page.wait_for_url("**/competence/matrix/")
    rows = page.locator("#matrix tbody tr")
    staff_row = rows.filter(has_text="Nguyễn Thị Lan")
    expect(staff_row.locator("td").nth(0)).to_have_text("đáp ứng")
    expect(staff_row.locator("td").nth(1)).to_have_text("đáp ứng")  # QT.01 read
    expect(rows.filter(has_text=colleague.first_name).locator("td").nth(1)).to_have_text(
        "chưa đáp ứng"
    )
    expect(page.locator("#matrix tfoot")).to_contain_text("1/2")
    looks(page, "matrix (head)")
    with page.expect_download() as event:
        page.get_by_role("link", name="Xuất Excel (.xlsx)").click()
    sheet = load_workbook(io.BytesIO(open(event.value.path(), "rb").read())).active
    assert [c.value for c in sheet[1]][:2] == ["Họ và tên", "Vị trí việc làm"]

    # --- the register's filter: only people with a gap -------------------------------
    page.get_by_role("link", name="Sổ theo dõi").click()
    page.get_by_label("Chỉ người chưa đáp ứng yêu cầu").check()
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#register")).to_contain_text(colleague.first_name)
    expect(page.locator("#register")).not_to_contain_text("Nguyễn Thị Lan")
    looks(page, "register filtered")
    assert console_errors.errors == []


def test_staff_read_their_own_record_and_the_external_auditor_changes_nothing(
    page_for, live_server, looks, client, setting, staff, colleague, external
):
    page = page_for(staff, viewport=LAPTOP)
    page.goto(f"{live_server.url}{reverse('competence:index')}")
    page.wait_for_url(f"**/competence/people/{staff.pk}/")
    expect(page.locator("h1")).to_have_text("Nguyễn Thị Lan")
    expect(page.locator("#gap")).to_contain_text("đáp ứng")
    expect(page.get_by_role("button", name="Ghi nhận khóa đào tạo")).to_have_count(0)
    looks(page, "own record (staff)")
    other = page.goto(f"{live_server.url}{reverse('competence:person', args=[colleague.pk])}")
    assert other.status == 403

    auditor = page_for(external, viewport=LAPTOP)
    auditor.goto(
        f"{live_server.url}{reverse('competence:position', args=[setting['position'].pk])}"
    )
    expect(auditor.locator("#requirements")).to_contain_text("Đọc quy trình tuyển dụng")
    expect(auditor.get_by_role("button", name="Thêm yêu cầu")).to_have_count(0)
    expect(auditor.get_by_role("button", name="Xóa")).to_have_count(0)
    looks(auditor, "position (external auditor)")
    auditor.goto(f"{live_server.url}{reverse('competence:person', args=[staff.pk])}")
    expect(auditor.get_by_role("link", name="Sửa")).to_have_count(0)
    client.force_login(external)
    refused = client.post(
        reverse("competence:requirement_remove", args=[Requirement.objects.get().pk])
    )
    assert refused.status_code == 403 and Requirement.objects.count() == 1


def test_the_secretariat_plans_a_training_and_marks_who_attended(
    page_for, live_server, looks, console_errors, setting, secretariat, staff, department
):
    from ims.models import SchoolYear
    from ims.services import ensure_school_year

    year = ensure_school_year(SchoolYear.year_of(timezone.localdate()), current=True)
    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    page.goto(f"{live_server.url}{reverse('competence:trainings')}")
    looks(page, "training plan (secretariat)")
    page.get_by_role("button", name="Lập kế hoạch đào tạo").click()
    page.get_by_label("Năm học").select_option(str(year.pk))
    page.locator("#id_topic").select_option(str(setting["topic"].pk))
    page.locator("#id_title").fill("Bồi dưỡng quản lý nhà nước ngạch chuyên viên 2026")
    outside = year.start_date - timedelta(days=3)
    page.locator("#id_date").fill(outside.isoformat())
    page.locator("#id_place").fill("Hội trường Sở GDĐT")
    page.get_by_label(department.name).check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".field-invalid")).to_contain_text("Ngày này không thuộc năm học đã chọn.")
    expect(page.locator("#id_place")).to_have_value("Hội trường Sở GDĐT")
    looks(page, "training form (error)")
    page.locator("#id_date").fill(year.start_date.isoformat())
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url("**/competence/trainings/*/")
    attendees = page.locator("#attendees")
    expect(attendees).to_contain_text("Nguyễn Thị Lan")
    looks(page, "training (secretariat)")
    row = attendees.locator("tr", has_text="Nguyễn Thị Lan")
    row.get_by_label("đã tham dự").check()
    row.get_by_role("textbox").fill("Hoàn thành")
    row.get_by_role("button", name="Lưu").click()
    expect(
        page.locator("#attendees tr", has_text="Nguyễn Thị Lan").get_by_role("textbox")
    ).to_have_value("Hoàn thành")
    record = TrainingRecord.objects.get(person=staff, training__isnull=False)
    assert record.attended and record.result == "Hoàn thành"
    page.goto(f"{live_server.url}{reverse('competence:trainings')}?year={year.pk}")
    expect(page.locator("#plan")).to_contain_text(
        "Bồi dưỡng quản lý nhà nước ngạch chuyên viên 2026"
    )
    with page.expect_download() as event:
        page.get_by_role("link", name="Xuất Excel (.xlsx)").click()
    sheet = load_workbook(io.BytesIO(open(event.value.path(), "rb").read())).active
    assert sheet.cell(2, 2).value == "Bồi dưỡng quản lý nhà nước ngạch chuyên viên 2026"
    assert console_errors.errors == []
