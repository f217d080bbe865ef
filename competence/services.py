"""Writes of the competence register: each checks the actor's right, runs in a
transaction, refuses an edit of a row someone saved meanwhile (its ``version``)
and names the actor in the history row."""

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from competence import permissions
from competence.models import (
    CERTIFICATE_KINDS,
    ExperienceNote,
    Qualification,
    Requirement,
    Training,
    TrainingRecord,
    TrainingTopic,
)
from ims.uploads import check_upload


def _save(row, *, actor, seen_version: int | None = None):
    """Save ``row`` (new, or changed by a form) unless it was saved since ``seen_version``."""
    if row.pk is not None:
        current = (
            type(row)
            .objects.select_for_update()
            .filter(pk=row.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is None:
            raise ValidationError(_("This row no longer exists."))
        if seen_version is not None and current != seen_version:
            raise ValidationError(
                _(
                    "Someone else saved this row meanwhile. Open it again to see "
                    "their changes, then make yours."
                ),
                code="conflict",
            )
        row.version = current + 1
    row._history_user = actor
    row.save()
    return row


@transaction.atomic
def save_topic(*, topic: TrainingTopic, actor) -> TrainingTopic:
    if not permissions.can_manage_trainings(actor):
        raise PermissionDenied
    topic._history_user = actor
    topic.save()
    return topic


@transaction.atomic
def save_requirement(
    *, requirement: Requirement, actor, seen_version: int | None = None
) -> Requirement:
    if not permissions.can_edit_requirements(actor, requirement.position):
        raise PermissionDenied
    return _save(requirement, actor=actor, seen_version=seen_version)


@transaction.atomic
def remove_requirement(*, requirement: Requirement, actor) -> None:
    if not permissions.can_edit_requirements(actor, requirement.position):
        raise PermissionDenied
    requirement._history_user = actor
    requirement.delete()


@transaction.atomic
def save_qualification(
    *, qualification: Qualification, actor, seen_version: int | None = None
) -> Qualification:
    if not permissions.can_keep_record(actor, qualification.person):
        raise PermissionDenied
    return _save(qualification, actor=actor, seen_version=seen_version)


@transaction.atomic
def save_experience(
    *, note: ExperienceNote, actor, seen_version: int | None = None
) -> ExperienceNote:
    if not permissions.can_keep_record(actor, note.person):
        raise PermissionDenied
    return _save(note, actor=actor, seen_version=seen_version)


@transaction.atomic
def save_training_record(
    *, record: TrainingRecord, actor, upload=None, seen_version: int | None = None
) -> TrainingRecord:
    """Record a training a person attended (or correct it). ``upload`` is a new
    certificate, refused (ValidationError) unless its content is a PDF or an image.
    An attended training of a topic whose certificates expire gets its expiry from
    the topic when none is given."""
    if not permissions.can_keep_record(actor, record.person):
        raise PermissionDenied
    if upload is not None:
        try:
            check_upload(upload, kinds=CERTIFICATE_KINDS)
        except ValidationError as exc:
            raise ValidationError({"certificate": exc.messages}) from None
        record.certificate = upload
        record.certificate_name = upload.name[:255]
    months = record.topic.validity_months
    if record.attended and record.expires_on is None and months:
        record.expires_on = record.date + relativedelta(months=months)
    if not record.title:
        record.title = record.training.title if record.training else record.topic.name
    return _save(record, actor=actor, seen_version=seen_version)


@transaction.atomic
def save_training(
    *, training: Training, departments, positions, actor, seen_version: int | None = None
) -> Training:
    """Plan a training (or change it), aimed at ``departments`` and ``positions``;
    the people it is aimed at become its attendees (none is ever removed)."""
    if not permissions.can_manage_trainings(actor):
        raise PermissionDenied
    training.evaluation_due_on = training.due_date()
    _save(training, actor=actor, seen_version=seen_version)
    training.departments.set(departments)
    training.positions.set(positions)
    TrainingRecord.objects.filter(training=training).update(
        date=training.date, topic=training.topic
    )
    invite_attendees(training=training, actor=actor)
    return training


def invite_attendees(*, training: Training, actor) -> int:
    """Add as attendees the active people of the departments or positions targeted."""
    aimed = Q(profile__department__in=training.departments.all()) | Q(
        profile__position__in=training.positions.all()
    )
    people = (
        get_user_model()
        .objects.filter(aimed, is_active=True)
        .exclude(training_records__training=training)
        .distinct()
    )
    new = [
        TrainingRecord(
            person=person,
            training=training,
            topic_id=training.topic_id,
            title=training.title,
            date=training.date,
            attended=False,
        )
        for person in people
    ]
    created = TrainingRecord.objects.bulk_create(new)
    for record in created:  # bulk_create writes no history rows
        record._history_user = actor
    TrainingRecord.history.bulk_history_create(created, default_user=actor)
    return len(created)


@transaction.atomic
def mark_attendance(
    *, record: TrainingRecord, attended: bool, result: str, actor, seen_version: int | None
) -> TrainingRecord:
    if not permissions.can_mark_attendance(actor, record):
        raise PermissionDenied
    record.attended = attended
    record.result = result
    if not attended:
        record.expires_on = None
    return save_training_record(record=record, actor=actor, seen_version=seen_version)


@transaction.atomic
def evaluate_training(
    *, training: Training, evaluation: str, effective: bool, actor, seen_version: int | None
) -> Training:
    """Record whether the training proved effective, after its interval."""
    if not permissions.can_evaluate(actor, training):
        raise PermissionDenied
    training.evaluation = evaluation
    training.effective = effective
    training.evaluated_by = actor
    training.evaluated_at = timezone.now()
    return _save(training, actor=actor, seen_version=seen_version)
