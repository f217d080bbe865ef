"""Who may do what with satisfaction surveys.

* The ISO secretariat writes questionnaires and runs campaigns (links, reminders,
  closing).
* The secretariat, leadership, the auditors (the certification body's too) and
  department heads read campaigns and their results.
* Anybody with a link answers it: the answer pages are public URLs
  (``surveys/hooks.py``) and need no rule here.

Roles are in ``ims.roles``. Views ask these rules; the ``get_*_for_user``
helpers fetch a row or refuse with 403 (healthchecks' ``_get_check_for_user`` /
``_get_rw_check_for_user``).
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from ims.permissions import has_role, is_secretariat
from ims.roles import Role
from surveys.models import Campaign, Question, Survey

RESULT_ROLES = (
    Role.ISO_SECRETARIAT,
    Role.LEADERSHIP,
    Role.AUDITOR,
    Role.EXTERNAL_AUDITOR,
    Role.DEPARTMENT_HEAD,
)


def can_manage_surveys(user) -> bool:
    """Write questionnaires and run campaigns."""
    return is_secretariat(user)


def can_read_results(user) -> bool:
    """Read questionnaires, campaigns and their results."""
    return has_role(user, *RESULT_ROLES)


def require_manager(user) -> None:
    if not can_manage_surveys(user):
        raise PermissionDenied


def require_reader(user) -> None:
    if not can_read_results(user):
        raise PermissionDenied


# --- fetch or 403 --------------------------------------------------------------------


def get_survey_for_user(user, pk) -> Survey:
    require_reader(user)
    return get_object_or_404(Survey, pk=pk)


def get_rw_survey_for_user(user, pk) -> Survey:
    require_manager(user)
    return get_object_or_404(Survey, pk=pk)


def get_rw_question_for_user(user, survey_pk, pk) -> Question:
    require_manager(user)
    return get_object_or_404(Question, pk=pk, survey_id=survey_pk)


def get_campaign_for_user(user, pk, *, related=()) -> Campaign:
    require_reader(user)
    return get_object_or_404(Campaign.objects.select_related(*related), pk=pk)


def get_rw_campaign_for_user(user, pk) -> Campaign:
    require_manager(user)
    return get_object_or_404(Campaign, pk=pk)
