import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from ims.models import Department
from objectives.models import Measurement, Objective
from tests.factories import make_department, make_user
from tests.objectives.conftest import make_indicator, make_objective

pytestmark = pytest.mark.django_db


def measure(indicator, value, nth=0):
    period = indicator.periods(indicator.objective.school_year)[nth]
    return Measurement.objects.create(
        indicator=indicator, period_start=period.start, period_end=period.end, value=value
    )


def test_the_dashboard_shows_each_objective_with_status_and_trend(cascade, client_for, leadership):
    measure(cascade["org_indicator"], Decimal("97.5"))
    measure(cascade["dept_indicator"], Decimal(100))
    response = client_for(leadership).get(reverse("objectives:dashboard"))
    assert response.status_code == 200
    rows = response.context["board"].rows
    assert [r.objective.code for r in rows] == ["MT-01"]
    assert rows[0].status == "at_risk"
    assert rows[0].children[0].status == "on_track"
    page = response.content.decode()
    assert "Có nguy cơ" in page and "Đúng tiến độ" in page
    assert 'class="sparkline"' in page and 'id="sparkline-data"' in page
    assert "vendor/chartjs/chart.umd.min.js" in page
    assert '<progress value="97"' in page


def test_the_dashboard_reads_in_english(cascade, client_for, leadership, settings):
    measure(cascade["org_indicator"], Decimal(80))
    client = client_for(leadership)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("objectives:dashboard")).content.decode()
    assert '<html lang="en"' in page
    assert "Quality objectives" in page and "Missed" in page and "Previous year" in page
    assert "Mục tiêu chất lượng" not in page


def test_filtering_by_department_shows_its_objectives_and_the_staff_ones_under_them(
    cascade, client_for, leadership, year, other_department
):
    khtc = make_objective(
        year,
        leadership,
        code="MT-01.KHTC",
        level=Objective.Level.DEPARTMENT,
        parent=cascade["org"],
        department=other_department,
    )
    url = reverse("objectives:dashboard")
    board = client_for(leadership).get(url, {"department": cascade["dept"].department_id})
    rows = board.context["board"].rows
    assert [r.objective for r in rows] == [cascade["dept"]]
    assert [c.objective for c in rows[0].children] == [cascade["staff"]]
    other = client_for(leadership).get(url, {"department": other_department.pk})
    assert [r.objective for r in other.context["board"].rows] == [khtc]


def test_htmx_filtering_returns_only_the_board(cascade, client_for, leadership):
    response = client_for(leadership).get(
        reverse("objectives:dashboard"), {"level": "staff"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "<html" not in page
    assert "MT-01.TCCB.1" in page


def test_the_dashboard_compares_with_the_previous_school_year(
    cascade, client_for, leadership, previous_year
):
    before = make_objective(previous_year, leadership, code="MT-01")
    measure(make_indicator(before), Decimal(92), nth=11)
    rows = client_for(leadership).get(reverse("objectives:dashboard")).context["board"].rows
    assert rows[0].previous.objective == before
    assert rows[0].previous.status == "missed"  # the year is over and 92 < 100


def test_the_dashboard_runs_a_constant_number_of_queries(
    client_for, leadership, year, previous_year, django_assert_max_num_queries
):
    client = client_for(leadership)

    def grow(n):
        for i in range(n):
            dept = make_department()
            for y in (year, previous_year):
                org = make_objective(y, leadership, code=f"MT-{dept.code}")
                measure(make_indicator(org), Decimal(90 + i % 10))
                child = make_objective(
                    y,
                    leadership,
                    code=f"MT-{dept.code}.1",
                    level="department",
                    parent=org,
                    department=dept,
                )
                measure(make_indicator(child), Decimal(95))

    grow(2)
    client.get(reverse("objectives:dashboard"))  # warm the session
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("objectives:dashboard"))
    grow(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("objectives:dashboard"))
    assert len(response.context["board"].rows) == 17


@pytest.mark.parametrize("persona", ["staff", "head", "secretariat", "leadership", "auditor"])
def test_every_internal_role_sees_the_dashboard(persona, request, client_for, year):
    user = request.getfixturevalue(persona)
    assert client_for(user).get(reverse("objectives:dashboard")).status_code == 200


def test_a_unit_contact_does_not(client_for, unit_contact, year):
    assert client_for(unit_contact).get(reverse("objectives:dashboard")).status_code == 403


def test_the_dashboard_exports_to_xlsx(cascade, client_for, leadership):
    from openpyxl import load_workbook

    measure(cascade["org_indicator"], Decimal("97.5"))
    response = client_for(leadership).get(reverse("objectives:export_xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Mã"
    codes = [r[0] for r in rows[1:]]
    assert codes == ["MT-01", "MT-01.TCCB", "MT-01.TCCB.1"]  # tree order
    assert rows[1][9] == 97.5 and rows[1][11] == "Có nguy cơ"


def test_the_pdf_report_for_the_management_review(cascade, client_for, leadership, previous_year):
    from pypdf import PdfReader

    measure(cascade["org_indicator"], Decimal("97.5"))
    response = client_for(leadership).get(reverse("objectives:report_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "BÁO CÁO KẾT QUẢ THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG" in text
    assert "MT-01.TCCB.1" in "".join(text.split())  # the staff objective, however wrapped
    assert "Có nguy cơ" in text
    assert f"So sánh với năm học {previous_year.name}" in text


def test_the_management_review_input_says_how_far_objectives_are_met(cascade, year):
    from ims.registry import review_inputs

    measure(cascade["org_indicator"], Decimal(100))
    measure(cascade["dept_indicator"], Decimal(50))
    review = next(r for r in review_inputs() if r.key == "objectives")
    assert review.clause == "9.3.2 c) 2)"
    data = review.collect(year.start_date, year.start_date + timedelta(days=60))
    assert [row[1] for row in data["rows"]] == ["MT-01", "MT-01.TCCB"]  # no staff objectives
    assert data["rows"][0][-1] == "Đúng tiến độ" and data["rows"][1][-1] == "Không đạt"
    assert data["summary"].startswith("1/2 mục tiêu")
    import json

    json.dumps(data)  # stored as it is in the review


def test_staff_only_department_filter_lists_active_departments(client_for, leadership, year):
    Department.objects.create(code="OLD", name="Phòng cũ", is_active=False)
    form = client_for(leadership).get(reverse("objectives:dashboard")).context["form"]
    assert "OLD" not in [d.code for d in form.fields["department"].queryset]
    assert make_user  # factories in use


def test_a_wide_dashboard_comes_a_page_at_a_time_keeping_its_filters(client_for, leadership, year):
    from objectives.summary import PAGE_SIZE

    for n in range(PAGE_SIZE + 3):
        make_objective(year, leadership, code=f"MT-{n:03d}")
    client = client_for(leadership)
    first = client.get(reverse("objectives:dashboard"), {"year": year.pk})
    assert len(first.context["board"].rows) == PAGE_SIZE
    assert f"?year={year.pk}&amp;page=2" in first.content.decode()
    second = client.get(reverse("objectives:dashboard"), {"year": year.pk, "page": 2})
    assert [r.objective.code for r in second.context["board"].rows] == [
        f"MT-{n:03d}" for n in range(PAGE_SIZE, PAGE_SIZE + 3)
    ]


def test_the_drill_down_runs_a_constant_number_of_queries(
    cascade, client_for, leadership, department, django_assert_max_num_queries
):
    client = client_for(leadership)
    url = reverse("objectives:objective", args=[cascade["org"].pk])
    client.get(url)
    with django_assert_max_num_queries(20) as few:
        client.get(url)
    for n in range(2, 12):
        own = make_objective(
            cascade["org"].school_year,
            leadership,
            code=f"MT-01.TCCB.{n}",
            level="staff",
            parent=cascade["dept"],
            department=department,
        )
        measure(make_indicator(own), Decimal(90 + n))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["row"].children[0].children) == 11


def test_the_xlsx_export_writes_a_formula_like_statement_as_text(cascade, client_for, leadership):
    from openpyxl import load_workbook

    measure(cascade["org_indicator"], Decimal("97.5"))
    cascade["org"].statement = '=HYPERLINK("http://x","y")'
    cascade["org"].save(update_fields=["statement"])
    response = client_for(leadership).get(reverse("objectives:export_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert (sheet["D2"].value, sheet["D2"].data_type) == ('=HYPERLINK("http://x","y")', "s")
    assert (sheet["J2"].value, sheet["J2"].data_type) == (97.5, "n")
