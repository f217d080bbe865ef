"""Fixtures of the competence tests: a specialist position of the staff's department
(TCCB) with a requirement of each kind, its training topics, and the school year."""

from datetime import timedelta

import pytest
from django.utils import timezone

from competence.models import Level, Requirement, TrainingTopic
from ims.models import SchoolYear
from ims.services import ensure_school_year
from tests.documents.factories import make_effective_document
from tests.factories import make_position


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def year(db):
    return ensure_school_year(SchoolYear.year_of(timezone.localdate()), current=True)


@pytest.fixture
def iso_topic(db):
    return TrainingTopic.objects.create(name="Nhận thức ISO 9001:2015", validity_months=24)


@pytest.fixture
def qlnn_topic(db):
    return TrainingTopic.objects.create(name="Bồi dưỡng quản lý nhà nước ngạch chuyên viên")


@pytest.fixture
def position(department, staff):
    position = make_position(department, name="Chuyên viên tổ chức cán bộ")
    staff.profile.position = position
    staff.profile.save(update_fields=["position"])
    return position


@pytest.fixture
def procedure(department):
    return make_effective_document(
        "QT.01-TCCB", department=department, title="Quy trình tuyển dụng"
    )


@pytest.fixture
def requirements(position, iso_topic, qlnn_topic, procedure):
    kinds = Requirement.Kind
    rows = [
        dict(kind=kinds.EDUCATION, text="Đại học chuyên ngành luật", level=Level.BACHELOR),
        dict(kind=kinds.EXPERIENCE, text="Ít nhất 2 năm công tác", years=2),
        dict(kind=kinds.TRAINING, text="Nhận thức ISO", topic=iso_topic),
        dict(kind=kinds.TRAINING, text="Quản lý nhà nước", topic=qlnn_topic),
        dict(kind=kinds.DOCUMENT, text="Đọc QT.01-TCCB", document=procedure),
    ]
    return [Requirement.objects.create(position=position, order=i, **r) for i, r in enumerate(rows)]


def days(n: int):
    return timedelta(days=n)


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
