import pytest
from django.urls import reverse

from surveys.models import CampaignResult
from tests.conftest import wait_until
from tests.surveys.conftest import answer, make_campaign, make_survey

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_results_are_aggregated_by_the_real_worker_and_shown_when_ready(
    broker_tasks, client_for, leadership
):
    campaign = make_campaign(make_survey())
    for row in [(5, 4, 3), (4, 4, 2), (5, 5, 5), (1, 2, 4)]:
        answer(campaign, row)
    client = client_for(leadership)
    url = reverse("surveys:results", args=[campaign.pk])

    first = client.get(url)
    assert first.context["result"] is None  # queued to the worker, not computed here
    assert "đang được tính" in first.content.decode()

    result = wait_until(lambda: CampaignResult.objects.filter(campaign=campaign).first())
    assert result.responses == 4
    page = client.get(url, headers={"HX-Request": "true"})  # what the page's poll fetches
    assert page.context["r"]["overall"].share == 66.7
    assert "66,7 %" in page.content.decode()
