from celery import shared_task

from context import reminders


@shared_task
def send_review_reminders() -> int:
    """Overdue yearly reviews of issues: each reminded once per occasion."""
    return reminders.send_reminders()
