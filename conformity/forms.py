"""Forms of the conformity app: they check shape; the rules are in ``services.py``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from conformity.models import Announcement, YearlyReport
from ims.forms import DateInput


class AnnouncementForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Announcement
        fields = [
            "number",
            "place",
            "signed_on",
            "signer_title",
            "signer_name",
            "legal_bases",
            "proposed_by",
            "scope_text",
            "executors",
            "recipients",
        ]
        widgets = {
            "signed_on": DateInput(),
            "legal_bases": forms.Textarea(attrs={"rows": 6}),
            "scope_text": forms.Textarea(attrs={"rows": 3}),
            "executors": forms.Textarea(attrs={"rows": 2}),
            "recipients": forms.Textarea(attrs={"rows": 4}),
        }


class PublicationForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = ["sent_on", "posted_on", "posted_url"]
        widgets = {"sent_on": DateInput(), "posted_on": DateInput()}


class ReportForm(forms.ModelForm):
    """A new report: what it covers and who it is for."""

    class Meta:
        model = YearlyReport
        fields = [
            "title",
            "number",
            "period_start",
            "period_end",
            "place",
            "addressee",
            "signer_title",
            "signer_name",
        ]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends on or after the day it starts."))
        return data


class ReportEditForm(forms.Form):
    """The report's particulars and one text per section."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label=_("report number"), max_length=40, required=False)
    place = forms.CharField(label=_("place of issue"), max_length=80, required=False)
    addressee = forms.CharField(label=_("addressed to"), max_length=200, required=False)
    signer_title = forms.CharField(label=_("title of the signer"), max_length=120, required=False)
    signer_name = forms.CharField(label=_("name of the signer"), max_length=120, required=False)

    def __init__(self, *args, report: YearlyReport, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "version": report.version,
                "number": report.number,
                "place": report.place,
                "addressee": report.addressee,
                "signer_title": report.signer_title,
                "signer_name": report.signer_name,
                **{f"text_{s['key']}": s["text"] for s in report.sections},
            },
        )
        super().__init__(*args, **kwargs)
        self.section_fields = []
        for section in report.sections:
            name = f"text_{section['key']}"
            self.fields[name] = forms.CharField(
                label=section["label"],
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
            )
            self.section_fields.append((section, name))

    def particulars(self) -> dict:
        return {
            k: self.cleaned_data[k]
            for k in ("number", "place", "addressee", "signer_title", "signer_name")
        }

    def texts(self) -> dict:
        return {s["key"]: self.cleaned_data[name].strip() for s, name in self.section_fields}

    def section_rows(self):
        """(section, bound field) in order, for the template."""
        return [(section, self[name]) for section, name in self.section_fields]
