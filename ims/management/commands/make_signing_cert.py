import secrets
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from ims.models import Organisation
from ims.signing.certificates import make_demo_certificates


class Command(BaseCommand):
    help = (
        "Make a self-signed CA and a signing certificate (PKCS#12) for the demo and tests. "
        "Not for production: a real installation uses the certificate a licensed CA issued."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", default=str(Path(settings.VAR_DIR) / "signing"))
        parser.add_argument(
            "--organisation", help="the certificate's name (default: the organisation's)"
        )
        parser.add_argument("--password", help="the PKCS#12 password (default: a random one)")

    def handle(self, *args, out, organisation, password, **options):
        if not organisation:
            current = Organisation.current()
            organisation = current.name if current else "IMS"
        password = password or secrets.token_urlsafe(18)
        made = make_demo_certificates(Path(out), organisation=organisation, password=password)
        self.stdout.write(f"Made {made.pkcs12_path} (CA: {made.ca_path}). Set:")
        self.stdout.write(f"IMS_SIGNING_PKCS12_FILE={made.pkcs12_path.resolve()}")
        self.stdout.write(f"IMS_SIGNING_PKCS12_PASSWORD={password}")
        self.stdout.write(f"IMS_SIGNING_TRUST_ROOTS={made.ca_path.resolve()}")
