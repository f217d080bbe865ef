"""The register as .xlsx and the disposal record (biên bản hủy) as PDF.

Building the context is a pure function of the rows; ``ims.pdf.render_pdf`` turns
it into bytes in the Decree 30/2020 layout (``templates/pdf/base.html``).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from ims.exports import xlsx_response
from ims.models import Organisation
from ims.pdf import nfc, pdf_response, render_pdf
from records.models import DisposalProposal


def register_xlsx(rows):
    today = timezone.localdate()
    headers = [
        _("Department"),
        _("Procedure"),
        _("Record"),
        _("Form (BM)"),
        _("Keeper"),
        _("Place kept"),
        _("Medium"),
        _("Retention"),
        _("Retention as written"),
        _("Records kept"),
        _("Last period ends"),
        _("Past retention"),
        _("No longer required since edition"),
    ]
    data = (
        [
            s.department.code,
            s.document.code,
            s.name,
            s.form.code if s.form else "",
            s.keeper,
            s.place,
            s.get_medium_display(),
            s.retention_label(),
            s.retention_text,
            s.kept,
            s.last_period,
            s.due,
            s.dropped_in_edition or "",
        ]
        for s in rows
    )
    return xlsx_response(
        f"so-dang-ky-ho-so-{today:%Y%m%d}.xlsx", headers, data, title=_("Records register")
    )


def disposal_context(proposal: DisposalProposal) -> dict:
    entries = list(
        proposal.entries.select_related("series__document", "series__form").order_by(
            "series__document__code", "series__order", "period_end"
        )
    )
    signoffs = {s.role: s for s in proposal.signoffs.select_related("user")}
    return {
        "organisation": Organisation.current(),
        "proposal": proposal,
        "entries": entries,
        "total": sum(e.count for e in entries),
        "council": [nfc(m) for m in proposal.council_members()],
        "head_signoff": signoffs.get("head"),
        "secretariat_signoff": signoffs.get("secretariat"),
        "printed_on": timezone.localdate(),
    }


def disposal_pdf(proposal: DisposalProposal):
    data = render_pdf("records/pdf/disposal.html", disposal_context(proposal))
    return pdf_response(data, f"bien-ban-huy-{proposal.reference}.pdf", inline=False)
