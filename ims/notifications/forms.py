from django import forms
from django.utils.translation import gettext_lazy as _

from ims.notifications.choice import Notifications


class NotificationsForm(forms.Form):
    notifications = forms.ChoiceField(
        label=_("How do you want to hear of your work by e-mail?"),
        choices=Notifications.choices,
        widget=forms.RadioSelect,
    )
