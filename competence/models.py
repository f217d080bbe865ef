"""Competence and awareness (ISO 9001 / ISO 21001 7.2, 7.3).

What a position requires (:class:`Requirement`, beside the position's role
description), what each person holds (:class:`Qualification`,
:class:`TrainingRecord`, :class:`ExperienceNote`), the trainings planned per
school year (:class:`Training`, whose attendees are training records) with the
evaluation of their effectiveness, and the reminders sent once per occasion.
Whether a requirement is met is computed (``competence.gap``), never stored.
"""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from ims.uploads import FileCheck

CERTIFICATE_KINDS = {"pdf", "png", "jpeg"}


class Level(models.IntegerChoices):
    """Levels of education, lowest first: a higher degree meets a lower requirement."""

    VOCATIONAL = 1, _("Intermediate vocational")
    COLLEGE = 2, _("College")
    BACHELOR = 3, _("Bachelor")
    MASTER = 4, _("Master")
    DOCTOR = 5, _("Doctorate")


class TrainingTopic(models.Model):
    """A subject people are trained in (state management for specialists, internal
    auditing…); ``validity_months`` when its certificate must be renewed."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        help_text=_("Empty when the certificate does not expire."),
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("training topic")
        verbose_name_plural = _("training topics")

    def __str__(self):
        return self.name


class Requirement(models.Model):
    """One competence requirement of a position."""

    class Kind(models.TextChoices):
        EDUCATION = "education", _("Education")
        TRAINING = "training", _("Training")
        EXPERIENCE = "experience", _("Experience")
        SKILL = "skill", _("Skill")
        DOCUMENT = "document", _("Document to read")

    # What each kind is checked against (the form asks for exactly that).
    NEEDS_TOPIC = (Kind.TRAINING, Kind.SKILL)

    position = models.ForeignKey(
        "ims.Position",
        verbose_name=_("position"),
        on_delete=models.CASCADE,
        related_name="competence_requirements",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.CharField(_("requirement"), max_length=300)
    level = models.PositiveSmallIntegerField(
        _("minimum level"), choices=Level.choices, null=True, blank=True
    )
    years = models.PositiveSmallIntegerField(_("minimum years"), null=True, blank=True)
    topic = models.ForeignKey(
        TrainingTopic,
        verbose_name=_("training topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="requirements",
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="competence_requirements",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "order", "pk"]
        verbose_name = _("competence requirement")
        verbose_name_plural = _("competence requirements")

    def __str__(self):
        return self.text


class Qualification(models.Model):
    """A degree or diploma a person holds."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="qualifications",
    )
    level = models.PositiveSmallIntegerField(
        pgettext_lazy("qualification", "level"), choices=Level.choices
    )
    degree = models.CharField(_("degree"), max_length=200)
    field = models.CharField(_("field of study"), max_length=200)
    institution = models.CharField(_("institution"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-year", "pk"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    def __str__(self):
        return f"{self.degree} – {self.field}"


class ExperienceNote(models.Model):
    """Work experience of a person (where, what, how many years)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="experience_notes",
    )
    text = models.CharField(_("experience"), max_length=300)
    years = models.PositiveSmallIntegerField(_("years"), default=0)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "pk"]
        verbose_name = _("experience note")
        verbose_name_plural = _("experience notes")

    def __str__(self):
        return self.text


class Training(models.Model):
    """A training planned in a school year, for some departments or positions; its
    effectiveness is evaluated ``evaluation_months`` after it took place."""

    school_year = models.ForeignKey(
        "ims.SchoolYear",
        verbose_name=_("school year"),
        on_delete=models.PROTECT,
        related_name="trainings",
    )
    topic = models.ForeignKey(
        TrainingTopic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="trainings"
    )
    title = models.CharField(pgettext_lazy("training", "title"), max_length=300)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    trainer = models.CharField(_("trainer"), max_length=200, blank=True)
    departments = models.ManyToManyField(
        "ims.Department", verbose_name=_("departments targeted"), blank=True, related_name="+"
    )
    positions = models.ManyToManyField(
        "ims.Position", verbose_name=_("positions targeted"), blank=True, related_name="+"
    )
    evaluation_months = models.PositiveSmallIntegerField(
        _("evaluate effectiveness after (months)"), default=3
    )
    evaluation_due_on = models.DateField(_("evaluation due"), editable=False)
    evaluation = models.TextField(_("evaluation of effectiveness"), blank=True)
    effective = models.BooleanField(_("effective"), null=True)
    evaluated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    evaluated_at = models.DateTimeField(_("evaluated at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "pk"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("competence:training", args=[self.pk])

    def due_date(self) -> date:
        return self.date + relativedelta(months=self.evaluation_months)

    @property
    def is_evaluated(self) -> bool:
        return self.effective is not None


def certificate_path(instance, filename):
    return f"competence/certificates/{instance.person_id}/{filename}"


class TrainingRecord(models.Model):
    """A person's training: an attendee of a planned training (``training`` set,
    ``attended`` once marked) or one taken elsewhere, with its certificate."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="training_records",
    )
    topic = models.ForeignKey(
        TrainingTopic,
        verbose_name=_("topic"),
        on_delete=models.PROTECT,
        related_name="records",
    )
    training = models.ForeignKey(
        Training,
        verbose_name=_("planned training"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="records",
    )
    title = models.CharField(_("course"), max_length=300)
    date = models.DateField(_("date"))
    attended = models.BooleanField(_("attended"), default=True)
    result = models.CharField(_("result"), max_length=200, blank=True)
    certificate = models.FileField(
        _("certificate"),
        upload_to=certificate_path,
        max_length=300,
        blank=True,
        validators=[FileCheck(kinds=CERTIFICATE_KINDS)],
        help_text=_("A PDF or an image (PNG, JPEG)."),
    )
    certificate_name = models.CharField(max_length=255, blank=True, editable=False)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person", "-date", "pk"]
        verbose_name = _("training record")
        verbose_name_plural = _("training records")
        constraints = [
            models.UniqueConstraint(
                fields=["training", "person"],
                condition=models.Q(training__isnull=False),
                name="competence_attendee_once",
            )
        ]

    def __str__(self):
        return f"{self.person} – {self.title}"
