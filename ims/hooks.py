"""What the organisation core registers with the registry (see ``ims.registry``)."""

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from ims.home import background_work_panel
from ims.notifications.account import notifications_section
from ims.registry import (
    NavItem,
    register_account_section,
    register_beat_entry,
    register_demo_loader,
    register_home_panel,
    register_nav,
    register_own_account_url,
    register_public_url,
)
from ims.roles import Role, manage_perms, register_role_grants, view_perms

core = ("department", "unit", "position", "schoolyear", "profile", "organisation")
register_role_grants(
    "ims",
    {
        Role.STAFF: view_perms(*core),
        Role.DEPARTMENT_HEAD: view_perms(*core),
        Role.ISO_SECRETARIAT: manage_perms(*core),
        Role.LEADERSHIP: [*view_perms(*core), "change_organisation"],
        Role.AUDITOR: view_perms(*core),
        Role.EXTERNAL_AUDITOR: view_perms(*core),
        Role.UNIT_CONTACT: view_perms("organisation", "schoolyear", "unit"),
    },
)
register_role_grants("auth", {Role.ISO_SECRETARIAT: ["add_user", "change_user", "view_user"]})

register_home_panel(background_work_panel)
register_public_url("ims:logo")
register_public_url("oidc_login")
register_public_url("oidc_callback")

register_nav(NavItem(label=_("Home"), url_name="home", order=0))
register_nav(
    NavItem(
        label=_("Organisation"),
        url_name="ims:departments",
        order=90,
        roles=frozenset({Role.ISO_SECRETARIAT}),
    )
)

register_beat_entry(
    "ims-worker-heartbeat", {"task": "ims.tasks.record_heartbeat", "schedule": 300.0}
)

# The summaries of "Việc của tôi" (ims.notifications.digest): every morning for those who
# chose a daily one, Monday mornings for those who chose the weekly one; each once per
# person and period, so a run by hand (run_schedule) or a late beat sends nothing twice.
register_beat_entry(
    "ims-daily-digest",
    {"task": "ims.tasks.send_digests", "schedule": crontab(hour=6, minute=30), "args": ("daily",)},
)
register_beat_entry(
    "ims-weekly-digest",
    {
        "task": "ims.tasks.send_digests",
        "schedule": crontab(hour=6, minute=30, day_of_week=1),
        "args": ("weekly",),
    },
)
register_account_section(notifications_section)
register_own_account_url("notifications")


def load_demo(stdout=None) -> None:
    from ims.demo import load  # the demo's modules load only when asked for

    load(stdout=stdout)


register_demo_loader(load_demo)
