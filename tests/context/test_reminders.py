"""Yearly reviews falling due: inbox, reminders once per occasion (also through the real
worker), the review input 9.3.2 b) frozen, and clause evidence on audit checklists."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from context import review, services
from context.models import Issue
from ims.models import SentReminder
from ims.registry import clause_evidence, inbox_items
from tests.context.conftest import add_issue


def test_an_overdue_review_is_in_the_inbox_of_the_secretariat_and_the_head(
    secretariat, head, staff, overdue_issue, issue, today
):
    for person in (secretariat, head):
        items = [i for i in inbox_items(person, today) if i.kind == "context.issue_review"]
        assert [i.label for i in items] == [f"{overdue_issue.code} · {overdue_issue.title}"]
        assert items[0].is_overdue(today)
    assert not [i for i in inbox_items(staff, today) if i.kind == "context.issue_review"]


def test_the_inbox_source_takes_one_query_for_many_issues(
    secretariat, department, today, django_assert_max_num_queries
):
    from context.reminders import review_inbox

    for n in range(5):
        add_issue(
            secretariat,
            department=department,
            title=f"V{n}",
            identified_on=today - timedelta(days=400),
        )
    secretariat._ims_roles = None
    with django_assert_max_num_queries(2):
        assert len(review_inbox(secretariat, today)) == 5


def test_an_overdue_review_is_reminded_once_per_occasion(secretariat, head, overdue_issue, today):
    from context.reminders import send_reminders

    assert send_reminders(today=today) == 2  # the secretariat and the lead department's head
    assert any("Quá hạn xem xét vấn đề" in m.subject for m in mail.outbox)
    sent = len(mail.outbox)
    assert send_reminders(today=today) == 0
    assert len(mail.outbox) == sent
    # Reviewed, then overdue again a year later: a new occasion.
    services.review_issue(actor=secretariat, issue=overdue_issue, note="Còn tác động")
    assert send_reminders(today=today) == 0
    later = Issue.objects.get().next_review_on + timedelta(days=1)
    assert send_reminders(today=later) == 2
    assert SentReminder.objects.filter(source="context").count() == 4


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_reminder_goes_once_through_the_real_worker(broker_tasks, secretariat, overdue_issue):
    from celery.result import EagerResult

    from context.tasks import send_review_reminders

    result = send_review_reminders.delay()
    assert not isinstance(result, EagerResult)
    assert result.get(timeout=60) == 1
    assert send_review_reminders.delay().get(timeout=60) == 0
    assert list(
        SentReminder.objects.filter(source="context").values_list("recipient__username", flat=True)
    ) == ["secretariat"]


def test_the_schedule_runs_the_review_reminders(secretariat, overdue_issue):
    out = io.StringIO()
    call_command("run_schedule", "context-review-reminders", stdout=out)
    assert "context-review-reminders: 1" in out.getvalue()


def test_the_review_input_lists_issues_added_changed_and_closed(secretariat, department, today):
    kept = add_issue(secretariat, department=department, title="Thiếu giáo viên")
    changed = add_issue(secretariat, department=department, title="Ngân sách")
    closed = add_issue(secretariat, department=department, title="Trụ sở tạm")
    Issue.history.filter(id__in=[kept.pk, changed.pk, closed.pk]).update(
        history_date=Issue.history.first().history_date - timedelta(days=60)
    )
    services.update_issue(actor=secretariat, issue=changed, fields={"pestle": "E"}, version=1)
    services.review_issue(actor=secretariat, issue=kept, note="Không đổi")  # not a change
    services.close_issue(actor=secretariat, issue=closed, note="Đã chuyển", version=1)
    data = review.collect(today - timedelta(days=30), today)
    rows = {row[0]: row[4] for row in data["rows"]}
    assert rows == {changed.code: "sửa đổi: Yếu tố PESTLE", closed.code: "đã đóng"}
    assert data["summary"].startswith(
        "Trong kỳ: 0 vấn đề thêm mới, 1 vấn đề sửa đổi, 1 vấn đề đã đóng"
    )
    data = review.collect(today - timedelta(days=90), today)
    assert {row[4] for row in data["rows"]} == {"thêm mới", "thêm mới và đã đóng"}


def test_preparing_a_review_freezes_the_context_input(client_for, secretariat, department, today):
    from audits.models import ManagementReview
    from ims.models import SchoolYear
    from ims.services import ensure_school_year

    year = ensure_school_year(SchoolYear.year_of(today), current=True)
    add_issue(secretariat, department=department, title="Luật Nhà giáo 2025")
    response = client_for(secretariat).post(
        reverse("audits:review_create"),
        {
            "school_year": year.pk,
            "title": "Xem xét của lãnh đạo",
            "meeting_date": today.isoformat(),
            "period_start": (today - timedelta(days=60)).isoformat(),
            "period_end": today.isoformat(),
        },
    )
    assert response.status_code == 302
    frozen = {i["key"]: i for i in ManagementReview.objects.get().inputs}["context.issues"]
    assert frozen["clause"] == "9.3.2 b)"
    assert [row[1] for row in frozen["rows"]] == ["Luật Nhà giáo 2025"]
    add_issue(secretariat, department=department, title="Thiếu giáo viên")
    again = {i["key"]: i for i in ManagementReview.objects.get().inputs}["context.issues"]
    assert again == frozen


def test_clauses_4_1_and_4_2_lead_to_the_registers_narrowed_to_the_department(department):
    (issues,) = clause_evidence("4.1")
    (parties,) = clause_evidence("4.2.1") if clause_evidence("4.2.1") else clause_evidence("4.2")
    assert issues.url(department) == f"/context/?department={department.pk}"
    assert issues.url(None) == "/context/"
    assert parties.url(department) == "/context/parties/"


def test_an_audit_checklist_item_of_clause_4_1_links_to_the_department_s_issues(
    client_for, secretariat, department, other_department, today
):
    from audits import services as audits
    from audits.models import AuditProgramme, AuditRound
    from ims.models import Clause, SchoolYear
    from ims.roles import Role
    from ims.services import ensure_school_year
    from tests.factories import make_user

    year = ensure_school_year(SchoolYear.year_of(today), current=True)
    programme = AuditProgramme.objects.create(school_year=year, objectives="Toàn bộ HTQL")
    round_ = AuditRound.objects.create(
        programme=programme,
        kind=AuditRound.Kind.INTERNAL_1,
        start_date=today,
        end_date=today + timedelta(days=30),
    )
    lead = make_user("lead", roles=(Role.AUDITOR, Role.STAFF), department=other_department)
    audit = audits.plan_audit(
        actor=secretariat,
        round=round_,
        fields={
            "department": department,
            "process": "",
            "scope": "Bối cảnh",
            "date": today,
            "start_time": None,
            "place": "Phòng họp",
            "lead_auditor": lead,
        },
        clauses=list(
            Clause.objects.filter(
                number__in=["4.1", "4.2", "7.5.3"], standard=Clause.Standard.ISO_9001
            )
        ),
        team=[],
    )
    audits.generate_checklist(audit=audit, actor=secretariat)
    html = client_for(lead).get(reverse("audits:checklist", args=[audit.pk])).content.decode()
    assert html.count(f'href="/context/?department={department.pk}"') == 1
    assert html.count('href="/context/parties/"') == 1
