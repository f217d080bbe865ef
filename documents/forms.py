"""Forms of document control. They check shape; the services check the rules."""

from django import forms
from django.db.models import Q
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from documents.models import Document, RecordKept, Revision, Step
from ims.forms import DateInput
from ims.models import Department, Unit
from ims.unit_picker import UnitPickerField

TEXTAREA = {"rows": 4}


class EditionForm(forms.Form):
    """The sections of an edition. Procedures use the four sections, other kinds the body."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    change_summary = forms.CharField(
        label=_("What changed in this edition"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    purpose = forms.CharField(
        label=_("1. Purpose"), required=False, widget=forms.Textarea(TEXTAREA)
    )
    scope = forms.CharField(label=_("2. Scope"), required=False, widget=forms.Textarea(TEXTAREA))
    references = forms.CharField(
        label=_("3. References"), required=False, widget=forms.Textarea(TEXTAREA)
    )
    terms = forms.CharField(
        label=_("4. Terms and abbreviations"), required=False, widget=forms.Textarea(TEXTAREA)
    )
    terms_notes = forms.CharField(
        label=_("Further definitions (text after the table)"),
        required=False,
        widget=forms.Textarea({"rows": 3}),
    )
    body = forms.CharField(
        label=_("Content"),
        required=False,
        widget=forms.Textarea({"rows": 20}),
        help_text=_(
            "Markdown: # heading, **bold**, - list item, | table | cells |. "
            "HTML that could run code is removed."
        ),
    )

    SECTION_FIELDS = ["purpose", "scope", "references", "terms", "terms_notes"]

    def __init__(self, *args, revision: Revision, **kwargs):
        super().__init__(*args, **kwargs)
        if revision.document.has_sections:
            # A procedure's body is its "Other content": text that fits no section
            # (an imported file's), shown after the records, never hidden.
            self.fields["body"].label = _("Other content")
            self.fields["body"].widget.attrs["rows"] = 6
            # Section 4 is edited as rows (TermFormSet) and the text after them;
            # documents.editor joins them into the stored Markdown.
            del self.fields["terms"]
        else:
            for name in self.SECTION_FIELDS:
                del self.fields[name]
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["data-markdown"] = ""


class StepForm(forms.Form):
    name = forms.CharField(label=Step._meta.get_field("name").verbose_name, max_length=300)
    responsible = forms.CharField(
        label=Step._meta.get_field("responsible").verbose_name, max_length=300, required=False
    )
    action = forms.CharField(
        label=Step._meta.get_field("action").verbose_name,
        required=False,
        widget=forms.Textarea({"rows": 2}),
    )
    time_limit = forms.CharField(
        label=Step._meta.get_field("time_limit").verbose_name, max_length=120, required=False
    )
    record = forms.CharField(
        label=Step._meta.get_field("record").verbose_name, max_length=300, required=False
    )
    # Last in the card: most steps have no phase heading.
    phase = forms.CharField(
        label=Step._meta.get_field("phase").verbose_name,
        max_length=300,
        required=False,
        help_text=Step._meta.get_field("phase").help_text,
    )


class RecordForm(forms.Form):
    name = forms.CharField(label=_("Record"), max_length=300)  # "Tên hồ sơ"
    keeper = forms.CharField(
        label=RecordKept._meta.get_field("keeper").verbose_name, max_length=200, required=False
    )
    place = forms.CharField(
        label=RecordKept._meta.get_field("place").verbose_name, max_length=200, required=False
    )
    retention = forms.CharField(
        label=RecordKept._meta.get_field("retention").verbose_name, max_length=120, required=False
    )
    medium = forms.CharField(
        label=RecordKept._meta.get_field("medium").verbose_name, max_length=120, required=False
    )


class TermForm(forms.Form):
    """A row of section 4's table: a term or abbreviation and what it means."""

    term = forms.CharField(label=_("Term or abbreviation"), max_length=300, required=False)
    meaning = forms.CharField(
        label=_("Meaning"), required=False, widget=forms.Textarea({"rows": 1})
    )


class _RowFormSet(forms.BaseFormSet):
    """Rows in the order the person put them (ORDER), blank extra rows ignored."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        # Each row is a card with a label over each field (documents/_row_fields.html).
        for field in form.fields.values():
            field.label = capfirst(field.label)

    def rows(self) -> list[dict]:
        kept = [
            f
            for f in self.forms
            if f.has_changed() and not self._should_delete_form(f) and f.is_valid()
        ]
        position = {id(f): i for i, f in enumerate(self.forms)}
        kept.sort(
            key=lambda f: (
                f.cleaned_data.get("ORDER") is None,
                f.cleaned_data.get("ORDER") or 0,
                position[id(f)],
            )
        )
        return [
            {k: v for k, v in f.cleaned_data.items() if k not in ("ORDER", "DELETE")} for f in kept
        ]


StepFormSet = forms.formset_factory(
    StepForm, formset=_RowFormSet, extra=1, can_order=True, can_delete=True
)
RecordFormSet = forms.formset_factory(
    RecordForm, formset=_RowFormSet, extra=1, can_order=True, can_delete=True
)

TermFormSet = forms.formset_factory(
    TermForm, formset=_RowFormSet, extra=1, can_order=True, can_delete=True
)


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea({"rows": 2})
    )


class SendBackForm(forms.Form):
    comment = forms.CharField(label=_("What must change"), widget=forms.Textarea({"rows": 3}))


class ApproveForm(forms.Form):
    effective_date = forms.DateField(label=_("Takes effect on"), widget=DateInput())
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea({"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea({"rows": 3}))


class DecisionForm(forms.Form):
    ACCEPT = "accept"
    REJECT = "reject"
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Accept: open a new draft")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea({"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REJECT and not (data.get("note") or "").strip():
            self.add_error("note", _("Give the reason for rejecting the request."))
        return data


class PeriodicReviewForm(forms.Form):
    UNCHANGED = "unchanged"
    NEW_DRAFT = "new_draft"
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (UNCHANGED, _("The edition stays valid as it is")),
            (NEW_DRAFT, _("It needs changes: open a new draft")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea({"rows": 2}))


class PublishForm(forms.Form):
    """Publishing: to whom the edition is distributed besides the owning department."""

    distribution = forms.ModelMultipleChoiceField(
        label=_("Also distributed to departments"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    units = UnitPickerField(label=_("Distributed to units"))


class DocumentForm(forms.ModelForm):
    """What the register holds about a document (not its content: that is the editions')."""

    class Meta:
        model = Document
        fields = [
            "code",
            "title",
            "kind",
            "department",
            "position",
            "procedure",
            "tthc_code",
            "tthc_time_limit",
            "issuer",
            "external_reference",
            "review_interval_months",
            "clauses",
            "distribution",
            "distribution_units",
        ]
        widgets = {
            "clauses": forms.SelectMultiple(attrs={"size": 10}),
            "distribution": forms.CheckboxSelectMultiple,
        }
        field_classes = {"distribution_units": UnitPickerField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The code is in every link and printed copy: it is fixed once created.
            self.fields["code"].disabled = True
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        # Active units, and those the document already goes to (kept when saved again).
        units = Q(is_active=True)
        if self.instance.pk:
            units |= Q(distributed_documents=self.instance)
        self.fields["distribution_units"].queryset = (
            Unit.objects.filter(units).distinct().order_by("name")
        )

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind == Document.Kind.ROLE and not data.get("position"):
            self.add_error("position", _("A role description names the position it describes."))
        if kind == Document.Kind.FORM and not data.get("procedure"):
            self.add_error("procedure", _("A form names the procedure it belongs to."))
        if kind == Document.Kind.EXTERNAL and not data.get("issuer"):
            self.add_error("issuer", _("An external document names its issuer."))
        if data.get("tthc_code") and kind != Document.Kind.PROCEDURE:
            self.add_error(
                "tthc_code", _("Only a procedure carries an administrative procedure code.")
            )
        if data.get("tthc_code") and not data.get("tthc_time_limit", "").strip():
            self.add_error(
                "tthc_time_limit",
                _("Give the time limit the law sets for this administrative procedure."),
            )
        return data


class EditionImageForm(forms.Form):
    """An image for the edition (a flow chart, say): checked by content in the service."""

    file = forms.FileField(
        label=_("Image (PNG or JPEG, at most 5 MB)"),
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
