"""Home-page panel: the measurements a person is late with."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ims.registry import HomePanel
from objectives.models import Indicator, Measurement
from objectives.services import late_periods


def late_measurements_panel(request):
    user = request.user
    if not user.is_authenticated:
        return None
    today = timezone.localdate()
    indicators = list(
        Indicator.objects.filter(
            owner=user,
            source=Indicator.MANUAL,
            objective__school_year__start_date__lte=today,
            objective__school_year__end_date__gte=today,
        ).select_related("objective__school_year")
    )
    if not indicators:
        return None
    measured: dict[int, set] = {}
    for indicator_id, start in Measurement.objects.filter(indicator__in=indicators).values_list(
        "indicator_id", "period_start"
    ):
        measured.setdefault(indicator_id, set()).add(start)
    late = [
        (indicator, period, due)
        for indicator in indicators
        for period, due in late_periods(indicator, measured.get(indicator.pk, set()), today)
    ]
    if not late:
        return None
    return HomePanel(
        title=_("Measurements you are late with"),
        template="objectives/_panel_late.html",
        context={"items": late},
        order=20,
    )
