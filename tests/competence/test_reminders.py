"""Certificates expiring or expired and evaluations due: reminded once per occasion
(by the real worker and by run_schedule), and shown in the inbox."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command

from competence import reminders, services
from competence.models import Training, TrainingRecord
from ims.models import SentReminder
from ims.registry import inbox_items

pytestmark = pytest.mark.django_db


def _certificate(person, topic, expires_on):
    return TrainingRecord.objects.create(
        person=person,
        topic=topic,
        title="Lớp nhận thức ISO 9001:2015",
        date=expires_on - timedelta(days=730),
        expires_on=expires_on,
    )


def test_an_expiring_certificate_reminds_its_holder_and_their_head_once(
    staff, head, iso_topic, today
):
    record = _certificate(staff, iso_topic, today + timedelta(days=30))
    assert reminders.send_reminders(today=today) == 2
    assert {m.to[0] for m in mail.outbox} == {staff.email, head.email}
    assert any("Chứng chỉ hết hạn ngày" in m.subject for m in mail.outbox)
    assert reminders.send_reminders(today=today) == 0
    # Once expired it is a new occasion; renewed, nothing more is said.
    assert reminders.send_reminders(today=today + timedelta(days=31)) == 2
    assert (
        SentReminder.objects.filter(
            source="competence", key__startswith=f"certificate-expired:{record.pk}:"
        ).count()
        == 2
    )
    _certificate(staff, iso_topic, today + timedelta(days=800))
    assert reminders.send_reminders(today=today + timedelta(days=32)) == 0


def test_an_evaluation_due_reminds_the_heads_of_the_departments_aimed_at(
    secretariat, head, staff, department, year, iso_topic, today
):
    training = services.save_training(
        training=Training(
            school_year=year,
            topic=iso_topic,
            title="Đào tạo nhận thức ISO",
            date=today - timedelta(days=100),
            evaluation_months=3,
        ),
        departments=[department],
        positions=[],
        actor=secretariat,
    )
    assert training.evaluation_due_on < today
    reminders.send_reminders(today=today)
    sent = SentReminder.objects.filter(
        source="competence", key__startswith=f"evaluation-due:{training.pk}:"
    )
    assert list(sent.values_list("recipient__username", flat=True)) == ["head"]
    kinds = {i.kind for i in inbox_items(head, today)}
    assert "competence.evaluation" in kinds
    assert "competence.evaluation" not in {i.kind for i in inbox_items(staff, today)}
    services.evaluate_training(
        training=training,
        evaluation="Học viên áp dụng tốt",
        effective=True,
        actor=head,
        seen_version=training.version,
    )
    assert "competence.evaluation" not in {i.kind for i in inbox_items(head, today)}


def test_a_persons_expiring_certificate_is_in_their_inbox(staff, colleague, iso_topic, today):
    _certificate(staff, iso_topic, today + timedelta(days=10))
    (item,) = [i for i in inbox_items(staff, today) if i.kind.startswith("competence")]
    assert item.action == "Chứng chỉ cần gia hạn" and item.due == today + timedelta(days=10)
    assert not [i for i in inbox_items(colleague, today) if i.kind.startswith("competence")]


def test_run_schedule_sends_the_competence_reminders(staff, head, iso_topic, today):
    _certificate(staff, iso_topic, today + timedelta(days=5))
    out = io.StringIO()
    call_command("run_schedule", "competence-reminders", stdout=out)
    assert "competence-reminders: 2" in out.getvalue()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_a_reminder_once_not_twice(
    broker_tasks, staff, head, iso_topic, today
):
    from celery.result import EagerResult

    from competence.tasks import send_reminders

    _certificate(staff, iso_topic, today + timedelta(days=20))
    result = send_reminders.delay()
    assert not isinstance(result, EagerResult)
    assert result.get(timeout=60) == 2
    assert send_reminders.delay().get(timeout=60) == 0
    assert set(
        SentReminder.objects.filter(source="competence").values_list(
            "recipient__username", flat=True
        )
    ) == {
        "staff",
        "head",
    }


def test_who_chose_a_summary_gets_no_event_email_but_is_not_reminded_later(
    staff, head, iso_topic, today
):
    staff.profile.notifications = "daily"
    staff.profile.save(update_fields=["notifications"])
    _certificate(staff, iso_topic, today + timedelta(days=15))
    assert reminders.send_reminders(today=today) == 2
    assert [m.to for m in mail.outbox] == [[head.email]]
    assert SentReminder.objects.filter(source="competence", recipient=staff).exists()
