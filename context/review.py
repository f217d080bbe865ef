"""The context's input to the management review, 9.3.2 b): "changes in external and
internal issues that are relevant to the management system" — the issues added,
changed or closed in the period, read from the history so that it is compiled from
what happened, and frozen into the review by ``prepare_review``."""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

from context.models import Issue

# Changes of these fields change the issue; a review stamp does not.
CONTENT_FIELDS = ["title", "description", "origin", "effect", "pestle", "impact", "department"]


def _bounds(start: date, end: date):
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end, time.max, tzinfo=zone),
    )


def collect(start: date, end: date) -> dict:
    since, until = _bounds(start, end)
    history = Issue.history.filter(history_date__range=(since, until))
    added = set(history.filter(history_type="+").values_list("id", flat=True))
    closed = set(Issue.objects.filter(closed_on__range=(start, end)).values_list("pk", flat=True))
    changed: dict[int, set[str]] = {}
    for record in history.filter(history_type="~").order_by("history_date"):
        if record.id in added:
            continue
        previous = record.prev_record
        if previous is None:
            continue
        fields = record.diff_against(previous, included_fields=CONTENT_FIELDS).changed_fields
        if fields:
            changed.setdefault(record.id, set()).update(fields)
    issues = Issue.objects.filter(pk__in=added | closed | set(changed)).order_by("code")
    rows = []
    names = {f.name: str(f.verbose_name) for f in Issue._meta.fields}
    for issue in issues:
        if issue.pk in added:
            what = _("added")
        elif issue.pk in closed:
            what = _("closed")
        else:
            what = _("changed: %(fields)s") % {
                "fields": ", ".join(names[f] for f in CONTENT_FIELDS if f in changed[issue.pk])
            }
        if issue.pk in added and issue.pk in closed:
            what = _("added and closed")
        rows.append(
            [
                issue.code,
                issue.title,
                str(issue.get_origin_display()),
                f"{issue.get_swot_display()} · {issue.get_pestle_display()}",
                what,
            ]
        )
    summary = _(
        "%(added)d issues added, %(changed)d changed, %(closed)d closed in the period; "
        "%(open)d open issues in the register."
    ) % {
        "added": len(added),
        "changed": len(set(changed) - closed),
        "closed": len(closed),
        "open": Issue.objects.open().count(),
    }
    return {
        "summary": summary,
        "columns": [_("Code"), _("Issue"), _("Origin"), _("SWOT · PESTLE"), _("Change")],
        "rows": rows,
    }
