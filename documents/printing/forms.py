"""The form of printed output: a PDF uploaded to have its signature checked."""

from django import forms
from django.utils.translation import gettext_lazy as _


class VerifyPdfForm(forms.Form):
    """A PDF to verify; a damaged or foreign file is a verdict, not a form error."""

    MAX_MB = 200  # a manual of a thousand pages is far below

    file = forms.FileField(
        label=_("PDF file"),
        help_text=_(
            "An edition or a manual downloaded from IMS, or a copy received from elsewhere."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is %(size).1f MB; the limit is %(limit)d MB."),
                params={"size": upload.size / 1024 / 1024, "limit": self.MAX_MB},
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        return upload
