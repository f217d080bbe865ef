"""The badge of a requirement's status, drawn once per status (the training matrix
draws one per cell: an ``{% include %}`` per cell cost most of its time)."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

CLASSES = {
    "met": "badge-ok",
    "expiring": "badge-warn",
    "expired": "badge-bad",
    "missing": "badge-bad",
}


@register.simple_tag
def status_badge(status):
    if not status:
        return mark_safe('<span class="muted">—</span>')  # noqa: S308 (a constant)
    return format_html('<span class="badge {}">{}</span>', CLASSES[status.value], status.label)
