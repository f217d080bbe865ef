"""Print documents (PDF) and the CA log in .xlsx. Building the context is a pure
function of the rows; ``ims.pdf.render_pdf`` turns it into bytes."""

from collections import Counter, defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from audits.models import Audit, CorrectiveAction, Finding, ManagementReview
from ims.exports import xlsx_response
from ims.models import Organisation
from ims.pdf import pdf_response, render_pdf


def _base_context() -> dict:
    return {"organisation": Organisation.current(), "printed_on": timezone.localdate()}


def audit_plan_context(audit: Audit) -> dict:
    return {
        **_base_context(),
        "audit": audit,
        "auditors": audit.auditors(),
        "clauses": audit.clauses.all(),
        "documents": audit.documents.in_register_order(),
        "checklist": audit.checklist.select_related("clause"),
    }


def audit_plan_pdf(audit: Audit):
    data = render_pdf("audits/pdf/audit_plan.html", audit_plan_context(audit))
    return pdf_response(data, f"ke-hoach-danh-gia-{audit.pk}.pdf")


def findings_by_grade(findings) -> list[dict]:
    """Findings grouped by grade in the order of severity, each group by clause."""
    groups = defaultdict(list)
    for finding in findings:
        groups[finding.grade].append(finding)
    result = []
    for value, label in Finding.Grade.choices:
        items = sorted(groups.get(value, []), key=lambda f: (f.clause.standard, f.clause.sort_key))
        result.append({"grade": value, "label": label, "findings": items, "count": len(items)})
    return result


def audit_report_context(audit: Audit) -> dict:
    findings = list(
        audit.findings.select_related("clause", "department", "corrective_action").order_by("pk")
    )
    by_clause = Counter((f.clause.short_label, f.clause.title, f.grade) for f in findings)
    clause_rows = []
    for short_label, title in sorted({(k[0], k[1]) for k in by_clause}):
        clause_rows.append(
            {
                "label": short_label,
                "title": title,
                "counts": [by_clause[(short_label, title, g)] for g in Finding.Grade.values],
            }
        )
    return {
        **_base_context(),
        "audit": audit,
        "auditors": audit.auditors(),
        "groups": findings_by_grade(findings),
        "grade_labels": Finding.Grade.labels,
        "clause_rows": clause_rows,
        "total": len(findings),
        "checklist": audit.checklist.select_related("clause"),
    }


def audit_report_pdf(audit: Audit):
    data = render_pdf("audits/pdf/audit_report.html", audit_report_context(audit))
    return pdf_response(data, f"bao-cao-danh-gia-{audit.pk}.pdf")


def _action_columns():
    return [
        _("Number"),
        _("Source"),
        _("Department"),
        _("Clause"),
        _("Nonconformity"),
        _("Owner"),
        _("Raised on"),
        _("Due date"),
        _("State"),
        _("Age (days)"),
        _("Overdue"),
        _("Root cause"),
        _("Action plan"),
        _("Completed on"),
        _("Verified on"),
        _("Closed on"),
    ]


def _action_row(action: CorrectiveAction, today):
    return [
        action.number,
        action.get_source_display(),
        action.department.code,
        action.clause.short_label if action.clause else "",
        action.nonconformity,
        (action.owner.get_full_name() or action.owner.username) if action.owner else "",
        action.raised_on,
        action.due_date,
        action.get_state_display(),
        action.age_days(today),
        _("yes") if action.is_overdue(today) else "",
        action.root_cause,
        action.action_plan,
        action.implemented_on,
        action.verified_on,
        action.closed_on,
    ]


def actions_xlsx(actions):
    today = timezone.localdate()
    rows = (_action_row(a, today) for a in actions.iterator(chunk_size=500))
    return xlsx_response(
        f"so-theo-doi-hdkp-{today:%Y%m%d}.xlsx",
        _action_columns(),
        rows,
        title=_("Corrective actions"),
    )


def actions_pdf(actions, form=None):
    today = timezone.localdate()
    context = {
        **_base_context(),
        "actions": [(a, a.age_days(today), a.is_overdue(today)) for a in actions],
        "filters": _filters(form),
    }
    data = render_pdf("audits/pdf/action_log.html", context)
    return pdf_response(data, f"so-theo-doi-hdkp-{today:%Y%m%d}.pdf")


def _filters(form) -> list[tuple[str, str]]:
    if form is None or not form.is_valid():
        return []
    shown = []
    for name in ("state", "source", "department", "q", "overdue"):
        value = form.cleaned_data.get(name)
        if not value:
            continue
        field = form.fields[name]
        if hasattr(field, "choices") and not hasattr(field, "queryset"):
            value = dict(field.choices).get(value, value)
        shown.append((str(field.label), _("yes") if value is True else str(value)))
    return shown


def review_context(review: ManagementReview) -> dict:
    return {
        **_base_context(),
        "review": review,
        "decisions": review.decisions.select_related("department", "owner", "corrective_action"),
    }


def review_pdf(review: ManagementReview):
    data = render_pdf("audits/pdf/review.html", review_context(review))
    return pdf_response(data, f"bien-ban-xem-xet-lanh-dao-{review.pk}.pdf")
