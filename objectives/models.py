"""Quality objectives (ISO 9001 6.2, ISO 21001 6.2), their indicators and measurements.

An objective belongs to a school year and a level (organisation, department,
staff); department objectives point at the organisation objective they serve,
staff objectives at their department objective. Status is never stored: it is
derived from the measurements by :mod:`objectives.rules`.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from objectives import rules
from objectives.rules import Direction, Frequency, Status

# A measurement is late this many days after its period ends.
DUE_AFTER_DAYS = 10


class Objective(models.Model):
    class Level(models.TextChoices):
        ORGANISATION = "organisation", pgettext_lazy("objective level", "Organisation")
        DEPARTMENT = "department", pgettext_lazy("objective level", "Department")
        STAFF = "staff", pgettext_lazy("objective level", "Staff")

    # The level an objective's parent must have.
    PARENT_LEVEL = {Level.DEPARTMENT: Level.ORGANISATION, Level.STAFF: Level.DEPARTMENT}

    school_year = models.ForeignKey(
        "ims.SchoolYear",
        verbose_name=_("school year"),
        on_delete=models.PROTECT,
        related_name="objectives",
    )
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("serves the objective"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    department = models.ForeignKey(
        "ims.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="objectives",
    )
    code = models.CharField(
        _("code"),
        max_length=30,
        help_text=_(
            "Kept from year to year (e.g. MT-01) so that the dashboard compares "
            "an objective with the previous school year."
        ),
    )
    statement = models.TextField(_("statement"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_objectives",
    )
    clauses = models.ManyToManyField(
        "ims.Clause", verbose_name=_("clauses served"), blank=True, related_name="objectives"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.UniqueConstraint(
                fields=["school_year", "code"], name="objective_unique_code_per_year"
            ),
            models.CheckConstraint(
                condition=Q(level="organisation", parent__isnull=True)
                | Q(~Q(level="organisation"), parent__isnull=False, department__isnull=False),
                name="objective_level_parent_department",
            ),
        ]
        indexes = [models.Index(fields=["school_year", "level"])]

    def __str__(self):
        return f"{self.code} – {self.statement[:80]}"

    def clean(self):
        errors = {}
        if self.level == self.Level.ORGANISATION:
            if self.parent_id:
                errors["parent"] = _("An organisation objective serves no other objective.")
        else:
            if not self.department_id:
                errors["department"] = _("Department and staff objectives belong to a department.")
            if not self.parent_id:
                errors["parent"] = _("Say which objective of the level above this one serves.")
            else:
                parent = self.parent
                if parent.level != self.PARENT_LEVEL[self.level]:
                    errors["parent"] = _("A %(level)s objective serves a %(parent)s objective.") % {
                        "level": self.get_level_display().lower(),
                        "parent": self.Level(self.PARENT_LEVEL[self.level]).label.lower(),
                    }
                elif self.school_year_id and parent.school_year_id != self.school_year_id:
                    errors["parent"] = _("The objective served must be of the same school year.")
                elif (
                    self.level == self.Level.STAFF
                    and self.department_id
                    and parent.department_id != self.department_id
                ):
                    errors["parent"] = _(
                        "A staff objective serves an objective of its own department."
                    )
        if errors:
            raise ValidationError(errors)


class PlanAction(models.Model):
    """How an objective will be achieved (ISO 9001 6.2.2): what, who, when, with what."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="actions"
    )
    action = models.TextField(_("what will be done"))
    responsible = models.CharField(_("who is responsible"), max_length=200)
    resources = models.CharField(_("resources required"), max_length=300, blank=True)
    due_on = models.DateField(_("when it will be completed"))
    done_on = models.DateField(_("completed on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("planned action")
        verbose_name_plural = _("planned actions")

    def __str__(self):
        return self.action[:80]


class Indicator(models.Model):
    """How an objective is measured (ISO 9001 6.2.2 e), 9.1.1)."""

    MANUAL = ""

    objective = models.ForeignKey(
        Objective, verbose_name=_("objective"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=300)
    unit = models.CharField(
        pgettext_lazy("measure", "unit"),
        max_length=30,
        default="%",
        help_text=_("“%” for a percentage (0–100)."),
    )
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    target = models.DecimalField(
        _("target"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_low = models.DecimalField(
        _("lowest acceptable"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    target_high = models.DecimalField(
        _("highest acceptable"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    at_risk_margin = models.DecimalField(
        _("margin for “at risk”"),
        max_digits=12,
        decimal_places=2,
        default=Decimal(5),
        help_text=_(
            "Before the year is over, a value this close to the target (in the indicator's "
            "unit) is at risk; further away it is missed."
        ),
    )
    baseline = models.DecimalField(
        _("baseline"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.QUARTERLY
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_indicators",
    )
    source = models.CharField(
        _("computed from"),
        max_length=60,
        blank=True,
        default=MANUAL,
        help_text=_("Entered by hand, or computed from the system's own data."),
    )
    source_parameter = models.CharField(_("source parameter"), max_length=100, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.CheckConstraint(
                condition=Q(direction="range", target_low__isnull=False, target_high__isnull=False)
                | Q(~Q(direction="range"), target__isnull=False),
                name="indicator_target_matches_direction",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        errors = {}
        if self.direction == Direction.RANGE:
            if self.target_low is None:
                errors["target_low"] = _("A range needs its lowest acceptable value.")
            if self.target_high is None:
                errors["target_high"] = _("A range needs its highest acceptable value.")
            if (
                self.target_low is not None
                and self.target_high is not None
                and self.target_low > self.target_high
            ):
                errors["target_high"] = _("The highest value is below the lowest.")
        elif self.target is None:
            errors["target"] = _("Give the target.")
        if self.is_percentage:
            for name in ("target", "target_low", "target_high", "baseline"):
                value = getattr(self, name)
                if value is not None and not (0 <= value <= 100):
                    errors[name] = _("A percentage lies between 0 and 100.")
        if self.source:
            from ims.registry import indicator_sources

            if self.source not in indicator_sources():
                errors["source"] = _("This data source is not available.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_percentage(self) -> bool:
        return self.unit.strip() == "%"

    @property
    def is_computed(self) -> bool:
        return bool(self.source)

    @property
    def target_display(self) -> str:
        from django.utils.formats import number_format

        def fmt(value):
            return number_format(value.normalize() if value is not None else value)

        unit = self.unit.strip()
        if self.direction == Direction.RANGE:
            return f"{fmt(self.target_low)}–{fmt(self.target_high)} {unit}".strip()
        sign = "≥" if self.direction == Direction.HIGHER else "≤"
        return f"{sign} {fmt(self.target)} {unit}".strip()

    def periods(self, school_year) -> list[rules.Period]:
        return rules.periods(self.frequency, school_year.start_date, school_year.end_date)

    def status_for(self, value, *, final: bool) -> Status:
        return rules.indicator_status(
            direction=self.direction,
            target=self.target,
            target_low=self.target_low,
            target_high=self.target_high,
            margin=self.at_risk_margin,
            value=value,
            final=final,
        )

    def progress_for(self, value) -> int | None:
        return rules.progress(self.direction, value, self.target, self.target_low, self.target_high)


class Measurement(models.Model):
    """The value of an indicator for one period, with its evidence."""

    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="measurements",
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    comment = models.TextField(_("comment"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when computed from the system's data."),
    )
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "period_start"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="measurement_one_per_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="measurement_period_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.period_start:%d/%m/%Y}: {self.value}"


def evidence_path(instance, filename):
    return f"objectives/evidence/{instance.measurement.indicator_id}/{filename}"


class Evidence(models.Model):
    """A file proving a measurement (a report, a list of settled files, minutes)."""

    measurement = models.ForeignKey(
        Measurement,
        verbose_name=_("measurement"),
        on_delete=models.CASCADE,
        related_name="evidence",
    )
    file = models.FileField(_("file"), upload_to=evidence_path, max_length=300)
    name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.name


class LateReminder(models.Model):
    """A reminder sent for a missing measurement: one per indicator and period, ever."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="reminders")
    period_start = models.DateField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("late-measurement reminder")
        verbose_name_plural = _("late-measurement reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="late_reminder_once_per_period"
            )
        ]

    def __str__(self):
        return f"{self.indicator_id} {self.period_start}"
