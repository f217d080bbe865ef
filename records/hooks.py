"""What the records register tells the core (see ``ims.registry``)."""

from celery.schedules import crontab
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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
from records.permissions import READER_ROLES
from records.reminders import records_inbox

models = ("recordseries", "recordentry", "disposalproposal", "disposalsignoff")
register_role_grants(
    "records",
    {
        Role.ISO_SECRETARIAT: manage_perms(*models),
        Role.DEPARTMENT_HEAD: [*view_perms(*models), "change_recordseries", "add_recordentry"],
        Role.STAFF: [*view_perms(*models), "add_recordentry"],
        Role.LEADERSHIP: view_perms(*models),
        Role.AUDITOR: view_perms(*models),
        Role.EXTERNAL_AUDITOR: view_perms(*models),
    },
)
register_nav(
    NavItem(
        label=_("Records"),
        url_name="records:register",
        order=64,
        roles=frozenset(READER_ROLES),
        section=SYSTEM,
        description=_(
            "The records each procedure keeps, where and how long; the records logged per "
            "period, and their approved disposal."
        ),
    )
)
register_inbox_source(records_inbox)


def _register_url(department) -> str:
    url = reverse("records:register")
    return f"{url}?department={department.pk}" if department is not None else url


register_clause_evidence(
    ClauseEvidence(
        key="records.register",
        label=_("Records register"),
        clauses=("7.5.3",),
        url=_register_url,
        order=64,
    )
)
register_beat_entry(
    "records-reminders",
    {"task": "records.tasks.send_reminders", "schedule": crontab(hour=7, minute=10)},
)
register_beat_entry(
    "records-sync",
    {"task": "records.tasks.sync_all_series", "schedule": crontab(hour=2, minute=40)},
)


def load_demo(stdout=None) -> None:
    from records.demo import load  # read only when the demo is asked for

    load(stdout=stdout)


register_demo_loader(load_demo)
