from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value) -> int | str:
    """Whole minutes of a timedelta (rounded up), for "blocked for N minutes"."""
    if not isinstance(value, timedelta):
        return ""
    return max(1, -(-int(value.total_seconds()) // 60))


@register.simple_tag
def clause_evidence(clause, department=None) -> list[dict]:
    """The registers holding evidence for ``clause`` (see ``ims.registry.ClauseEvidence``),
    each as ``{"label", "url"}`` narrowed to ``department`` when given."""
    from ims.registry import clause_evidence as evidence_for

    if clause is None:
        return []
    return [{"label": e.label, "url": e.url(department)} for e in evidence_for(clause.number)]


def active_filters(form) -> int:
    """How many of a filter form's fields the request gives a value (the page number
    and the export format are not fields, so they do not count)."""
    if form is None or not form.is_bound:
        return 0
    data = form.data
    values = data.getlist if hasattr(data, "getlist") else lambda name: [data.get(name)]
    return sum(
        1
        for name in form.fields
        if any(str(v).strip() for v in values(form.add_prefix(name)) if v is not None)
    )


@register.inclusion_tag("_partials/filter_summary.html")
def filter_summary(form, oob: bool = False) -> dict:
    """The summary line of a list's folded filters, "Bộ lọc (2 đang dùng)"; ``oob``
    when an htmx answer redraws it out of band beside the list."""
    return {"count": active_filters(form), "oob": oob}


@register.filter
def at(items, index: int):
    """``columns|at:forloop.counter0``: the item at ``index`` (a row's column heading,
    given to its cell as ``data-label``), or "" past the end."""
    try:
        return items[index]
    except (IndexError, KeyError, TypeError):
        return ""
