import pytest
from django.utils import timezone

from ims import demo as ims_demo
from surveys import demo
from surveys.models import Campaign, Response

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_closed_campaign_last_year_and_open_ones_with_thousands_of_answers():
    ims_demo.load()
    demo.load()
    today = timezone.localdate()
    closed = [c for c in Campaign.objects.all() if c.has_ended]
    running = [c for c in Campaign.objects.all() if c.is_open()]
    assert len(closed) == 1 and len(running) == 4
    assert {c.survey.group for c in running} == {"parents", "students", "teachers", "units"}
    assert Response.objects.count() > 4000
    this_year, last_year = Campaign.objects.filter(survey__group="parents").order_by("-opens_on")
    assert this_year.previous() == last_year
    assert last_year.closes_on < today
    now = this_year.result.figures
    before = last_year.result.figures
    share = lambda f: (f["overall"][3] + f["overall"][4]) / sum(f["overall"])  # noqa: E731
    assert 0.6 < share(before) < share(now) < 0.95  # realistic, and better this year
    assert this_year.tokens.count() == 0
    units_campaign = Campaign.objects.get(survey__group="units")
    assert units_campaign.tokens.filter(used_at__isnull=False).exists()
    assert units_campaign.tokens.filter(used_at__isnull=True).exists()  # someone to remind

    before_again = Response.objects.count()
    demo.load()  # idempotent
    assert Response.objects.count() == before_again
    assert Campaign.objects.count() == 5
