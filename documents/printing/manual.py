"""Edition PDFs cached, and the manual built by split and merge.

The manual is never laid out in one pass (1,000 pages in WeasyPrint take a
minute and over a gigabyte). Each effective edition is rendered on its own --
re-using its cached PDF when nothing it shows has changed -- in parallel tasks;
the merge then reads the page counts, renders the cover, statements, master list
and contents with the page each document really starts on, and joins everything
with qpdf (pikepdf), adding a bookmark per document and turning each contents entry into
a link to its page.

A build moves ``queued → running → done | failed | cancelled`` by conditional
updates only, so a finished build is never touched again and a failed build never
disturbs the manuals built before it.

Every task of a build may run twice (a task is given back to the queue when the
worker process running it dies) or late (after the build failed or was
cancelled): each step checks the build's state first and counts an edition done
once. A build that stops moving -- its tasks lost with a worker killed whole --
is failed after ``MANUAL_BUILD_STALL_SECONDS`` without progress, by beat and
whenever the builds page is opened or a build requested.
"""

import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import timedelta

import pikepdf
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from pypdf import PdfReader

from documents.markup import render_markdown
from documents.models import Document, EditionPdf, ManualBuild, Revision
from documents.printing import pdf
from documents.printing.editions import cached_edition_pdf, current_pdfs, with_content
from documents.services import recipients, who_has_not_acknowledged
from ims import signing
from ims.models import Organisation

log = logging.getLogger(__name__)


LINK_SCHEME = "ims-manual:"
# Where a build keeps the parts it renders ahead of its merge (removed by the merge).
PARTS_DIR = "documents/manuals/parts"

# --- the editions of a manual; builds that stopped moving ----------------------------


def manual_editions() -> list[Revision]:
    """The effective edition of every document in force, in register order (with sign-offs)."""
    documents = list(
        Document.objects.effective().in_register_order().values_list("current_id", flat=True)
    )
    revisions = Revision.objects.filter(pk__in=documents).prefetch_related("signoffs")
    by_id = {revision.pk: revision for revision in revisions}
    return [by_id[pk] for pk in documents]


def stall_after() -> timedelta:
    return timedelta(seconds=settings.MANUAL_BUILD_STALL_SECONDS)


def fail_stalled_builds() -> list[int]:
    """Fail every build under way that has not moved for ``stall_after()``; their ids."""
    limit = stall_after()
    cutoff = timezone.now() - limit
    still = Q(last_progress_at__lt=cutoff) | Q(
        last_progress_at__isnull=True, requested_at__lt=cutoff
    )
    stalled = list(
        ManualBuild.objects.filter(still, state__in=ManualBuild.UNDER_WAY).values_list(
            "pk", flat=True
        )
    )
    minutes = max(1, round(limit.total_seconds() / 60))
    with translation.override(settings.LANGUAGE_CODE):  # a record, in the organisation's
        reason = _(
            "Stopped: no progress for %(minutes)s minutes (its work was lost, probably "
            "with a stopped worker). A new build can be started."
        ) % {"minutes": minutes}
    failed = []
    for build_id in stalled:
        # Conditional on the build still being stalled: it may have moved meanwhile.
        updated = ManualBuild.objects.filter(
            still, pk=build_id, state__in=ManualBuild.UNDER_WAY
        ).update(state=ManualBuild.State.FAILED, error=reason, finished_at=timezone.now())
        if updated:
            discard_parts(build_id)
            failed.append(build_id)
    if failed:
        log.warning("manual builds %s failed after %s without progress", failed, limit)
    return failed


# --- running a build (called by the tasks in documents.printing.tasks) --------------


def start_build(build_id: int) -> tuple[ManualBuild | None, list[int]]:
    """Fix the editions that go in and mark the build running.

    Returns the build and the ids of the editions still to render (those without a
    valid cached PDF; the others count as done at once), or ``(None, [])`` when the
    build is gone or finished. A build found running already (its first start was
    cut short by a dying worker) resumes with the editions not yet counted done.
    """
    with transaction.atomic():
        build = ManualBuild.objects.select_for_update().filter(pk=build_id).first()
        if build is None or build.state not in ManualBuild.UNDER_WAY:
            return None, []
        if build.state == ManualBuild.State.RUNNING:
            rendered = set(build.rendered)
            return build, [pk for pk in build.revision_order if pk not in rendered]
        to_render = []
        if build.kind == ManualBuild.Kind.MANUAL:
            revisions = manual_editions()
            revision_ids = [revision.pk for revision in revisions]
            valid = current_pdfs(revisions, organisation=Organisation.current())
            # Longest first, so that the worker processes finish together (the order of the
            # manual itself is revision_order, the register's).
            size = {revision.pk: len(revision.search_text or "") for revision in revisions}
            to_render = sorted(
                (pk for pk in revision_ids if pk not in valid), key=lambda pk: -size[pk]
            )
            build.total = len(revision_ids)
            build.rendered = [pk for pk in revision_ids if pk in valid]
            build.done = len(build.rendered)
        else:
            revision_ids = []
            build.total = 1
        build.revision_order = revision_ids
        build.state = ManualBuild.State.RUNNING
        build.started_at = build.last_progress_at = timezone.now()
        build.save(
            update_fields=[
                "revision_order",
                "total",
                "done",
                "rendered",
                "state",
                "started_at",
                "last_progress_at",
            ]
        )
        build.revisions.set(revision_ids)
    return build, to_render


def _fail(build_id: int, message: str) -> bool:
    failed = bool(
        ManualBuild.objects.filter(pk=build_id, state__in=ManualBuild.UNDER_WAY).update(
            state=ManualBuild.State.FAILED, error=message, finished_at=timezone.now()
        )
    )
    if failed:
        discard_parts(build_id)
    return failed


def fail_build(build_id: int, message: str) -> bool:
    """Mark a build failed with ``message`` (naming the document at fault)."""
    return _fail(build_id, message)


def is_running(build_id: int) -> bool:
    return ManualBuild.objects.filter(pk=build_id, state=ManualBuild.State.RUNNING).exists()


def _moved(build_id: int) -> None:
    """Note that a running build made progress (it is not stalled)."""
    ManualBuild.objects.filter(pk=build_id, state=ManualBuild.State.RUNNING).update(
        last_progress_at=timezone.now()
    )


def _count_rendered(build_id: int, revision_id: int) -> None:
    """Count one edition of a running build done, once however often it is rendered."""
    with transaction.atomic():
        build = (
            ManualBuild.objects.select_for_update()
            .filter(pk=build_id, state=ManualBuild.State.RUNNING)
            .first()
        )
        if build is None:
            return
        if revision_id not in build.rendered:
            build.rendered = [*build.rendered, revision_id]
        build.done = len(build.rendered)
        build.last_progress_at = timezone.now()
        build.save(update_fields=["rendered", "done", "last_progress_at"])


def render_for_build(build_id: int, revision_id: int) -> None:
    """Make sure one edition of a running build has its cached PDF; count it done.

    A render error fails the whole build with a message naming the document. Safe to
    run twice: the PDF is cached, and the edition counts once.
    """
    if not is_running(build_id):
        return  # failed meanwhile: no point rendering the rest
    revision = with_content(Revision.objects.filter(pk=revision_id)).first()
    if revision is None:
        fail_build(build_id, _("An edition of the manual no longer exists (id %s).") % revision_id)
        return
    try:
        cached_edition_pdf(revision)
    except pdf.RenderError as error:
        fail_build(build_id, str(error))
        return
    except Exception as error:
        log.exception("rendering %s for build %s failed", revision, build_id)
        fail_build(build_id, str(pdf.RenderError(revision, f"{type(error).__name__}: {error}")))
        return
    _count_rendered(build_id, revision_id)


@dataclass
class Entry:
    """A document in the manual's contents."""

    index: int
    code: str
    title: str
    kind: str
    kind_label: str
    edition: int
    effective_date: object
    department: str
    pages: int = 0
    relative_start: int = 0  # 1-based page counted from the first document
    start: int = 0  # 1-based page in the manual


def _statements(organisation) -> list[tuple[str, str]]:
    if organisation is None:
        return []
    items = [
        (pgettext("print", "Vision"), organisation.vision),
        (pgettext("print", "Mission"), organisation.mission),
        (pgettext("print", "Core values"), organisation.core_values),
        (pgettext("print", "Quality policy"), organisation.quality_policy),
    ]
    return [(title, render_markdown(text)) for title, text in items if text.strip()]


def _front_context(revisions: list[Revision], *, organisation, edition: int, school_year) -> dict:
    documents = []
    for revision in revisions:
        document = revision.document
        document.current = revision  # what the master list prints, without a query per row
        documents.append(document)
    return {
        "organisation": organisation,
        "logo_url": pdf.logo_url(organisation),
        "school_year": school_year,
        "edition": edition,
        "today": timezone.localdate(),
        "statements": _statements(organisation),
        "documents": documents,
        "document_count": len(documents),
    }


def render_front(revisions: list[Revision], *, edition: int, school_year) -> bytes:
    """Cover, statements and master list: the part of the manual before its contents.

    Needs no page count of any document, so a build renders it while the documents
    are rendered (see :func:`render_front_for_build`).
    """
    with translation.override(settings.LANGUAGE_CODE):
        context = _front_context(
            revisions,
            organisation=Organisation.current(),
            edition=edition,
            school_year=school_year,
        )
        return pdf.render_manual_front(context)


def _contents(entries: list[Entry], *, first_page: int, offset: int) -> bytes:
    for entry in entries:
        entry.start = offset + entry.relative_start
    return pdf.render_manual_contents(
        {"entries": entries, "first_page": first_page, "link_scheme": LINK_SCHEME}
    )


def assemble_manual(
    revisions: list[Revision],
    cached: dict[int, EditionPdf],
    *,
    edition: int,
    school_year,
    front: bytes | None = None,
    before_documents_guess: int = 0,
) -> tuple[bytes, int, int]:
    """Join the front part, the contents and the cached edition PDFs into the manual.

    ``front``: the cover, statements and master list rendered already (rendered
    here when None). ``before_documents_guess``: the pages before the first
    document in the last build, so that the contents are usually rendered once.
    Returns (bytes, pages, pages before the first document).
    """
    if front is None:
        front = render_front(revisions, edition=edition, school_year=school_year)
    front_pages = _page_count(front)
    entries = []
    relative = 0
    for index, revision in enumerate(revisions):
        document = revision.document
        entry = Entry(
            index=index,
            code=document.code,
            title=document.title,
            kind=document.kind,
            kind_label=document.get_kind_display(),
            edition=revision.number,
            effective_date=revision.effective_date,
            department=document.department.name,
            pages=cached[revision.pk].page_count,
        )
        entry.relative_start = relative + 1
        relative += entry.pages
        entries.append(entry)
    # The contents print the page each document starts on, which depends on how
    # long the contents themselves are: render until the length is stable (once,
    # as a rule, with last build's length as the first guess).
    contents_pages = max(0, before_documents_guess - front_pages)
    for _attempt in range(4):
        contents = _contents(
            entries, first_page=front_pages + 1, offset=front_pages + contents_pages
        )
        if _page_count(contents) == contents_pages:
            break
        contents_pages = _page_count(contents)
    data, page_count = _join(front, contents, entries, [cached[r.pk] for r in revisions])
    return data, page_count, front_pages + contents_pages


def _page_count(data: bytes) -> int:
    with pikepdf.open(io.BytesIO(data)) as source:
        return len(source.pages)


def _join(front: bytes, contents: bytes, entries: list[Entry], parts: list[EditionPdf]):
    """The front part, the contents and the edition PDFs as one PDF: the front's and the
    contents' bookmarks kept, one bookmark per document under its kind, each contents
    entry a link to the page its document starts on. (bytes, pages)

    qpdf (pikepdf) copies the pages: joining the ~1,000 pages of the demo costs about
    a fifth of what parsing and re-writing every object in Python (pypdf) did.
    """
    book = pikepdf.new()
    sources = []  # open until the book is saved: its pages are copied from them on save
    try:
        outline = []
        for data in (front, contents):
            source = pikepdf.open(io.BytesIO(data))
            sources.append(source)
            outline += _outline_items(source, offset=len(book.pages))
            book.pages.extend(source.pages)
        for part in parts:
            with part.file.open("rb") as handle:
                source = pikepdf.open(io.BytesIO(handle.read()))
            sources.append(source)
            book.pages.extend(source.pages)
        parents = {}
        for entry in entries:
            if entry.kind not in parents:
                parents[entry.kind] = pikepdf.OutlineItem(entry.kind_label, entry.start - 1)
                outline.append(parents[entry.kind])
            parents[entry.kind].children.append(
                pikepdf.OutlineItem(f"{entry.code} – {entry.title}", entry.start - 1)
            )
        with book.open_outline() as root:
            root.root.extend(outline)
        front_pages = len(sources[0].pages)
        _link_contents(book, range(front_pages, front_pages + len(sources[1].pages)), entries)
        book.Root.PageMode = pikepdf.Name.UseOutlines
        out = io.BytesIO()
        book.save(out)
        return out.getvalue(), len(book.pages)
    finally:
        for source in sources:
            source.close()
        book.close()


def _outline_items(source, *, offset: int) -> list:
    """The bookmarks of ``source`` (WeasyPrint's), pointing ``offset`` pages further on."""
    pages = {page.objgen: index for index, page in enumerate(source.pages)}

    def copy(item):
        destination = item.destination
        index = 0
        if isinstance(destination, pikepdf.Array) and len(destination) >= 1:
            index = pages.get(destination[0].objgen, 0)
        try:  # WeasyPrint's [page /XYZ left top zoom]: the same spot of the page
            kind, left, top = str(destination[1]), float(destination[2]), float(destination[3])
        except (TypeError, ValueError, IndexError, KeyError):
            kind = left = top = None
        if kind == "/XYZ":
            new = pikepdf.OutlineItem(item.title, offset + index, "XYZ", left=left, top=top)
        else:
            new = pikepdf.OutlineItem(item.title, offset + index)
        new.children.extend(copy(child) for child in item.children)
        return new

    with source.open_outline() as outline:
        return [copy(item) for item in outline.root]


def _link_contents(book, contents: range, entries: list[Entry]) -> None:
    """Turn the contents' ``ims-manual:N`` links into links to the page document N starts on."""
    for index in contents:
        page = book.pages[index]
        for annotation in page.obj.get("/Annots") or []:
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if not uri.startswith(LINK_SCHEME):
                continue
            entry = entries[int(uri[len(LINK_SCHEME) :])]
            target = book.pages[entry.start - 1]
            annotation.A = pikepdf.Dictionary(
                S=pikepdf.Name.GoTo, D=pikepdf.Array([target.obj, pikepdf.Name.Fit])
            )


def _store(
    build_id: int, data: bytes, page_count: int, edition: int | None, *, front_pages=None
) -> None:
    build = ManualBuild.objects.get(pk=build_id)
    digest = hashlib.sha256(data).hexdigest()
    build.edition = edition
    name = f"{build.filename()[:-4]}-{digest[:12]}.pdf"
    build.file.save(name, ContentFile(data), save=False)
    updated = ManualBuild.objects.filter(pk=build_id, state=ManualBuild.State.RUNNING).update(
        state=ManualBuild.State.DONE,
        file=build.file.name,
        sha256=digest,
        size=len(data),
        page_count=page_count,
        front_pages=front_pages,
        edition=edition,
        done=F("total"),
        finished_at=timezone.now(),
    )
    if not updated:  # failed meanwhile: keep no orphan file
        build.file.delete(save=False)


def _ordered_revisions(build: ManualBuild) -> list[Revision]:
    revisions = {
        r.pk: r
        for r in with_content(Revision.objects.filter(pk__in=build.revision_order)).select_related(
            "document__department"
        )
    }
    return [revisions[pk] for pk in build.revision_order if pk in revisions]


def _finished_manuals():
    return ManualBuild.objects.filter(kind=ManualBuild.Kind.MANUAL, state=ManualBuild.State.DONE)


def next_edition() -> int:
    """The edition number the next finished manual gets."""
    return (_finished_manuals().aggregate(n=Max("edition"))["n"] or 0) + 1


def _parts_storage():
    return ManualBuild._meta.get_field("file").storage


def _front_part_name(build_id: int, edition: int) -> str:
    return f"{PARTS_DIR}/build-{build_id}-front-{edition:02d}.pdf"


def discard_parts(build_id: int) -> None:
    """Remove the parts a build rendered ahead (kept only until its merge)."""
    storage = _parts_storage()
    try:
        _dirs, files = storage.listdir(PARTS_DIR)
    except FileNotFoundError:
        return
    for name in files:
        if name.startswith(f"build-{build_id}-"):
            storage.delete(f"{PARTS_DIR}/{name}")


def render_front_for_build(build_id: int) -> None:
    """Render a running build's cover, statements and master list ahead of the merge.

    Runs beside the documents' own renders; the merge then only renders the
    contents, whose page numbers need every document's length.
    """
    build = ManualBuild.objects.select_related("school_year").filter(pk=build_id).first()
    if build is None or build.state != ManualBuild.State.RUNNING:
        return
    edition = next_edition()
    try:
        data = render_front(
            _ordered_revisions(build), edition=edition, school_year=build.school_year
        )
    except Exception as error:
        log.exception("rendering the front part of build %s failed", build_id)
        fail_build(build_id, _("The cover or the master list could not be rendered: %s") % error)
        return
    storage = _parts_storage()
    name = _front_part_name(build_id, edition)
    if storage.exists(name):
        storage.delete(name)
    storage.save(name, ContentFile(data))
    if not is_running(build_id):
        discard_parts(build_id)  # failed or cancelled while this part was rendered
    else:
        _moved(build_id)


def _front_part(build_id: int, edition: int) -> bytes | None:
    storage = _parts_storage()
    name = _front_part_name(build_id, edition)
    if not storage.exists(name):
        return None  # not rendered ahead (nothing else to render), or for another edition
    with storage.open(name, "rb") as handle:
        return handle.read()


def finish_manual(build_id: int) -> None:
    """Merge a running manual build whose editions are all rendered."""
    build = ManualBuild.objects.select_related("school_year").filter(pk=build_id).first()
    if build is None or build.state != ManualBuild.State.RUNNING:
        return
    _moved(build_id)
    ordered = _ordered_revisions(build)
    try:
        organisation = Organisation.current()
        cached = current_pdfs(ordered, organisation=organisation)
        for revision in ordered:
            if revision.pk not in cached:
                # Normally rendered by the tasks before; changed meanwhile: render it now.
                cached[revision.pk] = cached_edition_pdf(revision, organisation=organisation)
        edition = next_edition()
        last = _finished_manuals().order_by("-pk").values_list("front_pages", flat=True).first()
        with translation.override(settings.LANGUAGE_CODE):
            data, page_count, front_pages = assemble_manual(
                ordered,
                cached,
                edition=edition,
                school_year=build.school_year,
                front=_front_part(build_id, edition),
                before_documents_guess=last or 0,
            )
            # Signed once, whole: the editions inside carry no signature of their own.
            data = signing.sign_pdf(
                data,
                reason=_("Issued: IMS manual, edition %(number)02d") % {"number": edition},
                keyword=signing.manual_keyword(edition),
                organisation=organisation.name if organisation else "",
            )
    except pdf.RenderError as error:
        fail_build(build_id, str(error))
        return
    except signing.SigningError as error:
        log.exception("signing manual build %s failed", build_id)
        fail_build(build_id, _("The manual could not be signed: %s") % error)
        return
    except Exception as error:
        log.exception("merging manual build %s failed", build_id)
        fail_build(build_id, _("The manual could not be assembled: %s") % error)
        return
    finally:
        discard_parts(build_id)
    _store(build_id, data, page_count, edition, front_pages=front_pages)


def build_report(build_id: int) -> None:
    """Render a one-piece report build (master list, acknowledgement list)."""
    build = ManualBuild.objects.filter(pk=build_id).first()
    if build is None or build.state != ManualBuild.State.RUNNING:
        return
    try:
        if build.kind == ManualBuild.Kind.MASTER_LIST:
            data = pdf.render_master_list(master_list_documents())
        else:
            data = pdf.render_acknowledgements(acknowledgement_rows())
    except Exception as error:
        log.exception("report build %s failed", build_id)
        fail_build(build_id, _("The report could not be rendered: %s") % error)
        return
    _store(build_id, data, len(PdfReader(io.BytesIO(data)).pages), None)


# --- report data -----------------------------------------------------------------------


def master_list_documents():
    """Every document not withdrawn, in register order, with its effective edition."""
    return list(
        Document.objects.active().in_register_order().select_related("current", "department")
    )


def acknowledgement_rows() -> list[dict]:
    """Per effective edition: how many people it reaches, how many acknowledged, who has not."""
    rows = []
    documents = Document.objects.effective().in_register_order().select_related("current")
    for document in documents:
        revision = document.current
        missing = list(who_has_not_acknowledged(revision))
        reached = recipients(document).count()
        rows.append(
            {
                "document": document,
                "revision": revision,
                "reached": reached,
                "acknowledged": reached - len(missing),
                "missing": missing,
            }
        )
    return rows
