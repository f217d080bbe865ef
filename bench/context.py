"""Benchmark of the context register and the interested parties at 10x the demo.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ims_context \
        .venv/bin/python bench/context.py [--reload]

Works in the ``_bench`` twin of DATABASE_URL (created and migrated when missing). Loads
210 issues (each touching 2-3 departments and 1-2 procedures, a review each), 100
parties with 160 needs and 350 typed links to 100 procedures with effective editions,
60 objectives with their indicators and measurements and 40 surveys with results (the
demo has 21 issues, 10 parties, 16 needs, 35 links). Then requests each register page
as the secretariat through the test client and prints the median and p90 time and the
number of queries, with the data size and the machine's load.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import bench_env, ensure_database, loadavg, start_like_production  # noqa: E402

ISSUES, PARTIES, NEEDS_PER_PARTY, DOCUMENTS, OBJECTIVES, SURVEYS = 210, 100, (1, 2, 2), 100, 60, 40


def load() -> None:
    from django.db import connection
    from django.utils import timezone

    from context.models import (
        ContextSettings,
        Effect,
        Issue,
        IssueReview,
        Need,
        NeedLink,
        Origin,
        Party,
        PartyKind,
        Pestle,
    )
    from ims.models import SchoolYear
    from ims.roles import Role
    from ims.services import ensure_school_year
    from objectives.models import Indicator, Measurement, Objective
    from surveys.models import Campaign, CampaignResult, Survey
    from tests.documents.factories import make_effective_document
    from tests.factories import make_department, make_user

    if Issue.objects.count() >= ISSUES:
        return
    started = time.monotonic()
    today = timezone.localdate()
    departments = [make_department(code=f"P{i}", name=f"Phòng số {i}") for i in range(8)]
    secretariat = make_user("bench-sec", roles=(Role.ISO_SECRETARIAT, Role.STAFF))
    ContextSettings.objects.get_or_create(pk=1)
    documents = [
        make_effective_document(f"QT.{i:02d}-P{i % 8}", department=departments[i % 8])
        for i in range(DOCUMENTS)
    ]
    year = ensure_school_year(SchoolYear.year_of(today), current=True)
    objectives, indicators, measurements = [], [], []
    for i in range(OBJECTIVES):
        objective = Objective.objects.create(
            school_year=year, level="organisation", code=f"MT-{i:02d}", statement=f"Mục tiêu {i}",
            owner=secretariat,
        )  # fmt: skip
        indicator = Indicator.objects.create(
            objective=objective, name=f"Chỉ số {i}", target=Decimal(90), owner=secretariat
        )
        objectives.append(objective)
        indicators.append(indicator)
        for m in range(3):
            start = year.start_date + timedelta(days=30 * m)
            measurements.append(
                Measurement(indicator=indicator, period_start=start,
                            period_end=start + timedelta(days=29), value=Decimal(80 + m * 5))
            )  # fmt: skip
    Measurement.objects.bulk_create(measurements)
    surveys = []
    for i in range(SURVEYS):
        survey = Survey.objects.create(title=f"Khảo sát {i}", group="parents")
        campaign = Campaign.objects.create(
            survey=survey, title=f"Đợt {i}", opens_on=today - timedelta(days=60),
            closes_on=today - timedelta(days=30),
        )  # fmt: skip
        CampaignResult.objects.create(
            campaign=campaign, figures={"overall": [5, 10, 20, 40, 25], "responses": 100},
            responses=100, computed_at=timezone.now(),
        )  # fmt: skip
        surveys.append(survey)
    origins, effects, factors = Origin.values, Effect.values, Pestle.values
    issues = Issue.objects.bulk_create(
        [
            Issue(
                code=f"VD-{i + 1:03d}", title=f"Vấn đề số {i}: thiếu giáo viên ở vùng khó khăn",
                origin=origins[i % 2], effect=effects[(i // 2) % 2], pestle=factors[i % 6],
                impact="Ảnh hưởng đến chất lượng dạy học và việc thực hiện chương trình.",
                department=departments[i % 8], identified_on=today - timedelta(days=i * 3),
                next_review_on=today + timedelta(days=200 - i * 2),
                last_reviewed_on=today - timedelta(days=100),
            )
            for i in range(ISSUES)
        ]
    )  # fmt: skip
    Issue.departments.through.objects.bulk_create(
        [
            Issue.departments.through(issue=issue, department=departments[(i + k) % 8])
            for i, issue in enumerate(issues)
            for k in range(2 + i % 2)
        ]
    )
    Issue.procedures.through.objects.bulk_create(
        [
            Issue.procedures.through(issue=issue, document=documents[(i + k) % DOCUMENTS])
            for i, issue in enumerate(issues)
            for k in range(1 + i % 2)
        ]
    )
    IssueReview.objects.bulk_create(
        [IssueReview(issue=issue, reviewed_by=secretariat, note="Còn tác động") for issue in issues]
    )
    kinds = PartyKind.values
    parties = Party.objects.bulk_create(
        [
            Party(name=f"Bên quan tâm {i}", kind=kinds[i % len(kinds)], order=i)
            for i in range(PARTIES)
        ]
    )
    needs = Need.objects.bulk_create(
        [
            Need(party=party, text=f"Nhu cầu {n} của {party.name}", order=n)
            for i, party in enumerate(parties)
            for n in range(NEEDS_PER_PARTY[i % 3])
        ][:160]
    )
    links = []
    for i, need in enumerate(needs):
        links.append(
            NeedLink(need=need, role="met_by", target="document", document=documents[i % DOCUMENTS])
        )
        links.append(
            NeedLink(
                need=need,
                role="monitored_by",
                target="indicator",
                indicator=indicators[i % OBJECTIVES],
            )
        )
        if i % 5 < 3:
            links.append(
                NeedLink(
                    need=need, role="monitored_by", target="survey", survey=surveys[i % SURVEYS]
                )
            )
    NeedLink.objects.bulk_create(links[:350])
    with connection.cursor() as cursor:
        cursor.execute("analyze")
    print(f"loaded in {time.monotonic() - started:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()
    env = bench_env("postgres://postgres@127.0.0.1:5432/ims_context", REDIS_URL="")
    ensure_database(env, reload=args.reload)
    os.environ.update(env)

    start_like_production()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from context.models import Issue, Need, NeedLink, Party

    load()
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-sec"))
    issue = Issue.objects.order_by("pk").first()
    party = Party.objects.filter(needs__isnull=False).order_by("pk").first()
    cases = {
        "issues register (SWOT, open issues)": ("/context/", {}),
        "issues register, all, searched": ("/context/", {"state": "all", "q": "giáo viên"}),
        "issues register, one department": ("/context/", {"department": issue.department_id}),
        "interested parties register": ("/context/parties/", {}),
        "interested parties, needs not met": ("/context/parties/", {"unmet": "on"}),
        "an issue's page": (f"/context/issues/{issue.pk}/", {}),
        "a party's page (with the link form)": (f"/context/parties/{party.pk}/", {}),
    }
    size = {
        "issues": Issue.objects.count(),
        "parties": Party.objects.count(),
        "needs": Need.objects.count(),
        "links": NeedLink.objects.count(),
    }
    print("dataset: " + ", ".join(f"{v:,} {k}" for k, v in size.items()))
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
            f"{label:<40} median {statistics.median(timings):6.1f} ms  p90 {p90:6.1f} ms  "
            f"queries {len(queries)}  ({len(response.content) // 1024} KB)"
        )
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
