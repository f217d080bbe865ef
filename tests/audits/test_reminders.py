from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from audits import services
from audits.corrective import services as corrective
from audits.models import CorrectiveAction, Finding
from ims.models import SentReminder
from tests.audits.conftest import clauses

CA = CorrectiveAction


def _nonconformity(audit, actor, **extra):
    return services.record_finding(
        audit=audit,
        actor=actor,
        grade=Finding.Grade.MINOR,
        clause=clauses("7.5.3")[0],
        department=audit.department,
        statement="Hồ sơ chưa được kiểm soát",
        evidence="Sổ công văn đi 2025",
        **extra,
    ).corrective_action


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_reminder_goes_once_not_twice_through_the_real_worker(
    broker_tasks, audit, head, lead_auditor
):
    from celery.result import EagerResult

    from audits.tasks import send_reminders

    result = send_reminders.delay()
    assert not isinstance(result, EagerResult)
    # The audit in two days: its lead auditor and the audited department's head.
    assert result.get(timeout=30) == 2
    assert send_reminders.delay().get(timeout=30) == 0
    assert set(
        SentReminder.objects.filter(source="audits").values_list("recipient__username", flat=True)
    ) == {
        "leadauditor",
        "head",
    }
    assert (
        SentReminder.objects.filter(
            source="audits", key__startswith=f"audit-upcoming:{audit.pk}:"
        ).count()
        == 2
    )


def test_overdue_actions_remind_their_owner_and_head_once_per_due_date(
    audit, lead_auditor, head, staff, today
):
    action = _nonconformity(audit, lead_auditor)
    CA.objects.filter(pk=action.pk).update(owner=staff, due_date=today - timedelta(days=1))
    services.send_reminders(today=today)
    overdue = SentReminder.objects.filter(source="audits", key__startswith="ca-overdue:")
    assert set(overdue.values_list("recipient__username", flat=True)) == {"staff", "head"}
    assert any("quá hạn" in m.subject and m.to == [staff.email] for m in mail.outbox)
    sent_before = len(mail.outbox)
    assert services.send_reminders(today=today) == 0
    assert len(mail.outbox) == sent_before
    # A new due date is a new occasion.
    CA.objects.filter(pk=action.pk).update(due_date=today - timedelta(days=2))
    services.send_reminders(today=today)
    assert overdue.count() == 4


def test_an_effectiveness_check_due_reminds_the_secretariat(
    audit, lead_auditor, head, secretariat, today
):
    action = _nonconformity(audit, lead_auditor)
    corrective.answer_corrective_action(
        action=action,
        actor=head,
        correction="Bổ sung",
        whys=["Vì sao"],
        root_cause="Nguyên nhân",
        action_plan="Kế hoạch",
    )
    corrective.mark_implemented(
        action=action, actor=head, implemented_on=today - timedelta(days=40)
    )
    services.send_reminders(today=today)
    assert SentReminder.objects.filter(
        source="audits", key__startswith="ca-verify:", recipient=secretariat
    ).exists()


def test_the_home_page_shows_what_needs_each_person(
    client_for, audit, lead_auditor, head, secretariat, outsider
):
    action = _nonconformity(audit, lead_auditor)
    page = client_for(head).get(reverse("home")).content.decode()
    assert audit.subject in page
    assert action.number in page
    page = client_for(lead_auditor).get(reverse("home")).content.decode()
    assert audit.subject in page
    assert action.number not in page
    page = client_for(outsider).get(reverse("home")).content.decode()
    assert action.number not in page


def test_the_schedule_runs_the_audit_reminders(audit):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("run_schedule", "audits-reminders", stdout=out)
    assert "audits-reminders: 2" in out.getvalue()


def test_who_chose_a_summary_gets_no_event_mail_but_the_occasion_is_marked(
    audit, head, lead_auditor, settings
):
    from ims.models import Profile
    from ims.notifications.choice import set_notification_choice

    settings.SITE_URL = "https://ims.example.vn"
    set_notification_choice(user=head, choice=Profile.Notifications.DAILY, actor=head)
    assert services.send_reminders(today=audit.date - timedelta(days=2)) == 2
    assert [m.to for m in mail.outbox] == [[lead_auditor.email]]
    assert SentReminder.objects.filter(
        source="audits", recipient=head
    ).exists()  # nothing goes to head later
    services.send_reminders(today=audit.date - timedelta(days=2))
    assert len(mail.outbox) == 1


def test_the_scheduled_reminder_links_to_the_site(audit, lead_auditor, settings):
    from audits.tasks import send_reminders

    settings.SITE_URL = "https://ims.example.vn"
    send_reminders.apply()
    assert f"https://ims.example.vn{audit.get_absolute_url()}" in mail.outbox[0].body
