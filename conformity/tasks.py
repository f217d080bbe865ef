from celery import shared_task

from conformity import services


@shared_task
def send_scope_reminders() -> int:
    """The scope changed since the last announcement: the secretariat is told once."""
    return services.send_scope_reminders()
