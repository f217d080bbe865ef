"""The error every rule of audits, corrective actions and management review raises."""


class AuditRuleError(Exception):
    """A rule of the audit process refused the change; ``str()`` is for the user."""


class ConflictError(AuditRuleError):
    """Someone else saved the same row meanwhile."""
