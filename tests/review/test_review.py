"""Management review: frozen inputs, decisions, corrective actions from decisions."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from audits.models import CorrectiveAction, Finding
from audits.review import services as reviews
from ims.registry import review_inputs
from tests.audits.conftest import record

CA = CorrectiveAction


# --- management review ----------------------------------------------------------------


def test_the_review_inputs_stay_as_they_were_when_prepared(
    client_for, audit, lead_auditor, secretariat, today
):
    record(audit, lead_auditor, Finding.Grade.MINOR)
    response = client_for(secretariat).post(
        reverse("audits:review_create"),
        {
            "school_year": audit.round.programme.school_year.pk,
            "title": "Xem xét của lãnh đạo năm học",
            "meeting_date": today.isoformat(),
            "period_start": (today - timedelta(days=60)).isoformat(),
            "period_end": (today + timedelta(days=60)).isoformat(),
        },
    )
    assert response.status_code == 302
    from audits.models import ManagementReview

    review = ManagementReview.objects.get()
    before = review.inputs
    by_key = {i["key"]: i for i in before}
    assert (
        "1 findings" in by_key["audits.audit_results"]["summary"]
        or "1 phát hiện" in (by_key["audits.audit_results"]["summary"])
    )
    # The data changes afterwards …
    record(audit, lead_auditor, Finding.Grade.MAJOR, "7.2")
    record(audit, lead_auditor, Finding.Grade.OBSERVATION, "8.5.1")
    review.refresh_from_db()
    assert review.inputs == before
    page = client_for(secretariat).get(review.get_absolute_url()).content.decode()
    assert by_key["audits.audit_results"]["summary"] in page


def make_review(today):
    from audits.models import ManagementReview
    from ims.services import ensure_school_year

    return ManagementReview.objects.create(
        school_year=ensure_school_year(2025),
        title="XXLĐ",
        meeting_date=today,
        period_start=today,
        period_end=today,
        prepared_at=timezone.now(),
    )


def test_a_review_decision_becomes_a_corrective_action(client_for, secretariat, department, today):
    from audits.models import ReviewDecision

    review = make_review(today)
    decision = ReviewDecision.objects.create(
        review=review,
        kind="improvement",
        text="Rút ngắn thời gian giải quyết TTHC",
        department=department,
    )
    response = client_for(secretariat).post(
        reverse("audits:decision_to_action", args=[decision.pk])
    )
    decision.refresh_from_db()
    assert response.status_code == 302
    assert decision.corrective_action.source == CA.Source.MANAGEMENT_REVIEW


def test_a_review_decision_is_marked_done(client_for, secretariat, auditor, department, today):
    from audits.models import ReviewDecision

    review = make_review(today)
    decision = ReviewDecision.objects.create(review=review, kind="resources", text="Kinh phí")
    url = reverse("audits:decision_done", args=[decision.pk])
    assert client_for(auditor).post(url).status_code == 403
    assert client_for(secretariat).post(url).status_code == 302
    decision.refresh_from_db()
    assert (decision.status, decision.done_on) == ("done", today)


def test_a_review_decision_is_corrected_and_its_history_keeps_the_first_wording(
    client_for, secretariat, auditor, department, today
):
    from audits.models import ReviewDecision

    decision = ReviewDecision.objects.create(
        review=make_review(today), kind="resources", text="Kinh phí"
    )
    url = reverse("audits:decision_edit", args=[decision.pk])
    assert client_for(auditor).get(url).status_code == 403
    client = client_for(secretariat)
    assert url in client.get(decision.review.get_absolute_url()).content.decode()
    response = client.post(
        url,
        {
            "kind": "resources",
            "text": "Bổ sung kinh phí mua sắm thiết bị",
            "department": department.pk,
            "status": "open",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.text, decision.department) == ("Bổ sung kinh phí mua sắm thiết bị", department)
    assert decision.history.earliest().text == "Kinh phí"
    assert decision.history.latest().history_user == secretariat


def test_a_decision_corrected_with_bad_input_is_redisplayed_and_unchanged(
    client_for, secretariat, today
):
    from audits.models import ReviewDecision

    decision = ReviewDecision.objects.create(
        review=make_review(today), kind="resources", text="Kinh phí"
    )
    response = client_for(secretariat).post(
        reverse("audits:decision_edit", args=[decision.pk]),
        {"kind": "resources", "text": "Kinh phí năm sau", "status": "open", "link": "javascript:x"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "/objectives/12/" in page  # the reason, in the form
    assert "Kinh phí năm sau" in page  # what was typed is not lost
    decision.refresh_from_db()
    assert decision.text == "Kinh phí"


def test_a_decision_with_its_corrective_action_keeps_its_kind(
    client_for, secretariat, department, today
):
    from audits.models import ReviewDecision

    decision = ReviewDecision.objects.create(
        review=make_review(today), kind="improvement", text="Rút ngắn", department=department
    )
    reviews.decision_to_corrective_action(decision=decision, actor=secretariat)
    response = client_for(secretariat).post(
        reverse("audits:decision_edit", args=[decision.pk]),
        {
            "kind": "resources",
            "text": "Rút ngắn thời gian",
            "department": department.pk,
            "status": "open",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.kind, decision.text) == ("corrective_action", "Rút ngắn thời gian")


def test_the_audits_app_brings_its_inputs_to_the_review():
    keys = [r.key for r in review_inputs()]
    for key in (
        "audits.audit_results",
        "audits.corrective_actions",
        "audits.complaints",
        "audits.previous_review",
    ):
        assert key in keys
