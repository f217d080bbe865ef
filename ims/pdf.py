"""Rendering print documents with WeasyPrint from Django templates.

Pure functions: a template and its context in, PDF bytes out. Templates extend
``pdf/base.html``, which sets A4 with the margins of Decree 30/2020/NĐ-CP, a
Times-compatible serif with full Vietnamese glyphs (Liberation Serif) and
``Trang x/y`` in the footer.
"""

import unicodedata
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

STATIC_ROOT_DIR = Path(settings.BASE_DIR) / "static"


def nfc(text: str) -> str:
    """Vietnamese text is stored and printed in Unicode NFC."""
    return unicodedata.normalize("NFC", text or "")


def render_pdf(template: str, context: dict, *, language: str | None = None) -> bytes:
    """Render ``template`` with ``context`` to PDF bytes."""
    return render_pdf_counted(template, context, language=language)[0]


def render_pdf_counted(
    template: str, context: dict, *, language: str | None = None
) -> tuple[bytes, int]:
    """Like :func:`render_pdf`, with the number of pages (known from the layout, not re-read)."""
    from weasyprint import HTML

    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        html = nfc(render_to_string(template, context))
    document = HTML(string=html, base_url=str(STATIC_ROOT_DIR)).render()
    return document.write_pdf(), len(document.pages)


def pdf_response(data: bytes, filename: str, *, inline: bool = True):
    from django.http import HttpResponse

    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
