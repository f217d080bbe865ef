from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ims.forms import DateInput
from ims.models import Department, SchoolYear
from ims.registry import indicator_sources
from objectives.models import Indicator, Objective, PlanAction

User = get_user_model()


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by the service."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data if d]
        return [super().clean(data, initial)] if data else []


class RefuseStaleEdit:
    """A ModelForm mixin: the form carries when the row was last changed, and
    saving over a change made since the form was opened is refused, not merged."""

    stale_message = _("Someone else changed this meanwhile. Reload the page to see it.")

    def add_seen_field(self):
        self.fields["seen"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if self.instance.pk and self.instance.updated_at:
            self.fields["seen"].initial = self.instance.updated_at.isoformat()

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            current = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            if current is None or cleaned.get("seen") != current.isoformat():
                raise forms.ValidationError(self.stale_message, code="stale")
        return cleaned


def _people():
    return User.objects.filter(is_active=True).order_by("first_name", "username")


class ObjectiveForm(RefuseStaleEdit, forms.ModelForm):
    class Meta:
        model = Objective
        fields = [
            "school_year",
            "level",
            "parent",
            "department",
            "code",
            "statement",
            "owner",
            "clauses",
            "order",
        ]
        widgets = {"statement": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people()
        # Objectives of years not over yet (and the one already chosen), not ten years' worth.
        self.fields["parent"].queryset = (
            Objective.objects.exclude(level=Objective.Level.STAFF)
            .filter(
                Q(school_year__end_date__gte=timezone.localdate())
                | Q(pk=self.instance.parent_id or 0)
            )
            .select_related("school_year")
        )
        self.fields["clauses"].widget.attrs["size"] = 8
        self.add_seen_field()
        if departments is not None:  # a department head keeps their own department's
            self.fields["department"].queryset = departments
            self.fields["level"].choices = [
                c for c in Objective.Level.choices if c[0] != Objective.Level.ORGANISATION
            ]
        else:
            self.fields["department"].queryset = Department.objects.filter(is_active=True)


class PlanActionForm(forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["action", "responsible", "resources", "due_on", "done_on"]
        widgets = {
            "action": forms.Textarea(attrs={"rows": 2}),
            "due_on": DateInput(),
            "done_on": DateInput(),
        }


class IndicatorForm(RefuseStaleEdit, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = [
            "name",
            "unit",
            "direction",
            "target",
            "target_low",
            "target_high",
            "at_risk_margin",
            "baseline",
            "frequency",
            "owner",
            "source",
            "source_parameter",
            "order",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _people()
        sources = indicator_sources()
        self.fields["source"] = forms.ChoiceField(
            label=_("Computed from"),
            required=False,
            choices=[("", _("Entered by hand"))]
            + [(key, source.label) for key, source in sorted(sources.items())],
        )
        parameters = [("", "—")]
        for source in sources.values():
            if source.parameter_choices:
                parameters += [
                    (v, f"{source.label}: {label}") for v, label in source.parameter_choices()
                ]
        self.fields["source_parameter"] = forms.ChoiceField(
            label=_("Source parameter"), required=False, choices=parameters
        )
        self.add_seen_field()


class MeasurementForm(forms.Form):
    """Shape only; the service checks the period and the value against the indicator."""

    # A select of the open periods, but any date is accepted here so that the
    # service can say why a period is refused (outside the year, not started…).
    period = forms.CharField(label=_("Period"), widget=forms.Select)
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2, localize=True)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, images, Word, Excel or CSV; several files at once."),
    )

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period"].widget.choices = [
            (p.key, f"{p.label} ({p.start:%d/%m/%Y} – {p.end:%d/%m/%Y})") for p in periods
        ]

    def clean_period(self):
        try:
            return date.fromisoformat(self.cleaned_data["period"])
        except ValueError:
            raise forms.ValidationError(_("Choose a period.")) from None


class MeasurementEditForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), max_digits=12, decimal_places=2, localize=True)
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    evidence = MultipleFileField(label=_("Add evidence files"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class DashboardFilter(forms.Form):
    year = forms.ModelChoiceField(
        label=_("School year"), queryset=SchoolYear.objects.all(), required=False, empty_label=None
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("Whole organisation"),
    )
    level = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("Default"))] + list(Objective.Level.choices),
    )
