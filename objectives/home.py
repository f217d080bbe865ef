"""The objectives' part of the inbox ("Việc của tôi"): the measurements a person is
late with."""

from django.urls import reverse
from django.utils.translation import gettext as _

from ims.registry import NORMAL, InboxItem
from objectives.models import Indicator, Measurement
from objectives.services import late_periods


def late_measurements(user, today) -> list[InboxItem]:
    """Two queries whatever the number of indicators."""
    indicators = list(
        Indicator.objects.filter(
            owner=user,
            source=Indicator.MANUAL,
            objective__school_year__start_date__lte=today,
            objective__school_year__end_date__gte=today,
        ).select_related("objective__school_year")
    )
    if not indicators:
        return []
    measured: dict[int, set] = {}
    for indicator_id, start in Measurement.objects.filter(indicator__in=indicators).values_list(
        "indicator_id", "period_start"
    ):
        measured.setdefault(indicator_id, set()).add(start)
    return [
        InboxItem(
            kind="objectives.measurement",
            label=f"{indicator.objective.code} · {indicator.name} — {period.label}",
            action=_("measurement to enter"),
            url=reverse("objectives:indicator", args=[indicator.pk]),
            due=due,
            urgency=NORMAL,
            nav="objectives:dashboard",
        )
        for indicator in indicators
        for period, due in late_periods(indicator, measured.get(indicator.pk, set()), today)
    ]
