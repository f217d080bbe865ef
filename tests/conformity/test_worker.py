"""The scope reminder through Redis and the real Celery worker, once."""

import pytest

from conformity.models import ScopeReminder
from tests.conformity.test_conformity import issued, organisation, procedure, scope  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_scope_reminder_goes_once_through_the_real_worker(
    broker_tasks,
    scope,  # noqa: F811 (the fixture imported above)
    secretariat,
    department,
):
    from celery.result import EagerResult

    from conformity.tasks import send_scope_reminders

    issued(secretariat)
    procedure("QT.04-TCCB", "Quy trình khen thưởng", department)
    result = send_scope_reminders.delay()
    assert not isinstance(result, EagerResult)
    assert result.get(timeout=60) == 1
    assert send_scope_reminders.delay().get(timeout=60) == 0
    assert ScopeReminder.objects.count() == 1
