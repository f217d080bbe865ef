"""A row's history as people read it: when, who, what was done and which fields
changed, from django-simple-history's rows (one query per model, no query per row)."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.text import capfirst
from django.utils.translation import pgettext_lazy

ACTIONS = {
    "+": pgettext_lazy("history action", "created"),
    "~": pgettext_lazy("history action", "changed"),
    "-": pgettext_lazy("history action", "removed"),
}
_SKIPPED = {"id", "version", "certificate_name", "evaluation_due_on"}


@dataclass
class Entry:
    when: datetime
    who: str
    what: str  # the kind of row and its name
    action: str
    fields: list[str]


def entries(history_qs, what) -> list[Entry]:
    """Entries of ``history_qs`` (a model's historical rows), newest first.
    ``what(row)`` names the row (e.g. "Qualification: Cử nhân Luật")."""
    rows = list(history_qs.select_related("history_user").order_by("id", "history_date"))
    if not rows:
        return []
    model = rows[0].instance_type
    tracked = [f for f in model._meta.concrete_fields if f.name not in _SKIPPED and f.editable]
    result = []
    previous = {}
    for row in rows:
        before = previous.get(row.id)
        changed = []
        if row.history_type == "~" and before is not None:
            changed = [
                str(capfirst(f.verbose_name))
                for f in tracked
                if getattr(row, f.attname) != getattr(before, f.attname)
            ]
        previous[row.id] = row
        if row.history_type == "~" and before is not None and not changed:
            continue  # saved again as it was: nothing to tell
        user = row.history_user
        result.append(
            Entry(
                when=row.history_date,
                who=(user.get_full_name() or user.username) if user else "—",
                what=what(row),
                action=str(ACTIONS.get(row.history_type, row.history_type)),
                fields=changed,
            )
        )
    return sorted(result, key=lambda e: e.when, reverse=True)


def merged(*lists: list[Entry], limit: int = 50) -> list[Entry]:
    every = [e for entries_ in lists for e in entries_]
    return sorted(every, key=lambda e: e.when, reverse=True)[:limit]
