"""A whole document set from Word: a .zip (or a folder) of .docx files, and
optionally the master list, read into a plan the secretariat sees before
anything is saved, then imported file by file.

Each file becomes a document whose edition is effective at once: code, edition
and date from the file's header block, kind from the code, department from
the code's suffix, or all of them from the master list when it names the code
(the master list wins where both speak). A file is imported all or nothing: its
document, edition, steps, records and images, or none of them and the reason.

:func:`read_set` is the one entry point for an uploaded archive or folder: a
size guard wraps it (zip bombs), nothing else opens the archive.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from documents import services
from documents.models import Document
from documents.register.importing import cell_text, header_map, kind_of_value
from documents.register.search import fold
from documents.wordio.reader import ReadFile, WordReadError, kind_of_code, read_word
from ims.exports import read_table
from ims.models import Department
from ims.uploads import check_image
from ims.zipguard import check_zip

MASTER_LIST_SUFFIXES = (".xlsx", ".csv")


@dataclass
class FilePlan:
    """One file of the set: what was read and where it will go."""

    read: ReadFile
    code: str = ""
    title: str = ""
    kind: str = ""
    department: object = None
    edition: int | None = None
    effective_date: date | None = None
    errors: list = field(default_factory=list)
    revision: object = None  # once imported

    @property
    def name(self) -> str:
        return self.read.file

    def report(self) -> dict:
        out = self.read.as_report(kind=self.kind)
        out.update(code=self.code, title=self.title, edition=self.edition)
        if self.errors:
            out["errors"] = list(self.errors)
        return out

    def payload(self) -> dict:
        """The content the import service stores (see ``import_effective_document``)."""
        read = self.read
        content = {"body": read.other, "steps": read.steps, "records": read.records}
        content.update(read.sections)
        return content


def _entries(source) -> list[tuple[str, bytes]]:
    """(name, bytes) of every file in a .zip (path or file object) or a folder."""
    if isinstance(source, str | Path) and Path(source).is_dir():
        return [
            (p.name, p.read_bytes())
            for p in sorted(Path(source).iterdir())
            if p.is_file() and not p.name.startswith(("~$", "."))
        ]
    try:
        if isinstance(source, str | Path):
            source = io.BytesIO(Path(source).read_bytes())
        check_zip(source)  # the set's own directory: too many or too large parts
        archive = zipfile.ZipFile(source)
    except ValidationError as exc:
        raise WordReadError(" ".join(exc.messages)) from exc
    except (zipfile.BadZipFile, OSError) as exc:
        raise WordReadError(
            _("The file is not a .zip archive: %(reason)s") % {"reason": exc}
        ) from exc
    with archive:
        entries = []
        for info in archive.infolist():
            base = info.filename.rsplit("/", 1)[-1]
            if (
                info.is_dir()
                or not base
                or base.startswith(("~$", "."))
                or "__MACOSX" in info.filename
            ):
                continue
            entries.append((base, archive.read(info)))
        return sorted(entries)


def _master_rows(name: str, data: bytes) -> dict[str, dict]:
    """Code -> title, kind and department from the master list, checked leniently."""
    buffer = io.BytesIO(data)
    buffer.name = name
    table = read_table(buffer, "xlsx" if name.lower().endswith(".xlsx") else "csv")
    if not table:
        return {}
    mapping = header_map(list(table[0].keys()))
    rows = {}
    for row in table:
        values = {field: cell_text(row.get(header, "")) for header, field in mapping.items()}
        code = values.get("code", "").replace(" ", "")
        if code:
            rows[fold(code)] = {
                "code": code,
                "title": values.get("title", ""),
                "kind": kind_of_value(values.get("kind", ""), code),
                "department": values.get("department", ""),
            }
    return rows


def read_set(source) -> list[FilePlan]:
    """Read every .docx of ``source`` (a .zip path or file object, or a folder) into plans.

    Raises :class:`WordReadError` when the archive cannot be opened or holds no
    Word file; a file that cannot be read becomes a plan with its error.
    """
    entries = _entries(source)
    master: dict[str, dict] = {}
    for name, data in entries:
        if name.lower().endswith(MASTER_LIST_SUFFIXES):
            try:
                master.update(_master_rows(name, data))
            except Exception as exc:  # a damaged workbook: say so, read the files anyway
                raise WordReadError(
                    _("The master list %(file)s could not be read: %(reason)s")
                    % {"file": name, "reason": exc}
                ) from exc
    words = [(n, d) for n, d in entries if n.lower().endswith(".docx")]
    if not words:
        raise WordReadError(_("The archive holds no Word (.docx) file."))
    departments = {d.code.upper(): d for d in Department.objects.all()}
    by_name = {fold(d.name): d for d in departments.values()}
    existing = set(Document.objects.values_list("code", flat=True))
    plans, seen = [], {}
    for name, data in words:
        plans.append(_plan(name, data, master, departments, by_name, existing, seen))
    return plans


def _plan(name, data, master, departments, by_name, existing, seen) -> FilePlan:
    try:
        read = read_word(io.BytesIO(data), name=name, place_images=True)
    except WordReadError as exc:
        plan = FilePlan(read=ReadFile(file=name))
        plan.errors.append(str(exc))
        return plan
    row = master.get(fold(read.code)) or master.get(fold(Path(name).stem)) or {}
    code = row.get("code") or read.code
    kind = row.get("kind") or kind_of_code(code)
    if kind and kind != "QT" and kind_of_code(read.code) in ("", "QT"):
        # read as a free body
        read = read_word(io.BytesIO(data), name=name, kind=kind, place_images=True)
    plan = FilePlan(
        read=read,
        code=code,
        title=(row.get("title") or read.title or Path(name).stem)[:300],
        kind=kind,
        edition=read.edition,
        effective_date=read.effective_date,
    )
    if not code:
        plan.errors.append(_("The file's header block gives no code (Mã hiệu)."))
    elif len(code) > 40:
        plan.errors.append(_("The code is longer than 40 characters."))
    elif code in existing:
        plan.errors.append(
            _("%(code)s is already in the register; import its text into its draft instead.")
            % {"code": code}
        )
    elif code in seen:
        plan.errors.append(
            _("The code %(code)s is also the code of %(file)s.")
            % {"code": code, "file": seen[code]}
        )
    if code:
        seen.setdefault(code, name)
    if code and not kind:
        plan.errors.append(
            _("The kind of %(code)s is not one we know (QT, HD, QĐ, MT, BM, ST, TL).")
            % {"code": code}
        )
    department = row.get("department") or (code.rsplit("-", 1)[1] if "-" in code else "")
    plan.department = departments.get(department.upper()) or by_name.get(fold(department))
    if plan.department is None:
        plan.errors.append(
            _("The department “%(value)s” is not in the organisation.") % {"value": department}
            if department
            else _("The department is missing: neither the code nor the master list names it.")
        )
    if plan.edition is None:
        plan.edition = 1
        read.warnings.append(_("The header block gives no edition (Lần ban hành): edition 1."))
    if plan.effective_date is None:
        plan.effective_date = timezone.localdate()
        read.warnings.append(
            _("The header block gives no date (Ngày ban hành): today's date is used.")
        )
    return plan


def import_plans(*, actor, plans: list[FilePlan], attach=None) -> list[FilePlan]:
    """Import every plan without errors, each in its own transaction.

    A file that fails is rolled back whole and gets the reason in ``errors``;
    the others are kept. ``attach(revision, image, actor)`` stores an image
    (the edition attachments), called inside the file's transaction.
    """
    for plan in plans:
        if plan.errors:
            continue
        try:
            with transaction.atomic():
                images = plan.read.images
                storable = storable_images(images) if attach else [False] * len(images)
                content = place_images(plan.payload(), storable)
                plan.revision = services.import_effective_document(
                    actor=actor,
                    code=plan.code,
                    title=plan.title,
                    kind=plan.kind,
                    department=plan.department,
                    number=plan.edition,
                    effective_date=plan.effective_date,
                    content=content,
                    source=plan.name,
                    imported_signoffs=plan.read.signoffs,
                    imported_history=plan.read.changes,
                )
                for image, keep in zip(images, storable, strict=True):
                    if keep:  # in order: the numbers place_images wrote
                        attach(plan.revision, image, actor)
        except services.LifecycleError as exc:
            plan.revision = None
            plan.errors.append(exc.message)
        except Exception as exc:  # a database refusal: this file only, with its reason
            plan.revision = None
            plan.errors.append(
                _("%(file)s was not imported: %(reason)s") % {"file": plan.name, "reason": exc}
            )
    return plans


_PLACED = re.compile(r"!\[([^\]]*)\]\(attachment:@(\d+)\)")


def storable_images(images) -> list[bool]:
    """For each picture of a file, whether the edition can keep it (PNG or JPEG
    that passes :func:`ims.uploads.check_image`, as ``attach_image`` checks)."""
    storable = []
    for image in images:
        try:
            check_image(SimpleUploadedFile(image.name, image.data))
        except ValidationError:
            storable.append(False)
        else:
            storable.append(True)
    return storable


def place_images(content: dict, storable: list[bool]) -> dict:
    """The content with each ``attachment:@k`` (the file's k-th picture, where it
    stood) replaced by the number the edition's image will get — a new document's
    stored pictures are numbered 1, 2, … in order — and a picture that cannot be
    kept left out of the text."""
    numbers, number = {}, 0
    for k, keep in enumerate(storable, start=1):
        if keep:
            number += 1
            numbers[k] = number

    def replace(match):
        k = int(match.group(2))
        if k not in numbers:
            return ""
        return f"![{match.group(1)}](attachment:{numbers[k]})"

    def rewrite(value):
        return _PLACED.sub(replace, value) if isinstance(value, str) else value

    placed = {key: rewrite(value) for key, value in content.items()}
    placed["steps"] = [
        {key: rewrite(value) for key, value in step.items()} for step in content.get("steps", [])
    ]
    return placed


def default_attach():
    """The way an imported image is kept on its edition (as an edition image)."""

    def attach(revision, image, actor):
        # import_plans attaches only the pictures storable_images accepted (an EMF
        # drawing, say, is left out of the text and not attached).
        upload = SimpleUploadedFile(image.name, image.data, content_type=image.content_type)
        services.attach_image(revision=revision, actor=actor, file=upload, importing=True)

    return attach
