"""What waits for the secretariat in the conformity app ("Việc của tôi")."""

from django.urls import reverse
from django.utils.translation import gettext as _

from conformity import permissions
from conformity.models import Announcement, YearlyReport
from conformity.scope import scope_changes
from ims.registry import NORMAL, URGENT, InboxItem

NAV = "conformity:index"


def conformity_inbox(user, today) -> list[InboxItem]:
    """At most six queries, and none for people who do not keep the announcement."""
    if not permissions.can_manage(user):
        return []
    items = []
    draft = Announcement.objects.filter(status=Announcement.Status.DRAFT).first()
    changes = scope_changes()
    if draft:
        items.append(
            InboxItem(
                kind="conformity.draft",
                label=_("Decision of announcement of the quality management system"),
                action=_("draft to finish and have signed"),
                url=draft.get_absolute_url(),
                urgency=NORMAL,
                nav=NAV,
            )
        )
    elif changes:
        items.append(
            InboxItem(
                kind="conformity.scope",
                label=_("The scope changed since decision %(number)s")
                % {"number": changes.since.number},
                action=_("to announce again"),
                url=reverse(NAV),
                urgency=URGENT,
                nav=NAV,
            )
        )
    for report in YearlyReport.objects.filter(status=YearlyReport.Status.DRAFT)[:5]:
        items.append(
            InboxItem(
                kind="conformity.report",
                label=report.title,
                action=_("report to finish and freeze"),
                url=report.get_absolute_url(),
                urgency=NORMAL,
                nav=NAV,
            )
        )
    return items
