"""Controlled documents (ISO 9001 / ISO 21001 clause 7.5) and who approves each kind.

A :class:`Document` is the stable object (code, title, owner); its editions are
``documents.models.editions.Revision``. ``Document.current`` points at the
effective edition; a partial unique constraint keeps it to one per document.
"""

from datetime import timedelta

from dateutil.relativedelta import relativedelta
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

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
    title = models.CharField(pgettext_lazy("document", "title"), max_length=300)
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
    # A procedure that carries out an administrative procedure (thủ tục hành chính) of the
    # national database names its code and the time limit the law sets for it.
    tthc_code = models.CharField(
        _("administrative procedure code"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^\d{1,2}\.\d{6}$",
                _("Write the code as the national database gives it, e.g. 1.005097."),
            )
        ],
        help_text=_(
            "For procedures of an administrative procedure: its code in the national "
            "database of administrative procedures (mã TTHC), e.g. 1.005097."
        ),
    )
    tthc_time_limit = models.CharField(
        _("legal time limit"),
        max_length=120,
        blank=True,
        help_text=_("The time limit the law sets for it, e.g. 05 ngày làm việc."),
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
