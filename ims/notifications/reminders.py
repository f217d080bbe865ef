"""Sending a reminder once per occasion, the one way every app does it."""

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from ims.models import SentReminder
from ims.notifications.choice import wants_immediate


def send_once(
    source: str, *, key: str, person, subject: str, body: str, url: str, base_url: str = ""
) -> bool:
    """Record occasion ``key`` of app ``source`` for ``person`` (a ``SentReminder``)
    and e-mail them, once; True when this call recorded it.

    The marker row is written in the same transaction as the e-mail is handed over: a
    failed send is tried again next time, and two runs at once cannot both send (the
    unique constraint refuses the second). The marker is written for everybody: who
    chose a summary finds the occasion in it (the inbox), and gets no late event e-mail
    either."""
    if person is None or not person.is_active:
        return False
    try:
        with transaction.atomic():
            SentReminder.objects.create(
                source=source, key=key, recipient=person, subject=subject[:300], url=url
            )
            if person.email and wants_immediate(person):
                send_mail(f"[IMS] {subject}", f"{body}\n\n{base_url}{url}", None, [person.email])
    except IntegrityError:
        return False  # sent on an earlier run
    return True


def send_each_once(source: str, occasions, *, base_url: str = "") -> int:
    """``send_once`` for every ``(key, people, subject, body, url)`` of ``occasions``
    and every person of ``people``; returns how many reminders went."""
    sent = 0
    for key, people, subject, body, url in occasions:
        for person in people:
            sent += send_once(
                source,
                key=key,
                person=person,
                subject=subject,
                body=body,
                url=url,
                base_url=base_url,
            )
    return sent
