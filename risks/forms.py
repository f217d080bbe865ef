"""Forms of the register: they check shape; the rules are in ``risks/services.py``."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from audits.fields import CapitalisedLabels, PersonChoiceField, people
from ims.forms import DateInput
from ims.models import Department
from ims.reauth import ConfirmSignOffForm
from risks.models import LEVELS, Band, Risk, RiskScale

User = get_user_model()


def _level_choices(words: list[str]):
    return [(n, f"{n} – {word}") for n, word in zip(LEVELS, words, strict=True)]


class RatingField(forms.TypedChoiceField):
    def __init__(self, *, words, required=True, **kwargs):
        blank = [] if required else [("", "—")]
        super().__init__(
            choices=blank + _level_choices(words),
            coerce=int,
            empty_value=None,
            required=required,
            **kwargs,
        )


class RiskForm(CapitalisedLabels, forms.ModelForm):
    """A row of the register. ``department`` is offered to the secretariat only; a
    head adds to their own department."""

    owner = PersonChoiceField(label=_("owner"), queryset=people())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Risk
        fields = [
            "department",
            "process",
            "kind",
            "description",
            "cause",
            "consequence",
            "likelihood",
            "impact",
            "owner",
            "treatment",
            "treatment_plan",
            "residual_likelihood",
            "residual_impact",
            "identified_on",
            "review_due",
            "is_closed",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "consequence": forms.Textarea(attrs={"rows": 2}),
            "treatment_plan": forms.Textarea(attrs={"rows": 3}),
            "identified_on": DateInput,
            "review_due": DateInput,
        }

    def __init__(self, *args, scale: RiskScale, choose_department: bool, **kwargs):
        super().__init__(*args, **kwargs)
        likelihood, impact = scale.likelihood_words(), scale.impact_words()
        for name, words, required in (
            ("likelihood", likelihood, True),
            ("impact", impact, True),
            ("residual_likelihood", likelihood, False),
            ("residual_impact", impact, False),
        ):
            label = self.fields[name].label
            self.fields[name] = RatingField(words=words, required=required, label=label)
        self.fields["residual_likelihood"].help_text = _(
            "After treatment; leave empty until rated."
        )
        if choose_department:
            self.fields["department"].queryset = Department.objects.filter(is_active=True)
        else:
            del self.fields["department"]
        if self.instance.pk is None:
            del self.fields["is_closed"]
        self.fields["version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        kind, treatment = data.get("kind"), data.get("treatment")
        allowed = (
            Risk.OPPORTUNITY_TREATMENTS if kind == Risk.Kind.OPPORTUNITY else Risk.RISK_TREATMENTS
        )
        if kind and treatment and treatment not in allowed:
            self.add_error(
                "treatment",
                _(
                    "An opportunity is pursued or accepted; a risk is accepted, reduced, "
                    "transferred or avoided."
                ),
            )
        if (data.get("residual_likelihood") is None) != (data.get("residual_impact") is None):
            self.add_error(
                "residual_impact",
                _("Give both the residual likelihood and the residual impact, or neither."),
            )
        return data


class ReviewForm(CapitalisedLabels, forms.Form):
    likelihood = forms.TypedChoiceField(label=_("likelihood"), coerce=int)
    impact = forms.TypedChoiceField(label=_("impact"), coerce=int)
    residual_likelihood = forms.TypedChoiceField(
        label=_("residual likelihood"), coerce=int, empty_value=None, required=False
    )
    residual_impact = forms.TypedChoiceField(
        label=_("residual impact"), coerce=int, empty_value=None, required=False
    )
    note = forms.CharField(
        label=_("what the review found"), widget=forms.Textarea(attrs={"rows": 3})
    )
    next_review = forms.DateField(label=pgettext_lazy("risk", "next review"), widget=DateInput)

    def __init__(self, *args, scale: RiskScale, **kwargs):
        kwargs.setdefault("prefix", "review")  # beside the link form on the row's page
        super().__init__(*args, **kwargs)
        likelihood, impact = scale.likelihood_words(), scale.impact_words()
        self.fields["likelihood"].choices = _level_choices(likelihood)
        self.fields["impact"].choices = _level_choices(impact)
        self.fields["residual_likelihood"].choices = [("", "—"), *_level_choices(likelihood)]
        self.fields["residual_impact"].choices = [("", "—"), *_level_choices(impact)]


class LinkForm(CapitalisedLabels, forms.Form):
    """One existing object of another register that treats the row."""

    plan_action = forms.ModelChoiceField(
        label=_("plan action of an objective"), queryset=None, required=False
    )
    corrective_action = forms.ModelChoiceField(
        label=_("corrective action"), queryset=None, required=False
    )
    change_request = forms.ModelChoiceField(
        label=_("document change request"), queryset=None, required=False
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)

    def __init__(self, *args, risk: Risk, **kwargs):
        from audits.models import CorrectiveAction
        from documents.models import ChangeRequest
        from objectives.models import PlanAction

        kwargs.setdefault("prefix", "link")  # beside the review form on the row's page
        super().__init__(*args, **kwargs)
        department = risk.department
        self.fields["plan_action"].queryset = PlanAction.objects.filter(
            Q(objective__department=department) | Q(objective__department__isnull=True)
        ).select_related("objective")
        self.fields["plan_action"].label_from_instance = lambda a: (
            f"{a.objective.code}: {a.action[:90]}"
        )
        self.fields["corrective_action"].queryset = CorrectiveAction.objects.filter(
            department=department
        )
        self.fields["corrective_action"].label_from_instance = lambda a: (
            f"{a.number}: {a.nonconformity[:90]}"
        )
        self.fields["change_request"].queryset = ChangeRequest.objects.filter(
            document__department=department
        ).select_related("document")
        self.fields["change_request"].label_from_instance = lambda r: (
            f"{r.document.code}: {r.reason[:90]}"
        )

    def clean(self):
        data = super().clean()
        chosen = [
            data[n] for n in ("plan_action", "corrective_action", "change_request") if data.get(n)
        ]
        if len(chosen) != 1:
            raise forms.ValidationError(
                _("Choose one action: a plan action, a corrective action or a change request.")
            )
        data["target"] = chosen[0]
        return data


class AcceptForm(CapitalisedLabels, ConfirmSignOffForm):
    """The owner's sign-off of the residual risk: they confirm who they are."""


class ScaleForm(CapitalisedLabels, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = RiskScale
        fields = [
            *(f"likelihood_{n}" for n in LEVELS),
            *(f"impact_{n}" for n in LEVELS),
            "medium_from",
            "high_from",
            "very_high_from",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


class FilterForm(forms.Form):
    """The register's filters; a value that is not offered is ignored, never an error page."""

    q = forms.CharField(label=_("Search"), required=False)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("All departments"),
    )
    process = forms.ChoiceField(label=_("Process"), required=False)
    band = forms.ChoiceField(
        label=_("Rating"), choices=[("", _("All ratings")), *Band.choices], required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[("", _("Risks and opportunities")), *Risk.Kind.choices],
        required=False,
    )
    treatment = forms.ChoiceField(
        label=_("Treatment"),
        choices=[("", _("All treatments")), *Risk.Treatment.choices],
        required=False,
    )
    overdue = forms.BooleanField(label=_("Risk review overdue"), required=False)
    closed = forms.BooleanField(label=_("Include closed rows"), required=False)

    def __init__(self, *args, processes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].choices = [("", _("All processes")), *((p, p) for p in processes)]
        # A heat map's cell: likelihood and impact before (l, i) or after (rl, ri) treatment.
        for key in ("l", "i", "rl", "ri"):
            self.fields[key] = forms.TypedChoiceField(
                choices=[(n, n) for n in LEVELS],
                coerce=int,
                required=False,
                widget=forms.HiddenInput,
            )
        for name in ("q",):
            self.fields[name].widget.attrs["placeholder"] = _("Search")
