"""Pure rules of objectives and indicators: periods of a school year, status, progress.

No database access here: the dashboard, the reports and the reminders all call
these with values they fetched in bulk, so the rules are tested on their own.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")
    RANGE = "range", _("Within a range")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    SEMESTER = "semester", _("Per semester")
    YEARLY = "yearly", _("Yearly")


class Status(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    MISSED = "missed", _("Missed")
    NO_DATA = "no_data", _("No data")


# Worst first: an objective is as good as its worst measured indicator.
SEVERITY = {Status.MISSED: 3, Status.AT_RISK: 2, Status.ON_TRACK: 1, Status.NO_DATA: 0}
CSS = {
    Status.ON_TRACK: "badge-ok",
    Status.AT_RISK: "badge-warn",
    Status.MISSED: "badge-bad",
    Status.NO_DATA: "",
}


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str

    @property
    def key(self) -> str:
        return self.start.isoformat()


def _month_end(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# Months per period and the label of the n-th period (1-based) of each frequency.
_SPAN = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.SEMESTER: 0, Frequency.YEARLY: 12}


def periods(frequency: str, year_start: date, year_end: date) -> list[Period]:
    """The measurement periods of a school year (1 September – 31 August).

    Semester I runs September to January, semester II February to August, so
    that the two cover the whole year.
    """
    if frequency == Frequency.SEMESTER:
        split = _add_months(year_start, 5)
        return [
            Period(year_start, date.fromordinal(split.toordinal() - 1), str(_("Semester I"))),
            Period(split, year_end, str(_("Semester II"))),
        ]
    span = _SPAN[Frequency(frequency)]
    result = []
    start = year_start
    n = 1
    while start <= year_end:
        last = _add_months(start, span - 1)
        end = min(_month_end(last.year, last.month), year_end)
        if frequency == Frequency.MONTHLY:
            label = f"{start:%m/%Y}"
        elif frequency == Frequency.QUARTERLY:
            label = str(pgettext_lazy("quarter of a school year", "Q%(n)d") % {"n": n})
        else:
            label = str(_("Whole year"))
        result.append(Period(start, end, label))
        start = _add_months(start, span)
        n += 1
    return result


def period_starting(frequency: str, year_start: date, year_end: date, start: date) -> Period | None:
    return next((p for p in periods(frequency, year_start, year_end) if p.start == start), None)


def meets_target(
    direction: str,
    value: Decimal,
    target: Decimal | None,
    low: Decimal | None,
    high: Decimal | None,
) -> bool:
    if direction == Direction.HIGHER:
        return value >= target
    if direction == Direction.LOWER:
        return value <= target
    return low <= value <= high


def gap(direction, value, target, low, high) -> Decimal:
    """How far ``value`` is from meeting the target, in the indicator's unit (≥ 0)."""
    if direction == Direction.HIGHER:
        return max(Decimal(0), target - value)
    if direction == Direction.LOWER:
        return max(Decimal(0), value - target)
    if value < low:
        return low - value
    return max(Decimal(0), value - high)


def indicator_status(
    *,
    direction: str,
    target: Decimal | None,
    target_low: Decimal | None,
    target_high: Decimal | None,
    margin: Decimal,
    value: Decimal | None,
    final: bool,
) -> Status:
    """Status of an indicator from its latest value.

    * no value: no data;
    * the value meets the target: on track;
    * the year is over (``final``) and it does not: missed;
    * otherwise at risk when within ``margin`` of the target, missed beyond it.
    """
    if value is None:
        return Status.NO_DATA
    if meets_target(direction, value, target, target_low, target_high):
        return Status.ON_TRACK
    if final:
        return Status.MISSED
    if gap(direction, value, target, target_low, target_high) <= margin:
        return Status.AT_RISK
    return Status.MISSED


def combined_status(statuses) -> Status:
    """An objective's status from its indicators' (or its children's): the worst
    measured one; no data only when nothing is measured."""
    measured = [s for s in statuses if s != Status.NO_DATA]
    if not measured:
        return Status.NO_DATA
    return Status(max(measured, key=lambda s: SEVERITY[Status(s)]))


def progress(direction, value, target, low, high) -> int | None:
    """Progress towards the target in percent (0–100), or None without a value."""
    if value is None:
        return None
    if direction == Direction.HIGHER:
        if target <= 0:
            return 100
        share = value / target
    elif direction == Direction.LOWER:
        share = Decimal(1) if value <= target else (target / value if value else Decimal(1))
    else:
        width = (high - low) or Decimal(1)
        share = Decimal(1) - gap(direction, value, target, low, high) / width
    return int(max(Decimal(0), min(Decimal(1), share)) * 100)
