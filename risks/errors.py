"""The error every rule of the risk register raises."""


class RiskRuleError(Exception):
    """A rule of the register refused the change; ``str()`` is for the user."""


class ConflictError(RiskRuleError):
    """Someone else saved the same row meanwhile."""
