"""An uploaded set of Word files, kept between its preview and its confirmation.

The archive is checked (a zip, within the upload limit), stored under
``VAR_DIR/word-import/`` by a random token (never by the name it came with) and
read again on confirmation. Archives left unconfirmed are removed after a day.
"""

import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from documents.wordio import batch
from documents.wordio.reader import WordReadError, read_word

KEEP_SECONDS = 24 * 3600


def _folder() -> Path:
    folder = Path(settings.VAR_DIR) / "word-import"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(token: str) -> Path:
    if not token or not token.isalnum():
        raise ValidationError(_("The preview has expired; upload the file again."))
    return _folder() / f"{token}.zip"


def keep_archive(upload) -> str:
    """Check and store an uploaded .zip; its token. ValidationError says why it is refused."""
    limit = settings.IMS_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size).1f MB; the limit is %(limit)d MB.")
            % {"size": upload.size / 1024 / 1024, "limit": settings.IMS_MAX_UPLOAD_MB}
        )
    upload.seek(0)
    if upload.read(4) != b"PK\x03\x04":
        raise ValidationError(_("This file is not a .zip archive of Word files."))
    upload.seek(0)
    now = time.time()
    for old in _folder().glob("*.zip"):
        if now - old.stat().st_mtime > KEEP_SECONDS:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    with _path(token).open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return token


def read_kept(token: str) -> list:
    """The plans of a kept archive (see :func:`documents.wordio.batch.read_set`)."""
    path = _path(token)
    if not path.exists():
        raise ValidationError(_("The preview has expired; upload the file again."))
    try:
        return batch.read_set(path)
    except WordReadError as exc:
        raise ValidationError(str(exc)) from exc


def forget(token: str) -> None:
    _path(token).unlink(missing_ok=True)


def read_one(upload, *, kind: str):
    """One uploaded Word file, checked by its content and read as a document of ``kind``."""
    from ims.uploads import check_upload

    check_upload(upload, kinds={"docx"})
    try:
        return read_word(upload, name=upload.name, kind=kind)
    except WordReadError as exc:
        raise ValidationError(str(exc)) from exc
