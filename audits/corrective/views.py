"""Pages of corrective actions, complaints and appeals. Thin: fetch with a rights
helper (403 when refused), bind the form, call one service, redirect."""

from collections import Counter
from datetime import timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits.corrective import exports, permissions, services
from audits.corrective.forms import (
    ActionFilterForm,
    AnswerForm,
    ComplaintActionForm,
    ComplaintAnswerForm,
    ComplaintForm,
    CorrectiveActionForm,
    ImplementedForm,
    VerifyForm,
)
from audits.corrective.models import Complaint, CorrectiveAction
from audits.errors import AuditRuleError
from audits.pages import form_page

CA = CorrectiveAction
PDF_ROW_LIMIT = 1000


# --- corrective actions ---------------------------------------------------------------------


def _filtered_actions(request):
    form = ActionFilterForm(request.GET or None)
    actions = CA.objects.visible_to(request.user).select_related(
        "department", "owner", "clause", "finding__audit"
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            actions = actions.filter(
                Q(number__icontains=data["q"]) | Q(nonconformity__icontains=data["q"])
            )
        if data["state"]:
            actions = actions.filter(state=data["state"])
        if data["source"]:
            actions = actions.filter(source=data["source"])
        if data["department"]:
            actions = actions.filter(department=data["department"])
        if data["overdue"]:
            actions = actions.overdue()
    return form, actions


def actions(request):
    form, rows = _filtered_actions(request)
    kind = request.GET.get("export")
    if kind == "xlsx":
        return exports.actions_xlsx(rows)
    if kind == "pdf":
        # WeasyPrint takes about 20 ms a row (bench/audits_log.py): past the limit the
        # request would time out, so the person narrows the log or takes the .xlsx.
        if rows.count() > PDF_ROW_LIMIT:
            messages.error(
                request,
                _("The PDF takes at most %(limit)d actions: filter the log, or export .xlsx.")
                % {"limit": PDF_ROW_LIMIT},
            )
            query = request.GET.copy()
            query.pop("export", None)
            return redirect(f"{reverse('audits:actions')}?{query.urlencode()}")
        return exports.actions_pdf(rows, form)
    today = timezone.localdate()
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    for action in page:
        action.age = action.age_days(today)
        action.overdue = action.is_overdue(today)
    counts = Counter(rows.values_list("state", flat=True))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("export", None)
    return render(
        request,
        "audits/actions.html",
        {
            "form": form,
            "page_obj": page,
            "today": today,
            "counts": [(label, counts[value]) for value, label in CA.State.choices],
            "overdue": rows.overdue().count(),
            "query": query.urlencode(),
            "can_manage": permissions.can_manage(request.user),
        },
    )


def action_create(request):
    permissions.require_manager(request.user)
    form = CorrectiveActionForm(request.POST or None)
    if form.is_valid():
        data = form.cleaned_data
        action = services.open_corrective_action(
            actor=request.user,
            source=data["source"],
            department=data["department"],
            nonconformity=data["nonconformity"],
            due_date=data["due_date"],
            owner=data["owner"],
            clause=data["clause"],
            verification_interval_days=data["verification_interval_days"],
        )
        messages.success(
            request, _("Corrective action %(number)s opened.") % {"number": action.number}
        )
        return redirect(action)
    return form_page(
        request,
        form,
        _("New corrective action"),
        "audits:actions",
        intro=_(
            "For a nonconformity found outside an audit: a process failure, an external "
            "audit finding. Complaints and appeals open theirs from the complaint's page."
        ),
    )


def action_detail(request, pk):
    action = permissions.get_action_for_user(request.user, pk)
    can_answer = permissions.can_answer_action(request.user, action)
    return render(
        request,
        "audits/action.html",
        {
            "action": action,
            "events": action.events.select_related("actor"),
            "answer_form": AnswerForm.for_action(action)
            if can_answer and action.state in CA.ANSWERABLE_STATES
            else None,
            "implemented_form": ImplementedForm(initial={"implemented_on": timezone.localdate()})
            if can_answer and action.state == CA.State.PLANNED
            else None,
            "verify_form": VerifyForm(user=request.user)
            if permissions.can_verify_action(request.user, action)
            and action.state == CA.State.AWAITING_VERIFICATION
            else None,
            "verification_is_due": action.verification_is_due(),
            "today": timezone.localdate(),
        },
    )


def _action_post(request, action, form, call):
    """Run ``call(form)`` for a valid form; re-display the page with errors otherwise."""
    if form.is_valid():
        try:
            call(form.cleaned_data)
        except AuditRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect(action)
    can_answer = permissions.can_answer_action(request.user, action)
    context = {
        "action": action,
        "events": action.events.select_related("actor"),
        "answer_form": None,
        "implemented_form": None,
        "verify_form": None,
        "verification_is_due": action.verification_is_due(),
        "today": timezone.localdate(),
        "can_answer": can_answer,
    }
    context[form.slot] = form
    return render(request, "audits/action.html", context, status=422)


@require_POST
def action_answer(request, pk):
    action = permissions.get_rw_action_for_user(request.user, pk)
    form = AnswerForm(request.POST)
    form.slot = "answer_form"
    return _action_post(
        request,
        action,
        form,
        lambda d: services.answer_corrective_action(
            action=action,
            actor=request.user,
            correction=d["correction"],
            whys=form.whys(),
            root_cause=d["root_cause"],
            action_plan=d["action_plan"],
            due_date=d["due_date"],
        ),
    )


@require_POST
def action_implemented(request, pk):
    action = permissions.get_rw_action_for_user(request.user, pk)
    form = ImplementedForm(request.POST)
    form.slot = "implemented_form"
    return _action_post(
        request,
        action,
        form,
        lambda d: services.mark_implemented(
            action=action, actor=request.user, implemented_on=d["implemented_on"], note=d["note"]
        ),
    )


@require_POST
def action_verify(request, pk):
    action = permissions.get_verifiable_action_for_user(request.user, pk)
    form = VerifyForm(request.POST, user=request.user, request=request)
    form.slot = "verify_form"
    return _action_post(
        request,
        action,
        form,
        lambda d: services.verify_effectiveness(
            action=action,
            actor=request.user,
            effective=d["effective"],
            note=d["note"],
            auth_method=form.method,
        ),
    )


# --- complaints ---------------------------------------------------------------------------


def complaints(request):
    permissions.require_complaint_reader(request.user)
    rows = (
        Complaint.objects.select_related("department", "unit")
        .annotate(action_count=Count("corrective_actions"))
        .order_by("-received_on", "-pk")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audits/complaints.html",
        {"page_obj": page, "can_manage": permissions.can_manage(request.user)},
    )


def complaint_create(request):
    permissions.require_manager(request.user)
    form = ComplaintForm(request.POST or None)
    if form.is_valid():
        complaint = services.record_complaint(actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("Complaint recorded."))
        return redirect(complaint)
    return form_page(request, form, _("Record a complaint or appeal"), "audits:complaints")


def complaint_detail(request, pk):
    complaint = permissions.get_complaint_for_user(request.user, pk)
    manage = permissions.can_manage(request.user)
    answer_form = ComplaintAnswerForm(
        request.POST or None, initial={"response": complaint.response}
    )
    action_form = ComplaintActionForm(
        initial={"due_date": timezone.localdate() + timedelta(days=30)}
    )
    if request.method == "POST":
        permissions.require_manager(request.user)
        if request.POST.get("do") == "action":
            action_form = ComplaintActionForm(request.POST)
            if action_form.is_valid():
                action = services.action_from_complaint(
                    complaint=complaint,
                    actor=request.user,
                    due_date=action_form.cleaned_data["due_date"],
                )
                messages.success(
                    request, _("Corrective action %(number)s opened.") % {"number": action.number}
                )
                return redirect(action)
        elif answer_form.is_valid():
            try:
                services.answer_complaint(
                    complaint=complaint,
                    actor=request.user,
                    response=answer_form.cleaned_data["response"],
                )
            except AuditRuleError as error:
                answer_form.add_error(None, str(error))
            else:
                messages.success(request, _("Saved."))
                return redirect(complaint)
    return render(
        request,
        "audits/complaint.html",
        {
            "complaint": complaint,
            "actions": complaint.corrective_actions.all(),
            "answer_form": answer_form if manage else None,
            "action_form": action_form if manage else None,
        },
    )
