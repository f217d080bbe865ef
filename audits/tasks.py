from celery import shared_task
from django.conf import settings

from audits import services


@shared_task
def send_reminders() -> int:
    """Audits coming up, actions due or overdue, effectiveness checks due: each once."""
    return services.send_reminders(base_url=settings.SITE_URL)
