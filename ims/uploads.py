"""Checking uploaded files by their content and size, never by their name."""

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
# Office Open XML files are zip archives; the part that tells them apart.
_OOXML_MARKER = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


def sniff(fileobj) -> str | None:
    """The kind of file ``fileobj`` really is, judged from its bytes, or None."""
    fileobj.seek(0)
    head = fileobj.read(16)
    fileobj.seek(0)
    for kind, signatures in _MAGIC.items():
        if head.startswith(signatures):
            return kind
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            fileobj.seek(0)
        for kind, marker in _OOXML_MARKER.items():
            if marker in names:
                return kind
        return None
    if _looks_like_text(fileobj):
        return "csv"
    return None


def _looks_like_text(fileobj) -> bool:
    sample = fileobj.read(4096)
    fileobj.seek(0)
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut at the end of the sample is still text.
        return exc.start >= len(sample) - 3
    return True


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
