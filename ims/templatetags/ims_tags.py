from datetime import timedelta

from django import template

register = template.Library()


@register.filter
def minutes(value) -> int | str:
    """Whole minutes of a timedelta (rounded up), for "blocked for N minutes"."""
    if not isinstance(value, timedelta):
        return ""
    return max(1, -(-int(value.total_seconds()) // 60))
