"""Who made a change, also outside a web request.

django-simple-history takes the user from ``instance._history_user`` or from
``HistoricalRecords.context.request.user`` (set by its middleware for web
requests). Celery tasks and management commands have no request: they wrap
their work in :func:`acting_as` so the history rows name the person on whose
behalf they act.
"""

from contextlib import contextmanager
from types import SimpleNamespace

from simple_history.models import HistoricalRecords

_MISSING = object()


@contextmanager
def acting_as(user):
    """Within the block, history rows written in this thread record ``user``."""
    previous = getattr(HistoricalRecords.context, "request", _MISSING)
    HistoricalRecords.context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is _MISSING:
            try:
                del HistoricalRecords.context.request
            except AttributeError:
                pass
        else:
            HistoricalRecords.context.request = previous
