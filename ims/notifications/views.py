from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ims.notifications.choice import set_notification_choice
from ims.notifications.forms import NotificationsForm


@require_POST
def notifications_save(request):
    """The person's own choice of e-mails, from their account page."""
    form = NotificationsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the three ways to hear of your work."))
        return redirect("security")
    set_notification_choice(
        user=request.user, choice=form.cleaned_data["notifications"], actor=request.user
    )
    messages.success(request, _("Your choice of e-mails is saved."))
    return redirect("security")
