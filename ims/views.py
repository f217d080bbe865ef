import time
from base64 import b32encode

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from ims import services
from ims.forms import (
    ConfirmTotpForm,
    LimitedPasswordResetForm,
    PasswordCheckForm,
    SignInForm,
    TwoFactorCodeForm,
    account_delay_message,
)
from ims.inbox import inbox_for, nav_counts
from ims.middleware import client_ip
from ims.permissions import (
    department_of,
    role_labels,
    role_required,
    two_factor_required,
    user_roles,
)
from ims.registry import account_sections, home_panels
from ims.roles import Role

User = get_user_model()
secretariat_only = method_decorator(role_required(Role.ISO_SECRETARIAT), name="dispatch")


def home(request):
    profile = getattr(request.user, "profile", None)
    return render(
        request,
        "ims/home.html",
        {
            "department": department_of(request.user),
            "position": profile.position if profile else None,
            "unit": profile.unit if profile else None,
            "role_names": role_labels(user_roles(request.user)),
            "panels": home_panels(request),
            "inbox": inbox_for(request),
            "today": timezone.localdate(),
        },
    )


def inbox_counts(request):
    """The inbox's count per menu entry, {url: count}, which the menu fetches after the
    page (the page itself stays as cheap as it was)."""
    counts = nav_counts(request)
    response = JsonResponse({reverse(name): n for name, n in counts.items()})
    response["Cache-Control"] = "private, no-store"
    return response


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


# --- sign-in ---------------------------------------------------------------------

SIGNIN_PENDING = "ims_signin_pending"  # session: password accepted, code awaited
SIGNIN_PENDING_SECONDS = 300
RECOVERY_CODES_SHOWN = "ims_recovery_codes"  # session: codes to show once


class SignInView(auth_views.LoginView):
    """Password first; with a two-factor device, the code on a second page before
    the session is signed in."""

    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if settings.OIDC_ISSUER:
            context["sso_name"] = settings.OIDC_PROVIDER_NAME
        return context

    def form_valid(self, form):
        user = form.get_user()
        if services.has_two_factor(user):
            self.request.session[SIGNIN_PENDING] = {
                "user": user.pk,
                "backend": user.backend,
                "at": time.time(),
                "next": self.get_success_url(),
            }
            return redirect("login_code")
        services.reset_signin_failures(username=user.get_username())
        return super().form_valid(form)


def signin_code(request):
    pending = request.session.get(SIGNIN_PENDING)
    user = None
    if pending and time.time() - pending["at"] < SIGNIN_PENDING_SECONDS:
        user = User.objects.filter(pk=pending["user"], is_active=True).first()
    if user is None:
        request.session.pop(SIGNIN_PENDING, None)
        messages.info(request, _("Sign in again: the two-step sign-in was not finished in time."))
        return redirect("login")
    username = user.get_username()
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        credentials = {"username": username}
        until = services.signin_delay(username=username)
        if until:
            form.add_error(None, account_delay_message(until))
        elif not AxesProxyHandler.is_allowed(request, credentials):
            # The per-address lockout: AxesMiddleware answers with the locked page.
            request.axes_locked_out = True
            request.axes_credentials = credentials
        elif (device := match_token(user, form.cleaned_data["code"])) is None:
            # A wrong code counts like a wrong password, for axes and per account.
            services.record_signin_failure(username=username)
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            form.add_error(
                "code",
                _(
                    "The code is not correct. Check that your phone's clock is right, wait "
                    "for the next code and try again."
                ),
            )
        else:
            del request.session[SIGNIN_PENDING]
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            services.reset_signin_failures(username=username)
            return HttpResponseRedirect(pending["next"])
    return render(request, "registration/login_code.html", {"form": form})


def admin_login(request):
    """The admin site signs in through the same two-step page as everyone."""
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


class LimitedPasswordResetView(auth_views.PasswordResetView):
    """At most PASSWORD_RESET_PER_ADDRESS requests per client address per hour send
    mail; past it the same neutral page answers and nothing is sent."""

    form_class = LimitedPasswordResetForm

    def form_valid(self, form):
        if services.allow_password_reset(address=client_ip(self.request)):
            return super().form_valid(form)
        return HttpResponseRedirect(self.get_success_url())


# --- security: two-factor sign-in --------------------------------------------------


def _security_page(request, **forms):
    user = request.user
    enabled = services.has_two_factor(user)
    pending = None if enabled else services.pending_totp_device(actor=user)
    context = {
        "enabled": enabled,
        "required": two_factor_required(user),
        "codes_left": services.recovery_codes_left(user) if enabled else 0,
        "pending": pending,
        "confirm_form": forms.get("confirm_form") or ConfirmTotpForm(),
        "disable_form": forms.get("disable_form") or PasswordCheckForm(user=user),
        "codes_form": forms.get("codes_form") or PasswordCheckForm(user=user, prefix="codes"),
        "sections": account_sections(request),
    }
    if pending:
        secret = b32encode(pending.bin_key).decode()
        context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        context["qr"] = segno.make(pending.config_url, error="m").svg_data_uri(
            scale=5, border=2, dark="#000", light="#fff"
        )
    status = 400 if any(f.is_bound for f in forms.values()) else 200
    return render(request, "ims/security.html", context, status=status)


def security(request):
    return _security_page(request)


@require_POST
def security_setup(request):
    """Start (a new secret) or confirm (a code from the app) two-factor sign-in."""
    if services.has_two_factor(request.user):
        return redirect("security")
    pending = services.pending_totp_device(actor=request.user)
    if "start" in request.POST or pending is None:
        services.start_totp_setup(actor=request.user)
        return redirect("security")
    form = ConfirmTotpForm(request.POST)
    if form.is_valid():
        codes = services.confirm_totp(
            actor=request.user, device=pending, token=form.cleaned_data["code"]
        )
        if codes is not None:
            request.session[RECOVERY_CODES_SHOWN] = codes
            return redirect("security_codes")
        form.add_error(
            "code",
            _("The code is not correct. Check that your phone's clock is right and try again."),
        )
    return _security_page(request, confirm_form=form)


@require_POST
def security_disable(request):
    form = PasswordCheckForm(request.POST, user=request.user)
    if not form.is_valid():
        return _security_page(request, disable_form=form)
    services.disable_two_factor(actor=request.user)
    messages.success(request, _("Two-step sign-in is turned off."))
    return redirect("security")


@require_POST
def security_new_codes(request):
    form = PasswordCheckForm(request.POST, user=request.user, prefix="codes")
    if not services.has_two_factor(request.user):
        return redirect("security")
    if not form.is_valid():
        return _security_page(request, codes_form=form)
    request.session[RECOVERY_CODES_SHOWN] = services.make_recovery_codes(actor=request.user)
    return redirect("security_codes")


def security_codes(request):
    """The recovery codes just made, shown this once."""
    codes = request.session.pop(RECOVERY_CODES_SHOWN, None)
    if not codes:
        return redirect("security")
    response = render(request, "ims/security_codes.html", {"codes": codes})
    response["Cache-Control"] = "no-store"
    return response
