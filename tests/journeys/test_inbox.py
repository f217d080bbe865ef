"""The inbox, "Việc của tôi", walked by each persona in Chromium: an item appears on
a person's home page when its cause happens, leads straight to the place to act,
and leaves when it is done. Clicks only; set-up data from factories.

The personas: staff, the department's head, leadership and the secretariat with an
edition; the lead auditor, the audited head and the secretariat with an audit and
its corrective action; a school's contact with a survey; the external auditor, who
is never given work."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from audits import services as audits
from audits.models import Audit, CorrectiveAction, Finding
from documents.models import Revision
from surveys import services as surveys
from tests.audits.conftest import record
from tests.documents.factories import make_document, make_revision
from tests.factories import PASSWORD
from tests.journeys.conftest import LAPTOP, PHONE
from tests.journeys.test_documents import confirm
from tests.surveys.conftest import make_campaign, make_survey

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
    expect(page.locator(".message-success")).to_be_visible()
    go_home(page, live_server)
    expect(inbox_item(page, "Cần đọc và xác nhận")).to_have_count(0)
    looks(page, "inbox (staff, done)")
    assert Revision.objects.get(document=document, number=2).state == Revision.State.EFFECTIVE
    assert console_errors.errors == []


def item_of(page, kind: str, label: str):
    """The home page's inbox entry of this kind (``audits.action``…) naming ``label``."""
    return page.locator(f".inbox-item[data-kind='{kind}']").filter(has_text=label)


def test_an_audit_and_its_corrective_action_walk_through_the_auditors_heads_and_secretariats_inbox(
    page_for, live_server, looks, console_errors, audit, lead_auditor, head, secretariat,
    external, today,
):  # fmt: skip
    audits.generate_checklist(audit=audit, actor=secretariat)

    # --- the audit is in two days: the lead auditor and the audited head are told -----
    page = console_errors(page_for(lead_auditor, viewport=PHONE))
    go_home(page, live_server)
    looks(page, "inbox (lead auditor, audit to prepare)")
    coming = item_of(page, "audits.audit", audit.subject)
    expect(coming).to_contain_text("Cuộc đánh giá cần chuẩn bị: điền danh mục kiểm tra")
    head_page = console_errors(page_for(head, viewport=LAPTOP))
    go_home(head_page, live_server)
    expect(item_of(head_page, "audits.audit", audit.subject)).to_contain_text(
        "Đơn vị của bạn được đánh giá: cần chuẩn bị"
    )
    # the external auditor reads everything and is never given work
    outside = console_errors(page_for(external, viewport=LAPTOP))
    go_home(outside, live_server)
    expect(outside.locator(".inbox-item")).to_have_count(0)
    expect(outside.locator(".inbox")).to_contain_text("Không có việc nào đang chờ bạn")

    # --- the auditor opens it from the inbox, records a finding, completes the audit --
    coming.get_by_role("link").click()
    page.wait_for_url(f"**/audits/audit/{audit.pk}/")
    record(audit, lead_auditor, Finding.Grade.MINOR, statement="Chưa lưu biên bản kiểm tra")
    action = CorrectiveAction.objects.get(finding__audit=audit)
    page.reload()
    page.locator("summary", has_text="Kết thúc cuộc đánh giá").click()
    page.get_by_label("Tóm tắt cuộc đánh giá").fill(
        "Hệ thống vận hành; một điểm không phù hợp nhẹ."
    )
    page.get_by_role("button", name="Kết thúc cuộc đánh giá").click()
    expect(page.locator(".message-success")).to_be_visible()
    audit.refresh_from_db()
    assert audit.status == Audit.Status.COMPLETED
    go_home(page, live_server)
    expect(item_of(page, "audits.audit", audit.subject)).to_have_count(0)

    # --- the head: the audit leaves, the corrective action to plan arrives ------------
    go_home(head_page, live_server)
    looks(head_page, "inbox (head, corrective action to plan)")
    expect(item_of(head_page, "audits.audit", audit.subject)).to_have_count(0)
    to_plan = item_of(head_page, "audits.action", action.number)
    expect(to_plan).to_contain_text("Hành động khắc phục cần lập kế hoạch")
    to_plan.get_by_role("link").click()
    head_page.wait_for_url(f"**/audits/actions/{action.pk}/")
    head_page.get_by_label("Khắc phục tức thời").fill("Đã lập lại biên bản cho đợt tháng 9.")
    head_page.get_by_label("Vì sao xảy ra?").fill("Chưa có quy định nơi lưu biên bản.")
    head_page.get_by_label("Nguyên nhân gốc").fill("Quy trình không nêu hồ sơ cần lưu.")
    head_page.get_by_label("Kế hoạch hành động khắc phục").fill(
        "Bổ sung biên bản vào mục Hồ sơ cần lưu của QT.05-TCCB."
    )
    # due within the week: a planned action stays in the inbox only when coming due
    head_page.get_by_label("Hạn hoàn thành").fill((today + timedelta(days=5)).isoformat())
    head_page.get_by_role("button", name="Lưu nội dung trả lời").click()
    expect(head_page.locator(".message-success")).to_be_visible()

    # planned and due in five days: the same action is now one to carry out
    go_home(head_page, live_server)
    to_do = item_of(head_page, "audits.action", action.number)
    expect(to_do).to_contain_text("Hành động khắc phục cần thực hiện")
    to_do.get_by_role("link").click()
    head_page.wait_for_url(f"**/audits/actions/{action.pk}/")
    done_on = today - timedelta(days=action.verification_interval_days + 1)
    head_page.get_by_label("Ngày hoàn thành hành động").fill(done_on.isoformat())
    head_page.get_by_label("Những việc đã làm").fill("Đã sửa quy trình, lần ban hành 2.")
    head_page.get_by_role("button", name="Đánh dấu đã xong").click()
    expect(head_page.locator(".message-success")).to_be_visible()
    go_home(head_page, live_server)
    expect(item_of(head_page, "audits.action", action.number)).to_have_count(0)

    # --- the secretariat: the effectiveness to verify, verified, gone ------------------
    page = console_errors(page_for(secretariat, viewport=LAPTOP))
    go_home(page, live_server)
    looks(page, "inbox (secretariat, effectiveness to verify)")
    to_check = item_of(page, "audits.check", action.number)
    expect(to_check).to_contain_text("Cần kiểm tra hiệu lực")
    to_check.get_by_role("link").click()
    page.wait_for_url(f"**/audits/actions/{action.pk}/")
    page.get_by_label("Có hiệu lực: đóng hành động").check()
    page.get_by_label("Kiểm tra xác nhận hiệu lực").fill(
        "Kiểm tra 5 hồ sơ tháng 11: đều có biên bản."
    )
    page.get_by_label("Mật khẩu của bạn").fill(PASSWORD)
    page.get_by_role("button", name="Ghi nhận kết quả kiểm tra").click()
    expect(page.locator(".message-success")).to_be_visible()
    go_home(page, live_server)
    expect(item_of(page, "audits.check", action.number)).to_have_count(0)
    action.refresh_from_db()
    assert action.state == CorrectiveAction.State.CLOSED
    assert console_errors.errors == []


def test_a_schools_contact_finds_the_survey_for_the_school_in_the_inbox_until_it_is_answered(
    page_for, live_server, looks, console_errors, unit, unit_contact
):
    survey = make_survey()
    campaign = make_campaign(survey, title="Khảo sát mức độ hài lòng của nhà trường 2026")
    page = console_errors(page_for(unit_contact, viewport=PHONE))
    go_home(page, live_server)
    expect(item_of(page, "surveys.answer", campaign.title)).to_have_count(0)

    # the secretariat sends the school its one-time link: the survey is in the inbox
    surveys.add_unit_tokens(actor=None, campaign=campaign, units=[unit])
    go_home(page, live_server)
    looks(page, "inbox (unit contact, survey to answer)")
    assert looks.fits_a_phone(page)
    to_answer = item_of(page, "surveys.answer", campaign.title)
    expect(to_answer).to_contain_text("Khảo sát cần đơn vị bạn trả lời")
    to_answer.get_by_role("link").click()
    page.wait_for_url("**/surveys/a/**")
    for key in ("vc1", "vc2", "hd1"):
        question = survey.questions.get(key=key)
        page.locator(f"#f-q{question.pk} label", has_text="Hài lòng").first.click()
    page.get_by_role("button", name="Gửi phiếu trả lời").click()
    page.wait_for_url("**/surveys/thanks/")

    # answered: the link is spent and the survey leaves the inbox
    go_home(page, live_server)
    expect(item_of(page, "surveys.answer", campaign.title)).to_have_count(0)
    assert campaign.tokens.get(unit=unit).used_at is not None
    assert console_errors.errors == []
