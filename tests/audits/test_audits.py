import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from audits import services
from audits.models import Audit, CorrectiveAction, Finding
from ims.models import Clause
from tests.audits.conftest import clauses

CA = CorrectiveAction


def record(audit, actor, grade, number="7.5.3", **extra):
    return services.record_finding(
        audit=audit,
        actor=actor,
        grade=grade,
        clause=clauses(number)[0],
        department=audit.department,
        statement=extra.pop("statement", f"Phát hiện {grade}"),
        evidence=extra.pop("evidence", "Hồ sơ tuyển dụng 2025"),
        **extra,
    )


# --- independence -------------------------------------------------------------------


def test_an_auditor_cannot_audit_their_own_department(audit_round, department, staff, secretariat):
    with pytest.raises(services.AuditRuleError, match="chính phòng của mình"):
        services.plan_audit(
            actor=secretariat,
            round=audit_round,
            fields={
                "department": department,
                "process": "",
                "scope": "x",
                "date": audit_round.start_date,
                "start_time": None,
                "place": "",
                "lead_auditor": staff,
            },
            clauses=clauses("7.2"),
            team=[],
        )
    assert not Audit.objects.exists()


def test_a_team_member_from_the_audited_department_is_refused_too(audit, colleague, secretariat):
    with pytest.raises(services.AuditRuleError, match=colleague.get_full_name()):
        services.update_audit(
            actor=secretariat,
            audit=audit,
            fields={"department": audit.department, "lead_auditor": audit.lead_auditor},
            clauses=audit.clauses.all(),
            team=[colleague],
        )
    assert not audit.team.exists()


def test_the_audit_form_shows_the_independence_rule_and_saves_nothing(
    client_for, secretariat, audit_round, department, staff
):
    response = client_for(secretariat).post(
        reverse("audits:audit_create", args=[audit_round.pk]),
        {
            "department": department.pk,
            "scope": "Quy trình tuyển dụng",
            "date": audit_round.start_date.isoformat(),
            "lead_auditor": staff.pk,
            "clauses": [c.pk for c in clauses("7.2")],
        },
    )
    assert response.status_code == 200
    assert (
        "never audits" in response.content.decode() or "không bao giờ" in response.content.decode()
    )
    assert not Audit.objects.exists()


def test_secretariat_plans_an_audit_with_an_independent_auditor(
    client_for, secretariat, audit_round, department, lead_auditor
):
    response = client_for(secretariat).post(
        reverse("audits:audit_create", args=[audit_round.pk]),
        {
            "department": department.pk,
            "scope": "Quy trình tuyển dụng",
            "date": audit_round.start_date.isoformat(),
            "lead_auditor": lead_auditor.pk,
            "clauses": [c.pk for c in clauses("7.2", "9.2")],
        },
    )
    audit = Audit.objects.get()
    assert response.status_code == 302
    assert {c.number for c in audit.clauses.all()} == {"7.2", "9.2"}


# --- checklist ---------------------------------------------------------------------


def test_the_checklist_has_exactly_the_audits_clauses(audit, secretariat):
    services.generate_checklist(audit=audit, actor=secretariat)
    assert sorted(audit.checklist.values_list("clause_id", flat=True)) == sorted(
        audit.clauses.values_list("pk", flat=True)
    )
    assert audit.checklist.count() == 4

    # Criteria change: the checklist follows, unanswered items of removed clauses go.
    audit.clauses.set(clauses("7.2", "9.1.2"))
    added, removed = services.generate_checklist(audit=audit, actor=secretariat)
    assert (added, removed) == (1, 3)
    assert set(audit.checklist.values_list("clause__number", flat=True)) == {"7.2", "9.1.2"}


def test_a_conflicting_checklist_answer_is_refused_not_merged(audit, secretariat, lead_auditor):
    services.generate_checklist(audit=audit, actor=secretariat)
    item = audit.checklist.first()
    services.save_checklist_item(
        item=item, actor=lead_auditor, result="conforms", evidence="A", version=1
    )
    with pytest.raises(services.ConflictError):
        services.save_checklist_item(
            item=item, actor=secretariat, result="nonconforms", evidence="B", version=1
        )
    item.refresh_from_db()
    assert (item.result, item.evidence, item.version) == ("conforms", "A", 2)


def test_a_stranger_cannot_fill_the_checklist(audit, secretariat, outsider):
    services.generate_checklist(audit=audit, actor=secretariat)
    with pytest.raises(PermissionDenied):
        services.save_checklist_item(
            item=audit.checklist.first(), actor=outsider, result="conforms", evidence="", version=1
        )


# --- corrective actions --------------------------------------------------------------


def test_a_nonconformity_opens_a_corrective_action_for_the_department(audit, lead_auditor, head):
    finding = record(audit, lead_auditor, Finding.Grade.MINOR)
    action = finding.corrective_action
    assert action.state == CA.State.OPEN
    assert action.department == audit.department
    assert action.owner == head
    assert action.source == CA.Source.INTERNAL_AUDIT
    assert action.number.startswith("HĐKP-")


def test_an_observation_opens_no_corrective_action(audit, lead_auditor):
    record(audit, lead_auditor, Finding.Grade.OBSERVATION)
    record(audit, lead_auditor, Finding.Grade.OFI)
    assert not CA.objects.exists()


def test_an_auditor_corrects_a_finding_and_its_open_action_follows(audit, lead_auditor, client_for):
    finding = record(audit, lead_auditor, Finding.Grade.MINOR, statement="Thiếu hồ sơ")
    client = client_for(lead_auditor)
    page = client.get(reverse("audits:audit", args=[audit.pk])).content.decode()
    url = reverse("audits:finding_edit", args=[finding.pk])
    assert url in page
    clause = clauses("7.2")[0]
    response = client.post(
        url,
        {
            "clause": clause.pk,
            "statement": "Thiếu 2 hồ sơ tuyển dụng",
            "evidence": "Hồ sơ số 12, 15",
        },
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.clause, finding.statement, finding.grade) == (
        clause,
        "Thiếu 2 hồ sơ tuyển dụng",
        Finding.Grade.MINOR,
    )
    action = finding.corrective_action
    assert action.nonconformity.endswith(": Thiếu 2 hồ sơ tuyển dụng") and action.clause == clause
    first = finding.history.earliest()
    assert first.statement == "Thiếu hồ sơ"  # the history keeps what was first written
    assert finding.history.latest().history_user == lead_auditor


def test_a_finding_is_corrected_when_other_audits_test_the_same_clauses(
    audit, lead_auditor, secretariat, client_for
):
    services.plan_audit(
        actor=secretariat,
        round=audit.round,
        fields={
            "department": audit.department,
            "process": "",
            "scope": "Quy trình khác",
            "date": audit.date + timedelta(days=1),
            "start_time": None,
            "place": "",
            "lead_auditor": lead_auditor,
        },
        clauses=list(audit.clauses.all()),
        team=[],
    )
    finding = record(audit, lead_auditor, Finding.Grade.OBSERVATION)
    clause = finding.clause  # only the wording changes: the most usual correction
    response = client_for(lead_auditor).post(
        reverse("audits:finding_edit", args=[finding.pk]),
        {"clause": clause.pk, "statement": "Nhận xét đã sửa", "evidence": "Hồ sơ"},
    )
    assert response.status_code == 302
    finding.refresh_from_db()
    assert (finding.clause, finding.statement) == (clause, "Nhận xét đã sửa")


def test_an_empty_correction_is_refused_with_the_reason_and_nothing_changes(
    audit, lead_auditor, client_for
):
    finding = record(audit, lead_auditor, Finding.Grade.OBSERVATION, statement="Nhận xét")
    url = reverse("audits:finding_edit", args=[finding.pk])
    response = client_for(lead_auditor).post(
        url, {"clause": finding.clause_id, "statement": "", "evidence": "Mới"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error" role="alert"' in page and "field-invalid" in page
    assert "Trường này là bắt buộc." in page
    assert "Mới" in page  # what was typed is re-displayed, not lost
    finding.refresh_from_db()
    assert (finding.statement, finding.evidence) == ("Nhận xét", "Hồ sơ tuyển dụng 2025")


def test_an_answered_action_keeps_its_statement_when_the_finding_is_corrected(
    audit, lead_auditor, head
):
    finding = record(audit, lead_auditor, Finding.Grade.MINOR, statement="Thiếu hồ sơ")
    _answer(finding.corrective_action, head)
    services.correct_finding(
        finding=finding,
        actor=lead_auditor,
        clause=finding.clause,
        statement="Đã sửa",
        evidence="Hồ sơ",
    )
    action = CA.objects.get(pk=finding.corrective_action.pk)
    assert action.state == CA.State.PLANNED and action.nonconformity.endswith("Thiếu hồ sơ")


def test_findings_cannot_be_corrected_by_strangers_or_after_the_audit_is_complete(
    audit, lead_auditor, secretariat, outsider, client_for
):
    finding = record(audit, lead_auditor, Finding.Grade.OBSERVATION)
    url = reverse("audits:finding_edit", args=[finding.pk])
    assert client_for(outsider).get(url).status_code == 403
    services.complete_audit(audit=audit, actor=secretariat, summary="Xong")
    assert client_for(lead_auditor).get(url).status_code == 403
    with pytest.raises(PermissionDenied):
        services.correct_finding(
            finding=finding, actor=secretariat, clause=finding.clause, statement="x", evidence="y"
        )


def _answer(action, actor):
    return services.answer_corrective_action(
        action=action,
        actor=actor,
        correction="Bổ sung hồ sơ còn thiếu",
        whys=["Thiếu biểu mẫu", "Chưa phổ biến quy trình", "", "", ""],
        root_cause="Chưa phổ biến quy trình mới cho chuyên viên",
        action_plan="Tập huấn quy trình QT.05-TCCB",
    )


def test_a_corrective_action_cannot_close_before_verification(
    audit, lead_auditor, head, secretariat, today
):
    action = record(audit, lead_auditor, Finding.Grade.MAJOR).corrective_action
    with pytest.raises(services.AuditRuleError):
        services.verify_effectiveness(action=action, actor=secretariat, effective=True, note="ok")
    action = _answer(action, head)
    assert action.state == CA.State.PLANNED
    assert action.whys == ["Thiếu biểu mẫu", "Chưa phổ biến quy trình"]
    with pytest.raises(services.AuditRuleError):
        services.verify_effectiveness(action=action, actor=secretariat, effective=True, note="ok")
    action = services.mark_implemented(action=action, actor=head, implemented_on=today)
    assert action.state == CA.State.AWAITING_VERIFICATION
    assert action.verification_due == today + timedelta(days=30)
    # Too early: the action has not had time to work.
    with pytest.raises(services.AuditRuleError, match="kiểm tra hiệu lực từ"):
        services.verify_effectiveness(action=action, actor=secretariat, effective=True, note="ok")
    # The department cannot verify its own action.
    with pytest.raises(PermissionDenied):
        services.verify_effectiveness(
            action=action, actor=head, effective=True, note="ok", today=today + timedelta(31)
        )
    action = services.verify_effectiveness(
        action=action,
        actor=secretariat,
        effective=True,
        note="Hồ sơ quý sau đầy đủ",
        today=today + timedelta(days=31),
    )
    assert action.state == CA.State.CLOSED
    assert list(action.events.values_list("state", flat=True)) == [
        "open",
        "planned",
        "awaiting_verification",
        "closed",
    ]


def test_the_database_refuses_a_closed_action_without_verification(audit, lead_auditor):
    action = record(audit, lead_auditor, Finding.Grade.MINOR).corrective_action
    with pytest.raises(IntegrityError), transaction.atomic():
        CA.objects.filter(pk=action.pk).update(state=CA.State.CLOSED)


def test_an_ineffective_verification_reopens_the_action(
    audit, lead_auditor, head, secretariat, today
):
    action = record(audit, lead_auditor, Finding.Grade.MINOR).corrective_action
    action = _answer(action, head)
    action = services.mark_implemented(action=action, actor=head, implemented_on=today)
    action = services.verify_effectiveness(
        action=action,
        actor=secretariat,
        effective=False,
        note="Vẫn còn hồ sơ thiếu chữ ký",
        today=today + timedelta(days=30),
    )
    assert action.state == CA.State.REOPENED
    assert action.times_reopened == 1
    assert action.verification_due is None
    # Answered again, like an open action.
    action = _answer(action, head)
    assert action.state == CA.State.PLANNED


def test_the_department_answers_through_the_page_and_an_outsider_gets_403(
    client_for, audit, lead_auditor, staff, outsider
):
    action = record(audit, lead_auditor, Finding.Grade.MINOR).corrective_action
    data = {
        "correction": "Bổ sung",
        "why1": "Vì sao 1",
        "root_cause": "Nguyên nhân",
        "action_plan": "Kế hoạch",
        "due_date": action.due_date.isoformat(),
    }
    url = reverse("audits:action_answer", args=[action.pk])
    assert client_for(outsider).post(url, data).status_code == 403
    assert client_for(outsider).get(action.get_absolute_url()).status_code == 403
    response = client_for(staff).post(url, data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.state == CA.State.PLANNED


def test_an_incomplete_answer_is_shown_again_with_its_errors(client_for, audit, lead_auditor, head):
    action = record(audit, lead_auditor, Finding.Grade.MINOR).corrective_action
    response = client_for(head).post(
        reverse("audits:action_answer", args=[action.pk]),
        {"correction": "Đã bổ sung hồ sơ", "due_date": action.due_date.isoformat()},
    )
    assert response.status_code == 422
    assert "Đã bổ sung hồ sơ" in response.content.decode()
    action.refresh_from_db()
    assert action.state == CA.State.OPEN


# --- rights --------------------------------------------------------------------------


def test_a_read_only_auditor_reads_everything_and_cannot_change_anything(
    client_for, audit, auditor, lead_auditor, secretariat, today
):
    services.generate_checklist(audit=audit, actor=secretariat)
    finding = record(audit, lead_auditor, Finding.Grade.MINOR)
    action = finding.corrective_action
    review = services.prepare_review(
        actor=secretariat,
        fields={
            "school_year": audit.round.programme.school_year,
            "title": "Xem xét lãnh đạo",
            "meeting_date": today,
            "period_start": today - timedelta(days=100),
            "period_end": today,
        },
    )
    item = audit.checklist.first()
    client = client_for(auditor)
    readable = [
        reverse("audits:programmes"),
        audit.round.programme.get_absolute_url(),
        audit.round.get_absolute_url(),
        audit.get_absolute_url(),
        reverse("audits:checklist", args=[audit.pk]),
        reverse("audits:audit_report_pdf", args=[audit.pk]),
        reverse("audits:actions"),
        action.get_absolute_url(),
        reverse("audits:complaints"),
        reverse("audits:reviews"),
        review.get_absolute_url(),
        reverse("audits:clause_map"),
    ]
    for url in readable:
        assert client.get(url).status_code == 200, url
    assert "Record a finding" not in client.get(audit.get_absolute_url()).content.decode()
    changes = [
        (reverse("audits:programme_create"), {}),
        (reverse("audits:round_create", args=[audit.round.programme.pk]), {}),
        (reverse("audits:audit_create", args=[audit.round.pk]), {}),
        (reverse("audits:audit_edit", args=[audit.pk]), {}),
        (reverse("audits:audit_complete", args=[audit.pk]), {"summary": "x"}),
        (reverse("audits:checklist_generate", args=[audit.pk]), {}),
        (
            reverse("audits:checklist_item", args=[item.pk]),
            {f"i{item.pk}-result": "conforms", f"i{item.pk}-version": 1},
        ),
        (reverse("audits:finding_create", args=[audit.pk]), {}),
        (reverse("audits:action_create"), {}),
        (reverse("audits:action_answer", args=[action.pk]), {}),
        (reverse("audits:action_implemented", args=[action.pk]), {}),
        (reverse("audits:action_verify", args=[action.pk]), {}),
        (reverse("audits:complaint_create"), {}),
        (reverse("audits:review_create"), {}),
        (reverse("audits:review_edit", args=[review.pk]), {}),
        (reverse("audits:decision_create", args=[review.pk]), {"text": "x"}),
    ]
    for url, data in changes:
        assert client.post(url, data).status_code == 403, url
    item.refresh_from_db()
    assert item.result == ""


def test_staff_without_an_audit_role_cannot_see_the_programme(client_for, audit, outsider):
    client = client_for(outsider)
    assert client.get(audit.round.programme.get_absolute_url()).status_code == 403
    assert client.get(audit.get_absolute_url()).status_code == 403


# --- reports -------------------------------------------------------------------------


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_audit_report_pdf_lists_the_findings_by_grade(
    client_for, audit, lead_auditor, secretariat
):
    record(audit, lead_auditor, Finding.Grade.MAJOR, "7.5.3", statement="Không kiểm soát hồ sơ")
    record(audit, lead_auditor, Finding.Grade.MINOR, "7.2", statement="Thiếu hồ sơ năng lực")
    record(audit, lead_auditor, Finding.Grade.OFI, "8.5.1", statement="Số hoá quy trình")
    response = client_for(secretariat).get(reverse("audits:audit_report_pdf", args=[audit.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = _pdf_text(response)
    # One section per grade, in order of severity, each listing its findings.
    major = text.index("Không phù hợp nặng (1)")
    minor = text.index("Không phù hợp nhẹ (1)")
    ofi = text.index("Cơ hội cải tiến (1)")
    assert major < text.index("Không kiểm soát hồ sơ") < minor
    assert minor < text.index("Thiếu hồ sơ năng lực") < ofi < text.index("Số hoá quy trình")
    assert "Điểm lưu ý 0" in text
    assert "§7.5.3" in text


def test_the_audit_plan_pdf_names_the_criteria(client_for, audit, secretariat):
    response = client_for(secretariat).get(reverse("audits:audit_plan_pdf", args=[audit.pk]))
    text = _pdf_text(response)
    assert "Bảo vệ và minh bạch dữ liệu của người học" in text
    assert "Hoàng Văn Tuấn" in text


def test_the_ca_log_filters_and_exports(client_for, audit, lead_auditor, secretariat, today):
    from openpyxl import load_workbook

    late = record(audit, lead_auditor, Finding.Grade.MINOR).corrective_action
    CA.objects.filter(pk=late.pk).update(due_date=today - timedelta(days=3))
    record(audit, lead_auditor, Finding.Grade.MAJOR, "7.2")
    client = client_for(secretariat)
    page = client.get(reverse("audits:actions"), {"overdue": "on"}).content.decode()
    assert late.number in page
    assert page.count("HĐKP-") == 1
    response = client.get(reverse("audits:actions"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 3
    response = client.get(reverse("audits:actions"), {"export": "pdf", "overdue": "on"})
    assert late.number in _pdf_text(response)


# --- management review ----------------------------------------------------------------


def test_the_review_inputs_stay_as_they_were_when_prepared(
    client_for, audit, lead_auditor, secretariat, today
):
    record(audit, lead_auditor, Finding.Grade.MINOR)
    response = client_for(secretariat).post(
        reverse("audits:review_create"),
        {
            "school_year": audit.round.programme.school_year.pk,
            "title": "Xem xét của lãnh đạo năm học",
            "meeting_date": today.isoformat(),
            "period_start": (today - timedelta(days=60)).isoformat(),
            "period_end": (today + timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 302
    from audits.models import ManagementReview

    review = ManagementReview.objects.get()
    before = review.inputs
    by_key = {i["key"]: i for i in before}
    assert (
        "1 findings" in by_key["audits.audit_results"]["summary"]
        or "1 phát hiện" in (by_key["audits.audit_results"]["summary"])
    )
    # The data changes afterwards …
    record(audit, lead_auditor, Finding.Grade.MAJOR, "7.2")
    record(audit, lead_auditor, Finding.Grade.OBSERVATION, "8.5.1")
    review.refresh_from_db()
    assert review.inputs == before
    page = client_for(secretariat).get(review.get_absolute_url()).content.decode()
    assert by_key["audits.audit_results"]["summary"] in page


def make_review(today):
    from audits.models import ManagementReview
    from ims.services import ensure_school_year

    return ManagementReview.objects.create(
        school_year=ensure_school_year(2025),
        title="XXLĐ",
        meeting_date=today,
        period_start=today,
        period_end=today,
        prepared_at=timezone.now(),
    )


def test_a_review_decision_becomes_a_corrective_action(client_for, secretariat, department, today):
    from audits.models import ReviewDecision

    review = make_review(today)
    decision = ReviewDecision.objects.create(
        review=review,
        kind="improvement",
        text="Rút ngắn thời gian giải quyết TTHC",
        department=department,
    )
    response = client_for(secretariat).post(
        reverse("audits:decision_to_action", args=[decision.pk])
    )
    decision.refresh_from_db()
    assert response.status_code == 302
    assert decision.corrective_action.source == CA.Source.MANAGEMENT_REVIEW


# --- clause library -------------------------------------------------------------------


def test_the_clause_map_puts_21001_beside_its_9001_counterparts(client_for, secretariat):
    nc_21001 = Clause.objects.get(standard=Clause.Standard.ISO_21001, number="10.1")
    assert [c.number for c in nc_21001.counterparts.all()] == ["10.2"]
    data = Clause.objects.get(standard=Clause.Standard.ISO_21001, number="8.5.5")
    assert not data.counterparts.exists()
    assert data.title_vi == "Bảo vệ và minh bạch dữ liệu của người học"
    page = client_for(secretariat).get(reverse("audits:clause_map")).content.decode()
    assert "Nguồn học liệu" in page
    assert "Hoạt động sau giao hàng" in page


def test_the_checklist_has_an_item_per_document_in_scope_linked_to_the_register(
    client_for, audit, secretariat, department
):
    from documents.models import Revision
    from tests.documents.factories import make_document, make_revision

    procedure = make_document("QT.05-TCCB", department=department, title="Quy trình tuyển dụng")
    make_revision(
        procedure,
        state=Revision.State.EFFECTIVE,
        records=[("Hồ sơ dự tuyển", "Chuyên viên", "Phòng TCCB", "5 năm")],
    )
    audit.documents.set([procedure])
    services.generate_checklist(audit=audit, actor=secretariat)
    items = list(audit.checklist.all())
    assert len(items) == 5
    assert [i.document for i in items if i.document] == [procedure]
    assert {i.clause_id for i in items if i.clause_id} == set(
        audit.clauses.values_list("pk", flat=True)
    )
    page = client_for(secretariat).get(reverse("audits:checklist", args=[audit.pk])).content
    assert "QT.05-TCCB" in page.decode()
    assert "/documents/" in page.decode()
    assert "Hồ sơ dự tuyển" in page.decode()


def test_secretariat_builds_a_programme_and_a_round_and_bad_dates_are_explained(
    client_for, secretariat, today
):
    from audits.models import AuditProgramme, AuditRound
    from ims.models import SchoolYear
    from ims.services import ensure_school_year

    year = ensure_school_year(SchoolYear.year_of(today))
    client = client_for(secretariat)
    response = client.post(
        reverse("audits:programme_create"), {"school_year": year.pk, "objectives": "Mục tiêu"}
    )
    programme = AuditProgramme.objects.get()
    assert response.status_code == 302
    url = reverse("audits:round_create", args=[programme.pk])
    response = client.post(
        url,
        {
            "kind": "internal_1",
            "start_date": today.isoformat(),
            "end_date": (today - timedelta(days=1)).isoformat(),
            "notes": "Ghi chú giữ lại",
        },
    )
    assert response.status_code == 200
    assert "Ghi chú giữ lại" in response.content.decode()
    assert not AuditRound.objects.exists()
    client.post(
        url,
        {
            "kind": "internal_1",
            "start_date": today.isoformat(),
            "end_date": (today + timedelta(days=9)).isoformat(),
        },
    )
    round = AuditRound.objects.get()
    response = client.post(
        url,
        {
            "kind": "internal_1",
            "start_date": today.isoformat(),
            "end_date": (today + timedelta(days=9)).isoformat(),
        },
    )
    assert "đã có đợt đánh giá này" in response.content.decode()
    assert AuditRound.objects.count() == 1
    assert client.get(round.get_absolute_url()).status_code == 200


def test_an_audit_outside_its_round_is_refused_with_the_rounds_dates(
    client_for, secretariat, audit_round, department, lead_auditor
):
    response = client_for(secretariat).post(
        reverse("audits:audit_create", args=[audit_round.pk]),
        {
            "department": department.pk,
            "scope": "Phạm vi",
            "date": (audit_round.end_date + timedelta(days=1)).isoformat(),
            "lead_auditor": lead_auditor.pk,
            "clauses": [c.pk for c in clauses("7.2")],
        },
    )
    assert response.status_code == 200
    assert audit_round.end_date.strftime("%d/%m/%Y") in response.content.decode()
    assert not Audit.objects.exists()


def test_a_pdf_of_too_many_actions_is_refused_with_a_way_out(
    client_for, secretariat, audit, lead_auditor, monkeypatch
):
    from audits import views

    monkeypatch.setattr(views, "PDF_ROW_LIMIT", 1)
    record(audit, lead_auditor, Finding.Grade.MINOR)
    record(audit, lead_auditor, Finding.Grade.MAJOR, "7.2")
    response = client_for(secretariat).get(
        reverse("audits:actions"), {"export": "pdf", "state": "open"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("audits:actions") + "?state=open"
    assert ".xlsx" in response.content.decode()


def test_an_external_auditor_named_on_an_audit_still_cannot_write(
    client_for, audit, external, secretariat
):
    audit.team.add(external)
    services.generate_checklist(audit=audit, actor=secretariat)
    assert not services.can_fill_checklist(external, audit)
    item = audit.checklist.first()
    response = client_for(external).post(
        reverse("audits:checklist_item", args=[item.pk]),
        {f"i{item.pk}-result": "conforms", f"i{item.pk}-version": 1},
    )
    assert response.status_code == 403


def test_a_review_decision_is_marked_done(client_for, secretariat, auditor, department, today):
    from audits.models import ReviewDecision

    review = make_review(today)
    decision = ReviewDecision.objects.create(review=review, kind="resources", text="Kinh phí")
    url = reverse("audits:decision_done", args=[decision.pk])
    assert client_for(auditor).post(url).status_code == 403
    assert client_for(secretariat).post(url).status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.done_on) == ("done", today)


def test_a_review_decision_is_corrected_and_its_history_keeps_the_first_wording(
    client_for, secretariat, auditor, department, today
):
    from audits.models import ReviewDecision

    decision = ReviewDecision.objects.create(
        review=make_review(today), kind="resources", text="Kinh phí"
    )
    url = reverse("audits:decision_edit", args=[decision.pk])
    assert client_for(auditor).get(url).status_code == 403
    client = client_for(secretariat)
    assert url in client.get(decision.review.get_absolute_url()).content.decode()
    response = client.post(
        url,
        {
            "kind": "resources",
            "text": "Bổ sung kinh phí mua sắm thiết bị",
            "department": department.pk,
            "status": "open",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.text, decision.department) == ("Bổ sung kinh phí mua sắm thiết bị", department)
    assert decision.history.earliest().text == "Kinh phí"
    assert decision.history.latest().history_user == secretariat


def test_a_decision_corrected_with_bad_input_is_redisplayed_and_unchanged(
    client_for, secretariat, today
):
    from audits.models import ReviewDecision

    decision = ReviewDecision.objects.create(
        review=make_review(today), kind="resources", text="Kinh phí"
    )
    response = client_for(secretariat).post(
        reverse("audits:decision_edit", args=[decision.pk]),
        {"kind": "resources", "text": "Kinh phí năm sau", "status": "open", "link": "javascript:x"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "/objectives/12/" in page  # the reason, in the form
    assert "Kinh phí năm sau" in page  # what was typed is not lost
    decision.refresh_from_db()
    assert decision.text == "Kinh phí"


def test_a_decision_with_its_corrective_action_keeps_its_kind(
    client_for, secretariat, department, today
):
    from audits.models import ReviewDecision

    decision = ReviewDecision.objects.create(
        review=make_review(today), kind="improvement", text="Rút ngắn", department=department
    )
    services.decision_to_corrective_action(decision=decision, actor=secretariat)
    response = client_for(secretariat).post(
        reverse("audits:decision_edit", args=[decision.pk]),
        {
            "kind": "resources",
            "text": "Rút ngắn thời gian",
            "department": department.pk,
            "status": "open",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.kind, decision.text) == ("corrective_action", "Rút ngắn thời gian")


def test_the_ca_log_writes_a_formula_like_nonconformity_as_text(
    client_for, audit, lead_auditor, secretariat
):
    from openpyxl import load_workbook

    action = record(audit, lead_auditor, Finding.Grade.MINOR).corrective_action
    CA.objects.filter(pk=action.pk).update(nonconformity="=cmd|' /C calc'!A0")
    response = client_for(secretariat).get(reverse("audits:actions"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    cell = sheet["E2"]
    assert (cell.value, cell.data_type) == ("=cmd|' /C calc'!A0", "s")
    assert sheet["J2"].data_type == "n"  # the age in days stays a number


# --- the finding form -----------------------------------------------------------------


def _grade_radios(html: str) -> dict[str, bool]:
    """{value: checked} of the finding form's grade radios."""
    import re

    radios = re.findall(r'<input type="radio" name="grade"[^>]*>', html)
    return {
        re.search(r'value="([^"]*)"', radio).group(1): " checked" in radio for radio in radios
    }


def test_the_finding_form_checks_no_blank_grade(client_for, audit, lead_auditor):
    html = client_for(lead_auditor).get(
        reverse("audits:finding_create", args=[audit.pk])
    ).content.decode()
    radios = _grade_radios(html)
    assert set(radios) == set(Finding.Grade.values)  # no "---------" choice
    assert not any(radios.values())  # the auditor chooses


def test_a_nonconforming_checklist_answer_carries_over_to_the_finding_form(
    client_for, audit, lead_auditor, secretariat
):
    services.generate_checklist(audit=audit, actor=secretariat)
    item = audit.checklist.first()
    services.save_checklist_item(
        item=item, actor=lead_auditor, result="nonconforms", evidence="Thiếu biên bản", version=1
    )
    url = reverse("audits:finding_create", args=[audit.pk])
    html = client_for(lead_auditor).get(url, {"item": item.pk}).content.decode()
    assert _grade_radios(html)[Finding.Grade.MINOR] is True
    assert "Thiếu biên bản" in html
    assert "Không phù hợp" in html  # the answer it came from is named
