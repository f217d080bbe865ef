"""Fixtures of the audits tests: a programme with a round and an audit of TCCB, and the
helpers the corrective-action and review tests share (``record`` a finding, read a PDF)."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from audits import services
from audits.corrective import services as corrective
from audits.models import AuditProgramme, AuditRound
from ims.models import Clause
from ims.roles import Role
from ims.services import ensure_school_year
from tests.factories import make_user


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def programme(db, today):
    from ims.models import SchoolYear

    year = ensure_school_year(SchoolYear.year_of(today), current=True)
    return AuditProgramme.objects.create(school_year=year, objectives="Đánh giá toàn bộ HTQL")


@pytest.fixture
def audit_round(programme, today):
    return AuditRound.objects.create(
        programme=programme,
        kind=AuditRound.Kind.INTERNAL_1,
        start_date=today - timedelta(days=5),
        end_date=today + timedelta(days=20),
    )


@pytest.fixture
def lead_auditor(other_department):
    """An internal auditor from KHTC (not the audited TCCB)."""
    return make_user(
        "leadauditor",
        roles=(Role.STAFF,),
        department=other_department,
        full_name="Hoàng Văn Tuấn",
    )


def clauses(*numbers, standard=Clause.Standard.ISO_9001):
    return list(Clause.objects.filter(standard=standard, number__in=numbers))


@pytest.fixture
def audit(audit_round, department, head, lead_auditor, secretariat, today):
    return services.plan_audit(
        actor=secretariat,
        round=audit_round,
        fields={
            "department": department,
            "process": "",
            "scope": "Quy trình tuyển dụng viên chức",
            "date": today + timedelta(days=2),
            "start_time": None,
            "place": "Phòng họp tầng 2",
            "lead_auditor": lead_auditor,
        },
        clauses=clauses("7.2", "7.5.3", "8.5.1")
        + clauses("8.5.5", standard=Clause.Standard.ISO_21001),
        team=[],
    )


def record(audit, actor, grade, number="7.5.3", **extra):
    return services.record_finding(
        audit=audit,
        actor=actor,
        grade=grade,
        clause=clauses(number)[0],
        department=audit.department,
        statement=extra.pop("statement", f"Phát hiện {grade}"),
        evidence=extra.pop("evidence", "Hồ sơ tuyển dụng 2025"),
        **extra,
    )


def pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def answer(action, actor):
    """The department answers the corrective action (correction, 5 whys, plan)."""
    return corrective.answer_corrective_action(
        action=action,
        actor=actor,
        correction="Bổ sung hồ sơ còn thiếu",
        whys=["Thiếu biểu mẫu", "Chưa phổ biến quy trình", "", "", ""],
        root_cause="Chưa phổ biến quy trình mới cho chuyên viên",
        action_plan="Tập huấn quy trình QT.05-TCCB",
    )
