"""Background work of document control. Thin: ids in, re-fetch, one service call.

The services record their ``actor`` in the history (``documents.history.acting_as``),
so a change made here names the person on whose behalf it was made.
"""

from datetime import date

from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model

from documents import reminders, services
from documents.models import Revision
from documents.printing import tasks as printing_tasks  # noqa: F401  (the worker finds them here)


@shared_task
def publish_due_editions(today: str | None = None) -> list[int]:
    """Publish the approved editions whose effective date has come, each in the
    name of the person who approved it."""
    day = date.fromisoformat(today) if today else None
    return [r.pk for r in services.publish_due_editions(today=day)]


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def publish_edition(revision_id: int, user_id: int) -> bool:
    """Publish one approved edition for ``user_id`` (e.g. when a person schedules it)."""
    revision = Revision.objects.filter(pk=revision_id).first()
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if revision is None or user is None:
        return False
    try:
        services.publish(revision=revision, actor=user)
    except services.LifecycleError:
        return False
    return True


@shared_task
def send_document_reminders() -> int:
    """E-mail the periodic reviews due and the acknowledgements outstanding, once each."""
    return reminders.send_reminders(base_url=settings.SITE_URL)
