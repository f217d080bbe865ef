"""Reminders and inbox items of the records register, once per occasion."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from ims.models import SchoolYear, SentReminder
from ims.registry import clause_evidence, inbox_items
from records.reminders import send_reminders
from tests.records.conftest import log

pytestmark = pytest.mark.django_db


@pytest.fixture
def last_year(db):
    return SchoolYear.objects.create(start_date=date(2024, 9, 1), end_date=date(2025, 8, 31))


def test_records_past_retention_are_reminded_to_the_secretariat_once(
    series, secretariat, head, last_year
):
    log(series, secretariat)  # 2018–2019, past retention
    today = date(2025, 10, 1)
    first = send_reminders(today=today)
    subjects = [m.subject for m in mail.outbox]
    assert any("đã hết thời hạn lưu" in s for s in subjects)
    # The head hears of the two series silent last school year, once.
    assert any("chưa ghi nhận năm học 2024–2025" in s for s in subjects)
    assert first == len(mail.outbox) == 2
    assert send_reminders(today=today) == 0
    assert SentReminder.objects.filter(source="records").count() == 2


def test_inbox_items_for_the_secretariat_and_the_head(series, secretariat, head, last_year):
    log(series, secretariat)
    today = date(2025, 10, 1)
    secretariat_items = [i for i in inbox_items(secretariat, today) if i.kind.startswith("records")]
    assert [i.kind for i in secretariat_items] == ["records.past_retention"]
    assert secretariat_items[0].nav == "records:register"
    head_items = {i.kind for i in inbox_items(head, today)}
    assert "records.silent" in head_items


def test_the_inbox_source_takes_the_same_queries_for_one_proposal_or_many(
    series, secretariat, head, django_assert_max_num_queries
):
    from records import services
    from records.reminders import records_inbox

    for year in range(2010, 2016):
        entry = log(series, secretariat, year=year)
        services.propose_disposal(
            department=series.department,
            actor=secretariat,
            entries=[entry],
            method="Máy hủy",
            council="A – Chủ tịch\nB – Thư ký",
        )
    head = type(head).objects.get(pk=head.pk)
    with django_assert_max_num_queries(6):
        items = records_inbox(head, date(2025, 10, 1))
    assert len([i for i in items if i.kind == "records.approval"]) == 6


def test_checklists_of_7_5_3_link_to_the_departments_register(department):
    [evidence] = [e for e in clause_evidence("7.5.3") if e.key == "records.register"]
    assert evidence.url(department) == f"{reverse('records:register')}?department={department.pk}"
    assert [e for e in clause_evidence("7.5.2") if e.key == "records.register"] == []


def test_the_beat_runs_the_reminders_and_the_nightly_sync():
    from django.conf import settings

    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["records-reminders"]["task"] == "records.tasks.send_reminders"
    assert schedule["records-sync"]["task"] == "records.tasks.sync_all_series"


def test_run_schedule_twice_sends_each_reminder_once(series, secretariat, head, last_year):
    from django.core.management import call_command

    log(series, secretariat)
    call_command("run_schedule", "records-reminders")
    call_command("run_schedule", "records-reminders")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([secretariat.email, head.email])


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_the_reminders_once(
    broker_tasks, series, secretariat, head, last_year
):
    from celery.result import EagerResult

    from records.tasks import send_reminders as task
    from tests.conftest import wait_until

    log(series, secretariat)
    first = task.delay()
    assert not isinstance(first, EagerResult)
    assert first.get(timeout=30) == 2
    assert wait_until(lambda: SentReminder.objects.filter(source="records").count() == 2)
    assert task.delay().get(timeout=30) == 0
    assert SentReminder.objects.filter(source="records").count() == 2
