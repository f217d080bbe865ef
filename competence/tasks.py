from celery import shared_task
from django.conf import settings

from competence import reminders


@shared_task
def send_reminders() -> int:
    """Certificates expiring or expired, evaluations of effectiveness due: each once."""
    return reminders.send_reminders(base_url=settings.SITE_URL)
