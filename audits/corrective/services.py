"""Business rules of corrective actions, complaints and appeals.

Every write is one function here with an explicit ``actor``; each runs in a
transaction, refuses what the rules forbid with :class:`AuditRuleError` (a
translated message), asks ``audits/corrective/permissions.py`` for rights and
writes its event row.
"""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audits.corrective import permissions
from audits.corrective.models import Complaint, CorrectiveAction, CorrectiveActionEvent
from audits.errors import AuditRuleError
from ims.models import Department
from ims.permissions import department_of

CA = CorrectiveAction
ACTION_DUE_NOTICE_DAYS = 7


# --- corrective actions -----------------------------------------------------------


def _next_number(year: int) -> str:
    prefix = f"HĐKP-{year}-"
    last = (
        CA.objects.select_for_update()
        .filter(number__startswith=prefix)
        .order_by("-number")
        .values_list("number", flat=True)
        .first()
    )
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:03d}"


@transaction.atomic
def open_corrective_action(
    *,
    actor,
    source: str,
    department: Department,
    nonconformity: str,
    due_date: date,
    owner=None,
    clause=None,
    finding=None,
    complaint: Complaint | None = None,
    raised_on: date | None = None,
    verification_interval_days: int = 30,
    check_rights: bool = True,
) -> CorrectiveAction:
    """Open a corrective action and write its first event row.

    ``finding`` (an ``audits.Finding``) is given when an audit raised it; the audit's
    service has checked the auditor's rights then (``check_rights=False``)."""
    if check_rights and not permissions.can_manage(actor):
        raise PermissionDenied
    raised_on = raised_on or timezone.localdate()
    action = CA.objects.create(
        number=_next_number(raised_on.year),
        source=source,
        department=department,
        nonconformity=nonconformity,
        due_date=due_date,
        owner=owner or department.head,
        clause=clause,
        finding=finding,
        complaint=complaint,
        raised_on=raised_on,
        raised_by=actor,
        verification_interval_days=verification_interval_days,
    )
    CorrectiveActionEvent.objects.create(action=action, state=action.state, actor=actor)
    return action


def _locked(action: CorrectiveAction) -> CorrectiveAction:
    return CA.objects.select_for_update().get(pk=action.pk)


def _move(
    action: CorrectiveAction, state: str, actor, note: str = "", auth_method: str = ""
) -> None:
    if not action.can_move_to(state):
        raise AuditRuleError(
            _("A corrective action that is “%(now)s” cannot become “%(then)s”.")
            % {"now": action.get_state_display(), "then": CA.State(state).label}
        )
    action.state = state
    CorrectiveActionEvent.objects.create(
        action=action, state=state, actor=actor, note=note, auth_method=auth_method
    )


@transaction.atomic
def answer_corrective_action(
    *,
    action: CorrectiveAction,
    actor,
    correction: str,
    whys: list[str],
    root_cause: str,
    action_plan: str,
    due_date: date | None = None,
) -> CorrectiveAction:
    """The department records correction, root cause (5 whys) and action plan."""
    action = _locked(action)
    if not permissions.can_answer_action(actor, action):
        raise PermissionDenied
    if action.state not in CA.ANSWERABLE_STATES:
        raise AuditRuleError(_("This corrective action is no longer answered by the department."))
    if not (correction.strip() and root_cause.strip() and action_plan.strip()):
        raise AuditRuleError(_("Give the correction, the root cause and the action plan."))
    action.correction = correction
    action.whys = [w for w in whys if w.strip()][:5]
    action.root_cause = root_cause
    action.action_plan = action_plan
    if due_date:
        action.due_date = due_date
    if action.state != CA.State.PLANNED:
        _move(action, CA.State.PLANNED, actor)
    else:
        CorrectiveActionEvent.objects.create(
            action=action, state=action.state, actor=actor, note=_("Answer revised")
        )
    action.save()
    return action


@transaction.atomic
def mark_implemented(
    *, action: CorrectiveAction, actor, implemented_on: date, note: str = ""
) -> CorrectiveAction:
    """The action is done: effectiveness is checked after the set interval."""
    action = _locked(action)
    if not permissions.can_answer_action(actor, action):
        raise PermissionDenied
    if implemented_on > timezone.localdate():
        raise AuditRuleError(_("The action cannot be completed on a date still to come."))
    _move(action, CA.State.AWAITING_VERIFICATION, actor, note)
    action.implemented_on = implemented_on
    action.verification_due = action.next_verification_due(implemented_on)
    action.save()
    return action


@transaction.atomic
def verify_effectiveness(
    *,
    action: CorrectiveAction,
    actor,
    effective: bool,
    note: str,
    today: date | None = None,
    auth_method: str = "",
) -> CorrectiveAction:
    """The secretariat checks effectiveness: effective closes, ineffective reopens.

    A sign-off: ``auth_method`` (``ims.reauth.AuthMethod``) is how the actor confirmed
    it was them, kept on the event row."""
    today = today or timezone.localdate()
    action = _locked(action)
    if not permissions.can_verify_action(actor, action):
        raise PermissionDenied
    if action.state != CA.State.AWAITING_VERIFICATION:
        raise AuditRuleError(
            _("Only an action that is done and awaiting verification can be verified.")
        )
    if action.verification_due and today < action.verification_due:
        raise AuditRuleError(
            _("Effectiveness can be verified from %(day)s, once the action has had time to work.")
            % {"day": action.verification_due.strftime("%d/%m/%Y")}
        )
    if not note.strip():
        raise AuditRuleError(_("Write what was checked and what it showed."))
    action.verified_on = today
    action.verified_by = actor
    action.verification_note = note
    if effective:
        _move(action, CA.State.CLOSED, actor, note, auth_method)
        action.closed_on = today
    else:
        _move(action, CA.State.REOPENED, actor, note, auth_method)
        action.times_reopened += 1
        action.implemented_on = None
        action.verification_due = None
        action.verified_on = None
    action.save()
    return action


# --- complaints -----------------------------------------------------------------


@transaction.atomic
def answer_complaint(*, complaint: Complaint, actor, response: str) -> Complaint:
    if not permissions.can_manage(actor):
        raise PermissionDenied
    if not response.strip():
        raise AuditRuleError(_("Write the response given."))
    complaint.response = response
    complaint.status = Complaint.Status.ANSWERED
    complaint.answered_on = timezone.localdate()
    complaint.save(update_fields=["response", "status", "answered_on"])
    return complaint


@transaction.atomic
def record_complaint(*, actor, fields: dict) -> Complaint:
    """Record a complaint or appeal as received; ``fields`` are its own columns."""
    if not permissions.can_manage(actor):
        raise PermissionDenied
    complaint = Complaint(**fields, recorded_by=actor)
    complaint._history_user = actor
    complaint.save()
    return complaint


def action_from_complaint(*, complaint: Complaint, actor, due_date: date) -> CorrectiveAction:
    source = CA.Source.APPEAL if complaint.kind == Complaint.Kind.APPEAL else CA.Source.COMPLAINT
    return open_corrective_action(
        actor=actor,
        source=source,
        department=complaint.department,
        nonconformity=f"{complaint.subject}\n\n{complaint.description}",
        due_date=due_date,
        complaint=complaint,
    )


# --- inputs to the management review and indicators ------------------------------


def corrective_action_status_input(start: date, end: date) -> dict:
    today = timezone.localdate()
    actions = CA.objects.filter(raised_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )
    by_state = Counter(a.state for a in actions)
    overdue = sum(1 for a in actions if a.is_overdue(min(today, end)))
    rows = [[str(label), by_state[value]] for value, label in CA.State.choices]
    return {
        "summary": _("%(total)d corrective actions in the period; %(overdue)d overdue.")
        % {"total": len(actions), "overdue": overdue},
        "columns": [_("State"), _("Number")],
        "rows": rows,
    }


def complaints_input(start: date, end: date) -> dict:
    complaints = Complaint.objects.filter(received_on__range=(start, end))
    counts = Counter((c.get_kind_display(), c.get_party_display()) for c in complaints)
    answered = complaints.filter(status=Complaint.Status.ANSWERED).count()
    return {
        "summary": _("%(total)d complaints and appeals received; %(answered)d answered.")
        % {"total": complaints.count(), "answered": answered},
        "columns": [_("Kind"), _("From"), _("Number")],
        "rows": [[k, p, n] for (k, p), n in sorted(counts.items())],
    }


def actions_closed_on_time(start: date, end: date, department, parameter: str) -> Decimal | None:
    """Share (%) of the corrective actions due in the period that were done by their
    due date and closed as effective. None when no action fell due."""
    actions = CA.objects.filter(due_date__range=(start, end))
    if department is not None:
        actions = actions.filter(department=department)
    total = actions.count()
    if not total:
        return None
    on_time = actions.filter(state=CA.State.CLOSED, implemented_on__lte=F("due_date")).count()
    return (Decimal(on_time) * 100 / total).quantize(Decimal("0.1"))


# --- what needs people: reminders and the home page -----------------------------------


def reminder_occasions(today: date, secretariat):
    """(key, recipients, subject, body, url) for each corrective-action reminder due
    ``today``: due soon (owner), overdue (owner and head), effectiveness to verify
    (``secretariat``, a callable giving the secretariat's users)."""
    acting = CA.objects.still_to_act().select_related("owner", "department__head")
    for action in acting.filter(due_date__range=(today, today + timedelta(ACTION_DUE_NOTICE_DAYS))):
        yield (
            f"ca-due:{action.pk}:{action.due_date.isoformat()}",
            {action.owner} if action.owner else set(),
            _("Corrective action %(number)s is due on %(day)s")
            % {"number": action.number, "day": action.due_date.strftime("%d/%m/%Y")},
            action.nonconformity,
            action.get_absolute_url(),
        )
    for action in acting.filter(due_date__lt=today):
        people = {action.owner} if action.owner else set()
        if action.department.head:
            people.add(action.department.head)
        yield (
            f"ca-overdue:{action.pk}:{action.due_date.isoformat()}",
            people,
            _("Corrective action %(number)s is overdue since %(day)s")
            % {"number": action.number, "day": action.due_date.strftime("%d/%m/%Y")},
            action.nonconformity,
            action.get_absolute_url(),
        )
    checks = CA.objects.filter(
        state=CA.State.AWAITING_VERIFICATION, verification_due__lte=today
    ).select_related("department")
    people = list(secretariat()) if checks else []
    for action in checks:
        yield (
            f"ca-verify:{action.pk}:{action.verification_due.isoformat()}",
            set(people),
            _("Effectiveness of %(number)s to verify") % {"number": action.number},
            action.nonconformity,
            action.get_absolute_url(),
        )


def actions_for(user, today: date) -> list[CorrectiveAction]:
    """The actions ``user`` (owner, or head of the department) still has to act on:
    waiting for an answer, or planned and coming due."""
    department = department_of(user)
    action_q = Q(owner=user)
    if department and department.head_id == user.pk:
        action_q |= Q(department=department)
    needs_answer = Q(state__in=[CA.State.OPEN, CA.State.REOPENED])
    coming_due = Q(due_date__lte=today + timedelta(ACTION_DUE_NOTICE_DAYS))
    return list(
        CA.objects.still_to_act()
        .filter(action_q)
        .filter(needs_answer | coming_due)
        .order_by("due_date")
    )


def checks_for(user, today: date) -> list[CorrectiveAction]:
    """The effectiveness checks due that ``user`` (the secretariat) makes."""
    if not permissions.can_manage(user):
        return []
    return list(
        CA.objects.filter(state=CA.State.AWAITING_VERIFICATION, verification_due__lte=today)
    )
