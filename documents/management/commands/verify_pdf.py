from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from documents.printing.verification import verify_document_pdf


class Command(BaseCommand):
    help = (
        "Whether a PDF is a genuine, unaltered IMS document: which edition or manual, "
        "who signed it and when. Exits 0 when genuine, 1 otherwise."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--details", action="store_true", help="pyHanko's full report")

    def handle(self, *args, file, details, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        result = verify_document_pdf(path.read_bytes())
        v = result.verification
        self.stdout.write(f"{v.verdict}: {v.message}")
        if result.revision is not None:
            r = result.revision
            self.stdout.write(
                f"edition: {r.document.code} {r.document.title}, edition {r.number} "
                f"({r.get_state_display()})"
            )
        elif result.build is not None:
            self.stdout.write(f"manual: edition {result.build.edition}")
        elif v.is_genuine:
            self.stdout.write("document: not in this register")
        if v.signer:
            self.stdout.write(f"signed by: {v.signer}")
        if v.signed_at:
            when = timezone.localtime(v.signed_at).isoformat(timespec="seconds")
            how = "time-stamped" if v.timestamped else "as stated by the signer"
            self.stdout.write(f"signed at: {when} ({how})")
        if v.reason:
            self.stdout.write(f"reason: {v.reason}")
        if details:
            for text in v.details:
                self.stdout.write(text)
        if not v.is_genuine:
            raise SystemExit(1)
