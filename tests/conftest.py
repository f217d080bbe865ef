"""Shared fixtures: personas for every role, the real Celery worker, the browser."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.test.utils import override_settings

from ims.celery import app as celery_app
from ims.roles import Role
from tests.factories import make_department, make_unit, make_user

ROOT = Path(__file__).resolve().parent.parent
WORKER_ID = os.environ.get("PYTEST_XDIST_WORKER", "main")
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_configure(config):
    # Tasks run in-process unless a test asks for the real worker; each xdist
    # worker has its own queue and cache prefix so parallel runs never meet.
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_default_queue = f"ims-test-{WORKER_ID}"
    # In-process builds finish before the request answers, Redis or not (one test
    # turns the thread of the worker-less setup on).
    settings.MANUAL_BUILD_IN_THREAD = False


# --- requests the live server is still answering --------------------------------------
# A browser test ends while its pages may still be waiting for an answer (the menu's
# counts, a progress poll); the live server thread answering it then holds locks the
# teardown's TRUNCATE needs, and PostgreSQL breaks the deadlock by failing one side.
# So a test's database is emptied only once the live server has answered everything.

_in_flight: dict[int, threading.Thread] = {}  # the live server's threads answering


def _request_started(**kwargs):
    thread = threading.current_thread()
    if thread is not threading.main_thread():  # the test client answers in the test's
        _in_flight[thread.ident] = thread


def _request_finished(**kwargs):
    _in_flight.pop(threading.get_ident(), None)


request_started.connect(_request_started, dispatch_uid="tests.in_flight.started")
request_finished.connect(_request_finished, dispatch_uid="tests.in_flight.finished")


def _still_working() -> bool:
    """A live server thread answering, or a manual build running in a thread (the
    setup without a worker) — both write to the test's database."""
    if any(thread.is_alive() for thread in list(_in_flight.values())):
        return True
    return any(t.name.startswith("manual-build-") for t in threading.enumerate())


def wait_for_live_server_to_settle(timeout: float = 15) -> None:
    """Until no request is being answered (the pages that sent them are closed) and no
    background build runs; a thread that ended without saying so does not count."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and _still_working():
        time.sleep(0.05)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    # Before any fixture is torn down: tests that open their own browser contexts close
    # them in the test; page_for closes its own and waits again.
    wait_for_live_server_to_settle()
    return (yield)


def pytest_runtest_setup(item):
    # Roles and clauses are re-created by post_migrate after every flush; restoring a
    # serialized copy on top of them would collide on their unique keys.
    for marker in item.iter_markers("django_db"):
        if marker.kwargs.get("serialized_rollback"):
            pytest.fail(
                "drop serialized_rollback=True: transactional tests get the roles and "
                "clauses back after every flush without it",
                pytrace=False,
            )


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache():
    caches = {name: {**conf} for name, conf in settings.CACHES.items()}
    for conf in caches.values():
        conf["KEY_PREFIX"] = f"test-{WORKER_ID}"
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(tmp_path, settings):
    from django.core.cache import cache

    _clear_own_cache(cache)
    settings.MEDIA_ROOT = tmp_path / "media"
    yield


def _clear_own_cache(cache):
    """Delete this test worker's cache keys only. On Redis, ``cache.clear()`` is
    FLUSHDB, which would also empty the Celery queues and chord counters that a
    parallel test's real worker is reading from the same database."""
    client = getattr(cache, "_cache", None)
    if cache.key_prefix and hasattr(client, "get_client"):
        redis = client.get_client(write=True)
        keys = list(redis.scan_iter(match=f"{cache.key_prefix}:*", count=1000))
        if keys:
            redis.delete(*keys)
    else:
        cache.clear()


@pytest.fixture
def department(db):
    return make_department(code="TCCB", name="Phòng Tổ chức cán bộ")


@pytest.fixture
def other_department(db):
    return make_department(code="KHTC", name="Phòng Kế hoạch – Tài chính")


@pytest.fixture
def unit(db):
    return make_unit(code="DV001", name="Trường THPT Chiềng Sinh")


@pytest.fixture
def staff(department):
    return make_user(
        "staff", roles=(Role.STAFF,), department=department, full_name="Nguyễn Thị Lan"
    )


@pytest.fixture
def colleague(department):
    return make_user("colleague", roles=(Role.STAFF,), department=department)


@pytest.fixture
def outsider(other_department):
    """Staff of another department."""
    return make_user("outsider", roles=(Role.STAFF,), department=other_department)


@pytest.fixture
def head(department):
    user = make_user(
        "head",
        roles=(Role.DEPARTMENT_HEAD, Role.STAFF),
        department=department,
        full_name="Lò Văn Hùng",
    )
    department.head = user
    department.save(update_fields=["head"])
    return user


@pytest.fixture
def secretariat(db):
    qlcl = make_department(code="QLCL", name="Phòng Quản lý chất lượng")
    return make_user(
        "secretariat",
        roles=(Role.ISO_SECRETARIAT, Role.STAFF),
        department=qlcl,
        full_name="Đinh Thị Thu Hà",
    )


@pytest.fixture
def leadership(db):
    return make_user("leadership", roles=(Role.LEADERSHIP,), full_name="Cầm Văn Quân")


@pytest.fixture
def auditor(other_department):
    """An internal auditor: a trained member of staff of another department (KHTC)."""
    return make_user("auditor", roles=(Role.AUDITOR, Role.STAFF), department=other_department)


@pytest.fixture
def external(db):
    """The certification body's auditor: reads everything, writes nothing."""
    return make_user("external", roles=(Role.EXTERNAL_AUDITOR,), full_name="Trần Minh Đức")


@pytest.fixture
def unit_contact(unit):
    return make_user("unitcontact", roles=(Role.UNIT_CONTACT,), unit=unit)


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client signed in as ``user``."""

    def sign_in(user):
        client.force_login(user)
        return client

    return sign_in


# --- the real Celery worker ------------------------------------------------------


def _services_for_worker():
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip("needs Redis (REDIS_URL) for a real worker")
    if settings.DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        pytest.skip("needs PostgreSQL (DATABASE_URL): the worker process shares the test database")


def _worker_environment(queue: str) -> dict:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CACHE_KEY_PREFIX": f"test-{WORKER_ID}",
        "MEDIA_ROOT": str(Path(settings.MEDIA_ROOT)),
    }


def _start_worker(queue: str, node: str, log_name: str, pool: list[str]) -> subprocess.Popen:
    log = open(ROOT / "var" / log_name, "a")  # noqa: SIM115
    try:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "ims",
                "worker",
                "-Q",
                queue,
                *pool,
                "--hostname",
                f"{node}@%h",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=_worker_environment(queue),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, pool processes included
        )
    finally:
        log.close()


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    """A separate ``celery worker`` process consuming this test worker's queue,
    connected to the test database. Use with ``transactional_db`` and
    ``broker_tasks`` so the worker sees committed rows."""
    _services_for_worker()
    queue = celery_app.conf.task_default_queue
    (ROOT / "var" / f"test-worker-{WORKER_ID}.log").write_text("")
    process = _start_worker(
        queue, f"ims-test-{WORKER_ID}", f"test-worker-{WORKER_ID}.log", ["--pool", "solo"]
    )
    try:
        _wait_for_worker(process, node=f"ims-test-{WORKER_ID}", queue=queue)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_for_worker(process, *, node: str, queue: str, timeout: float = 30):
    deadline = time.monotonic() + timeout
    node = f"{node}@{socket.gethostname()}"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the Celery worker exited early; see var/ logs of {node}")
        inspect = celery_app.control.inspect(destination=[node], timeout=1)
        replies = inspect.active_queues() or {}
        if any(q["name"] == queue for queues in replies.values() for q in queues):
            return
        time.sleep(0.5)
    raise RuntimeError("the Celery worker did not start in time")


class KillableWorker:
    """A prefork ``celery worker`` (two processes, as in production) on a queue of its
    own, which a test may kill with SIGKILL -- whole, or one pool process -- and start
    again. While it is in use, tasks this process sends go to that queue."""

    def __init__(self):
        self.queue = f"ims-test-{WORKER_ID}-killable"
        self.node = f"ims-killable-{WORKER_ID}"
        self.log_name = f"test-killable-worker-{WORKER_ID}.log"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = _start_worker(
            self.queue, self.node, self.log_name, ["--pool", "prefork", "--concurrency", "2"]
        )
        _wait_for_worker(self.process, node=self.node, queue=self.queue, timeout=60)

    def pool_processes(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes at once (an OOM kill, ``docker kill``)."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def forget_queue(self) -> None:
        """Drop this queue's messages, and those its killed worker left unacknowledged."""
        import json

        import redis

        client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
        client.delete(self.queue)
        for tag, raw in client.hgetall("unacked").items():
            try:
                routing_key = json.loads(raw)[2]
            except (ValueError, IndexError):
                continue
            if routing_key == self.queue:
                client.hdel("unacked", tag)
                client.zrem("unacked_index", tag)


@pytest.fixture
def killable_worker(transactional_db, settings):
    _services_for_worker()
    (ROOT / "var" / f"test-killable-worker-{WORKER_ID}.log").write_text("")
    worker = KillableWorker()
    queue = celery_app.conf.task_default_queue
    celery_app.conf.task_default_queue = worker.queue
    celery_app.conf.task_always_eager = False
    try:
        yield worker
    finally:
        celery_app.conf.task_always_eager = True
        celery_app.conf.task_default_queue = queue
        worker.stop()
        worker.forget_queue()


def _wait_until_worker_idle(node: str, queue: str, timeout: float = 60) -> None:
    """Until the worker has nothing queued, reserved or running: the tasks a task
    sent on its way out (a PDF, a notice) still write to the database, and the
    test's teardown empties it with TRUNCATE, which would deadlock with them."""
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    node = f"{node}@{socket.gethostname()}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not client.llen(queue):
            # a solo worker answers only between tasks: no reply means it is busy
            inspect = celery_app.control.inspect(destination=[node], timeout=1)
            active, reserved = inspect.active() or {}, inspect.reserved() or {}
            if node in active and not active[node] and not reserved.get(node):
                if not client.llen(queue):
                    return
        time.sleep(0.2)


@pytest.fixture
def broker_tasks(celery_worker_process):
    """For the length of a test, tasks go through Redis to the real worker; the
    test ends when the worker has finished what the test started."""
    celery_app.conf.task_always_eager = False
    try:
        yield celery_worker_process
    finally:
        celery_app.conf.task_always_eager = True
        _wait_until_worker_idle(f"ims-test-{WORKER_ID}", celery_app.conf.task_default_queue)


def wait_until(condition, timeout: float = 20, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError("condition not met in time")


# --- the browser -----------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per xdist worker, driven by Playwright."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page_for(browser, live_server):
    """``page_for(user, viewport=...)``: a browser page signed in as ``user``."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    contexts = []

    def open_page(user=None, *, viewport=None, language=None):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        contexts.append(context)
        cookies = []
        if user is not None:
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            cookies.append(
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": session.session_key,
                    "url": live_server.url,
                }
            )
        if language:
            cookies.append(
                {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
            )
        if cookies:
            context.add_cookies(cookies)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    yield open_page
    for context in contexts:
        context.close()
    wait_for_live_server_to_settle()


# --- signing (ims.signing) ---------------------------------------------------------------

SIGNING_ORGANISATION = "Sở Giáo dục và Đào tạo tỉnh Sơn La"
SIGNING_PASSWORD = "test-p12-password"


@pytest.fixture(scope="session")
def signing_certificates(tmp_path_factory):
    """A demo CA and signer (``make_demo_certificates``), made once per test process."""
    from ims.signing.certificates import make_demo_certificates

    return make_demo_certificates(
        tmp_path_factory.mktemp("signing"),
        organisation=SIGNING_ORGANISATION,
        password=SIGNING_PASSWORD,
    )


@pytest.fixture
def signed_pdfs(settings, signing_certificates):
    """PDFs signed with the demo certificate from a PKCS#12 file, as production configures it."""
    settings.IMS_SIGNING_BACKEND = "pkcs12"
    settings.IMS_SIGNING_PKCS12_FILE = str(signing_certificates.pkcs12_path)
    settings.IMS_SIGNING_PKCS12_PASSWORD = SIGNING_PASSWORD
    settings.IMS_SIGNING_TRUST_ROOTS = [str(signing_certificates.ca_path)]
    return signing_certificates
