"""Controlled documents and their editions (ISO 9001 / ISO 21001 clause 7.5).

A :class:`Document` is the stable object (code, title, owner); each
:class:`Revision` is one edition of it, moving through ``Revision.TRANSITIONS``
by the functions in ``documents.services``. ``Document.current`` points at the
effective edition; a partial unique constraint keeps it to one per document.
Sign-offs, acknowledgements, change requests and periodic reviews are rows.
"""

import uuid
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.search import fold
from ims.reauth import AuthMethod
from ims.roles import Role


class DocumentQuerySet(models.QuerySet):
    def in_register_order(self):
        """Documents as the master list shows them: by kind, then code."""
        order = Case(
            *[When(kind=kind, then=Value(i)) for i, kind in enumerate(Document.REGISTER_ORDER)],
            default=Value(len(Document.REGISTER_ORDER)),
            output_field=IntegerField(),
        )
        return self.alias(kind_order=order).order_by("kind_order", "code")

    def active(self):
        return self.filter(is_obsolete=False)

    def effective(self):
        """Documents with an effective edition."""
        return self.filter(current__isnull=False, is_obsolete=False)

    def review_overdue(self, today):
        """Effective documents whose periodic review date has passed."""
        return self.effective().filter(next_review_on__lt=today)

    def review_due(self, today, within_days: int = 30):
        """Effective documents due for review within ``within_days`` (overdue included)."""
        return self.effective().filter(next_review_on__lte=today + timedelta(days=within_days))


class Document(models.Model):
    class Kind(models.TextChoices):
        PROCEDURE = "QT", _("Procedure")
        INSTRUCTION = "HD", _("Work instruction")
        REGULATION = "QD", _("Regulation")
        ROLE = "MT", _("Role description")
        FORM = "BM", _("Form")
        MANUAL = "ST", _("Manual or policy")
        EXTERNAL = "TL", _("External document")

    REGISTER_ORDER = [
        Kind.MANUAL,
        Kind.REGULATION,
        Kind.PROCEDURE,
        Kind.INSTRUCTION,
        Kind.ROLE,
        Kind.FORM,
        Kind.EXTERNAL,
    ]

    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("For example QT.05-TCCB.")
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=2, choices=Kind.choices)
    department = models.ForeignKey(
        "ims.Department",
        verbose_name=_("owning department"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    position = models.ForeignKey(
        "ims.Position",
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_descriptions",
        help_text=_("For role descriptions: the position described."),
    )
    procedure = models.ForeignKey(
        "self",
        verbose_name=_("procedure"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forms",
        limit_choices_to={"kind": "QT"},
        help_text=_("For forms: the procedure the form belongs to."),
    )
    issuer = models.CharField(
        _("issuer"),
        max_length=200,
        blank=True,
        help_text=_("For external documents: who issued it, e.g. the Ministry."),
    )
    external_reference = models.CharField(
        _("external reference"),
        max_length=200,
        blank=True,
        help_text=_("For external documents: its number, e.g. 26/2018/TT-BKHCN."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"), default=12
    )
    clauses = models.ManyToManyField(
        "ims.Clause", verbose_name=_("clauses addressed"), blank=True, related_name="documents"
    )
    distribution = models.ManyToManyField(
        "ims.Department",
        verbose_name=_("distributed to departments"),
        blank=True,
        related_name="distributed_documents",
        help_text=_("Besides the owning department, which always receives it."),
    )
    distribution_units = models.ManyToManyField(
        "ims.Unit",
        verbose_name=_("distributed to units"),
        blank=True,
        related_name="distributed_documents",
    )
    is_obsolete = models.BooleanField(_("obsolete"), default=False)
    current = models.ForeignKey(
        "Revision",
        verbose_name=_("effective edition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DocumentQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[clauses, distribution, distribution_units])

    class Meta:
        ordering = ["code"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        # Object permissions, granted per document by documents.permissions.
        permissions = [
            ("read_drafts", _("Can read editions in progress")),
            ("edit_draft", _("Can edit drafts")),
            ("review_document", _("Can review editions")),
            ("approve_document", _("Can approve editions")),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.code])

    @property
    def is_procedure(self) -> bool:
        return self.kind == self.Kind.PROCEDURE

    @property
    def has_sections(self) -> bool:
        """Procedures are edited in their standard sections; other kinds have a free body."""
        return self.is_procedure

    def review_due_after(self, day):
        return day + relativedelta(months=self.review_interval_months)


class Revision(models.Model):
    """One edition (lần ban hành) of a document."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In review")
        APPROVED = "approved", _("Approved")
        EFFECTIVE = "effective", _("Effective")
        SUPERSEDED = "superseded", _("Superseded")
        OBSOLETE = "obsolete", _("Obsolete")

    TRANSITIONS = {
        State.DRAFT: {State.IN_REVIEW, State.OBSOLETE},
        State.IN_REVIEW: {State.DRAFT, State.APPROVED, State.OBSOLETE},
        State.APPROVED: {State.EFFECTIVE, State.DRAFT, State.OBSOLETE},
        State.EFFECTIVE: {State.SUPERSEDED, State.OBSOLETE},
        State.SUPERSEDED: set(),
        State.OBSOLETE: set(),
    }
    EDITABLE_STATES = {State.DRAFT}
    WORK_IN_PROGRESS = {State.DRAFT, State.IN_REVIEW, State.APPROVED}
    PAST_STATES = {State.SUPERSEDED, State.OBSOLETE}

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField(_("edition"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DRAFT, db_index=True
    )
    change_summary = models.TextField(_("what changed"), blank=True)
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Steps and records as they were at this save, so the history of a draft
    # holds every saved state whole (simple-history keeps each field).
    snapshot = models.JSONField(default=dict, blank=True, editable=False)
    body = models.TextField(_("body"), blank=True)
    purpose = models.TextField(_("purpose"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    references = models.TextField(_("references"), blank=True)
    terms = models.TextField(_("terms and abbreviations"), blank=True)
    search_text = models.TextField(editable=False, blank=True)
    # What a file brought in from Word said of its paper past: the names on its
    # sign-off table ({"prepared": {"name", "position", "date"}, …}) and the rows
    # of its change table. Shown as imported, never taken for sign-offs made here.
    imported_signoffs = models.JSONField(
        _("imported sign-offs"), default=dict, blank=True, editable=False
    )
    imported_history = models.JSONField(
        _("imported change history"), default=list, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "number"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="revision_unique_number_per_document"
            ),
            # The last guard of "never two effective editions": the publish
            # service locks the document row, this holds even if it did not.
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(state="effective"),
                name="revision_one_effective_per_document",
            ),
            # One edition in progress at a time, so nobody drafts past another draft.
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(state__in=["draft", "in_review", "approved"]),
                name="revision_one_in_progress_per_document",
            ),
        ]

    def __str__(self):
        return f"{self.document.code} ({_('edition')} {self.number})"

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = [*update_fields, "search_text"]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:revision", args=[self.document.code, self.number])

    def build_search_text(self) -> str:
        """Lower-case text without diacritics over the edition's content, for search."""
        parts = [self.document.code, self.document.title, self.change_summary]
        parts += [self.purpose, self.scope, self.references, self.terms, self.body]
        if self.pk:
            for step in self.steps.all():
                parts += [step.name, step.responsible, step.action, step.record]
        return fold(" ".join(p for p in parts if p))

    def can_move_to(self, state: str) -> bool:
        return state in self.TRANSITIONS.get(self.State(self.state), set())

    @property
    def is_editable(self) -> bool:
        return self.state in self.EDITABLE_STATES

    @property
    def is_effective(self) -> bool:
        return self.state == self.State.EFFECTIVE

    @property
    def is_past(self) -> bool:
        """Superseded or obsolete: readable, but marked as no longer in force."""
        return self.state in self.PAST_STATES

    def imported_signoff(self, step: str) -> dict:
        """The name, position and date the imported file's sign-off table gave ``step``."""
        entry = (self.imported_signoffs or {}).get(step) or {}
        return entry if isinstance(entry, dict) else {}

    @property
    def is_reviewed(self) -> bool:
        """Reviewed since it was last prepared (a send-back makes it need a new review).
        Reads ``signoffs.all()``: prefetch them when listing editions."""
        signoffs = sorted(self.signoffs.all(), key=lambda s: (s.signed_at, s.pk))
        last_prepared = max(
            (i for i, s in enumerate(signoffs) if s.step == SignOff.Step.PREPARED), default=-1
        )
        return any(s.step == SignOff.Step.REVIEWED for s in signoffs[last_prepared + 1 :])

    def status_for(self, today: date | None = None) -> tuple[str, str]:
        """``(key, label)``: the state as a reader must read it, sub-states included
        (reviewed and awaiting approval; approved and not yet in force). Every page that
        shows an edition's state shows this label; the key names its badge's style."""
        today = today or timezone.localdate()
        if self.state == self.State.IN_REVIEW and self.is_reviewed:
            return "reviewed", str(_("Reviewed — awaiting approval"))
        if self.state == self.State.APPROVED:
            if self.effective_date and self.effective_date > today:
                return "approved", str(
                    _("Approved — takes effect on %(date)s")
                    % {"date": self.effective_date.strftime("%d/%m/%Y")}
                )
            return "approved", str(_("Approved — awaiting publication"))
        return self.state, str(self.get_state_display())

    @property
    def status_key(self) -> str:
        return self.status_for()[0]

    @property
    def status_label(self) -> str:
        return self.status_for()[1]

    def signoff_for(self, step: str) -> "SignOff | None":
        """The latest sign-off of ``step`` (prepared, reviewed, approved)."""
        matches = [s for s in self.signoffs.all() if s.step == step]
        return max(matches, key=lambda s: s.signed_at) if matches else None

    @property
    def approval(self) -> "SignOff | None":
        return self.signoff_for(SignOff.Step.APPROVED)


class Step(models.Model):
    """A row of a procedure's steps table (Bước / Trách nhiệm / Nội dung / Thời gian / Biểu mẫu)."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    phase = models.CharField(
        _("phase"),
        max_length=300,
        blank=True,
        help_text=_("A phase heading printed across the table before this step."),
    )
    name = models.CharField(_("step"), max_length=300)
    responsible = models.CharField(_("responsible"), max_length=300, blank=True)
    action = models.TextField(_("what is done"), blank=True)
    time_limit = models.CharField(_("time limit"), max_length=120, blank=True)
    record = models.CharField(_("form or record"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["revision", "order"]
        verbose_name = _("step")
        verbose_name_plural = _("steps")

    def __str__(self):
        return f"{self.order}. {self.name}"


class RecordKept(models.Model):
    """A record a procedure keeps (Tên hồ sơ / Người lưu / Nơi lưu / Thời gian lưu)."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="records")
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("record"), max_length=300)
    keeper = models.CharField(_("keeper"), max_length=200, blank=True)
    place = models.CharField(_("place kept"), max_length=200, blank=True)
    retention = models.CharField(_("retention time"), max_length=120, blank=True)
    medium = models.CharField(_("form kept"), max_length=120, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["revision", "order"]
        verbose_name = _("record kept")
        verbose_name_plural = _("records kept")

    def __str__(self):
        return self.name


class SignOff(models.Model):
    """An explicit sign-off event on an edition, written by the service in the same transaction."""

    class Step(models.TextChoices):
        PREPARED = "prepared", _("Prepared")
        REVIEWED = "reviewed", _("Reviewed")
        APPROVED = "approved", _("Approved")
        SENT_BACK = "sent_back", _("Sent back")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    BLOCK_STEPS = [Step.PREPARED, Step.REVIEWED, Step.APPROVED]

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="signoffs")
    step = models.CharField(_("meaning"), max_length=12, choices=Step.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="document_signoffs",
    )
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=40, blank=True)
    signed_at = models.DateTimeField(_("signed at"))
    # How the person proved who they were when signing; empty for what the system
    # does in their name (the scheduled publication of an approved edition).
    auth_method = models.CharField(
        _("authenticated by"), max_length=10, choices=AuthMethod.choices, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["revision", "signed_at", "pk"]
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")

    def __str__(self):
        return f"{self.get_step_display()}: {self.name}"


class Acknowledgement(models.Model):
    """A person has read and understood one exact effective edition."""

    revision = models.ForeignKey(
        Revision, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="acknowledgements"
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["revision", "acknowledged_at"]
        verbose_name = _("acknowledgement")
        verbose_name_plural = _("acknowledgements")
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "user"], name="acknowledgement_once_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.revision}"


class ChangeRequest(models.Model):
    """A proposal (phiếu đề nghị sửa đổi) to change an effective document."""

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="change_requests")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="document_change_requests",
    )
    reason = models.TextField(_("reason"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True
    )
    created_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision"), blank=True)
    revision = models.ForeignKey(
        Revision,
        verbose_name=_("draft opened"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="change_requests",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")

    def __str__(self):
        return f"{self.document.code}: {self.reason[:60]}"


class ReviewRecord(models.Model):
    """A periodic review of a document: confirmed unchanged, or a new draft opened."""

    class Outcome(models.TextChoices):
        UNCHANGED = "unchanged", _("Confirmed unchanged")
        NEW_DRAFT = "new_draft", _("New draft opened")

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="reviews")
    revision = models.ForeignKey(
        Revision, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="reviews"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewed_on = models.DateField(_("reviewed on"))
    due_on = models.DateField(_("was due on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["document", "-reviewed_on"]
        verbose_name = _("periodic review")
        verbose_name_plural = _("periodic reviews")

    def __str__(self):
        return f"{self.document.code} {self.reviewed_on}"

    @property
    def on_time(self) -> bool:
        return self.due_on is None or self.reviewed_on <= self.due_on


# The certification body's auditor writes nothing: never an approving role.
APPROVING_ROLE_CHOICES = [(v, label) for v, label in Role.choices if v != Role.EXTERNAL_AUDITOR]


class ApprovalRule(models.Model):
    """Which role approves which kind of document.

    A kind with no rule is approved by leadership or the secretariat.
    """

    kind = models.CharField(_("kind"), max_length=2, choices=Document.Kind.choices)
    role = models.CharField(_("approving role"), max_length=20, choices=APPROVING_ROLE_CHOICES)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "role"]
        verbose_name = _("approval rule")
        verbose_name_plural = _("approval rules")
        constraints = [models.UniqueConstraint(fields=["kind", "role"], name="approvalrule_unique")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.get_role_display()}"


def edition_image_path(instance, filename):
    """Stored under a name of our making, never the uploaded one (it may hold anything)."""
    extension = {"png": "png", "jpeg": "jpg"}[instance.kind]
    return f"{EDITION_IMAGES_DIR}/{instance.revision_id}/{uuid.uuid4().hex}.{extension}"


EDITION_IMAGES_DIR = "documents/images"


class EditionImage(models.Model):
    """An image attached to an edition (a flow chart, say), checked PNG or JPEG.

    The edition's Markdown names it ``attachment:<number>``; the number is kept
    when a new draft is made from the edition (its images carry over, sharing
    the stored file), so the text stays valid from edition to edition. Images are
    read with the rights of the edition; nothing is ever deleted.
    """

    revision = models.ForeignKey(
        Revision, verbose_name=_("edition"), on_delete=models.PROTECT, related_name="images"
    )
    number = models.PositiveIntegerField(_("number"))
    file = models.FileField(_("file"), upload_to=edition_image_path, max_length=200)
    name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=4, choices=[("png", "PNG"), ("jpeg", "JPEG")])
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["revision", "number"]
        verbose_name = _("edition image")
        verbose_name_plural = _("edition images")
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "number"], name="editionimage_unique_number_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.revision} #{self.number} {self.name}"

    def get_absolute_url(self):
        document = self.revision.document
        return reverse(
            "documents:image", args=[document.code, self.revision.number, self.number]
        )

    @property
    def markdown(self) -> str:
        """What the author types to show it: ``![name](attachment:N)``."""
        alt = self.name.rsplit(".", 1)[0].replace("[", "").replace("]", "")
        return f"![{alt}](attachment:{self.number})"


from documents.models_manual import EditionPdf, ManualBuild  # noqa: E402, F401  (printed output: issue 5)
