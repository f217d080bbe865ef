"""Pages of the conformity announcement and the yearly report. Thin: fetch with a
rights helper (403 when refused), bind the form, call one service, redirect."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from conformity import exports, permissions, scope, services
from conformity.forms import AnnouncementForm, PublicationForm, ReportEditForm, ReportForm
from conformity.models import Announcement, YearlyReport


def index(request):
    """The announcements issued, the changes of scope since the last one, the reports."""
    permissions.require_viewer(request.user)
    announcements = list(Announcement.objects.select_related("issued_by"))
    return render(
        request,
        "conformity/index.html",
        {
            "announcements": announcements,
            "draft": next((a for a in announcements if a.is_draft), None),
            "changes": scope.scope_changes(),
            "scope": scope.current_scope(),
            "reports": YearlyReport.objects.all(),
            "can_manage": permissions.can_manage(request.user),
        },
    )


def scope_export(request):
    permissions.require_viewer(request.user)
    return exports.scope_xlsx(scope.current_scope(), scope.scope_changes())


@require_POST
def announcement_create(request):
    permissions.require_manager(request.user)
    try:
        announcement = services.draft_announcement(actor=request.user)
    except services.ConformityError as error:
        messages.error(request, str(error))
        return redirect("conformity:index")
    messages.success(request, _("The draft decision is drawn from the procedures in force."))
    return redirect(announcement)


def announcement_detail(request, pk):
    announcement = permissions.get_announcement_for_user(request.user, pk)
    manage = permissions.can_manage(request.user)
    form = publication = None
    if manage and announcement.is_draft:
        form = AnnouncementForm(
            request.POST or None,
            instance=announcement,
            initial={"version": announcement.version},
        )
        if request.method == "POST" and form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            try:
                services.update_announcement(
                    actor=request.user,
                    announcement=announcement,
                    fields=fields,
                    version=form.cleaned_data["version"],
                )
            except services.ConformityError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect(announcement)
    elif manage:
        publication = PublicationForm(instance=announcement)
    return render(
        request,
        "conformity/announcement.html",
        {
            "announcement": announcement,
            "form": form,
            "publication": publication,
            "can_manage": manage,
            "history": announcement.history.select_related("history_user")[:20],
        },
    )


@require_POST
def announcement_issue(request, pk):
    announcement = permissions.get_rw_announcement_for_user(request.user, pk)
    try:
        services.issue_announcement(actor=request.user, announcement=announcement)
    except services.ConformityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The announcement is issued; its scope is kept as it is now."))
    return redirect(announcement)


@require_POST
def announcement_publication(request, pk):
    announcement = permissions.get_rw_announcement_for_user(request.user, pk)
    form = PublicationForm(request.POST, instance=Announcement.objects.get(pk=announcement.pk))
    if form.is_valid():
        try:
            services.record_publication(
                actor=request.user, announcement=announcement, **form.cleaned_data
            )
        except services.ConformityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect(announcement)
    return render(
        request,
        "conformity/announcement.html",
        {
            "announcement": announcement,
            "publication": form,
            "can_manage": True,
            "history": announcement.history.select_related("history_user")[:20],
        },
    )


def announcement_pdf(request, pk):
    announcement = permissions.get_announcement_for_user(request.user, pk)
    return exports.announcement_pdf(announcement)


def report_create(request):
    permissions.require_manager(request.user)
    form = ReportForm(request.POST or None)
    if form.is_valid():
        report = services.compile_report(actor=request.user, fields=form.cleaned_data)
        messages.success(
            request,
            _("The report is compiled from the data of the period: edit, then freeze it."),
        )
        return redirect(report)
    return render(
        request,
        "conformity/form.html",
        {"form": form, "title": _("Compile a yearly report"), "back_url": "conformity:index"},
    )


def report_detail(request, pk):
    report = permissions.get_report_for_user(request.user, pk)
    form = None
    if permissions.can_manage(request.user) and not report.is_frozen:
        form = ReportEditForm(request.POST or None, report=report)
        if request.method == "POST" and form.is_valid():
            try:
                services.update_report(
                    actor=request.user,
                    report=report,
                    fields=form.particulars(),
                    texts=form.texts(),
                    version=form.cleaned_data["version"],
                )
            except services.ConformityError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect(report)
    return render(
        request,
        "conformity/report.html",
        {"report": report, "form": form, "can_manage": permissions.can_manage(request.user)},
    )


@require_POST
def report_freeze(request, pk):
    report = permissions.get_rw_report_for_user(request.user, pk)
    try:
        services.freeze_report(actor=request.user, report=report)
    except services.ConformityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The report is frozen: it no longer changes."))
    return redirect(report)


def report_pdf(request, pk):
    report = permissions.get_report_for_user(request.user, pk)
    return exports.report_pdf(report)
