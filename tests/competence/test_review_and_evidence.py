"""Competence in the management review (9.3.2 d) and as the evidence an audit
checklist links to for clauses 7.2 and 7.3."""

from datetime import timedelta

import pytest
from django.urls import reverse

from audits import services as audits
from audits.models import ManagementReview
from competence import services
from competence.models import Training
from tests.audits.conftest import (  # noqa: F401 (fixtures)
    audit,
    audit_round,
    lead_auditor,
    programme,
)

pytestmark = pytest.mark.django_db


def _training(title, day, department, secretariat, topic):
    return services.save_training(
        training=Training(school_year=audit_round_year(day), topic=topic, title=title, date=day),
        departments=[department],
        positions=[],
        actor=secretariat,
    )


def audit_round_year(day):
    from ims.models import SchoolYear
    from ims.services import ensure_school_year

    return ensure_school_year(SchoolYear.year_of(day))


def test_preparing_a_review_freezes_the_competence_input(
    client_for, secretariat, head, staff, department, iso_topic, position, requirements, today
):
    training = _training(
        "Đào tạo nhận thức ISO", today - timedelta(days=10), department, secretariat, iso_topic
    )
    record = training.records.get(person=staff)
    services.mark_attendance(
        record=record, attended=True, result="Đạt", actor=head, seen_version=record.version
    )
    response = client_for(secretariat).post(
        reverse("audits:review_create"),
        {
            "school_year": training.school_year.pk,
            "title": "Xem xét của lãnh đạo",
            "meeting_date": today.isoformat(),
            "period_start": (today - timedelta(days=60)).isoformat(),
            "period_end": (today + timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 302
    review = ManagementReview.objects.get()
    (frozen,) = [i for i in review.inputs if i["key"] == "competence"]
    assert "Đã tổ chức 1/1 khóa đào tạo" in frozen["summary"]
    assert frozen["rows"][0][1] == "Đào tạo nhận thức ISO" and frozen["rows"][0][2] == "1/2"
    before = review.inputs
    _training("Đánh giá viên nội bộ", today - timedelta(days=5), department, secretariat, iso_topic)
    review.refresh_from_db()
    assert review.inputs == before


def test_a_checklist_item_of_clause_7_2_links_to_the_audited_departments_matrix(
    audit,  # noqa: F811
    secretariat,
    lead_auditor,  # noqa: F811
    client_for,  # noqa: F811
):
    audits.generate_checklist(audit=audit, actor=secretariat)
    html = (
        client_for(lead_auditor).get(reverse("audits:checklist", args=[audit.pk])).content.decode()
    )
    url = f"/competence/matrix/?department={audit.department_id}"
    link = f'<a href="{url}">Năng lực và ma trận đào tạo</a>'
    assert html.count(link) == 1  # on 7.2 only, not on 7.5.3, 8.5.1 or 8.5.5
