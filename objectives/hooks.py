"""What the objectives app registers with the core (see ``ims.registry``)."""

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from ims.registry import (
    NavItem,
    ReviewInput,
    register_beat_entry,
    register_demo_loader,
    register_inbox_source,
    register_nav,
    register_review_input,
)
from ims.roles import Role, manage_perms, register_role_grants, view_perms
from objectives import review
from objectives.home import late_measurements
from objectives.permissions import VIEWER_ROLES

models = ("objective", "planaction", "indicator", "measurement", "evidence")
register_role_grants(
    "objectives",
    {
        Role.STAFF: [*view_perms(*models), "add_measurement", "add_evidence"],
        Role.DEPARTMENT_HEAD: [
            *view_perms(*models),
            *manage_perms("objective", "planaction", "indicator", "measurement"),
            "add_evidence",
        ],
        Role.ISO_SECRETARIAT: manage_perms(*models),
        Role.LEADERSHIP: view_perms(*models),
        Role.AUDITOR: view_perms(*models),
        Role.EXTERNAL_AUDITOR: view_perms(*models),
    },
)
register_nav(
    NavItem(
        label=_("Objectives"),
        url_name="objectives:dashboard",
        order=30,
        roles=frozenset(VIEWER_ROLES),
    )
)
register_inbox_source(late_measurements)
register_review_input(
    ReviewInput(
        key="objectives",
        label=_("Extent to which quality objectives have been met"),
        clause="9.3.2 c) 2)",
        collect=review.collect,
        order=20,
    )
)

register_beat_entry(
    "objectives-late-measurements",
    {
        "task": "objectives.tasks.send_late_measurement_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
)
register_beat_entry(
    "objectives-computed-indicators",
    {
        "task": "objectives.tasks.refresh_computed_indicators",
        "schedule": crontab(hour=2, minute=15),
    },
)


def load_demo(stdout=None) -> None:
    from objectives.demo import load  # read only when the demo is asked for

    load(stdout=stdout)


register_demo_loader(load_demo)
