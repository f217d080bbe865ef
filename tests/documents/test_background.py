import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from documents import reminders
from documents.models import Document, Revision, SignOff
from documents.tasks import publish_edition
from tests.conftest import wait_until
from tests.documents.factories import (
    make_document_due_for_review,
    make_effective_document,
    make_revision,
)

State = Revision.State


def _approved_edition(department, approver):
    document = make_effective_document(department=department)
    edition = make_revision(document, state=State.APPROVED, effective_date=timezone.localdate())
    SignOff.objects.create(
        revision=edition, step="approved", user=approver, name="x", signed_at=timezone.now()
    )
    return edition


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_history_names_the_user_for_a_change_made_by_the_real_worker(
    broker_tasks, department, leadership
):
    from celery.result import EagerResult

    edition = _approved_edition(department, leadership)
    result = publish_edition.delay(edition.pk, leadership.pk)
    assert not isinstance(result, EagerResult)
    assert result.get(timeout=30) is True
    wait_until(lambda: Revision.objects.get(pk=edition.pk).state == State.EFFECTIVE)
    latest = edition.history.order_by("-history_date").first()
    assert latest.state == State.EFFECTIVE and latest.history_user_id == leadership.pk
    superseded = Revision.objects.get(document=edition.document, number=1)
    assert superseded.history.order_by("-history_date").first().history_user_id == leadership.pk
    document_change = Document.history.filter(id=edition.document_id).order_by("-history_date")
    assert document_change.first().history_user_id == leadership.pk


@pytest.mark.django_db
def test_scheduled_publication_from_the_command_records_the_approver(department, leadership):
    edition = _approved_edition(department, leadership)
    out = io.StringIO()
    call_command("run_schedule", "documents-publish-due", stdout=out)
    edition.refresh_from_db()
    assert edition.state == State.EFFECTIVE
    assert edition.history.order_by("-history_date").first().history_user == leadership


@pytest.mark.django_db
def test_reminders_mail_the_head_about_overdue_reviews_and_readers_about_acknowledgements(
    department, head, staff
):

    today = timezone.localdate()
    document = make_document_due_for_review(department=department, review_in_days=-1)
    sent = reminders.send_reminders(today=today)
    assert sent >= 2
    to_head = [m for m in mail.outbox if m.to == [head.email]]
    assert any(document.code in m.body and "quá hạn" in m.body for m in to_head)
    to_staff = [m for m in mail.outbox if m.to == [staff.email]]
    assert any(document.code in m.body for m in to_staff)


@pytest.mark.django_db
def test_each_document_reminder_goes_once_per_occasion_not_every_morning(department, head, staff):
    from datetime import timedelta

    from ims.models import SentReminder

    today = timezone.localdate()
    document = make_document_due_for_review(department=department, review_in_days=10)

    # coming due: the head hears of it once; each reader of the department (the head
    # included) once of the edition they have not acknowledged
    assert reminders.send_reminders(today=today) == 3
    assert reminders.send_reminders(today=today) == 0
    assert reminders.send_reminders(today=today + timedelta(days=1)) == 0
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert sent == sorted(
        [
            (head.email, f"[IMS] Đến hạn xem xét định kỳ: {document.code}"),
            (head.email, f"[IMS] Cần đọc và xác nhận: {document.code}"),
            (staff.email, f"[IMS] Cần đọc và xác nhận: {document.code}"),
        ]
    )

    # overdue: once more, and then no more
    overdue = today + timedelta(days=11)
    assert reminders.send_reminders(today=overdue) == 1
    assert reminders.send_reminders(today=overdue + timedelta(days=1)) == 0
    assert mail.outbox[-1].to == [head.email] and "quá hạn" in mail.outbox[-1].body
    assert document.get_absolute_url() in mail.outbox[-1].body

    # reviewed: the next cycle's date is a new occasion
    document.next_review_on = overdue + timedelta(days=5)
    document.save(update_fields=["next_review_on"])
    assert reminders.send_reminders(today=overdue) == 1
    assert SentReminder.objects.filter(source="documents", recipient=head).count() == 4
    assert SentReminder.objects.filter(source="documents", recipient=staff).count() == 1


@pytest.mark.django_db
def test_document_reminders_skip_people_who_chose_a_summary(department, head, staff):

    from ims.models import Profile
    from ims.notifications.choice import set_notification_choice

    set_notification_choice(user=head, choice=Profile.Notifications.DAILY, actor=head)
    today = timezone.localdate()
    make_document_due_for_review(department=department, review_in_days=-1)
    reminders.send_reminders(today=today)
    assert head.email not in [address for m in mail.outbox for address in m.to]
    assert any(m.to == [staff.email] for m in mail.outbox)  # staff kept the default
