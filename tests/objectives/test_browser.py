from decimal import Decimal

import pytest

from objectives.models import Measurement, Objective
from tests.objectives.conftest import make_indicator, make_objective

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def two_departments(cascade, year, leadership, other_department):
    khtc = make_objective(
        year,
        leadership,
        code="MT-01.KHTC",
        level=Objective.Level.DEPARTMENT,
        parent=cascade["org"],
        department=other_department,
        statement="Phòng KHTC thẩm định đúng hạn 100% dự toán",
    )
    for indicator, values in (
        (cascade["org_indicator"], [96, 98]),
        (cascade["dept_indicator"], [100, 100]),
        (make_indicator(khtc), [70, 75]),
    ):
        for period, value in zip(indicator.periods(year), values, strict=False):
            Measurement.objects.create(
                indicator=indicator,
                period_start=period.start,
                period_end=period.end,
                value=Decimal(value),
            )
    return cascade


def test_leadership_filters_the_dashboard_by_department_and_sees_the_charts(
    page_for, live_server, leadership, two_departments, other_department
):
    page = page_for(leadership)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(f"{live_server.url}/objectives/")
    page.wait_for_selector("canvas.status-chart-canvas[data-drawn=true]")
    page.wait_for_selector("canvas.sparkline[data-drawn=true]")
    assert page.locator("tr.objective-row").count() == 1  # the organisation objective

    page.select_option("select[name=department]", str(other_department.pk))
    page.wait_for_url("**department=*")
    page.wait_for_selector("text=MT-01.KHTC")
    rows = page.locator("tr.objective-row")
    assert rows.count() == 1
    assert "Phòng KHTC thẩm định đúng hạn" in rows.first.inner_text()
    assert "Không đạt" in rows.first.inner_text()
    # the charts are drawn again on the board htmx brought
    page.wait_for_selector("canvas.status-chart-canvas[data-drawn=true]")
    page.wait_for_selector("canvas.sparkline[data-drawn=true]")
    drawn = page.evaluate(
        "() => { const c = document.querySelector('canvas.sparkline');"
        " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        " return d.some((v, i) => i % 4 === 3 && v > 0); }"
    )
    assert drawn  # pixels painted, not an empty canvas
    page.screenshot(path="var/screens/objectives-dashboard.png", full_page=True)
    assert errors == []


def test_the_dashboard_is_readable_on_a_phone(page_for, live_server, leadership, two_departments):
    page = page_for(leadership, viewport=PHONE)
    page.goto(f"{live_server.url}/objectives/")
    page.wait_for_selector("canvas.status-chart-canvas[data-drawn=true]")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1  # no sideways scrolling of the page itself
    page.screenshot(path="var/screens/objectives-dashboard-phone.png", full_page=True)
