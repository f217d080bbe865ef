"""Beat entries of document control (merged into CELERY_BEAT_SCHEDULE)."""

from celery.schedules import crontab

BEAT = {
    # Editions approved for a future date take effect early in the morning of that day.
    "documents-publish-due": {
        "task": "documents.tasks.publish_due_editions",
        "schedule": crontab(minute=5, hour="0-23/6"),
    },
    # A manual build whose tasks were lost with a killed worker is failed with a reason.
    "documents-stalled-builds": {
        "task": "documents.tasks_pdf.fail_stalled_builds",
        "schedule": 60.0,
    },
    "documents-reminders": {
        "task": "documents.tasks.send_document_reminders",
        "schedule": crontab(minute=30, hour=7, day_of_week="mon-fri"),
    },
}
