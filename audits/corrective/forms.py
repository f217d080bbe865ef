"""Forms of corrective actions and complaints: they check shape; the rules are in
``audits/corrective/services.py``."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from audits.corrective.models import Complaint, CorrectiveAction
from audits.fields import CapitalisedLabels, ClauseField, PersonChoiceField, people
from ims.forms import DateInput
from ims.models import Clause, Department
from ims.reauth import ConfirmSignOffForm


class CorrectiveActionForm(CapitalisedLabels, forms.ModelForm):
    """A nonconformity from outside the audits: a process failure, an external finding…"""

    clause = ClauseField(label=_("clause"), queryset=Clause.objects.all(), required=False)
    owner = PersonChoiceField(label=_("owner"), queryset=people(), required=False)

    class Meta:
        model = CorrectiveAction
        fields = [
            "source",
            "department",
            "clause",
            "nonconformity",
            "owner",
            "due_date",
            "verification_interval_days",
        ]
        widgets = {"due_date": DateInput(), "nonconformity": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [
            (v, label)
            for v, label in CorrectiveAction.Source.choices
            if v
            in (
                CorrectiveAction.Source.PROCESS_FAILURE,
                CorrectiveAction.Source.EXTERNAL_AUDIT,
                CorrectiveAction.Source.INTERNAL_AUDIT,
            )
        ]


class AnswerForm(CapitalisedLabels, forms.Form):
    correction = forms.CharField(
        label=_("immediate correction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was done at once to contain the problem."),
    )
    why1 = forms.CharField(label=_("Why did it happen?"), required=False)
    why2 = forms.CharField(label=_("Why? (2)"), required=False)
    why3 = forms.CharField(label=_("Why? (3)"), required=False)
    why4 = forms.CharField(label=_("Why? (4)"), required=False)
    why5 = forms.CharField(label=_("Why? (5)"), required=False)
    root_cause = forms.CharField(
        label=_("root cause"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ask “why?” until the answer is something the department can change."),
    )
    action_plan = forms.CharField(
        label=_("corrective action plan"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What will be done so that it does not happen again, by whom, by when."),
    )
    due_date = forms.DateField(label=_("due date"), widget=DateInput())

    @classmethod
    def for_action(cls, action, data=None):
        initial = {
            "correction": action.correction,
            "root_cause": action.root_cause,
            "action_plan": action.action_plan,
            "due_date": action.due_date,
        }
        for n, why in enumerate(action.whys[:5], start=1):
            initial[f"why{n}"] = why
        return cls(data, initial=initial)

    def whys(self) -> list[str]:
        return [self.cleaned_data[f"why{n}"] for n in range(1, 6)]


class ImplementedForm(CapitalisedLabels, forms.Form):
    implemented_on = forms.DateField(label=_("action completed on"), widget=DateInput())
    note = forms.CharField(
        label=_("what was done"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class VerifyForm(CapitalisedLabels, ConfirmSignOffForm):
    """Verification of effectiveness, a sign-off: the person confirms who they are."""

    field_order = ["effective", "note", "secret"]

    effective = forms.TypedChoiceField(
        label=_("Was the action effective?"),
        choices=[("yes", _("Effective: close the action")), ("no", _("Not effective: reopen it"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("verification of effectiveness"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was checked and what it showed."),
    )


class ComplaintForm(CapitalisedLabels, forms.ModelForm):
    class Meta:
        model = Complaint
        fields = [
            "kind",
            "party",
            "complainant",
            "unit",
            "department",
            "received_on",
            "subject",
            "description",
        ]
        widgets = {"received_on": DateInput(), "description": forms.Textarea(attrs={"rows": 4})}


class ComplaintAnswerForm(CapitalisedLabels, forms.Form):
    response = forms.CharField(label=_("response"), widget=forms.Textarea(attrs={"rows": 4}))


class ComplaintActionForm(CapitalisedLabels, forms.Form):
    due_date = forms.DateField(label=_("corrective action due"), widget=DateInput())


class ActionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Number or words of the nonconformity")}
        ),
    )
    state = forms.ChoiceField(
        label=_("state"),
        required=False,
        choices=[("", _("All states")), *CorrectiveAction.State.choices],
    )
    source = forms.ChoiceField(
        label=_("source"),
        required=False,
        choices=[("", _("All sources")), *CorrectiveAction.Source.choices],
    )
    department = forms.ModelChoiceField(
        label=_("department"),
        required=False,
        queryset=Department.objects.all(),
        empty_label=_("All departments"),
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The filters stand in one row without visible labels: each control is
        # named for screen readers by its label.
        for name in ("q", "state", "source", "department"):
            field = self.fields[name]
            field.widget.attrs.setdefault("aria-label", capfirst(field.label))
