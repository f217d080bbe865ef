"""Who may write in an audit (issue 15, section 5), per persona.

The audit (fixture in tests/audits/conftest.py) is of TCCB, led by an internal
auditor of KHTC. ``auditor`` is an internal auditor of KHTC too (staff there).
"""

import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.urls import reverse

from audits import permissions, services
from audits.models import Audit, AuditEvent, ChecklistItem, Finding

pytestmark = pytest.mark.django_db

PERSONAS = ["staff", "head", "secretariat", "leadership", "auditor", "external", "unit_contact"]


@pytest.fixture
def persona(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def item(audit, secretariat):
    services.generate_checklist(audit=audit, actor=secretariat)
    return audit.checklist.first()


def _answer(client, item):
    return client.post(
        reverse("audits:checklist_item", args=[item.pk]),
        {
            f"i{item.pk}-result": "conforms",
            f"i{item.pk}-evidence": "Hồ sơ đủ",
            f"i{item.pk}-version": 1,
        },
    )


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_only_the_secretariat_and_the_audit_team_fill_its_checklist(
    client_for, persona, audit, item
):
    # Named on the team (everybody but the secretariat, who runs audits anyway):
    # only an auditor from another department may then write.
    if persona.username != "secretariat":
        audit.team.add(persona)
    may = persona.username in {"secretariat", "auditor"}
    assert permissions.can_fill_checklist(persona, audit) is may
    response = _answer(client_for(persona), item)
    item.refresh_from_db()
    if may:
        assert response.status_code in (200, 302) and item.result == "conforms"
    else:
        assert response.status_code == 403 and item.result == ChecklistItem.Result.UNCHECKED


def test_an_internal_auditor_not_on_the_audit_cannot_fill_it(client_for, auditor, audit, item):
    assert not permissions.can_fill_checklist(auditor, audit)
    assert _answer(client_for(auditor), item).status_code == 403


def test_an_internal_auditor_never_writes_in_an_audit_of_their_own_department(
    client_for, auditor, audit, item, other_department
):
    # Named on an audit of KHTC, their own department (planned before they moved there).
    Audit.objects.filter(pk=audit.pk).update(department=other_department)
    audit.refresh_from_db()
    audit.team.add(auditor)
    assert not permissions.can_fill_checklist(auditor, audit)
    assert _answer(client_for(auditor), item).status_code == 403
    response = client_for(auditor).post(
        reverse("audits:finding_create", args=[audit.pk]),
        {"grade": Finding.Grade.OBSERVATION, "statement": "Tự đánh giá"},
    )
    assert response.status_code == 403 and not audit.findings.exists()


def test_the_external_auditor_on_the_team_cannot_record_a_finding(client_for, external, audit):
    audit.team.add(external)
    response = client_for(external).post(
        reverse("audits:finding_create", args=[audit.pk]),
        {"grade": Finding.Grade.OBSERVATION, "statement": "Nhận xét"},
    )
    assert response.status_code == 403 and not audit.findings.exists()


@pytest.mark.parametrize("persona", PERSONAS, indirect=True)
def test_only_the_lead_auditor_or_the_secretariat_completes_an_audit(client_for, persona, audit):
    audit.team.add(persona)
    assert permissions.can_complete_audit(persona, audit) is (persona.username == "secretariat")
    response = client_for(persona).post(
        reverse("audits:audit_complete", args=[audit.pk]), {"summary": "Phù hợp"}
    )
    audit.refresh_from_db()
    if persona.username == "secretariat":
        assert response.status_code == 302 and audit.status == Audit.Status.COMPLETED
    else:
        assert response.status_code == 403 and audit.status != Audit.Status.COMPLETED


def test_the_lead_auditor_completes_an_audit_with_its_summary(client_for, audit, lead_auditor):
    response = client_for(lead_auditor).post(
        reverse("audits:audit_complete", args=[audit.pk]), {"summary": "Hệ thống phù hợp."}
    )
    assert response.status_code == 302
    audit.refresh_from_db()
    assert (audit.status, audit.summary) == (Audit.Status.COMPLETED, "Hệ thống phù hợp.")


def test_completing_an_audit_with_an_empty_summary_is_refused_with_a_message(
    client_for, audit, lead_auditor
):
    client = client_for(lead_auditor)
    response = client.post(
        reverse("audits:audit_complete", args=[audit.pk]),
        {"summary": "   "},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    audit.refresh_from_db()
    assert audit.status != Audit.Status.COMPLETED
    messages = [str(m) for m in response.context["messages"]]
    assert any("tóm tắt" in m for m in messages), messages
    with pytest.raises(services.AuditRuleError):
        services.complete_audit(audit=audit, actor=lead_auditor, summary="")


def test_the_external_auditor_cannot_complete_an_audit_they_lead(external, audit):
    Audit.objects.filter(pk=audit.pk).update(lead_auditor=external)
    audit.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.complete_audit(audit=audit, actor=external, summary="Phù hợp")


def test_the_external_auditor_reads_every_audit_and_action(client_for, external, audit, item):
    client = client_for(external)
    for url in (
        reverse("audits:programmes"),
        audit.get_absolute_url(),
        reverse("audits:checklist", args=[audit.pk]),
        reverse("audits:actions"),
        reverse("audits:reviews"),
    ):
        assert client.get(url).status_code == 200, url


# --- completing an audit: a transition with a row lock and an event row -------------------


def test_completing_an_audit_writes_its_event_row(audit, lead_auditor):
    services.complete_audit(audit=audit, actor=lead_auditor, summary="Hệ thống phù hợp.")
    event = AuditEvent.objects.get(audit=audit)
    assert (event.status, event.actor) == (Audit.Status.COMPLETED, lead_auditor)


def test_the_checklist_starts_the_audit_once_with_an_event_row(audit, secretariat):
    services.generate_checklist(audit=audit, actor=secretariat)
    services.generate_checklist(audit=audit, actor=secretariat)
    audit.refresh_from_db()
    assert audit.status == Audit.Status.IN_PROGRESS
    assert list(audit.events.values_list("status", flat=True)) == [Audit.Status.IN_PROGRESS]


def test_completing_a_completed_audit_is_refused_with_a_clear_message(
    client_for, audit, lead_auditor, secretariat
):
    services.complete_audit(audit=audit, actor=lead_auditor, summary="Lần đầu")
    with pytest.raises(services.AuditRuleError, match="giữ nguyên"):
        services.complete_audit(audit=audit, actor=secretariat, summary="Lần hai")
    response = client_for(lead_auditor).post(
        reverse("audits:audit_complete", args=[audit.pk]),
        {"summary": "Lần ba"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    messages = [str(m) for m in response.context["messages"]]
    assert any("giữ nguyên" in m for m in messages), messages
    audit.refresh_from_db()
    assert audit.summary == "Lần đầu"
    assert AuditEvent.objects.filter(audit=audit).count() == 1


def test_the_audits_transitions_are_data_and_a_completed_audit_moves_nowhere():
    assert Audit.TRANSITIONS[Audit.Status.COMPLETED] == set()
    assert Audit.Status.COMPLETED in Audit.TRANSITIONS[Audit.Status.IN_PROGRESS]
    assert not Audit(status=Audit.Status.COMPLETED).can_move_to(Audit.Status.IN_PROGRESS)


@pytest.mark.django_db(transaction=True)
def test_two_people_completing_an_audit_at_once_complete_it_once(audit, lead_auditor, secretariat):
    """The second waits for the first's row lock, then meets a completed audit."""
    refused = []

    def second():
        try:
            services.complete_audit(
                audit=Audit.objects.get(pk=audit.pk), actor=secretariat, summary="Thứ hai"
            )
        except services.AuditRuleError as error:
            refused.append(str(error))
        finally:
            connection.close()

    with transaction.atomic():
        services.complete_audit(audit=audit, actor=lead_auditor, summary="Thứ nhất")
        other = threading.Thread(target=second)
        other.start()
        other.join(timeout=1.5)
        assert other.is_alive()  # held by the lock, not completing a second time
    other.join(timeout=30)
    assert not other.is_alive()
    assert refused and "giữ nguyên" in refused[0]
    audit.refresh_from_db()
    assert audit.summary == "Thứ nhất"
    assert AuditEvent.objects.filter(audit=audit).count() == 1
