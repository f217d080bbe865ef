"""Risks and opportunities (ISO 9001 / ISO 21001 6.1): the register per department and
process, the organisation's 5×5 rating scale, the actions that treat each row, its
reviews and the owner's acceptance of what is left after treatment."""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ims.reauth import AuthMethod

RATING = [MinValueValidator(1), MaxValueValidator(5)]
LEVELS = range(1, 6)


class Band(models.TextChoices):
    """The rating bands of a score (likelihood × impact), lowest first."""

    # In a context of their own: other apps' "Medium" is a storage medium.
    LOW = "low", pgettext_lazy("risk rating", "Low")
    MEDIUM = "medium", pgettext_lazy("risk rating", "Medium")
    HIGH = "high", pgettext_lazy("risk rating", "High")
    VERY_HIGH = "very_high", pgettext_lazy("risk rating", "Very high")


class RiskScale(models.Model):
    """The organisation's words for the five levels and where each band starts.

    One row (``RiskScale.current()``). Bands are given by the score each one starts
    at, so that they cover 1..25 without a gap or an overlap by construction;
    :meth:`clean` checks that each starts after the one below."""

    likelihood_1 = models.CharField(_("likelihood 1"), max_length=60, default="Hiếm khi")
    likelihood_2 = models.CharField(_("likelihood 2"), max_length=60, default="Ít khi")
    likelihood_3 = models.CharField(_("likelihood 3"), max_length=60, default="Có thể")
    likelihood_4 = models.CharField(_("likelihood 4"), max_length=60, default="Thường xảy ra")
    likelihood_5 = models.CharField(_("likelihood 5"), max_length=60, default="Gần như chắc chắn")
    impact_1 = models.CharField(_("impact 1"), max_length=60, default="Không đáng kể")
    impact_2 = models.CharField(_("impact 2"), max_length=60, default="Nhỏ")
    impact_3 = models.CharField(_("impact 3"), max_length=60, default="Trung bình")
    impact_4 = models.CharField(_("impact 4"), max_length=60, default="Lớn")
    impact_5 = models.CharField(_("impact 5"), max_length=60, default="Nghiêm trọng")
    medium_from = models.PositiveSmallIntegerField(_("medium from score"), default=5)
    high_from = models.PositiveSmallIntegerField(_("high from score"), default=10)
    very_high_from = models.PositiveSmallIntegerField(_("very high from score"), default=20)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rating scale")
        verbose_name_plural = _("rating scales")
        constraints = [
            models.CheckConstraint(
                condition=Q(medium_from__gt=1)
                & Q(high_from__gt=F("medium_from"))
                & Q(very_high_from__gt=F("high_from"))
                & Q(very_high_from__lte=25),
                name="risk_scale_bands_cover_1_to_25",
            )
        ]

    def __str__(self):
        return str(_("Rating scale"))

    @classmethod
    def current(cls) -> "RiskScale":
        """The organisation's scale; the defaults, unsaved, until the secretariat sets it
        (reading a page writes nothing)."""
        return cls.objects.order_by("pk").first() or cls()

    def likelihood_words(self) -> list[str]:
        return [getattr(self, f"likelihood_{n}") for n in LEVELS]

    def impact_words(self) -> list[str]:
        return [getattr(self, f"impact_{n}") for n in LEVELS]

    def ranges(self) -> list[tuple[str, int, int]]:
        """(band, first score, last score) for each band, lowest first: 1..25 in all."""
        starts = [1, self.medium_from, self.high_from, self.very_high_from, 26]
        return [(band, starts[i], starts[i + 1] - 1) for i, band in enumerate(Band.values)]

    def band_of(self, score: int | None) -> str:
        if not score:
            return ""
        for band, low, high in self.ranges():
            if low <= score <= high:
                return band
        return ""

    def range_of(self, band: str) -> tuple[int, int] | None:
        return next(((low, high) for b, low, high in self.ranges() if b == band), None)

    def clean(self):
        from django.core.exceptions import ValidationError

        starts = [self.medium_from, self.high_from, self.very_high_from]
        if None in starts:
            return
        if not (1 < self.medium_from < self.high_from < self.very_high_from <= 25):
            raise ValidationError(
                _(
                    "Each band starts above the one below it, between 2 and 25: "
                    "low 1 – medium – high – very high – 25, without gaps."
                )
            )


class RiskQuerySet(models.QuerySet):
    def with_scores(self):
        return self.annotate(
            score_value=F("likelihood") * F("impact"),
            residual_value=F("residual_likelihood") * F("residual_impact"),
        )

    def review_overdue(self, today: date | None = None):
        return self.filter(is_closed=False, review_due__lt=today or timezone.localdate())


class Risk(models.Model):
    """A risk or an opportunity of a department's process, rated before and after
    treatment (likelihood × impact on the organisation's 5×5 scale)."""

    class Kind(models.TextChoices):
        RISK = "risk", _("Risk")
        OPPORTUNITY = "opportunity", _("Opportunity")

    class Treatment(models.TextChoices):
        ACCEPT = "accept", _("Accept")
        REDUCE = "reduce", _("Reduce")
        TRANSFER = "transfer", _("Transfer")
        AVOID = "avoid", _("Avoid")
        PURSUE = "pursue", _("Pursue (opportunity)")

    RISK_TREATMENTS = (Treatment.ACCEPT, Treatment.REDUCE, Treatment.TRANSFER, Treatment.AVOID)
    OPPORTUNITY_TREATMENTS = (Treatment.PURSUE, Treatment.ACCEPT)

    number = models.CharField(pgettext_lazy("identifier", "number"), max_length=30, unique=True)
    department = models.ForeignKey(
        "ims.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="risks",
    )
    process = models.CharField(_("process"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.RISK)
    description = models.TextField(_("description"))
    cause = models.TextField(_("cause"), blank=True)
    consequence = models.TextField(_("consequence"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), validators=RATING)
    impact = models.PositiveSmallIntegerField(_("impact"), validators=RATING)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="owned_risks",
    )
    treatment = models.CharField(
        _("treatment"), max_length=20, choices=Treatment.choices, default=Treatment.REDUCE
    )
    treatment_plan = models.TextField(_("treatment plan"), blank=True)
    residual_likelihood = models.PositiveSmallIntegerField(
        _("residual likelihood"), null=True, blank=True, validators=RATING
    )
    residual_impact = models.PositiveSmallIntegerField(
        _("residual impact"), null=True, blank=True, validators=RATING
    )
    identified_on = models.DateField(_("identified on"), default=timezone.localdate)
    review_due = models.DateField(pgettext_lazy("risk", "next review"))
    is_closed = models.BooleanField(_("closed"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords(excluded_fields=["version"])

    objects = RiskQuerySet.as_manager()

    class Meta:
        ordering = ["department__order", "number"]
        verbose_name = _("risk or opportunity")
        verbose_name_plural = _("risks and opportunities")
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__range=(1, 5)) & Q(impact__range=(1, 5)),
                name="risk_rating_on_the_5x5_scale",
            ),
            models.CheckConstraint(
                condition=(
                    Q(residual_likelihood__isnull=True, residual_impact__isnull=True)
                    | (Q(residual_likelihood__range=(1, 5)) & Q(residual_impact__range=(1, 5)))
                ),
                name="risk_residual_rated_in_full_or_not_at_all",
            ),
        ]

    def __str__(self):
        return f"{self.number} – {self.description[:60]}"

    def get_absolute_url(self):
        return reverse("risks:risk", args=[self.pk])

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int | None:
        if self.residual_likelihood and self.residual_impact:
            return self.residual_likelihood * self.residual_impact
        return None

    def review_is_overdue(self, today: date | None = None) -> bool:
        return not self.is_closed and self.review_due < (today or timezone.localdate())

    def treatments_allowed(self) -> tuple[str, ...]:
        if self.kind == self.Kind.OPPORTUNITY:
            return self.OPPORTUNITY_TREATMENTS
        return self.RISK_TREATMENTS

    def needs_acceptance(self, accepted: "ResidualAcceptance | None") -> bool:
        """A risk rated after treatment waits for its owner to accept what is left,
        again whenever the residual rating changed since the last acceptance."""
        if self.kind != self.Kind.RISK or self.is_closed or self.residual_score is None:
            return False
        return accepted is None or (accepted.residual_likelihood, accepted.residual_impact) != (
            self.residual_likelihood,
            self.residual_impact,
        )


class RiskAction(models.Model):
    """An action that treats a risk: one existing object of another register — a plan
    action of an objective, a corrective action, or a document change request."""

    class Kind(models.TextChoices):
        PLAN_ACTION = "plan_action", _("Plan action of an objective")
        CORRECTIVE_ACTION = "corrective_action", _("Corrective action")
        CHANGE_REQUEST = "change_request", _("Document change request")

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    plan_action = models.ForeignKey(
        "objectives.PlanAction",
        verbose_name=_("plan action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risk_links",
    )
    corrective_action = models.ForeignKey(
        "audits.CorrectiveAction",
        verbose_name=_("corrective action"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risk_links",
    )
    change_request = models.ForeignKey(
        "documents.ChangeRequest",
        verbose_name=_("document change request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risk_links",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("treatment action")
        verbose_name_plural = _("treatment actions")
        constraints = [
            # The kind names the one object linked, and only that one is set.
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="plan_action",
                        plan_action__isnull=False,
                        corrective_action__isnull=True,
                        change_request__isnull=True,
                    )
                    | Q(
                        kind="corrective_action",
                        plan_action__isnull=True,
                        corrective_action__isnull=False,
                        change_request__isnull=True,
                    )
                    | Q(
                        kind="change_request",
                        plan_action__isnull=True,
                        corrective_action__isnull=True,
                        change_request__isnull=False,
                    )
                ),
                name="risk_action_links_one_object_of_its_kind",
            ),
            models.UniqueConstraint(fields=["risk", "plan_action"], name="risk_plan_action_once"),
            models.UniqueConstraint(
                fields=["risk", "corrective_action"], name="risk_corrective_action_once"
            ),
            models.UniqueConstraint(
                fields=["risk", "change_request"], name="risk_change_request_once"
            ),
        ]

    def __str__(self):
        return f"{self.risk.number}: {self.target}"

    @property
    def target(self):
        return self.plan_action or self.corrective_action or self.change_request

    def status(self, today: date | None = None) -> tuple[str, bool]:
        """(the linked object's status in words, whether it is finished)."""
        today = today or timezone.localdate()
        if self.plan_action_id:
            action = self.plan_action
            if action.done_on:
                return str(
                    _("Completed on %(day)s") % {"day": action.done_on.strftime("%d/%m/%Y")}
                ), True
            if action.due_on < today:
                return str(
                    _("Overdue since %(day)s") % {"day": action.due_on.strftime("%d/%m/%Y")}
                ), False
            return str(
                _("Planned for %(day)s") % {"day": action.due_on.strftime("%d/%m/%Y")}
            ), False
        if self.corrective_action_id:
            action = self.corrective_action
            return action.get_state_display(), action.state == action.State.CLOSED
        request = self.change_request
        return request.get_state_display(), request.state != request.State.OPEN

    def label(self) -> str:
        if self.plan_action_id:
            return f"{self.plan_action.objective.code}: {self.plan_action.action[:100]}"
        if self.corrective_action_id:
            action = self.corrective_action
            return f"{action.number}: {action.nonconformity[:100]}"
        request = self.change_request
        return f"{request.document.code}: {request.reason[:100]}"

    def url(self) -> str:
        if self.plan_action_id:
            return reverse("objectives:objective", args=[self.plan_action.objective_id])
        if self.corrective_action_id:
            return self.corrective_action.get_absolute_url()
        return self.change_request.document.get_absolute_url()


class RiskReview(models.Model):
    """One review of a risk: when, by whom, the ratings then, what was found."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("reviewed on"), default=timezone.localdate)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    likelihood = models.PositiveSmallIntegerField(_("likelihood"), validators=RATING)
    impact = models.PositiveSmallIntegerField(_("impact"), validators=RATING)
    residual_likelihood = models.PositiveSmallIntegerField(
        _("residual likelihood"), null=True, blank=True, validators=RATING
    )
    residual_impact = models.PositiveSmallIntegerField(
        _("residual impact"), null=True, blank=True, validators=RATING
    )
    note = models.TextField(_("what the review found"))
    next_review = models.DateField(pgettext_lazy("risk", "next review"))

    class Meta:
        ordering = ["-reviewed_on", "-pk"]
        verbose_name = _("risk review")
        verbose_name_plural = _("risk reviews")

    def __str__(self):
        return f"{self.risk.number} {self.reviewed_on:%d/%m/%Y}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def residual_score(self) -> int | None:
        if self.residual_likelihood and self.residual_impact:
            return self.residual_likelihood * self.residual_impact
        return None


class ResidualAcceptance(models.Model):
    """The owner's sign-off accepting the risk left after treatment: who, when, the
    residual rating accepted, what the signature means and how they confirmed it."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="acceptances")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    residual_likelihood = models.PositiveSmallIntegerField(validators=RATING)
    residual_impact = models.PositiveSmallIntegerField(validators=RATING)
    meaning = models.CharField(_("meaning"), max_length=300)
    auth_method = models.CharField(
        _("authenticated by"), max_length=10, choices=AuthMethod.choices, blank=True
    )

    class Meta:
        ordering = ["-signed_at", "-pk"]
        verbose_name = _("acceptance of a residual risk")
        verbose_name_plural = _("acceptances of residual risks")

    def __str__(self):
        return f"{self.risk.number} {self.signed_at:%d/%m/%Y}"

    @property
    def residual_score(self) -> int:
        return self.residual_likelihood * self.residual_impact
