"""Benchmark of the corrective-action log and the review preparation.

    DATABASE_URL=postgres://... .venv/bin/python bench/audits_log.py [N]

Creates N corrective actions (default 5,000) inside a transaction that is rolled
back at the end, then times: the log page (first page of 50, with its counts), the
.xlsx export of all N, the PDF export of 500, and preparing a management review.
Prints the figures, the query counts and the dataset size.
"""

import os
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ims.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from audits.models import CorrectiveAction  # noqa: E402
from audits.review import services as reviews  # noqa: E402
from bench.common import loadavg  # noqa: E402
from ims.models import Department, SchoolYear  # noqa: E402
from ims.roles import Role  # noqa: E402
from ims.services import ensure_school_year  # noqa: E402
from tests.factories import make_department, make_user  # noqa: E402

CA = CorrectiveAction


class Rollback(Exception):
    pass


def timed(label, func, repeat=3):
    best = None
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)
    ):
        result = func()
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    print(f"{label:<42} {best * 1000:8.1f} ms   {len(queries):4d} queries")
    return result


def main(n: int) -> None:
    today = timezone.localdate()
    departments = [make_department(code=f"B{i}", name=f"Phòng đo {i}") for i in range(8)]
    secretariat = make_user("bench-sec", roles=(Role.ISO_SECRETARIAT, Role.STAFF))
    states = list(CA.State.values)
    rows = []
    for i in range(n):
        state = states[i % len(states)]
        done = (
            today - timedelta(days=i % 90) if state in ("awaiting_verification", "closed") else None
        )
        rows.append(
            CA(
                number=f"BENCH-{i:06d}",
                source=CA.Source.values[i % len(CA.Source.values)],
                department=departments[i % len(departments)],
                nonconformity=f"Sự không phù hợp số {i}: hồ sơ chưa được kiểm soát đúng quy trình.",
                raised_on=today - timedelta(days=i % 400),
                due_date=today + timedelta(days=(i % 120) - 60),
                state=state,
                implemented_on=done,
                verified_on=done if state in ("closed", "reopened") else None,
                root_cause="Chưa phổ biến quy trình",
                action_plan="Tập huấn, sửa đổi quy trình",
            )
        )
    CA.objects.bulk_create(rows, batch_size=1000)
    client = Client(HTTP_HOST="localhost")
    client.force_login(secretariat)
    # The test client closes the connection after each request, which clears
    # CaptureQueriesContext; counting via a wrapper survives it.
    response = client.get("/audits/actions/")
    assert response.status_code == 200, response.status_code
    actions, departments_count = CA.objects.count(), Department.objects.count()
    print(f"dataset: {actions} corrective actions, {departments_count} departments")
    print(f"load average: {loadavg()}")
    timed("CA log, first page", lambda: client.get("/audits/actions/"))
    timed("CA log, overdue filter", lambda: client.get("/audits/actions/?overdue=on"))
    timed(f"CA log .xlsx, all {n}", lambda: client.get("/audits/actions/?export=xlsx"), repeat=1)
    first_500 = CA.objects.select_related("department", "owner").filter(
        pk__in=CA.objects.order_by("-pk").values("pk")[:500]
    )
    from audits import exports

    timed("CA log PDF, 500 actions", lambda: exports.actions_pdf(first_500), repeat=1)
    year = ensure_school_year(SchoolYear.year_of(today))
    timed(
        "prepare a management review",
        lambda: reviews.prepare_review(
            actor=secretariat,
            fields={
                "school_year": year,
                "title": "Đo",
                "meeting_date": today,
                "period_start": today - timedelta(days=365),
                "period_end": today,
            },
        ),
        repeat=1,
    )


if __name__ == "__main__":
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    try:
        with transaction.atomic():
            main(size)
            raise Rollback
    except Rollback:
        print("(rolled back)")
