"""Benchmark of the register of risks and opportunities (issue 19 §2, "Speed").

Loads 10× the demo's register into PostgreSQL: 250 risks and opportunities over 8
departments and 10 processes each, 1 in 2 rated after treatment, 1 in 3 with a
linked corrective action, 500 reviews, 40 acceptances. Then times, through Django's
test client with the production middleware and templates (DEBUG off), signed in as
the secretariat:

* the register (first page of 50, both heat maps, the filters);
* the register filtered by a band, by a department, and by a heat-map cell;
* the .xlsx export of all rows;
* a row's page;
* the leadership dashboard (objectives) with the heat-map panel, as leadership.

Prints the median and 90th percentile over ``--runs`` requests after two warm-up
requests (wall time, and the CPU time of the Python process beside it: on a loaded
machine the wall time mostly waits for a core), the queries per request, and the
queries of the register again with half the rows (constant), the dataset size and
the machine's load. Target: under 150 ms with a constant number of queries. Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ims_risks \\
        .venv/bin/python bench/risks.py [--runs 25] [--reload]

It uses its own database, ``<name of DATABASE_URL>_bench`` (created if missing and
kept; ``--reload`` starts afresh).
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, ensure_database, loadavg, start_like_production  # noqa: E402

ROWS = 250
DEPARTMENTS = 8


def load() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from audits.models import CorrectiveAction
    from ims.models import Department, Profile
    from ims.roles import Role
    from risks.models import ResidualAcceptance, Risk, RiskAction, RiskReview, RiskScale

    if Risk.objects.count() >= ROWS:
        return
    User = get_user_model()
    today = timezone.localdate()
    password = make_password("bench")
    with transaction.atomic():
        departments = []
        heads = []
        for d in range(DEPARTMENTS):
            department = Department.objects.create(code=f"P{d}", name=f"Phòng đo {d}", order=d)
            head = User.objects.create(
                username=f"head{d}", password=password, first_name=f"Trưởng phòng {d}"
            )
            Profile.objects.create(user=head, department=department)
            head.groups.set(Group.objects.filter(name__in=[Role.DEPARTMENT_HEAD, Role.STAFF]))
            department.head = head
            department.save(update_fields=["head"])
            departments.append(department)
            heads.append(head)
        for name, role in (("secretariat", Role.ISO_SECRETARIAT), ("leadership", Role.LEADERSHIP)):
            user = User.objects.create(username=name, password=password, first_name=name)
            Profile.objects.create(user=user)
            user.groups.set(Group.objects.filter(name=role))
        RiskScale.objects.create()
        risks = []
        for i in range(ROWS):
            d = i % DEPARTMENTS
            rated = i % 2 == 0
            risks.append(
                Risk(
                    number=f"RR-P{d}-{i:03d}",
                    department=departments[d],
                    process=f"Quá trình {i % 10}",
                    kind=Risk.Kind.OPPORTUNITY if i % 7 == 0 else Risk.Kind.RISK,
                    description=f"Rủi ro số {i}: hồ sơ có thể bị xử lý chậm do thiếu nhân lực.",
                    cause="Thiếu nhân lực vào mùa cao điểm",
                    consequence="Chậm trả kết quả",
                    likelihood=1 + i % 5,
                    impact=1 + (i // 5) % 5,
                    owner=heads[d],
                    treatment=Risk.Treatment.PURSUE if i % 7 == 0 else Risk.Treatment.REDUCE,
                    residual_likelihood=1 + i % 3 if rated else None,
                    residual_impact=1 + (i // 5) % 4 if rated else None,
                    review_due=today + timedelta(days=(i % 120) - 20),
                )
            )
        Risk.objects.bulk_create(risks)
        risks = list(Risk.objects.all())
        actions = []
        for i, risk in enumerate(risks):
            if i % 3 == 0:
                actions.append(
                    CorrectiveAction(
                        number=f"HĐKP-B-{i:04d}",
                        source=CorrectiveAction.Source.PROCESS_FAILURE,
                        department=risk.department,
                        nonconformity=f"Sự không phù hợp {i}",
                        due_date=today + timedelta(days=30),
                    )
                )
        CorrectiveAction.objects.bulk_create(actions)
        by_number = {a.number: a for a in CorrectiveAction.objects.all()}
        RiskAction.objects.bulk_create(
            RiskAction(
                risk=risk,
                kind=RiskAction.Kind.CORRECTIVE_ACTION,
                corrective_action=by_number[f"HĐKP-B-{i:04d}"],
            )
            for i, risk in enumerate(risks)
            if i % 3 == 0
        )
        RiskReview.objects.bulk_create(
            RiskReview(
                risk=risk,
                reviewed_on=today - timedelta(days=30 * (k + 1)),
                reviewed_by=risk.owner,
                likelihood=risk.likelihood,
                impact=risk.impact,
                note="Rà soát định kỳ",
                next_review=today + timedelta(days=30),
            )
            for risk in risks
            for k in range(2)
        )
        ResidualAcceptance.objects.bulk_create(
            ResidualAcceptance(
                risk=risk,
                signed_by=risk.owner,
                residual_likelihood=risk.residual_likelihood,
                residual_impact=risk.residual_impact,
                meaning="Chấp nhận",
            )
            for risk in risks[:80]
            if risk.residual_likelihood and risk.kind == Risk.Kind.RISK
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()
    env = bench_env("postgres://postgres@127.0.0.1:5432/ims_risks", REDIS_URL="")
    ensure_database(env, reload=args.reload)
    os.environ.update(env)

    start_like_production()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from risks.models import Risk, RiskAction, RiskReview

    load()
    with connection.cursor() as cursor:
        cursor.execute("analyze")
    User = get_user_model()
    client = Client()
    client.force_login(User.objects.get(username="secretariat"))
    leader = Client()
    leader.force_login(User.objects.get(username="leadership"))
    risk = Risk.objects.order_by("pk").first()
    department = risk.department
    cases = {
        "register (first page, heat maps)": (client, "/risks/", {}),
        "register, band high": (client, "/risks/", {"band": "high"}),
        "register, one department": (client, "/risks/", {"department": department.pk}),
        "register, heat-map cell l=3 i=4": (client, "/risks/", {"l": 3, "i": 4}),
        "register .xlsx export (all rows)": (client, "/risks/", {"export": "xlsx"}),
        "a row's page": (client, f"/risks/{risk.pk}/", {}),
        "leadership dashboard with heat maps": (leader, "/objectives/", {}),
    }
    size = {
        "risks and opportunities": Risk.objects.count(),
        "linked actions": RiskAction.objects.count(),
        "reviews": RiskReview.objects.count(),
    }
    print("dataset: " + ", ".join(f"{v:,} {k}" for k, v in size.items()))
    print(f"load average before: {loadavg()}")
    for label, (who, url, params) in cases.items():
        for _warm in range(2):
            assert who.get(url, params).status_code == 200
        timings, cpu = [], []
        for _run in range(args.runs):
            started, started_cpu = time.perf_counter(), time.process_time()
            response = who.get(url, params)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            who.get(url, params)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(
            f"{label:<40} median {statistics.median(timings):6.1f} ms  p90 {p90:6.1f} ms  "
            f"(CPU of this process {statistics.median(cpu):6.1f} ms)  "
            f"queries {len(queries)}  ({len(response.content) // 1024} KB)"
        )
    # Constant queries: the register with half the rows closed (hidden) costs the same.
    ids = list(Risk.objects.order_by("pk").values_list("pk", flat=True)[: ROWS // 2])
    with CaptureQueriesContext(connection) as before:
        client.get("/risks/")
    Risk.objects.filter(pk__in=ids).update(is_closed=True)
    with CaptureQueriesContext(connection) as after:
        client.get("/risks/")
    Risk.objects.filter(pk__in=ids).update(is_closed=False)
    print(
        f"queries of the register with {ROWS} rows: {len(before)}; with {ROWS // 2}: {len(after)}"
    )
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
