"""An indicator taken from system data, through ims.registry.indicator_sources().

The documents app registers "documents reviewed on time"; here a test-only source
(the share of active departments) proves the mechanism without depending on it.
"""

from decimal import Decimal

import pytest
from django.urls import reverse

from ims.models import Department
from ims.registry import IndicatorSource, register_indicator_source
from objectives.models import Measurement
from objectives.services import refresh_computed_measurements
from objectives.tasks import refresh_computed_indicators
from tests.factories import make_department
from tests.objectives.conftest import make_indicator, make_objective

pytestmark = pytest.mark.django_db


def share_of_active_departments(start, end, department, parameter):
    qs = Department.objects.all()
    if department is not None:
        qs = qs.filter(pk=department.pk)
    total = qs.count()
    if not total:
        return None
    return Decimal(100) * qs.filter(is_active=True).count() / total


@pytest.fixture
def source():
    register_indicator_source(
        IndicatorSource(
            key="test-active-departments",
            label="Tỷ lệ phòng đang hoạt động",
            unit="%",
            compute=share_of_active_departments,
        )
    )
    return "test-active-departments"


@pytest.fixture
def computed(source, year, leadership):
    for code in ("A", "B", "C", "D"):
        make_department(code=code)
    objective = make_objective(year, leadership, code="MT-SYS")
    return make_indicator(objective, source=source, frequency="yearly", target=Decimal(90))


def test_an_indicator_computed_from_system_data_changes_when_the_data_does(
    computed, client_for, leadership
):
    refresh_computed_indicators.delay()  # the nightly task, run in-process here
    assert Measurement.objects.get(indicator=computed).value == Decimal(100)
    client = client_for(leadership)
    board = client.get(reverse("objectives:dashboard")).context["board"]
    assert board.rows[0].status == "on_track"

    Department.objects.filter(code__in=["A", "B"]).update(is_active=False)
    assert refresh_computed_measurements() == 1
    measurement = Measurement.objects.get(indicator=computed)
    assert measurement.value == Decimal(50)
    assert measurement.entered_by is None
    board = client.get(reverse("objectives:dashboard")).context["board"]
    assert board.rows[0].status == "missed"
    assert board.rows[0].indicators[0].value == Decimal(50)


def test_the_secretariat_recomputes_an_indicator_at_once(computed, client_for, secretariat):
    refresh_computed_measurements()
    Department.objects.filter(code="A").update(is_active=False)
    response = client_for(secretariat).post(
        reverse("objectives:indicator_refresh", args=[computed.pk])
    )
    assert response.status_code == 302
    assert Measurement.objects.get(indicator=computed).value == Decimal(80)


def test_nobody_else_recomputes(computed, client_for, colleague):
    url = reverse("objectives:indicator_refresh", args=[computed.pk])
    assert client_for(colleague).post(url).status_code == 403


def test_the_indicator_form_offers_the_registered_sources(source, client_for, secretariat, year):
    objective = make_objective(year, secretariat, code="MT-F")
    page = client_for(secretariat).get(reverse("objectives:indicator_add", args=[objective.pk]))
    choices = dict(page.context["form"].fields["source"].choices)
    assert choices[source] == "Tỷ lệ phòng đang hoạt động"
    response = client_for(secretariat).post(
        reverse("objectives:indicator_add", args=[objective.pk]),
        {
            "name": "Tỷ lệ phòng hoạt động",
            "unit": "%",
            "direction": "higher",
            "target": "90",
            "at_risk_margin": "5",
            "frequency": "quarterly",
            "owner": secretariat.pk,
            "source": source,
            "order": 0,
        },
    )
    assert response.status_code == 302
    assert objective.indicators.get().source == source
