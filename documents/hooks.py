"""What document control registers with the core (see ``ims.registry``)."""

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from documents.home import work_items
from documents.indicators import DOCUMENT_CHANGES, REVIEWED_ON_TIME
from ims.registry import (
    NavItem,
    register_beat_entry,
    register_demo_loader,
    register_inbox_source,
    register_indicator_source,
    register_nav,
    register_reading_post,
    register_review_input,
)
from ims.roles import Role, manage_perms, register_role_grants, view_perms

readable = view_perms(
    "document", "revision", "step", "recordkept", "signoff",
    "acknowledgement", "changerequest", "reviewrecord",
)  # fmt: skip
# Model permissions say what a role may do at all; which document a
# person may edit, review or approve is a guardian object permission.
register_role_grants(
    "documents",
    {
        Role.STAFF: readable
        + ["add_revision", "change_revision", "add_acknowledgement", "add_changerequest"],
        Role.DEPARTMENT_HEAD: readable
        + [
            "add_revision",
            "change_revision",
            "add_acknowledgement",
            "add_changerequest",
            "change_changerequest",
            "add_reviewrecord",
        ],
        Role.ISO_SECRETARIAT: readable
        + manage_perms("document", "revision", "changerequest", "reviewrecord", "approvalrule")
        + ["add_acknowledgement"],
        Role.LEADERSHIP: readable + ["add_acknowledgement", "add_changerequest", "change_revision"],
        Role.AUDITOR: readable,
        Role.EXTERNAL_AUDITOR: readable,
        Role.UNIT_CONTACT: view_perms("document", "revision") + ["add_acknowledgement"],
    },
)

register_inbox_source(work_items)
register_nav(NavItem(label=_("Documents"), url_name="documents:register", order=20))
register_nav(
    NavItem(
        label=_("New document"),
        url_name="documents:create",
        order=21,
        roles=frozenset({Role.ISO_SECRETARIAT}),
    )
)
# Printed output (issue 5): the builds page in the secretariat's menu.
register_nav(
    NavItem(
        label=_("Manual and reports"),
        url_name="documents:builds",
        order=25,
        roles=frozenset({Role.ISO_SECRETARIAT}),
    )
)
# Checking a PDF's signature uploads it but writes nothing: the external
# auditor, who writes nothing, verifies documents too.
register_reading_post("documents:verify")
register_indicator_source(REVIEWED_ON_TIME)
register_review_input(DOCUMENT_CHANGES)

# Editions approved for a future date take effect early in the morning of that day.
register_beat_entry(
    "documents-publish-due",
    {
        "task": "documents.tasks.publish_due_editions",
        "schedule": crontab(minute=5, hour="0-23/6"),
    },
)
# A manual build whose tasks were lost with a killed worker is failed with a reason.
register_beat_entry(
    "documents-stalled-builds",
    {"task": "documents.tasks_pdf.fail_stalled_builds", "schedule": 60.0},
)
register_beat_entry(
    "documents-reminders",
    {
        "task": "documents.tasks.send_document_reminders",
        "schedule": crontab(minute=30, hour=7, day_of_week="mon-fri"),
    },
)


def load_demo(stdout=None) -> None:
    from documents.demo import load  # 3,000 lines of demo texts, read only when asked for

    load(stdout=stdout)


register_demo_loader(load_demo)
