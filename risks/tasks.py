"""Thin Celery tasks: one service call each."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from risks import home


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def send_review_reminders() -> int:
    """Remind owners of the reviews falling due; each occasion once."""
    return home.send_review_reminders(today=timezone.localdate(), base_url=settings.SITE_URL)
