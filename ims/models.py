"""The organisation core: who the organisation is and how it is divided."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ims.uploads import FileCheck


class Organisation(models.Model):
    """The organisation running the IMS. One row per installation.

    Vision, mission, core values and quality policy are controlled statements:
    every change is kept by django-simple-history.
    """

    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    parent_name = models.CharField(
        _("governing body"),
        max_length=200,
        blank=True,
        help_text=_("Shown above the name in headers, e.g. the provincial People's Committee."),
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="organisation/",
        blank=True,
        validators=[FileCheck(kinds={"png", "jpeg"}, max_mb=2)],
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    mission = models.TextField(_("mission"), blank=True)
    core_values = models.TextField(_("core values"), blank=True)
    quality_policy = models.TextField(_("quality policy"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisation")

    def __str__(self):
        return self.name

    @classmethod
    def current(cls) -> "Organisation | None":
        return cls.objects.order_by("pk").first()


class Department(models.Model):
    """A department (phòng, văn phòng, thanh tra) of the organisation."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("Short code used in document codes, e.g. TCCB."),
    )
    name = models.CharField(_("name"), max_length=200)
    head = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("head"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="headed_departments",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return f"{self.code} – {self.name}"


class UnitQuerySet(models.QuerySet):
    def active_choices(self) -> list[tuple[int, str]]:
        """``(pk, name)`` of the active units by name: the unit list of a form."""
        return list(self.filter(is_active=True).order_by("name").values_list("pk", "name"))


class Unit(models.Model):
    """An affiliated unit or school outside the organisation's own offices."""

    class Kind(models.TextChoices):
        UPPER_SECONDARY = "thpt", _("Upper-secondary school (THPT)")
        ETHNIC_BOARDING = "ptdtnt", _("Ethnic boarding school (PTDTNT)")
        ETHNIC_SEMI_BOARDING = "ptdtbt", _("Ethnic semi-boarding school (PTDTBT)")
        CONTINUING_EDUCATION = "gdnn_gdtx", _("Vocational and continuing education centre")
        SPECIALISED = "chuyen", _("Specialised (gifted) school")
        OTHER = "other", _("Other affiliated unit")

    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.UPPER_SECONDARY)
    # Since 1/7/2025 provinces have no districts: units are located by commune or ward.
    commune = models.CharField(_("commune / ward"), max_length=120, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name


class Position(models.Model):
    """A job (vị trí việc làm) in a department; role descriptions attach to it."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    code = models.CharField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    is_manager = models.BooleanField(_("management position"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["department__order", "-is_manager", "name"]
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "name"], name="position_unique_name_per_department"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.department.code})"


class SchoolYearQuerySet(models.QuerySet):
    def current(self) -> "SchoolYear | None":
        return self.filter(is_current=True).first()

    def containing(self, day: date) -> "SchoolYear | None":
        return self.filter(start_date__lte=day, end_date__gte=day).first()


class SchoolYear(models.Model):
    """A school year (năm học), 1 September to 31 August. Exactly one is current."""

    start_date = models.DateField(_("starts"), unique=True)
    end_date = models.DateField(_("ends"))
    is_current = models.BooleanField(_("current"), default=False)

    objects = SchoolYearQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("school year")
        verbose_name_plural = _("school years")
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="schoolyear_one_current",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gt=models.F("start_date")), name="schoolyear_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return f"{self.start_date.year}–{self.end_date.year}"

    @classmethod
    def bounds(cls, start_year: int) -> tuple[date, date]:
        return date(start_year, 9, 1), date(start_year + 1, 8, 31)

    @classmethod
    def year_of(cls, day: date) -> int:
        """The start year of the school year that ``day`` falls in."""
        return day.year if day.month >= 9 else day.year - 1

    def clean(self):
        if self.start_date and (self.start_date.month, self.start_date.day) != (9, 1):
            raise ValidationError({"start_date": _("A school year starts on 1 September.")})
        if self.start_date and self.end_date:
            expected = self.bounds(self.start_date.year)[1]
            if self.end_date != expected:
                raise ValidationError(
                    {"end_date": _("A school year ends on 31 August of the next year.")}
                )

    def contains(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date

    @property
    def has_started(self) -> bool:
        return self.start_date <= timezone.localdate()


class Profile(models.Model):
    """What IMS knows of a person beyond their login."""

    class Notifications(models.TextChoices):
        """How the person hears of their work by e-mail (``ims.notifications``)."""

        IMMEDIATE = "immediate", _("One e-mail for each event, as soon as it happens")
        DAILY = "daily", _("One summary e-mail every day")
        WEEKLY = "weekly", _("Only the weekly summary e-mail")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="holders",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contacts",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    notifications = models.CharField(
        _("e-mail notifications"),
        max_length=10,
        choices=Notifications,
        default=Notifications.IMMEDIATE,
    )
    # The language the person last chose with the switcher (empty: never chose, the
    # organisation's); their e-mails come in it, and a new browser opens in it.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, blank=True, default=""
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return str(self.user)

    def clean(self):
        if (
            self.position_id
            and self.department_id
            and self.position.department_id != self.department_id
        ):
            raise ValidationError({"position": _("This position belongs to another department.")})


class DigestSent(models.Model):
    """A summary e-mail sent to a person for one period ("d:2026-12-07" for a day,
    "w:2026-W50" for an ISO week): written in the same transaction as the send, so a
    period's digest goes once (the unique constraint refuses a second run's row)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests_sent"
    )
    period_key = models.CharField(max_length=20)
    item_count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("summary e-mail sent")
        verbose_name_plural = _("summary e-mails sent")
        constraints = [
            models.UniqueConstraint(fields=["user", "period_key"], name="one_digest_per_period")
        ]

    def __str__(self):
        return f"{self.user} {self.period_key}"


class SentReminder(models.Model):
    """A reminder e-mail sent once per occasion, for every app
    (``ims.notifications.reminders.send_once``): ``source`` is the app that sent it,
    ``key`` names the occasion within it (an action overdue for a given due date, an
    edition not acknowledged a week after it took effect); the unique constraint keeps
    an occasion from reaching a person twice."""

    source = models.CharField(_("sent by"), max_length=40)
    key = models.CharField(max_length=200)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="reminders_sent",
    )
    subject = models.CharField(pgettext_lazy("e-mail", "subject"), max_length=300)
    url = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("sent reminder")
        verbose_name_plural = _("sent reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "key", "recipient"], name="one_reminder_per_occasion"
            )
        ]

    def __str__(self):
        return f"{self.source}:{self.key} → {self.recipient}"


class Heartbeat(models.Model):
    """When a background process last proved it was alive (worker, beat)."""

    name = models.CharField(max_length=60, unique=True)
    last_seen = models.DateTimeField()
    hostname = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return f"{self.name} @ {self.last_seen:%Y-%m-%d %H:%M}"


class Clause(models.Model):
    """A clause of ISO 9001:2015 or ISO 21001:2018 (the library: ``ims/clauses.yaml``).

    Documents state the clauses they address, objectives the clauses they serve,
    audit checklists the clauses they test.
    """

    class Standard(models.TextChoices):
        # Vietnamese names the national adoptions: TCVN ISO 9001:2015, TCVN ISO 21001:2019.
        ISO_9001 = "iso9001", _("ISO 9001:2015")
        ISO_21001 = "iso21001", _("ISO 21001:2018")

    standard = models.CharField(_("standard"), max_length=10, choices=Standard.choices)
    edition = models.CharField(
        _("edition of the standard"),
        max_length=4,
        help_text=_("Year of the standard's edition, e.g. 2015, so later editions sit beside it."),
    )
    number = models.CharField(_("clause"), max_length=10)
    title_en = models.CharField(_("title (English)"), max_length=200)
    title_vi = models.CharField(_("title (Vietnamese)"), max_length=200)
    sort_key = models.CharField(max_length=40, editable=False)
    counterparts = models.ManyToManyField(
        "self",
        blank=True,
        verbose_name=_("counterparts in the other standard"),
        help_text=_("The integrated system maps the two standards' clauses side by side."),
    )

    class Meta:
        ordering = ["standard", "edition", "sort_key"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        constraints = [
            models.UniqueConstraint(
                fields=["standard", "edition", "number"], name="unique_clause_number"
            )
        ]

    def __str__(self):
        return f"{self.short_label} {self.title}"

    def save(self, *args, **kwargs):
        from ims.clauses import sort_key

        self.sort_key = sort_key(self.number)
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        from django.utils.translation import get_language

        return self.title_vi if (get_language() or "vi").startswith("vi") else self.title_en

    @property
    def short_label(self) -> str:
        standard = "9001" if self.standard == self.Standard.ISO_9001 else "21001"
        if self.is_annex:
            return f"{standard}:{self.edition} " + gettext("Annex %(letter)s") % {
                "letter": self.number
            }
        return f"{standard}:{self.edition} §{self.number}"

    @property
    def is_annex(self) -> bool:
        return self.number[:1].isalpha()

    @property
    def depth(self) -> int:
        return self.number.count(".")


class ExternalIdentity(models.Model):
    """A person's account at a sign-in service outside IMS, tied to one IMS account.

    Single sign-on finds the person by the service's stable name for them, never by a
    display name alone; how an identity is first tied to an account is the rule of
    ``ims.sso.services.person_for_identity``."""

    class Provider(models.TextChoices):
        OIDC = "oidc", "OpenID Connect"
        LDAP = "ldap", "LDAP"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="external_identities",
    )
    provider = models.CharField(_("sign-in service"), max_length=10, choices=Provider.choices)
    # OpenID Connect: "<issuer> <sub>"; LDAP: the directory login name, lower case.
    subject = models.CharField(_("identifier at the service"), max_length=500)
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("external sign-in")
        verbose_name_plural = _("external sign-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "subject"], name="unique_external_identity"
            ),
            models.UniqueConstraint(
                fields=["provider", "user"], name="one_external_identity_per_provider"
            ),
        ]

    def __str__(self):
        return f"{self.get_provider_display()}: {self.subject}"
