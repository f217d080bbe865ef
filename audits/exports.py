"""Print documents of audits (PDF): the audit plan and the audit report. Building the
context is a pure function of the rows; ``ims.pdf.render_pdf`` turns it into bytes."""

from collections import Counter, defaultdict

from django.utils import timezone

from audits.models import Audit, Finding
from ims.models import Organisation
from ims.pdf import pdf_response, render_pdf


def print_context() -> dict:
    """What every printed record of the three areas shows in its header."""
    return {"organisation": Organisation.current(), "printed_on": timezone.localdate()}


def audit_plan_context(audit: Audit) -> dict:
    return {
        **print_context(),
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
        **print_context(),
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
