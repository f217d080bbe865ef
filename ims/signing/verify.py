"""Is this PDF a genuine, unaltered document signed by IMS? (pyHanko's validator)

``verify_pdf(data)`` reads the last signature of a PDF and answers with a
:class:`Verification`: the verdict, who signed and when, and what the PDF says
it is (the ``ims:...`` keyword written at signing, trusted only when the
signature covers the whole file). The certificate must chain to the configured
trust roots (``IMS_SIGNING_TRUST_ROOTS``, or the self-signed certificates of the
configured signer's chain).
"""

import io
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ims.signing import Subject, outside_event_loop
from ims.signing.backends import SigningError, configured_backend, subject_of

log = logging.getLogger(__name__)

GENUINE = "genuine"
ALTERED = "altered"
UNTRUSTED = "untrusted"
UNSIGNED = "unsigned"
UNREADABLE = "unreadable"

VERDICTS = {
    GENUINE: _("Genuine: signed by the organisation's certificate and not changed since."),
    ALTERED: _("Altered: the file was changed after it was signed. Do not rely on it."),
    UNTRUSTED: _(
        "Signed, but not with a certificate this installation trusts: "
        "it is not an IMS document of this organisation."
    ),
    UNSIGNED: _("Not signed: this PDF carries no digital signature."),
    UNREADABLE: _("Not a readable PDF: the file is damaged or is not a PDF."),
}

EDITION = re.compile(r"ims:edition:(?P<code>[^\s,]+):(?P<number>\d+)")
MANUAL = re.compile(r"ims:manual:(?P<edition>\d+)")


@dataclass
class Verification:
    verdict: str
    signer: Subject | None = None
    signed_at: datetime | None = None
    timestamped: bool = False
    reason: str = ""
    code: str = ""
    number: int | None = None
    manual_edition: int | None = None
    details: list[str] = field(default_factory=list)

    @property
    def is_genuine(self) -> bool:
        return self.verdict == GENUINE

    @property
    def message(self) -> str:
        return str(VERDICTS[self.verdict])


def _load_certificates(path: str) -> list:
    from asn1crypto import pem, x509

    data = Path(path).read_bytes()
    if pem.detect(data):
        return [x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(data, True)]
    return [x509.Certificate.load(data)]


def trust_roots() -> list:
    """The certificates a genuine signature must chain to."""
    if settings.IMS_SIGNING_TRUST_ROOTS:
        roots = []
        for path in settings.IMS_SIGNING_TRUST_ROOTS:
            try:
                roots += _load_certificates(path)
            except (OSError, ValueError) as error:
                raise SigningError(f"IMS_SIGNING_TRUST_ROOTS: {path}: {error}") from error
        return roots
    backend = configured_backend()
    return backend.trust_roots() if backend is not None else []


def _keyword(reader) -> str:
    info = reader.trailer_view.get("/Info")
    if info is None:
        return ""
    return str(info.get_object().get("/Keywords", ""))


def verify_pdf(data: bytes) -> Verification:
    """The verdict on ``data``; never raises for a bad file (that is a verdict too)."""
    return outside_event_loop(lambda: _verify(data))


def _verify(data: bytes) -> Verification:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_regular_signatures
    except Exception as error:
        return Verification(UNREADABLE, details=[f"{type(error).__name__}: {error}"])
    if not signatures:
        return Verification(UNSIGNED)
    signature = signatures[-1]
    context = ValidationContext(
        trust_roots=trust_roots(), allow_fetching=settings.IMS_SIGNING_VERIFY_FETCH
    )
    try:
        status = validate_pdf_signature(
            signature, signer_validation_context=context, ts_validation_context=context
        )
    except Exception as error:  # a damaged signature container or signed range
        log.info("signature validation failed: %s", error)
        return Verification(ALTERED, details=[f"{type(error).__name__}: {error}"])
    sig_object = signature.sig_object
    result = Verification(
        verdict=GENUINE,
        signer=subject_of(status.signing_cert),
        signed_at=status.signer_reported_dt,
        timestamped=status.timestamp_validity is not None,
        reason=str(sig_object.get("/Reason", "")),
        details=[status.pretty_print_details()],
    )
    if status.timestamp_validity is not None:
        result.signed_at = status.timestamp_validity.timestamp
    whole_file = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    if not (status.intact and status.valid and whole_file and status.docmdp_ok is not False):
        result.verdict = ALTERED
        result.reason = ""  # what an altered file says it is, is not repeated
        return result
    if not status.trusted:
        result.verdict = UNTRUSTED
        return result
    keyword = _keyword(reader)
    if match := EDITION.search(keyword):
        result.code = match["code"]
        result.number = int(match["number"])
    elif match := MANUAL.search(keyword):
        result.manual_edition = int(match["edition"])
    return result
