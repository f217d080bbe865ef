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
import threading
from dataclasses import dataclass
from datetime import timedelta

import pikepdf
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from pypdf import PdfReader

from documents import pdf
from documents.markup import render_markdown
from documents.models import Document, EditionPdf, ManualBuild, Revision
from documents.permissions import may_cancel_builds
from ims import signing
from ims.models import Organisation, SchoolYear

log = logging.getLogger(__name__)

# Contents entries link to "ims-manual:N" (entry N); the merge turns them into
# links to the page where document N starts.
LINK_SCHEME = "ims-manual:"
# Where a build keeps the parts it renders ahead of its merge (removed by the merge).
PARTS_DIR = "documents/manuals/parts"
SIGNED_DIR = "documents/pdf-cache/signed"


class BuildRefused(Exception):
    """A build cannot start now; the message says why."""


# --- one edition, cached ----------------------------------------------------------


def _signoff_ids(revision) -> str:
    return ",".join(str(s.pk) for s in revision.signoffs.all())


def edition_fingerprint(revision: Revision, organisation) -> str:
    """Everything an edition's PDF shows that can change without a new edition.

    Effective editions do not change, but their state does (superseded, obsolete:
    a watermark), sign-offs may be added, and the organisation may change its
    name or logo. A cached PDF is re-used only while this is the same.
    """
    parts = [
        str(revision.pk),
        revision.state,
        str(revision.version),
        revision.updated_at.isoformat() if revision.updated_at else "",
        _signoff_ids(revision),
        pdf.organisation_fingerprint(organisation),
    ]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _with_content(revisions):
    return revisions.select_related("document", "document__department").prefetch_related(
        "signoffs", "steps", "records", "images"
    )


def _is_current(cached: EditionPdf | None, fingerprint: str) -> bool:
    return (
        cached is not None
        and cached.fingerprint == fingerprint
        and cached.file.storage.exists(cached.file.name)
    )


def current_pdfs(revisions, *, organisation) -> dict[int, EditionPdf]:
    """The cached PDFs still valid for ``revisions`` (fetched with their sign-offs), by id."""
    rows = EditionPdf.objects.filter(
        revision__in=[r.pk for r in revisions], template_version=pdf.template_version()
    )
    by_revision = {row.revision_id: row for row in rows}
    return {
        r.pk: by_revision[r.pk]
        for r in revisions
        if _is_current(by_revision.get(r.pk), edition_fingerprint(r, organisation))
    }


def cached_edition_pdf(revision: Revision, *, organisation=None) -> EditionPdf:
    """The edition's PDF for the current template version, rendered if missing or stale.

    Only this edition's cache row is touched. Raises :class:`documents.pdf.RenderError`.
    """
    if organisation is None:
        organisation = Organisation.current()
    version = pdf.template_version()
    fingerprint = edition_fingerprint(revision, organisation)
    cached = EditionPdf.objects.filter(revision=revision, template_version=version).first()
    if _is_current(cached, fingerprint):
        return cached
    data, page_count = pdf.render_edition_counted(revision, organisation=organisation)
    digest = hashlib.sha256(data).hexdigest()
    name = f"{revision.document.code}-{revision.number}-{version}-{digest[:12]}.pdf"
    if cached is None:
        cached = EditionPdf(revision=revision, template_version=version)
    old_name = cached.file.name if cached.pk else ""
    old_signed = cached.signed_file.name if cached.pk else ""
    cached.signed_file = ""
    cached.signed_with = ""
    cached.fingerprint = fingerprint
    cached.page_count = page_count
    cached.sha256 = digest
    cached.file.save(name, ContentFile(data), save=False)
    try:
        cached.save()
    except IntegrityError:
        # Two renders of one edition raced; the other one's row stands.
        cached.file.delete(save=False)
        return EditionPdf.objects.get(revision=revision, template_version=version)
    if old_name and old_name != cached.file.name:
        cached.file.storage.delete(old_name)
    if old_signed:
        cached.signed_file.storage.delete(old_signed)
    return cached


def signing_reason(revision: Revision) -> str:
    """What the organisation's signature on an edition says (in the organisation's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Issued: %(code)s, edition %(number)02d") % {
            "code": revision.document.code,
            "number": revision.number,
        }


def signed_edition_pdf(cached: EditionPdf, revision: Revision, *, organisation=None) -> bytes:
    """The cached PDF of an effective edition, signed once per certificate.

    The first request after a render (or after the certificate changed) signs the
    cached PDF and keeps the signed copy; later ones hand that copy out. Without a
    configured certificate, the unsigned PDF.
    """
    identity = signing.signing_identity()
    storage = cached.signed_file.storage
    if identity and cached.signed_with == identity and cached.signed_file:
        if storage.exists(cached.signed_file.name):
            with cached.signed_file.open("rb") as handle:
                return handle.read()
    with cached.file.open("rb") as handle:
        data = handle.read()
    if not identity:
        return data
    if organisation is None:
        organisation = Organisation.current()
    signed = signing.sign_pdf(
        data,
        reason=signing_reason(revision),
        keyword=signing.edition_keyword(revision.document.code, revision.number),
        organisation=organisation.name if organisation else "",
    )
    name = storage.save(f"{SIGNED_DIR}/{cached.file.name.rsplit('/', 1)[-1]}", ContentFile(signed))
    # Only while the row still holds the render that was signed (a re-render clears it).
    kept = EditionPdf.objects.filter(pk=cached.pk, sha256=cached.sha256).update(
        signed_file=name, signed_with=identity
    )
    old = cached.signed_file.name
    if not kept:
        storage.delete(name)
    elif old and old != name:
        storage.delete(old)
    return signed


def edition_pdf_bytes(revision: Revision) -> bytes:
    """The PDF to hand out for one edition: cached and signed for an effective edition,
    rendered fresh (with its watermark, unsigned) otherwise."""
    revision = _with_content(Revision.objects.filter(pk=revision.pk)).get()
    if revision.is_effective:
        return signed_edition_pdf(cached_edition_pdf(revision), revision)
    return pdf.render_edition(revision)


# --- requesting a build -------------------------------------------------------------


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


def cancel_manual_build(*, build: ManualBuild, actor) -> bool:
    """Cancel a build under way; False when it finished meanwhile.

    Its tasks still queued or running find it cancelled and do nothing, and it no
    longer blocks a new build. Raises ``PermissionDenied`` for anyone but the
    secretariat.
    """
    if not may_cancel_builds(actor):
        raise PermissionDenied
    name = actor.get_full_name() or actor.get_username()
    with translation.override(settings.LANGUAGE_CODE):  # a record, like the other reasons
        reason = _("Cancelled by %(name)s.") % {"name": name}
    cancelled = bool(
        ManualBuild.objects.filter(pk=build.pk, state__in=ManualBuild.UNDER_WAY).update(
            state=ManualBuild.State.CANCELLED,
            error=reason,
            cancelled_by=actor,
            finished_at=timezone.now(),
        )
    )
    if cancelled:
        discard_parts(build.pk)
        log.info("manual build %s cancelled by %s", build.pk, actor.pk)
    build.refresh_from_db()
    return cancelled


def request_build(*, kind: str, actor) -> ManualBuild:
    """Record a build and enqueue it once the row is committed.

    Refuses while another build of the same kind is under way (unless it stalled:
    that one is failed first).
    """
    fail_stalled_builds()
    with transaction.atomic():
        under_way = ManualBuild.objects.select_for_update().filter(
            kind=kind, state__in=ManualBuild.UNDER_WAY
        )
        build = under_way.first()
        if build is not None:
            raise BuildRefused(
                _("A build of this kind (%(kind)s) is already under way, requested at %(when)s.")
                % {
                    "kind": build.get_kind_display(),
                    "when": timezone.localtime(build.requested_at).strftime("%H:%M"),
                }
            )
        build = ManualBuild.objects.create(
            kind=kind,
            requested_by=actor,
            school_year=SchoolYear.objects.current(),
            last_progress_at=timezone.now(),
        )
        transaction.on_commit(lambda: _enqueue(build.pk))
    return build


def _enqueue(build_id: int) -> None:
    """Hand the build to the worker; without one (no Redis), to a thread of this
    process, so that the page answers at once and shows the progress meanwhile."""
    from celery import current_app

    from documents import tasks_pdf

    if current_app.conf.task_always_eager and settings.MANUAL_BUILD_IN_THREAD:
        name = f"manual-build-{build_id}"
        threading.Thread(target=_run_here, args=(build_id,), name=name, daemon=True).start()
    else:
        tasks_pdf.run_build.delay(build_id)


def _run_here(build_id: int) -> None:
    from django.db import connections

    from documents import tasks_pdf

    try:
        tasks_pdf.run_build.delay(build_id)  # tasks run eagerly: here, in this thread
    except Exception as error:
        log.exception("manual build %s failed", build_id)
        _fail(build_id, _("The build stopped: %(reason)s") % {"reason": error})
    finally:
        connections.close_all()  # this thread's connections only


# --- running a build (called by the tasks in documents.tasks_pdf) --------------------


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
    revision = _with_content(Revision.objects.filter(pk=revision_id)).first()
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
        for r in _with_content(Revision.objects.filter(pk__in=build.revision_order)).select_related(
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
    from documents.services import recipients, who_has_not_acknowledged

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
