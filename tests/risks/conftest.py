"""Fixtures of the register: a risk of TCCB owned by its staff member, today."""

from datetime import timedelta

import pytest
from django.utils import timezone

from risks import services
from risks.models import Risk
from tests.audits.conftest import audit_round, lead_auditor, programme  # noqa: F401


@pytest.fixture
def today():
    return timezone.localdate()


def risk_data(owner, today, **extra):
    data = {
        "process": "Tuyển dụng viên chức",
        "kind": Risk.Kind.RISK,
        "description": "Hồ sơ tuyển dụng bị thất lạc khi chuyển giữa các bộ phận",
        "cause": "Chưa có sổ giao nhận hồ sơ",
        "consequence": "Chậm trả kết quả, khiếu nại",
        "likelihood": 3,
        "impact": 4,
        "owner": owner,
        "treatment": Risk.Treatment.REDUCE,
        "treatment_plan": "Lập sổ giao nhận",
        "review_due": today + timedelta(days=90),
    }
    data.update(extra)
    return data


@pytest.fixture
def risk(head, staff, today):
    return services.create_risk(
        actor=head, department=head.profile.department, data=risk_data(staff, today)
    )
