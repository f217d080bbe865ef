"""Sign-offs with meaning: prepare, review, approve and publish ask for the password."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone

from documents import services
from documents.models import Revision, SignOff
from documents.printing import pdf
from tests.documents.factories import make_document, make_revision
from tests.documents.pdf_reading import page_texts
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
State = Revision.State


def transition(client, revision, action, **data):
    url = reverse("documents:transition", args=[revision.document.code, revision.number, action])
    return client.post(url, data, follow=True)


@pytest.fixture
def in_review(department, head):
    revision = make_revision(
        make_document("QT.07-TCCB", department=department), state=State.IN_REVIEW
    )
    services.review(revision=revision, actor=head, auth_method="password")
    return revision


def test_approving_with_the_password_records_meaning_method_and_time(
    in_review, leadership, client_for
):
    before = timezone.now()
    page = transition(
        client_for(leadership), in_review, "approve",
        effective_date=timezone.localdate().isoformat(), secret=PASSWORD,
    )  # fmt: skip
    assert page.status_code == 200
    in_review.refresh_from_db()
    assert in_review.state == State.APPROVED
    signoff = in_review.signoffs.get(step=SignOff.Step.APPROVED)
    assert signoff.user == leadership and signoff.auth_method == "password"
    assert signoff.signed_at >= before


def test_a_wrong_password_changes_nothing_and_counts_as_a_failed_sign_in(
    in_review, leadership, client_for
):
    page = transition(
        client_for(leadership), in_review, "approve",
        effective_date=timezone.localdate().isoformat(), secret="not-my-password",
    )  # fmt: skip
    assert "Mật khẩu không đúng" in page.content.decode()
    in_review.refresh_from_db()
    assert in_review.state == State.IN_REVIEW
    assert not in_review.signoffs.filter(step=SignOff.Step.APPROVED).exists()
    attempt = AccessAttempt.objects.get(username=leadership.username)
    assert attempt.failures_since_start == 1


def test_signing_without_the_password_is_refused(in_review, leadership, client_for):
    transition(
        client_for(leadership), in_review, "approve",
        effective_date=timezone.localdate().isoformat(),
    )  # fmt: skip
    in_review.refresh_from_db()
    assert in_review.state == State.IN_REVIEW


def test_another_persons_password_does_not_sign(in_review, leadership, head, client_for):
    head.set_password("the-heads-own-password")
    head.save()
    transition(
        client_for(leadership), in_review, "approve",
        effective_date=timezone.localdate().isoformat(), secret="the-heads-own-password",
    )  # fmt: skip
    in_review.refresh_from_db()
    assert in_review.state == State.IN_REVIEW


def test_too_many_wrong_passwords_lock_signing(in_review, leadership, client_for, settings):
    client = client_for(leadership)
    today = timezone.localdate().isoformat()
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        transition(client, in_review, "approve", effective_date=today, secret="wrong")
    assert AccessAttempt.objects.get(username=leadership.username).failures_since_start == 5
    # Locked out now: even the right password signs nothing.
    transition(client, in_review, "approve", effective_date=today, secret=PASSWORD)
    in_review.refresh_from_db()
    assert in_review.state == State.IN_REVIEW


@pytest.mark.parametrize("action", ["submit", "review", "publish"])
def test_each_sign_off_asks_for_the_password(
    action, department, staff, head, secretariat, client_for
):
    document = make_document("QT.08-TCCB", department=department)
    state = {"submit": State.DRAFT, "review": State.IN_REVIEW, "publish": State.APPROVED}[action]
    revision = make_revision(
        document, state=state, effective_date=timezone.localdate(), change_summary="Lần đầu"
    )
    user = {"submit": staff, "review": head, "publish": secretariat}[action]
    client = client_for(user)
    transition(client, revision, action, secret="wrong")
    revision.refresh_from_db()
    assert revision.state == state and not revision.signoffs.exists()
    transition(client, revision, action, secret=PASSWORD)
    signoff = revision.signoffs.get()
    assert signoff.auth_method == "password"


def test_the_revision_page_asks_for_the_password_in_each_sign_off_form(
    in_review, leadership, client_for
):
    url = in_review.get_absolute_url()
    page = client_for(leadership).get(url).content.decode()
    assert 'id="approve_secret"' in page and 'type="password"' in page
    assert 'autocomplete="current-password"' in page


def test_the_printed_sign_off_table_shows_the_method_and_time(in_review, leadership):
    services.approve(revision=in_review, actor=leadership, auth_method="password")
    text = page_texts(pdf.render_edition(in_review))[0]
    assert "Đã ký trên IMS, xác thực bằng mật khẩu" in text
    assert "+0700" in text


def test_with_two_step_sign_in_the_authenticator_code_signs(in_review, leadership, client_for):
    from django_otp.oath import totp

    from ims import services as ims_services

    device = ims_services.start_totp_setup(actor=leadership)
    ims_services.confirm_totp(actor=leadership, device=device, token=str(totp(device.bin_key)))
    device.refresh_from_db()
    client = client_for(leadership)
    page = client.get(in_review.get_absolute_url()).content.decode()
    assert 'autocomplete="one-time-code"' in page and 'id="approve_secret"' in page
    today = timezone.localdate().isoformat()
    # The password is no answer once the person signs in with a code.
    transition(client, in_review, "approve", effective_date=today, secret=PASSWORD)
    in_review.refresh_from_db()
    assert in_review.state == State.IN_REVIEW
    transition(
        client, in_review, "approve",
        effective_date=today, secret=f"{totp(device.bin_key, drift=1):06d}",
    )  # fmt: skip
    in_review.refresh_from_db()
    assert in_review.state == State.APPROVED
    assert in_review.signoffs.get(step=SignOff.Step.APPROVED).auth_method == "totp"
