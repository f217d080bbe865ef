from django import template

from objectives.rules import CSS, Status

register = template.Library()


@register.filter
def status_css(status) -> str:
    """The badge class of a status (on track green, at risk amber, missed red)."""
    try:
        return CSS[Status(status)]
    except ValueError:
        return ""
