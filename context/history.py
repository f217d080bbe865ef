"""A row's history as people read it: who, when, and which fields changed from what to what."""

from django.utils.translation import gettext as _


def _shown(field, value, choices_of, related):
    if value is None or value == "":
        return "—"
    if field in choices_of:
        return str(choices_of[field].get(value, value))
    if field in related:
        return str(related[field].get(value, value))
    if isinstance(value, list):  # a many-to-many field: the related rows' ids
        return str(len(value))
    return str(value)


def entries(records, model) -> list[dict]:
    """``records`` are a row's historical records, newest first (with ``history_user``
    fetched). Each entry: ``when``, ``who``, ``what`` (added / changed / removed) and
    ``changes`` as (field label, old, new)."""
    records = list(records)
    fields = {
        f.name: f for f in model._meta.fields if f.editable and f.name not in ("id", "version")
    }
    choices_of = {name: dict(f.flatchoices) for name, f in fields.items() if f.choices}
    # Foreign keys are shown by name: one query per kind of related row.
    related = {}
    for name, f in fields.items():
        if f.is_relation:
            ids = {getattr(r, f.attname) for r in records} - {None}
            related[name] = (
                {o.pk: o for o in f.related_model.objects.filter(pk__in=ids)} if ids else {}
            )
    out = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        changes = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older, included_fields=list(fields))
            for change in delta.changes:
                label = str(fields[change.field].verbose_name)
                changes.append(
                    (
                        label,
                        _shown(change.field, change.old, choices_of, related),
                        _shown(change.field, change.new, choices_of, related),
                    )
                )
        who = newer.history_user
        out.append(
            {
                "when": newer.history_date,
                "who": (who.get_full_name() or who.username) if who else "—",
                "what": {"+": _("added"), "~": _("changed"), "-": _("removed")}[newer.history_type],
                "changes": changes,
            }
        )
    return out
