from celery import current_app
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run every scheduled task (reminders and the like) once, now, in this process. "
        "For installations without Redis and beat; beat does this on its own schedule."
    )

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="only these schedule entries")

    def handle(self, *args, names, **options):
        schedule = settings.CELERY_BEAT_SCHEDULE
        unknown = set(names) - set(schedule)
        if unknown:
            self.stderr.write(f"Unknown schedule entries: {', '.join(sorted(unknown))}")
            raise SystemExit(2)
        current_app.loader.import_default_modules()  # every app's tasks module
        for name, entry in schedule.items():
            if names and name not in names:
                continue
            task = current_app.tasks[entry["task"]]
            result = task.apply(args=entry.get("args", ()), kwargs=entry.get("kwargs", {}))
            self.stdout.write(f"{name}: {result.result!r}")
