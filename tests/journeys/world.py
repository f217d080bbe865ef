"""The crawls' set-up: something on every page a persona can reach."""

from datetime import timedelta

import pytest

from audits import services as audit_services
from audits.models import Finding
from audits.review import services as review_services
from documents.models import Revision
from objectives.models import Measurement
from tests.documents.factories import make_document, make_revision
from tests.surveys.conftest import answer, make_campaign, make_survey


@pytest.fixture
def world(department, other_department, unit, staff, head, secretariat, leadership, auditor,
          unit_contact, cascade, audit, lead_auditor, today):  # fmt: skip
    """Something on every page: documents in every state, an audit with a finding and
    its corrective action, objectives with a measurement, a survey with answers, a
    management review."""
    procedure = make_document("QT.05-TCCB", department=department)
    make_revision(procedure, state=Revision.State.SUPERSEDED, number=1, signed_by=head)
    make_revision(procedure, state=Revision.State.EFFECTIVE, number=2, signed_by=head)
    make_revision(procedure, state=Revision.State.IN_REVIEW, number=3)
    procedure.distribution_units.add(unit)
    guide = make_document("HD.01-TCCB", kind="HD", department=department)
    make_revision(guide, state=Revision.State.EFFECTIVE, signed_by=head)
    make_revision(make_document("QT.01-KHTC", department=other_department))

    audit_services.generate_checklist(audit=audit, actor=secretariat)
    item = audit.checklist.first()
    audit_services.record_finding(
        audit=audit, actor=lead_auditor, grade=Finding.Grade.MINOR, clause=item.clause,
        department=department, statement="Chưa lưu biên bản", evidence="Hồ sơ tháng 9",
        checklist_item=item, due_date=today + timedelta(days=30),
    )  # fmt: skip
    review_services.prepare_review(
        actor=secretariat,
        fields={
            "school_year": audit.round.programme.school_year,
            "title": "Họp xem xét của lãnh đạo",
            "meeting_date": today,
            "period_start": today - timedelta(days=180),
            "period_end": today,
        },
    )

    period = cascade["dept_indicator"].periods(cascade["dept"].school_year)[0]
    Measurement.objects.create(
        indicator=cascade["dept_indicator"], period_start=period.start,
        period_end=period.end, value=95, entered_by=head,
    )  # fmt: skip
    campaign = make_campaign(make_survey())
    for row in [(5, 4, 3), (4, 4, 2), (3, 5, 5)]:
        answer(campaign, row)
    return locals()
