from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.contrib.auth.models import Group
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ims import services
from ims.models import Department, Organisation, Position, Unit
from ims.roles import Role
from ims.sso.services import REFUSAL

User = get_user_model()


class DateInput(forms.DateInput):
    """A native date picker. Its ``value`` must be ISO (``2026-12-07``): a browser
    shows an ``<input type="date">`` holding ``07/12/2026`` as empty and refuses to
    submit it. The browser displays the date in the reader's locale; dates shown
    as text stay ``dd/mm/yyyy``. Every date field of every form uses this widget
    (``tests/ims/test_date_inputs.py`` holds them to it)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """A native date-and-time picker, ISO without seconds, as ``datetime-local`` requires."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["code", "name", "head", "email", "order", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = User.objects.filter(is_active=True).order_by("first_name")
        self.fields["head"].label_from_instance = lambda u: u.get_full_name() or u.username

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_name(self):
        return self.cleaned_data["name"].strip()


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "code",
            "name",
            "kind",
            "commune",
            "address",
            "contact_name",
            "phone",
            "email",
            "is_active",
        ]

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_name(self):
        return self.cleaned_data["name"].strip()


class PositionForm(forms.ModelForm):
    class Meta:
        model = Position
        fields = ["department", "code", "name", "is_manager"]

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "parent_name",
            "logo",
            "address",
            "phone",
            "email",
            "website",
            "vision",
            "mission",
            "core_values",
            "quality_policy",
        ]
        widgets = {
            "vision": forms.Textarea(attrs={"rows": 4}),
            "mission": forms.Textarea(attrs={"rows": 4}),
            "core_values": forms.Textarea(attrs={"rows": 4}),
            "quality_policy": forms.Textarea(attrs={"rows": 6}),
        }

    change_reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=200,
        required=False,
        help_text=_("Kept in the history of these controlled statements."),
    )


class PersonForm(forms.Form):
    username = forms.CharField(label=_("Login name"), max_length=150)
    full_name = forms.CharField(label=_("Full name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), required=False)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.filter(is_active=True), required=False
    )
    position = forms.ModelChoiceField(
        label=_("Position"), queryset=Position.objects.select_related("department"), required=False
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.filter(is_active=True), required=False
    )
    roles = forms.MultipleChoiceField(
        label=_("Roles"), choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        clash = User.objects.filter(username__iexact=username)
        if self.user is not None:
            clash = clash.exclude(pk=self.user.pk)
        if clash.exists():
            raise forms.ValidationError(_("This login name is already taken."))
        return username

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if email:
            clash = User.objects.filter(email__iexact=email)
            if self.user is not None:
                clash = clash.exclude(pk=self.user.pk)
            if clash.exists():
                raise forms.ValidationError(_("Another person already uses this e-mail."))
        return email

    def clean(self):
        data = super().clean()
        position, department = data.get("position"), data.get("department")
        if position and department and position.department_id != department.pk:
            self.add_error("position", _("This position belongs to another department."))
        if Role.UNIT_CONTACT in data.get("roles", []) and not data.get("unit"):
            self.add_error("unit", _("A unit contact must belong to a unit."))
        return data

    @classmethod
    def initial_for(cls, user) -> dict:
        profile = getattr(user, "profile", None)
        return {
            "username": user.username,
            "full_name": user.get_full_name(),
            "email": user.email,
            "department": profile.department_id if profile else None,
            "position": profile.position_id if profile else None,
            "unit": profile.unit_id if profile else None,
            "roles": list(Group.objects.filter(user=user).values_list("name", flat=True)),
            "is_active": user.is_active,
        }


def account_delay_message(until) -> str:
    local = timezone.localtime(until)
    minutes = max(1, round((until - timezone.now()).total_seconds() / 60))
    return _(
        "Too many failed sign-in attempts for this account. Try again after %(time)s "
        "(in about %(minutes)s minutes), or reset your password by e-mail."
    ) % {"time": formats.time_format(local, "H:i"), "minutes": minutes}


class SignInForm(AuthenticationForm):
    """Django's sign-in form, refused without checking the password while the
    account waits out its delay (``services.signin_delay``), and counting each
    wrong password against the account (whatever the address)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        if username:
            until = services.signin_delay(username=username)
            if until:
                raise forms.ValidationError(account_delay_message(until), code="account_delay")
        try:
            return super().clean()
        except forms.ValidationError:
            # An attempt refused by the per-address lockout checked no password.
            if username and not getattr(self.request, "axes_locked_out", False):
                services.record_signin_failure(username=username)
            # The directory accepted the password but the account rule refused: say why.
            if refusal := getattr(self.request, REFUSAL, None):
                raise forms.ValidationError(refusal, code="sso_refused") from None
            raise


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=pgettext_lazy("one-time code", "Code"),
        max_length=20,
        help_text=_("The 6 digits shown by your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).replace("-", "").lower()


class ConfirmTotpForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError(_("Enter the 6 digits shown by the app."))
        return code


class PasswordCheckForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class LimitedPasswordResetForm(PasswordResetForm):
    """Sends at most PASSWORD_RESET_PER_ACCOUNT e-mails per account per hour; the
    page after it reads the same either way."""

    def get_users(self, email):
        return (u for u in super().get_users(email) if services.allow_password_reset_mail(user=u))
