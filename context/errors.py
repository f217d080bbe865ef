class ContextRuleError(Exception):
    """A write the rules refuse; the message is translated and shown to the person."""


class StaleEdit(ContextRuleError):
    """Someone else saved the row since the form was opened."""
