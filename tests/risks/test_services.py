"""The rules of the register, proved on the services."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from risks import services
from risks.errors import ConflictError, RiskRuleError
from risks.models import Band, ResidualAcceptance, Risk, RiskReview, RiskScale
from tests.risks.conftest import risk_data

pytestmark = pytest.mark.django_db


def test_a_head_adds_to_their_department_and_the_row_is_numbered_and_kept_in_history(risk, head):
    assert risk.number == "RR-TCCB-001"
    assert risk.score == 12
    assert risk.history.first().history_user == head


def test_a_head_cannot_add_to_another_department(head, staff, other_department, today):
    with pytest.raises(PermissionDenied):
        services.create_risk(actor=head, department=other_department, data=risk_data(staff, today))


def test_staff_and_the_external_auditor_cannot_add(staff, external, department, today):
    for person in (staff, external):
        with pytest.raises(PermissionDenied):
            services.create_risk(actor=person, department=department, data=risk_data(staff, today))


def test_an_opportunity_is_not_reduced_and_a_risk_is_not_pursued(head, staff, department, today):
    with pytest.raises(RiskRuleError):
        services.create_risk(
            actor=head,
            department=department,
            data=risk_data(
                staff, today, kind=Risk.Kind.OPPORTUNITY, treatment=Risk.Treatment.REDUCE
            ),
        )
    with pytest.raises(RiskRuleError):
        services.create_risk(
            actor=head,
            department=department,
            data=risk_data(staff, today, treatment=Risk.Treatment.PURSUE),
        )


def test_an_edit_from_a_stale_page_is_refused(risk, head, secretariat):
    services.update_risk(risk=risk, actor=secretariat, data={"impact": 5}, version=risk.version)
    with pytest.raises(ConflictError):
        services.update_risk(risk=risk, actor=head, data={"impact": 2}, version=risk.version)
    risk.refresh_from_db()
    assert risk.impact == 5


def test_a_review_keeps_the_ratings_then_and_moves_the_row_on(risk, staff, today):
    review = services.review_risk(
        risk=risk,
        actor=staff,
        likelihood=2,
        impact=4,
        residual_likelihood=1,
        residual_impact=4,
        note="Sổ giao nhận đã dùng từ tháng 10",
        next_review=today + timedelta(days=180),
    )
    risk.refresh_from_db()
    assert (review.likelihood, review.impact, review.residual_score) == (2, 4, 4)
    assert risk.review_due == today + timedelta(days=180)
    assert risk.residual_score == 4
    assert RiskReview.objects.filter(risk=risk).count() == 1


def test_a_review_needs_a_note_and_a_later_date(risk, staff, today):
    with pytest.raises(RiskRuleError):
        services.review_risk(
            risk=risk,
            actor=staff,
            likelihood=2,
            impact=4,
            residual_likelihood=None,
            residual_impact=None,
            note=" ",
            next_review=today + timedelta(days=1),
        )
    with pytest.raises(RiskRuleError):
        services.review_risk(
            risk=risk,
            actor=staff,
            likelihood=2,
            impact=4,
            residual_likelihood=None,
            residual_impact=None,
            note="ok",
            next_review=today,
        )


def test_only_the_owner_signs_off_the_residual_risk_and_again_when_it_changes(
    risk, staff, head, secretariat
):
    services.update_risk(
        risk=risk,
        actor=head,
        data={"residual_likelihood": 1, "residual_impact": 4},
        version=risk.version,
    )
    risk.refresh_from_db()
    for other in (head, secretariat):
        with pytest.raises(PermissionDenied):
            services.accept_residual(risk=risk, actor=other)
    acceptance = services.accept_residual(risk=risk, actor=staff, auth_method="password")
    assert acceptance.signed_by == staff
    assert (acceptance.residual_likelihood, acceptance.residual_impact) == (1, 4)
    assert "= 4" in acceptance.meaning
    with pytest.raises(RiskRuleError):
        services.accept_residual(risk=risk, actor=staff)
    services.update_risk(
        risk=risk, actor=head, data={"residual_likelihood": 2}, version=risk.version
    )
    risk.refresh_from_db()
    assert risk.needs_acceptance(risk.acceptances.first())
    services.accept_residual(risk=risk, actor=staff)
    assert ResidualAcceptance.objects.filter(risk=risk).count() == 2


def test_links_to_a_corrective_action_show_its_status_and_are_not_doubled(
    risk, head, secretariat, today
):
    from audits.corrective.services import open_corrective_action
    from audits.models import CorrectiveAction

    action = open_corrective_action(
        actor=secretariat,
        source=CorrectiveAction.Source.PROCESS_FAILURE,
        department=risk.department,
        nonconformity="Hồ sơ thất lạc",
        due_date=today + timedelta(days=30),
    )
    link = services.link_action(risk=risk, actor=head, target=action)
    assert link.status(today) == (action.get_state_display(), False)
    with pytest.raises(RiskRuleError):
        services.link_action(risk=risk, actor=head, target=action)
    with pytest.raises(RiskRuleError):
        services.link_action(risk=risk, actor=head, target=risk.department)


def test_the_scale_bands_cover_1_to_25_without_gaps_and_keep_history(secretariat, head):
    scale = RiskScale.current()
    assert [(b, lo, hi) for b, lo, hi in scale.ranges()] == [
        (Band.LOW, 1, 4),
        (Band.MEDIUM, 5, 9),
        (Band.HIGH, 10, 19),
        (Band.VERY_HIGH, 20, 25),
    ]
    with pytest.raises(ValidationError):
        services.save_scale(actor=secretariat, data={"high_from": 4}, version=scale.version)
    with pytest.raises(PermissionDenied):
        services.save_scale(actor=head, data={"high_from": 12}, version=scale.version)
    saved = services.save_scale(
        actor=secretariat, data={"high_from": 12, "likelihood_1": "Rất hiếm"}, version=scale.version
    )
    assert saved.band_of(10) == Band.MEDIUM and saved.band_of(12) == Band.HIGH
    assert saved.history.first().history_user == secretariat
    with pytest.raises(ConflictError):
        services.save_scale(actor=secretariat, data={"high_from": 11}, version=scale.version)
