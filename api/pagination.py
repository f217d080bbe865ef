from django.utils.translation import gettext_lazy as _
from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """``?page=2``; ``?page_size=`` up to 200."""

    page_size_query_param = "page_size"
    max_page_size = 200
    invalid_page_message = _("There is no such page.")
