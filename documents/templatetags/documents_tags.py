"""Template filters of the documents app."""

from django import template
from django.utils.safestring import mark_safe

from documents.register.search import code_key, highlight, terms, tokens

register = template.Library()


@register.filter
def marked(text, query):
    """``text`` escaped, with the words of the search ``query`` it holds marked."""
    if not query:
        return text
    return mark_safe(highlight(str(text), tokens(terms(query))))  # noqa: S308 - escaped by highlight


@register.filter
def marked_code(code, query):
    """A document code escaped, its part typed in the search ``query`` marked, however
    the code was typed ("qt01" marks "QT.01" in "QT.01-GDTrH")."""
    if not query:
        return code
    key = code_key(query)
    prefix = key if key and code_key(code).startswith(key) else ""
    return mark_safe(highlight(str(code), tokens(terms(query)), code=prefix))  # noqa: S308
