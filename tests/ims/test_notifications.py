"""How people hear of their work by e-mail: the per-person choice on the account page,
the daily and weekly summaries of "Việc của tôi", once per person and period."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from documents.models import Revision
from ims import registry
from ims.models import DigestSent, Profile
from ims.notifications.choice import set_notification_choice, wants_immediate
from ims.notifications.digest import period_key, send_digests
from ims.registry import NORMAL, URGENT, InboxItem
from tests.conftest import wait_until
from tests.documents.factories import make_document, make_revision

Choice = Profile.Notifications
MONDAY = date(2026, 12, 7)


def _choose(user, choice):
    set_notification_choice(user=user, choice=choice, actor=user)


@pytest.fixture
def fake_inbox(monkeypatch):
    """The inbox reduced to one source whose items a test sets, by username."""
    items: dict[str, list[InboxItem]] = {}

    def source(user, today):
        return items.get(user.username, [])

    monkeypatch.setattr(registry, "_INBOX_SOURCES", [source])
    return items


def _item(label, **extra):
    return InboxItem(kind="x", label=label, action="Cần kiểm tra", url=f"/x/{label}/", **extra)


def test_the_period_of_a_summary_is_the_day_or_the_iso_week():
    assert period_key(Choice.DAILY, MONDAY) == "d:2026-12-07"
    assert period_key(Choice.WEEKLY, MONDAY) == "w:2026-W50"
    assert period_key(Choice.WEEKLY, MONDAY + timedelta(days=6)) == "w:2026-W50"
    with pytest.raises(ValueError):
        period_key(Choice.IMMEDIATE, MONDAY)


@pytest.mark.django_db
def test_everyone_hears_of_each_event_at_once_until_they_choose_otherwise(staff, head):
    assert wants_immediate(staff)
    _choose(head, Choice.DAILY)
    head.refresh_from_db()
    assert not wants_immediate(head)
    assert head.profile.history.first().history_user == head


@pytest.mark.django_db
def test_nobody_chooses_for_somebody_else(staff, secretariat):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        set_notification_choice(user=staff, choice=Choice.WEEKLY, actor=secretariat)


@pytest.mark.django_db
def test_the_daily_summary_lists_the_inbox_overdue_first_with_links_to_the_site(
    staff, fake_inbox, settings
):
    settings.SITE_URL = "https://ims.sogddt.example.vn"
    _choose(staff, Choice.DAILY)
    fake_inbox["staff"] = [
        _item("du-thao-QT07", urgency=NORMAL, due=MONDAY + timedelta(days=3)),
        _item("kiem-tra-QT01", urgency=URGENT),
        _item("hanh-dong-KP02", urgency=NORMAL, due=MONDAY - timedelta(days=2)),
    ]
    assert send_digests(frequency=Choice.DAILY, today=MONDAY) == 1
    [message] = mail.outbox
    assert message.to == [staff.email]
    assert message.subject == "[IMS] Việc của bạn ngày 07/12/2026: 3 việc — 1 việc quá hạn"
    body = message.body
    assert "Kính gửi Nguyễn Thị Lan," in body
    order = [body.index(x) for x in ("hanh-dong-KP02", "kiem-tra-QT01", "du-thao-QT07")]
    assert order == sorted(order)
    assert "Hạn: 05/12/2026 (quá hạn)" in body
    assert "https://ims.sogddt.example.vn/x/du-thao-QT07/" in body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    link = '<a href="https://ims.sogddt.example.vn/x/kiem-tra-QT01/">kiem-tra-QT01</a>'
    assert f"<strong>{link}</strong>" in html
    assert DigestSent.objects.get(user=staff).item_count == 3


@pytest.mark.django_db
def test_the_summary_carries_each_apps_real_items(head, department, settings):
    settings.SITE_URL = "https://ims.example.vn"
    _choose(head, Choice.WEEKLY)
    revision = make_revision(make_document(department=department), state=Revision.State.IN_REVIEW)
    assert send_digests(frequency=Choice.WEEKLY) == 1
    assert f"https://ims.example.vn{revision.get_absolute_url()}" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("[IMS] Việc của bạn trong tuần")


@pytest.mark.django_db
def test_nothing_is_sent_when_the_inbox_is_empty(staff, fake_inbox):
    _choose(staff, Choice.DAILY)
    assert send_digests(frequency=Choice.DAILY, today=MONDAY) == 0
    assert mail.outbox == []
    assert not DigestSent.objects.exists()


@pytest.mark.django_db
def test_a_summary_goes_once_per_person_and_period(staff, fake_inbox):
    _choose(staff, Choice.DAILY)
    fake_inbox["staff"] = [_item("a")]
    assert send_digests(frequency=Choice.DAILY, today=MONDAY) == 1
    assert send_digests(frequency=Choice.DAILY, today=MONDAY) == 0
    assert len(mail.outbox) == 1
    assert send_digests(frequency=Choice.DAILY, today=MONDAY + timedelta(days=1)) == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_each_summary_goes_only_to_those_who_chose_it(
    staff, head, colleague, leadership, fake_inbox
):
    _choose(staff, Choice.DAILY)
    _choose(head, Choice.WEEKLY)
    leadership.is_active = False
    leadership.save(update_fields=["is_active"])
    _choose(leadership, Choice.DAILY)
    for person in (staff, head, colleague, leadership):
        fake_inbox[person.username] = [_item("a")]
    send_digests(frequency=Choice.DAILY, today=MONDAY)
    assert [m.to for m in mail.outbox] == [[staff.email]]
    send_digests(frequency=Choice.WEEKLY, today=MONDAY)
    assert [m.to for m in mail.outbox] == [[staff.email], [head.email]]


@pytest.mark.django_db
def test_a_summary_whose_mail_fails_is_tried_again_at_the_next_run(staff, fake_inbox, monkeypatch):
    import smtplib

    from django.core.mail import EmailMultiAlternatives

    _choose(staff, Choice.DAILY)
    fake_inbox["staff"] = [_item("a")]

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    with monkeypatch.context() as patch:
        patch.setattr(EmailMultiAlternatives, "send", refuse)
        assert send_digests(frequency=Choice.DAILY, today=MONDAY) == 0
        assert not DigestSent.objects.exists()
    assert send_digests(frequency=Choice.DAILY, today=MONDAY) == 1


@pytest.mark.django_db
def test_run_schedule_twice_sends_one_summary(head, department):
    _choose(head, Choice.DAILY)
    make_revision(make_document(department=department), state=Revision.State.IN_REVIEW)
    call_command("run_schedule", "ims-daily-digest", "ims-weekly-digest")
    call_command("run_schedule", "ims-daily-digest", "ims-weekly-digest")
    assert [m.to for m in mail.outbox] == [[head.email]]


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_a_summary_once(broker_tasks, head, department):
    from celery.result import EagerResult

    from ims.tasks import send_digests as task

    _choose(head, Choice.DAILY)
    make_revision(make_document(department=department), state=Revision.State.IN_REVIEW)
    first = task.delay("daily")
    assert not isinstance(first, EagerResult)
    assert first.get(timeout=30) == 1
    assert wait_until(lambda: DigestSent.objects.filter(user=head).exists())
    assert task.delay("daily").get(timeout=30) == 0
    assert DigestSent.objects.filter(user=head).count() == 1


@pytest.mark.django_db
def test_the_account_page_offers_the_three_choices_and_saves_mine(client_for, staff):
    client = client_for(staff)
    page = client.get(reverse("security")).content.decode()
    assert "Thông báo qua thư điện tử" in page
    assert "Mỗi việc một thư ngay khi phát sinh" in page
    assert "Một thư tổng hợp mỗi ngày" in page
    assert "Chỉ thư tổng hợp hằng tuần" in page
    response = client.post(reverse("notifications"), {"notifications": "weekly"}, follow=True)
    assert "Đã lưu lựa chọn nhận thư của bạn." in response.content.decode()
    staff.profile.refresh_from_db()
    assert staff.profile.notifications == Choice.WEEKLY


@pytest.mark.django_db
def test_an_unknown_choice_is_refused_in_words(client_for, staff):
    response = client_for(staff).post(
        reverse("notifications"), {"notifications": "hourly"}, follow=True
    )
    assert "Hãy chọn một trong ba cách nhận thư." in response.content.decode()
    staff.profile.refresh_from_db()
    assert staff.profile.notifications == Choice.IMMEDIATE


@pytest.mark.django_db
def test_the_external_auditor_who_writes_nothing_still_chooses_their_e_mails(client_for, external):
    client_for(external).post(reverse("notifications"), {"notifications": "daily"})
    external.profile.refresh_from_db()
    assert external.profile.notifications == Choice.DAILY


@pytest.mark.django_db
def test_a_reading_of_the_choice_page_by_get_changes_nothing(client_for, staff):
    assert client_for(staff).get(reverse("notifications")).status_code == 405


@pytest.mark.django_db
def test_an_administrator_reads_which_summaries_went(client, staff, fake_inbox):
    from tests.factories import make_user

    _choose(staff, Choice.DAILY)
    fake_inbox["staff"] = [_item("a")]
    send_digests(frequency=Choice.DAILY, today=MONDAY)
    admin = make_user("root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    page = client.get(reverse("admin:ims_digestsent_changelist"))
    assert page.status_code == 200
    assert "d:2026-12-07" in page.content.decode()
