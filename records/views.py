"""Pages of the records register. Thin: fetch with a rights helper (403 when refused),
bind the form, call one service, turn a domain error into a form error, redirect."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ims.models import Department
from ims.query import int_param
from ims.uploads import serve_upload
from records import exports, permissions, services
from records.forms import (
    RECORD_KINDS,
    ApproveForm,
    ProposalForm,
    RecordEntryForm,
    RegisterFilterForm,
    SeriesForm,
)
from records.history import changes
from records.models import DisposalProposal
from records.query import register_rows
from records.reminders import past_retention_by_department


def register(request):
    permissions.require_reader(request.user)
    today = timezone.localdate()
    form = RegisterFilterForm(request.GET)
    rows = register_rows(form, today)
    if request.GET.get("export") == "xlsx":
        return exports.register_xlsx(rows)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "records/register.html",
        {
            "form": form,
            "page_obj": page,
            "query": query.urlencode(),
            "can_sync": permissions.can_sync(request.user),
            "can_propose": permissions.can_propose(request.user),
        },
    )


@require_POST
def sync(request):
    if not permissions.can_sync(request.user):
        raise PermissionDenied
    result = services.sync_all_series(actor=request.user)
    messages.success(
        request,
        _("Synced: %(created)d new, %(updated)d updated, %(dropped)d no longer required.")
        % {"created": result.created, "updated": result.updated, "dropped": result.dropped},
    )
    return redirect("records:register")


def series(request, pk):
    row = permissions.get_series_for_user(request.user, pk)
    entries = row.entries.select_related("logged_by", "proposal")
    return render(
        request,
        "records/series.html",
        {
            "series": row,
            "entries": entries,
            "history": changes(row),
            "can_manage": permissions.can_manage_series(request.user, row),
            "can_log": permissions.can_log(request.user, row),
        },
    )


def series_edit(request, pk):
    row = permissions.get_rw_series_for_user(request.user, pk)
    initial = {
        "form": row.form,
        "keeper": row.keeper,
        "place": row.place,
        "medium": row.medium,
        "retention": row.retention,
        "retention_months": row.retention_months,
        "version": row.version,
    }
    form = SeriesForm(request.POST or None, initial=initial, series=row)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.save_series(series=row, actor=request.user, data=data, version=data["version"])
        except services.RecordsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Series saved."))
            return redirect(row)
    return render(
        request,
        "records/series_form.html",
        {"series": row, "form": form, "title": _("Edit record series")},
    )


def log(request, pk):
    row = permissions.get_loggable_series_for_user(request.user, pk)
    form = RecordEntryForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.log_record(
                series=row,
                actor=request.user,
                period=data["period"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                description=data["description"],
                location=data["location"],
                count=data["count"],
                upload=data["file"],
            )
        except services.RecordsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Records logged."))
            return redirect(row)
    return render(request, "records/log_form.html", {"series": row, "form": form})


def entry_file(request, pk):
    entry = permissions.get_entry_for_user(request.user, pk)
    if not entry.file:
        raise Http404
    return serve_upload(entry.file, filename=entry.file_name or "record", kinds=RECORD_KINDS)


def proposals(request):
    permissions.require_reader(request.user)
    today = timezone.localdate()
    due = past_retention_by_department(today) if permissions.can_propose(request.user) else []
    due = [row for row in due if permissions.can_propose(request.user, row["department"])]
    rows = DisposalProposal.objects.select_related("department", "proposed_by")
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    return render(request, "records/proposals.html", {"page_obj": page, "due": due})


def proposal_create(request):
    department_id = int_param(request, "department")
    if department_id is None:
        raise Http404
    department = get_object_or_404(Department, pk=department_id)
    if not permissions.can_propose(request.user, department):
        raise PermissionDenied
    candidates = services.disposal_candidates(department, timezone.localdate())
    form = ProposalForm(
        request.POST or None,
        candidates=candidates,
        initial={"entries": list(candidates)} if request.method == "GET" else None,
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.propose_disposal(
                department=department,
                actor=request.user,
                entries=list(data["entries"]),
                method=data["method"],
                council=data["council"],
                place=data["place"],
                reason=data["reason"],
            )
        except services.RecordsError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Proposal %(reference)s opened: it waits for the approvals.")
                % {"reference": proposal.reference},
            )
            return redirect(proposal)
    return render(
        request,
        "records/proposal_form.html",
        {"form": form, "department": department, "has_candidates": candidates.exists()},
    )


def proposal(request, pk):
    row = permissions.get_proposal_for_user(request.user, pk)
    entries = row.entries.select_related("series__document")
    return render(
        request,
        "records/proposal.html",
        {
            "proposal": row,
            "entries": entries,
            "signoffs": row.signoffs.select_related("user"),
            "signing_role": permissions.signing_role(request.user, row),
            "can_withdraw": permissions.can_withdraw(request.user, row),
            "approve_form": ApproveForm(),
            "history": changes(row),
        },
    )


@require_POST
def proposal_approve(request, pk):
    row = permissions.get_proposal_for_user(request.user, pk)
    if permissions.signing_role(request.user, row) is None:
        raise PermissionDenied
    form = ApproveForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    try:
        row = services.approve_disposal(proposal=row, actor=request.user, comment=comment)
    except services.RecordsError as error:
        messages.error(request, str(error))
    else:
        if row.status == DisposalProposal.Status.DISPOSED:
            messages.success(request, _("Approved: the records are disposed of."))
        else:
            messages.success(request, _("Approved: the other approval is awaited."))
    return redirect(row)


@require_POST
def proposal_withdraw(request, pk):
    row = permissions.get_proposal_for_user(request.user, pk)
    if not permissions.can_withdraw(request.user, row):
        raise PermissionDenied
    services.withdraw_disposal(proposal=row, actor=request.user)
    messages.success(request, _("Proposal withdrawn; nothing was removed."))
    return redirect(row)


def proposal_pdf(request, pk):
    row = permissions.get_proposal_for_user(request.user, pk)
    if row.status != DisposalProposal.Status.DISPOSED:
        raise Http404
    return exports.disposal_pdf(row)
