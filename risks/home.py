"""The register's part of "Việc của tôi" and its reminders: reviews falling due for a
row's owner, and residual risks waiting for the owner's sign-off."""

from datetime import date, timedelta

from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from ims.notifications.reminders import send_each_once
from ims.registry import NORMAL, URGENT, InboxItem
from risks.models import ResidualAcceptance, Risk

REVIEW_NOTICE_DAYS = 7
NAV = "risks:register"


def _with_last_acceptance(risks):
    last = ResidualAcceptance.objects.filter(risk=OuterRef("pk")).order_by("-signed_at", "-pk")
    return risks.annotate(
        accepted_l=Subquery(last.values("residual_likelihood")[:1]),
        accepted_i=Subquery(last.values("residual_impact")[:1]),
    )


def residuals_to_sign(user):
    """The rows ``user`` owns whose residual rating waits for their acceptance (one query)."""
    rows = _with_last_acceptance(
        Risk.objects.filter(
            owner=user,
            kind=Risk.Kind.RISK,
            is_closed=False,
            residual_likelihood__isnull=False,
        )
    )
    return [
        r
        for r in rows
        if (r.accepted_l, r.accepted_i) != (r.residual_likelihood, r.residual_impact)
    ]


def risk_inbox(user, today: date) -> list[InboxItem]:
    """Two queries whatever the number of rows."""
    reviews = Risk.objects.filter(
        owner=user, is_closed=False, review_due__lte=today + timedelta(REVIEW_NOTICE_DAYS)
    )
    items = [
        InboxItem(
            kind="risks.review",
            label=f"{risk.number} · {risk.description[:80]}",
            action=_("risk review due"),
            url=reverse("risks:risk", args=[risk.pk]),
            due=risk.review_due,
            urgency=NORMAL,
            nav=NAV,
        )
        for risk in reviews
    ]
    items += [
        InboxItem(
            kind="risks.accept",
            label=f"{risk.number} · {risk.description[:80]}",
            action=_("residual risk to accept"),
            url=reverse("risks:risk", args=[risk.pk]),
            urgency=URGENT,
            nav=NAV,
        )
        for risk in residuals_to_sign(user)
    ]
    return items


def reminder_occasions(today: date):
    """(key, person, subject, body, url) for each review falling due within the notice."""
    due = Risk.objects.filter(
        is_closed=False, review_due__lte=today + timedelta(REVIEW_NOTICE_DAYS)
    ).select_related("owner__profile")
    for risk in due:
        yield (
            f"risk-review:{risk.pk}:{risk.review_due.isoformat()}",
            risk.owner,
            _("Review of %(number)s due on %(day)s")
            % {"number": risk.number, "day": risk.review_due.strftime("%d/%m/%Y")},
            risk.description,
            reverse("risks:risk", args=[risk.pk]),
        )


def send_review_reminders(*, today: date, base_url: str = "") -> int:
    """Send each owner one reminder per review date; return how many went.

    The ``ims.SentReminder`` row is written in the same transaction as the e-mail is handed
    over: a failed send is tried again, and two runs at once cannot both send."""

    def occasions():
        for key, person, subject, body, url in reminder_occasions(today):
            yield key, [person], subject, body, url

    return send_each_once("risks", occasions, base_url=base_url)
