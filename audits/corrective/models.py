"""Nonconformity and corrective action (ISO 9001/21001 10.2), with the complaints and
appeals that raise them (ISO 21001 8.2.1 / 10.2).

These models belong to the ``audits`` app (``audits/models.py`` imports them); a
finding of an audit is referred to by name so that nothing here imports the audits.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from audits.roles import READ_ALL_ROLES
from ims.permissions import department_of, has_role
from ims.reauth import AuthMethod


class Complaint(models.Model):
    """A complaint or appeal from learners, parents, schools or citizens (ISO 21001)."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        APPEAL = "appeal", _("Appeal")

    class Party(models.TextChoices):
        LEARNER = "learner", _("Learner")
        PARENT = "parent", _("Parent")
        SCHOOL = "school", _("School or unit")
        CITIZEN = "citizen", _("Citizen")
        STAFF = "staff", _("Staff")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ANSWERED = "answered", _("Answered")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COMPLAINT)
    party = models.CharField(_("from"), max_length=20, choices=Party.choices)
    complainant = models.CharField(_("name of the complainant"), max_length=200, blank=True)
    unit = models.ForeignKey(
        "ims.Unit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.SET_NULL
    )
    department = models.ForeignKey(
        "ims.Department",
        verbose_name=_("department concerned"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    received_on = models.DateField(_("received on"), default=timezone.localdate)
    subject = models.CharField(_("subject"), max_length=300)
    description = models.TextField(_("description"))
    response = models.TextField(_("response"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("complaint or appeal")
        verbose_name_plural = _("complaints and appeals")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    def get_absolute_url(self):
        return reverse("audits:complaint", args=[self.pk])


class CorrectiveActionQuerySet(models.QuerySet):
    def visible_to(self, user):
        if has_role(user, *READ_ALL_ROLES):
            return self
        department = department_of(user)
        condition = Q(owner=user)
        if department:
            condition |= Q(department=department)
        return self.filter(condition)

    def still_to_act(self):
        CA = CorrectiveAction
        return self.filter(state__in=CA.ACTING_STATES)

    def overdue(self, today: date | None = None):
        return self.still_to_act().filter(due_date__lt=today or timezone.localdate())


class CorrectiveAction(models.Model):
    """A nonconformity and what is done about it (hành động khắc phục).

    ``open`` → ``planned`` (correction, root cause, action plan) → ``awaiting
    verification`` (action done; effectiveness checked after an interval) →
    ``closed``; an ineffective verification sends it to ``reopened``, which is
    answered again like ``open``. Only a verification closes it.
    """

    class Source(models.TextChoices):
        INTERNAL_AUDIT = "internal_audit", _("Internal audit finding")
        EXTERNAL_AUDIT = "external_audit", _("External audit finding")
        COMPLAINT = "complaint", _("Complaint")
        APPEAL = "appeal", _("Appeal")
        PROCESS_FAILURE = "process_failure", _("Process failure")
        MANAGEMENT_REVIEW = "management_review", _("Management review")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        PLANNED = "planned", _("Action planned")
        AWAITING_VERIFICATION = "awaiting_verification", _("Awaiting verification")
        CLOSED = "closed", _("Closed")
        REOPENED = "reopened", _("Reopened")

    TRANSITIONS = {
        State.OPEN: {State.PLANNED},
        State.REOPENED: {State.PLANNED},
        State.PLANNED: {State.AWAITING_VERIFICATION},
        State.AWAITING_VERIFICATION: {State.CLOSED, State.REOPENED},
        State.CLOSED: set(),
    }
    # Where the owner still has to act (and a due date can be missed).
    ACTING_STATES = (State.OPEN, State.PLANNED, State.REOPENED)
    ANSWERABLE_STATES = (State.OPEN, State.REOPENED, State.PLANNED)

    number = models.CharField(_("number"), max_length=20, unique=True)
    source = models.CharField(_("source"), max_length=30, choices=Source.choices)
    finding = models.OneToOneField(
        "audits.Finding",
        verbose_name=_("finding"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrective_action",
    )
    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint or appeal"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    department = models.ForeignKey(
        "ims.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="corrective_actions",
    )
    clause = models.ForeignKey(
        "ims.Clause",
        verbose_name=_("clause"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    nonconformity = models.TextField(_("nonconformity"))
    raised_on = models.DateField(_("raised on"), default=timezone.localdate)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="corrective_actions",
    )
    due_date = models.DateField(_("due date"))
    correction = models.TextField(_("immediate correction"), blank=True)
    whys = models.JSONField(_("five whys"), default=list, blank=True)
    root_cause = models.TextField(_("root cause"), blank=True)
    action_plan = models.TextField(_("corrective action plan"), blank=True)
    implemented_on = models.DateField(_("action completed on"), null=True, blank=True)
    verification_interval_days = models.PositiveSmallIntegerField(
        _("verify effectiveness after (days)"), default=30
    )
    verification_due = models.DateField(_("effectiveness check due"), null=True, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verification_note = models.TextField(_("verification of effectiveness"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    times_reopened = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.OPEN)
    history = HistoricalRecords()

    objects = CorrectiveActionQuerySet.as_manager()

    class Meta:
        ordering = ["-raised_on", "-pk"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        constraints = [
            # Closing needs a verification on record.
            models.CheckConstraint(
                condition=~Q(state="closed") | Q(verified_on__isnull=False),
                name="ca_closed_only_after_verification",
            )
        ]

    def __str__(self):
        return f"{self.number} – {self.nonconformity[:60]}"

    def get_absolute_url(self):
        return reverse("audits:action", args=[self.pk])

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.State(self.state), set())

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.state in self.ACTING_STATES and self.due_date < today

    def age_days(self, today: date | None = None) -> int:
        end = self.closed_on or today or timezone.localdate()
        return (end - self.raised_on).days

    def verification_is_due(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return (
            self.state == self.State.AWAITING_VERIFICATION
            and self.verification_due is not None
            and self.verification_due <= today
        )

    def next_verification_due(self, implemented_on: date) -> date:
        return implemented_on + timedelta(days=self.verification_interval_days)


class CorrectiveActionEvent(models.Model):
    """A fact in the life of a corrective action: who did what, when."""

    action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE, related_name="events")
    state = models.CharField(_("state"), max_length=30, choices=CorrectiveAction.State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)
    # For a sign-off (the verification of effectiveness): how the person confirmed it was them.
    auth_method = models.CharField(
        _("authenticated by"), max_length=10, choices=AuthMethod.choices, blank=True
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("corrective action event")
        verbose_name_plural = _("corrective action events")

    def __str__(self):
        return f"{self.action.number}: {self.state}"
