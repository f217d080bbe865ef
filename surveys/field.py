"""Surveys in the field: a campaign's public link as a QR code, and a printable A4
poster per school or unit, for parents to answer on their phones at a school meeting.

Pure functions: a URL in, SVG markup out; a campaign, a unit and a URL in, PDF
bytes out (through :func:`ims.pdf.render_pdf`, the A4 page of Decree 30).
"""

from urllib.parse import urlencode

import segno
from django.utils import timezone

from ims.models import Organisation, Unit
from ims.pdf import render_pdf
from surveys.models import Campaign


def public_link(base: str, campaign: Campaign, unit: Unit | None = None) -> str:
    """The public link of ``campaign`` under ``base`` (its absolute address); for a
    unit of a campaign that asks for one, with the unit chosen in advance."""
    if unit is not None and campaign.ask_unit:
        return f"{base}?{urlencode({'unit': unit.pk})}"
    return base


def qr_svg(url: str, *, title: str = "") -> str:
    """``url`` as a QR code, inline SVG markup sized by its viewBox (CSS sets the size).
    Error correction M (15%) survives a creased or smudged print."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(omitsize=True, svgclass="qr", title=title or None, border=2)


def poster_pdf(*, campaign: Campaign, url: str, unit: Unit | None = None) -> bytes:
    """One A4 page: who is asked, the survey's purpose, the period, the QR code of
    ``url`` and the link written out."""
    survey = campaign.survey
    return render_pdf(
        "surveys/pdf/poster.html",
        {
            "organisation": Organisation.current(),
            "campaign": campaign,
            "survey": survey,
            "unit": unit,
            "url": url,
            "qr": qr_svg(url),
            "printed_on": timezone.localdate(),
        },
    )
