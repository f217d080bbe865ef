"""The register page, its exports and the secretariat's imports. Thin views:
the query lives in ``documents.register.query``, the imports in ``documents.register.importing``."""

from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from documents.content import OTHER_LABEL, SECTION_LABELS
from documents.markup import render_markdown
from documents.models import Document, Revision
from documents.register import importing, query, word_body
from documents.register.forms import (
    BodyUploadForm,
    MasterListUploadForm,
    RegisterFilterForm,
    WordSetUploadForm,
)
from documents.wordio import batch
from documents.wordio import uploads as word_uploads
from ims.exports import csv_response, xlsx_response
from ims.permissions import role_required
from ims.query import text_param
from ims.roles import Role

PAGE_SIZE = 50
_SALT = "documents.import"


def _require_reader(user) -> None:
    if not user.has_perm("documents.view_document"):
        raise PermissionDenied


def register_page(request):
    _require_reader(request.user)
    form = RegisterFilterForm(request.GET or None)
    filters = form.filters() if request.GET else query.RegisterFilters()
    rows = query.register_rows(filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    context = {
        "form": form,
        "filters": filters,
        "page_obj": page,
        "rows": [
            (d, query.status_of(d, today=today), query.review_flag(d, today=today))
            for d in query.attach_work(page.object_list)
        ],
        "can_import": request.user.has_perm("documents.add_document"),
        "export_query": _export_query(request),
    }
    if request.headers.get("HX-Request"):
        context["redrawn"] = True  # the export links come along, out of band
        return render(request, "documents/register_results.html", context)
    return render(request, "documents/register.html", context)


def _export_query(request) -> str:
    """The filters on screen as a query string, for the export links (no page number:
    the export holds every row the filters keep)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def register_export(request, fmt: str):
    _require_reader(request.user)
    if fmt not in ("xlsx", "csv"):
        raise Http404
    form = RegisterFilterForm(request.GET or None)
    filters = form.filters() if request.GET else query.RegisterFilters()
    rows = query.export_rows(query.register_rows(filters))
    stamp = timezone.localdate().strftime("%Y%m%d")
    filename = f"danh-muc-tai-lieu-{stamp}"
    if fmt == "xlsx":
        return xlsx_response(
            f"{filename}.xlsx", query.export_headers(), rows, title=_("Master list")
        )
    return csv_response(f"{filename}.csv", query.export_headers(), rows)


@role_required(Role.ISO_SECRETARIAT)
@require_http_methods(["GET", "POST"])
def import_master_list(request):
    if request.method == "POST" and "payload" in request.POST:
        return _confirm_master_list(request)
    form = MasterListUploadForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST" and form.is_valid():
        try:
            rows = importing.read_master_list(form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc)
    return render(request, "documents/import_master_list.html", _preview_context(form, rows))


def _preview_context(form, rows):
    context = {"form": form, "rows": rows}
    if rows is not None:
        errors = sum(1 for r in rows if r.errors)
        context.update(
            errors=errors,
            to_create=sum(1 for r in rows if not r.errors and not r.unchanged),
            unchanged=sum(1 for r in rows if r.unchanged),
            payload=signing.dumps([r.raw for r in rows], salt=_SALT, compress=True)
            if not errors
            else "",
        )
    return context


def _confirm_master_list(request):
    try:
        raw_rows = signing.loads(request.POST["payload"], salt=_SALT, max_age=3600)
    except signing.BadSignature:
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect("documents:import_master_list")
    # The register may have changed since the preview: check every row again.
    rows = importing.check_rows(raw_rows)
    if any(r.errors for r in rows):
        form = MasterListUploadForm()
        return render(request, "documents/import_master_list.html", _preview_context(form, rows))
    created = importing.import_master_list(actor=request.user, rows=rows)
    messages.success(
        request,
        _("%(count)d documents were added to the register.") % {"count": created},
    )
    return redirect("documents:register")


@role_required(Role.ISO_SECRETARIAT)
def import_body_pick(request):
    """The document whose text is imported, chosen by its code on the import page."""
    code = text_param(request, "code")
    document = Document.objects.filter(code__iexact=code).first()
    if document is None:
        messages.error(request, _("No document has the code “%(code)s”.") % {"code": code})
        return redirect("documents:import_master_list")
    return redirect("documents:import_body", code=document.code)


@role_required(Role.ISO_SECRETARIAT)
@require_http_methods(["GET", "POST"])
def import_body(request, code: str):
    document = get_object_or_404(Document, code=code)
    if request.method == "POST" and "payload" in request.POST:
        try:
            data = signing.loads(request.POST["payload"], salt=_SALT, max_age=3600)
        except signing.BadSignature:
            messages.error(request, _("The preview has expired; upload the file again."))
            return redirect("documents:import_body", code=document.code)
        try:
            revision = word_body.import_body(
                document=document,
                markdown_text=data.get("text", ""),
                content=data.get("content"),
                filename=data["file"],
                actor=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("documents:import_body", code=document.code)
        messages.success(
            request,
            _("The text of %(file)s is now in draft edition %(number)d.")
            % {"file": data["file"], "number": revision.number},
        )
        try:
            return redirect(revision.get_absolute_url())
        except NoReverseMatch:  # the edition pages are not installed
            return redirect("documents:register")
    form = BodyUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "document": document}
    if request.method == "POST" and form.is_valid() and document.has_sections:
        # A procedure is read the way a person reads it: sections, steps, records.
        upload = form.cleaned_data["file"]
        try:
            read = word_uploads.read_one(upload, kind=document.kind)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            content = {"body": read.other, "steps": read.steps, "records": read.records}
            content.update({k: read.sections.get(k, "") for k in word_body.PROCEDURE_SECTIONS})
            context.update(
                word=_set_context_file(read),
                payload=signing.dumps(
                    {"file": upload.name, "content": content}, salt=_SALT, compress=True
                ),
            )
        return render(request, "documents/import_body.html", context)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text, warnings = word_body.read_docx(upload)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            sections, rest = word_body.split_sections(text) if document.has_sections else ({}, text)
            context.update(
                # Sanitised by render_markdown: safe to show as it is.
                preview=mark_safe(render_markdown(text)),  # noqa: S308
                section_labels=[
                    str(Revision._meta.get_field(n).verbose_name) for n in sorted(sections)
                ],
                warnings=warnings,
                payload=signing.dumps({"text": text, "file": upload.name}, salt=_SALT),
            )
    return render(request, "documents/import_body.html", context)


# --- a whole set from Word ---------------------------------------------------------------------

_SET_SALT = "documents.import.word_set"


@role_required(Role.ISO_SECRETARIAT)
@require_http_methods(["GET", "POST"])
def import_word_set(request):
    """A .zip of Word files: a preview of what goes where, then the import on confirmation.

    The archive waits in private storage between the two steps (named by a signed
    token); confirming reads it again, as the register may have changed meanwhile.
    """
    if request.method == "POST" and "payload" in request.POST:
        return _confirm_word_set(request)
    form = WordSetUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        try:
            token = word_uploads.keep_archive(form.cleaned_data["file"])
            plans = word_uploads.read_kept(token)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            context.update(_set_context(plans))
            context["payload"] = signing.dumps(
                {"token": token, "user": request.user.pk}, salt=_SET_SALT
            )
    return render(request, "documents/import_word_set.html", context)


def _set_context_file(read) -> dict:
    """What the preview shows of one file read (see ``_word_read.html``)."""
    labels = {**SECTION_LABELS, "other": OTHER_LABEL, "body": _("Content")}
    return {
        "read": read,
        "sections": [str(labels[k]) for k in read.sections_filled],
        "other_html": mark_safe(render_markdown(read.other)),  # noqa: S308 (sanitised)
        "signoffs": [
            (label, read.signoffs.get(key, {}))
            for key, label in (
                ("prepared", _("Prepared")),
                ("reviewed", _("Reviewed")),
                ("approved", _("Approved")),
            )
        ],
    }


def _set_context(plans) -> dict:

    files = [{"plan": plan, **_set_context_file(plan.read)} for plan in plans]
    ready = sum(1 for p in plans if not p.errors)
    return {"files": files, "ready": ready, "failed": len(plans) - ready}


def _confirm_word_set(request):
    try:
        data = signing.loads(request.POST["payload"], salt=_SET_SALT, max_age=3600)
        if data.get("user") != request.user.pk:
            raise signing.BadSignature
        plans = word_uploads.read_kept(data["token"])
    except (signing.BadSignature, ValidationError):
        messages.error(request, _("The preview has expired; upload the file again."))
        return redirect("documents:import_word_set")
    importing_plans = [p for p in plans if not p.errors]
    batch.import_plans(actor=request.user, plans=importing_plans, attach=batch.default_attach())
    word_uploads.forget(data["token"])
    imported = [p for p in plans if p.revision is not None]
    context = _set_context(plans)
    context.update(done=True, imported=len(imported))
    if imported:
        messages.success(
            request,
            _("%(count)d documents were imported with their edition in force.")
            % {"count": len(imported)},
        )
    return render(request, "documents/import_word_set.html", context)
