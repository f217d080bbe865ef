"""What the conformity app registers with the core (see ``ims.registry``)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from conformity.home import conformity_inbox
from ims.registry import (
    SYSTEM,
    ClauseEvidence,
    NavItem,
    register_beat_entry,
    register_clause_evidence,
    register_demo_loader,
    register_inbox_source,
    register_nav,
)
from ims.roles import Role, manage_perms, register_role_grants, view_perms

models = ("announcement", "yearlyreport")
register_role_grants(
    "conformity",
    {
        Role.ISO_SECRETARIAT: manage_perms(*models),
        Role.LEADERSHIP: view_perms(*models),
        Role.AUDITOR: view_perms(*models),
        Role.EXTERNAL_AUDITOR: view_perms(*models),
    },
)
register_nav(
    NavItem(
        label=_("Conformity announcement"),
        url_name="conformity:index",
        order=68,
        roles=frozenset(
            {Role.ISO_SECRETARIAT, Role.LEADERSHIP, Role.AUDITOR, Role.EXTERNAL_AUDITOR}
        ),
        section=SYSTEM,
        description=_(
            "The decision announcing the system's conformity to TCVN ISO 9001:2015, its scope "
            "and the changes since, and the yearly report on the system's operation."
        ),
    )
)
register_inbox_source(conformity_inbox)
# The announced scope is the organisation's statement of its system's scope (4.3).
register_clause_evidence(
    ClauseEvidence(
        key="conformity.scope",
        label=_("Announced scope of the system"),
        clauses=("4.3",),
        url=lambda department: reverse("conformity:index"),
        order=80,
    )
)
register_beat_entry(
    "conformity-scope-reminders",
    {"task": "conformity.tasks.send_scope_reminders", "schedule": 24 * 3600.0},
)


def load_demo(stdout=None) -> None:
    from conformity.demo import load  # read only when the demo is asked for

    load(stdout=stdout)


register_demo_loader(load_demo)
