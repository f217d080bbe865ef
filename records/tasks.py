"""Thin Celery tasks: ids in, one service call each."""

from celery import shared_task
from django.conf import settings

from documents.models import Document
from records import reminders, sync


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def send_reminders() -> int:
    """Records past retention, approvals waiting, series silent last year: each once."""
    return reminders.send_reminders(base_url=settings.SITE_URL)


@shared_task
def sync_document_series(document_id: int) -> int:
    """After a publication: the document's series follow its new edition."""
    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        return 0
    result = sync.sync_series_for_document(document=document, actor=None)
    return result.created + result.updated + result.dropped


@shared_task
def sync_all_series() -> int:
    """Nightly: every procedure's series, in case a publication was missed."""
    result = sync.sync_all_series(actor=None)
    return result.created + result.updated + result.dropped
