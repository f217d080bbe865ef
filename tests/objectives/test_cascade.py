import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from objectives.models import Measurement, Objective
from tests.objectives.conftest import make_objective

pytestmark = pytest.mark.django_db


def test_a_department_objective_knows_the_organisation_objective_it_serves(cascade):
    assert cascade["dept"].parent == cascade["org"]
    assert cascade["staff"].parent.parent == cascade["org"]
    assert list(cascade["org"].children.all()) == [cascade["dept"]]


def test_a_staff_objective_cannot_serve_an_organisation_objective(cascade, year, staff, department):
    wrong = Objective(
        school_year=year,
        code="X",
        level=Objective.Level.STAFF,
        parent=cascade["org"],
        department=department,
        statement="x",
        owner=staff,
    )
    with pytest.raises(ValidationError) as exc:
        wrong.full_clean()
    assert "parent" in exc.value.error_dict


def test_a_cascaded_objective_must_be_of_the_same_year(cascade, previous_year, head, department):
    wrong = Objective(
        school_year=previous_year,
        code="Y",
        level=Objective.Level.DEPARTMENT,
        parent=cascade["org"],
        department=department,
        statement="y",
        owner=head,
    )
    with pytest.raises(ValidationError) as exc:
        wrong.full_clean()
    assert "parent" in exc.value.error_dict


def test_the_database_refuses_a_department_objective_without_parent(year, head, department):
    with pytest.raises(IntegrityError):
        make_objective(year, head, level=Objective.Level.DEPARTMENT, department=department)


def test_the_drill_down_shows_the_tree_under_an_organisation_objective(
    cascade, client_for, leadership
):
    Measurement.objects.create(
        indicator=cascade["staff_indicator"],
        period_start=cascade["org"].school_year.start_date,
        period_end=cascade["org"].school_year.start_date.replace(day=30),
        value=80,
    )
    response = client_for(leadership).get(reverse("objectives:objective", args=[cascade["org"].pk]))
    assert response.status_code == 200
    row = response.context["row"]
    assert [c.objective for c in row.children] == [cascade["dept"]]
    assert [c.objective for c in row.children[0].children] == [cascade["staff"]]
    # the staff objective's miss rolls up to the department objective (which has no value yet)
    assert row.children[0].children[0].status == "missed"
    page = response.content.decode()
    drill = page[page.index('id="drilldown"') :]
    assert drill.index("MT-01.TCCB") < drill.index("MT-01.TCCB.1")
    assert "Chuyên viên xử lý đúng hạn mọi hồ sơ được giao" in drill


def test_a_department_head_cascades_an_objective_to_their_department(
    cascade, client_for, head, department
):
    client = client_for(head)
    form = client.get(reverse("objectives:objective_add") + f"?parent={cascade['dept'].pk}")
    assert form.context["form"].initial["level"] == Objective.Level.STAFF
    response = client.post(
        reverse("objectives:objective_add"),
        {
            "school_year": cascade["org"].school_year.pk,
            "level": "staff",
            "parent": cascade["dept"].pk,
            "department": department.pk,
            "code": "MT-01.TCCB.2",
            "statement": "Số hóa 100% hồ sơ cán bộ",
            "owner": head.pk,
            "order": 0,
        },
    )
    assert response.status_code == 302
    created = Objective.objects.get(code="MT-01.TCCB.2")
    assert created.parent == cascade["dept"]


def test_a_department_head_may_not_write_organisation_objectives(client_for, head, year):
    response = client_for(head).post(
        reverse("objectives:objective_add"),
        {
            "school_year": year.pk,
            "level": "organisation",
            "code": "MT-09",
            "statement": "x",
            "owner": head.pk,
            "order": 0,
        },
    )
    assert response.status_code == 200
    assert not Objective.objects.filter(code="MT-09").exists()


def test_staff_may_not_edit_objectives(cascade, client_for, staff):
    url = reverse("objectives:objective_edit", args=[cascade["dept"].pk])
    assert client_for(staff).get(url).status_code == 403
