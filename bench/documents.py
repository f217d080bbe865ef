"""Benchmark of document control (issue 4, "Speed").

Loads ten times the demo document set into PostgreSQL — 1,150 documents, about
3,000 editions with their full text, steps and sign-offs, 60,000
acknowledgements — and times, through Django's test client with the production
middleware and templates (DEBUG off), signed in as the secretariat:

* the register page (first page, no filter);
* the register's full-text search (diacritics and case ignored);
* a document page (``documents:detail``), when that view is installed.

Prints the median and 90th percentile of each over ``--runs`` requests after two
warm-up requests, the queries per request, the dataset size and the machine's load.
Target: each median under 150 ms. Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ims_docreg \\
        .venv/bin/python bench/documents.py [--runs 25] [--copies 10] [--reload]

It uses its own database, ``<name of DATABASE_URL>_bench`` (created if missing and
kept, so the data set is loaded once; ``--reload`` starts it afresh). Rows are
written with bulk inserts, without their history rows: the pages read no history.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, ensure_database, loadavg, start_like_production  # noqa: E402

QUERIES = {
    "register": {},
    "search (quy trinh tuyen sinh)": {"q": "quy trinh tuyen sinh"},
    "search in bodies (bao ve du lieu ca nhan)": {"q": "bao ve du lieu ca nhan"},
    "search by code as typed (qt01)": {"q": "qt01"},
    "search with diacritics (tuyển sinh)": {"q": "tuyển sinh"},
    "search code and words (qt01 tuyen sinh)": {"q": "qt01 tuyen sinh"},
    "register filtered (QT, overdue)": {"kind": "QT", "status": "overdue"},
}


def documents_env() -> dict:
    return bench_env(
        "postgres://postgres@127.0.0.1:5432/ims_docreg",
        REDIS_URL=os.environ.get("REDIS_URL", ""),
        CACHE_KEY_PREFIX="bench-documents",
        LOG_LEVEL="ERROR",
    )


def load(copies: int) -> None:
    """The organisation of the demo, then ``copies`` times its document set."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from documents.demo_content import document_specs
    from documents.models import Acknowledgement, Document, RecordKept, Revision, SignOff, Step
    from documents.register.search import fold
    from ims import demo as ims_demo
    from ims.models import Clause, Department

    if Document.objects.exists():
        return
    started = time.monotonic()
    with transaction.atomic():
        ims_demo.load()
    users = list(get_user_model().objects.filter(is_active=True).order_by("pk"))
    departments = {d.code: d for d in Department.objects.all()}
    clauses = {(c.standard, c.number): c for c in Clause.objects.all()}
    specs = document_specs()
    today = timezone.localdate()
    rng = random.Random(4)
    pattern = [2, 3, 3, 2, 3, 2, 3, 2, 3, 3]  # editions per document: 2.6 on average
    now = timezone.now()
    for copy in range(copies):
        with transaction.atomic():
            documents = []
            for spec in specs:
                code = spec.code if copy == 0 else f"{spec.code}-K{copy}"
                documents.append(
                    Document(
                        code=code,
                        title=spec.title,
                        kind=spec.kind,
                        department=departments[spec.department],
                        review_interval_months=spec.review_interval_months,
                        issuer=spec.issuer,
                        external_reference=spec.external_reference,
                    )
                )
            Document.objects.bulk_create(documents)
            revisions, steps, records, signoffs = [], [], [], []
            for index, (spec, document) in enumerate(zip(specs, documents, strict=True)):
                editions = pattern[(index + copy) % len(pattern)]
                last = today - timedelta(days=rng.randint(20, 420))
                text = _spec_text(spec)
                for number in range(1, editions + 1):
                    final = number == editions
                    revision = Revision(
                        document=document,
                        number=number,
                        state=Revision.State.EFFECTIVE if final else Revision.State.SUPERSEDED,
                        effective_date=last - timedelta(days=365 * (editions - number)),
                        change_summary="" if number == 1 else "Cập nhật căn cứ pháp lý.",
                        body=spec.body,
                        purpose=spec.purpose,
                        scope=spec.scope,
                        references=spec.references,
                        terms=spec.terms,
                        search_text=fold(f"{document.code} {document.title} {text}"),
                    )
                    revisions.append(revision)
                if index % 10 == 3:  # a new edition in review
                    revisions.append(
                        Revision(
                            document=document,
                            number=editions + 1,
                            state=Revision.State.IN_REVIEW,
                            change_summary="Sửa đổi theo kết quả đánh giá nội bộ.",
                            body=spec.body,
                            purpose=spec.purpose,
                            search_text=fold(f"{document.code} {document.title} {text}"),
                        )
                    )
            Revision.objects.bulk_create(revisions, batch_size=200)
            by_document = {}
            for revision in revisions:
                by_document.setdefault(revision.document_id, []).append(revision)
            spec_of = {d.pk: s for s, d in zip(specs, documents, strict=True)}
            for document in documents:
                spec = spec_of[document.pk]
                for revision in by_document[document.pk]:
                    for order, s in enumerate(spec.steps, start=1):
                        steps.append(
                            Step(revision=revision, order=order, name=s.name[:300],
                                 responsible=s.responsible[:300], action=s.action,
                                 time_limit=s.time_limit[:120], record=s.record[:300])
                        )  # fmt: skip
                    for order, r in enumerate(spec.records, start=1):
                        records.append(
                            RecordKept(revision=revision, order=order, name=r.name[:300],
                                       keeper=r.keeper, place=r.place, retention=r.retention)
                        )  # fmt: skip
                    for step in ("prepared", "reviewed", "approved", "published"):
                        if revision.state == Revision.State.IN_REVIEW and step != "prepared":
                            continue
                        person = rng.choice(users)
                        signoffs.append(
                            SignOff(revision=revision, step=step, user=person,
                                    name=person.get_full_name() or person.username,
                                    signed_at=now)
                        )  # fmt: skip
                    if revision.state == Revision.State.EFFECTIVE:
                        document.current = revision
                        document.next_review_on = document.review_due_after(revision.effective_date)
            Step.objects.bulk_create(steps, batch_size=1000)
            RecordKept.objects.bulk_create(records, batch_size=1000)
            SignOff.objects.bulk_create(signoffs, batch_size=1000)
            Document.objects.bulk_update(documents, ["current", "next_review_on"], batch_size=500)
            for document in documents:
                spec = spec_of[document.pk]
                document.clauses.set([clauses[c] for c in spec.clauses if c in clauses])
            acks = []
            for index, document in enumerate(documents):
                # 52 or 53 readers an edition: 60,000 acknowledgements for 1,150 documents.
                readers = 53 if index < 60000 // copies - 52 * len(documents) else 52
                for user in rng.sample(users, k=min(len(users), readers)):
                    acks.append(
                        Acknowledgement(revision=document.current, user=user, acknowledged_at=now)
                    )
            Acknowledgement.objects.bulk_create(acks, batch_size=2000)
        print(f"  copy {copy + 1}/{copies} loaded ({time.monotonic() - started:.0f} s)")
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("vacuum analyze")


def _spec_text(spec) -> str:
    parts = [spec.purpose, spec.scope, spec.references, spec.terms, spec.body]
    for s in spec.steps:
        parts += [s.name, s.responsible, s.action, s.record]
    return " ".join(p for p in parts if p)


def dataset() -> str:
    from django.db import connection

    from documents.models import Acknowledgement, Document, Revision, SignOff, Step

    with connection.cursor() as cursor:
        cursor.execute("select pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    return (
        f"{Document.objects.count():,} documents, {Revision.objects.count():,} editions, "
        f"{Step.objects.count():,} steps, {SignOff.objects.count():,} sign-offs, "
        f"{Acknowledgement.objects.count():,} acknowledgements; database {size}"
    )


def measure(client, path: str, params: dict, runs: int) -> tuple[list[float], int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):
        client.get(path, params)
    times, queries, status = [], 0, 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, params)
            times.append((time.perf_counter() - started) * 1000)
        status = response.status_code
        queries = len(captured.captured_queries)
    return times, queries, status


def report(name: str, times: list[float], queries: int, status: int) -> bool:
    median = statistics.median(times)
    p90 = sorted(times)[int(len(times) * 0.9) - 1]
    ok = median < 150 and status == 200
    print(
        f"  {name:<45} median {median:6.1f} ms   p90 {p90:6.1f} ms   "
        f"{queries:2d} queries   HTTP {status}   {'OK' if ok else 'OVER TARGET'}"
    )
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()

    env = documents_env()
    print(f"load average before: {loadavg()}")
    ensure_database(env, reload=args.reload)
    os.environ.update(env)
    start_like_production()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import NoReverseMatch, reverse

    load(args.copies)
    print(f"dataset: {dataset()}")
    client = Client()
    client.force_login(get_user_model().objects.get(username="secretariat"))
    register = reverse("documents:register")
    results = []
    for name, params in QUERIES.items():
        results.append(report(name, *measure(client, register, params, args.runs)))
    try:
        detail = reverse("documents:detail", args=["QT.01-GDTrH"])
    except NoReverseMatch:
        print("  document page: documents:detail is not installed on this branch")
    else:
        page = measure(client, detail, {}, args.runs)
        results.append(report("document page (QT.01-GDTrH)", *page))
    print(f"load average after: {loadavg()}")
    sys.exit(0 if all(results) else 1)


if __name__ == "__main__":
    main()
