"""What of the records register falls due, for the inbox and the e-mail reminders.

* Records past their retention that no proposal holds: the secretariat proposes
  their disposal (one item and one e-mail per department, once per occasion: the
  newest day a record there ran out).
* A disposal proposal waiting for an approval: the department's head, the secretariat.
* Series still required that logged nothing for the last school year: the head of
  the department (once per department and school year).
"""

from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ims.models import Department, SchoolYear
from ims.notifications.reminders import send_each_once
from ims.permissions import has_role, is_secretariat, writes_nothing
from ims.registry import NORMAL, URGENT, InboxItem
from ims.roles import Role
from records.models import (
    DisposalProposal,
    DisposalSignOff,
    RecordEntry,
    RecordSeries,
)

NAV = "records:register"


def past_retention_by_department(today: date) -> list[dict]:
    """``[{department, count, latest}]`` of kept records past retention, not yet proposed."""
    rows = (
        RecordEntry.objects.past_retention(today)
        .values("series__department")
        .annotate(count=Count("pk"), latest=Max("retain_until"))
        .order_by("series__department")
    )
    departments = Department.objects.in_bulk([r["series__department"] for r in rows])
    return [
        {
            "department": departments[r["series__department"]],
            "count": r["count"],
            "latest": r["latest"],
        }
        for r in rows
    ]


def last_school_year(today: date) -> SchoolYear | None:
    return SchoolYear.objects.filter(end_date__lt=today).order_by("-end_date").first()


def silent_series(year: SchoolYear, departments=None):
    """Required series (since before the year ended) with no record for ``year``."""
    logged = RecordEntry.objects.filter(
        series=OuterRef("pk"), period_start__lte=year.end_date, period_end__gte=year.start_date
    )
    series = RecordSeries.objects.required().filter(~Exists(logged))
    if departments is not None:
        series = series.filter(department__in=departments)
    return series


def records_inbox(user, today: date) -> list[InboxItem]:
    """At most five queries, whatever the number of series, records and proposals."""
    if writes_nothing(user) or not user.is_authenticated:
        return []
    items = []
    secretariat = is_secretariat(user)
    headed = list(user.headed_departments.all())
    if not headed and has_role(user, Role.DEPARTMENT_HEAD):
        own = getattr(getattr(user, "profile", None), "department", None)
        headed = [own] if own else []
    if secretariat:
        for row in past_retention_by_department(today):
            department = row["department"]
            items.append(
                InboxItem(
                    kind="records.past_retention",
                    label=_("%(count)d records of %(department)s past retention")
                    % {"count": row["count"], "department": department.name},
                    action=_("disposal to propose"),
                    url=f"{reverse('records:proposal_create')}?department={department.pk}",
                    due=row["latest"],
                    urgency=NORMAL,
                    nav=NAV,
                )
            )
    pending = DisposalProposal.objects.filter(status=DisposalProposal.Status.PENDING).exclude(
        signoffs__user=user
    )
    waiting = Q(pk__in=[])
    if secretariat:
        waiting |= ~Q(signoffs__role=DisposalSignOff.Role.SECRETARIAT)
    if headed:
        waiting |= Q(department__in=headed) & ~Q(
            pk__in=DisposalSignOff.objects.filter(role=DisposalSignOff.Role.HEAD).values("proposal")
        )
    if secretariat or headed:
        for proposal in pending.filter(waiting).select_related("department").distinct():
            items.append(
                InboxItem(
                    kind="records.approval",
                    label=f"{proposal.reference} · {proposal.department.name}",
                    action=_("disposal to approve"),
                    url=proposal.get_absolute_url(),
                    urgency=URGENT,
                    nav=NAV,
                    since=proposal.proposed_at,
                )
            )
    if headed and (year := last_school_year(today)):
        count = silent_series(year, headed).count()
        if count:
            items.append(
                InboxItem(
                    kind="records.silent",
                    label=_("%(count)d record series with nothing logged for %(year)s")
                    % {"count": count, "year": year.name},
                    action=_("records to log"),
                    url=f"{reverse('records:register')}?department={headed[0].pk}&silent=1",
                    urgency=NORMAL,
                    nav=NAV,
                )
            )
    return items


def _occasions(today: date):
    User = get_user_model()
    secretariat = list(
        User.objects.filter(groups__name=Role.ISO_SECRETARIAT, is_active=True).distinct()
    )
    for row in past_retention_by_department(today):
        department = row["department"]
        subject = _("Records of %(department)s past their retention: %(count)d") % {
            "department": department.name,
            "count": row["count"],
        }
        body = _(
            "Their retention has run out. Propose their disposal; nothing is removed "
            "before the head of the department and the secretariat approve it."
        )
        url = f"{reverse('records:proposal_create')}?department={department.pk}"
        yield f"past:{department.pk}:{row['latest']}", secretariat, subject, body, url
    year = last_school_year(today)
    if year is None:
        return
    counts = (
        silent_series(year).values("department").annotate(count=Count("pk")).order_by("department")
    )
    departments = Department.objects.select_related("head").in_bulk(
        [r["department"] for r in counts]
    )
    for row in counts:
        department = departments[row["department"]]
        subject = _("%(count)d record series of %(department)s logged nothing for %(year)s") % {
            "count": row["count"],
            "department": department.name,
            "year": year.name,
        }
        body = _("Log the records kept for the school year, or say where they are.")
        url = f"{reverse('records:register')}?department={department.pk}&silent=1"
        yield f"silent:{department.pk}:{year.start_date}", [department.head], subject, body, url


def send_reminders(*, today: date | None = None, base_url: str = "") -> int:
    """Send each due reminder once per occasion and recipient; return how many went.
    The "sent" row and the e-mail go in one transaction (see audits' reminders)."""
    today = today or timezone.localdate()
    return send_each_once("records", lambda: _occasions(today), base_url=base_url)
