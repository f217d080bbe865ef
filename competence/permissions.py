"""Who may do what with competence records.

* The secretariat keeps everything: requirements of every position, every person's
  record, the training plan and its evaluations.
* A department head keeps the requirements of their department's positions and
  the records of their department's people, marks who attended a training aimed
  at their department and evaluates its effectiveness.
* Leadership and the auditors (the certification body's too) read everything and
  change nothing.
* Everybody reads their own record and the training plan.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from competence.models import (
    ExperienceNote,
    Qualification,
    Requirement,
    Training,
    TrainingRecord,
    TrainingTopic,
)
from ims.models import Position
from ims.permissions import department_of, has_role, is_secretariat, writes_nothing
from ims.roles import Role

READER_ROLES = (Role.ISO_SECRETARIAT, Role.LEADERSHIP, Role.AUDITOR, Role.EXTERNAL_AUDITOR)
VIEWER_ROLES = (*READER_ROLES, Role.DEPARTMENT_HEAD, Role.STAFF)


def reads_everything(user) -> bool:
    return has_role(user, *READER_ROLES)


def heads(user, department) -> bool:
    """``user`` heads ``department`` (named its head, or a department head in it)."""
    if department is None or not user.is_authenticated:
        return False
    if department.head_id == user.pk:
        return True
    own = department_of(user)
    return has_role(user, Role.DEPARTMENT_HEAD) and own is not None and own.pk == department.pk


def headed_department(user):
    """The department ``user`` keeps records of as its head, or None."""
    own = department_of(user)
    return own if heads(user, own) else None


def can_view_register(user) -> bool:
    return reads_everything(user) or headed_department(user) is not None


def can_view_plan(user) -> bool:
    return has_role(user, *VIEWER_ROLES)


def readable_people(user):
    """The people whose records ``user`` may read, as a queryset (a subquery for lists)."""
    people = get_user_model().objects.filter(is_active=True, profile__isnull=False)
    if reads_everything(user):
        return people
    department = headed_department(user)
    if department is not None:
        return people.filter(profile__department=department)
    return people.filter(pk=user.pk)


def can_view_person(user, person) -> bool:
    if not user.is_authenticated:
        return False
    return person.pk == user.pk or reads_everything(user) or heads(user, department_of(person))


def can_keep_record(user, person) -> bool:
    if writes_nothing(user):
        return False
    return is_secretariat(user) or heads(user, department_of(person))


def can_edit_requirements(user, position: Position) -> bool:
    if writes_nothing(user):
        return False
    return is_secretariat(user) or heads(user, position.department)


def can_manage_trainings(user) -> bool:
    return not writes_nothing(user) and is_secretariat(user)


def can_evaluate(user, training: Training) -> bool:
    """The secretariat, or the head of a department the training was aimed at."""
    if writes_nothing(user):
        return False
    if is_secretariat(user):
        return True
    department = headed_department(user)
    return department is not None and training.departments.filter(pk=department.pk).exists()


def can_mark_attendance(user, record: TrainingRecord) -> bool:
    return can_keep_record(user, record.person)


# --- fetch or 403 --------------------------------------------------------------------


def _person(pk):
    return get_object_or_404(
        get_user_model().objects.select_related(
            "profile__department", "profile__position__department"
        ),
        pk=pk,
        profile__isnull=False,
    )


def get_person_for_user(user, pk):
    """A person whose record ``user`` reads."""
    person = _person(pk)
    if not can_view_person(user, person):
        raise PermissionDenied
    return person


def get_rw_person_for_user(user, pk):
    """A person whose record ``user`` keeps."""
    person = _person(pk)
    if not can_keep_record(user, person):
        raise PermissionDenied
    return person


def get_position_for_user(user, pk) -> Position:
    if not can_view_register(user):
        raise PermissionDenied
    return get_object_or_404(Position.objects.select_related("department"), pk=pk)


def get_rw_position_for_user(user, pk) -> Position:
    position = get_object_or_404(Position.objects.select_related("department"), pk=pk)
    if not can_edit_requirements(user, position):
        raise PermissionDenied
    return position


def get_rw_requirement_for_user(user, pk) -> Requirement:
    requirement = get_object_or_404(
        Requirement.objects.select_related("position__department"), pk=pk
    )
    if not can_edit_requirements(user, requirement.position):
        raise PermissionDenied
    return requirement


def _held_row(model, user, pk, *, write: bool):
    row = get_object_or_404(model.objects.select_related("person__profile__department"), pk=pk)
    allowed = can_keep_record if write else can_view_person
    if not allowed(user, row.person):
        raise PermissionDenied
    return row


def get_rw_qualification_for_user(user, pk) -> Qualification:
    return _held_row(Qualification, user, pk, write=True)


def get_rw_experience_for_user(user, pk) -> ExperienceNote:
    return _held_row(ExperienceNote, user, pk, write=True)


def get_record_for_user(user, pk) -> TrainingRecord:
    return _held_row(TrainingRecord, user, pk, write=False)


def get_rw_record_for_user(user, pk) -> TrainingRecord:
    return _held_row(TrainingRecord, user, pk, write=True)


def get_training_for_user(user, pk) -> Training:
    if not can_view_plan(user):
        raise PermissionDenied
    return get_object_or_404(Training.objects.select_related("school_year", "topic"), pk=pk)


def get_rw_training_for_user(user, pk) -> Training:
    if not can_manage_trainings(user):
        raise PermissionDenied
    return get_object_or_404(Training.objects.select_related("school_year", "topic"), pk=pk)


def get_evaluable_training_for_user(user, pk) -> Training:
    training = get_object_or_404(Training.objects.select_related("topic"), pk=pk)
    if not can_evaluate(user, training):
        raise PermissionDenied
    return training


def get_rw_topic_for_user(user, pk) -> TrainingTopic:
    if not can_manage_trainings(user):
        raise PermissionDenied
    return get_object_or_404(TrainingTopic, pk=pk)
