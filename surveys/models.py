"""Satisfaction surveys (ISO 9001 9.1.2, ISO 21001 9.1.2).

A Survey holds sections and questions; a Campaign opens one survey for a period
through one-time tokens and/or a public link; each submission is one Response
with one Answer row per answered question (one per chosen option for multiple
choice). Answers carry their campaign so that results aggregate without joins.

Anonymity: a Response given through the public link, or in a campaign marked
anonymous, keeps only the day it was given (``submitted_on``) — no token, no
account, no address, no time of day.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ims.models import Department, SchoolYear, Unit


def new_key() -> str:
    """A short unguessable key for links: 9 random bytes, 12 URL-safe characters."""
    return secrets.token_urlsafe(9)


class Group(models.TextChoices):
    STAFF = "staff", _("Staff")
    UNITS = "units", _("Schools and units")
    TEACHERS = "teachers", _("Teachers")
    PARENTS = "parents", _("Parents")
    STUDENTS = "students", _("Students")
    CITIZENS = "citizens", _("Citizens and organisations")


class Dimension(models.TextChoices):
    # Public education services (QĐ 3982/QĐ-BGDĐT, questionnaires QĐ 2329/QĐ-BGDĐT).
    ACCESS = "access", _("Access to educational services")
    FACILITIES = "facilities", _("Facilities and equipment")
    ENVIRONMENT = "environment", _("Educational environment")
    ACTIVITIES = "activities", _("Educational activities")
    RESULTS = "results", _("Educational results")
    OVERALL = "overall", _("Overall satisfaction")
    # Administrative desk (SIPAS).
    SIPAS_ACCESS = "sipas_access", _("Access to the service")
    PROCEDURE = "procedure", _("The administrative procedure")
    CIVIL_SERVANT = "civil_servant", _("The civil servant")
    SIPAS_RESULT = "sipas_result", _("The result")
    FEEDBACK = "feedback", _("Feedback and complaints handling")
    OTHER = "other", _("Other")


class Survey(models.Model):
    """A questionnaire. Once answered its questions are frozen: copy it to change them."""

    class Instrument(models.TextChoices):
        PUBLIC_EDUCATION = "public_education", _("Public education services (Ministry method)")
        SIPAS = "sipas", _("Administrative desk (SIPAS)")
        CUSTOM = "custom", _("Own questionnaire")

    title = models.CharField(pgettext_lazy("survey", "title"), max_length=200)
    group = models.CharField(_("respondents"), max_length=20, choices=Group)
    instrument = models.CharField(
        _("instrument"), max_length=20, choices=Instrument, default=Instrument.CUSTOM
    )
    introduction = models.TextField(_("introduction"), blank=True)
    # Versions of one questionnaire share a lineage (the first version's id), so that
    # campaigns of successive versions can be compared.
    lineage = models.PositiveBigIntegerField(_("lineage"), null=True, blank=True, editable=False)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["title", "-version"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return f"{self.title} (v{self.version})" if self.version > 1 else self.title

    def get_absolute_url(self):
        return reverse("surveys:survey", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        """Questions may not change once anybody has answered."""
        return Response.objects.filter(campaign__survey=self).exists()


class Section(models.Model):
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="sections"
    )
    title = models.CharField(pgettext_lazy("survey", "title"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        LIKERT = "likert", _("Satisfaction scale 1–5")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    # Stable across copies of a survey: results of two versions are compared by key.
    key = models.SlugField(_("key"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=500)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.LIKERT)
    dimension = models.CharField(
        _("dimension"), max_length=20, choices=Dimension, blank=True, default=""
    )
    required = models.BooleanField(_("required"), default=True)
    choices = models.JSONField(_("options"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["section__order", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="question_unique_key"),
        ]

    def __str__(self):
        return self.text


class CampaignQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day, closed_at__isnull=True)


class Campaign(models.Model):
    """A survey opened for a period, through one-time tokens and/or a public link."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="campaigns"
    )
    title = models.CharField(pgettext_lazy("survey", "title"), max_length=200)
    school_year = models.ForeignKey(
        SchoolYear,
        verbose_name=_("school year"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department surveyed"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="survey_campaigns",
        help_text=_("The department whose service is surveyed, if any."),
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"))
    anonymous = models.BooleanField(
        _("anonymous"),
        default=True,
        help_text=_("Answers keep no link to a token, account, address or time of day."),
    )
    public_key = models.CharField(
        _("public link key"), max_length=20, unique=True, null=True, blank=True
    )
    ask_unit = models.BooleanField(
        _("ask for the school or unit"),
        default=False,
        help_text=_("The public link asks which school or unit the answer is about."),
    )
    cap = models.PositiveIntegerField(
        _("maximum answers"),
        null=True,
        blank=True,
        help_text=_("The campaign stops accepting answers beyond this number."),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    objects = CampaignQuerySet.as_manager()
    # Tokens and responses keep no history: an anonymous answer's time must not
    # survive in a history table.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "title"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="campaign_closes_after_open"
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("surveys:campaign", args=[self.pk])

    def is_open(self, day=None) -> bool:
        day = day or timezone.localdate()
        return self.closed_at is None and self.opens_on <= day <= self.closes_on

    @property
    def has_ended(self) -> bool:
        return self.closed_at is not None or self.closes_on < timezone.localdate()

    def previous(self) -> "Campaign | None":
        """The campaign of the same questionnaire (any version) that opened last before this."""
        return (
            Campaign.objects.filter(survey__lineage=self.survey.lineage, opens_on__lt=self.opens_on)
            .exclude(pk=self.pk)
            .select_related("survey")
            .order_by("-opens_on", "-pk")
            .first()
        )


class Token(models.Model):
    """A one-time link for a unit or a named respondent."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="tokens"
    )
    key = models.CharField(_("key"), max_length=20, unique=True, default=new_key)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT
    )
    name = models.CharField(_("respondent"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    # In anonymous campaigns only the day is kept, so that the order in which tokens
    # were used cannot be matched with the order of the responses.
    used_at = models.DateTimeField(_("answered"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["unit__name", "name", "pk"]
        verbose_name = _("one-time link")
        verbose_name_plural = _("one-time links")

    def __str__(self):
        return self.name or (self.unit.name if self.unit_id else self.key)

    def get_absolute_url(self):
        return reverse("surveys:answer_token", args=[self.key])


class Response(models.Model):
    """One submission. Anonymous ones keep only the day."""

    class Channel(models.TextChoices):
        TOKEN = "token", _("One-time link")
        PUBLIC = "public", _("Public link")

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="responses"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel)
    submitted_on = models.DateField(_("day"))
    submitted_at = models.DateTimeField(_("time"), null=True, blank=True)
    token = models.OneToOneField(
        Token,
        verbose_name=_("one-time link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = pgettext_lazy("survey", "response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["campaign", "submitted_on"])]

    def __str__(self):
        return f"{self.campaign} #{self.pk}"


class Answer(models.Model):
    """One answer: a scale value (1–5), a chosen option (its index) or a text."""

    response = models.ForeignKey(
        Response,
        verbose_name=pgettext_lazy("survey", "response"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    # Indexed by the (campaign, question, value) index below, which results read.
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    value = models.SmallIntegerField(_("value"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["campaign", "question", "value"])]

    def __str__(self):
        return f"{self.question_id}: {self.value if self.value is not None else self.text}"


class CampaignResult(models.Model):
    """The figures of a campaign as last computed (see ``surveys.results``)."""

    campaign = models.OneToOneField(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="result"
    )
    figures = models.JSONField(_("figures"), default=dict)
    responses = models.PositiveIntegerField(_("responses"), default=0)
    computed_at = models.DateTimeField(pgettext_lazy("moment", "computed"))
    took_ms = models.PositiveIntegerField(_("computation time (ms)"), default=0)

    class Meta:
        verbose_name = _("campaign result")
        verbose_name_plural = _("campaign results")

    def __str__(self):
        return f"{self.campaign} @ {self.computed_at:%Y-%m-%d %H:%M}"
