"""Rendering print documents with WeasyPrint from Django templates.

Pure functions: a template and its context in, PDF bytes out. Templates extend
``pdf/base.html``, which sets A4 with the margins of Decree 30/2020/NĐ-CP, a
Times-compatible serif with full Vietnamese glyphs (Liberation Serif) and
``Trang x/y`` in the footer.

Two things make a long run of documents (the manual) cheaper without changing a
pixel: each thread keeps one font configuration and the parsed ``<style>`` of
each template, instead of building them for every document; and a header block
that repeats on every page is laid out and drawn once per document (see
:func:`render_pdf_counted`).

WeasyPrint never fetches anything on its own: every render goes through
:func:`local_fetcher`, which reads only the application's static files, the
organisation's logo and the images attached to editions from disk, and small
PNG/JPEG ``data:`` images, and refuses every other address (another file of the
server, ``http:``, ``https:``, ``ftp:``...) without a request.
"""

import base64
import binascii
import functools
import mimetypes
import re
import threading
import unicodedata
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

STATIC_ROOT_DIR = Path(settings.BASE_DIR) / "static"
STYLE = re.compile(r"<style>(.*?)</style>", re.S)
HEADER_FORM = "IMSHeader"  # the name of the header's form in each page's resources
_local = threading.local()


DATA_IMAGE_MAX_BYTES = 256 * 1024
_IMAGE_SIGNATURES = {"image/png": b"\x89PNG\r\n\x1a\n", "image/jpeg": b"\xff\xd8\xff"}
_DATA_IMAGE = re.compile(r"^data:(image/(?:png|jpeg));base64,([A-Za-z0-9+/=\s]*)$", re.I)


class RefusedURL(ValueError):
    """An address the PDF renderer may not read; the renderer leaves the resource out."""


def allowed_folders() -> list[tuple[Path, bool]]:
    """The folders the renderer reads from, each with whether it holds only images.

    The application's static files, the organisation's logo folder and the
    images attached to editions (both checked PNG/JPEG when uploaded).
    """
    media = Path(settings.MEDIA_ROOT)
    return [
        (STATIC_ROOT_DIR, False),
        (Path(settings.STATIC_ROOT), False),
        (media / "organisation", True),
        (media / "documents" / "images", True),
    ]


def _local_file(url: str) -> tuple[Path, bool]:
    """The file a ``file:`` URL names, if it lies inside an allowed folder (symlinks
    resolved first, so neither ``..`` nor a link leads out)."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost") or "\\" in unquote(parts.path):
        raise RefusedURL(f"not a local path: {url}")
    try:
        path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        raise RefusedURL(f"no such file: {url}") from None
    for folder, images_only in allowed_folders():
        try:
            root = folder.resolve(strict=True)
        except OSError:
            continue
        if path.is_file() and path.is_relative_to(root):
            return path, images_only
    raise RefusedURL(f"outside the application's files: {url}")


def _data_image(url: str) -> tuple[bytes, str]:
    match = _DATA_IMAGE.match(url)
    if not match:
        raise RefusedURL("only base64 PNG or JPEG data: images")
    content_type = match.group(1).lower()
    encoded = re.sub(r"\s", "", match.group(2))
    if len(encoded) * 3 // 4 > DATA_IMAGE_MAX_BYTES:
        raise RefusedURL("data: image too large")
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise RefusedURL("data: image not valid base64") from None
    if not data.startswith(_IMAGE_SIGNATURES[content_type]):
        raise RefusedURL("data: image is not what it says")
    return data, content_type


def fetch_local(url: str):
    """What the renderer may read at ``url``, as a WeasyPrint response, else RefusedURL.

    Nothing here opens a connection: ``data:`` PNG/JPEG images up to
    ``DATA_IMAGE_MAX_BYTES``, and ``file:`` paths inside :func:`allowed_folders`.
    """
    from weasyprint.urls import URLFetcherResponse

    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "data":
        data, content_type = _data_image(url)
        return URLFetcherResponse(url, data, {"Content-Type": content_type})
    if scheme != "file":
        raise RefusedURL(f"the PDF renderer reads no {scheme or 'relative'} address: {url}")
    path, images_only = _local_file(url)
    data = path.read_bytes()
    if images_only:
        content_type = next(
            (t for t, sig in _IMAGE_SIGNATURES.items() if data.startswith(sig)), None
        )
        if content_type is None:
            raise RefusedURL(f"not a PNG or JPEG image: {url}")
    else:
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return URLFetcherResponse(path.as_uri(), data, {"Content-Type": content_type})


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):
        """WeasyPrint's fetcher that only ever calls :func:`fetch_local`."""

        def fetch(self, url, headers=None):
            return fetch_local(url)

    return LocalFetcher


def local_fetcher():
    """The ``url_fetcher`` given to every WeasyPrint ``HTML`` and ``CSS`` of the application."""
    return _fetcher_class()(allowed_protocols={"file", "data"}, allow_redirects=False)


def nfc(text: str) -> str:
    """Vietnamese text is stored and printed in Unicode NFC."""
    return unicodedata.normalize("NFC", text or "")


def render_pdf(
    template: str, context: dict, *, language: str | None = None, stamp_header: bool = False
) -> bytes:
    """Render ``template`` with ``context`` to PDF bytes (see :func:`render_pdf_counted`)."""
    return render_pdf_counted(template, context, language=language, stamp_header=stamp_header)[0]


def render_pdf_counted(
    template: str, context: dict, *, language: str | None = None, stamp_header: bool = False
) -> tuple[bytes, int]:
    """Like :func:`render_pdf`, with the number of pages (known from the layout, not re-read).

    With ``stamp_header`` the template (one built on ``documents/pdf/_page.html``)
    has its header block, which holds ``<span class="page">`` for the page
    number, drawn on every page the cheap way: the header is laid out once on a
    page of its own, becomes a PDF form drawn on every page of the document, and
    only the page number (``x/y``) is laid out per page, where the header's span
    stands. The pages look the same as with a running header, at about a fifth
    less work for a long document.
    """
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        if not stamp_header:
            document = _render(render_to_string(template, context))
            return document.write_pdf(), len(document.pages)
        header_html = render_to_string(template, {**context, "header_only": True})
        body_html = render_to_string(template, {**context, "header_stamped": True})
    header = _render(header_html, ".docheader .page::after { content: none; }")
    document = _render(body_html, _page_number_css(header))
    combined = document.copy([header.pages[0], *document.pages])
    return combined.write_pdf(finisher=_draw_first_page_on_the_others), len(document.pages)


def _render(html: str, extra_css: str = ""):
    """Lay out ``html``; its first ``<style>`` is parsed once per thread and re-used."""
    from weasyprint import CSS, HTML

    html = nfc(html)
    stylesheets = []
    match = STYLE.search(html)
    if match:
        stylesheets.append(_stylesheet(match.group(1)))
        html = html[: match.start()] + html[match.end() :]
    if extra_css:
        stylesheets.append(
            CSS(string=extra_css, font_config=_font_config(), url_fetcher=local_fetcher())
        )
    return HTML(string=html, base_url=str(STATIC_ROOT_DIR), url_fetcher=local_fetcher()).render(
        stylesheets=stylesheets, font_config=_font_config()
    )


def _font_config():
    """This thread's WeasyPrint font configuration (building one costs about 10 ms)."""
    from weasyprint.text.fonts import FontConfiguration

    if not hasattr(_local, "font_config"):
        _local.font_config = FontConfiguration()
    return _local.font_config


def _stylesheet(text: str):
    """The parsed stylesheet ``text``; a template's ``<style>`` is the same for every document."""
    from weasyprint import CSS

    cache = _local.__dict__.setdefault("stylesheets", {})
    if text not in cache:
        if len(cache) >= 32:  # templates × languages: a handful; never grows without bound
            cache.clear()
        cache[text] = CSS(
            string=text,
            base_url=str(STATIC_ROOT_DIR),
            font_config=_font_config(),
            url_fetcher=local_fetcher(),
        )
    return cache[text]


def _page_number_css(header) -> str:
    """CSS that writes ``x/y`` in a margin box exactly where the header's page span stands."""
    page = header.pages[0]._page_box
    span = _find(page, lambda box: box.element_tag == "span" and "page" in _classes(box))
    if span is None:
        raise ValueError('the header has no <span class="page"> for the page number')
    left = span.position_x - page.margin_left
    return (
        "@page { @top-center { content: none; }"
        ' @top-left { content: counter(page) "/" counter(pages); vertical-align: top;'
        f" width: {page.width - left:.3f}px; padding: {span.position_y:.3f}px 0 0 {left:.3f}px;"
        f" font-size: {span.style['font_size']:.3f}px; white-space: nowrap; text-align: left; }} }}"
    )


def _classes(box) -> list[str]:
    element = getattr(box, "element", None)
    return (element.get("class") or "").split() if element is not None else []


def _find(box, matches):
    stack = [box]
    while stack:
        box = stack.pop()
        if matches(box):
            return box
        stack.extend(getattr(box, "children", ()))
    return None


def _draw_first_page_on_the_others(_document, pdf) -> None:
    """WeasyPrint finisher: page 1 (the header alone) becomes a form under every other page."""
    import pydyf

    kids = pdf.pages["Kids"]  # flat: number, 0, "R", number, 0, "R", …
    header_page = pdf.objects[kids[0]]
    form = pdf.objects[_number(header_page["Contents"])]
    resources = pdf.objects[_number(header_page["Resources"])]  # shared by every page
    form_resources = pydyf.Dictionary(resources)
    form_resources["XObject"] = pydyf.Dictionary(resources["XObject"])
    form.extra.update(
        {
            "Type": "/XObject",
            "Subtype": "/Form",
            "BBox": header_page["MediaBox"],
            "Resources": form_resources,
        }
    )
    resources["XObject"][HEADER_FORM] = form.reference
    draw = pydyf.Stream([f"q /{HEADER_FORM} Do Q".encode()])
    pdf.add_object(draw)
    del kids[:3]
    pdf.pages["Count"] -= 1
    header_page.clear()  # no longer a page: an empty dictionary nothing refers to
    for number in kids[::3]:
        page = pdf.objects[number]
        page["Contents"] = pydyf.Array([draw.reference, page["Contents"]])


def _number(reference: bytes) -> int:
    return int(reference.split()[0])


def pdf_response(data: bytes, filename: str, *, inline: bool = True):
    from django.http import HttpResponse

    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
