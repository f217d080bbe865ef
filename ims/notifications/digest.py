"""The summary e-mails: a person's inbox ("Việc của tôi") sent once a day or once a
week to those who chose it instead of one e-mail per event."""

import logging
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ims.language import language_of
from ims.models import DigestSent
from ims.notifications.choice import Notifications
from ims.registry import InboxItem, inbox_items

logger = logging.getLogger(__name__)

DAILY = Notifications.DAILY
WEEKLY = Notifications.WEEKLY


def period_key(frequency: str, today: date) -> str:
    """The period a summary covers: the day ("d:2026-12-07") or the ISO week
    ("w:2026-W50"), so a weekly run on any day of the week sends that week's once."""
    if frequency == DAILY:
        return f"d:{today.isoformat()}"
    if frequency == WEEKLY:
        year, week, _day = today.isocalendar()
        return f"w:{year}-W{week:02d}"
    raise ValueError(f"no summary is sent for {frequency!r}")


def recipients(frequency: str):
    """Active people with an address who chose this summary."""
    return (
        get_user_model()
        .objects.filter(is_active=True, profile__notifications=frequency)
        .exclude(email="")
        .select_related("profile")
        .order_by("pk")
    )


def digest_message(user, items: list[InboxItem], *, frequency: str, today: date):
    """The summary e-mail of ``items`` for ``user`` (plain text and HTML, in the
    person's language: ``ims.language``)."""
    base = settings.SITE_URL
    with translation.override(language_of(user)):
        context = {
            "user": user,
            "frequency": frequency,
            "daily": frequency == DAILY,
            "today": today,
            "site_url": base,
            "items": [
                {
                    "action": str(item.action),
                    "label": str(item.label),
                    "due": item.due,
                    "overdue": item.is_overdue(today),
                    "link": item.url if "://" in item.url else base + item.url,
                }
                for item in items
            ],
            "overdue_count": sum(1 for item in items if item.is_overdue(today)),
        }
        subject = render_to_string("ims/email/digest_subject.txt", context).strip()
        text = render_to_string("ims/email/digest.txt", context)
        html = render_to_string("ims/email/digest.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, None, [user.email])
    message.attach_alternative(html, "text/html")
    return message


def send_digests(*, frequency: str, today: date | None = None) -> int:
    """Send this period's summary to every person who chose ``frequency`` and has
    something in their inbox; return how many went.

    The ``DigestSent`` row and the send share one transaction: a failed send leaves no
    row and is tried at the next run; a second run (or two at once) finds the row and
    sends nothing."""
    today = today or timezone.localdate()
    key = period_key(frequency, today)
    done = set(DigestSent.objects.filter(period_key=key).values_list("user_id", flat=True))
    sent = 0
    for user in recipients(frequency).exclude(pk__in=done):
        with translation.override(language_of(user)):  # the items' words, too
            items = inbox_items(user, today)
        if not items:
            continue  # nothing waits: no e-mail at all
        message = digest_message(user, items, frequency=frequency, today=today)
        try:
            with transaction.atomic():
                DigestSent.objects.create(user=user, period_key=key, item_count=len(items))
                message.send()
        except IntegrityError:
            continue  # another run sent it
        except OSError:  # SMTP unreachable or refused: the next run tries again
            logger.warning("summary e-mail to %s not sent", user.email, exc_info=True)
            continue
        sent += 1
    return sent
