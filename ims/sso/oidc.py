"""OpenID Connect sign-in (mozilla-django-oidc), configured by OIDC_ISSUER,
OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.

The provider's endpoints come from its discovery document
(``<issuer>/.well-known/openid-configuration``), read when someone first signs in
through it and kept for an hour: a provider that is down makes only its own button
fail, never local sign-in. The authorization-code flow runs with a nonce and PKCE;
the ID token's signature is checked against the provider's published keys.
"""

import logging
import time

import requests
from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from ims import services
from ims.models import ExternalIdentity
from ims.sso.services import REFUSAL, Identity, SignInRefused, person_for_identity
from ims.views import SIGNIN_PENDING

logger = logging.getLogger(__name__)

_DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
}


class ProviderUnavailable(Exception):
    pass


def enabled() -> bool:
    return bool(settings.OIDC_ISSUER)


def provider_configuration() -> dict:
    """The provider's discovery document, fetched once an hour at most."""
    issuer = settings.OIDC_ISSUER
    key = f"ims:oidc-discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10)
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise ProviderUnavailable(str(exc)) from exc
        if str(document.get("issuer", "")).rstrip("/") != issuer:
            raise ProviderUnavailable(f"the discovery document names {document.get('issuer')!r}")
        if any(not document.get(name) for name in _DISCOVERED.values()):
            raise ProviderUnavailable("the discovery document lacks an endpoint")
        cache.set(key, document, 3600)
    return document


def oidc_setting(attr, *args):
    if attr in _DISCOVERED:
        return provider_configuration()[_DISCOVERED[attr]]
    return import_from_settings(attr, *args)


class OIDCBackend(OIDCAuthenticationBackend):
    """Signs in whom the provider vouches for, by the rule of ``ims.sso.services``.

    Django builds every backend for every sign-in, local ones included: this one reads
    nothing from the provider until it is handed an authorization code."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        from django.contrib.auth import get_user_model

        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or not enabled() or "username" in kwargs or "password" in kwargs:
            return None
        if "nonce" not in kwargs:  # only the callback view passes it
            return None
        try:
            super().__init__()  # endpoints and keys, from discovery
        except ProviderUnavailable as exc:
            logger.warning("OpenID Connect provider unavailable: %s", exc)
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if claims.get("sub") != payload.get("sub"):
            logger.warning("OpenID Connect: userinfo is about another subject")
            return None
        username_claim = settings.OIDC_USERNAME_CLAIM
        identity = Identity(
            provider=ExternalIdentity.Provider.OIDC,
            subject=f"{settings.OIDC_ISSUER} {payload['sub']}",
            username=str(claims.get(username_claim) or ""),
            email=str(claims.get("email") or ""),
            email_verified=claims.get("email_verified", True) is not False,
            full_name=str(claims.get("name") or ""),
        )
        try:
            return person_for_identity(identity=identity, create=settings.OIDC_CREATE_USERS)
        except SignInRefused as exc:
            setattr(self.request, REFUSAL, str(exc))
            return None


class SignInStart(OIDCAuthenticationRequestView):
    """The "Sign in with …" button: off to the provider."""

    get_settings = staticmethod(oidc_setting)

    def __init__(self, *args, **kwargs):
        super(OIDCAuthenticationRequestView, self).__init__(*args, **kwargs)

    def get(self, request):
        if not enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable as exc:
            logger.warning("OpenID Connect provider unavailable: %s", exc)
            messages.error(request, unavailable_message())
            return redirect("login")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class SignInCallback(OIDCAuthenticationCallbackView):
    """Back from the provider: signed in, or on to the two-step code for people who
    turned it on, exactly as after a password."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request):
        if not enabled():
            raise Http404
        return super().get(request)

    def login_success(self):
        user = self.user
        services.reset_signin_failures(username=user.get_username())
        if services.has_two_factor(user):
            self.request.session[SIGNIN_PENDING] = {
                "user": user.pk,
                "backend": user.backend,
                "at": time.time(),
                "next": self.success_url,
            }
            return redirect("login_code")
        return super().login_success()

    def login_failure(self):
        reason = getattr(self.request, REFUSAL, None)
        messages.error(
            self.request,
            reason
            or _("Signing in through %(provider)s did not succeed. Try again.")
            % {"provider": settings.OIDC_PROVIDER_NAME},
        )
        return redirect("login")


def unavailable_message() -> str:
    return _(
        "%(provider)s cannot be reached at the moment. Sign in with your IMS password, or "
        "try again later."
    ) % {"provider": settings.OIDC_PROVIDER_NAME}
