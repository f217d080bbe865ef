"""The conformity announcement, its scope and the yearly report."""

import io
from datetime import date

import openpyxl
import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from conformity import services
from conformity.models import Announcement, YearlyReport
from conformity.scope import current_scope, scope_changes
from documents import services as documents
from documents.models import Document
from ims.models import Organisation
from tests.audits.conftest import pdf_text
from tests.documents.factories import make_document, make_revision

pytestmark = pytest.mark.django_db


def procedure(code, title, department, **fields):
    document = make_document(code, title=title, department=department, **fields)
    make_revision(document, state="effective", effective_date=date(2026, 1, 5))
    return Document.objects.get(pk=document.pk)


@pytest.fixture
def organisation(db):
    return Organisation.objects.create(
        name="Sở Giáo dục và Đào tạo", parent_name="Ủy ban nhân dân tỉnh Sơn La"
    )


@pytest.fixture
def scope(department, organisation):
    return [
        procedure(
            "QT.01-TCCB",
            "Quy trình cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
            department,
            tthc_code="1.005092",
            tthc_time_limit="ngay trong ngày",
        ),
        procedure("QT.02-TCCB", "Quy trình tuyển dụng viên chức", department),
        procedure("QT.03-TCCB", "Quy trình nâng lương", department),
    ]


def issued(secretariat, draft=None, **fields):
    draft = draft or services.draft_announcement(actor=secretariat)
    draft = services.update_announcement(
        actor=secretariat,
        announcement=draft,
        fields={
            "number": "412/QĐ-SGDĐT",
            "place": "Sơn La",
            "signed_on": date(2026, 2, 3),
            "signer_name": "Cầm Văn Quân",
            **fields,
        },
        version=draft.version,
    )
    return services.issue_announcement(actor=secretariat, announcement=draft)


# --- the announcement ------------------------------------------------------------------


def test_a_draft_decision_lists_the_procedures_in_force_with_their_administrative_codes(
    scope, secretariat
):
    draft = services.draft_announcement(actor=secretariat)
    assert [row["code"] for row in draft.scope] == ["QT.01-TCCB", "QT.02-TCCB", "QT.03-TCCB"]
    assert draft.scope[0]["tthc_code"] == "1.005092"
    assert "19/2014/QĐ-TTg" in draft.legal_bases and "26/2014/TT-BKHCN" in draft.legal_bases
    assert draft.occasion == Announcement.Occasion.FIRST
    with pytest.raises(services.ConformityError):
        services.draft_announcement(actor=secretariat)  # one draft at a time


def test_issuing_needs_the_number_the_date_and_the_signer_and_freezes_the_scope(
    scope, secretariat, department
):
    draft = services.draft_announcement(actor=secretariat)
    with pytest.raises(services.ConformityError, match="số quyết định.*ngày ký.*người ký"):
        services.issue_announcement(actor=secretariat, announcement=draft)
    announcement = issued(secretariat, draft)
    assert announcement.status == Announcement.Status.ISSUED
    assert len(announcement.scope) == 3

    procedure("QT.04-TCCB", "Quy trình khen thưởng", department)
    announcement.refresh_from_db()
    assert len(announcement.scope) == 3  # the record does not move
    with pytest.raises(services.ConformityError):
        services.update_announcement(
            actor=secretariat, announcement=announcement, fields={}, version=announcement.version
        )


def test_a_stale_draft_is_refused_not_overwritten(scope, secretariat):
    draft = services.draft_announcement(actor=secretariat)
    opened = draft.version
    services.update_announcement(
        actor=secretariat, announcement=draft, fields={"number": "1/QĐ"}, version=opened
    )
    with pytest.raises(services.ConformityError, match="Tải lại trang"):
        services.update_announcement(
            actor=secretariat, announcement=draft, fields={"number": "2/QĐ"}, version=opened
        )
    assert Announcement.objects.get().number == "1/QĐ"


def test_scope_changes_since_the_last_announcement_name_what_was_added_withdrawn_and_changed(
    scope, secretariat, department
):
    assert scope_changes() is None  # never announced
    issued(secretariat)
    assert not scope_changes()

    procedure("QT.04-TCCB", "Quy trình khen thưởng", department)
    documents.make_obsolete(document=scope[2], actor=secretariat, reason="Gộp vào QT.02")
    documents.update_document(
        document=scope[1], actor=secretariat, fields={"tthc_code": "1.004831"}, many={}
    )
    changes = scope_changes()
    assert [r["code"] for r in changes.added] == ["QT.04-TCCB"]
    assert changes.added[0]["since"] == date(2026, 1, 5)
    assert [r["code"] for r in changes.withdrawn] == ["QT.03-TCCB"]
    assert changes.withdrawn[0]["since"] == timezone.localdate()
    assert [(r["code"], r["was_tthc"], r["tthc_code"]) for r in changes.changed] == [
        ("QT.02-TCCB", "", "1.004831")
    ]

    again = services.draft_announcement(actor=secretariat)
    assert again.occasion == Announcement.Occasion.SCOPE_CHANGED
    assert again.signer_name == "Cầm Văn Quân"  # the wording of the last decision


def test_the_secretariat_is_told_once_per_change_of_scope(scope, secretariat, department):
    issued(secretariat)
    assert services.send_scope_reminders() == 0
    procedure("QT.04-TCCB", "Quy trình khen thưởng", department)
    assert services.send_scope_reminders() == 1
    assert services.send_scope_reminders() == 0
    assert len(mail.outbox) == 1
    assert "QT.04-TCCB" in mail.outbox[0].body
    assert "412/QĐ-SGDĐT" in mail.outbox[0].subject
    procedure("QT.05-TCCB", "Quy trình thi đua", department)
    assert services.send_scope_reminders() == 1  # a new change, a new message


def test_the_scope_reminder_is_written_in_each_readers_language(scope, secretariat, department):
    from ims.language import remember_language
    from ims.roles import Role
    from tests.factories import make_user

    colleague = make_user("secretariat2", roles=(Role.ISO_SECRETARIAT,))
    remember_language(user=colleague, language="en")
    issued(secretariat)
    procedure("QT.04-TCCB", "Quy trình khen thưởng", department)
    assert services.send_scope_reminders() == 2
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert subjects[colleague.email].startswith("[IMS] The scope of the quality management")
    assert "Phạm vi Hệ thống quản lý chất lượng đã thay đổi" in subjects[secretariat.email]


def test_the_daily_schedule_sends_the_scope_reminder(scope, secretariat, department):
    issued(secretariat)
    procedure("QT.04-TCCB", "Quy trình khen thưởng", department)
    call_command("run_schedule", stdout=io.StringIO())
    call_command("run_schedule", stdout=io.StringIO())
    assert [m.subject for m in mail.outbox if "412/QĐ-SGDĐT" in m.subject] != []
    assert len([m for m in mail.outbox if "412/QĐ-SGDĐT" in m.subject]) == 1


def test_the_inbox_asks_the_secretariat_to_announce_again(
    scope, secretariat, department, client_for
):
    issued(secretariat)
    procedure("QT.04-TCCB", "Quy trình khen thưởng", department)
    response = client_for(secretariat).get("/")
    items = [(item.kind, item.action) for item in response.context["inbox"]]
    assert ("conformity.scope", "cần công bố lại") in items


def test_sending_and_posting_cannot_come_before_the_signature(scope, secretariat):
    announcement = issued(secretariat)
    with pytest.raises(services.ConformityError):
        services.record_publication(
            actor=secretariat,
            announcement=announcement,
            sent_on=date(2026, 1, 1),
            posted_on=None,
            posted_url="",
        )


# --- pages, rights, paper ------------------------------------------------------------------


def test_the_secretariat_drafts_edits_and_issues_through_the_pages(scope, secretariat, client_for):
    client = client_for(secretariat)
    response = client.post(reverse("conformity:announcement_create"), follow=True)
    draft = Announcement.objects.get()
    assert response.redirect_chain[-1][0] == draft.get_absolute_url()
    form = {
        "version": draft.version,
        "number": "412/QĐ-SGDĐT",
        "place": "Sơn La",
        "signed_on": "2026-02-03",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "",
        "legal_bases": draft.legal_bases,
        "proposed_by": "Chánh Văn phòng Sở",
        "scope_text": "",  # required: refused, nothing lost
        "executors": "Chánh Văn phòng",
        "recipients": "- Như Điều 3;",
    }
    response = client.post(draft.get_absolute_url(), form)
    assert response.status_code == 200  # the form again, with the error
    assert "412/QĐ-SGDĐT" in response.content.decode()  # what was typed is still there
    assert Announcement.objects.get().number == ""
    response = client.post(draft.get_absolute_url(), {**form, "scope_text": "Toàn bộ hoạt động"})
    assert response.status_code == 302
    # issuing without a signer is refused with the reason
    response = client.post(reverse("conformity:announcement_issue", args=[draft.pk]), follow=True)
    assert "tên người ký" in response.content.decode()
    form = {**form, "scope_text": "Toàn bộ hoạt động", "signer_name": "Cầm Văn Quân", "version": 1}
    client.post(draft.get_absolute_url(), form)
    client.post(reverse("conformity:announcement_issue", args=[draft.pk]))
    assert Announcement.objects.get().status == Announcement.Status.ISSUED


def test_auditors_and_leadership_read_but_change_nothing(
    scope, secretariat, leadership, auditor, external, staff, client_for
):
    announcement = issued(secretariat)
    for person in (leadership, auditor, external):
        client = client_for(person)
        assert client.get(reverse("conformity:index")).status_code == 200
        page = client.get(announcement.get_absolute_url())
        assert page.status_code == 200 and "announcement_issue" not in page.content.decode()
        assert (
            client.get(reverse("conformity:announcement_pdf", args=[announcement.pk])).status_code
            == 200
        )
        assert client.post(reverse("conformity:announcement_create")).status_code == 403
        assert client.post(reverse("conformity:report_create"), {}).status_code == 403
        assert (
            client.post(
                reverse("conformity:announcement_publication", args=[announcement.pk]), {}
            ).status_code
            == 403
        )
    assert client_for(staff).get(reverse("conformity:index")).status_code == 403
    assert client_for(secretariat).get("/conformity/announcements/abc/").status_code == 404
    assert client_for(secretariat).get("/conformity/announcements/999/").status_code == 404


def test_the_decision_prints_in_the_administrative_layout_with_its_appendix(
    scope, secretariat, client_for
):
    announcement = issued(secretariat)
    response = client_for(secretariat).get(
        reverse("conformity:announcement_pdf", args=[announcement.pk])
    )
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
    for words in (
        "ỦY BAN NHÂN DÂN TỈNH SƠN LA",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 412/QĐ-SGDĐT",
        "Sơn La, ngày 03 tháng 02 năm 2026",
        "QUYẾT ĐỊNH",
        "TCVN ISO 9001:2015",
        "Điều 1.",
        "Nơi nhận:",
        "PHỤ LỤC",
        "1.005092",
        "Quy trình tuyển dụng viên chức",
    ):
        assert words in text, words


def test_the_scope_downloads_as_a_spreadsheet_with_the_changes(
    scope, secretariat, department, client_for
):
    issued(secretariat)
    procedure("QT.04-TCCB", "Quy trình khen thưởng", department)
    response = client_for(secretariat).get(reverse("conformity:scope_export"))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["QT.01-TCCB"][3] == "1.005092"
    assert rows["QT.04-TCCB"][5] == "thêm mới"


# --- the yearly report -----------------------------------------------------------------


def test_the_yearly_report_is_compiled_edited_then_frozen(scope, secretariat, client_for):
    issued(secretariat)
    client = client_for(secretariat)
    response = client.post(
        reverse("conformity:report_create"),
        {
            "title": "Tình hình áp dụng HTQLCL năm 2026",
            "number": "389/BC-SGDĐT",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "place": "Sơn La",
            "addressee": "Sở Khoa học và Công nghệ tỉnh Sơn La",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Cầm Văn Quân",
        },
    )
    report = YearlyReport.objects.get()
    assert response.status_code == 302
    keys = [s["key"] for s in report.sections]
    assert keys[:3] == ["scope", "documents", "management_reviews"] and keys[-1] == "assessment"
    assert "audits.audit_results" in keys and "audits.corrective_actions" in keys
    documents_section = report.sections[1]
    assert len(documents_section["rows"]) == 3  # three procedures issued in the period
    assert "412/QĐ-SGDĐT" in report.sections[0]["text"]

    form = {f"text_{s['key']}": s["text"] for s in report.sections}
    form |= {
        "version": report.version,
        "number": "389/BC-SGDĐT",
        "place": "Sơn La",
        "addressee": "Sở Khoa học và Công nghệ tỉnh Sơn La",
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Cầm Văn Quân",
    }
    form["text_assessment"] = "Hệ thống được duy trì và cải tiến có hiệu lực."
    assert client.post(report.get_absolute_url(), form).status_code == 302
    stale = client.post(report.get_absolute_url(), form)  # the version it was opened at
    assert stale.status_code == 200 and "Tải lại trang" in stale.content.decode()

    client.post(reverse("conformity:report_freeze", args=[report.pk]))
    report.refresh_from_db()
    assert report.is_frozen and report.sections[-1]["text"].startswith("Hệ thống được duy trì")
    with pytest.raises(services.ConformityError):
        services.update_report(
            actor=secretariat, report=report, fields={}, texts={}, version=report.version
        )
    text = pdf_text(client.get(reverse("conformity:report_pdf", args=[report.pk])))
    assert "BÁO CÁO" in text and "Kính gửi: Sở Khoa học và Công nghệ tỉnh Sơn La" in text
    assert "Hệ thống được duy trì và cải tiến có hiệu lực." in text


def test_a_report_period_ending_before_it_starts_is_refused(secretariat, client_for):
    response = client_for(secretariat).post(
        reverse("conformity:report_create"),
        {"title": "Báo cáo", "period_start": "2026-12-31", "period_end": "2026-01-01"},
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert not YearlyReport.objects.exists()


def test_only_the_secretariat_compiles_a_report(staff):
    with pytest.raises(PermissionDenied):
        services.compile_report(
            actor=staff,
            fields={"title": "x", "period_start": date(2026, 1, 1), "period_end": date(2026, 2, 1)},
        )


# --- the administrative procedure code on procedures ---------------------------------------


def test_only_a_procedure_carries_an_administrative_code_and_it_needs_its_time_limit(
    secretariat, department, client_for
):
    form = {
        "code": "BM.01.01",
        "title": "Mẫu đơn",
        "kind": "BM",
        "department": department.pk,
        "tthc_code": "1.005092",
        "tthc_time_limit": "",
        "review_interval_months": 12,
    }
    response = client_for(secretariat).post(reverse("documents:create"), form)
    page = response.content.decode()
    assert "Chỉ quy trình mới có mã thủ tục hành chính" in page
    assert "thời hạn giải quyết" in page.lower()
    response = client_for(secretariat).post(
        reverse("documents:create"), {**form, "kind": "QT", "code": "QT.09-X", "tthc_code": "12345"}
    )
    assert "1.005097" in response.content.decode()  # the expected shape, in the message
    assert not Document.objects.exists()


def test_the_register_and_the_edition_pdf_show_the_administrative_code(scope, staff, client_for):
    page = client_for(staff).get(reverse("documents:register")).content.decode()
    assert "1.005092" in page
    document = scope[0]
    response = client_for(staff).get(
        reverse("documents:edition_pdf", args=[document.code, document.current.number])
    )
    text = pdf_text(response)
    assert "1.005092" in text and "ngay trong ngày" in text


def test_a_checklist_of_clause_4_3_links_to_the_announced_scope():
    from ims.registry import clause_evidence

    assert [e.key for e in clause_evidence("4.3")] == ["conformity.scope"]
    assert clause_evidence("4.3")[0].url(None) == reverse("conformity:index")


def test_the_scope_today_is_read_in_a_constant_number_of_queries(
    scope, secretariat, department, django_assert_max_num_queries, client_for
):
    issued(secretariat)
    for n in range(5, 25):
        procedure(f"QT.{n:02d}-TCCB", f"Quy trình số {n}", department)
    with django_assert_max_num_queries(4):
        assert len(current_scope()) == 23
        assert len(scope_changes().added) == 20
    client = client_for(secretariat)
    client.get(reverse("conformity:index"))
    with django_assert_max_num_queries(30):
        assert client.get(reverse("conformity:index")).status_code == 200


def test_old_dates_print_with_a_leading_zero_only_where_decree_30_asks():
    from conformity.templatetags.conformity_tags import place_and_date

    assert place_and_date("Sơn La", date(2026, 2, 3)) == "Sơn La, ngày 03 tháng 02 năm 2026"
    assert place_and_date("Sơn La", date(2026, 12, 17)) == "Sơn La, ngày 17 tháng 12 năm 2026"
    assert place_and_date("Sơn La", date(2026, 3, 9)) == "Sơn La, ngày 09 tháng 3 năm 2026"
    assert place_and_date("", None) == "……, ngày … tháng … năm ……"


def test_a_secretary_who_chose_a_summary_gets_no_scope_e_mail_and_none_later(
    scope, secretariat, department
):
    from ims.models import Profile

    Profile.objects.update_or_create(
        user=secretariat, defaults={"notifications": Profile.Notifications.DAILY}
    )
    issued(secretariat)
    procedure("QT.04-TCCB", "Quy trình khen thưởng", department)
    assert services.send_scope_reminders() == 0
    assert mail.outbox == []
    assert services.send_scope_reminders() == 0  # the occasion is spent all the same
    from conformity.models import ScopeReminder

    assert ScopeReminder.objects.count() == 1
