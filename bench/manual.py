"""Benchmark: build the demo manual cold, then again after one document changed.

    DATABASE_URL=postgres://… REDIS_URL=redis://… .venv/bin/python bench/manual.py [--workers 2]

Loads the demo document set if the database lacks it (``documents.demo.load``
when present, otherwise the same 115 documents of ``documents.demo_content``
written directly as effective editions), starts a Celery worker with
``--workers`` processes on a queue of its own, and prints for each build: pages,
wall seconds, pages per second, the peak resident memory of every process
(worker processes, and this process, which only waits), and the file size.
Without REDIS_URL the build runs in this process (``--workers`` is ignored).

Targets (issue 5): cold ≤ 30 s on 2 cores, ≤ 300 MiB in any process, rebuild
after one change ≤ 5 s.

``--one-pass`` also lays the same book out in a single WeasyPrint pass (every
effective edition, the same templates, one HTML document) in a child process
and prints its time and peak memory: the issue's baseline (about 55 s and
1.2 GiB for a 1,011-page book on its reference machine, against about 29 s split
on 2 processes), so that figures from machines of different speed compare by
their ratio.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUEUE = f"ims-bench-{os.getpid()}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ims.settings")
os.environ["CELERY_TASK_DEFAULT_QUEUE"] = QUEUE
MEDIA = tempfile.mkdtemp(prefix="ims-bench-media-")
os.environ["MEDIA_ROOT"] = MEDIA

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.common import loadavg  # noqa: E402

MiB = 1024 * 1024


def load_documents() -> None:
    from documents.models import Document

    if Document.objects.effective().count() >= 100:
        return
    try:
        from documents import demo  # written by the document-register work
    except ImportError:
        demo = None
    if demo is not None:
        from ims import demo as ims_demo

        ims_demo.load()
        demo.load(sys.stdout)
        return
    load_specs_directly()


def load_specs_directly() -> None:
    """The demo's 115 documents as effective editions, without the lifecycle."""
    from django.contrib.auth import get_user_model

    from documents.demo_content import DEPARTMENTS, document_specs
    from documents.models import Document, RecordKept, Revision, SignOff, Step
    from ims.models import Department, Organisation

    if not Organisation.objects.exists():
        Organisation.objects.create(
            name="Sở Giáo dục và Đào tạo tỉnh Sơn La",
            parent_name="UBND tỉnh Sơn La",
            vision="Xây dựng nền giáo dục Sơn La chất lượng, công bằng, hội nhập.",
            mission="Bảo đảm mọi người học được học tập trong môi trường an toàn, thân thiện.",
            core_values="Trách nhiệm – Minh bạch – Đổi mới – Phục vụ.",
            quality_policy="Lấy người học làm trung tâm; cải tiến liên tục hệ thống quản lý.",
        )
    departments = {}
    for order, (code, name) in enumerate(DEPARTMENTS.items()):
        departments[code], _ = Department.objects.get_or_create(
            code=code, defaults={"name": name, "order": order}
        )
    signer, _ = get_user_model().objects.get_or_create(
        username="bench-signer", defaults={"first_name": "Cầm Văn", "last_name": "Quân"}
    )
    today = timezone.localdate()
    now = timezone.now()
    for spec in document_specs():
        if Document.objects.filter(code=spec.code).exists():
            continue
        document = Document.objects.create(
            code=spec.code,
            title=spec.title,
            kind=spec.kind,
            department=departments[spec.department],
            issuer=spec.issuer,
            external_reference=spec.external_reference,
        )
        revision = Revision.objects.create(
            document=document,
            number=1,
            state=Revision.State.EFFECTIVE,
            effective_date=today,
            change_summary="Ban hành lần đầu",
            purpose=spec.purpose,
            scope=spec.scope,
            references=spec.references,
            terms=spec.terms,
            body=spec.body,
        )
        Step.objects.bulk_create(
            Step(revision=revision, order=i, **vars(step)) for i, step in enumerate(spec.steps, 1)
        )
        RecordKept.objects.bulk_create(
            RecordKept(revision=revision, order=i, **vars(record))
            for i, record in enumerate(spec.records, 1)
        )
        for step in SignOff.BLOCK_STEPS:
            SignOff.objects.create(
                revision=revision, step=step, user=signer, name="Cầm Văn Quân",
                position="Giám đốc Sở", signed_at=now,
            )  # fmt: skip
        document.current = revision
        document.save(update_fields=["current"])


def start_worker(processes: int) -> subprocess.Popen:
    env = {**os.environ, "CELERY_TASK_ALWAYS_EAGER": "false"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ims", "worker", "-Q", QUEUE,
         "--concurrency", str(processes), "--pool", "prefork", "--loglevel", "WARNING",
         "--without-gossip", "--without-mingle", "--without-heartbeat",
         "--hostname", f"{QUEUE}@%h"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
    )  # fmt: skip
    from ims.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        replies = app.control.inspect(timeout=1).active_queues() or {}
        if any(q["name"] == QUEUE for queues in replies.values() for q in queues):
            return worker
        time.sleep(0.5)
    worker.kill()
    raise SystemExit("the Celery worker did not start")


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants that are Python (the worker and its pool, not helpers)."""
    try:
        if "python" not in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
            return []
    except FileNotFoundError:
        return []
    found = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except FileNotFoundError:
        return found
    for child in children:
        found += process_tree(int(child))
    return found


def peak_mib(pid: int) -> float:
    """The kernel's high-water mark of resident memory (VmHWM) for ``pid``."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU seconds spent so far by each of ``pids`` (load-independent work)."""
    spent = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        spent[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return spent


def build_once(label: str, actor, worker) -> None:
    from documents.models import ManualBuild
    from documents.printing import services

    peaks: dict[int, float] = {}
    pids = process_tree(worker.pid) if worker is not None else []
    cpu_before = {**cpu_seconds(pids), 0: time.process_time()}
    started = time.perf_counter()
    build = services.request_build(kind=ManualBuild.Kind.MANUAL, actor=actor)
    while True:
        build.refresh_from_db()
        if worker is not None:
            for pid in process_tree(worker.pid):
                try:
                    peaks[pid] = max(peaks.get(pid, 0), peak_mib(pid))
                except FileNotFoundError:
                    pass
        if build.is_finished:
            break
        if time.perf_counter() - started > 900:
            raise SystemExit(f"{label}: no result after 15 minutes ({build.done}/{build.total})")
        time.sleep(0.2)  # polling costs CPU the build shares; peaks are high-water marks anyway
    wall = time.perf_counter() - started
    cpu_after = {**cpu_seconds(pids), 0: time.process_time()}
    spent = [cpu_after[pid] - cpu_before.get(pid, 0) for pid in cpu_after]
    cpu, busiest = sum(spent), max(spent)
    cores = min(os.cpu_count() or 1, max(1, len(pids) - 1))
    if build.state != ManualBuild.State.DONE:
        raise SystemExit(f"{label}: build failed: {build.error}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{label:>8}: {build.page_count} pages, {build.total} documents, {wall:.1f} s wall, "
        f"{build.page_count / wall:.1f} pages/s, file {build.size / MiB:.1f} MiB"
    )
    workers = ", ".join(f"{mib:.0f}" for _pid, mib in sorted(peaks.items()))
    print(f"{'':>8}  peak RSS MiB: worker processes [{workers}], this process {own:.0f}")
    print(
        f"{'':>8}  CPU {cpu:.1f} s in all, {busiest:.1f} s in the busiest process "
        f"(≈ {max(busiest, cpu / cores):.1f} s wall on {cores} idle cores); "
        f"load average {loadavg()}"
    )


def one_pass_book() -> None:
    """Lay every effective edition out in one WeasyPrint document (run in a child process)."""
    import re

    from django.template.loader import render_to_string
    from django.utils import translation
    from weasyprint import HTML

    from documents.models import Revision
    from documents.printing import editions, manual, pdf
    from ims.models import Organisation
    from ims.pdf import STATIC_ROOT_DIR, local_fetcher, nfc

    organisation = Organisation.current()
    order = [revision.pk for revision in manual.manual_editions()]
    revisions = {r.pk: r for r in editions.with_content(Revision.objects.filter(pk__in=order))}
    style, bodies = "", []
    with translation.override(settings.LANGUAGE_CODE):
        for pk in order:
            context = pdf.edition_context(revisions[pk], organisation)
            html = nfc(render_to_string("documents/pdf/edition.html", context))
            style = style or re.search(r"<style>.*?</style>", html, re.S).group(0)
            body = re.search(r"<body>(.*)</body>", html, re.S).group(1)
            bodies.append(f'<div style="break-before: page">{body}</div>')
    book = f"<!doctype html><html lang=vi><head>{style}</head><body>{''.join(bodies)}</body></html>"
    started = time.perf_counter()
    document = HTML(
        string=book, base_url=str(STATIC_ROOT_DIR), url_fetcher=local_fetcher()
    ).render()
    data = document.write_pdf()
    wall = time.perf_counter() - started
    print(f"{len(document.pages)} {wall:.2f} {len(data)}")


def one_pass(label: str) -> None:
    started = time.perf_counter()
    child = subprocess.run(
        [sys.executable, __file__, "--one-pass-child"], cwd=ROOT, capture_output=True, text=True
    )
    if child.returncode:
        raise SystemExit(f"one pass failed: {child.stderr[-2000:]}")
    pages, wall, size = child.stdout.split()[-3:]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"{label:>8}: {pages} pages in one WeasyPrint pass, {float(wall):.1f} s layout and PDF "
        f"({time.perf_counter() - started:.1f} s with start-up), peak RSS {peak:.0f} MiB, "
        f"file {int(size) / MiB:.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--one-pass", action="store_true", help="also time the book laid out in one pass"
    )
    parser.add_argument("--one-pass-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_pass_child:
        one_pass_book()
        return

    from django.contrib.auth import get_user_model

    from documents.models import EditionPdf, ManualBuild, Revision

    call_command("migrate", verbosity=0)
    load_documents()
    actor, _ = get_user_model().objects.get_or_create(username="bench-secretariat")
    EditionPdf.objects.all().delete()  # cold: no cached edition PDF
    ManualBuild.objects.filter(state__in=["queued", "running"]).update(
        state="failed", error="interrupted benchmark run"
    )
    redis = bool(settings.CELERY_BROKER_URL.startswith("redis://"))
    worker = start_worker(args.workers) if redis else None
    mode = f"{args.workers} worker processes on Redis" if redis else "in-process (no Redis)"
    print(f"IMS manual benchmark: {mode}, load average {loadavg()}")
    try:
        build_once("cold", actor, worker)
        changed = Revision.objects.filter(state="effective").order_by("?").first()
        changed.purpose = (changed.purpose or "") + "\n\nSửa đổi để đo thời gian tạo lại."
        changed.save()
        print(f"{'':>8}  changed: {changed.document.code}")
        build_once("rebuild", actor, worker)
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=30)
        shutil.rmtree(MEDIA, ignore_errors=True)
    if args.one_pass:
        one_pass("one pass")
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
