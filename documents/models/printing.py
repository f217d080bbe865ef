"""Printed output of document control: cached edition PDFs and recorded builds.

:class:`EditionPdf` is a cache: one rendered PDF per edition and template
version, re-used while the edition's fingerprint is unchanged.
:class:`ManualBuild` is a record: a manual (or report) built at someone's
request, with the editions that went in, its page count, SHA-256 and file. A
finished build is never changed again (``documents.printing.manual`` only moves a build
forward with conditional updates), so a published manual stays what it was.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class EditionPdf(models.Model):
    """The rendered PDF of one edition, for one template version."""

    revision = models.ForeignKey(
        "documents.Revision",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="pdfs",
    )
    template_version = models.CharField(_("template version"), max_length=32)
    fingerprint = models.CharField(
        _("fingerprint"),
        max_length=64,
        help_text=_("What the PDF was rendered from; a different one means it is stale."),
    )
    file = models.FileField(_("file"), upload_to="documents/pdf-cache/")
    page_count = models.PositiveIntegerField(_("pages"))
    sha256 = models.CharField("SHA-256", max_length=64)
    rendered_at = models.DateTimeField(_("rendered at"), auto_now=True)
    # The same PDF signed with the organisation's certificate: what is handed out.
    # The unsigned ``file`` is what the manual joins (a signature cannot survive a
    # merge); ``signed_with`` is the certificate's SHA-256, so another certificate
    # re-signs without re-rendering.
    signed_file = models.FileField(
        _("signed file"), upload_to="documents/pdf-cache/signed/", blank=True
    )
    signed_with = models.CharField(_("signing certificate"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("edition PDF")
        verbose_name_plural = _("edition PDFs")
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "template_version"], name="editionpdf_one_per_template"
            )
        ]

    def __str__(self):
        return f"{self.revision_id} @ {self.template_version}"


class ManualBuild(models.Model):
    """One build of the manual, or of a report, recorded for good."""

    class Kind(models.TextChoices):
        MANUAL = "manual", _("IMS manual")
        MASTER_LIST = "master_list", _("Master list of documents")
        ACKNOWLEDGEMENTS = "acknowledgements", _("Acknowledgement list")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    UNDER_WAY = {State.QUEUED, State.RUNNING}
    FINISHED = {State.DONE, State.FAILED, State.CANCELLED}

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MANUAL)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED, db_index=True
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    last_progress_at = models.DateTimeField(
        _("last progress"),
        null=True,
        blank=True,
        help_text=_("When the build last moved; one that stops moving is failed."),
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    school_year = models.ForeignKey(
        "ims.SchoolYear",
        verbose_name=_("school year"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    edition = models.PositiveIntegerField(
        _("manual edition"), null=True, blank=True, help_text=_("Numbered when a manual is done.")
    )
    done = models.PositiveIntegerField(_("documents done"), default=0)
    rendered = models.JSONField(
        _("editions rendered"),
        default=list,
        blank=True,
        help_text=_("Ids of the editions counted done, so that a task run twice counts once."),
    )
    total = models.PositiveIntegerField(_("documents in all"), default=0)
    revisions = models.ManyToManyField(
        "documents.Revision", verbose_name=_("editions included"), blank=True, related_name="+"
    )
    revision_order = models.JSONField(
        _("order of editions"), default=list, blank=True, help_text=_("Edition ids in print order.")
    )
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    front_pages = models.PositiveIntegerField(
        _("front pages"), null=True, blank=True, help_text=_("Cover, statements, lists, contents.")
    )
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="documents/manuals/", blank=True)
    error = models.TextField(_("error"), blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cancelled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("manual build")
        verbose_name_plural = _("manual builds")

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    def get_absolute_url(self):
        return reverse("documents:build_download", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.state in self.FINISHED

    @property
    def percent(self) -> int:
        if not self.total:
            return 100 if self.state == self.State.DONE else 0
        return min(100, round(100 * self.done / self.total))

    def filename(self) -> str:
        stem = {
            self.Kind.MANUAL: "so-tay-ims",
            self.Kind.MASTER_LIST: "danh-muc-tai-lieu",
            self.Kind.ACKNOWLEDGEMENTS: "danh-sach-xac-nhan",
        }[self.Kind(self.kind)]
        suffix = f"-lan-{self.edition:02d}" if self.edition else f"-{self.pk}"
        return f"{stem}{suffix}.pdf"
