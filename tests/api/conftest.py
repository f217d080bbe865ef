"""A small world for the API tests: a document with an effective edition and a draft,
an objective with an indicator, an audit with a finding and its corrective action, a
survey campaign; and API clients signed in with a personal token."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from api import services as tokens
from ims.roles import Role  # noqa: F401  (personas come from tests/conftest.py)

PERSONAS = [
    "staff",
    "head",
    "secretariat",
    "leadership",
    "auditor",
    "external",
    "outsider",
    "unit_contact",
]


@pytest.fixture
def world(staff, head, secretariat, leadership, auditor, department, unit):
    from audits import services as audits
    from audits.models import AuditProgramme, AuditRound
    from ims.models import Clause, SchoolYear
    from ims.services import ensure_school_year
    from tests.documents.factories import make_effective_document, make_revision
    from tests.objectives.conftest import make_indicator, make_objective
    from tests.surveys.conftest import make_campaign, make_survey

    today = timezone.localdate()
    year = ensure_school_year(SchoolYear.year_of(today), current=True)
    document = make_effective_document("QT.01-TCCB", department=department)
    document.distribution_units.add(unit)
    draft = make_revision(document)
    programme = AuditProgramme.objects.create(school_year=year, objectives="Toàn bộ HTQL")
    round = AuditRound.objects.create(
        programme=programme,
        kind=AuditRound.Kind.INTERNAL_1,
        start_date=today - timedelta(days=5),
        end_date=today + timedelta(days=20),
    )
    audit = audits.plan_audit(
        actor=secretariat,
        round=round,
        fields={
            "department": department,
            "process": "",
            "scope": "Tuyển dụng",
            "date": today,
            "start_time": None,
            "place": "Phòng họp",
            "lead_auditor": auditor,
        },
        clauses=list(Clause.objects.filter(number__in=["7.5.3"])),
        team=[],
    )
    finding = audits.record_finding(
        audit=audit,
        actor=auditor,
        grade="minor",
        clause=audit.clauses.first(),
        department=department,
        statement="Thiếu hồ sơ",
        evidence="Hồ sơ số 3",
        due_date=today + timedelta(days=30),
    )
    objective = make_objective(year, leadership)
    indicator = make_indicator(objective, owner=head)
    campaign = make_campaign(make_survey(actor=secretariat))
    return {
        "year": year,
        "document": document,
        "draft": draft,
        "audit": audit,
        "action": finding.corrective_action,
        "objective": objective,
        "indicator": indicator,
        "campaign": campaign,
    }


@pytest.fixture
def api_for():
    """``api_for(user)``: an API client calling with a new personal token of ``user``'s
    (``None``: no credentials)."""

    def make(user=None, **headers):
        client = APIClient(**headers)
        if user is not None:
            _token, key = tokens.create_token(actor=user, name="test")
            client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        return client

    return make
