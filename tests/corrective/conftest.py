"""The audits' fixtures (a programme, a round, an audit of TCCB led by an auditor of KHTC)."""

from tests.audits.conftest import audit, audit_round, lead_auditor, programme, today  # noqa: F401
