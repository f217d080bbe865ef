"""Reminders by e-mail to those who have not yet answered a campaign's one-time link
(sent by the tasks in ``surveys.tasks``: daily for every open campaign, and when the
secretariat asks for one campaign)."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from surveys.models import Campaign, Token


def send_reminders(*, campaign: Campaign, base_url: str, min_interval=timedelta(days=1)) -> int:
    """E-mail every unused link of an open campaign that has an address and was not
    reminded within ``min_interval``. Returns the number of e-mails sent."""
    if not campaign.is_open():
        return 0
    now = timezone.now()
    due = campaign.tokens.filter(used_at__isnull=True).exclude(email="")
    due = due.exclude(reminded_at__gt=now - min_interval)
    sent = 0
    for token in due.select_related("unit"):
        # Claim the token first so that two runs never send the same reminder twice.
        claimed = (
            Token.objects.filter(pk=token.pk, used_at__isnull=True)
            .exclude(reminded_at__gt=now - min_interval)
            .update(reminded_at=now)
        )
        if not claimed:
            continue
        context = {
            "campaign": campaign,
            "token": token,
            "name": token.name or (token.unit.name if token.unit_id else ""),
            "link": base_url.rstrip("/") + reverse("surveys:answer_token", args=[token.key]),
        }
        subject = _("Reminder: %(title)s") % {"title": campaign.title}
        body = render_to_string("surveys/reminder_email.txt", context)
        send_mail(subject, body, None, [token.email])
        sent += 1
    return sent


def site_url() -> str:
    return settings.SURVEYS_BASE_URL
