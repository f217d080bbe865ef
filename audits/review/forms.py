"""Forms of management review: they check shape; the rules are in
``audits/review/services.py``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from audits.fields import CapitalisedLabels, PersonChoiceField, people
from audits.review.models import ManagementReview, ReviewDecision
from ims.forms import DateInput


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
