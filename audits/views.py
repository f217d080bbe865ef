"""Pages of audits, corrective actions and management review. Thin: fetch with a
rights check (403 when refused), bind the form, call one service, redirect."""

from collections import Counter, defaultdict
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits import exports, permissions, services
from audits.forms import (
    ActionFilterForm,
    AnswerForm,
    AuditForm,
    ChecklistItemForm,
    ComplaintActionForm,
    ComplaintAnswerForm,
    ComplaintForm,
    CompleteAuditForm,
    CorrectiveActionForm,
    DecisionForm,
    FindingCorrectionForm,
    FindingForm,
    ImplementedForm,
    ProgrammeForm,
    ReviewForm,
    ReviewRecordForm,
    RoundForm,
    VerifyForm,
)
from audits.models import (
    READ_ALL_ROLES,
    Audit,
    AuditProgramme,
    AuditRound,
    ChecklistItem,
    Complaint,
    CorrectiveAction,
    Finding,
    ManagementReview,
    ReviewDecision,
)
from audits.services import AuditRuleError, ConflictError, can_manage
from ims.models import Clause
from ims.permissions import has_role, require_role
from ims.query import int_param

CA = CorrectiveAction
PDF_ROW_LIMIT = 1000


def _manager_only(user):
    if not can_manage(user):
        raise PermissionDenied


def _reader_only(user):
    require_role(user, *READ_ALL_ROLES)


def _form_page(request, form, title, back_url, *, intro=""):
    return render(
        request,
        "audits/form.html",
        {"form": form, "title": title, "back_url": back_url, "intro": intro},
    )


# --- programme, rounds --------------------------------------------------------------


def programmes(request):
    """The audit programmes, newest school year first. The audit department sees its audits."""
    if not has_role(request.user, *READ_ALL_ROLES):
        return redirect("audits:my_audits")
    items = AuditProgramme.objects.select_related("school_year").annotate(
        round_count=Count("rounds", distinct=True), audit_count=Count("rounds__audits")
    )
    return render(
        request,
        "audits/programmes.html",
        {"programmes": items, "can_manage": can_manage(request.user)},
    )


def my_audits(request):
    audits = (
        Audit.objects.visible_to(request.user)
        .select_related("round__programme__school_year", "department", "lead_auditor")
        .order_by("-date")
    )
    return render(request, "audits/my_audits.html", {"audits": audits})


def programme_create(request):
    _manager_only(request.user)
    form = ProgrammeForm(request.POST or None)
    if form.is_valid():
        programme = form.save(commit=False)
        programme.created_by = request.user
        programme.save()
        messages.success(request, _("Audit programme created."))
        return redirect(programme)
    return _form_page(request, form, _("New audit programme"), "audits:programmes")


def programme_detail(request, pk):
    _reader_only(request.user)
    programme = get_object_or_404(AuditProgramme.objects.select_related("school_year"), pk=pk)
    rounds = programme.rounds.annotate(
        audit_count=Count("audits", distinct=True),
        finding_count=Count("audits__findings"),
    )
    return render(
        request,
        "audits/programme.html",
        {"programme": programme, "rounds": rounds, "can_manage": can_manage(request.user)},
    )


def programme_edit(request, pk):
    _manager_only(request.user)
    programme = get_object_or_404(AuditProgramme, pk=pk)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(programme)
    return _form_page(request, form, str(programme), programme.get_absolute_url())


def round_create(request, programme_pk):
    _manager_only(request.user)
    programme = get_object_or_404(AuditProgramme, pk=programme_pk)
    form = RoundForm(request.POST or None, programme=programme)
    if form.is_valid():
        round = form.save(commit=False)
        round.programme = programme
        round.save()
        messages.success(request, _("Audit round created."))
        return redirect(round)
    return _form_page(request, form, _("New audit round"), programme.get_absolute_url())


def round_detail(request, pk):
    _reader_only(request.user)
    round = get_object_or_404(AuditRound.objects.select_related("programme__school_year"), pk=pk)
    audits = round.audits.select_related("department", "lead_auditor").annotate(
        finding_count=Count("findings", distinct=True),
        nc_count=Count(
            "findings", filter=Q(findings__grade__in=Finding.NONCONFORMITIES), distinct=True
        ),
    )
    return render(
        request,
        "audits/round.html",
        {"round": round, "audits": audits, "can_manage": can_manage(request.user)},
    )


def round_edit(request, pk):
    _manager_only(request.user)
    round = get_object_or_404(AuditRound, pk=pk)
    form = RoundForm(request.POST or None, instance=round, programme=round.programme)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(round)
    return _form_page(request, form, str(round), round.get_absolute_url())


# --- audits ---------------------------------------------------------------------------


def audit_create(request, round_pk):
    _manager_only(request.user)
    round = get_object_or_404(AuditRound, pk=round_pk)
    form = AuditForm(request.POST or None, round=round)
    if form.is_valid():
        try:
            audit = services.plan_audit(
                actor=request.user,
                round=round,
                fields=form.audit_fields(),
                clauses=form.cleaned_data["clauses"],
                team=form.cleaned_data["team"],
                documents=form.cleaned_data["documents"],
            )
        except AuditRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Audit planned."))
            return redirect(audit)
    return _form_page(request, form, _("Plan an audit"), round.get_absolute_url())


def audit_edit(request, pk):
    _manager_only(request.user)
    audit = get_object_or_404(Audit, pk=pk)
    form = AuditForm(request.POST or None, instance=audit, round=audit.round)
    if form.is_valid():
        try:
            services.update_audit(
                actor=request.user,
                audit=audit,
                fields=form.audit_fields(),
                clauses=form.cleaned_data["clauses"],
                team=form.cleaned_data["team"],
                documents=form.cleaned_data["documents"],
            )
        except AuditRuleError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Saved."))
            return redirect(audit)
    return _form_page(request, form, str(audit), audit.get_absolute_url())


def audit_detail(request, pk):
    audit = services.access_audit(request.user, pk)
    findings = audit.findings.select_related("clause", "department", "corrective_action")
    checklist = audit.checklist.all()
    done = sum(1 for item in checklist if item.result)
    return render(
        request,
        "audits/audit.html",
        {
            "audit": audit,
            "clauses": audit.clauses.all(),
            "documents": audit.documents.in_register_order(),
            "findings": findings,
            "checklist_total": len(checklist),
            "checklist_done": done,
            "can_manage": can_manage(request.user),
            "can_fill": services.can_fill_checklist(request.user, audit),
            "can_complete": permissions.can_complete_audit(request.user, audit),
            "complete_form": CompleteAuditForm(initial={"summary": audit.summary}),
        },
    )


@require_POST
def audit_complete(request, pk):
    audit = services.access_audit(request.user, pk)
    if not permissions.can_complete_audit(request.user, audit):
        raise PermissionDenied
    form = CompleteAuditForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors["summary"]))
        return redirect(audit)
    try:
        services.complete_audit(
            audit=audit, actor=request.user, summary=form.cleaned_data["summary"]
        )
    except AuditRuleError as error:
        messages.error(request, str(error))
        return redirect(audit)
    messages.success(request, _("The audit is completed."))
    return redirect(audit)


def audit_plan_pdf(request, pk):
    audit = services.access_audit(request.user, pk)
    return exports.audit_plan_pdf(audit)


def audit_report_pdf(request, pk):
    audit = services.access_audit(request.user, pk)
    return exports.audit_report_pdf(audit)


# --- checklist --------------------------------------------------------------------------


def checklist(request, pk):
    audit = services.access_audit(request.user, pk)
    items = audit.checklist.select_related("clause", "document", "updated_by").prefetch_related(
        "findings"
    )
    can_fill = services.can_fill_checklist(request.user, audit)
    rows = [
        (
            item,
            ChecklistItemForm(
                initial={"result": item.result, "evidence": item.evidence, "version": item.version},
                prefix=f"i{item.pk}",
            ),
        )
        for item in items
    ]
    return render(
        request,
        "audits/checklist.html",
        {"audit": audit, "rows": rows, "can_fill": can_fill},
    )


@require_POST
def checklist_generate(request, pk):
    audit = services.access_audit(request.user, pk)
    added, removed = services.generate_checklist(audit=audit, actor=request.user)
    messages.success(
        request,
        _("Checklist brought in line with the criteria: %(added)d added, %(removed)d removed.")
        % {"added": added, "removed": removed},
    )
    return redirect("audits:checklist", pk=audit.pk)


@require_POST
def checklist_item_save(request, pk):
    item = get_object_or_404(ChecklistItem.objects.select_related("audit", "clause"), pk=pk)
    services.access_audit(request.user, item.audit_id)
    form = ChecklistItemForm(request.POST, prefix=f"i{item.pk}")
    status = 200
    saved = False
    if form.is_valid():
        try:
            item = services.save_checklist_item(
                item=item,
                actor=request.user,
                result=form.cleaned_data["result"],
                evidence=form.cleaned_data["evidence"],
                version=form.cleaned_data["version"],
            )
            saved = True
            form = ChecklistItemForm(
                initial={"result": item.result, "evidence": item.evidence, "version": item.version},
                prefix=f"i{item.pk}",
            )
        except ConflictError as error:
            # Show their answer with the fresh version; the person's own text is kept.
            data = request.POST.copy()
            data[f"i{item.pk}-version"] = item.version
            form = ChecklistItemForm(data, prefix=f"i{item.pk}")
            form.is_valid()
            form.add_error(None, str(error))
            status = 409
    else:
        status = 422
    context = {"item": item, "form": form, "can_fill": True, "saved": saved, "audit": item.audit}
    if request.headers.get("HX-Request"):
        return render(
            request, "audits/_checklist_item.html", context, status=200 if saved else status
        )
    if saved:
        messages.success(request, _("Saved."))
        return redirect(reverse("audits:checklist", args=[item.audit_id]) + f"#item-{item.pk}")
    return render(request, "audits/checklist_item_page.html", context, status=status)


# --- findings -------------------------------------------------------------------------


def finding_create(request, pk):
    audit = services.access_audit(request.user, pk)
    if not services.can_fill_checklist(request.user, audit):
        raise PermissionDenied
    item = None
    item_pk = int_param(request, "item") or int_param(request, "item", source=request.POST)
    if item_pk:
        item = get_object_or_404(ChecklistItem, pk=item_pk, audit=audit)
    initial = {"department": audit.department}
    if item:
        initial.update(clause=item.clause, evidence=item.evidence, grade=item.finding_grade)
    form = FindingForm(request.POST or None, audit=audit, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        finding = services.record_finding(
            audit=audit,
            actor=request.user,
            grade=data["grade"],
            clause=data["clause"],
            department=data["department"],
            statement=data["statement"],
            evidence=data["evidence"],
            checklist_item=item,
            due_date=data["due_date"],
        )
        if finding.is_nonconformity:
            messages.success(
                request,
                _("Finding recorded; corrective action %(number)s opened for the department.")
                % {"number": finding.corrective_action.number},
            )
        else:
            messages.success(request, _("Finding recorded."))
        if item:
            return redirect(reverse("audits:checklist", args=[audit.pk]) + f"#item-{item.pk}")
        return redirect(audit)
    return render(
        request,
        "audits/finding_form.html",
        {"form": form, "audit": audit, "item": item},
    )


def finding_edit(request, pk):
    finding = get_object_or_404(Finding.objects.select_related("audit", "clause"), pk=pk)
    audit = services.access_audit(request.user, finding.audit_id)
    if not services.can_fill_checklist(request.user, audit):
        raise PermissionDenied
    form = FindingCorrectionForm(request.POST or None, instance=finding)
    if form.is_valid():
        data = form.cleaned_data
        services.correct_finding(
            finding=finding,
            actor=request.user,
            clause=data["clause"],
            statement=data["statement"],
            evidence=data["evidence"],
        )
        messages.success(request, _("Finding corrected."))
        return redirect(audit)
    return render(
        request,
        "audits/finding_form.html",
        {"form": form, "audit": audit, "finding": finding},
    )


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
            "can_manage": can_manage(request.user),
        },
    )


def action_create(request):
    _manager_only(request.user)
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
    return _form_page(
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
    action = services.access_action(request.user, pk)
    can_answer = services.can_answer_action(request.user, action)
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
            if can_manage(request.user) and action.state == CA.State.AWAITING_VERIFICATION
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
    can_answer = services.can_answer_action(request.user, action)
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
    action = services.access_action(request.user, pk)
    if not services.can_answer_action(request.user, action):
        raise PermissionDenied
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
    action = services.access_action(request.user, pk)
    if not services.can_answer_action(request.user, action):
        raise PermissionDenied
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
    action = services.access_action(request.user, pk)
    _manager_only(request.user)
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
    _reader_only(request.user)
    rows = (
        Complaint.objects.select_related("department", "unit")
        .annotate(action_count=Count("corrective_actions"))
        .order_by("-received_on", "-pk")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audits/complaints.html",
        {"page_obj": page, "can_manage": can_manage(request.user)},
    )


def complaint_create(request):
    _manager_only(request.user)
    form = ComplaintForm(request.POST or None)
    if form.is_valid():
        complaint = form.save(commit=False)
        complaint.recorded_by = request.user
        complaint.save()
        messages.success(request, _("Complaint recorded."))
        return redirect(complaint)
    return _form_page(request, form, _("Record a complaint or appeal"), "audits:complaints")


def complaint_detail(request, pk):
    _reader_only(request.user)
    complaint = get_object_or_404(Complaint.objects.select_related("department", "unit"), pk=pk)
    manage = can_manage(request.user)
    answer_form = ComplaintAnswerForm(
        request.POST or None, initial={"response": complaint.response}
    )
    action_form = ComplaintActionForm(
        initial={"due_date": timezone.localdate() + timedelta(days=30)}
    )
    if request.method == "POST":
        _manager_only(request.user)
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


# --- management review ------------------------------------------------------------------------


def reviews(request):
    _reader_only(request.user)
    rows = (
        ManagementReview.objects.select_related("school_year")
        .annotate(decision_count=Count("decisions"))
        .order_by("-meeting_date", "-pk")
    )
    return render(
        request, "audits/reviews.html", {"reviews": rows, "can_manage": can_manage(request.user)}
    )


def review_create(request):
    _manager_only(request.user)
    form = ReviewForm(request.POST or None)
    if form.is_valid():
        review = services.prepare_review(actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("The review is prepared: its inputs are compiled and frozen."))
        return redirect(review)
    return _form_page(
        request,
        form,
        _("Prepare a management review"),
        "audits:reviews",
        intro=_(
            "The inputs are compiled from the system's data for the period when you save, "
            "and kept as they are then."
        ),
    )


def review_detail(request, pk):
    _reader_only(request.user)
    review = get_object_or_404(
        ManagementReview.objects.select_related("school_year", "prepared_by"), pk=pk
    )
    manage = can_manage(request.user)
    return render(
        request,
        "audits/review.html",
        {
            "review": review,
            "decisions": review.decisions.select_related(
                "department", "owner", "corrective_action"
            ),
            "can_manage": manage,
            "decision_form": DecisionForm() if manage else None,
        },
    )


def review_edit(request, pk):
    _manager_only(request.user)
    review = get_object_or_404(ManagementReview, pk=pk)
    form = ReviewRecordForm(request.POST or None, instance=review)
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect(review)
    return _form_page(request, form, str(review), review.get_absolute_url())


@require_POST
def decision_create(request, pk):
    _manager_only(request.user)
    review = get_object_or_404(ManagementReview, pk=pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        decision = form.save(commit=False)
        decision.review = review
        decision.save()
        messages.success(request, _("Decision recorded."))
        return redirect(review)
    return render(
        request,
        "audits/review.html",
        {
            "review": review,
            "decisions": review.decisions.select_related(
                "department", "owner", "corrective_action"
            ),
            "can_manage": True,
            "decision_form": form,
        },
        status=422,
    )


def decision_edit(request, pk):
    """Correct a recorded decision; its history keeps what was written before."""
    _manager_only(request.user)
    decision = get_object_or_404(ReviewDecision.objects.select_related("review"), pk=pk)
    form = DecisionForm(request.POST or None, instance=decision)
    if form.is_valid():
        form.save()
        messages.success(request, _("Decision saved."))
        return redirect(decision.review)
    return _form_page(request, form, _("Edit a decision"), decision.review.get_absolute_url())


@require_POST
def decision_to_action(request, pk):
    _manager_only(request.user)
    decision = get_object_or_404(ReviewDecision, pk=pk)
    try:
        action = services.decision_to_corrective_action(decision=decision, actor=request.user)
    except AuditRuleError as error:
        messages.error(request, str(error))
        return redirect(decision.review)
    messages.success(request, _("Corrective action %(number)s opened.") % {"number": action.number})
    return redirect(action)


@require_POST
def decision_done(request, pk):
    _manager_only(request.user)
    decision = get_object_or_404(ReviewDecision, pk=pk)
    services.mark_decision_done(decision=decision, actor=request.user)
    messages.success(request, _("Saved."))
    return redirect(decision.review)


def review_pdf(request, pk):
    _reader_only(request.user)
    review = get_object_or_404(ManagementReview, pk=pk)
    return exports.review_pdf(review)


# --- clause map -------------------------------------------------------------------------------


def clause_map(request):
    """ISO 21001 and ISO 9001 side by side, as the integrated system maps them.

    A 9001 clause with no 21001 counterpart is shown where it falls in 9001's own
    order, before the first mapped row that comes after it.
    """
    clauses = list(Clause.objects.prefetch_related("counterparts"))
    by_standard = defaultdict(list)
    for clause in clauses:
        by_standard[clause.standard].append(clause)
    mapped = {
        other.pk
        for clause in by_standard[Clause.Standard.ISO_21001]
        for other in clause.counterparts.all()
    }
    unmapped = [c for c in by_standard[Clause.Standard.ISO_9001] if c.pk not in mapped]
    rows = []
    for clause in by_standard[Clause.Standard.ISO_21001]:
        others = [c for c in clause.counterparts.all() if c.standard == Clause.Standard.ISO_9001]
        if others:
            first = min(c.sort_key for c in others)
            while unmapped and unmapped[0].sort_key < first:
                rows.append({"iso21001": None, "iso9001": [unmapped.pop(0)]})
        rows.append({"iso21001": clause, "iso9001": others})
    rows += [{"iso21001": None, "iso9001": [c]} for c in unmapped]
    return render(request, "audits/clause_map.html", {"rows": rows})
