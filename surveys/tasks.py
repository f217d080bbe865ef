from celery import shared_task
from django.utils import timezone

from surveys import reminders
from surveys.models import Campaign
from surveys.results import refresh_results


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=3)
def compute_campaign_results(campaign_id: int) -> int | None:
    """Aggregate a campaign's answers into its stored figures."""
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return None
    return refresh_results(campaign=campaign).responses


@shared_task
def send_campaign_reminders(campaign_id: int, base_url: str = "") -> int:
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is None:
        return 0
    return reminders.send_reminders(campaign=campaign, base_url=base_url or reminders.site_url())


@shared_task
def remind_open_campaigns() -> int:
    """Daily: remind the unused one-time links of every open campaign."""
    sent = 0
    for campaign in Campaign.objects.open_on(timezone.localdate()):
        sent += reminders.send_reminders(campaign=campaign, base_url=reminders.site_url())
    return sent


@shared_task
def refresh_open_campaigns() -> int:
    """Keep the figures of running campaigns fresh even when nobody looks."""
    refreshed = 0
    for campaign in Campaign.objects.open_on(timezone.localdate()):
        refresh_results(campaign=campaign)
        refreshed += 1
    return refreshed
