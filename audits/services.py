"""Business rules of audits, corrective actions and management review.

Every write that matters is one function here with an explicit ``actor``; each
runs in a transaction, refuses what the rules forbid with :class:`AuditRuleError`
(a translated message) and writes its event row.
"""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audits import permissions
from audits.models import (
    Audit,
    AuditRound,
    ChecklistItem,
    Complaint,
    CorrectiveAction,
    CorrectiveActionEvent,
    Finding,
    ManagementReview,
    ReviewDecision,
    SentReminder,
)
from ims.models import Department
from ims.permissions import department_of
from ims.registry import review_inputs
from ims.roles import Role

CA = CorrectiveAction
DEFAULT_ACTION_DAYS = 30
AUDIT_NOTICE_DAYS = 7
ACTION_DUE_NOTICE_DAYS = 7


class AuditRuleError(Exception):
    """A rule of the audit process refused the change; ``str()`` is for the user."""


class ConflictError(AuditRuleError):
    """Someone else saved the same row meanwhile."""


# --- rights (audits/permissions.py; names kept here for the callers) ------------

can_manage = permissions.can_manage
access_audit = permissions.access_audit
can_fill_checklist = permissions.can_fill_checklist
access_action = permissions.access_action
can_answer_action = permissions.can_answer_action


# --- audits ---------------------------------------------------------------------


def check_independence(*, department: Department | None, auditors) -> None:
    """An auditor never audits their own department (ISO 19011 objectivity)."""
    if department is None:
        return
    own = [p for p in auditors if p is not None and department_of(p) == department]
    if own:
        names = ", ".join(p.get_full_name() or p.username for p in own)
        raise AuditRuleError(
            _(
                "%(names)s cannot audit %(department)s: an auditor never audits "
                "their own department. Choose auditors from other departments."
            )
            % {"names": names, "department": department.name}
        )


@transaction.atomic
def plan_audit(*, actor, round: AuditRound, fields: dict, clauses, team, documents=()) -> Audit:
    """Create an audit in ``round``; ``fields`` are the audit's own columns."""
    if not can_manage(actor):
        raise PermissionDenied
    team = list(team)
    check_independence(
        department=fields.get("department"), auditors=[fields["lead_auditor"], *team]
    )
    audit = Audit.objects.create(round=round, **fields)
    audit.clauses.set(clauses)
    audit.documents.set(documents)
    audit.team.set(team)
    return audit


@transaction.atomic
def update_audit(*, actor, audit: Audit, fields: dict, clauses, team, documents=()) -> Audit:
    if not can_manage(actor):
        raise PermissionDenied
    team = list(team)
    check_independence(
        department=fields.get("department"), auditors=[fields["lead_auditor"], *team]
    )
    for name, value in fields.items():
        setattr(audit, name, value)
    audit.save()
    audit.clauses.set(clauses)
    audit.documents.set(documents)
    audit.team.set(team)
    return audit


def _clause_question(clause) -> str:
    return _("Is %(clause)s “%(title)s” met? Ask for the records that show it.") % {
        "clause": clause.short_label,
        "title": clause.title,
    }


def _document_question(document) -> str:
    revision = document.current
    question = _("Is %(code)s “%(title)s” applied as written? Ask for the records it requires.") % {
        "code": document.code,
        "title": document.title,
    }
    if revision is not None:
        records = [r.name for r in revision.records.all()]
        question += " " + _("Edition %(number)s.") % {"number": revision.number}
        if records:
            question += " " + _("Records: %(records)s.") % {"records": "; ".join(records)}
    return question


@transaction.atomic
def generate_checklist(*, audit: Audit, actor) -> tuple[int, int]:
    """Bring the checklist in line with the audit's criteria: one item per clause and
    one per document in scope.

    Items of clauses or documents no longer in scope are removed unless already
    answered (evidence is never thrown away). Returns (added, removed).
    """
    if not can_fill_checklist(actor, audit):
        raise PermissionDenied
    # By clause number, the two standards interleaved: an integrated audit goes clause by clause.
    clauses = list(audit.clauses.order_by("sort_key", "-standard", "edition"))
    documents = list(
        audit.documents.in_register_order()
        .select_related("current")
        .prefetch_related("current__records")
    )
    items = list(audit.checklist.select_for_update())
    wanted_clauses = {c.pk for c in clauses}
    wanted_documents = {d.pk for d in documents}
    stale = [
        i
        for i in items
        if (i.clause_id and i.clause_id not in wanted_clauses)
        or (i.document_id and i.document_id not in wanted_documents)
    ]
    kept_stale = [i for i in stale if i.is_answered or i.findings.exists()]
    removed = len(stale) - len(kept_stale)
    ChecklistItem.objects.filter(pk__in=[i.pk for i in stale if i not in kept_stale]).delete()
    have_clauses = {i.clause_id for i in items if i.clause_id}
    have_documents = {i.document_id for i in items if i.document_id}
    new = [
        ChecklistItem(audit=audit, clause=c, question=_clause_question(c))
        for c in clauses
        if c.pk not in have_clauses
    ] + [
        ChecklistItem(audit=audit, document=d, question=_document_question(d))
        for d in documents
        if d.pk not in have_documents
    ]
    ChecklistItem.objects.bulk_create(new)
    # Clauses in number order, then the documents in register order.
    order = {("c", c.pk): n for n, c in enumerate(clauses, start=1)}
    order.update({("d", d.pk): len(clauses) + n for n, d in enumerate(documents, start=1)})
    for item in audit.checklist.all():
        key = ("c", item.clause_id) if item.clause_id else ("d", item.document_id)
        position = order.get(key, 10_000)
        if item.order != position:
            ChecklistItem.objects.filter(pk=item.pk).update(order=position)
    if audit.status == Audit.Status.PLANNED:
        Audit.objects.filter(pk=audit.pk).update(status=Audit.Status.IN_PROGRESS)
        audit.status = Audit.Status.IN_PROGRESS
    return len(new), removed


def save_checklist_item(
    *, item: ChecklistItem, actor, result: str, evidence: str, version: int
) -> ChecklistItem:
    """Save one answer; refuse it when someone else saved the item since ``version``."""
    if not can_fill_checklist(actor, item.audit):
        raise PermissionDenied
    if result not in ChecklistItem.Result.values:
        raise AuditRuleError(_("Choose one of the results offered."))
    updated = ChecklistItem.objects.filter(pk=item.pk, version=version).update(
        result=result,
        evidence=evidence,
        version=F("version") + 1,
        updated_at=timezone.now(),
        updated_by=actor,
    )
    item.refresh_from_db()
    if not updated:
        raise ConflictError(
            _(
                "%(name)s saved this item meanwhile; their answer is shown. "
                "Add yours to it and save again."
            )
            % {"name": item.updated_by.get_full_name() if item.updated_by else _("Someone")}
        )
    return item


@transaction.atomic
def record_finding(
    *,
    audit: Audit,
    actor,
    grade: str,
    clause,
    department: Department,
    statement: str,
    evidence: str,
    checklist_item: ChecklistItem | None = None,
    due_date: date | None = None,
) -> Finding:
    """Record a finding; a nonconformity opens its corrective action at once."""
    if not can_fill_checklist(actor, audit):
        raise PermissionDenied
    finding = Finding.objects.create(
        audit=audit,
        grade=grade,
        clause=clause,
        department=department,
        statement=statement,
        evidence=evidence,
        checklist_item=checklist_item,
        recorded_by=actor,
    )
    if finding.is_nonconformity:
        source = CA.Source.EXTERNAL_AUDIT if audit.round.is_external else CA.Source.INTERNAL_AUDIT
        open_corrective_action(
            actor=actor,
            source=source,
            department=department,
            nonconformity=f"{finding.get_grade_display()}: {statement}",
            due_date=due_date or timezone.localdate() + timedelta(days=DEFAULT_ACTION_DAYS),
            owner=department.head,
            clause=clause,
            finding=finding,
            check_rights=False,
        )
    return finding


@transaction.atomic
def correct_finding(*, finding: Finding, actor, clause, statement: str, evidence: str) -> Finding:
    """Correct a finding's clause, wording or evidence while its audit is in progress.

    The grade and the department stay as recorded: a nonconformity has opened its
    corrective action for that department already (record a new finding instead).
    The corrective action's statement follows the correction while the department
    has not answered it yet; the history keeps what was first written.
    """
    audit = finding.audit
    if not can_fill_checklist(actor, audit):
        raise PermissionDenied
    finding.clause = clause
    finding.statement = statement
    finding.evidence = evidence
    finding.save(update_fields=["clause", "statement", "evidence"])
    action = CA.objects.select_for_update().filter(finding=finding, state=CA.State.OPEN).first()
    if action is not None:
        action.nonconformity = f"{finding.get_grade_display()}: {statement}"
        action.clause = clause
        action.save(update_fields=["nonconformity", "clause"])
    return finding


@transaction.atomic
def complete_audit(*, audit: Audit, actor, summary: str) -> Audit:
    """Close the audit with its summary (the report's conclusion), which may not be empty."""
    if not permissions.can_complete_audit(actor, audit):
        raise PermissionDenied
    summary = (summary or "").strip()
    if not summary:
        raise AuditRuleError(_("Write the audit's summary before completing it."))
    audit.summary = summary
    audit.status = Audit.Status.COMPLETED
    audit.save(update_fields=["summary", "status"])
    return audit


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
    finding: Finding | None = None,
    complaint: Complaint | None = None,
    raised_on: date | None = None,
    verification_interval_days: int = 30,
    check_rights: bool = True,
) -> CorrectiveAction:
    if check_rights and not can_manage(actor):
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
    if not can_answer_action(actor, action):
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
    if not can_answer_action(actor, action):
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
    if not can_manage(actor):
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
    if not can_manage(actor):
        raise PermissionDenied
    if not response.strip():
        raise AuditRuleError(_("Write the response given."))
    complaint.response = response
    complaint.status = Complaint.Status.ANSWERED
    complaint.answered_on = timezone.localdate()
    complaint.save(update_fields=["response", "status", "answered_on"])
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


# --- management review ------------------------------------------------------------


@transaction.atomic
def prepare_review(*, actor, fields: dict) -> ManagementReview:
    """Create the review with every registered input compiled now and frozen.

    The inputs are stored as JSON in the review: later changes to the data they
    were drawn from never alter the record.
    """
    if not can_manage(actor):
        raise PermissionDenied
    start, end = fields["period_start"], fields["period_end"]
    inputs = []
    for review_input in review_inputs():
        data = review_input.collect(start, end)
        inputs.append(
            {
                "key": review_input.key,
                "label": str(review_input.label),
                "clause": review_input.clause,
                "summary": str(data.get("summary", "")),
                "columns": [str(c) for c in data.get("columns", [])],
                "rows": [[_json_cell(v) for v in row] for row in data.get("rows", [])],
            }
        )
    return ManagementReview.objects.create(
        **fields, inputs=inputs, prepared_at=timezone.now(), prepared_by=actor
    )


def _json_cell(value):
    if isinstance(value, (int, float, str)) or value is None:
        return value
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return str(value)


@transaction.atomic
def mark_decision_done(*, decision: ReviewDecision, actor, done_on: date | None = None):
    if not can_manage(actor):
        raise PermissionDenied
    decision.status = ReviewDecision.Status.DONE
    decision.done_on = done_on or timezone.localdate()
    decision.save(update_fields=["status", "done_on"])
    return decision


@transaction.atomic
def decision_to_corrective_action(
    *, decision: ReviewDecision, actor, due_date: date | None = None
) -> CorrectiveAction:
    if not can_manage(actor):
        raise PermissionDenied
    if decision.corrective_action_id:
        raise AuditRuleError(_("This decision already has its corrective action."))
    if decision.department is None:
        raise AuditRuleError(_("Name the department responsible before opening an action."))
    action = open_corrective_action(
        actor=actor,
        source=CA.Source.MANAGEMENT_REVIEW,
        department=decision.department,
        nonconformity=decision.text,
        due_date=due_date or decision.due_date or timezone.localdate() + timedelta(days=30),
        owner=decision.owner,
    )
    decision.corrective_action = action
    decision.kind = ReviewDecision.Kind.CORRECTIVE_ACTION
    decision.save(update_fields=["corrective_action", "kind"])
    return action


# Inputs the audits app brings to the review (registered in apps.py).


def audit_results_input(start: date, end: date) -> dict:
    findings = Finding.objects.filter(audit__date__range=(start, end)).select_related(
        "audit__round", "department"
    )
    audits = Audit.objects.filter(date__range=(start, end)).count()
    counts = Counter((f.audit.round.get_kind_display(), f.grade) for f in findings)
    rounds = sorted({r for r, _g in counts})
    grades = Finding.Grade
    rows = [[r, *[counts[(r, g)] for g in grades.values]] for r in rounds]
    nc = sum(1 for f in findings if f.is_nonconformity)
    return {
        "summary": _("%(audits)d audits, %(findings)d findings, of which %(nc)d nonconformities.")
        % {"audits": audits, "findings": len(findings), "nc": nc},
        "columns": [_("Round"), *[str(label) for label in grades.labels]],
        "rows": rows,
    }


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


def previous_review_actions_input(start: date, end: date) -> dict:
    previous = ManagementReview.objects.filter(meeting_date__lt=end).order_by("-meeting_date")
    review = previous.first()
    if review is None:
        return {"summary": _("No earlier management review."), "columns": [], "rows": []}
    decisions = list(review.decisions.select_related("corrective_action"))
    done = sum(1 for d in decisions if d.status == ReviewDecision.Status.DONE)
    rows = [
        [
            d.text,
            d.get_status_display(),
            d.corrective_action.number if d.corrective_action else "",
        ]
        for d in decisions
    ]
    return {
        "summary": _("Review of %(day)s: %(done)d of %(total)d actions done.")
        % {"day": review.meeting_date.strftime("%d/%m/%Y"), "done": done, "total": len(decisions)},
        "columns": [_("Decision"), _("Status"), _("Corrective action")],
        "rows": rows,
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


# --- reminders --------------------------------------------------------------------


def _secretariat_users():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(groups__name=Role.ISO_SECRETARIAT, is_active=True)


def _occasions(today: date):
    """(key, recipients, subject, body, url) for each reminder that is due today."""
    soon = today + timedelta(days=AUDIT_NOTICE_DAYS)
    audits = (
        Audit.objects.filter(date__range=(today, soon), status=Audit.Status.PLANNED)
        .select_related("department__head", "lead_auditor")
        .prefetch_related("team")
    )
    for audit in audits:
        people = {audit.lead_auditor, *audit.team.all()}
        if audit.department and audit.department.head:
            people.add(audit.department.head)
        yield (
            f"audit-upcoming:{audit.pk}:{audit.date.isoformat()}",
            people,
            _("Audit on %(day)s: %(subject)s")
            % {"day": audit.date.strftime("%d/%m/%Y"), "subject": audit.subject},
            _("The audit of %(subject)s takes place on %(day)s. Scope: %(scope)s")
            % {
                "subject": audit.subject,
                "day": audit.date.strftime("%d/%m/%Y"),
                "scope": audit.scope,
            },
            audit.get_absolute_url(),
        )
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
    secretariat = list(_secretariat_users()) if checks else []
    for action in checks:
        yield (
            f"ca-verify:{action.pk}:{action.verification_due.isoformat()}",
            set(secretariat),
            _("Effectiveness of %(number)s to verify") % {"number": action.number},
            action.nonconformity,
            action.get_absolute_url(),
        )


def send_reminders(*, today: date | None = None, base_url: str = "") -> int:
    """Send each due reminder once per occasion and recipient; return how many went.

    The row in ``SentReminder`` is written in the same transaction as the e-mail
    is handed over, so a failed send is tried again next time and two runs at
    once cannot both send (the unique constraint refuses the second).
    """
    today = today or timezone.localdate()
    sent = 0
    for key, people, subject, body, url in _occasions(today):
        for person in people:
            if person is None or not person.is_active:
                continue
            try:
                with transaction.atomic():
                    SentReminder.objects.create(
                        key=key, recipient=person, subject=subject[:300], url=url
                    )
                    if person.email:
                        send_mail(
                            f"[IMS] {subject}",
                            f"{body}\n\n{base_url}{url}",
                            None,
                            [person.email],
                        )
            except IntegrityError:
                continue  # sent on an earlier run
            sent += 1
    return sent


def reminders_for(user, *, limit: int = 10):
    return SentReminder.objects.filter(recipient=user).order_by("-sent_at")[:limit]


def home_items(user, today: date | None = None) -> dict:
    """What needs ``user`` now: audits coming up, actions due, checks due."""
    today = today or timezone.localdate()
    department = department_of(user)
    soon = today + timedelta(days=14)
    audit_q = Q(lead_auditor=user) | Q(team=user)
    if department:
        audit_q |= Q(department=department)
    audits = list(
        Audit.objects.filter(audit_q, date__range=(today, soon))
        .exclude(status=Audit.Status.COMPLETED)
        .distinct()
        .select_related("department")
    )
    action_q = Q(owner=user)
    if department and department.head_id == user.pk:
        action_q |= Q(department=department)
    # Waiting for an answer, or planned and coming due.
    needs_answer = Q(state__in=[CA.State.OPEN, CA.State.REOPENED])
    coming_due = Q(due_date__lte=today + timedelta(ACTION_DUE_NOTICE_DAYS))
    actions = list(
        CA.objects.still_to_act()
        .filter(action_q)
        .filter(needs_answer | coming_due)
        .order_by("due_date")
    )
    checks = []
    if can_manage(user):
        checks = list(
            CA.objects.filter(state=CA.State.AWAITING_VERIFICATION, verification_due__lte=today)
        )
    return {"audits": audits, "actions": actions, "checks": checks, "today": today}
