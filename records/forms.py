"""Forms of the records register: they check shape; the services check the rules."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from documents.models import Document
from ims.forms import DateInput
from ims.models import Department
from ims.uploads import check_upload
from records.models import Medium, RecordEntry, RecordSeries, Retention

RECORD_KINDS = {"pdf", "png", "jpeg", "gif", "docx", "xlsx"}


class RegisterFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("Record, procedure or form"), "aria-label": _("Search")}
        ),
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        empty_label=_("All departments"),
        widget=forms.Select(attrs={"aria-label": _("Department")}),
    )
    medium = forms.ChoiceField(
        label=_("Medium"),
        required=False,
        choices=[
            ("", _("Any medium")),
            (Medium.PAPER, _("Paper")),
            (Medium.ELECTRONIC, _("Electronic")),
        ],
        widget=forms.Select(attrs={"aria-label": _("Medium")}),
    )
    retention = forms.ChoiceField(
        label=_("Retention"),
        required=False,
        choices=[("", _("Any retention")), *Retention.choices],
        widget=forms.Select(attrs={"aria-label": _("Retention")}),
    )
    required = forms.ChoiceField(
        label=pgettext_lazy("still", "Required"),
        required=False,
        choices=[
            ("", _("Still required")),
            ("dropped", _("No longer required")),
            ("all", _("All")),
        ],
        widget=forms.Select(attrs={"aria-label": pgettext_lazy("still", "Required")}),
    )
    silent = forms.BooleanField(label=_("Nothing logged last school year"), required=False)


class SeriesForm(forms.Form):
    form = forms.ModelChoiceField(
        label=_("Form (BM)"),
        queryset=Document.objects.none(),
        required=False,
        empty_label=_("No form"),
    )
    keeper = forms.CharField(label=_("Keeper"), max_length=200, required=False)
    place = forms.CharField(label=_("Place kept"), max_length=200, required=False)
    medium = forms.ChoiceField(label=_("Medium"), choices=Medium.choices, required=False)
    retention = forms.ChoiceField(label=_("Retention"), choices=Retention.choices)
    retention_months = forms.IntegerField(
        label=_("Retention (months)"),
        min_value=1,
        max_value=1200,
        required=False,
        help_text=_("For a retention of a number of months: 60 for five years."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, series: RecordSeries, **kwargs):
        super().__init__(*args, **kwargs)
        forms_of = Document.objects.filter(kind=Document.Kind.FORM, is_obsolete=False)
        self.fields["form"].queryset = forms_of.order_by("code")
        self.fields["form"].label_from_instance = lambda d: f"{d.code} – {d.title}"

    def clean(self):
        data = super().clean()
        if data.get("retention") == Retention.MONTHS and not data.get("retention_months"):
            self.add_error("retention_months", _("Give the number of months."))
        return data


class RecordEntryForm(forms.Form):
    period = forms.CharField(
        label=_("Period"),
        max_length=60,
        help_text=_("For example Năm học 2024–2025 or Tháng 10/2025."),
    )
    period_start = forms.DateField(label=_("Period starts"), widget=DateInput())
    period_end = forms.DateField(label=_("Period ends"), widget=DateInput())
    description = forms.CharField(label=_("What is kept"), max_length=300)
    location = forms.CharField(label=_("Where"), max_length=200, required=False)
    count = forms.IntegerField(label=_("Number of files or items"), min_value=1, initial=1)
    file = forms.FileField(
        label=_("File (scan or electronic record)"),
        required=False,
        help_text=_("PDF, images (PNG, JPEG, GIF), Word (.docx) or Excel (.xlsx)."),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            check_upload(upload, kinds=RECORD_KINDS)
        return upload

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period ends before it starts."))
        return data


class ProposalForm(forms.Form):
    entries = forms.ModelMultipleChoiceField(
        label=_("Records to dispose of"),
        queryset=RecordEntry.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    method = forms.CharField(
        label=_("Method of disposal"),
        max_length=200,
        initial="Hủy bằng máy hủy tài liệu; tệp điện tử xóa vĩnh viễn khỏi hệ thống",
    )
    place = forms.CharField(label=_("Place of disposal"), max_length=200, required=False)
    council = forms.CharField(
        label=_("Disposal council"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One member a line: name – position – role."),
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = candidates
        self.fields["entries"].label_from_instance = lambda e: (
            f"{e.series.document.code} · {e.series.name} · {e.period} ({e.retain_until:%d/%m/%Y})"
        )

    def clean_council(self):
        members = [m for m in self.cleaned_data["council"].splitlines() if m.strip()]
        if len(members) < 2:
            raise ValidationError(_("Name at least two members of the council."))
        return "\n".join(m.strip() for m in members)


class ApproveForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), max_length=300, required=False)
