"""The person's language: the switcher's choice (Vietnamese by default) is kept on
their profile as well as in the browser, so that the e-mails IMS sends them —
reminders and summaries — come in the language they read the pages in."""

from django.conf import settings
from django.db import transaction
from django.views.i18n import set_language as django_set_language

from ims.models import Profile


def language_of(user) -> str:
    """The language ``user``'s e-mails are written in. Reads ``user.profile`` (select
    it with the user when asking for many people)."""
    profile = getattr(user, "profile", None)
    code = getattr(profile, "language", "") or settings.LANGUAGE_CODE
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


@transaction.atomic
def remember_language(*, user, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language {language!r}")
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    if profile.language != language:
        profile.language = language
        profile._history_user = user
        profile.save(update_fields=["language"])


def set_language(request):
    """Django's language switcher, which also remembers a signed-in person's choice."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
    ):
        remember_language(user=request.user, language=language)
    return response
