"""Yearly reviews of issues that fall due: in the inbox of the secretariat (and of the
head of the issue's lead department) and, once overdue, reminded by e-mail once per
occasion (an issue's review due on a given day)."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from context.models import Issue
from ims.notifications.reminders import send_each_once
from ims.permissions import department_of, has_role, is_secretariat
from ims.registry import NORMAL, URGENT, InboxItem
from ims.roles import Role

INBOX_NOTICE = timedelta(days=30)


def review_inbox(user, today: date) -> list[InboxItem]:
    """Issues whose review is due within 30 days (overdue ones first): one query."""
    if is_secretariat(user):
        issues = Issue.objects.all()
    elif has_role(user, Role.DEPARTMENT_HEAD) or user.headed_departments.exists():
        own = department_of(user)
        q = Q(department__head=user)
        if own is not None and has_role(user, Role.DEPARTMENT_HEAD):
            q |= Q(department=own)
        issues = Issue.objects.filter(q)
    else:
        return []
    due = issues.review_due(today, within_days=INBOX_NOTICE.days).only(
        "pk", "code", "title", "next_review_on"
    )
    return [
        InboxItem(
            kind="context.issue_review",
            label=f"{issue.code} · {issue.title}",
            action=_("issue to review"),
            url=reverse("context:issue", args=[issue.pk]) + "#review",
            due=issue.next_review_on,
            urgency=URGENT if issue.next_review_on < today else NORMAL,
            nav="context:issues",
        )
        for issue in due.order_by("next_review_on", "code")
    ]


def _occasions(today: date):
    """(key, recipients, subject, body, url) for each overdue review."""
    secretariat = list(
        get_user_model().objects.filter(groups__name=Role.ISO_SECRETARIAT, is_active=True)
    )
    overdue = (
        Issue.objects.open().filter(next_review_on__lt=today).select_related("department__head")
    )
    for issue in overdue.order_by("code"):
        people = list(secretariat)
        head = issue.department.head if issue.department else None
        if head is not None and head not in people:
            people.append(head)
        subject = _("Issue review overdue: %(code)s %(title)s") % {
            "code": issue.code,
            "title": issue.title,
        }
        body = _(
            "The yearly review of this issue of the organisation's context was due on %(day)s."
        ) % {"day": issue.next_review_on.strftime("%d/%m/%Y")}
        yield (
            f"context.issue-review:{issue.pk}:{issue.next_review_on.isoformat()}",
            people,
            subject,
            body,
            reverse("context:issue", args=[issue.pk]),
        )


def send_reminders(*, today: date | None = None, base_url: str = "") -> int:
    """Send each overdue review's reminder once per occasion and person; return how many.

    The ``ims.SentReminder`` row is written in the same transaction as the e-mail is handed
    over: a failed send is tried again next time and two runs at once cannot both send.
    """
    today = today or timezone.localdate()
    return send_each_once("context", lambda: _occasions(today), base_url=base_url)
