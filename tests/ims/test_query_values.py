"""No query value breaks a page: a malformed one (``year=abc``, ``page=abc``, a NUL
character, a superscript digit, a number past bigint) is ignored, or answered with
a 4xx, never a server error. Every view that reads ``request.GET`` is requested
with every parameter any of them reads, set to each malformed value."""

from datetime import timedelta

import pytest
from django.utils import timezone

from audits import services as audit_services
from audits.models import AuditProgramme, AuditRound
from documents.models import Revision
from ims.models import Clause, SchoolYear
from ims.roles import Role
from ims.services import ensure_school_year
from tests.documents.factories import make_document, make_revision
from tests.factories import make_user
from tests.surveys.conftest import make_campaign, make_survey

pytestmark = pytest.mark.django_db

# Every parameter a view reads from the query string (grep request.GET, and the
# filter forms bound to it).
PARAMS = [
    "q", "kind", "department", "status", "clause", "page", "year", "level", "parent",
    "item", "survey", "state", "source", "overdue", "format", "export", "code", "a", "b",
    "origin", "unmet", "retired", "process", "band", "treatment", "closed", "medium",
    "retention", "required", "gaps", "l", "i", "rl", "ri",
]  # fmt: skip
BAD_VALUES = ["abc", "²", "\x00", "-1", "1.5", "99999999999999999999999", "x'\"<", " "]


@pytest.fixture
def pages(secretariat, department, other_department, head):
    today = timezone.localdate()
    document = make_document("QT.01-TCCB", department=department)
    make_revision(document, state=Revision.State.SUPERSEDED)
    make_revision(document)
    year = ensure_school_year(SchoolYear.year_of(today), current=True)
    programme = AuditProgramme.objects.create(school_year=year, objectives="Đánh giá")
    audit_round = AuditRound.objects.create(
        programme=programme,
        kind=AuditRound.Kind.INTERNAL_1,
        start_date=today - timedelta(days=5),
        end_date=today + timedelta(days=20),
    )
    auditor = make_user("leadauditor", roles=(Role.STAFF,), department=other_department)
    audit = audit_services.plan_audit(
        actor=secretariat,
        round=audit_round,
        fields={
            "department": department, "process": "", "scope": "Tuyển dụng",
            "date": today + timedelta(days=2), "start_time": None, "place": "",
            "lead_auditor": auditor,
        },
        clauses=list(Clause.objects.filter(number__in=["7.2", "7.5.3"])),
        team=[],
    )  # fmt: skip
    survey = make_survey()
    campaign = make_campaign(survey)
    question = survey.questions.get(key="gy1")
    return [
        "/",
        "/org/departments/",
        "/org/people/",
        "/documents/",
        "/documents/export/csv/",
        "/documents/export/xlsx/",
        "/documents/import/word/",
        f"/documents/{document.code}/compare/",
        "/objectives/",
        "/objectives/export.xlsx",
        "/objectives/new/",
        "/audits/actions/",
        "/audits/complaints/",
        f"/audits/audit/{audit.pk}/findings/new/",
        "/surveys/overview/",
        "/surveys/campaigns/new/",
        f"/surveys/campaigns/{campaign.pk}/texts/{question.pk}/",
        "/context/",
        "/context/parties/",
        "/risks/",
        "/records/",
        "/records/disposals/",
        "/competence/",
        "/competence/matrix/",
        "/competence/trainings/",
        "/conformity/",
    ]


@pytest.mark.parametrize("value", BAD_VALUES, ids=repr)
def test_malformed_query_values_never_give_a_server_error(client_for, secretariat, pages, value):
    client = client_for(secretariat)
    failures = []
    for path in pages:
        response = client.get(path, {name: value for name in PARAMS})
        if response.status_code >= 500:
            failures.append((path, response.status_code))
    assert failures == []


def test_the_surveys_overview_ignores_a_year_that_is_not_a_number(client_for, secretariat):
    response = client_for(secretariat).get("/surveys/overview/", {"year": "abc"})
    assert response.status_code == 200


def test_a_superscript_digit_names_no_version_to_compare(client_for, secretariat, department):
    document = make_document("QT.02-TCCB", department=department)
    make_revision(document)
    response = client_for(secretariat).get(f"/documents/{document.code}/compare/", {"a": "e²"})
    assert response.status_code == 404


def test_a_page_that_is_not_a_number_or_past_the_end_still_shows_the_secretariats_lists(
    client_for, secretariat, department, other_department
):
    client = client_for(secretariat)
    for path in ("/org/departments/", "/org/people/"):
        for page in ("abc", "0", "999"):
            response = client.get(path, {"page": page})
            assert response.status_code == 200, (path, page)
    names = client.get("/org/departments/", {"page": "999"}).content.decode()
    assert department.name in names and other_department.name in names
