"""Internal audit (ISO 9001/21001 9.2): programmes, rounds, audits, checklists, findings.

Rules about one row live here; rules across rows, rights and events live in
``audits/services.py``. Corrective actions (``audits/corrective/``) and management
review (``audits/review/``) keep their models in their own packages; they are
imported here so that they belong to the ``audits`` app and ``from audits.models
import …`` finds every model of the app.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from audits.corrective.models import (
    Complaint,
    CorrectiveAction,
    CorrectiveActionEvent,
    CorrectiveActionQuerySet,
)
from audits.review.models import ManagementReview, ReviewDecision
from audits.roles import READ_ALL_ROLES
from ims.permissions import department_of, has_role

__all__ = [
    "READ_ALL_ROLES",
    "Audit",
    "AuditEvent",
    "AuditProgramme",
    "AuditQuerySet",
    "AuditRound",
    "ChecklistItem",
    "Complaint",
    "CorrectiveAction",
    "CorrectiveActionEvent",
    "CorrectiveActionQuerySet",
    "Finding",
    "ManagementReview",
    "ReviewDecision",
]


class AuditProgramme(models.Model):
    """The audit programme of one school year (chương trình đánh giá nội bộ)."""

    school_year = models.OneToOneField(
        "ims.SchoolYear",
        verbose_name=_("school year"),
        on_delete=models.PROTECT,
        related_name="audit_programme",
    )
    objectives = models.TextField(_("objectives of the programme"), blank=True)
    scope = models.TextField(_("scope of the programme"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year__start_date"]
        verbose_name = _("audit programme")
        verbose_name_plural = _("audit programmes")

    def __str__(self):
        return _("Audit programme %(year)s") % {"year": self.school_year.name}

    def get_absolute_url(self):
        return reverse("audits:programme", args=[self.pk])


class AuditRound(models.Model):
    """A round of audits: internal 1, internal 2, external certification, surveillance."""

    class Kind(models.TextChoices):
        INTERNAL_1 = "internal_1", _("Internal audit, round 1")
        INTERNAL_2 = "internal_2", _("Internal audit, round 2")
        CERTIFICATION = "certification", _("External certification audit")
        SURVEILLANCE = "surveillance", _("External surveillance audit")

    programme = models.ForeignKey(
        AuditProgramme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="rounds"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start_date = models.DateField(_("starts"))
    end_date = models.DateField(_("ends"))
    certification_body = models.CharField(
        _("certification body"),
        max_length=200,
        blank=True,
        help_text=_("For external audits: the body that audits."),
    )
    notes = models.TextField(_("notes"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "start_date"]
        verbose_name = _("audit round")
        verbose_name_plural = _("audit rounds")
        constraints = [
            models.UniqueConstraint(fields=["programme", "kind"], name="audit_round_once_per_kind"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="audit_round_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.programme.school_year.name})"

    def get_absolute_url(self):
        return reverse("audits:round", args=[self.pk])

    @property
    def is_external(self) -> bool:
        return self.kind in (self.Kind.CERTIFICATION, self.Kind.SURVEILLANCE)


class AuditQuerySet(models.QuerySet):
    def visible_to(self, user):
        if has_role(user, *READ_ALL_ROLES):
            return self
        department = department_of(user)
        condition = Q(lead_auditor=user) | Q(team=user)
        if department:
            condition |= Q(department=department)
        return self.filter(pk__in=self.filter(condition).values("pk"))


class Audit(models.Model):
    """One audit of a department or a process within a round."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    # The moves an audit may make; each is one service that locks the row and writes
    # an ``AuditEvent``. The checklist starts it; the lead auditor or the secretariat
    # completes it (also straight from planned: an audit done without the checklist).
    TRANSITIONS = {
        Status.PLANNED: {Status.IN_PROGRESS, Status.COMPLETED},
        Status.IN_PROGRESS: {Status.COMPLETED},
        Status.COMPLETED: set(),
    }

    round = models.ForeignKey(
        AuditRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="audits"
    )
    department = models.ForeignKey(
        "ims.Department",
        verbose_name=_("audited department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audits",
    )
    process = models.CharField(
        _("audited process"),
        max_length=200,
        blank=True,
        help_text=_("When a process is audited across departments rather than one department."),
    )
    scope = models.TextField(_("scope"))
    clauses = models.ManyToManyField(
        "ims.Clause", verbose_name=_("criteria (clauses)"), related_name="audits"
    )
    documents = models.ManyToManyField(
        "documents.Document",
        verbose_name=_("documents in scope"),
        blank=True,
        related_name="audits",
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    lead_auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead auditor"),
        on_delete=models.PROTECT,
        related_name="audits_led",
    )
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("audit team"),
        blank=True,
        related_name="audits_on_team",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    summary = models.TextField(_("summary of the audit"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[clauses, documents, team])

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        constraints = [
            models.CheckConstraint(
                condition=Q(department__isnull=False) | ~Q(process=""),
                name="audit_has_department_or_process",
            )
        ]

    def __str__(self):
        return f"{self.subject} – {self.date:%d/%m/%Y}"

    def get_absolute_url(self):
        return reverse("audits:audit", args=[self.pk])

    @property
    def subject(self) -> str:
        if self.department_id and self.process:
            return f"{self.department.name} – {self.process}"
        return self.department.name if self.department_id else self.process

    def auditors(self) -> list:
        people = [self.lead_auditor]
        people += [p for p in self.team.all() if p.pk != self.lead_auditor_id]
        return people

    def can_move_to(self, status: str) -> bool:
        return status in self.TRANSITIONS.get(self.Status(self.status), set())

    def is_auditor(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return self.lead_auditor_id == user.pk or self.team.filter(pk=user.pk).exists()


class AuditEvent(models.Model):
    """A fact in the life of an audit: it moved to ``status``, who did it, when."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="events")
    status = models.CharField(_("status"), max_length=20, choices=Audit.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.audit_id}: {self.status}"


class ChecklistItem(models.Model):
    """One question of an audit's checklist: a clause of the criteria, or a document in scope."""

    class Result(models.TextChoices):
        UNCHECKED = "", _("Not checked yet")
        CONFORMS = "conforms", _("Conforms")
        NONCONFORMS = "nonconforms", _("Does not conform")
        OBSERVATION = "observation", _("Observation")
        NOT_APPLICABLE = "na", _("Not applicable")

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="checklist")
    clause = models.ForeignKey(
        "ims.Clause", verbose_name=_("clause"), null=True, blank=True, on_delete=models.PROTECT
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    question = models.TextField(_("what to check"))
    result = models.CharField(
        _("result"), max_length=20, choices=Result.choices, blank=True, default=""
    )
    evidence = models.TextField(_("evidence seen"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["audit", "order", "pk"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.UniqueConstraint(
                fields=["audit", "clause"],
                condition=Q(clause__isnull=False),
                name="checklist_one_item_per_clause",
            ),
            models.UniqueConstraint(
                fields=["audit", "document"],
                condition=Q(document__isnull=False),
                name="checklist_one_item_per_document",
            ),
            models.CheckConstraint(
                condition=Q(clause__isnull=True) | Q(document__isnull=True),
                name="checklist_item_clause_or_document",
            ),
        ]

    def __str__(self):
        return self.question[:80]

    @property
    def finding_grade(self) -> str | None:
        """The grade a finding recorded from this answer starts with: "does not conform"
        is a minor nonconformity until the auditor calls it major; no answer, none."""
        return {
            self.Result.CONFORMS: Finding.Grade.CONFORMITY,
            self.Result.NONCONFORMS: Finding.Grade.MINOR,
            self.Result.OBSERVATION: Finding.Grade.OBSERVATION,
        }.get(self.result)

    @property
    def is_answered(self) -> bool:
        return bool(self.result or self.evidence)


class Finding(models.Model):
    """What the audit found, graded; a nonconformity opens a corrective action."""

    class Grade(models.TextChoices):
        CONFORMITY = "conformity", _("Conformity")
        MAJOR = "major", _("Major nonconformity")
        MINOR = "minor", _("Minor nonconformity")
        OBSERVATION = "observation", _("Observation")
        OFI = "ofi", _("Opportunity for improvement")

    NONCONFORMITIES = (Grade.MAJOR, Grade.MINOR)

    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="findings"
    )
    checklist_item = models.ForeignKey(
        ChecklistItem,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices)
    clause = models.ForeignKey(
        "ims.Clause", verbose_name=_("clause"), on_delete=models.PROTECT, related_name="findings"
    )
    department = models.ForeignKey(
        "ims.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="findings",
    )
    statement = models.TextField(_("finding"))
    evidence = models.TextField(_("objective evidence"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["audit", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self):
        return f"{self.get_grade_display()} – {self.clause.short_label}"

    @property
    def is_nonconformity(self) -> bool:
        return self.grade in self.NONCONFORMITIES
