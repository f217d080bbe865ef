"""The organisation's context (ISO 9001 / 21001 4.1) and its interested parties (4.2).

* An :class:`Issue` is an internal or external issue with its effect and the
  processes it touches (departments, procedures). The register groups issues as
  SWOT or PESTLE, as the secretariat chooses (:class:`ContextSettings`). Both
  groupings are kept for every issue: the SWOT quadrant follows from where the
  issue comes from (internal / external) and whether its effect is favourable,
  the PESTLE factor is stored. Switching the grouping therefore never loses data.
* Issues are reviewed at least yearly: each review is an :class:`IssueReview` row
  and moves ``next_review_on`` twelve months on.
* A :class:`Party` (học sinh, cha mẹ học sinh, UBND tỉnh…) has its relevant
  :class:`Need` s; each need links (:class:`NeedLink`) to how it is met (a
  document, an objective, a survey) and how it is monitored (an indicator, a
  survey).
"""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

REVIEW_INTERVAL_MONTHS = 12


class Grouping(models.TextChoices):
    SWOT = "swot", _("SWOT (strengths, weaknesses, opportunities, threats)")
    PESTLE = (
        "pestle",
        _("PESTLE (political, economic, social, technological, legal, environmental)"),
    )


class ContextSettings(models.Model):
    """The organisation's choice of grouping for the issues register (one row)."""

    grouping = models.CharField(
        _("grouping of issues"), max_length=10, choices=Grouping.choices, default=Grouping.SWOT
    )
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("context settings")
        verbose_name_plural = _("context settings")

    def __str__(self):
        return self.get_grouping_display()

    @classmethod
    def current(cls) -> "ContextSettings":
        return cls.objects.order_by("pk").first() or cls(grouping=Grouping.SWOT)


class Origin(models.TextChoices):
    INTERNAL = "internal", _("Internal")
    EXTERNAL = "external", _("External")


class Effect(models.TextChoices):
    FAVOURABLE = "favourable", _("Favourable")
    UNFAVOURABLE = "unfavourable", _("Unfavourable")


class Swot(models.TextChoices):
    STRENGTH = "S", _("Strengths")
    WEAKNESS = "W", _("Weaknesses")
    OPPORTUNITY = "O", _("Opportunities")
    THREAT = "T", _("Threats")


# Where an issue sits in SWOT: its origin and whether its effect is favourable.
SWOT_OF = {
    (Origin.INTERNAL, Effect.FAVOURABLE): Swot.STRENGTH,
    (Origin.INTERNAL, Effect.UNFAVOURABLE): Swot.WEAKNESS,
    (Origin.EXTERNAL, Effect.FAVOURABLE): Swot.OPPORTUNITY,
    (Origin.EXTERNAL, Effect.UNFAVOURABLE): Swot.THREAT,
}


class Pestle(models.TextChoices):
    POLITICAL = "P", _("Political")
    ECONOMIC = "E", _("Economic")
    SOCIAL = "S", _("Social")
    TECHNOLOGICAL = "T", _("Technological")
    LEGAL = "L", _("Legal")
    ENVIRONMENTAL = "N", _("Environmental")


class IssueQuerySet(models.QuerySet):
    def open(self):
        return self.filter(closed_on__isnull=True)

    def review_due(self, today, within_days: int = 0):
        """Open issues whose yearly review falls on or before ``today + within_days``."""
        return self.open().filter(next_review_on__lte=today + relativedelta(days=within_days))


class Issue(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("issue"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices)
    effect = models.CharField(_("effect on the system"), max_length=12, choices=Effect.choices)
    pestle = models.CharField(_("PESTLE factor"), max_length=1, choices=Pestle.choices)
    impact = models.TextField(
        _("effect"),
        help_text=_("How the issue affects the system's ability to achieve its intended results."),
    )
    department = models.ForeignKey(
        "ims.Department",
        verbose_name=_("lead department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="context_issues",
        help_text=_("The department that follows the issue; its head may keep it."),
    )
    departments = models.ManyToManyField(
        "ims.Department",
        verbose_name=_("departments concerned"),
        blank=True,
        related_name="context_issues_touching",
    )
    procedures = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("procedures concerned"),
        blank=True,
        related_name="context_issues",
        limit_choices_to={"kind": "QT"},
    )
    identified_on = models.DateField(_("identified on"), default=timezone.localdate)
    last_reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review_on = models.DateField(_("next review due"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closing_note = models.TextField(_("why it is closed"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["updated_at"], m2m_fields=[departments, procedures]
    )

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        indexes = [models.Index(fields=["closed_on", "next_review_on"])]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("context:issue", args=[self.pk])

    @property
    def swot(self) -> str:
        return SWOT_OF[(self.origin, self.effect)]

    def get_swot_display(self) -> str:
        return str(Swot(self.swot).label)

    # Django's get_FOO_display translates every choice's label to find one; the
    # register shows three of them per issue. These translate only the one shown.
    def get_origin_display(self) -> str:
        return str(Origin(self.origin).label)

    def get_effect_display(self) -> str:
        return str(Effect(self.effect).label)

    def get_pestle_display(self) -> str:
        return str(Pestle(self.pestle).label)

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    def is_review_overdue(self, today) -> bool:
        return not self.is_closed and self.next_review_on < today

    @staticmethod
    def review_due_after(day):
        return day + relativedelta(months=REVIEW_INTERVAL_MONTHS)


class IssueReview(models.Model):
    """The yearly review of an issue: who, when, what they concluded."""

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="reviews")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(default=timezone.now)
    note = models.TextField(_("conclusion of the review"))

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = _("issue review")
        verbose_name_plural = _("issue reviews")

    def __str__(self):
        return f"{self.issue.code} {self.reviewed_at:%Y-%m-%d}"


class PartyKind(models.TextChoices):
    # Learners with special needs come first: ISO 21001 5.1.3, 7.1.6.
    SPECIAL_NEEDS = "special_needs", _("Learners with special needs")
    LEARNERS = "learners", _("Learners")
    PARENTS = "parents", _("Parents and families")
    STAFF = "staff", _("Staff: teachers and managers")
    SCHOOLS = "schools", _("Schools and affiliated units")
    REGULATORS = "regulators", _("Regulators and superior bodies")
    EMPLOYERS = "employers", _("Employers")
    COMMUNITY = "community", _("Community")
    CITIZENS = "citizens", _("Citizens and organisations using public services")
    OTHER = "other", _("Other")


KIND_ORDER = {kind: i for i, kind in enumerate(PartyKind.values)}


class Party(models.Model):
    name = models.CharField(_("interested party"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartyKind.choices)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # A party no longer relevant leaves the register and its PDF; it
    # stays on file, with its needs, links and history, and may be reinstated.
    retired_on = models.DateField(_("no longer relevant since"), null=True, blank=True)
    retiring_note = models.TextField(_("why it is no longer relevant"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("interested party")
        verbose_name_plural = _("interested parties")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("context:party", args=[self.pk])

    @property
    def has_special_needs(self) -> bool:
        return self.kind == PartyKind.SPECIAL_NEEDS

    def get_kind_display(self) -> str:
        # Django's own translates every kind's label to find this one (it hashes the
        # choices), and the register lists a hundred parties: this translates one.
        return str(PartyKind(self.kind).label)

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None


class Need(models.Model):
    """A relevant need or expectation of a party (4.2 b)."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="needs")
    text = models.TextField(_("need or expectation"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # A need no longer relevant leaves the register and its PDF, kept with why.
    retired_on = models.DateField(_("no longer relevant since"), null=True, blank=True)
    retiring_note = models.TextField(_("why it is no longer relevant"), blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["party", "order", "pk"]
        verbose_name = _("need or expectation")
        verbose_name_plural = _("needs and expectations")

    def __str__(self):
        return self.text[:80]

    def get_absolute_url(self):
        return reverse("context:need_edit", args=[self.pk])

    @property
    def is_retired(self) -> bool:
        return self.retired_on is not None


class LinkRole(models.TextChoices):
    MET_BY = "met_by", _("Met by")
    MONITORED_BY = "monitored_by", _("Monitored by")


class LinkTarget(models.TextChoices):
    DOCUMENT = "document", _("Document")
    OBJECTIVE = "objective", _("Objective")
    INDICATOR = "indicator", _("Indicator")
    SURVEY = "survey", _("Survey")


# What each role may link to: met by a document, an objective or a survey;
# monitored by an indicator or a survey.
TARGETS_OF = {
    LinkRole.MET_BY: (LinkTarget.DOCUMENT, LinkTarget.OBJECTIVE, LinkTarget.SURVEY),
    LinkRole.MONITORED_BY: (LinkTarget.INDICATOR, LinkTarget.SURVEY),
}


class NeedLink(models.Model):
    """A typed link from a need to an existing object: exactly one target is set."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="links")
    role = models.CharField(_("link"), max_length=15, choices=LinkRole.choices)
    target = models.CharField(_("kind of object"), max_length=10, choices=LinkTarget.choices)
    document = models.ForeignKey(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    objective = models.ForeignKey(
        "objectives.Objective", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    indicator = models.ForeignKey(
        "objectives.Indicator", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    survey = models.ForeignKey(
        "surveys.Survey", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["need", "role", "pk"]
        verbose_name = _("link of a need")
        verbose_name_plural = _("links of needs")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        target="document",
                        document__isnull=False,
                        objective=None,
                        indicator=None,
                        survey=None,
                    )
                    | Q(
                        target="objective",
                        objective__isnull=False,
                        document=None,
                        indicator=None,
                        survey=None,
                    )
                    | Q(
                        target="indicator",
                        indicator__isnull=False,
                        document=None,
                        objective=None,
                        survey=None,
                    )
                    | Q(
                        target="survey",
                        survey__isnull=False,
                        document=None,
                        objective=None,
                        indicator=None,
                    )
                ),
                name="needlink_exactly_one_target",
            ),
            models.CheckConstraint(
                condition=Q(role="met_by", target__in=["document", "objective", "survey"])
                | Q(role="monitored_by", target__in=["indicator", "survey"]),
                name="needlink_target_fits_role",
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.linked}"

    def get_target_display(self) -> str:
        return str(LinkTarget(self.target).label)  # see Party.get_kind_display

    @property
    def linked(self):
        return getattr(self, self.target)
