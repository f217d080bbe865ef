"""The Celery application.

Without ``REDIS_URL`` tasks run in-process (``task_always_eager``); with it they go
through Redis to a worker, and beat runs ``CELERY_BEAT_SCHEDULE`` (see settings).
"""

import os

from celery import Celery
from celery.signals import worker_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ims.settings")

app = Celery("ims")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def _preload_signing(**_kwargs) -> None:
    """Load the signing code once in the worker's main process, before its pool forks:
    every worker process then signs its first manual as fast as its next one."""
    from ims import signing

    try:
        signing.preload()
    except Exception:  # a broken certificate shows at the first build, with its message
        import logging

        logging.getLogger(__name__).exception("preloading the signing code failed")
