"""PAdES signatures on the PDFs IMS issues (pyHanko), behind one small interface.

``sign_pdf(data, ...)`` signs PDF bytes with the organisation's certificate and
returns the signed bytes, or the same bytes when no certificate is configured
(``is_configured()`` says which), so that the demo runs without one. The
signature is PAdES B-B, or B-T when ``IMS_SIGNING_TSA_URL`` names a time-stamp
server, with a visible block in the style of Decree 30/2020 Appendix I at the
top right of the first page: the organisation, the signer and the signing time
with its offset (+07:00).

Where the key lives is a backend (``backends.py``): a PKCS#12 file, or a PKCS#11
token (the USB tokens of Vietnamese CAs, an HSM). A remote signing service fits
the same interface through pyHanko's interrupted signing (see the README).
Nothing here writes cryptography of its own: pyHanko builds and checks the CMS
signature, ``cryptography`` makes the demo certificates.

What the PDF is (an edition, a manual) is written into the signed revision's
metadata as one keyword (``ims:edition:<code>:<number>``, ``ims:manual:<n>``),
which verification (``verify.py``) reads back once the signature holds.
"""

import asyncio
import concurrent.futures
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from ims.signing.backends import (  # noqa: F401  (Subject: part of this package's interface)
    Backend,
    SigningError,
    Subject,
    configured_backend,
)

__all__ = [
    "Backend",
    "SigningError",
    "Subject",
    "configured_backend",
    "edition_keyword",
    "is_configured",
    "manual_keyword",
    "sign_pdf",
    "signing_identity",
]

# Where the visible block goes on the first page (PDF points, A4 portrait): in the
# top margin (22 mm), right-aligned with the text (right margin 18 mm), as Decree
# 30/2020 places the organisation's signature "at the top right of the first page".
A4_WIDTH, A4_HEIGHT = 595.28, 841.89
BLOCK_WIDTH, BLOCK_HEIGHT = 215, 44
RIGHT_MARGIN = 51.0
TOP_GAP = 8.0
FONT_FILE = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
# What the visible block may print: Latin with the Vietnamese letters, and punctuation.
BLOCK_CHARACTERS = [
    *range(0x20, 0x7F),
    *range(0xA0, 0x250),
    *range(0x300, 0x370),
    *range(0x1EA0, 0x1F00),
    *range(0x2010, 0x2027),
]
# Room for the signature container (hex digits): an RSA-4096 signature with a chain
# of four certificates fits; with a time-stamp token, twice that. Reserving it
# saves pyHanko a trial signature (a second PIN operation on a token, a second
# request to the time-stamp server).
RESERVED = 24576
RESERVED_WITH_TIMESTAMP = 49152
FIELD_NAME = "IMS-Signature"
KEYWORD_PREFIX = "ims:"


def edition_keyword(code: str, number: int) -> str:
    return f"{KEYWORD_PREFIX}edition:{code}:{number}"


def manual_keyword(edition: int) -> str:
    return f"{KEYWORD_PREFIX}manual:{edition}"


def is_configured() -> bool:
    return configured_backend() is not None


def signing_identity() -> str:
    """The SHA-256 of the signing certificate, or "" when PDFs are issued unsigned.

    Part of what a cached signed PDF was made with: another certificate re-signs it.
    """
    backend = configured_backend()
    return backend.fingerprint() if backend is not None else ""


def block_font() -> Path:
    """Liberation Serif cut down to :data:`BLOCK_CHARACTERS`, made once per installation.

    pyHanko embeds the subset of the font a block prints; cutting the font from
    2,600 glyphs to 500 first makes each signature cheaper by most of its time.
    """
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    target = Path(settings.VAR_DIR) / "signing" / "block-font-2.ttf"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.drop_tables += ["FFTM", "DSIG"]
    options.notdef_outline = True
    font = TTFont(FONT_FILE)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=BLOCK_CHARACTERS)
    subsetter.subset(font)
    # pyHanko writes the glyph widths (/W) in font units, which PDF reads as
    # thousandths of an em: a font of 2,048 units per em printed every letter
    # followed by a gap its own width. At 1,000 units per em both agree.
    scale_upem(font, 1000)
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    font.save(str(partial))
    partial.replace(target)  # atomic: another process may be making it too
    return target


def _stamp_style():
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    class Decree30Style(TextStampStyle):
        """The time printed as ``dd/mm/yyyy hh:mm:ss +07:00`` (strftime has no ``%:z``
        before Python 3.12)."""

        def create_stamp(self, writer, box, text_params):
            text_params = dict(text_params)
            text_params["ts"] = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", text_params["ts"])
            return super().create_stamp(writer, box, text_params)

    with translation.override(settings.LANGUAGE_CODE):
        text = "\n".join(
            [
                _("Signed by: %(signer)s"),
                _("Organisation: %(org)s"),
                _("Signing time: %(ts)s"),
            ]
        )
    blue = (0.0, 0.13, 0.55)
    return Decree30Style(
        stamp_text=text,
        timestamp_format="%d/%m/%Y %H:%M:%S %z",
        border_width=1,
        border_color=blue,
        background=None,
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(str(block_font()), font_size=8),
            font_size=8,
            leading=10,
            text_color=blue,
        ),
    )


_style = None


def preload() -> bool:
    """Import pyHanko's signing code and load the block's font now, when PDFs are signed.

    The first signature in a process otherwise pays for them: about 0.8 s of CPU
    on an idle core (imports of pyHanko, aiohttp and fontTools, the font), against
    60 ms for every signature after it. A Celery worker calls this in its main
    process before it forks its pool (``ims.celery``), so that the merge of a
    manual never pays it, whichever worker process runs it. The key itself is not
    opened here: a token's session must not be shared by forked processes.
    False when nothing is signed (nothing loaded).
    """
    from ims.signing.backends import _config

    if _config()[0] == "none":
        return False
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter  # noqa: F401
    from pyhanko.sign import fields, signers  # noqa: F401
    from pyhanko.sign.fields import SigSeedSubFilter  # noqa: F401
    from pyhanko.sign.timestamps import HTTPTimeStamper  # noqa: F401

    stamp_style()
    return True


def stamp_style():
    """One style per process: loading the font is the costly part of a stamp."""
    global _style
    if _style is None:
        _style = _stamp_style()
    return _style


def sign_pdf(data: bytes, *, reason: str, keyword: str, organisation: str = "") -> bytes:
    """Sign ``data`` (a whole PDF) with the configured certificate; unchanged if none.

    ``keyword`` (see :func:`edition_keyword`) says what the PDF is, ``reason`` says it
    to a person (the signature's /Reason), ``organisation`` is printed in the visible
    block (default: the certificate's organisation). Raises :class:`SigningError`.
    """
    backend = configured_backend()
    if backend is None:
        return data
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.timestamps import HTTPTimeStamper

    subject = backend.subject()
    tsa = settings.IMS_SIGNING_TSA_URL
    timestamper = HTTPTimeStamper(tsa) if tsa else None
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        name=subject.common_name or None,
        location=organisation or subject.organisation or None,
    )
    try:
        return outside_event_loop(
            lambda: _sign(data, backend, meta, timestamper, keyword, organisation, subject)
        )
    except SigningError:
        raise
    except Exception as error:  # pyHanko, the token and the TSA raise many kinds
        raise SigningError(f"{type(error).__name__}: {error}") from error


def outside_event_loop(call):
    """``call()``, in a thread of its own when this one runs an asyncio loop.

    pyHanko's synchronous API runs its coroutines with ``asyncio.run``, which refuses
    to start inside a running loop (an async view, a test driving a browser).
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return call()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


def _sign(data, backend, meta, timestamper, keyword, organisation, subject) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    x2 = A4_WIDTH - RIGHT_MARGIN
    y2 = A4_HEIGHT - TOP_GAP
    box = (x2 - BLOCK_WIDTH, y2 - BLOCK_HEIGHT, x2, y2)
    writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
    writer.document_meta.keywords = [keyword]
    with backend.signer() as signer:
        pdf_signer = signers.PdfSigner(
            meta,
            signer=signer,
            timestamper=timestamper,
            stamp_style=stamp_style(),
            new_field_spec=fields.SigFieldSpec(FIELD_NAME, on_page=0, box=box),
        )
        out = pdf_signer.sign_pdf(
            writer,
            bytes_reserved=RESERVED_WITH_TIMESTAMP if timestamper else RESERVED,
            appearance_text_params={
                "org": organisation or subject.organisation or subject.common_name
            },
        )
    return out.getvalue()


@dataclass(frozen=True)
class Status:
    """What a page says about signing: configured or not, with whose certificate."""

    configured: bool
    subject: Subject | None = None
    valid_until: object = None
    backend: str = ""
    error: str = ""


def status() -> Status:
    try:
        backend = configured_backend()
    except SigningError as error:
        return Status(configured=False, error=str(error))
    if backend is None:
        return Status(configured=False)
    try:
        certificate = backend.certificate()
    except SigningError as error:
        return Status(configured=False, backend=backend.name, error=str(error))
    return Status(
        configured=True,
        subject=backend.subject(),
        valid_until=certificate.not_valid_after,
        backend=backend.name,
    )
