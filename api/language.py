"""The API answers in the language the caller asks for (``Accept-Language``); without
one, in the interface's language (Vietnamese unless the person chose otherwise).

The pages ignore Accept-Language on purpose (``ims.middleware.InterfaceLanguageMiddleware``):
a browser set to English should not turn the office's pages English. A program calling
the API states its language deliberately, so here the header counts.
"""

from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header


def requested_language(request) -> str | None:
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        if code == "*":
            return None
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def activate_requested_language(request) -> None:
    language = requested_language(request)
    if language:
        translation.activate(language)
        request.LANGUAGE_CODE = language
