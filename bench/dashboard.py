"""Benchmark of the objectives dashboard (issue 6, "Speed").

Loads 10 school years × 9 departments × 60 staff of objectives into PostgreSQL:
per year 6 organisation objectives, 27 department objectives (each department
serves three of them) and 540 staff objectives (one per person), each with a
monthly indicator and its measurements — about 5,700 objectives and 66,000
measurements. Then times, through Django's test client with the production
middleware and templates (DEBUG off), signed in as leadership:

* the dashboard (current year, organisation objectives and those under them);
* the dashboard filtered by a department (its objectives and its 60 staff objectives);
* the same for an older year (the comparison with the year before it included);
* the drill-down of an organisation objective (the whole tree under it);
* the dashboard at staff level for the whole organisation (540 rows, shown 50 a page).

Prints the median and 90th percentile over ``--runs`` requests after two warm-up
requests, the queries per request (also for a year with half the objectives, to
show the count does not grow), the dataset size and the machine's load.
Target: median under 200 ms and a constant number of queries. Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ims_objectives \\
        .venv/bin/python bench/dashboard.py [--runs 25] [--reload]

It uses its own database, ``<name of DATABASE_URL>_bench`` (created if missing and
kept; ``--reload`` starts afresh). Rows are bulk-inserted without history rows.
"""

import argparse
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, ensure_database, loadavg, start_like_production  # noqa: E402

YEARS = 10
DEPARTMENTS = 9
STAFF = 60
ORG_OBJECTIVES = 6


def dashboard_env() -> dict:
    return bench_env("postgres://postgres@127.0.0.1:5432/ims_objectives", REDIS_URL="")


def load() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from django.db import transaction
    from django.utils import timezone

    from ims.models import Department, Profile, SchoolYear
    from ims.roles import Role
    from ims.services import ensure_school_year
    from objectives.models import Indicator, Measurement, Objective

    User = get_user_model()
    if Objective.objects.exists():
        return
    started = time.monotonic()
    today = timezone.localdate()
    password = make_password("bench-password-1")
    with transaction.atomic():
        departments = [
            Department.objects.create(code=f"P{d + 1}", name=f"Phòng thử nghiệm {d + 1}", order=d)
            for d in range(DEPARTMENTS)
        ]
        leader = User.objects.create(
            username="leadership", first_name="Lãnh đạo", password=password
        )
        Profile.objects.create(user=leader)
        leader.groups.add(Group.objects.get(name=Role.LEADERSHIP))
        users = User.objects.bulk_create(
            [
                User(username=f"p{d + 1}-{s + 1}", first_name=f"Cán bộ {d + 1}.{s + 1}",
                     password=password)
                for d in range(DEPARTMENTS)
                for s in range(STAFF)
            ]
        )  # fmt: skip
        Profile.objects.bulk_create(
            [Profile(user=u, department=departments[i // STAFF]) for i, u in enumerate(users)]
        )
        staff_group = Group.objects.get(name=Role.STAFF)
        staff_group.user_set.add(*users)
        for d, department in enumerate(departments):
            department.head = users[d * STAFF]
            department.save(update_fields=["head"])

        current = SchoolYear.year_of(today)
        years = [ensure_school_year(current - i, current=(i == 0)) for i in range(YEARS)]
        for year in years:
            org = Objective.objects.bulk_create(
                [
                    Objective(school_year=year, level="organisation", code=f"MT-{o + 1:02d}",
                              statement=f"Mục tiêu chất lượng số {o + 1} của Sở", owner=leader,
                              order=o)
                    for o in range(ORG_OBJECTIVES)
                ]
            )  # fmt: skip
            dept = Objective.objects.bulk_create(
                [
                    Objective(school_year=year, level="department", parent=org[(d + k) % len(org)],
                              department=department, owner=department.head,
                              code=f"MT-{(d + k) % len(org) + 1:02d}.{department.code}",
                              statement=f"Mục tiêu của {department.name} số {k + 1}")
                    for d, department in enumerate(departments)
                    for k in range(3)
                ]
            )  # fmt: skip
            served = [dept[(i // STAFF) * 3 + i % 3] for i in range(len(users))]
            own = Objective.objects.bulk_create(
                [
                    Objective(school_year=year, level="staff", parent=served[i],
                              department=departments[i // STAFF], owner=user,
                              code=f"{served[i].code}.{i % STAFF + 1}",
                              statement="Giải quyết đúng hạn 100% hồ sơ được phân công")
                    for i, user in enumerate(users)
                ]
            )  # fmt: skip
            indicators = Indicator.objects.bulk_create(
                [
                    Indicator(objective=o, name="Tỷ lệ hồ sơ đúng hạn", unit="%",
                              direction="higher", target=Decimal(95), frequency="monthly",
                              owner=o.owner, baseline=Decimal(90))
                    for o in [*org, *dept, *own]
                ]
            )  # fmt: skip
            measurements = []
            for n, indicator in enumerate(indicators):
                for m, period in enumerate(indicator.periods(year)):
                    if period.end >= today:
                        break
                    if (n + m) % 17 == 0:
                        continue  # some missing
                    value = Decimal(85 + (n * 7 + m * 3) % 16)
                    measurements.append(
                        Measurement(indicator=indicator, period_start=period.start,
                                    period_end=period.end, value=value)
                    )  # fmt: skip
            Measurement.objects.bulk_create(measurements, batch_size=2000)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("analyze")  # what autovacuum would do after such a load
    print(f"loaded in {time.monotonic() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()
    env = dashboard_env()
    ensure_database(env, reload=args.reload)
    os.environ.update(env)

    start_like_production()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ims.models import Department, SchoolYear
    from objectives.models import Indicator, Measurement, Objective

    load()
    client = Client()
    client.force_login(get_user_model().objects.get(username="leadership"))
    current = SchoolYear.objects.current()
    old = SchoolYear.objects.order_by("start_date")[1]
    department = Department.objects.order_by("order").first()
    org = Objective.objects.filter(school_year=old, level="organisation").first()
    cases = {
        "dashboard (current year)": ("/objectives/", {}),
        "dashboard, one department": ("/objectives/", {"department": department.pk}),
        f"dashboard, year {old.name}": ("/objectives/", {"year": old.pk}),
        "drill-down of an organisation objective": (f"/objectives/{org.pk}/", {}),
        "dashboard, staff level (540 rows, 50 a page)": ("/objectives/", {"level": "staff"}),
    }
    size = {
        "school years": SchoolYear.objects.count(),
        "objectives": Objective.objects.count(),
        "indicators": Indicator.objects.count(),
        "measurements": Measurement.objects.count(),
    }
    with connection.cursor() as cursor:
        cursor.execute("select pg_size_pretty(pg_database_size(current_database()))")
        db_size = cursor.fetchone()[0]
    print("dataset: " + ", ".join(f"{v:,} {k}" for k, v in size.items()) + f"; database {db_size}")
    print(f"load average before: {loadavg()}")
    for label, (url, params) in cases.items():
        for _warm in range(2):
            assert client.get(url, params).status_code == 200
        timings = []
        for _run in range(args.runs):
            started = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as queries:
            client.get(url, params)
        timings.sort()
        p90 = timings[int(len(timings) * 0.9) - 1]
        print(
            f"{label:<42} median {statistics.median(timings):6.1f} ms  p90 {p90:6.1f} ms  "
            f"queries {len(queries)}  ({len(response.content) // 1024} KB)"
        )
    # Constant queries: a department with half the staff objectives costs the same.
    half = Objective.objects.filter(school_year=current, level="staff", department=department)
    ids = list(half.values_list("pk", flat=True)[: STAFF // 2])
    with CaptureQueriesContext(connection) as before:
        client.get("/objectives/", {"department": department.pk})
    Objective.objects.filter(pk__in=ids).update(department=Department.objects.order_by("order")[1])
    with CaptureQueriesContext(connection) as after:
        client.get("/objectives/", {"department": department.pk})
    Objective.objects.filter(pk__in=ids).update(department=department)
    print(
        f"queries with {STAFF} staff objectives: {len(before)}; "
        f"with {STAFF - len(ids)}: {len(after)}"
    )
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
