"""Benchmark: what PAdES signing adds to an edition's PDF and to the manual.

    DATABASE_URL=postgres://… .venv/bin/python bench/signing.py [--editions 40]

Uses the effective editions of the database (the demo: ``manage.py load_demo``),
renders their PDFs unsigned, then signs each with a demo certificate made for the
run (PKCS#12, ``ims.signing.certificates``) and prints, per edition, the wall and
CPU milliseconds signing added (median, 90th percentile, mean) and the bytes it
added; then joins every edition into one book the size of the manual, signs it
once and verifies it, as a manual build does after its merge.

Target (issue 20): at most 100 ms per edition PDF. The CPU figure is what a
signature costs on an idle core; wall time grows with the machine's load, which
is printed beside it.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ims.settings")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="ims-bench-signing-")
CERTS = Path(tempfile.mkdtemp(prefix="ims-bench-certs-"))
os.environ["IMS_SIGNING_PKCS12_FILE"] = str(CERTS / "signer.p12")
os.environ["IMS_SIGNING_PKCS12_PASSWORD"] = "bench"
os.environ["IMS_SIGNING_TRUST_ROOTS"] = str(CERTS / "ca.pem")

import django  # noqa: E402

django.setup()

from bench.common import loadavg  # noqa: E402


def timed(call):
    wall, cpu = time.perf_counter(), time.process_time()
    result = call()
    return result, (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def figures(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.9))]
    median, mean = statistics.median(ordered), statistics.mean(ordered)
    return f"median {median:.0f}, p90 {p90:.0f}, mean {mean:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--editions", type=int, default=40, help="editions to sign (default 40)")
    args = parser.parse_args()

    from pypdf import PdfReader, PdfWriter

    from documents.models import Revision
    from documents.printing import editions, manual
    from ims import signing
    from ims.models import Organisation
    from ims.signing.certificates import make_demo_certificates
    from ims.signing.verify import verify_pdf

    organisation = Organisation.current()
    name = organisation.name if organisation else "IMS"
    make_demo_certificates(CERTS, organisation=name, password="bench")
    revisions = manual.manual_editions()
    if not revisions:
        sys.exit("No effective editions: load the demo first (manage.py load_demo).")
    print(f"Signing benchmark: {len(revisions)} effective editions, load average {loadavg()}")
    unsigned = {}
    for revision in editions.with_content(
        Revision.objects.filter(pk__in=[r.pk for r in revisions])
    ):
        with editions.cached_edition_pdf(revision, organisation=organisation).file.open("rb") as f:
            unsigned[revision.pk] = (revision, f.read())
    # The first signature loads the key and lays out the font subset once per process.
    first = next(iter(unsigned.values()))
    _, first_wall, _ = timed(lambda: signing.sign_pdf(first[1], reason="x", keyword="x"))
    walls, cpus, added, pages = [], [], [], []
    for revision, data in list(unsigned.values())[: args.editions]:
        signed, wall, cpu = timed(
            lambda revision=revision, data=data: signing.sign_pdf(
                data,
                reason=editions.signing_reason(revision),
                keyword=signing.edition_keyword(revision.document.code, revision.number),
                organisation=name,
            )
        )
        walls.append(wall)
        cpus.append(cpu)
        added.append(len(signed) - len(data))
        pages.append(len(PdfReader(io.BytesIO(data)).pages))
    print(
        f"  per edition ({len(walls)} editions, {min(pages)}–{max(pages)} pages, "
        f"first signature of the process {first_wall:.0f} ms wall):"
    )
    print(f"    wall ms: {figures(walls)}")
    print(f"    CPU ms:  {figures(cpus)}   (target: ≤ 100 ms)")
    print(f"    bytes added: {figures(added)}")

    writer = PdfWriter()
    for _revision, data in unsigned.values():
        writer.append(PdfReader(io.BytesIO(data)), import_outline=False)
    book = io.BytesIO()
    writer.write(book)
    book = book.getvalue()
    signed, wall, cpu = timed(lambda: signing.sign_pdf(book, reason="x", keyword="ims:manual:1"))
    result, vwall, vcpu = timed(lambda: verify_pdf(signed))
    print(
        f"  the whole book ({len(writer.pages)} pages, {len(book) / 2**20:.1f} MiB): "
        f"signed in {wall:.0f} ms wall / {cpu:.0f} ms CPU, "
        f"verified ({result.verdict}) in {vwall:.0f} ms wall / {vcpu:.0f} ms CPU"
    )
    print(f"load average after: {loadavg()}")


if __name__ == "__main__":
    main()
