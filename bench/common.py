"""What the benchmarks share: the machine's load, production-like settings and a
PostgreSQL database of their own (``<name of DATABASE_URL>_bench``)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent


def loadavg() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (cores: {os.cpu_count()})"


def bench_env(default_database: str, **settings: str) -> dict:
    """The environment of a benchmark run: production settings (DEBUG off) on the
    ``_bench`` twin of ``DATABASE_URL`` (default ``default_database``), plus ``settings``."""
    base = os.environ.get("DATABASE_URL", default_database)
    if not base.startswith("postgres"):
        sys.exit("DATABASE_URL must point at PostgreSQL")
    url = urlparse(base)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ims.settings",
        "DATABASE_URL": url._replace(path=url.path.rstrip("/") + "_bench").geturl(),
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", secrets.token_urlsafe(50)),
        "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "HTTPS": "false",
        "DB_CONN_MAX_AGE": "600",
        **settings,
    }


def ensure_database(env: dict, *, reload: bool = False) -> None:
    """Create the bench database if it is missing (afresh with ``reload``) and migrate it."""
    import psycopg

    url = urlparse(env["DATABASE_URL"])
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("select 1 from pg_database where datname = %s", [name]).fetchone()
        if exists and reload:
            conn.execute(f'drop database "{name}" with (force)')
            exists = None
        if not exists:
            conn.execute(f'create database "{name}"')
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def start_like_production() -> None:
    """Set Django up the way gunicorn starts it: through ``ims.wsgi``, which imports
    every view and takes what start-up made out of the garbage collector's full passes
    (see ``ims/wsgi.py``). Pages timed after this pay what a production worker pays."""
    import ims.wsgi  # noqa: F401
