#!/usr/bin/env bash
# The whole test suite, on the real services: installs what is missing
# (PostgreSQL, Redis, Chromium included), starts the servers that are not
# running, then runs lint, the migrations check, the import-cycle check and pytest.
# Extra arguments go to pytest, e.g. scripts/test.sh tests/ims -k login
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }

# PostgreSQL on 127.0.0.1:5432
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  log "Starting PostgreSQL"
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$version" ]; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  fi
fi
if [ -z "${DATABASE_URL:-}" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if psql -h 127.0.0.1 -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    export DATABASE_URL="postgres://postgres@127.0.0.1:5432/ims"
  else
    # A stock Debian server asks for a password over TCP: use a role of our own.
    as_postgres psql -qc "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='ims') THEN CREATE ROLE ims LOGIN CREATEDB PASSWORD 'ims'; END IF; END\$\$;" >/dev/null 2>&1 || true
    export DATABASE_URL="postgres://ims:ims@127.0.0.1:5432/ims"
  fi
fi

# Redis on 127.0.0.1:6379
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  if command -v redis-server >/dev/null; then
    log "Starting Redis"
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
    sleep 0.5
  fi
fi
if [ -z "${REDIS_URL:-}" ] && (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  export REDIS_URL="redis://127.0.0.1:6379/0"
fi

log "Database: ${DATABASE_URL:-SQLite (PostgreSQL not available)}"
log "Broker:   ${REDIS_URL:-in-process tasks (Redis not available)}"

log "Lint (ruff)"
.venv/bin/ruff check .
log "Migrations are complete"
DATABASE_URL="sqlite://:memory:" .venv/bin/python manage.py makemigrations --check --dry-run >/dev/null || {
  echo "Models changed without a migration: run manage.py makemigrations" >&2; exit 1; }

log "Import cycles (and files over 500 lines)"
.venv/bin/python scripts/import_cycles.py

log "Tests"
workers="${IMS_TEST_WORKERS:-auto}"
exec .venv/bin/pytest -n "$workers" "$@"
