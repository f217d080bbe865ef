"""A row's history as people read it: who, when, which fields changed from what to what."""

from django.utils.translation import gettext as _

HISTORY_LIMIT = 30


def _shown(value):
    if value is None or value == "":
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def changes(obj, limit: int = HISTORY_LIMIT) -> list[dict]:
    """The latest ``limit`` history rows of ``obj``, newest first, each with its changes."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    model = type(obj)
    rows = []
    for newer, older in zip(records, [*records[1:], None], strict=False):
        if len(rows) == limit:
            break
        fields = []
        if older is not None:
            delta = newer.diff_against(older)
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                if field.name == "version":
                    continue
                old, new = change.old, change.new
                if field.is_relation:
                    old, new = getattr(older, field.name, None), getattr(newer, field.name, None)
                elif field.choices:
                    choices = dict(field.flatchoices)
                    old, new = choices.get(old, old), choices.get(new, new)
                fields.append(
                    {"label": str(field.verbose_name), "old": _shown(old), "new": _shown(new)}
                )
        user = newer.history_user
        rows.append(
            {
                "at": newer.history_date,
                "who": (user.get_full_name() or user.username) if user else _("System"),
                "what": {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}[
                    newer.history_type
                ],
                "fields": fields,
            }
        )
    return rows
