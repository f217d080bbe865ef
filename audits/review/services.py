"""Business rules of management review (ISO 9001/21001 9.3).

The review's inputs are gathered from every app through the review-input registry
(``ims.registry.review_inputs``) and frozen in the review. Every write is one
function here with an explicit ``actor`` in one transaction; rights are asked of
``audits/review/permissions.py``.
"""

from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.corrective.models import CorrectiveAction
from audits.corrective.services import open_corrective_action
from audits.errors import AuditRuleError
from audits.review import permissions
from audits.review.models import ManagementReview, ReviewDecision
from ims.registry import review_inputs

CA = CorrectiveAction


@transaction.atomic
def prepare_review(*, actor, fields: dict) -> ManagementReview:
    """Create the review with every registered input compiled now and frozen.

    The inputs are stored as JSON in the review: later changes to the data they
    were drawn from never alter the record.
    """
    if not permissions.can_manage(actor):
        raise PermissionDenied
    start, end = fields["period_start"], fields["period_end"]
    inputs = []
    for review_input in review_inputs():
        data = review_input.collect(start, end)
        inputs.append(
            {
                "key": review_input.key,
                "label": str(review_input.label),
                "clause": review_input.clause,
                "summary": str(data.get("summary", "")),
                "columns": [str(c) for c in data.get("columns", [])],
                "rows": [[_json_cell(v) for v in row] for row in data.get("rows", [])],
            }
        )
    return ManagementReview.objects.create(
        **fields, inputs=inputs, prepared_at=timezone.now(), prepared_by=actor
    )


def _json_cell(value):
    if isinstance(value, (int, float, str)) or value is None:
        return value
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@transaction.atomic
def mark_decision_done(*, decision: ReviewDecision, actor, done_on: date | None = None):
    if not permissions.can_manage(actor):
        raise PermissionDenied
    decision.status = ReviewDecision.Status.DONE
    decision.done_on = done_on or timezone.localdate()
    decision.save(update_fields=["status", "done_on"])
    return decision


@transaction.atomic
def decision_to_corrective_action(
    *, decision: ReviewDecision, actor, due_date: date | None = None
) -> CorrectiveAction:
    if not permissions.can_manage(actor):
        raise PermissionDenied
    if decision.corrective_action_id:
        raise AuditRuleError(_("This decision already has its corrective action."))
    if decision.department is None:
        raise AuditRuleError(_("Name the department responsible before opening an action."))
    action = open_corrective_action(
        actor=actor,
        source=CA.Source.MANAGEMENT_REVIEW,
        department=decision.department,
        nonconformity=decision.text,
        due_date=due_date or decision.due_date or timezone.localdate() + timedelta(days=30),
        owner=decision.owner,
    )
    decision.corrective_action = action
    decision.kind = ReviewDecision.Kind.CORRECTIVE_ACTION
    decision.save(update_fields=["corrective_action", "kind"])
    return action


@transaction.atomic
def record_review(*, review: ManagementReview, actor, fields: dict) -> ManagementReview:
    """Record the meeting's minutes (chair, attendees, conclusions); the inputs stay frozen."""
    if not permissions.can_manage(actor):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(review, name, value)
    review._history_user = actor
    review.save(update_fields=list(fields))
    return review


@transaction.atomic
def record_decision(*, review: ManagementReview, actor, fields: dict) -> ReviewDecision:
    """Record a decision or action of the review (9.3.3)."""
    if not permissions.can_manage(actor):
        raise PermissionDenied
    decision = ReviewDecision(review=review, **fields)
    decision._history_user = actor
    decision.save()
    return decision


@transaction.atomic
def update_decision(*, decision: ReviewDecision, actor, fields: dict) -> ReviewDecision:
    """Correct a recorded decision; its history keeps what was written before."""
    if not permissions.can_manage(actor):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(decision, name, value)
    decision._history_user = actor
    decision.save()
    return decision


# --- input to the next review ------------------------------------------------------


def previous_review_actions_input(start: date, end: date) -> dict:
    previous = ManagementReview.objects.filter(meeting_date__lt=end).order_by("-meeting_date")
    review = previous.first()
    if review is None:
        return {"summary": _("No earlier management review."), "columns": [], "rows": []}
    decisions = list(review.decisions.select_related("corrective_action"))
    done = sum(1 for d in decisions if d.status == ReviewDecision.Status.DONE)
    rows = [
        [
            d.text,
            d.get_status_display(),
            d.corrective_action.number if d.corrective_action else "",
        ]
        for d in decisions
    ]
    return {
        "summary": _("Review of %(day)s: %(done)d of %(total)d actions done.")
        % {"day": review.meeting_date.strftime("%d/%m/%Y"), "done": done, "total": len(decisions)},
        "columns": [_("Decision"), _("Status"), _("Corrective action")],
        "rows": rows,
    }
