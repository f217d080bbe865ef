"""What the competence register tells the core (see ``ims.registry``)."""

from celery.schedules import crontab
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from competence import reminders, review
from competence.permissions import VIEWER_ROLES
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

models = (
    "trainingtopic",
    "requirement",
    "qualification",
    "experiencenote",
    "training",
    "trainingrecord",
)
register_role_grants(
    "competence",
    {
        Role.ISO_SECRETARIAT: manage_perms(*models),
        Role.DEPARTMENT_HEAD: [
            *view_perms(*models),
            *manage_perms("requirement", "qualification", "experiencenote", "trainingrecord"),
        ],
        Role.STAFF: view_perms("trainingtopic", "training"),
        Role.LEADERSHIP: view_perms(*models),
        Role.AUDITOR: view_perms(*models),
        Role.EXTERNAL_AUDITOR: view_perms(*models),
    },
)
register_nav(
    NavItem(
        label=_("Competence and awareness"),
        url_name="competence:index",
        order=63,
        roles=frozenset(VIEWER_ROLES),
        section=SYSTEM,
        description=_(
            "What each position requires, each person's qualifications and trainings, "
            "the gap between them, the training plan and the training matrix."
        ),
    )
)
register_inbox_source(reminders.inbox)
register_review_input(
    ReviewInput(
        key="competence",
        label=_("Adequacy of resources: competence and training"),
        clause="9.3.2 d)",
        collect=review.collect,
        order=40,
    )
)


def _evidence_url(department) -> str:
    if department is None:
        return reverse("competence:index")
    return f"{reverse('competence:matrix')}?department={department.pk}"


register_clause_evidence(
    ClauseEvidence(
        key="competence",
        label=_("Competence and training matrix"),
        clauses=("7.1.2", "7.2", "7.3"),
        url=_evidence_url,
        order=30,
    )
)
register_beat_entry(
    "competence-reminders",
    {"task": "competence.tasks.send_reminders", "schedule": crontab(hour=7, minute=10)},
)


def load_demo(stdout=None) -> None:
    from competence.demo import load  # read only when the demo is asked for

    load(stdout=stdout)


register_demo_loader(load_demo)
