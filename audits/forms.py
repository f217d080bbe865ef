"""Forms check shape; the rules are in ``audits/services.py`` (the independence rule is
checked here too, so the form shows it beside the fields)."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from audits.models import (
    Audit,
    AuditProgramme,
    AuditRound,
    ChecklistItem,
    Complaint,
    CorrectiveAction,
    Finding,
    ManagementReview,
    ReviewDecision,
)
from audits.services import AuditRuleError, check_independence
from documents.models import Document
from ims.forms import DateInput
from ims.models import Clause, Department
from ims.reauth import ConfirmSignOffForm

User = get_user_model()


class CapitalisedLabels:
    """Labels start with a capital, as Django gives model fields' own labels."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if field.label:
                field.label = capfirst(field.label)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        department = getattr(getattr(obj, "profile", None), "department", None)
        name = obj.get_full_name() or obj.username
        return f"{name} ({department.code})" if department else name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    label_from_instance = PersonChoiceField.label_from_instance


class ClauseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.short_label} {obj.title}"


class ClauseField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.short_label} {obj.title}"


def people():
    return User.objects.filter(is_active=True).select_related("profile__department")


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


class ReviewForm(CapitalisedLabels, forms.ModelForm):
    class Meta:
        model = ManagementReview
        fields = [
            "school_year",
            "title",
            "meeting_date",
            "period_start",
            "period_end",
            "chair",
            "attendees",
        ]
        widgets = {
            "meeting_date": DateInput(),
            "period_start": DateInput(),
            "period_end": DateInput(),
            "attendees": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends on or after the day it starts."))
        return data


class ReviewRecordForm(CapitalisedLabels, forms.ModelForm):
    class Meta:
        model = ManagementReview
        fields = ["chair", "attendees", "conclusions"]
        widgets = {
            "attendees": forms.Textarea(attrs={"rows": 3}),
            "conclusions": forms.Textarea(attrs={"rows": 5}),
        }


class DecisionForm(CapitalisedLabels, forms.ModelForm):
    owner = PersonChoiceField(label=_("person responsible"), queryset=people(), required=False)

    class Meta:
        model = ReviewDecision
        fields = ["kind", "text", "department", "owner", "due_date", "status", "done_on", "link"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "due_date": DateInput(),
            "done_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.corrective_action_id:
            # Its corrective action is open: the decision stays of that kind.
            self.fields["kind"].disabled = True
            return
        # An action is opened from a decision with its own button, not chosen here.
        self.fields["kind"].choices = [
            c for c in self.fields["kind"].choices if c[0] != ReviewDecision.Kind.CORRECTIVE_ACTION
        ]

    def clean_link(self):
        link = self.cleaned_data["link"].strip()
        if link and not (
            link.startswith("/") or link.startswith("https://") or link.startswith("http://")
        ):
            raise forms.ValidationError(_("Give a page address, e.g. /objectives/12/."))
        return link


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


class CompleteAuditForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary of the audit"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the audit's summary before completing it.")},
    )
