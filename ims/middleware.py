import ipaddress
import logging

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import resolve
from django.utils import translation

from ims.permissions import needs_two_factor_setup

# URL names an anonymous visitor may reach. Apps add public pages (a survey's
# answer page, say) with ``ims.registry.register_public_url``.
from ims.registry import own_account_url_names, public_url_names, reading_post_url_names

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"


class HealthCheckMiddleware:
    """Answers ``/healthz`` before anything else looks at the request.

    Placed first in ``MIDDLEWARE``: a container's or a load balancer's health
    check calls the server by its address (``127.0.0.1:8000``), not by the
    public name in ``ALLOWED_HOSTS``, and over plain HTTP. Every later layer
    would refuse it (400 for the host, a redirect to HTTPS). The answer names
    no host and sets no cookie, so it is safe to give to any Host. It is 200
    only when the database answers, 503 otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info != HEALTH_PATH:
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            log.warning("health check: the database does not answer", exc_info=True)
            return HttpResponse("database unavailable", content_type="text/plain", status=503)
        return HttpResponse("ok", content_type="text/plain")


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or with BEHIND_PROXY the address that the
    trusted proxies wrote in CLIENT_IP_HEADER.

    Each proxy appends the address it received the request from, so the client is
    CLIENT_IP_PROXY_COUNT entries from the right; entries further left came from the
    client and may be forged. A missing or malformed header falls back to
    REMOTE_ADDR. Used by django-axes (AXES_CLIENT_IP_CALLABLE), the password-reset
    limit and the surveys' rate limit.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    if not settings.BEHIND_PROXY:
        return remote
    header = settings.CLIENT_IP_HEADER
    if not header.startswith(("HTTP_", "REMOTE_")):
        header = "HTTP_" + header.upper().replace("-", "_")
    entries = [e.strip() for e in request.META.get(header, "").split(",") if e.strip()]
    if len(entries) < settings.CLIENT_IP_PROXY_COUNT:
        return remote
    candidate = entries[-settings.CLIENT_IP_PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


class InterfaceLanguageMiddleware:
    """Vietnamese unless the person chose otherwise with the switcher.

    The browser's Accept-Language is ignored on purpose: the organisation works in
    Vietnamese, and a browser set to English should not change that by itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        signed_in = getattr(request, "ims_language", None)  # ims.language.on_sign_in
        if signed_in and signed_in != chosen:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                signed_in,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class LoginRequiredMiddleware:
    """Every page needs a login except those registered as public."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.user.is_authenticated:
            return None
        # A view that authenticates each request itself (the API: a token, or the
        # session) answers an anonymous caller with its own 401, not a sign-in page.
        # Django's own marker (``login_not_required``) says so; DRF sets it on its views.
        if getattr(view_func, "login_required", True) is False:
            return None
        if request.path.startswith((settings.STATIC_URL, "/favicon.ico")):
            return None
        match = resolve(request.path_info)
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        if name in public_url_names() or match.app_name == "admin":
            return None
        return redirect_to_login(request.get_full_path())


class TwoFactorRequiredMiddleware:
    """People in MFA_REQUIRED_ROLES without a two-factor device are sent to set one
    up, and reach nothing else (but signing out and the language) until they have."""

    allowed = {
        "security",
        "security_setup",
        "security_codes",
        "password_change",
        "password_change_done",
        "logout",
        "set_language",
        "ims:logo",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.user.is_authenticated or not settings.MFA_REQUIRED_ROLES:
            return None
        if request.path.startswith((settings.STATIC_URL, "/favicon.ico")):
            return None
        match = resolve(request.path_info)
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        if name in self.allowed or not needs_two_factor_setup(request.user):
            return None
        return redirect("security")


# The person's own session and account: a read-only auditor still signs out, changes
# their password and picks their language.
OWN_ACCOUNT_URL_NAMES = {
    "login",
    "logout",
    "password_change",
    "password_reset",
    "password_reset_confirm",
    "set_language",
    "security",
    "security_setup",
    "security_disable",
    "security_new_codes",
    "security_codes",
}


class ReadOnlyRolesMiddleware:
    """Refuse (403) every request but a read from a person who writes nothing (the
    certification body's auditor, ``ims.permissions.writes_nothing``).

    A second wall: every view's own rights check refuses them too (the sweep in
    ``tests/ims/test_external_writes_nothing.py`` runs with and without this), but a
    page that answers a POST as it answers a GET now says no as well.
    """

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.core.exceptions import PermissionDenied

        from ims.permissions import writes_nothing

        if request.method in self.SAFE_METHODS or not writes_nothing(request.user):
            return None
        match = resolve(request.path_info)
        name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
        if name in OWN_ACCOUNT_URL_NAMES or name in own_account_url_names():
            return None
        if name in public_url_names():
            return None
        if name in reading_post_url_names():
            return None
        if getattr(view_func, "login_required", True) is False:
            # An endpoint that signs its callers in itself (the API) answers in JSON.
            from django.http import JsonResponse
            from django.utils.translation import gettext as _

            detail = _("Your role reads only: it changes nothing.")
            return JsonResponse({"detail": detail}, status=403)
        raise PermissionDenied
