"""Internal audits: independence, checklists, findings, rights, reports, programmes."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from audits import permissions, services
from audits.models import Audit, CorrectiveAction, Finding
from audits.review import services as reviews
from ims.models import Clause
from tests.audits.conftest import answer, clauses, pdf_text, record

CA = CorrectiveAction


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


# --- findings ------------------------------------------------------------------------


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
    answer(finding.corrective_action, head)
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


# --- rights --------------------------------------------------------------------------


def test_a_read_only_auditor_reads_everything_and_cannot_change_anything(
    client_for, audit, auditor, lead_auditor, secretariat, today
):
    services.generate_checklist(audit=audit, actor=secretariat)
    finding = record(audit, lead_auditor, Finding.Grade.MINOR)
    action = finding.corrective_action
    review = reviews.prepare_review(
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


def test_the_audit_report_pdf_lists_the_findings_by_grade(
    client_for, audit, lead_auditor, secretariat
):
    record(audit, lead_auditor, Finding.Grade.MAJOR, "7.5.3", statement="Không kiểm soát hồ sơ")
    record(audit, lead_auditor, Finding.Grade.MINOR, "7.2", statement="Thiếu hồ sơ năng lực")
    record(audit, lead_auditor, Finding.Grade.OFI, "8.5.1", statement="Số hoá quy trình")
    response = client_for(secretariat).get(reverse("audits:audit_report_pdf", args=[audit.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response)
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
    text = pdf_text(response)
    assert "Bảo vệ và minh bạch dữ liệu của người học" in text
    assert "Hoàng Văn Tuấn" in text


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


def test_an_external_auditor_named_on_an_audit_still_cannot_write(
    client_for, audit, external, secretariat
):
    audit.team.add(external)
    services.generate_checklist(audit=audit, actor=secretariat)
    assert not permissions.can_fill_checklist(external, audit)
    item = audit.checklist.first()
    response = client_for(external).post(
        reverse("audits:checklist_item", args=[item.pk]),
        {f"i{item.pk}-result": "conforms", f"i{item.pk}-version": 1},
    )
    assert response.status_code == 403


# --- the finding form -----------------------------------------------------------------


def _grade_radios(html: str) -> dict[str, bool]:
    """{value: checked} of the finding form's grade radios."""
    import re

    radios = re.findall(r'<input type="radio" name="grade"[^>]*>', html)
    return {re.search(r'value="([^"]*)"', radio).group(1): " checked" in radio for radio in radios}


def test_the_finding_form_checks_no_blank_grade(client_for, audit, lead_auditor):
    html = (
        client_for(lead_auditor)
        .get(reverse("audits:finding_create", args=[audit.pk]))
        .content.decode()
    )
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


def test_a_checklist_item_links_to_the_registers_holding_evidence_for_its_clause(
    audit, secretariat, lead_auditor, client_for, monkeypatch
):
    from ims import registry

    monkeypatch.setattr(registry, "_CLAUSE_EVIDENCE", {})
    registry.register_clause_evidence(
        registry.ClauseEvidence(
            key="test.records",
            label="Sổ theo dõi hồ sơ",
            clauses=("7.5",),
            url=lambda department: f"/records/?department={department.pk}",
        )
    )
    assert [e.key for e in registry.clause_evidence("7.5.3")] == ["test.records"]
    assert registry.clause_evidence("7.2") == []
    assert registry.clause_evidence("7.51") == []

    services.generate_checklist(audit=audit, actor=secretariat)
    page = client_for(lead_auditor).get(reverse("audits:checklist", args=[audit.pk]))
    html = page.content.decode()
    link = f'<a href="/records/?department={audit.department_id}">Sổ theo dõi hồ sơ</a>'
    assert html.count(link) == 1  # on 7.5.3 only, not on 7.2, 8.5.1 or 8.5.5
