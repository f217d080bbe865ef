"""Reminders by e-mail, each once per occasion (``ims.notifications.reminders``):
a periodic review coming due within two weeks, and again once it is overdue (to the
owning department's head); an edition not acknowledged a week after it took effect
(to the reader). People who chose a summary find the same in their summary e-mail
(``ims.notifications``) and the inbox."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import services
from documents.models import Document
from ims.notifications.reminders import send_each_once

ACKNOWLEDGE_WITHIN = timedelta(days=7)
REVIEW_NOTICE_DAYS = 14


def _review_occasions(today):
    """(key, [person], subject, body, url) for each document's review coming due, and
    again once overdue; the key holds the review date, so the next cycle is new."""
    due = Document.objects.review_due(today, within_days=REVIEW_NOTICE_DAYS).select_related(
        "department__head"
    )
    for document in due:
        head = document.department.head if document.department_id else None
        if head is None:
            continue
        on = document.next_review_on.strftime("%d/%m/%Y")
        if document.next_review_on < today:
            key = f"review-overdue:{document.pk}:{document.next_review_on.isoformat()}"
            subject = _("Periodic review overdue: %(code)s") % {"code": document.code}
            body = _("The periodic review of %(document)s was due on %(date)s.")
        else:
            key = f"review-due:{document.pk}:{document.next_review_on.isoformat()}"
            subject = _("Periodic review due: %(code)s") % {"code": document.code}
            body = _("The periodic review of %(document)s is due on %(date)s.")
        body = body % {"document": f"{document.code} {document.title}", "date": on}
        yield key, [head], subject, body, document.get_absolute_url()


def _acknowledgement_occasions(today):
    """(key, [person], subject, body, url) for each effective edition a reader has not
    acknowledged a week after it took effect."""
    cutoff = today - ACKNOWLEDGE_WITHIN
    for user in get_user_model().objects.filter(is_active=True).select_related("profile"):
        for revision in services.acknowledgements_due(user):
            if revision.effective_date is None or revision.effective_date > cutoff:
                continue
            document = revision.document
            yield (
                f"acknowledge:{revision.pk}",
                [user],
                _("To read and acknowledge: %(code)s") % {"code": document.code},
                _(
                    "%(document)s (edition %(number)s) took effect on %(date)s. Please read it "
                    "and confirm that you have read it."
                )
                % {
                    "document": f"{document.code} {document.title}",
                    "number": revision.number,
                    "date": revision.effective_date.strftime("%d/%m/%Y"),
                },
                revision.get_absolute_url(),
            )


def send_reminders(*, today=None, base_url: str = "") -> int:
    """Send each due reminder once per occasion and person; return how many went."""
    today = today or timezone.localdate()

    def occasions():
        yield from _review_occasions(today)
        yield from _acknowledgement_occasions(today)

    return send_each_once("documents", occasions, base_url=base_url)
