"""The e-mail section of the person's account page."""

from django.utils.translation import gettext_lazy as _

from ims.notifications.choice import choice_of
from ims.notifications.forms import NotificationsForm
from ims.registry import HomePanel


def notifications_section(request, form: NotificationsForm | None = None) -> HomePanel:
    return HomePanel(
        title=_("E-mail notifications"),
        template="ims/_notifications.html",
        context={
            "form": form or NotificationsForm(initial={"notifications": choice_of(request.user)})
        },
        order=20,
    )
