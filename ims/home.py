"""Home-page panels of the organisation core."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ims.models import Heartbeat
from ims.permissions import is_secretariat
from ims.registry import HomePanel

STALE_AFTER = timedelta(minutes=15)


def background_work_panel(request):
    """Tell the secretariat when the worker has stopped running scheduled work."""
    if settings.CELERY_TASK_ALWAYS_EAGER or not is_secretariat(request.user):
        return None
    beat = Heartbeat.objects.filter(name="worker").first()
    if beat and timezone.now() - beat.last_seen < STALE_AFTER:
        return None
    return HomePanel(
        title=_("Background work"),
        template="ims/_panel_background.html",
        context={"last_seen": beat.last_seen if beat else None},
        order=1,
    )
