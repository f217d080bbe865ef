"""The announcement of the system's conformity and the yearly report on it.

A state agency applying TCVN ISO 9001:2015 announces that its quality management
system conforms (Quyết định công bố Hệ thống quản lý chất lượng phù hợp Tiêu chuẩn
quốc gia TCVN ISO 9001:2015), signed by its head, sent to the provincial Department
of Science and Technology and posted publicly; it announces again when the scope
changes (Quyết định 19/2014/QĐ-TTg, Thông tư 26/2014/TT-BKHCN). It also reports
yearly on the system's operation.

An announcement is drafted from the system's data and frozen when issued: its
scope (the procedures in force and the administrative procedures they carry out) is
then the record against which later changes of scope are found.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class AnnouncementQuerySet(models.QuerySet):
    def issued(self):
        return self.filter(status=Announcement.Status.ISSUED)

    def latest_issued(self) -> "Announcement | None":
        return self.issued().order_by("-signed_on", "-pk").first()


class Announcement(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        ISSUED = "issued", _("Issued")

    class Occasion(models.TextChoices):
        FIRST = "first", _("First announcement")
        SCOPE_CHANGED = "scope_changed", _("Announced again: the scope changed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    occasion = models.CharField(
        _("occasion"), max_length=20, choices=Occasion.choices, default=Occasion.FIRST
    )
    standard = models.CharField(_("standard"), max_length=60, default="TCVN ISO 9001:2015")
    number = models.CharField(
        _("decision number"), max_length=40, blank=True, help_text=_("For example 125/QĐ-SGDĐT.")
    )
    place = models.CharField(
        _("place of issue"), max_length=80, blank=True, help_text=_("For example Sơn La.")
    )
    signed_on = models.DateField(_("date signed"), null=True, blank=True)
    signer_title = models.CharField(
        _("title of the signer"), max_length=120, default="GIÁM ĐỐC", blank=True
    )
    signer_name = models.CharField(_("name of the signer"), max_length=120, blank=True)
    legal_bases = models.TextField(
        _("legal bases"), help_text=_("One per line: the texts the decision is based on.")
    )
    proposed_by = models.CharField(
        _("on the proposal of"),
        max_length=200,
        blank=True,
        help_text=_("For example Chánh Văn phòng Sở."),
    )
    scope_text = models.TextField(
        _("scope of application"),
        help_text=_("The areas of activity the system covers, as the decision states them."),
    )
    executors = models.TextField(
        _("responsible for carrying it out"),
        blank=True,
        help_text=_("Article 3: who carries out the decision."),
    )
    recipients = models.TextField(_("recipients"), blank=True)
    # The procedures in force when the decision was drafted or last refreshed, frozen
    # when it is issued: [{"code", "title", "department", "tthc_code", "tthc_time_limit"}].
    scope = models.JSONField(_("procedures in scope"), default=list, editable=False)
    sent_on = models.DateField(
        _("sent to the Department of Science and Technology on"), null=True, blank=True
    )
    posted_on = models.DateField(_("posted publicly on"), null=True, blank=True)
    posted_url = models.URLField(_("where it is posted"), blank=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    version = models.PositiveIntegerField(default=0, editable=False)

    objects = AnnouncementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("conformity announcement")
        verbose_name_plural = _("conformity announcements")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft")
                | (Q(signed_on__isnull=False) & ~Q(number="") & ~Q(signer_name="")),
                name="announcement_issued_is_complete",
            ),
            # One draft at a time: two drafts would announce two scopes.
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="draft"), name="announcement_one_draft"
            ),
        ]

    def __str__(self):
        if self.number:
            return f"{self.number} ({self.signed_on:%d/%m/%Y})" if self.signed_on else self.number
        return str(_("Draft announcement"))

    def get_absolute_url(self):
        return reverse("conformity:announcement", args=[self.pk])

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def scope_codes(self) -> set[str]:
        return {row["code"] for row in self.scope}


class ScopeReminder(models.Model):
    """The secretariat was told once that the scope changed since ``announcement``
    in this way (``changes``: a key of the added and withdrawn codes)."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="+")
    changes = models.CharField(max_length=64)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "changes"], name="scope_reminder_once")
        ]

    def __str__(self):
        return f"{self.announcement} · {self.sent_at:%d/%m/%Y}"


class YearlyReport(models.Model):
    """The yearly report on the system's operation: compiled from the data,
    editable section by section, then frozen."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FROZEN = "frozen", _("Frozen")

    title = models.CharField(_("title of the report"), max_length=300)
    number = models.CharField(
        _("report number"), max_length=40, blank=True, help_text=_("For example 210/BC-SGDĐT.")
    )
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    place = models.CharField(
        _("place of issue"), max_length=80, blank=True, help_text=_("For example Sơn La.")
    )
    addressee = models.CharField(
        _("addressed to"),
        max_length=200,
        blank=True,
        help_text=_("For example Sở Khoa học và Công nghệ tỉnh Sơn La."),
    )
    signer_title = models.CharField(_("title of the signer"), max_length=120, blank=True)
    signer_name = models.CharField(_("name of the signer"), max_length=120, blank=True)
    # [{"key", "label", "text", "columns", "rows"}]: the texts are edited, the tables
    # are the data as compiled.
    sections = models.JSONField(_("sections"), default=list, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    compiled_at = models.DateTimeField(_("compiled"), editable=False)
    compiled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True, editable=False)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.PositiveIntegerField(default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("yearly report")
        verbose_name_plural = _("yearly reports")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="yearly_report_period_in_order",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("conformity:report", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.FROZEN

    @property
    def dated(self):
        """The report's date: the day it was frozen (None while it is a draft)."""
        return timezone.localdate(self.frozen_at) if self.frozen_at else None
