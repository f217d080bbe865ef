"""The review reminder through Redis and the real Celery worker: sent once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ims.models import SentReminder
from risks import services
from tests.conftest import wait_until
from tests.risks.conftest import risk_data


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_reminds_the_owner_of_a_review_once(broker_tasks, head, staff):
    from celery.result import EagerResult

    from risks.tasks import send_review_reminders as task

    today = timezone.localdate()
    services.create_risk(
        actor=head,
        department=head.profile.department,
        data=risk_data(staff, today, review_due=today + timedelta(days=2)),
    )
    first = task.delay()
    assert not isinstance(first, EagerResult)
    assert first.get(timeout=30) == 1
    assert wait_until(lambda: SentReminder.objects.filter(source="risks", recipient=staff).exists())
    assert task.delay().get(timeout=30) == 0
    assert SentReminder.objects.filter(source="risks", recipient=staff).count() == 1
