"""Forms check shape; the services check rights and rules. No form here is saved:
views pass ``cleaned_data`` to ``context.services``."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from context.models import (
    TARGETS_OF,
    Effect,
    Grouping,
    Issue,
    LinkRole,
    LinkTarget,
    Need,
    Origin,
    Party,
    PartyKind,
)
from documents.models import Document
from ims.forms import DateInput
from ims.models import Department
from objectives.models import Indicator, Objective
from surveys.models import Survey


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


def _departments():
    return Department.objects.filter(is_active=True).order_by("order", "code")


def _procedures():
    return Document.objects.active().filter(kind=Document.Kind.PROCEDURE).order_by("code")


class IssueForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Issue
        fields = [
            "title",
            "origin",
            "effect",
            "pestle",
            "description",
            "impact",
            "department",
            "departments",
            "procedures",
            "identified_on",
        ]
        widgets = {
            "origin": forms.RadioSelect,
            "effect": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "impact": forms.Textarea(attrs={"rows": 3}),
            "departments": forms.CheckboxSelectMultiple,
            "identified_on": DateInput,
        }
        help_texts = {
            "effect": _(
                "Internal and favourable: a strength; internal and unfavourable: a weakness; "
                "external and favourable: an opportunity; external and unfavourable: a threat."
            ),
        }

    def __init__(self, *args, department_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = (
            department_choices if department_choices is not None else _departments()
        )
        self.fields["departments"].queryset = _departments()
        self.fields["procedures"].queryset = _procedures()
        self.fields["procedures"].widget.attrs["size"] = 8
        self.fields["origin"].choices = Origin.choices
        self.fields["effect"].choices = Effect.choices
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=_("Conclusion of the review"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Is the issue still relevant? Did its effect change? What follows from it?"),
        max_length=4000,
    )


class CloseForm(VersionMixin):
    note = forms.CharField(
        label=_("Why the issue is closed"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
    )


class GroupingForm(VersionMixin):
    grouping = forms.ChoiceField(label=_("Group the issues as"), choices=Grouping.choices)


class IssueFilterForm(forms.Form):
    STATES = [("open", _("Open issues")), ("closed", _("Closed issues")), ("all", _("All issues"))]

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("Search issues"), "type": "search"}),
    )
    origin = forms.ChoiceField(
        label=_("Origin"),
        required=False,
        choices=[("", _("Internal and external")), *Origin.choices],
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        required=False,
        queryset=Department.objects.none(),
        empty_label=_("All departments"),
    )
    state = forms.ChoiceField(label=_("State"), required=False, choices=STATES)
    overdue = forms.BooleanField(label=_("Review overdue"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments()


class PartyForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Party
        fields = ["name", "kind", "description", "order"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version
            self.fields["version"].required = True


class NeedForm(forms.Form):
    text = forms.CharField(
        label=_("Need or expectation"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PartyFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *PartyKind.choices]
    )
    unmet = forms.BooleanField(label=_("Only needs not yet met"), required=False)
    retired = forms.BooleanField(label=_("Also the parties no longer relevant"), required=False)


class RetireForm(VersionMixin):
    """Why a party or a need is no longer relevant."""

    note = forms.CharField(
        label=_("Why it is no longer relevant"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=4000,
    )


class LinkForm(forms.Form):
    """One link of a need: its role and exactly one object of a kind that fits the role."""

    need = forms.ModelChoiceField(label=_("Need or expectation"), queryset=Need.objects.none())
    role = forms.ChoiceField(label=pgettext_lazy("need link", "Link"), choices=LinkRole.choices)
    document = forms.ModelChoiceField(
        label=_("Document"), required=False, queryset=Document.objects.none()
    )
    objective = forms.ModelChoiceField(
        label=_("Objective"), required=False, queryset=Objective.objects.none()
    )
    indicator = forms.ModelChoiceField(
        label=_("Indicator"), required=False, queryset=Indicator.objects.none()
    )
    survey = forms.ModelChoiceField(
        label=_("Survey"), required=False, queryset=Survey.objects.none()
    )

    def __init__(self, *args, party, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = Need.objects.filter(party=party, retired_on__isnull=True)
        self.fields["need"].label_from_instance = lambda n: n.text[:100]
        self.fields["need"].empty_label = None  # a party's page: one of its needs
        self.fields["document"].queryset = Document.objects.active().order_by("code")
        self.fields["objective"].queryset = Objective.objects.select_related(
            "school_year"
        ).order_by("-school_year__start_date", "order", "code")
        self.fields["indicator"].queryset = Indicator.objects.select_related(
            "objective__school_year"
        ).order_by("-objective__school_year__start_date", "objective__code", "order")
        self.fields["indicator"].label_from_instance = lambda i: (
            f"{i.objective.code} · {i.name} ({i.objective.school_year})"
        )
        self.fields["objective"].label_from_instance = lambda o: (
            f"{o.code} · {o.statement[:90]} ({o.school_year})"
        )
        self.fields["survey"].queryset = Survey.objects.order_by("title", "-version")

    def clean(self):
        cleaned = super().clean()
        chosen = [t for t in LinkTarget.values if cleaned.get(t)]
        if len(chosen) != 1:
            raise forms.ValidationError(_("Choose exactly one object to link."))
        role = cleaned.get("role")
        if role and chosen[0] not in TARGETS_OF[role]:
            allowed = ", ".join(str(LinkTarget(t).label).lower() for t in TARGETS_OF[role])
            raise forms.ValidationError(
                _("“%(role)s” links to: %(allowed)s.")
                % {"role": LinkRole(role).label, "allowed": allowed}
            )
        cleaned["target"] = chosen[0]
        cleaned["obj"] = cleaned[chosen[0]]
        return cleaned
