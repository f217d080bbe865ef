"""Beat entries of the organisation core (merged into CELERY_BEAT_SCHEDULE)."""

BEAT = {
    "ims-worker-heartbeat": {"task": "ims.tasks.record_heartbeat", "schedule": 300.0},
}
