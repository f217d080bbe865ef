"""Beat entries of the surveys app (merged into CELERY_BEAT_SCHEDULE)."""

from celery.schedules import crontab

BEAT = {
    "surveys-remind-open-campaigns": {
        "task": "surveys.tasks.remind_open_campaigns",
        "schedule": crontab(hour=8, minute=0),
    },
    "surveys-refresh-open-campaigns": {
        "task": "surveys.tasks.refresh_open_campaigns",
        "schedule": 900.0,
    },
}
