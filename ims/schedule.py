"""Beat entries of the organisation core (merged into CELERY_BEAT_SCHEDULE)."""

BEAT = {
    "ims-worker-heartbeat": {"task": "ims.tasks.record_heartbeat", "schedule": 300.0},
}
BEAT["audits-reminders"] = {"task": "audits.tasks.send_reminders", "schedule": 3600.0}
