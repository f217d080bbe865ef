"""Pages of the context register (4.1) and the interested parties (4.2): thin views
that fetch with ``context.permissions``, bind a form, call one service and redirect."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from context import exports, permissions, query, services
from context.errors import ContextRuleError
from context.forms import (
    CloseForm,
    GroupingForm,
    IssueFilterForm,
    IssueForm,
    LinkForm,
    NeedForm,
    PartyFilterForm,
    PartyForm,
    RetireForm,
    ReviewForm,
)
from context.history import entries
from context.models import ContextSettings, Issue, Need, Party
from ims.models import Department
from ims.permissions import department_of
from ims.query import int_param


def _filters(form_class, request):
    form = form_class(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form, data


def issues(request):
    permissions.require_viewer(request.user)
    today = timezone.localdate()
    form, data = _filters(IssueFilterForm, request)
    rows = query.filtered_issues(data, today)
    if request.GET.get("export") == "xlsx":
        return exports.issues_xlsx(rows)
    settings_row = ContextSettings.current()
    rows = list(rows)
    query_string = request.GET.copy()
    query_string.pop("export", None)
    return render(
        request,
        "context/issues.html",
        {
            "form": form,
            "columns": query.grid(rows, settings_row.grouping),
            "count": len(rows),
            "grouping": settings_row.grouping,
            "grouping_form": GroupingForm(
                initial={"grouping": settings_row.grouping, "version": settings_row.version}
            )
            if permissions.can_set_grouping(request.user)
            else None,
            "can_add": permissions.can_add_issue(request.user),
            "today": today,
            "query": query_string.urlencode(),
        },
    )


@require_POST
def grouping(request):
    if not permissions.can_set_grouping(request.user):
        raise PermissionDenied
    form = GroupingForm(request.POST)
    if form.is_valid():
        try:
            services.set_grouping(actor=request.user, **form.cleaned_data)
        except ContextRuleError as error:
            messages.error(request, str(error))
    return redirect("context:issues")


def _issue_department_choices(user):
    if permissions.can_manage_all(user):
        return None
    own = department_of(user)
    return Department.objects.filter(pk=own.pk if own else None)


def issue_create(request):
    if not permissions.can_add_issue(request.user):
        raise PermissionDenied
    choices = _issue_department_choices(request.user)
    initial = {"department": department_of(request.user)} if choices is not None else {}
    form = IssueForm(request.POST or None, department_choices=choices, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            issue = services.add_issue(
                actor=request.user,
                fields=data,
                departments=data["departments"],
                procedures=data["procedures"],
            )
        except ContextRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Issue %(code)s recorded.") % {"code": issue.code})
            return redirect(issue)
    return render(request, "context/issue_form.html", {"form": form, "title": _("New issue")})


def issue(request, pk):
    issue = permissions.get_issue_for_user(request.user, pk)
    can_manage = permissions.can_manage_issue(request.user, issue)
    history = issue.history.select_related("history_user").order_by("-history_date", "-history_id")
    return render(
        request,
        "context/issue.html",
        {
            "issue": issue,
            "departments": issue.departments.all(),
            "procedures": issue.procedures.select_related("current"),
            "reviews": issue.reviews.select_related("reviewed_by"),
            "history": entries(history, Issue, m2m=("departments", "procedures")),
            "can_manage": can_manage,
            "review_form": ReviewForm() if can_manage and not issue.is_closed else None,
            "close_form": CloseForm(initial={"version": issue.version}, prefix="close")
            if can_manage and not issue.is_closed
            else None,
            "today": timezone.localdate(),
        },
    )


def issue_edit(request, pk):
    issue = permissions.get_rw_issue_for_user(request.user, pk)
    choices = _issue_department_choices(request.user)
    form = IssueForm(request.POST or None, instance=issue, department_choices=choices)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.update_issue(
                actor=request.user,
                issue=issue,
                fields=data,
                version=data["version"],
                departments=data["departments"],
                procedures=data["procedures"],
            )
        except ContextRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Issue saved."))
            return redirect("context:issue", pk=issue.pk)
    return render(
        request,
        "context/issue_form.html",
        {"form": form, "title": _("Edit issue %(code)s") % {"code": issue.code}, "issue": issue},
    )


@require_POST
def issue_review(request, pk):
    issue = permissions.get_rw_issue_for_user(request.user, pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.review_issue(actor=request.user, issue=issue, note=form.cleaned_data["note"])
        except ContextRuleError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Review recorded; the next one is due in twelve months."))
    else:
        messages.error(request, _("Write the conclusion of the review."))
    return redirect("context:issue", pk=issue.pk)


@require_POST
def issue_close(request, pk):
    issue = permissions.get_rw_issue_for_user(request.user, pk)
    form = CloseForm(request.POST, prefix="close")
    if form.is_valid():
        try:
            services.close_issue(actor=request.user, issue=issue, **form.cleaned_data)
        except ContextRuleError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Issue closed."))
    else:
        messages.error(request, _("Say why the issue is closed."))
    return redirect("context:issue", pk=issue.pk)


# --- interested parties ----------------------------------------------------------------


def parties(request):
    permissions.require_viewer(request.user)
    form, data = _filters(PartyFilterForm, request)
    rows = query.parties_with_needs(
        kind=data.get("kind", ""),
        unmet=data.get("unmet", False),
        retired=data.get("retired", False),
    )
    if request.GET.get("export") == "xlsx":
        return exports.parties_xlsx(rows)
    query_string = request.GET.copy()
    query_string.pop("export", None)
    return render(
        request,
        "context/parties.html",
        {
            "form": form,
            "parties": rows,
            "unmet": sum(
                need.is_unmet
                for party in rows
                if not party.is_retired
                for need in party.needs.all()
            ),
            "can_manage": permissions.can_manage_parties(request.user),
            "query": query_string.urlencode(),
        },
    )


def party_create(request):
    if not permissions.can_manage_parties(request.user):
        raise PermissionDenied
    form = PartyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        party = services.add_party(actor=request.user, fields=form.cleaned_data)
        messages.success(
            request, _("Interested party recorded: now add its needs and expectations.")
        )
        return redirect(party)
    return render(
        request, "context/party_form.html", {"form": form, "title": _("New interested party")}
    )


def party(request, pk):
    party = permissions.get_party_for_user(request.user, pk)
    party = query.parties_with_needs(pk=party.pk)[0]
    can_manage = permissions.can_manage_parties(request.user)
    changes_needs = can_manage and not party.is_retired
    history = party.history.select_related("history_user").order_by("-history_date", "-history_id")
    return render(
        request,
        "context/party.html",
        {
            "party": party,
            "can_manage": can_manage,
            "changes_needs": changes_needs,
            "need_form": NeedForm() if changes_needs else None,
            "link_form": LinkForm(party=party) if changes_needs and party.needs.all() else None,
            "retire_form": (
                RetireForm(initial={"version": party.version}, prefix="retire")
                if changes_needs
                else None
            ),
            "retired_needs": Need.objects.filter(party=party, retired_on__isnull=False).order_by(
                "-retired_on", "pk"
            ),
            "history": entries(history, Party),
        },
    )


def party_edit(request, pk):
    party = permissions.get_rw_party_for_user(request.user, pk)
    form = PartyForm(request.POST or None, instance=party)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.update_party(
                actor=request.user, party=party, fields=data, version=data["version"]
            )
        except ContextRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Interested party saved."))
            return redirect(party)
    return render(
        request,
        "context/party_form.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": party.name}, "party": party},
    )


def _retire(request, retire, *, done: str, missing: str):
    """Take a party or a need out of the register (``retire``) with the posted reason."""
    form = RetireForm(request.POST, prefix="retire")
    if not form.is_valid():
        messages.error(request, missing)
        return
    try:
        retire(actor=request.user, **form.cleaned_data)
    except ContextRuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)


def _reinstate(request, reinstate, *, done: str):
    # A version that is not a number is a stale form: 0 matches no row's version.
    version = int_param(request, "version", source=request.POST) or 0
    try:
        reinstate(actor=request.user, version=version)
    except ContextRuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)


@require_POST
def party_retire(request, pk):
    party = permissions.get_rw_party_for_user(request.user, pk)
    _retire(
        request,
        lambda **kw: services.retire_party(party=party, **kw),
        done=_("%(name)s is no longer in the register; it stays on file.") % {"name": party.name},
        missing=_("Say why the party is no longer relevant."),
    )
    return redirect(party)


@require_POST
def party_reinstate(request, pk):
    party = permissions.get_rw_party_for_user(request.user, pk)
    _reinstate(
        request,
        lambda **kw: services.reinstate_party(party=party, **kw),
        done=_("%(name)s is back in the register.") % {"name": party.name},
    )
    return redirect(party)


@require_POST
def need_retire(request, pk):
    need = permissions.get_rw_need_for_user(request.user, pk)
    _retire(
        request,
        lambda **kw: services.retire_need(need=need, **kw),
        done=_("The need is no longer in the register; it stays on the party's page."),
        missing=_("Say why the need is no longer relevant."),
    )
    return redirect(need.party)


@require_POST
def need_reinstate(request, pk):
    need = permissions.get_rw_need_for_user(request.user, pk)
    _reinstate(
        request,
        lambda **kw: services.reinstate_need(need=need, **kw),
        done=_("The need is back in the register."),
    )
    return redirect(need.party)


@require_POST
def need_create(request, pk):
    party = permissions.get_rw_party_for_user(request.user, pk)
    form = NeedForm(request.POST)
    if form.is_valid():
        try:
            services.add_need(actor=request.user, party=party, text=form.cleaned_data["text"])
        except ContextRuleError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Need added. Link it to how it is met and how it is monitored.")
            )
    else:
        messages.error(request, _("Write the need or expectation."))
    return redirect(party)


def need_edit(request, pk):
    need = permissions.get_rw_need_for_user(request.user, pk)
    form = NeedForm(request.POST or None, initial={"text": need.text, "version": need.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_need(
                actor=request.user,
                need=need,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"] or 0,
            )
        except ContextRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Need saved."))
            return redirect(need.party)
    history = need.history.select_related("history_user").order_by("-history_date", "-history_id")
    return render(
        request,
        "context/need_form.html",
        {
            "form": form,
            "title": _("Edit a need of %(name)s") % {"name": need.party.name},
            "need": need,
            "retire_form": (
                RetireForm(initial={"version": need.version}, prefix="retire")
                if not need.is_retired and not need.party.is_retired
                else None
            ),
            "history": entries(history, Need),
        },
    )


@require_POST
def link_create(request, pk):
    party = permissions.get_rw_party_for_user(request.user, pk)
    form = LinkForm(request.POST, party=party)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.link_need(
                actor=request.user,
                need=data["need"],
                role=data["role"],
                target=data["target"],
                obj=data["obj"],
            )
        except ContextRuleError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Link added."))
            return redirect(f"{party.get_absolute_url()}#need-{data['need'].pk}")
    else:
        errors = [str(e) for e in form.non_field_errors()] + [
            f"{form.fields[name].label}: {' '.join(errs)}"
            for name, errs in form.errors.items()
            if name != "__all__"
        ]
        messages.error(request, " ".join(errors))
    return redirect(f"{party.get_absolute_url()}#add-link")


@require_POST
def link_remove(request, pk):
    link = permissions.get_rw_link_for_user(request.user, pk)
    try:
        services.unlink_need(actor=request.user, link=link)
    except ContextRuleError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Link removed."))
    return redirect(f"{link.need.party.get_absolute_url()}#need-{link.need_id}")


def print_pdf(request):
    permissions.require_viewer(request.user)
    return exports.context_pdf()
