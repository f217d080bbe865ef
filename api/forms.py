from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. the KPI spreadsheet")}),
    )
