"""Django REST framework's own messages that an API caller meets, listed so that
``makemessages`` puts them into this app's catalogue: DRF's Vietnamese catalogue
translates few of them, and this app's translations come first (it is listed before
``rest_framework`` in INSTALLED_APPS). Nothing imports this module."""

from django.utils.translation import gettext_noop as _

MESSAGES = [
    _("Authentication credentials were not provided."),
    _("Incorrect authentication credentials."),
    _("You do not have permission to perform this action."),
    _("Not found."),
    _('Method "{method}" not allowed.'),
    _('Unsupported media type "{media_type}" in request.'),
    _("Could not satisfy the request Accept header."),
    _("Malformed request."),
    _("JSON parse error - {detail}"),
    _("Request was throttled."),
    _("Expected available in {wait} second."),
    _("Expected available in {wait} seconds."),
    _("CSRF Failed: {reason}"),
    _("Invalid page."),
    _("This field is required."),
    _("This field may not be null."),
    _("This field may not be blank."),
    _("Not a valid string."),
    _("Ensure this field has no more than {max_length} characters."),
    _("A valid number is required."),
    _("Ensure that there are no more than {max_digits} digits in total."),
    _("Ensure that there are no more than {max_decimal_places} decimal places."),
    _("Ensure that there are no more than {max_whole_digits} digits before the decimal point."),
    _("String value too large."),
    _("Date has wrong format. Use one of these formats instead: {format}."),
    _("Expected a date but got a datetime."),
    _("Invalid data. Expected a dictionary, but got {datatype}."),
    _('"{input}" is not a valid choice.'),
]
