"""Limits on an uploaded file that is parsed, checked before and while it is parsed.

A few megabytes of .xlsx or .docx can unzip to gigabytes of valid XML, and the
parsers build Python objects for all of it: a 4 MB master list of 1.1 GiB of rows
ran 17 minutes and grew the web process to 4.3 GB. So, before any parser runs:

* :func:`check_zip` reads the zip's directory only (``infolist``, nothing is
  extracted) and refuses too many entries, a part whose declared uncompressed size
  is too large, a total too large, or a part compressed beyond a sane ratio.
  The declared sizes can be trusted as upper bounds: Python's ``zipfile``, which
  openpyxl and mammoth read through, never yields more than a member declares
  (and fails its CRC check when the data was longer);
* :func:`check_docx` also streams ``word/document.xml`` once, clearing each
  element as it goes, and stops at the cap on paragraphs, characters or elements
  (mammoth holds about 700 bytes per element: 10 MiB of formatted runs took it to
  760 MiB);
* :func:`capped_rows` stops reading a table at its row cap (5,000 by default).

Each refusal is a ValidationError in the user's language; the caller saves nothing.
The caps are settings (``IMS_IMPORT_*``, see ``ims/settings.py``).
"""

import zipfile
from collections.abc import Iterable, Iterator
from xml.etree.ElementTree import XMLPullParser

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MIB = 1024 * 1024
W_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The parts that hold the content; every other XML part (styles, numbering,
# relationships…) is small in a real file and gets the smaller cap.
_CONTENT_PARTS = ("word/document.xml", "xl/sharedStrings.xml", "xl/worksheets/")
_PARSED_SUFFIXES = (".xml", ".rels")
_SMALL_ENOUGH_TO_IGNORE_RATIO = MIB


def _too_big(what: str) -> ValidationError:
    return ValidationError(
        _(
            "The file is refused: %(what)s. Nothing was imported. Split the file into "
            "smaller ones, or save it again from Word or Excel without unused content."
        ),
        code="too_big",
        params={"what": what},
    )


def check_zip(fileobj) -> None:
    """Refuse a zip container whose declared contents are too large to parse.

    Reads only the central directory; rewinds ``fileobj``. Raises ValidationError.
    """
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            entries = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise ValidationError(
            _("The file could not be read: %(reason)s"), params={"reason": exc}
        ) from exc
    finally:
        fileobj.seek(0)
    if len(entries) > settings.IMS_IMPORT_MAX_ENTRIES:
        raise _too_big(
            _("it holds %(count)d parts, more than %(max)d")
            % {"count": len(entries), "max": settings.IMS_IMPORT_MAX_ENTRIES}
        )
    total = 0
    for entry in entries:
        total += entry.file_size
        name = entry.filename
        if name.startswith(_CONTENT_PARTS):
            limit = settings.IMS_IMPORT_MAX_PART_MB * MIB
        elif name.endswith(_PARSED_SUFFIXES):
            limit = settings.IMS_IMPORT_MAX_OTHER_PART_MB * MIB
        else:
            limit = None  # pictures and other media: only the total and the ratio
        if limit is not None and entry.file_size > limit:
            raise _too_big(
                _("its part %(name)s unpacks to %(size).1f MB, more than %(max)d MB")
                % {"name": name, "size": entry.file_size / MIB, "max": limit // MIB}
            )
        if (
            entry.file_size > _SMALL_ENOUGH_TO_IGNORE_RATIO
            and entry.file_size > entry.compress_size * settings.IMS_IMPORT_MAX_RATIO
        ):
            raise _too_big(
                _("its part %(name)s is compressed %(ratio)d times, more than %(max)d")
                % {
                    "name": name,
                    "ratio": entry.file_size // max(entry.compress_size, 1),
                    "max": settings.IMS_IMPORT_MAX_RATIO,
                }
            )
    if total > settings.IMS_IMPORT_MAX_UNZIPPED_MB * MIB:
        raise _too_big(
            _("it unpacks to %(size).1f MB, more than %(max)d MB")
            % {"size": total / MIB, "max": settings.IMS_IMPORT_MAX_UNZIPPED_MB}
        )


def check_docx(fileobj) -> None:
    """:func:`check_zip`, then count the Word text's paragraphs, characters and elements
    in one streaming pass, refusing at the first cap exceeded. Rewinds ``fileobj``."""
    check_zip(fileobj)
    max_paragraphs = settings.IMS_IMPORT_MAX_PARAGRAPHS
    max_characters = settings.IMS_IMPORT_MAX_CHARACTERS
    max_elements = settings.IMS_IMPORT_MAX_ELEMENTS
    paragraphs = characters = elements = 0
    parser = XMLPullParser(events=("end",))
    try:
        with zipfile.ZipFile(fileobj) as archive:
            try:
                stream = archive.open("word/document.xml")
            except KeyError:
                return  # not a Word document: the converter says so
            with stream:
                while chunk := stream.read(64 * 1024):
                    parser.feed(chunk)
                    for _event, element in parser.read_events():
                        elements += 1
                        if element.tag == W_NS + "t":
                            characters += len(element.text or "")
                        elif element.tag == W_NS + "p":
                            paragraphs += 1
                            element.clear()  # its runs are counted: drop them
                    if paragraphs > max_paragraphs:
                        raise _too_big(
                            _("it has more than %(max)d paragraphs") % {"max": max_paragraphs}
                        )
                    if characters > max_characters:
                        raise _too_big(
                            _("it has more than %(max)d characters of text")
                            % {"max": max_characters}
                        )
                    if elements > max_elements:
                        raise _too_big(
                            _("its text has more than %(max)d pieces of formatting")
                            % {"max": max_elements}
                        )
    except (zipfile.BadZipFile, SyntaxError):
        return  # damaged XML or zip: the converter refuses it with its own reason
    finally:
        fileobj.seek(0)


def capped_rows(rows: Iterable, *, limit: int | None = None) -> Iterator:
    """Yield from ``rows`` (the header row included) and refuse past ``limit`` data rows."""
    limit = settings.IMS_IMPORT_MAX_ROWS if limit is None else limit
    for index, row in enumerate(rows):
        if index > limit:  # index 0 is the header
            raise _too_big(_("it has more than %(max)d rows") % {"max": limit})
        yield row
