"""The person's language: the switcher's choice (Vietnamese by default) is kept on
their profile as well as in the browser, so that the e-mails IMS sends them —
reminders and summaries — come in the language they read the pages in, and a
browser they sign in on opens in it (``InterfaceLanguageMiddleware`` sets the
cookie that ``on_sign_in`` asks for)."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.dispatch import receiver
from django.views.i18n import set_language as django_set_language

from ims.models import Profile


def _is_known(code: str) -> bool:
    """A language IMS speaks (``settings.LANGUAGES``)."""
    return code in dict(settings.LANGUAGES)


def language_of(user) -> str:
    """The language ``user``'s e-mails are written in. Reads ``user.profile`` (select
    it with the user when asking for many people)."""
    profile = getattr(user, "profile", None)
    code = getattr(profile, "language", "") or settings.LANGUAGE_CODE
    return code if _is_known(code) else settings.LANGUAGE_CODE


@transaction.atomic
def remember_language(*, user, language: str) -> None:
    if not _is_known(language):
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
    if request.method == "POST" and request.user.is_authenticated and _is_known(language):
        remember_language(user=request.user, language=language)
    return response


@receiver(user_logged_in, dispatch_uid="ims.language.on_sign_in")
def on_sign_in(sender, request, user, **kwargs):
    """The person's own language for this browser: the one they chose before, or, if
    they never chose, the one they switched the sign-in page to (then remembered)."""
    if request is None:
        return
    profile = Profile.objects.filter(user=user).only("language").first()
    saved = profile.language if profile is not None else ""
    if _is_known(saved):
        request.ims_language = saved
        return
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if _is_known(chosen) and chosen != settings.LANGUAGE_CODE:
        remember_language(user=user, language=chosen)
