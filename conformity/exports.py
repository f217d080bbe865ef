"""The announcement and the report on paper (PDF, Decree 30/2020 layout) and the
scope as a spreadsheet."""

from django.utils import timezone
from django.utils.translation import gettext as _

from conformity.models import Announcement, YearlyReport
from ims.exports import xlsx_response
from ims.models import Organisation
from ims.pdf import pdf_response, render_pdf


def announcement_pdf(announcement: Announcement):
    data = render_pdf(
        "conformity/pdf/announcement.html",
        {"announcement": announcement, "organisation": Organisation.current()},
    )
    name = "du-thao" if announcement.is_draft else str(announcement.pk)
    return pdf_response(data, f"quyet-dinh-cong-bo-htqlcl-{name}.pdf")


def report_pdf(report: YearlyReport):
    data = render_pdf(
        "conformity/pdf/report.html", {"report": report, "organisation": Organisation.current()}
    )
    return pdf_response(data, f"bao-cao-htqlcl-{report.period_end:%Y}-{report.pk}.pdf")


def scope_xlsx(scope: list[dict], changes):
    headers = [
        _("Code"),
        _("Procedure"),
        _("Department"),
        _("Administrative procedure code"),
        _("Legal time limit"),
        _("Change since the last announcement"),
        _("Since"),
    ]
    marks = {}
    rows = []
    if changes:
        marks = {r["code"]: (_("added"), r["since"]) for r in changes.added}
        marks |= {r["code"]: (_("changed"), None) for r in changes.changed}
    for row in scope:
        mark, since = marks.get(row["code"], ("", None))
        rows.append(
            [
                row["code"],
                row["title"],
                row["department"],
                row["tthc_code"],
                row["tthc_time_limit"],
                mark,
                since,
            ]
        )
    for row in changes.withdrawn if changes else []:
        rows.append(
            [
                row["code"],
                row["title"],
                row["department"],
                row.get("tthc_code", ""),
                row.get("tthc_time_limit", ""),
                _("withdrawn"),
                row["since"],
            ]
        )
    day = timezone.localdate().strftime("%Y-%m-%d")
    return xlsx_response(f"pham-vi-htqlcl-{day}.xlsx", headers, rows, title=_("Scope"))
