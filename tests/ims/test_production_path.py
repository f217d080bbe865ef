"""The production path as it starts, outside Docker.

The test reads ``Dockerfile``, ``.dockerignore``, ``docker-compose.yml`` and
``.env.example`` and does what ``docker compose up --build`` would do with them:
copies the build context (what ``.dockerignore`` lets through), runs the image's
``manage.py`` build steps with the image's environment only, then starts the
``web`` service's command (migrate, then gunicorn with ``gunicorn.conf.py``) and
the ``worker`` service's command with the containers' environment (the image's
``ENV``, then ``.env.example`` as ``.env``, then the ``x-app`` environment). Only
the addresses differ: a fresh PostgreSQL database, the test Redis, a free loopback
port, a private queue and media folder. Then it fetches, as the proxy in front and
the health check would: the login page, a hashed static file the page names,
``/healthz`` by the compose health check's own command, and, signed in through
the login form, the home page and a report built by the worker.
"""

import fnmatch
import html
import http.client
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
WORKER_ID = os.environ.get("PYTEST_XDIST_WORKER", "main")


# --- reading the production files ---------------------------------------------------------


def _instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    out = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def image_environment(dockerfile: str) -> dict[str, str]:
    env = {}
    for word, rest in _instructions(dockerfile):
        if word == "ENV":
            for item in shlex.split(rest):
                name, _, value = item.partition("=")
                env[name] = value
    return env


def image_build_steps(dockerfile: str) -> list[list[str]]:
    """The ``manage.py`` commands of the RUN steps (installing packages is the venv's job
    here), each with its inline ``NAME=value`` assignments kept in front."""
    steps = []
    for word, rest in _instructions(dockerfile):
        if word != "RUN":
            continue
        for command in rest.split("&&"):
            if "manage.py" in command:
                steps.append(shlex.split(command))
    return steps


def _interpolate(value: str) -> str:
    # ${NAME:-default} / ${NAME}: as compose does with no .env in the shell here.
    def replace(match):
        return os.environ.get(match.group(1), match.group(3) or "")

    return re.sub(r"\$\{([A-Z_]+)(:-([^}]*))?\}", replace, str(value))


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def env_file(path: Path) -> dict[str, str]:
    """KEY=value lines of an env file as compose reads them (comments skipped)."""
    env = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "=" in line:
            name, _, value = line.partition("=")
            env[name.strip()] = value
    return env


def container_environment(service: str) -> dict[str, str]:
    """The environment a compose service's container starts with."""
    data = compose()["services"][service]
    env = image_environment((ROOT / "Dockerfile").read_text())
    env.update(env_file(ROOT / ".env.example"))  # the README's `cp .env.example .env`
    env.update({k: _interpolate(v) for k, v in (data.get("environment") or {}).items()})
    return env


def _dockerignore_patterns() -> list[tuple[bool, str]]:
    path = ROOT / ".dockerignore"
    if not path.exists():
        return []
    patterns = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            negated = line.startswith("!")
            patterns.append((negated, line.lstrip("!").strip("/")))
    return patterns


def _segments_match(pattern: list[str], path: list[str]) -> bool:
    if not pattern:
        return not path
    if pattern[0] == "**":
        return any(_segments_match(pattern[1:], path[i:]) for i in range(len(path) + 1))
    return (
        bool(path)
        and fnmatch.fnmatchcase(path[0], pattern[0])
        and _segments_match(pattern[1:], path[1:])
    )


def _ignored(relative: str, patterns) -> bool:
    """Docker's rule: the last matching pattern decides; a pattern matching a folder
    excludes what is inside it; ``*`` stays within one folder, ``**`` spans any."""
    parts = relative.split("/")
    ignored = False
    for negated, pattern in patterns:
        segments = pattern.split("/")
        if any(_segments_match(segments, parts[: i + 1]) for i in range(len(parts))):
            ignored = not negated
    return ignored


def build_context_files() -> list[str]:
    """The files (and symbolic links) ``COPY . .`` puts into the image."""
    patterns = _dockerignore_patterns()
    takes_back = any(negated for negated, _pattern in patterns)
    files = []
    for folder, dirs, names in os.walk(ROOT):
        rel_folder = os.path.relpath(folder, ROOT)
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        links = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        dirs[:] = [
            d
            for d in dirs
            if d not in links and (takes_back or not _ignored(rel_folder + d, patterns))
        ]
        for name in [*names, *links]:
            relative = rel_folder + name
            if not _ignored(relative, patterns):
                files.append(relative)
    return files


# --- what the image must not take -----------------------------------------------------------


def test_the_image_takes_no_local_state_or_secret():
    files = build_context_files()
    tops = {f.split("/", 1)[0] for f in files}
    for local in (".venv", ".git", "db.sqlite3", "media", "staticfiles", ".env"):
        assert local not in tops, f"the build context takes {local}"
    assert "var/secret_key" not in files
    assert not [f for f in files if "__pycache__" in f or f.endswith((".pyc", ".mo"))]
    assert {"manage.py", "gunicorn.conf.py", "ims/settings.py", "static/js/app.js"} <= set(files)


def test_the_env_example_and_the_readme_list_every_variable_the_code_reads():
    read = set()
    pattern = re.compile(
        r"(?:env_(?:str|bool|int|list)\(|os\.environ(?:\.get)?[\[(]|getenv\()\s*\"([A-Z_]+)\""
    )
    for source in ("ims/settings.py", "gunicorn.conf.py"):
        read |= set(pattern.findall((ROOT / source).read_text()))
    assert {"DATABASE_URL", "WEB_BIND", "STATICFILES_BACKEND"} <= read  # the pattern works
    example = (ROOT / ".env.example").read_text()
    listed = set(re.findall(r"^#?\s?([A-Z][A-Z0-9_]+)=", example, flags=re.M))
    assert read - listed == set(), ".env.example lacks them"
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    in_table = set(re.findall(r"`([A-Z][A-Z0-9_]+)`", table))
    assert read - in_table == set(), "the README's configuration table lacks them"


@pytest.mark.django_db
def test_the_health_check_is_answered_to_the_containers_address_and_nothing_else_is(
    client, settings
):
    settings.ALLOWED_HOSTS = ["ims.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    health = client.get("/healthz", HTTP_HOST="127.0.0.1:8000")
    assert health.status_code == 200 and health.content == b"ok"
    assert "Set-Cookie" not in health.headers
    assert client.get("/login/", HTTP_HOST="127.0.0.1:8000").status_code == 400


@pytest.mark.django_db
def test_the_health_check_says_503_when_the_database_does_not_answer(client, monkeypatch):
    from django.db import OperationalError, connection

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    assert client.get("/healthz").status_code == 503


# --- the production path, run --------------------------------------------------------------


def _needs_services():
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL)")
    if not settings.CELERY_BROKER_URL.startswith("redis://"):
        pytest.skip("needs Redis (REDIS_URL)")
    if not shutil.which("curl"):
        pytest.skip("needs curl, as the compose health check does")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _admin_connection():
    import psycopg

    db = settings.DATABASES["default"]
    return psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    )


@pytest.fixture
def fresh_database():
    _needs_services()
    db = settings.DATABASES["default"]
    name = f"ims_prodpath_{WORKER_ID}_{uuid.uuid4().hex[:8]}"
    with _admin_connection() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    yield f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    with _admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _copy_build_context(dest: Path) -> None:
    for relative in build_context_files():
        target = dest / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        source = ROOT / relative
        if source.is_symlink():
            target.symlink_to(os.readlink(source))
        else:
            shutil.copy2(source, target)


def _base_environment() -> dict[str, str]:
    # What a container has besides the image's and compose's variables: a PATH whose
    # `python`, `gunicorn` and `celery` are the installed ones, a home, a locale.
    return {
        "PATH": f"{BIN}:/usr/local/bin:/usr/bin:/bin",
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
    }


def _run_build_steps(app: Path) -> None:
    env = {**_base_environment(), **image_environment((ROOT / "Dockerfile").read_text())}
    steps = image_build_steps((ROOT / "Dockerfile").read_text())
    assert any("collectstatic" in step for step in steps)
    for step in steps:
        inline = {}
        while step and re.fullmatch(r"[A-Z_]+=.*", step[0]):
            name, _, value = step.pop(0).partition("=")
            inline[name] = value
        result = subprocess.run(
            step, cwd=app, env={**env, **inline}, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, f"{shlex.join(step)} failed:\n{result.stderr[-3000:]}"


def _command(service: str) -> list[str]:
    command = compose()["services"][service]["command"]
    return shlex.split(command) if isinstance(command, str) else list(command)


class Client:
    """Requests as the TLS proxy in front passes them: the public Host, HTTPS said in
    X-Forwarded-Proto. Keeps cookies."""

    def __init__(self, port: int, host: str):
        self.port = port
        self.host = host
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None, referer: str = ""):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Host": self.host, "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{self.host}"
            headers["Referer"] = f"https://{self.host}{referer or path}"
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        conn.close()
        return response.status, dict(response.getheaders()), data

    def get(self, path: str):
        return self.request("GET", path)

    def post(self, path: str, form: dict, referer: str = ""):
        return self.request("POST", path, form, referer)


def _csrf_token(page: bytes) -> str:
    match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, "no CSRF token in the form"
    return match.group(1).decode()


def _start(command, *, app: Path, env: dict, log: Path) -> subprocess.Popen:
    handle = log.open("w")
    process = subprocess.Popen(
        command,
        cwd=app,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped whole at the end
    )
    handle.close()
    return process


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()


def _wait_for_port(port: int, process: subprocess.Popen, log: Path, timeout: float = 180):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the web service exited:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"the web service did not listen in time:\n{log.read_text()[-3000:]}")


def _health_check(port: int) -> subprocess.CompletedProcess:
    """The web service's compose health check, aimed at this port."""
    test = compose()["services"]["web"]["healthcheck"]["test"]
    kind, args = test[0], [arg.replace(":8000", f":{port}") for arg in test[1:]]
    if kind == "CMD-SHELL":
        args = ["sh", "-c", " ".join(args)]
    return subprocess.run(args, capture_output=True, text=True, timeout=30)


@pytest.mark.production
def test_the_image_build_and_the_compose_services_serve_signed_in_pages(tmp_path, fresh_database):
    app = tmp_path / "app"
    _copy_build_context(app)
    _run_build_steps(app)

    port = _free_port()
    queue = f"ims-prodpath-{WORKER_ID}-{uuid.uuid4().hex[:6]}"
    env = {
        **_base_environment(),
        **container_environment("web"),
        # The addresses of this machine instead of the compose network's:
        "DATABASE_URL": fresh_database,
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(tmp_path / "media"),
        "WEB_BIND": f"127.0.0.1:{port}",
        "WEB_WORKERS": "2",  # two cores shared with the rest of the suite
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "CACHE_KEY_PREFIX": queue,
    }
    assert env["DEBUG"] == "false" and "Manifest" in env["STATICFILES_BACKEND"]
    host = env["ALLOWED_HOSTS"].split(",")[0]
    password = "Prod-path-" + uuid.uuid4().hex

    web = _start(_command("web"), app=app, env=env, log=tmp_path / "web.log")
    worker = None
    try:
        _wait_for_port(port, web, tmp_path / "web.log")
        # The worker container has the same environment (the x-app anchor).
        assert container_environment("worker") == container_environment("web")
        worker = _start(_command("worker"), app=app, env=env, log=tmp_path / "worker.log")

        health = _health_check(port)
        assert health.returncode == 0, f"health check failed: {health.stderr}"
        assert health.stdout.strip() == "ok"

        client = Client(port, host)
        status, _headers, page = client.get("/login/")
        assert status == 200, page[-2000:]
        hashed = re.findall(rb'(/static/[^"\']+\.[0-9a-f]{12}\.(?:css|js))', page)
        assert hashed, "the login page names no hashed static file"
        status, headers, body = client.get(hashed[0].decode())
        assert status == 200 and body
        assert "immutable" in headers.get("Cache-Control", "")

        created = subprocess.run(
            [
                str(BIN / "python"),
                "manage.py",
                "createsuperuser",
                "--noinput",
                "--username",
                "prodcheck",
                "--email",
                "prodcheck@example.org",
            ],
            cwd=app,
            env={**env, "DJANGO_SUPERUSER_PASSWORD": password},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert created.returncode == 0, created.stderr

        status, headers, _ = client.post(
            "/login/",
            {
                "csrfmiddlewaretoken": _csrf_token(page),
                "username": "prodcheck",
                "password": password,
            },
        )
        assert status == 302, "signing in failed"
        status, _headers, home = client.get(headers["Location"])
        assert status == 200 and b"prodcheck" in home

        # The worker: the master list, built through Redis by the worker service.
        status, _headers, builds = client.get("/documents/manual/builds/")
        assert status == 200
        status, _headers, _ = client.post(
            "/documents/manual/builds/start/",
            {"csrfmiddlewaretoken": _csrf_token(builds), "kind": "master_list"},
            referer="/documents/manual/builds/",
        )
        assert status == 302
        deadline = time.monotonic() + 120
        download = None
        while download is None and time.monotonic() < deadline:
            status, _headers, builds = client.get("/documents/manual/builds/")
            found = re.search(rb'href="(/documents/manual/builds/\d+/download/)"', builds)
            download = found and html.unescape(found.group(1).decode())
            time.sleep(1)
        worker_log = (tmp_path / "worker.log").read_text()
        assert download, f"the worker built nothing:\n{worker_log[-3000:]}"
        status, headers, pdf = client.get(download)
        assert status == 200 and pdf.startswith(b"%PDF")
    finally:
        if worker is not None:
            _stop(worker)
        _stop(web)
        _forget_queue(queue)


def _forget_queue(queue: str) -> None:
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    keys = list(client.scan_iter(match=f"{queue}*", count=1000))
    if keys:
        client.delete(*keys)
