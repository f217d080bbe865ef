"""A campaign's satisfaction index feeds an objective's indicator (objectives app)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from ims.models import SchoolYear
from ims.services import ensure_school_year
from objectives.models import Measurement
from objectives.rules import Frequency
from objectives.services import refresh_computed_measurements
from tests.objectives.conftest import make_indicator, make_objective
from tests.surveys.conftest import answer, make_campaign

pytestmark = pytest.mark.django_db


def test_a_campaigns_index_becomes_the_measurement_of_the_indicator_it_feeds(survey, leadership):
    year = ensure_school_year(SchoolYear.year_of(timezone.localdate()), current=True)
    campaign = make_campaign(survey, days_ago=0)
    for row in [(5, 4, 3), (4, 4, 2), (5, 5, 5), (1, 2, 4)]:  # 8 of 12 at 4–5
        answer(campaign, row)
    other = make_campaign(survey, title="Đợt khác", days_ago=0)
    answer(other, (1, 1, 1))  # not this indicator's campaign
    objective = make_objective(year, leadership, code="MT-HL", statement="Hài lòng ≥ 85%")
    indicator = make_indicator(
        objective,
        name="Tỷ lệ cha mẹ học sinh hài lòng",
        target=Decimal(85),
        frequency=Frequency.MONTHLY,
        source="surveys.satisfaction",
        source_parameter=str(campaign.pk),
    )

    refresh_computed_measurements()

    today = timezone.localdate()
    measurement = Measurement.objects.get(
        indicator=indicator, period_start__lte=today, period_end__gte=today
    )
    assert measurement.value == Decimal("66.70")
    # Months with no answer have no measurement rather than a zero.
    assert not Measurement.objects.filter(indicator=indicator, period_end__lt=today).exists()
