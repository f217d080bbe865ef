from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from objectives.models import LateReminder, Measurement
from objectives.services import remind_late_measurements
from objectives.tasks import send_late_measurement_reminders
from tests.conftest import wait_until
from tests.objectives.conftest import make_indicator, make_objective


def _late_indicator(previous_year, year, owner):
    """A monthly indicator of the current year whose first month is long over.

    Uses the current school year when its first month is late already (after
    mid-October), otherwise the previous year's last month."""
    from django.utils import timezone

    today = timezone.localdate()
    school_year = year if today - year.start_date > timedelta(days=45) else previous_year
    indicator = make_indicator(make_objective(school_year, owner, code="MT-LATE"))
    return indicator


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_late_measurement_reminder_is_sent_by_the_real_worker_once(
    broker_tasks, year, previous_year, staff
):
    indicator = _late_indicator(previous_year, year, staff)
    first = send_late_measurement_reminders.delay()
    assert first.get(timeout=30) >= 1
    assert wait_until(lambda: LateReminder.objects.filter(indicator=indicator).exists())
    count = LateReminder.objects.filter(indicator=indicator).count()
    second = send_late_measurement_reminders.delay()
    assert second.get(timeout=30) == 0
    assert LateReminder.objects.filter(indicator=indicator).count() == count
    assert LateReminder.objects.filter(indicator=indicator).first().recipient == staff


@pytest.mark.django_db
def test_the_owner_gets_one_mail_listing_what_is_late(year, previous_year, staff):
    indicator = _late_indicator(previous_year, year, staff)
    assert remind_late_measurements() >= 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [staff.email]
    assert "MT-LATE" in mail.outbox[0].body
    assert "chưa được nhập" in mail.outbox[0].body
    assert remind_late_measurements() == 0
    assert len(mail.outbox) == 1
    assert LateReminder.objects.filter(indicator=indicator).exists()


@pytest.mark.django_db
def test_a_measured_period_is_not_reminded(year, previous_year, staff):
    indicator = _late_indicator(previous_year, year, staff)
    school_year = indicator.objective.school_year
    for period in indicator.periods(school_year):
        Measurement.objects.create(
            indicator=indicator, period_start=period.start, period_end=period.end, value=100
        )
    assert remind_late_measurements() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_the_home_page_tells_the_owner_what_is_late(year, staff, client_for):
    from django.utils import timezone

    if timezone.localdate() - year.start_date <= timedelta(days=45):
        pytest.skip("no month of this year is late yet")
    make_indicator(make_objective(year, staff, code="MT-HOME"))
    page = client_for(staff).get(reverse("home")).content.decode()
    assert "Số liệu đo lường cần nhập" in page
    assert "MT-HOME" in page


@pytest.mark.django_db
def test_run_schedule_includes_the_reminder():
    from django.conf import settings

    assert (
        settings.CELERY_BEAT_SCHEDULE["objectives-late-measurements"]["task"]
        == "objectives.tasks.send_late_measurement_reminders"
    )


@pytest.mark.django_db
def test_a_reminder_whose_mail_fails_is_tried_again_at_the_next_run(
    year, previous_year, staff, monkeypatch
):
    import smtplib

    from objectives import services

    indicator = _late_indicator(previous_year, year, staff)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    monkeypatch.setattr(services, "send_mail", refuse)
    assert remind_late_measurements() == 0
    assert not LateReminder.objects.filter(indicator=indicator).exists()
    monkeypatch.undo()
    assert remind_late_measurements() >= 1
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_an_owner_who_chose_a_summary_gets_no_reminder_mail_but_the_period_is_marked(
    year, previous_year, staff
):
    from ims.models import Profile
    from ims.notifications.choice import set_notification_choice

    set_notification_choice(user=staff, choice=Profile.Notifications.WEEKLY, actor=staff)
    indicator = _late_indicator(previous_year, year, staff)
    assert remind_late_measurements() >= 1
    assert mail.outbox == []
    assert LateReminder.objects.filter(indicator=indicator, recipient=staff).exists()


@pytest.mark.django_db
def test_the_late_measurement_mail_is_in_the_owners_language(year, previous_year, staff):
    from ims.language import remember_language

    remember_language(user=staff, language="en")
    _late_indicator(previous_year, year, staff)
    assert remind_late_measurements() >= 1
    assert "late" in mail.outbox[0].subject and "chưa được nhập" not in mail.outbox[0].body
