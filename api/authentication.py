"""How an API call says who makes it: ``Authorization: Token <key>`` (or ``Bearer``),
or the browser's session (DRF's SessionAuthentication, which checks CSRF on writes)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from api import services
from ims.permissions import needs_two_factor_setup

KEYWORDS = (b"token", b"bearer")


class PersonalTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Give the token after the word Token, separated by one space.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("The token is not valid.")) from None
        token = services.token_for_key(key)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is not valid or was revoked."))
        # Someone whose role requires two-step sign-in reaches nothing before setting it
        # up, on the pages or here.
        if needs_two_factor_setup(token.user):
            raise exceptions.AuthenticationFailed(
                _("Your role requires two-step sign-in: set it up on your account page first.")
            )
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
