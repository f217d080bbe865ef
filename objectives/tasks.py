"""Thin Celery tasks: one service call each."""

from celery import shared_task

from objectives import services


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def send_late_measurement_reminders() -> int:
    """Remind owners of their late measurements; returns how many were reminded."""
    return services.remind_late_measurements()


@shared_task
def refresh_computed_indicators(indicator_ids: list[int] | None = None) -> int:
    """Recompute the measurements of indicators taken from system data."""
    return services.refresh_computed_measurements(indicator_ids=indicator_ids)
