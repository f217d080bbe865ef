from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from ims.models import Department, Organisation, Position, Unit
from ims.roles import Role

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
