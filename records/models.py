"""The records register (ISO 9001 / ISO 21001 clause 7.5.3, "viết những gì đã làm").

A :class:`RecordSeries` is one kind of record a procedure keeps (a row of its
"Hồ sơ cần lưu"), synced from the effective editions; a :class:`RecordEntry` is
the records actually kept for a period (logged, with a file or not). Records
past their retention are listed in a :class:`DisposalProposal`, signed off by
the department's head and the secretariat (:class:`DisposalSignOff`, one row
each, in any order) and only then disposed of: their files leave the storage,
the rows stay, marked with the disposal record's reference.
"""

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Medium(models.TextChoices):
    PAPER = "paper", _("Paper")
    ELECTRONIC = "electronic", _("Electronic")
    BOTH = "both", _("Paper and electronic")
    UNKNOWN = "", _("Not stated")


class Retention(models.TextChoices):
    MONTHS = "months", _("A number of months")
    PERMANENT = "permanent", _("Permanent")
    UNTIL_SUPERSEDED = "superseded", _("Until superseded")
    UNSET = "unset", _("To be set")


class RecordSeriesQuerySet(models.QuerySet):
    def required(self):
        return self.filter(dropped_in_edition__isnull=True)

    def flagged(self):
        """Series whose retention could not be read from the procedure's text."""
        return self.filter(retention=Retention.UNSET)


class RecordSeries(models.Model):
    """A kind of record a procedure keeps, from a row of its "Hồ sơ cần lưu"."""

    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("procedure"),
        on_delete=models.PROTECT,
        related_name="record_series",
    )
    form = models.ForeignKey(
        "documents.Document",
        verbose_name=_("form (BM)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="record_series_of_form",
        limit_choices_to={"kind": "BM"},
    )
    department = models.ForeignKey(
        "ims.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="record_series",
    )
    name = models.CharField(_("record"), max_length=300)
    keeper = models.CharField(_("keeper"), max_length=200, blank=True)
    place = models.CharField(_("place kept"), max_length=200, blank=True)
    medium = models.CharField(
        _("medium"), max_length=12, choices=Medium.choices, blank=True, default=""
    )
    medium_text = models.CharField(_("medium as written"), max_length=120, blank=True)
    retention = models.CharField(
        _("retention"), max_length=12, choices=Retention.choices, default=Retention.UNSET
    )
    retention_months = models.PositiveSmallIntegerField(
        _("retention (months)"), null=True, blank=True
    )
    retention_text = models.CharField(_("retention as written"), max_length=120, blank=True)
    # The owner set the retention by hand: a new edition with the same text keeps it.
    retention_set_by_owner = models.BooleanField(default=False, editable=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    since_edition = models.PositiveSmallIntegerField(_("required since edition"), default=1)
    dropped_in_edition = models.PositiveSmallIntegerField(
        _("no longer required since edition"), null=True, blank=True
    )
    dropped_on = models.DateField(_("no longer required since"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    synced_at = models.DateTimeField(_("synced"), default=timezone.now)
    history = HistoricalRecords()

    objects = RecordSeriesQuerySet.as_manager()

    class Meta:
        ordering = ["department__order", "document__code", "order", "pk"]
        verbose_name = _("record series")
        verbose_name_plural = _("record series")
        constraints = [
            models.UniqueConstraint(fields=["document", "name"], name="record_series_once"),
            models.CheckConstraint(
                condition=~Q(retention="months") | Q(retention_months__gt=0),
                name="record_series_months_given",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("records:series", args=[self.pk])

    @property
    def is_required(self) -> bool:
        return self.dropped_in_edition is None

    def retention_label(self) -> str:
        if self.retention == Retention.MONTHS and self.retention_months:
            if self.retention_months % 12 == 0:
                return _("%(n)d years") % {"n": self.retention_months // 12}
            return _("%(n)d months") % {"n": self.retention_months}
        return str(self.get_retention_display())

    def retain_until(self, period_end):
        """The day records of a period ending on ``period_end`` may be disposed of
        (None: kept for good, or not known yet)."""
        if self.retention == Retention.MONTHS and self.retention_months and period_end:
            return period_end + relativedelta(months=self.retention_months)
        if self.retention == Retention.UNTIL_SUPERSEDED and self.dropped_on:
            return self.dropped_on
        return None


def record_file_path(instance, filename):
    return f"records/{instance.series_id}/{filename}"


class RecordEntryQuerySet(models.QuerySet):
    def kept(self):
        return self.filter(disposal_done_at__isnull=True)

    def past_retention(self, today):
        """Kept records whose retention has run out and that no proposal holds yet."""
        return self.kept().filter(retain_until__lte=today, proposal__isnull=True)


class RecordEntry(models.Model):
    """The records of a series actually kept for one period (logged, with a file or not)."""

    series = models.ForeignKey(
        RecordSeries, verbose_name=_("series"), on_delete=models.PROTECT, related_name="entries"
    )
    period = models.CharField(
        _("period"), max_length=60, help_text=_("For example Năm học 2024–2025 or Tháng 10/2025.")
    )
    period_start = models.DateField(_("period starts"))
    period_end = models.DateField(_("period ends"))
    description = models.CharField(_("what is kept"), max_length=300)
    location = models.CharField(_("where"), max_length=200, blank=True)
    count = models.PositiveIntegerField(_("number of files or items"), default=1)
    file = models.FileField(_("file"), upload_to=record_file_path, max_length=300, blank=True)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logged_at = models.DateTimeField(_("logged"), default=timezone.now)
    retain_until = models.DateField(_("kept until"), null=True, blank=True, db_index=True)
    proposal = models.ForeignKey(
        "DisposalProposal",
        verbose_name=_("disposal proposal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="entries",
    )
    disposal_done_at = models.DateTimeField(_("disposed of"), null=True, blank=True)
    history = HistoricalRecords()

    objects = RecordEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("logged record")
        verbose_name_plural = _("logged records")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="record_entry_period_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.series} – {self.period}"

    @property
    def is_disposed(self) -> bool:
        return self.disposal_done_at is not None


class DisposalProposal(models.Model):
    """A list of records past retention proposed for disposal, and its biên bản hủy."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        DISPOSED = "disposed", _("Disposed of")
        WITHDRAWN = "withdrawn", pgettext_lazy("record entry", "Withdrawn")

    TRANSITIONS = {
        Status.PENDING: {Status.DISPOSED, Status.WITHDRAWN},
        Status.DISPOSED: set(),
        Status.WITHDRAWN: set(),
    }

    reference = models.CharField(_("reference"), max_length=40, unique=True)
    department = models.ForeignKey(
        "ims.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="disposal_proposals",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    method = models.CharField(
        _("method of disposal"),
        max_length=200,
        help_text=_("For example: shredded by machine; electronic files deleted for good."),
    )
    place = models.CharField(_("place of disposal"), max_length=200, blank=True)
    council = models.TextField(
        _("disposal council"), help_text=_("One member a line: name – position – role.")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    disposed_at = models.DateTimeField(_("disposed of"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("disposal proposal")
        verbose_name_plural = _("disposal proposals")

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("records:proposal", args=[self.pk])

    def council_members(self) -> list[str]:
        return [line.strip() for line in self.council.splitlines() if line.strip()]


class DisposalSignOff(models.Model):
    """An approval of a disposal proposal: one by the department's head, one by the
    secretariat, in either order; the second one carries out the disposal."""

    class Role(models.TextChoices):
        HEAD = "head", _("Head of department")
        SECRETARIAT = "secretariat", _("ISO secretariat")

    proposal = models.ForeignKey(
        DisposalProposal, on_delete=models.PROTECT, related_name="signoffs"
    )
    role = models.CharField(_("as"), max_length=12, choices=Role.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("signature", "person"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)

    class Meta:
        ordering = ["signed_at", "pk"]
        verbose_name = _("disposal approval")
        verbose_name_plural = _("disposal approvals")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "role"], name="disposal_signoff_once"),
        ]

    def __str__(self):
        return f"{self.proposal} {self.role}"
