"""What the register of risks and opportunities registers with the core (see ``ims.registry``)."""

from django.utils.translation import gettext_lazy as _

from ims.registry import (
    SYSTEM,
    ClauseEvidence,
    NavItem,
    ReviewInput,
    register_beat_entry,
    register_clause_evidence,
    register_dashboard_panel,
    register_demo_loader,
    register_inbox_source,
    register_nav,
    register_review_input,
)
from ims.roles import Role, manage_perms, register_role_grants, view_perms
from risks.dashboard import heat_map_panel
from risks.home import risk_inbox
from risks.permissions import READER_ROLES
from risks.register import register_url
from risks.review import treatment_effectiveness_input

models = ("risk", "riskaction", "riskreview", "residualacceptance", "riskscale")
register_role_grants(
    "risks",
    {
        Role.ISO_SECRETARIAT: manage_perms(*models),
        Role.LEADERSHIP: view_perms(*models),
        Role.AUDITOR: view_perms(*models),
        Role.EXTERNAL_AUDITOR: view_perms(*models),
        Role.DEPARTMENT_HEAD: view_perms(*models),
        Role.STAFF: view_perms(*models),
    },
)
register_nav(
    NavItem(
        label=_("Risks and opportunities"),
        url_name="risks:register",
        order=61,
        roles=frozenset(READER_ROLES),
        section=SYSTEM,
        description=_(
            "Risks and opportunities of each department and process, rated on the 5×5 scale, "
            "their treatment, reviews and the heat map (clause 6.1)."
        ),
    )
)
register_inbox_source(risk_inbox)
register_review_input(
    ReviewInput(
        key="risks.treatment_effectiveness",
        label=_("Effectiveness of actions taken to address risks and opportunities"),
        clause="9.3.2 e)",
        collect=treatment_effectiveness_input,
        order=50,
    )
)
register_clause_evidence(
    ClauseEvidence(
        key="risks.register",
        label=_("Register of risks and opportunities"),
        clauses=("6.1",),
        url=register_url,
        order=10,
    )
)
register_dashboard_panel(heat_map_panel)
register_beat_entry(
    "risks-review-reminders",
    {"task": "risks.tasks.send_review_reminders", "schedule": 3600.0},
)


def load_demo(stdout=None) -> None:
    from risks.demo import load  # read only when the demo is asked for

    load(stdout=stdout)


register_demo_loader(load_demo)
