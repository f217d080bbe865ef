"""Role rules shared by audits, corrective actions and management review.

Roles themselves live in ``ims/roles.py``; these say which of them read every record
of the three areas and who runs them. No model is imported here, so every area's
models and permissions can ask.
"""

from django.core.exceptions import PermissionDenied

from ims.permissions import has_role, is_secretariat, writes_nothing
from ims.roles import Role

# Roles that read every audit record (read-only unless also secretariat).
READ_ALL_ROLES = (Role.ISO_SECRETARIAT, Role.LEADERSHIP, Role.AUDITOR, Role.EXTERNAL_AUDITOR)

# Roles whose holders record in the audits they are named on.
AUDITING_ROLES = (Role.AUDITOR, Role.STAFF, Role.DEPARTMENT_HEAD)


def can_manage(user) -> bool:
    """The ISO secretariat runs programmes, audits, complaints and reviews."""
    return is_secretariat(user) and not writes_nothing(user)


def require_manager(user) -> None:
    """403 unless ``user`` runs the process (for pages that create, before any object)."""
    if not can_manage(user):
        raise PermissionDenied


def can_read_all(user) -> bool:
    """Leadership, the secretariat and every auditor read every record of the three areas."""
    return has_role(user, *READ_ALL_ROLES)


def require_reader(user) -> None:
    """403 unless ``user`` reads every record (programmes, complaints, reviews)."""
    if not can_read_all(user):
        raise PermissionDenied
