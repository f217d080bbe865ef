"""Corrective actions: answered by the department, verified before they close, logged."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from audits import services
from audits.corrective import services as corrective
from audits.models import CorrectiveAction, Finding
from tests.audits.conftest import answer, pdf_text, record

CA = CorrectiveAction


def test_a_corrective_action_cannot_close_before_verification(
    audit, lead_auditor, head, secretariat, today
):
    action = record(audit, lead_auditor, Finding.Grade.MAJOR).corrective_action
    with pytest.raises(services.AuditRuleError):
        corrective.verify_effectiveness(action=action, actor=secretariat, effective=True, note="ok")
    action = answer(action, head)
    assert action.state == CA.State.PLANNED
    assert action.whys == ["Thiếu biểu mẫu", "Chưa phổ biến quy trình"]
    with pytest.raises(services.AuditRuleError):
        corrective.verify_effectiveness(action=action, actor=secretariat, effective=True, note="ok")
    action = corrective.mark_implemented(action=action, actor=head, implemented_on=today)
    assert action.state == CA.State.AWAITING_VERIFICATION
    assert action.verification_due == today + timedelta(days=30)
    # Too early: the action has not had time to work.
    with pytest.raises(services.AuditRuleError, match="kiểm tra hiệu lực từ"):
        corrective.verify_effectiveness(action=action, actor=secretariat, effective=True, note="ok")
    # The department cannot verify its own action.
    with pytest.raises(PermissionDenied):
        corrective.verify_effectiveness(
            action=action, actor=head, effective=True, note="ok", today=today + timedelta(31)
        )
    action = corrective.verify_effectiveness(
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
    action = answer(action, head)
    action = corrective.mark_implemented(action=action, actor=head, implemented_on=today)
    action = corrective.verify_effectiveness(
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
    action = answer(action, head)
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


# --- the log -------------------------------------------------------------------------


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
    assert late.number in pdf_text(response)


def test_a_pdf_of_too_many_actions_is_refused_with_a_way_out(
    client_for, secretariat, audit, lead_auditor, monkeypatch
):
    from audits.corrective import views

    monkeypatch.setattr(views, "PDF_ROW_LIMIT", 1)
    record(audit, lead_auditor, Finding.Grade.MINOR)
    record(audit, lead_auditor, Finding.Grade.MAJOR, "7.2")
    response = client_for(secretariat).get(
        reverse("audits:actions"), {"export": "pdf", "state": "open"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("audits:actions") + "?state=open"
    assert ".xlsx" in response.content.decode()


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
