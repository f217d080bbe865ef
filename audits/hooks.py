"""What the audits app registers with the core (see ``ims.registry``)."""

from django.utils.translation import gettext_lazy as _

from audits import services
from audits.corrective import services as corrective
from audits.home import audit_inbox
from audits.review import services as review
from ims.registry import (
    IndicatorSource,
    NavItem,
    ReviewInput,
    register_beat_entry,
    register_demo_loader,
    register_inbox_source,
    register_indicator_source,
    register_nav,
    register_review_input,
)
from ims.roles import Role, manage_perms, register_role_grants, view_perms

models = (
    "auditprogramme",
    "auditround",
    "audit",
    "auditevent",
    "checklistitem",
    "finding",
    "complaint",
    "correctiveaction",
    "correctiveactionevent",
    "managementreview",
    "reviewdecision",
)
register_role_grants(
    "audits",
    {
        Role.ISO_SECRETARIAT: manage_perms(*models),
        Role.LEADERSHIP: view_perms(*models),
        Role.AUDITOR: view_perms(*models),
        Role.EXTERNAL_AUDITOR: view_perms(*models),
        Role.DEPARTMENT_HEAD: view_perms("correctiveaction", "finding"),
        Role.STAFF: view_perms("correctiveaction"),
    },
)
register_nav(
    NavItem(
        label=_("Audits"),
        url_name="audits:programmes",
        order=40,
        roles=frozenset(
            {
                Role.ISO_SECRETARIAT,
                Role.LEADERSHIP,
                Role.AUDITOR,
                Role.EXTERNAL_AUDITOR,
                Role.DEPARTMENT_HEAD,
            }
        ),
    )
)
register_nav(NavItem(label=_("Corrective actions"), url_name="audits:actions", order=41))
register_inbox_source(audit_inbox)
register_indicator_source(
    IndicatorSource(
        key="audits.actions_closed_on_time",
        label=_("Corrective actions closed on time"),
        unit="%",
        compute=corrective.actions_closed_on_time,
    )
)
for review_input in (
    ReviewInput(
        key="audits.audit_results",
        label=_("Results of audits"),
        clause="9.3.2 c) 6)",
        collect=services.audit_results_input,
        order=30,
    ),
    ReviewInput(
        key="audits.corrective_actions",
        label=_("Nonconformities and corrective actions"),
        clause="9.3.2 c) 4)",
        collect=corrective.corrective_action_status_input,
        order=31,
    ),
    ReviewInput(
        key="audits.complaints",
        label=_("Complaints and appeals of learners and other beneficiaries"),
        clause="9.3.2 c) 1)",
        collect=corrective.complaints_input,
        order=32,
    ),
    ReviewInput(
        key="audits.previous_review",
        label=_("Status of actions from previous management reviews"),
        clause="9.3.2 a)",
        collect=review.previous_review_actions_input,
        order=1,
    ),
):
    register_review_input(review_input)

register_beat_entry("audits-reminders", {"task": "audits.tasks.send_reminders", "schedule": 3600.0})


def load_demo(stdout=None) -> None:
    from audits.demo import load  # read only when the demo is asked for

    load(stdout=stdout)


register_demo_loader(load_demo)
