"""The gap between what positions require and what people hold, computed in bulk.

Every page that shows it (a person's record, the register, a department's matrix)
fetches the requirements and the holdings of all its people at once: a constant
number of queries whatever the number of people. A requirement is

* education: met by a qualification of at least its level;
* experience: met when the person's experience notes add up to its years;
* training or skill: met by an attended training of its topic, *expiring* when the
  latest certificate expires within :data:`EXPIRING_DAYS`, *expired* after that;
* document to read: met by a read-and-understood acknowledgement of the document's
  effective edition (7.3 awareness); a document without one asks nothing.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import models
from django.db.models import Max, Sum
from django.utils.translation import gettext_lazy as _

from competence.models import ExperienceNote, Qualification, Requirement, TrainingRecord
from documents.models import Acknowledgement

EXPIRING_DAYS = 60
_NEVER = date.max


class Status(models.TextChoices):
    MET = "met", _("met")
    EXPIRING = "expiring", _("expiring")
    EXPIRED = "expired", _("expired")
    MISSING = "missing", _("not met")


@dataclass
class Holdings:
    level: int = 0
    years: int = 0
    # topic id -> the latest expiry of an attended training (date.max: never expires)
    topics: dict[int, date] = field(default_factory=dict)
    read: set[int] = field(default_factory=set)  # revision ids acknowledged


def requirements_by_position(position_ids) -> dict[int, list[Requirement]]:
    by_position: dict[int, list[Requirement]] = defaultdict(list)
    rows = Requirement.objects.filter(position_id__in=position_ids).select_related(
        "topic", "document"
    )
    for requirement in rows:
        by_position[requirement.position_id].append(requirement)
    return by_position


def holdings_for(person_ids, revision_ids, topic_ids=None) -> dict[int, Holdings]:
    """What each of ``person_ids`` holds (four queries); acknowledgements are looked
    up only for ``revision_ids`` (the effective editions of the required documents),
    trainings only of ``topic_ids`` when given (the topics required)."""
    holdings: dict[int, Holdings] = defaultdict(Holdings)
    levels = Qualification.objects.filter(person_id__in=person_ids).values("person_id")
    for row in levels.annotate(top=Max("level")):
        holdings[row["person_id"]].level = row["top"] or 0
    notes = ExperienceNote.objects.filter(person_id__in=person_ids).values("person_id")
    for row in notes.annotate(total=Sum("years")):
        holdings[row["person_id"]].years = row["total"] or 0
    records = TrainingRecord.objects.filter(person_id__in=person_ids, attended=True)
    if topic_ids is not None:
        records = records.filter(topic_id__in=topic_ids)
    for person_id, topic_id, expires in records.values_list("person_id", "topic_id", "expires_on"):
        topics = holdings[person_id].topics
        topics[topic_id] = max(topics.get(topic_id, date.min), expires or _NEVER)
    if revision_ids:
        acks = Acknowledgement.objects.filter(user_id__in=person_ids, revision_id__in=revision_ids)
        for person_id, revision_id in acks.values_list("user_id", "revision_id"):
            holdings[person_id].read.add(revision_id)
    return holdings


def status_of(requirement: Requirement, held: Holdings, today: date) -> Status | None:
    """Whether ``held`` meets ``requirement`` on ``today``; None when it asks nothing."""
    kind = requirement.kind
    if kind == Requirement.Kind.EDUCATION:
        return Status.MET if held.level >= (requirement.level or 0) else Status.MISSING
    if kind == Requirement.Kind.EXPERIENCE:
        return Status.MET if held.years >= (requirement.years or 0) else Status.MISSING
    if kind == Requirement.Kind.DOCUMENT:
        current = requirement.document.current_id if requirement.document else None
        if current is None:
            return None
        return Status.MET if current in held.read else Status.MISSING
    expires = held.topics.get(requirement.topic_id)
    if expires is None:
        return Status.MISSING
    if expires < today:
        return Status.EXPIRED
    if expires <= today + timedelta(days=EXPIRING_DAYS):
        return Status.EXPIRING
    return Status.MET


def revision_ids_of(requirements) -> set[int]:
    return {
        r.document.current_id
        for r in requirements
        if r.kind == Requirement.Kind.DOCUMENT and r.document and r.document.current_id
    }


@dataclass
class PersonGap:
    person: object
    rows: list[tuple[Requirement, Status | None]]

    def count(self, status: Status) -> int:
        return sum(1 for _req, s in self.rows if s == status)

    @property
    def counts(self) -> dict[str, int]:
        return {status.value: self.count(status) for status in Status}

    @property
    def has_gap(self) -> bool:
        return any(s in (Status.MISSING, Status.EXPIRED) for _req, s in self.rows)


def gaps_by_id(pairs, today: date) -> dict[int, list[tuple[Requirement, Status | None]]]:
    """The gap of each person of ``pairs`` ((person id, position id or None), as
    ``values_list("pk", "profile__position_id")`` gives them): no model row of the
    people is built, so the whole register costs a few queries and little time."""
    pairs = list(pairs)
    position_ids = {position_id for _pk, position_id in pairs if position_id}
    by_position = requirements_by_position(position_ids) if position_ids else {}
    every = [r for rows in by_position.values() for r in rows]
    revisions = revision_ids_of(every)
    topics = {r.topic_id for r in every if r.topic_id}
    holdings = holdings_for([pk for pk, _p in pairs], revisions, topics) if pairs else {}
    result = {}
    for pk, position_id in pairs:
        held = holdings.get(pk) or Holdings()
        requirements = by_position.get(position_id, [])
        result[pk] = [(r, status_of(r, held, today)) for r in requirements]
    return result


def gaps_for(people, today: date) -> list[PersonGap]:
    """The gap of each of ``people`` (users with ``profile`` fetched), in their order."""
    people = list(people)
    rows = gaps_by_id([(p.pk, _position_id(p)) for p in people], today)
    return [PersonGap(person, rows[person.pk]) for person in people]


def _position_id(person) -> int | None:
    profile = getattr(person, "profile", None)
    return profile.position_id if profile else None
