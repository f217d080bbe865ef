"""The audits' items in the inbox: audits coming up, corrective actions, with a
constant number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse

from audits import services
from audits.home import audit_inbox
from audits.models import Finding
from tests.audits.conftest import clauses


def _nonconformity(audit, actor):
    return services.record_finding(
        audit=audit,
        actor=actor,
        grade=Finding.Grade.MINOR,
        clause=clauses("7.5.3")[0],
        department=audit.department,
        statement="Hồ sơ chưa được kiểm soát",
        evidence="Sổ công văn đi 2025",
    ).corrective_action


@pytest.mark.django_db
def test_the_head_sees_the_audit_and_the_action_the_auditor_the_audit(
    client_for, audit, head, lead_auditor, today
):
    action = _nonconformity(audit, lead_auditor)
    head_items = audit_inbox(head, today)
    assert {i.url for i in head_items} >= {audit.get_absolute_url(), action.get_absolute_url()}
    assert all(i.due for i in head_items)
    auditor_items = audit_inbox(lead_auditor, today)
    assert [i.url for i in auditor_items] == [audit.get_absolute_url()]
    page = client_for(head).get(reverse("home")).content.decode()
    assert action.number in page and audit.subject in page


@pytest.mark.django_db
def test_the_audits_source_takes_the_same_queries_for_one_or_many_items(
    audit, audit_round, auditor, lead_auditor, secretariat, today, django_assert_max_num_queries
):
    _nonconformity(audit, lead_auditor)
    with django_assert_max_num_queries(12) as few:
        first = audit_inbox(lead_auditor, today)
    for n in range(4):
        other = services.plan_audit(
            actor=secretariat,
            round=audit_round,
            fields={
                "department": audit.department,
                "process": "",
                "scope": f"Quy trình {n}",
                "date": today + timedelta(days=3 + n),
                "start_time": None,
                "place": "Phòng họp",
                "lead_auditor": lead_auditor,
            },
            clauses=clauses("7.5.3"),
            team=[auditor],
        )
        _nonconformity(other, lead_auditor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        many = audit_inbox(lead_auditor, today)
    assert len(many) == len(first) + 4
    assert len(audit_inbox(auditor, today)) == 4  # on the team: to prepare
