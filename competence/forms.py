"""Forms of the competence register: they check the shape of what is typed; the
services check the rights and the rules. Each edit form carries the version of
the row it was opened on (``seen_version``) so a change made meanwhile is refused."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from competence.models import (
    CERTIFICATE_KINDS,
    ExperienceNote,
    Qualification,
    Requirement,
    Training,
    TrainingRecord,
    TrainingTopic,
)
from documents.models import Document
from ims.forms import DateInput
from ims.models import Department, Position, SchoolYear
from ims.uploads import check_upload


class Versioned(forms.ModelForm):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version


class TopicForm(forms.ModelForm):
    class Meta:
        model = TrainingTopic
        fields = ["name", "description", "validity_months"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class RequirementForm(Versioned):
    class Meta:
        model = Requirement
        fields = ["kind", "text", "level", "years", "topic", "document"]
        help_texts = {
            "level": _("For education: the lowest degree that meets it."),
            "years": _("For experience: the years of work needed."),
            "topic": _("For a training or a skill: the training that proves it."),
            "document": _("For a document to read: read and understood by the person."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = Document.objects.active().order_by("code")
        self.fields["document"].label_from_instance = lambda d: f"{d.code} – {d.title}"

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        needed = {
            Requirement.Kind.EDUCATION: ("level", _("Choose the lowest degree that meets it.")),
            Requirement.Kind.EXPERIENCE: ("years", _("Give the years of experience needed.")),
            Requirement.Kind.TRAINING: ("topic", _("Choose the training topic that proves it.")),
            Requirement.Kind.SKILL: ("topic", _("Choose the training topic that proves it.")),
            Requirement.Kind.DOCUMENT: ("document", _("Choose the document to read.")),
        }
        if kind in needed:
            name, message = needed[kind]
            if cleaned.get(name) in (None, ""):
                self.add_error(name, message)
        return cleaned


class QualificationForm(Versioned):
    class Meta:
        model = Qualification
        fields = ["level", "degree", "field", "institution", "year"]

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 1950 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Give the year the degree was awarded."))
        return year


class ExperienceForm(Versioned):
    class Meta:
        model = ExperienceNote
        fields = ["text", "years"]


class TrainingRecordForm(Versioned):
    certificate = forms.FileField(
        label=_("Certificate"),
        required=False,
        help_text=_("A PDF or an image (PNG, JPEG)."),
    )

    class Meta:
        model = TrainingRecord
        fields = ["topic", "title", "date", "result", "expires_on"]
        widgets = {"date": DateInput(), "expires_on": DateInput()}
        help_texts = {
            "title": _("Empty: the topic's name."),
            "expires_on": _("Empty: from the topic's validity, if its certificates expire."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False

    def clean_certificate(self):
        upload = self.cleaned_data.get("certificate")
        if upload:
            check_upload(upload, kinds=CERTIFICATE_KINDS)
        return upload

    def clean(self):
        cleaned = super().clean()
        day, expires = cleaned.get("date"), cleaned.get("expires_on")
        if day and expires and expires < day:
            self.add_error("expires_on", _("A certificate cannot expire before the training."))
        return cleaned


class TrainingForm(Versioned):
    class Meta:
        model = Training
        fields = [
            "school_year",
            "topic",
            "title",
            "date",
            "place",
            "trainer",
            "departments",
            "positions",
            "evaluation_months",
        ]
        widgets = {"date": DateInput(), "departments": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = SchoolYear.objects.order_by("-start_date")
        self.fields["departments"].queryset = Department.objects.filter(is_active=True)
        self.fields["positions"].queryset = Position.objects.select_related("department")
        self.fields["positions"].widget.attrs["size"] = 8
        if not self.instance.pk and not self.is_bound:
            self.fields["school_year"].initial = SchoolYear.objects.current()

    def clean(self):
        cleaned = super().clean()
        year, day = cleaned.get("school_year"), cleaned.get("date")
        if year and day and not year.contains(day):
            self.add_error("date", _("The date is not in the school year chosen."))
        return cleaned


class AttendanceForm(Versioned):
    class Meta:
        model = TrainingRecord
        fields = ["attended", "result"]


class EvaluationForm(Versioned):
    effective = forms.TypedChoiceField(
        label=_("Was the training effective?"),
        choices=[("yes", _("Yes, effective")), ("no", _("No, not effective"))],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Training
        fields = ["evaluation", "effective"]
        widgets = {"evaluation": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluation"].required = True
        if self.instance.effective is not None:
            self.initial["effective"] = "yes" if self.instance.effective else "no"


class RegisterFilter(forms.Form):
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=Department.objects.none(), required=False
    )
    gaps = forms.BooleanField(label=_("Only people with a gap"), required=False)

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments or Department.objects.filter(
            is_active=True
        )
