"""Import a whole document set from Word: ``import_manual PATH [--dry-run] [--json]``.

PATH is a folder or a .zip of .docx files (and optionally the master list,
.xlsx or CSV). Each file becomes a document with its edition effective, all or
nothing per file; the report says what went where.
"""

import json

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from documents.wordio import batch
from documents.wordio.reader import WordReadError


class Command(BaseCommand):
    help = "Import a folder or .zip of Word procedures, each as an effective edition."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a folder or a .zip of .docx files")
        parser.add_argument("--dry-run", action="store_true", help="read and report, save nothing")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")
        parser.add_argument(
            "--user", default="", help="who imports (a username; default: the first superuser)"
        )

    def handle(self, *args, path, dry_run, json: bool, user, **options):
        actor = self._actor(user) if not dry_run else None
        try:
            plans = batch.read_set(path)
        except (WordReadError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if not dry_run:
            batch.import_plans(actor=actor, plans=plans, attach=batch.default_attach())
        reports = [p.report() for p in plans]
        if json:
            self.stdout.write(_dumps({"files": reports}))
            return
        for plan, report in zip(plans, reports, strict=True):
            state = _("error") if plan.errors else _("read") if dry_run else _("imported")
            self.stdout.write(
                f"{report['file']}: {state} · {report['code']} · "
                + _("edition %(n)s · %(steps)d steps · %(records)d records · %(images)d images")
                % {
                    "n": report["edition"],
                    "steps": report["steps"],
                    "records": report["records"],
                    "images": report["images"],
                }
            )
            for line in plan.errors + report["warnings"]:
                self.stdout.write(f"  - {line}")
        failed = sum(1 for p in plans if p.errors)
        self.stdout.write(
            _("%(ok)d of %(total)d files without error.")
            % {"ok": len(plans) - failed, "total": len(plans)}
        )

    def _actor(self, username: str):
        users = get_user_model().objects.filter(is_active=True)
        actor = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("pk").first()
        )
        if actor is None:
            raise CommandError(
                _("No user “%(name)s”.") % {"name": username}
                if username
                else _("No superuser to import as: name one with --user.")
            )
        return actor


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
