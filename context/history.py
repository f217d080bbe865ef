"""A row's history as people read it: who, when, and which fields changed from what to what."""

from datetime import date

from django.utils.text import capfirst
from django.utils.translation import gettext as _


def _shown(field, value, choices_of, related):
    if value is None or value == "":
        return "—"
    if field in choices_of:
        return str(choices_of[field].get(value, value))
    if field in related:
        return str(related[field].get(value, value))
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _m2m_shown(value, key, names) -> str:
    """A many-to-many field's value (a list of through rows as dicts) by the rows' names."""
    shown = sorted(names.get(row.get(key), str(row.get(key))) for row in value or [])
    return ", ".join(shown) or "—"


def entries(records, model, m2m: tuple[str, ...] = ()) -> list[dict]:
    """``records`` are a row's historical records, newest first (with ``history_user``
    fetched). Each entry: ``when``, ``who``, ``what`` (added / changed / removed) and
    ``changes`` as (field label, old, new). ``m2m`` names the many-to-many fields the
    history keeps (shown by the related rows' ``code`` or name)."""
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
    m2m_fields = {name: model._meta.get_field(name) for name in m2m}
    raw = []
    # Each record with the one before it (rows loaded in bulk may have no history at all).
    for newer, older in zip(records, [*records[1:], None][: len(records)], strict=True):
        changes = []
        if older is not None and newer.history_type == "~":
            delta = newer.diff_against(older, included_fields=[*fields, *m2m_fields])
            changes = list(delta.changes)
        if newer.history_type == "~" and not changes:
            continue  # a save that changed nothing shown (its code, the review's stamp only)
        raw.append((newer, changes))
    # The rows many-to-many changes name: one query per field.
    names = {}
    for name, f in m2m_fields.items():
        key = f.related_model._meta.model_name
        ids = {
            row.get(key)
            for _n, changes in raw
            for c in changes
            if c.field == name
            for row in [*(c.old or []), *(c.new or [])]
        }
        rows = f.related_model.objects.filter(pk__in=ids) if ids else []
        names[name] = (key, {o.pk: getattr(o, "code", None) or str(o) for o in rows})
    out = []
    for newer, raw_changes in raw:
        changes = []
        for change in raw_changes:
            if change.field in m2m_fields:
                key, shown = names[change.field]
                old, new = _m2m_shown(change.old, key, shown), _m2m_shown(change.new, key, shown)
                label = capfirst(str(m2m_fields[change.field].verbose_name))
            else:
                old = _shown(change.field, change.old, choices_of, related)
                new = _shown(change.field, change.new, choices_of, related)
                label = capfirst(str(fields[change.field].verbose_name))
            changes.append((label, old, new))
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
