"""The Celery application.

Without ``REDIS_URL`` tasks run in-process (``task_always_eager``); with it they go
through Redis to a worker, and beat runs ``CELERY_BEAT_SCHEDULE`` (see settings).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ims.settings")

app = Celery("ims")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
