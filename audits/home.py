"""The audits' part of the inbox ("Việc của tôi"): audits coming up, corrective
actions to answer or carry out, effectiveness checks to make."""

from django.utils.translation import gettext as _

from audits.models import Audit
from audits.services import home_items
from ims.registry import NORMAL, URGENT, InboxItem


def audit_inbox(user, today) -> list[InboxItem]:
    """Four queries whatever the number of audits and actions."""
    found = home_items(user, today)
    items = []
    audits = found["audits"]
    auditing = {audit.pk for audit in audits if audit.lead_auditor_id == user.pk}
    if audits:
        auditing |= set(
            Audit.objects.filter(pk__in=[a.pk for a in audits], team=user).values_list(
                "pk", flat=True
            )
        )
    for audit in audits:
        items.append(
            InboxItem(
                kind="audits.audit",
                label=str(audit),
                action=(
                    _("audit to prepare: fill in the checklist")
                    if audit.pk in auditing
                    else _("your department is audited: to prepare")
                ),
                url=audit.get_absolute_url(),
                due=audit.date,
                urgency=NORMAL,
                nav="audits:programmes",
            )
        )
    for action in found["actions"]:
        to_answer = action.state in (action.State.OPEN, action.State.REOPENED)
        items.append(
            InboxItem(
                kind="audits.action",
                label=f"{action.number} · {action.nonconformity[:80]}",
                action=(
                    _("corrective action to plan")
                    if to_answer
                    else _("corrective action to carry out")
                ),
                url=action.get_absolute_url(),
                due=action.due_date,
                urgency=URGENT if to_answer else NORMAL,
                nav="audits:actions",
            )
        )
    for action in found["checks"]:
        items.append(
            InboxItem(
                kind="audits.check",
                label=f"{action.number} · {action.nonconformity[:80]}",
                action=_("effectiveness to verify"),
                url=action.get_absolute_url(),
                due=action.verification_due,
                urgency=NORMAL,
                nav="audits:actions",
            )
        )
    return items
