"""Checking uploaded files by their content and size, and serving them back.

A file is judged by its bytes, never by its name or the browser's content type:
PDF, PNG, JPEG and GIF by their signature; .docx and .xlsx by the main part
that their ``[Content_Types].xml`` declares (and that part being there); CSV
only when the name says CSV and the text parses as CSV. Web pages, SVG images
and scripts are refused with a message of their own, whatever they are named.

Every upload is served back by :func:`serve_upload` with the type its content
was checked as (re-checked when served, so a file stored before a rule changed
is served as a download of unknown type, never as a page), as an attachment and
with ``X-Content-Type-Options: nosniff``.
"""

import csv
import io
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

KIND_LABELS = {
    "pdf": "PDF",
    "png": "PNG",
    "jpeg": "JPEG",
    "gif": "GIF",
    "docx": "Word (.docx)",
    "xlsx": "Excel (.xlsx)",
    "csv": "CSV",
}

_MAGIC = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
}
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
EXTENSIONS = {
    "pdf": (".pdf",),
    "png": (".png",),
    "jpeg": (".jpg", ".jpeg"),
    "gif": (".gif",),
    "docx": (".docx",),
    "xlsx": (".xlsx",),
    "csv": (".csv",),
}
# Office Open XML files are zip archives: the main part and the content type
# that [Content_Types].xml must declare for it (a macro-enabled .xlsm or .docm
# declares another type and is refused).
_OOXML_MAIN = {
    "docx": (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    ),
    "xlsx": (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    ),
}
_CONTENT_TYPES_MAX = 256 * 1024  # [Content_Types].xml is a few KB
# What a browser would run or render as a page: HTML, SVG, XML with markup, scripts.
_ACTIVE_NAMES = re.compile(r"\.(?:html?|xhtml|svgz?|xml|js|mjs|hta|php|x?sl)$", re.I)
_ACTIVE_CONTENT = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|\?xml|xsl)\b", re.I
)


def sniff(fileobj, name: str | None = None) -> str | None:
    """The kind of file ``fileobj`` really is, judged from its bytes, or None.

    ``name`` (the uploaded file's name, taken from ``fileobj.name`` when not
    given) matters only for CSV, which has no signature: text is CSV only when
    it is named ``.csv`` and parses as CSV.
    """
    if name is None:
        name = getattr(fileobj, "name", None)
    fileobj.seek(0)
    head = fileobj.read(16)
    fileobj.seek(0)
    for kind, signatures in _MAGIC.items():
        if head.startswith(signatures):
            return kind
    if head.startswith(b"PK\x03\x04"):
        return _ooxml_kind(fileobj)
    if _is_csv(fileobj, name):
        return "csv"
    return None


def _ooxml_kind(fileobj) -> str | None:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
            try:
                info = archive.getinfo("[Content_Types].xml")
            except KeyError:
                return None
            if info.file_size > _CONTENT_TYPES_MAX:
                return None
            declared = archive.read(info).decode("utf-8", "replace")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError):
        return None
    finally:
        fileobj.seek(0)
    for kind, (part, content_type) in _OOXML_MAIN.items():
        if part in names and f'ContentType="{content_type}"' in declared:
            return kind
    return None


def _is_csv(fileobj, name: str | None) -> bool:
    """UTF-8 text named ``.csv`` that parses as CSV and holds no markup.

    An object without a name (a file made in memory by the application) is
    judged by its content alone.
    """
    if name is not None and not str(name).lower().endswith(".csv"):
        return False
    data = fileobj.read()
    fileobj.seek(0)
    if b"\x00" in data or _ACTIVE_CONTENT.search(data):
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    try:
        rows = sum(1 for _row in csv.reader(io.StringIO(text), strict=True))
    except csv.Error:
        return False
    return rows > 0


def is_active_content(fileobj, name: str | None = None) -> bool:
    """A web page, an SVG image or a script (by name or by what the start of it holds)."""
    if name is None:
        name = getattr(fileobj, "name", None)
    if name and _ACTIVE_NAMES.search(str(name)):
        return True
    fileobj.seek(0)
    sample = fileobj.read(4096)
    fileobj.seek(0)
    return bool(_ACTIVE_CONTENT.search(sample))


def check_upload(fileobj, *, kinds: set[str], max_mb: int | None = None) -> str:
    """Return the file's kind, or raise ValidationError saying why it is refused."""
    limit = (max_mb or settings.IMS_MAX_UPLOAD_MB) * 1024 * 1024
    size = getattr(fileobj, "size", None)
    if size is not None and size > limit:
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit)d MB."),
            code="too_big",
            params={"size": size / 1024 / 1024, "limit": limit // 1024 // 1024},
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = sniff(fileobj)
    if kind not in kinds and is_active_content(fileobj):
        raise ValidationError(
            _(
                "Web pages, SVG images and scripts are not accepted, whatever their name. "
                "Accepted: %(expected)s."
            ),
            code="active_content",
            params={"expected": ", ".join(sorted(KIND_LABELS[k] for k in kinds))},
        )
    if kind not in kinds:
        expected = ", ".join(sorted(KIND_LABELS[k] for k in kinds))
        raise ValidationError(
            _("This file's content is not one of the accepted kinds (%(expected)s)."),
            code="bad_kind",
            params={"expected": expected},
        )
    return kind


@deconstructible
class FileCheck:
    """Model/form field validator wrapping :func:`check_upload`."""

    def __init__(self, *, kinds: set[str], max_mb: int | None = None):
        self.kinds = set(kinds)
        self.max_mb = max_mb

    def __call__(self, value):
        fileobj = getattr(value, "file", value)
        # A file already stored (not a new upload) was checked when it came in.
        if getattr(value, "_committed", False) and not hasattr(value, "content_type"):
            return
        check_upload(fileobj, kinds=self.kinds, max_mb=self.max_mb)

    def __eq__(self, other):
        return (
            isinstance(other, FileCheck)
            and self.kinds == other.kinds
            and self.max_mb == other.max_mb
        )


def serve_upload(fieldfile, *, filename: str, kinds: set[str], as_attachment: bool = True):
    """A response serving a stored upload with the type its content is checked as.

    The content is judged again (it costs a few bytes read), so a file stored
    before the rules were tightened is served as ``application/octet-stream``
    when it is not one of ``kinds``. Always ``nosniff``.
    """
    from django.http import FileResponse

    handle = fieldfile.open("rb")
    kind = sniff(handle, name=filename)
    content_type = CONTENT_TYPES[kind] if kind in kinds else "application/octet-stream"
    # The name a download is saved under ends as its content is: a PDF named
    # "x.html" would otherwise open as a page from the reader's disk.
    extensions = EXTENSIONS.get(kind, ()) if kind in kinds else ()
    if not filename.lower().endswith(extensions or (".bin",)):
        filename += extensions[0] if extensions else ".bin"
    response = FileResponse(
        handle, as_attachment=as_attachment, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


IMAGE_MAX_MB = 5
IMAGE_MAX_PIXELS = 25_000_000  # e.g. 5000 × 5000: a flow chart, not a bomb


def check_image(
    fileobj, *, max_mb: int = IMAGE_MAX_MB, max_pixels: int = IMAGE_MAX_PIXELS
) -> tuple[str, int, int]:
    """A PNG or JPEG that Pillow reads whole: ``(kind, width, height)``, else ValidationError.

    The signature is checked first (:func:`check_upload`), then the pixel count
    from the header (before any decoding, so a small file that would decode to a
    huge image is refused cheaply), then Pillow verifies the whole file.
    """
    from PIL import Image, UnidentifiedImageError

    kind = check_upload(fileobj, kinds={"png", "jpeg"}, max_mb=max_mb)
    unreadable = ValidationError(
        _("This image could not be read: it is damaged or not really a PNG or JPEG."),
        code="bad_image",
    )
    try:
        fileobj.seek(0)
        with Image.open(fileobj) as image:
            width, height = image.size
            if image.format != {"png": "PNG", "jpeg": "JPEG"}[kind]:
                raise unreadable
            if width * height > max_pixels:
                raise ValidationError(
                    _(
                        "The image is %(width)d × %(height)d pixels; "
                        "the limit is %(limit)d million."
                    ),
                    code="too_many_pixels",
                    params={"width": width, "height": height, "limit": max_pixels // 1_000_000},
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise unreadable from None
    finally:
        fileobj.seek(0)
    return kind, width, height
