"""The person's language: the switcher's choice is remembered on their profile, and
the e-mails IMS sends them — reminders of every app and the summaries — are written
in it; Vietnamese for everybody who never chose."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from documents import reminders
from documents.models import Revision
from ims.language import language_of, remember_language
from ims.models import Profile
from ims.notifications.choice import set_notification_choice
from ims.notifications.digest import send_digests
from tests.documents.factories import make_document, make_document_due_for_review, make_revision


@pytest.mark.django_db
def test_the_switcher_still_works_signed_out_and_ignores_an_unknown_language(client, staff):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/login/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    client.force_login(staff)
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert language_of(staff) == "vi"


@pytest.mark.django_db
def test_each_reminder_is_written_in_its_readers_language(department, head, staff):
    remember_language(user=head, language="en")
    head.refresh_from_db()
    today = timezone.localdate()
    document = make_document_due_for_review(department=department, review_in_days=10)

    assert reminders.send_reminders(today=today) == 3
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert sent == sorted(
        [
            (head.email, f"[IMS] Periodic review due: {document.code}"),
            (head.email, f"[IMS] To read and acknowledge: {document.code}"),
            (staff.email, f"[IMS] Cần đọc và xác nhận: {document.code}"),
        ]
    )


@pytest.mark.django_db
def test_the_summary_is_written_in_the_persons_language(head, department):
    set_notification_choice(user=head, choice=Profile.Notifications.WEEKLY, actor=head)
    remember_language(user=head, language="en")
    make_revision(make_document(department=department), state=Revision.State.IN_REVIEW)
    assert send_digests(frequency=Profile.Notifications.WEEKLY) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[IMS] Your work this week")
    assert "To review" in message.body and "Cần kiểm tra" not in message.body
