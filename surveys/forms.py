from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from ims.forms import DateInput
from ims.unit_picker import UnitPickerField
from surveys.models import Campaign, Question, Section, Survey


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "group", "instrument", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "instrument": _("The Ministry's instruments come with their sections and questions.")
        }


class SurveyEditForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "group", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.is_locked:
            # Answers already given were given by this group.
            self.fields["group"].disabled = True


class SectionForm(forms.ModelForm):
    class Meta:
        model = Section
        fields = ["title"]


class QuestionForm(forms.ModelForm):
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For choice questions: one option per line."),
    )

    class Meta:
        model = Question
        fields = ["section", "text", "kind", "dimension", "required"]

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = survey.sections.all()
        if self.instance.pk and self.instance.choices:
            self.initial["options"] = "\n".join(self.instance.choices)

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        options = [line.strip() for line in data.get("options", "").splitlines() if line.strip()]
        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE) and len(options) < 2:
            self.add_error("options", _("A choice question needs at least two options."))
        if kind == Question.Kind.LIKERT and not data.get("dimension"):
            self.add_error("dimension", _("A scale question needs a dimension."))
        self.instance.choices = options
        return data


class CampaignForm(forms.ModelForm):
    public_link = forms.BooleanField(
        label=_("Public link (anonymous)"),
        required=False,
        help_text=_("Anyone with the link may answer, without an account."),
    )

    class Meta:
        model = Campaign
        fields = [
            "survey",
            "title",
            "department",
            "opens_on",
            "closes_on",
            "anonymous",
            "ask_unit",
            "cap",
        ]
        widgets = {
            "opens_on": DateInput(),
            "closes_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["public_link"].initial = bool(self.instance.public_key)
        if self.instance.pk and self.instance.responses.exists():
            # Answers already given were given to this questionnaire.
            self.fields["survey"].disabled = True

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("A campaign closes on or after the day it opens."))
        return data


class UnitTokensForm(forms.Form):
    units = UnitPickerField(label=_("Units"), required=True)


class NamedTokensForm(forms.Form):
    people = forms.CharField(
        label=_("Named respondents"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line: name; e-mail"),
    )

    def clean_people(self):
        people = []
        for number, line in enumerate(self.cleaned_data["people"].splitlines(), 1):
            if not line.strip():
                continue
            name, _sep, email = (part.strip() for part in line.partition(";"))
            try:
                if email:
                    validate_email(email)
            except ValidationError:
                raise ValidationError(
                    _("Line %(n)s: %(email)s is not an e-mail address."),
                    params={"n": number, "email": email},
                ) from None
            if not name:
                raise ValidationError(_("Line %(n)s: a name is needed."), params={"n": number})
            people.append((name, email))
        if not people:
            raise ValidationError(_("Write at least one respondent."))
        return people
