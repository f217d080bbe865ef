"""Markdown as staff type it, turned into HTML that is safe to show to anyone.

What is stored is the Markdown text; :func:`render_markdown` converts it and
sanitises the result with nh3 (an allow-list): no script or style, no event
handler attributes, no ``javascript:`` or other active links, and no remote
image -- an image may only come from this site (a relative path or ``/media/``),
so reading a document never makes another reader's browser call out.
"""

import unicodedata
from urllib.parse import urlsplit

import markdown
import nh3

from documents.search import fold  # noqa: F401  (re-exported: one folding everywhere)

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
EXTENSIONS = ["tables", "sane_lists", "fenced_code", "nl2br"]


def is_local_image(src: str) -> bool:
    """True for an image on this site: a relative path or an absolute path, never a host."""
    src = src.strip()
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith("//") or src.startswith("\\"):
        return False
    return bool(parts.path)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src":
        return value if is_local_image(value) else None
    return value


def sanitise_html(html: str) -> str:
    """Keep only the allowed tags and attributes; drop active links and remote images."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=LINK_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str | None) -> str:
    """Markdown to sanitised HTML. Raw HTML in the text goes through the same allow-list."""
    if not text:
        return ""
    html = markdown.markdown(unicodedata.normalize("NFC", text), extensions=EXTENSIONS)
    return sanitise_html(html)
