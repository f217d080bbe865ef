"""A row's history as people read it: who, when, which fields changed from what to what."""

from django.utils.translation import gettext as _

SKIPPED = {"version", "synced_at", "retention_set_by_owner"}


def changes(instance, *, limit: int = 30) -> list[dict]:
    """The newest ``limit`` saved states of ``instance``, each with its changes."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    model = type(instance)
    labels = {f.name: str(f.verbose_name) for f in model._meta.fields}
    entries = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(entries) == limit:
            break
        if older is None:
            fields = [(_("Created"), "", "")]
        else:
            delta = newer.diff_against(older)
            fields = [
                (labels.get(c.field, c.field), _shown(c.old), _shown(c.new))
                for c in delta.changes
                if c.field not in SKIPPED
            ]
            if not fields:
                continue
        entries.append({"when": newer.history_date, "who": newer.history_user, "fields": fields})
    return entries


def _shown(value) -> str:
    if value in (None, ""):
        return "—"
    return str(value)
