"""What the context app registers with the core (see ``ims.registry``)."""

from celery.schedules import crontab
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from context import review
from context.permissions import VIEWER_ROLES
from context.reminders import review_inbox
from ims.registry import (
    SYSTEM,
    ClauseEvidence,
    NavItem,
    ReviewInput,
    register_beat_entry,
    register_clause_evidence,
    register_demo_loader,
    register_inbox_source,
    register_nav,
    register_review_input,
)
from ims.roles import Role, manage_perms, register_role_grants, view_perms

models = ("contextsettings", "issue", "issuereview", "party", "need", "needlink")
register_role_grants(
    "context",
    {
        Role.ISO_SECRETARIAT: manage_perms(*models),
        Role.DEPARTMENT_HEAD: [*view_perms(*models), *manage_perms("issue", "issuereview")],
        Role.STAFF: view_perms(*models),
        Role.LEADERSHIP: view_perms(*models),
        Role.AUDITOR: view_perms(*models),
        Role.EXTERNAL_AUDITOR: view_perms(*models),
    },
)
register_nav(
    NavItem(
        label=_("Context of the organisation"),
        url_name="context:issues",
        order=60,
        roles=frozenset(VIEWER_ROLES),
        section=SYSTEM,
        description=_(
            "Internal and external issues (SWOT or PESTLE), reviewed yearly, and the "
            "processes they touch."
        ),
    )
)
register_nav(
    NavItem(
        label=_("Interested parties"),
        url_name="context:parties",
        order=61,
        roles=frozenset(VIEWER_ROLES),
        section=SYSTEM,
        description=_(
            "Learners, parents, staff, regulators… their needs and expectations, how each is "
            "met and how it is monitored."
        ),
    )
)
register_inbox_source(review_inbox)
register_review_input(
    ReviewInput(
        key="context.issues",
        label=_("Changes in external and internal issues relevant to the management system"),
        clause="9.3.2 b)",
        collect=review.collect,
        order=2,
    )
)


def _narrowed(name):
    def url(department) -> str:
        base = reverse(name)
        return (
            f"{base}?department={department.pk}"
            if department is not None and name == "context:issues"
            else base
        )

    return url


register_clause_evidence(
    ClauseEvidence(
        key="context.issues",
        label=_("Issues of the organisation's context"),
        clauses=("4.1",),
        url=_narrowed("context:issues"),
        order=10,
    )
)
register_clause_evidence(
    ClauseEvidence(
        key="context.parties",
        label=_("Interested parties and their needs"),
        clauses=("4.2",),
        url=_narrowed("context:parties"),
        order=11,
    )
)
register_beat_entry(
    "context-review-reminders",
    {"task": "context.tasks.send_review_reminders", "schedule": crontab(hour=7, minute=40)},
)


def load_demo(stdout=None) -> None:
    from context.demo import load  # read only when the demo is asked for

    load(stdout=stdout)


register_demo_loader(load_demo)
