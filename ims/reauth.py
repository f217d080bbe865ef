"""Sign-offs that re-authenticate: the person confirms who they are at the moment
they sign (21 CFR Part 11 style "signature with meaning").

:class:`ConfirmSignOffForm` asks the signed-in person for their password or, where
two-step sign-in is on for them, for the code of their authenticator app (a TOTP
device; recovery codes are for signing in, not for signing). The sign-in limits
apply as on the sign-in page: while the account waits out its delay
(``ims.services.signin_delay``) or the address is locked out by django-axes,
nothing is checked and nothing signs; a wrong answer is a failed sign-in, sent as
Django's ``user_login_failed`` with the request (axes counts it per address) and
counted against the account. The form's ``method`` is what the sign-off records.
"""

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.signals import user_login_failed
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuthMethod(models.TextChoices):
    """How the person proved who they were when they signed."""

    PASSWORD = "password", _("password")
    TOTP = "totp", _("authenticator code")


def method_for(user) -> str:
    from ims import services

    return AuthMethod.TOTP if services.has_two_factor(user) else AuthMethod.PASSWORD


class ConfirmSignOffForm(forms.Form):
    """The confirmation field of a sign-off form, bound to the person signing."""

    secret = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Signing is recorded in your name: confirm that it is you."),
    )

    def __init__(self, *args, user, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.request = request
        self.method = method_for(user)
        if self.method == AuthMethod.TOTP:
            field = self.fields["secret"]
            field.label = _("Code from your authenticator app")
            field.help_text = _("Signing is recorded in your name: confirm it with the code.")
            field.widget = forms.TextInput(
                attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
            )

    def clean_secret(self):
        from axes.handlers.proxy import AxesProxyHandler

        from ims import services
        from ims.forms import account_delay_message

        secret = self.cleaned_data["secret"]
        username = self.user.get_username()
        until = services.signin_delay(username=username)
        if until:
            raise forms.ValidationError(account_delay_message(until), code="account_delay")
        if not AxesProxyHandler.is_allowed(self.request, {"username": username}):
            raise forms.ValidationError(
                _("Too many wrong attempts: signing is locked for a while."), code="locked"
            )
        if self.method == AuthMethod.TOTP:
            confirmed = self._check_code(secret)
        else:
            confirmed = self._check_password(secret)
        if not confirmed:
            services.record_signin_failure(username=username)
            raise forms.ValidationError(
                _("The password is wrong: nothing was signed.")
                if self.method == AuthMethod.PASSWORD
                else _("The code is wrong or has expired: nothing was signed."),
                code="wrong",
            )
        return secret

    def _check_password(self, password: str) -> bool:
        # On a wrong password Django sends user_login_failed, which axes counts.
        found = authenticate(self.request, username=self.user.get_username(), password=password)
        return found is not None and found.pk == self.user.pk

    def _check_code(self, code: str) -> bool:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        code = "".join(code.split())
        devices = TOTPDevice.objects.filter(user=self.user, confirmed=True)
        if code.isdigit() and any(device.verify_token(code) for device in devices):
            return True
        user_login_failed.send(
            sender=__name__,
            credentials={"username": self.user.get_username()},
            request=self.request,
        )
        return False
