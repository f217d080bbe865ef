"""Management review (ISO 9001/21001 9.3): the meeting, its frozen inputs and its
decisions. The inputs come from every app through the review-input registry
(``ims.registry``); this package belongs to none of them.

These models belong to the ``audits`` app (``audits/models.py`` imports them).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from audits.corrective.models import CorrectiveAction


class ManagementReview(models.Model):
    """A management review meeting (xem xét của lãnh đạo) with its frozen inputs."""

    school_year = models.ForeignKey(
        "ims.SchoolYear",
        verbose_name=_("school year"),
        on_delete=models.PROTECT,
        related_name="management_reviews",
    )
    title = models.CharField(_("title"), max_length=200)
    meeting_date = models.DateField(_("meeting date"))
    period_start = models.DateField(_("period reviewed from"))
    period_end = models.DateField(_("period reviewed to"))
    chair = models.CharField(_("chaired by"), max_length=200, blank=True)
    attendees = models.TextField(_("attendees"), blank=True)
    # Compiled by the system when the review is prepared; never changed afterwards.
    inputs = models.JSONField(_("inputs"), default=list, editable=False)
    prepared_at = models.DateTimeField(_("prepared"), editable=False)
    prepared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    conclusions = models.TextField(
        _("conclusions"),
        blank=True,
        help_text=_("On the suitability, adequacy and effectiveness of the system (9.3.3)."),
    )
    history = HistoricalRecords(excluded_fields=["inputs"])

    class Meta:
        ordering = ["-meeting_date", "-pk"]
        verbose_name = _("management review")
        verbose_name_plural = _("management reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="review_period_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.meeting_date:%d/%m/%Y})"

    def get_absolute_url(self):
        return reverse("audits:review", args=[self.pk])


class ReviewDecision(models.Model):
    """A decision or action of the management review (9.3.3)."""

    class Kind(models.TextChoices):
        IMPROVEMENT = "improvement", _("Opportunity for improvement")
        CHANGE = "change", _("Change to the management system")
        RESOURCES = "resources", _("Resources needed")
        OBJECTIVE = "objective", _("Objective")
        CORRECTIVE_ACTION = "corrective_action", _("Corrective action")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    review = models.ForeignKey(ManagementReview, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    text = models.TextField(_("decision"))
    department = models.ForeignKey(
        "ims.Department",
        verbose_name=_("department responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person responsible"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default="open")
    done_on = models.DateField(_("done on"), null=True, blank=True)
    link = models.CharField(
        _("link"),
        max_length=300,
        blank=True,
        help_text=_("Optional: where the decision is carried out, e.g. the objective's page."),
    )
    corrective_action = models.OneToOneField(
        CorrectiveAction,
        verbose_name=_("corrective action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="review_decision",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "pk"]
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")

    def __str__(self):
        return self.text[:80]
