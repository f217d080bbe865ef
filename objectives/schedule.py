"""Beat entries of the objectives app (merged into CELERY_BEAT_SCHEDULE by settings)."""

from celery.schedules import crontab

BEAT = {
    "objectives-late-measurements": {
        "task": "objectives.tasks.send_late_measurement_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
    "objectives-computed-indicators": {
        "task": "objectives.tasks.refresh_computed_indicators",
        "schedule": crontab(hour=2, minute=15),
    },
}
