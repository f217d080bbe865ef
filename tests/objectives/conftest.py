"""Fixtures of the objectives tests: the current school year (the one holding
today) and the year before, and small makers for objectives and indicators."""

from decimal import Decimal

import pytest
from django.utils import timezone

from ims.models import SchoolYear
from ims.services import ensure_school_year
from objectives.models import Indicator, Objective
from objectives.rules import Direction, Frequency


@pytest.fixture
def year(db):
    return ensure_school_year(SchoolYear.year_of(timezone.localdate()), current=True)


@pytest.fixture
def previous_year(year):
    return ensure_school_year(year.start_date.year - 1)


def make_objective(year, owner, *, code="MT-01", level=Objective.Level.ORGANISATION, **extra):
    return Objective.objects.create(
        school_year=year,
        code=code,
        level=level,
        statement=extra.pop("statement", f"Mục tiêu {code}"),
        owner=owner,
        **extra,
    )


def make_indicator(objective, owner=None, **extra) -> Indicator:
    values = {
        "name": "Tỷ lệ hồ sơ giải quyết đúng hạn",
        "unit": "%",
        "direction": Direction.HIGHER,
        "target": Decimal(100),
        "frequency": Frequency.MONTHLY,
        "at_risk_margin": Decimal(5),
    }
    values.update(extra)
    return Indicator.objects.create(objective=objective, owner=owner or objective.owner, **values)


@pytest.fixture
def cascade(year, leadership, head, staff, department):
    """An organisation objective, a department objective under it and a staff
    objective under that, each with one monthly percentage indicator."""
    org = make_objective(year, leadership, code="MT-01", statement="100% hồ sơ TTHC đúng hạn")
    dept = make_objective(
        year,
        head,
        code="MT-01.TCCB",
        level=Objective.Level.DEPARTMENT,
        parent=org,
        department=department,
        statement="Phòng TCCB giải quyết 100% hồ sơ đúng hạn",
    )
    own = make_objective(
        year,
        staff,
        code="MT-01.TCCB.1",
        level=Objective.Level.STAFF,
        parent=dept,
        department=department,
        statement="Chuyên viên xử lý đúng hạn mọi hồ sơ được giao",
    )
    return {
        "org": org,
        "dept": dept,
        "staff": own,
        "org_indicator": make_indicator(org),
        "dept_indicator": make_indicator(dept),
        "staff_indicator": make_indicator(own),
    }
