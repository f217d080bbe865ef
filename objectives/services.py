"""Writes of the objectives app: objectives with their plans and indicators,
measurements, computed indicators and late-measurement reminders. Who may do
what is in ``objectives.permissions``."""

import logging
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ims.language import language_of
from ims.models import SchoolYear
from ims.notifications.choice import wants_immediate
from ims.registry import indicator_sources
from ims.uploads import check_upload
from objectives import rules
from objectives.models import (
    DUE_AFTER_DAYS,
    Evidence,
    Indicator,
    LateReminder,
    Measurement,
    Objective,
    PlanAction,
)
from objectives.permissions import can_enter_measurements, can_manage_objective

logger = logging.getLogger(__name__)

EVIDENCE_KINDS = {"pdf", "png", "jpeg", "docx", "xlsx", "csv"}
# Only periods that became late recently are reminded: an old gap was reminded
# when it first became late, and a newly installed system does not flood people.
REMIND_WITHIN_DAYS = 90

# --- objectives, plans and indicators -------------------------------------------------


@transaction.atomic
def save_objective(*, objective: Objective, clauses, actor) -> Objective:
    """Create or change an objective and set the clauses it serves.

    ``objective`` carries the new values (a form's instance). Refuses
    (ValidationError) a level or department the actor may not keep; the history
    row names the actor.
    """
    if not can_manage_objective(actor, objective):
        raise ValidationError(_("You may not keep objectives at this level or department."))
    objective._history_user = actor
    objective.save()
    objective.clauses.set(clauses)
    return objective


@transaction.atomic
def add_plan_action(*, objective: Objective, action: PlanAction, actor) -> PlanAction:
    """Add a planned action (a form's unsaved instance) to ``objective``'s plan."""
    if not can_manage_objective(actor, objective):
        raise PermissionDenied
    action.objective = objective
    action._history_user = actor
    action.save()
    return action


@transaction.atomic
def save_indicator(*, indicator: Indicator, actor) -> Indicator:
    """Create or change an indicator of an objective the actor keeps."""
    if not can_manage_objective(actor, indicator.objective):
        raise PermissionDenied
    indicator._history_user = actor
    indicator.save()
    return indicator


# --- measurements ------------------------------------------------------------------


def _validate(indicator: Indicator, period_start: date, value: Decimal, today: date):
    """The period and value of a measurement, or ValidationError keyed by field."""
    year: SchoolYear = indicator.objective.school_year
    if not year.contains(period_start):
        raise ValidationError(
            {
                "period": _(
                    "This period is outside the school year %(year)s (%(start)s – %(end)s)."
                )
                % {
                    "year": year.name,
                    "start": date_format(year.start_date, "SHORT_DATE_FORMAT"),
                    "end": date_format(year.end_date, "SHORT_DATE_FORMAT"),
                }
            }
        )
    period = rules.period_starting(
        indicator.frequency, year.start_date, year.end_date, period_start
    )
    if period is None:
        raise ValidationError(
            {
                "period": _("This is not one of the indicator's periods (%(frequency)s).")
                % {"frequency": indicator.get_frequency_display().lower()}
            }
        )
    if period.start > today:
        raise ValidationError({"period": _("This period has not started yet.")})
    if value is None:
        raise ValidationError({"value": _("Give the value.")})
    if indicator.is_percentage and not (0 <= value <= 100):
        raise ValidationError({"value": _("A percentage lies between 0 and 100.")})
    if value < 0 and indicator.direction != rules.Direction.RANGE:
        raise ValidationError({"value": _("The value cannot be negative.")})
    return period


def _check_files(files) -> None:
    problems = []
    for upload in files:
        try:
            check_upload(upload, kinds=EVIDENCE_KINDS)
        except ValidationError as exc:
            problems.append(f"{upload.name}: {' '.join(exc.messages)}")
    if problems:
        raise ValidationError({"evidence": problems})


def _attach(measurement: Measurement, files, actor) -> None:
    for upload in files:
        Evidence.objects.create(
            measurement=measurement, file=upload, name=upload.name[:255], uploaded_by=actor
        )


@transaction.atomic
def record_measurement(
    *,
    indicator: Indicator,
    period_start: date,
    value: Decimal,
    comment: str = "",
    files=(),
    actor,
    today: date | None = None,
) -> Measurement:
    """Enter an indicator's value for one of its periods.

    Refuses (ValidationError keyed by form field) a period outside the school
    year or not one of the indicator's periods, a period not started, a
    percentage outside 0–100, a second value for the same period and an
    unreadable evidence file; nothing is saved then.
    """
    if not can_enter_measurements(actor, indicator):
        raise PermissionDenied
    if indicator.is_computed:
        raise ValidationError(_("This indicator is computed from the system's data."))
    today = today or timezone.localdate()
    period = _validate(indicator, period_start, value, today)
    _check_files(files)
    if Measurement.objects.filter(indicator=indicator, period_start=period.start).exists():
        raise ValidationError(
            {
                "period": _("A value for %(period)s is already entered; edit it instead.")
                % {"period": period.label}
            }
        )
    try:
        with transaction.atomic():
            measurement = Measurement.objects.create(
                indicator=indicator,
                period_start=period.start,
                period_end=period.end,
                value=value,
                comment=comment,
                entered_by=actor,
            )
    except IntegrityError:  # entered by someone else a moment ago
        raise ValidationError(
            {
                "period": _("A value for %(period)s is already entered; edit it instead.")
                % {"period": period.label}
            }
        ) from None
    _attach(measurement, files, actor)
    return measurement


@transaction.atomic
def update_measurement(
    *,
    measurement: Measurement,
    value: Decimal,
    comment: str,
    version: int,
    files=(),
    actor,
) -> Measurement:
    """Correct a measurement. ``version`` is the one the person edited: when the
    row changed meanwhile the edit is refused, not merged."""
    indicator = measurement.indicator
    if not can_enter_measurements(actor, indicator):
        raise PermissionDenied
    _validate(indicator, measurement.period_start, value, date.max)
    _check_files(files)
    locked = Measurement.objects.select_for_update().get(pk=measurement.pk)
    if locked.version != version:
        raise ValidationError(
            _("Someone else changed this value meanwhile. Reload the page to see it.")
        )
    locked.value = value
    locked.comment = comment
    locked.entered_by = actor
    locked.entered_at = timezone.now()
    locked.version = version + 1
    locked._history_user = actor
    locked.save()
    measurement = locked
    _attach(measurement, files, actor)
    return measurement


# --- computed indicators -------------------------------------------------------------


def refresh_computed_measurements(
    *, today: date | None = None, indicator_ids: list[int] | None = None
) -> int:
    """(Re)compute the measurements of indicators taken from system data, for every
    started period of the school years still running (and of a given indicator
    whatever its year). Returns the number of values written."""
    today = today or timezone.localdate()
    sources = indicator_sources()
    indicators = Indicator.objects.exclude(source=Indicator.MANUAL).select_related(
        "objective__school_year", "objective__department"
    )
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=indicator_ids)
    else:
        indicators = indicators.filter(
            objective__school_year__end_date__gte=today - timedelta(days=31)
        )
    written = 0
    for indicator in indicators:
        source = sources.get(indicator.source)
        if source is None:
            continue
        year = indicator.objective.school_year
        department = (
            indicator.objective.department
            if indicator.objective.level != indicator.objective.Level.ORGANISATION
            else None
        )
        for period in indicator.periods(year):
            if period.start > today:
                break
            value = source.compute(
                period.start, min(period.end, today), department, indicator.source_parameter
            )
            if value is None:
                Measurement.objects.filter(indicator=indicator, period_start=period.start).delete()
                continue
            value = Decimal(value).quantize(Decimal("0.01"))
            current = Measurement.objects.filter(
                indicator=indicator, period_start=period.start
            ).first()
            if current is None:
                Measurement.objects.create(
                    indicator=indicator,
                    period_start=period.start,
                    period_end=period.end,
                    value=value,
                    comment=_("Computed from: %(source)s") % {"source": source.label},
                )
                written += 1
            elif current.value != value:
                current.value = value
                current.entered_at = timezone.now()
                current.version += 1
                current.save(update_fields=["value", "entered_at", "version"])
                written += 1
    return written


# --- late measurements -----------------------------------------------------------------


def late_periods(indicator: Indicator, measured: set[date], today: date):
    """Periods of ``indicator`` whose measurement is overdue and missing."""
    year = indicator.objective.school_year
    for period in indicator.periods(year):
        due = period.end + timedelta(days=DUE_AFTER_DAYS)
        if due >= today:
            break
        if period.start not in measured:
            yield period, due


def remind_late_measurements(*, today: date | None = None) -> int:
    """E-mail each owner the measurements they are late with, once per indicator
    and period (a ``LateReminder`` row is the proof it was sent). Returns the
    number of late measurements reminded."""
    today = today or timezone.localdate()
    since = today - timedelta(days=REMIND_WITHIN_DAYS + DUE_AFTER_DAYS)
    indicators = list(
        Indicator.objects.filter(
            source=Indicator.MANUAL,
            objective__school_year__end_date__gte=since,
            objective__school_year__start_date__lte=today,
        ).select_related("objective__school_year", "owner__profile")
    )
    measured: dict[int, set[date]] = {}
    for indicator_id, start in Measurement.objects.filter(
        indicator__in=[i.pk for i in indicators]
    ).values_list("indicator_id", "period_start"):
        measured.setdefault(indicator_id, set()).add(start)
    already = set(
        LateReminder.objects.filter(indicator__in=[i.pk for i in indicators]).values_list(
            "indicator_id", "period_start"
        )
    )
    by_owner: dict = {}
    for indicator in indicators:
        for period, due in late_periods(indicator, measured.get(indicator.pk, set()), today):
            if due < since or (indicator.pk, period.start) in already:
                continue
            by_owner.setdefault(indicator.owner, []).append((indicator, period, due))
    count = 0
    for owner, items in by_owner.items():
        if not owner.email:
            continue  # nobody to write to; the home page still shows it to them
        try:
            # Rows and mail together: a mail that fails leaves no row, so the next
            # run tries again; a row already taken (a run at the same moment) is skipped.
            with transaction.atomic():
                sent = []
                for indicator, period, due in items:
                    try:
                        with transaction.atomic():
                            LateReminder.objects.create(
                                indicator=indicator, period_start=period.start, recipient=owner
                            )
                    except IntegrityError:
                        continue
                    sent.append((indicator, period, due))
                if sent and wants_immediate(owner):  # a summary carries it otherwise
                    _mail_owner(owner, sent)
        except OSError:  # SMTP unreachable or refused: try again at the next run
            logger.warning("late-measurement reminder to %s not sent", owner.email, exc_info=True)
            continue
        count += len(sent)
    return count


def _mail_owner(owner, items) -> None:
    with translation.override(language_of(owner)):
        context = {"owner": owner, "items": items}
        subject = render_to_string("objectives/email/late_subject.txt", context).strip()
        body = render_to_string("objectives/email/late_body.txt", context)
    send_mail(subject, body, None, [owner.email])
