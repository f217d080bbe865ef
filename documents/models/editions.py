"""Editions of a document and what an edition holds.

Each :class:`Revision` is one edition, moving through ``Revision.TRANSITIONS``
by the functions in ``documents.services``; its steps, records kept, images and
sign-offs are rows of their own.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from documents.models.documents import Document
from documents.register.search import fold
from ims.reauth import AuthMethod


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

    def get_absolute_url(self):
        return reverse("documents:revision", args=[self.document.code, self.number])

    def build_search_text(self, *, steps=()) -> str:
        """Lower-case text without diacritics over the edition's content and ``steps``
        (its step rows, or their dicts as ``documents.services.steps_as_data`` gives them),
        for search. Saving does not call it (a save must not query the steps): the
        services that write an edition's content set ``search_text``."""
        parts = [self.document.code, self.document.title, self.change_summary]
        parts += [self.purpose, self.scope, self.references, self.terms, self.body]
        for step in steps:
            row = step if isinstance(step, dict) else vars(step)
            parts += [row.get("name"), row.get("responsible"), row.get("action"), row.get("record")]
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
        verbose_name=pgettext_lazy("signature", "person"),
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
        return reverse("documents:image", args=[document.code, self.revision.number, self.number])

    @property
    def markdown(self) -> str:
        """What the author types to show it: ``![name](attachment:N)``."""
        alt = self.name.rsplit(".", 1)[0].replace("[", "").replace("]", "")
        return f"![{alt}](attachment:{self.number})"
