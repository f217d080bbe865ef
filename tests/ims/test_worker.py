import pytest

from ims.models import Heartbeat
from ims.tasks import record_heartbeat
from tests.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_a_task_round_trips_through_redis_and_a_real_worker(broker_tasks):
    from celery.result import EagerResult

    result = record_heartbeat.delay("round-trip")
    assert not isinstance(result, EagerResult)  # sent to the broker, not run in this process
    assert result.get(timeout=20) == "round-trip"
    assert wait_until(lambda: Heartbeat.objects.filter(name="round-trip").exists())


def test_run_schedule_runs_every_beat_entry_in_process():
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("run_schedule", stdout=out)
    assert "ims-worker-heartbeat" in out.getvalue()
    assert Heartbeat.objects.filter(name="worker").exists()
