#!/usr/bin/env bash
# Quick start: install, migrate, load the demo organisation and serve IMS on
# http://127.0.0.1:8000 with the embedded default (SQLite, tasks in-process).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py load_demo
echo
echo "IMS is at http://127.0.0.1:8000  (Ctrl+C to stop)"
exec .venv/bin/python manage.py runserver 127.0.0.1:8000
