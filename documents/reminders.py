"""Reminders by e-mail: periodic reviews due or overdue (to the owning department's
head), and acknowledgements outstanding for a week (to the reader), sent to the people
who want each event at once; the others find the same in their summary e-mail
(``ims.notifications``)."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from documents import services
from documents.models import Document
from ims.notifications.choice import wants_immediate

ACKNOWLEDGE_WITHIN = timedelta(days=7)


def _review_messages(today):
    by_head: dict = {}
    for document in Document.objects.review_due(today, within_days=14).select_related(
        "department__head__profile"
    ):
        head = document.department.head
        if head and head.email and wants_immediate(head):
            by_head.setdefault(head, []).append(document)
    for head, documents in by_head.items():
        lines = [
            f"- {d.code} {d.title}: {d.next_review_on:%d/%m/%Y}"
            + (f" ({_('overdue')})" if d.next_review_on < today else "")
            for d in documents
        ]
        yield (
            _("Documents due for periodic review"),
            _("These documents of your department are due for their periodic review:")
            + "\n\n"
            + "\n".join(lines),
            None,
            [head.email],
        )


def _acknowledgement_messages(today):
    cutoff = today - ACKNOWLEDGE_WITHIN
    User = get_user_model()
    for user in User.objects.filter(is_active=True).exclude(email="").select_related("profile"):
        if not wants_immediate(user):
            continue
        due = [r for r in services.acknowledgements_due(user) if r.effective_date <= cutoff]
        if due:
            lines = [f"- {r.document.code} {r.document.title} ({r.number})" for r in due]
            yield (
                _("Documents waiting for your acknowledgement"),
                _("Please read these documents and confirm on the IMS home page:")
                + "\n\n"
                + "\n".join(lines),
                None,
                [user.email],
            )


def send_reminders(*, today=None) -> int:
    today = today or timezone.localdate()
    with translation.override("vi"):
        messages = [*_review_messages(today), *_acknowledgement_messages(today)]
    return send_mass_mail(messages, fail_silently=False) if messages else 0
