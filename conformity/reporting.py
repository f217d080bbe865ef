"""The yearly report's sections, compiled from the data of a period.

The report on the system's operation covers its scope, the documents issued and
revised, and what the management review is given (internal audits and their
findings, corrective actions, satisfaction, objectives…): the same inputs the apps
register for the review (``ims.registry.review_inputs``), so both say the same.
Each section is ``{"key", "label", "text", "columns", "rows"}``: ``text`` starts as
the compiled summary and is edited before the report is frozen; the table stays as
compiled. Texts are in the language active when it is compiled.
"""

from datetime import date

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from audits.review.models import ManagementReview
from conformity.models import Announcement
from conformity.scope import current_scope
from documents.models import Document, Revision, SignOff
from ims.registry import review_inputs


def compile_sections(start: date, end: date) -> list[dict]:
    sections = [_scope(), _documents(start, end), _reviews(start, end)]
    for review_input in review_inputs():
        data = review_input.collect(start, end)
        sections.append(
            {
                "key": review_input.key,
                "label": str(review_input.label),
                "text": str(data.get("summary", "")),
                "columns": [str(c) for c in data.get("columns", [])],
                "rows": [[_cell(v) for v in row] for row in data.get("rows", [])],
            }
        )
    sections.append(
        {
            "key": "assessment",
            "label": _("Overall assessment and proposals"),
            "text": "",
            "columns": [],
            "rows": [],
        }
    )
    return sections


def _cell(value):
    if isinstance(value, (int, float, str)) or value is None:
        return value
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def _scope() -> dict:
    scope = current_scope()
    carrying = sum(1 for row in scope if row["tthc_code"])
    text = ngettext(
        "%(count)d procedure is in force, %(tthc)d of them for administrative procedures.",
        "%(count)d procedures are in force, %(tthc)d of them for administrative procedures.",
        len(scope),
    ) % {"count": len(scope), "tthc": carrying}
    last = Announcement.objects.latest_issued()
    if last:
        text += " " + _("Conformity last announced by decision %(number)s of %(date)s.") % {
            "number": last.number,
            "date": last.signed_on.strftime("%d/%m/%Y"),
        }
    else:
        text += " " + _("The system's conformity has not been announced yet.")
    return {
        "key": "scope",
        "label": _("Scope of the quality management system"),
        "text": text,
        "columns": [_("Code"), _("Procedure"), _("Department"), _("Administrative procedure code")],
        "rows": [[r["code"], r["title"], r["department"], r["tthc_code"]] for r in scope],
    }


def _documents(start: date, end: date) -> dict:
    published = (
        Revision.objects.filter(effective_date__range=(start, end))
        .exclude(
            state__in=[Revision.State.DRAFT, Revision.State.IN_REVIEW, Revision.State.APPROVED]
        )
        .select_related("document")
        .order_by("effective_date", "document__code")
    )
    rows, new, revised = [], 0, 0
    for revision in published:
        first = revision.number == 1
        new += first
        revised += not first
        rows.append(
            [
                revision.document.code,
                revision.document.title,
                revision.number,
                revision.effective_date.strftime("%d/%m/%Y"),
                _("issued") if first else _("revised"),
            ]
        )
    withdrawn = (
        SignOff.objects.filter(step=SignOff.Step.WITHDRAWN, signed_at__date__range=(start, end))
        .values("revision__document")
        .distinct()
        .count()
    )
    return {
        "key": "documents",
        "label": _("Documents issued, revised and withdrawn"),
        "text": _(
            "%(new)d documents issued for the first time, %(revised)d revised, %(withdrawn)d "
            "withdrawn; %(total)d documents in force at the end of the period."
        )
        % {
            "new": new,
            "revised": revised,
            "withdrawn": withdrawn,
            "total": Document.objects.effective().count(),
        },
        "columns": [_("Code"), _("Title"), _("Edition"), _("Effective date"), _("Kind of change")],
        "rows": rows,
    }


def _reviews(start: date, end: date) -> dict:
    reviews = (
        ManagementReview.objects.filter(meeting_date__range=(start, end))
        .annotate(decision_count=Count("decisions"))
        .order_by("meeting_date")
    )
    rows = [
        [r.title, r.meeting_date.strftime("%d/%m/%Y"), r.chair, r.decision_count] for r in reviews
    ]
    return {
        "key": "management_reviews",
        "label": _("Management reviews"),
        "text": ngettext(
            "%(count)d management review held in the period.",
            "%(count)d management reviews held in the period.",
            len(rows),
        )
        % {"count": len(rows)},
        "columns": [
            _("Management review meeting"),
            _("Meeting date"),
            _("Chaired by"),
            _("Decisions"),
        ],
        "rows": rows,
    }
