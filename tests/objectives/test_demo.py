import io

import pytest
from django.core.management import call_command

from ims.models import SchoolYear
from objectives import summary
from objectives.models import Measurement, Objective

pytestmark = pytest.mark.django_db


def test_load_demo_adds_cascaded_objectives_for_two_school_years_and_is_idempotent():
    call_command("load_demo", stdout=io.StringIO())
    objectives, measurements = Objective.objects.count(), Measurement.objects.count()
    current = SchoolYear.objects.current()
    years = set(Objective.objects.values_list("school_year", flat=True))
    assert len(years) == 2 and current.pk in years
    for level in Objective.Level.values:
        assert Objective.objects.filter(school_year=current, level=level).exists()
    previous = SchoolYear.objects.exclude(pk=current.pk).get(pk__in=years)
    statuses = {r.status for r in summary.year_rows(previous)}
    assert {"on_track", "at_risk", "missed"} <= statuses or {"on_track", "missed"} <= statuses
    assert Measurement.objects.filter(indicator__objective__school_year=previous).count() > 100
    codes = set(Objective.objects.filter(school_year=current).values_list("code", flat=True))
    assert {"MT-01", "MT-02", "MT-03", "MT-04", "MT-01.TCCB", "MT-01.TCCB.1"} <= codes

    call_command("load_demo", stdout=io.StringIO())
    assert (Objective.objects.count(), Measurement.objects.count()) == (objectives, measurements)
