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
