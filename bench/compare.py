"""Benchmark of comparing two editions (issue 14, defect 8).

Loads the demo organisation and its document set (115 documents with their
editions, through the services, as ``load_demo`` does) into PostgreSQL, adds a
document ten times the demo's longest (ST.01's text repeated ten times, with an
older edition that lacks sections and has edited paragraphs), and times, through
Django's test client with the production middleware and templates (DEBUG off),
signed in as the secretariat:

* ``/documents/ST.01/compare/`` (the page as a reader opens it: the last two editions);
* the same page for the ten-times document;
* with ``--all-pairs``: every pair of editions of every demo document, once each
  (the slowest pair is named).

Prints the median wall and CPU time of ``--runs`` requests (on a shared machine the
wall time grows with the load; the CPU time is the work of the request itself), the
size of what is compared (characters and blocks: paragraphs, list items, table rows,
steps, records), the machine's load.
Targets: every demo comparison under 300 ms, the ten-times document under 1 s.
A request still running after ``--budget`` seconds is stopped and reported as such
(the comparison before the block-by-block diff could run for hours). Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ims_compare \\
        .venv/bin/python bench/compare.py [--runs 9] [--all-pairs] [--budget 300] [--reload]

It uses its own database, ``<name of DATABASE_URL>_bench`` (created if missing and
kept; ``--reload`` starts it afresh).
"""

import argparse
import itertools
import os
import re
import signal
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, ensure_database, loadavg, start_like_production  # noqa: E402

BIG_CODE = "ST.99-BENCH"
SCALE = 10


class OverBudget(Exception):
    pass


def compare_env() -> dict:
    return bench_env(
        "postgres://postgres@127.0.0.1:5432/ims_compare",
        REDIS_URL="",
        MANUAL_BUILD_IN_THREAD="false",
        CACHE_KEY_PREFIX="bench-compare",
        LOG_LEVEL="ERROR",
    )


def load() -> None:
    from django.db import transaction

    from documents import demo as documents_demo
    from documents.models import Document
    from ims import demo as ims_demo

    if not Document.objects.filter(code="ST.01").exists():
        started = time.monotonic()
        with transaction.atomic():
            ims_demo.load()
        with transaction.atomic():
            documents_demo.load()
        print(f"  demo loaded ({time.monotonic() - started:.0f} s)")
    if not Document.objects.filter(code=BIG_CODE).exists():
        with transaction.atomic():
            _load_big()


def _edited(paragraph: str, n: int) -> str:
    """An older wording of a paragraph: a few words changed, as a real revision does."""
    words = paragraph.split(" ")
    if len(words) > 12:
        words[n % len(words)] = "trước đây"
        del words[(3 * n) % len(words)]
    return " ".join(words)


def _load_big() -> None:
    """ST.01's body ten times over; the older edition lacks every fourth section and
    has every seventh paragraph worded otherwise."""
    from django.contrib.auth import get_user_model

    from documents import services
    from documents.models import Document

    source = Document.objects.get(code="ST.01").revisions.order_by("-number").first()
    actor = get_user_model().objects.get(username="secretariat")
    new_body = "\n\n".join(
        re.sub(r"^(#+ )", rf"\g<1>[{copy + 1}] ", source.body, flags=re.M) for copy in range(SCALE)
    )
    sections = re.split(r"(?m)^(?=## )", new_body)
    old_sections = [s for i, s in enumerate(sections) if i % 4 != 3]
    old_body = "".join(old_sections)
    paragraphs = old_body.split("\n\n")
    old_body = "\n\n".join(_edited(p, i) if i % 7 == 0 else p for i, p in enumerate(paragraphs))
    document = services.create_document(
        actor=actor,
        code=BIG_CODE,
        title="Sổ tay mười lần (bench)",
        kind=Document.Kind.MANUAL,
        department=source.document.department,
    )
    first = document.revisions.get(number=1)
    services.save_draft(revision=first, actor=actor, data={"body": old_body}, version=first.version)
    services.submit_for_review(revision=first, actor=actor)
    services.review(revision=first, actor=actor)
    services.approve(revision=first, actor=actor)
    services.publish(revision=first, actor=actor)
    second = services.create_draft(document=document, actor=actor)
    services.save_draft(
        revision=second,
        actor=actor,
        data={"body": new_body, "change_summary": "Bench"},
        version=second.version,
    )


def size_of(revision) -> tuple[int, int]:
    """(characters, blocks) of an edition: its text, and its paragraphs, list items,
    table rows, steps and records."""
    text = " ".join(
        [revision.body, revision.purpose, revision.scope, revision.references, revision.terms]
    )
    blocks = sum(
        1 for line in re.split(r"\n\s*\n|\n(?=\s*(?:[-*+] |\d+\. |\||#))", text) if line.strip()
    )
    steps = list(revision.steps.values_list("name", "responsible", "action", "record"))
    records = revision.records.count()
    chars = len(text) + sum(len(" ".join(s)) for s in steps)
    return chars, blocks + len(steps) + records


def timed(client, path: str, params: dict, budget: float) -> tuple[float, int, float]:
    """(wall ms, HTTP status, CPU ms of this process): on a shared machine the wall
    time grows with the load, the CPU time is the work the request itself did."""

    def stop(signum, frame):
        raise OverBudget

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        response = client.get(path, params)
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (time.process_time() - cpu) * 1000
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return elapsed, response.status_code, cpu


def page(client, document, runs: int, budget: float) -> str:
    from django.urls import reverse

    editions = list(document.revisions.order_by("-number"))
    newer, older = editions[0], editions[1]
    chars_a, blocks_a = size_of(older)
    chars_b, blocks_b = size_of(newer)
    path = reverse("documents:compare", args=[document.code])
    times, cpus, status = [], [], 0
    for _ in range(runs):
        try:
            elapsed, status, cpu = timed(client, path, {}, budget)
        except OverBudget:
            return (
                f"  {document.code:<12} editions {older.number}→{newer.number}  "
                f"{chars_a:,}/{chars_b:,} characters, {blocks_a:,}/{blocks_b:,} blocks: "
                f"STOPPED after {budget:.0f} s"
            )
        times.append(elapsed)
        cpus.append(cpu)
    return (
        f"  {document.code:<12} editions {older.number}→{newer.number}  "
        f"{chars_a:,}/{chars_b:,} characters, {blocks_a:,}/{blocks_b:,} blocks: "
        f"median {statistics.median(times):8.1f} ms  min {min(times):8.1f}  "
        f"max {max(times):8.1f}  CPU median {statistics.median(cpus):7.1f} ms  "
        f"({runs} runs, HTTP {status})"
    )


def all_pairs(client, budget: float) -> bool:
    from django.urls import reverse

    from documents.models import Document

    times = []
    for document in Document.objects.exclude(code=BIG_CODE).order_by("code"):
        numbers = list(document.revisions.order_by("number").values_list("number", flat=True))
        path = reverse("documents:compare", args=[document.code])
        for a, b in itertools.combinations(numbers, 2):
            try:
                elapsed, status, cpu = timed(client, path, {"a": f"e{a}", "b": f"e{b}"}, budget)
            except OverBudget:
                elapsed, status, cpu = budget * 1000, 0, budget * 1000
            times.append((elapsed, f"{document.code} e{a}→e{b}", status, cpu))
    times.sort()
    worst = times[-1]
    print(
        f"  every pair of editions of every demo document: {len(times)} comparisons, "
        f"median {statistics.median(t for t, *_ in times):.1f} ms, "
        f"90th {times[int(len(times) * 0.9) - 1][0]:.1f} ms, "
        f"slowest {worst[0]:.1f} ms ({worst[1]}), "
        f"{sum(1 for t, *_ in times if t >= 300)} at or over 300 ms; "
        f"CPU median {statistics.median(c for *_, c in times):.1f} ms, "
        f"slowest {max(c for *_, c in times):.1f} ms; "
        f"{sum(1 for _t, _n, s, _c in times if s != 200)} not HTTP 200"
    )
    return worst[0] < 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--big-runs", type=int, default=None, help="runs for the 10x document (0: skip it)"
    )
    parser.add_argument("--budget", type=float, default=300.0, help="seconds per request")
    parser.add_argument("--all-pairs", action="store_true")
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()

    env = compare_env()
    print(f"load average before: {loadavg()}")
    ensure_database(env, reload=args.reload)
    os.environ.update(env)
    start_like_production()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from documents.models import Document, Revision

    load()
    print(
        f"dataset: {Document.objects.count()} documents, {Revision.objects.count()} editions "
        f"(the demo's, and {BIG_CODE}: ST.01's text x{SCALE})"
    )
    client = Client()
    client.force_login(get_user_model().objects.get(username="secretariat"))
    client.get("/")  # templates and the session loaded before timing
    print("the compare page as a reader opens it (the last two editions):")
    print(page(client, Document.objects.get(code="ST.01"), args.runs, args.budget))
    big_runs = args.big_runs if args.big_runs is not None else args.runs
    if big_runs:
        print(page(client, Document.objects.get(code=BIG_CODE), big_runs, args.budget))
    if args.all_pairs:
        all_pairs(client, args.budget)
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
