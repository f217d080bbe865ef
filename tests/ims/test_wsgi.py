"""What gunicorn loads (``ims.wsgi``): every app's views imported at start-up and what
start-up made kept out of the garbage collector's full passes (bench/context.py shows
why)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, sys
import ims.wsgi
apps = {'documents', 'context', 'risks', 'competence', 'records', 'surveys'}
views = sorted(m for m in sys.modules if m.count('.') == 1 and m.endswith('.views')
               and m.split('.')[0] in apps)
print(gc.get_freeze_count(), ' '.join(views))
"""


def test_the_wsgi_application_imports_every_view_and_freezes_its_start_up():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ims.settings",
        "DATABASE_URL": "sqlite:///:memory:",
        "REDIS_URL": "",
    }
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    frozen, views = int(out[0]), out[1:]
    assert frozen > 50_000  # the modules, models and URL patterns of start-up
    assert views == [
        "competence.views",
        "context.views",
        "documents.views",
        "records.views",
        "risks.views",
        "surveys.views",
    ]
