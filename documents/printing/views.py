"""Printed output: an edition's PDF and Word file, and the builds page of the manual and reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.models import ManualBuild
from documents.permissions import may_cancel_builds, readable_revision_or_403
from documents.printing import editions, manual, services
from documents.printing.forms import VerifyPdfForm
from documents.printing.pdf import RenderError
from documents.printing.verification import verify_document_pdf
from documents.wordio import writer
from ims import signing
from ims.pdf import pdf_response
from ims.permissions import is_secretariat
from ims.signing import SigningError


@login_required
def edition_pdf(request, code: str, number: int):
    """The PDF of one edition: cached when effective, watermarked when not in force."""
    revision = readable_revision_or_403(request.user, code, number)
    try:
        data = editions.edition_pdf_bytes(revision)
    except (RenderError, SigningError) as error:
        messages.error(request, str(error))
        return redirect(revision.get_absolute_url())
    return pdf_response(data, f"{revision.document.code}-lan-{revision.number:02d}.pdf")


@login_required
def edition_docx(request, code: str, number: int):
    """One edition as a Word file, in the layout of its PDF."""
    revision = readable_revision_or_403(request.user, code, number)
    response = HttpResponse(writer.edition_to_docx(revision), content_type=writer.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{writer.docx_filename(revision)}"'
    return response


def _builds_context(request) -> dict:
    builds = list(ManualBuild.objects.select_related("requested_by", "school_year")[:50])
    return {
        "builds": builds,
        "under_way": any(not build.is_finished for build in builds),
        "may_cancel": may_cancel_builds(request.user),
        "signing": signing.status(),
    }


@login_required
def builds(request):
    """The secretariat's page: start a build, watch it run, cancel it, download any past one."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    manual.fail_stalled_builds()  # what stopped moving reads "failed", with the reason
    context = _builds_context(request)
    if request.headers.get("HX-Request"):
        return render(request, "documents/manual_builds_table.html", context)
    return render(request, "documents/manual_builds.html", context)


@login_required
@require_POST
def start_build(request):
    if not is_secretariat(request.user):
        raise PermissionDenied
    kind = request.POST.get("kind", ManualBuild.Kind.MANUAL)
    if kind not in ManualBuild.Kind.values:
        messages.error(request, _("Unknown kind of build."))
        return redirect("documents:builds")
    try:
        services.request_build(kind=kind, actor=request.user)
    except services.BuildRefused as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The build has started; this page shows its progress."))
    return redirect("documents:builds")


@login_required
@require_POST
def cancel_build(request, pk: int):
    build = get_object_or_404(ManualBuild, pk=pk)
    if services.cancel_manual_build(build=build, actor=request.user):
        messages.success(request, _("The build was cancelled. A new one can be started."))
    else:
        messages.info(request, _("This build had already finished; nothing was cancelled."))
    return redirect("documents:builds")


def _may_download(user, build: ManualBuild) -> bool:
    # The manual is published to everybody who reads documents; the reports list
    # people and are for the secretariat.
    if is_secretariat(user):
        return True
    return build.kind == ManualBuild.Kind.MANUAL and user.has_perm("documents.view_document")


@login_required
def build_download(request, pk: int):
    build = get_object_or_404(ManualBuild, pk=pk)
    if not _may_download(request.user, build):
        raise PermissionDenied
    if build.state != ManualBuild.State.DONE or not build.file:
        raise Http404
    return FileResponse(
        build.file.open("rb"), content_type="application/pdf", filename=build.filename()
    )


@login_required
def latest_manual(request):
    """The newest finished manual, whatever builds failed after it."""
    build = (
        ManualBuild.objects.filter(kind=ManualBuild.Kind.MANUAL, state=ManualBuild.State.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )
    if build is None:
        raise Http404(_("No manual has been built yet."))
    return build_download(request, build.pk)


@login_required
def verify(request):
    """Upload a PDF: is it a genuine, unaltered IMS document, which one, signed by whom."""
    result = None
    bound = request.method == "POST"
    form = VerifyPdfForm(request.POST if bound else None, request.FILES if bound else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = verify_document_pdf(b"".join(upload.chunks()))
    return render(
        request,
        "documents/verify.html",
        {"form": form, "result": result, "signing": signing.status()},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
