"""Who may do what with management reviews.

* The ISO secretariat prepares reviews, records their minutes and decisions, and
  opens corrective actions from decisions.
* Leadership and every auditor read them; the external auditor writes nothing.

Views and services ask these; the ``get_*_for_user`` helpers fetch or refuse with 403.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from audits.review.models import ManagementReview, ReviewDecision
from audits.roles import can_manage, can_read_all, require_manager

__all__ = [
    "can_manage",
    "can_read_reviews",
    "get_decision_for_user",
    "get_review_for_user",
    "get_rw_review_for_user",
    "require_review_reader",
    "require_manager",
]


def can_read_reviews(user) -> bool:
    return can_read_all(user)


def get_review_for_user(user, pk: int) -> ManagementReview:
    """The review if ``user`` may read reviews, else 403 (404 if there is none)."""
    if not can_read_reviews(user):
        raise PermissionDenied
    return get_object_or_404(
        ManagementReview.objects.select_related("school_year", "prepared_by"), pk=pk
    )


def get_rw_review_for_user(user, pk: int) -> ManagementReview:
    """The review if ``user`` may record in it (the secretariat), else 403."""
    if not can_manage(user):
        raise PermissionDenied
    return get_object_or_404(ManagementReview, pk=pk)


def get_decision_for_user(user, pk: int) -> ReviewDecision:
    """A decision to change (the secretariat's), else 403 (404 if there is none)."""
    if not can_manage(user):
        raise PermissionDenied
    return get_object_or_404(ReviewDecision.objects.select_related("review"), pk=pk)


def require_review_reader(user) -> None:
    """403 unless ``user`` may read the management reviews."""
    if not can_read_reviews(user):
        raise PermissionDenied
