"""Sending a reminder once per occasion, the one way every app does it."""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import translation

from ims.language import language_of
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


def send_each_once(source: str, occasions: Callable[[], Iterable], *, base_url: str = "") -> int:
    """``send_once`` for every ``(key, people, subject, body, url)`` that ``occasions()``
    gives and every person of ``people``; returns how many reminders went.

    ``occasions`` is called in Vietnamese, and once more in each other language a
    recipient reads (``ims.language``), so that each e-mail is in its reader's language."""
    default = settings.LANGUAGE_CODE
    with translation.override(default):
        rows = list(occasions())
    wording = {default: {row[0]: (row[2], row[3]) for row in rows}}
    for language in {language_of(p) for row in rows for p in row[1]} - {default}:
        with translation.override(language):
            wording[language] = {row[0]: (row[2], row[3]) for row in occasions()}
    sent = 0
    for key, people, subject, body, url in rows:
        for person in people:
            words = wording[language_of(person)].get(key, (subject, body))
            sent += send_once(
                source,
                key=key,
                person=person,
                subject=words[0],
                body=words[1],
                url=url,
                base_url=base_url,
            )
    return sent
