import time
from base64 import b32encode
from pathlib import Path

import segno
from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import redirect_to_login
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, ListView, UpdateView
from django_otp import login as otp_login
from django_otp import match_token

from ims import services
from ims.forms import (
    ConfirmTotpForm,
    DepartmentForm,
    LimitedPasswordResetForm,
    OrganisationForm,
    PasswordCheckForm,
    PersonForm,
    PositionForm,
    SignInForm,
    TwoFactorCodeForm,
    UnitForm,
    account_delay_message,
)
from ims.inbox import inbox_for, nav_counts
from ims.middleware import client_ip
from ims.models import Department, Organisation, Position, Unit
from ims.permissions import (
    department_of,
    role_labels,
    role_required,
    two_factor_required,
    user_roles,
)
from ims.query import text_param
from ims.registry import account_sections, home_panels
from ims.roles import Role
from ims.uploads import serve_upload

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


class _ManagedList(ListView):
    """A list page of the secretariat's, with a search box over ``search_fields``."""

    search_fields: tuple[str, ...] = ()
    paginate_by = 50
    template_name = "ims/manage_list.html"
    columns: tuple[tuple[str, str], ...] = ()
    create_url = ""
    edit_url = ""
    title = ""

    def get_queryset(self):
        queryset = super().get_queryset()
        query = text_param(self.request, "q")
        if query:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": query})
            queryset = queryset.filter(condition)
        return queryset

    def paginate_queryset(self, queryset, page_size):
        # As on every other list: a page that is not a number shows the first page, one
        # past the end the last (Paginator.get_page), where ListView would answer 404.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=self.title,
            query=text_param(self.request, "q"),
            columns=[label for _field, label in self.columns],
            rows=[
                (obj, [_display(obj, field) for field, _label in self.columns])
                for obj in context["object_list"]
            ],
            create_url=reverse(self.create_url),
            edit_url=self.edit_url,
        )
        return context


def _display(obj, field: str):
    if field == "role_names":
        return ", ".join(role_labels(group.name for group in obj.groups.all()))
    value = obj
    for part in field.split("."):
        getter = getattr(value, f"get_{part}_display", None)
        value = getter() if getter else getattr(value, part, None)
        if value is None:
            return ""
    return value


class _ManagedEdit:
    """Create or update through a form; a duplicate or empty field re-displays it."""

    template_name = "ims/manage_form.html"
    list_url = ""
    saved_message = gettext_lazy("Saved.")

    def get_success_url(self):
        return reverse(self.list_url)

    def form_valid(self, form):
        # The form has put its values on the instance; the service saves it.
        self.object = services.save_reference_row(actor=self.request.user, row=form.instance)
        messages.success(self.request, self.saved_message)
        return redirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["list_url"] = reverse(self.list_url)
        return context


@secretariat_only
class DepartmentList(_ManagedList):
    model = Department
    queryset = Department.objects.select_related("head")
    search_fields = ("code", "name")
    columns = (
        ("code", pgettext_lazy("department, unit or position", "Code")),
        ("name", gettext_lazy("Name")),
        ("head", gettext_lazy("Head")),
        ("is_active", gettext_lazy("Active")),
    )
    title = gettext_lazy("Departments")
    create_url = "ims:department_create"
    edit_url = "ims:department_edit"


@secretariat_only
class DepartmentCreate(_ManagedEdit, CreateView):
    model = Department
    form_class = DepartmentForm
    list_url = "ims:departments"
    extra_context = {"title": gettext_lazy("New department")}


@secretariat_only
class DepartmentEdit(_ManagedEdit, UpdateView):
    model = Department
    form_class = DepartmentForm
    list_url = "ims:departments"
    extra_context = {"title": gettext_lazy("Edit department")}


@secretariat_only
class UnitList(_ManagedList):
    model = Unit
    search_fields = ("code", "name", "commune")
    columns = (
        ("code", pgettext_lazy("department, unit or position", "Code")),
        ("name", gettext_lazy("Name")),
        ("kind", gettext_lazy("Kind")),
        ("commune", gettext_lazy("Commune / ward")),
        ("contact_name", gettext_lazy("Contact person")),
    )
    title = gettext_lazy("Units and schools")
    create_url = "ims:unit_create"
    edit_url = "ims:unit_edit"


@secretariat_only
class UnitCreate(_ManagedEdit, CreateView):
    model = Unit
    form_class = UnitForm
    list_url = "ims:units"
    extra_context = {"title": gettext_lazy("New unit")}


@secretariat_only
class UnitEdit(_ManagedEdit, UpdateView):
    model = Unit
    form_class = UnitForm
    list_url = "ims:units"
    extra_context = {"title": gettext_lazy("Edit unit")}


@secretariat_only
class PositionList(_ManagedList):
    model = Position
    queryset = Position.objects.select_related("department")
    search_fields = ("code", "name", "department__code")
    columns = (
        ("code", pgettext_lazy("department, unit or position", "Code")),
        ("name", gettext_lazy("Name")),
        ("department.name", gettext_lazy("Department")),
    )
    title = gettext_lazy("Positions")
    create_url = "ims:position_create"
    edit_url = "ims:position_edit"


@secretariat_only
class PositionCreate(_ManagedEdit, CreateView):
    model = Position
    form_class = PositionForm
    list_url = "ims:positions"
    extra_context = {"title": gettext_lazy("New position")}


@secretariat_only
class PositionEdit(_ManagedEdit, UpdateView):
    model = Position
    form_class = PositionForm
    list_url = "ims:positions"
    extra_context = {"title": gettext_lazy("Edit position")}


@secretariat_only
class PeopleList(_ManagedList):
    model = User
    queryset = (
        User.objects.select_related("profile__department", "profile__position", "profile__unit")
        .prefetch_related("groups")
        .order_by("first_name", "username")
    )
    search_fields = ("username", "first_name", "email", "profile__department__code")
    columns = (
        ("username", gettext_lazy("Login name")),
        ("get_full_name", gettext_lazy("Full name")),
        ("profile.department.code", gettext_lazy("Department")),
        ("profile.position.name", gettext_lazy("Position")),
        ("profile.unit.name", gettext_lazy("Unit")),
        ("role_names", gettext_lazy("Roles")),
    )
    title = gettext_lazy("People")
    create_url = "ims:person_create"
    edit_url = "ims:person_edit"


@role_required(Role.ISO_SECRETARIAT)
def person_edit(request, pk=None):
    person = get_object_or_404(User, pk=pk) if pk else None
    initial = PersonForm.initial_for(person) if person else None
    form = PersonForm(request.POST or None, user=person, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.save_person(
            actor=request.user, data=form.cleaned_data, user=person, request=request
        )
        messages.success(request, _("Saved."))
        return redirect("ims:people")
    title = _("Edit person") if person else _("New person")
    return render(
        request,
        "ims/manage_form.html",
        {"form": form, "title": title, "list_url": reverse("ims:people")},
    )


@role_required(Role.ISO_SECRETARIAT)
def organisation_edit(request):
    organisation = Organisation.current() or Organisation(name="")
    form = OrganisationForm(request.POST or None, request.FILES or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        services.save_organisation(
            actor=request.user,
            organisation=form.instance,
            change_reason=form.cleaned_data.get("change_reason") or "",
        )
        messages.success(request, _("Saved."))
        return redirect("ims:organisation")
    history = organisation.history.select_related("history_user")[:50] if organisation.pk else []
    return render(request, "ims/organisation_form.html", {"form": form, "history": history})


def organisation_logo(request):
    organisation = Organisation.current()
    if organisation is None or not organisation.logo:
        raise Http404
    # An image shown in pages (inline), with the type its content was checked as.
    return serve_upload(
        organisation.logo,
        filename=Path(organisation.logo.name).name,
        kinds={"png", "jpeg"},
        as_attachment=False,
    )


DepartmentList = DepartmentList.as_view()
DepartmentCreate = DepartmentCreate.as_view()
DepartmentEdit = DepartmentEdit.as_view()
UnitList = UnitList.as_view()
UnitCreate = UnitCreate.as_view()
UnitEdit = UnitEdit.as_view()
PositionList = PositionList.as_view()
PositionCreate = PositionCreate.as_view()
PositionEdit = PositionEdit.as_view()
PeopleList = PeopleList.as_view()
