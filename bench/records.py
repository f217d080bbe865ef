"""Benchmark of the records register at ten times the demo.

    DATABASE_URL=postgres://…/ims_records .venv/bin/python bench/records.py [F]

Runs on the ``_bench`` twin of DATABASE_URL (created and migrated when missing), in
a transaction rolled back at the end. Builds F times (default 10) the demo's
register: the demo has about 330 record series from its procedures and 80 logged
records; here each of 8 departments gets procedures with 5 series each, and every
series three logged records (one past retention). Then, signed in as the
secretariat through the test client, times the register (first page, a department,
paper only, records past retention), its .xlsx export, a series page, the disposal
page and the inbox source: median of 7 runs, with the query count.
"""

import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, ensure_database, loadavg, start_like_production  # noqa: E402

if not os.environ.get("DATABASE_URL", "").endswith("_bench"):
    env = bench_env("postgres://postgres@127.0.0.1:5432/ims_records")
    ensure_database(env)
    os.execve(sys.executable, [sys.executable, *sys.argv], env)

start_like_production()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from documents.models import Document, RecordKept, Revision  # noqa: E402
from ims.models import Department  # noqa: E402
from ims.roles import Role  # noqa: E402
from records.models import Medium, RecordEntry, RecordSeries, Retention  # noqa: E402
from records.reminders import records_inbox  # noqa: E402
from tests.factories import make_department, make_user  # noqa: E402

DEMO_SERIES = 330
DEMO_ENTRIES = 80


class Rollback(Exception):
    pass


def timed(label: str, func, repeat: int = 7) -> None:
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, params, *a: queries.append((sql, params)) or execute(sql, params, *a)
    ):
        func()
    runs, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    sql = _sql_ms(queries)
    print(
        f"{label:<40} {statistics.median(runs) * 1000:7.1f} ms wall "
        f"{statistics.median(cpu) * 1000:7.1f} ms app CPU {sql:7.1f} ms SQL "
        f"{len(queries):3d} queries",
        flush=True,
    )


def _sql_ms(queries) -> float:
    """PostgreSQL's own execution time of the queries (EXPLAIN ANALYZE), summed."""
    total = 0.0
    with connection.cursor() as cursor:
        for sql, params in queries:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
            ms = cursor.fetchone()[0][0]["Execution Time"]
            if os.environ.get("BENCH_VERBOSE") and ms > 10:
                print(f"    {ms:7.1f} ms  {sql[:300]}")
            total += ms
    return total


def build(factor: int):
    departments = [make_department(code=f"B{i}", name=f"Phòng thử {i}") for i in range(8)]
    series_wanted = DEMO_SERIES * factor
    per_department = series_wanted // (len(departments) * 5)
    series = []
    for department in departments:
        for n in range(per_department):
            document = Document.objects.create(
                code=f"QT.{n:03d}-{department.code}",
                title=f"Quy trình thử {n}",
                kind=Document.Kind.PROCEDURE,
                department=department,
            )
            revision = Revision.objects.create(
                document=document, number=1, state=Revision.State.EFFECTIVE
            )
            Document.objects.filter(pk=document.pk).update(current=revision)
            RecordKept.objects.bulk_create(
                RecordKept(revision=revision, order=i, name=f"Hồ sơ {i}", retention="05 năm")
                for i in range(5)
            )
            series += [
                RecordSeries(
                    document=document,
                    department=department,
                    name=f"Hồ sơ {i}",
                    keeper="Chuyên viên",
                    place="Phòng",
                    medium=[Medium.PAPER, Medium.ELECTRONIC, Medium.BOTH][i % 3],
                    retention=Retention.MONTHS,
                    retention_months=60,
                    retention_text="05 năm",
                    order=i,
                )
                for i in range(5)
            ]
    series = RecordSeries.objects.bulk_create(series)
    entries = []
    for s in series:
        for year in (2015, 2023, 2024):
            end = date(year + 1, 8, 31)
            entries.append(
                RecordEntry(
                    series=s,
                    period=f"Năm học {year}–{year + 1}",
                    period_start=date(year, 9, 1),
                    period_end=end,
                    description="Hồ sơ",
                    count=10,
                    retain_until=date(end.year + 5, 8, 31),
                )
            )
    RecordEntry.objects.bulk_create(entries, batch_size=2000)
    with connection.cursor() as cursor:  # as autovacuum would have, on a live database
        cursor.execute("ANALYZE records_recordseries, records_recordentry, documents_document")
    return departments, series


def main(factor: int) -> None:
    try:
        with transaction.atomic():
            departments, series = build(factor)
            secretariat = make_user(
                "bench-secretariat", roles=(Role.ISO_SECRETARIAT, Role.STAFF),
                department=departments[0],
            )  # fmt: skip
            client = Client()
            client.force_login(secretariat)
            print(
                f"{RecordSeries.objects.count()} series ({factor}× the demo's ~{DEMO_SERIES}), "
                f"{RecordEntry.objects.count()} logged records "
                f"({DEMO_ENTRIES * factor} would be {factor}× the demo's), "
                f"{Department.objects.count()} departments"
            )
            print(f"load average before: {loadavg()}", flush=True)
            one = departments[3].pk
            for label, url in (
                ("register, first page", "/records/"),
                ("register, one department", f"/records/?department={one}"),
                ("register, paper, one department", f"/records/?department={one}&medium=paper"),
                ("register, search 'Hồ sơ 3'", "/records/?q=H%E1%BB%93+s%C6%A1+3"),
                ("register, last page", "/records/?page=last"),
                ("series page", f"/records/series/{series[len(series) // 2].pk}/"),
                ("disposal page (candidates listed)", "/records/disposals/"),
            ):

                def get(url=url):
                    response = client.get(url)
                    assert response.status_code == 200, (url, response.status_code)

                timed(label, get)
            timed(
                "register export .xlsx (all series)",
                lambda: client.get("/records/?export=xlsx&required=all"),
                repeat=3,
            )
            today = timezone.localdate()
            timed("inbox source (secretariat)", lambda: records_inbox(secretariat, today))
            print(f"load average after: {loadavg()}")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
