from datetime import timedelta

import pytest
from django.utils import timezone

from context import services
from context.models import Effect, Origin, Pestle
from tests.documents.factories import make_effective_document


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def procedure(department):
    return make_effective_document(code="QT.01-TCCB", department=department, kind="QT")


def add_issue(actor, *, department=None, identified_on=None, **fields):
    values = {
        "title": "Thiếu giáo viên tiểu học",
        "origin": Origin.INTERNAL,
        "effect": Effect.UNFAVOURABLE,
        "pestle": Pestle.SOCIAL,
        "impact": "Phải dạy ghép lớp",
        "department": department,
        "identified_on": identified_on or timezone.localdate(),
        **fields,
    }
    return services.add_issue(actor=actor, fields=values)


@pytest.fixture
def issue(secretariat, department):
    return add_issue(secretariat, department=department)


@pytest.fixture
def overdue_issue(secretariat, department, today):
    return add_issue(
        secretariat,
        department=department,
        title="Luật Nhà giáo 2025",
        origin=Origin.EXTERNAL,
        effect=Effect.FAVOURABLE,
        pestle=Pestle.LEGAL,
        identified_on=today - timedelta(days=400),
    )


@pytest.fixture
def party(secretariat):
    return services.add_party(
        actor=secretariat,
        fields={"name": "Học sinh khuyết tật", "kind": "special_needs", "order": 1},
    )
