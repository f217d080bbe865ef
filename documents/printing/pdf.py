"""Print documents of document control, rendered with WeasyPrint.

Pure functions: rows in, PDF bytes out; nothing here stores or caches (see
``documents.printing.manual`` for that). Every controlled document prints in the layout
of a Vietnamese public-administration ISO document: the header block (logo and
organisation, title, code, edition, date, ``Trang x/y`` counted within the
document) on every page, the prepared / reviewed / approved table and the change
history on the first page, and a watermark on every page of an edition that is
not in force.

Controlled documents print in the organisation's language (``LANGUAGE_CODE``,
Vietnamese) whatever the reader's interface language, so one cached PDF per
edition serves everybody.
"""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from documents.markup import render_markdown
from documents.models import Revision, SignOff
from ims.pdf import nfc, render_pdf, render_pdf_counted

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates" / "documents" / "pdf"
BASE_TEMPLATE = Path(settings.BASE_DIR) / "templates" / "pdf" / "base.html"

# Bumped by hand when the output changes for a reason the template files do not
# show (e.g. a new WeasyPrint release or a change in this module).
RENDERER_REVISION = "3"  # 3: images only from the edition's attachments


class RenderError(Exception):
    """An edition could not be rendered; the message names the document."""

    def __init__(self, revision, reason: str):
        self.revision = revision
        self.reason = reason
        super().__init__(
            _("%(code)s (edition %(number)s) could not be rendered: %(reason)s")
            % {"code": revision.document.code, "number": revision.number, "reason": reason}
        )


@lru_cache(maxsize=1)
def template_version() -> str:
    """A short fingerprint of everything that shapes an edition's PDF.

    Part of the cache key of every cached edition PDF: editing a template or
    upgrading the renderer makes old PDFs stale without anybody remembering to.
    """
    digest = hashlib.sha256(RENDERER_REVISION.encode())
    digest.update(settings.LANGUAGE_CODE.encode())
    for path in sorted([BASE_TEMPLATE, *TEMPLATE_DIR.glob("*.html")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def organisation_fingerprint(organisation) -> str:
    """What of the organisation appears in a document header."""
    if organisation is None:
        return "-"
    parts = [organisation.name, organisation.parent_name, organisation.logo.name or ""]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def logo_url(organisation) -> str:
    if organisation is None or not organisation.logo:
        return ""
    try:
        path = Path(organisation.logo.path)
    except (NotImplementedError, ValueError):
        return ""
    return path.as_uri() if path.exists() else ""


def watermark_for(revision) -> str:
    """The word printed across every page of an edition that is not in force."""
    State = Revision.State
    words = {
        State.DRAFT: pgettext("watermark", "Draft"),
        State.IN_REVIEW: pgettext("watermark", "In review"),
        State.APPROVED: pgettext("watermark", "Not yet in force"),
        State.SUPERSEDED: pgettext("watermark", "Superseded"),
        State.OBSOLETE: pgettext("watermark", "Obsolete"),
    }
    return words.get(revision.state, "")


# About what the "what is done" column holds on one page (characters, a line
# break counted as a short line). A row longer than that cannot be kept on one
# page: it is allowed to continue on the next (with the header row repeated)
# instead of leaving a blank page before it. Every other row is never split.
ROW_FITS_ON_A_PAGE = 1500


def row_fits_on_a_page(text: str) -> bool:
    return len(text or "") + 45 * (text or "").count("\n") <= ROW_FITS_ON_A_PAGE


def _signoff_columns(revision) -> list[dict]:
    """Who prepared, reviewed and approved: the sign-offs made here, else the names the
    imported file's sign-off table gave (signed on paper)."""
    columns = []
    for step in SignOff.BLOCK_STEPS:
        signoff = revision.signoff_for(step)
        if signoff is None and revision.imported_signoff(step):
            imported = revision.imported_signoff(step)
            columns.append(
                {
                    "name": imported.get("name", ""),
                    "position": imported.get("position", ""),
                    "signed_on": None,
                    "date_text": imported.get("date", ""),
                }
            )
            continue
        columns.append(
            {
                "name": signoff.name if signoff else "",
                "position": signoff.position if signoff else "",
                "signed_on": timezone.localtime(signoff.signed_at).date() if signoff else None,
                # Signed in IMS, confirmed by password or code: its meaning, method and time.
                "signed_at": timezone.localtime(signoff.signed_at) if signoff else None,
                "auth_method": signoff.get_auth_method_display() if signoff else "",
            }
        )
    return columns


def _change_history(revision) -> list:
    """Editions up to this one that were (or are) in force, and this one."""
    published = {Revision.State.EFFECTIVE, Revision.State.SUPERSEDED, Revision.State.OBSOLETE}
    editions = Revision.objects.filter(
        document_id=revision.document_id, number__lte=revision.number
    )
    return [
        r
        for r in editions.order_by("number").only(
            "number", "state", "effective_date", "change_summary", "document_id"
        )
        if r.state in published or r.pk == revision.pk
    ]


def _histories(revision) -> dict:
    """The change table: the rows an imported file brought (its paper past), then the
    editions kept here. An edition both name is printed once, the file's row dated."""
    history = _change_history(revision)
    imported = [dict(row) for row in revision.imported_history or [] if isinstance(row, dict)]
    by_number = {r.number: r for r in history}
    for row in imported:
        match = by_number.get(_number(row.get("edition")))
        if match is not None:
            if not row.get("date") and match.effective_date:
                row["date"] = match.effective_date.strftime("%d/%m/%Y")
            history = [r for r in history if r.pk != match.pk]
    return {"history": history, "imported_history": imported}


def _number(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def image_files(revision) -> dict[int, str]:
    """The edition's attached images as the renderer reads them: number -> file URI
    (inside the folder that ``ims.pdf.local_fetcher`` allows)."""
    files = {}
    for image in revision.images.all():
        try:
            files[image.number] = Path(image.file.path).as_uri()
        except (NotImplementedError, ValueError):  # a storage without local paths
            continue
    return files


def edition_context(revision, organisation) -> dict:
    document = revision.document
    images = image_files(revision)
    context = {
        "organisation": organisation,
        "logo_url": logo_url(organisation),
        "document": document,
        "revision": revision,
        "header_title": document.title,
        "header_code": document.code,
        "header_edition": f"{revision.number:02d}",
        "header_date": revision.effective_date,
        "watermark": watermark_for(revision),
        "signoffs": _signoff_columns(revision),
        **_histories(revision),
        "sections": [],
        "body_html": "",
    }
    if document.has_sections:
        labels = [
            ("purpose", pgettext("print", "Purpose")),
            ("scope", pgettext("print", "Scope")),
            ("references", pgettext("print", "Reference documents")),
            ("terms", pgettext("print", "Terms and abbreviations")),
        ]
        context["sections"] = [
            (title, render_markdown(getattr(revision, field), images)) for field, title in labels
        ]
        steps = list(revision.steps.all())
        for step in steps:
            step.action_html = render_markdown(step.action, images)
            step.may_split = not row_fits_on_a_page(step.action)
        context["steps"] = steps
        context["records"] = list(revision.records.all())
        # "Other content": text of an imported file that fits no section, never hidden.
        context["other_html"] = render_markdown(revision.body, images)
    else:
        context["body_html"] = render_markdown(revision.body, images)
    return context


def render_edition(revision, *, organisation=None) -> bytes:
    """One edition to PDF bytes.

    Raises :class:`RenderError` naming the document when its content cannot be
    laid out (markup too deeply nested, a broken table, …).
    """
    return render_edition_counted(revision, organisation=organisation)[0]


def render_edition_counted(revision, *, organisation=None) -> tuple[bytes, int]:
    """:func:`render_edition` with the edition's number of pages."""
    from ims.models import Organisation

    if organisation is None:
        organisation = Organisation.current()
    with translation.override(settings.LANGUAGE_CODE):
        try:
            context = edition_context(revision, organisation)
            return render_pdf_counted("documents/pdf/edition.html", context, stamp_header=True)
        except RecursionError:
            raise RenderError(revision, _("its text is nested too deeply to lay out")) from None
        except Exception as error:  # WeasyPrint and Markdown raise many kinds
            raise RenderError(revision, f"{type(error).__name__}: {error}") from error


def render_master_list(documents, *, organisation=None, today=None) -> bytes:
    """The master list (danh mục tài liệu) of ``documents`` (with ``current`` selected)."""
    from ims.models import Organisation

    organisation = organisation if organisation is not None else Organisation.current()
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf(
            "documents/pdf/master_list.html",
            {
                "organisation": organisation,
                "logo_url": logo_url(organisation),
                "documents": documents,
                "today": today or timezone.localdate(),
            },
            stamp_header=True,
        )


def render_acknowledgements(rows, *, organisation=None, today=None) -> bytes:
    """The acknowledgement list: per effective edition, who has not read it yet.

    ``rows``: dicts with ``document``, ``revision``, ``reached`` (count),
    ``acknowledged`` (count) and ``missing`` (users, department / unit selected).
    """
    from ims.models import Organisation

    organisation = organisation if organisation is not None else Organisation.current()
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf(
            "documents/pdf/acknowledgements.html",
            {
                "organisation": organisation,
                "logo_url": logo_url(organisation),
                "rows": rows,
                "today": today or timezone.localdate(),
            },
            stamp_header=True,
        )


def render_manual_front(context: dict) -> bytes:
    """Cover, statements and master list of the manual (see ``documents.printing.manual``)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf("documents/pdf/manual_front.html", context)


def render_manual_contents(context: dict) -> bytes:
    """The manual's contents: ``entries`` with their start pages, numbered from ``first_page``."""
    with translation.override(settings.LANGUAGE_CODE):
        return render_pdf("documents/pdf/manual_contents.html", context)


__all__ = [
    "RenderError",
    "nfc",
    "render_acknowledgements",
    "render_edition",
    "render_edition_counted",
    "render_manual_contents",
    "render_manual_front",
    "render_master_list",
    "template_version",
    "watermark_for",
]
