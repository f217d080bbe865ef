"""Pages of internal audits (programmes, rounds, audits, checklists, findings) and the
clause map. Thin: fetch with a rights helper (403 when refused), bind the form, call
one service, redirect. Corrective actions and complaints: ``audits/corrective/views.py``;
management review: ``audits/review/views.py``."""

from collections import defaultdict

from django.contrib import messages
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audits import exports, permissions, services
from audits.errors import AuditRuleError, ConflictError
from audits.forms import (
    AuditForm,
    ChecklistItemForm,
    CompleteAuditForm,
    FindingCorrectionForm,
    FindingForm,
    ProgrammeForm,
    RoundForm,
)
from audits.models import Audit, AuditProgramme, ChecklistItem, Finding
from audits.pages import form_page
from ims.models import Clause
from ims.query import int_param

# --- programme, rounds --------------------------------------------------------------


def programmes(request):
    """The audit programmes, newest school year first. The audit department sees its audits."""
    if not permissions.can_read_all(request.user):
        return redirect("audits:my_audits")
    items = AuditProgramme.objects.select_related("school_year").annotate(
        round_count=Count("rounds", distinct=True), audit_count=Count("rounds__audits")
    )
    return render(
        request,
        "audits/programmes.html",
        {"programmes": items, "can_manage": permissions.can_manage(request.user)},
    )


def my_audits(request):
    audits = (
        Audit.objects.visible_to(request.user)
        .select_related("round__programme__school_year", "department", "lead_auditor")
        .order_by("-date")
    )
    return render(request, "audits/my_audits.html", {"audits": audits})


def programme_create(request):
    permissions.require_manager(request.user)
    form = ProgrammeForm(request.POST or None)
    if form.is_valid():
        programme = services.create_programme(actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("Audit programme created."))
        return redirect(programme)
    return form_page(request, form, _("New audit programme"), "audits:programmes")


def programme_detail(request, pk):
    programme = permissions.get_programme_for_user(request.user, pk)
    rounds = programme.rounds.annotate(
        audit_count=Count("audits", distinct=True),
        finding_count=Count("audits__findings"),
    )
    return render(
        request,
        "audits/programme.html",
        {
            "programme": programme,
            "rounds": rounds,
            "can_manage": permissions.can_manage(request.user),
        },
    )


def programme_edit(request, pk):
    programme = permissions.get_rw_programme_for_user(request.user, pk)
    form = ProgrammeForm(request.POST or None, instance=programme)
    if form.is_valid():
        services.update_programme(programme=programme, actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(programme)
    return form_page(request, form, str(programme), programme.get_absolute_url())


def round_create(request, programme_pk):
    programme = permissions.get_rw_programme_for_user(request.user, programme_pk)
    form = RoundForm(request.POST or None, programme=programme)
    if form.is_valid():
        round = services.create_round(
            programme=programme, actor=request.user, fields=form.cleaned_data
        )
        messages.success(request, _("Audit round created."))
        return redirect(round)
    return form_page(request, form, _("New audit round"), programme.get_absolute_url())


def round_detail(request, pk):
    round = permissions.get_round_for_user(request.user, pk)
    audits = round.audits.select_related("department", "lead_auditor").annotate(
        finding_count=Count("findings", distinct=True),
        nc_count=Count(
            "findings", filter=Q(findings__grade__in=Finding.NONCONFORMITIES), distinct=True
        ),
    )
    return render(
        request,
        "audits/round.html",
        {"round": round, "audits": audits, "can_manage": permissions.can_manage(request.user)},
    )


def round_edit(request, pk):
    round = permissions.get_rw_round_for_user(request.user, pk)
    form = RoundForm(request.POST or None, instance=round, programme=round.programme)
    if form.is_valid():
        services.update_round(round=round, actor=request.user, fields=form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect(round)
    return form_page(request, form, str(round), round.get_absolute_url())


# --- audits ---------------------------------------------------------------------------


def audit_create(request, round_pk):
    round = permissions.get_rw_round_for_user(request.user, round_pk)
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
    return form_page(request, form, _("Plan an audit"), round.get_absolute_url())


def audit_edit(request, pk):
    audit = permissions.get_rw_audit_for_user(request.user, pk)
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
    return form_page(request, form, str(audit), audit.get_absolute_url())


def audit_detail(request, pk):
    audit = permissions.get_audit_for_user(request.user, pk)
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
            "can_manage": permissions.can_manage(request.user),
            "can_fill": permissions.can_fill_checklist(request.user, audit),
            "can_complete": permissions.can_complete_audit(request.user, audit),
            "complete_form": CompleteAuditForm(initial={"summary": audit.summary}),
        },
    )


@require_POST
def audit_complete(request, pk):
    audit = permissions.get_completable_audit_for_user(request.user, pk)
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
    audit = permissions.get_audit_for_user(request.user, pk)
    return exports.audit_plan_pdf(audit)


def audit_report_pdf(request, pk):
    audit = permissions.get_audit_for_user(request.user, pk)
    return exports.audit_report_pdf(audit)


# --- checklist --------------------------------------------------------------------------


def checklist(request, pk):
    audit = permissions.get_audit_for_user(request.user, pk)
    items = audit.checklist.select_related("clause", "document", "updated_by").prefetch_related(
        "findings"
    )
    can_fill = permissions.can_fill_checklist(request.user, audit)
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
    audit = permissions.get_audit_for_user(request.user, pk)
    added, removed = services.generate_checklist(audit=audit, actor=request.user)
    messages.success(
        request,
        _("Checklist brought in line with the criteria: %(added)d added, %(removed)d removed.")
        % {"added": added, "removed": removed},
    )
    return redirect("audits:checklist", pk=audit.pk)


@require_POST
def checklist_item_save(request, pk):
    item = permissions.get_checklist_item_for_user(request.user, pk)
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
    audit = permissions.get_recording_audit_for_user(request.user, pk)
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
    finding = permissions.get_finding_for_user(request.user, pk)
    audit = finding.audit
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
