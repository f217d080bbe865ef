"""What falls due in the competence register: certificates expiring or expired
(for their holder and the holder's head) and evaluations of effectiveness due (for
the heads of the departments a training was aimed at, else the secretariat).

Each is reminded once per occasion (``ims.SentReminder``: the key names the record and
its expiry date, or the training and its due date) and shown in the inbox."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from competence.gap import EXPIRING_DAYS
from competence.models import Training, TrainingRecord
from competence.permissions import headed_department
from ims.notifications.reminders import send_each_once
from ims.permissions import is_secretariat
from ims.registry import FYI, NORMAL, InboxItem
from ims.roles import Role

# An expiry older than this is not reminded any more: it was when it happened, and
# a newly installed system does not flood people with old news.
EXPIRED_WITHIN_DAYS = 30
EVALUATION_NOTICE_DAYS = 14
NAV = "competence:index"


def latest_certificates():
    """Attended trainings with an expiry that no later training of the same person
    and topic renews (the one that counts)."""
    renewed = TrainingRecord.objects.filter(
        person=OuterRef("person"), topic=OuterRef("topic"), attended=True
    ).filter(Q(expires_on__isnull=True) | Q(expires_on__gt=OuterRef("expires_on")))
    return TrainingRecord.objects.filter(attended=True, expires_on__isnull=False).exclude(
        Exists(renewed)
    )


def evaluations_due(today: date, within_days: int = 0):
    return Training.objects.filter(
        effective__isnull=True,
        date__lte=today,
        evaluation_due_on__lte=today + timedelta(days=within_days),
    )


def person_url(person_id: int) -> str:
    return reverse("competence:person", args=[person_id])


def _occasions(today: date):
    """(key, recipients, subject, body, url) for each reminder due ``today``."""
    soon = today + timedelta(days=EXPIRING_DAYS)
    since = today - timedelta(days=EXPIRED_WITHIN_DAYS)
    records = latest_certificates().filter(expires_on__range=(since, soon))
    for record in records.select_related("person__profile__department__head__profile"):
        expired = record.expires_on < today
        profile = getattr(record.person, "profile", None)
        head = profile.department.head if profile and profile.department else None
        values = {
            "course": record.title,
            "person": record.person.get_full_name() or record.person.username,
            "day": record.expires_on.strftime("%d/%m/%Y"),
        }
        if expired:
            subject = _("Certificate expired: %(course)s (%(person)s)") % values
            body = _("The certificate of %(person)s for %(course)s expired on %(day)s.") % values
        else:
            subject = _("Certificate expiring on %(day)s: %(course)s (%(person)s)") % values
            body = _("The certificate of %(person)s for %(course)s expires on %(day)s.") % values
        state = "expired" if expired else "expiring"
        yield (
            f"certificate-{state}:{record.pk}:{record.expires_on.isoformat()}",
            {record.person, head},
            subject,
            body,
            person_url(record.person_id),
        )
    secretariat = None
    for training in evaluations_due(today).prefetch_related("departments__head"):
        people = {d.head for d in training.departments.all() if d.head}
        if not people:
            if secretariat is None:
                secretariat = set(
                    get_user_model().objects.filter(groups__name=Role.ISO_SECRETARIAT)
                )
            people = secretariat
        values = {"title": training.title, "day": training.evaluation_due_on.strftime("%d/%m/%Y")}
        yield (
            f"evaluation-due:{training.pk}:{training.evaluation_due_on.isoformat()}",
            people,
            _("Evaluate the effectiveness of the training: %(title)s") % values,
            _("The effectiveness of %(title)s is to be evaluated by %(day)s.") % values,
            training.get_absolute_url(),
        )


def send_reminders(*, today: date | None = None, base_url: str = "") -> int:
    """Send each due reminder once per occasion and recipient; return how many went.

    The ``ims.SentReminder`` row is written in the same transaction as the e-mail is
    handed over: a failed send is tried again next time, and two runs at once
    cannot both send (the unique constraint refuses the second)."""
    today = today or timezone.localdate()
    return send_each_once("competence", lambda: _occasions(today), base_url=base_url)


def inbox(user, today: date) -> list[InboxItem]:
    """A person's certificates expiring or expired; a head's (or the secretariat's)
    evaluations of effectiveness coming due. Two queries."""
    items = []
    soon = today + timedelta(days=EXPIRING_DAYS)
    since = today - timedelta(days=EXPIRED_WITHIN_DAYS)
    own = latest_certificates().filter(person=user, expires_on__range=(since, soon))
    for record in own:
        expired = record.expires_on < today
        items.append(
            InboxItem(
                kind="competence.certificate",
                label=record.title,
                action=_("Certificate expired") if expired else _("Certificate to renew"),
                url=person_url(user.pk),
                due=record.expires_on,
                urgency=NORMAL,
                nav=NAV,
            )
        )
    department = headed_department(user)
    if department is not None or is_secretariat(user):
        trainings = evaluations_due(today, EVALUATION_NOTICE_DAYS)
        if not is_secretariat(user):
            trainings = trainings.filter(departments=department)
        for training in trainings.distinct():
            items.append(
                InboxItem(
                    kind="competence.evaluation",
                    label=training.title,
                    action=_("Evaluate the training's effectiveness"),
                    url=training.get_absolute_url(),
                    due=training.evaluation_due_on,
                    urgency=NORMAL if training.evaluation_due_on <= today else FYI,
                    nav=NAV,
                )
            )
    return items
