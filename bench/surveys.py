"""Benchmark of the surveys app (issue 8).

1. Answers: gunicorn with the production settings (DEBUG off, PostgreSQL, Redis)
   serves a campaign's public link; separate client processes on loopback send
   complete answers (24 questions) for a bounded count and time. Prints accepted
   answers per second, median and 99th-percentile latency, errors, and the
   answers lost (accepted by the server but not in the database afterwards).
2. Results: loads 1,000,000 answers into a closed campaign, aggregates them (the
   background task's work) and times the results page from the stored figures.

The machine's load average is printed before, during and after, because the
machine may be shared. Usage::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ims_surveys \\
    REDIS_URL=redis://127.0.0.1:6379/5 .venv/bin/python bench/surveys.py \\
        [--answers 9000] [--seconds 45] [--clients 2] [--threads 6] [--workers 3] \\
        [--gthreads 4] [--results-answers 1000000] [--skip-results]

It uses its own database, ``<name of DATABASE_URL>_bench`` (created if missing, kept
for the next run so that the million answers are loaded once).
"""

import argparse
import http.client
import multiprocessing
import os
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import bench_env, ensure_database, loadavg  # noqa: E402


def surveys_env() -> dict:
    return bench_env(
        "postgres://postgres@127.0.0.1:5432/ims_surveys",
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5"),
        CACHE_KEY_PREFIX="bench-surveys",
        CELERY_TASK_DEFAULT_QUEUE="bench-surveys",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        # The limiter stays in the path (one Redis INCR per answer) with a limit no
        # single-address benchmark reaches; the tests prove it refuses a burst.
        SURVEYS_RATE_LIMIT="1000000000",
        SURVEYS_RATE_WINDOW="600",
        STATIC_ROOT=str(ROOT / "var" / "bench-static"),
    )


def setup_django(env) -> None:
    os.environ.update(env)
    import django

    django.setup()


def make_campaign(title: str, *, days_open: int = 30, closed: bool = False):
    from datetime import timedelta

    from django.utils import timezone

    from surveys import services
    from surveys.models import Campaign, Survey

    survey = Survey.objects.filter(title="Bench survey").first() or services.create_survey(
        actor=None, title="Bench survey", group="parents", instrument="public_education"
    )
    today = timezone.localdate()
    campaign = Campaign.objects.filter(title=title).first()
    if campaign is None:
        opens = today - timedelta(days=days_open if not closed else 90)
        campaign = services.save_campaign(
            actor=None,
            campaign=Campaign(
                survey=survey,
                title=title,
                opens_on=opens,
                closes_on=opens + timedelta(days=days_open),
                anonymous=True,
                cap=1_000_000_000,
            ),
            public_link=True,
        )
    elif not closed and not campaign.is_open(today):
        # Kept from an earlier run and closed since (its dates ran out): open it again,
        # or every answer of this run would be refused with 410.
        Campaign.objects.filter(pk=campaign.pk).update(
            closes_on=today + timedelta(days=days_open), closed_at=None
        )
        campaign.refresh_from_db()
    return campaign


# --- the load: client processes ------------------------------------------------------


def fetch_form(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path)
    response = conn.getresponse()
    html = response.read().decode()
    cookie = response.getheader("Set-Cookie", "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    csrf_cookie = re.search(r"csrftoken=([^;]+)", cookie).group(1)
    likert = sorted(set(re.findall(r'<input type="radio" name="(q\d+)" value="5"', html)))
    checks = sorted(set(re.findall(r'<input type="checkbox" name="(q\d+)"', html)))
    singles = sorted(
        set(re.findall(r'<input type="radio" name="(q\d+)" value="0"', html)) - set(likert)
    )
    texts = sorted(set(re.findall(r'<textarea name="(q\d+)"', html)))
    conn.close()
    return token, csrf_cookie, likert, singles, checks, texts


def client_worker(port, path, count, deadline, threads, seed, queue, fetch_page=False):
    import threading

    token, csrf_cookie, likert, singles, checks, texts = fetch_form(port, path)
    rng = random.Random(seed)
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={csrf_cookie}",
    }
    results = []
    lock = threading.Lock()
    remaining = [count]

    def body():
        fields = [("csrfmiddlewaretoken", token), ("website", "")]
        for name in likert:
            fields.append((name, str(rng.choices(range(1, 6), [2, 5, 15, 48, 30])[0])))
        for name in singles:
            fields.append((name, "1"))
        for name in checks:
            fields.append((name, "0"))
            fields.append((name, "2"))
        for name in texts:
            fields.append((name, "Trường cần thêm cây xanh và quạt cho phòng học."))
        return urlencode(fields)

    def run():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
                payload = body()
            try:
                if fetch_page:  # a respondent opens the page, then sends it
                    conn.request("GET", path, headers=headers)
                    conn.getresponse().read()
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            started = time.perf_counter()
            try:
                conn.request("POST", path, body=payload, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            elapsed = time.perf_counter() - started
            with lock:
                results.append((status, elapsed))
        conn.close()

    pool = [threading.Thread(target=run) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    queue.put(results)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env, port, workers, gthreads):
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "ims.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(gthreads),
            "--keep-alive",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        # gunicorn.conf.py (production) writes an access log: kept, as in production.
        stdout=open(ROOT / "var" / "bench-gunicorn.log", "w"),  # noqa: SIM115
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    sys.exit("gunicorn did not start")


def stop(process):
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def bench_answers(args, env, port):
    from surveys.models import Response

    campaign = make_campaign("Bench answers")
    before = Response.objects.filter(campaign=campaign).count()
    path = f"/surveys/p/{campaign.public_key}/"
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    per_client = args.answers // args.clients
    print(f"load average before: {loadavg()}")
    started = time.perf_counter()
    deadline = time.monotonic() + args.seconds
    procs = [
        ctx.Process(
            target=client_worker,
            args=(port, path, per_client, deadline, args.threads, i, queue, args.fetch_page),
        )
        for i in range(args.clients)
    ]
    for p in procs:
        p.start()
    results = []
    for _ in procs:
        results += queue.get()
    for p in procs:
        p.join()
    wall = time.perf_counter() - started
    during = loadavg()
    accepted = [t for s, t in results if s == 302]
    errors = len(results) - len(accepted)
    stored = Response.objects.filter(campaign=campaign).count() - before
    from surveys.models import Answer

    answers_per_response = Answer.objects.filter(campaign=campaign).count() / max(
        Response.objects.filter(campaign=campaign).count(), 1
    )
    mode = "GET of the page + POST of the answers" if args.fetch_page else "POST of the answers"
    print(
        f"answers ({mode}; latency of the POST): "
        f"{len(results)} sent by {args.clients} processes x {args.threads} "
        f"connections in {wall:.1f} s to gunicorn ({args.workers} workers x {args.gthreads} "
        f"threads)"
    )
    print(f"  accepted answers/s: {len(accepted) / wall:.0f}")
    if accepted:
        print(
            f"  latency median {statistics.median(accepted) * 1000:.1f} ms, "
            f"p99 {percentile(accepted, 99) * 1000:.1f} ms, max {max(accepted) * 1000:.1f} ms"
        )
    statuses = sorted({s for s, _t in results if s != 302})
    print(f"  errors: {errors}{f' (statuses {statuses})' if statuses else ''}")
    print(
        f"  stored in the database: {stored} responses "
        f"(campaign average {answers_per_response:.1f} answer rows each); "
        f"lost: {len(accepted) - stored}"
    )
    print(f"  load average at the end: {during}")


def load_million(campaign, total):
    """Responses and answer rows straight in SQL (the answer path is measured above)."""
    from django.db import connection

    from surveys.models import Answer, Question

    have = Answer.objects.filter(campaign=campaign).count()
    if have >= total:
        return have
    likert = list(
        Question.objects.filter(survey=campaign.survey, kind="likert").values_list("pk", flat=True)
    )
    responses = -(-(total - have) // len(likert))  # rounded up: at least ``total``
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            """
            with new as (
                insert into surveys_response (campaign_id, channel, submitted_on, unit_id)
                select %s, 'public', %s::date + (g %% 30), null
                from generate_series(1, %s) g
                returning id
            )
            insert into surveys_answer (response_id, campaign_id, question_id, value, text)
            select new.id, %s, q.id,
                   (array[1,2,3,3,4,4,4,4,4,5,5,5,5,2,3,4,5,4,4,5])[1 + floor(random() * 20)::int],
                   ''
            from new cross join unnest(%s::bigint[]) as q(id)
            """,
            [campaign.pk, campaign.opens_on, responses, campaign.pk, likert],
        )
        cursor.execute("analyze surveys_answer")
        cursor.execute("analyze surveys_response")
    print(
        f"  loaded {responses * len(likert)} answers ({responses} responses) "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return Answer.objects.filter(campaign=campaign).count()


def bench_results(args, env, port):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore

    from surveys.results import refresh_results

    campaign = make_campaign("Bench results (closed)", closed=True)
    total = load_million(campaign, args.results_answers)
    started = time.perf_counter()
    result = refresh_results(campaign=campaign)
    aggregate = time.perf_counter() - started
    print(
        f"results: {total} answers, {result.responses} responses; background aggregation "
        f"took {aggregate * 1000:.0f} ms"
    )
    User = get_user_model()
    user, _ = User.objects.get_or_create(username="bench-secretariat")
    user.groups.add(Group.objects.get(name="iso_secretariat"))
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    timings = []
    for _ in range(args.page_repeats):
        t0 = time.perf_counter()
        conn.request(
            "GET",
            f"/surveys/campaigns/{campaign.pk}/results/",
            headers={"Cookie": f"sessionid={session.session_key}"},
        )
        response = conn.getresponse()
        body = response.read()
        timings.append(time.perf_counter() - t0)
        if response.status != 200:
            sys.exit(f"results page answered {response.status}")
    assert b"survey-chart-data" in body
    print(
        f"  results page from stored figures: median {statistics.median(timings) * 1000:.0f} ms, "
        f"max {max(timings) * 1000:.0f} ms over {len(timings)} loads ({len(body) // 1024} KiB)"
    )
    print(f"  load average: {loadavg()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=int, default=9000)
    parser.add_argument("--seconds", type=float, default=45)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--threads", type=int, default=6)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--gthreads", type=int, default=4)
    parser.add_argument("--results-answers", type=int, default=1_000_000)
    parser.add_argument("--page-repeats", type=int, default=10)
    parser.add_argument("--skip-results", action="store_true")
    parser.add_argument("--skip-answers", action="store_true")
    parser.add_argument(
        "--fetch-page",
        action="store_true",
        help="each answer is a respondent's visit: GET the page, then POST it",
    )
    args = parser.parse_args()

    env = surveys_env()
    ensure_database(env)
    setup_django(env)
    print(f"database {urlparse(env['DATABASE_URL']).path.lstrip('/')}, load average {loadavg()}")
    port = free_port()
    server = start_gunicorn(env, port, args.workers, args.gthreads)
    try:
        if not args.skip_answers:
            bench_answers(args, env, port)
        if not args.skip_results:
            bench_results(args, env, port)
    finally:
        stop(server)


if __name__ == "__main__":
    main()
