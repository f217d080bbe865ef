"""Forms check shape; the rules are in ``audits/services.py`` (the independence rule is
checked here too, so the form shows it beside the fields)."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audits.errors import AuditRuleError
from audits.fields import (
    CapitalisedLabels,
    ClauseChoiceField,
    ClauseField,
    PeopleChoiceField,
    PersonChoiceField,
    people,
)
from audits.models import Audit, AuditProgramme, AuditRound, ChecklistItem, Finding
from audits.services import check_independence
from documents.models import Document
from ims.forms import DateInput
from ims.models import Clause, Department


class ProgrammeForm(CapitalisedLabels, forms.ModelForm):
    class Meta:
        model = AuditProgramme
        fields = ["school_year", "objectives", "scope"]
        widgets = {
            "objectives": forms.Textarea(attrs={"rows": 3}),
            "scope": forms.Textarea(attrs={"rows": 3}),
        }


class RoundForm(CapitalisedLabels, forms.ModelForm):
    class Meta:
        model = AuditRound
        fields = ["kind", "start_date", "end_date", "certification_body", "notes"]
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, programme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("A round ends on or after the day it starts."))
        kind = data.get("kind")
        if kind and self.programme:
            taken = AuditRound.objects.filter(programme=self.programme, kind=kind)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("kind", _("The programme already has this round."))
        return data


class DocumentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.title}"


class AuditForm(CapitalisedLabels, forms.ModelForm):
    lead_auditor = PersonChoiceField(label=_("lead auditor"), queryset=people())
    team = PeopleChoiceField(
        label=_("audit team"),
        queryset=people(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    clauses = ClauseChoiceField(
        label=_("criteria (clauses)"),
        queryset=Clause.objects.all(),
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=_("Hold Ctrl (or ⌘) to choose several clauses of either standard."),
    )
    documents = DocumentChoiceField(
        label=_("documents in scope"),
        queryset=Document.objects.filter(is_obsolete=False).in_register_order(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 10}),
        help_text=_("Procedures and instructions from the register that the audit tests."),
    )

    class Meta:
        model = Audit
        fields = [
            "department",
            "process",
            "scope",
            "date",
            "start_time",
            "place",
            "lead_auditor",
            "team",
            "clauses",
            "documents",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "scope": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, round=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.round = round
        self.fields["department"].queryset = Department.objects.filter(is_active=True)

    def clean(self):
        data = super().clean()
        if not data.get("department") and not data.get("process"):
            raise forms.ValidationError(_("Name the audited department or the audited process."))
        day, round = data.get("date"), self.round or getattr(self.instance, "round", None)
        if day and round and not (round.start_date <= day <= round.end_date):
            self.add_error(
                "date",
                _("The audit falls within its round, %(start)s – %(end)s.")
                % {
                    "start": round.start_date.strftime("%d/%m/%Y"),
                    "end": round.end_date.strftime("%d/%m/%Y"),
                },
            )
        if data.get("lead_auditor"):
            try:
                check_independence(
                    department=data.get("department"),
                    auditors=[data["lead_auditor"], *data.get("team", [])],
                )
            except AuditRuleError as error:
                raise forms.ValidationError(str(error)) from error
        return data

    def audit_fields(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in (
                "department",
                "process",
                "scope",
                "date",
                "start_time",
                "place",
                "lead_auditor",
            )
        }


class ChecklistItemForm(CapitalisedLabels, forms.Form):
    result = forms.ChoiceField(
        label=_("result"),
        choices=ChecklistItem.Result.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(
        label=_("evidence seen"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class FindingForm(CapitalisedLabels, forms.ModelForm):
    clause = ClauseField(label=_("clause"), queryset=Clause.objects.all())
    due_date = forms.DateField(
        label=_("corrective action due"),
        required=False,
        widget=DateInput(),
        help_text=_("For a nonconformity: when the department must have acted (30 days if empty)."),
    )

    class Meta:
        model = Finding
        fields = ["grade", "clause", "department", "statement", "evidence"]
        widgets = {
            "grade": forms.RadioSelect,
            "statement": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, audit=None, **kwargs):
        super().__init__(*args, **kwargs)
        if "grade" in self.fields:
            # No blank "---------" radio checked by default: the auditor chooses a grade
            # (or it comes from the checklist answer), never submits an empty one.
            self.fields["grade"].choices = Finding.Grade.choices
        if audit is not None:
            criteria = audit.clauses.all()
            if criteria:
                self.fields["clause"].queryset = criteria


class FindingCorrectionForm(FindingForm):
    """What an auditor may correct in a recorded finding (grade and department stay)."""

    due_date = None  # its corrective action, if any, is open already

    class Meta(FindingForm.Meta):
        fields = ["clause", "statement", "evidence"]

    def __init__(self, *args, instance, **kwargs):
        super().__init__(*args, instance=instance, audit=instance.audit, **kwargs)
        # The clause recorded stays a choice even when it is outside the audit's criteria.
        # (By pk: OR-ing the audit's related queryset joins every audit's criteria and
        # repeats a clause that other audits test too.)
        choices = self.fields["clause"].queryset.values("pk")
        self.fields["clause"].queryset = Clause.objects.filter(
            Q(pk__in=choices) | Q(pk=instance.clause_id)
        )


class CompleteAuditForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the audit"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the audit's summary before completing it.")},
    )
