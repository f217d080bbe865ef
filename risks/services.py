"""Writes to the register of risks and opportunities.

Every write is one function here with keyword-only arguments and an explicit
``actor``; each runs in a transaction, asks ``risks/permissions.py`` for rights,
refuses what the rules forbid with :class:`RiskRuleError` (a translated message)
and names the actor on the history rows it writes.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ims.models import Department
from risks import permissions
from risks.errors import ConflictError, RiskRuleError
from risks.models import ResidualAcceptance, Risk, RiskAction, RiskReview, RiskScale

# Fields of a row that its editors set (the number, department and author are fixed).
RISK_FIELDS = (
    "process",
    "kind",
    "description",
    "cause",
    "consequence",
    "likelihood",
    "impact",
    "owner",
    "treatment",
    "treatment_plan",
    "residual_likelihood",
    "residual_impact",
    "identified_on",
    "review_due",
    "is_closed",
)
SCALE_FIELDS = (
    *(f"likelihood_{n}" for n in range(1, 6)),
    *(f"impact_{n}" for n in range(1, 6)),
    "medium_from",
    "high_from",
    "very_high_from",
)


# --- the rating scale ---------------------------------------------------------------


@transaction.atomic
def save_scale(*, actor, data: dict, version: int) -> RiskScale:
    """Set the scale's words and bands; refused when someone saved it since ``version``."""
    if not permissions.can_edit_scale(actor):
        raise PermissionDenied
    scale = RiskScale.objects.select_for_update().order_by("pk").first() or RiskScale()
    if scale.version != version:
        raise ConflictError(
            _(
                "Someone saved the scale meanwhile; it is shown as it is now. "
                "Make your change again."
            )
        )
    for name in SCALE_FIELDS:
        if name in data:
            setattr(scale, name, data[name])
    scale.full_clean(exclude=["version"])
    scale.version += 1
    scale._history_user = actor
    scale.save()
    return scale


# --- rows -----------------------------------------------------------------------------


def _check_rules(risk: Risk) -> None:
    if risk.treatment not in risk.treatments_allowed():
        raise RiskRuleError(
            _(
                "An opportunity is pursued or accepted; a risk is accepted, reduced, "
                "transferred or avoided."
            )
        )
    if (risk.residual_likelihood is None) != (risk.residual_impact is None):
        raise RiskRuleError(
            _("Give both the residual likelihood and the residual impact, or neither.")
        )


def _next_number(department: Department) -> str:
    prefix = f"RR-{department.code}-"
    numbers = (
        Risk.objects.select_for_update()
        .filter(number__startswith=prefix)
        .values_list("number", flat=True)
    )
    last = max(
        (int(n.rsplit("-", 1)[1]) for n in numbers if n.rsplit("-", 1)[1].isdigit()), default=0
    )
    return f"{prefix}{last + 1:03d}"


@transaction.atomic
def create_risk(*, actor, department: Department, data: dict) -> Risk:
    """Add a row to ``department``'s register (a head in their own, the secretariat anywhere)."""
    if not permissions.can_add_risk(actor, department):
        raise PermissionDenied
    Department.objects.select_for_update().filter(pk=department.pk).first()
    risk = Risk(department=department, created_by=actor)
    for name in RISK_FIELDS:
        if name in data:
            setattr(risk, name, data[name])
    _check_rules(risk)
    risk.number = _next_number(department)
    risk._history_user = actor
    risk.save()
    return risk


@transaction.atomic
def update_risk(*, risk: Risk, actor, data: dict, version: int) -> Risk:
    """Save an edit; refused when someone else saved the row since ``version``."""
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if not permissions.can_edit_risk(actor, risk):
        raise PermissionDenied
    if risk.version != version:
        raise ConflictError(
            _(
                "Someone else saved this row meanwhile. Reload it to see their change, "
                "then make yours."
            )
        )
    for name in RISK_FIELDS:
        if name in data:
            setattr(risk, name, data[name])
    _check_rules(risk)
    risk.version += 1
    risk._history_user = actor
    risk.save()
    return risk


# --- treatment actions ----------------------------------------------------------------


@transaction.atomic
def link_action(*, risk: Risk, actor, target, note: str = "") -> RiskAction:
    """Link an existing plan action, corrective action or document change request."""
    from audits.models import CorrectiveAction
    from documents.models import ChangeRequest
    from objectives.models import PlanAction

    if not permissions.can_edit_risk(actor, risk):
        raise PermissionDenied
    kinds = {
        PlanAction: (RiskAction.Kind.PLAN_ACTION, "plan_action"),
        CorrectiveAction: (RiskAction.Kind.CORRECTIVE_ACTION, "corrective_action"),
        ChangeRequest: (RiskAction.Kind.CHANGE_REQUEST, "change_request"),
    }
    if type(target) not in kinds:
        raise RiskRuleError(
            _("Link a plan action, a corrective action or a document change request.")
        )
    kind, field = kinds[type(target)]
    link = RiskAction(risk=risk, kind=kind, note=note, added_by=actor, **{field: target})
    link._history_user = actor
    try:
        with transaction.atomic():
            link.save()
    except IntegrityError:
        raise RiskRuleError(_("This action is already linked to the row.")) from None
    return link


@transaction.atomic
def unlink_action(*, link: RiskAction, actor) -> None:
    if not permissions.can_edit_risk(actor, link.risk):
        raise PermissionDenied
    link._history_user = actor
    link.delete()


# --- reviews and the owner's acceptance ------------------------------------------------


@transaction.atomic
def review_risk(
    *,
    risk: Risk,
    actor,
    likelihood: int,
    impact: int,
    residual_likelihood: int | None,
    residual_impact: int | None,
    note: str,
    next_review: date,
    reviewed_on: date | None = None,
) -> RiskReview:
    """Record a review: the ratings as they stand now, what was found, the next date.

    The row takes the new ratings and review date (a history row names the reviewer)."""
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if not permissions.can_review_risk(actor, risk):
        raise PermissionDenied
    reviewed_on = reviewed_on or timezone.localdate()
    if not note.strip():
        raise RiskRuleError(_("Write what the review found."))
    if next_review <= reviewed_on:
        raise RiskRuleError(_("The next review comes after this one."))
    if (residual_likelihood is None) != (residual_impact is None):
        raise RiskRuleError(
            _("Give both the residual likelihood and the residual impact, or neither.")
        )
    review = RiskReview.objects.create(
        risk=risk,
        reviewed_on=reviewed_on,
        reviewed_by=actor,
        likelihood=likelihood,
        impact=impact,
        residual_likelihood=residual_likelihood,
        residual_impact=residual_impact,
        note=note,
        next_review=next_review,
    )
    risk.likelihood, risk.impact = likelihood, impact
    risk.residual_likelihood, risk.residual_impact = residual_likelihood, residual_impact
    risk.review_due = next_review
    risk.version += 1
    risk._history_user = actor
    risk.save()
    return review


def acceptance_meaning(risk: Risk) -> str:
    scale = RiskScale.current()
    band = scale.band_of(risk.residual_score)
    from risks.models import Band

    return _(
        "As owner, I accept the risk left after treatment: likelihood %(l)d × impact %(i)d "
        "= %(score)d (%(band)s)."
    ) % {
        "l": risk.residual_likelihood,
        "i": risk.residual_impact,
        "score": risk.residual_score,
        "band": Band(band).label if band else "",
    }


@transaction.atomic
def accept_residual(*, risk: Risk, actor, auth_method: str = "") -> ResidualAcceptance:
    """The owner signs off the residual risk: an explicit row, who, when, what it means.

    ``auth_method`` (``ims.reauth.AuthMethod``) is how the owner confirmed it was them."""
    risk = Risk.objects.select_for_update().get(pk=risk.pk)
    if not permissions.can_accept_residual(actor, risk):
        raise PermissionDenied
    if risk.kind != Risk.Kind.RISK:
        raise RiskRuleError(_("An opportunity has no residual risk to accept."))
    if risk.residual_score is None:
        raise RiskRuleError(_("Rate the risk after treatment before accepting what is left."))
    latest = risk.acceptances.first()
    if not risk.needs_acceptance(latest):
        raise RiskRuleError(_("This residual rating is already accepted."))
    return ResidualAcceptance.objects.create(
        risk=risk,
        signed_by=actor,
        residual_likelihood=risk.residual_likelihood,
        residual_impact=risk.residual_impact,
        meaning=acceptance_meaning(risk),
        auth_method=auth_method,
    )
