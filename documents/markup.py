"""Markdown as staff type it, turned into HTML that is safe to show to anyone.

What is stored is the Markdown text; :func:`render_markdown` converts it and
sanitises the result with nh3 (an allow-list): no script or style, no event
handler attributes, no ``javascript:`` or other active links, and no image but
the edition's own attachments: ``![Lưu đồ](attachment:3)`` names image 3 of the
edition (see ``documents.models.EditionImage``) and becomes the address the
caller gives for it (the page's URL, or the stored file for the PDF renderer).
Every other image source -- a remote URL, a path on the server, ``data:``, a
relative path, ``/\\host/x.png`` -- is dropped, so neither a reader's browser
nor the PDF renderer ever loads anything the author chose, and
:func:`render_markdown_noting` tells the editor which images were left out.
"""

import re
import unicodedata
from collections.abc import Mapping
from html.parser import HTMLParser

import markdown
import nh3

from documents.register.search import fold  # noqa: F401  (re-exported: one folding everywhere)

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "del", "ins", "sub", "sup",
    "code", "pre", "blockquote", "ul", "ol", "li", "dl", "dt", "dd",
    "h1", "h2", "h3", "h4", "h5", "h6", "a", "img",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption", "colgroup", "col",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
    "ol": {"start"},
    "*": {"id"},
}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
ATTACHMENT_SCHEME = "attachment"
ATTACHMENT = re.compile(r"^attachment:(\d{1,6})$", re.I)
EXTENSIONS = ["tables", "sane_lists", "fenced_code", "nl2br"]
# An <img> whose source was dropped: nothing to show, so it goes too.
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")


def attachment_number(src: str) -> int | None:
    """The number N of an ``attachment:N`` image source, else None."""
    match = ATTACHMENT.match(src.strip())
    return int(match.group(1)) if match else None


class _ImageSources(HTMLParser):
    """Every ``<img src>`` of a piece of HTML, as the browser would read it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sources: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources += [value or "" for name, value in attrs if name == "src"]

    handle_startendtag = handle_starttag


def sanitise_html(html: str, images: Mapping[int, str] | None = None) -> str:
    """Keep only the allowed tags and attributes; drop active links and every image
    but the attachments named in ``images`` (number -> the address to write)."""
    images = images or {}

    def filter_attribute(tag: str, attribute: str, value: str) -> str | None:
        number = attachment_number(value) if attribute in ("src", "href") else None
        if tag == "img" and attribute == "src":
            return images.get(number) if number is not None else None
        if number is not None or value.strip().lower().startswith(ATTACHMENT_SCHEME + ":"):
            return None  # "attachment:" is for images only
        return value

    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=filter_attribute,
        url_schemes=LINK_SCHEMES | {ATTACHMENT_SCHEME},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _IMG_WITHOUT_SRC.sub("", cleaned)


def render_markdown_noting(
    text: str | None, images: Mapping[int, str] | None = None
) -> tuple[str, list[str]]:
    """:func:`render_markdown`, and the image sources that were left out (for the editor)."""
    if not text:
        return "", []
    html = markdown.markdown(unicodedata.normalize("NFC", text), extensions=EXTENSIONS)
    parser = _ImageSources()
    parser.feed(html)
    images = images or {}
    dropped = [src for src in parser.sources if attachment_number(src) not in images]
    return sanitise_html(html, images), dropped


def render_markdown(text: str | None, images: Mapping[int, str] | None = None) -> str:
    """Markdown to sanitised HTML. Raw HTML in the text goes through the same allow-list.

    ``images`` maps the numbers of the edition's attached images to the address
    written for each (``attachment:N`` in the text); any other image is dropped.
    """
    return render_markdown_noting(text, images)[0]
