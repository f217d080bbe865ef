from django.core.management.base import BaseCommand
from django.db import transaction

from ims import demo
from ims.registry import demo_loaders


class Command(BaseCommand):
    help = (
        "Load a realistic provincial Department of Education and Training. "
        "Idempotent: running it again leaves the same data."
    )

    def handle(self, *args, **options):
        # Each app registers its loader in its hooks.py; they run in INSTALLED_APPS
        # order (documents before the objectives and audits that refer to them).
        for load in demo_loaders():
            with transaction.atomic():
                load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in with:"))
        for username, full_name, *_rest, roles in demo.ROLE_LOGINS:
            self.stdout.write(
                f"  {username:<12} {demo.DEMO_PASSWORD}   ({', '.join(roles)}; {full_name})"
            )
