import importlib

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from ims import demo


class Command(BaseCommand):
    help = (
        "Load a realistic provincial Department of Education and Training. "
        "Idempotent: running it again leaves the same data."
    )

    def handle(self, *args, **options):
        # Each app may ship ``<app>/demo.py`` with ``load(stdout)``; order matters
        # (documents before the objectives and audits that refer to them).
        for app in ["ims", *settings.WORKING_APPS]:
            try:
                module = importlib.import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in with:"))
        for username, full_name, *_rest, roles in demo.ROLE_LOGINS:
            self.stdout.write(
                f"  {username:<12} {demo.DEMO_PASSWORD}   ({', '.join(roles)}; {full_name})"
            )
