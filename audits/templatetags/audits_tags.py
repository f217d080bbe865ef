from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.filter
def document_url(document) -> str:
    """The document's page in the register; its row in the register list until the
    documents app has a page per document."""
    try:
        return reverse("documents:detail", args=[document.code])
    except NoReverseMatch:
        return f"{reverse('documents:register')}?{urlencode({'q': document.code})}"
