"""Internal audit (ISO 9001/21001 9.2), nonconformity and corrective action (10.2 / 10.1)
and management review (9.3).

Rules about one row live here; rules across rows, rights and events live in
``audits/services.py``.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ims.permissions import department_of, has_role
from ims.reauth import AuthMethod
from ims.roles import Role

# Roles that read every audit record (read-only unless also secretariat).
READ_ALL_ROLES = (Role.ISO_SECRETARIAT, Role.LEADERSHIP, Role.AUDITOR, Role.EXTERNAL_AUDITOR)


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

    def is_auditor(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return self.lead_auditor_id == user.pk or self.team.filter(pk=user.pk).exists()


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
        Finding,
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


class SentReminder(models.Model):
    """A reminder sent once per occasion: the key names the occasion (e.g. an action
    overdue for a given due date), the unique constraint keeps it from going twice."""

    key = models.CharField(max_length=200)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="audit_reminders"
    )
    subject = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(fields=["key", "recipient"], name="reminder_once_per_occasion")
        ]

    def __str__(self):
        return f"{self.key} → {self.recipient}"
