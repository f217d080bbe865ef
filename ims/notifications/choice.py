"""The person's choice of e-mails, and the one question the apps ask of it."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ims.models import Profile

Notifications = Profile.Notifications


def choice_of(user) -> str:
    """``user``'s choice; at once when they have no profile. Reads ``user.profile``
    (select it with the user when asking for many people)."""
    profile = getattr(user, "profile", None)
    return profile.notifications if profile is not None else Notifications.IMMEDIATE


def wants_immediate(user) -> bool:
    """Whether ``user`` gets each event's e-mail as it happens (the default).

    Reminder code mails only people for whom this is true, and still writes its
    once-per-occasion marker for the others, so that nothing reaches them later as a
    late event e-mail: their summary carries the same work from their inbox."""
    return choice_of(user) == Notifications.IMMEDIATE


@transaction.atomic
def set_notification_choice(*, user, choice: str, actor) -> Profile:
    """Record how ``user`` wants to hear of their work. Only the person chooses."""
    if actor.pk != user.pk:
        raise PermissionDenied
    if choice not in Notifications.values:
        raise ValueError(f"unknown notification choice {choice!r}")
    profile, _created = Profile.objects.select_for_update().get_or_create(user=user)
    profile.notifications = choice
    profile._history_user = actor
    profile.save(update_fields=["notifications"])
    return profile
