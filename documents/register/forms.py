"""Forms of the register, its filters and the imports. They check shape only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from documents.register.query import RegisterFilters, Status
from ims.models import Clause, Department


class ClauseChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, clause):
        from django.utils.translation import get_language

        title = clause.title_vi if (get_language() or "vi").startswith("vi") else clause.title_en
        return f"{clause.get_standard_display()} {clause.number} {title}"


class RegisterFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Code, title or words in the text")}
        ),
    )
    kind = forms.ChoiceField(label=_("Type"), required=False)
    department = forms.ChoiceField(label=_("Department"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + Status.choices
    )
    clause = ClauseChoiceField(
        label=_("Clause"), required=False, queryset=Clause.objects.none(), empty_label=_("All")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All"))] + Document.Kind.choices
        self.fields["department"].choices = [("", _("All"))] + [
            (d.code, d.name) for d in Department.objects.filter(is_active=True)
        ]
        self.fields["clause"].queryset = Clause.objects.all()

    def filters(self) -> RegisterFilters:
        """The filters chosen; an invalid choice is simply not applied."""
        data = self.cleaned_data if self.is_valid() else {}
        if not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        clause = data.get("clause")
        return RegisterFilters(
            kind=data.get("kind") or "",
            department=data.get("department") or "",
            status=data.get("status") or "",
            clause=clause.pk if clause else None,
            query=(data.get("q") or "").strip(),
        )


class MasterListUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Master list (.xlsx or CSV)"),
        help_text=_(
            "One document a row with the columns: code, title, type, department, edition, "
            "effective date (dd/mm/yyyy). The register's own export can be imported back."
        ),
    )


class BodyUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word file (.docx)"),
        help_text=_("Headings, lists and tables are kept; pictures are left out."),
    )


class WordSetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Word files (.zip)"),
        help_text=_(
            "A .zip of the set's .docx files, with the master list (.xlsx or CSV) inside if "
            "you have one. Each file becomes a document with its edition in force."
        ),
    )
