"""How an effective document comes to change: change requests and periodic reviews."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents.models.documents import Document
from documents.models.editions import Revision


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
