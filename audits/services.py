"""Business rules of internal audits: planning, checklists, findings, completion,
and the reminders and home items of audits and corrective actions.

Every write that matters is one function here with an explicit ``actor``; each
runs in a transaction, refuses what the rules forbid with :class:`AuditRuleError`
(a translated message), asks ``audits/permissions.py`` for rights and writes its
event row. Corrective actions and complaints have theirs in
``audits/corrective/services.py``, management review in ``audits/review/services.py``.
"""

from collections import Counter
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audits import permissions
from audits.corrective import services as corrective
from audits.corrective.models import CorrectiveAction
from audits.corrective.services import open_corrective_action
from audits.errors import AuditRuleError, ConflictError
from audits.models import (
    Audit,
    AuditEvent,
    AuditProgramme,
    AuditRound,
    ChecklistItem,
    Finding,
)
from ims.models import Department
from ims.notifications.reminders import send_each_once
from ims.permissions import department_of
from ims.roles import Role

CA = CorrectiveAction
DEFAULT_ACTION_DAYS = 30
AUDIT_NOTICE_DAYS = 7


# --- audits ---------------------------------------------------------------------


@transaction.atomic
def create_programme(*, actor, fields: dict) -> AuditProgramme:
    """Create the audit programme of a school year; ``fields`` are its own columns."""
    if not permissions.can_manage(actor):
        raise PermissionDenied
    programme = AuditProgramme(**fields, created_by=actor)
    programme._history_user = actor
    programme.save()
    return programme


@transaction.atomic
def update_programme(*, programme: AuditProgramme, actor, fields: dict) -> AuditProgramme:
    if not permissions.can_manage(actor):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(programme, name, value)
    programme._history_user = actor
    programme.save()
    return programme


@transaction.atomic
def create_round(*, programme: AuditProgramme, actor, fields: dict) -> AuditRound:
    """Add a round (internal 1, internal 2, certification, surveillance) to ``programme``."""
    if not permissions.can_manage(actor):
        raise PermissionDenied
    round = AuditRound(programme=programme, **fields)
    round._history_user = actor
    round.save()
    return round


@transaction.atomic
def update_round(*, round: AuditRound, actor, fields: dict) -> AuditRound:
    if not permissions.can_manage(actor):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(round, name, value)
    round._history_user = actor
    round.save()
    return round


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
    if not permissions.can_manage(actor):
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
    if not permissions.can_manage(actor):
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
    if not permissions.can_fill_checklist(actor, audit):
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
    # The checklist starts the audit: planned → in progress, once (conditional update).
    started = Audit.objects.filter(pk=audit.pk, status=Audit.Status.PLANNED).update(
        status=Audit.Status.IN_PROGRESS
    )
    if started:
        audit.status = Audit.Status.IN_PROGRESS
        AuditEvent.objects.create(audit=audit, status=audit.status, actor=actor)
    return len(new), removed


def save_checklist_item(
    *, item: ChecklistItem, actor, result: str, evidence: str, version: int
) -> ChecklistItem:
    """Save one answer; refuse it when someone else saved the item since ``version``."""
    if not permissions.can_fill_checklist(actor, item.audit):
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
    if not permissions.can_fill_checklist(actor, audit):
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
    if not permissions.can_fill_checklist(actor, audit):
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
    """Close the audit with its summary (the report's conclusion), which may not be empty.

    Locks the audit's row, so that of two people completing it at once the second
    meets a completed audit and is told so; writes the ``AuditEvent``.
    """
    locked = Audit.objects.select_for_update().get(pk=audit.pk)
    if not locked.can_move_to(Audit.Status.COMPLETED):
        raise AuditRuleError(
            _("This audit is completed already: its summary stays as it was written.")
            if locked.status == Audit.Status.COMPLETED
            else _("An audit that is “%(now)s” cannot be completed.")
            % {"now": locked.get_status_display()}
        )
    if not permissions.can_complete_audit(actor, locked):
        raise PermissionDenied
    summary = (summary or "").strip()
    if not summary:
        raise AuditRuleError(_("Write the audit's summary before completing it."))
    locked.summary = summary
    locked.status = Audit.Status.COMPLETED
    locked._history_user = actor
    locked.save(update_fields=["summary", "status"])
    AuditEvent.objects.create(audit=locked, status=locked.status, actor=actor)
    audit.summary, audit.status = locked.summary, locked.status
    return locked


# --- input to the management review (registered in hooks.py) -------------------------


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
    yield from corrective.reminder_occasions(today, _secretariat_users)


def send_reminders(*, today: date | None = None, base_url: str = "") -> int:
    """Send each due reminder once per occasion and recipient; return how many went.

    The row in ``ims.SentReminder`` is written in the same transaction as the e-mail
    is handed over, so a failed send is tried again next time and two runs at
    once cannot both send (the unique constraint refuses the second).
    """
    today = today or timezone.localdate()
    return send_each_once("audits", lambda: _occasions(today), base_url=base_url)


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
    actions = corrective.actions_for(user, today)
    checks = corrective.checks_for(user, today)
    return {"audits": audits, "actions": actions, "checks": checks, "today": today}
