"""Benchmark of the edition page built for deciding (issue 18).

The page of an edition in progress shows, by default, its changes against the
effective edition marked in place (``documents.deciding``, ``documents.diff``):
this times that page for the longest document of the demo and for one ten times
longer. It loads the demo organisation and its document set into PostgreSQL with
``bench/compare.py``'s loader (which adds ``ST.99-BENCH``: the longest demo text,
ST.01, ten times over, an effective edition and a draft whose every fourth section
is new and every seventh paragraph reworded), gives the longest demo document a
new draft (a few paragraphs reworded, a step added) when it has none, and times,
through Django's test client with the production middleware and templates (DEBUG
off), signed in as the secretariat:

* the effective edition's page (the clean text);
* the draft's page as it opens: the changes in place;
* the draft's page with ``?view=clean``;

for the longest demo document and for ST.99-BENCH. Prints the median wall and CPU
time of ``--runs`` requests, the size of each edition (characters and blocks), and
the machine's load. The word-level comparison has a time budget (diff.TIME_BUDGET,
0.2 s); past it the blocks still differing are shown whole. Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ims_edition_page \\
        .venv/bin/python bench/edition_page.py [--runs 9] [--reload]

It uses its own database, ``<name of DATABASE_URL>_bench`` (created if missing and
kept; ``--reload`` starts it afresh).
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, ensure_database, loadavg, start_like_production  # noqa: E402
from bench.compare import BIG_CODE, SCALE, OverBudget, load, size_of, timed  # noqa: E402


def page_env() -> dict:
    return bench_env(
        "postgres://postgres@127.0.0.1:5432/ims_edition_page",
        REDIS_URL="",
        MANUAL_BUILD_IN_THREAD="false",
        CACHE_KEY_PREFIX="bench-edition-page",
        LOG_LEVEL="ERROR",
    )


def longest_demo_document():
    from documents.models import Document

    documents = Document.objects.exclude(code=BIG_CODE).filter(current__isnull=False)
    return max(documents.select_related("current"), key=lambda d: size_of(d.current)[0])


def ensure_draft(document):
    """The document's edition in progress; a new draft with a few changes if it has none."""
    from django.contrib.auth import get_user_model

    from documents import services
    from documents.models import Revision

    in_progress = document.revisions.filter(state__in=Revision.WORK_IN_PROGRESS).first()
    if in_progress is not None:
        return in_progress
    actor = get_user_model().objects.get(username="secretariat")
    draft = services.create_draft(document=document, actor=actor)
    data = {name: getattr(draft, name) for name in services.CONTENT_FIELDS}
    paragraphs = draft.body.split("\n\n")
    data["body"] = "\n\n".join(
        f"{p} (sửa đổi lần {draft.number})" if i % 7 == 3 else p for i, p in enumerate(paragraphs)
    )
    data["change_summary"] = "Bench: một số đoạn được sửa đổi, thêm một bước."
    if document.has_sections:
        steps = services.steps_as_data(draft)
        added = {field: "" for field in services.STEP_FIELDS}
        added.update(name="Bước bổ sung (bench)", responsible="Chuyên viên", action="Kiểm tra lại.")
        steps.insert(len(steps) // 2, added)
        data["steps"] = steps
        data["records"] = services.records_as_data(draft)
    return services.save_draft(revision=draft, actor=actor, data=data, version=draft.version)


def time_page(client, revision, params: dict, runs: int, label: str) -> str:
    chars, blocks = size_of(revision)
    path = revision.get_absolute_url()
    times, cpus, status = [], [], 0
    for _ in range(runs):
        try:
            elapsed, status, cpu = timed(client, path, params, 60.0)
        except OverBudget:
            return f"  {label:<44} STOPPED after 60 s"
        times.append(elapsed)
        cpus.append(cpu)
    return (
        f"  {label:<44} {chars:>9,} characters {blocks:>6,} blocks: "
        f"median {statistics.median(times):7.1f} ms  min {min(times):7.1f}  "
        f"max {max(times):7.1f}  CPU median {statistics.median(cpus):7.1f} ms "
        f"({runs} runs, HTTP {status})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--reload", action="store_true")
    args = parser.parse_args()

    env = page_env()
    print(f"load average before: {loadavg()}")
    ensure_database(env, reload=args.reload)
    os.environ.update(env)
    start_like_production()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.test import Client

    from documents.models import Document, Revision

    load()
    longest = longest_demo_document()
    with transaction.atomic():
        ensure_draft(longest)
    print(
        f"dataset: {Document.objects.count()} documents, {Revision.objects.count()} editions "
        f"(the demo's, and {BIG_CODE}: ST.01's text x{SCALE}); "
        f"the longest demo document: {longest.code}"
    )
    client = Client()
    client.force_login(get_user_model().objects.get(username="secretariat"))
    client.get("/")  # templates and the session loaded before timing
    for document in (Document.objects.get(pk=longest.pk), Document.objects.get(code=BIG_CODE)):
        effective = document.current
        draft = document.revisions.filter(state__in=Revision.WORK_IN_PROGRESS).get()
        print(f"{document.code}: edition {effective.number} effective, {draft.number} in progress")
        print(time_page(client, effective, {}, args.runs, "effective edition (clean text)"))
        print(time_page(client, draft, {}, args.runs, "edition in progress: changes in place"))
        print(time_page(client, draft, {"view": "clean"}, args.runs, "edition in progress: clean"))
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
