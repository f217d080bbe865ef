"""The registers in .xlsx, and the printable "context and interested parties" document.
Rows and the print context are pure functions of the data; ``ims.pdf.render_pdf``
turns the context into bytes."""

from django.utils import timezone
from django.utils.translation import gettext as _

from context import query
from context.models import ContextSettings, Grouping
from ims.exports import xlsx_response
from ims.models import Organisation
from ims.pdf import pdf_response, render_pdf


def issues_xlsx(issues):
    today = timezone.localdate()
    headers = [
        _("Code"),
        _("Issue"),
        _("Origin"),
        _("Effect on the system"),
        _("SWOT"),
        _("PESTLE factor"),
        _("Description"),
        _("Effect"),
        _("Lead department"),
        _("Departments concerned"),
        _("Identified on"),
        _("Last reviewed"),
        _("Next review due"),
        _("Review overdue"),
        _("Closed on"),
    ]
    rows = (
        [
            i.code,
            i.title,
            i.get_origin_display(),
            i.get_effect_display(),
            i.get_swot_display(),
            i.get_pestle_display(),
            i.description,
            i.impact,
            i.department.code if i.department else "",
            ", ".join(d.code for d in i.departments.all()),
            i.identified_on,
            i.last_reviewed_on,
            i.next_review_on,
            _("yes") if i.is_review_overdue(today) else "",
            i.closed_on,
        ]
        for i in issues
    )
    return xlsx_response(
        f"van-de-noi-bo-ben-ngoai-{today:%Y%m%d}.xlsx", headers, rows, title=_("Issues")
    )


def parties_xlsx(parties):
    today = timezone.localdate()
    headers = [
        _("Interested party"),
        _("Kind"),
        _("Need or expectation"),
        _("Met by"),
        _("Monitored by"),
        _("Not yet met"),
    ]

    def described(links):
        return "; ".join(f"{link.linked} ({link.state})" for link in links)

    rows = (
        [
            party.name,
            party.get_kind_display(),
            need.text,
            described(need.met_links),
            described(need.monitor_links),
            _("yes") if need.is_unmet else "",
        ]
        for party in parties
        for need in party.needs.all()
    )
    return xlsx_response(
        f"cac-ben-quan-tam-{today:%Y%m%d}.xlsx", headers, rows, title=_("Interested parties")
    )


def print_context() -> dict:
    grouping = ContextSettings.current().grouping
    issues = list(
        query.filtered_issues({"state": "open"}, timezone.localdate()).prefetch_related(
            "procedures"
        )
    )
    return {
        "organisation": Organisation.current(),
        "printed_on": timezone.localdate(),
        "grouping": grouping,
        "grouping_label": "SWOT" if grouping == Grouping.SWOT else "PESTLE",
        "columns": query.grid(issues, grouping),
        "parties": query.parties_with_needs(),
    }


def context_pdf():
    data = render_pdf("context/pdf/context.html", print_context())
    return pdf_response(data, f"boi-canh-to-chuc-{timezone.localdate():%Y%m%d}.pdf")
