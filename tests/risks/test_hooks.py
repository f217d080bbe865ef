"""What the register brings elsewhere: the dashboard, the inbox, reminders, the
management review, the audit checklists of 6.1."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from ims.models import SentReminder
from risks import services
from risks.home import send_review_reminders
from tests.risks.conftest import risk_data

pytestmark = pytest.mark.django_db


def test_leadership_sees_the_heat_map_on_the_dashboard_and_staff_do_not(
    client_for, risk, leadership, staff
):
    page = client_for(leadership).get(reverse("objectives:dashboard")).content.decode()
    assert 'class="heatmap"' in page
    assert f"{reverse('risks:register')}?l={risk.likelihood}&amp;i={risk.impact}" in page
    from django.test import RequestFactory

    from ims.registry import dashboard_panels

    request = RequestFactory().get("/")
    request.user = staff
    assert dashboard_panels(request) == []


def test_the_owner_finds_the_review_due_and_the_residual_to_sign_in_their_inbox(
    risk, staff, head, today
):
    from ims.registry import inbox_items

    services.update_risk(
        risk=risk,
        actor=head,
        data={
            "review_due": today + timedelta(days=3),
            "residual_likelihood": 1,
            "residual_impact": 2,
        },
        version=risk.version,
    )
    kinds = {i.kind for i in inbox_items(staff, today)}
    assert {"risks.review", "risks.accept"} <= kinds
    assert not {i.kind for i in inbox_items(head, today)} & {"risks.review", "risks.accept"}


def test_the_review_reminder_goes_once_per_review_date(risk, head, staff, today):
    services.update_risk(
        risk=risk, actor=head, data={"review_due": today + timedelta(days=2)}, version=risk.version
    )
    assert send_review_reminders(today=today) == 1
    assert send_review_reminders(today=today) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [staff.email]
    risk.refresh_from_db()
    services.update_risk(
        risk=risk, actor=head, data={"review_due": today + timedelta(days=5)}, version=risk.version
    )
    assert send_review_reminders(today=today) == 1  # a new occasion


def test_an_owner_who_chose_a_summary_gets_no_reminder_mail_but_the_occasion_is_marked(
    risk, head, staff, today
):
    from ims.models import Profile

    Profile.objects.filter(user=staff).update(notifications=Profile.Notifications.DAILY)
    services.update_risk(risk=risk, actor=head, data={"review_due": today}, version=risk.version)
    assert send_review_reminders(today=today) == 1
    assert mail.outbox == []
    assert SentReminder.objects.filter(source="risks", recipient=staff).exists()


def test_run_schedule_sends_the_review_reminder(risk, head, today):
    services.update_risk(risk=risk, actor=head, data={"review_due": today}, version=risk.version)
    call_command("run_schedule", stdout=__import__("io").StringIO())
    assert SentReminder.objects.filter(source="risks", recipient=risk.owner).count() == 1


def test_preparing_a_review_freezes_the_treatment_input(
    client_for, risk, head, staff, secretariat, today
):
    from audits.models import ManagementReview
    from ims.services import ensure_school_year

    services.review_risk(
        risk=risk,
        actor=staff,
        likelihood=3,
        impact=4,
        residual_likelihood=1,
        residual_impact=4,
        note="Đã lập sổ giao nhận",
        next_review=today + timedelta(days=90),
    )
    response = client_for(secretariat).post(
        reverse("audits:review_create"),
        {
            "school_year": ensure_school_year(
                today.year if today.month >= 9 else today.year - 1
            ).pk,
            "title": "Xem xét của lãnh đạo",
            "meeting_date": today.isoformat(),
            "period_start": (today - timedelta(days=30)).isoformat(),
            "period_end": (today + timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 302
    review = ManagementReview.objects.get()
    frozen = {i["key"]: i for i in review.inputs}["risks.treatment_effectiveness"]
    assert frozen["clause"] == "9.3.2 e)"
    assert frozen["rows"][0][0] == risk.number and frozen["rows"][0][6].startswith("4")
    services.create_risk(actor=head, department=risk.department, data=risk_data(staff, today))
    review.refresh_from_db()
    assert {i["key"]: i for i in review.inputs}["risks.treatment_effectiveness"] == frozen


def test_a_checklist_item_of_6_1_links_to_the_departments_register(
    client_for, secretariat, lead_auditor, audit_round, department, head, today
):
    from audits import services as audit_services
    from ims.models import Clause
    from ims.registry import clause_evidence

    assert [e.key for e in clause_evidence("6.1.2")] == ["risks.register"]
    audit = audit_services.plan_audit(
        actor=secretariat,
        round=audit_round,
        fields={
            "department": department,
            "process": "",
            "scope": "Quản lý rủi ro và cơ hội",
            "date": today + timedelta(days=2),
            "start_time": None,
            "place": "Phòng họp",
            "lead_auditor": lead_auditor,
        },
        clauses=list(Clause.objects.filter(number="6.1")),
        team=[],
    )
    audit_services.generate_checklist(audit=audit, actor=secretariat)
    html = (
        client_for(lead_auditor).get(reverse("audits:checklist", args=[audit.pk])).content.decode()
    )
    assert f'href="{reverse("risks:register")}?department={department.pk}"' in html
